/* cmd_restore.c - `ozgtui restore SRC`: a backup into a new or empty location. */
#include <stdlib.h>
#include <unistd.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

/* Removes the files a failed restore put into dir (which was empty before). */
static void undo_restore(const char *dir)
{
	static const char *const names[] = {"data.mdb", "lock.mdb"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		unlink(p);
		free(p);
	}
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct store *s = NULL;
	struct buf report;
	char *dir = NULL;
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
	if ((st = cli_want_pos(&p, 1, 1, "SRC")) != STATUS_OK)
		goto out;
	if (ctx->readonly) {
		st = status_fail(STATUS_PERM, _("the database was opened read-only (--readonly) and restore writes"));
		goto out;
	}
	dir = store_default_dir(ctx->db_dir);
	if (ctx->store) {
		st = status_fail(STATUS_CANT_WRITE, _("%s is open and in use; restore into a new location (--db DIR)"),
				 store_dir(ctx->store));
		goto out;
	}
	if ((st = store_restore_copy(p.pos.v[0], dir)) != STATUS_OK)
		goto out;
	/* the copy must open (an older schema is migrated) and verify */
	if ((st = store_open(dir, 0, &s)) != STATUS_OK) {
		undo_restore(dir);
		goto out;
	}
	st = store_verify(s, &report);
	if (report.len) {
		cli_puts(ctx->out, report.data);
		if (report.data[report.len - 1] != '\n')
			fputc('\n', ctx->out);
	}
	if (st != STATUS_OK) {
		store_close(s);
		s = NULL;
		undo_restore(dir);
		st = status_fail(st == STATUS_CORRUPT ? STATUS_CORRUPT : st,
				 _("the backup in %s does not verify; nothing was restored"), p.pos.v[0]);
		goto out;
	}
	fputs(_("restored "), ctx->out);
	cli_puts(ctx->out, p.pos.v[0]);
	fputs(_(" into "), ctx->out);
	cli_puts(ctx->out, dir);
	fputs(_("; every record decodes and every index is in step\n"), ctx->out);
out:
	store_close(s);
	free(dir);
	buf_fini(&report);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_restore = {
	.name = "restore",
	.usage = "SRC",
	.summary = N_("put a backup into use in a new or empty database location"),
	.help =
		N_("Copies the backup in directory SRC (made by `ozgtui backup`) to the database\n"
		"location (--db DIR, $OZGTUI_DB or the default), which must not exist yet or be an\n"
		"empty directory: an existing database is never overwritten (exit 73). The copy is\n"
		"then opened (an older schema is migrated) and verified like `ozgtui verify`; when\n"
		"it does not verify, the copied files are removed again (exit 74).\n"
		"Exit 66 when SRC holds no backup, 65 when its data.mdb is not an LMDB file.\n"),
	.flags = CMD_CREATES,
	.run = run,
};
