/* rules.c - the domain rules as pure functions (see ../shared/DOMAIN.md). */
#include "ozgtui/rules.h"
#include "ozgtui/i18n.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Categories 1-4, the ordered municipality types of the span rule. */
#define CAT_LINE_MASK CAT_DEFAULT_DELIVERY
#define CAT_ALL_MASK (CAT_LINE_MASK | CAT_BIT(CAT_COUNTY))

uint32_t rules_required_categories(uint32_t delivering, enum rep_policy policy)
{
	delivering &= CAT_ALL_MASK;
	if (policy == REP_ALL)
		return delivering;

	uint32_t req = 0;
	for (int c = CAT_MUNICIPALITY; c <= CAT_CITY; c++) {
		if (delivering & CAT_BIT(c)) {
			req |= CAT_BIT(c);
			break;
		}
	}
	for (int c = CAT_CITY; c >= CAT_MUNICIPALITY; c--) {
		if (delivering & CAT_BIT(c)) {
			req |= CAT_BIT(c);
			break;
		}
	}
	return req | (delivering & CAT_BIT(CAT_COUNTY));
}

struct team_verdict rules_team_verdict(uint32_t delivering, uint32_t present, enum rep_policy policy)
{
	struct team_verdict v = {0};
	v.delivering = delivering & CAT_ALL_MASK;
	v.required = rules_required_categories(delivering, policy);
	v.present = present & CAT_ALL_MASK;
	v.missing = v.required & ~v.present;
	v.representative = v.missing == 0;
	return v;
}

/* The union of the delivering categories of p's services found in c; services
 * missing from the catalog are ignored, and when none is known the default
 * (categories 1-4) applies, as for a service nobody has described. */
static uint32_t project_delivery(const struct catalog *c, const struct project *p)
{
	uint32_t mask = 0;
	for (size_t i = 0; i < p->n_services; i++) {
		const struct service *s = catalog_service(c, p->services[i]);
		if (s)
			mask |= service_delivery(s);
	}
	mask &= CAT_ALL_MASK;
	return mask ? mask : CAT_DEFAULT_DELIVERY;
}

static uint32_t team_categories(const struct catalog *c, const struct project *p)
{
	uint32_t mask = 0;
	for (size_t i = 0; i < p->n_team; i++) {
		const struct organisation *o = catalog_org(c, &p->team[i].org);
		if (o && o->category != CAT_NONE)
			mask |= CAT_BIT(o->category);
	}
	return mask;
}

struct team_verdict rules_check_team(const struct catalog *c, const struct project *p)
{
	return rules_team_verdict(project_delivery(c, p), team_categories(c, p),
				  c->settings.rep_policy);
}

/* Suggestions. Sort keys, in order: interested (in the project or in extra)
 * first; category from the village end to the city end; population, smallest
 * first for municipalities and medium towns (the village end wants its most
 * typical member), largest first for large towns, cities and counties; name;
 * UUID, so the order is total and the same on every run. */
struct candidate {
	const struct organisation *org;
	bool preferred;
};

static int candidate_cmp(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	if (a->preferred != b->preferred)
		return a->preferred ? -1 : 1;
	if (a->org->category != b->org->category)
		return a->org->category < b->org->category ? -1 : 1;
	if (a->org->population != b->org->population) {
		bool small_first = a->org->category <= CAT_MEDIUM_TOWN;
		bool a_less = a->org->population < b->org->population;
		return a_less == small_first ? -1 : 1;
	}
	int r = strcmp(a->org->name ? a->org->name : "", b->org->name ? b->org->name : "");
	if (r)
		return r;
	return uuid_cmp(&a->org->id, &b->org->id);
}

size_t rules_suggest(const struct catalog *c, const struct project *p,
		     const struct team_verdict *v, const struct uuid *extra_first, size_t n_extra,
		     const struct organisation **out, size_t max)
{
	if (!v->missing || max == 0)
		return 0;
	assert(!c->lazy && "suggestions walk every organisation: catalog_load");
	struct candidate *cand = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		if (o->category == CAT_NONE || !(v->missing & CAT_BIT(o->category)))
			continue;
		if (project_member(p, &o->id))
			continue;
		bool pref = project_is_interested(p, &o->id);
		for (size_t k = 0; !pref && k < n_extra; k++)
			pref = uuid_cmp(&extra_first[k], &o->id) == 0;
		xgrow((void **)&cand, &cap, n + 1, sizeof *cand);
		cand[n++] = (struct candidate){o, pref};
	}
	if (n)
		qsort(cand, n, sizeof *cand, candidate_cmp);
	size_t m = n < max ? n : max;
	for (size_t i = 0; i < m; i++)
		out[i] = cand[i].org;
	free(cand);
	return m;
}

/* Gates. A phase's position in the list orders it on the line; phases outside
 * the line are skipped. A move from an outside phase (resuming a paused project)
 * counts as forward, so pausing cannot be used to skip a gate. */
static void why_add(struct buf *why, const char *reason)
{
	if (!why)
		return;
	if (why->len)
		buf_puts(why, "; ");
	buf_puts(why, reason);
}

void rules_why_text(const char *why, struct buf *out)
{
	const char *s = why ? why : "";
	while (*s) {
		const char *end = strstr(s, "; ");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *part = xstrndup(s, n);
		buf_puts(out, _(part));
		free(part);
		if (!end)
			break;
		buf_puts(out, "; ");
		s = end + 2;
	}
}

/* Index of gate phase id on the line, or -1 when the gate is off or names no
 * phase of the line. */
static int gate_index(const struct phase_list *phases, uint8_t id)
{
	if (!id)
		return -1;
	const struct phase *ph = phase_list_get(phases, id);
	if (!ph || ph->outside_line)
		return -1;
	return phase_list_index(phases, id);
}

bool rules_gate_allows(const struct phase_list *phases, const struct settings *st,
		       uint8_t from, uint8_t to, const struct gate_facts *facts, struct buf *why)
{
	const struct phase *to_ph = phase_list_get(phases, to);
	if (!to_ph || to_ph->outside_line)
		return true;
	int ti = phase_list_index(phases, to);
	const struct phase *from_ph = phase_list_get(phases, from);
	if (from_ph && !from_ph->outside_line && ti < phase_list_index(phases, from))
		return true;

	bool ok = true;
	int si = gate_index(phases, st->gate_scope_phase);
	if (si >= 0 && ti >= si) {
		if (!facts->has_field) {
			why_add(why, N_("no topic field"));
			ok = false;
		}
		if (facts->n_services < 1) {
			why_add(why, N_("no service"));
			ok = false;
		}
	}
	int gi = gate_index(phases, st->gate_team_phase);
	if (gi >= 0 && ti >= gi) {
		if (!facts->representative) {
			why_add(why, N_("team not representative"));
			ok = false;
		}
		if (!facts->has_decision) {
			why_add(why, N_("no decision recorded"));
			ok = false;
		}
	}
	return ok;
}

/* Index in the phase list where the phases after p's current one begin (0 for
 * an unknown phase), or -1 when p sits outside the line: paused or cancelled
 * projects have no schedule to keep. */
static int line_start(const struct phase_list *phases, const struct project *p)
{
	const struct phase *cur = phase_list_get(phases, p->phase);
	if (!cur)
		return 0;
	if (cur->outside_line)
		return -1;
	return phase_list_index(phases, p->phase) + 1;
}

uint8_t rules_late_phase(const struct phase_list *phases, const struct project *p, int32_t today)
{
	int start = line_start(phases, p);
	if (start < 0)
		return 0;
	for (size_t i = (size_t)start; i < phases->n; i++) {
		const struct phase *ph = &phases->v[i];
		if (ph->outside_line)
			continue;
		const struct phase_date *d = project_date_const(p, ph->id);
		if (d && d->planned && d->planned < today && !d->reached)
			return ph->id;
	}
	return 0;
}

/* The first planned date among the phases after the current one that are not
 * reached yet: a phase without a plan is passed over, not reported as 0. */
int32_t rules_next_planned(const struct phase_list *phases, const struct project *p)
{
	int start = line_start(phases, p);
	if (start < 0)
		return 0;
	for (size_t i = (size_t)start; i < phases->n; i++) {
		const struct phase *ph = &phases->v[i];
		if (ph->outside_line)
			continue;
		const struct phase_date *d = project_date_const(p, ph->id);
		if (d && d->planned && !d->reached)
			return d->planned;
	}
	return 0;
}

bool rules_is_active(const struct phase_list *phases, const struct project *p)
{
	const struct phase *ph = phase_list_get(phases, p->phase);
	return !(ph && (ph->closed || ph->outside_line));
}

uint32_t rules_breadth(const struct catalog *c, const struct project *p)
{
	assert(!c->lazy && "breadth counts every municipality: catalog_load");
	uint32_t mask = project_delivery(c, p);
	uint32_t sum = 0;
	for (int cat = CAT_MUNICIPALITY; cat <= CAT_CITY; cat++)
		if (mask & CAT_BIT(cat))
			sum += c->municipalities_per_category[cat];
	return sum;
}

bool rules_parallel(const struct phase_list *phases, const struct project *a, const struct project *b)
{
	return uuid_cmp(&a->id, &b->id) != 0 && rules_is_active(phases, a) &&
	       rules_is_active(phases, b);
}
