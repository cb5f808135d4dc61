/* cmd_role.c - `ozgtui role [list] [--format table|tsv|json]`,
 * `ozgtui role set USER viewer|coordinator|admin|none` */
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/i18n.h"

struct set_arg {
	const char *user;
	enum access_role role;
};

static enum status set_cb(struct txn *t, void *arg)
{
	const struct set_arg *a = arg;
	return store_role_set(t, a->user, a->role);
}

struct list_arg {
	struct cli_table *tab;
	json_t *arr;
	bool me_listed;
};

static void add_row(struct list_arg *a, const char *user, enum access_role r, const char *source)
{
	if (a->arr) {
		json_t *j = json_object();
		json_object_set_new(j, "user", cli_json_str(user));
		json_object_set_new(j, "role", json_string(store_role_name(r)));
		json_object_set_new(j, "source", json_string(source));
		json_array_append_new(a->arr, j);
	} else {
		cli_table_cell(a->tab, user);
		cli_table_cell(a->tab, store_role_name(r));
		cli_table_cell(a->tab, source);
	}
}

static int list_cb(const char *user, enum access_role r, void *arg)
{
	struct list_arg *a = arg;
	if (strcmp(user, user_name()) == 0)
		a->me_listed = true;
	add_row(a, user, r, "entry");
	return 0;
}

static bool dir_shared(const char *dir)
{
	struct stat sb;
	return stat(dir, &sb) == 0 && (sb.st_mode & (S_ISGID | S_IWGRP));
}

static enum status list(struct cmd_ctx *ctx, enum cli_format fmt)
{
	static const struct cli_col cols[] = {
		{ N_("User"), CLI_LEFT, 32, false },
		{ N_("Role"), CLI_LEFT, 0, false },
		{ N_("From"), CLI_LEFT, 0, false },
	};
	struct cli_table tab;
	struct list_arg a = { .tab = &tab };
	struct txn *t = NULL;
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	if (fmt == CLI_JSON)
		a.arr = json_array();
	enum status st = store_read_begin(ctx->store, &t);
	if (st == STATUS_OK)
		st = store_role_each(t, list_cb, &a);
	enum access_role mine = ACCESS_NONE;
	if (st == STATUS_OK)
		st = store_role_of(t, user_name(), &mine, NULL);
	if (st == STATUS_OK && !a.me_listed)
		add_row(&a, user_name(), mine, "default");
	store_txn_end(t);
	if (st != STATUS_OK)
		goto out;
	bool shared = dir_shared(store_dir(ctx->store));
	if (a.arr) {
		json_t *root = json_object();
		json_object_set_new(root, "database", cli_json_str(store_dir(ctx->store)));
		json_object_set_new(root, "shared", json_boolean(shared));
		json_object_set_new(root, "you", cli_json_str(user_name()));
		json_object_set_new(root, "your_role", json_string(store_role_name(mine)));
		json_object_set_new(root, "default", json_string(shared ? "viewer" : "coordinator"));
		json_object_set_new(root, "roles", a.arr);
		a.arr = NULL;
		cli_json_print(ctx->out, root);
	} else {
		cli_table_print(&tab, ctx->out, fmt);
		if (fmt == CLI_TABLE) {
			fprintf(ctx->out, _("\nyou ("));
			cli_puts(ctx->out, user_name());
			fprintf(ctx->out, _(") are %s; users without an entry are %s on this %s database\n"),
				store_role_name(mine), shared ? "viewer" : "coordinator",
				shared ? "shared" : "private");
		}
	}
out:
	json_decref(a.arr);
	cli_table_fini(&tab);
	return st;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = { { "format", 0, true } };
	struct cli_parser p;
	enum cli_format fmt = CLI_TABLE;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	const char *sub = p.pos.n ? p.pos.v[0] : "list";
	if (strcmp(sub, "list") == 0) {
		if ((st = cli_want_pos(&p, 0, 1, "[list] [--format table|tsv|json]")) != STATUS_OK)
			goto out;
		if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
			goto out;
		st = list(ctx, fmt);
	} else if (strcmp(sub, "set") == 0) {
		if ((st = cli_want_pos(&p, 3, 3, "set USER viewer|coordinator|admin|none")) != STATUS_OK)
			goto out;
		struct set_arg a = { .user = p.pos.v[1] };
		if (!store_role_parse(p.pos.v[2], &a.role)) {
			st = status_fail(STATUS_USAGE, _("unknown role '%s' (viewer, coordinator, admin or none)"),
					 p.pos.v[2]);
			goto out;
		}
		/* Roles belong to Unix users of this machine: a typo must not become
		 * an entry nobody holds. */
		if (!getpwnam(a.user)) {
			st = status_fail(STATUS_NOT_FOUND, _("no user '%s' on this system"), a.user);
			goto out;
		}
		if ((st = cmd_open_store(ctx, CMD_READS | CMD_WRITES)) != STATUS_OK)
			goto out;
		if ((st = store_write(ctx->store, set_cb, &a)) != STATUS_OK)
			goto out;
		fprintf(ctx->out, "%s: ", a.user);
		if (a.role == ACCESS_NONE)
			fprintf(ctx->out, _("entry removed; the default applies\n"));
		else
			fprintf(ctx->out, "%s\n", store_role_name(a.role));
	} else {
		st = status_fail(STATUS_USAGE, _("unknown subcommand '%s' (list or set)"), sub);
	}
out:
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_role = {
	.name = "role",
	.usage = "[list] [--format table|tsv|json] | set USER viewer|coordinator|admin|none",
	.summary = N_("who may do what: list the roles, or (admin) set a user's role"),
	.help =
		N_("Roles belong to Unix users and are kept in the database:\n"
		"  viewer       reads and exports\n"
		"  coordinator  also changes projects, teams, workshops, outcomes and snapshots\n"
		"  admin        also roles, phases, settings and reference data (service\n"
		"               categories, topic fields, organisations, imports of them)\n"
		"\n"
		"Whoever initialises a database is its admin. A user without an entry is a\n"
		"viewer on a shared database (ozgtui init --shared GROUP) and a coordinator on\n"
		"a private one; root is always admin. `set USER none` removes the entry.\n"
		"Only an admin sets roles, and the last admin cannot step down. Every change\n"
		"and every refused attempt is recorded in history. A refusal exits 77.\n"),
	.flags = CMD_READS,
	.run = run,
};
