/* cmd_interest.c - `ozgtui interest ID ORG [--expect-version N]` */
#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = { { "expect-version", 0, true } };
	struct cli_parser p;
	struct project pr;
	uint32_t expected = 0;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	project_init(&pr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0)
		if ((st = cli_parse_uint("expect-version", val, 1, UINT32_MAX, &expected)) != STATUS_OK)
			goto out;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 2, 2, "ID ORG")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	if ((st = cli_find_project(ctx, p.pos.v[0], &pr)) != STATUS_OK)
		goto out;
	const struct organisation *org;
	if ((st = cli_find_org(ctx, p.pos.v[1], &org)) != STATUS_OK)
		goto out;
	st = ops_interest(ctx->store, &ctx->catalog, &pr.id, &org->id, expected);
	if (st == STATUS_OK)
		st = cli_report_change(ctx, &pr, NULL, false);
out:
	cli_parser_fini(&p);
	project_fini(&pr);
	return st;
}

const struct cmd cmd_interest = {
	.name = "interest",
	.usage = "ID ORG [--expect-version N]",
	.summary = N_("record that an organisation declared interest in a project"),
	.help =
		N_("Records that ORG (an AGS or unique name prefix) declared interest in the project.\n"
		"Interested organisations come first among the suggestions for a team that is not\n"
		"representative.\n"
		"\n"
		"      --expect-version N   refuse (exit 75) unless the project is at version N\n"),
	.flags = CMD_WRITES,
	.run = run,
};
