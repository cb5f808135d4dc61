/* cmd_verify.c - `ozgtui verify`: every index and record checked. */
#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct buf report;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	buf_init(&report);
	cli_parser_init(&p, argc, argv, NULL, 0);
	while ((o = cli_parser_next(&p, &val)) >= 0)
		;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	st = store_verify(ctx->store, &report);
	if (report.len) {
		cli_puts(ctx->out, report.data);
		if (report.data[report.len - 1] != '\n')
			fputc('\n', ctx->out);
	}
	if (st == STATUS_OK) {
		size_t n = 0;
		struct txn *t = NULL;
		if (store_read_begin(ctx->store, &t) == STATUS_OK)
			store_project_count(t, &n);
		store_txn_end(t);
		fprintf(ctx->out, _("ok: %s: %zu projects, %zu organisations, %zu services; every record "
			"decodes and every index is in step\n"),
			store_dir(ctx->store), n, ctx->catalog.n_orgs, ctx->catalog.n_services);
	} else if (st == STATUS_CORRUPT) {
		st = status_fail(STATUS_CORRUPT, _("%s is damaged (see above)"), store_dir(ctx->store));
	}
out:
	buf_fini(&report);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_verify = {
	.name = "verify",
	.usage = "",
	.summary = N_("check that every record decodes and every index is in step"),
	.help =
		N_("Reads every record and every secondary index of the database and reports each\n"
		"problem on a line of its own. Exits 0 when all is well, 74 when the database is\n"
		"damaged.\n"),
	.flags = CMD_READS,
	.run = run,
};
