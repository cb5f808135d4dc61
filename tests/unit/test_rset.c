/* test_rset.c - result sets (rset.h) on the demo database in a real LMDB store.
 *
 * Every result set is compared with the plain answer: every project decoded,
 * filter_match on each, sorted by the same key. Filters of every kind (none,
 * each phase alone, fields, phase and field, filters no index answers, some
 * with an index that narrows them) make the sets of every size, so each way
 * of building (index only, decoding few candidates, one pass in storage
 * order) is taken; a board's columns (rset_build_phases) likewise. Then
 * changes: a move seen through rset_changes and applied with
 * rset_remove/rset_insert gives what a fresh build gives; what the history
 * cannot account for asks for a rebuild.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/demo.h"
#include "ozgtui/filter.h"
#include "ozgtui/ops.h"
#include "ozgtui/refdata.h"
#include "ozgtui/rset.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define SEED 2019u

struct world {
	struct test_db db;   /* the demo database */
	int32_t today;
};

static enum status seed_cb(struct txn *t, void *arg)
{
	(void)arg;
	enum status st = refdata_seed(t, PHASES_DEFAULT);
	struct catalog c;
	catalog_init(&c);
	if (st == STATUS_OK)
		st = catalog_load(&c, t);
	if (st == STATUS_OK)
		st = demo_seed(t, &c, SEED);
	catalog_fini(&c);
	return st;
}

static int setup(void **state)
{
	setenv("OZGTUI_NOW", "2025-03-01", 1);
	struct world *w = xcalloc(1, sizeof(*w));
	test_db_open(&w->db, seed_cb, NULL);
	w->today = clock_today();
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	test_db_close(&w->db);
	free(w);
	return 0;
}

/* ---- the plain answer ------------------------------------------------------ */

/* Sort keys as a list view makes them: by folded title, or by phase position. */
enum by { BY_NUMBER, BY_TITLE, BY_PHASE };
struct order_arg {
	enum by by;
	const struct catalog *cat;
};

static void key_of(const struct project *p, void *arg, struct rset_sortkey *out)
{
	const struct order_arg *a = arg;
	if (a->by == BY_TITLE)
		out->s = text_fold(p->title ? p->title : "");
	else if (a->by == BY_PHASE)
		out->k = phase_list_index(&a->cat->phases, p->phase);
}

struct plain {
	struct world *w;
	const struct filter *f;
	const struct rset_order *o;
	struct row {
		struct rset_key key;
		struct rset_sortkey sk;
	} *v;
	size_t n;
};

static int plain_cb(const struct project *p, void *arg)
{
	struct plain *x = arg;
	if (!filter_match(x->f, &x->w->db.cat, p, x->w->today))
		return 0;
	x->v = realloc(x->v, (x->n + 1) * sizeof(*x->v));
	struct row *r = &x->v[x->n++];
	r->key.id = p->id;
	r->key.number = p->number;
	memset(&r->sk, 0, sizeof(r->sk));
	if (x->o && x->o->key)
		x->o->key(p, x->o->arg, &r->sk);
	return 0;
}

static const struct rset_order *plain_order;

static int plain_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = 0;
	if (plain_order && plain_order->key) {
		c = strcmp(x->sk.s ? x->sk.s : "", y->sk.s ? y->sk.s : "");
		if (!c)
			c = (x->sk.k > y->sk.k) - (x->sk.k < y->sk.k);
	}
	if (!c)
		c = (x->key.number > y->key.number) - (x->key.number < y->key.number);
	return plain_order && plain_order->reverse ? -c : c;
}

/* Fails unless r holds exactly the projects matching f in order o. */
static void assert_plain(struct world *w, const struct rset *r, const struct filter *f,
			 const struct rset_order *o, const char *what)
{
	struct plain x = {.w = w, .f = f, .o = o};
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(store_project_each(t, plain_cb, &x), STATUS_OK);
	store_txn_end(t);
	plain_order = o;
	if (x.n > 1)
		qsort(x.v, x.n, sizeof(*x.v), plain_cmp);
	plain_order = NULL;
	if (r->n != x.n)
		fail_msg("%s: %zu projects, expected %zu", what, r->n, x.n);
	for (size_t i = 0; i < x.n; i++) {
		if (r->v[i].number != x.v[i].key.number || uuid_cmp(&r->v[i].id, &x.v[i].key.id) != 0)
			fail_msg("%s: position %zu holds #%u, expected #%u", what, i, r->v[i].number,
				 x.v[i].key.number);
		free(x.v[i].sk.s);
	}
	free(x.v);
}

static void build(struct world *w, struct rset *r, const char *expr, const struct rset_order *o)
{
	struct filter *f = NULL;
	if (filter_compile(expr, &w->db.cat, &f) != STATUS_OK)
		fail_msg("filter '%s': %s", expr, status_detail());
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	enum status st = rset_build(r, t, &w->db.cat, f, w->today, o);
	store_txn_end(t);
	if (st != STATUS_OK)
		fail_msg("rset_build '%s': %s", expr, status_detail());
	char what[160];
	snprintf(what, sizeof what, "'%s' by %s%s", expr, o && o->key ? "key" : "number",
		 o && o->reverse ? " reversed" : "");
	assert_plain(w, r, f, o, what);
	filter_free(f);
}

/* ---- building ------------------------------------------------------------------ */

static void test_build_matches_plain_answer(void **state)
{
	struct world *w = *state;
	struct order_arg by_title = {BY_TITLE, &w->db.cat}, by_phase = {BY_PHASE, &w->db.cat};
	const struct rset_order orders[] = {
		{NULL, NULL, false},
		{NULL, NULL, true},
		{key_of, &by_title, false},
		{key_of, &by_phase, true},
	};
	struct strv exprs;
	strv_init(&exprs);
	strv_push(&exprs, "");
	strv_push(&exprs, "rep:no");
	strv_push(&exprs, "late:yes");
	strv_push(&exprs, "-phase:sichtung");
	strv_push(&exprs, "phase:sichtung,workshop");
	strv_push(&exprs, "online");
	for (size_t i = 0; i < w->db.cat.phases.n; i++) {
		char e[256];
		snprintf(e, sizeof e, "phase:%s", w->db.cat.phases.v[i].slug);
		strv_push(&exprs, e);
		snprintf(e, sizeof e, "phase:%s rep:no", w->db.cat.phases.v[i].slug);
		strv_push(&exprs, e);
		snprintf(e, sizeof e, "phase:%s field:%u", w->db.cat.phases.v[i].slug,
			 (unsigned)w->db.cat.fields[i % w->db.cat.n_fields].number);
		strv_push(&exprs, e);
	}
	for (size_t i = 0; i < w->db.cat.n_fields; i++) {
		char e[64];
		snprintf(e, sizeof e, "field:%u", (unsigned)w->db.cat.fields[i].number);
		strv_push(&exprs, e);
	}
	struct rset r;
	rset_init(&r);
	for (size_t e = 0; e < exprs.n; e++)
		for (size_t o = 0; o < ARRAY_LEN(orders); o++)
			build(w, &r, exprs.v[e], &orders[o]);
	rset_fini(&r);
	strv_fini(&exprs);
}

static void test_index_exact(void **state)
{
	struct world *w = *state;
	static const struct {
		const char *expr;
		bool exact;
	} rows[] = {
		{"", true},
		{"phase:sichtung", true},
		{"field:6", true},
		{"phase:sichtung field:6", true},
		{"field:6 phase:sichtung phase:sichtung", true},
		{"phase:sichtung phase:workshop", false},   /* two phases: the index of one is not the answer */
		{"phase:sichtung,workshop", false},
		{"-phase:sichtung", false},
		{"phase:sichtung rep:no", false},
		{"online", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct filter *f = NULL;
		assert_int_equal(filter_compile(rows[i].expr, &w->db.cat, &f), STATUS_OK);
		if (filter_index_exact(f) != rows[i].exact)
			fail_msg("'%s': filter_index_exact should be %d", rows[i].expr, rows[i].exact);
		filter_free(f);
	}
}

static void test_sort_and_phases(void **state)
{
	struct world *w = *state;
	struct order_arg by_title = {BY_TITLE, &w->db.cat};
	struct rset_order title = {key_of, &by_title, false}, number_rev = {NULL, NULL, true};
	struct rset r;
	rset_init(&r);
	build(w, &r, "rep:no", NULL);
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(rset_sort(&r, t, &title), STATUS_OK);
	struct filter *f = NULL;
	assert_int_equal(filter_compile("rep:no", &w->db.cat, &f), STATUS_OK);
	store_txn_end(t);
	assert_plain(w, &r, f, &title, "rep:no re-sorted by title");
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(rset_sort(&r, t, &number_rev), STATUS_OK);
	store_txn_end(t);
	assert_plain(w, &r, f, &number_rev, "rep:no re-sorted by number, reversed");
	filter_free(f);

	/* the phase of each project, from the phase index or decoded */
	const char *exprs[] = {"", "phase:sichtung field:6", "rep:no"};
	for (size_t e = 0; e < ARRAY_LEN(exprs); e++) {
		build(w, &r, exprs[e], NULL);
		uint8_t *phase = calloc(r.n + 1, 1);
		assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
		assert_int_equal(rset_phases(&r, t, &w->db.cat.phases, phase), STATUS_OK);
		for (size_t i = 0; i < r.n; i++) {
			struct project p;
			project_init(&p);
			assert_int_equal(store_project_get(t, &r.v[i].id, &p), STATUS_OK);
			if (phase[i] != p.phase)
				fail_msg("'%s': #%u in phase %u, rset_phases says %u", exprs[e], p.number, p.phase,
					 phase[i]);
			project_fini(&p);
		}
		store_txn_end(t);
		free(phase);
	}
	rset_fini(&r);
}

/* A board's columns: each the projects of its phase that match, in number
 * order, from the phase index (filters it answers) or one pass dealt out. */
static void test_build_phases(void **state)
{
	struct world *w = *state;
	const char *exprs[] = {"", "field:6", "phase:sichtung", "phase:umsetzung field:6", "field:3 phase:workshop",
			       "rep:no", "phase:sichtung rep:no", "-phase:sichtung"};
	size_t n = w->db.cat.phases.n;
	struct rset *cols = calloc(n, sizeof *cols);
	struct rset **colp = calloc(n, sizeof *colp);
	uint8_t *phases = calloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		rset_init(&cols[i]);
		colp[i] = &cols[i];
		phases[i] = w->db.cat.phases.v[n - 1 - i].id;   /* any order of columns */
	}
	for (size_t e = 0; e < ARRAY_LEN(exprs); e++) {
		struct filter *f = NULL;
		assert_int_equal(filter_compile(exprs[e], &w->db.cat, &f), STATUS_OK);
		struct txn *t = NULL;
		assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
		assert_int_equal(rset_build_phases(colp, phases, n, t, &w->db.cat, f, w->today), STATUS_OK);
		store_txn_end(t);
		filter_free(f);
		size_t total = 0;
		for (size_t i = 0; i < n; i++) {
			char expr[256], what[300];
			snprintf(expr, sizeof expr, "%s phase:%s", exprs[e], w->db.cat.phases.v[n - 1 - i].slug);
			assert_int_equal(filter_compile(expr, &w->db.cat, &f), STATUS_OK);
			snprintf(what, sizeof what, "column '%s'", expr);
			assert_plain(w, &cols[i], f, NULL, what);
			filter_free(f);
			total += cols[i].n;
		}
		if (e == 0 || e == 1)
			assert_true(total > 0);
	}
	for (size_t i = 0; i < n; i++)
		rset_fini(&cols[i]);
	free(cols);
	free(colp);
	free(phases);
}

/* ---- building in steps ------------------------------------------------------- */

/* Runs j to its end, each step of `work` in a read transaction of its own;
 * returns how many steps it took. Checks that a known count is the final one. */
static size_t run_job(struct world *w, struct rset_job *j, struct rset *const *out, size_t ncols, size_t work)
{
	bool done = false;
	size_t steps = 0;
	while (!done) {
		struct txn *t = NULL;
		assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
		assert_int_equal(rset_job_step(j, t, out, work, &done), STATUS_OK);
		store_txn_end(t);
		assert_true(++steps < 1000000);
	}
	assert_true(rset_job_done(j));
	for (size_t i = 0; i < ncols; i++)
		if (rset_job_expected(j, i) != SIZE_MAX)
			assert_int_equal(rset_job_expected(j, i), out[i]->n);
	return steps;
}

static void assert_same(const struct rset *a, const struct rset *b, const char *what)
{
	if (a->n != b->n)
		fail_msg("%s: %zu projects in steps, %zu at once", what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].number != b->v[i].number || uuid_cmp(&a->v[i].id, &b->v[i].id) != 0)
			fail_msg("%s: position %zu holds #%u in steps, #%u at once", what, i, a->v[i].number,
				 b->v[i].number);
}

/* A result set built in steps of every size is the one rset_build makes. */
static void test_job_matches_build(void **state)
{
	struct world *w = *state;
	struct order_arg by_title = {BY_TITLE, &w->db.cat}, by_phase = {BY_PHASE, &w->db.cat};
	const struct rset_order orders[] = {
		{NULL, NULL, false},
		{NULL, NULL, true},
		{key_of, &by_title, false},
		{key_of, &by_title, true},
		{key_of, &by_phase, false},
	};
	const char *exprs[] = {"", "rep:no", "online", "phase:sichtung", "field:6", "phase:umsetzung field:6",
			       "phase:sichtung rep:no", "-phase:sichtung", "phase:sichtung,workshop", "nothing-matches-this"};
	const size_t works[] = {1, 5, 64, 100000};
	struct rset once, steps;
	rset_init(&once);
	rset_init(&steps);
	struct rset *out[] = {&steps};
	for (size_t e = 0; e < ARRAY_LEN(exprs); e++)
		for (size_t o = 0; o < ARRAY_LEN(orders); o++)
			for (size_t k = 0; k < ARRAY_LEN(works); k++) {
				build(w, &once, exprs[e], &orders[o]);
				struct filter *f = NULL;
				assert_int_equal(filter_compile(exprs[e], &w->db.cat, &f), STATUS_OK);
				struct rset_job *j = rset_job_new(&w->db.cat, f, w->today, &orders[o], NULL, 1);
				steps.n = 12345 % (steps.cap + 1);   /* the first step empties it */
				size_t n = run_job(w, j, out, 1, works[k]);
				char what[200];
				snprintf(what, sizeof what, "'%s' order %zu in steps of %zu", exprs[e], o, works[k]);
				assert_same(&steps, &once, what);
				/* the demo is large enough that small steps are many */
				if (works[k] == 1 && e == 0)
					assert_true(n > 10);
				rset_job_free(j);
			}
	/* a known count is known after the first step */
	struct filter *f = NULL;
	assert_int_equal(filter_compile("phase:sichtung", &w->db.cat, &f), STATUS_OK);
	struct rset_job *j = rset_job_new(&w->db.cat, f, w->today, NULL, NULL, 1);
	struct txn *t = NULL;
	bool done = false;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(rset_job_step(j, t, out, 1, &done), STATUS_OK);
	store_txn_end(t);
	build(w, &once, "phase:sichtung", NULL);
	assert_int_equal(rset_job_expected(j, 0), once.n);
	rset_job_free(j);
	rset_fini(&once);
	rset_fini(&steps);
}

/* The keys of one phase, field or both, walked in steps from a number on
 * (the phase index, the field index, the keys of project_copies), for every
 * phase and field: the result is rset_build's in steps of every size, and
 * the first step already holds as many rows as its work allows. */
static void test_job_index_walks(void **state)
{
	struct world *w = *state;
	struct order_arg by_title = {BY_TITLE, &w->db.cat};
	const struct rset_order orders[] = {
		{NULL, NULL, false},
		{NULL, NULL, true},
		{key_of, &by_title, false},
	};
	struct strv exprs;
	strv_init(&exprs);
	for (size_t i = 0; i < w->db.cat.phases.n; i++) {
		char e[256];
		snprintf(e, sizeof e, "phase:%s", w->db.cat.phases.v[i].slug);
		strv_push(&exprs, e);
		for (size_t k = 0; k < w->db.cat.n_fields; k++) {
			snprintf(e, sizeof e, "phase:%s field:%u", w->db.cat.phases.v[i].slug,
				 (unsigned)w->db.cat.fields[k].number);
			strv_push(&exprs, e);
			if (k % 3 == i % 3) {
				snprintf(e, sizeof e, "field:%u phase:%s rep:no", (unsigned)w->db.cat.fields[k].number,
					 w->db.cat.phases.v[i].slug);
				strv_push(&exprs, e);
			}
		}
	}
	for (size_t k = 0; k < w->db.cat.n_fields; k++) {
		char e[64];
		snprintf(e, sizeof e, "field:%u", (unsigned)w->db.cat.fields[k].number);
		strv_push(&exprs, e);
		snprintf(e, sizeof e, "field:%u rep:no", (unsigned)w->db.cat.fields[k].number);
		strv_push(&exprs, e);
	}
	const size_t works[] = {1, 2, 7, 100000};
	struct rset once, steps;
	rset_init(&once);
	rset_init(&steps);
	struct rset *out[] = {&steps};
	size_t nonempty = 0;
	for (size_t e = 0; e < exprs.n; e++)
		for (size_t o = 0; o < ARRAY_LEN(orders); o++)
			for (size_t k = 0; k < ARRAY_LEN(works); k++) {
				build(w, &once, exprs.v[e], &orders[o]);
				nonempty += once.n > 0;
				struct filter *f = NULL;
				assert_int_equal(filter_compile(exprs.v[e], &w->db.cat, &f), STATUS_OK);
				bool exact = filter_index_exact(f);
				struct rset_job *j = rset_job_new(&w->db.cat, f, w->today, &orders[o], NULL, 1);
				if (exact && o == 0) {
					/* the first step: as many rows as its work, in number order */
					struct txn *t = NULL;
					bool done = false;
					assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
					assert_int_equal(rset_job_step(j, t, out, works[k], &done), STATUS_OK);
					store_txn_end(t);
					size_t want = works[k] < once.n ? works[k] : once.n;
					assert_int_equal(steps.n, want);
					for (size_t i = 0; i < want; i++)
						assert_int_equal(steps.v[i].number, once.v[i].number);
					assert_int_equal(rset_job_expected(j, 0), once.n);
				}
				run_job(w, j, out, 1, works[k]);
				char what[300];
				snprintf(what, sizeof what, "'%s' order %zu in steps of %zu", exprs.v[e], o, works[k]);
				assert_same(&steps, &once, what);
				rset_job_free(j);
			}
	assert_true(nonempty > exprs.n);
	rset_fini(&once);
	rset_fini(&steps);
	strv_fini(&exprs);
}

struct keys_seen {
	uint32_t *num;
	size_t n, cap;
};

static int key_seen(uint32_t number, const struct uuid *id, void *arg)
{
	struct keys_seen *k = arg;
	(void)id;
	xgrow((void **)&k->num, &k->cap, k->n + 1, sizeof *k->num);
	k->num[k->n++] = number;
	return 0;
}

/* The walks from a number on give the one-shot walks' keys from that number:
 * a field's from its index, a phase and field's from project_copies (the
 * phase index's keys that are in the field index too). */
static void test_keys_from(void **state)
{
	struct world *w = *state;
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	size_t checked = 0;
	for (size_t k = 0; k < w->db.cat.n_fields; k++) {
		uint16_t field = w->db.cat.fields[k].number;
		struct keys_seen all = {0};
		assert_int_equal(store_project_keys_in_field(t, field, key_seen, &all), STATUS_OK);
		uint32_t froms[] = {0, all.n ? all.num[all.n / 2] : 1, all.n ? all.num[all.n - 1] + 1 : 2, UINT32_MAX};
		for (size_t x = 0; x < ARRAY_LEN(froms); x++) {
			struct keys_seen got = {0};
			assert_int_equal(store_project_keys_in_field_from(t, field, froms[x], key_seen, &got), STATUS_OK);
			size_t i = 0;
			while (i < all.n && all.num[i] < froms[x])
				i++;
			assert_int_equal(got.n, all.n - i);
			for (size_t m = 0; m < got.n; m++)
				assert_int_equal(got.num[m], all.num[i + m]);
			free(got.num);
		}
		for (size_t p = 0; p < w->db.cat.phases.n; p++) {
			uint8_t phase = w->db.cat.phases.v[p].id;
			struct keys_seen in_phase = {0}, both = {0};
			assert_int_equal(store_project_keys_in_phase(t, phase, key_seen, &in_phase), STATUS_OK);
			for (size_t i = 0, m = 0; i < in_phase.n; i++) {
				while (m < all.n && all.num[m] < in_phase.num[i])
					m++;
				if (m < all.n && all.num[m] == in_phase.num[i]) {
					xgrow((void **)&both.num, &both.cap, both.n + 1, sizeof *both.num);
					both.num[both.n++] = in_phase.num[i];
				}
			}
			uint32_t pf[] = {0, both.n ? both.num[both.n / 2] : 1, both.n ? both.num[both.n - 1] + 1 : 2};
			for (size_t x = 0; x < ARRAY_LEN(pf); x++) {
				struct keys_seen got = {0};
				assert_int_equal(store_project_keys_in_phase_field_from(t, phase, field, pf[x], key_seen, &got),
						 STATUS_OK);
				size_t i = 0;
				while (i < both.n && both.num[i] < pf[x])
					i++;
				assert_int_equal(got.n, both.n - i);
				for (size_t m = 0; m < got.n; m++)
					assert_int_equal(got.num[m], both.num[i + m]);
				checked += got.n;
				free(got.num);
			}
			free(in_phase.num);
			free(both.num);
		}
		free(all.num);
	}
	store_txn_end(t);
	assert_true(checked > 0);
}

/* A board's columns in steps are those rset_build_phases makes; the first
 * step already holds the first cards of every column the index answers. */
static void test_job_columns(void **state)
{
	struct world *w = *state;
	const char *exprs[] = {"", "field:6", "phase:sichtung", "phase:umsetzung field:6", "rep:no",
			       "phase:sichtung rep:no", "-phase:sichtung", "field:3", "field:6 phase:workshop",
			       "field:3 phase:sichtung", "field:1 rep:no"};
	size_t n = w->db.cat.phases.n;
	struct rset *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
	struct rset **ap = calloc(n, sizeof *ap), **bp = calloc(n, sizeof *bp);
	uint8_t *phases = calloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		rset_init(&a[i]);
		rset_init(&b[i]);
		ap[i] = &a[i];
		bp[i] = &b[i];
		phases[i] = w->db.cat.phases.v[n - 1 - i].id;
	}
	const size_t works[] = {1, 2, 9, 100000};
	for (size_t e = 0; e < ARRAY_LEN(exprs); e++)
		for (size_t k = 0; k < ARRAY_LEN(works); k++) {
			struct filter *f = NULL;
			assert_int_equal(filter_compile(exprs[e], &w->db.cat, &f), STATUS_OK);
			struct txn *t = NULL;
			assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
			assert_int_equal(rset_build_phases(bp, phases, n, t, &w->db.cat, f, w->today), STATUS_OK);
			store_txn_end(t);
			struct rset_job *j = rset_job_new(&w->db.cat, f, w->today, NULL, phases, n);
			if (e == 0 && k == 0) {
				/* unfiltered: after one small step, every column has cards */
				bool done = false;
				assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
				assert_int_equal(rset_job_step(j, t, ap, 8 * n, &done), STATUS_OK);
				store_txn_end(t);
				for (size_t i = 0; i < n; i++)
					if (b[i].n)
						assert_true(a[i].n > 0);
			}
			run_job(w, j, ap, n, works[k]);
			rset_job_free(j);
			for (size_t i = 0; i < n; i++) {
				char what[200];
				snprintf(what, sizeof what, "'%s' column %zu in steps of %zu", exprs[e], i, works[k]);
				assert_same(&a[i], &b[i], what);
			}
		}
	for (size_t i = 0; i < n; i++) {
		rset_fini(&a[i]);
		rset_fini(&b[i]);
	}
	free(a);
	free(b);
	free(ap);
	free(bp);
	free(phases);
}

/* A topic field numbered from 256 on is not in the store's counts per phase
 * and field: a count known early must not leave its projects out (the
 * footer would say the list is complete with fewer rows than it gets). */
static enum status field_300_cb(struct txn *t, void *arg)
{
	(void)arg;
	char slug[] = "feld_300", name[] = "Feld 300";
	struct topic_field tf = {.number = 300, .slug = slug, .name = name};
	return store_field_put(t, &tf);
}

static void test_job_expected_field_256(void **state)
{
	struct world *w = *state;
	assert_int_equal(store_write(w->db.store, field_300_cb, NULL), STATUS_OK);
	test_db_reload_catalog(&w->db);
	struct project p;
	project_init(&p);
	p.title = xstrdup("Im Feld 300");
	p.field = 300;
	p.priority = 2;
	assert_int_equal(ops_project_create(w->db.store, &w->db.cat, &p), STATUS_OK);
	uint8_t phase = p.phase;
	project_fini(&p);
	char only_phase[80];
	const struct phase *ph = catalog_phase(&w->db.cat, phase);
	assert_non_null(ph);
	snprintf(only_phase, sizeof only_phase, "phase:%s", ph->slug);
	const char *exprs[] = {"", only_phase, "field:300"};
	struct rset once, steps;
	rset_init(&once);
	rset_init(&steps);
	struct rset *out[] = {&steps};
	for (size_t e = 0; e < ARRAY_LEN(exprs); e++) {
		build(w, &once, exprs[e], NULL);
		struct filter *f = NULL;
		assert_int_equal(filter_compile(exprs[e], &w->db.cat, &f), STATUS_OK);
		struct rset_job *j = rset_job_new(&w->db.cat, f, w->today, NULL, NULL, 1);
		run_job(w, j, out, 1, 7);   /* a known count is the final one */
		assert_same(&steps, &once, exprs[e]);
		rset_job_free(j);
	}
	/* the board's column of that phase */
	size_t n = w->db.cat.phases.n;
	struct rset *cols = calloc(n, sizeof *cols);
	struct rset **cp = calloc(n, sizeof *cp);
	uint8_t *phases = calloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		rset_init(&cols[i]);
		cp[i] = &cols[i];
		phases[i] = w->db.cat.phases.v[i].id;
	}
	struct rset_job *j = rset_job_new(&w->db.cat, NULL, w->today, NULL, phases, n);
	run_job(w, j, cp, n, 7);
	rset_job_free(j);
	for (size_t i = 0; i < n; i++)
		rset_fini(&cols[i]);
	free(cols);
	free(cp);
	free(phases);
	rset_fini(&once);
	rset_fini(&steps);
}

/* ---- changes -------------------------------------------------------------------- */

static void stamp(struct world *w, struct rset_stamp *s)
{
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(rset_stamp_take(t, w->today, s), STATUS_OK);
	store_txn_end(t);
}

/* What changed since *s, and *s moved on. */
static bool changes(struct world *w, struct rset_stamp *s, struct uuid **ids, size_t *n)
{
	struct txn *t = NULL;
	struct rset_stamp now;
	bool rebuild = false;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(rset_changes(t, s, w->today, &now, ids, n, &rebuild), STATUS_OK);
	store_txn_end(t);
	*s = now;
	return rebuild;
}

/* Applies the changes to r as a list view does. */
static void apply(struct world *w, struct rset *r, const char *expr, const struct rset_order *o,
		  const struct uuid *ids, size_t n)
{
	struct filter *f = NULL;
	assert_int_equal(filter_compile(expr, &w->db.cat, &f), STATUS_OK);
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	rset_remove(r, ids, n);
	for (size_t i = 0; i < n; i++) {
		struct project p;
		project_init(&p);
		assert_int_equal(store_project_get(t, &ids[i], &p), STATUS_OK);
		if (filter_match(f, &w->db.cat, &p, w->today))
			assert_int_equal(rset_insert(r, t, &p, o), STATUS_OK);
		project_fini(&p);
	}
	store_txn_end(t);
	char what[128];
	snprintf(what, sizeof what, "'%s' after the changes", expr);
	assert_plain(w, r, f, o, what);
	filter_free(f);
}

static void move(struct world *w, uint32_t number, const char *phase)
{
	struct txn *t = NULL;
	struct project p;
	project_init(&p);
	assert_int_equal(store_read_begin(w->db.store, &t), STATUS_OK);
	assert_int_equal(store_project_by_number(t, number, &p), STATUS_OK);
	store_txn_end(t);
	struct move_request m = {.project = p.id, .reason = "test", .force = true};
	assert_int_equal(catalog_find_phase(&w->db.cat, phase, &m.to), STATUS_OK);
	struct buf why;
	buf_init(&why);
	enum status st = ops_move(w->db.store, &w->db.cat, &m, &why);
	if (st != STATUS_OK)
		fail_msg("move #%u to %s: %s %s", number, phase, status_detail(), why.data ? why.data : "");
	buf_fini(&why);
	project_fini(&p);
	test_db_reload_catalog(&w->db);
}

static void test_changes_apply_like_a_rebuild(void **state)
{
	struct world *w = *state;
	struct order_arg by_title = {BY_TITLE, &w->db.cat};
	struct rset_order title_rev = {key_of, &by_title, true};
	struct rset sichtung, all, titled;
	rset_init(&sichtung);
	rset_init(&all);
	rset_init(&titled);
	struct rset_stamp s;
	stamp(w, &s);
	build(w, &sichtung, "phase:sichtung", NULL);
	build(w, &all, "", NULL);
	build(w, &titled, "rep:no", &title_rev);
	assert_true(sichtung.n >= 2);
	uint32_t a = sichtung.v[0].number, b = sichtung.v[1].number;

	/* nothing in the history since: a reload of unknown cause builds anew */
	struct uuid *ids = NULL;
	size_t n = 0;
	struct rset_stamp s2 = s;
	assert_true(changes(w, &s2, &ids, &n));
	assert_null(ids);

	/* two moves: exactly those two projects, which leave Sichtung */
	move(w, a, "workshop");
	move(w, b, "konzeption");
	assert_false(changes(w, &s, &ids, &n));
	assert_int_equal(n, 2);
	apply(w, &sichtung, "phase:sichtung", NULL, ids, n);
	apply(w, &all, "", NULL, ids, n);
	apply(w, &titled, "rep:no", &title_rev, ids, n);
	assert_int_equal(rset_find(&sichtung, &ids[0]), sichtung.n);
	free(ids);

	/* and back: they return to their places */
	move(w, a, "sichtung");
	assert_false(changes(w, &s, &ids, &n));
	assert_int_equal(n, 1);
	apply(w, &sichtung, "phase:sichtung", NULL, ids, n);
	assert_int_equal(sichtung.v[0].number, a);
	free(ids);

	/* a change of the settings is not about one project: rebuild */
	struct settings next;
	settings_init(&next);
	settings_copy(&next, &w->db.cat.settings);
	next.gate_scope_phase = next.gate_scope_phase ? 0 : 2;
	bool changed = false;
	assert_int_equal(ops_settings_update(w->db.store, &next, &changed), STATUS_OK);
	settings_fini(&next);
	assert_true(changed);
	assert_true(changes(w, &s, &ids, &n));
	assert_null(ids);

	/* another day: late: and stale: may match others */
	move(w, a, "workshop");
	w->today++;
	assert_true(changes(w, &s, &ids, &n));
	w->today--;

	rset_fini(&sichtung);
	rset_fini(&all);
	rset_fini(&titled);
}

/* ---- the map --------------------------------------------------------------------- */

struct pass {
	struct txn *t;
	bool release;
	uint64_t sum;
	size_t n;
};

static int pass_cb(const struct project *p, void *arg)
{
	struct pass *x = arg;
	if (x->release)
		store_map_release(x->t);
	x->n++;
	x->sum = x->sum * 31 + p->number + (p->title ? strlen(p->title) : 0);
	return 0;
}

static struct pass scan(struct world *w, bool release, bool storage_order)
{
	struct pass x = {.release = release};
	assert_int_equal(store_read_begin(w->db.store, &x.t), STATUS_OK);
	if (storage_order)
		assert_int_equal(store_project_each_from(x.t, NULL, pass_cb, &x), STATUS_OK);
	else
		assert_int_equal(store_project_each(x.t, pass_cb, &x), STATUS_OK);
	store_txn_end(x.t);
	return x;
}

/* Giving the map's pages back in the middle of a scan (after every project,
 * with the cursor on its page) changes nothing read. */
static void test_map_release_keeps_reading(void **state)
{
	struct world *w = *state;
	for (int order = 0; order < 2; order++) {
		struct pass plain = scan(w, false, order), released = scan(w, true, order);
		assert_true(plain.n > 50);
		assert_int_equal(plain.n, released.n);
		assert_true(plain.sum == released.sum);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_build_matches_plain_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_and_phases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_build_phases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_matches_build, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_index_walks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_from, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_expected_field_256, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_apply_like_a_rebuild, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_release_keeps_reading, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
