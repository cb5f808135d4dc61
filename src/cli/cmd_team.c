/* cmd_team.c - `ozgtui team ID [add|rm|role ORG] [--role lead|member|advisor]` */
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

/* `team ID` alone: the team and its verdict. */
static enum status list_team(struct cmd_ctx *ctx, const struct project *pr)
{
	const struct catalog *c = &ctx->catalog;
	struct txn *t = NULL;
	struct buf b;
	buf_init(&b);
	enum status st = store_read_begin(ctx->store, &t);
	if (st != STATUS_OK)
		goto out;
	static const struct cli_col cols[] = {
		{ N_("Organisation"), CLI_LEFT, 40, true },
		{ N_("AGS"), CLI_LEFT, 0, false },
		{ N_("Category"), CLI_LEFT, 0, false },
		{ N_("Role"), CLI_LEFT, 0, false },
	};
	struct cli_table tab;
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < pr->n_team; i++) {
		const struct organisation *o = catalog_org(c, &pr->team[i].org);
		cli_table_cell(&tab, o ? o->name : "?");
		cli_table_cell(&tab, o && o->ags ? o->ags : "");
		cli_table_cell(&tab, o && o->category ? category_code(o->category) : (o ? org_kind_code(o->kind) : ""));
		cli_table_cell(&tab, role_code(pr->team[i].role));
	}
	fprintf(ctx->out, "#%u ", (unsigned)pr->number);
	cli_puts(ctx->out, pr->title);
	fputc('\n', ctx->out);
	if (pr->n_team)
		cli_table_print(&tab, ctx->out, CLI_TABLE);
	else
		fputs(_("no team members\n"), ctx->out);
	cli_table_fini(&tab);
	cli_verdict_line(ctx, t, pr, &b);
	fprintf(ctx->out, "%s\n", b.data);
out:
	store_txn_end(t);
	buf_fini(&b);
	return st;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "role", 'r', true },
		{ "expect-version", 0, true },
	};
	struct cli_parser p;
	struct project pr;
	enum role role = ROLE_NONE;
	uint32_t expected = 0;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	project_init(&pr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			if (!role_parse(val, &role)) {
				st = status_fail(STATUS_USAGE, _("--role: expected lead, member or advisor"));
				goto out;
			}
		} else if ((st = cli_parse_uint("expect-version", val, 1, UINT32_MAX, &expected)) != STATUS_OK) {
			goto out;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if (p.pos.n == 1) {
		if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
			goto out;
		if ((st = cli_find_project(ctx, p.pos.v[0], &pr)) != STATUS_OK)
			goto out;
		st = list_team(ctx, &pr);
		goto out;
	}
	if ((st = cli_want_pos(&p, 3, 3, "ID add|rm|role ORG [--role lead|member|advisor]")) != STATUS_OK)
		goto out;
	const char *action = p.pos.v[1];
	bool add = strcmp(action, "add") == 0, rm = strcmp(action, "rm") == 0,
	     set_role = strcmp(action, "role") == 0;
	if (!add && !rm && !set_role) {
		st = status_fail(STATUS_USAGE, _("expected add, rm or role, not '%s'"), action);
		goto out;
	}
	if (set_role && role == ROLE_NONE) {
		st = status_fail(STATUS_USAGE, _("`team ID role ORG` needs --role lead|member|advisor"));
		goto out;
	}
	if (rm && role != ROLE_NONE) {
		st = status_fail(STATUS_USAGE, _("--role makes no sense with rm"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	if ((st = cli_find_project(ctx, p.pos.v[0], &pr)) != STATUS_OK)
		goto out;
	const struct organisation *org;
	if ((st = cli_find_org(ctx, p.pos.v[2], &org)) != STATUS_OK)
		goto out;
	if (set_role && !project_member(&pr, &org->id)) {
		struct buf b;
		buf_init(&b);
		cli_text(&b, org->name);
		st = status_fail(STATUS_NOT_FOUND, _("%s is not in the team of #%u (use add)"), b.data,
				 (unsigned)pr.number);
		buf_fini(&b);
		goto out;
	}
	if (rm)
		st = ops_team_remove(ctx->store, &ctx->catalog, &pr.id, &org->id, expected);
	else
		st = ops_team_set(ctx->store, &ctx->catalog, &pr.id, &org->id,
				  role == ROLE_NONE ? ROLE_MEMBER : role, expected);
	if (st == STATUS_OK)
		st = cli_report_change(ctx, &pr, NULL, true);
out:
	cli_parser_fini(&p);
	project_fini(&pr);
	return st;
}

const struct cmd cmd_team = {
	.name = "team",
	.usage = "ID [add|rm|role ORG] [--role lead|member|advisor] [--expect-version N]",
	.summary = N_("show or change a project's team; prints the team verdict"),
	.help =
		N_("Without an action, lists the team and its verdict. With one:\n"
		"  add ORG [--role R]   add an organisation (role member unless given); an\n"
		"                       existing member gets the role\n"
		"  rm ORG               remove a member\n"
		"  role ORG --role R    change a member's role\n"
		"A project has one lead: a new lead makes the previous one a member.\n"
		"ORG is an AGS or a unique name prefix (any case, accents optional).\n"
		"\n"
		"After a change the verdict follows, e.g.\n"
		"  team: not representative — missing: municipality; suggestions: A, B, C\n"
		"\n"
		"      --expect-version N   refuse (exit 75) unless the project is at version N\n"),
	.flags = CMD_WRITES,
	.run = run,
};
