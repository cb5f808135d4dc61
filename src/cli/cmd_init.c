/* cmd_init.c - `ozgtui init [--demo] [--phases default|kdn] [--shared GROUP]` */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/demo.h"
#include "ozgtui/refdata.h"
#include "ozgtui/i18n.h"

/* The seed of the sample: fixed, so that every demo database looks alike. */
#define DEMO_SEED 1

struct init_arg {
	enum phase_preset preset;
	bool reference;   /* seed the reference data */
	bool demo;        /* add the sample */
	const struct config *config;   /* its [new-database] policies, or NULL */
};

/* The policies of the config file's [new-database] over the seeded settings. */
static enum status apply_config(struct txn *t, const struct config *conf)
{
	struct phase_list l;
	struct settings s;
	phase_list_init(&l);
	settings_init(&s);
	enum status st = store_phases_get(t, &l);
	if (st == STATUS_OK)
		st = store_settings_get(t, &s);
	if (st == STATUS_OK)
		st = config_apply_new_database(conf, &l, &s);
	if (st == STATUS_OK)
		st = store_settings_put(t, &s);
	settings_fini(&s);
	phase_list_fini(&l);
	return st;
}

static enum status init_cb(struct txn *t, void *arg)
{
	const struct init_arg *a = arg;
	enum status st = STATUS_OK;
	if (a->reference)
		st = refdata_seed(t, a->preset);
	if (st == STATUS_OK && a->reference && a->config)
		st = apply_config(t, a->config);
	if (st == STATUS_OK && a->demo) {
		struct catalog c;
		catalog_init(&c);
		st = catalog_load(&c, t);
		if (st == STATUS_OK)
			st = demo_seed(t, &c, DEMO_SEED);
		catalog_fini(&c);
	}
	return st;
}

struct counts {
	size_t projects;
	size_t demo;
};

static int count_project(const struct project *p, void *arg)
{
	struct counts *n = arg;
	n->projects++;
	if (p->demo)
		n->demo++;
	return 0;
}

static enum status count_projects(struct cmd_ctx *ctx, struct counts *n)
{
	struct txn *t = NULL;
	memset(n, 0, sizeof(*n));
	enum status st = store_read_begin(ctx->store, &t);
	if (st == STATUS_OK)
		st = store_project_each(t, count_project, n);
	store_txn_end(t);
	return st;
}

/* True when the process may give files to group gid. */
static bool in_group(gid_t gid)
{
	if (getuid() == 0 || getegid() == gid)
		return true;
	int n = getgroups(0, NULL);
	if (n <= 0)
		return false;
	gid_t *v = xcalloc((size_t)n, sizeof *v);
	n = getgroups(n, v);
	bool found = false;
	for (int i = 0; i < n; i++)
		found |= v[i] == gid;
	free(v);
	return found;
}

/* A shared database (issue 6): the directory belongs to the group and is
 * setgid (2770), so every file in it belongs to the group too; the store sees
 * the setgid bit and keeps data.mdb and lock.mdb at 0660. Everything before
 * the first write: a directory that holds a database is left alone. */
static enum status make_shared_dir(const char *dir, const char *group)
{
	struct group *gr = getgrnam(group);
	if (!gr)
		return status_fail(STATUS_NOT_FOUND, _("--shared: no group '%s' on this system"), group);
	gid_t gid = gr->gr_gid;
	if (!in_group(gid))
		return status_fail(STATUS_PERM, _("--shared: you are not a member of the group '%s'"), group);
	char *data = xasprintf("%s/data.mdb", dir);
	struct stat sb;
	bool exists = stat(data, &sb) == 0;
	free(data);
	if (exists)
		return status_fail(STATUS_DATA, _("%s holds a database already; docs/admin-guide.md says how to "
						 "share an existing one"), dir);
	if (mkdir(dir, 02770) != 0 && errno != EEXIST)
		return status_fail(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_CANT_WRITE,
				   _("cannot create %s: %s (a shared database's parent directory must exist)"), dir,
				   strerror(errno));
	if (chown(dir, (uid_t)-1, gid) != 0 || chmod(dir, 02770) != 0)
		return status_fail(STATUS_PERM, _("cannot give %s to the group '%s': %s"), dir, group,
				   strerror(errno));
	/* The members must be able to reach it. */
	char *parent = xstrdup(dir);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		if (stat(parent, &sb) == 0 && !(sb.st_mode & S_IXOTH) && !(sb.st_gid == gid && (sb.st_mode & S_IXGRP)))
			fprintf(stderr, _("ozgtui: init: warning: members of '%s' cannot enter %s (mode %04o)\n"),
				group, parent, (unsigned)(sb.st_mode & 07777));
	}
	free(parent);
	return STATUS_OK;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "demo", 0, false },
		{ "phases", 0, true },
		{ "shared", 0, true },
	};
	const char *shared = NULL;
	struct cli_parser p;
	struct init_arg a = { .preset = PHASES_DEFAULT };
	bool phases_given = false;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			a.demo = true;
		} else if (o == 2) {
			shared = val;
		} else if (strcmp(val, "default") == 0) {
			a.preset = PHASES_DEFAULT;
			phases_given = true;
		} else if (strcmp(val, "kdn") == 0) {
			a.preset = PHASES_KDN;
			phases_given = true;
		} else {
			st = status_fail(STATUS_USAGE, _("--phases: expected default or kdn"));
			goto out;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "[--demo] [--phases default|kdn] [--shared GROUP]")) != STATUS_OK)
		goto out;
	if (shared && !ctx->store) {
		char *dir = store_default_dir(ctx->db_dir);
		st = make_shared_dir(dir, shared);
		free(dir);
		if (st != STATUS_OK)
			goto out;
	}
	/* a new database takes the config file's [new-database] choices */
	a.config = ctx->config;
	if (!phases_given && ctx->config && ctx->config->phases >= 0)
		a.preset = (enum phase_preset)ctx->config->phases;
	if ((st = cmd_open_store(ctx, CMD_CREATES | CMD_WRITES)) != STATUS_OK)
		goto out;

	struct counts n;
	if (store_initialised(ctx->store)) {
		if (!a.demo || phases_given) {
			st = status_fail(STATUS_DATA,
					 a.demo ? _("%s is already initialised; its phases stay as they are")
						: _("%s is already initialised"),
					 store_dir(ctx->store));
			goto out;
		}
		if ((st = count_projects(ctx, &n)) != STATUS_OK)
			goto out;
		if (n.demo) {
			st = status_fail(STATUS_DATA, _("%s is already initialised and holds the demo (%zu sample projects)"),
					 store_dir(ctx->store), n.demo);
			goto out;
		}
		a.reference = false;
	} else {
		a.reference = true;
	}
	if ((st = store_write(ctx->store, init_cb, &a)) != STATUS_OK)
		goto out;
	if ((st = cli_reload_catalog(ctx)) != STATUS_OK)
		goto out;
	if ((st = count_projects(ctx, &n)) != STATUS_OK)
		goto out;

	const struct catalog *c = &ctx->catalog;
	if (a.reference) {
		fprintf(ctx->out, _("initialised %s: %zu topic fields, %zu OZG services, %zu organisations; phases "),
			store_dir(ctx->store), c->n_fields, c->n_services, c->n_orgs);
		for (size_t i = 0; i < c->phases.n; i++) {
			fputs(i ? (c->phases.v[i].outside_line ? ", " : " → ") : "", ctx->out);
			cli_puts(ctx->out, c->phases.v[i].name);
		}
		fputc('\n', ctx->out);
	}
	if (a.reference && ctx->config &&
	    (ctx->config->rep_policy >= 0 || ctx->config->gate_scope.value || ctx->config->gate_team.value ||
	     (!phases_given && ctx->config->phases >= 0))) {
		const struct settings *se = &c->settings;
		const struct phase *gs = phase_list_get(&c->phases, se->gate_scope_phase);
		const struct phase *gt = phase_list_get(&c->phases, se->gate_team_phase);
		fprintf(ctx->out, _("settings: rep-policy %s, gate-scope "), se->rep_policy == REP_ALL ? "all" : "span");
		cli_puts(ctx->out, gs ? gs->name : "off");
		fputs(_(", gate-team "), ctx->out);
		cli_puts(ctx->out, gt ? gt->name : "off");
		fprintf(ctx->out, _(" (from %s)"), ctx->config->path);
		fputc('\n', ctx->out);
	}
	if (a.demo)
		fprintf(ctx->out, _("added the demo: %zu sample projects, marked as demo\n"), n.demo);
	if (shared)
		fprintf(ctx->out, _("shared with the group %s: the directory is 2770, its files 0660; you are its "
				    "admin, the others are viewers until you give them a role "
				    "(ozgtui role set USER coordinator)\n"), shared);
out:
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_init = {
	.name = "init",
	.usage = "[--demo] [--phases default|kdn] [--shared GROUP]",
	.summary = N_("create a database with the reference data (and the demo sample)"),
	.help =
		N_("Creates the database (--db DIR, $OZGTUI_DB or $XDG_DATA_HOME/ozgtui/db) and seeds it\n"
		"with the 14 topic fields, the OZG services, the NRW municipalities and counties and\n"
		"the IT service providers.\n"
		"\n"
		"  --demo            also add the clearly marked sample (about 80 projects); on a\n"
		"                    database that is initialised but holds no demo yet, adds only it\n"
		"  --phases PRESET   default (Sichtung ... Betrieb) or kdn (the KDN dashboard's phases)\n"
		"  --shared GROUP    a database for a team: the directory belongs to GROUP and is\n"
		"                    setgid (2770), its files 0660; whoever runs init is its admin,\n"
		"                    the other members are viewers until given a role (ozgtui role)\n"
		"\n"
		"The [new-database] section of the config file (ozgtui-config(5)) gives the phase\n"
		"preset and the policies; `ozgtui settings` changes the policies later.\n"
		"An initialised database is refused (exit 65).\n"),
	.flags = CMD_CREATES | CMD_WRITES,
	.run = run,
};
