/* test_ops.c - the coordinator's changes on a real LMDB store seeded with the
 * shipped reference data (default phases and gates: field and service from
 * Workshop on, representative team and a decision from Umsetzung on).
 *
 * Each test opens a fresh database in a temporary directory. Expectations come
 * from DOMAIN.md and ops.h, not from the implementation: e.g. the seed's case
 * (a service delivered by villages and cities; a team of two cities is not
 * representative until a village-end member joins).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/ops.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define TODAY "2025-03-01"

struct fx {
	char *dir;
	struct store *s;
	struct catalog c;
	uint8_t sichtung, workshop, entscheidung, umsetzung, pausiert;
	uint16_t field;
	/* borrowed from c: reload() looks them up again by these UUIDs */
	const struct organisation *koeln, *duesseldorf, *village, *county;
	struct uuid ids[4];
};

static enum status seed(struct txn *t, void *arg)
{
	(void)arg;
	return refdata_seed(t, PHASES_DEFAULT);
}

static enum status reload(struct fx *f)
{
	struct txn *t = NULL;
	enum status st = store_read_begin(f->s, &t);
	if (st == STATUS_OK) {
		catalog_fini(&f->c);
		catalog_init(&f->c);
		st = catalog_load(&f->c, t);
	}
	store_txn_end(t);
	if (st == STATUS_OK && f->koeln) {
		f->koeln = catalog_org(&f->c, &f->ids[0]);
		f->duesseldorf = catalog_org(&f->c, &f->ids[1]);
		f->village = catalog_org(&f->c, &f->ids[2]);
		f->county = catalog_org(&f->c, &f->ids[3]);
	}
	return st;
}

static const struct organisation *org(struct fx *f, const char *name)
{
	const struct organisation *o = NULL;
	assert_int_equal(catalog_find_org(&f->c, name, &o), STATUS_OK);
	assert_non_null(o);
	return o;
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
	assert_int_equal(reload(f), STATUS_OK);
	f->sichtung = phase(f, "Sichtung");
	f->workshop = phase(f, "Workshop");
	f->entscheidung = phase(f, "Entscheidung");
	f->umsetzung = phase(f, "Umsetzung");
	f->pausiert = phase(f, "Pausiert");
	assert_int_equal(catalog_find_field(&f->c, "Bauen & Wohnen", &f->field), STATUS_OK);
	f->koeln = org(f, "05315000");
	f->duesseldorf = org(f, "05111000");
	/* a municipality of the village end: the smallest of category 1 */
	for (size_t i = 0; i < f->c.n_orgs; i++) {
		const struct organisation *o = &f->c.orgs[i];
		if (o->category == CAT_MUNICIPALITY &&
		    (!f->village || o->population < f->village->population))
			f->village = o;
		if (o->category == CAT_COUNTY && !f->county)
			f->county = o;
	}
	assert_non_null(f->village);
	assert_non_null(f->county);
	f->ids[0] = f->koeln->id;
	f->ids[1] = f->duesseldorf->id;
	f->ids[2] = f->village->id;
	f->ids[3] = f->county->id;
	assert_int_equal(f->koeln->category, CAT_CITY);
	assert_int_equal(f->duesseldorf->category, CAT_CITY);
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

/* ---- helpers ------------------------------------------------------------ */

static uint32_t create(struct fx *f, const char *title, uint32_t service)
{
	struct project p;
	project_init(&p);
	p.title = xstrdup(title);
	p.field = f->field;
	p.priority = 2;
	if (service)
		project_add_service(&p, service);
	assert_int_equal(ops_project_create(f->s, &f->c, &p), STATUS_OK);
	uint32_t n = p.number;
	project_fini(&p);
	return n;
}

static void get(struct fx *f, uint32_t number, struct project *out)
{
	struct txn *t = NULL;
	project_fini(out);
	project_init(out);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_by_number(t, number, out), STATUS_OK);
	store_txn_end(t);
}

static enum status find(struct fx *f, const char *s, struct project *out)
{
	struct txn *t = NULL;
	project_fini(out);
	project_init(out);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	enum status st = ops_find_project(t, s, out);
	store_txn_end(t);
	return st;
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

/* The number of history entries of a project and the newest (caller finis). */
static void history_of(struct fx *f, const struct uuid *id, struct hist *h)
{
	struct txn *t = NULL;
	memset(h, 0, sizeof(*h));
	history_entry_init(&h->newest);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_history_each_for(t, id, hist_fn, h), STATUS_OK);
	store_txn_end(t);
}

struct decision_arg {
	struct uuid project;
};

static enum status add_decision(struct txn *t, void *arg)
{
	struct decision_arg *a = arg;
	struct outcome o;
	outcome_init(&o);
	uuid_new(&o.id);
	o.kind = OUTCOME_DECISION;
	o.text = xstrdup("Workshop beschließt die Umsetzung");
	o.projects = xmalloc(sizeof(*o.projects));
	o.projects[0] = a->project;
	o.n_projects = 1;
	enum status st = store_outcome_put(t, &o);
	outcome_fini(&o);
	return st;
}

static void decide(struct fx *f, const struct uuid *project)
{
	struct decision_arg a = { *project };
	assert_int_equal(store_write(f->s, add_decision, &a), STATUS_OK);
}

static bool contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

/* ---- tests -------------------------------------------------------------- */

static void test_create(void **state)
{
	struct fx *f = *state;
	struct project p;
	project_init(&p);
	uint32_t a = create(f, "Wohngeld online", 10000);
	uint32_t b = create(f, "Baugenehmigung digital", 0);
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	get(f, a, &p);
	assert_string_equal(p.title, "Wohngeld online");
	assert_int_equal(p.version, 1);
	assert_int_equal(p.field, f->field);
	/* a new project starts in the first phase of the line, reached today */
	assert_int_equal(p.phase, f->sichtung);
	int32_t today;
	assert_true(date_parse(TODAY, &today));
	const struct phase_date *d = project_date_const(&p, f->sichtung);
	assert_non_null(d);
	assert_int_equal(d->reached, today);
	assert_non_null(p.created_by);
	assert_string_equal(p.created_by, user_name());

	struct hist h;
	history_of(f, &p.id, &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.newest.action, "create");
	assert_string_equal(h.newest.entity, "project");
	assert_int_equal(h.newest.project_number, a);
	history_entry_fini(&h.newest);

	/* what a project needs */
	struct project bad;
	project_init(&bad);
	bad.title = xstrdup("   ");
	bad.field = f->field;
	assert_int_equal(ops_project_create(f->s, &f->c, &bad), STATUS_USAGE);
	free(bad.title);
	bad.title = xstrdup("Ohne Feld");
	bad.field = 0;
	assert_int_equal(ops_project_create(f->s, &f->c, &bad), STATUS_USAGE);
	bad.field = 999;
	assert_int_equal(ops_project_create(f->s, &f->c, &bad), STATUS_DATA);
	bad.field = f->field;
	project_add_service(&bad, 1);   /* no such OZG service */
	assert_int_equal(ops_project_create(f->s, &f->c, &bad), STATUS_DATA);
	project_fini(&bad);

	size_t n = 0;
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_count(t, &n), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(n, 2);
	project_fini(&p);
}

static uint32_t create_with_id(struct fx *f, const char *title, const char *uuid)
{
	struct project p;
	project_init(&p);
	p.title = xstrdup(title);
	p.field = f->field;
	assert_true(uuid_from_text(uuid, &p.id));
	assert_int_equal(ops_project_create(f->s, &f->c, &p), STATUS_OK);
	uint32_t n = p.number;
	project_fini(&p);
	return n;
}

static void test_find(void **state)
{
	struct fx *f = *state;
	struct project p;
	project_init(&p);
	for (int i = 0; i < 11; i++) {
		char title[32];
		snprintf(title, sizeof(title), "Projekt %d", i + 1);
		create(f, title, 0);
	}
	uint32_t a = create_with_id(f, "A", "abcd1111-0000-4000-8000-000000000001");
	uint32_t b = create_with_id(f, "B", "abcd2222-0000-4000-8000-000000000002");
	uint32_t d = create_with_id(f, "D", "12345678-9abc-4def-8000-000000000003");
	assert_int_equal(a, 12);

	assert_int_equal(find(f, "7", &p), STATUS_OK);
	assert_int_equal(p.number, 7);
	assert_int_equal(find(f, "#7", &p), STATUS_OK);
	assert_int_equal(p.number, 7);
	assert_int_equal(find(f, "abcd2222-0000-4000-8000-000000000002", &p), STATUS_OK);
	assert_int_equal(p.number, b);
	assert_int_equal(find(f, "ABCD1111-0000-4000-8000-000000000001", &p), STATUS_OK);
	assert_int_equal(p.number, a);
	/* prefixes, with or without the dashes, any case */
	assert_int_equal(find(f, "abcd1", &p), STATUS_OK);
	assert_int_equal(p.number, a);
	assert_int_equal(find(f, "ABCD22220000", &p), STATUS_OK);
	assert_int_equal(p.number, b);
	assert_int_equal(find(f, "abcd", &p), STATUS_DATA);
	assert_true(contains(status_detail(), "#12"));
	assert_true(contains(status_detail(), "#13"));
	/* short digit strings are numbers; from 8 digits on a UUID prefix may match */
	assert_int_equal(find(f, "12", &p), STATUS_OK);
	assert_int_equal(p.number, 12);
	assert_int_equal(find(f, "12345678", &p), STATUS_OK);
	assert_int_equal(p.number, d);

	assert_int_equal(find(f, "99", &p), STATUS_NOT_FOUND);
	assert_int_equal(find(f, "abcd3", &p), STATUS_NOT_FOUND);
	assert_int_equal(find(f, "kein-projekt", &p), STATUS_NOT_FOUND);
	assert_int_equal(find(f, "", &p), STATUS_USAGE);
	project_fini(&p);
}

static void test_update_and_conflict(void **state)
{
	struct fx *f = *state;
	struct project p, mine, now;
	project_init(&p);
	project_init(&mine);
	project_init(&now);
	uint32_t n = create(f, "Alter Titel", 10000);
	get(f, n, &p);
	get(f, n, &mine);           /* a second coordinator's copy, version 1 */
	assert_int_equal(p.version, 1);

	free(p.title);
	p.title = xstrdup("Neuer Titel");
	p.priority = 4;
	assert_int_equal(ops_project_update(f->s, &f->c, &p, 1), STATUS_OK);
	get(f, n, &now);
	assert_int_equal(now.version, 2);
	assert_string_equal(now.title, "Neuer Titel");
	struct hist h;
	history_of(f, &now.id, &h);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.newest.action, "edit");
	assert_true(contains(h.newest.summary, "title: 'Alter Titel' → 'Neuer Titel'"));
	assert_true(contains(h.newest.summary, "priority 2 → 4"));
	history_entry_fini(&h.newest);

	/* the second coordinator's change rests on version 1: refused, nothing written */
	free(mine.title);
	mine.title = xstrdup("Überschrieben?");
	assert_int_equal(ops_project_update(f->s, &f->c, &mine, 1), STATUS_CONFLICT);
	assert_true(contains(status_detail(), "version 2, you had 1"));
	assert_true(contains(status_detail(), user_name()));
	get(f, n, &now);
	assert_int_equal(now.version, 2);
	assert_string_equal(now.title, "Neuer Titel");
	history_of(f, &now.id, &h);
	assert_int_equal(h.n, 2);
	history_entry_fini(&h.newest);

	/* nothing changed: no new version, no history */
	get(f, n, &p);
	assert_int_equal(ops_project_update(f->s, &f->c, &p, 2), STATUS_OK);
	get(f, n, &now);
	assert_int_equal(now.version, 2);

	/* the phase changes only through a move */
	p.phase = f->umsetzung;
	assert_int_equal(ops_project_update(f->s, &f->c, &p, 2), STATUS_USAGE);
	get(f, n, &now);
	assert_int_equal(now.phase, f->sichtung);

	/* a stale version also stops a move and a team change */
	struct move_request m = { .project = now.id, .to = f->workshop, .expected_version = 1 };
	assert_int_equal(ops_move(f->s, &f->c, &m, NULL), STATUS_CONFLICT);
	assert_int_equal(ops_team_set(f->s, &f->c, &now.id, &f->koeln->id, ROLE_MEMBER, 1),
			 STATUS_CONFLICT);
	get(f, n, &now);
	assert_int_equal(now.version, 2);
	assert_int_equal(now.n_team, 0);
	project_fini(&p);
	project_fini(&mine);
	project_fini(&now);
}

/* Moves refused by each gate leave the project and its history as they were. */
static void expect_refused(struct fx *f, uint32_t n, uint8_t to, const char *reason)
{
	struct project before, after;
	struct hist h0, h1;
	struct buf why;
	project_init(&before);
	project_init(&after);
	buf_init(&why);
	get(f, n, &before);
	history_of(f, &before.id, &h0);
	struct move_request m = { .project = before.id, .to = to };
	assert_int_equal(ops_move(f->s, &f->c, &m, &why), STATUS_RULE);
	assert_true(contains(why.data, reason));
	assert_true(contains(status_detail(), reason));
	get(f, n, &after);
	assert_int_equal(after.phase, before.phase);
	assert_int_equal(after.version, before.version);
	history_of(f, &after.id, &h1);
	assert_int_equal(h1.n, h0.n);
	history_entry_fini(&h0.newest);
	history_entry_fini(&h1.newest);
	buf_fini(&why);
	project_fini(&before);
	project_fini(&after);
}

static void expect_moved(struct fx *f, uint32_t n, uint8_t to)
{
	struct project p;
	project_init(&p);
	get(f, n, &p);
	struct move_request m = { .project = p.id, .to = to };
	assert_int_equal(ops_move(f->s, &f->c, &m, NULL), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.phase, to);
	project_fini(&p);
}

static void test_move_gates(void **state)
{
	struct fx *f = *state;
	/* both categories deliver 10000 here: villages and cities */
	assert_int_equal(ops_service_categories(f->s, 10000,
						CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_CITY)),
			 STATUS_OK);
	assert_int_equal(reload(f), STATUS_OK);

	/* scope gate: no service, no Workshop */
	uint32_t bare = create(f, "Ohne Leistung", 0);
	expect_refused(f, bare, f->workshop, "no service");
	expect_refused(f, bare, f->umsetzung, "no service");
	/* outside the line is never gated */
	expect_moved(f, bare, f->pausiert);

	/* team gate: a representative team but no decision */
	uint32_t n = create(f, "Mit Team", 10000);
	struct project p;
	project_init(&p);
	get(f, n, &p);
	assert_int_equal(ops_team_set(f->s, &f->c, &p.id, &f->koeln->id, ROLE_LEAD, 0), STATUS_OK);
	assert_int_equal(ops_team_set(f->s, &f->c, &p.id, &f->village->id, ROLE_MEMBER, 0), STATUS_OK);
	expect_moved(f, n, f->entscheidung);
	expect_refused(f, n, f->umsetzung, "no decision");

	/* a decision but a team that is not representative */
	uint32_t m2 = create(f, "Nur Städte", 10000);
	struct project q;
	project_init(&q);
	get(f, m2, &q);
	assert_int_equal(ops_team_set(f->s, &f->c, &q.id, &f->koeln->id, ROLE_LEAD, 0), STATUS_OK);
	decide(f, &q.id);
	expect_refused(f, m2, f->umsetzung, "team not representative");

	/* with both the gate opens; not forced */
	decide(f, &p.id);
	expect_moved(f, n, f->umsetzung);
	struct hist h;
	history_of(f, &p.id, &h);
	assert_string_equal(h.newest.action, "move");
	assert_int_equal(h.newest.from_phase, f->entscheidung);
	assert_int_equal(h.newest.to_phase, f->umsetzung);
	assert_false(h.newest.forced);
	assert_true(contains(h.newest.summary, "Entscheidung → Umsetzung"));
	history_entry_fini(&h.newest);

	/* back is never gated */
	expect_moved(f, m2, f->workshop);
	expect_moved(f, m2, f->sichtung);
	project_fini(&p);
	project_fini(&q);
}

static void test_forced_move(void **state)
{
	struct fx *f = *state;
	uint32_t n = create(f, "Eilig", 10000);
	struct project p;
	project_init(&p);
	get(f, n, &p);
	struct move_request m = { .project = p.id, .to = f->umsetzung, .force = true };
	assert_int_equal(ops_move(f->s, &f->c, &m, NULL), STATUS_USAGE);
	assert_true(contains(status_detail(), "--reason"));
	m.reason = "   ";
	assert_int_equal(ops_move(f->s, &f->c, &m, NULL), STATUS_USAGE);
	get(f, n, &p);
	assert_int_equal(p.phase, f->sichtung);

	m.reason = "Ausschuss hat am 3. Mai beschlossen";
	struct buf why;
	buf_init(&why);
	assert_int_equal(ops_move(f->s, &f->c, &m, &why), STATUS_OK);
	assert_true(contains(why.data, "no decision"));
	get(f, n, &p);
	assert_int_equal(p.phase, f->umsetzung);
	assert_int_equal(p.version, 2);
	int32_t today;
	assert_true(date_parse(TODAY, &today));
	assert_int_equal(project_date_const(&p, f->umsetzung)->reached, today);

	struct hist h;
	history_of(f, &p.id, &h);
	assert_string_equal(h.newest.action, "move");
	assert_true(h.newest.forced);
	assert_string_equal(h.newest.reason, "Ausschuss hat am 3. Mai beschlossen");
	assert_int_equal(h.newest.from_phase, f->sichtung);
	assert_int_equal(h.newest.to_phase, f->umsetzung);
	assert_string_equal(h.newest.user, user_name());
	history_entry_fini(&h.newest);

	/* a reached date already recorded is kept */
	int32_t earlier;
	assert_true(date_parse("2024-11-11", &earlier));
	get(f, n, &p);
	project_date(&p, f->workshop, true)->reached = earlier;
	assert_int_equal(ops_project_update(f->s, &f->c, &p, p.version), STATUS_OK);
	struct move_request back = { .project = p.id, .to = f->workshop };
	assert_int_equal(ops_move(f->s, &f->c, &back, NULL), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(project_date_const(&p, f->workshop)->reached, earlier);

	/* moving to the phase it is in changes nothing */
	uint32_t v = p.version;
	assert_int_equal(ops_move(f->s, &f->c, &back, NULL), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.version, v);
	buf_fini(&why);
	project_fini(&p);
}

static void test_team(void **state)
{
	struct fx *f = *state;
	uint32_t n = create(f, "Teamarbeit", 10000);
	struct project p;
	project_init(&p);
	get(f, n, &p);
	struct uuid id = p.id;
	assert_int_equal(ops_team_set(f->s, &f->c, &id, &f->koeln->id, ROLE_MEMBER, 1), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.n_team, 1);
	assert_int_equal(p.version, 2);
	struct hist h;
	history_of(f, &id, &h);
	assert_string_equal(h.newest.action, "team-add");
	assert_true(contains(h.newest.summary, "team: + Köln, Stadt (member)"));
	history_entry_fini(&h.newest);

	/* the same role again: nothing to write */
	assert_int_equal(ops_team_set(f->s, &f->c, &id, &f->koeln->id, ROLE_MEMBER, 0), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.version, 2);

	/* a role change; one lead at a time */
	assert_int_equal(ops_team_set(f->s, &f->c, &id, &f->koeln->id, ROLE_LEAD, 0), STATUS_OK);
	assert_int_equal(ops_team_set(f->s, &f->c, &id, &f->duesseldorf->id, ROLE_LEAD, 0), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.n_team, 2);
	assert_non_null(project_lead(&p));
	assert_int_equal(uuid_cmp(&project_lead(&p)->org, &f->duesseldorf->id), 0);
	assert_int_equal(project_member(&p, &f->koeln->id)->role, ROLE_MEMBER);

	assert_int_equal(ops_team_remove(f->s, &f->c, &id, &f->koeln->id, 0), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.n_team, 1);
	assert_null(project_member(&p, &f->koeln->id));
	history_of(f, &id, &h);
	assert_string_equal(h.newest.action, "team-rm");
	history_entry_fini(&h.newest);
	uint32_t v = p.version;
	assert_int_equal(ops_team_remove(f->s, &f->c, &id, &f->koeln->id, 0), STATUS_NOT_FOUND);
	get(f, n, &p);
	assert_int_equal(p.version, v);

	struct uuid nobody;
	uuid_from_name(&nobody, "keine Organisation");
	assert_int_equal(ops_team_set(f->s, &f->c, &id, &nobody, ROLE_MEMBER, 0), STATUS_NOT_FOUND);
	project_fini(&p);
}

/* The seed's case: a service delivered by villages and by cities; a team of two
 * cities is not representative, a village-end member makes it so. */
static void test_seed_case(void **state)
{
	struct fx *f = *state;
	assert_int_equal(ops_service_categories(f->s, 10000,
						CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_CITY)),
			 STATUS_OK);
	assert_int_equal(reload(f), STATUS_OK);
	uint32_t n = create(f, "Dorf und Großstadt", 10000);
	struct project p;
	project_init(&p);
	get(f, n, &p);
	assert_int_equal(ops_team_set(f->s, &f->c, &p.id, &f->koeln->id, ROLE_LEAD, 0), STATUS_OK);
	assert_int_equal(ops_team_set(f->s, &f->c, &p.id, &f->duesseldorf->id, ROLE_MEMBER, 0), STATUS_OK);
	get(f, n, &p);
	struct team_verdict v = rules_check_team(&f->c, &p);
	assert_false(v.representative);
	assert_int_equal(v.missing, CAT_BIT(CAT_MUNICIPALITY));
	struct gate_facts facts;
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(ops_gate_facts(t, &f->c, &p, &facts), STATUS_OK);
	store_txn_end(t);
	assert_false(facts.representative);
	assert_true(facts.has_field);
	assert_int_equal(facts.n_services, 1);
	assert_false(facts.has_decision);

	assert_int_equal(ops_team_set(f->s, &f->c, &p.id, &f->village->id, ROLE_MEMBER, 0), STATUS_OK);
	get(f, n, &p);
	v = rules_check_team(&f->c, &p);
	assert_true(v.representative);
	assert_int_equal(v.missing, 0);

	/* a county among the deliverers asks for a county too */
	assert_int_equal(ops_service_categories(f->s, 10000,
						CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_CITY) | CAT_BIT(CAT_COUNTY)),
			 STATUS_OK);
	assert_int_equal(reload(f), STATUS_OK);
	v = rules_check_team(&f->c, &p);
	assert_false(v.representative);
	assert_int_equal(v.missing, CAT_BIT(CAT_COUNTY));
	decide(f, &p.id);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(ops_gate_facts(t, &f->c, &p, &facts), STATUS_OK);
	store_txn_end(t);
	assert_true(facts.has_decision);
	project_fini(&p);
}

static void test_interest(void **state)
{
	struct fx *f = *state;
	uint32_t n = create(f, "Interesse", 10000);
	struct project p;
	project_init(&p);
	get(f, n, &p);
	assert_int_equal(ops_interest(f->s, &f->c, &p.id, &f->village->id, 1), STATUS_OK);
	get(f, n, &p);
	assert_true(project_is_interested(&p, &f->village->id));
	assert_int_equal(p.version, 2);
	struct hist h;
	history_of(f, &p.id, &h);
	assert_string_equal(h.newest.action, "interest");
	assert_true(contains(h.newest.summary, f->village->name));
	history_entry_fini(&h.newest);
	/* twice is once */
	assert_int_equal(ops_interest(f->s, &f->c, &p.id, &f->village->id, 0), STATUS_OK);
	get(f, n, &p);
	assert_int_equal(p.version, 2);
	assert_int_equal(p.n_interested, 1);
	/* stale */
	assert_int_equal(ops_interest(f->s, &f->c, &p.id, &f->koeln->id, 1), STATUS_CONFLICT);
	get(f, n, &p);
	assert_int_equal(p.n_interested, 1);
	project_fini(&p);
}

struct svc_hist {
	size_t n;
	char *summary;
};

static int svc_fn(const struct history_entry *e, void *arg)
{
	struct svc_hist *h = arg;
	if (e->entity && strcmp(e->entity, "service") == 0) {
		if (!h->n)
			h->summary = xstrdup(e->summary ? e->summary : "");
		h->n++;
	}
	return 0;
}

static void test_service_categories(void **state)
{
	struct fx *f = *state;
	uint32_t mask = CAT_BIT(CAT_LARGE_TOWN) | CAT_BIT(CAT_CITY);
	assert_int_equal(ops_service_categories(f->s, 10000, mask), STATUS_OK);
	assert_int_equal(ops_service_categories(f->s, 10000, mask), STATUS_OK);   /* no change */
	assert_int_equal(ops_service_categories(f->s, 1, mask), STATUS_DATA);
	assert_int_equal(ops_service_categories(f->s, 10000, 1u << 9), STATUS_USAGE);
	assert_int_equal(reload(f), STATUS_OK);
	assert_int_equal(catalog_service(&f->c, 10000)->categories, mask);
	struct svc_hist h = { 0 };
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 0, svc_fn, &h), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(h.n, 1);
	assert_true(contains(h.summary, "10000"));
	assert_true(contains(h.summary, "large-town,city"));
	free(h.summary);
	assert_int_equal(ops_service_categories(f->s, 10000, 0), STATUS_OK);
	assert_int_equal(reload(f), STATUS_OK);
	assert_int_equal(catalog_service(&f->c, 10000)->categories, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_gates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forced_move, setup, teardown),
		cmocka_unit_test_setup_teardown(test_team, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seed_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_categories, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
