/* cmd_counts.c - `ozgtui counts [--format tsv|json]`: projects per phase and
 * topic field, straight from the counts the store keeps at write time (no
 * project is read, so the cost does not grow with the number of projects). */
#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "format", 0, true },
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_TSV;
	const char *val;
	struct txn *t = NULL;
	uint32_t (*counts)[256] = NULL;
	json_t *arr = NULL;
	struct buf out;
	int o;
	enum status st = STATUS_OK;
	buf_init(&out);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0)
		if ((st = cli_parse_format(val, CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "[--format tsv|json]")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	counts = xcalloc(256, sizeof(*counts));
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if ((st = store_project_counts(t, counts)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	if (fmt == CLI_JSON)
		arr = json_array();
	else
		buf_puts(&out, "phase\tfield\tcount\n");
	/* phases in their order, then any id the list no longer has */
	bool done[256] = { false };
	for (size_t k = 0; k <= c->phases.n; k++) {
		for (unsigned id = 0; id < 256; id++) {
			if (k < c->phases.n ? id != c->phases.v[k].id : done[id])
				continue;
			done[id] = true;
			const struct phase *ph = catalog_phase(c, (uint8_t)id);
			for (unsigned f = 0; f < 256; f++) {
				if (!counts[id][f])
					continue;
				if (arr) {
					json_t *row = json_object();
					json_object_set_new(row, "phase", ph ? cli_json_str(ph->slug) : json_integer(id));
					json_object_set_new(row, "field", f ? json_integer(f) : json_null());
					json_object_set_new(row, "count", json_integer(counts[id][f]));
					json_array_append_new(arr, row);
				} else {
					if (ph)
						cli_tsv_escape(&out, ph->slug);
					else
						buf_printf(&out, "%u", id);
					buf_printf(&out, "\t%u\t%u\n", f, (unsigned)counts[id][f]);
				}
			}
		}
	}
	if (arr) {
		cli_json_print(ctx->out, arr);
		arr = NULL;
	} else {
		fwrite(out.data, 1, out.len, ctx->out);
	}
out:
	json_decref(arr);
	store_txn_end(t);
	free(counts);
	buf_fini(&out);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_counts = {
	.name = "counts",
	.usage = "[--format tsv|json]",
	.summary = N_("projects per phase and topic field, as numbers"),
	.help =
		N_("Prints how many projects are in each phase and topic field, one line per pair\n"
		   "that has any: phase (slug), field (number, 0 for none), count. The numbers are\n"
		   "kept current at every change, so this reads no project.\n"
		   "\n"
		   "      --format F   tsv (default, with a header line) or json\n"),
	.flags = CMD_READS,
	.run = run,
};
