/* test_check.c - findings over projects in a real LMDB store.
 *
 * Seven projects; the expected findings were worked out by hand from
 * DOMAIN.md's rules and check.h:
 *   #1 Umsetzung, 10000 (villages and cities), team Köln only, Pilotierung
 *      planned 2025-05-15 and not reached: not representative, late, parallel
 *      to #3 and #6;
 *   #2 Workshop, 10050+10052, Aachen as a plain member: not representative, no
 *      lead; shares 10052 with #4, which is in operation (no parallel work);
 *   #3 Sichtung, 10000+10001, representative: parallel to #6 on both services
 *      (its pair with #1 is reported on #1);
 *   #4 Betrieb, no team: closed, nothing to report;
 *   #5 Pausiert, 10001, no team: not representative and no lead, but paused
 *      projects do no parallel work and are never late;
 *   #6 Konzeption, 10000+10001, representative;
 *   #7 Abgebrochen, 10000, no team: nothing.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/check.h"
#include "ozgtui/filter.h"
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
	struct phase_list l;
	phase_list_default(&l);
	store_phases_put(t, &l);
	phase_list_fini(&l);
	struct settings st;
	settings_init(&st);
	store_settings_put(t, &st);
	settings_fini(&st);
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		struct organisation o;
		organisation_init(&o);
		o.id = org_id(orgs[i].name);
		o.name = xstrdup(orgs[i].name);
		o.kind = ORG_MUNICIPALITY;
		o.category = orgs[i].category;
		store_org_put(t, &o);
		organisation_fini(&o);
	}
	for (size_t i = 0; i < ARRAY_LEN(services); i++) {
		struct service s;
		service_init(&s);
		s.ozg_id = services[i].id;
		s.name = xstrdup(services[i].name);
		s.categories = services[i].mask;
		store_service_put(t, &s);
		service_fini(&s);
	}
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

struct fixture {
	char *dir;
	struct store *store;
	struct catalog cat;
	int32_t today;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = test_tmpdir();
	assert_int_equal(store_open(f->dir, STORE_CREATE, &f->store), STATUS_OK);
	enum status st = store_write(f->store, fill, NULL);
	if (st != STATUS_OK)
		fail_msg("fill: %s: %s", status_name(st), status_detail());
	struct txn *t;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	catalog_init(&f->cat);
	assert_int_equal(catalog_load(&f->cat, t), STATUS_OK);
	store_txn_end(t);
	assert_true(date_parse("2025-06-01", &f->today));
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

struct want {
	uint32_t number;
	enum finding_kind kind;
	const char *text;
	uint32_t other, service;
};

/* Runs the check with expr as filter and compares the findings in order. */
static void expect(struct fixture *fx, const char *expr, const struct want *want, size_t n)
{
	struct filter *filter = NULL;
	if (expr)
		assert_int_equal(filter_compile(expr, &fx->cat, &filter), STATUS_OK);
	struct findings out;
	findings_init(&out);
	struct txn *t;
	assert_int_equal(store_read_begin(fx->store, &t), STATUS_OK);
	enum status st = check_run(t, &fx->cat, filter, fx->today, &out);
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
		    f->service != want[i].service)
			fail_msg("'%s': finding %zu: #%u %s '%s' (other %u, service %u), want #%u %s '%s' "
				 "(other %u, service %u)",
				 expr ? expr : "", i, f->number, finding_kind_code(f->kind), f->text,
				 f->other_number, f->service, want[i].number,
				 finding_kind_code(want[i].kind), want[i].text, want[i].other,
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

static void test_all(void **state)
{
	static const struct want want[] = {
		{1, FINDING_NOT_REPRESENTATIVE, "missing: municipality", 0, 0},
		{1, FINDING_LATE, "planned Pilotierung 2025-05-15, not reached", 0, 0},
		{1, FINDING_PARALLEL, "service 10000 also in #3", 3, 10000},
		{1, FINDING_PARALLEL, "service 10000 also in #6", 6, 10000},
		{2, FINDING_NOT_REPRESENTATIVE, "missing: municipality", 0, 0},
		{2, FINDING_NO_LEAD, "no lead organisation", 0, 0},
		{3, FINDING_PARALLEL, "services 10000, 10001 also in #6", 6, 10000},
		{5, FINDING_NOT_REPRESENTATIVE, "missing: municipality, city", 0, 0},
		{5, FINDING_NO_LEAD, "no lead organisation", 0, 0},
	};
	expect(*state, NULL, want, ARRAY_LEN(want));
	expect(*state, "", want, ARRAY_LEN(want));
}

/* When the filter leaves out the lower-numbered project of a pair, the pair
 * is reported on the one that matches. */
static void test_filtered(void **state)
{
	static const struct want want[] = {
		{3, FINDING_PARALLEL, "service 10000 also in #1", 1, 10000},
		{3, FINDING_PARALLEL, "services 10000, 10001 also in #6", 6, 10000},
		{5, FINDING_NOT_REPRESENTATIVE, "missing: municipality, city", 0, 0},
		{5, FINDING_NO_LEAD, "no lead organisation", 0, 0},
		{6, FINDING_PARALLEL, "service 10000 also in #1", 1, 10000},
	};
	expect(*state, "number:3-7", want, ARRAY_LEN(want));

	static const struct want one[] = {
		{1, FINDING_NOT_REPRESENTATIVE, "missing: municipality", 0, 0},
		{1, FINDING_LATE, "planned Pilotierung 2025-05-15, not reached", 0, 0},
		{1, FINDING_PARALLEL, "service 10000 also in #3", 3, 10000},
		{1, FINDING_PARALLEL, "service 10000 also in #6", 6, 10000},
	};
	expect(*state, "phase:umsetzung", one, ARRAY_LEN(one));

	static const struct want six[] = {
		{6, FINDING_PARALLEL, "service 10000 also in #1", 1, 10000},
		{6, FINDING_PARALLEL, "services 10000, 10001 also in #3", 3, 10000},
	};
	expect(*state, "number:6", six, ARRAY_LEN(six));

	expect(*state, "number:4,7", NULL, 0);
	expect(*state, "phase:betrieb", NULL, 0);
}

/* A second run appends; the caller's earlier findings stay in front. */
static void test_appends(void **state)
{
	struct fixture *fx = *state;
	struct filter *filter;
	assert_int_equal(filter_compile("number:2", &fx->cat, &filter), STATUS_OK);
	struct findings out;
	findings_init(&out);
	struct txn *t;
	assert_int_equal(store_read_begin(fx->store, &t), STATUS_OK);
	assert_int_equal(check_run(t, &fx->cat, filter, fx->today, &out), STATUS_OK);
	assert_int_equal(out.n, 2);
	assert_int_equal(check_run(t, &fx->cat, filter, fx->today, &out), STATUS_OK);
	assert_int_equal(out.n, 4);
	assert_int_equal(out.v[2].kind, FINDING_NOT_REPRESENTATIVE);
	assert_int_equal(out.v[3].kind, FINDING_NO_LEAD);
	store_txn_end(t);
	findings_fini(&out);
	assert_int_equal(out.n, 0);
	findings_fini(NULL);
	filter_free(filter);
}

static void test_kind_names(void **state)
{
	(void)state;
	static const struct {
		enum finding_kind kind;
		const char *code, *label;
	} rows[] = {
		{FINDING_NOT_REPRESENTATIVE, "not-representative", "nicht repräsentativ"},
		{FINDING_LATE, "late", "verspätet"},
		{FINDING_PARALLEL, "parallel", "Parallelarbeit"},
		{FINDING_NO_LEAD, "no-lead", "ohne Federführung"},
		{FINDING_OVERDUE, "overdue", "Aufgabe überfällig"},
		{FINDING_BUNDLE_DRIFT, "bundle-drift", "Bündel driftet auseinander"},
	};
	assert_int_equal(ARRAY_LEN(rows), FINDING__COUNT);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		assert_string_equal(finding_kind_code(rows[i].kind), rows[i].code);
		assert_string_equal(finding_kind_label(rows[i].kind), rows[i].label);
	}
	assert_string_equal(finding_kind_code(FINDING__COUNT), "");
	assert_string_equal(finding_kind_label((enum finding_kind)-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_filtered),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_kind_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
