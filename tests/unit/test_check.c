/* test_check.c - findings over projects in a real LMDB store.
 *
 * Seven projects; the expected findings were worked out by hand from
 * DOMAIN.md's rules and check.h:
 *   #1 Umsetzung, 10000 (villages and cities), team Köln only, Pilotierung
 *      planned 2025-05-15 and not reached: not representative, late, parallel
 *      work with #3 and #6 (one finding naming both);
 *   #2 Workshop, 10050+10052, Aachen as a plain member: not representative, no
 *      lead; shares 10052 with #4, which is in operation (no parallel work);
 *   #3 Sichtung, 10000+10001, representative: parallel work with #1 and #6;
 *   #4 Betrieb, no team: closed, nothing to report;
 *   #5 Pausiert, 10001, no team: not representative and no lead, but paused
 *      projects do no parallel work and are never late;
 *   #6 Konzeption, 10000+10001, representative: parallel work with #1 and #3;
 *   #7 Abgebrochen, 10000, no team: nothing.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/check.h"
#include "ozgtui/filter.h"
#include "ozgtui/i18n.h"
#include "ozgtui/rules.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define LT CAT_BIT(CAT_LARGE_TOWN)
#define C CAT_BIT(CAT_CITY)

enum { SICHTUNG = 1, WORKSHOP, ENTSCHEIDUNG, KONZEPTION, UMSETZUNG, PILOTIERUNG, ROLLOUT,
       BETRIEB, PAUSIERT, ABGEBROCHEN };

static const struct {
	const char *name;
	enum category category;
} orgs[] = {
	{"Köln, Stadt", CAT_CITY},
	{"Aachen, Stadt", CAT_CITY},
	{"Bad Driburg, Stadt", CAT_MUNICIPALITY},
};

static const struct {
	uint32_t id;
	const char *name;
	uint32_t mask;
} services[] = {
	{10000, "Elterngeld", M | C},
	{10001, "Vaterschaftsanerkennung", M | C},
	{10050, "Baugenehmigung", LT | C},
	{10052, "Wohngeld", 0},
};

struct spec {
	uint8_t phase;
	uint32_t services[3];
	const char *lead;
	const char *members[2];
	uint8_t plan_phase;
	const char *plan;
	uint16_t field;
};

static const struct spec specs[] = {
	{UMSETZUNG, {10000}, "Köln, Stadt", {NULL}, PILOTIERUNG, "2025-05-15", 6},
	{WORKSHOP, {10050, 10052}, NULL, {"Aachen, Stadt"}, 0, NULL, 2},
	{SICHTUNG, {10000, 10001}, "Bad Driburg, Stadt", {"Köln, Stadt"}, 0, NULL, 6},
	{BETRIEB, {10050, 10052}, NULL, {NULL}, ROLLOUT, "2024-01-01", 2},
	{PAUSIERT, {10001}, NULL, {NULL}, UMSETZUNG, "2025-01-01", 6},
	{KONZEPTION, {10001, 10000}, "Köln, Stadt", {"Bad Driburg, Stadt"}, UMSETZUNG, "2025-12-01", 6},
	{ABGEBROCHEN, {10000}, NULL, {NULL}, 0, NULL, 6},
};

static struct uuid org_id(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static enum status fill(struct txn *t, void *arg)
{
	(void)arg;
	test_put_phases_settings(t);
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++)
		test_put_org(t, orgs[i].name, ORG_MUNICIPALITY, orgs[i].category);
	for (size_t i = 0; i < ARRAY_LEN(services); i++)
		test_put_service(t, services[i].id, services[i].name, 0, services[i].mask);
	for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
		const struct spec *sp = &specs[i];
		struct project p;
		project_init(&p);
		p.title = xasprintf("Projekt %zu", i + 1);
		p.phase = sp->phase;
		p.field = sp->field;
		for (size_t k = 0; k < ARRAY_LEN(sp->services) && sp->services[k]; k++)
			project_add_service(&p, sp->services[k]);
		if (sp->lead) {
			struct uuid u = org_id(sp->lead);
			project_set_member(&p, &u, ROLE_LEAD);
		}
		for (size_t k = 0; k < ARRAY_LEN(sp->members) && sp->members[k]; k++) {
			struct uuid u = org_id(sp->members[k]);
			project_set_member(&p, &u, ROLE_MEMBER);
		}
		if (sp->plan_phase) {
			struct phase_date *d = project_date(&p, sp->plan_phase, true);
			date_parse(sp->plan, &d->planned);
		}
		store_project_create(t, &p);
		project_fini(&p);
	}
	return store_txn_status(t);
}

/* Both groups' fixture: the database their fill wrote and the day the
 * checks take as today. */
struct fixture {
	struct test_db db;
	int32_t today;
};

static int open_fixture(void **state, enum status (*fill_db)(struct txn *t, void *arg))
{
	struct fixture *f = xcalloc(1, sizeof *f);
	test_db_open(&f->db, fill_db, NULL);
	assert_true(date_parse("2025-06-01", &f->today));
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return open_fixture(state, fill);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_db_close(&f->db);
	free(f);
	return 0;
}

struct want {
	uint32_t number;
	enum finding_kind kind;
	const char *text;
	uint32_t other, service, n_others;
};

/* Runs the check with expr as filter and compares the findings in order.
 * The texts for people are the plain ones here: the test runs in the C locale
 * (no catalog, ISO dates), so this also checks that the msgids are the plain
 * texts. */
static void expect_texts(struct fixture *fx, const char *expr, const struct want *want, size_t n,
			 enum check_texts texts)
{
	struct filter *filter = NULL;
	if (expr)
		assert_int_equal(filter_compile(expr, &fx->db.cat, &filter), STATUS_OK);
	struct findings out;
	findings_init(&out);
	struct txn *t;
	assert_int_equal(store_read_begin(fx->db.store, &t), STATUS_OK);
	enum status st = check_run(t, &fx->db.cat, filter, fx->today, texts, &out);
	if (st != STATUS_OK)
		fail_msg("check_run: %s: %s", status_name(st), status_detail());

	for (size_t i = 0; i < out.n || i < n; i++) {
		if (i >= out.n)
			fail_msg("'%s': finding %zu missing: #%u %s '%s'", expr ? expr : "", i,
				 want[i].number, finding_kind_code(want[i].kind), want[i].text);
		const struct finding *f = &out.v[i];
		if (i >= n)
			fail_msg("'%s': unexpected finding %zu: #%u %s '%s'", expr ? expr : "", i,
				 f->number, finding_kind_code(f->kind), f->text);
		if (f->number != want[i].number || f->kind != want[i].kind ||
		    strcmp(f->text, want[i].text) != 0 || f->other_number != want[i].other ||
		    f->service != want[i].service || f->n_others != want[i].n_others)
			fail_msg("'%s': finding %zu: #%u %s '%s' (other %u of %u, service %u), want #%u %s '%s' "
				 "(other %u of %u, service %u)",
				 expr ? expr : "", i, f->number, finding_kind_code(f->kind), f->text,
				 f->other_number, f->n_others, f->service, want[i].number,
				 finding_kind_code(want[i].kind), want[i].text, want[i].other, want[i].n_others,
				 want[i].service);
		/* the finding names its project */
		struct project p;
		project_init(&p);
		assert_int_equal(store_project_get(t, &f->project, &p), STATUS_OK);
		assert_int_equal(p.number, f->number);
		assert_int_equal(p.field, f->field);
		project_fini(&p);
	}
	store_txn_end(t);
	findings_fini(&out);
	filter_free(filter);
}

static void expect(struct fixture *fx, const char *expr, const struct want *want, size_t n)
{
	expect_texts(fx, expr, want, n, CHECK_TEXTS_PLAIN);
	expect_texts(fx, expr, want, n, CHECK_TEXTS_PEOPLE);
}

static void test_all(void **state)
{
	static const struct want want[] = {
		{1, FINDING_NOT_REPRESENTATIVE, "missing: municipality", 0, 0, 0},
		{1, FINDING_LATE, "planned Pilotierung 2025-05-15, not reached", 0, 0, 0},
		{1, FINDING_PARALLEL, "service 10000 also in #3, #6", 3, 10000, 2},
		{2, FINDING_NOT_REPRESENTATIVE, "missing: municipality", 0, 0, 0},
		{2, FINDING_NO_LEAD, "no lead organisation", 0, 0, 0},
		{3, FINDING_PARALLEL, "services 10000, 10001 also in #1, #6", 1, 10000, 2},
		{5, FINDING_NOT_REPRESENTATIVE, "missing: municipality, city", 0, 0, 0},
		{5, FINDING_NO_LEAD, "no lead organisation", 0, 0, 0},
		{6, FINDING_PARALLEL, "services 10000, 10001 also in #1, #3", 1, 10000, 2},
	};
	expect(*state, NULL, want, ARRAY_LEN(want));
	expect(*state, "", want, ARRAY_LEN(want));
}

/* A filter chooses the projects reported on; their partners are every active
 * project, matching or not. phase: and field: filters read only the indexes'
 * candidates and find the partners through the indexes. */
static void test_filtered(void **state)
{
	static const struct want want[] = {
		{3, FINDING_PARALLEL, "services 10000, 10001 also in #1, #6", 1, 10000, 2},
		{5, FINDING_NOT_REPRESENTATIVE, "missing: municipality, city", 0, 0, 0},
		{5, FINDING_NO_LEAD, "no lead organisation", 0, 0, 0},
		{6, FINDING_PARALLEL, "services 10000, 10001 also in #1, #3", 1, 10000, 2},
	};
	expect(*state, "number:3-7", want, ARRAY_LEN(want));

	static const struct want one[] = {
		{1, FINDING_NOT_REPRESENTATIVE, "missing: municipality", 0, 0, 0},
		{1, FINDING_LATE, "planned Pilotierung 2025-05-15, not reached", 0, 0, 0},
		{1, FINDING_PARALLEL, "service 10000 also in #3, #6", 3, 10000, 2},
	};
	expect(*state, "phase:umsetzung", one, ARRAY_LEN(one));

	static const struct want six[] = {
		{6, FINDING_PARALLEL, "services 10000, 10001 also in #1, #3", 1, 10000, 2},
	};
	expect(*state, "number:6", six, ARRAY_LEN(six));
	expect(*state, "phase:konzeption", six, ARRAY_LEN(six));

	expect(*state, "number:4,7", NULL, 0);
	expect(*state, "phase:betrieb", NULL, 0);
}

/* A second run appends; the caller's earlier findings stay in front. */
static void test_appends(void **state)
{
	struct fixture *fx = *state;
	struct filter *filter;
	assert_int_equal(filter_compile("number:2", &fx->db.cat, &filter), STATUS_OK);
	struct findings out;
	findings_init(&out);
	struct txn *t;
	assert_int_equal(store_read_begin(fx->db.store, &t), STATUS_OK);
	assert_int_equal(check_run(t, &fx->db.cat, filter, fx->today, CHECK_TEXTS_PLAIN, &out), STATUS_OK);
	assert_int_equal(out.n, 2);
	assert_int_equal(check_run(t, &fx->db.cat, filter, fx->today, CHECK_TEXTS_PLAIN, &out), STATUS_OK);
	assert_int_equal(out.n, 4);
	assert_int_equal(out.v[2].kind, FINDING_NOT_REPRESENTATIVE);
	assert_int_equal(out.v[3].kind, FINDING_NO_LEAD);
	store_txn_end(t);
	findings_fini(&out);
	assert_int_equal(out.n, 0);
	findings_fini(NULL);
	filter_free(filter);
}

/* ---- many projects: the counting against brute force ------------------------ */

static uint32_t rng_state;

static uint32_t rng(uint32_t below)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % below;
}

/* 90 projects over 12 services (1-4 each, every 13th 9-11 of them: more than
 * the inclusion–exclusion takes), in random phases and two fields. */
static enum status many_fill(struct txn *t, void *arg)
{
	(void)arg;
	char name[32], slug[16];
	test_put_phases_settings(t);
	for (uint16_t n = 1; n <= 2; n++) {
		snprintf(name, sizeof name, "Feld %u", n);
		snprintf(slug, sizeof slug, "feld%u", n);
		test_put_field(t, n, name, slug);
	}
	for (uint32_t i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "Leistung %u", i);
		test_put_service(t, 20000 + i, name, 0, M | C);
	}
	rng_state = 7;
	for (int i = 0; i < 90; i++) {
		struct project p;
		project_init(&p);
		p.title = xasprintf("Projekt %d", i + 1);
		p.phase = (uint8_t)(1 + rng(10));
		p.field = (uint16_t)(1 + rng(2));
		if (i % 13 == 0) {
			uint32_t first = rng(12);
			for (uint32_t n = 0, k = 9 + rng(3); n < k; n++)
				project_add_service(&p, 20000 + (first + n) % 12);
		} else {
			for (uint32_t n = 0, k = 1 + rng(4); n < k; n++)
				project_add_service(&p, 20000 + rng(12));
		}
		store_project_create(t, &p);
		project_fini(&p);
	}
	return store_txn_status(t);
}

static int many_setup(void **state)
{
	return open_fixture(state, many_fill);
}

struct all_projects {
	struct project v[100];
	size_t n;
};

static int grab(const struct project *p, void *arg)
{
	struct all_projects *a = arg;
	assert_true(a->n < ARRAY_LEN(a->v));
	project_init(&a->v[a->n]);
	project_copy(&a->v[a->n++], p);
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The parallel finding of p worked out pair by pair, or NULL when none. */
static char *brute_parallel(const struct fixture *m, const struct all_projects *a, const struct project *p,
			    uint32_t *other, uint32_t *n_others, uint32_t *service)
{
	uint32_t nums[100], svcs[16];
	size_t n = 0, ns = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct project *q = &a->v[i];
		if (!rules_parallel(&m->db.cat.phases, p, q))
			continue;
		bool shares = false;
		for (size_t k = 0; k < p->n_services; k++) {
			if (!project_has_service(q, p->services[k]))
				continue;
			shares = true;
			bool dup = false;
			for (size_t x = 0; x < ns; x++)
				dup = dup || svcs[x] == p->services[k];
			if (!dup)
				svcs[ns++] = p->services[k];
		}
		if (shares)
			nums[n++] = q->number;
	}
	if (!n)
		return NULL;
	qsort(nums, n, sizeof *nums, cmp_u32);
	qsort(svcs, ns, sizeof *svcs, cmp_u32);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, ns == 1 ? "service " : "services ");
	for (size_t i = 0; i < ns; i++)
		buf_printf(&b, "%s%u", i ? ", " : "", (unsigned)svcs[i]);
	buf_puts(&b, " also in ");
	for (size_t i = 0; i < n && i < 3; i++)
		buf_printf(&b, "%s#%u", i ? ", " : "", (unsigned)nums[i]);
	if (n > 3)
		buf_printf(&b, " +%zu more", n - 3);
	*other = nums[0];
	*n_others = (uint32_t)n;
	*service = svcs[0];
	char *s = buf_steal(&b);
	buf_fini(&b);
	return s;
}

static void many_expect(struct fixture *m, const char *expr)
{
	struct filter *filter = NULL;
	if (expr)
		assert_int_equal(filter_compile(expr, &m->db.cat, &filter), STATUS_OK);
	struct txn *t;
	assert_int_equal(store_read_begin(m->db.store, &t), STATUS_OK);
	struct all_projects *a = xcalloc(1, sizeof *a);
	assert_int_equal(store_project_each(t, grab, a), STATUS_OK);
	struct findings out;
	findings_init(&out);
	assert_int_equal(check_run(t, &m->db.cat, filter, m->today, CHECK_TEXTS_PLAIN, &out), STATUS_OK);
	size_t got = 0, want = 0, more = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct project *p = &a->v[i];
		uint32_t other = 0, n_others = 0, service = 0;
		char *text = filter_match(filter, &m->db.cat, p, m->today)
				     ? brute_parallel(m, a, p, &other, &n_others, &service)
				     : NULL;
		const struct finding *f = NULL;
		for (size_t k = 0; k < out.n && !f; k++)
			if (out.v[k].kind == FINDING_PARALLEL && out.v[k].number == p->number)
				f = &out.v[k];
		if (!text && f)
			fail_msg("'%s': #%u: unexpected '%s'", expr ? expr : "", p->number, f->text);
		if (text && !f)
			fail_msg("'%s': #%u: missing '%s'", expr ? expr : "", p->number, text);
		if (text) {
			if (strcmp(f->text, text) != 0 || f->other_number != other || f->n_others != n_others ||
			    f->service != service)
				fail_msg("'%s': #%u: '%s' (%u of %u, service %u), want '%s' (%u of %u, service %u)",
					 expr ? expr : "", p->number, f->text, f->other_number, f->n_others, f->service,
					 text, other, n_others, service);
			want++;
			more += strstr(text, " more") != NULL;
		}
		free(text);
	}
	for (size_t k = 0; k < out.n; k++)
		got += out.v[k].kind == FINDING_PARALLEL;
	assert_int_equal(got, want);
	assert_true(want > 0);
	if (!expr)
		assert_true(more > 0);   /* the "+N more" form is exercised */
	for (size_t i = 0; i < a->n; i++)
		project_fini(&a->v[i]);
	free(a);
	findings_fini(&out);
	store_txn_end(t);
	filter_free(filter);
}

/* One finding per project, its partners counted exactly: over all projects
 * (inclusion–exclusion, and merging for projects of many services), with a
 * filter read in full, and with phase and field filters read through the
 * indexes. */
static void test_parallel_counts(void **state)
{
	struct fixture *m = *state;
	many_expect(m, NULL);
	many_expect(m, "number:1-45");
	many_expect(m, "phase:umsetzung");
	many_expect(m, "field:2");
	many_expect(m, "field:1 phase:konzeption,sichtung");
}

/* The job in steps of one item, each in a transaction of its own, finds what
 * check_run finds; counting only, it counts the same per field and kind. */
static void test_steps(void **state)
{
	struct fixture *m = *state;
	const char *exprs[] = {NULL, "phase:umsetzung", "number:10-60"};
	for (size_t e = 0; e < ARRAY_LEN(exprs); e++) {
		struct filter *filter = NULL;
		if (exprs[e])
			assert_int_equal(filter_compile(exprs[e], &m->db.cat, &filter), STATUS_OK);
		struct txn *t;
		struct findings once;
		findings_init(&once);
		assert_int_equal(store_read_begin(m->db.store, &t), STATUS_OK);
		assert_int_equal(check_run(t, &m->db.cat, filter, m->today, CHECK_TEXTS_PLAIN, &once), STATUS_OK);
		store_txn_end(t);

		for (int texts = 0; texts <= 1; texts++) {
			struct check_job *j = check_job_new(&m->db.cat, filter, m->today,
								    texts ? CHECK_TEXTS_PLAIN : CHECK_TEXTS_NONE);
			bool done = false;
			size_t steps = 0;
			while (!done) {
				assert_int_equal(store_read_begin(m->db.store, &t), STATUS_OK);
				assert_int_equal(check_job_step(j, t, 1, &done), STATUS_OK);
				store_txn_end(t);
				steps++;
			}
			/* one project per step (the phase filter reads only a few) */
			assert_true(steps > (e == 1 ? 3u : 90u));
			assert_int_equal(check_job_total(j), once.n);
			for (uint16_t field = 0; field <= 2; field++) {
				for (int k = 0; k < FINDING__COUNT; k++) {
					uint32_t n = 0;
					for (size_t i = 0; i < once.n; i++)
						n += once.v[i].field == field && once.v[i].kind == (enum finding_kind)k;
					assert_int_equal(check_job_count(j, field, (enum finding_kind)k), n);
				}
			}
			for (int k = 0; k < FINDING__COUNT; k++) {
				uint32_t n = 0;
				for (size_t i = 0; i < once.n; i++)
					n += once.v[i].kind == (enum finding_kind)k;
				assert_int_equal(check_job_kind_total(j, (enum finding_kind)k), n);
			}
			if (texts) {
				struct findings stepped;
				findings_init(&stepped);
				check_job_take(j, &stepped);
				assert_int_equal(stepped.n, once.n);
				for (size_t i = 0; i < once.n; i++) {
					assert_int_equal(stepped.v[i].number, once.v[i].number);
					assert_int_equal(stepped.v[i].kind, once.v[i].kind);
					assert_string_equal(stepped.v[i].text, once.v[i].text);
				}
				findings_fini(&stepped);
			}
			check_job_free(j);
		}
		findings_fini(&once);
		filter_free(filter);
	}
}

static void test_kind_names(void **state)
{
	(void)state;
	static const struct {
		enum finding_kind kind;
		const char *code, *label;
	} rows[] = {
		{FINDING_NOT_REPRESENTATIVE, "not-representative", "not representative"},
		{FINDING_LATE, "late", "late"},
		{FINDING_PARALLEL, "parallel", "parallel work"},
		{FINDING_NO_LEAD, "no-lead", "no lead organisation"},
		{FINDING_OVERDUE, "overdue", "action item overdue"},
		{FINDING_BUNDLE_DRIFT, "bundle-drift", "bundle drifting apart"},
	};
	assert_int_equal(ARRAY_LEN(rows), FINDING__COUNT);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		assert_string_equal(finding_kind_code(rows[i].kind), rows[i].code);
		assert_string_equal(finding_kind_label(rows[i].kind), rows[i].label);
	}
	assert_string_equal(finding_kind_code(FINDING__COUNT), "");
	assert_string_equal(finding_kind_label((enum finding_kind)-1), "");
	/* translated: with the build's catalogs (meson passes OZGTUI_LOCALEDIR) */
	if (getenv("OZGTUI_LOCALEDIR")) {
		setenv("LANGUAGE", "de", 1);
		i18n_init(NULL);
		assert_string_equal(finding_kind_label(FINDING_PARALLEL), "Parallelarbeit");
		assert_string_equal(finding_kind_label(FINDING_NOT_REPRESENTATIVE), "nicht repräsentativ");
		assert_string_equal(finding_kind_code(FINDING_PARALLEL), "parallel");
		setenv("LANGUAGE", "en", 1);
		textdomain(textdomain(NULL));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_filtered),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_kind_names),
	};
	const struct CMUnitTest many[] = {
		cmocka_unit_test(test_parallel_counts),
		cmocka_unit_test(test_steps),
	};
	int failed = cmocka_run_group_tests(tests, setup, teardown);
	return failed + cmocka_run_group_tests(many, many_setup, teardown);
}
