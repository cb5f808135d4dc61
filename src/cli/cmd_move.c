/* cmd_move.c - `ozgtui move ID PHASE [--reason TEXT] [--force] [--expect-version N]` */
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "reason", 'r', true },
		{ "force", 0, false },
		{ "expect-version", 0, true },
	};
	struct cli_parser p;
	struct move_request m = { 0 };
	struct project pr;
	struct buf why;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	project_init(&pr);
	buf_init(&why);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			m.reason = val;
		else if (o == 1)
			m.force = true;
		else if ((st = cli_parse_uint("expect-version", val, 1, UINT32_MAX, &m.expected_version)) != STATUS_OK)
			goto out;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 2, 2, "ID PHASE [--reason TEXT] [--force]")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_WRITES | CMD_LAZY_CATALOG)) != STATUS_OK)
		goto out;
	if ((st = cli_find_project(ctx, p.pos.v[0], &pr)) != STATUS_OK)
		goto out;
	if ((st = cli_find_phase(ctx, p.pos.v[1], &m.to)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	if (pr.phase == m.to && !m.expected_version) {
		struct buf b;
		buf_init(&b);
		cli_text(&b, cli_phase_name(c, m.to));
		fprintf(ctx->out, _("#%u is already in %s\n"), (unsigned)pr.number, b.data);
		buf_fini(&b);
		goto out;
	}
	m.project = pr.id;
	st = ops_move(ctx->store, c, &m, &why);
	if (st == STATUS_RULE) {
		st = status_fail(STATUS_RULE, _("%s (to override: use --force --reason TEXT)"), status_detail());
		goto out;
	}
	if (st == STATUS_OK)
		st = cli_report_change(ctx, &pr, why.data, false);
out:
	cli_parser_fini(&p);
	buf_fini(&why);
	project_fini(&pr);
	return st;
}

const struct cmd cmd_move = {
	.name = "move",
	.usage = "ID PHASE [--reason TEXT] [--force] [--expect-version N]",
	.summary = N_("move a project to another phase (gates apply)"),
	.help =
		N_("Moves a project to PHASE (a name or unique prefix, any case) and records the date it\n"
		"was reached (today, unless already set) and the move in history.\n"
		"\n"
		"Gates (configurable per database): into Workshop or later the project needs a topic\n"
		"field and at least one service; into Umsetzung or later a representative team and a\n"
		"recorded decision. A refused move exits 1 and says why.\n"
		"\n"
		"  -r, --reason TEXT      why; kept in history\n"
		"      --force            override a refusing gate (needs --reason)\n"
		"      --expect-version N refuse (exit 75) unless the project is at version N\n"
		"\n"
		"Moving back, or into Pausiert/Abgebrochen, is never gated.\n"
		"Example: ozgtui move 12 entscheidung --reason 'workshop of 3 May agreed'\n"),
	.flags = CMD_WRITES | CMD_LAZY_CATALOG,
	.run = run,
};
