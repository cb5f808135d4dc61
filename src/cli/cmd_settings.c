/* cmd_settings.c - `ozgtui settings [--rep-policy span|all] [--gate-scope PHASE|off]
 * [--gate-team PHASE|off] [--format text|json]`: the database's policies. */
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/config.h"
#include "ozgtui/i18n.h"
#include "ozgtui/ops.h"

static const char *gate_name(const struct catalog *c, uint8_t id)
{
	return id ? cli_phase_name(c, id) : "off";
}

static void print_settings(struct cmd_ctx *ctx, enum cli_format fmt)
{
	const struct catalog *c = &ctx->catalog;
	const struct settings *s = &c->settings;
	if (fmt == CLI_JSON) {
		json_t *o = json_object();
		json_object_set_new(o, "rep_policy", json_string(s->rep_policy == REP_ALL ? "all" : "span"));
		const struct phase *ps = phase_list_get(&c->phases, s->gate_scope_phase);
		const struct phase *pt = phase_list_get(&c->phases, s->gate_team_phase);
		json_object_set_new(o, "gate_scope", ps ? cli_json_str(ps->slug) : json_null());
		json_object_set_new(o, "gate_team", pt ? cli_json_str(pt->slug) : json_null());
		cli_json_print(ctx->out, o);
		return;
	}
	fprintf(ctx->out, "%-12s %s  (%s)\n", "rep-policy", s->rep_policy == REP_ALL ? "all" : "span",
		s->rep_policy == REP_ALL ? _("the team holds every category that delivers the services")
					 : _("the team spans the lowest and the highest delivering category"));
	fprintf(ctx->out, "%-12s ", "gate-scope");
	cli_puts(ctx->out, gate_name(c, s->gate_scope_phase));
	fprintf(ctx->out, "  (%s)\n", s->gate_scope_phase ? _("from this phase on: a topic field and a service")
							   : _("no scope gate"));
	fprintf(ctx->out, "%-12s ", "gate-team");
	cli_puts(ctx->out, gate_name(c, s->gate_team_phase));
	fprintf(ctx->out, "  (%s)\n", s->gate_team_phase ? _("from this phase on: a representative team and a decision")
							  : _("no team gate"));
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "rep-policy", 0, true },
		{ "gate-scope", 0, true },
		{ "gate-team", 0, true },
		{ "format", 0, true },
	};
	struct cli_parser p;
	const char *val, *rep = NULL, *scope = NULL, *team = NULL;
	enum cli_format fmt = CLI_TEXT;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			rep = val;
		else if (o == 1)
			scope = val;
		else if (o == 2)
			team = val;
		else if ((st = cli_parse_format(val, CLI_TEXT | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "[--rep-policy span|all] [--gate-scope PHASE|off] [--gate-team PHASE|off]")) !=
	    STATUS_OK)
		goto out;
	struct settings next;
	if (rep && strcmp(rep, "span") != 0 && strcmp(rep, "all") != 0) {
		st = status_fail(STATUS_USAGE, _("--rep-policy: expected span or all"));
		goto out;
	}
	bool writes = rep || scope || team;
	if ((st = cmd_open_store(ctx, writes ? CMD_WRITES : CMD_READS)) != STATUS_OK)
		goto out;
	next = ctx->catalog.settings;
	if (rep)
		next.rep_policy = strcmp(rep, "all") == 0 ? REP_ALL : REP_SPAN;
	const char *gv[2] = {scope, team};
	uint8_t *gd[2] = {&next.gate_scope_phase, &next.gate_team_phase};
	for (size_t i = 0; i < 2; i++) {
		if (gv[i] && (st = config_gate_phase(&ctx->catalog.phases, gv[i], gd[i])) != STATUS_OK) {
			st = status_fail(STATUS_DATA, "--%s: %s", i ? "gate-team" : "gate-scope", status_detail());
			goto out;
		}
	}
	if (writes) {
		bool changed;
		if ((st = ops_settings_update(ctx->store, &next, &changed)) != STATUS_OK)
			goto out;
		if ((st = cli_reload_catalog(ctx)) != STATUS_OK)
			goto out;
		if (!changed && fmt == CLI_TEXT)
			fprintf(ctx->out, "%s\n", _("nothing changed"));
	}
	print_settings(ctx, fmt);
out:
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_settings = {
	.name = "settings",
	.usage = "[--rep-policy span|all] [--gate-scope PHASE|off] [--gate-team PHASE|off] [--format text|json]",
	.summary = N_("show or change the database's policies: representativeness and gates"),
	.help = N_("Without options, shows the policies of this database. They belong to the database,\n"
		   "not to a user: a change applies to every coordinator and is kept in history.\n"
		   "\n"
		   "  --rep-policy span|all    span: a team needs a member of the lowest and of the\n"
		   "                           highest category that deliver its services (and a county\n"
		   "                           when one delivers); all: every delivering category\n"
		   "  --gate-scope PHASE|off   from PHASE on a project needs a topic field and a service\n"
		   "  --gate-team PHASE|off    from PHASE on a project needs a representative team and\n"
		   "                           a recorded decision\n"
		   "  --format text|json\n"
		   "\n"
		   "A new database takes these from the [new-database] section of the config file\n"
		   "(ozgtui-config(5)), else span, Workshop and Umsetzung.\n"),
	.flags = CMD_WRITES,
	.run = run,
};
