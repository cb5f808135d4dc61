/* test_demo.c - the sample data of `init --demo` on a real, seeded LMDB store,
 * judged by the rules (rules.h) the program itself applies. The clock is fixed
 * with OZGTUI_NOW so that the dates are reproducible.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/demo.h"
#include "ozgtui/jsonio.h"
#include "ozgtui/model.h"
#include "ozgtui/refdata.h"
#include "ozgtui/rules.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"
#include "ozgtui/workshops.h"

#define SEED 2019u

struct world {
	char *dir;
	struct store *store;
	struct catalog cat;
	struct project *p;
	size_t n;
	int32_t today;
};

static enum status seed_cb(struct txn *t, void *arg)
{
	return refdata_seed(t, *(const enum phase_preset *)arg);
}

struct demo_arg {
	uint32_t seed;
};

static enum status demo_cb(struct txn *t, void *arg)
{
	const struct demo_arg *a = arg;
	struct catalog c;
	catalog_init(&c);
	enum status st = catalog_load(&c, t);
	if (st == STATUS_OK)
		st = demo_seed(t, &c, a->seed);
	catalog_fini(&c);
	return st;
}

static int collect_project(const struct project *p, void *arg)
{
	struct world *w = arg;
	w->p = realloc(w->p, (w->n + 1) * sizeof(*w->p));
	project_init(&w->p[w->n]);
	project_copy(&w->p[w->n], p);
	w->n++;
	return 0;
}

static void world_open(struct world *w, enum phase_preset preset, uint32_t seed)
{
	memset(w, 0, sizeof(*w));
	catalog_init(&w->cat);
	w->dir = test_tmpdir();
	assert_int_equal(store_open(w->dir, STORE_CREATE, &w->store), STATUS_OK);
	assert_int_equal(store_write(w->store, seed_cb, &preset), STATUS_OK);
	struct demo_arg a = {seed};
	enum status st = store_write(w->store, demo_cb, &a);
	if (st != STATUS_OK)
		fail_msg("demo_seed: %s: %s", status_name(st), status_detail());
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->store, &t), STATUS_OK);
	assert_int_equal(catalog_load(&w->cat, t), STATUS_OK);
	assert_int_equal(store_project_each(t, collect_project, w), STATUS_OK);
	store_txn_end(t);
	w->today = clock_today();
}

static void world_close(struct world *w)
{
	for (size_t i = 0; i < w->n; i++)
		project_fini(&w->p[i]);
	free(w->p);
	catalog_fini(&w->cat);
	store_close(w->store);
	test_rmtree(w->dir);
	free(w->dir);
}

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	world_open(w, PHASES_DEFAULT, SEED);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world_close(*state);
	free(*state);
	return 0;
}

static bool on_line(const struct catalog *c, uint8_t phase)
{
	const struct phase *ph = catalog_phase(c, phase);
	return ph && !ph->outside_line;
}

/* ---- shape --------------------------------------------------------------------- */

static void test_projects_cover_fields_and_phases(void **state)
{
	struct world *w = *state;
	bool field_seen[256] = {false}, phase_seen[256] = {false};

	assert_in_range(w->n, 70, 90);
	for (size_t i = 0; i < w->n; i++) {
		const struct project *p = &w->p[i];
		assert_true(p->demo);
		assert_int_equal(p->number, i + 1);   /* the store numbers them 1..N */
		assert_non_null(p->title);
		assert_true(strlen(p->title) > 5);
		assert_non_null(catalog_field(&w->cat, p->field));
		assert_non_null(catalog_phase(&w->cat, p->phase));
		assert_in_range(p->priority, 1, 5);
		for (size_t k = 0; k < i; k++)
			if (strcmp(w->p[k].title, p->title) == 0)
				fail_msg("title '%s' twice", p->title);
		field_seen[p->field] = true;
		phase_seen[p->phase] = true;
	}
	for (size_t f = 0; f < w->cat.n_fields; f++)
		if (!field_seen[w->cat.fields[f].number])
			fail_msg("no project in field %s", w->cat.fields[f].name);
	assert_int_equal(w->cat.n_fields, 14);
	/* every phase, on the line and outside it (Pausiert, Abgebrochen) */
	for (size_t i = 0; i < w->cat.phases.n; i++)
		if (!phase_seen[w->cat.phases.v[i].id])
			fail_msg("no project in phase %s", w->cat.phases.v[i].name);
}

static void test_services_of_own_field(void **state)
{
	struct world *w = *state;
	for (size_t i = 0; i < w->n; i++) {
		const struct project *p = &w->p[i];
		assert_in_range(p->n_services, 1, 3);
		for (size_t k = 0; k < p->n_services; k++) {
			const struct service *s = catalog_service(&w->cat, p->services[k]);
			assert_non_null(s);
			if (s->field != p->field)
				fail_msg("'%s' (field %u) has service %u of field %u", p->title,
					 (unsigned)p->field, (unsigned)s->ozg_id, (unsigned)s->field);
		}
	}
	/* Titles found their services by name where they could. */
	static const struct {
		const char *title;
		uint32_t ozg_id;
	} expect[] = {
		{"Digitaler Bauantrag", 10519},
		{"Online-Anmeldung Hund", 10160},
		{"Wohngeld digital", 10092},
		{"Elterngeld digital", 10000},
		{"Gewerbeanmeldung online", 10294},
		{"Anwohnerparken digital", 10173},
	};
	for (size_t e = 0; e < ARRAY_LEN(expect); e++) {
		bool found = false;
		for (size_t i = 0; i < w->n; i++)
			if (strcmp(w->p[i].title, expect[e].title) == 0) {
				found = true;
				assert_true(project_has_service(&w->p[i], expect[e].ozg_id));
			}
		if (!found)
			fail_msg("no project '%s'", expect[e].title);
	}
}

/* ---- teams and rules ------------------------------------------------------------- */

static void test_teams(void **state)
{
	struct world *w = *state;
	size_t not_rep = 0, provider_leads = 0, only_towns = 0, ministry_links = 0;
	for (size_t i = 0; i < w->n; i++) {
		const struct project *p = &w->p[i];
		assert_in_range(p->n_team, 2, 5);
		size_t leads = 0;
		for (size_t k = 0; k < p->n_team; k++) {
			const struct organisation *o = catalog_org(&w->cat, &p->team[k].org);
			assert_non_null(o);   /* real organisations of the reference data */
			assert_false(o->demo);
			assert_true(o->kind != ORG_MINISTRY);
			leads += p->team[k].role == ROLE_LEAD;
		}
		assert_int_equal(leads, 1);
		const struct organisation *lead = catalog_org(&w->cat, &project_lead(p)->org);
		provider_leads += lead->kind == ORG_PROVIDER;
		for (size_t k = 0; k < p->n_interested; k++) {
			assert_non_null(catalog_org(&w->cat, &p->interested[k]));
			assert_null(project_member(p, &p->interested[k]));
		}
		for (size_t k = 0; k < p->n_ministries; k++) {
			const struct organisation *m = catalog_org(&w->cat, &p->ministries[k]);
			assert_non_null(m);
			assert_int_equal(m->kind, ORG_MINISTRY);
			assert_true(m->demo);
			ministry_links++;
		}
		struct team_verdict v = rules_check_team(&w->cat, p);
		if (!v.representative) {
			not_rep++;
			if (!(v.present & CAT_BIT(CAT_MUNICIPALITY)) && (v.present & CAT_BIT(CAT_CITY)))
				only_towns++;
		}
	}
	assert_true(not_rep >= 5);
	assert_true(not_rep <= w->n / 4);    /* the exception, not the rule */
	assert_true(provider_leads >= w->n / 2);
	assert_true(only_towns >= 1);        /* e.g. a team of cities only */
	assert_true(ministry_links >= 5);

	size_t ministries = 0;
	for (size_t i = 0; i < w->cat.n_orgs; i++)
		if (w->cat.orgs[i].kind == ORG_MINISTRY) {
			ministries++;
			assert_true(w->cat.orgs[i].demo);
			assert_non_null(strstr(w->cat.orgs[i].name, "des Landes Nordrhein-Westfalen"));
		}
	assert_int_equal(ministries, 3);
}

static void test_late_and_dates(void **state)
{
	struct world *w = *state;
	size_t late = 0;
	for (size_t i = 0; i < w->n; i++) {
		const struct project *p = &w->p[i];
		if (rules_late_phase(&w->cat.phases, p, w->today))
			late++;
		/* passed phases are reached, not in the future */
		if (on_line(&w->cat, p->phase)) {
			int cur = phase_list_index(&w->cat.phases, p->phase);
			for (int j = 0; j <= cur; j++) {
				const struct phase_date *d = project_date_const(p, w->cat.phases.v[j].id);
				assert_non_null(d);
				assert_true(d->reached > 0 && d->reached <= w->today);
			}
		}
	}
	assert_true(late >= 3);
	assert_true(late <= w->n / 4);
}

struct outcome_scan {
	size_t n, decisions, volunteers, overdue, not_demo;
	const struct catalog *c;
	int32_t today;
};

static int scan_outcome(const struct outcome *o, void *arg)
{
	struct outcome_scan *s = arg;
	s->n++;
	s->not_demo += !o->demo;
	s->decisions += o->kind == OUTCOME_DECISION;
	s->volunteers += o->kind == OUTCOME_VOLUNTEER && o->n_orgs > 0;
	s->overdue += o->kind == OUTCOME_ACTION && o->status == OUTCOME_STATUS_OPEN && o->due &&
		      o->due < s->today;
	return 0;
}

static int count_decision(const struct outcome *o, void *arg)
{
	*(size_t *)arg += o->kind == OUTCOME_DECISION;
	return 0;
}

static int scan_workshop(const struct workshop *ws, void *arg)
{
	size_t *n = arg;
	(*n)++;
	assert_true(ws->demo);
	assert_true(ws->n_participants > 0);
	return 0;
}

static void test_outcomes_feed_the_gates(void **state)
{
	struct world *w = *state;
	struct txn *t = NULL;
	struct outcome_scan s = {.c = &w->cat, .today = w->today};
	size_t workshops = 0;
	int gate = phase_list_index(&w->cat.phases, w->cat.settings.gate_team_phase);
	assert_true(gate > 0);

	assert_int_equal(store_read_begin(w->store, &t), STATUS_OK);
	assert_int_equal(store_outcome_each(t, scan_outcome, &s), STATUS_OK);
	assert_int_equal(store_workshop_each(t, scan_workshop, &workshops), STATUS_OK);
	/* Every project that went through the team gate has its decision. */
	for (size_t i = 0; i < w->n; i++) {
		const struct project *p = &w->p[i];
		if (!on_line(&w->cat, p->phase) || phase_list_index(&w->cat.phases, p->phase) < gate)
			continue;
		size_t d = 0;
		assert_int_equal(store_outcome_each_for_project(t, &p->id, count_decision, &d), STATUS_OK);
		if (d == 0)
			fail_msg("'%s' is past the gate without a decision", p->title);
	}
	store_txn_end(t);
	assert_int_equal(s.not_demo, 0);
	assert_true(s.decisions >= 20);
	assert_true(s.volunteers >= 1);
	assert_true(s.overdue >= 1);
	assert_in_range(workshops, 3, 10);
}

/* The workshops answer the three questions of seed 001 per field, later
 * follow-ups exist, every kind of outcome is there, some action items are
 * overdue, volunteers are interested in their projects (as the program's own
 * rule makes them), and most fields have a sponsor (seed 003). */
struct ws_scan {
	size_t initial, followup;
	uint16_t initial_field[16], followup_field[16];
	int32_t initial_date[16], followup_date[16];
	int32_t today;
};

static int scan_ws(const struct workshop *ws, void *arg)
{
	struct ws_scan *s = arg;
	assert_true(ws->date > 0 && ws->date < s->today);
	assert_non_null(ws->title);
	if (strncmp(ws->title, "Initialer Workshop", 18) == 0 && s->initial < 16) {
		assert_non_null(strstr(ws->notes, "Womit fangen wir an?"));
		s->initial_field[s->initial] = ws->field;
		s->initial_date[s->initial++] = ws->date;
	} else if (strncmp(ws->title, "Folgeworkshop", 13) == 0 && s->followup < 16) {
		s->followup_field[s->followup] = ws->field;
		s->followup_date[s->followup++] = ws->date;
	} else {
		fail_msg("unexpected workshop '%s'", ws->title);
	}
	return 0;
}

struct oc_scan {
	struct world *w;
	struct txn *t;
	size_t kinds[OUTCOME__COUNT];
	size_t statuses[3];
	size_t overdue, questions[3];
	size_t volunteers_checked;
};

static int scan_oc(const struct outcome *o, void *arg)
{
	struct oc_scan *s = arg;
	s->kinds[o->kind]++;
	s->statuses[o->status]++;
	s->overdue += workshops_overdue(o, s->w->today);
	if (!uuid_is_nil(&o->workshop) && o->text) {
		s->questions[0] += strstr(o->text, "Womit fangen wir an?") != NULL;
		s->questions[1] += strstr(o->text, "Was können wir bündeln?") != NULL;
		s->questions[2] += strstr(o->text, "Wer interessiert sich für eine Mitarbeit?") != NULL;
	}
	assert_true(o->n_projects > 0 || o->n_services > 0);
	if (o->kind == OUTCOME_ACTION) {
		assert_non_null(o->owner);
		assert_true(o->due != 0);
	}
	if (o->kind == OUTCOME_VOLUNTEER && o->status != OUTCOME_STATUS_DROPPED) {
		for (size_t i = 0; i < o->n_projects; i++) {
			struct project p;
			project_init(&p);
			assert_int_equal(store_project_get(s->t, &o->projects[i], &p), STATUS_OK);
			struct uuid out[4];
			/* nobody left to make interested: the sample applied the rule */
			assert_int_equal(workshops_new_interest(o, &p, out, 4), 0);
			project_fini(&p);
			s->volunteers_checked++;
		}
	}
	return 0;
}

static void test_workshops_and_sponsors(void **state)
{
	struct world *w = *state;
	struct txn *t = NULL;
	struct ws_scan ws = {.today = w->today};
	struct oc_scan oc = {.w = w};
	assert_int_equal(store_read_begin(w->store, &t), STATUS_OK);
	oc.t = t;
	assert_int_equal(store_workshop_each(t, scan_ws, &ws), STATUS_OK);
	assert_int_equal(store_outcome_each(t, scan_oc, &oc), STATUS_OK);
	store_txn_end(t);

	assert_in_range(ws.initial, 4, 8);
	assert_in_range(ws.followup, 2, 4);
	for (size_t i = 0; i < ws.followup; i++) {
		bool after = false;
		for (size_t k = 0; k < ws.initial; k++)
			after |= ws.initial_field[k] == ws.followup_field[i] &&
				 ws.initial_date[k] < ws.followup_date[i];
		if (!after)
			fail_msg("follow-up %zu has no earlier initial workshop in its field", i);
	}
	for (int k = 0; k < OUTCOME__COUNT; k++)
		if (!oc.kinds[k])
			fail_msg("no outcome of kind %s", outcome_kind_code((enum outcome_kind)k));
	for (int s = 0; s < 3; s++)
		assert_true(oc.statuses[s] > 0);
	assert_in_range(oc.overdue, 2, 6);
	assert_true(oc.questions[0] >= ws.initial);
	assert_true(oc.questions[1] >= ws.initial);
	assert_true(oc.questions[2] >= ws.initial);
	assert_true(oc.volunteers_checked >= ws.initial);

	size_t sponsored = 0;
	for (size_t i = 0; i < w->cat.n_fields; i++) {
		const char *sp = w->cat.fields[i].sponsor;
		if (!sp)
			continue;
		sponsored++;
		assert_non_null(strstr(sp, "Themenpat"));
	}
	assert_in_range(sponsored, 8, w->cat.n_fields - 1);
}

/* ---- reference data changed by the sample ------------------------------------------ */

static void test_service_categories(void **state)
{
	struct world *w = *state;
	size_t set = 0;
	for (size_t i = 0; i < w->cat.n_services; i++)
		set += w->cat.services[i].categories != 0;
	assert_in_range(set, 30, 70);
	/* only what is used by a sample project */
	for (size_t i = 0; i < w->cat.n_services; i++) {
		if (!w->cat.services[i].categories)
			continue;
		bool used = false;
		for (size_t k = 0; k < w->n && !used; k++)
			used = project_has_service(&w->p[k], w->cat.services[i].ozg_id);
		assert_true(used);
	}
	const struct service *bau = catalog_service(&w->cat, 10519);
	assert_true(bau->categories & CAT_BIT(CAT_COUNTY));
	assert_false(bau->categories & CAT_BIT(CAT_MUNICIPALITY));
	const struct service *hund = catalog_service(&w->cat, 10160);
	assert_int_equal(hund->categories, CAT_DEFAULT_DELIVERY);
}

static void test_components_are_known(void **state)
{
	struct world *w = *state;
	struct strv names;
	size_t with = 0;
	strv_init(&names);
	assert_int_equal(refdata_column("nrw_basiskomponenten.csv", "name", &names), STATUS_OK);
	assert_int_equal(names.n, 8);
	for (size_t i = 0; i < w->n; i++) {
		with += w->p[i].components.n > 0;
		for (size_t k = 0; k < w->p[i].components.n; k++)
			assert_true(strv_contains(&names, w->p[i].components.v[k]));
		assert_true(w->p[i].departments.n > 0);
	}
	assert_true(with >= w->n * 3 / 4);
	strv_fini(&names);
}

struct hist_scan {
	size_t create, move, forced, forced_with_reason, team_add, demo;
};

static int scan_history(const struct history_entry *e, void *arg)
{
	struct hist_scan *h = arg;
	if (strcmp(e->entity, "project") == 0) {
		assert_int_not_equal(e->project_number, 0);
		h->create += strcmp(e->action, "create") == 0;
		h->team_add += strcmp(e->action, "team-add") == 0;
		if (strcmp(e->action, "move") == 0) {
			h->move++;
			assert_int_not_equal(e->from_phase, e->to_phase);
			h->forced += e->forced;
			h->forced_with_reason += e->forced && e->reason && *e->reason;
		}
	}
	h->demo += strcmp(e->entity, "database") == 0 && strcmp(e->action, "demo") == 0;
	return 0;
}

static void test_history(void **state)
{
	struct world *w = *state;
	struct hist_scan h = {0};
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(w->store, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 0, scan_history, &h), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(h.create, w->n);
	assert_true(h.team_add >= 2 * w->n);
	assert_true(h.move >= w->n);
	assert_true(h.forced >= 2);
	assert_int_equal(h.forced, h.forced_with_reason);
	assert_int_equal(h.demo, 1);
}

/* ---- determinism and the KDN preset ------------------------------------------------- */

static void dump(const struct world *w, struct buf *b)
{
	for (size_t i = 0; i < w->n; i++) {
		const struct project *p = &w->p[i];
		char id[37];
		uuid_format(&p->id, id);
		buf_printf(b, "%u %s %s f%u p%u prio%u:", (unsigned)p->number, id, p->title,
			   (unsigned)p->field, (unsigned)p->phase, (unsigned)p->priority);
		for (size_t k = 0; k < p->n_services; k++)
			buf_printf(b, " s%u", (unsigned)p->services[k]);
		for (size_t k = 0; k < p->n_team; k++) {
			uuid_format(&p->team[k].org, id);
			buf_printf(b, " %s/%d", id, (int)p->team[k].role);
		}
		for (size_t k = 0; k < p->n_dates; k++)
			buf_printf(b, " d%u=%d/%d", (unsigned)p->dates[k].phase, (int)p->dates[k].planned,
				   (int)p->dates[k].reached);
		for (size_t k = 0; k < p->components.n; k++)
			buf_printf(b, " [%s]", p->components.v[k]);
		buf_putc(b, '\n');
	}
}

/* The whole database as the JSON export (the clock is fixed, so the
 * timestamps agree too); caller frees. */
static char *export_all(const struct world *w)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct txn *t = NULL;
	assert_non_null(f);
	assert_int_equal(store_read_begin(w->store, &t), STATUS_OK);
	assert_int_equal(jsonio_export(t, f), STATUS_OK);
	store_txn_end(t);
	fclose(f);
	return text;
}

static void test_deterministic(void **state)
{
	struct world *w = *state, again, other;
	struct buf a, b, c;
	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	world_open(&again, PHASES_DEFAULT, SEED);
	world_open(&other, PHASES_DEFAULT, SEED + 1);
	dump(w, &a);
	dump(&again, &b);
	dump(&other, &c);
	assert_true(a.len > 1000);
	assert_string_equal(a.data, b.data);
	assert_string_not_equal(a.data, c.data);
	char *ea = export_all(w), *eb = export_all(&again);
	assert_true(strlen(ea) > 10000);
	assert_string_equal(ea, eb);
	free(ea);
	free(eb);
	buf_fini(&a);
	buf_fini(&b);
	buf_fini(&c);
	world_close(&again);
	world_close(&other);
}

static void test_kdn_preset(void **state)
{
	(void)state;
	struct world w;
	bool seen[256] = {false};
	size_t not_rep = 0;
	world_open(&w, PHASES_KDN, 7);
	for (size_t i = 0; i < w.n; i++) {
		seen[w.p[i].phase] = true;
		not_rep += !rules_check_team(&w.cat, &w.p[i]).representative;
	}
	for (size_t i = 0; i < w.cat.phases.n; i++)
		if (!seen[w.cat.phases.v[i].id])
			fail_msg("no project in phase %s", w.cat.phases.v[i].name);
	assert_true(not_rep >= 5);
	world_close(&w);
}

static void test_second_run_refused(void **state)
{
	struct world *w = *state;
	struct demo_arg a = {SEED};
	size_t n = 0;
	struct txn *t = NULL;
	assert_int_equal(store_write(w->store, demo_cb, &a), STATUS_CONFLICT);
	assert_int_equal(store_read_begin(w->store, &t), STATUS_OK);
	assert_int_equal(store_project_count(t, &n), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(n, w->n);
}

static enum status empty_catalog_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct catalog c;
	catalog_init(&c);
	enum status st = demo_seed(t, &c, 1);
	catalog_fini(&c);
	return st;
}

static void test_refuses_empty_catalog(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	struct store *s = NULL;
	assert_int_equal(store_open(dir, STORE_CREATE, &s), STATUS_OK);
	assert_int_equal(store_write(s, empty_catalog_cb, NULL), STATUS_DATA);
	store_close(s);
	test_rmtree(dir);
	free(dir);
}

int main(void)
{
	setenv("OZGTUI_NOW", "2025-03-01", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_projects_cover_fields_and_phases),
		cmocka_unit_test(test_services_of_own_field),
		cmocka_unit_test(test_teams),
		cmocka_unit_test(test_late_and_dates),
		cmocka_unit_test(test_outcomes_feed_the_gates),
		cmocka_unit_test(test_workshops_and_sponsors),
		cmocka_unit_test(test_service_categories),
		cmocka_unit_test(test_components_are_known),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_kdn_preset),
		cmocka_unit_test(test_second_run_refused),
		cmocka_unit_test(test_refuses_empty_catalog),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
