/* ops.c - a coordinator's changes: one write transaction each, with history.
 *
 * Every change to an existing project runs through change_cb(): read the
 * project inside the write transaction, check the caller's expected version,
 * apply the change, write the project and one history entry. store_write() may
 * run the callback again from the start (map growth), so the callbacks keep no
 * state across runs except what they reset first.
 */
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- finding projects ------------------------------------------------- */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static bool uuid_prefixish(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

struct prefix_scan {
	const char *prefix;   /* lower case */
	bool dashes;          /* the prefix contains dashes: compare with the formatted UUID */
	struct uuid first;
	size_t n;
	struct buf numbers;   /* "#3, #7" of the matches, for the message */
};

static int scan_prefix(const struct project *p, void *arg)
{
	struct prefix_scan *ps = arg;
	char full[37], compact[33];
	uuid_format(&p->id, full);
	size_t j = 0;
	for (size_t i = 0; full[i]; i++) {
		if (full[i] != '-')
			compact[j++] = (char)tolower((unsigned char)full[i]);
		full[i] = (char)tolower((unsigned char)full[i]);
	}
	compact[j] = '\0';
	const char *hay = ps->dashes ? full : compact;
	if (strncmp(hay, ps->prefix, strlen(ps->prefix)) != 0)
		return 0;
	if (ps->n == 0)
		ps->first = p->id;
	if (ps->n < 5)
		buf_printf(&ps->numbers, "%s#%u", ps->n ? ", " : "", (unsigned)p->number);
	ps->n++;
	return 0;
}

enum status ops_find_project(struct txn *t, const char *s, struct project *out)
{
	if (!s || !*s)
		return status_fail(STATUS_USAGE, _("empty project ID"));
	const char *id = s[0] == '#' ? s + 1 : s;
	size_t len = strlen(id);
	enum status st;

	if (all_digits(id)) {
		uint32_t n;
		if (parse_u32(id, &n)) {
			st = store_project_by_number(t, n, out);
			if (st != STATUS_NOT_FOUND)
				return st;
		}
		/* Short digit strings are numbers only; longer ones may be UUID prefixes. */
		if (len < 8)
			return status_fail(STATUS_NOT_FOUND, _("no project #%s"), id);
	}
	struct uuid u;
	if (len == 36 && uuid_from_text(id, &u)) {
		st = store_project_get(t, &u, out);
		if (st == STATUS_NOT_FOUND)
			return status_fail(STATUS_NOT_FOUND, _("no project with UUID %s"), id);
		return st;
	}
	if (!uuid_prefixish(id) || len > 36)
		return status_fail(STATUS_NOT_FOUND,
				   _("no project '%s' (give a number, a UUID or a unique UUID prefix)"), s);

	char *prefix = xstrdup(id);
	for (char *p = prefix; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	struct prefix_scan ps = { .prefix = prefix, .dashes = strchr(prefix, '-') != NULL };
	buf_init(&ps.numbers);
	st = store_project_each(t, scan_prefix, &ps);
	if (st != STATUS_OK)
		goto out;
	if (ps.n == 0)
		st = status_fail(STATUS_NOT_FOUND, _("no project '%s'"), s);
	else if (ps.n > 1)
		st = status_fail(STATUS_DATA, _("'%s' matches %zu projects: %s%s; give more of the UUID"),
				 s, ps.n, ps.numbers.data, ps.n > 5 ? ", ..." : "");
	else
		st = store_project_get(t, &ps.first, out);
out:
	buf_fini(&ps.numbers);
	free(prefix);
	return st;
}

/* ---- facts, validation, descriptions ----------------------------------- */

static int find_decision(const struct outcome *o, void *arg)
{
	if (o->kind == OUTCOME_DECISION && o->status != OUTCOME_STATUS_DROPPED) {
		*(bool *)arg = true;
		return 1;
	}
	return 0;
}

enum status ops_gate_facts(struct txn *t, const struct catalog *c, const struct project *p,
			   struct gate_facts *out)
{
	memset(out, 0, sizeof(*out));
	out->has_field = p->field != 0 && catalog_field(c, p->field) != NULL;
	out->n_services = p->n_services;
	out->representative = rules_check_team(c, p).representative;
	bool decision = false;
	enum status st = store_outcome_each_for_project(t, &p->id, find_decision, &decision);
	out->has_decision = decision;
	return st;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Checks what every stored project must satisfy. */
static enum status validate(const struct catalog *c, const struct project *p)
{
	if (blank(p->title))
		return status_fail(STATUS_USAGE, _("a project needs a title"));
	if (!p->field)
		return status_fail(STATUS_USAGE, _("a project needs a topic field"));
	if (!catalog_field(c, p->field))
		return status_fail(STATUS_DATA, _("unknown topic field %u"), (unsigned)p->field);
	if (p->priority > 5)
		return status_fail(STATUS_USAGE, _("priority must be 1-5 (0 = none), not %u"),
				   (unsigned)p->priority);
	if (p->phase && !catalog_phase(c, p->phase))
		return status_fail(STATUS_DATA, _("unknown phase id %u"), (unsigned)p->phase);
	for (size_t i = 0; i < p->n_services; i++)
		if (!catalog_service(c, p->services[i]))
			return status_fail(STATUS_DATA, _("unknown OZG service %u"), (unsigned)p->services[i]);
	for (size_t i = 0; i < p->n_team; i++) {
		if (!catalog_org(c, &p->team[i].org))
			return status_fail(STATUS_NOT_FOUND, _("a team member is not a known organisation"));
		if (p->team[i].role < ROLE_LEAD || p->team[i].role > ROLE_ADVISOR)
			return status_fail(STATUS_USAGE, _("bad team role"));
	}
	for (size_t i = 0; i < p->n_interested; i++)
		if (!catalog_org(c, &p->interested[i]))
			return status_fail(STATUS_NOT_FOUND, _("an interested organisation is not known"));
	for (size_t i = 0; i < p->n_ministries; i++)
		if (!catalog_org(c, &p->ministries[i]))
			return status_fail(STATUS_NOT_FOUND, _("a ministry is not a known organisation"));
	for (size_t i = 0; i < p->n_dates; i++)
		if (!catalog_phase(c, p->dates[i].phase))
			return status_fail(STATUS_DATA, _("a date names unknown phase id %u"),
					   (unsigned)p->dates[i].phase);
	return STATUS_OK;
}

/* The descriptions of a change are written twice: in English for history
 * (ISO dates; history summaries stay English, docs/cli.md) and in the user's
 * language for the one who made it (ops_describe_change). say() picks the
 * text: msgid is marked with N_() where it is written. */
__attribute__((format_arg(2))) static const char *say(bool people, const char *msgid)
{
	return people ? gettext(msgid) : msgid;
}

static const char *field_name(const struct catalog *c, uint16_t n, bool people)
{
	const struct topic_field *f = n ? catalog_field(c, n) : NULL;
	return f && f->name ? f->name : people ? C_("topic field", "none") : "none";
}

/* Starts a new item of a "; "-separated summary. */
static void item(struct buf *b)
{
	if (b->len)
		buf_puts(b, "; ");
}

static bool uuid_in(const struct uuid *v, size_t n, const struct uuid *u)
{
	for (size_t i = 0; i < n; i++)
		if (uuid_cmp(&v[i], u) == 0)
			return true;
	return false;
}

static bool u32_in(const uint32_t *v, size_t n, uint32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* Between the organisations of a list: for people "; ", as names hold commas
 * ("Olpe, Stadt"); history summaries keep ", ". */
static const char *org_sep(bool people)
{
	return people ? "; " : ", ";
}

/* label: what changed, in the language of the text ("interest") */
static void diff_orgs(struct buf *b, const struct catalog *c, bool people, const char *label,
		      const struct uuid *old, size_t n_old, const struct uuid *new_, size_t n_new)
{
	struct buf d;
	buf_init(&d);
	for (size_t i = 0; i < n_new; i++)
		if (!uuid_in(old, n_old, &new_[i]))
			buf_printf(&d, "%s+ %s", d.len ? org_sep(people) : "", catalog_org_name(c, &new_[i], "?"));
	for (size_t i = 0; i < n_old; i++)
		if (!uuid_in(new_, n_new, &old[i]))
			buf_printf(&d, "%s- %s", d.len ? org_sep(people) : "", catalog_org_name(c, &old[i], "?"));
	if (d.len) {
		item(b);
		buf_printf(b, "%s: %s", label, d.data);
	}
	buf_fini(&d);
}

static void diff_strv(struct buf *b, const char *label, const struct strv *old, const struct strv *new_)
{
	struct buf d;
	buf_init(&d);
	for (size_t i = 0; i < new_->n; i++)
		if (!strv_contains(old, new_->v[i]))
			buf_printf(&d, "%s+ %s", d.len ? ", " : "", new_->v[i]);
	for (size_t i = 0; i < old->n; i++)
		if (!strv_contains(new_, old->v[i]))
			buf_printf(&d, "%s- %s", d.len ? ", " : "", old->v[i]);
	if (d.len) {
		item(b);
		buf_printf(b, "%s: %s", label, d.data);
	}
	buf_fini(&d);
}

static void diff_team(struct buf *b, const struct catalog *c, bool people, const struct project *old,
		      const struct project *new_)
{
	struct buf d;
	buf_init(&d);
	for (size_t i = 0; i < new_->n_team; i++) {
		const struct member *m = &new_->team[i];
		const struct member *was = project_member(old, &m->org);
		if (!was)
			buf_printf(&d, "%s+ %s (%s)", d.len ? org_sep(people) : "", catalog_org_name(c, &m->org, "?"),
				   role_code(m->role));
		else if (was->role != m->role)
			buf_printf(&d, "%s%s %s → %s", d.len ? org_sep(people) : "", catalog_org_name(c, &m->org, "?"),
				   role_code(was->role), role_code(m->role));
	}
	for (size_t i = 0; i < old->n_team; i++)
		if (!project_member(new_, &old->team[i].org))
			buf_printf(&d, "%s- %s", d.len ? org_sep(people) : "", catalog_org_name(c, &old->team[i].org, "?"));
	if (d.len) {
		item(b);
		/* TRANSLATORS: a change's description: what changed in the team,
		 * "+ Olpe (member), - Kerken" (role codes as typed) */
		buf_printf(b, say(people, N_("team: %s")), d.data);
	}
	buf_fini(&d);
}

static void day_text(int32_t day, bool people, char out[static 32])
{
	if (!day)
		snprintf(out, 32, "%s", people ? C_("date", "none") : "none");
	else if (people)
		i18n_date(day, out);
	else
		date_format(day, out);
}

/* skip: a phase whose reached date is not told (a move's target: the move
 * records it); 0 for none */
static void diff_dates(struct buf *b, const struct catalog *c, bool people, const struct project *old,
		       const struct project *new_, uint8_t skip)
{
	for (size_t k = 0; k < c->phases.n; k++) {
		uint8_t id = c->phases.v[k].id;
		const struct phase_date *o = project_date_const(old, id);
		const struct phase_date *n = project_date_const(new_, id);
		int32_t op = o ? o->planned : 0, np = n ? n->planned : 0;
		int32_t orr = o ? o->reached : 0, nr = n ? n->reached : 0;
		char x[32], y[32];
		if (op != np) {
			day_text(op, people, x);
			day_text(np, people, y);
			item(b);
			/* TRANSLATORS: a change's description: a phase's name, its
			 * planned date before and after */
			buf_printf(b, say(people, N_("planned %s: %s → %s")), catalog_phase_name(c, id, "?"), x, y);
		}
		if (orr != nr && !(id == skip && !orr)) {
			day_text(orr, people, x);
			day_text(nr, people, y);
			item(b);
			/* TRANSLATORS: a change's description: a phase's name, the
			 * date it was reached before and after */
			buf_printf(b, say(people, N_("reached %s: %s → %s")), catalog_phase_name(c, id, "?"), x, y);
		}
	}
}

/* The changes from old to new_ as one line (in English, or for people);
 * empty when nothing changed. The phase is not told (a move tells it). */
static void describe(struct buf *b, const struct catalog *c, bool people, const struct project *old,
		     const struct project *new_)
{
	if (strcmp(old->title ? old->title : "", new_->title ? new_->title : "") != 0) {
		item(b);
		/* TRANSLATORS: a change's description: the title before and after */
		buf_printf(b, say(people, N_("title: '%s' → '%s'")), old->title ? old->title : "",
			   new_->title ? new_->title : "");
	}
	if (old->field != new_->field) {
		item(b);
		/* TRANSLATORS: a change's description: the topic field before and after */
		buf_printf(b, say(people, N_("field: %s → %s")), field_name(c, old->field, people),
			   field_name(c, new_->field, people));
	}
	struct buf d;
	buf_init(&d);
	for (size_t i = 0; i < new_->n_services; i++)
		if (!u32_in(old->services, old->n_services, new_->services[i]))
			buf_printf(&d, "%s+ %u", d.len ? ", " : "", (unsigned)new_->services[i]);
	for (size_t i = 0; i < old->n_services; i++)
		if (!u32_in(new_->services, new_->n_services, old->services[i]))
			buf_printf(&d, "%s- %u", d.len ? ", " : "", (unsigned)old->services[i]);
	if (d.len) {
		item(b);
		/* TRANSLATORS: a change's description: services (OZG ids) added
		 * and removed, "+ 10000, - 10001" */
		buf_printf(b, say(people, N_("services: %s")), d.data);
	}
	buf_fini(&d);
	if (old->priority != new_->priority) {
		item(b);
		if (!old->priority)
			buf_printf(b, say(people, N_("priority none → %u")), (unsigned)new_->priority);
		else if (!new_->priority)
			buf_printf(b, say(people, N_("priority %u → none")), (unsigned)old->priority);
		else
			buf_printf(b, say(people, N_("priority %u → %u")), (unsigned)old->priority,
				   (unsigned)new_->priority);
	}
	if (strcmp(old->notes ? old->notes : "", new_->notes ? new_->notes : "") != 0) {
		item(b);
		buf_puts(b, say(people, N_("notes changed")));
	}
	diff_team(b, c, people, old, new_);
	/* TRANSLATORS: a change's description: what a list of the project
	 * is about, followed by ": + Olpe, - Kerken" (also the next ones) */
	diff_orgs(b, c, people, people ? C_("change", "interest") : "interest", old->interested, old->n_interested,
		  new_->interested, new_->n_interested);
	diff_orgs(b, c, people, people ? C_("change", "ministries") : "ministries", old->ministries, old->n_ministries,
		  new_->ministries, new_->n_ministries);
	diff_strv(b, people ? C_("change", "departments") : "departments", &old->departments, &new_->departments);
	diff_strv(b, people ? C_("change", "components") : "components", &old->components, &new_->components);
	diff_strv(b, people ? C_("change", "solutions") : "solutions", &old->solutions, &new_->solutions);
	diff_dates(b, c, people, old, new_, old->phase != new_->phase ? new_->phase : 0);
}

void ops_describe_change(struct buf *b, const struct catalog *c, const struct project *old,
			 const struct project *new_)
{
	if (old->phase != new_->phase)
		/* TRANSLATORS: a change's description: a move from one phase to another */
		buf_printf(b, _("phase %s → %s"), catalog_phase_name(c, old->phase, "?"), catalog_phase_name(c, new_->phase, "?"));
	describe(b, c, true, old, new_);
}

static enum status add_history(struct txn *t, const struct project *p, const char *action,
			       const char *summary, struct history_entry *e)
{
	char *a = xstrdup(action), *sum = xstrdup(summary);
	free(e->entity);
	e->entity = xstrdup("project");
	e->entity_id = p->id;
	e->project_number = p->number;
	free(e->action);
	e->action = a;
	free(e->summary);
	e->summary = sum;
	return store_history_add(t, e);
}

/* ---- create ----------------------------------------------------------- */

struct create_arg {
	const struct catalog *c;
	const struct project *in;
	struct project work;
	struct status_saved sv;
};

static enum status create_cb(struct txn *t, void *arg)
{
	struct create_arg *a = arg;
	project_fini(&a->work);
	project_init(&a->work);
	project_copy(&a->work, a->in);
	enum status st = store_project_create(t, &a->work);
	if (st != STATUS_OK)
		return status_save(&a->sv, st);
	char *summary = xasprintf("created '%s' in %s (%s)", a->work.title,
				  field_name(a->c, a->work.field, false), catalog_phase_name(a->c, a->work.phase, "?"));
	struct history_entry e;
	history_entry_init(&e);
	st = add_history(t, &a->work, "create", summary, &e);
	history_entry_fini(&e);
	free(summary);
	return st == STATUS_OK ? st : status_save(&a->sv, st);
}

enum status ops_project_create(struct store *s, const struct catalog *c, struct project *p)
{
	if (!p->phase)
		p->phase = phase_list_first(&c->phases);
	enum status st = validate(c, p);
	if (st != STATUS_OK)
		return st;
	struct phase_date *d = project_date(p, p->phase, true);
	if (!d->reached)
		d->reached = clock_today();
	struct create_arg a = { .c = c, .in = p };
	project_init(&a.work);
	st = status_restore(&a.sv, store_write(s, create_cb, &a));
	if (st == STATUS_OK) {
		project_fini(p);
		project_init(p);
		project_copy(p, &a.work);
	}
	project_fini(&a.work);
	return st;
}

/* ---- changes to an existing project ------------------------------------ */

/* Applies one change to p (read inside the txn); sets *changed, the history
 * action and the summary. */
typedef enum status (*apply_fn)(struct txn *t, const struct catalog *c, struct project *p,
				void *arg, bool *changed, struct history_entry *e, struct buf *summary);

struct change {
	const struct catalog *c;
	struct uuid project;
	uint32_t expected;
	apply_fn apply;
	void *arg;
	const char *action;
	struct project p;     /* the project as written */
	bool changed;
	struct status_saved sv;
};

static enum status conflict(const struct project *stored, uint32_t expected)
{
	char when[21];
	time_format(stored->updated, when);
	return status_fail(STATUS_CONFLICT, _("project #%u was changed by %s at %s (version %u, you had %u)"),
			   (unsigned)stored->number, stored->updated_by ? stored->updated_by : "?",
			   when, (unsigned)stored->version, (unsigned)expected);
}

static enum status change_cb(struct txn *t, void *arg)
{
	struct change *ch = arg;
	struct history_entry e;
	struct buf summary;
	history_entry_init(&e);
	buf_init(&summary);
	ch->changed = false;
	project_fini(&ch->p);
	project_init(&ch->p);
	enum status st = store_project_get(t, &ch->project, &ch->p);
	if (st == STATUS_NOT_FOUND) {
		char id[37];
		uuid_format(&ch->project, id);
		st = status_fail(STATUS_NOT_FOUND, _("project %s no longer exists"), id);
	}
	if (st != STATUS_OK)
		goto out;
	if (ch->expected && ch->expected != ch->p.version) {
		st = conflict(&ch->p, ch->expected);
		goto out;
	}
	uint32_t base = ch->p.version;
	st = ch->apply(t, ch->c, &ch->p, ch->arg, &ch->changed, &e, &summary);
	if (st != STATUS_OK || !ch->changed)
		goto out;
	st = store_project_update(t, &ch->p, base);
	if (st != STATUS_OK)
		goto out;
	st = add_history(t, &ch->p, e.action ? e.action : ch->action, summary.data ? summary.data : "", &e);
out:
	buf_fini(&summary);
	history_entry_fini(&e);
	return st == STATUS_OK ? st : status_save(&ch->sv, st);
}

static enum status run_change(struct store *s, const struct catalog *c, const struct uuid *project,
			      uint32_t expected, const char *action, apply_fn fn, void *arg)
{
	struct change ch = {
		.c = c, .project = *project, .expected = expected, .apply = fn, .arg = arg,
		.action = action,
	};
	project_init(&ch.p);
	enum status st = status_restore(&ch.sv, store_write(s, change_cb, &ch));
	project_fini(&ch.p);
	return st;
}

/* update */
struct update_arg {
	const struct project *in;
	uint32_t expected;
};

static enum status apply_update(struct txn *t, const struct catalog *c, struct project *p,
				void *arg, bool *changed, struct history_entry *e, struct buf *summary)
{
	(void)t;
	const struct update_arg *u = arg;
	struct project work;
	project_init(&work);
	project_copy(&work, u->in);
	/* What an update cannot change: identity, creation and the phase. */
	work.id = p->id;
	work.number = p->number;
	work.created = p->created;
	free(work.created_by);
	work.created_by = p->created_by ? xstrdup(p->created_by) : NULL;
	work.version = p->version;
	work.demo = p->demo;
	if (work.phase != p->phase) {
		if (u->expected) {
			project_fini(&work);
			return status_fail(STATUS_USAGE, _("a phase changes only through a move"));
		}
		work.phase = p->phase;
	}
	if (!work.unknown.len && p->unknown.len)
		unknown_copy(&work.unknown, &p->unknown);
	enum status st = validate(c, &work);
	if (st != STATUS_OK) {
		project_fini(&work);
		return st;
	}
	describe(summary, c, false, p, &work);
	*changed = summary->len > 0;
	e->action = xstrdup("edit");
	project_fini(p);
	project_init(p);
	project_copy(p, &work);
	project_fini(&work);
	return STATUS_OK;
}

enum status ops_project_update(struct store *s, const struct catalog *c, struct project *p,
			       uint32_t expected_version)
{
	struct update_arg u = { .in = p, .expected = expected_version };
	struct change ch = {
		.c = c, .project = p->id, .expected = expected_version, .apply = apply_update,
		.arg = &u, .action = "edit",
	};
	project_init(&ch.p);
	enum status st = status_restore(&ch.sv, store_write(s, change_cb, &ch));
	if (st == STATUS_OK && ch.changed) {
		project_fini(p);
		project_init(p);
		project_copy(p, &ch.p);
	}
	project_fini(&ch.p);
	return st;
}

/* move */
struct move_arg {
	const struct move_request *m;
	const char *reason;   /* trimmed copy or NULL */
	struct buf why;
};

static enum status apply_move(struct txn *t, const struct catalog *c, struct project *p,
			      void *arg, bool *changed, struct history_entry *e, struct buf *summary)
{
	struct move_arg *a = arg;
	buf_reset(&a->why);
	uint8_t from = p->phase, to = a->m->to;
	if (from == to)
		return STATUS_OK;
	struct gate_facts facts;
	enum status st = ops_gate_facts(t, c, p, &facts);
	if (st != STATUS_OK)
		return st;
	bool allowed = rules_gate_allows(&c->phases, &c->settings, from, to, &facts, &a->why);
	if (!allowed && !a->m->force) {
		struct buf shown;
		buf_init(&shown);
		rules_why_text(a->why.data, &shown);
		st = status_fail(STATUS_RULE, _("#%u cannot move from %s to %s: %s"), (unsigned)p->number,
				 catalog_phase_name(c, from, "?"), catalog_phase_name(c, to, "?"), shown.len ? shown.data : _("a gate refused"));
		buf_fini(&shown);
		return st;
	}
	p->phase = to;
	struct phase_date *d = project_date(p, to, true);
	if (!d->reached)
		d->reached = date_from_time(store_txn_now(t));
	buf_printf(summary, "phase %s → %s", catalog_phase_name(c, from, "?"), catalog_phase_name(c, to, "?"));
	if (!allowed)
		buf_printf(summary, " (gate overridden: %s)", a->why.data ? a->why.data : "");
	e->action = xstrdup("move");
	e->from_phase = from;
	e->to_phase = to;
	e->forced = !allowed;
	e->reason = a->reason ? xstrdup(a->reason) : NULL;
	*changed = true;
	return STATUS_OK;
}

enum status ops_move(struct store *s, const struct catalog *c, const struct move_request *m,
		     struct buf *why)
{
	if (!catalog_phase(c, m->to))
		return status_fail(STATUS_DATA, _("unknown phase id %u"), (unsigned)m->to);
	char *reason = m->reason ? text_trim(xstrdup(m->reason)) : NULL;
	if (reason && !*reason) {
		free(reason);
		reason = NULL;
	}
	if (m->force && !reason) {
		free(reason);
		return status_fail(STATUS_USAGE, _("an override needs --reason"));
	}
	struct move_arg a = { .m = m, .reason = reason };
	buf_init(&a.why);
	enum status st = run_change(s, c, &m->project, m->expected_version, "move", apply_move, &a);
	if (why && a.why.len)
		buf_append(why, a.why.data, a.why.len);
	buf_fini(&a.why);
	free(reason);
	return st;
}

/* team */
struct team_arg {
	const struct uuid *org;
	enum role role;
};

static enum status apply_team_set(struct txn *t, const struct catalog *c, struct project *p,
				  void *arg, bool *changed, struct history_entry *e, struct buf *summary)
{
	(void)t;
	const struct team_arg *a = arg;
	const struct member *was = project_member(p, a->org);
	enum role old_role = was ? was->role : ROLE_NONE;
	if (old_role == a->role)
		return STATUS_OK;
	/* A project has one lead: the previous lead becomes a member. */
	if (a->role == ROLE_LEAD) {
		const struct member *lead = project_lead(p);
		if (lead && uuid_cmp(&lead->org, a->org) != 0) {
			struct uuid prev = lead->org;
			project_set_member(p, &prev, ROLE_MEMBER);
			buf_printf(summary, "team: %s lead → member; ", catalog_org_name(c, &prev, "?"));
		}
	}
	project_set_member(p, a->org, a->role);
	if (old_role == ROLE_NONE)
		buf_printf(summary, "team: + %s (%s)", catalog_org_name(c, a->org, "?"), role_code(a->role));
	else
		buf_printf(summary, "team: %s %s → %s", catalog_org_name(c, a->org, "?"), role_code(old_role),
			   role_code(a->role));
	e->action = xstrdup(old_role == ROLE_NONE ? "team-add" : "team-role");
	*changed = true;
	return STATUS_OK;
}

enum status ops_team_set(struct store *s, const struct catalog *c, const struct uuid *project,
			 const struct uuid *org, enum role role, uint32_t expected_version)
{
	if (!catalog_org(c, org))
		return status_fail(STATUS_NOT_FOUND, _("unknown organisation"));
	if (role < ROLE_LEAD || role > ROLE_ADVISOR)
		return status_fail(STATUS_USAGE, _("a team role is lead, member or advisor"));
	struct team_arg a = { .org = org, .role = role };
	return run_change(s, c, project, expected_version, "team-add", apply_team_set, &a);
}

static enum status apply_team_remove(struct txn *t, const struct catalog *c, struct project *p,
				     void *arg, bool *changed, struct history_entry *e,
				     struct buf *summary)
{
	(void)t;
	const struct team_arg *a = arg;
	if (!project_remove_member(p, a->org))
		return status_fail(STATUS_NOT_FOUND, _("%s is not in the team of #%u"),
				   catalog_org_name(c, a->org, "?"), (unsigned)p->number);
	buf_printf(summary, "team: - %s", catalog_org_name(c, a->org, "?"));
	e->action = xstrdup("team-rm");
	*changed = true;
	return STATUS_OK;
}

enum status ops_team_remove(struct store *s, const struct catalog *c, const struct uuid *project,
			    const struct uuid *org, uint32_t expected_version)
{
	struct team_arg a = { .org = org };
	return run_change(s, c, project, expected_version, "team-rm", apply_team_remove, &a);
}

static enum status apply_interest(struct txn *t, const struct catalog *c, struct project *p,
				  void *arg, bool *changed, struct history_entry *e, struct buf *summary)
{
	(void)t;
	const struct team_arg *a = arg;
	if (project_is_interested(p, a->org))
		return STATUS_OK;
	project_add_interest(p, a->org);
	buf_printf(summary, "interest: + %s", catalog_org_name(c, a->org, "?"));
	e->action = xstrdup("interest");
	*changed = true;
	return STATUS_OK;
}

enum status ops_interest(struct store *s, const struct catalog *c, const struct uuid *project,
			 const struct uuid *org, uint32_t expected_version)
{
	if (!catalog_org(c, org))
		return status_fail(STATUS_NOT_FOUND, _("unknown organisation"));
	struct team_arg a = { .org = org };
	return run_change(s, c, project, expected_version, "interest", apply_interest, &a);
}

/* ---- services ---------------------------------------------------------- */

struct categories_arg {
	uint32_t ozg_id;
	uint32_t mask;
	struct status_saved sv;
};

static void mask_text(struct buf *b, uint32_t mask)
{
	if (!mask)
		buf_puts(b, "default");
	else
		category_mask_format(b, mask);
}

static enum status categories_cb(struct txn *t, void *arg)
{
	struct categories_arg *a = arg;
	struct service sv;
	struct history_entry e;
	struct buf summary;
	service_init(&sv);
	history_entry_init(&e);
	buf_init(&summary);
	enum status st = store_service_get(t, a->ozg_id, &sv);
	if (st == STATUS_NOT_FOUND)
		st = status_fail(STATUS_DATA, _("unknown OZG service %u"), (unsigned)a->ozg_id);
	if (st != STATUS_OK || sv.categories == a->mask)
		goto out;
	buf_printf(&summary, "service %u %s: categories ", (unsigned)sv.ozg_id, sv.name ? sv.name : "");
	mask_text(&summary, sv.categories);
	buf_puts(&summary, " → ");
	mask_text(&summary, a->mask);
	sv.categories = a->mask;
	st = store_service_put(t, &sv);
	if (st != STATUS_OK)
		goto out;
	e.entity = xstrdup("service");
	e.action = xstrdup("categories");
	e.summary = buf_steal(&summary);
	st = store_history_add(t, &e);
out:
	buf_fini(&summary);
	history_entry_fini(&e);
	service_fini(&sv);
	return st == STATUS_OK ? st : status_save(&a->sv, st);
}

enum status ops_service_categories(struct store *s, uint32_t ozg_id, uint32_t mask)
{
	uint32_t valid = 0;
	for (unsigned c = 1; c <= CAT__MAX; c++)
		valid |= CAT_BIT(c);
	if (mask & ~valid)
		return status_fail(STATUS_USAGE, _("bad category mask 0x%x"), (unsigned)mask);
	struct categories_arg a = { .ozg_id = ozg_id, .mask = mask };
	return status_restore(&a.sv, store_write(s, categories_cb, &a));
}

/* ---- settings ---------------------------------------------------------- */

struct settings_arg {
	const struct settings *next;
	bool changed;
	struct status_saved sv;
};

static const char *gate_text(const struct phase_list *l, uint8_t id)
{
	if (!id)
		return "off";
	const struct phase *p = phase_list_get(l, id);
	return p && p->name ? p->name : "?";
}

static enum status settings_cb(struct txn *t, void *arg)
{
	struct settings_arg *a = arg;
	struct settings cur;
	struct phase_list l;
	struct history_entry e;
	struct buf summary;
	settings_init(&cur);
	phase_list_init(&l);
	history_entry_init(&e);
	buf_init(&summary);
	a->changed = false;
	enum status st = store_settings_get(t, &cur);
	if (st == STATUS_OK)
		st = store_phases_get(t, &l);
	if (st != STATUS_OK)
		goto out;
	const uint8_t gates[2] = {a->next->gate_scope_phase, a->next->gate_team_phase};
	for (size_t i = 0; i < 2; i++) {
		int at = gates[i] ? phase_list_index(&l, gates[i]) : 0;
		if (at < 0 || (gates[i] && l.v[at].outside_line)) {
			st = status_fail(STATUS_DATA, _("phase %u is not on the line of phases"), (unsigned)gates[i]);
			goto out;
		}
	}
	buf_puts(&summary, "settings:");
	if (cur.rep_policy != a->next->rep_policy)
		buf_printf(&summary, " representativeness policy %s → %s;", cur.rep_policy == REP_ALL ? "all" : "span",
			   a->next->rep_policy == REP_ALL ? "all" : "span");
	if (cur.gate_scope_phase != a->next->gate_scope_phase)
		buf_printf(&summary, " scope gate %s → %s;", gate_text(&l, cur.gate_scope_phase),
			   gate_text(&l, a->next->gate_scope_phase));
	if (cur.gate_team_phase != a->next->gate_team_phase)
		buf_printf(&summary, " team gate %s → %s;", gate_text(&l, cur.gate_team_phase),
			   gate_text(&l, a->next->gate_team_phase));
	if (summary.data[summary.len - 1] != ';')
		goto out;   /* nothing changes */
	summary.data[--summary.len] = '\0';
	cur.rep_policy = a->next->rep_policy;
	cur.gate_scope_phase = a->next->gate_scope_phase;
	cur.gate_team_phase = a->next->gate_team_phase;
	if ((st = store_settings_put(t, &cur)) != STATUS_OK)
		goto out;
	e.entity = xstrdup("database");
	e.action = xstrdup("settings");
	e.summary = buf_steal(&summary);
	buf_init(&summary);
	st = store_history_add(t, &e);
	a->changed = st == STATUS_OK;
out:
	buf_fini(&summary);
	history_entry_fini(&e);
	phase_list_fini(&l);
	settings_fini(&cur);
	return st == STATUS_OK ? st : status_save(&a->sv, st);
}

enum status ops_settings_update(struct store *s, const struct settings *next, bool *changed)
{
	struct settings_arg a = { .next = next };
	enum status st = status_restore(&a.sv, store_write(s, settings_cb, &a));
	if (changed)
		*changed = st == STATUS_OK && a.changed;
	return st;
}
