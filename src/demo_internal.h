/* demo_internal.h - what demo.c (the sample projects) and demo_workshops.c
 * (the sample workshops, outcomes and sponsors) share: the generator state, the
 * plan of one project and the seeded random numbers. Private to those two. */
#ifndef OZGTUI_DEMO_INTERNAL_H
#define OZGTUI_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "ozgtui/catalog.h"
#include "ozgtui/model.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define N_LEADS 11   /* entries of lead_providers in demo.c */
#define N_MINISTRIES 3

#define NOTE "Beispieldaten (ozgtui init --demo), kein echtes Projekt."
#define DECIDER "IT-Lenkungsausschuss der kommunalen Spitzenverbände"

struct tmpl;

struct pool {
	const struct organisation **v;
	size_t n;
};

struct gen {
	struct txn *t;
	const struct catalog *c;
	uint32_t seed;
	uint64_t rng;
	int32_t today;
	uint8_t line[256];        /* phase ids on the line, in order */
	size_t n_line;
	uint8_t paused, cancelled;
	size_t gate;              /* line index of the team gate (n_line: none) */
	size_t decide;            /* line index of the decision phase */
	struct pool pools[CAT__MAX + 1];
	const struct organisation *leads[N_LEADS];
	char **folded;            /* folded service names, parallel to c->services */
	uint32_t *delivery;       /* delivering categories set here, parallel; 0 = none */
	struct strv components;
	struct uuid ministry_ids[N_MINISTRIES];
	size_t n_categories, n_outcomes, n_workshops;
	int32_t record_day;       /* the day the outcomes now written were recorded */
};

/* One project being generated. */
struct plan {
	const struct tmpl *tm;
	struct project p;
	size_t k;             /* line index reached (for a paused or cancelled project: before it left) */
	uint8_t outside;      /* the paused or cancelled phase, or 0 */
	int lead;             /* index into lead_providers, or -1 */
	const char *region;   /* where the team comes from */
	bool non_rep;
	enum category dropped;
	bool late;
	bool decided;
	struct uuid volunteers[4];   /* interested because they volunteered in a workshop */
	size_t n_volunteers;
};

/* splitmix64 (Steele, Lea, Flood 2014). */
static inline uint64_t rng_next(struct gen *g)
{
	uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline uint32_t rng_below(struct gen *g, uint32_t n)
{
	return n ? (uint32_t)(rng_next(g) % n) : 0;
}

static inline bool rng_chance(struct gen *g, unsigned percent)
{
	return rng_below(g, 100) < percent;
}

void demo_uuid(struct gen *g, struct uuid *u, const char *kind, size_t i);
const char *demo_org_name(const struct gen *g, const struct uuid *id);
const struct organisation *demo_pick_org(struct gen *g, const struct plan *pl, enum category cat);

/* demo_workshops.c */
enum status demo_write_sponsors(struct gen *g, size_t *n);
enum status demo_write_workshops(struct gen *g, struct plan *plans, size_t n);
enum status demo_write_decisions(struct gen *g, struct plan *plans, size_t n);

#endif
