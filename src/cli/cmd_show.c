/* cmd_show.c - `ozgtui show ID [--format text|json]`: everything about one project. */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"

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

static void label(struct buf *b, const char *name)
{
	buf_printf(b, "%-*s", LABEL_W, name);
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
	char day[11], when[21];
	buf_printf(b, "#%u  ", (unsigned)p->number);
	cli_text(b, p->title);
	if (p->demo)
		buf_puts(b, "  [demo]");
	buf_putc(b, '\n');
	char id[37];
	uuid_format(&p->id, id);
	line(b, "uuid", id);
	label(b, "field");
	buf_printf(b, "%u ", (unsigned)p->field);
	cli_text(b, cli_field_name(c, p->field));
	buf_putc(b, '\n');
	line(b, "phase", cli_phase_name(c, p->phase));
	label(b, "priority");
	if (p->priority)
		buf_printf(b, "%u\n", (unsigned)p->priority);
	else
		buf_puts(b, "none\n");
	const struct member *lead = project_lead(p);
	line(b, "lead", lead ? cli_org_name(c, &lead->org) : "none");

	label(b, "services");
	if (!p->n_services)
		buf_puts(b, "none\n");
	for (size_t i = 0; i < p->n_services; i++) {
		const struct service *s = catalog_service(c, p->services[i]);
		if (i)
			indent(b);
		buf_printf(b, "%u ", (unsigned)p->services[i]);
		cli_text(b, s ? s->name : "?");
		buf_puts(b, " — delivered by ");
		category_mask_format(b, s ? service_delivery(s) : CAT_DEFAULT_DELIVERY);
		if (!s || !s->categories)
			buf_puts(b, " (default)");
		buf_putc(b, '\n');
	}
	label(b, "breadth");
	buf_printf(b, "%u municipalities deliver these services\n", (unsigned)f->breadth);

	label(b, "team");
	if (!p->n_team)
		buf_puts(b, "none\n");
	for (size_t i = 0; i < p->n_team; i++) {
		if (i)
			indent(b);
		org_detail(b, c, &p->team[i].org);
		buf_printf(b, ", %s\n", role_code(p->team[i].role));
	}
	label(b, "verdict");
	cli_verdict_line(ctx, t, p, b);
	buf_putc(b, '\n');
	org_list(b, "interested", c, p->interested, p->n_interested);
	org_list(b, "ministries", c, p->ministries, p->n_ministries);
	strv_line(b, "departments", &p->departments);
	strv_line(b, "components", &p->components);
	strv_line(b, "solutions", &p->solutions);

	label(b, "dates");
	buf_printf(b, "%-14s %-10s  %s\n", "phase", "planned", "reached");
	for (size_t k = 0; k < c->phases.n; k++) {
		const struct phase *ph = &c->phases.v[k];
		const struct phase_date *d = project_date_const(p, ph->id);
		if (!d || (!d->planned && !d->reached))
			continue;
		indent(b);
		cli_fit(b, ph->name, 14, true);
		date_format(d->planned, day);
		buf_printf(b, " %-10s  ", d->planned ? day : "-");
		date_format(d->reached, day);
		buf_printf(b, "%s\n", d->reached ? day : "-");
	}
	if (f->late) {
		const struct phase_date *d = project_date_const(p, f->late);
		date_format(d ? d->planned : 0, day);
		label(b, "late");
		buf_puts(b, "for ");
		cli_text(b, cli_phase_name(c, f->late));
		buf_printf(b, " (planned %s)\n", day);
	}
	for (size_t i = 0; i < f->outcomes.n; i++) {
		const struct outcome *o = &f->outcomes.v[i];
		if (i)
			indent(b);
		else
			label(b, "outcomes");
		buf_printf(b, "%s (%s): ", outcome_kind_code(o->kind), outcome_status_code(o->status));
		cli_text(b, o->text);
		if (o->owner && o->owner[0]) {
			buf_puts(b, " — ");
			cli_text(b, o->owner);
		}
		if (o->due) {
			date_format(o->due, day);
			buf_printf(b, ", due %s", day);
		}
		buf_putc(b, '\n');
	}
	if (p->notes && p->notes[0])
		line(b, "notes", p->notes);
	time_format(p->created, when);
	label(b, "created");
	buf_printf(b, "%s by ", when);
	cli_text(b, p->created_by ? p->created_by : "?");
	buf_putc(b, '\n');
	time_format(p->updated, when);
	label(b, "updated");
	buf_printf(b, "%s by ", when);
	cli_text(b, p->updated_by ? p->updated_by : "?");
	buf_printf(b, " (version %u)\n", (unsigned)p->version);
	for (size_t i = 0; i < f->history.n; i++) {
		const struct history_entry *e = &f->history.v[i];
		if (i)
			indent(b);
		else
			label(b, "history");
		time_format(e->time, when);
		buf_printf(b, "%s  ", when);
		cli_text(b, e->user);
		buf_puts(b, "  ");
		cli_text(b, e->summary);
		if (e->reason && e->reason[0]) {
			buf_puts(b, " — reason: ");
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
	.summary = "show everything about one project",
	.help =
		"Shows every field of a project: topic field, phase, priority, lead, services with\n"
		"the categories that deliver them, team with category and role, the team verdict\n"
		"with the missing categories and suggestions (interested organisations and workshop\n"
		"volunteers first), interest, ministries, departments, base components, existing\n"
		"solutions, planned and reached date per phase, linked workshop outcomes, notes and\n"
		"the last 10 history entries.\n"
		"\n"
		"ID is the project number, its UUID or a unique UUID prefix.\n"
		"\n"
		"      --format F   text (default) or json\n",
	.flags = CMD_READS,
	.run = run,
};
