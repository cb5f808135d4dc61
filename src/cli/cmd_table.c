/* cmd_table.c - the command table, dispatch and opening of the database.
 *
 * A new verb is one file src/cli/cmd_NAME.c defining `const struct cmd cmd_NAME`
 * and one row in CMD_LIST below, in the order `ozgtui --help` shows them.
 */
#include "ozgtui/cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/i18n.h"

#define CMD_LIST(X)                                                                 \
	X(init)                                                                     \
	X(add)                                                                      \
	X(list)                                                                     \
	X(show)                                                                     \
	X(edit)                                                                     \
	X(move)                                                                     \
	X(team)                                                                     \
	X(interest)                                                                 \
	X(orgs)                                                                     \
	X(services)                                                                 \
	X(service_categories)                                                       \
	X(workshop)                                                                 \
	X(outcome)                                                                  \
	X(sponsor)                                                                  \
	X(check)                                                                    \
	X(dashboard)                                                                \
	X(counts)                                                                   \
	X(history)                                                                  \
	X(export)                                                                   \
	X(import)                                                                   \
	X(verify)                                                                   \
	X(settings)                                                                 \
	X(snapshot)                                                                 \
	X(backup)                                                                   \
	X(restore)                                                                  \
	X(role)                                                                     \
	X(help)

#define CMD_EXTERN(name) extern const struct cmd cmd_##name;
CMD_LIST(CMD_EXTERN)
#undef CMD_EXTERN

const struct cmd *const cmd_table[] = {
#define CMD_ROW(name) &cmd_##name,
	CMD_LIST(CMD_ROW)
#undef CMD_ROW
};
const size_t cmd_table_len = ARRAY_LEN(cmd_table);

const struct cmd *cmd_find(const char *name)
{
	for (size_t i = 0; i < cmd_table_len; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

void cmd_ctx_init(struct cmd_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->out = stdout;
	ctx->err = stderr;
	catalog_init(&ctx->catalog);
}

void cmd_ctx_fini(struct cmd_ctx *ctx)
{
	if (!ctx)
		return;
	catalog_fini(&ctx->catalog);
	ctx->catalog_loaded = false;
	store_close(ctx->store);
	ctx->store = NULL;
}

void cmd_print_help(const struct cmd *c, FILE *out)
{
	fprintf(out, _("usage: ozgtui %s%s%s\n\n%s\n"), c->name, c->usage[0] ? " " : "", c->usage,
		_(c->summary));
	if (c->help && c->help[0])
		fprintf(out, "\n%s", _(c->help));
	fputs(_("\nExit status: see ozgtui --help or docs/exit-status.md.\n"), out);
}

static bool file_exists(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat sb;
	bool ok = stat(path, &sb) == 0;
	free(path);
	return ok;
}

static enum status no_database(const char *dir)
{
	return status_fail(STATUS_NOT_FOUND,
			   _("no database at %s; create one with `ozgtui init` (or `ozgtui init --demo`)"),
			   dir);
}

enum status cmd_open_store(struct cmd_ctx *ctx, unsigned flags)
{
	if (!(flags & (CMD_READS | CMD_WRITES | CMD_CREATES)))
		return STATUS_OK;
	bool writes = flags & (CMD_WRITES | CMD_CREATES);
	if (writes && ctx->readonly)
		return status_fail(STATUS_PERM,
				   _("the database was opened read-only (--readonly) and this command writes"));
	enum status st = STATUS_OK;
	if (!ctx->store) {
		char *dir = store_default_dir(ctx->db_dir);
		if (!(flags & CMD_CREATES) && !file_exists(dir, "data.mdb")) {
			st = no_database(dir);
			free(dir);
			return st;
		}
		unsigned sf = 0;
		if (flags & CMD_CREATES)
			sf |= STORE_CREATE;
		if (ctx->readonly)
			sf |= STORE_READONLY;
		st = store_open(dir, sf, &ctx->store);
		if (st == STATUS_PERM && !writes && !(sf & STORE_READONLY)) {
			/* Reading needs no write permission: read it read-only. */
			sf |= STORE_READONLY;
			st = store_open(dir, sf, &ctx->store);
		}
		free(dir);
		if (st != STATUS_OK) {
			ctx->store = NULL;
			return st;
		}
	} else if (writes && store_readonly(ctx->store)) {
		return status_fail(STATUS_PERM, _("the database is open read-only and this command writes"));
	}
	if (!store_initialised(ctx->store)) {
		if (flags & CMD_CREATES)
			return STATUS_OK;
		return no_database(store_dir(ctx->store));
	}
	if (flags & CMD_LAZY_CATALOG) {
		if (!ctx->catalog_loaded)
			st = cli_load_catalog_lazy(ctx);
	} else if (!ctx->catalog_loaded || ctx->catalog.lazy) {
		st = cli_reload_catalog(ctx);
	}
	return st;
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

enum status cmd_dispatch(struct cmd_ctx *ctx, int argc, char **argv)
{
	status_clear();
	cli_take_reported();
	if (argc < 1 || !argv[0])
		return status_fail(STATUS_USAGE, _("no command given (see ozgtui --help)"));
	const struct cmd *c = cmd_find(argv[0]);
	if (!c) {
		status_fail(STATUS_USAGE, _("unknown command '%s' (see ozgtui --help)"), argv[0]);
		cli_print_error(ctx->err, NULL, status_detail());
		return STATUS_USAGE;
	}
	if (wants_help(argc, argv)) {
		cmd_print_help(c, ctx->out);
		return STATUS_OK;
	}
	/* names a refused write in history (the TUI's ':' line runs verbs too) */
	const char *outer = store_role_action(c->name);
	enum status st = c->run(ctx, argc, argv);
	store_role_action(outer);
	errno = 0;
	if ((fflush(ctx->out) != 0 || ferror(ctx->out)) && st == STATUS_OK) {
		st = status_fail(STATUS_IO, _("cannot write the output: %s"),
				 errno ? strerror(errno) : _("write error"));
	}
	if (st != STATUS_OK && !cli_take_reported()) {
		const char *d = status_detail();
		cli_print_error(ctx->err, c->name, d[0] ? d : _(status_message(st)));
	}
	return st;
}
