/* cmd_sponsor.c - `ozgtui sponsor [FIELD [PERSON]] [--clear] [--format table|json]`:
 * the sponsors (Themenpaten) of the topic fields. */
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/workshops.h"
#include "ozgtui/i18n.h"

#define USAGE "[FIELD [PERSON]] [--clear] [--format table|tsv|json]"

static const struct cli_col cols[] = {
	{"#", CLI_RIGHT, 0, false},
	{N_("Field"), CLI_LEFT, 40, true},
	{N_("Sponsor"), CLI_LEFT, 0, true},
};

static enum status list(struct cmd_ctx *ctx, uint16_t only, enum cli_format fmt)
{
	const struct catalog *c = &ctx->catalog;
	if (fmt == CLI_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < c->n_fields; i++) {
			const struct topic_field *f = &c->fields[i];
			if (only && f->number != only)
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "field", json_integer(f->number));
			json_object_set_new(o, "slug", cli_json_str(f->slug));
			json_object_set_new(o, "name", cli_json_str(f->name));
			json_object_set_new(o, "sponsor", cli_json_str(f->sponsor));
			json_array_append_new(arr, o);
		}
		cli_json_print(ctx->out, arr);
		return STATUS_OK;
	}
	struct cli_table tab;
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < c->n_fields; i++) {
		const struct topic_field *f = &c->fields[i];
		if (only && f->number != only)
			continue;
		cli_table_cellf(&tab, "%u", (unsigned)f->number);
		cli_table_cell(&tab, f->name);
		cli_table_cell(&tab, f->sponsor ? f->sponsor : (fmt == CLI_TSV ? "" : "–"));
	}
	cli_table_print(&tab, ctx->out, fmt);
	cli_table_fini(&tab);
	return STATUS_OK;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{"clear", 0, false},
		{"format", 0, true},
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_TABLE;
	bool clear = false;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			clear = true;
		else if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, clear ? 1 : 0, clear ? 1 : 2, USAGE)) != STATUS_OK)
		goto out;
	bool set = clear || p.pos.n == 2;
	if ((st = cmd_open_store(ctx, set ? CMD_WRITES : CMD_READS)) != STATUS_OK)
		goto out;
	uint16_t field = 0;
	if (p.pos.n >= 1 && (st = cli_find_field(ctx, p.pos.v[0], &field)) != STATUS_OK)
		goto out;
	if (!set) {
		st = list(ctx, field, fmt);
		goto out;
	}
	const char *person = clear ? NULL : p.pos.v[1];
	if (person && !*person) {
		st = status_fail(STATUS_USAGE, _("an empty sponsor: use --clear to remove one"));
		goto out;
	}
	if ((st = workshops_sponsor_set(ctx->store, &ctx->catalog, field, person)) != STATUS_OK)
		goto out;
	if ((st = cli_reload_catalog(ctx)) != STATUS_OK)
		goto out;
	const struct topic_field *f = catalog_field(&ctx->catalog, field);
	struct buf b;
	buf_init(&b);
	struct buf name, who;
	buf_init(&name);
	buf_init(&who);
	cli_text(&name, f ? f->name : "?");
	if (f && f->sponsor)
		cli_text(&who, f->sponsor);
	/* TRANSLATORS: "2 Bauen & Wohnen: sponsor krz" after setting a sponsor */
	if (f && f->sponsor)
		buf_printf(&b, _("%u %s: sponsor %s"), (unsigned)field, name.data ? name.data : "", who.data);
	else
		buf_printf(&b, _("%u %s: sponsor none"), (unsigned)field, name.data ? name.data : "");
	buf_fini(&name);
	buf_fini(&who);
	fprintf(ctx->out, "%s\n", b.data);
	buf_fini(&b);
out:
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_sponsor = {
	.name = "sponsor",
	.usage = USAGE,
	.summary = N_("show or set the sponsor (Themenpate) of a topic field"),
	.help =
		N_("Without arguments, lists the topic fields with their sponsors; with FIELD, that\n"
		"field's. With FIELD PERSON, makes PERSON the field's sponsor (Themenpate): the one\n"
		"who maintains which municipality categories deliver the field's services (see\n"
		"service-categories). PERSON is free text: a role and an organisation, e.g.\n"
		"'Themenpate: krz (Facharbeitsgruppe OZG)'. The change is kept in history.\n"
		"\n"
		"      --clear        remove the field's sponsor\n"
		"      --format F     table (default), tsv or json\n"
		"\n"
		"Example: ozgtui sponsor bauen 'Bauaufsicht Kreis Lippe (Themenpatin)'\n"),
	.flags = CMD_WRITES,
	.run = run,
};
