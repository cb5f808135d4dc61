/* gen.c - ozgtui-bench-gen N DIR [SEED]: the benchmark's data (issue 7).
 *
 * Writes N realistic projects, with teams, dates, history, workshops and
 * outcomes, twice:
 *
 *   DIR/ozgtui.json   ozgtui's import format (docs/json-format.md)
 *   DIR/sqlite.sql    a schema with the natural indexes and the same rows,
 *                     in one transaction, for `sqlite3 DB < sqlite.sql`
 *
 * The rows are made once, written into a scratch ozgtui database (DIR/.gen-db,
 * removed at the end) seeded with the shipped reference data, and both files
 * are then read back from that database: the JSON by ozgtui's own export, the
 * SQL by a walk over the same records, so both sides hold the same rows.
 *
 * What a project looks like: 1-3 OZG services of one topic field (the real
 * services of data/ozg_leistungen.csv), a title made from the first one, a
 * team of 2-5 real NRW municipalities, counties and IT service providers (one
 * lead), some declared interest, ministries, departments and base components
 * (data/nrw_basiskomponenten.csv), a phase on the line with the dates it was
 * reached and planned dates ahead (some late), a few paused or cancelled. Its
 * history is its creation, the team, every move, and an edit now and then:
 * about five entries per project, in time order across all projects.
 *
 * Deterministic for N and SEED (splitmix64; dates relative to a fixed day).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/catalog.h"
#include "ozgtui/jsonio.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"
#include "ozgtui/progress.h"

/* The day the data is "as of": 2026-03-01. */
#define REF_DAY 20513
#define DAY 86400

/* ---- random numbers ---------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t rng_below(uint32_t n)
{
	return n ? (uint32_t)(rng_next() % n) : 0;
}

static bool rng_chance(unsigned percent)
{
	return rng_below(100) < percent;
}

static void rng_uuid(struct uuid *u)
{
	uint64_t a = rng_next(), b = rng_next();
	memcpy(u->b, &a, 8);
	memcpy(u->b + 8, &b, 8);
	u->b[6] = (uint8_t)((u->b[6] & 0x0f) | 0x40);   /* version 4 */
	u->b[8] = (uint8_t)((u->b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
}

/* ---- the material ------------------------------------------------------------ */

/* a title is prefix + service name + suffix */
static const char *const title_forms[][2] = {
	{ "", " digital" }, { "", " online" }, { "", " – Antrag online" }, { "", " Ende-zu-Ende digital" },
	{ "", " (EfA-Nachnutzung)" }, { "Digitalisierung: ", "" }, { "", " – Online-Dienst" },
	{ "", " im Kommunalportal" },
};
static const char *const departments[] = {
	"Bürgeramt", "Ordnungsamt", "Sozialamt", "Jugendamt", "Bauaufsicht", "Standesamt",
	"Straßenverkehrsamt", "Ausländerbehörde", "Steueramt", "Umweltamt", "Gesundheitsamt",
	"Schulverwaltungsamt", "Kämmerei", "Wahlamt", "Gewerbeamt",
};
static const char *const solutions[] = {
	"Eigenentwicklung einer Kommune (Formular-Server)", "Antragsmanagement des Dienstleisters",
	"EfA-Leistung eines anderen Landes", "PDF-Formular mit E-Mail-Versand", "Fachverfahren mit Bürgerportal",
};
static const char *const users[] = {
	"mueller", "schmidt", "yilmaz", "wagner", "becker", "hoffmann", "schulz", "koch", "richter", "klein",
};
static const char *const ministries[] = {
	"Ministerium für Heimat, Kommunales, Bau und Digitalisierung NRW",
	"Ministerium für Arbeit, Gesundheit und Soziales NRW",
	"Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration NRW",
	"Ministerium des Innern NRW",
	"Ministerium für Schule und Bildung NRW",
	"Ministerium für Umwelt, Naturschutz und Verkehr NRW",
	"Ministerium der Finanzen NRW",
	"Ministerium für Wirtschaft, Industrie, Klimaschutz und Energie NRW",
};
static const char *const move_reasons[] = {
	"Workshop hat die Variante beschlossen", "Ausschuss hat zugestimmt", "Pilotkommune bereit",
	"Rollout-Plan abgestimmt", "Fachverfahren angebunden", NULL, NULL, NULL,
};
static const char *const pause_reasons[] = {
	"Fachverfahren wird abgelöst; Fortsetzung nach der Umstellung",
	"Warten auf die EfA-Leistung eines anderen Landes", "Personal fehlt bis zum Haushaltsbeschluss",
};
static const char *const cancel_reasons[] = {
	"Leistung wird landesweit zentral angeboten", "Doppelt mit einem anderen Projekt",
	"Kein Bedarf in den beteiligten Kommunen",
};
static const char *const outcome_texts[] = {
	"Umsetzung als EfA-Nachnutzung beschlossen", "Start mit den Pilotkommunen im nächsten Quartal",
	"Bündelung der Leistungen des Themenfelds in einem Projekt", "Kommunen benennen Ansprechpersonen",
	"Klärung der Zuständigkeit mit dem Land offen", "Anbindung an das Fachverfahren prüfen",
};

/* One history event before it has a sequence number. */
struct event {
	int64_t time;
	uint32_t project;     /* index into projects */
	uint8_t action;       /* enum action */
	uint8_t from, to;
	uint8_t aux;          /* team index, reason index */
};
enum action { A_CREATE, A_TEAM, A_INTEREST, A_MOVE, A_EDIT };

struct gen {
	const struct catalog *c;
	struct txn *t;
	size_t n;
	/* organisations that can be in a team, per category (providers at 0) */
	const struct organisation **orgs[CAT__MAX + 1];
	size_t n_orgs[CAT__MAX + 1];
	struct uuid ministry_ids[ARRAY_LEN(ministries)];
	const struct service **services[256];   /* per field */
	size_t n_services[256];
	uint16_t fields[256];                   /* fields that have services */
	size_t n_fields;
	struct strv components;
	uint8_t line[32];                       /* the phases on the line */
	size_t n_line;
	uint8_t paused, cancelled;
	struct uuid *ids;                       /* per project */
	char **titles;
	uint16_t *field_of;                     /* per project */
	struct event *ev;
	size_t n_ev, cap_ev;
};

static struct event *event_add(struct gen *g, uint32_t project, uint8_t action, int64_t time)
{
	xgrow((void **)&g->ev, &g->cap_ev, g->n_ev + 1, sizeof(*g->ev));
	struct event *e = &g->ev[g->n_ev++];
	memset(e, 0, sizeof(*e));
	e->time = time;
	e->project = project;
	e->action = action;
	return e;
}

static const struct organisation *pick_org(struct gen *g, enum category cat)
{
	return g->n_orgs[cat] ? g->orgs[cat][rng_below((uint32_t)g->n_orgs[cat])] : NULL;
}

/* A time during a day: office hours. */
static int64_t at(int32_t day)
{
	return (int64_t)day * DAY + 7 * 3600 + rng_below(10 * 3600);
}

static enum status make_project(struct gen *g, uint32_t i)
{
	struct project p;
	project_init(&p);
	p.id = g->ids[i];
	p.number = i + 1;

	/* services of one field; fields with more services get more projects */
	const struct service *first = &g->c->services[rng_below((uint32_t)g->c->n_services)];
	while (!first->field)
		first = &g->c->services[rng_below((uint32_t)g->c->n_services)];
	p.field = first->field;
	project_add_service(&p, first->ozg_id);
	size_t more = rng_below(3);
	for (size_t k = 0; k < more; k++) {
		const struct service *s = g->services[p.field][rng_below((uint32_t)g->n_services[p.field])];
		if (!project_has_service(&p, s->ozg_id))
			project_add_service(&p, s->ozg_id);
	}
	const char *const *form = title_forms[rng_below(ARRAY_LEN(title_forms))];
	p.title = xasprintf("%s%s%s", form[0], first->name, form[1]);
	g->titles[i] = xstrdup(p.title);
	g->field_of[i] = p.field;

	/* team: a lead, then members across the categories, now and then a provider */
	size_t team = 2 + rng_below(4);
	static const enum category cats[] = { CAT_MUNICIPALITY, CAT_MEDIUM_TOWN, CAT_LARGE_TOWN, CAT_CITY,
					      CAT_COUNTY };
	for (size_t k = 0; k < team; k++) {
		const struct organisation *o;
		if (k > 0 && rng_chance(15))
			o = pick_org(g, CAT_NONE);
		else
			o = pick_org(g, cats[rng_below(ARRAY_LEN(cats))]);
		if (!o || project_member(&p, &o->id))
			continue;
		enum role role = k == 0 ? ROLE_LEAD : o->kind == ORG_PROVIDER ? ROLE_ADVISOR : ROLE_MEMBER;
		project_set_member(&p, &o->id, role);
	}
	size_t interest = rng_below(4);
	for (size_t k = 0; k < interest; k++) {
		const struct organisation *o = pick_org(g, cats[rng_below(4)]);
		if (o && !project_member(&p, &o->id) && !project_is_interested(&p, &o->id))
			project_add_interest(&p, &o->id);
	}
	if (rng_chance(40)) {
		p.ministries = xcalloc(1, sizeof(*p.ministries));
		p.ministries[0] = g->ministry_ids[rng_below(ARRAY_LEN(ministries))];
		p.n_ministries = 1;
	}
	strv_push(&p.departments, departments[rng_below(ARRAY_LEN(departments))]);
	if (rng_chance(30))
		strv_push(&p.departments, departments[rng_below(ARRAY_LEN(departments))]);
	size_t comps = rng_below(4);
	for (size_t k = 0; k < comps && g->components.n; k++) {
		const char *name = g->components.v[rng_below((uint32_t)g->components.n)];
		if (!strv_contains(&p.components, name))
			strv_push(&p.components, name);
	}
	if (rng_chance(25))
		strv_push(&p.solutions, solutions[rng_below(ARRAY_LEN(solutions))]);
	p.priority = (uint8_t)rng_below(6);
	if (rng_chance(20))
		p.notes = xasprintf("Abstimmung mit %zu Kommunen; nächster Termin im Arbeitskreis.",
				    p.n_team + p.n_interested);

	/* How far it got on the line: many early, fewer late. Walk back from a
	 * recent last step to find when each phase was reached. */
	static const unsigned weights[] = { 22, 16, 13, 12, 14, 9, 8, 6 };
	unsigned w = rng_below(100), acc = 0;
	size_t k = 0;
	while (k + 1 < g->n_line && k < ARRAY_LEN(weights) && w >= (acc += weights[k]))
		k++;
	int32_t reached[32];
	int32_t day = REF_DAY - 1 - (int32_t)rng_below(150);
	uint8_t outside = 0;
	int32_t outside_day = 0;
	if (rng_chance(4)) {
		outside = rng_chance(50) ? g->paused : g->cancelled;
		outside_day = day;
		day -= 10 + (int32_t)rng_below(120);
	}
	for (size_t j = k + 1; j-- > 0;) {
		reached[j] = day;
		day -= 20 + (int32_t)rng_below(160);
	}
	for (size_t j = 0; j <= k; j++) {
		struct phase_date *d = project_date(&p, g->line[j], true);
		d->reached = reached[j];
		d->planned = j && rng_chance(60) ? reached[j] - 30 + (int32_t)rng_below(60) : 0;
	}
	/* plans ahead; about one project in six is late for its next phase */
	int32_t next = rng_chance(16) ? REF_DAY - 1 - (int32_t)rng_below(90) : REF_DAY + 14 + (int32_t)rng_below(200);
	for (size_t j = k + 1; j < g->n_line && j <= k + 2 && !outside; j++) {
		project_date(&p, g->line[j], true)->planned = next;
		next += 60 + (int32_t)rng_below(180);
	}
	p.phase = outside ? outside : g->line[k];
	if (outside)
		project_date(&p, outside, true)->reached = outside_day;

	/* history: create, team, interest, moves, edits */
	int64_t created = at(reached[0]);
	const char *creator = users[rng_below(ARRAY_LEN(users))];
	p.created = created;
	p.created_by = xstrdup(creator);
	int64_t last = created;
	uint32_t version = 1;
	event_add(g, i, A_CREATE, created);
	for (size_t m = 0; m < p.n_team; m++) {
		/* the lead, and most members, came with the creation */
		if (m == 0 || !rng_chance(40))
			continue;
		struct event *e = event_add(g, i, A_TEAM, created + (int64_t)(1 + m) * 3600);
		e->aux = (uint8_t)m;
		version++;
	}
	if (p.n_interested) {
		struct event *e = event_add(g, i, A_INTEREST, created + DAY + rng_below(20) * DAY);
		e->aux = 0;
		version++;
	}
	for (size_t j = 1; j <= k; j++) {
		struct event *e = event_add(g, i, A_MOVE, at(reached[j]));
		e->from = g->line[j - 1];
		e->to = g->line[j];
		e->aux = (uint8_t)rng_below(ARRAY_LEN(move_reasons));
		last = e->time;
		version++;
	}
	if (outside) {
		struct event *e = event_add(g, i, A_MOVE, at(outside_day));
		e->from = g->line[k];
		e->to = outside;
		e->aux = 0xff;
		last = e->time;
		version++;
	}
	if (rng_chance(50)) {
		int64_t when = last + DAY + (int64_t)rng_below(60) * DAY;
		if (when < (int64_t)REF_DAY * DAY) {
			event_add(g, i, A_EDIT, when);
			last = when;
			version++;
		}
	}
	if (last < created + 3 * 3600 * (int64_t)p.n_team)
		last = created + 3 * 3600 * (int64_t)p.n_team;
	p.updated = last;
	p.updated_by = xstrdup(users[rng_below(ARRAY_LEN(users))]);
	p.version = version;

	enum status st = store_project_restore(g->t, &p);
	project_fini(&p);
	return st;
}

static int cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	if (x->project != y->project)
		return x->project < y->project ? -1 : 1;
	return (x > y) - (x < y);
}

static const char *phase_name(const struct gen *g, uint8_t id)
{
	const struct phase *ph = catalog_phase(g->c, id);
	return ph ? ph->name : "?";
}

static const char *field_name(const struct gen *g, uint16_t number)
{
	const struct topic_field *f = catalog_field(g->c, number);
	return f && f->name ? f->name : "?";
}

static const char *org_name(const struct gen *g, const struct uuid *id)
{
	const struct organisation *o = catalog_org(g->c, id);
	return o ? o->name : "?";
}

/* Writes the events as history, in time order, numbered after what is there. */
static enum status write_history(struct gen *g, uint64_t first_seq, struct project *scratch)
{
	/* qsort is not stable: the tie-breaker above keeps a project's own order */
	qsort(g->ev, g->n_ev, sizeof(*g->ev), cmp_event);
	enum status st = STATUS_OK;
	uint32_t loaded = UINT32_MAX;
	for (size_t i = 0; i < g->n_ev && st == STATUS_OK; i++) {
		const struct event *ev = &g->ev[i];
		struct history_entry e;
		history_entry_init(&e);
		e.seq = first_seq + i;
		e.time = ev->time;
		e.user = xstrdup(users[(ev->project + i) % ARRAY_LEN(users)]);
		e.entity = xstrdup("project");
		e.entity_id = g->ids[ev->project];
		e.project_number = ev->project + 1;
		if (ev->action == A_TEAM || ev->action == A_INTEREST) {
			if (loaded != ev->project) {
				project_fini(scratch);
				project_init(scratch);
				if ((st = store_project_get(g->t, &g->ids[ev->project], scratch)) != STATUS_OK)
					break;
				loaded = ev->project;
			}
		}
		switch (ev->action) {
		case A_CREATE:
			e.action = xstrdup("create");
			e.summary = xasprintf("created '%s' in %s (%s)", g->titles[ev->project],
					      field_name(g, g->field_of[ev->project]), phase_name(g, g->line[0]));
			break;
		case A_TEAM: {
			const struct member *m = &scratch->team[ev->aux];
			e.action = xstrdup("team-add");
			e.summary = xasprintf("team: + %s (%s)", org_name(g, &m->org), role_code(m->role));
			break;
		}
		case A_INTEREST:
			e.action = xstrdup("interest");
			e.summary = xasprintf("interest: + %s", org_name(g, &scratch->interested[0]));
			break;
		case A_MOVE:
			e.action = xstrdup("move");
			e.summary = xasprintf("phase %s → %s", phase_name(g, ev->from), phase_name(g, ev->to));
			e.from_phase = ev->from;
			e.to_phase = ev->to;
			if (ev->aux == 0xff)
				e.reason = xstrdup(ev->to == g->paused
							   ? pause_reasons[ev->project % ARRAY_LEN(pause_reasons)]
							   : cancel_reasons[ev->project % ARRAY_LEN(cancel_reasons)]);
			else if (move_reasons[ev->aux])
				e.reason = xstrdup(move_reasons[ev->aux]);
			break;
		default:
			e.action = xstrdup("edit");
			e.summary = xstrdup("priority, notes");
			break;
		}
		st = store_history_restore(g->t, &e);
		history_entry_fini(&e);
	}
	return st;
}

/* Workshops per topic field and their outcomes: decisions linked to projects
 * that got past the decision, volunteers, questions, action items. */
static enum status write_workshops(struct gen *g)
{
	size_t per_field = 2 + g->n / 5000;
	enum status st = STATUS_OK;
	uint8_t decide = g->n_line > 2 ? g->line[2] : g->line[0];
	int decide_index = phase_list_index(&g->c->phases, decide);
	for (size_t fi = 0; fi < g->n_fields && st == STATUS_OK; fi++) {
		for (size_t k = 0; k < per_field && st == STATUS_OK; k++) {
			struct workshop w;
			workshop_init(&w);
			rng_uuid(&w.id);
			w.field = g->fields[fi];
			w.date = REF_DAY - 30 - (int32_t)rng_below(1500);
			const struct topic_field *f = catalog_field(g->c, w.field);
			w.title = xasprintf("Workshop %s %zu", f ? f->name : "?", k + 1);
			w.place = xstrdup(k % 3 == 0 ? "online" : k % 3 == 1 ? "KDN, Köln" : "krz, Lemgo");
			size_t np = 4 + rng_below(10);
			w.participants = xcalloc(np, sizeof(*w.participants));
			for (size_t j = 0; j < np; j++) {
				const struct organisation *o = pick_org(g, (enum category)(1 + rng_below(5)));
				bool dup = false;
				for (size_t q = 0; q < w.n_participants; q++)
					dup = dup || uuid_cmp(&w.participants[q], &o->id) == 0;
				if (!dup)
					w.participants[w.n_participants++] = o->id;
			}
			w.head_count = (uint32_t)(w.n_participants + rng_below(20));
			w.created = w.updated = at(w.date);
			w.version = 1;
			st = store_workshop_restore(g->t, &w);
			workshop_fini(&w);
		}
	}
	/* outcomes: a decision for most projects past the decision phase, and
	 * about one other outcome per 20 projects */
	struct project p;
	project_init(&p);
	for (uint32_t i = 0; i < g->n && st == STATUS_OK; i++) {
		bool decision = false, other = rng_chance(5);
		project_fini(&p);
		project_init(&p);
		if ((st = store_project_get(g->t, &g->ids[i], &p)) != STATUS_OK)
			break;
		const struct phase_date *d = project_date_const(&p, decide);
		if (d && d->reached && phase_list_index(&g->c->phases, p.phase) >= decide_index)
			decision = rng_chance(85);
		if (!decision && !other)
			continue;
		struct outcome o;
		outcome_init(&o);
		rng_uuid(&o.id);
		o.kind = decision ? OUTCOME_DECISION : (enum outcome_kind)(1 + rng_below(OUTCOME__COUNT - 1));
		o.text = xstrdup(decision ? outcome_texts[i % 2] : outcome_texts[2 + i % 4]);
		o.status = decision ? OUTCOME_STATUS_DONE : (enum outcome_status)rng_below(3);
		if (o.kind == OUTCOME_ACTION) {
			o.owner = xstrdup(users[rng_below(ARRAY_LEN(users))]);
			o.due = REF_DAY - 60 + (int32_t)rng_below(180);
		}
		o.projects = xcalloc(1, sizeof(*o.projects));
		o.projects[0] = p.id;
		o.n_projects = 1;
		if (p.n_team) {
			o.orgs = xcalloc(1, sizeof(*o.orgs));
			o.orgs[0] = p.team[p.n_team - 1].org;
			o.n_orgs = 1;
		}
		o.services = xcalloc(1, sizeof(*o.services));
		o.services[0] = p.services[0];
		o.n_services = 1;
		o.created = o.updated = d && d->reached ? at(d->reached) : p.created + DAY;
		o.version = 1;
		st = store_outcome_restore(g->t, &o);
		outcome_fini(&o);
	}
	project_fini(&p);
	return st;
}

static enum status write_ministries(struct gen *g)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; i < ARRAY_LEN(ministries) && st == STATUS_OK; i++) {
		struct organisation o;
		organisation_init(&o);
		char *key = xasprintf("ministry:%s", ministries[i]);
		uuid_from_name(&o.id, key);
		free(key);
		g->ministry_ids[i] = o.id;
		o.kind = ORG_MINISTRY;
		o.name = xstrdup(ministries[i]);
		o.version = 1;
		st = store_org_restore(g->t, &o);
		organisation_fini(&o);
	}
	return st;
}

static void gen_pools(struct gen *g)
{
	const struct catalog *c = g->c;
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		size_t k = o->kind == ORG_PROVIDER ? CAT_NONE : o->category;
		if (o->kind != ORG_PROVIDER && (o->category == CAT_NONE || o->kind == ORG_MINISTRY))
			continue;
		size_t cap = g->n_orgs[k];
		xgrow((void **)&g->orgs[k], &cap, g->n_orgs[k] + 1, sizeof(*g->orgs[k]));
		g->orgs[k][g->n_orgs[k]++] = o;
	}
	for (size_t i = 0; i < c->n_services; i++) {
		const struct service *s = &c->services[i];
		if (!s->field || s->field > 255)
			continue;
		if (!g->n_services[s->field])
			g->fields[g->n_fields++] = s->field;
		size_t cap = g->n_services[s->field];
		xgrow((void **)&g->services[s->field], &cap, g->n_services[s->field] + 1, sizeof(*g->services[0]));
		g->services[s->field][g->n_services[s->field]++] = s;
	}
	for (size_t i = 0; i < c->phases.n; i++) {
		const struct phase *ph = &c->phases.v[i];
		if (!ph->outside_line && g->n_line < ARRAY_LEN(g->line))
			g->line[g->n_line++] = ph->id;
		else if (ph->outside_line && !ph->closed && !g->paused)
			g->paused = ph->id;
		else if (ph->outside_line && ph->closed && !g->cancelled)
			g->cancelled = ph->id;
	}
	if (!g->paused)
		g->paused = g->line[0];
	if (!g->cancelled)
		g->cancelled = g->paused;
}

static enum status gen_seed(struct txn *t, void *arg)
{
	(void)arg;
	enum status st = refdata_seed(t, PHASES_DEFAULT);
	return st;
}

static enum status gen_ministries(struct txn *t, void *arg)
{
	struct gen *g = arg;
	g->t = t;
	return write_ministries(g);
}

static int last_seq(const struct history_entry *e, void *arg)
{
	*(uint64_t *)arg = e->seq;
	return 1;
}

/* progress on a terminal (progress.h): one step per generated project */
static struct progress gen_progress;

static enum status gen_projects(struct txn *t, void *arg)
{
	struct gen *g = arg;
	g->t = t;
	/* store_write may run this again after growing the map: start over */
	g->n_ev = 0;
	uint64_t last = 0;
	enum status st = STATUS_OK;
	gen_progress.done = 0;
	for (uint32_t i = 0; i < g->n && st == STATUS_OK; i++) {
		free(g->titles[i]);
		g->titles[i] = NULL;
		st = make_project(g, i);
		progress_step(&gen_progress, 1);
	}
	/* the history so far (the seed's "init"): number after its newest entry */
	if (st == STATUS_OK)
		st = store_history_each(t, 1, last_seq, &last);
	if (st == STATUS_OK) {
		struct project scratch;
		project_init(&scratch);
		st = write_history(g, last + 1, &scratch);
		project_fini(&scratch);
	}
	if (st == STATUS_OK)
		st = write_workshops(g);
	return st;
}

/* ---- SQL --------------------------------------------------------------------- */

static const char sql_schema[] =
	"PRAGMA foreign_keys = OFF;\n"
	"BEGIN;\n"
	"CREATE TABLE phases (id INTEGER PRIMARY KEY, pos INTEGER NOT NULL, slug TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL, outside_line INTEGER NOT NULL, closed INTEGER NOT NULL);\n"
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);\n"
	"CREATE TABLE fields (number INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
	"  alt_name TEXT, sponsor TEXT, version INTEGER);\n"
	"CREATE TABLE orgs (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,\n"
	"  name TEXT NOT NULL, ags TEXT UNIQUE, category TEXT, legal_type TEXT, population INTEGER,\n"
	"  county_ags TEXT, size_class TEXT, region TEXT, demo INTEGER, version INTEGER);\n"
	"CREATE TABLE services (ozg_id INTEGER PRIMARY KEY, name TEXT NOT NULL, field INTEGER,\n"
	"  life_situation TEXT, categories TEXT, version INTEGER);\n"
	"CREATE TABLE projects (number INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,\n"
	"  title TEXT NOT NULL, field INTEGER, phase INTEGER, priority INTEGER, lead INTEGER,\n"
	"  notes TEXT, demo INTEGER, created TEXT, created_by TEXT, updated TEXT, updated_by TEXT,\n"
	"  version INTEGER);\n"
	"CREATE TABLE project_dates (project INTEGER, phase INTEGER, planned TEXT, reached TEXT,\n"
	"  PRIMARY KEY (project, phase)) WITHOUT ROWID;\n"
	"CREATE TABLE project_services (project INTEGER, service INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (project, service)) WITHOUT ROWID;\n"
	"CREATE TABLE team (project INTEGER, org INTEGER, role TEXT NOT NULL, pos INTEGER,\n"
	"  PRIMARY KEY (project, org)) WITHOUT ROWID;\n"
	"CREATE TABLE interest (project INTEGER, org INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (project, org)) WITHOUT ROWID;\n"
	"CREATE TABLE project_ministries (project INTEGER, org INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (project, org)) WITHOUT ROWID;\n"
	"CREATE TABLE project_texts (project INTEGER, kind TEXT, pos INTEGER, value TEXT,\n"
	"  PRIMARY KEY (project, kind, pos)) WITHOUT ROWID;\n"
	"CREATE TABLE workshops (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, field INTEGER,\n"
	"  date TEXT, title TEXT, place TEXT, head_count INTEGER, notes TEXT, demo INTEGER,\n"
	"  created TEXT, updated TEXT, version INTEGER);\n"
	"CREATE TABLE workshop_participants (workshop INTEGER, org INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (workshop, org)) WITHOUT ROWID;\n"
	"CREATE TABLE outcomes (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, workshop INTEGER,\n"
	"  kind TEXT NOT NULL, text TEXT NOT NULL, owner TEXT, due TEXT, status TEXT, demo INTEGER,\n"
	"  created TEXT, updated TEXT, version INTEGER);\n"
	"CREATE TABLE outcome_projects (outcome INTEGER, project INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (outcome, project)) WITHOUT ROWID;\n"
	"CREATE TABLE outcome_orgs (outcome INTEGER, org INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (outcome, org)) WITHOUT ROWID;\n"
	"CREATE TABLE outcome_services (outcome INTEGER, service INTEGER, pos INTEGER,\n"
	"  PRIMARY KEY (outcome, service)) WITHOUT ROWID;\n"
	"CREATE TABLE history (seq INTEGER PRIMARY KEY, time TEXT, user TEXT, entity TEXT NOT NULL,\n"
	"  entity_id TEXT, project_number INTEGER, action TEXT NOT NULL, summary TEXT,\n"
	"  from_phase INTEGER, to_phase INTEGER, reason TEXT, forced INTEGER);\n";

/* Indexes after the rows, as a bulk load does. */
static const char sql_indexes[] =
	"CREATE INDEX projects_phase ON projects (phase);\n"
	"CREATE INDEX projects_field ON projects (field);\n"
	"CREATE INDEX projects_phase_field ON projects (phase, field);\n"
	"CREATE INDEX projects_lead ON projects (lead);\n"
	"CREATE INDEX team_org ON team (org, project);\n"
	"CREATE INDEX interest_org ON interest (org, project);\n"
	"CREATE INDEX project_services_service ON project_services (service, project);\n"
	"CREATE INDEX outcome_projects_project ON outcome_projects (project, outcome);\n"
	"CREATE INDEX history_entity ON history (entity_id, seq);\n"
	"CREATE INDEX history_project ON history (project_number, seq);\n"
	"COMMIT;\n";

struct sql {
	FILE *f;
	const struct catalog *c;
	struct buf b;
	/* workshops and outcomes by UUID get integer ids in iteration order */
	struct uuid *workshops;
	size_t n_workshops, cap_workshops;
	uint32_t outcome_id;
	/* history, newest first as the store hands it out */
	struct strv history;
};

static void q_str(struct buf *b, const char *s)
{
	if (!s) {
		buf_puts(b, "NULL");
		return;
	}
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_putc(b, '\'');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

static void q_date(struct buf *b, int32_t day)
{
	char d[11];
	if (!day) {
		buf_puts(b, "NULL");
		return;
	}
	date_format(day, d);
	q_str(b, d);
}

static void q_time(struct buf *b, int64_t t)
{
	char s[21];
	if (!t) {
		buf_puts(b, "NULL");
		return;
	}
	time_format(t, s);
	q_str(b, s);
}

static void q_uuid(struct buf *b, const struct uuid *u)
{
	char s[37];
	if (uuid_is_nil(u)) {
		buf_puts(b, "NULL");
		return;
	}
	uuid_format(u, s);
	q_str(b, s);
}

static unsigned org_id(const struct catalog *c, const struct uuid *u)
{
	const struct organisation *o = catalog_org(c, u);
	return o ? (unsigned)(o - c->orgs) + 1 : 0;
}

static void q_org(struct buf *b, const struct catalog *c, const struct uuid *u)
{
	unsigned id = org_id(c, u);
	if (id)
		buf_printf(b, "%u", id);
	else
		buf_puts(b, "NULL");
}

static void q_phase(struct buf *b, uint8_t id)
{
	if (id)
		buf_printf(b, "%u", (unsigned)id);
	else
		buf_puts(b, "NULL");
}

static void sql_flush(struct sql *q)
{
	fwrite(q->b.data, 1, q->b.len, q->f);
	buf_reset(&q->b);
}

static int sql_project(const struct project *p, void *arg)
{
	struct sql *q = arg;
	struct buf *b = &q->b;
	const struct member *lead = project_lead(p);
	buf_printf(b, "INSERT INTO projects VALUES (%u,", (unsigned)p->number);
	q_uuid(b, &p->id);
	buf_putc(b, ',');
	q_str(b, p->title);
	buf_putc(b, ',');
	if (p->field)
		buf_printf(b, "%u", (unsigned)p->field);
	else
		buf_puts(b, "NULL");
	buf_putc(b, ',');
	q_phase(b, p->phase);
	buf_putc(b, ',');
	q_phase(b, p->priority);
	buf_putc(b, ',');
	if (lead)
		q_org(b, q->c, &lead->org);
	else
		buf_puts(b, "NULL");
	buf_putc(b, ',');
	q_str(b, p->notes);
	buf_printf(b, ",%d,", p->demo ? 1 : 0);
	q_time(b, p->created);
	buf_putc(b, ',');
	q_str(b, p->created_by);
	buf_putc(b, ',');
	q_time(b, p->updated);
	buf_putc(b, ',');
	q_str(b, p->updated_by);
	buf_printf(b, ",%u);\n", (unsigned)p->version);
	for (size_t i = 0; i < p->n_dates; i++) {
		buf_printf(b, "INSERT INTO project_dates VALUES (%u,%u,", (unsigned)p->number,
			   (unsigned)p->dates[i].phase);
		q_date(b, p->dates[i].planned);
		buf_putc(b, ',');
		q_date(b, p->dates[i].reached);
		buf_puts(b, ");\n");
	}
	for (size_t i = 0; i < p->n_services; i++)
		buf_printf(b, "INSERT INTO project_services VALUES (%u,%u,%zu);\n", (unsigned)p->number,
			   (unsigned)p->services[i], i);
	for (size_t i = 0; i < p->n_team; i++)
		buf_printf(b, "INSERT INTO team VALUES (%u,%u,'%s',%zu);\n", (unsigned)p->number,
			   org_id(q->c, &p->team[i].org), role_code(p->team[i].role), i);
	for (size_t i = 0; i < p->n_interested; i++)
		buf_printf(b, "INSERT INTO interest VALUES (%u,%u,%zu);\n", (unsigned)p->number,
			   org_id(q->c, &p->interested[i]), i);
	for (size_t i = 0; i < p->n_ministries; i++)
		buf_printf(b, "INSERT INTO project_ministries VALUES (%u,%u,%zu);\n", (unsigned)p->number,
			   org_id(q->c, &p->ministries[i]), i);
	const struct strv *texts[] = { &p->departments, &p->components, &p->solutions };
	static const char *const kinds[] = { "department", "component", "solution" };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < texts[k]->n; i++) {
			buf_printf(b, "INSERT INTO project_texts VALUES (%u,'%s',%zu,", (unsigned)p->number,
				   kinds[k], i);
			q_str(b, texts[k]->v[i]);
			buf_puts(b, ");\n");
		}
	sql_flush(q);
	return 0;
}

static int sql_workshop(const struct workshop *w, void *arg)
{
	struct sql *q = arg;
	struct buf *b = &q->b;
	xgrow((void **)&q->workshops, &q->cap_workshops, q->n_workshops + 1, sizeof(*q->workshops));
	q->workshops[q->n_workshops++] = w->id;
	size_t id = q->n_workshops;
	buf_printf(b, "INSERT INTO workshops VALUES (%zu,", id);
	q_uuid(b, &w->id);
	buf_printf(b, ",%u,", (unsigned)w->field);
	q_date(b, w->date);
	buf_putc(b, ',');
	q_str(b, w->title);
	buf_putc(b, ',');
	q_str(b, w->place);
	buf_printf(b, ",%u,", (unsigned)w->head_count);
	q_str(b, w->notes);
	buf_printf(b, ",%d,", w->demo ? 1 : 0);
	q_time(b, w->created);
	buf_putc(b, ',');
	q_time(b, w->updated);
	buf_printf(b, ",%u);\n", (unsigned)w->version);
	for (size_t i = 0; i < w->n_participants; i++)
		buf_printf(b, "INSERT INTO workshop_participants VALUES (%zu,%u,%zu);\n", id,
			   org_id(q->c, &w->participants[i]), i);
	sql_flush(q);
	return 0;
}

static size_t workshop_id(const struct sql *q, const struct uuid *u)
{
	for (size_t i = 0; i < q->n_workshops; i++)
		if (uuid_cmp(&q->workshops[i], u) == 0)
			return i + 1;
	return 0;
}

/* Outcomes name projects by UUID; the SQL side by number, found with a subquery
 * would be slow to load: the generator knows the number from the UUID index. */
struct sql_outcome_ctx {
	struct sql *q;
	struct txn *t;
};

static int sql_outcome(const struct outcome *o, void *arg)
{
	struct sql_outcome_ctx *oc = arg;
	struct sql *q = oc->q;
	struct buf *b = &q->b;
	uint32_t id = ++q->outcome_id;
	size_t w = uuid_is_nil(&o->workshop) ? 0 : workshop_id(q, &o->workshop);
	buf_printf(b, "INSERT INTO outcomes VALUES (%u,", (unsigned)id);
	q_uuid(b, &o->id);
	if (w)
		buf_printf(b, ",%zu,", w);
	else
		buf_puts(b, ",NULL,");
	q_str(b, outcome_kind_code(o->kind));
	buf_putc(b, ',');
	q_str(b, o->text);
	buf_putc(b, ',');
	q_str(b, o->owner);
	buf_putc(b, ',');
	q_date(b, o->due);
	buf_putc(b, ',');
	q_str(b, outcome_status_code(o->status));
	buf_printf(b, ",%d,", o->demo ? 1 : 0);
	q_time(b, o->created);
	buf_putc(b, ',');
	q_time(b, o->updated);
	buf_printf(b, ",%u);\n", (unsigned)o->version);
	for (size_t i = 0; i < o->n_projects; i++) {
		struct project p;
		project_init(&p);
		if (store_project_get(oc->t, &o->projects[i], &p) == STATUS_OK)
			buf_printf(b, "INSERT INTO outcome_projects VALUES (%u,%u,%zu);\n", (unsigned)id,
				   (unsigned)p.number, i);
		project_fini(&p);
	}
	for (size_t i = 0; i < o->n_orgs; i++)
		buf_printf(b, "INSERT INTO outcome_orgs VALUES (%u,%u,%zu);\n", (unsigned)id,
			   org_id(q->c, &o->orgs[i]), i);
	for (size_t i = 0; i < o->n_services; i++)
		buf_printf(b, "INSERT INTO outcome_services VALUES (%u,%u,%zu);\n", (unsigned)id,
			   (unsigned)o->services[i], i);
	sql_flush(q);
	return 0;
}

static int sql_history(const struct history_entry *e, void *arg)
{
	struct sql *q = arg;
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "INSERT INTO history VALUES (%llu,", (unsigned long long)e->seq);
	q_time(&b, e->time);
	buf_putc(&b, ',');
	q_str(&b, e->user);
	buf_putc(&b, ',');
	q_str(&b, e->entity);
	buf_putc(&b, ',');
	q_uuid(&b, &e->entity_id);
	buf_putc(&b, ',');
	if (e->project_number)
		buf_printf(&b, "%u", (unsigned)e->project_number);
	else
		buf_puts(&b, "NULL");
	buf_putc(&b, ',');
	q_str(&b, e->action);
	buf_putc(&b, ',');
	q_str(&b, e->summary);
	buf_putc(&b, ',');
	q_phase(&b, e->from_phase);
	buf_putc(&b, ',');
	q_phase(&b, e->to_phase);
	buf_putc(&b, ',');
	q_str(&b, e->reason);
	buf_printf(&b, ",%d);\n", e->forced ? 1 : 0);
	/* strv copies; take the buffer's text instead of copying twice */
	xgrow((void **)&q->history.v, &q->history.cap, q->history.n + 1, sizeof(*q->history.v));
	q->history.v[q->history.n++] = buf_steal(&b);
	return 0;
}

static enum status write_sql(struct store *s, const struct catalog *c, const char *path)
{
	struct sql q = { .c = c };
	struct txn *t = NULL;
	enum status st = STATUS_OK;
	buf_init(&q.b);
	strv_init(&q.history);
	q.f = fopen(path, "w");
	if (!q.f)
		return status_fail(STATUS_CANT_WRITE, "cannot create %s: %s", path, strerror(errno));
	fputs(sql_schema, q.f);
	struct buf *b = &q.b;
	for (size_t i = 0; i < c->phases.n; i++) {
		const struct phase *ph = &c->phases.v[i];
		buf_printf(b, "INSERT INTO phases VALUES (%u,%zu,", (unsigned)ph->id, i);
		q_str(b, ph->slug);
		buf_putc(b, ',');
		q_str(b, ph->name);
		buf_printf(b, ",%d,%d);\n", ph->outside_line, ph->closed);
	}
	const struct phase *gs = catalog_phase(c, c->settings.gate_scope_phase);
	const struct phase *gt = catalog_phase(c, c->settings.gate_team_phase);
	buf_printf(b, "INSERT INTO settings VALUES ('rep_policy','%s');\n",
		   c->settings.rep_policy == REP_ALL ? "all" : "span");
	buf_puts(b, "INSERT INTO settings VALUES ('gate_scope_phase',");
	q_str(b, gs ? gs->slug : NULL);
	buf_puts(b, ");\nINSERT INTO settings VALUES ('gate_team_phase',");
	q_str(b, gt ? gt->slug : NULL);
	buf_puts(b, ");\n");
	for (size_t i = 0; i < c->n_fields; i++) {
		const struct topic_field *f = &c->fields[i];
		buf_printf(b, "INSERT INTO fields VALUES (%u,", (unsigned)f->number);
		q_str(b, f->slug);
		buf_putc(b, ',');
		q_str(b, f->name);
		buf_putc(b, ',');
		q_str(b, f->alt_name);
		buf_putc(b, ',');
		q_str(b, f->sponsor);
		buf_printf(b, ",%u);\n", (unsigned)f->version);
	}
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		buf_printf(b, "INSERT INTO orgs VALUES (%zu,", i + 1);
		q_uuid(b, &o->id);
		buf_putc(b, ',');
		q_str(b, org_kind_code(o->kind));
		buf_putc(b, ',');
		q_str(b, o->name);
		buf_putc(b, ',');
		q_str(b, o->ags);
		buf_putc(b, ',');
		q_str(b, o->category ? category_code(o->category) : NULL);
		buf_putc(b, ',');
		q_str(b, o->legal_type);
		buf_printf(b, ",%u,", (unsigned)o->population);
		q_str(b, o->county_ags);
		buf_putc(b, ',');
		q_str(b, o->size_class);
		buf_putc(b, ',');
		q_str(b, o->region);
		buf_printf(b, ",%d,%u);\n", o->demo, (unsigned)o->version);
	}
	for (size_t i = 0; i < c->n_services; i++) {
		const struct service *sv = &c->services[i];
		struct buf cats;
		buf_init(&cats);
		category_mask_format(&cats, sv->categories);
		buf_printf(b, "INSERT INTO services VALUES (%u,", (unsigned)sv->ozg_id);
		q_str(b, sv->name);
		buf_putc(b, ',');
		if (sv->field)
			buf_printf(b, "%u", (unsigned)sv->field);
		else
			buf_puts(b, "NULL");
		buf_putc(b, ',');
		q_str(b, sv->life_situation);
		buf_putc(b, ',');
		q_str(b, cats.data ? cats.data : "");
		buf_printf(b, ",%u);\n", (unsigned)sv->version);
		buf_fini(&cats);
	}
	sql_flush(&q);

	if ((st = store_read_begin(s, &t)) != STATUS_OK)
		goto out;
	if ((st = store_project_each(t, sql_project, &q)) != STATUS_OK)
		goto out;
	if ((st = store_workshop_each(t, sql_workshop, &q)) != STATUS_OK)
		goto out;
	struct sql_outcome_ctx oc = { .q = &q, .t = t };
	if ((st = store_outcome_each(t, sql_outcome, &oc)) != STATUS_OK)
		goto out;
	if ((st = store_history_each(t, 0, sql_history, &q)) != STATUS_OK)
		goto out;
	/* oldest first, as a dump writes them */
	for (size_t i = q.history.n; i-- > 0;)
		fputs(q.history.v[i], q.f);
	fputs(sql_indexes, q.f);
	if (fflush(q.f) != 0 || ferror(q.f))
		st = status_fail(STATUS_IO, "cannot write %s: %s", path, strerror(errno));
out:
	store_txn_end(t);
	if (fclose(q.f) != 0 && st == STATUS_OK)
		st = status_fail(STATUS_IO, "cannot write %s: %s", path, strerror(errno));
	strv_fini(&q.history);
	free(q.workshops);
	buf_fini(&q.b);
	return st;
}

/* ---- main -------------------------------------------------------------------- */

static void rmtree_db(const char *dir)
{
	char *p = xasprintf("%s/data.mdb", dir);
	unlink(p);
	free(p);
	p = xasprintf("%s/lock.mdb", dir);
	unlink(p);
	free(p);
	rmdir(dir);
}

static enum status export_json(struct store *s, const char *path)
{
	struct txn *t = NULL;
	enum status st;
	FILE *f = fopen(path, "w");
	if (!f)
		return status_fail(STATUS_CANT_WRITE, "cannot create %s: %s", path, strerror(errno));
	if ((st = store_read_begin(s, &t)) == STATUS_OK)
		st = jsonio_export(t, f);
	store_txn_end(t);
	if (fclose(f) != 0 && st == STATUS_OK)
		st = status_fail(STATUS_IO, "cannot write %s: %s", path, strerror(errno));
	return st;
}

static int usage(void)
{
	fputs("usage: ozgtui-bench-gen N DIR [SEED] [--keep-db]\n"
	      "Writes DIR/ozgtui.json and DIR/sqlite.sql with N generated projects;\n"
	      "--keep-db keeps the ozgtui database they were read from as DIR/ozgtui-db.\n",
	      stderr);
	return 64;
}

int main(int argc, char **argv)
{
	uint32_t n, seed = 1;
	bool keep = false;
	if (argc > 3 && strcmp(argv[argc - 1], "--keep-db") == 0) {
		keep = true;
		argc--;
	}
	if (argc < 3 || argc > 4 || !parse_u32(argv[1], &n) || n == 0 || (argc == 4 && !parse_u32(argv[3], &seed)))
		return usage();
	const char *dir = argv[2];
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "ozgtui-bench-gen: cannot create %s: %s\n", dir, strerror(errno));
		return 73;
	}
	/* the export's "exported_at": the reference day, so that files compare */
	setenv("OZGTUI_NOW", "2026-03-01T08:00:00Z", 1);
	rng_state = seed * 0x2545f4914f6cdd1dull + 1;

	char *db = xasprintf("%s/.gen-db", dir);
	char *json = xasprintf("%s/ozgtui.json", dir);
	char *sql = xasprintf("%s/sqlite.sql", dir);
	struct store *s = NULL;
	struct catalog c;
	struct gen g = { .n = n };
	struct txn *t = NULL;
	enum status st;
	catalog_init(&c);
	strv_init(&g.components);
	rmtree_db(db);
	/* big enough that the one write transaction never has to start again */
	store_set_initial_map_size((size_t)64 << 20 | (size_t)n * 24 * 1024);
	if ((st = store_open(db, STORE_CREATE, &s)) != STATUS_OK)
		goto out;
	if ((st = store_write(s, gen_seed, NULL)) != STATUS_OK)
		goto out;
	if ((st = store_write(s, gen_ministries, &g)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(s, &t)) != STATUS_OK)
		goto out;
	st = catalog_load(&c, t);
	store_txn_end(t);
	t = NULL;
	if (st != STATUS_OK)
		goto out;
	if ((st = refdata_column("nrw_basiskomponenten.csv", "name", &g.components)) != STATUS_OK)
		goto out;
	g.c = &c;
	gen_pools(&g);
	g.ids = xcalloc(n, sizeof(*g.ids));
	g.titles = xcalloc(n, sizeof(*g.titles));
	g.field_of = xcalloc(n, sizeof(*g.field_of));
	for (uint32_t i = 0; i < n; i++)
		rng_uuid(&g.ids[i]);
	progress_enable();
	progress_begin(&gen_progress, "generate", "projects", n);
	st = store_write(s, gen_projects, &g);
	progress_end(&gen_progress);
	if (st != STATUS_OK)
		goto out;
	if ((st = export_json(s, json)) != STATUS_OK)
		goto out;
	st = write_sql(s, &c, sql);
out:
	if (st != STATUS_OK) {
		const char *d = status_detail();
		fprintf(stderr, "ozgtui-bench-gen: %s\n", d[0] ? d : status_message(st));
	}
	catalog_fini(&c);
	store_close(s);
	char *kept = xasprintf("%s/ozgtui-db", dir);
	rmtree_db(kept);
	if (!keep || st != STATUS_OK || rename(db, kept) != 0)
		rmtree_db(db);
	free(kept);
	for (size_t k = 0; k <= CAT__MAX; k++)
		free(g.orgs[k]);
	for (size_t k = 0; k < 256; k++)
		free(g.services[k]);
	for (uint32_t i = 0; g.titles && i < n; i++)
		free(g.titles[i]);
	free(g.titles);
	free(g.field_of);
	free(g.ids);
	free(g.ev);
	strv_fini(&g.components);
	free(db);
	free(json);
	free(sql);
	return status_exit_code(st);
}
