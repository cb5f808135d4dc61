/* cmd_services.c - `ozgtui services [--field F] [--filter TEXT] [--format F]` */
#include <stdlib.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "field", 'f', true },
		{ "filter", 0, true },
		{ "format", 0, true },
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_TABLE;
	const char *field_arg = NULL, *text = NULL, *val;
	char *folded_text = NULL;
	uint16_t field = 0;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			field_arg = val;
		else if (o == 1)
			text = val;
		else if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "[--field F] [--filter TEXT] [--format table|tsv|json]")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if (field_arg && (st = cli_find_field(ctx, field_arg, &field)) != STATUS_OK)
		goto out;
	if (text)
		folded_text = text_fold(text);
	const struct catalog *c = &ctx->catalog;
	json_t *arr = fmt == CLI_JSON ? json_array() : NULL;
	static const struct cli_col cols[] = {
		{ N_("OZG"), CLI_RIGHT, 0, false },
		{ N_("Name"), CLI_LEFT, 50, true },
		{ N_("Field"), CLI_LEFT, 24, true },
		{ N_("Delivered by"), CLI_LEFT, 0, false },
	};
	struct cli_table tab;
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	struct buf cats;
	buf_init(&cats);
	for (size_t i = 0; i < c->n_services; i++) {
		const struct service *s = &c->services[i];
		if (field && s->field != field)
			continue;
		if (folded_text) {
			char *folded = text_fold(s->name ? s->name : "");
			bool hit = text_word_prefix(folded, folded_text);
			free(folded);
			if (!hit)
				continue;
		}
		buf_reset(&cats);
		category_mask_format(&cats, service_delivery(s));
		size_t codes_len = cats.len;
		/* tsv keeps " (default)" in English, as it always had it */
		if (!s->categories)
			buf_puts(&cats, " (default)");
		if (arr) {
			json_t *j = json_object();
			json_object_set_new(j, "ozg_id", json_integer(s->ozg_id));
			json_object_set_new(j, "name", cli_json_str(s->name));
			json_object_set_new(j, "field", json_integer(s->field));
			json_object_set_new(j, "field_name", cli_json_str(cli_field_name(c, s->field)));
			json_object_set_new(j, "life_situation", cli_json_str(s->life_situation));
			json_t *cl = json_array();
			for (unsigned k = 1; k <= CAT__MAX; k++)
				if (service_delivery(s) & CAT_BIT(k))
					json_array_append_new(cl, json_string(category_code((enum category)k)));
			json_object_set_new(j, "categories", cl);
			json_object_set_new(j, "default", json_boolean(!s->categories));
			json_array_append_new(arr, j);
			continue;
		}
		cli_table_cellf(&tab, "%u", (unsigned)s->ozg_id);
		cli_table_cell(&tab, s->name);
		cli_table_cell(&tab, cli_field_name(c, s->field));
		if (s->categories) {
			cli_table_cell(&tab, cats.data);
		} else {
			char *shown = xasprintf("%.*s%s", (int)codes_len, cats.data, _(" (default)"));
			cli_table_cell_alt(&tab, shown, cats.data);
			free(shown);
		}
	}
	if (arr)
		cli_json_print(ctx->out, arr);
	else if (cli_table_rows(&tab) || fmt == CLI_TSV)
		cli_table_print(&tab, ctx->out, fmt);
	else
		fputs(_("no services match\n"), ctx->out);
	buf_fini(&cats);
	cli_table_fini(&tab);
out:
	free(folded_text);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_services = {
	.name = "services",
	.usage = "[--field F] [--filter TEXT] [--format table|tsv|json]",
	.summary = N_("list OZG services with the categories that deliver them"),
	.help =
		N_("Lists the OZG services (OZG-Leistungen): OZG id, name, topic field and the\n"
		"municipality categories that deliver them; \"(default)\" marks a service for which\n"
		"nobody has said yet, so categories 1-4 count (see service-categories).\n"
		"\n"
		"  -f, --field F       only the services of one topic field\n"
		"      --filter TEXT   names with a word starting with TEXT\n"
		"      --format F      table (default), tsv or json\n"),
	.flags = CMD_READS,
	.run = run,
};
