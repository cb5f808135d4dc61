/* jsonio_records.c - the records of an import, one reader per kind
 * (docs/json-format.md, "The document"): each reads one object member by
 * member into its struct, checks types, ranges, codes, dates, lengths and
 * what else needs only the record, and hands its key and its references to
 * the import (imp_key, imp_ref in jsonio.c) as they are read.
 *
 * The key tables list the members in the order the export writes them; a
 * reader takes them in any order. A member given as null is the same as one
 * left out, except that a required one must not be null.
 */
#include <stdio.h>
#include <string.h>

#include "ozgtui/i18n.h"
#include "ozgtui/model.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

/* The key "id" of an organisation, workshop or outcome: names the record in
 * messages and is handed to the import. */
static void read_id_key(struct rec *r, enum jkind kind, struct uuid *id)
{
	int line;
	if (rec_uuid(r, "id", true, id, &line)) {
		rec_label(r, "id", 0, id, NULL);
		imp_key(r, kind, id, 0, line);
	}
}

/* A numbered key (a field's, project's or history entry's number, from 1 to
 * hi), member k: the same. False when it is missing or bad. */
static bool read_number_key(struct rec *r, const char *name, int64_t hi, enum jkind kind, int k, uint64_t *out)
{
	int64_t x;
	if (!rec_int(r, name, true, 1, hi, 0, &x))
		return false;
	*out = (uint64_t)x;
	rec_label(r, name, *out, NULL, NULL);
	imp_key(r, kind, NULL, *out, r->key_line[k]);
	return true;
}

void read_phase(struct rec *r, struct phase *ph)
{
	static const char *const keys[] = {"id", "slug", "name", "outside_line", "closed", NULL};
	static const int req[] = {0, 1, 2, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int64_t x;
	int k;
	memset(ph, 0, sizeof *ph);
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0:
			if (rec_int(r, "id", true, 1, 255, 0, &x))
				ph->id = (uint8_t)x;
			break;
		case 1:
			rec_str(r, "slug", true, 64, &ph->slug);
			if (ph->slug)
				rec_label(r, "slug", 0, NULL, ph->slug);
			break;
		case 2:
			rec_str(r, "name", true, 200, &ph->name);
			break;
		case 3:
			ph->outside_line = rec_bool(r, "outside_line");
			break;
		default:
			ph->closed = rec_bool(r, "closed");
			break;
		}
	}
	rec_required(r, keys, seen, req);
}

bool read_settings(struct rec *r, struct settings *s)
{
	static const char *const keys[] = {"rep_policy", "gate_scope_phase", "gate_team_phase", "unknown",
					   NULL};
	size_t n = 0;
	uint64_t seen = 0;
	int k;
	struct jv v;
	if (!jr_value(r->j, &v) || v.t == JT_NULL) {
		r->bad = r->j->failed;
		return false;
	}
	if (v.t != JT_OBJECT) {
		rec_fail(r, v.line, _("expected an object, not %s"), jr_type_name(v.t));
		rec_drop(r, &v);
		return false;
	}
	jr_enter(r->j);
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0:
			s->rep_policy = (enum rep_policy)rec_enum(r, "rep_policy", false, REP_SPAN, REP_ALL,
								  code_policy, N_("policy"), REP_SPAN);
			break;
		case 1:
			s->gate_scope_phase = rec_phase(r, "gate_scope_phase", true, false);
			break;
		case 2:
			s->gate_team_phase = rec_phase(r, "gate_team_phase", true, false);
			break;
		default:
			rec_unknown(r, &s->unknown);
			break;
		}
	}
	if (r->j->failed)
		r->bad = true;
	return !r->bad;
}

void read_topic_field(struct rec *r, struct topic_field *f)
{
	static const char *const keys[] = {"number", "slug", "name", "alt_name", "sponsor", "version",
					   "unknown", NULL};
	static const int req[] = {0, 1, 2, -1};
	size_t n = 0;
	uint64_t seen = 0;
	uint64_t x;
	int k;
	topic_field_init(f);
	f->version = 1;
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0:
			if (read_number_key(r, "number", UINT16_MAX, JK_FIELD, k, &x))
				f->number = (uint16_t)x;
			break;
		case 1: rec_str(r, "slug", true, 64, &f->slug); break;
		case 2: rec_str(r, "name", true, MAX_STRING, &f->name); break;
		case 3: rec_str(r, "alt_name", false, MAX_STRING, &f->alt_name); break;
		case 4: rec_str(r, "sponsor", false, MAX_STRING, &f->sponsor); break;
		case 5: f->version = rec_u32(r, "version", 0, 1); break;
		default: rec_unknown(r, &f->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}

void read_organisation(struct rec *r, struct organisation *o)
{
	static const char *const keys[] = {"id", "kind", "name", "ags", "category", "legal_type",
					   "population", "county_ags", "size_class", "region", "demo",
					   "version", "unknown", NULL};
	static const int req[] = {0, 1, 2, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int k;
	organisation_init(o);
	o->kind = ORG_OTHER;
	o->version = 1;
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0: read_id_key(r, JK_ORG, &o->id); break;
		case 1:
			o->kind = (enum org_kind)rec_enum(r, "kind", true, 0, ORG__COUNT - 1, code_kind,
							  N_("kind of organisation"), ORG_OTHER);
			break;
		case 2: rec_str(r, "name", true, MAX_STRING, &o->name); break;
		case KEY_ORG_AGS: rec_str(r, "ags", false, 64, &o->ags); break;
		case 4:
			o->category = (enum category)rec_enum(r, "category", false, 1, CAT__MAX, code_cat,
							      N_("category"), CAT_NONE);
			break;
		case 5: rec_str(r, "legal_type", false, MAX_STRING, &o->legal_type); break;
		case 6: o->population = rec_u32(r, "population", 0, 0); break;
		case 7: rec_str(r, "county_ags", false, 64, &o->county_ags); break;
		case 8: rec_str(r, "size_class", false, MAX_STRING, &o->size_class); break;
		case 9: rec_str(r, "region", false, MAX_STRING, &o->region); break;
		case 10: o->demo = rec_bool(r, "demo"); break;
		case 11: o->version = rec_u32(r, "version", 0, 1); break;
		default: rec_unknown(r, &o->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}

/* A topic field named by a record (a reference, 0 for none). */
static uint16_t read_field_ref(struct rec *r, int key)
{
	int64_t x;
	if (!rec_int(r, "field", false, 1, UINT16_MAX, 0, &x) || !x)
		return 0;
	imp_ref(r, JK_FIELD, NULL, (uint64_t)x, "field", -1, r->key_line[key]);
	return (uint16_t)x;
}

static void read_categories(struct rec *r, struct service *s)
{
	struct jv v;
	char p[REC_PATH];
	size_t m = 0;
	if (!jr_value(r->j, &v) || v.t == JT_NULL)
		return;
	if (v.t != JT_ARRAY) {
		rec_expected(r, "categories", -1, &v, EXPECT_ARRAY);
		return;
	}
	jr_enter(r->j);
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		int c = 0;
		if (!jr_value(r->j, &v))
			return;
		if (v.t == JT_STRING)
			for (int k = 1; k <= CAT__MAX; k++)
				if (!strcmp(v.s, category_code((enum category)k)))
					c = k;
		if (c)
			s->categories |= CAT_BIT(c);
		else if (v.t == JT_STRING)
			rec_fail(r, v.line, _("%s: unknown category '%s'"), rec_path(r, "categories", (long)i, p), v.s);
		else
			rec_expected(r, "categories", (long)i, &v, EXPECT_STRING);
	}
}

void read_service(struct rec *r, struct service *s)
{
	static const char *const keys[] = {"ozg_id", "name", "field", "life_situation", "categories",
					   "version", "unknown", NULL};
	static const int req[] = {0, 1, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int64_t x;
	int k;
	service_init(s);
	s->version = 1;
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0:
			if (rec_int(r, "ozg_id", true, 1, UINT32_MAX, 0, &x)) {
				s->ozg_id = (uint32_t)x;
				rec_label(r, "ozg_id", s->ozg_id, NULL, NULL);
				imp_key(r, JK_SERVICE, NULL, s->ozg_id, r->key_line[k]);
			}
			break;
		case 1: rec_str(r, "name", true, MAX_STRING, &s->name); break;
		case 2: s->field = read_field_ref(r, k); break;
		case 3: rec_str(r, "life_situation", false, MAX_STRING, &s->life_situation); break;
		case 4: read_categories(r, s); break;
		case 5: s->version = rec_u32(r, "version", 0, 1); break;
		default: rec_unknown(r, &s->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}

/* "dates" and "team" of a project: arrays of objects, each read with the
 * prefix "dates[1]." for its members. */
static bool nested_begin(struct rec *r, const char *name)
{
	struct jv v;
	if (!jr_value(r->j, &v) || v.t == JT_NULL)
		return false;
	if (v.t != JT_ARRAY) {
		rec_expected(r, name, -1, &v, EXPECT_ARRAY);
		return false;
	}
	return jr_enter(r->j);
}

static void read_dates(struct rec *r, struct project *p)
{
	static const char *const keys[] = {"phase", "planned", "reached", NULL};
	char path[REC_PATH];
	size_t m = 0, cap = 0;
	if (!nested_begin(r, "dates"))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		struct phase_date pd = {0};
		size_t n = 0, errs = r->n_errs;
		uint64_t seen = 0;
		int k, line = 0, start;
		jr_ws(r->j);
		start = r->j->line;
		if (!rec_object(r, "dates", (long)i))
			continue;
		r->nest = "dates";
		r->nest_i = (long)i;
		while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
			if (k == 0) {
				line = r->j->line;
				pd.phase = rec_phase(r, "phase", false, false);
			} else if (k == 1) {
				pd.planned = rec_date(r, "planned");
			} else {
				pd.reached = rec_date(r, "reached");
			}
		}
		if (!pd.phase && r->n_errs == errs && !r->j->failed)
			rec_fail(r, line ? line : start, _("%s: missing"), rec_path(r, "phase", -1, path));
		for (size_t d = 0; pd.phase && d < p->n_dates; d++)
			if (p->dates[d].phase == pd.phase) {
				bool db;
				const struct phase_list *l = imp_phases(r->im, false, &db);
				const struct phase *ph = l ? phase_list_get(l, pd.phase) : NULL;
				rec_fail(r, line, _("%s: a second entry for phase '%s'"), rec_path(r, NULL, -1, path),
					 ph && ph->slug ? ph->slug : "?");
				break;
			}
		r->nest = NULL;
		if (r->n_errs == errs) {
			xgrow((void **)&p->dates, &cap, p->n_dates + 1, sizeof *p->dates);
			p->dates[p->n_dates++] = pd;
		}
	}
}

static void read_team(struct rec *r, struct project *p)
{
	static const char *const keys[] = {"org", "role", NULL};
	static const int req[] = {0, -1};
	char path[REC_PATH];
	size_t m = 0, cap = 0;
	if (!nested_begin(r, "team"))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		struct member mb = {0};
		size_t n = 0, errs = r->n_errs;
		uint64_t seen = 0;
		int k, line = 0;
		if (!rec_object(r, "team", (long)i))
			continue;
		r->nest = "team";
		r->nest_i = (long)i;
		while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
			if (k == 0) {
				if (rec_uuid(r, "org", true, &mb.org, &line))
					imp_ref(r, JK_ORG, &mb.org, 0, "org", -1, line);
			} else {
				mb.role = (enum role)rec_enum(r, "role", false, ROLE_LEAD, ROLE_ADVISOR,
							      code_role, N_("role"), ROLE_NONE);
			}
		}
		rec_required(r, keys, seen, req);
		for (size_t d = 0; r->n_errs == errs && d < p->n_team; d++)
			if (!uuid_cmp(&p->team[d].org, &mb.org))
				rec_fail(r, line, _("%s: the organisation is already in the team"),
					 rec_path(r, NULL, -1, path));
		r->nest = NULL;
		if (r->n_errs == errs) {
			xgrow((void **)&p->team, &cap, p->n_team + 1, sizeof *p->team);
			p->team[p->n_team++] = mb;
		}
	}
}

void read_project(struct rec *r, struct project *p)
{
	static const char *const keys[] = {
		"id", "number", "title", "field", "services", "phase", "dates", "team",
		"interested", "ministries", "departments", "components", "solutions",
		"priority", "notes", "demo", "created", "created_by", "updated", "updated_by",
		"version", "unknown", NULL};
	static const int req[] = {0, KEY_PROJECT_NUMBER, 2, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int64_t x;
	uint64_t key;
	int k, line;
	project_init(p);
	p->version = 1;
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0:
			if (rec_uuid(r, "id", true, &p->id, &line))
				imp_key(r, JK_PROJECT, &p->id, 0, line);
			break;
		case KEY_PROJECT_NUMBER:
			if (read_number_key(r, "number", UINT32_MAX, JK_NUMBER, k, &key))
				p->number = (uint32_t)key;
			break;
		case 2: rec_str(r, "title", true, MAX_TITLE, &p->title); break;
		case 3: p->field = read_field_ref(r, k); break;
		case 4: rec_u32s(r, "services", JK_SERVICE, &p->services, &p->n_services); break;
		case 5: p->phase = rec_phase(r, "phase", false, false); break;
		case 6: read_dates(r, p); break;
		case 7: read_team(r, p); break;
		case 8: rec_uuids(r, "interested", JK_ORG, &p->interested, &p->n_interested); break;
		case 9: rec_uuids(r, "ministries", JK_ORG, &p->ministries, &p->n_ministries); break;
		case 10: rec_strv(r, "departments", &p->departments); break;
		case 11: rec_strv(r, "components", &p->components); break;
		case 12: rec_strv(r, "solutions", &p->solutions); break;
		case 13:
			if (rec_int(r, "priority", false, 1, 5, 0, &x))
				p->priority = (uint8_t)x;
			break;
		case 14: rec_str(r, "notes", false, MAX_STRING, &p->notes); break;
		case 15: p->demo = rec_bool(r, "demo"); break;
		case 16: p->created = rec_time(r, "created"); break;
		case 17: rec_str(r, "created_by", false, 256, &p->created_by); break;
		case 18: p->updated = rec_time(r, "updated"); break;
		case 19: rec_str(r, "updated_by", false, 256, &p->updated_by); break;
		case 20: p->version = rec_u32(r, "version", 0, 1); break;
		default: rec_unknown(r, &p->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}

void read_workshop(struct rec *r, struct workshop *w)
{
	static const char *const keys[] = {"id", "field", "date", "title", "place", "participants",
					   "head_count", "notes", "demo", "created", "updated",
					   "version", "unknown", NULL};
	static const int req[] = {0, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int k;
	workshop_init(w);
	w->version = 1;
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0: read_id_key(r, JK_WORKSHOP, &w->id); break;
		case 1: w->field = read_field_ref(r, k); break;
		case 2: w->date = rec_date(r, "date"); break;
		case 3: rec_str(r, "title", false, MAX_TITLE, &w->title); break;
		case 4: rec_str(r, "place", false, MAX_STRING, &w->place); break;
		case 5: rec_uuids(r, "participants", JK_ORG, &w->participants, &w->n_participants); break;
		case 6: w->head_count = rec_u32(r, "head_count", 0, 0); break;
		case 7: rec_str(r, "notes", false, MAX_STRING, &w->notes); break;
		case 8: w->demo = rec_bool(r, "demo"); break;
		case 9: w->created = rec_time(r, "created"); break;
		case 10: w->updated = rec_time(r, "updated"); break;
		case 11: w->version = rec_u32(r, "version", 0, 1); break;
		default: rec_unknown(r, &w->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}

void read_outcome(struct rec *r, struct outcome *o)
{
	static const char *const keys[] = {"id", "workshop", "kind", "text", "owner", "due", "status",
					   "projects", "orgs", "services", "demo", "created",
					   "updated", "version", "unknown", NULL};
	static const int req[] = {0, 2, 3, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int k, line;
	outcome_init(o);
	o->kind = OUTCOME_DECISION;
	o->status = OUTCOME_STATUS_OPEN;
	o->version = 1;
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0: read_id_key(r, JK_OUTCOME, &o->id); break;
		case 1:
			if (rec_uuid(r, "workshop", false, &o->workshop, &line))
				imp_ref(r, JK_WORKSHOP, &o->workshop, 0, "workshop", -1, line);
			break;
		case 2:
			o->kind = (enum outcome_kind)rec_enum(r, "kind", true, 0, OUTCOME__COUNT - 1,
							      code_okind, N_("kind of outcome"),
							      OUTCOME_DECISION);
			break;
		case 3: rec_str(r, "text", true, MAX_STRING, &o->text); break;
		case 4: rec_str(r, "owner", false, MAX_STRING, &o->owner); break;
		case 5: o->due = rec_date(r, "due"); break;
		case 6:
			o->status = (enum outcome_status)rec_enum(r, "status", false, OUTCOME_STATUS_OPEN,
								  OUTCOME_STATUS_DROPPED, code_ostatus,
								  N_("status"), OUTCOME_STATUS_OPEN);
			break;
		case 7: rec_uuids(r, "projects", JK_PROJECT, &o->projects, &o->n_projects); break;
		case 8: rec_uuids(r, "orgs", JK_ORG, &o->orgs, &o->n_orgs); break;
		case 9: rec_u32s(r, "services", JK_SERVICE, &o->services, &o->n_services); break;
		case 10: o->demo = rec_bool(r, "demo"); break;
		case 11: o->created = rec_time(r, "created"); break;
		case 12: o->updated = rec_time(r, "updated"); break;
		case 13: o->version = rec_u32(r, "version", 0, 1); break;
		default: rec_unknown(r, &o->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}

void read_history_entry(struct rec *r, struct history_entry *e)
{
	static const char *const keys[] = {"seq", "time", "user", "entity", "entity_id",
					   "project_number", "action", "summary", "from_phase",
					   "to_phase", "reason", "forced", "unknown", NULL};
	static const int req[] = {0, 3, 6, -1};
	size_t n = 0;
	uint64_t seen = 0;
	int k, line;
	history_entry_init(e);
	if (!rec_object(r, NULL, -1))
		return;
	while ((k = REC_MEMBER(r, keys, &n, &seen)) >= 0) {
		switch (k) {
		case 0:
			read_number_key(r, "seq", INT64_MAX, JK_HISTORY, k, &e->seq);
			break;
		case 1: e->time = rec_time(r, "time"); break;
		case 2: rec_str(r, "user", false, 256, &e->user); break;
		case 3: rec_str(r, "entity", true, 64, &e->entity); break;
		case 4: rec_uuid(r, "entity_id", false, &e->entity_id, &line); break;
		case 5: e->project_number = rec_u32(r, "project_number", 1, 0); break;
		case 6: rec_str(r, "action", true, 64, &e->action); break;
		case 7: rec_str(r, "summary", false, MAX_STRING, &e->summary); break;
		case 8: e->from_phase = rec_phase(r, "from_phase", true, true); break;
		case 9: e->to_phase = rec_phase(r, "to_phase", true, true); break;
		case 10: rec_str(r, "reason", false, MAX_STRING, &e->reason); break;
		case 11: e->forced = rec_bool(r, "forced"); break;
		default: rec_unknown(r, &e->unknown); break;
		}
	}
	rec_required(r, keys, seen, req);
}
