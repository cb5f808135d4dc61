/* cmd_show.c - `ozgtui show ID [--format text|json]`: everything about one project. */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

#define SHOW_HISTORY 10

struct outcomes {
	struct outcome *v;
	size_t n, cap;
};

static int collect_outcome(const struct outcome *o, void *arg)
{
	struct outcomes *os = arg;
	xgrow((void **)&os->v, &os->cap, os->n + 1, sizeof(*os->v));
	outcome_init(&os->v[os->n]);
	outcome_copy(&os->v[os->n], o);
	os->n++;
	return 0;
}

struct entries {
	struct history_entry v[SHOW_HISTORY];
	size_t n;
};

static int collect_entry(const struct history_entry *e, void *arg)
{
	struct entries *es = arg;
	history_entry_init(&es->v[es->n]);
	history_entry_copy(&es->v[es->n], e);
	return ++es->n >= SHOW_HISTORY;
}

struct facts {
	struct team_verdict verdict;
	const struct organisation *sugg[5];
	size_t n_sugg;
	struct outcomes outcomes;
	struct entries history;
	uint8_t late;
	uint32_t breadth;
};

static json_t *mask_json(uint32_t mask)
{
	json_t *a = json_array();
	for (unsigned k = 1; k <= CAT__MAX; k++)
		if (mask & CAT_BIT(k))
			json_array_append_new(a, json_string(category_code((enum category)k)));
	return a;
}

static json_t *org_json(const struct catalog *c, const struct uuid *id)
{
	const struct organisation *o = catalog_org(c, id);
	json_t *j = json_object();
	json_object_set_new(j, "uuid", cli_json_uuid(id));
	json_object_set_new(j, "name", cli_json_str(o ? o->name : NULL));
	json_object_set_new(j, "ags", cli_json_str(o ? o->ags : NULL));
	json_object_set_new(j, "kind", json_string(o ? org_kind_code(o->kind) : "other"));
	json_object_set_new(j, "category", o && o->category ? json_string(category_code(o->category)) : json_null());
	return j;
}

static json_t *orgs_json(const struct catalog *c, const struct uuid *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, org_json(c, &v[i]));
	return a;
}

static json_t *strv_json(const struct strv *s)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->n; i++)
		json_array_append_new(a, cli_json_str(s->v[i]));
	return a;
}

static json_t *show_json(const struct catalog *c, const struct project *p, const struct facts *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "number", json_integer(p->number));
	json_object_set_new(o, "uuid", cli_json_uuid(&p->id));
	json_object_set_new(o, "title", cli_json_str(p->title));
	json_object_set_new(o, "field", json_integer(p->field));
	json_object_set_new(o, "field_name", cli_json_str(cli_field_name(c, p->field)));
	json_object_set_new(o, "phase", cli_json_str(cli_phase_name(c, p->phase)));
	json_object_set_new(o, "priority", p->priority ? json_integer(p->priority) : json_null());
	const struct member *lead = project_lead(p);
	json_object_set_new(o, "lead", lead ? org_json(c, &lead->org) : json_null());

	json_t *sv = json_array();
	for (size_t i = 0; i < p->n_services; i++) {
		const struct service *s = catalog_service(c, p->services[i]);
		json_t *j = json_object();
		json_object_set_new(j, "ozg_id", json_integer(p->services[i]));
		json_object_set_new(j, "name", cli_json_str(s ? s->name : NULL));
		json_object_set_new(j, "categories", mask_json(s ? service_delivery(s) : CAT_DEFAULT_DELIVERY));
		json_object_set_new(j, "default", json_boolean(!s || !s->categories));
		json_array_append_new(sv, j);
	}
	json_object_set_new(o, "services", sv);

	json_t *team = json_array();
	for (size_t i = 0; i < p->n_team; i++) {
		json_t *j = org_json(c, &p->team[i].org);
		json_object_set_new(j, "role", json_string(role_code(p->team[i].role)));
		json_array_append_new(team, j);
	}
	json_object_set_new(o, "team", team);

	json_t *v = json_object();
	json_object_set_new(v, "representative", json_boolean(f->verdict.representative));
	json_object_set_new(v, "delivering", mask_json(f->verdict.delivering));
	json_object_set_new(v, "required", mask_json(f->verdict.required));
	json_object_set_new(v, "present", mask_json(f->verdict.present));
	json_object_set_new(v, "missing", mask_json(f->verdict.missing));
	json_t *sugg = json_array();
	for (size_t i = 0; i < f->n_sugg; i++)
		json_array_append_new(sugg, org_json(c, &f->sugg[i]->id));
	json_object_set_new(v, "suggestions", sugg);
	json_object_set_new(o, "verdict", v);

	json_object_set_new(o, "interested", orgs_json(c, p->interested, p->n_interested));
	json_object_set_new(o, "ministries", orgs_json(c, p->ministries, p->n_ministries));
	json_object_set_new(o, "departments", strv_json(&p->departments));
	json_object_set_new(o, "components", strv_json(&p->components));
	json_object_set_new(o, "solutions", strv_json(&p->solutions));

	json_t *dates = json_array();
	for (size_t k = 0; k < c->phases.n; k++) {
		const struct phase_date *d = project_date_const(p, c->phases.v[k].id);
		if (!d || (!d->planned && !d->reached))
			continue;
		json_t *j = json_object();
		json_object_set_new(j, "phase", cli_json_str(c->phases.v[k].name));
		json_object_set_new(j, "planned", cli_json_date(d->planned));
		json_object_set_new(j, "reached", cli_json_date(d->reached));
		json_array_append_new(dates, j);
	}
	json_object_set_new(o, "dates", dates);
	json_object_set_new(o, "late", f->late ? cli_json_str(cli_phase_name(c, f->late)) : json_null());
	json_object_set_new(o, "breadth", json_integer(f->breadth));

	json_t *outs = json_array();
	for (size_t i = 0; i < f->outcomes.n; i++) {
		const struct outcome *oc = &f->outcomes.v[i];
		json_t *j = json_object();
		json_object_set_new(j, "uuid", cli_json_uuid(&oc->id));
		json_object_set_new(j, "kind", json_string(outcome_kind_code(oc->kind)));
		json_object_set_new(j, "text", cli_json_str(oc->text));
		json_object_set_new(j, "status", json_string(outcome_status_code(oc->status)));
		json_object_set_new(j, "owner", cli_json_str(oc->owner));
		json_object_set_new(j, "due", cli_json_date(oc->due));
		json_array_append_new(outs, j);
	}
	json_object_set_new(o, "outcomes", outs);
	json_object_set_new(o, "notes", cli_json_str(p->notes));
	json_object_set_new(o, "demo", json_boolean(p->demo));
	json_object_set_new(o, "created", cli_json_time(p->created));
	json_object_set_new(o, "created_by", cli_json_str(p->created_by));
	json_object_set_new(o, "updated", cli_json_time(p->updated));
	json_object_set_new(o, "updated_by", cli_json_str(p->updated_by));
	json_object_set_new(o, "version", json_integer(p->version));

	json_t *hist = json_array();
	for (size_t i = 0; i < f->history.n; i++) {
		const struct history_entry *e = &f->history.v[i];
		json_t *j = json_object();
		json_object_set_new(j, "seq", json_integer((json_int_t)e->seq));
		json_object_set_new(j, "time", cli_json_time(e->time));
		json_object_set_new(j, "user", cli_json_str(e->user));
		json_object_set_new(j, "action", cli_json_str(e->action));
		json_object_set_new(j, "summary", cli_json_str(e->summary));
		json_object_set_new(j, "reason", cli_json_str(e->reason));
		json_object_set_new(j, "forced", json_boolean(e->forced));
		json_array_append_new(hist, j);
	}
	json_object_set_new(o, "history", hist);
	return o;
}

/* "label       value" lines; continuation lines are indented. */
#define LABEL_W 13

/* name is an N_() string: translated here, padded by display width */
static void label(struct buf *b, const char *name)
{
	const char *t = _(name);
	size_t w = text_width(t);
	buf_puts(b, t);
	buf_printf(b, "%*s", (int)(w < LABEL_W ? LABEL_W - w : 1), "");
}

static void indent(struct buf *b)
{
	buf_printf(b, "%*s", LABEL_W, "");
}

static void line(struct buf *b, const char *name, const char *value)
{
	label(b, name);
	cli_text(b, value);
	buf_putc(b, '\n');
}

static void org_list(struct buf *b, const char *name, const struct catalog *c,
		     const struct uuid *v, size_t n)
{
	if (!n)
		return;
	label(b, name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, "; ");
		cli_text(b, cli_org_name(c, &v[i]));
	}
	buf_putc(b, '\n');
}

static void strv_line(struct buf *b, const char *name, const struct strv *s)
{
	if (!s->n)
		return;
	label(b, name);
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			buf_puts(b, "; ");
		cli_text(b, s->v[i]);
	}
	buf_putc(b, '\n');
}

static void org_detail(struct buf *b, const struct catalog *c, const struct uuid *id)
{
	const struct organisation *o = catalog_org(c, id);
	cli_text(b, o ? o->name : "?");
	if (o && o->category)
		buf_printf(b, " (%s)", category_code(o->category));
	else if (o)
		buf_printf(b, " (%s)", org_kind_code(o->kind));
}

static void show_text(struct cmd_ctx *ctx, struct txn *t, const struct project *p,
		      const struct facts *f, struct buf *b)
{
	const struct catalog *c = &ctx->catalog;
	char when[21];
	buf_printf(b, "#%u  ", (unsigned)p->number);
	cli_text(b, p->title);
	if (p->demo)
		buf_puts(b, "  [demo]");
	buf_putc(b, '\n');
	char id[37];
	uuid_format(&p->id, id);
	line(b, N_("uuid"), id);
	label(b, N_("field"));
	buf_printf(b, "%u ", (unsigned)p->field);
	cli_text(b, cli_field_name(c, p->field));
	buf_putc(b, '\n');
	line(b, N_("phase"), cli_phase_name(c, p->phase));
	label(b, N_("priority"));
	if (p->priority)
		buf_printf(b, "%u\n", (unsigned)p->priority);
	else
		buf_printf(b, "%s\n", _("none"));
	const struct member *lead = project_lead(p);
	line(b, N_("lead"), lead ? cli_org_name(c, &lead->org) : _("none"));

	label(b, N_("services"));
	if (!p->n_services)
		buf_printf(b, "%s\n", _("none"));
	for (size_t i = 0; i < p->n_services; i++) {
		const struct service *s = catalog_service(c, p->services[i]);
		if (i)
			indent(b);
		buf_printf(b, "%u ", (unsigned)p->services[i]);
		cli_text(b, s ? s->name : "?");
		buf_printf(b, " — %s ", _("delivered by"));
		category_mask_format(b, s ? service_delivery(s) : CAT_DEFAULT_DELIVERY);
		if (!s || !s->categories)
			buf_printf(b, " (%s)", _("default"));
		buf_putc(b, '\n');
	}
	label(b, N_("breadth"));
	buf_printf(b, _("%u municipalities deliver these services\n"), (unsigned)f->breadth);

	label(b, N_("team"));
	if (!p->n_team)
		buf_printf(b, "%s\n", _("none"));
	for (size_t i = 0; i < p->n_team; i++) {
		if (i)
			indent(b);
		org_detail(b, c, &p->team[i].org);
		buf_printf(b, ", %s\n", role_code(p->team[i].role));
	}
	label(b, N_("verdict"));
	cli_verdict_line(ctx, t, p, b);
	buf_putc(b, '\n');
	org_list(b, N_("interested"), c, p->interested, p->n_interested);
	org_list(b, N_("ministries"), c, p->ministries, p->n_ministries);
	strv_line(b, N_("departments"), &p->departments);
	strv_line(b, N_("components"), &p->components);
	strv_line(b, N_("solutions"), &p->solutions);

	label(b, N_("dates"));
	{
		/* headings padded by display width (German ones are longer) */
		const char *hp = _("phase"), *hl = _("planned");
		size_t wp = text_width(hp), wl = text_width(hl);
		buf_printf(b, "%s%*s %s%*s  %s\n", hp, (int)(wp < 14 ? 14 - wp : 0), "", hl,
			   (int)(wl < 10 ? 10 - wl : 0), "", _("reached"));
	}
	for (size_t k = 0; k < c->phases.n; k++) {
		const struct phase *ph = &c->phases.v[k];
		const struct phase_date *d = project_date_const(p, ph->id);
		if (!d || (!d->planned && !d->reached))
			continue;
		indent(b);
		cli_fit(b, ph->name, 14, true);
		char shown[32];
		i18n_date(d->planned, shown);
		buf_printf(b, " %-10s  ", d->planned ? shown : "-");
		i18n_date(d->reached, shown);
		buf_printf(b, "%s\n", d->reached ? shown : "-");
	}
	if (f->late) {
		const struct phase_date *d = project_date_const(p, f->late);
		char shown[32];
		i18n_date(d ? d->planned : 0, shown);
		label(b, N_("late"));
		/* TRANSLATORS: late for PHASE (planned DATE) */
		buf_printf(b, _("for %s (planned %s)\n"), cli_phase_name(c, f->late), shown);
	}
	for (size_t i = 0; i < f->outcomes.n; i++) {
		const struct outcome *o = &f->outcomes.v[i];
		if (i)
			indent(b);
		else
			label(b, N_("outcomes"));
		buf_printf(b, "%s (%s): ", outcome_kind_code(o->kind), outcome_status_code(o->status));
		cli_text(b, o->text);
		if (o->owner && o->owner[0]) {
			buf_puts(b, " — ");
			cli_text(b, o->owner);
		}
		if (o->due) {
			char shown[32];
			i18n_date(o->due, shown);
			buf_printf(b, _(", due %s"), shown);
		}
		buf_putc(b, '\n');
	}
	if (p->notes && p->notes[0])
		line(b, N_("notes"), p->notes);
	time_format(p->created, when);
	label(b, N_("created"));
	buf_printf(b, _("%s by "), when);
	cli_text(b, p->created_by ? p->created_by : "?");
	buf_putc(b, '\n');
	time_format(p->updated, when);
	label(b, N_("updated"));
	buf_printf(b, _("%s by "), when);
	cli_text(b, p->updated_by ? p->updated_by : "?");
	buf_printf(b, _(" (version %u)\n"), (unsigned)p->version);
	for (size_t i = 0; i < f->history.n; i++) {
		const struct history_entry *e = &f->history.v[i];
		if (i)
			indent(b);
		else
			label(b, N_("history"));
		time_format(e->time, when);
		buf_printf(b, "%s  ", when);
		cli_text(b, e->user);
		buf_puts(b, "  ");
		cli_text(b, e->summary);
		if (e->reason && e->reason[0]) {
			buf_printf(b, " — %s ", _("reason:"));
			cli_text(b, e->reason);
		}
		buf_putc(b, '\n');
	}
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = { { "format", 0, true } };
	struct cli_parser p;
	enum cli_format fmt = CLI_TEXT;
	struct project pr;
	struct facts f;
	struct txn *t = NULL;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	memset(&f, 0, sizeof(f));
	project_init(&pr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0)
		if ((st = cli_parse_format(val, CLI_TEXT | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, "ID [--format text|json]")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if ((st = ops_find_project(t, p.pos.v[0], &pr)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	f.verdict = rules_check_team(c, &pr);
	if (!f.verdict.representative) {
		struct uuid *extra = NULL;
		size_t n_extra = cli_volunteers(t, &pr, &extra);
		f.n_sugg = rules_suggest(c, &pr, &f.verdict, extra, n_extra, f.sugg, ARRAY_LEN(f.sugg));
		free(extra);
	}
	if ((st = store_outcome_each_for_project(t, &pr.id, collect_outcome, &f.outcomes)) != STATUS_OK)
		goto out;
	if ((st = store_history_each_for(t, &pr.id, collect_entry, &f.history)) != STATUS_OK)
		goto out;
	f.late = rules_late_phase(&c->phases, &pr, clock_today());
	f.breadth = rules_breadth(c, &pr);
	if (fmt == CLI_JSON) {
		cli_json_print(ctx->out, show_json(c, &pr, &f));
	} else {
		struct buf b;
		buf_init(&b);
		show_text(ctx, t, &pr, &f, &b);
		fwrite(b.data, 1, b.len, ctx->out);
		buf_fini(&b);
	}
out:
	store_txn_end(t);
	for (size_t i = 0; i < f.outcomes.n; i++)
		outcome_fini(&f.outcomes.v[i]);
	free(f.outcomes.v);
	for (size_t i = 0; i < f.history.n; i++)
		history_entry_fini(&f.history.v[i]);
	project_fini(&pr);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_show = {
	.name = "show",
	.usage = "ID [--format text|json]",
	.summary = N_("show everything about one project"),
	.help =
		N_("Shows every field of a project: topic field, phase, priority, lead, services with\n"
		"the categories that deliver them, team with category and role, the team verdict\n"
		"with the missing categories and suggestions (interested organisations and workshop\n"
		"volunteers first), interest, ministries, departments, base components, existing\n"
		"solutions, planned and reached date per phase, linked workshop outcomes, notes and\n"
		"the last 10 history entries.\n"
		"\n"
		"ID is the project number, its UUID or a unique UUID prefix.\n"
		"\n"
		"      --format F   text (default) or json\n"),
	.flags = CMD_READS,
	.run = run,
};
