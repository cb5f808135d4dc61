/* cmd_add.c - `ozgtui add --title T --field F [--service OZGID]... [--lead ORG] ...` */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

extern const struct cmd cmd_add;

enum { O_TITLE, O_FIELD, O_SERVICE, O_LEAD, O_MEMBER, O_PRIORITY, O_NOTES };
static const struct cli_opt opts[] = {
	[O_TITLE] = { "title", 't', true },
	[O_FIELD] = { "field", 'f', true },
	[O_SERVICE] = { "service", 's', true },
	[O_LEAD] = { "lead", 0, true },
	[O_MEMBER] = { "member", 0, true },
	[O_PRIORITY] = { "priority", 'p', true },
	[O_NOTES] = { "notes", 0, true },
};

struct pending {
	int opt;
	const char *val;
};

static enum status apply(struct cmd_ctx *ctx, struct project *pr, const struct pending *o)
{
	enum status st = STATUS_OK;
	const struct organisation *org;
	uint32_t n;
	switch (o->opt) {
	case O_TITLE:
		free(pr->title);
		pr->title = text_trim(xstrdup(o->val));
		break;
	case O_FIELD:
		st = cli_find_field(ctx, o->val, &pr->field);
		break;
	case O_SERVICE:
		if ((st = cli_find_service(ctx, o->val, &n)) == STATUS_OK && !project_has_service(pr, n))
			project_add_service(pr, n);
		break;
	case O_LEAD:
	case O_MEMBER:
		if ((st = cli_find_org(ctx, o->val, &org)) == STATUS_OK) {
			if (o->opt == O_LEAD && project_lead(pr))
				return status_fail(STATUS_USAGE, _("a project has one lead"));
			project_set_member(pr, &org->id, o->opt == O_LEAD ? ROLE_LEAD : ROLE_MEMBER);
		}
		break;
	case O_PRIORITY:
		if ((st = cli_parse_uint("priority", o->val, 1, 5, &n)) == STATUS_OK)
			pr->priority = (uint8_t)n;
		break;
	case O_NOTES:
		free(pr->notes);
		pr->notes = xstrdup(o->val);
		break;
	default:
		break;
	}
	return st;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct pending *todo = xcalloc((size_t)argc + 1, sizeof(*todo));
	size_t n_todo = 0;
	bool has_title = false, has_field = false;
	struct project pr;
	const char *val;
	int o;
	enum status st;
	project_init(&pr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		todo[n_todo++] = (struct pending){ o, val };
		has_title |= o == O_TITLE;
		has_field |= o == O_FIELD;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, cmd_add.usage)) != STATUS_OK)
		goto out;
	if (!has_title || !has_field) {
		st = status_fail(STATUS_USAGE, _("a project needs --title and --field"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < n_todo; i++)
		if ((st = apply(ctx, &pr, &todo[i])) != STATUS_OK)
			goto out;
	if ((st = ops_project_create(ctx->store, &ctx->catalog, &pr)) != STATUS_OK)
		goto out;
	/* only the number, so that scripts can capture it */
	fprintf(ctx->out, "%u\n", (unsigned)pr.number);
out:
	cli_parser_fini(&p);
	project_fini(&pr);
	free(todo);
	return st;
}

const struct cmd cmd_add = {
	.name = "add",
	.usage = "--title T --field F [--service OZGID]... [--lead ORG] [--member ORG]... "
		 "[--priority 1-5] [--notes TEXT]",
	.summary = N_("add a project; prints its number"),
	.help =
		N_("Adds a project in the first phase of the line (its reached date is today) and prints\n"
		"its number, and nothing else, so that scripts can capture it.\n"
		"\n"
		"  -t, --title T        the title (required)\n"
		"  -f, --field F        topic field: number, slug or name prefix (required)\n"
		"  -s, --service OZGID  an OZG service: id or unique name prefix; repeatable\n"
		"      --lead ORG       the lead organisation: AGS or unique name prefix\n"
		"      --member ORG     a team member; repeatable\n"
		"  -p, --priority N     1 (low) to 5 (high)\n"
		"      --notes TEXT     free notes\n"
		"\n"
		"Example: n=$(ozgtui add --title 'Elterngeld digital' --field familie --service 10000 --lead krz)\n"),
	.flags = CMD_WRITES,
	.run = run,
};
