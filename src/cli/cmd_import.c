/* cmd_import.c - `ozgtui import FILE [--format json|csv] [--table projects] [--dry-run]` */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/csvio.h"
#include "ozgtui/jsonio.h"
#include "ozgtui/i18n.h"

/* A dry run needs a store; without a database it checks against an empty
 * temporary one, so that checking a file creates nothing. */
static enum status dry_run_without_db(struct cmd_ctx *ctx, const char *path, struct buf *report)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/ozgtui-dry-run-XXXXXX", base && *base ? base : "/tmp");
	struct store *s = NULL;
	enum status st;
	if (!mkdtemp(dir)) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot create a temporary directory: %s"), strerror(errno));
		goto out;
	}
	st = store_open(dir, STORE_CREATE, &s);
	if (st == STATUS_OK)
		st = jsonio_import(s, path, true, report);
	store_close(s);
	char *f = xasprintf("%s/data.mdb", dir);
	unlink(f);
	free(f);
	f = xasprintf("%s/lock.mdb", dir);
	unlink(f);
	free(f);
	rmdir(dir);
out:
	free(dir);
	(void)ctx;
	return st;
}

static bool database_exists(struct cmd_ctx *ctx)
{
	if (ctx->store)
		return true;
	char *dir = store_default_dir(ctx->db_dir);
	char *f = xasprintf("%s/data.mdb", dir);
	struct stat sb;
	bool ok = stat(f, &sb) == 0;
	free(f);
	free(dir);
	return ok;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "dry-run", 'n', false }, { "format", 0, true }, { "table", 0, true } };
	struct cli_parser p;
	bool dry_run = false;
	const char *val, *format = NULL, *table = NULL;
	struct buf report;
	int o;
	enum status st = STATUS_OK;
	buf_init(&report);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			dry_run = true;
		else if (o == 1)
			format = val;
		else
			table = val;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, "FILE [--format json|csv] [--table projects] [--dry-run]")) != STATUS_OK)
		goto out;
	const char *path = p.pos.v[0];
	/* CSV by --format, or by the name FILE.csv */
	size_t plen = strlen(path);
	bool csv = format ? !strcmp(format, "csv")
			  : plen > 4 && !strcasecmp(path + plen - 4, ".csv");
	if (format && strcmp(format, "csv") && strcmp(format, "json")) {
		st = status_fail(STATUS_USAGE, _("unsupported format '%s' (supported: json, csv)"), format);
		goto out;
	}
	if (table && (!csv || strcmp(table, "projects"))) {
		st = status_fail(STATUS_USAGE, csv ? _("unsupported table '%s' (supported: projects)")
						   : _("--table '%s' needs --format csv"), table);
		goto out;
	}
	struct stat sb;
	if (stat(path, &sb) != 0) {
		st = status_fail(errno == ENOENT || errno == ENOTDIR ? STATUS_NOT_FOUND : STATUS_IO,
				 _("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		st = status_fail(STATUS_IO, _("cannot read %s: it is a directory"), path);
		goto out;
	}
	if (csv) {
		/* projects go into a database that has its reference data */
		if ((st = cmd_open_store(ctx, dry_run ? CMD_READS : CMD_WRITES)) != STATUS_OK)
			goto out;
		st = csvio_import_projects(ctx->store, path, dry_run, &report);
	} else if (dry_run && !database_exists(ctx)) {
		st = dry_run_without_db(ctx, path, &report);
	} else {
		if ((st = cmd_open_store(ctx, dry_run ? CMD_READS : CMD_CREATES | CMD_WRITES)) != STATUS_OK)
			goto out;
		st = jsonio_import(ctx->store, path, dry_run, &report);
		if (st == STATUS_OK && !dry_run)
			st = cli_reload_catalog(ctx);
	}
	if (st != STATUS_OK)
		goto out;
	if (report.len) {
		cli_puts(ctx->out, report.data);
		if (report.data[report.len - 1] != '\n')
			fputc('\n', ctx->out);
	}
	if (dry_run)
		fputs(_("dry run: nothing was written\n"), ctx->out);
out:
	buf_fini(&report);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_import = {
	.name = "import",
	.usage = "FILE [--format json|csv] [--table projects] [--dry-run]",
	.summary = N_("import a JSON document (from export), or projects from CSV"),
	.help =
		N_("Imports a document written by `ozgtui export`. Into an empty database (a new --db\n"
		"directory is created) everything is restored as it was: UUIDs, numbers, versions and\n"
		"history. Into a database with data, reference data and projects are added or\n"
		"updated by key and each changed project gets an \"import\" history entry.\n"
		"\n"
		"The file is read once, record by record, each checked and written in one\n"
		"transaction: a bad file is refused with FILE:LINE and the reason of every error\n"
		"(exit 65), and the database stays exactly as it was. The file may be of any size\n"
		"(one record at most 16 MiB).\n"
		"\n"
		"A CSV file (FILE.csv, or --format csv) adds and updates projects: the columns of\n"
		"`ozgtui export --format csv --table projects`, by header name; a row with a known\n"
		"uuid or number updates that project (only the columns present), one without adds\n"
		"one (docs/csv-import.md). All rows are checked, then written in one transaction.\n"
		"\n"
		"  -n, --dry-run       check only and report what would happen\n"
		"      --format F      json (default) or csv (default for FILE.csv)\n"
		"      --table T       the CSV table: projects (the only one)\n"),
	.flags = CMD_CREATES | CMD_WRITES,
	.run = run,
};
