/* cmd_export.c - `ozgtui export [--format json|csv|md|html] [--filter EXPR]
 * [--snapshot NAME] [--table T] [-o FILE]`: the formats are in src/export*.c. */
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/export.h"
#include "ozgtui/i18n.h"

#define USAGE "[--format json|csv|md|html] [--filter EXPR] [--snapshot NAME] [--table T] [-o FILE]"

struct export_job {
	struct txn *t;
	const struct catalog *c;
	const struct export_opts *o;
};

static enum status write_job(FILE *out, void *arg)
{
	struct export_job *j = arg;
	return export_run(j->t, j->c, j->o, out);
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "format", 0, true },
		{ "output", 'o', true },
		{ "filter", 'f', true },
		{ "snapshot", 0, true },
		{ "table", 0, true },
	};
	struct cli_parser p;
	struct export_opts eo = {.format = EXPORT_JSON, .table = EXPORT_TABLE_PROJECTS};
	const char *path = NULL, *val, *filter_expr = NULL, *snap_name = NULL;
	bool table_given = false;
	struct filter *filter = NULL;
	struct snapshot snap;
	struct txn *t = NULL;
	int o;
	enum status st = STATUS_OK;
	snapshot_init(&snap);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		switch (o) {
		case 0:
			if (!export_format_parse(val, &eo.format)) {
				struct buf b;
				buf_init(&b);
				cli_text(&b, val);
				st = status_fail(STATUS_USAGE, _("unsupported format '%s' (supported: json, csv, md, html)"),
						 b.data ? b.data : "");
				buf_fini(&b);
				goto out;
			}
			break;
		case 1: path = val; break;
		case 2: filter_expr = val; break;
		case 3: snap_name = val; break;
		default:
			if (!export_table_parse(val, &eo.table)) {
				st = status_fail(STATUS_USAGE, _("unknown table (expected projects, teams, services, "
							       "outcomes, workshops, organisations or history)"));
				goto out;
			}
			table_given = true;
			break;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, USAGE)) != STATUS_OK)
		goto out;
	if (path && !*path) {
		st = status_fail(STATUS_USAGE, _("-o needs a file name"));
		goto out;
	}
	if (table_given && eo.format != EXPORT_CSV) {
		st = status_fail(STATUS_USAGE, _("--table belongs to --format csv"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if (filter_expr) {
		if ((st = filter_compile(filter_expr, &ctx->catalog, &filter)) != STATUS_OK)
			goto out;
		eo.filter = filter;
		eo.filter_text = filter_expr;
	}
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if (snap_name) {
		if ((st = store_snapshot_get(t, snap_name, &snap)) != STATUS_OK)
			goto out;
		eo.snapshot = &snap;
	}
	if (!path || strcmp(path, "-") == 0) {
		st = export_run(t, &ctx->catalog, &eo, ctx->out);
	} else {
		struct export_job job = {t, &ctx->catalog, &eo};
		st = export_write_atomic(path, write_job, &job);
	}
out:
	store_txn_end(t);
	filter_free(filter);
	snapshot_fini(&snap);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_export = {
	.name = "export",
	.usage = USAGE,
	.summary = N_("export the status: JSON document, CSV tables, Markdown or HTML report"),
	.help =
		N_("Writes one consistent state to standard output or FILE (docs/export-formats.md):\n"
		"  json  everything (phases, settings, topic fields, organisations, services,\n"
		"        projects, workshops, outcomes, history) as one versioned JSON document\n"
		"        (docs/json-format.md); `ozgtui import` of it into an empty database and\n"
		"        another export give the same document, \"exported_at\" aside\n"
		"  csv   one table (--table): projects (default), teams, services, outcomes,\n"
		"        workshops, organisations, history; RFC 4180, UTF-8, CRLF, a header row;\n"
		"        cells that a spreadsheet would take for a formula start with '\n"
		"  md    a committee report (German): phases per topic field, changes since the\n"
		"        previous snapshot, teams not representative, late projects, overdue\n"
		"        action items\n"
		"  html  the same as one self-contained, accessible page with the dashboard\n"
		"        matrix; no scripts, no network, fine when printed\n"
		"\n"
		"      --format F       json (default), csv, md or html\n"
		"  -f, --filter EXPR    only projects matching EXPR (docs/filter.md) and what\n"
		"                       belongs to them\n"
		"      --snapshot NAME  the state saved as NAME (`ozgtui snapshot save`) instead\n"
		"                       of the current one; late and overdue as of its date\n"
		"      --table T        the CSV table\n"
		"  -o, --output FILE    write FILE atomically (a temporary file beside it, synced,\n"
		"                       then renamed: on failure the old FILE stays); '-' is\n"
		"                       standard output\n"),
	.flags = CMD_READS,
	.run = run,
};
