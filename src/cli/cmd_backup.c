/* cmd_backup.c - `ozgtui backup DEST`: a consistent, compacted copy. */
#include <stdlib.h>
#include <sys/stat.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"
#include "ozgtui/progress.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, NULL, 0);
	while ((o = cli_parser_next(&p, &val)) >= 0)
		;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, "DEST")) != STATUS_OK)
		goto out;
	const char *dest = p.pos.v[0];
	if (!*dest) {
		st = status_fail(STATUS_USAGE, _("DEST needs a directory name"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	/* one long call: a line on a terminal while LMDB copies (progress.h) */
	struct progress prog;
	progress_begin(&prog, _("backup"), _("copying the database"), 0);
	progress_show(&prog);
	st = store_backup(ctx->store, dest);
	progress_end(&prog);
	if (st != STATUS_OK)
		goto out;
	char *data = xasprintf("%s/data.mdb", dest);
	struct stat sb;
	long long size = stat(data, &sb) == 0 ? (long long)sb.st_size : -1;
	free(data);
	fputs(_("backup of "), ctx->out);
	cli_puts(ctx->out, store_dir(ctx->store));
	fputs(_(" written to "), ctx->out);
	cli_puts(ctx->out, dest);
	if (size >= 0)
		fprintf(ctx->out, _(" (%lld bytes)"), size);
	fputs(_("; restore it with `ozgtui --db NEW-DIR restore DEST`\n"), ctx->out);
out:
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_backup = {
	.name = "backup",
	.usage = "DEST",
	.summary = N_("write a consistent, compacted copy of the database to a new directory"),
	.help =
		N_("Copies the database with LMDB's own compacting copy into DEST/data.mdb. The copy\n"
		"is one consistent state even while others keep working: it is read in a single\n"
		"read transaction, which never blocks writers. DEST must be a new directory\n"
		"(created with mode 0700; its parent must exist) or an empty one, else exit 73.\n"
		"A backup is itself a database: `ozgtui --db DEST verify` checks it, and\n"
		"`ozgtui --db NEW restore DEST` puts it back into use. Runs from cron.\n"),
	.flags = CMD_READS,
	.run = run,
};
