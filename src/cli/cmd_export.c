/* cmd_export.c - `ozgtui export [--format json] [-o FILE]` */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/jsonio.h"

/* Makes the rename durable: fsync of the directory holding path. */
static void sync_dir(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Writes the export to path atomically: path.tmp in the same directory,
 * fsync, rename. A failure leaves no temporary file and path untouched. */
static enum status export_to_file(struct txn *t, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	enum status st = STATUS_OK;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		st = status_fail(STATUS_CANT_WRITE, "cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		st = status_fail(STATUS_IO, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	st = jsonio_export(t, f);
	if (st == STATUS_OK && (fflush(f) != 0 || ferror(f) || fsync(fd) != 0))
		st = status_fail(STATUS_IO, "cannot write %s: %s", tmp, strerror(errno));
	if (fclose(f) != 0 && st == STATUS_OK)
		st = status_fail(STATUS_IO, "cannot write %s: %s", tmp, strerror(errno));
	if (st == STATUS_OK && rename(tmp, path) != 0)
		st = status_fail(STATUS_CANT_WRITE, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
	if (st != STATUS_OK)
		unlink(tmp);
	else
		sync_dir(path);
out:
	free(tmp);
	return st;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "format", 0, true },
		{ "output", 'o', true },
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_JSON;
	const char *path = NULL, *val;
	struct txn *t = NULL;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			if ((st = cli_parse_format(val, CLI_JSON, &fmt)) != STATUS_OK)
				goto out;
		} else {
			path = val;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "[--format json] [-o FILE]")) != STATUS_OK)
		goto out;
	if (path && !*path) {
		st = status_fail(STATUS_USAGE, "-o needs a file name");
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if (!path || strcmp(path, "-") == 0)
		st = jsonio_export(t, ctx->out);
	else
		st = export_to_file(t, path);
out:
	store_txn_end(t);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_export = {
	.name = "export",
	.usage = "[--format json] [-o FILE]",
	.summary = "write the whole database as one JSON document",
	.help =
		"Writes everything (phases, settings, topic fields, organisations, services,\n"
		"projects, workshops, outcomes, history) as one versioned JSON document\n"
		"(docs/json-format.md) to standard output or FILE. `ozgtui import` of it into an\n"
		"empty database and another export give the same document, \"exported_at\" aside.\n"
		"\n"
		"      --format F     json (the only format for now)\n"
		"  -o, --output FILE  write to FILE atomically (FILE.tmp beside it, then renamed);\n"
		"                     '-' is standard output\n",
	.flags = CMD_READS,
	.run = run,
};
