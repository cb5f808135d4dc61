/* test_workshops.c - workshops, outcomes and sponsors: the pure rules (one
 * table each), the outcome/workshop filter, lookup by short index or UUID
 * prefix, and the changes on a real LMDB store seeded with the shipped
 * reference data (default phases: a representative team and a decision are
 * needed from Umsetzung on).
 *
 * Expectations come from DOMAIN.md and issue 4: an overdue action item is open
 * and past its due date; a decision outcome linked to a project lets it pass
 * the decision gate; volunteers become interested in the linked projects and
 * so come first among the suggestions; bundled projects more than one line
 * step apart are a finding.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/check.h"
#include "ozgtui/ops.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"
#include "ozgtui/workshops.h"

#define TODAY "2025-03-01"

static int32_t day(const char *s)
{
	int32_t d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

static struct uuid uid(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

/* ---- pure rules ------------------------------------------------------------------ */

static void test_overdue(void **state)
{
	(void)state;
	static const struct {
		enum outcome_kind kind;
		enum outcome_status status;
		const char *due;   /* NULL: none */
		bool overdue;
	} rows[] = {
		{OUTCOME_ACTION, OUTCOME_STATUS_OPEN, "2025-02-28", true},
		{OUTCOME_ACTION, OUTCOME_STATUS_OPEN, "2024-01-01", true},
		{OUTCOME_ACTION, OUTCOME_STATUS_OPEN, "2025-03-01", false},   /* due today: not yet */
		{OUTCOME_ACTION, OUTCOME_STATUS_OPEN, "2025-03-02", false},
		{OUTCOME_ACTION, OUTCOME_STATUS_OPEN, NULL, false},           /* no due date */
		{OUTCOME_ACTION, OUTCOME_STATUS_DONE, "2025-02-01", false},
		{OUTCOME_ACTION, OUTCOME_STATUS_DROPPED, "2025-02-01", false},
		{OUTCOME_QUESTION, OUTCOME_STATUS_OPEN, "2025-02-01", false}, /* only action items */
		{OUTCOME_DECISION, OUTCOME_STATUS_OPEN, "2025-02-01", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct outcome o;
		outcome_init(&o);
		o.kind = rows[i].kind;
		o.status = rows[i].status;
		o.due = rows[i].due ? day(rows[i].due) : 0;
		if (workshops_overdue(&o, day(TODAY)) != rows[i].overdue)
			fail_msg("row %zu: expected overdue=%d", i, rows[i].overdue);
		outcome_fini(&o);
	}
}

static void test_decides(void **state)
{
	(void)state;
	struct uuid p1 = uid("p1"), p2 = uid("p2");
	static const struct {
		enum outcome_kind kind;
		enum outcome_status status;
		int linked;   /* 0 none, 1 p1, 2 p1 and p2 */
		bool decides_p1, decides_p2;
	} rows[] = {
		{OUTCOME_DECISION, OUTCOME_STATUS_DONE, 1, true, false},
		{OUTCOME_DECISION, OUTCOME_STATUS_OPEN, 1, true, false},
		{OUTCOME_DECISION, OUTCOME_STATUS_DROPPED, 1, false, false},
		{OUTCOME_DECISION, OUTCOME_STATUS_DONE, 2, true, true},
		{OUTCOME_DECISION, OUTCOME_STATUS_DONE, 0, false, false},
		{OUTCOME_PRIORITY, OUTCOME_STATUS_DONE, 2, false, false},
		{OUTCOME_BUNDLE, OUTCOME_STATUS_DONE, 2, false, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct outcome o;
		outcome_init(&o);
		o.kind = rows[i].kind;
		o.status = rows[i].status;
		o.projects = xcalloc(2, sizeof(*o.projects));
		o.projects[0] = p1;
		o.projects[1] = p2;
		o.n_projects = (size_t)rows[i].linked;
		assert_int_equal(workshops_decides(&o, &p1), rows[i].decides_p1);
		assert_int_equal(workshops_decides(&o, &p2), rows[i].decides_p2);
		outcome_fini(&o);
	}
}

static void test_new_interest(void **state)
{
	(void)state;
	struct uuid a = uid("org-a"), b = uid("org-b"), c = uid("org-c");
	static const struct {
		enum outcome_kind kind;
		enum outcome_status status;
		int member;       /* which org (0 none, 1 a, 2 b) is in the team */
		int interested;   /* which is interested already */
		size_t max;
		size_t want;      /* new interest */
	} rows[] = {
		{OUTCOME_VOLUNTEER, OUTCOME_STATUS_OPEN, 0, 0, 8, 3},
		{OUTCOME_VOLUNTEER, OUTCOME_STATUS_DONE, 0, 0, 8, 3},
		{OUTCOME_VOLUNTEER, OUTCOME_STATUS_DROPPED, 0, 0, 8, 0},
		{OUTCOME_VOLUNTEER, OUTCOME_STATUS_OPEN, 1, 0, 8, 2},   /* a is in the team */
		{OUTCOME_VOLUNTEER, OUTCOME_STATUS_OPEN, 1, 2, 8, 1},   /* and b interested */
		{OUTCOME_VOLUNTEER, OUTCOME_STATUS_OPEN, 0, 0, 2, 2},   /* capped */
		{OUTCOME_DECISION, OUTCOME_STATUS_OPEN, 0, 0, 8, 0},    /* only volunteers */
		{OUTCOME_BUNDLE, OUTCOME_STATUS_OPEN, 0, 0, 8, 0},
	};
	const struct uuid *orgs[] = {NULL, &a, &b};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct outcome o;
		struct project p;
		outcome_init(&o);
		project_init(&p);
		o.kind = rows[i].kind;
		o.status = rows[i].status;
		o.orgs = xcalloc(4, sizeof(*o.orgs));
		o.orgs[0] = a;
		o.orgs[1] = b;
		o.orgs[2] = c;
		o.orgs[3] = a;   /* named twice: counted once */
		o.n_orgs = 4;
		if (rows[i].member)
			project_set_member(&p, orgs[rows[i].member], ROLE_MEMBER);
		if (rows[i].interested)
			project_add_interest(&p, orgs[rows[i].interested]);
		struct uuid out[8];
		size_t n = workshops_new_interest(&o, &p, out, rows[i].max);
		if (n != rows[i].want)
			fail_msg("row %zu: %zu new, expected %zu", i, n, rows[i].want);
		for (size_t k = 0; k < n; k++) {
			assert_null(project_member(&p, &out[k]));
			assert_false(project_is_interested(&p, &out[k]));
			for (size_t j = 0; j < k; j++)
				assert_int_not_equal(uuid_cmp(&out[j], &out[k]), 0);
		}
		outcome_fini(&o);
		project_fini(&p);
	}
}

static void test_bundle_drift(void **state)
{
	(void)state;
	struct phase_list l;
	phase_list_init(&l);
	phase_list_default(&l);
	uint8_t id[16] = {0};
	const char *names[] = {"sichtung", "workshop", "entscheidung", "konzeption", "umsetzung",
			       "pilotierung", "rollout", "betrieb", "pausiert", "abgebrochen"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		assert_int_equal(phase_list_find(&l, names[i], &id[i]), STATUS_OK);
	enum { SI, WS, EN, KO, UM, PI, RO, BE, PA, AB };
	static const struct {
		int phases[4];
		size_t n;
		bool drift;
		size_t behind, ahead;
		int steps;
	} rows[] = {
		{{WS, EN}, 2, false, 0, 0, 0},         /* one step: fine */
		{{WS, WS}, 2, false, 0, 0, 0},
		{{WS, KO}, 2, true, 0, 1, 2},          /* two steps */
		{{UM, SI, EN}, 3, true, 1, 0, 4},
		{{SI, BE}, 2, true, 0, 1, 7},          /* operation counts: it is on the line */
		{{WS, PA}, 2, false, 0, 0, 0},         /* paused: not on the line */
		{{AB, BE, SI}, 3, true, 2, 1, 7},      /* cancelled ignored */
		{{PA, AB}, 2, false, 0, 0, 0},
		{{KO}, 1, false, 0, 0, 0},
		{{0}, 0, false, 0, 0, 0},
		{{KO, UM, PI}, 3, true, 0, 2, 2},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint8_t ph[4];
		for (size_t k = 0; k < rows[i].n; k++)
			ph[k] = id[rows[i].phases[k]];
		size_t behind = 99, ahead = 99;
		int steps = -1;
		bool d = workshops_bundle_drift(&l, ph, rows[i].n, &behind, &ahead, &steps);
		if (d != rows[i].drift)
			fail_msg("row %zu: drift %d, expected %d", i, d, rows[i].drift);
		if (d) {
			assert_int_equal(behind, rows[i].behind);
			assert_int_equal(ahead, rows[i].ahead);
			assert_int_equal(steps, rows[i].steps);
		}
		/* the out pointers are optional */
		assert_int_equal(workshops_bundle_drift(&l, ph, rows[i].n, NULL, NULL, NULL), rows[i].drift);
	}
	phase_list_fini(&l);
}

static void test_volunteer_placed(void **state)
{
	(void)state;
	struct uuid a = uid("org-a"), b = uid("org-b");
	struct project p, q;
	project_init(&p);
	project_init(&q);
	project_set_member(&q, &a, ROLE_ADVISOR);
	project_add_interest(&p, &b);   /* interest is not a place in the team */
	const struct project *none[] = {NULL};
	const struct project *one[] = {&p};
	const struct project *two[] = {&p, &q};
	assert_false(workshops_volunteer_placed(&a, none, 0));
	assert_false(workshops_volunteer_placed(&a, one, 1));
	assert_true(workshops_volunteer_placed(&a, two, 2));
	assert_false(workshops_volunteer_placed(&b, two, 2));
	project_fini(&p);
	project_fini(&q);
}

/* ---- a database ---------------------------------------------------------------------- */

struct fx {
	char *dir;
	struct store *s;
	struct catalog c;
	uint16_t field, field2;
	uint8_t workshop, entscheidung, konzeption, umsetzung, pausiert;
	struct uuid koeln, village, county, town;
};

static enum status seed(struct txn *t, void *arg)
{
	(void)arg;
	return refdata_seed(t, PHASES_DEFAULT);
}

static void reload(struct fx *f)
{
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	catalog_fini(&f->c);
	catalog_init(&f->c);
	assert_int_equal(catalog_load(&f->c, t), STATUS_OK);
	store_txn_end(t);
}

static uint8_t phase(struct fx *f, const char *name)
{
	uint8_t id = 0;
	assert_int_equal(catalog_find_phase(&f->c, name, &id), STATUS_OK);
	return id;
}

static int setup(void **state)
{
	setenv("OZGTUI_NOW", TODAY, 1);
	struct fx *f = xcalloc(1, sizeof(*f));
	f->dir = test_tmpdir();
	catalog_init(&f->c);
	assert_int_equal(store_open(f->dir, STORE_CREATE, &f->s), STATUS_OK);
	assert_int_equal(store_write(f->s, seed, NULL), STATUS_OK);
	reload(f);
	f->workshop = phase(f, "Workshop");
	f->entscheidung = phase(f, "Entscheidung");
	f->konzeption = phase(f, "Konzeption");
	f->umsetzung = phase(f, "Umsetzung");
	f->pausiert = phase(f, "Pausiert");
	assert_int_equal(catalog_find_field(&f->c, "Bauen & Wohnen", &f->field), STATUS_OK);
	assert_int_equal(catalog_find_field(&f->c, "Familie", &f->field2), STATUS_OK);
	const struct organisation *o = NULL;
	assert_int_equal(catalog_find_org(&f->c, "05315000", &o), STATUS_OK);   /* Köln */
	f->koeln = o->id;
	const struct organisation *village = NULL, *county = NULL, *town = NULL;
	for (size_t i = 0; i < f->c.n_orgs; i++) {
		const struct organisation *x = &f->c.orgs[i];
		if (x->category == CAT_MUNICIPALITY && (!village || x->population < village->population))
			village = x;
		if (x->category == CAT_MEDIUM_TOWN && !town)
			town = x;
		if (x->category == CAT_COUNTY && !county)
			county = x;
	}
	assert_non_null(village);
	assert_non_null(county);
	assert_non_null(town);
	f->village = village->id;
	f->county = county->id;
	f->town = town->id;
	/* 10000 is delivered by villages and cities: both ends needed */
	assert_int_equal(ops_service_categories(f->s, 10000, CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_CITY)),
			 STATUS_OK);
	reload(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	catalog_fini(&f->c);
	store_close(f->s);
	test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static struct uuid create(struct fx *f, const char *title, uint16_t field, uint32_t service)
{
	struct project p;
	project_init(&p);
	p.title = xstrdup(title);
	p.field = field;
	if (service)
		project_add_service(&p, service);
	assert_int_equal(ops_project_create(f->s, &f->c, &p), STATUS_OK);
	struct uuid id = p.id;
	project_fini(&p);
	return id;
}

static void get(struct fx *f, const struct uuid *id, struct project *out)
{
	struct txn *t = NULL;
	project_fini(out);
	project_init(out);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_get(t, id, out), STATUS_OK);
	store_txn_end(t);
}

static void get_outcome(struct fx *f, const struct uuid *id, struct outcome *out)
{
	struct txn *t = NULL;
	outcome_fini(out);
	outcome_init(out);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_outcome_get(t, id, out), STATUS_OK);
	store_txn_end(t);
}

struct hist {
	size_t n;
	struct history_entry newest;
};

static int hist_fn(const struct history_entry *e, void *arg)
{
	struct hist *h = arg;
	if (h->n++ == 0)
		history_entry_copy(&h->newest, e);
	return 0;
}

static void history_of(struct fx *f, const struct uuid *id, struct hist *h)
{
	struct txn *t = NULL;
	memset(h, 0, sizeof(*h));
	history_entry_init(&h->newest);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	if (id)
		assert_int_equal(store_history_each_for(t, id, hist_fn, h), STATUS_OK);
	else
		assert_int_equal(store_history_each(t, 0, hist_fn, h), STATUS_OK);
	store_txn_end(t);
}

static struct uuid add_workshop(struct fx *f, uint16_t field, const char *date, const char *title)
{
	struct workshop w;
	workshop_init(&w);
	w.field = field;
	w.date = day(date);
	w.title = xstrdup(title);
	w.place = xstrdup("Köln, KDN");
	w.participants = xcalloc(2, sizeof(*w.participants));
	w.participants[0] = f->koeln;
	w.participants[1] = f->village;
	w.n_participants = 2;
	w.head_count = 14;
	assert_int_equal(workshops_add(f->s, &f->c, &w), STATUS_OK);
	assert_false(uuid_is_nil(&w.id));
	assert_int_equal(w.version, 1);
	struct uuid id = w.id;
	workshop_fini(&w);
	return id;
}

static struct uuid add_outcome(struct fx *f, const struct uuid *ws, enum outcome_kind kind, const char *text,
			       const struct uuid *project, const struct uuid *org, const char *due,
			       size_t *interest)
{
	struct outcome o;
	outcome_init(&o);
	if (ws)
		o.workshop = *ws;
	o.kind = kind;
	o.text = xstrdup(text);
	if (project) {
		o.projects = xmalloc(sizeof(*o.projects));
		o.projects[0] = *project;
		o.n_projects = 1;
	}
	if (org) {
		o.orgs = xmalloc(sizeof(*o.orgs));
		o.orgs[0] = *org;
		o.n_orgs = 1;
	}
	o.due = due ? day(due) : 0;
	assert_int_equal(workshops_outcome_add(f->s, &f->c, &o, interest), STATUS_OK);
	assert_int_equal(o.status, OUTCOME_STATUS_OPEN);
	struct uuid id = o.id;
	outcome_fini(&o);
	return id;
}

static enum status move(struct fx *f, const struct uuid *id, uint8_t to)
{
	struct move_request m = {.project = *id, .to = to};
	struct buf why;
	buf_init(&why);
	enum status st = ops_move(f->s, &f->c, &m, &why);
	buf_fini(&why);
	return st;
}

/* ---- changes ------------------------------------------------------------------------- */

static void test_workshop_add_edit(void **state)
{
	struct fx *f = *state;
	struct uuid id = add_workshop(f, f->field, "2025-01-15", "Initialer Workshop Bauen");
	struct hist h;
	history_of(f, &id, &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.newest.entity, "workshop");
	assert_string_equal(h.newest.action, "create");
	assert_string_equal(h.newest.user, user_name());
	assert_non_null(strstr(h.newest.summary, "2025-01-15"));
	history_entry_fini(&h.newest);

	/* what every workshop needs */
	static const struct {
		uint16_t field;
		const char *date, *title;
		enum status st;
	} bad[] = {
		{0, "2025-01-01", "x", STATUS_USAGE},
		{999, "2025-01-01", "x", STATUS_DATA},
		{2, NULL, "x", STATUS_USAGE},
		{2, "2025-01-01", "  ", STATUS_USAGE},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct workshop w;
		workshop_init(&w);
		w.field = bad[i].field;
		w.date = bad[i].date ? day(bad[i].date) : 0;
		w.title = xstrdup(bad[i].title);
		assert_int_equal(workshops_add(f->s, &f->c, &w), bad[i].st);
		workshop_fini(&w);
	}

	/* an edit: version and history; a stale version conflicts */
	struct txn *t = NULL;
	struct workshop w;
	workshop_init(&w);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_workshop_get(t, &id, &w), STATUS_OK);
	store_txn_end(t);
	free(w.place);
	w.place = xstrdup("Videokonferenz");
	w.head_count = 20;
	assert_int_equal(workshops_update(f->s, &f->c, &w, 1), STATUS_OK);
	assert_int_equal(w.version, 2);
	history_of(f, &id, &h);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.newest.action, "edit");
	assert_non_null(strstr(h.newest.summary, "place"));
	assert_non_null(strstr(h.newest.summary, "head count: 14 → 20"));
	history_entry_fini(&h.newest);
	assert_int_equal(workshops_update(f->s, &f->c, &w, 1), STATUS_CONFLICT);
	/* nothing changed: no new version, no history */
	assert_int_equal(workshops_update(f->s, &f->c, &w, 2), STATUS_OK);
	assert_int_equal(w.version, 2);
	history_of(f, &id, &h);
	assert_int_equal(h.n, 2);
	history_entry_fini(&h.newest);
	workshop_fini(&w);
}

static void test_outcome_status_and_links(void **state)
{
	struct fx *f = *state;
	struct uuid ws = add_workshop(f, f->field, "2025-01-15", "Workshop");
	struct uuid p = create(f, "Wohngeld", f->field, 10000);
	struct uuid o = add_outcome(f, &ws, OUTCOME_ACTION, "Formulare erheben", NULL, NULL, "2025-02-01", NULL);
	struct outcome oc;
	outcome_init(&oc);
	get_outcome(f, &o, &oc);
	assert_true(workshops_overdue(&oc, day(TODAY)));
	assert_int_equal(oc.version, 1);

	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &o, OUTCOME_STATUS_DONE, 1), STATUS_OK);
	get_outcome(f, &o, &oc);
	assert_int_equal(oc.status, OUTCOME_STATUS_DONE);
	assert_false(workshops_overdue(&oc, day(TODAY)));
	struct hist h;
	history_of(f, &o, &h);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.newest.entity, "outcome");
	assert_string_equal(h.newest.action, "done");
	history_entry_fini(&h.newest);
	/* stale version; the same status again changes nothing */
	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &o, OUTCOME_STATUS_DROPPED, 1),
			 STATUS_CONFLICT);
	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &o, OUTCOME_STATUS_DONE, 0), STATUS_OK);
	history_of(f, &o, &h);
	assert_int_equal(h.n, 2);
	history_entry_fini(&h.newest);

	/* links: a project (with a note in its history), an organisation, a service */
	struct outcome_links l = {.projects = &p, .n_projects = 1, .orgs = &f->county, .n_orgs = 1};
	uint32_t svc = 10000;
	l.services = &svc;
	l.n_services = 1;
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &o, &l, 0, NULL), STATUS_OK);
	get_outcome(f, &o, &oc);
	assert_int_equal(oc.n_projects, 1);
	assert_int_equal(oc.n_orgs, 1);
	assert_int_equal(oc.n_services, 1);
	history_of(f, &p, &h);
	assert_string_equal(h.newest.action, "outcome");
	history_entry_fini(&h.newest);
	/* linking again is no change */
	uint32_t v = oc.version;
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &o, &l, 0, NULL), STATUS_OK);
	get_outcome(f, &o, &oc);
	assert_int_equal(oc.version, v);
	/* unknown things are refused, and nothing is written */
	struct uuid ghost = uid("no such project");
	struct outcome_links lg = {.projects = &ghost, .n_projects = 1};
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &o, &lg, 0, NULL), STATUS_NOT_FOUND);
	uint32_t bad_svc = 1;
	struct outcome_links ls = {.services = &bad_svc, .n_services = 1};
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &o, &ls, 0, NULL), STATUS_DATA);
	get_outcome(f, &o, &oc);
	assert_int_equal(oc.version, v);
	/* unlink */
	struct outcome_links lo = {.orgs = &f->county, .n_orgs = 1};
	assert_int_equal(workshops_outcome_unlink(f->s, &f->c, &o, &lo, 0), STATUS_OK);
	assert_int_equal(workshops_outcome_unlink(f->s, &f->c, &o, &lo, 0), STATUS_NOT_FOUND);
	get_outcome(f, &o, &oc);
	assert_int_equal(oc.n_orgs, 0);

	/* an outcome needs a text and an existing workshop */
	struct outcome bad;
	outcome_init(&bad);
	bad.kind = OUTCOME_QUESTION;
	assert_int_equal(workshops_outcome_add(f->s, &f->c, &bad, NULL), STATUS_USAGE);
	bad.text = xstrdup("Frage");
	bad.workshop = uid("no such workshop");
	assert_int_equal(workshops_outcome_add(f->s, &f->c, &bad, NULL), STATUS_NOT_FOUND);
	outcome_fini(&bad);
	outcome_fini(&oc);
}

/* The case: a gated move is refused without a decision and passes
 * once a decision outcome is linked; a dropped decision no longer counts. */
static void test_decision_gate(void **state)
{
	struct fx *f = *state;
	struct uuid p = create(f, "Dorf und Großstadt", f->field, 10000);
	struct project pr;
	project_init(&pr);
	get(f, &p, &pr);
	assert_int_equal(ops_team_set(f->s, &f->c, &p, &f->koeln, ROLE_LEAD, 0), STATUS_OK);
	assert_int_equal(ops_team_set(f->s, &f->c, &p, &f->village, ROLE_MEMBER, 0), STATUS_OK);
	assert_int_equal(move(f, &p, f->entscheidung), STATUS_OK);
	assert_int_equal(move(f, &p, f->umsetzung), STATUS_RULE);
	assert_non_null(strstr(status_detail(), "no decision"));

	/* a decision of another project does not count */
	struct uuid other = create(f, "Anderes", f->field, 10000);
	struct uuid d_other = add_outcome(f, NULL, OUTCOME_DECISION, "Beschluss für ein anderes Projekt", &other,
					  NULL, NULL, NULL);
	(void)d_other;
	assert_int_equal(move(f, &p, f->umsetzung), STATUS_RULE);

	/* recorded first without a link, then linked */
	struct uuid d = add_outcome(f, NULL, OUTCOME_DECISION, "Lenkungsausschuss: Umsetzung beschlossen", NULL,
				    NULL, NULL, NULL);
	assert_int_equal(move(f, &p, f->umsetzung), STATUS_RULE);
	struct outcome_links l = {.projects = &p, .n_projects = 1};
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &d, &l, 0, NULL), STATUS_OK);

	struct gate_facts facts;
	struct txn *t = NULL;
	get(f, &p, &pr);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(ops_gate_facts(t, &f->c, &pr, &facts), STATUS_OK);
	store_txn_end(t);
	assert_true(facts.has_decision);

	/* dropped: the gate closes again */
	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &d, OUTCOME_STATUS_DROPPED, 0), STATUS_OK);
	assert_int_equal(move(f, &p, f->umsetzung), STATUS_RULE);
	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &d, OUTCOME_STATUS_DONE, 0), STATUS_OK);
	assert_int_equal(move(f, &p, f->umsetzung), STATUS_OK);
	get(f, &p, &pr);
	assert_int_equal(pr.phase, f->umsetzung);
	project_fini(&pr);
}

/* Volunteers become interested in the linked projects, in the same write, with
 * project history; so they come first among the suggestions. */
static void test_volunteers(void **state)
{
	struct fx *f = *state;
	struct uuid ws = add_workshop(f, f->field, "2025-01-15", "Workshop");
	struct uuid p = create(f, "Nur Köln", f->field, 10000);
	assert_int_equal(ops_team_set(f->s, &f->c, &p, &f->koeln, ROLE_LEAD, 0), STATUS_OK);
	struct project pr;
	project_init(&pr);
	get(f, &p, &pr);
	uint32_t v0 = pr.version;
	struct team_verdict verdict = rules_check_team(&f->c, &pr);
	assert_false(verdict.representative);
	assert_int_equal(verdict.missing, CAT_BIT(CAT_MUNICIPALITY));
	/* without volunteers the village is not the first suggestion (the largest
	 * or smallest municipality of the category is) — unless it happens to be;
	 * after the volunteer outcome it must be first in any case. */
	size_t interest = 99;
	struct uuid o = add_outcome(f, &ws, OUTCOME_VOLUNTEER, "Die Gemeinde möchte mitarbeiten", &p, &f->village,
				    NULL, &interest);
	assert_int_equal(interest, 1);
	get(f, &p, &pr);
	assert_true(project_is_interested(&pr, &f->village));
	assert_int_equal(pr.version, v0 + 1);
	struct hist h;
	history_of(f, &p, &h);
	assert_string_equal(h.newest.entity, "project");
	assert_string_equal(h.newest.action, "interest");
	assert_non_null(strstr(h.newest.summary, "volunteered"));
	history_entry_fini(&h.newest);
	const struct organisation *sugg[3];
	size_t n = rules_suggest(&f->c, &pr, &verdict, NULL, 0, sugg, 3);
	assert_true(n >= 1);
	assert_int_equal(uuid_cmp(&sugg[0]->id, &f->village), 0);

	/* a second volunteer, added by a link: interested too */
	struct outcome_links l = {.orgs = &f->town, .n_orgs = 1};
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &o, &l, 0, &interest), STATUS_OK);
	assert_int_equal(interest, 1);
	get(f, &p, &pr);
	assert_true(project_is_interested(&pr, &f->town));
	/* a member volunteering again is not made interested */
	struct outcome_links lk = {.orgs = &f->koeln, .n_orgs = 1};
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &o, &lk, 0, &interest), STATUS_OK);
	assert_int_equal(interest, 0);
	get(f, &p, &pr);
	assert_false(project_is_interested(&pr, &f->koeln));
	/* dropping the outcome keeps the declared interest */
	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &o, OUTCOME_STATUS_DROPPED, 0), STATUS_OK);
	get(f, &p, &pr);
	assert_true(project_is_interested(&pr, &f->village));
	project_fini(&pr);
}

static void test_outcome_edit(void **state)
{
	struct fx *f = *state;
	struct uuid ws = add_workshop(f, f->field, "2025-01-15", "Workshop");
	struct uuid o = add_outcome(f, &ws, OUTCOME_QUESTION, "Welche Fachverfahren?", NULL, NULL, NULL, NULL);
	struct outcome oc;
	outcome_init(&oc);
	get_outcome(f, &o, &oc);
	free(oc.text);
	oc.text = xstrdup("  Welche Fachverfahren sind im Einsatz?  ");
	oc.kind = OUTCOME_ACTION;
	oc.owner = xstrdup("krz");
	oc.due = day("2025-04-01");
	assert_int_equal(workshops_outcome_update(f->s, &f->c, &oc, 1, NULL), STATUS_OK);
	get_outcome(f, &o, &oc);
	assert_string_equal(oc.text, "Welche Fachverfahren sind im Einsatz?");
	assert_int_equal(oc.kind, OUTCOME_ACTION);
	assert_int_equal(oc.version, 2);
	struct hist h;
	history_of(f, &o, &h);
	assert_string_equal(h.newest.action, "edit");
	assert_non_null(strstr(h.newest.summary, "kind: question → action"));
	assert_non_null(strstr(h.newest.summary, "due: none → 2025-04-01"));
	history_entry_fini(&h.newest);
	assert_int_equal(workshops_outcome_update(f->s, &f->c, &oc, 1, NULL), STATUS_CONFLICT);
	outcome_fini(&oc);
}

static void test_sponsor(void **state)
{
	struct fx *f = *state;
	assert_int_equal(workshops_sponsor_set(f->s, &f->c, f->field, "  Themenpate: krz (Facharbeitsgruppe OZG) "),
			 STATUS_OK);
	reload(f);
	assert_string_equal(catalog_field(&f->c, f->field)->sponsor, "Themenpate: krz (Facharbeitsgruppe OZG)");
	struct hist h;
	history_of(f, NULL, &h);
	assert_string_equal(h.newest.entity, "field");
	assert_string_equal(h.newest.action, "sponsor");
	size_t n = h.n;
	history_entry_fini(&h.newest);
	/* the same again: no history */
	assert_int_equal(workshops_sponsor_set(f->s, &f->c, f->field, "Themenpate: krz (Facharbeitsgruppe OZG)"),
			 STATUS_OK);
	history_of(f, NULL, &h);
	assert_int_equal(h.n, n);
	history_entry_fini(&h.newest);
	/* cleared with blank */
	assert_int_equal(workshops_sponsor_set(f->s, &f->c, f->field, " "), STATUS_OK);
	reload(f);
	assert_null(catalog_field(&f->c, f->field)->sponsor);
	assert_int_equal(workshops_sponsor_set(f->s, &f->c, 999, "x"), STATUS_DATA);
	assert_int_equal(workshops_sponsor_set(f->s, &f->c, f->field, "a\nb"), STATUS_USAGE);
}

/* ---- lookup, filter ---------------------------------------------------------------------- */

static void test_find(void **state)
{
	struct fx *f = *state;
	struct uuid w1 = add_workshop(f, f->field, "2025-01-15", "Erster");
	struct uuid w2 = add_workshop(f, f->field2, "2024-06-01", "Zweiter");
	struct txn *t = NULL;
	struct workshop_list l;
	workshop_list_init(&l);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(workshops_load(t, &l), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(l.n, 2);
	char id[37];
	uuid_format(&w2, id);
	static const struct {
		const char *s;
		enum status st;
	} rows[] = {
		{"#0", STATUS_NOT_FOUND},
		{"3", STATUS_NOT_FOUND},
		{"", STATUS_USAGE},
		{"abc", STATUS_USAGE},       /* too short a prefix */
		{"xyzw", STATUS_NOT_FOUND},
		{"0000", STATUS_NOT_FOUND},  /* digits: an index out of range */
	};
	size_t idx = 0;
	const struct workshop *w = NULL;
	/* short indexes: creation order, whatever the dates */
	assert_int_equal(workshops_find(&l, "1", &w, &idx), STATUS_OK);
	assert_int_equal(idx, 1);
	bool first_is_w1 = uuid_cmp(&w->id, &w1) == 0;
	assert_int_equal(workshops_find(&l, "#2", &w, &idx), STATUS_OK);
	assert_int_equal(uuid_cmp(&w->id, first_is_w1 ? &w2 : &w1), 0);
	assert_int_equal(workshops_find(&l, id, &w, NULL), STATUS_OK);
	assert_int_equal(uuid_cmp(&w->id, &w2), 0);
	id[8] = '\0';
	assert_int_equal(workshops_find(&l, id, &w, NULL), STATUS_OK);
	assert_int_equal(uuid_cmp(&w->id, &w2), 0);
	assert_int_equal(workshops_index_of(&l, &w2), first_is_w1 ? 2 : 1);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		status_clear();
		assert_int_equal(workshops_find(&l, rows[i].s, &w, NULL), rows[i].st);
		assert_null(w);
		if (status_detail()[0] == '\0')
			fail_msg("row %zu: no detail", i);
	}
	workshop_list_fini(&l);
}

static void test_filter(void **state)
{
	struct fx *f = *state;
	int32_t today = day(TODAY);
	struct outcome o[4];
	for (size_t i = 0; i < ARRAY_LEN(o); i++)
		outcome_init(&o[i]);
	o[0].kind = OUTCOME_ACTION;
	o[0].due = day("2025-01-01");
	o[0].text = xstrdup("Formulare erheben");
	o[0].owner = xstrdup("krz Minden/Ravensberg-Lippe");
	o[1].kind = OUTCOME_VOLUNTEER;
	o[1].text = xstrdup("Mitarbeit Köln");
	o[1].orgs = xmalloc(sizeof(struct uuid));
	o[1].orgs[0] = f->koeln;
	o[1].n_orgs = 1;
	o[2].kind = OUTCOME_DECISION;
	o[2].status = OUTCOME_STATUS_DONE;
	o[2].text = xstrdup("Beschluss Bündelung");
	o[2].demo = true;
	o[3].kind = OUTCOME_ACTION;
	o[3].status = OUTCOME_STATUS_DONE;
	o[3].due = day("2025-01-01");
	o[3].text = xstrdup("Erledigte Aufgabe");
	uint16_t fields[4] = {f->field, f->field, f->field2, 0};
	static const struct {
		const char *expr;
		const char *match;   /* '1' per outcome that matches */
	} rows[] = {
		{"", "1111"},
		{"kind:action", "1001"},
		{"kind:action,decision", "1011"},
		{"-kind:action", "0110"},
		{"status:open", "1100"},
		{"status:done kind:act", "0001"},
		{"overdue:yes", "1000"},
		{"overdue:no", "0111"},
		{"field:bauen", "1100"},
		{"field:familie", "0010"},
		{"-field:bauen", "0011"},
		{"owner:krz", "1000"},
		{"org:05315000", "0100"},
		{"demo:yes", "0010"},
		{"formulare", "1000"},
		{"\"Beschluss Bündelung\"", "0010"},
		{"KÖLN", "0100"},
		{"aufgabe kind:action", "0001"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct workshops_filter *wf = NULL;
		enum status st = workshops_filter_compile(rows[i].expr, &f->c, WFILTER_OUTCOMES, &wf);
		if (st != STATUS_OK)
			fail_msg("'%s': %s", rows[i].expr, status_detail());
		for (size_t k = 0; k < ARRAY_LEN(o); k++) {
			bool m = workshops_filter_outcome(wf, &o[k], fields[k], today);
			if (m != (rows[i].match[k] == '1'))
				fail_msg("'%s' on outcome %zu: %d", rows[i].expr, k, m);
		}
		workshops_filter_free(wf);
	}
	static const struct {
		const char *expr;
		enum workshops_filter_target target;
		enum status st;
		const char *detail;
	} bad[] = {
		{"kind:foo", WFILTER_OUTCOMES, STATUS_USAGE, "column 6"},
		{"status:open overdue:maybe", WFILTER_OUTCOMES, STATUS_USAGE, "column 21"},
		{"field:nirgendwo", WFILTER_OUTCOMES, STATUS_DATA, "unknown topic field"},
		{"phase:umsetzung", WFILTER_OUTCOMES, STATUS_USAGE, "unknown key"},
		{"kind:action", WFILTER_WORKSHOPS, STATUS_USAGE, "for workshops"},
		{"\"open", WFILTER_OUTCOMES, STATUS_USAGE, "quote"},
		{"kind:", WFILTER_OUTCOMES, STATUS_USAGE, "needs a value"},
		{"kind:action,,question", WFILTER_OUTCOMES, STATUS_USAGE, "column 13"},
		{"status:open - x", WFILTER_OUTCOMES, STATUS_USAGE, "empty term"},
		{"org:nowhere-at-all", WFILTER_WORKSHOPS, STATUS_DATA, "column 5"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct workshops_filter *wf = (struct workshops_filter *)1;
		assert_int_equal(workshops_filter_compile(bad[i].expr, &f->c, bad[i].target, &wf), bad[i].st);
		assert_null(wf);
		if (!strstr(status_detail(), bad[i].detail))
			fail_msg("'%s': detail '%s' lacks '%s'", bad[i].expr, status_detail(), bad[i].detail);
	}
	/* workshops: field, org, words in title, place, notes */
	struct workshop w;
	workshop_init(&w);
	w.field = f->field;
	w.title = xstrdup("Initialer Workshop");
	w.place = xstrdup("Lemgo, krz");
	w.participants = xmalloc(sizeof(struct uuid));
	w.participants[0] = f->koeln;
	w.n_participants = 1;
	static const struct {
		const char *expr;
		bool match;
	} wrows[] = {
		{"field:bauen", true}, {"field:familie", false}, {"lemgo", true}, {"initial", true},
		{"org:05315000", true}, {"-org:05315000", false}, {"demo:no", true},
	};
	for (size_t i = 0; i < ARRAY_LEN(wrows); i++) {
		struct workshops_filter *wf = NULL;
		assert_int_equal(workshops_filter_compile(wrows[i].expr, &f->c, WFILTER_WORKSHOPS, &wf), STATUS_OK);
		if (workshops_filter_workshop(wf, &w) != wrows[i].match)
			fail_msg("workshop '%s'", wrows[i].expr);
		workshops_filter_free(wf);
	}
	workshop_fini(&w);
	for (size_t i = 0; i < ARRAY_LEN(o); i++)
		outcome_fini(&o[i]);
}

/* ---- check: overdue and bundles ------------------------------------------------------------ */

static size_t count_kind(const struct findings *fs, enum finding_kind k, const struct finding **first)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].kind == k) {
			if (!n && first)
				*first = &fs->v[i];
			n++;
		}
	return n;
}

static void run_check(struct fx *f, const char *expr, struct findings *fs)
{
	struct filter *flt = NULL;
	assert_int_equal(filter_compile(expr, &f->c, &flt), STATUS_OK);
	struct txn *t = NULL;
	findings_fini(fs);
	findings_init(fs);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(check_run(t, &f->c, flt, day(TODAY), CHECK_TEXTS_PLAIN, fs), STATUS_OK);
	store_txn_end(t);
	filter_free(flt);
}

static void test_check_findings(void **state)
{
	struct fx *f = *state;
	struct uuid ws = add_workshop(f, f->field, "2025-01-15", "Workshop");
	struct uuid a = create(f, "Bauantrag", f->field, 10000);
	struct uuid b = create(f, "Bauvoranfrage", f->field, 0);
	struct uuid c2 = create(f, "Kita", f->field2, 0);
	struct findings fs;
	findings_init(&fs);
	const struct finding *x = NULL;

	/* overdue: one linked to a, one linked to nothing; one due later */
	add_outcome(f, &ws, OUTCOME_ACTION, "Formulare erheben", &a, NULL, "2025-02-01", NULL);
	add_outcome(f, &ws, OUTCOME_ACTION, "Protokoll versenden", NULL, NULL, "2025-01-20", NULL);
	add_outcome(f, &ws, OUTCOME_ACTION, "Später", &a, NULL, "2025-06-01", NULL);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_OVERDUE, &x), 2);
	/* the one without a project sorts first (number 0), in the workshop's field */
	assert_int_equal(x->number, 0);
	assert_int_equal(x->field, f->field);
	assert_true(uuid_is_nil(&x->project));
	assert_non_null(strstr(x->text, "2025-01-20"));
	/* filtered: only the one linked to a matching project */
	run_check(f, "field:bauen", &fs);
	assert_int_equal(count_kind(&fs, FINDING_OVERDUE, &x), 1);
	assert_int_not_equal(x->number, 0);
	run_check(f, "field:familie", &fs);
	assert_int_equal(count_kind(&fs, FINDING_OVERDUE, NULL), 0);

	/* a bundle of a (Sichtung) and b (Workshop): one step, fine */
	struct project pb;
	project_init(&pb);
	get(f, &b, &pb);
	project_add_service(&pb, 10001);
	assert_int_equal(ops_project_update(f->s, &f->c, &pb, 0), STATUS_OK);
	assert_int_equal(move(f, &b, f->workshop), STATUS_OK);
	struct uuid bundle = add_outcome(f, &ws, OUTCOME_BUNDLE, "Bauantrag und Voranfrage gemeinsam", &a, NULL,
					 NULL, NULL);
	struct outcome_links l = {.projects = &b, .n_projects = 1};
	assert_int_equal(workshops_outcome_link(f->s, &f->c, &bundle, &l, 0, NULL), STATUS_OK);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, NULL), 0);
	/* b moves on to Entscheidung: two steps apart */
	assert_int_equal(move(f, &b, f->entscheidung), STATUS_OK);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, &x), 1);
	get(f, &a, &pb);
	assert_int_equal(x->number, pb.number);   /* on the one behind */
	get(f, &b, &pb);
	assert_int_equal(x->other_number, pb.number);
	assert_int_equal(uuid_cmp(&x->outcome, &bundle), 0);
	assert_non_null(strstr(x->text, "2 steps"));
	/* filtered to the other field: not reported */
	run_check(f, "field:familie", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, NULL), 0);
	/* paused projects are off the line; a dropped bundle is no bundle */
	assert_int_equal(move(f, &b, f->pausiert), STATUS_OK);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, NULL), 0);
	assert_int_equal(move(f, &b, f->konzeption), STATUS_OK);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, NULL), 1);
	assert_int_equal(workshops_outcome_set_status(f->s, &f->c, &bundle, OUTCOME_STATUS_DROPPED, 0), STATUS_OK);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, NULL), 0);

	/* a bundle of services: the projects implementing them */
	struct outcome so;
	outcome_init(&so);
	so.workshop = ws;
	so.kind = OUTCOME_BUNDLE;
	so.text = xstrdup("Leistungen bündeln");
	so.services = xcalloc(2, sizeof(uint32_t));
	so.services[0] = 10000;
	so.services[1] = 10001;
	so.n_services = 2;
	assert_int_equal(workshops_outcome_add(f->s, &f->c, &so, NULL), STATUS_OK);
	outcome_fini(&so);
	run_check(f, "", &fs);
	assert_int_equal(count_kind(&fs, FINDING_BUNDLE_DRIFT, NULL), 1);
	(void)c2;
	project_fini(&pb);
	findings_fini(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_decides),
		cmocka_unit_test(test_new_interest),
		cmocka_unit_test(test_bundle_drift),
		cmocka_unit_test(test_volunteer_placed),
		cmocka_unit_test_setup_teardown(test_workshop_add_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_status_and_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decision_gate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_volunteers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sponsor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_findings, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
