/* cmd_check.c - `ozgtui check [--filter EXPR] [--format text|json]`: exit 1 on findings. */
#include "ozgtui/check.h"
#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "filter", 'f', true },
		{ "format", 0, true },
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_TEXT;
	const char *expr = NULL, *val;
	struct filter *f = NULL;
	struct findings fs;
	struct txn *t = NULL;
	struct buf joined;
	int o;
	enum status st = STATUS_OK;
	findings_init(&fs);
	buf_init(&joined);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			expr = val;
		else if ((st = cli_parse_format(val, CLI_TEXT | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if (expr)
		buf_puts(&joined, expr);
	for (size_t i = 0; i < p.pos.n; i++) {
		if (joined.len)
			buf_putc(&joined, ' ');
		buf_puts(&joined, p.pos.v[i]);
	}
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	if ((st = filter_compile(joined.data ? joined.data : "", c, &f)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	/* the table's details in the user's language, JSON's texts plain English */
	enum check_texts texts = fmt == CLI_JSON ? CHECK_TEXTS_PLAIN : CHECK_TEXTS_PEOPLE;
	if ((st = check_run(t, c, f, clock_today(), texts, &fs)) != STATUS_OK)
		goto out;
	if (fmt == CLI_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < fs.n; i++) {
			const struct finding *x = &fs.v[i];
			json_t *j = json_object();
			json_object_set_new(j, "kind", json_string(finding_kind_code(x->kind)));
			json_object_set_new(j, "project", x->number ? json_integer(x->number) : json_null());
			json_object_set_new(j, "uuid", cli_json_uuid(&x->project));
			json_object_set_new(j, "field", json_integer(x->field));
			json_object_set_new(j, "other_project", x->other_number ? json_integer(x->other_number) : json_null());
			json_object_set_new(j, "others", x->n_others ? json_integer(x->n_others) : json_null());
			json_object_set_new(j, "service", x->service ? json_integer(x->service) : json_null());
			json_object_set_new(j, "outcome", cli_json_uuid(&x->outcome));
			json_object_set_new(j, "text", cli_json_str(x->text));
			json_array_append_new(arr, j);
		}
		cli_json_print(ctx->out, arr);
	} else {
		static const struct cli_col cols[] = {
			{ "#", CLI_RIGHT, 0, false },
			{ N_("Finding"), CLI_LEFT, 0, false },
			{ N_("Field"), CLI_LEFT, 22, true },
			{ N_("Detail"), CLI_LEFT, 0, false },
		};
		struct cli_table tab;
		cli_table_init(&tab, cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < fs.n; i++) {
			const struct finding *x = &fs.v[i];
			if (x->number)
				cli_table_cellf(&tab, "%u", (unsigned)x->number);
			else
				cli_table_cell(&tab, "-");   /* an outcome linked to no project */
			cli_table_cell(&tab, finding_kind_code(x->kind));
			cli_table_cell(&tab, cli_field_name(c, x->field));
			cli_table_cell(&tab, x->text);
		}
		if (fs.n) {
			cli_table_print(&tab, ctx->out, CLI_TABLE);
			fprintf(ctx->out, P_("%zu finding\n", "%zu findings\n", fs.n), fs.n);
		} else {
			fputs(_("no findings\n"), ctx->out);
		}
		cli_table_fini(&tab);
	}
	/* findings are the answer, not an error: exit 1 without a message */
	if (fs.n)
		st = cli_reported(status_fail(STATUS_RULE, _("%zu findings"), fs.n));
out:
	store_txn_end(t);
	findings_fini(&fs);
	filter_free(f);
	buf_fini(&joined);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_check = {
	.name = "check",
	.usage = "[--filter EXPR] [--format text|json] [EXPR...]",
	.summary = N_("report teams not representative, late projects, parallel work, overdue items"),
	.help =
		N_("Checks the projects that match the filter (all without one) and lists the findings:\n"
		"  not-representative  the team lacks a delivering category (active projects)\n"
		"  late                a phase's planned date has passed and it is not reached\n"
		"  parallel            an active project shares a service with other active\n"
		"                      projects (one finding per project: the first three by\n"
		"                      number and how many more)\n"
		"  no-lead             an active project without a lead organisation\n"
		"  overdue             an open action item past its due date (workshop outcomes;\n"
		"                      with a filter, those linked to a matching project)\n"
		"  bundle-drift        projects bundled by a workshop outcome more than one phase\n"
		"                      apart (reported on the one behind)\n"
		"Exits 1 when there are findings, 0 when there are none.\n"
		"\n"
		"  -f, --filter EXPR   the filter language (ozgtui(1), docs/filter.md)\n"
		"      --format F      text (default) or json\n"),
	.flags = CMD_READS,
	.run = run,
};
