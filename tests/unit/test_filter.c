/* test_filter.c - the filter language against projects in a real LMDB store.
 *
 * Five projects are written (each in its own transaction at its own fixed
 * clock, so "stale:" has something to tell apart), the catalog is loaded, and
 * each row of the tables compiles an expression and lists the numbers of the
 * projects it matches. The expected sets were worked out by hand from the
 * project descriptions below and docs/filter.md.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define LT CAT_BIT(CAT_LARGE_TOWN)
#define C CAT_BIT(CAT_CITY)

enum { SICHTUNG = 1, WORKSHOP, ENTSCHEIDUNG, KONZEPTION, UMSETZUNG, PILOTIERUNG, ROLLOUT,
       BETRIEB, PAUSIERT, ABGEBROCHEN };

#define TODAY "2025-06-01"

static const struct {
	const char *name;
	enum org_kind kind;
	enum category category;
	const char *ags;
} orgs[] = {
	{"Köln, Stadt", ORG_MUNICIPALITY, CAT_CITY, "05315000"},
	{"Aachen, Stadt", ORG_MUNICIPALITY, CAT_CITY, "05334002"},
	{"Städteregion Aachen", ORG_COUNTY, CAT_COUNTY, "05334"},
	{"Bad Driburg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "05762004"},
	{"Bad Honnef, Stadt", ORG_MUNICIPALITY, CAT_MEDIUM_TOWN, "05382008"},
	{"krz Minden/Ravensberg-Lippe", ORG_PROVIDER, CAT_NONE, NULL},
	{"KRZN", ORG_PROVIDER, CAT_NONE, NULL},
};

static const struct {
	uint16_t number;
	const char *slug, *name;
} fields[] = {
	{2, "bauen_wohnen", "Bauen & Wohnen"},
	{6, "familie_kind", "Familie & Kind"},
	{8, "gesundheit", "Gesundheit"},
};

static const struct {
	uint32_t id;
	const char *name;
	uint16_t field;
	uint32_t mask;
} services[] = {
	{10000, "Elterngeld", 6, M | C},
	{10001, "Erklärung zur Vaterschafts-/Mutterschaftsanerkennung", 6, M | C},
	{10050, "Baugenehmigung", 2, LT | C},
	{10052, "Wohngeld", 2, 0},
	{10300, "Infektionsschutzbelehrung", 8, 0},
};

/* The projects, numbered 1-5 in this order. */
struct spec {
	const char *now;           /* clock of the writing transaction = updated */
	const char *title;
	uint16_t field;
	uint32_t services[3];
	uint8_t phase;
	const char *lead;
	const char *members[3];
	const char *interested[2];
	const char *components[3];
	uint8_t priority;
	const char *notes;
	bool demo;
	uint8_t plan_phase;
	const char *plan;
};

static const struct spec specs[] = {
	{"2025-05-30", "Elterngeld digital", 6, {10000}, UMSETZUNG, "Köln, Stadt",
	 {"Bad Driburg, Stadt"}, {"Aachen, Stadt"}, {"ePayBL", "Servicekonto.NRW"}, 5,
	 "Antrag online mit Bezahlfunktion", false, PILOTIERUNG, "2025-05-15"},
	{"2025-03-01", "Baugenehmigung online", 2, {10050, 10052}, WORKSHOP,
	 "krz Minden/Ravensberg-Lippe", {"Aachen, Stadt"}, {NULL}, {"Servicekonto.NRW"}, 3,
	 "Bauantrag", false, ENTSCHEIDUNG, "2025-09-01"},
	{"2025-05-20", "Wohngeld-Antrag", 2, {10052}, BETRIEB, "Bad Honnef, Stadt",
	 {"Köln, Stadt", "Bad Driburg, Stadt"}, {NULL}, {NULL}, 0, NULL, true, 0, NULL},
	{"2025-01-01", "Gesundheitszeugnis", 8, {10300}, SICHTUNG, NULL, {NULL}, {"KRZN"}, {NULL},
	 1, "Belehrung nach Infektionsschutzgesetz", false, 0, NULL},
	{"2025-05-31", "Vaterschaft anerkennen", 6, {10001}, PAUSIERT, "Aachen, Stadt",
	 {"Bad Driburg, Stadt"}, {NULL}, {"ePayBL"}, 2, NULL, true, 0, NULL},
};

static struct uuid org_id(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static enum status fill_reference(struct txn *t, void *arg)
{
	(void)arg;
	test_put_phases_settings(t);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		test_put_field(t, fields[i].number, fields[i].name, fields[i].slug);
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		struct organisation o;
		organisation_init(&o);
		o.id = org_id(orgs[i].name);
		o.name = xstrdup(orgs[i].name);
		o.kind = orgs[i].kind;
		o.category = orgs[i].category;
		o.ags = orgs[i].ags ? xstrdup(orgs[i].ags) : NULL;
		store_org_put(t, &o);
		organisation_fini(&o);
	}
	for (size_t i = 0; i < ARRAY_LEN(services); i++) {
		struct service s;
		service_init(&s);
		s.ozg_id = services[i].id;
		s.name = xstrdup(services[i].name);
		s.field = services[i].field;
		s.categories = services[i].mask;
		store_service_put(t, &s);
		service_fini(&s);
	}
	return store_txn_status(t);
}

static enum status write_project(struct txn *t, void *arg)
{
	const struct spec *s = arg;
	struct project p;
	project_init(&p);
	p.title = xstrdup(s->title);
	p.field = s->field;
	for (size_t i = 0; i < ARRAY_LEN(s->services) && s->services[i]; i++)
		project_add_service(&p, s->services[i]);
	p.phase = s->phase;
	if (s->lead) {
		struct uuid u = org_id(s->lead);
		project_set_member(&p, &u, ROLE_LEAD);
	}
	for (size_t i = 0; i < ARRAY_LEN(s->members) && s->members[i]; i++) {
		struct uuid u = org_id(s->members[i]);
		project_set_member(&p, &u, ROLE_MEMBER);
	}
	for (size_t i = 0; i < ARRAY_LEN(s->interested) && s->interested[i]; i++) {
		struct uuid u = org_id(s->interested[i]);
		project_add_interest(&p, &u);
	}
	for (size_t i = 0; i < ARRAY_LEN(s->components) && s->components[i]; i++)
		strv_push(&p.components, s->components[i]);
	p.priority = s->priority;
	p.notes = s->notes ? xstrdup(s->notes) : NULL;
	p.demo = s->demo;
	if (s->plan_phase) {
		struct phase_date *d = project_date(&p, s->plan_phase, true);
		assert_true(date_parse(s->plan, &d->planned));
	}
	enum status st = store_project_create(t, &p);
	project_fini(&p);
	return st;
}

struct fixture {
	char *dir;
	struct store *store;
	struct catalog cat;
	struct project projects[ARRAY_LEN(specs)];
	int32_t today;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = test_tmpdir();
	assert_int_equal(store_open(f->dir, STORE_CREATE, &f->store), STATUS_OK);
	assert_int_equal(store_write(f->store, fill_reference, NULL), STATUS_OK);
	for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
		setenv("OZGTUI_NOW", specs[i].now, 1);
		enum status st = store_write(f->store, write_project, (void *)&specs[i]);
		if (st != STATUS_OK)
			fail_msg("project %zu: %s: %s", i + 1, status_name(st), status_detail());
	}
	unsetenv("OZGTUI_NOW");

	struct txn *t;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	catalog_init(&f->cat);
	assert_int_equal(catalog_load(&f->cat, t), STATUS_OK);
	for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
		project_init(&f->projects[i]);
		assert_int_equal(store_project_by_number(t, (uint32_t)i + 1, &f->projects[i]), STATUS_OK);
		assert_string_equal(f->projects[i].title, specs[i].title);
	}
	store_txn_end(t);
	assert_true(date_parse(TODAY, &f->today));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < ARRAY_LEN(specs); i++)
		project_fini(&f->projects[i]);
	catalog_fini(&f->cat);
	store_close(f->store);
	test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* "1,3,5": the numbers of the projects f matches. */
static void matched(struct fixture *fx, const struct filter *f, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
		if (!filter_match(f, &fx->cat, &fx->projects[i], fx->today))
			continue;
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%u", len ? "," : "", (unsigned)fx->projects[i].number);
	}
}

static void test_matches(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *expr;
		const char *want;
	} rows[] = {
		{"", "1,2,3,4,5"},
		{"   ", "1,2,3,4,5"},
		/* phase: prefixes, several values OR-ed, one prefix may name several phases */
		{"phase:umsetzung", "1"},
		{"PHASE:Umsetzung", "1"},
		{"phase:umsetz,work", "1,2"},
		{"phase:p", "5"},                       /* Pilotierung and Pausiert */
		{"-phase:betrieb", "1,2,4,5"},
		{"phase:betrieb,pausiert,sichtung", "3,4,5"},
		/* field: number, slug, name prefix */
		{"field:bauen", "2,3"},
		{"field:6", "1,5"},
		{"field:familie_kind", "1,5"},
		{"field:familie,gesundheit", "1,4,5"},
		{"field:wohnen", "2,3"},
		/* organisations: AGS, name prefix of any word; all that fit */
		{"lead:köln", "1"},
		{"lead:KOLN", "1"},
		{"lead:05315000", "1"},
		{"lead:krz", "2"},
		{"lead:\"krz Minden\"", "2"},
		{"lead:aachen", "5"},
		{"lead:05334", ""},                     /* the Städteregion leads nothing */
		{"member:köln", "1,3"},
		{"member:driburg", "1,3,5"},
		{"member:\"bad driburg\",köln", "1,3,5"},
		{"member:krz", "2"},                    /* the lead is a member too */
		{"interest:aachen", "1"},
		{"interest:krzn", "4"},
		{"-lead:köln field:6", "5"},
		/* services: OZG id digits as a prefix, or name */
		{"service:10000", "1"},
		{"service:100", "1,2,3,5"},
		{"service:1005", "2,3"},
		{"service:wohngeld", "2,3"},
		{"service:eltern", "1"},
		{"service:vaterschaft,infektion", "4,5"},
		/* components: folded prefix of the component or of a word in it */
		{"component:epaybl", "1,5"},
		{"component:ePay", "1,5"},
		{"component:servicekonto", "1,2"},
		{"component:nrw", "1,2"},
		{"component:bundid", ""},
		{"-component:epaybl", "2,3,4"},
		/* priority */
		{"prio:5", "1"},
		{"prio:>=3", "1,2"},
		{"prio:>2", "1,2"},
		{"prio:<3", "4,5"},
		{"prio:<=2", "4,5"},
		{"prio:2-3", "2,5"},
		{"prio:none", "3"},
		{"prio:0", "3"},
		{"prio:0-1", "3,4"},
		{"prio:1,5", "1,4"},
		/* representativeness, lateness, staleness, demo */
		{"rep:no", "2,4"},
		{"rep:yes", "1,3,5"},
		{"-rep:yes", "2,4"},
		{"late:yes", "1"},
		{"late:no", "2,3,4,5"},
		{"late:yes,no", "1,2,3,4,5"},
		{"stale:>30", "2,4"},
		{"stale:<7", "1,5"},
		{"stale:10-20", "3"},
		{"stale:>=92", "2,4"},
		{"stale:>92", "4"},
		{"demo:yes", "3,5"},
		{"demo:no", "1,2,4"},
		/* numbers */
		{"number:3", "3"},
		{"number:2-4", "2,3,4"},
		{"number:#5", "5"},
		{"number:>3", "4,5"},
		{"number:1,5", "1,5"},
		/* free words: each must be in the title or the notes, folded */
		{"online", "1,2"},
		{"antrag", "1,2,3"},
		{"\"antrag online\"", "1"},
		{"antrag online", "1,2"},
		{"GESUNDHEIT", "4"},
		{"infektionsschutz", "4"},
		{"-antrag", "4,5"},
		{"Gesundheit -zeugnis", ""},
		/* combinations */
		{"field:familie -phase:pausiert prio:>=3", "1"},
		{"phase:umsetzung,betrieb member:driburg rep:yes", "1,3"},
		{"  field:bauen   rep:no  ", "2"},
	};
	char got[64];
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct filter *f = NULL;
		status_clear();
		enum status st = filter_compile(rows[i].expr, &fx->cat, &f);
		if (st != STATUS_OK)
			fail_msg("'%s': %s: %s", rows[i].expr, status_name(st), status_detail());
		matched(fx, f, got, sizeof got);
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("'%s': matched {%s}, want {%s}", rows[i].expr, got, rows[i].want);
		/* an index the filter names must hold every match */
		uint8_t only_phase = filter_only_phase(f);
		uint16_t only_field = filter_only_field(f);
		for (size_t k = 0; k < ARRAY_LEN(specs); k++) {
			if (!filter_match(f, &fx->cat, &fx->projects[k], fx->today))
				continue;
			if (only_phase && fx->projects[k].phase != only_phase)
				fail_msg("'%s': only phase %u, but #%zu matches", rows[i].expr, only_phase, k + 1);
			if (only_field && fx->projects[k].field != only_field)
				fail_msg("'%s': only field %u, but #%zu matches", rows[i].expr, only_field, k + 1);
		}
		filter_free(f);
	}
}

static void test_errors(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *expr;
		enum status st;
		const char *detail[2];
	} rows[] = {
		{"foo:bar", STATUS_USAGE, {"column 1:", "unknown key 'foo' (keys: phase, field,"}},
		{"phase:umsetzung bogus:1", STATUS_USAGE, {"column 17:", "unknown key 'bogus'"}},
		{"-foo:x", STATUS_USAGE, {"column 2:", "'foo'"}},
		{"Köln foo:x", STATUS_USAGE, {"column 6:", "'foo'"}},   /* columns count characters */
		{"http://example.org", STATUS_USAGE, {"column 1:", "'http'"}},
		{"phase:xyz", STATUS_DATA, {"column 7:", "unknown phase 'xyz' (phases: Sichtung,"}},
		{"phase:umsetzung,xyz", STATUS_DATA, {"column 17:", "'xyz'"}},
		{"lead:nirgendwo", STATUS_DATA, {"column 6:", "unknown organisation 'nirgendwo'"}},
		{"member:05999999", STATUS_DATA, {"column 8:", "'05999999'"}},
		{"field:gibtsnicht", STATUS_DATA, {"column 7:", "unknown topic field 'gibtsnicht'"}},
		{"field:13", STATUS_DATA, {"column 7:", "'13'"}},
		{"service:99", STATUS_DATA, {"column 9:", "unknown service '99'"}},
		{"service:hundesteuer", STATUS_DATA, {"column 9:", "'hundesteuer'"}},
		{"\"unbalanced", STATUS_USAGE, {"column 1:", "unbalanced quote"}},
		{"title \"open", STATUS_USAGE, {"column 7:", "unbalanced quote"}},
		{"lead:\"krz", STATUS_USAGE, {"column 6:", "unbalanced quote"}},
		{"prio:x", STATUS_USAGE, {"column 6:", "bad prio 'x'"}},
		{"prio:9", STATUS_USAGE, {"column 6:", "'9'"}},
		{"prio:3-1", STATUS_USAGE, {"column 6:", "'3-1'"}},
		{"prio:>=", STATUS_USAGE, {"column 6:", "'>='"}},
		{"number:x", STATUS_USAGE, {"column 8:", "bad number"}},
		{"stale:abc", STATUS_USAGE, {"column 7:", "bad stale"}},
		{"rep:maybe", STATUS_USAGE, {"column 5:", "yes or no"}},
		{"late:", STATUS_USAGE, {"column 6:", "empty value for 'late'"}},
		{"phase:", STATUS_USAGE, {"column 7:", "empty value for 'phase'"}},
		{"phase:umsetzung,,betrieb", STATUS_USAGE, {"column 17:", "empty value"}},
		{"phase:\"\"", STATUS_USAGE, {"column 7:", "empty value"}},
		{"-", STATUS_USAGE, {"column 1:", "empty term"}},
		{"ok \"\"", STATUS_USAGE, {"column 4:", "empty term"}},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct filter *f = (struct filter *)1;
		status_clear();
		enum status st = filter_compile(rows[i].expr, &fx->cat, &f);
		if (st != rows[i].st)
			fail_msg("'%s': %s (%s), want %s", rows[i].expr, status_name(st), status_detail(),
				 status_name(rows[i].st));
		assert_null(f);
		if (strncmp(status_detail(), "filter: ", 8) != 0)
			fail_msg("'%s': detail '%s' does not start with 'filter: '", rows[i].expr,
				 status_detail());
		for (size_t k = 0; k < 2 && rows[i].detail[k]; k++)
			if (!strstr(status_detail(), rows[i].detail[k]))
				fail_msg("'%s': detail '%s' lacks '%s'", rows[i].expr, status_detail(),
					 rows[i].detail[k]);
	}
}

static void test_only_index(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *expr;
		uint8_t phase;
		uint16_t field;
	} rows[] = {
		{"", 0, 0},
		{"phase:umsetzung", UMSETZUNG, 0},
		{"phase:umsetzung field:6", UMSETZUNG, 6},
		{"field:bauen rep:no", 0, 2},
		{"phase:umsetz,work", 0, 0},
		{"phase:p", 0, 0},                  /* one value, two phases */
		{"-phase:betrieb", 0, 0},
		{"-field:6", 0, 0},
		{"field:familie,bauen", 0, 0},
		{"-phase:betrieb phase:sichtung", SICHTUNG, 0},
		{"phase:betrieb,betrieb", BETRIEB, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct filter *f;
		assert_int_equal(filter_compile(rows[i].expr, &fx->cat, &f), STATUS_OK);
		if (filter_only_phase(f) != rows[i].phase || filter_only_field(f) != rows[i].field)
			fail_msg("'%s': only phase %u field %u, want %u %u", rows[i].expr,
				 filter_only_phase(f), filter_only_field(f), rows[i].phase, rows[i].field);
		filter_free(f);
	}
}

static void test_empty(void **state)
{
	struct fixture *fx = *state;
	struct filter *f;
	assert_int_equal(filter_compile(NULL, &fx->cat, &f), STATUS_OK);
	assert_true(filter_is_empty(f));
	assert_true(filter_match(f, &fx->cat, &fx->projects[0], fx->today));
	filter_free(f);
	assert_int_equal(filter_compile(" \t ", &fx->cat, &f), STATUS_OK);
	assert_true(filter_is_empty(f));
	filter_free(f);
	assert_int_equal(filter_compile("x", &fx->cat, &f), STATUS_OK);
	assert_false(filter_is_empty(f));
	filter_free(f);
	/* NULL filters match everything and name no index */
	assert_true(filter_is_empty(NULL));
	assert_true(filter_match(NULL, &fx->cat, &fx->projects[0], fx->today));
	assert_int_equal(filter_only_phase(NULL), 0);
	assert_int_equal(filter_only_field(NULL), 0);
	filter_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_only_index),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
