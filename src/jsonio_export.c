/* jsonio_export.c - the versioned JSON document of everything (export).
 * Format: docs/json-format.md; the import is in jsonio.c. */
#include "ozgtui/jsonio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>

#include "ozgtui/util.h"
#include "ozgtui/progress.h"
#include "ozgtui/i18n.h"

#include "jsonio_internal.h"

/* ============================================================================ */
/* Export                                                                       */
/* ============================================================================ */

struct ex {
	struct phase_list phases;
	struct vec fields, orgs, services, projects, workshops, outcomes, history;
	char *bad;   /* first record that cannot be written as JSON (invalid UTF-8) */
};

static json_t *ex_str(struct ex *x, const char *s, const char *what)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (!j) {
		if (!x->bad)
			x->bad = xasprintf("%s is not valid UTF-8", what);
		return json_null();
	}
	return j;
}

static json_t *ex_int(int64_t v)
{
	return json_integer((json_int_t)v);
}

static json_t *ex_date(int32_t day)
{
	char s[11];
	if (!day)
		return json_null();
	date_format(day, s);
	return json_string(s);
}

static json_t *ex_time(int64_t t)
{
	char s[21];
	if (!t)
		return json_null();
	time_format(t, s);
	return json_string(s);
}

static json_t *ex_uuid(const struct uuid *u)
{
	char s[37];
	if (uuid_is_nil(u))
		return json_null();
	uuid_format(u, s);
	return json_string(s);
}

static json_t *ex_uuids(const struct uuid *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, ex_uuid(&v[i]));
	return a;
}

static json_t *ex_u32s(const uint32_t *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, ex_int(v[i]));
	return a;
}

static json_t *ex_strv(struct ex *x, const struct strv *s, const char *what)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->n; i++)
		json_array_append_new(a, ex_str(x, s->v[i], what));
	return a;
}

static json_t *ex_code(const char *code)
{
	return code && *code ? json_string(code) : json_null();
}

static json_t *ex_phase(const struct ex *x, uint8_t id)
{
	if (!id)
		return json_null();
	const struct phase *ph = phase_list_get(&x->phases, id);
	if (ph && ph->slug)
		return json_string(ph->slug);
	return ex_int(id);
}

static void ex_unknown(json_t *o, const struct unknown *u)
{
	if (!u->len)
		return;
	char *s = xmalloc(u->len * 2 + 1);
	for (size_t i = 0; i < u->len; i++) {
		s[2 * i] = jsonio_hexdigits[u->data[i] >> 4];
		s[2 * i + 1] = jsonio_hexdigits[u->data[i] & 15];
	}
	s[u->len * 2] = '\0';
	json_object_set_new(o, "unknown", json_string(s));
	free(s);
}

#define SET(o, k, v) json_object_set_new((o), (k), (v))

static json_t *ex_phases(struct ex *x)
{
	json_t *a = json_array();
	for (size_t i = 0; i < x->phases.n; i++) {
		const struct phase *ph = &x->phases.v[i];
		json_t *o = json_object();
		SET(o, "id", ex_int(ph->id));
		SET(o, "slug", ex_str(x, ph->slug, "a phase slug"));
		SET(o, "name", ex_str(x, ph->name, "a phase name"));
		SET(o, "outside_line", json_boolean(ph->outside_line));
		SET(o, "closed", json_boolean(ph->closed));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *ex_settings(struct ex *x, const struct settings *s)
{
	json_t *o = json_object();
	SET(o, "rep_policy", ex_code(code_policy(s->rep_policy)));
	SET(o, "gate_scope_phase", ex_phase(x, s->gate_scope_phase));
	SET(o, "gate_team_phase", ex_phase(x, s->gate_team_phase));
	ex_unknown(o, &s->unknown);
	return o;
}

static json_t *ex_field(struct ex *x, const struct topic_field *f)
{
	char what[64];
	snprintf(what, sizeof what, "topic field %u", (unsigned)f->number);
	json_t *o = json_object();
	SET(o, "number", ex_int(f->number));
	SET(o, "slug", ex_str(x, f->slug, what));
	SET(o, "name", ex_str(x, f->name, what));
	SET(o, "alt_name", ex_str(x, f->alt_name, what));
	SET(o, "sponsor", ex_str(x, f->sponsor, what));
	SET(o, "version", ex_int(f->version));
	ex_unknown(o, &f->unknown);
	return o;
}

static json_t *ex_org(struct ex *x, const struct organisation *g)
{
	char what[64], id[37];
	uuid_format(&g->id, id);
	snprintf(what, sizeof what, "organisation %s", id);
	json_t *o = json_object();
	SET(o, "id", ex_uuid(&g->id));
	SET(o, "kind", ex_code(org_kind_code(g->kind)));
	SET(o, "name", ex_str(x, g->name, what));
	SET(o, "ags", ex_str(x, g->ags, what));
	SET(o, "category", g->category ? ex_code(category_code(g->category)) : json_null());
	SET(o, "legal_type", ex_str(x, g->legal_type, what));
	SET(o, "population", ex_int(g->population));
	SET(o, "county_ags", ex_str(x, g->county_ags, what));
	SET(o, "size_class", ex_str(x, g->size_class, what));
	SET(o, "region", ex_str(x, g->region, what));
	SET(o, "demo", json_boolean(g->demo));
	SET(o, "version", ex_int(g->version));
	ex_unknown(o, &g->unknown);
	return o;
}

static json_t *ex_service(struct ex *x, const struct service *s)
{
	char what[64];
	snprintf(what, sizeof what, "service %" PRIu32, s->ozg_id);
	json_t *o = json_object();
	SET(o, "ozg_id", ex_int(s->ozg_id));
	SET(o, "name", ex_str(x, s->name, what));
	SET(o, "field", s->field ? ex_int(s->field) : json_null());
	SET(o, "life_situation", ex_str(x, s->life_situation, what));
	json_t *cats = json_array();
	for (int c = 1; c <= CAT__MAX; c++)
		if (s->categories & CAT_BIT(c))
			json_array_append_new(cats, ex_code(category_code((enum category)c)));
	SET(o, "categories", cats);
	SET(o, "version", ex_int(s->version));
	ex_unknown(o, &s->unknown);
	return o;
}

static json_t *ex_project(struct ex *x, const struct project *p)
{
	char what[64];
	snprintf(what, sizeof what, "project %" PRIu32, p->number);
	json_t *o = json_object();
	SET(o, "id", ex_uuid(&p->id));
	SET(o, "number", ex_int(p->number));
	SET(o, "title", ex_str(x, p->title, what));
	SET(o, "field", p->field ? ex_int(p->field) : json_null());
	SET(o, "services", ex_u32s(p->services, p->n_services));
	SET(o, "phase", ex_phase(x, p->phase));
	json_t *dates = json_array();
	for (size_t i = 0; i < p->n_dates; i++) {
		json_t *d = json_object();
		SET(d, "phase", ex_phase(x, p->dates[i].phase));
		SET(d, "planned", ex_date(p->dates[i].planned));
		SET(d, "reached", ex_date(p->dates[i].reached));
		json_array_append_new(dates, d);
	}
	SET(o, "dates", dates);
	json_t *team = json_array();
	for (size_t i = 0; i < p->n_team; i++) {
		json_t *m = json_object();
		SET(m, "org", ex_uuid(&p->team[i].org));
		SET(m, "role", p->team[i].role ? ex_code(role_code(p->team[i].role)) : json_null());
		json_array_append_new(team, m);
	}
	SET(o, "team", team);
	SET(o, "interested", ex_uuids(p->interested, p->n_interested));
	SET(o, "ministries", ex_uuids(p->ministries, p->n_ministries));
	SET(o, "departments", ex_strv(x, &p->departments, what));
	SET(o, "components", ex_strv(x, &p->components, what));
	SET(o, "solutions", ex_strv(x, &p->solutions, what));
	SET(o, "priority", p->priority ? ex_int(p->priority) : json_null());
	SET(o, "notes", ex_str(x, p->notes, what));
	SET(o, "demo", json_boolean(p->demo));
	SET(o, "created", ex_time(p->created));
	SET(o, "created_by", ex_str(x, p->created_by, what));
	SET(o, "updated", ex_time(p->updated));
	SET(o, "updated_by", ex_str(x, p->updated_by, what));
	SET(o, "version", ex_int(p->version));
	ex_unknown(o, &p->unknown);
	return o;
}

static json_t *ex_workshop(struct ex *x, const struct workshop *w)
{
	char what[64], id[37];
	uuid_format(&w->id, id);
	snprintf(what, sizeof what, "workshop %s", id);
	json_t *o = json_object();
	SET(o, "id", ex_uuid(&w->id));
	SET(o, "field", w->field ? ex_int(w->field) : json_null());
	SET(o, "date", ex_date(w->date));
	SET(o, "title", ex_str(x, w->title, what));
	SET(o, "place", ex_str(x, w->place, what));
	SET(o, "participants", ex_uuids(w->participants, w->n_participants));
	SET(o, "head_count", ex_int(w->head_count));
	SET(o, "notes", ex_str(x, w->notes, what));
	SET(o, "demo", json_boolean(w->demo));
	SET(o, "created", ex_time(w->created));
	SET(o, "updated", ex_time(w->updated));
	SET(o, "version", ex_int(w->version));
	ex_unknown(o, &w->unknown);
	return o;
}

static json_t *ex_outcome(struct ex *x, const struct outcome *c)
{
	char what[64], id[37];
	uuid_format(&c->id, id);
	snprintf(what, sizeof what, "outcome %s", id);
	json_t *o = json_object();
	SET(o, "id", ex_uuid(&c->id));
	SET(o, "workshop", ex_uuid(&c->workshop));
	SET(o, "kind", ex_code(outcome_kind_code(c->kind)));
	SET(o, "text", ex_str(x, c->text, what));
	SET(o, "owner", ex_str(x, c->owner, what));
	SET(o, "due", ex_date(c->due));
	SET(o, "status", ex_code(outcome_status_code(c->status)));
	SET(o, "projects", ex_uuids(c->projects, c->n_projects));
	SET(o, "orgs", ex_uuids(c->orgs, c->n_orgs));
	SET(o, "services", ex_u32s(c->services, c->n_services));
	SET(o, "demo", json_boolean(c->demo));
	SET(o, "created", ex_time(c->created));
	SET(o, "updated", ex_time(c->updated));
	SET(o, "version", ex_int(c->version));
	ex_unknown(o, &c->unknown);
	return o;
}

static json_t *ex_history(struct ex *x, const struct history_entry *e)
{
	char what[64];
	snprintf(what, sizeof what, "history entry %" PRIu64, e->seq);
	json_t *o = json_object();
	SET(o, "seq", ex_int((int64_t)e->seq));
	SET(o, "time", ex_time(e->time));
	SET(o, "user", ex_str(x, e->user, what));
	SET(o, "entity", ex_str(x, e->entity, what));
	SET(o, "entity_id", ex_uuid(&e->entity_id));
	SET(o, "project_number", e->project_number ? ex_int(e->project_number) : json_null());
	SET(o, "action", ex_str(x, e->action, what));
	SET(o, "summary", ex_str(x, e->summary, what));
	SET(o, "from_phase", ex_phase(x, e->from_phase));
	SET(o, "to_phase", ex_phase(x, e->to_phase));
	SET(o, "reason", ex_str(x, e->reason, what));
	SET(o, "forced", json_boolean(e->forced));
	ex_unknown(o, &e->unknown);
	return o;
}

static void ex_fini(struct ex *x)
{
	phase_list_fini(&x->phases);
	vec_fini(&x->fields, fini_topic_field);
	vec_fini(&x->orgs, fini_organisation);
	vec_fini(&x->services, fini_service);
	vec_fini(&x->projects, fini_project);
	vec_fini(&x->workshops, fini_workshop);
	vec_fini(&x->outcomes, fini_outcome);
	vec_fini(&x->history, fini_history_entry);
	free(x->bad);
}

/* Keeps what o asks for (export --filter / --snapshot): matching projects,
 * outcomes linked to none or to a kept project (with links to the others
 * dropped, so that the document stays whole), history up to an entry and not
 * about a dropped project. */
static void ex_scope(struct ex *x, const struct jsonio_export_opts *o)
{
	struct vec keep;
	vec_init(&keep, sizeof(struct uuid));
	size_t n = 0;
	for (size_t i = 0; i < x->projects.n; i++) {
		struct project *p = vec_at(&x->projects, i);
		if (o->filter && !filter_match(o->filter, o->catalog, p, o->today)) {
			project_fini(p);
			continue;
		}
		*(struct uuid *)vec_push(&keep) = p->id;
		if (n != i)
			memcpy(vec_at(&x->projects, n), p, sizeof *p);
		n++;
	}
	x->projects.n = n;
	n = 0;
	for (size_t i = 0; o->filter && i < x->outcomes.n; i++) {
		struct outcome *c = vec_at(&x->outcomes, i);
		size_t kept = 0;
		for (size_t k = 0; k < c->n_projects; k++)
			for (size_t j = 0; j < keep.n; j++)
				if (uuid_cmp(&c->projects[k], vec_at(&keep, j)) == 0) {
					c->projects[kept++] = c->projects[k];
					break;
				}
		if (c->n_projects && !kept) {
			outcome_fini(c);
			continue;
		}
		c->n_projects = kept;
		if (n != i)
			memcpy(vec_at(&x->outcomes, n), c, sizeof *c);
		n++;
	}
	if (o->filter)
		x->outcomes.n = n;
	n = 0;
	for (size_t i = 0; i < x->history.n; i++) {
		struct history_entry *e = vec_at(&x->history, i);
		bool drop = o->history_seq && e->seq > o->history_seq;
		if (!drop && o->filter && e->project_number) {
			drop = true;
			for (size_t j = 0; j < x->projects.n && drop; j++)
				drop = ((struct project *)vec_at(&x->projects, j))->number != e->project_number;
		}
		if (drop) {
			history_entry_fini(e);
			continue;
		}
		if (n != i)
			memcpy(vec_at(&x->history, n), e, sizeof *e);
		n++;
	}
	x->history.n = n;
	vec_fini(&keep, NULL);
}

enum status jsonio_export(struct txn *t, FILE *out)
{
	struct jsonio_export_opts o = {.revision = UINT64_MAX};
	return jsonio_export_with(t, &o, out);
}

enum status jsonio_export_with(struct txn *t, const struct jsonio_export_opts *o, FILE *out)
{
	struct ex x;
	struct settings settings;
	uint32_t schema = 0;
	json_t *root = NULL;
	enum status st;
	char now_s[21];
	bool now = o->revision == UINT64_MAX;

	memset(&x, 0, sizeof x);
	phase_list_init(&x.phases);
	settings_init(&settings);
	vec_init(&x.fields, sizeof(struct topic_field));
	vec_init(&x.orgs, sizeof(struct organisation));
	vec_init(&x.services, sizeof(struct service));
	vec_init(&x.projects, sizeof(struct project));
	vec_init(&x.workshops, sizeof(struct workshop));
	vec_init(&x.outcomes, sizeof(struct outcome));
	vec_init(&x.history, sizeof(struct history_entry));

	if ((st = store_schema_version(t, &schema)) != STATUS_OK ||
	    (st = store_phases_get(t, &x.phases)) != STATUS_OK ||
	    (st = store_settings_get(t, &settings)) != STATUS_OK ||
	    (st = store_field_each(t, collect_topic_field, &x.fields)) != STATUS_OK ||
	    (st = store_org_each(t, collect_organisation, &x.orgs)) != STATUS_OK ||
	    (st = (now ? store_service_each(t, 0, collect_service, &x.services)
		       : store_service_each_at(t, o->revision, collect_service, &x.services))) != STATUS_OK ||
	    (st = (now ? store_project_each(t, collect_project, &x.projects)
		       : store_project_each_at(t, o->revision, collect_project, &x.projects))) != STATUS_OK ||
	    (st = store_workshop_each(t, collect_workshop, &x.workshops)) != STATUS_OK ||
	    (st = (now ? store_outcome_each(t, collect_outcome, &x.outcomes)
		       : store_outcome_each_at(t, o->revision, collect_outcome, &x.outcomes))) != STATUS_OK ||
	    (st = store_history_each(t, 0, collect_history_entry, &x.history)) != STATUS_OK)
		goto out;

	vec_sort(&x.fields, cmp_field);
	vec_sort(&x.orgs, cmp_org);
	vec_sort(&x.services, cmp_service);
	vec_sort(&x.projects, cmp_project_number);
	vec_sort(&x.workshops, cmp_workshop);
	vec_sort(&x.outcomes, cmp_outcome);
	vec_sort(&x.history, cmp_history);
	ex_scope(&x, o);

	root = json_object();
	time_format(clock_now(), now_s);
	SET(root, "format", json_string(FORMAT_NAME));
	SET(root, "format_version", ex_int(JSONIO_FORMAT_VERSION));
	SET(root, "schema_version", ex_int(schema));
	SET(root, "exported_at", json_string(now_s));
	SET(root, "phases", ex_phases(&x));
	SET(root, "settings", ex_settings(&x, &settings));

	/* progress on a terminal (progress.h): one step per record */
	struct progress prog;
	progress_begin(&prog, _("export"), _("records"),
		       x.fields.n + x.orgs.n + x.services.n + x.projects.n + x.workshops.n + x.outcomes.n +
			       x.history.n);
#define ARRAY(key, vecname, type, fn)                                          \
	do {                                                                   \
		json_t *a = json_array();                                      \
		for (size_t i = 0; i < x.vecname.n; i++) {                    \
			json_array_append_new(a, fn(&x, (const struct type *)vec_at(&x.vecname, i))); \
			progress_step(&prog, 1);                               \
		}                                                              \
		SET(root, key, a);                                             \
	} while (0)
	ARRAY("topic_fields", fields, topic_field, ex_field);
	ARRAY("organisations", orgs, organisation, ex_org);
	ARRAY("services", services, service, ex_service);
	ARRAY("projects", projects, project, ex_project);
	ARRAY("workshops", workshops, workshop, ex_workshop);
	ARRAY("outcomes", outcomes, outcome, ex_outcome);
	ARRAY("history", history, history_entry, ex_history);
#undef ARRAY
	progress_end(&prog);

	if (x.bad) {
		st = status_fail(STATUS_DATA, "cannot export: %s", x.bad);
		goto out;
	}
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out)) {
		st = status_fail(STATUS_IO, "cannot write the export: %s", strerror(errno));
		goto out;
	}
	st = STATUS_OK;
out:
	json_decref(root);
	settings_fini(&settings);
	ex_fini(&x);
	return st;
}

