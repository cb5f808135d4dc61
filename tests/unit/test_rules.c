/* test_rules.c - every rule of rules.h, table-driven.
 *
 * Expected values come from DOMAIN.md's wording of each rule, worked out by hand
 * for each row; the catalog is built in memory (rules never touch the store).
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/model.h"
#include "ozgtui/rules.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define MT CAT_BIT(CAT_MEDIUM_TOWN)
#define LT CAT_BIT(CAT_LARGE_TOWN)
#define C CAT_BIT(CAT_CITY)
#define K CAT_BIT(CAT_COUNTY)

/* Phase ids of phase_list_default(). */
enum {
	SICHTUNG = 1, WORKSHOP, ENTSCHEIDUNG, KONZEPTION, UMSETZUNG, PILOTIERUNG, ROLLOUT,
	BETRIEB, PAUSIERT, ABGEBROCHEN
};

/* rules_required_categories */

static void test_required_categories(void **state)
{
	(void)state;
	static const struct {
		uint32_t delivering;
		enum rep_policy policy;
		uint32_t required;
	} rows[] = {
		{M | C, REP_SPAN, M | C},                 /* the seed: village and city */
		{M | MT | LT | C, REP_SPAN, M | C},       /* only the two ends */
		{MT | LT, REP_SPAN, MT | LT},
		{MT | LT | C, REP_SPAN, MT | C},
		{LT, REP_SPAN, LT},                       /* one category: one bit */
		{C, REP_SPAN, C},
		{M | C | K, REP_SPAN, M | C | K},         /* a delivering county is required */
		{M | MT | K, REP_SPAN, M | MT | K},
		{K, REP_SPAN, K},
		{0, REP_SPAN, 0},
		{CAT_DEFAULT_DELIVERY, REP_SPAN, M | C},
		{M | MT | LT | C, REP_ALL, M | MT | LT | C},
		{MT | C | K, REP_ALL, MT | C | K},
		{LT, REP_ALL, LT},
		{0, REP_ALL, 0},
		/* bits that are no category are ignored */
		{M | C | CAT_BIT(0) | CAT_BIT(6), REP_SPAN, M | C},
		{M | CAT_BIT(0) | CAT_BIT(7), REP_ALL, M},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint32_t got = rules_required_categories(rows[i].delivering, rows[i].policy);
		if (got != rows[i].required)
			fail_msg("row %zu: delivering %#x policy %d: required %#x, want %#x", i,
				 rows[i].delivering, rows[i].policy, got, rows[i].required);
	}
}

/* rules_team_verdict */

static void test_team_verdict(void **state)
{
	(void)state;
	static const struct {
		uint32_t delivering, present;
		enum rep_policy policy;
		bool representative;
		uint32_t missing;
	} rows[] = {
		/* the seed: delivered by villages and cities, a team of cities */
		{M | C, C, REP_SPAN, false, M},
		{M | C, C | M, REP_SPAN, true, 0},
		/* a medium town is not the village end */
		{M | C, C | MT, REP_SPAN, false, M},
		{M | C, 0, REP_SPAN, false, M | C},
		{M | MT | LT | C, M | C, REP_SPAN, true, 0},
		{M | MT | LT | C, M | LT, REP_SPAN, false, C},
		/* more than required is fine */
		{LT, M | MT | LT | C | K, REP_SPAN, true, 0},
		/* county delivery */
		{M | C | K, M | C, REP_SPAN, false, K},
		{M | C | K, M | C | K, REP_SPAN, true, 0},
		{K, C, REP_SPAN, false, K},
		/* policy all */
		{M | MT | LT | C, M | C, REP_ALL, false, MT | LT},
		{M | MT | LT | C, M | MT | LT | C, REP_ALL, true, 0},
		{MT | K, MT, REP_ALL, false, K},
		/* nobody delivers: nothing required */
		{0, 0, REP_SPAN, true, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct team_verdict v = rules_team_verdict(rows[i].delivering, rows[i].present,
							   rows[i].policy);
		if (v.representative != rows[i].representative || v.missing != rows[i].missing)
			fail_msg("row %zu: representative %d missing %#x, want %d %#x", i,
				 v.representative, v.missing, rows[i].representative, rows[i].missing);
		assert_int_equal(v.missing, v.required & ~v.present);
		assert_int_equal(v.present, rows[i].present);
	}
}

/* An in-memory catalog with a few organisations and services. */

struct org_spec {
	const char *name;
	enum org_kind kind;
	enum category category;
	uint32_t population;
};

static const struct org_spec orgs[] = {
	{"Großstadt A", ORG_MUNICIPALITY, CAT_CITY, 600000},
	{"Großstadt B", ORG_MUNICIPALITY, CAT_CITY, 300000},
	{"Großstadt C", ORG_MUNICIPALITY, CAT_CITY, 450000},
	{"Dorf Eins", ORG_MUNICIPALITY, CAT_MUNICIPALITY, 9000},
	{"Dorf Zwei", ORG_MUNICIPALITY, CAT_MUNICIPALITY, 4000},
	{"Dorf Drei", ORG_MUNICIPALITY, CAT_MUNICIPALITY, 12000},
	{"Dorf Vier", ORG_MUNICIPALITY, CAT_MUNICIPALITY, 6000},
	{"Dorf Fünf", ORG_MUNICIPALITY, CAT_MUNICIPALITY, 6000},
	{"Mittelstadt", ORG_MUNICIPALITY, CAT_MEDIUM_TOWN, 30000},
	{"Große Stadt", ORG_MUNICIPALITY, CAT_LARGE_TOWN, 80000},
	{"Kreis Eins", ORG_COUNTY, CAT_COUNTY, 300000},
	{"Rechenzentrum", ORG_PROVIDER, CAT_NONE, 0},
	{"Ministerium", ORG_MINISTRY, CAT_NONE, 0},
};

static struct uuid org_id(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static int org_cmp(const void *a, const void *b)
{
	return uuid_cmp(&((const struct organisation *)a)->id, &((const struct organisation *)b)->id);
}

enum { SVC_VILLAGE_CITY = 10000, SVC_DEFAULT = 10001, SVC_COUNTY = 10002, SVC_MEDIUM = 10003 };

static void add_service(struct catalog *c, uint32_t id, uint32_t mask)
{
	c->services = xrealloc(c->services, (c->n_services + 1) * sizeof *c->services);
	struct service *s = &c->services[c->n_services++];
	service_init(s);
	s->ozg_id = id;
	s->name = xasprintf("Leistung %u", (unsigned)id);
	s->categories = mask;
}

static int setup_catalog(void **state)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	catalog_init(c);
	phase_list_default(&c->phases);
	c->settings.rep_policy = REP_SPAN;
	c->orgs = xcalloc(ARRAY_LEN(orgs), sizeof *c->orgs);
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		struct organisation *o = &c->orgs[c->n_orgs++];
		organisation_init(o);
		o->id = org_id(orgs[i].name);
		o->name = xstrdup(orgs[i].name);
		o->kind = orgs[i].kind;
		o->category = orgs[i].category;
		o->population = orgs[i].population;
	}
	qsort(c->orgs, c->n_orgs, sizeof *c->orgs, org_cmp);
	/* ascending OZG ids, as catalog_service's bsearch needs */
	add_service(c, SVC_VILLAGE_CITY, M | C);
	add_service(c, SVC_DEFAULT, 0);
	add_service(c, SVC_COUNTY, K);
	add_service(c, SVC_MEDIUM, MT);
	c->municipalities_per_category[CAT_MUNICIPALITY] = 207;
	c->municipalities_per_category[CAT_MEDIUM_TOWN] = 132;
	c->municipalities_per_category[CAT_LARGE_TOWN] = 35;
	c->municipalities_per_category[CAT_CITY] = 22;
	*state = c;
	return 0;
}

static int teardown_catalog(void **state)
{
	struct catalog *c = *state;
	catalog_fini(c);
	free(c);
	return 0;
}

/* A project from a compact description: services ending in 0, team names
 * ending in NULL (first is the lead). */
static void make_project(struct project *p, const uint32_t *services, const char *const *team)
{
	project_init(p);
	p->title = xstrdup("Testprojekt");
	uuid_from_name(&p->id, "project");
	for (; services && *services; services++)
		project_add_service(p, *services);
	for (size_t i = 0; team && team[i]; i++) {
		struct uuid u = org_id(team[i]);
		project_set_member(p, &u, i == 0 ? ROLE_LEAD : ROLE_ADVISOR);
	}
}

#define SVCS(...) ((const uint32_t[]){__VA_ARGS__, 0})
#define TEAM(...) ((const char *const[]){__VA_ARGS__, NULL})

static void test_check_team(void **state)
{
	struct catalog *c = *state;
	static const uint32_t none[] = {0};
	const struct {
		const uint32_t *services;
		const char *const *team;
		enum rep_policy policy;
		bool representative;
		uint32_t missing;
	} rows[] = {
		/* the seed case, then with a village-end member (an advisor counts) */
		{SVCS(SVC_VILLAGE_CITY), TEAM("Großstadt A", "Großstadt B"), REP_SPAN, false, M},
		{SVCS(SVC_VILLAGE_CITY), TEAM("Großstadt A", "Großstadt B", "Dorf Eins"), REP_SPAN, true, 0},
		/* providers and ministries count for nothing */
		{SVCS(SVC_VILLAGE_CITY), TEAM("Großstadt A", "Rechenzentrum", "Ministerium"), REP_SPAN, false, M},
		/* no services: categories 1-4 deliver */
		{none, TEAM("Großstadt A", "Dorf Eins"), REP_SPAN, true, 0},
		{none, TEAM("Großstadt A", "Mittelstadt"), REP_SPAN, false, M},
		{SVCS(SVC_DEFAULT), TEAM("Dorf Eins"), REP_SPAN, false, C},
		/* a service missing from the catalog is ignored */
		{SVCS(99999), TEAM("Dorf Eins", "Großstadt A"), REP_SPAN, true, 0},
		{SVCS(99999, SVC_MEDIUM), TEAM("Dorf Eins", "Großstadt A"), REP_SPAN, false, MT},
		/* a county delivers one of the services */
		{SVCS(SVC_VILLAGE_CITY, SVC_COUNTY), TEAM("Großstadt A", "Dorf Eins"), REP_SPAN, false, K},
		{SVCS(SVC_VILLAGE_CITY, SVC_COUNTY), TEAM("Großstadt A", "Dorf Eins", "Kreis Eins"), REP_SPAN, true, 0},
		/* union over services: medium town plus village/city spans 1..4 */
		{SVCS(SVC_MEDIUM, SVC_VILLAGE_CITY), TEAM("Großstadt A", "Dorf Eins"), REP_SPAN, true, 0},
		/* policy all asks for every delivering category */
		{SVCS(SVC_DEFAULT), TEAM("Großstadt A", "Dorf Eins"), REP_ALL, false, MT | LT},
		{SVCS(SVC_DEFAULT), TEAM("Großstadt A", "Dorf Eins", "Mittelstadt", "Große Stadt"), REP_ALL, true, 0},
		{SVCS(SVC_MEDIUM, SVC_VILLAGE_CITY), TEAM("Großstadt A", "Dorf Eins"), REP_ALL, false, MT},
		/* an empty team misses both ends */
		{SVCS(SVC_VILLAGE_CITY), NULL, REP_SPAN, false, M | C},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct project p;
		make_project(&p, rows[i].services, rows[i].team);
		c->settings.rep_policy = rows[i].policy;
		struct team_verdict v = rules_check_team(c, &p);
		if (v.representative != rows[i].representative || v.missing != rows[i].missing)
			fail_msg("row %zu: representative %d missing %#x, want %d %#x", i,
				 v.representative, v.missing, rows[i].representative, rows[i].missing);
		project_fini(&p);
	}
	c->settings.rep_policy = REP_SPAN;
}

/* An unknown organisation in the team (deleted, or from another database). */
static void test_check_team_unknown_member(void **state)
{
	struct catalog *c = *state;
	struct project p;
	make_project(&p, SVCS(SVC_VILLAGE_CITY), TEAM("Großstadt A", "Gibt es nicht"));
	struct team_verdict v = rules_check_team(c, &p);
	assert_false(v.representative);
	assert_int_equal(v.present, C);
	assert_int_equal(v.missing, M);
	project_fini(&p);
}

static void test_suggest(void **state)
{
	struct catalog *c = *state;
	const struct organisation *out[16];

	/* Village end missing: smallest first, ties by name; the interested one and
	 * the extra one (a workshop volunteer) come before all others. */
	struct project p;
	make_project(&p, SVCS(SVC_VILLAGE_CITY), TEAM("Großstadt A"));
	struct uuid interested = org_id("Dorf Drei");
	project_add_interest(&p, &interested);
	struct uuid extra = org_id("Dorf Eins");
	struct team_verdict v = rules_check_team(c, &p);
	assert_int_equal(v.missing, M);
	size_t n = rules_suggest(c, &p, &v, &extra, 1, out, ARRAY_LEN(out));
	static const char *const want_m[] = {"Dorf Eins", "Dorf Drei", "Dorf Zwei", "Dorf Fünf",
					     "Dorf Vier"};
	assert_int_equal(n, ARRAY_LEN(want_m));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out[i]->name, want_m[i]);

	/* max limits the answer to the first ones of the same order */
	n = rules_suggest(c, &p, &v, &extra, 1, out, 2);
	assert_int_equal(n, 2);
	assert_string_equal(out[0]->name, "Dorf Eins");
	assert_string_equal(out[1]->name, "Dorf Drei");
	assert_int_equal(rules_suggest(c, &p, &v, &extra, 1, out, 0), 0);

	/* a member is never suggested, even against a verdict asking for its category */
	struct uuid vier = org_id("Dorf Vier");
	project_set_member(&p, &vier, ROLE_MEMBER);
	n = rules_suggest(c, &p, &v, &extra, 1, out, ARRAY_LEN(out));
	assert_int_equal(n, ARRAY_LEN(want_m) - 1);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(out[i]->name, "Dorf Vier");
	project_fini(&p);

	/* City end missing: largest first. */
	make_project(&p, SVCS(SVC_VILLAGE_CITY), TEAM("Dorf Zwei"));
	v = rules_check_team(c, &p);
	assert_int_equal(v.missing, C);
	n = rules_suggest(c, &p, &v, NULL, 0, out, ARRAY_LEN(out));
	static const char *const want_c[] = {"Großstadt A", "Großstadt C", "Großstadt B"};
	assert_int_equal(n, ARRAY_LEN(want_c));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out[i]->name, want_c[i]);
	project_fini(&p);

	/* Both ends and the county missing: village end first, county last. */
	make_project(&p, SVCS(SVC_VILLAGE_CITY, SVC_COUNTY), NULL);
	v = rules_check_team(c, &p);
	assert_int_equal(v.missing, M | C | K);
	n = rules_suggest(c, &p, &v, NULL, 0, out, ARRAY_LEN(out));
	static const char *const want_all[] = {"Dorf Zwei", "Dorf Fünf", "Dorf Vier", "Dorf Eins",
					       "Dorf Drei", "Großstadt A", "Großstadt C",
					       "Großstadt B", "Kreis Eins"};
	assert_int_equal(n, ARRAY_LEN(want_all));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out[i]->name, want_all[i]);
	project_fini(&p);

	/* Nothing missing: nothing suggested. */
	make_project(&p, SVCS(SVC_VILLAGE_CITY), TEAM("Großstadt A", "Dorf Eins"));
	v = rules_check_team(c, &p);
	assert_int_equal(rules_suggest(c, &p, &v, NULL, 0, out, ARRAY_LEN(out)), 0);
	project_fini(&p);
}

/* Gates with the default phases: scope gate at Workshop, team gate at Umsetzung. */
static void test_gates(void **state)
{
	(void)state;
	struct phase_list phases;
	phase_list_default(&phases);
	static const char *const all4 =
		"no topic field; no service; team not representative; no decision recorded";
	static const struct {
		uint8_t scope, team, from, to;
		struct gate_facts facts;
		bool allowed;
		const char *why;
	} rows[] = {
		/* into Workshop: topic field and a service */
		{WORKSHOP, UMSETZUNG, SICHTUNG, WORKSHOP, {false, 0, false, false}, false, "no topic field; no service"},
		{WORKSHOP, UMSETZUNG, SICHTUNG, WORKSHOP, {true, 0, false, false}, false, "no service"},
		{WORKSHOP, UMSETZUNG, SICHTUNG, WORKSHOP, {false, 2, false, false}, false, "no topic field"},
		{WORKSHOP, UMSETZUNG, SICHTUNG, WORKSHOP, {true, 1, false, false}, true, ""},
		/* "or later": a jump past the gate phase is gated too */
		{WORKSHOP, UMSETZUNG, SICHTUNG, KONZEPTION, {true, 0, false, false}, false, "no service"},
		/* within the line before any gate */
		{WORKSHOP, UMSETZUNG, SICHTUNG, SICHTUNG, {false, 0, false, false}, true, ""},
		/* into Umsetzung: representative team and a decision */
		{WORKSHOP, UMSETZUNG, KONZEPTION, UMSETZUNG, {true, 1, false, false}, false,
		 "team not representative; no decision recorded"},
		{WORKSHOP, UMSETZUNG, KONZEPTION, UMSETZUNG, {true, 1, true, false}, false, "no decision recorded"},
		{WORKSHOP, UMSETZUNG, KONZEPTION, UMSETZUNG, {true, 1, false, true}, false, "team not representative"},
		{WORKSHOP, UMSETZUNG, KONZEPTION, UMSETZUNG, {true, 1, true, true}, true, ""},
		{WORKSHOP, UMSETZUNG, UMSETZUNG, BETRIEB, {true, 1, true, true}, true, ""},
		{WORKSHOP, UMSETZUNG, SICHTUNG, PILOTIERUNG, {false, 0, false, false}, false, all4},
		/* moving within the gated part is still gated (facts may have changed) */
		{WORKSHOP, UMSETZUNG, UMSETZUNG, ROLLOUT, {true, 1, false, true}, false, "team not representative"},
		/* backwards: never gated */
		{WORKSHOP, UMSETZUNG, PILOTIERUNG, WORKSHOP, {false, 0, false, false}, true, ""},
		{WORKSHOP, UMSETZUNG, BETRIEB, UMSETZUNG, {false, 0, false, false}, true, ""},
		/* into phases outside the line: never gated */
		{WORKSHOP, UMSETZUNG, UMSETZUNG, PAUSIERT, {false, 0, false, false}, true, ""},
		{WORKSHOP, UMSETZUNG, SICHTUNG, ABGEBROCHEN, {false, 0, false, false}, true, ""},
		/* resuming a paused project is a forward move: gated */
		{WORKSHOP, UMSETZUNG, PAUSIERT, UMSETZUNG, {false, 0, false, false}, false, all4},
		{WORKSHOP, UMSETZUNG, PAUSIERT, WORKSHOP, {true, 1, false, false}, true, ""},
		/* a new project (from 0) */
		{WORKSHOP, UMSETZUNG, 0, WORKSHOP, {false, 1, false, false}, false, "no topic field"},
		/* gates off */
		{0, 0, SICHTUNG, BETRIEB, {false, 0, false, false}, true, ""},
		{0, UMSETZUNG, SICHTUNG, ENTSCHEIDUNG, {false, 0, false, false}, true, ""},
		{0, UMSETZUNG, SICHTUNG, UMSETZUNG, {false, 0, false, false}, false,
		 "team not representative; no decision recorded"},
		{WORKSHOP, 0, SICHTUNG, BETRIEB, {false, 0, false, false}, false, "no topic field; no service"},
		/* a gate naming a phase outside the line (or none at all) is off */
		{PAUSIERT, 77, SICHTUNG, BETRIEB, {false, 0, false, false}, true, ""},
		/* the team gate alone at an earlier phase than the scope gate */
		{UMSETZUNG, WORKSHOP, SICHTUNG, WORKSHOP, {false, 0, true, true}, true, ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct settings st;
		settings_init(&st);
		st.gate_scope_phase = rows[i].scope;
		st.gate_team_phase = rows[i].team;
		struct buf why;
		buf_init(&why);
		bool ok = rules_gate_allows(&phases, &st, rows[i].from, rows[i].to, &rows[i].facts, &why);
		if (ok != rows[i].allowed || strcmp(why.data ? why.data : "", rows[i].why) != 0)
			fail_msg("row %zu: %d->%d: allowed %d '%s', want %d '%s'", i, rows[i].from,
				 rows[i].to, ok, why.data ? why.data : "", rows[i].allowed, rows[i].why);
		buf_fini(&why);
		settings_fini(&st);
	}
	/* why may be NULL */
	struct settings st = {.gate_scope_phase = WORKSHOP};
	struct gate_facts none = {0};
	assert_false(rules_gate_allows(&phases, &st, SICHTUNG, WORKSHOP, &none, NULL));
	phase_list_fini(&phases);
}

/* Late, next planned, active. Dates are day numbers; "today" is day 1000. */
struct plan {
	uint8_t phase;
	int32_t planned, reached;
};

static void make_scheduled(struct project *p, uint8_t phase, const struct plan *plans, size_t n)
{
	make_project(p, NULL, NULL);
	p->phase = phase;
	for (size_t i = 0; i < n; i++) {
		if (!plans[i].phase)
			break;
		struct phase_date *d = project_date(p, plans[i].phase, true);
		d->planned = plans[i].planned;
		d->reached = plans[i].reached;
	}
}

static void test_late_and_next(void **state)
{
	(void)state;
	struct phase_list phases;
	phase_list_default(&phases);
	static const struct {
		uint8_t phase;
		struct plan plans[4];
		int32_t today;
		uint8_t late;
		int32_t next;
	} rows[] = {
		{WORKSHOP, {{UMSETZUNG, 999, 0}}, 1000, UMSETZUNG, 999},
		/* planned for today is not late yet */
		{WORKSHOP, {{UMSETZUNG, 1000, 0}}, 1000, 0, 1000},
		{WORKSHOP, {{UMSETZUNG, 1001, 0}}, 1000, 0, 1001},
		/* reached (early, from a jump) is not late */
		{WORKSHOP, {{UMSETZUNG, 900, 950}}, 1000, 0, 0},
		/* the current phase and earlier ones do not count */
		{UMSETZUNG, {{UMSETZUNG, 900, 0}, {SICHTUNG, 100, 0}}, 1000, 0, 0},
		/* the first late phase on the line is named */
		{SICHTUNG, {{ROLLOUT, 800, 0}, {KONZEPTION, 900, 0}, {PILOTIERUNG, 990, 0}}, 1000, KONZEPTION, 900},
		/* next planned skips phases without a plan and reached ones */
		{SICHTUNG, {{WORKSHOP, 0, 0}, {ENTSCHEIDUNG, 500, 600}, {KONZEPTION, 1200, 0}}, 1000, 0, 1200},
		/* paused or cancelled projects keep no schedule */
		{PAUSIERT, {{UMSETZUNG, 500, 0}}, 1000, 0, 0},
		{ABGEBROCHEN, {{BETRIEB, 500, 0}}, 1000, 0, 0},
		/* in operation: nothing comes after */
		{BETRIEB, {{ROLLOUT, 500, 0}}, 1000, 0, 0},
		/* no dates at all */
		{WORKSHOP, {{0, 0, 0}}, 1000, 0, 0},
		/* dates of phases outside the line are never late */
		{WORKSHOP, {{PAUSIERT, 500, 0}}, 1000, 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct project p;
		make_scheduled(&p, rows[i].phase, rows[i].plans, ARRAY_LEN(rows[i].plans));
		uint8_t late = rules_late_phase(&phases, &p, rows[i].today);
		int32_t next = rules_next_planned(&phases, &p);
		if (late != rows[i].late || next != rows[i].next)
			fail_msg("row %zu: late %d next %d, want %d %d", i, late, next, rows[i].late,
				 rows[i].next);
		project_fini(&p);
	}
	phase_list_fini(&phases);
}

static void test_is_active(void **state)
{
	(void)state;
	struct phase_list phases;
	phase_list_default(&phases);
	static const struct {
		uint8_t phase;
		bool active;
	} rows[] = {
		{SICHTUNG, true}, {WORKSHOP, true}, {ENTSCHEIDUNG, true}, {KONZEPTION, true},
		{UMSETZUNG, true}, {PILOTIERUNG, true}, {ROLLOUT, true}, {BETRIEB, false},
		{PAUSIERT, false}, {ABGEBROCHEN, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct project p;
		make_project(&p, NULL, NULL);
		p.phase = rows[i].phase;
		if (rules_is_active(&phases, &p) != rows[i].active)
			fail_msg("phase %d: active should be %d", rows[i].phase, rows[i].active);
		project_fini(&p);
	}
	phase_list_fini(&phases);
}

static void test_parallel(void **state)
{
	(void)state;
	struct phase_list phases;
	phase_list_default(&phases);
	static const struct {
		uint8_t a, b;
		bool same;
		bool parallel;
	} rows[] = {
		{UMSETZUNG, WORKSHOP, false, true},
		{SICHTUNG, SICHTUNG, false, true},
		{UMSETZUNG, UMSETZUNG, true, false},   /* a project is not parallel to itself */
		{UMSETZUNG, BETRIEB, false, false},
		{PAUSIERT, UMSETZUNG, false, false},
		{UMSETZUNG, ABGEBROCHEN, false, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct project a, b;
		make_project(&a, SVCS(SVC_DEFAULT), NULL);
		make_project(&b, SVCS(SVC_DEFAULT), NULL);
		uuid_from_name(&b.id, rows[i].same ? "project" : "other project");
		a.phase = rows[i].a;
		b.phase = rows[i].b;
		if (rules_parallel(&phases, &a, &b) != rows[i].parallel ||
		    rules_parallel(&phases, &b, &a) != rows[i].parallel)
			fail_msg("row %zu: parallel should be %d", i, rows[i].parallel);
		project_fini(&a);
		project_fini(&b);
	}
	phase_list_fini(&phases);
}

static void test_breadth(void **state)
{
	struct catalog *c = *state;
	static const uint32_t none[] = {0};
	const struct {
		const uint32_t *services;
		uint32_t breadth;
	} rows[] = {
		{SVCS(SVC_VILLAGE_CITY), 207 + 22},
		{none, 207 + 132 + 35 + 22},
		{SVCS(SVC_DEFAULT), 207 + 132 + 35 + 22},
		{SVCS(SVC_COUNTY), 0},                       /* counties are not counted */
		{SVCS(SVC_VILLAGE_CITY, SVC_COUNTY), 207 + 22},
		{SVCS(SVC_VILLAGE_CITY, SVC_MEDIUM), 207 + 132 + 22},
		{SVCS(99999), 207 + 132 + 35 + 22},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct project p;
		make_project(&p, rows[i].services, NULL);
		uint32_t got = rules_breadth(c, &p);
		if (got != rows[i].breadth)
			fail_msg("row %zu: breadth %u, want %u", i, got, rows[i].breadth);
		project_fini(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required_categories),
		cmocka_unit_test(test_team_verdict),
		cmocka_unit_test_setup_teardown(test_check_team, setup_catalog, teardown_catalog),
		cmocka_unit_test_setup_teardown(test_check_team_unknown_member, setup_catalog, teardown_catalog),
		cmocka_unit_test_setup_teardown(test_suggest, setup_catalog, teardown_catalog),
		cmocka_unit_test(test_gates),
		cmocka_unit_test(test_late_and_next),
		cmocka_unit_test(test_is_active),
		cmocka_unit_test(test_parallel),
		cmocka_unit_test_setup_teardown(test_breadth, setup_catalog, teardown_catalog),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
