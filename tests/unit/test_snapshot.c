/* test_snapshot.c - snapshots and their diffs on a real LMDB store.
 *
 * The fixture (worked out by hand from DOMAIN.md's rule, policy span):
 *   services 10000 (villages and cities), 10001 (cities only), 10002 (nobody
 *   said: categories 1-4);
 *   #1 "Elterngeld digital"     field 1, 10000, Sichtung,   Bad Driburg lead, Köln member: representative
 *   #2 "Kfz digital"            field 2, 10001, Konzeption, Köln lead: representative (only cities deliver)
 *   #3 "Wohngeld | *digital*"   field 1, 10002, Workshop,   Köln lead: not representative (no village)
 *   outcome O1: action, open, linked to #1; O2: decision, done, linked to #2.
 * Every test saves snapshots, changes the database through ops.h as a
 * coordinator would, and checks each kind of change the diff reports.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/export.h"
#include "ozgtui/ops.h"
#include "ozgtui/snapshot.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define C CAT_BIT(CAT_CITY)

enum { SICHTUNG = 1, WORKSHOP, ENTSCHEIDUNG, KONZEPTION, UMSETZUNG, PILOTIERUNG, ROLLOUT,
       BETRIEB, PAUSIERT, ABGEBROCHEN };

static struct uuid named(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

#define DRIBURG named("Bad Driburg, Stadt")
#define KOELN named("Köln, Stadt")
#define HOEXTER named("Höxter, Kreis")

static void put_outcome(struct txn *t, const char *key, enum outcome_kind kind, enum outcome_status status,
			const struct uuid *project)
{
	struct outcome o;
	outcome_init(&o);
	o.id = named(key);
	o.kind = kind;
	o.status = status;
	o.text = xasprintf("Ergebnis %s", key);
	o.owner = xstrdup("Koordination");
	if (project) {
		o.projects = xcalloc(1, sizeof *o.projects);
		o.projects[0] = *project;
		o.n_projects = 1;
	}
	store_outcome_put(t, &o);
	outcome_fini(&o);
}

static enum status fill(struct txn *t, void *arg)
{
	(void)arg;
	test_put_phases_settings(t);
	test_put_field(t, 1, "Arbeit", "arbeit");
	test_put_field(t, 2, "Bauen", "bauen");
	test_put_org(t, "Bad Driburg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY);
	test_put_org(t, "Köln, Stadt", ORG_MUNICIPALITY, CAT_CITY);
	test_put_org(t, "Höxter, Kreis", ORG_COUNTY, CAT_COUNTY);
	test_put_service(t, 10000, "Leistung 10000", 1, M | C);
	test_put_service(t, 10001, "Leistung 10001", 2, C);
	test_put_service(t, 10002, "Leistung 10002", 1, 0);
	static const struct {
		const char *title;
		uint16_t field;
		uint32_t service;
		uint8_t phase;
		const char *lead;
		const char *member;
	} projects[] = {
		{"Elterngeld digital", 1, 10000, SICHTUNG, "Bad Driburg, Stadt", "Köln, Stadt"},
		{"Kfz digital", 2, 10001, KONZEPTION, "Köln, Stadt", NULL},
		{"Wohngeld | *digital*", 1, 10002, WORKSHOP, "Köln, Stadt", NULL},
	};
	struct uuid ids[3];
	for (size_t i = 0; i < ARRAY_LEN(projects); i++) {
		struct project p;
		project_init(&p);
		p.title = xstrdup(projects[i].title);
		p.field = projects[i].field;
		p.phase = projects[i].phase;
		project_add_service(&p, projects[i].service);
		struct uuid u = named(projects[i].lead);
		project_set_member(&p, &u, ROLE_LEAD);
		if (projects[i].member) {
			u = named(projects[i].member);
			project_set_member(&p, &u, ROLE_MEMBER);
		}
		store_project_create(t, &p);
		ids[i] = p.id;
		project_fini(&p);
	}
	put_outcome(t, "O1", OUTCOME_ACTION, OUTCOME_STATUS_OPEN, &ids[0]);
	put_outcome(t, "O2", OUTCOME_DECISION, OUTCOME_STATUS_DONE, &ids[1]);
	return store_txn_status(t);
}

struct fixture {
	char *dir;
	struct store *store;
	struct catalog cat;
	struct uuid id[4];   /* id[n] = project #n */
};

static void reload(struct fixture *f)
{
	struct txn *t;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	catalog_fini(&f->cat);
	catalog_init(&f->cat);
	assert_int_equal(catalog_load(&f->cat, t), STATUS_OK);
	for (uint32_t n = 1; n <= 3; n++) {
		struct project p;
		project_init(&p);
		/* a project restored under another number keeps its old id here */
		if (store_project_by_number(t, n, &p) == STATUS_OK)
			f->id[n] = p.id;
		project_fini(&p);
	}
	store_txn_end(t);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = test_tmpdir();
	assert_int_equal(store_open(f->dir, STORE_CREATE, &f->store), STATUS_OK);
	enum status st = store_write(f->store, fill, NULL);
	if (st != STATUS_OK)
		fail_msg("fill: %s: %s", status_name(st), status_detail());
	catalog_init(&f->cat);
	reload(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	catalog_fini(&f->cat);
	store_close(f->store);
	test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void ok(enum status st, const char *what)
{
	if (st != STATUS_OK)
		fail_msg("%s: %s: %s", what, status_name(st), status_detail());
}

static uint64_t save(struct fixture *f, const char *name)
{
	struct snapshot s;
	snapshot_init(&s);
	ok(snapshot_save(f->store, name, NULL, &s), "snapshot_save");
	uint64_t rev = s.revision;
	snapshot_fini(&s);
	return rev;
}

static void assert_same_diff(const struct fixture *f, const struct snapshot_diff *x, const struct snapshot_diff *y)
{
	assert_int_equal(x->n, y->n);
	assert_int_equal(x->rev_a, y->rev_a);
	assert_int_equal(x->rev_b, y->rev_b);
	struct buf bx, by;
	buf_init(&bx);
	buf_init(&by);
	snapshot_diff_text(x, &f->cat, "A", "B", &bx);
	snapshot_diff_text(y, &f->cat, "A", "B", &by);
	snapshot_diff_markdown(x, &f->cat, "A", "B", 2, &bx);
	snapshot_diff_markdown(y, &f->cat, "A", "B", 2, &by);
	json_t *jx = snapshot_diff_json(x, &f->cat, "A", "B"), *jy = snapshot_diff_json(y, &f->cat, "A", "B");
	char *sx = json_dumps(jx, JSON_COMPACT), *sy = json_dumps(jy, JSON_COMPACT);
	buf_puts(&bx, sx);
	buf_puts(&by, sy);
	assert_string_equal(bx.data, by.data);
	free(sx);
	free(sy);
	json_decref(jx);
	json_decref(jy);
	buf_fini(&bx);
	buf_fini(&by);
}

/* The diff between two snapshots by name (NULL = now) within filter expr. */
static void diff(struct fixture *f, const char *a, const char *b, const char *expr, struct snapshot_diff *out)
{
	struct txn *t;
	struct filter *filter = NULL;
	uint64_t ra = SNAPSHOT_NOW, rb = SNAPSHOT_NOW;
	if (expr)
		ok(filter_compile(expr, &f->cat, &filter), "filter_compile");
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	struct snapshot s;
	snapshot_init(&s);
	if (a) {
		ok(store_snapshot_get(t, a, &s), "snapshot_get a");
		ra = s.revision;
	}
	if (b) {
		ok(store_snapshot_get(t, b, &s), "snapshot_get b");
		rb = s.revision;
	}
	snapshot_fini(&s);
	snapshot_diff_init(out);
	ok(snapshot_diff_filtered(t, &f->cat, filter, clock_today(), ra, rb, out), "snapshot_diff");
	/* what changed, read from the revision index, says what comparing the
	 * whole states says, in every rendering */
	struct snapshot_diff whole;
	snapshot_diff_init(&whole);
	ok(snapshot_diff_rebuild(t, &f->cat, filter, clock_today(), ra, rb, &whole), "snapshot_diff_rebuild");
	assert_same_diff(f, out, &whole);
	snapshot_diff_fini(&whole);
	store_txn_end(t);
	filter_free(filter);
}

static void move(struct fixture *f, uint32_t number, uint8_t to)
{
	struct move_request m = {.project = f->id[number], .to = to, .reason = "test", .force = true};
	struct buf why;
	buf_init(&why);
	ok(ops_move(f->store, &f->cat, &m, &why), "ops_move");
	buf_fini(&why);
}

/* The index-th change of kind k, failing when there are not exactly n. */
static const struct snapshot_change *nth(const struct snapshot_diff *d, enum snapshot_change_kind k, size_t n,
					 size_t index)
{
	size_t count = snapshot_diff_count(d, k);
	if (count != n)
		fail_msg("%s: %zu changes, want %zu", snapshot_change_code(k), count, n);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == k && index-- == 0)
			return &d->v[i];
	fail_msg("%s: change missing", snapshot_change_code(k));
	return NULL;
}

/* ---- tests ------------------------------------------------------------------- */

static void test_no_changes(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	struct snapshot_diff d;
	diff(f, "a", NULL, NULL, &d);
	assert_int_equal(d.n, 0);
	snapshot_diff_fini(&d);
	diff(f, "a", "a", NULL, &d);
	assert_int_equal(d.n, 0);
	snapshot_diff_fini(&d);
	/* a saved snapshot is its own state: nothing else moves its revision */
	diff(f, NULL, NULL, NULL, &d);
	assert_int_equal(d.n, 0);
	snapshot_diff_fini(&d);
}

static void test_added(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	struct project p;
	project_init(&p);
	p.title = xstrdup("Neues Projekt");
	p.field = 2;
	ok(ops_project_create(f->store, &f->cat, &p), "ops_project_create");
	assert_int_equal(p.number, 4);
	project_fini(&p);
	save(f, "b");

	struct snapshot_diff d;
	diff(f, "a", "b", NULL, &d);
	assert_int_equal(d.n, 1);
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_ADDED, 1, 0);
	assert_int_equal(ch->number, 4);
	assert_string_equal(ch->title, "Neues Projekt");
	assert_int_equal(ch->field, 2);
	assert_int_equal(ch->to_phase, SICHTUNG);
	snapshot_diff_fini(&d);
	/* backwards the project was not there yet: removed */
	diff(f, "b", "a", NULL, &d);
	assert_int_equal(nth(&d, SNAPSHOT_REMOVED, 1, 0)->number, 4);
	assert_int_equal(d.n, 1);
	snapshot_diff_fini(&d);
}

static void test_moved(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	move(f, 3, PAUSIERT);     /* Workshop -> Pausiert: aside */
	move(f, 1, WORKSHOP);     /* Sichtung -> Workshop: forward */
	move(f, 2, WORKSHOP);     /* Konzeption -> Workshop: back */
	move(f, 1, KONZEPTION);   /* and on: one move from A's phase to B's */

	struct snapshot_diff d;
	diff(f, "a", NULL, NULL, &d);
	assert_int_equal(d.n, 3);
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_MOVED, 3, 0);
	assert_int_equal(ch->number, 1);
	assert_int_equal(ch->from_phase, SICHTUNG);
	assert_int_equal(ch->to_phase, KONZEPTION);
	assert_int_equal(ch->dir, SNAPSHOT_FORWARD);
	ch = nth(&d, SNAPSHOT_MOVED, 3, 1);
	assert_int_equal(ch->number, 2);
	assert_int_equal(ch->from_phase, KONZEPTION);
	assert_int_equal(ch->to_phase, WORKSHOP);
	assert_int_equal(ch->dir, SNAPSHOT_BACK);
	ch = nth(&d, SNAPSHOT_MOVED, 3, 2);
	assert_int_equal(ch->number, 3);
	assert_int_equal(ch->to_phase, PAUSIERT);
	assert_int_equal(ch->dir, SNAPSHOT_ASIDE);
	assert_string_equal(ch->title, "Wohngeld | *digital*");
	snapshot_diff_fini(&d);

	/* out and back again between two snapshots: no move */
	save(f, "b");
	move(f, 2, KONZEPTION);
	move(f, 2, WORKSHOP);
	diff(f, "b", NULL, NULL, &d);
	assert_int_equal(d.n, 0);
	snapshot_diff_fini(&d);

	/* the saved state itself does not change */
	struct txn *t;
	struct snapshot s;
	struct snapshot_state st;
	snapshot_init(&s);
	snapshot_state_init(&st);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	ok(store_snapshot_get(t, "a", &s), "get a");
	ok(snapshot_state_load(t, s.revision, &st), "state a");
	assert_int_equal(st.n_projects, 3);
	assert_int_equal(st.projects[0].phase, SICHTUNG);
	assert_int_equal(st.projects[1].phase, KONZEPTION);
	assert_int_equal(st.projects[2].phase, WORKSHOP);
	store_txn_end(t);
	snapshot_state_fini(&st);
	snapshot_fini(&s);
}

/* The diff pairs a project of A with the one of B that has its UUID, whatever
 * its number: mostly found by number (both states are in number order), and
 * by UUID when the numbers differ (a restore may give a project another
 * number). Here B renumbers #1 to #9 and moves #2 to Workshop. */
static int cmp_number(const void *a, const void *b)
{
	const struct project *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}

static void test_pairs_by_uuid(void **state)
{
	struct fixture *f = *state;
	struct txn *t;
	struct snapshot_state a, b;
	snapshot_state_init(&a);
	snapshot_state_init(&b);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	ok(snapshot_state_load(t, SNAPSHOT_NOW, &a), "state a");
	ok(snapshot_state_load(t, SNAPSHOT_NOW, &b), "state b");
	store_txn_end(t);
	assert_int_equal(b.n_projects, 3);
	b.projects[0].number = 9;          /* #1, same UUID */
	b.projects[1].phase = WORKSHOP;    /* #2: Konzeption -> Workshop */
	qsort(b.projects, b.n_projects, sizeof *b.projects, cmp_number);
	struct snapshot_diff d;
	snapshot_diff_init(&d);
	snapshot_diff_states(&a, &b, &f->cat, NULL, clock_today(), &d);
	assert_int_equal(d.n, 1);
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_MOVED, 1, 0);
	assert_int_equal(ch->number, 2);
	assert_int_equal(ch->to_phase, WORKSHOP);
	snapshot_diff_fini(&d);
	/* a project of B with A's number but another UUID: added, and A's removed */
	b.projects[2].id = named("another project");   /* #9 (was #1) */
	snapshot_diff_init(&d);
	snapshot_diff_states(&a, &b, &f->cat, NULL, clock_today(), &d);
	assert_int_equal(nth(&d, SNAPSHOT_ADDED, 1, 0)->number, 9);
	assert_int_equal(nth(&d, SNAPSHOT_REMOVED, 1, 0)->number, 1);
	snapshot_diff_fini(&d);
	snapshot_state_fini(&a);
	snapshot_state_fini(&b);
}

static void test_team(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	struct uuid koeln = KOELN, hoexter = HOEXTER, driburg = DRIBURG;
	ok(ops_team_remove(f->store, &f->cat, &f->id[1], &koeln, 0), "remove Köln");
	ok(ops_team_set(f->store, &f->cat, &f->id[1], &hoexter, ROLE_ADVISOR, 0), "add Höxter");
	ok(ops_team_set(f->store, &f->cat, &f->id[1], &driburg, ROLE_MEMBER, 0), "Driburg member");

	struct snapshot_diff d;
	diff(f, "a", NULL, NULL, &d);
	/* B's team order: Bad Driburg (role changed), Höxter (joined); then Köln (left) */
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_TEAM, 3, 0);
	assert_int_equal(ch->number, 1);
	assert_int_equal(uuid_cmp(&ch->org, &driburg), 0);
	assert_int_equal(ch->old_role, ROLE_LEAD);
	assert_int_equal(ch->new_role, ROLE_MEMBER);
	ch = nth(&d, SNAPSHOT_TEAM, 3, 1);
	assert_int_equal(uuid_cmp(&ch->org, &hoexter), 0);
	assert_int_equal(ch->old_role, ROLE_NONE);
	assert_int_equal(ch->new_role, ROLE_ADVISOR);
	ch = nth(&d, SNAPSHOT_TEAM, 3, 2);
	assert_int_equal(uuid_cmp(&ch->org, &koeln), 0);
	assert_int_equal(ch->old_role, ROLE_MEMBER);
	assert_int_equal(ch->new_role, ROLE_NONE);
	/* without Köln the city end is missing */
	ch = nth(&d, SNAPSHOT_VERDICT, 1, 0);
	assert_int_equal(ch->number, 1);
	assert_true(ch->was_representative);
	assert_false(ch->is_representative);
	assert_int_equal(ch->missing, C);
	assert_int_equal(d.n, 4);
	snapshot_diff_fini(&d);
}

/* The verdict of #2 changes although #2 itself does not: its service's
 * delivering categories changed between the snapshots. */
static void test_verdict_by_categories(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	ok(ops_service_categories(f->store, 10001, M | C), "service categories");
	save(f, "b");
	ok(ops_service_categories(f->store, 10001, C), "service categories back");
	reload(f);

	struct snapshot_diff d;
	diff(f, "a", "b", NULL, &d);
	assert_int_equal(d.n, 1);
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_VERDICT, 1, 0);
	assert_int_equal(ch->number, 2);
	assert_true(ch->was_representative);
	assert_false(ch->is_representative);
	assert_int_equal(ch->missing, M);
	snapshot_diff_fini(&d);

	diff(f, "b", NULL, NULL, &d);
	ch = nth(&d, SNAPSHOT_VERDICT, 1, 0);
	assert_int_equal(ch->number, 2);
	assert_false(ch->was_representative);
	assert_true(ch->is_representative);
	assert_int_equal(ch->missing, 0);
	assert_int_equal(d.n, 1);
	snapshot_diff_fini(&d);

	diff(f, "a", NULL, NULL, &d);
	assert_int_equal(d.n, 0);
	snapshot_diff_fini(&d);
}

static enum status reservice_2(struct txn *t, void *arg)
{
	struct project p;
	project_init(&p);
	if (store_project_by_number(t, 2, &p) == STATUS_OK) {
		p.n_services = 0;
		project_add_service(&p, *(const uint32_t *)arg);
		store_project_update(t, &p, p.version);
	}
	project_fini(&p);
	return store_txn_status(t);
}

/* The same between two snapshots when #2 no longer uses the service now:
 * the service index of today does not name it, the diff still finds it
 * (the projects written since the later snapshot are looked at too). And
 * the other way round (b before a) the verdict changes back. */
static void test_verdict_by_categories_since_changed(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	ok(ops_service_categories(f->store, 10001, M | C), "service categories");
	save(f, "b");
	uint32_t other = 10002;
	ok(store_write(f->store, reservice_2, &other), "service of #2");
	reload(f);

	struct snapshot_diff d;
	diff(f, "a", "b", NULL, &d);
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_VERDICT, 1, 0);
	assert_int_equal(ch->number, 2);
	assert_true(ch->was_representative);
	assert_false(ch->is_representative);
	assert_int_equal(d.n, 1);
	snapshot_diff_fini(&d);

	diff(f, "b", "a", NULL, &d);
	ch = nth(&d, SNAPSHOT_VERDICT, 1, 0);
	assert_false(ch->was_representative);
	assert_true(ch->is_representative);
	snapshot_diff_fini(&d);

	/* now #2 uses 10002 (categories 1-4, Köln alone: not representative) */
	diff(f, "a", NULL, "field:2", &d);
	ch = nth(&d, SNAPSHOT_VERDICT, 1, 0);
	assert_int_equal(ch->number, 2);
	snapshot_diff_fini(&d);
}

/* A small generator for the random history below (xorshift, fixed seed). */
struct rnd {
	uint64_t x;
	uint32_t n_projects;   /* numbers 1..n_projects are in use, or moved by a restore */
	uint32_t n_outcomes;
	uint32_t renumbered;
	unsigned op;
};

static uint32_t rnd(struct rnd *r, uint32_t n)
{
	r->x ^= r->x << 13;
	r->x ^= r->x >> 7;
	r->x ^= r->x << 17;
	return (uint32_t)(r->x % n);
}

static enum status random_write(struct txn *t, void *arg)
{
	struct rnd *r = arg;
	static const uint32_t services[] = {10000, 10001, 10002};
	const struct uuid orgs[] = {DRIBURG, KOELN, HOEXTER};
	struct project p;
	project_init(&p);
	uint32_t number = 1 + rnd(r, r->n_projects);
	bool have = store_project_by_number(t, number, &p) == STATUS_OK;
	switch (r->op) {
	case 0:   /* move */
		if (have) {
			p.phase = (uint8_t)(1 + rnd(r, ABGEBROCHEN));
			store_project_update(t, &p, p.version);
		}
		break;
	case 1:   /* team: join, change role, leave */
		if (have) {
			const struct uuid *o = &orgs[rnd(r, 3)];
			if (rnd(r, 3) == 0)
				project_remove_member(&p, o);
			else
				project_set_member(&p, o, (enum role)(1 + rnd(r, 3)));
			store_project_update(t, &p, p.version);
		}
		break;
	case 2:   /* other services */
		if (have) {
			p.n_services = 0;
			project_add_service(&p, services[rnd(r, 3)]);
			if (rnd(r, 2))
				project_add_service(&p, services[rnd(r, 3)]);
			store_project_update(t, &p, p.version);
		}
		break;
	case 3: { /* a service's delivering categories */
		struct service sv;
		service_init(&sv);
		if (store_service_get(t, services[rnd(r, 3)], &sv) == STATUS_OK) {
			static const uint32_t masks[] = {0, M, C, M | C};
			sv.categories = masks[rnd(r, 4)];
			store_service_put(t, &sv);
		}
		service_fini(&sv);
		break;
	}
	case 4: { /* an outcome opened, closed or linked elsewhere */
		char key[16];
		bool fresh = rnd(r, 3) == 0 || r->n_outcomes == 0;
		snprintf(key, sizeof key, "R%u", fresh ? r->n_outcomes++ : rnd(r, r->n_outcomes));
		struct outcome o;
		outcome_init(&o);
		struct uuid id = named(key);
		if (store_outcome_get(t, &id, &o) != STATUS_OK) {
			outcome_fini(&o);
			outcome_init(&o);
			o.id = id;
			o.kind = OUTCOME_ACTION;
			o.text = xstrdup(key);
		}
		o.status = (enum outcome_status)rnd(r, 3);
		if (have && rnd(r, 2)) {
			free(o.projects);
			o.projects = xcalloc(1, sizeof *o.projects);
			o.projects[0] = p.id;
			o.n_projects = 1;
		}
		store_outcome_put(t, &o);
		outcome_fini(&o);
		break;
	}
	case 5: { /* a new project */
		struct project q;
		project_init(&q);
		q.title = xasprintf("Neu %u", r->n_projects + 1);
		q.field = (uint16_t)(1 + rnd(r, 2));
		q.phase = (uint8_t)(1 + rnd(r, 8));
		project_add_service(&q, services[rnd(r, 3)]);
		project_set_member(&q, &orgs[rnd(r, 3)], ROLE_LEAD);
		q.number = r->n_projects + 1;
		if (store_project_create(t, &q) == STATUS_OK)
			r->n_projects++;
		project_fini(&q);
		break;
	}
	case 6:   /* a project restored under another number */
		if (have) {
			p.number = 1000 + r->renumbered++;
			store_project_restore(t, &p);
		}
		break;
	}
	project_fini(&p);
	return store_txn_status(t);
}

/* A random history of every kind of write with snapshots in between: the
 * diff read from the revision index equals the diff of the whole states
 * between every two snapshots and now, both ways round, with and without a
 * filter. */
static void test_random_against_rebuild(void **state)
{
	struct fixture *f = *state;
	struct rnd r = {.x = 0x9e3779b97f4a7c15ull, .n_projects = 3};
	char name[16];
	unsigned n_snaps = 0;
	for (unsigned step = 0; step < 120; step++) {
		r.op = rnd(&r, 8);
		if (r.op == 7) {
			snprintf(name, sizeof name, "s%u", n_snaps++);
			save(f, name);
			continue;
		}
		ok(store_write(f->store, random_write, &r), "random write");
	}
	reload(f);
	static const char *const filters[] = {NULL, "field:1", "rep:no", "phase:workshop,konzeption"};
	size_t seen[SNAPSHOT__COUNT] = {0};
	for (unsigned i = 0; i <= n_snaps; i++)
		for (unsigned j = 0; j <= n_snaps; j++)
			for (size_t k = 0; k < ARRAY_LEN(filters); k++) {
				char a[16], b[16];
				snprintf(a, sizeof a, "s%u", i);
				snprintf(b, sizeof b, "s%u", j);
				struct snapshot_diff d;
				diff(f, i < n_snaps ? a : NULL, j < n_snaps ? b : NULL, filters[k], &d);
				for (int kind = 0; kind < SNAPSHOT__COUNT; kind++)
					seen[kind] += snapshot_diff_count(&d, (enum snapshot_change_kind)kind);
				snapshot_diff_fini(&d);
			}
	/* the history made every kind of change somewhere */
	for (int kind = 0; kind < SNAPSHOT__COUNT; kind++)
		assert_true(seen[kind] > 0);
}

/* What each revision wrote, in revision order, from the revision index. */
struct refs {
	struct store_version_ref v[16];
	size_t n;
};

static int refs_cb(const struct store_version_ref *r, void *arg)
{
	struct refs *x = arg;
	assert_true(x->n < 16);
	x->v[x->n++] = *r;
	return 0;
}

static void test_versions_between(void **state)
{
	struct fixture *f = *state;
	uint64_t a = save(f, "a");
	move(f, 3, KONZEPTION);
	ok(ops_service_categories(f->store, 10001, M | C), "service categories");
	uint64_t b = save(f, "b");
	move(f, 1, WORKSHOP);

	struct txn *t;
	struct refs r = {0};
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	ok(store_versions_between(t, a, b, refs_cb, &r), "between a and b");
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].kind, STORE_VERSION_PROJECT);
	assert_memory_equal(r.v[0].id.b, f->id[3].b, 16);
	assert_int_equal(r.v[1].kind, STORE_VERSION_SERVICE);
	assert_int_equal(r.v[1].ozg_id, 10001);
	assert_true(a < r.v[0].revision && r.v[0].revision < r.v[1].revision && r.v[1].revision <= b);
	r.n = 0;
	ok(store_versions_between(t, b, UINT64_MAX, refs_cb, &r), "since b");
	assert_int_equal(r.n, 1);
	assert_memory_equal(r.v[0].id.b, f->id[1].b, 16);
	r.n = 0;
	ok(store_versions_between(t, b, a, refs_cb, &r), "an empty range");
	assert_int_equal(r.n, 0);

	/* each record at a revision; NOT_FOUND before it existed */
	struct project p;
	project_init(&p);
	ok(store_project_at(t, &f->id[1], a, &p), "project at a");
	assert_int_equal(p.phase, SICHTUNG);
	ok(store_project_at(t, &f->id[1], UINT64_MAX, &p), "project now");
	assert_int_equal(p.phase, WORKSHOP);
	assert_int_equal(store_project_at(t, &f->id[1], 0, &p), STATUS_NOT_FOUND);
	project_fini(&p);
	struct service sv;
	service_init(&sv);
	ok(store_service_at(t, 10001, a, &sv), "service at a");
	assert_int_equal(sv.categories, C);
	ok(store_service_at(t, 10001, b, &sv), "service at b");
	assert_int_equal(sv.categories, M | C);
	assert_int_equal(store_service_at(t, 4711, b, &sv), STATUS_NOT_FOUND);
	service_fini(&sv);
	store_txn_end(t);
}

struct outcome_change {
	const char *key;
	enum outcome_kind kind;
	enum outcome_status status;
	uint32_t project;   /* 0 = none */
	const struct fixture *f;
};

static enum status change_outcomes(struct txn *t, void *arg)
{
	const struct outcome_change *c = arg;
	for (; c->key; c++)
		put_outcome(t, c->key, c->kind, c->status, c->project ? &c->f->id[c->project] : NULL);
	return store_txn_status(t);
}

static void test_outcomes(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	const struct outcome_change changes[] = {
		{"O1", OUTCOME_ACTION, OUTCOME_STATUS_DONE, 1, f},       /* closed */
		{"O2", OUTCOME_DECISION, OUTCOME_STATUS_OPEN, 2, f},     /* reopened */
		{"O3", OUTCOME_ACTION, OUTCOME_STATUS_OPEN, 3, f},       /* new, open */
		{"O4", OUTCOME_DECISION, OUTCOME_STATUS_DROPPED, 0, f},  /* new, already closed */
		{NULL, 0, 0, 0, NULL},
	};
	ok(store_write(f->store, change_outcomes, (void *)changes), "outcomes");

	struct snapshot_diff d;
	diff(f, "a", NULL, NULL, &d);
	assert_int_equal(d.n, 4);
	struct uuid o1 = named("O1"), o2 = named("O2"), o3 = named("O3"), o4 = named("O4");
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_OUTCOME_OPENED, 2, 0);
	assert_int_equal(uuid_cmp(&ch->outcome, &o2), 0);
	assert_int_equal(ch->number, 2);
	assert_false(ch->is_new);
	assert_int_equal(ch->old_status, OUTCOME_STATUS_DONE);
	assert_int_equal(ch->new_status, OUTCOME_STATUS_OPEN);
	ch = nth(&d, SNAPSHOT_OUTCOME_OPENED, 2, 1);
	assert_int_equal(uuid_cmp(&ch->outcome, &o3), 0);
	assert_int_equal(ch->number, 3);
	assert_true(ch->is_new);
	assert_int_equal(ch->n_numbers, 1);
	assert_int_equal(ch->numbers[0], 3);
	ch = nth(&d, SNAPSHOT_OUTCOME_CLOSED, 2, 0);
	assert_int_equal(uuid_cmp(&ch->outcome, &o1), 0);
	assert_int_equal(ch->number, 1);
	assert_int_equal(ch->outcome_kind, OUTCOME_ACTION);
	assert_int_equal(ch->old_status, OUTCOME_STATUS_OPEN);
	assert_int_equal(ch->new_status, OUTCOME_STATUS_DONE);
	/* without a project: last */
	ch = nth(&d, SNAPSHOT_OUTCOME_CLOSED, 2, 1);
	assert_int_equal(uuid_cmp(&ch->outcome, &o4), 0);
	assert_int_equal(ch->number, 0);
	assert_true(ch->is_new);
	assert_int_equal(ch->new_status, OUTCOME_STATUS_DROPPED);
	snapshot_diff_fini(&d);

	/* in a filter's scope only outcomes linked to a project in it */
	diff(f, "a", NULL, "field:bauen", &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(nth(&d, SNAPSHOT_OUTCOME_OPENED, 1, 0)->number, 2);
	snapshot_diff_fini(&d);
}

/* Projects are never deleted; a filter's scope is where "removed" happens:
 * #3 leaves field 1 for field 2. */
static void test_removed_from_scope(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	struct txn *t;
	struct project p;
	project_init(&p);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	assert_int_equal(store_project_get(t, &f->id[3], &p), STATUS_OK);
	store_txn_end(t);
	p.field = 2;
	ok(ops_project_update(f->store, &f->cat, &p, p.version), "ops_project_update");
	project_fini(&p);

	struct snapshot_diff d;
	diff(f, "a", NULL, "field:arbeit", &d);
	assert_int_equal(d.n, 1);
	const struct snapshot_change *ch = nth(&d, SNAPSHOT_REMOVED, 1, 0);
	assert_int_equal(ch->number, 3);
	assert_int_equal(ch->from_phase, WORKSHOP);
	assert_int_equal(ch->field, 1);   /* as it was in A */
	snapshot_diff_fini(&d);

	diff(f, "a", NULL, "field:bauen", &d);
	assert_int_equal(d.n, 1);
	ch = nth(&d, SNAPSHOT_ADDED, 1, 0);
	assert_int_equal(ch->number, 3);
	assert_int_equal(ch->field, 2);
	snapshot_diff_fini(&d);

	/* unfiltered, a change of field is none of the diff's kinds */
	diff(f, "a", NULL, NULL, &d);
	assert_int_equal(d.n, 0);
	snapshot_diff_fini(&d);
}

static void test_names_and_previous(void **state)
{
	struct fixture *f = *state;
	uint64_t ra = save(f, "a");
	assert_int_equal(snapshot_save(f->store, "a", NULL, NULL), STATUS_DATA);
	assert_int_equal(snapshot_save(f->store, "now", NULL, NULL), STATUS_USAGE);
	assert_int_equal(snapshot_save(f->store, "", NULL, NULL), STATUS_USAGE);
	assert_int_equal(snapshot_save(f->store, "zwei\nZeilen", NULL, NULL), STATUS_USAGE);
	assert_int_equal(snapshot_save(f->store, "bad \xff", NULL, NULL), STATUS_USAGE);
	assert_int_equal(snapshot_remove(f->store, "nicht da"), STATUS_NOT_FOUND);
	move(f, 1, WORKSHOP);
	uint64_t rb = save(f, "b");
	assert_true(rb > ra);

	struct txn *t;
	struct snapshot s;
	bool found;
	snapshot_init(&s);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	ok(snapshot_find_previous(t, NULL, &s, &found), "previous of now");
	assert_true(found);
	assert_string_equal(s.name, "b");
	ok(snapshot_find_previous(t, "b", &s, &found), "previous of b");
	assert_true(found);
	assert_string_equal(s.name, "a");
	ok(snapshot_find_previous(t, "a", &s, &found), "previous of a");
	assert_false(found);

	store_txn_end(t);
	snapshot_fini(&s);

	/* removing a name keeps the other snapshots and the data */
	ok(snapshot_remove(f->store, "a"), "remove a");
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	snapshot_init(&s);
	assert_int_equal(store_snapshot_get(t, "a", &s), STATUS_NOT_FOUND);
	ok(store_snapshot_get(t, "b", &s), "b stays");
	store_txn_end(t);
	snapshot_fini(&s);
}

static int seq_of_save(const struct history_entry *e, void *arg)
{
	uint64_t *seq = arg;
	if (e->action && strcmp(e->action, "snapshot-save") == 0 && strstr(e->summary, "'a'")) {
		*seq = e->seq;
		return 1;
	}
	return 0;
}

static void test_history_seq(void **state)
{
	struct fixture *f = *state;
	move(f, 1, WORKSHOP);
	save(f, "a");
	move(f, 1, ENTSCHEIDUNG);
	struct txn *t;
	struct snapshot a;
	snapshot_init(&a);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	ok(store_snapshot_get(t, "a", &a), "get a");
	uint64_t seq = 0, want = 0;
	ok(snapshot_history_seq(t, &a, &seq), "history seq");
	ok(store_history_each(t, 0, seq_of_save, &want), "history");
	store_txn_end(t);
	assert_true(want > 0);
	assert_int_equal(seq, want);
	snapshot_fini(&a);
}

static void test_renderings(void **state)
{
	struct fixture *f = *state;
	save(f, "a");
	move(f, 3, PAUSIERT);
	struct snapshot_diff d;
	diff(f, "a", NULL, NULL, &d);
	struct buf b;
	buf_init(&b);
	snapshot_diff_text(&d, &f->cat, "snapshot 'a'", "now", &b);
	assert_non_null(strstr(b.data, "moved (1):\n  #3 Wohngeld | *digital*: Workshop → Pausiert (aside)\n"));
	buf_reset(&b);
	snapshot_diff_markdown(&d, &f->cat, "Stand a", "jetzt", 2, &b);
	assert_non_null(strstr(b.data, "## Veränderungen: Stand a → jetzt\n"));
	assert_non_null(strstr(b.data, "| 3 | Wohngeld \\| \\*digital\\* | Workshop | Pausiert | außerhalb der Linie |\n"));
	assert_null(strstr(b.data, "Wohngeld | *"));
	buf_fini(&b);
	json_t *j = snapshot_diff_json(&d, &f->cat, "a", "now");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "moved")), 1);
	json_t *m = json_array_get(json_object_get(j, "moved"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "direction")), "aside");
	assert_string_equal(json_string_value(json_object_get(m, "to")), "Pausiert");
	assert_int_equal(json_integer_value(json_object_get(m, "number")), 3);
	json_decref(j);
	snapshot_diff_fini(&d);

	diff(f, "a", "a", NULL, &d);
	buf_init(&b);
	snapshot_diff_text(&d, &f->cat, "a", "a", &b);
	assert_non_null(strstr(b.data, "no changes"));
	buf_fini(&b);
	snapshot_diff_fini(&d);
}

/* Escaping of the shared helpers used by the exports. */
static void test_escape(void **state)
{
	(void)state;
	static const struct {
		const char *in, *md, *html;
	} cases[] = {
		{"plain Text äöü", "plain Text äöü", "plain Text äöü"},
		{"[x](http://e.vil)", "\\[x\\](http://e.vil)", "[x](http://e.vil)"},
		{"<b>&amp;</b>", "\\<b\\>\\&amp;\\</b\\>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"},
		{"a|b*c_d`e#f~g\\h", "a\\|b\\*c\\_d\\`e\\#f\\~g\\\\h", "a|b*c_d`e#f~g\\h"},
		{"\"it's\"", "\"it's\"", "&quot;it&#39;s&quot;"},
		{"zwei\nZeilen\tund\x1b[31m", "zwei Zeilen und \\[31m", "zwei Zeilen und [31m"},
		{"bad \xff byte", "bad \xEF\xBF\xBD byte", "bad \xEF\xBF\xBD byte"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct buf b;
		buf_init(&b);
		export_md_escape(&b, cases[i].in);
		assert_string_equal(b.data ? b.data : "", cases[i].md);
		buf_reset(&b);
		export_html_escape(&b, cases[i].in);
		assert_string_equal(b.data ? b.data : "", cases[i].html);
		buf_fini(&b);
	}
}

int main(void)
{
	setenv("OZGTUI_NOW", "2025-03-01", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_added, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pairs_by_uuid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_team, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verdict_by_categories, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verdict_by_categories_since_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions_between, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_against_rebuild, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed_from_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_and_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_seq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renderings, setup, teardown),
		cmocka_unit_test(test_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
