/* demo_workshops.c - the sample's workshops, outcomes and topic sponsors
 * (`init --demo`, see demo.c): initial workshops per topic field answering
 * seed 001's three questions, their outcomes, the decisions of projects past
 * the decision phase and the volunteers that become interested. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_internal.h"
#include "ozgtui/workshops.h"

static const char *const variants[] = {
	"Nachnutzung des Einer-für-Alle-Dienstes",
	"gemeinsame Eigenentwicklung im KDN-Verbund",
	"Anbindung der vorhandenen Fachverfahren über das Kommunalportal.NRW",
	"Ausschreibung einer gemeinsamen Lösung",
};
static const char *const places[] = {
	"Köln, KDN-Geschäftsstelle", "Lemgo, krz", "Siegburg, civitec", "Münster, citeq",
	"Düsseldorf", "Videokonferenz",
};
/* Topic fields that get an initial workshop when no unrepresentative project
 * asks for one first. */
static const uint16_t workshop_fields[] = {2, 6, 9, 14, 5, 1};
#define N_WORKSHOPS 6

static void add_uuid(struct uuid **v, size_t *n, const struct uuid *u)
{
	for (size_t i = 0; i < *n; i++)
		if (uuid_cmp(&(*v)[i], u) == 0)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *u;
}

/* Sample workshops and outcomes are dated as if recorded on the day they
 * happened (noon, a second apart in the order written), so that their short
 * indexes (creation order, workshops.h) follow the calendar. */
static int64_t recorded_at(struct gen *g, int32_t day)
{
	return (int64_t)day * 86400 + 12 * 3600 + (int64_t)(g->n_outcomes + g->n_workshops);
}

static enum status put_recorded_outcome(struct gen *g, struct outcome *o)
{
	o->version = 1;
	o->created = o->updated = recorded_at(g, g->record_day ? g->record_day : g->today);
	return store_outcome_restore(g->t, o);
}

static enum status put_recorded_workshop(struct gen *g, struct workshop *w)
{
	w->version = 1;
	w->created = w->updated = recorded_at(g, w->date);
	return store_workshop_restore(g->t, w);
}

static enum status put_outcome(struct gen *g, const struct uuid *workshop, enum outcome_kind kind,
			       char *text, const char *owner, int32_t due, enum outcome_status status,
			       const struct plan *const *pls, size_t n_pls, const struct uuid *orgs,
			       size_t n_orgs)
{
	struct outcome o;
	outcome_init(&o);
	demo_uuid(g, &o.id, "outcome", g->n_outcomes++);
	if (workshop)
		o.workshop = *workshop;
	o.kind = kind;
	o.text = text;   /* taken */
	o.owner = owner ? xstrdup(owner) : NULL;
	o.due = due;
	o.status = status;
	for (size_t i = 0; i < n_pls; i++) {
		add_uuid(&o.projects, &o.n_projects, &pls[i]->p.id);
		for (size_t k = 0; k < pls[i]->p.n_services; k++) {
			o.services = xrealloc(o.services, (o.n_services + 1) * sizeof(*o.services));
			o.services[o.n_services++] = pls[i]->p.services[k];
		}
	}
	for (size_t i = 0; i < n_orgs; i++)
		add_uuid(&o.orgs, &o.n_orgs, &orgs[i]);
	o.demo = true;
	enum status st = put_recorded_outcome(g, &o);
	outcome_fini(&o);
	return st;
}

/* Decisions of the committees for every project past its decision phase. */
enum status demo_write_decisions(struct gen *g, struct plan *plans, size_t n)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < n; i++) {
		const struct plan *pl = &plans[i];
		if (!pl->decided)
			continue;
		char *text = xasprintf("Beschluss: „%s“ wird als gemeinsame Lösung für die Kommunen "
				       "umgesetzt (Variante: %s).",
				       pl->p.title, variants[rng_below(g, ARRAY_LEN(variants))]);
		/* recorded when the project reached its decision phase */
		const struct phase_date *d = g->decide < g->n_line ? project_date_const(&pl->p, g->line[g->decide])
								   : NULL;
		g->record_day = d && d->reached ? d->reached : g->today;
		st = put_outcome(g, NULL, OUTCOME_DECISION, text, DECIDER, 0, OUTCOME_STATUS_DONE, &pl, 1,
				 NULL, 0);
	}
	return st;
}

/* Makes the volunteers of an outcome interested in its project, as
 * workshops_outcome_add does for a coordinator (workshops.h). The projects
 * are written afterwards, so the interest is part of their creation (with
 * its history entry, see write_project). */
static void volunteer_interest(struct plan *pl, const struct uuid *orgs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (project_member(&pl->p, &orgs[i]) || project_is_interested(&pl->p, &orgs[i]))
			continue;
		project_add_interest(&pl->p, &orgs[i]);
		if (pl->n_volunteers < ARRAY_LEN(pl->volunteers))
			pl->volunteers[pl->n_volunteers++] = orgs[i];
	}
}

/* Volunteers of category cat for the plan's project (up to 2); their names
 * joined with " und " into names. */
static size_t pick_volunteers(struct gen *g, const struct plan *target, enum category cat, struct uuid vol[2],
			      struct buf *names)
{
	size_t nv = 0;
	for (size_t tries = 0; nv < 2 && tries < 4; tries++) {
		const struct organisation *o = demo_pick_org(g, target, cat);
		bool dup = o && nv && uuid_cmp(&vol[0], &o->id) == 0;
		if (!o || dup)
			continue;
		vol[nv++] = o->id;
		buf_printf(names, "%s%s", names->len ? " und " : "", o->name);
	}
	return nv;
}

/* The sponsors (Themenpaten, seed 003): who keeps the delivering categories of
 * a field's services. Roles and organisations, no persons' names; a few
 * fields have none yet. Indexed by field number. */
static const char *const sponsors[15] = {
	[1] = "Themenpatin: Sozialamt Kreis Lippe (Facharbeitsgruppe OZG des krz)",
	[2] = "Themenpate: Bauaufsicht Kreis Minden-Lübbecke (Facharbeitsgruppe OZG des krz)",
	[3] = "Themenpatin: Schulverwaltungsamt Stadt Münster (citeq)",
	[4] = "Themenpate: Ausländerbehörde Rhein-Sieg-Kreis (civitec)",
	[5] = "Themenpatenschaft: Ordnungsamt Stadt Paderborn (GKD Paderborn)",
	[6] = "Themenpatin: Jugendamt Kreis Herford (Facharbeitsgruppe OZG des krz)",
	[8] = "Themenpate: Gesundheitsamt Kreis Recklinghausen (GKD Recklinghausen)",
	[9] = "Themenpate: Straßenverkehrsamt Kreis Gütersloh (Facharbeitsgruppe OZG des krz)",
	[10] = "Themenpatenschaft: KDN-Kompetenzzentrum Digitalisierung",
	[11] = "Themenpate: Ordnungsamt Stadt Aachen (regio iT)",
	[14] = "Themenpatin: Gewerbeamt Stadt Düsseldorf (ITK Rheinland)",
};

enum status demo_write_sponsors(struct gen *g, size_t *n)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < g->c->n_fields; i++) {
		const struct topic_field *f = &g->c->fields[i];
		const char *who = f->number < ARRAY_LEN(sponsors) ? sponsors[f->number] : NULL;
		if (!who || f->sponsor)
			continue;   /* never over what someone recorded */
		struct topic_field copy;
		topic_field_init(&copy);
		topic_field_copy(&copy, f);
		copy.sponsor = xstrdup(who);
		st = store_field_put(g->t, &copy);
		if (st == STATUS_OK) {
			struct history_entry e;
			history_entry_init(&e);
			e.entity = xstrdup("field");
			e.action = xstrdup("sponsor");
			e.summary = xasprintf("field %u %s: sponsor '' → '%s' (sample data)", (unsigned)f->number,
					      f->name ? f->name : "", who);
			st = store_history_add(g->t, &e);
			history_entry_fini(&e);
			(*n)++;
		}
		topic_field_fini(&copy);
	}
	return st;
}

#define GUIDING_QUESTIONS "Leitfragen: Womit fangen wir an? Was können wir bündeln? " \
			  "Wer interessiert sich für eine Mitarbeit?"

/* The workshops of one field: the initial one answering the three questions
 * of seed 001 (a priority, a bundle, volunteers, an open question, an action
 * item), and for the first fields a follow-up that chose the variant. */
static enum status field_workshops(struct gen *g, size_t w, const struct topic_field *f, struct plan **in,
				   size_t m, struct plan *unrep, const struct plan *top)
{
	struct workshop ws;
	workshop_init(&ws);
	demo_uuid(g, &ws.id, "workshop", w);
	ws.field = f->number;
	ws.date = g->today - 150 - (int32_t)rng_below(g, 350);
	ws.title = xasprintf("Initialer Workshop Themenfeld %s", f->name);
	ws.place = xstrdup(places[w % ARRAY_LEN(places)]);
	for (size_t i = 0; i < m; i++)
		for (size_t k = 0; k < in[i]->p.n_team && ws.n_participants < 12; k++)
			add_uuid(&ws.participants, &ws.n_participants, &in[i]->p.team[k].org);
	ws.head_count = (uint32_t)(2 * ws.n_participants + rng_below(g, 12));
	ws.notes = xstrdup(GUIDING_QUESTIONS " — " NOTE);
	ws.demo = true;
	struct uuid wid = ws.id;
	int32_t wdate = ws.date;
	g->record_day = wdate;
	enum status st = put_recorded_workshop(g, &ws);
	workshop_fini(&ws);
	if (st != STATUS_OK)
		return st;
	g->n_workshops++;

	/* Womit fangen wir an? */
	st = put_outcome(g, &wid, OUTCOME_PRIORITY,
			 xasprintf("Womit fangen wir an? Mit „%s“: hohe Fallzahlen, Breitenwirkung "
				   "(Priorität 1 im Themenfeld %s).", top->p.title, f->name),
			 NULL, 0, OUTCOME_STATUS_DONE, &top, 1, NULL, 0);
	const struct plan *second = NULL;
	for (size_t i = 0; i < m && !second; i++)
		if (in[i] != top && in[i] != unrep)
			second = in[i];
	if (st == STATUS_OK && second && m >= 3)
		st = put_outcome(g, &wid, OUTCOME_PRIORITY,
				 xasprintf("Womit fangen wir an? Danach „%s“ (Priorität 2), sobald die "
					   "Einer-für-Alle-Lösung geprüft ist.", second->p.title),
				 NULL, 0, OUTCOME_STATUS_OPEN, &second, 1, NULL, 0);
	/* Was können wir bündeln? */
	if (st == STATUS_OK && m >= 2) {
		const struct plan *pair[2] = {in[0], in[1]};
		st = put_outcome(g, &wid, OUTCOME_BUNDLE,
				 xasprintf("Was können wir bündeln? „%s“ und „%s“ gemeinsam konzipieren "
					   "(gleiche Fachämter, gleiche Fachverfahren).",
					   in[0]->p.title, in[1]->p.title),
				 NULL, 0, OUTCOME_STATUS_OPEN, pair, 2, NULL, 0);
	}
	/* Wer interessiert sich für eine Mitarbeit? Those of the missing
	 * category of an unrepresentative team, else villages. */
	if (st == STATUS_OK) {
		struct plan *target = unrep ? unrep : in[rng_below(g, (uint32_t)m)];
		enum category cat = unrep ? unrep->dropped : CAT_MUNICIPALITY;
		struct uuid vol[2];
		struct buf names;
		buf_init(&names);
		size_t nv = pick_volunteers(g, target, cat, vol, &names);
		if (nv) {
			st = put_outcome(g, &wid, OUTCOME_VOLUNTEER,
					 xasprintf("Wer interessiert sich für eine Mitarbeit? %s möchte%s bei "
						   "„%s“ mitarbeiten.", names.data, nv > 1 ? "n" : "",
						   target->p.title),
					 NULL, 0, OUTCOME_STATUS_OPEN, (const struct plan *const[]){target}, 1, vol, nv);
			if (st == STATUS_OK)
				volunteer_interest(target, vol, nv);
		}
		buf_fini(&names);
	}
	if (st == STATUS_OK)
		st = put_outcome(g, &wid, OUTCOME_QUESTION,
				 xstrdup("Offene Frage: Welche Fachverfahren sind in den Kommunen im Einsatz, "
					 "und bieten die Hersteller eine XÖV-Schnittstelle an?"),
				 NULL, 0, w % 3 == 1 ? OUTCOME_STATUS_DONE : OUTCOME_STATUS_OPEN, (const struct plan *const[]){in[0]}, 1, NULL, 0);
	if (st == STATUS_OK) {
		const struct plan *pl = in[m - 1];
		const struct member *lead = project_lead(&pl->p);
		bool overdue = w == 0 || w == 2;
		int32_t due = overdue ? g->today - 14 - (int32_t)rng_below(g, 30)
				      : wdate + 60 + (int32_t)rng_below(g, 240);
		enum outcome_status status = overdue || due >= g->today ? OUTCOME_STATUS_OPEN
									 : OUTCOME_STATUS_DONE;
		st = put_outcome(g, &wid, OUTCOME_ACTION,
				 xasprintf("Aufgabe: Vorhandene Online-Formulare und Fachverfahren zu „%s“ bei "
					   "den Teamkommunen erheben und an die Koordination senden.", pl->p.title),
				 lead ? demo_org_name(g, &lead->org) : f->name, due, status, &pl, 1, NULL, 0);
	}
	if (st != STATUS_OK || w >= 3 || m < 2)
		return st;

	/* The follow-up: the variant is chosen, the bundle is detailed. */
	workshop_init(&ws);
	demo_uuid(g, &ws.id, "workshop-followup", w);
	ws.field = f->number;
	ws.date = wdate + 70 + (int32_t)rng_below(g, 60);
	if (ws.date > g->today - 20)
		ws.date = g->today - 20;
	ws.title = xasprintf("Folgeworkshop Themenfeld %s: Umsetzungsvariante", f->name);
	ws.place = xstrdup(w == 1 ? "Videokonferenz" : places[(w + 2) % ARRAY_LEN(places)]);
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k < in[i]->p.n_team; k++)
			add_uuid(&ws.participants, &ws.n_participants, &in[i]->p.team[k].org);
	ws.head_count = (uint32_t)(ws.n_participants + 2 + rng_below(g, 6));
	ws.notes = xstrdup("Vergleich der Umsetzungsvarianten für die gebündelten Projekte. " NOTE);
	ws.demo = true;
	struct uuid fid = ws.id;
	int32_t fdate = ws.date;
	g->record_day = fdate;
	st = put_recorded_workshop(g, &ws);
	workshop_fini(&ws);
	if (st != STATUS_OK)
		return st;
	g->n_workshops++;

	const struct plan *a = in[0];
	struct plan *b = in[1];
	const char *variant = variants[rng_below(g, ARRAY_LEN(variants))];
	/* The workshop recommends; the committees decide (write_decisions):
	 * a recommendation for a project already decided is a decision too. */
	const struct plan *decided = a->decided ? a : b->decided ? b : NULL;
	if (decided)
		st = put_outcome(g, &fid, OUTCOME_DECISION,
				 xasprintf("Entscheidung: „%s“ wird als %s umgesetzt; die Teamkommunen "
					   "stimmen zu.", decided->p.title, variant),
				 DECIDER, 0, OUTCOME_STATUS_DONE, &decided, 1, NULL, 0);
	else
		st = put_outcome(g, &fid, OUTCOME_QUESTION,
				 xasprintf("Offene Frage: Eigenentwicklung oder %s für „%s“? Die Entscheidung "
					   "fällt im Lenkungsausschuss.", variant, a->p.title),
				 NULL, 0, OUTCOME_STATUS_OPEN, &a, 1, NULL, 0);
	/* A bundle of services rather than projects. */
	if (st == STATUS_OK && a->p.n_services && b->p.n_services) {
		struct outcome o;
		outcome_init(&o);
		demo_uuid(g, &o.id, "outcome", g->n_outcomes++);
		o.workshop = fid;
		o.kind = OUTCOME_BUNDLE;
		o.text = xasprintf("Was können wir bündeln? Die Leistungen %u und %u in einem gemeinsamen "
				   "Online-Antrag anbieten.", (unsigned)a->p.services[0], (unsigned)b->p.services[0]);
		o.status = OUTCOME_STATUS_OPEN;
		o.services = xcalloc(2, sizeof(*o.services));
		o.services[o.n_services++] = a->p.services[0];
		if (b->p.services[0] != a->p.services[0])
			o.services[o.n_services++] = b->p.services[0];
		o.demo = true;
		st = put_recorded_outcome(g, &o);
		outcome_fini(&o);
	}
	/* A county offers itself as a pilot. */
	if (st == STATUS_OK) {
		struct uuid vol[2];
		struct buf names;
		buf_init(&names);
		const struct organisation *k = demo_pick_org(g, b, CAT_COUNTY);
		if (k) {
			vol[0] = k->id;
			buf_puts(&names, k->name);
			st = put_outcome(g, &fid, OUTCOME_VOLUNTEER,
					 xasprintf("Wer interessiert sich für eine Mitarbeit? %s bietet sich als "
						   "Pilotkommune für „%s“ an.", names.data, b->p.title),
					 NULL, 0, OUTCOME_STATUS_OPEN, (const struct plan *const[]){b}, 1, vol, 1);
			if (st == STATUS_OK)
				volunteer_interest(b, vol, 1);
		}
		buf_fini(&names);
	}
	if (st == STATUS_OK) {
		const struct member *lead = project_lead(&a->p);
		bool overdue = w == 1;
		st = put_outcome(g, &fid, OUTCOME_ACTION,
				 xasprintf("Aufgabe: Variantenvergleich und Protokoll zu „%s“ an die "
					   "Teamkommunen versenden.", a->p.title),
				 lead ? demo_org_name(g, &lead->org) : f->name, overdue ? g->today - 7 : fdate + 14,
				 overdue ? OUTCOME_STATUS_OPEN : OUTCOME_STATUS_DONE, &a, 1, NULL, 0);
	}
	if (st == STATUS_OK)
		st = put_outcome(g, &fid, OUTCOME_ACTION,
				 xasprintf("Aufgabe: Kostenschätzung für „%s“ dem Lenkungsausschuss vorlegen.",
					   b->p.title),
				 "KDN-Kompetenzzentrum Digitalisierung", g->today + 30 + (int32_t)rng_below(g, 60),
				 OUTCOME_STATUS_OPEN, (const struct plan *const[]){b}, 1, NULL, 0);
	if (st == STATUS_OK)
		st = put_outcome(g, &fid, OUTCOME_QUESTION,
				 xstrdup("Offene Frage: Eigene Bezahlschnittstelle je Kommune? Verworfen: "
					 "alle nutzen ePayBL."),
				 NULL, 0, OUTCOME_STATUS_DROPPED, &a, 1, NULL, 0);
	return st;
}

/* Workshops for the chosen fields: those of unrepresentative teams first (so
 * that volunteers can fill the gaps), then the fields of workshop_fields. */
enum status demo_write_workshops(struct gen *g, struct plan *plans, size_t n)
{
	uint16_t fields[N_WORKSHOPS];
	size_t nf = 0;
	for (size_t i = 0; i < n && nf < N_WORKSHOPS / 2; i++) {
		bool have = false;
		for (size_t k = 0; k < nf; k++)
			have |= fields[k] == plans[i].p.field;
		if (plans[i].non_rep && !have)
			fields[nf++] = plans[i].p.field;
	}
	for (size_t i = 0; i < ARRAY_LEN(workshop_fields) && nf < N_WORKSHOPS; i++) {
		bool have = false;
		for (size_t k = 0; k < nf; k++)
			have |= fields[k] == workshop_fields[i];
		if (!have && catalog_field(g->c, workshop_fields[i]))
			fields[nf++] = workshop_fields[i];
	}

	enum status st = STATUS_OK;
	for (size_t w = 0; st == STATUS_OK && w < nf; w++) {
		const struct topic_field *f = catalog_field(g->c, fields[w]);
		struct plan *in[32];
		size_t m = 0;
		struct plan *unrep = NULL, *top = NULL;
		for (size_t i = 0; i < n && m < ARRAY_LEN(in); i++) {
			if (plans[i].p.field != fields[w])
				continue;
			in[m++] = &plans[i];
			if (plans[i].non_rep && !unrep)
				unrep = &plans[i];
			if (!top || plans[i].p.priority > top->p.priority)
				top = &plans[i];
		}
		if (f && m)
			st = field_workshops(g, w, f, in, m, unrep, top);
	}
	return st;
}

