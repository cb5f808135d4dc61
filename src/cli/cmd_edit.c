/* cmd_edit.c - `ozgtui edit ID [--title T] [--field F] ... [--expect-version N]` */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

enum {
	O_TITLE, O_FIELD, O_ADD_SERVICE, O_RM_SERVICE, O_PRIORITY, O_NOTES,
	O_ADD_COMPONENT, O_RM_COMPONENT, O_ADD_DEPARTMENT, O_RM_DEPARTMENT,
	O_ADD_SOLUTION, O_RM_SOLUTION, O_ADD_MINISTRY, O_RM_MINISTRY,
	O_PLANNED, O_REACHED, O_EXPECT,
};
static const struct cli_opt opts[] = {
	[O_TITLE] = { "title", 't', true },
	[O_FIELD] = { "field", 'f', true },
	[O_ADD_SERVICE] = { "add-service", 0, true },
	[O_RM_SERVICE] = { "rm-service", 0, true },
	[O_PRIORITY] = { "priority", 'p', true },
	[O_NOTES] = { "notes", 0, true },
	[O_ADD_COMPONENT] = { "add-component", 0, true },
	[O_RM_COMPONENT] = { "rm-component", 0, true },
	[O_ADD_DEPARTMENT] = { "add-department", 0, true },
	[O_RM_DEPARTMENT] = { "rm-department", 0, true },
	[O_ADD_SOLUTION] = { "add-solution", 0, true },
	[O_RM_SOLUTION] = { "rm-solution", 0, true },
	[O_ADD_MINISTRY] = { "add-ministry", 0, true },
	[O_RM_MINISTRY] = { "rm-ministry", 0, true },
	[O_PLANNED] = { "planned", 0, true },
	[O_REACHED] = { "reached", 0, true },
	[O_EXPECT] = { "expect-version", 0, true },
};

struct pending {
	int opt;
	const char *val;
};

/* The entry of s equal to text, case- and accent-insensitively, or -1. */
static long strv_find_folded(const struct strv *s, const char *text)
{
	char *want = text_fold(text);
	long found = -1;
	for (size_t i = 0; i < s->n && found < 0; i++) {
		char *have = text_fold(s->v[i]);
		if (strcmp(have, want) == 0)
			found = (long)i;
		free(have);
	}
	free(want);
	return found;
}

/* The lists of free words a project keeps (one message each: German declines
 * the noun). */
enum word_list { WL_COMPONENT, WL_DEPARTMENT, WL_SOLUTION };

static enum status strv_edit(struct strv *s, enum word_list what, const char *text, bool add,
			     uint32_t number)
{
	char *v = text_trim(xstrdup(text));
	enum status st = STATUS_OK;
	long at = strv_find_folded(s, v);
	if (!*v) {
		st = status_fail(STATUS_USAGE, what == WL_COMPONENT    ? _("an empty base component")
					       : what == WL_DEPARTMENT ? _("an empty department")
								       : _("an empty existing solution"));
	} else if (add) {
		if (at < 0)
			strv_push(s, v);
	} else if (at < 0) {
		st = status_fail(STATUS_NOT_FOUND,
				 what == WL_COMPONENT	 ? _("#%u has no base component '%s'")
				 : what == WL_DEPARTMENT ? _("#%u has no department '%s'")
							 : _("#%u has no existing solution '%s'"),
				 (unsigned)number, v);
	} else {
		char *victim = xstrdup(s->v[at]);
		strv_remove(s, victim);
		free(victim);
	}
	free(v);
	return st;
}

static enum status uuid_edit(struct uuid **v, size_t *n, const struct uuid *u, bool add)
{
	for (size_t i = 0; i < *n; i++) {
		if (uuid_cmp(&(*v)[i], u) == 0) {
			if (!add) {
				memmove(&(*v)[i], &(*v)[i + 1], (*n - i - 1) * sizeof(**v));
				(*n)--;
			}
			return STATUS_OK;
		}
	}
	if (!add)
		return STATUS_NOT_FOUND;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *u;
	return STATUS_OK;
}

/* PHASE=YYYY-MM-DD; an empty date, "-" or "none" clears it. */
static enum status date_edit(struct cmd_ctx *ctx, struct project *pr, const char *arg, bool planned)
{
	const char *eq = strrchr(arg, '=');
	if (!eq || eq == arg)
		return status_fail(STATUS_USAGE, _("--%s: expected PHASE=YYYY-MM-DD"),
				   planned ? "planned" : "reached");
	char *phase = xstrndup(arg, (size_t)(eq - arg));
	uint8_t id;
	enum status st = cli_find_phase(ctx, phase, &id);
	free(phase);
	if (st != STATUS_OK)
		return st;
	int32_t day = 0;
	const char *d = eq + 1;
	if (*d && strcmp(d, "-") != 0 && strcmp(d, "none") != 0 && !date_parse(d, &day))
		return status_fail(STATUS_USAGE, _("--%s: '%s' is not a date (YYYY-MM-DD)"),
				   planned ? "planned" : "reached", d);
	struct phase_date *pd = project_date(pr, id, true);
	if (planned)
		pd->planned = day;
	else
		pd->reached = day;
	return STATUS_OK;
}

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
	case O_ADD_SERVICE:
		if ((st = cli_find_service(ctx, o->val, &n)) == STATUS_OK && !project_has_service(pr, n))
			project_add_service(pr, n);
		break;
	case O_RM_SERVICE:
		if ((st = cli_find_service(ctx, o->val, &n)) != STATUS_OK)
			break;
		for (size_t i = 0; i < pr->n_services; i++) {
			if (pr->services[i] == n) {
				memmove(&pr->services[i], &pr->services[i + 1],
					(pr->n_services - i - 1) * sizeof(*pr->services));
				pr->n_services--;
				return STATUS_OK;
			}
		}
		st = status_fail(STATUS_NOT_FOUND, _("#%u has no service %u"), (unsigned)pr->number, (unsigned)n);
		break;
	case O_PRIORITY:
		if ((st = cli_parse_uint("priority", o->val, 0, 5, &n)) == STATUS_OK)
			pr->priority = (uint8_t)n;
		break;
	case O_NOTES:
		free(pr->notes);
		pr->notes = o->val[0] ? xstrdup(o->val) : NULL;
		break;
	case O_ADD_COMPONENT:
	case O_RM_COMPONENT:
		st = strv_edit(&pr->components, WL_COMPONENT, o->val, o->opt == O_ADD_COMPONENT, pr->number);
		break;
	case O_ADD_DEPARTMENT:
	case O_RM_DEPARTMENT:
		st = strv_edit(&pr->departments, WL_DEPARTMENT, o->val, o->opt == O_ADD_DEPARTMENT, pr->number);
		break;
	case O_ADD_SOLUTION:
	case O_RM_SOLUTION:
		st = strv_edit(&pr->solutions, WL_SOLUTION, o->val, o->opt == O_ADD_SOLUTION, pr->number);
		break;
	case O_ADD_MINISTRY:
	case O_RM_MINISTRY:
		if ((st = cli_find_org(ctx, o->val, &org)) != STATUS_OK)
			break;
		if (o->opt == O_ADD_MINISTRY && org->kind != ORG_MINISTRY) {
			struct buf b;
			buf_init(&b);
			cli_text(&b, org->name);
			st = status_fail(STATUS_DATA, _("%s is not a ministry (kind: %s)"), b.data,
					 org_kind_code(org->kind));
			buf_fini(&b);
			break;
		}
		st = uuid_edit(&pr->ministries, &pr->n_ministries, &org->id, o->opt == O_ADD_MINISTRY);
		if (st == STATUS_NOT_FOUND) {
			struct buf b;
			buf_init(&b);
			cli_text(&b, org->name);
			st = status_fail(STATUS_NOT_FOUND, _("%s is not among the ministries of #%u"), b.data,
					 (unsigned)pr->number);
			buf_fini(&b);
		}
		break;
	case O_PLANNED:
	case O_REACHED:
		st = date_edit(ctx, pr, o->val, o->opt == O_PLANNED);
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
	uint32_t expected = 0;
	struct project pr, was;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	project_init(&pr);
	project_init(&was);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == O_EXPECT) {
			if ((st = cli_parse_uint("expect-version", val, 1, UINT32_MAX, &expected)) != STATUS_OK)
				goto out;
			continue;
		}
		todo[n_todo++] = (struct pending){ o, val };
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, "ID [OPTIONS]")) != STATUS_OK)
		goto out;
	if (!n_todo) {
		st = status_fail(STATUS_USAGE, _("nothing to change (see ozgtui edit --help)"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	if ((st = cli_find_project(ctx, p.pos.v[0], &pr)) != STATUS_OK)
		goto out;
	project_copy(&was, &pr);   /* to tell what changed */
	uint32_t before = pr.version;
	for (size_t i = 0; i < n_todo; i++)
		if ((st = apply(ctx, &pr, &todo[i])) != STATUS_OK)
			goto out;
	/* Without --expect-version the change is based on the version just read. */
	st = ops_project_update(ctx->store, &ctx->catalog, &pr, expected ? expected : before);
	if (st == STATUS_OK)
		st = cli_report_change(ctx, &was, NULL, false);
out:
	cli_parser_fini(&p);
	project_fini(&was);
	project_fini(&pr);
	free(todo);
	return st;
}

const struct cmd cmd_edit = {
	.name = "edit",
	.usage = "ID [--title T] [--field F] [--add-service|--rm-service OZGID] [--priority 0-5] "
		 "[--notes TEXT] [--add-component|--rm-component NAME] [--add-department|--rm-department NAME] "
		 "[--add-solution|--rm-solution TEXT] [--add-ministry|--rm-ministry ORG] "
		 "[--planned PHASE=DATE] [--reached PHASE=DATE] [--expect-version N]",
	.summary = N_("change a project's fields"),
	.help =
		N_("Changes a project and records what changed in its history. Options may repeat and\n"
		"apply in order. The phase changes only with `ozgtui move`, the team with `ozgtui team`.\n"
		"\n"
		"  -t, --title T                  new title\n"
		"  -f, --field F                  topic field (number, slug or name prefix)\n"
		"      --add-service OZGID        add an OZG service (id or unique name prefix)\n"
		"      --rm-service OZGID         remove one\n"
		"  -p, --priority N               1 (low) to 5 (high); 0 removes the priority\n"
		"      --notes TEXT               replace the notes ('' clears them)\n"
		"      --add-component NAME       a base component (Servicekonto.NRW, ePayBL, ...)\n"
		"      --rm-component NAME\n"
		"      --add-department NAME      a department (Fachamt)\n"
		"      --rm-department NAME\n"
		"      --add-solution TEXT        an existing solution found in the survey\n"
		"      --rm-solution TEXT\n"
		"      --add-ministry ORG         an involved ministry (an organisation of kind ministry)\n"
		"      --rm-ministry ORG\n"
		"      --planned PHASE=YYYY-MM-DD the date planned for reaching a phase ('PHASE=' clears)\n"
		"      --reached PHASE=YYYY-MM-DD the date a phase was reached ('PHASE=' clears)\n"
		"      --expect-version N         refuse (exit 75) unless the project is at version N\n"
		"\n"
		"Example: ozgtui edit 12 --priority 4 --planned umsetzung=2025-03-01 --add-component ePayBL\n"),
	.flags = CMD_WRITES,
	.run = run,
};
