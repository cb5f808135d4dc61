/* check_internal.h - what the files of the check share: the job's state and
 * its stages (check.c: kinds, texts, the scan and the runner;
 * check_parallel.c: the services' lists, the subset counts and the parallel
 * findings; check_outcomes.c: overdue items and drifting bundles). Not a
 * public header.
 */
#ifndef OZGTUI_CHECK_INTERNAL_H
#define OZGTUI_CHECK_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "ozgtui/check.h"
#include "ozgtui/workshops.h"

#define SUBSET_MAX 8    /* inclusion–exclusion over at most this many services */
#define SHOW_OTHERS 3   /* other projects named in a parallel finding */

/* A matching project, as the later stages need it. */
struct pinfo {
	struct uuid id;
	uint32_t number;
	uint16_t field;
	uint8_t phase;
	bool active;
	uint32_t svc, n_svc;   /* its distinct services: pool[svc .. svc + n_svc), ascending */
};

/* A service seen on an active project: the numbers of its active projects
 * (big: those of them with more than SUBSET_MAX services). */
struct svc {
	uint32_t id;
	uint32_t *num, *big;
	size_t n, cap, n_big, cap_big;
};

/* Counts of sets of 2..SUBSET_MAX services (dense indexes, ascending; the
 * key pool holds the length, then the indexes): how many active projects of
 * at most SUBSET_MAX services implement all of a set. Open addressing. */
struct subset {
	uint32_t key;     /* offset in keys */
	uint32_t hash;
	uint32_t count;
};

enum stage { STAGE_SCAN, STAGE_LISTS, STAGE_SORT, STAGE_PARALLEL, STAGE_OUTCOMES, STAGE_DONE };

struct check_job {
	const struct catalog *c;
	const struct filter *filter;   /* NULL when empty */
	int32_t today;
	enum check_texts texts;
	enum stage stage;
	enum status st;                /* the first failure; ends the job */
	size_t budget;                 /* left in this step */
	struct txn *t;                 /* of this step */
	size_t reads;                  /* records read since the map was released */

	/* scan */
	bool started, narrowed, scan_more;
	struct uuid *cand;             /* narrowed: the candidates, in UUID order */
	size_t n_cand, next_cand;
	struct uuid from;              /* full scan: resume here */
	bool have_from;

	struct pinfo *pi;
	size_t n_pi, cap_pi;
	uint32_t *pi_slot;             /* UUID hash -> pi index + 1 */
	size_t pi_slots;
	uint32_t *pool;                /* services of pi */
	size_t n_pool, cap_pool;
	struct svc *svc;
	size_t n_svc, cap_svc;
	uint32_t *svc_slot;            /* OZG id hash -> svc index + 1 */
	size_t svc_slots;
	bool subsets_kept;             /* the full scan counted subsets */
	struct subset *sub;
	size_t n_sub, cap_sub;
	uint32_t *sub_slot;            /* hash -> sub index + 1 */
	size_t sub_slots;
	uint32_t *keys;
	size_t n_keys, cap_keys;

	size_t next_sort, next_par;
	uint32_t *scratch;             /* per project: services, heads */
	size_t cap_scratch;

	/* outcomes */
	bool ws_loaded, outcomes_more;
	struct workshop_list ws;
	struct uuid ofrom;
	bool have_ofrom;

	/* results */
	struct findings out;
	uint32_t (*counts)[FINDING__COUNT];   /* by field */
	size_t n_counts;
	uint32_t kind_total[FINDING__COUNT];  /* over every field */
	size_t total;
};

static inline int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static inline void push_u32(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

/* The next UUID in byte order; false after the last one. */
static inline bool uuid_next(struct uuid *u)
{
	for (int i = 15; i >= 0; i--)
		if (++u->b[i] != 0)
			return true;
	return false;
}

static inline uint32_t uuid_hash(const struct uuid *u)
{
	uint32_t h;
	memcpy(&h, u->b + 4, sizeof h);   /* random bits in v4 UUIDs; mixed anyway */
	h ^= (uint32_t)u->b[0] << 24 | (uint32_t)u->b[15] << 16 | (uint32_t)u->b[9] << 8 | u->b[3];
	h *= 0x9e3779b1u;
	return h ^ h >> 15;
}

/* The first free slot from hash h on (open addressing, slots a power of two). */
static inline size_t slot_free(const uint32_t *slot, size_t slots, uint32_t h)
{
	size_t s = h & (slots - 1);
	while (slot[s])
		s = (s + 1) & (slots - 1);
	return s;
}

/* Replaces *slot by empty slots, twice as many or first when there were
 * none; returns how many. */
static inline size_t slots_renew(uint32_t **slot, size_t *slots, size_t first)
{
	size_t n = *slots ? *slots * 2 : first;
	free(*slot);
	*slot = xcalloc(n, sizeof **slot);
	*slots = n;
	return n;
}

/* check.c */

/* A piece of a finding's text: msgid in the user's language for people, as it
 * is (English) for plain texts; msgid is marked for xgettext where written. */
__attribute__((format_arg(2))) const char *check_say(const struct check_job *j, const char *msgid);
/* A day: ISO for plain texts, the locale's format for people. */
void check_say_day(const struct check_job *j, int32_t day, char out[static 32]);
/* Records a finding about (id, number, field); takes text (NULL in counts
 * mode). Returns the finding to fill in further, NULL in counts mode. */
struct finding *check_add(struct check_job *j, enum finding_kind kind, const struct uuid *id, uint32_t number,
			  uint16_t field, char *text);
/* Counts a record read; gives the map's pages back every so often. */
void check_read_one(struct check_job *j);
/* The job's scratch space for n numbers (moves when it grows). */
uint32_t *check_scratch(struct check_job *j, size_t n);
/* The matching project with this UUID, or NULL. */
const struct pinfo *check_pi_find(const struct check_job *j, const struct uuid *id);

/* check_parallel.c */

/* The dense index of a service, added when new. */
uint32_t check_svc_index(struct check_job *j, uint32_t id);
/* Every subset of 2..n (n <= SUBSET_MAX) of set (ascending) counted once. */
void check_count_subsets(struct check_job *j, const uint32_t *set, size_t n);
/* The stages: STAGE_LISTS, STAGE_SORT, STAGE_PARALLEL. */
void check_lists(struct check_job *j, struct txn *t);
void check_sort_lists(struct check_job *j);
void check_parallel(struct check_job *j);

/* check_outcomes.c: STAGE_OUTCOMES. */
void check_outcomes(struct check_job *j, struct txn *t);

#endif
