/* check.c - findings over the projects.
 *
 * Which projects are checked for what:
 *   not-representative, no-lead: every matching project not in a closed phase
 *     (a project in Betrieb or Abgebrochen needs no team any more; a paused
 *     one will resume with the team it has);
 *   late: as rules_late_phase (never for projects outside the line);
 *   parallel: every active matching project that shares a service with other
 *     active projects (matching the filter or not), once: the finding names
 *     the shared services, the SHOW_OTHERS lowest-numbered other projects and
 *     how many more there are ("services 10000, 10001 also in #3, #6, #7 +12
 *     more"); other_number is the lowest-numbered of them, n_others their
 *     count;
 *   overdue: open action items past their due date (workshops_overdue). With
 *     a filter, those linked to a matching project (reported on the first
 *     such project); without one, all of them (on their first linked project,
 *     or on none: number 0);
 *   bundle-drift: bundle outcomes not dropped whose projects lie more than one
 *     line step apart (workshops_bundle_drift), reported on the project
 *     furthest behind, naming the one furthest ahead. A bundle's projects are
 *     the projects it links, or, when it links none, those implementing a
 *     service it links. With a filter, when any of them matches.
 * Findings come sorted by project number, then kind, then other project.
 *
 * How, so that the work grows with the projects and not with the pairs of
 * projects sharing a service (25 million of them at 100,000 projects):
 *   scan      every project is decoded once (in UUID order; with a filter
 *             confined to a phase or field, only the candidates of those
 *             indexes, query.h) and judged; a matching one is remembered in
 *             a small struct pinfo. Each active project adds its number to
 *             the list of each of its services and, having at most
 *             SUBSET_MAX services, counts every subset of two or more of them
 *             (struct subset: how many active projects implement all of a
 *             set of services);
 *   lists     with the indexes' candidates only, the lists and the subset
 *             counts come from the indexes instead (numbers from
 *             project_by_number, the inactive from project_by_phase, members
 *             from project_by_service), for the services of the matching
 *             projects;
 *   sort      each service's list by number;
 *   parallel  per matching active project: the first others by merging the
 *             heads of its services' lists, their count as the size of the
 *             union of those lists by inclusion–exclusion over the subset
 *             counts (no pair is looked at); for a project with more than
 *             SUBSET_MAX shared services by merging the lists;
 *   outcomes  overdue items and drifting bundles, the projects they link
 *             looked up among the remembered ones before any is decoded.
 * Each stage stops after its budget of items and resumes in the next step
 * (check_job_step), so a screen can run it between keys.
 */
#include "ozgtui/check.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/i18n.h"
#include "ozgtui/query.h"
#include "ozgtui/rules.h"
#include "ozgtui/workshops.h"

#define SUBSET_MAX 8    /* inclusion–exclusion over at most this many services */
#define SHOW_OTHERS 3   /* other projects named in a parallel finding */
#define RELEASE_EVERY 4096   /* records read between store_map_release calls */

#define FINDING_CODE(name, code, label) code,
static const char *const finding_codes[] = {FINDING_KIND_LIST(FINDING_CODE)};
#undef FINDING_CODE
#define FINDING_LABEL(name, code, label) label,
static const char *const finding_labels[] = {FINDING_KIND_LIST(FINDING_LABEL)};
#undef FINDING_LABEL

const char *finding_kind_code(enum finding_kind k)
{
	return (unsigned)k < FINDING__COUNT ? finding_codes[k] : "";
}

const char *finding_kind_label(enum finding_kind k)
{
	return (unsigned)k < FINDING__COUNT ? _(finding_labels[k]) : "";
}

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof *f);
}

void findings_fini(struct findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].text);
	free(f->v);
	memset(f, 0, sizeof *f);
}

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->other_number != y->other_number)
		return x->other_number < y->other_number ? -1 : 1;
	if (x->service != y->service)
		return (x->service > y->service) - (x->service < y->service);
	return uuid_cmp(&x->outcome, &y->outcome);
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The next UUID in byte order; false after the last one. */
static bool uuid_next(struct uuid *u)
{
	for (int i = 15; i >= 0; i--)
		if (++u->b[i] != 0)
			return true;
	return false;
}

static uint32_t uuid_hash(const struct uuid *u)
{
	uint32_t h;
	memcpy(&h, u->b + 4, sizeof h);   /* random bits in v4 UUIDs; mixed anyway */
	h ^= (uint32_t)u->b[0] << 24 | (uint32_t)u->b[15] << 16 | (uint32_t)u->b[9] << 8 | u->b[3];
	h *= 0x9e3779b1u;
	return h ^ h >> 15;
}

static uint32_t u32_hash(uint32_t x)
{
	x *= 0x9e3779b1u;
	return x ^ x >> 16;
}

/* ---- what the scan keeps ------------------------------------------------ */

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
	size_t total;
};

/* ---- results ------------------------------------------------------------- */

/* A piece of a finding's text: msgid in the user's language for people, as it
 * is (English) for plain texts. Mark msgid with N_(). */
__attribute__((format_arg(2))) static const char *say(const struct check_job *j, const char *msgid)
{
	return j->texts == CHECK_TEXTS_PEOPLE ? gettext(msgid) : msgid;
}

/* A day: ISO for plain texts, the locale's format for people. */
static void say_day(const struct check_job *j, int32_t day, char out[static 32])
{
	if (j->texts == CHECK_TEXTS_PEOPLE)
		i18n_date(day, out);
	else
		date_format(day, out);
}

static void count(struct check_job *j, uint16_t field, enum finding_kind kind)
{
	if (field >= j->n_counts) {
		size_t n = (size_t)field + 1;
		j->counts = xrealloc(j->counts, n * sizeof *j->counts);
		memset(j->counts + j->n_counts, 0, (n - j->n_counts) * sizeof *j->counts);
		j->n_counts = n;
	}
	j->counts[field][kind]++;
	j->total++;
}

/* Records a finding about (id, number, field); takes text (NULL in counts mode). */
static struct finding *add(struct check_job *j, enum finding_kind kind, const struct uuid *id, uint32_t number,
			   uint16_t field, char *text)
{
	count(j, field, kind);
	if (j->texts == CHECK_TEXTS_NONE) {
		free(text);
		return NULL;
	}
	struct findings *out = &j->out;
	xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	if (id)
		f->project = *id;
	f->number = number;
	f->field = field;
	f->text = text;
	return f;
}

/* ---- maps ------------------------------------------------------------------ */

static void pi_rehash(struct check_job *j)
{
	size_t n = j->pi_slots ? j->pi_slots * 2 : 1024;
	free(j->pi_slot);
	j->pi_slot = xcalloc(n, sizeof *j->pi_slot);
	j->pi_slots = n;
	for (size_t i = 0; i < j->n_pi; i++) {
		size_t s = uuid_hash(&j->pi[i].id) & (n - 1);
		while (j->pi_slot[s])
			s = (s + 1) & (n - 1);
		j->pi_slot[s] = (uint32_t)i + 1;
	}
}

/* The matching project with this UUID, or NULL. */
static const struct pinfo *pi_find(const struct check_job *j, const struct uuid *id)
{
	if (!j->pi_slots)
		return NULL;
	size_t s = uuid_hash(id) & (j->pi_slots - 1);
	for (; j->pi_slot[s]; s = (s + 1) & (j->pi_slots - 1)) {
		const struct pinfo *p = &j->pi[j->pi_slot[s] - 1];
		if (uuid_cmp(&p->id, id) == 0)
			return p;
	}
	return NULL;
}

static struct pinfo *pi_add(struct check_job *j, const struct project *p)
{
	if (pi_find(j, &p->id))
		return NULL;   /* met twice (a dangling index entry): once is enough */
	if ((j->n_pi + 1) * 2 > j->pi_slots)
		pi_rehash(j);
	xgrow((void **)&j->pi, &j->cap_pi, j->n_pi + 1, sizeof *j->pi);
	struct pinfo *x = &j->pi[j->n_pi];
	memset(x, 0, sizeof *x);
	x->id = p->id;
	x->number = p->number;
	x->field = p->field;
	x->phase = p->phase;
	size_t s = uuid_hash(&p->id) & (j->pi_slots - 1);
	while (j->pi_slot[s])
		s = (s + 1) & (j->pi_slots - 1);
	j->pi_slot[s] = (uint32_t)++j->n_pi;
	return x;
}

/* The dense index of a service, added when new. */
static uint32_t svc_index(struct check_job *j, uint32_t id)
{
	if ((j->n_svc + 1) * 2 > j->svc_slots) {
		size_t n = j->svc_slots ? j->svc_slots * 2 : 1024;
		free(j->svc_slot);
		j->svc_slot = xcalloc(n, sizeof *j->svc_slot);
		j->svc_slots = n;
		for (size_t i = 0; i < j->n_svc; i++) {
			size_t s = u32_hash(j->svc[i].id) & (n - 1);
			while (j->svc_slot[s])
				s = (s + 1) & (n - 1);
			j->svc_slot[s] = (uint32_t)i + 1;
		}
	}
	size_t s = u32_hash(id) & (j->svc_slots - 1);
	for (; j->svc_slot[s]; s = (s + 1) & (j->svc_slots - 1))
		if (j->svc[j->svc_slot[s] - 1].id == id)
			return j->svc_slot[s] - 1;
	xgrow((void **)&j->svc, &j->cap_svc, j->n_svc + 1, sizeof *j->svc);
	memset(&j->svc[j->n_svc], 0, sizeof *j->svc);
	j->svc[j->n_svc].id = id;
	j->svc_slot[s] = (uint32_t)++j->n_svc;
	return (uint32_t)(j->n_svc - 1);
}

static void push_u32(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

static uint32_t set_hash(const uint32_t *set, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ set[i]) * 16777619u;
	return h ^ h >> 13;
}

static bool set_eq(const struct check_job *j, const struct subset *e, const uint32_t *set, size_t n)
{
	return j->keys[e->key] == n && memcmp(&j->keys[e->key + 1], set, n * sizeof *set) == 0;
}

/* The slot of set, or of the free place it would take. */
static size_t sub_slot(const struct check_job *j, const uint32_t *set, size_t n, uint32_t h)
{
	size_t s = h & (j->sub_slots - 1);
	while (j->sub_slot[s] && !set_eq(j, &j->sub[j->sub_slot[s] - 1], set, n))
		s = (s + 1) & (j->sub_slots - 1);
	return s;
}

static void sub_add(struct check_job *j, const uint32_t *set, size_t n)
{
	if ((j->n_sub + 1) * 2 > j->sub_slots) {
		size_t slots = j->sub_slots ? j->sub_slots * 2 : 4096;
		free(j->sub_slot);
		j->sub_slot = xcalloc(slots, sizeof *j->sub_slot);
		j->sub_slots = slots;
		for (size_t i = 0; i < j->n_sub; i++) {
			size_t s = j->sub[i].hash & (slots - 1);
			while (j->sub_slot[s])
				s = (s + 1) & (slots - 1);
			j->sub_slot[s] = (uint32_t)i + 1;
		}
	}
	uint32_t h = set_hash(set, n);
	size_t s = sub_slot(j, set, n, h);
	if (j->sub_slot[s]) {
		j->sub[j->sub_slot[s] - 1].count++;
		return;
	}
	xgrow((void **)&j->sub, &j->cap_sub, j->n_sub + 1, sizeof *j->sub);
	struct subset *e = &j->sub[j->n_sub];
	e->key = (uint32_t)j->n_keys;
	e->hash = h;
	e->count = 1;
	push_u32(&j->keys, &j->n_keys, &j->cap_keys, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		push_u32(&j->keys, &j->n_keys, &j->cap_keys, set[i]);
	j->sub_slot[s] = (uint32_t)++j->n_sub;
}

static uint32_t sub_get(const struct check_job *j, const uint32_t *set, size_t n)
{
	if (!j->sub_slots)
		return 0;
	size_t s = sub_slot(j, set, n, set_hash(set, n));
	return j->sub_slot[s] ? j->sub[j->sub_slot[s] - 1].count : 0;
}

static uint32_t *scratch(struct check_job *j, size_t n)
{
	xgrow((void **)&j->scratch, &j->cap_scratch, n ? n : 1, sizeof *j->scratch);
	return j->scratch;
}

/* ---- scan ---------------------------------------------------------------- */

static void judge(struct check_job *j, const struct project *p)
{
	const struct catalog *c = j->c;
	const struct phase *ph = catalog_phase(c, p->phase);
	bool closed = ph && ph->closed;
	if (!closed) {
		struct team_verdict v = rules_check_team(c, p);
		if (!v.representative) {
			struct buf b;
			buf_init(&b);
			if (j->texts != CHECK_TEXTS_NONE) {
				struct buf cats;
				buf_init(&cats);
				for (int cat = 1; cat <= CAT__MAX; cat++) {
					if (!(v.missing & CAT_BIT(cat)))
						continue;
					buf_printf(&cats, "%s%s", cats.len ? ", " : "", category_code((enum category)cat));
				}
				/* TRANSLATORS: check's finding of a team not representative;
				 * %s: the category codes missing ("municipality, city") */
				buf_printf(&b, say(j, N_("missing: %s")), cats.data ? cats.data : "");
				buf_fini(&cats);
			}
			add(j, FINDING_NOT_REPRESENTATIVE, &p->id, p->number, p->field, buf_steal(&b));
			buf_fini(&b);
		}
	}
	uint8_t late = rules_late_phase(&c->phases, p, j->today);
	if (late) {
		char *text = NULL;
		if (j->texts != CHECK_TEXTS_NONE) {
			const struct phase *lp = catalog_phase(c, late);
			const struct phase_date *d = project_date_const(p, late);
			char day[32];
			say_day(j, d ? d->planned : 0, day);
			/* TRANSLATORS: check's finding of a late project: the phase's
			 * name, its planned date */
			text = xasprintf(say(j, N_("planned %s %s, not reached")), lp && lp->name ? lp->name : "?", day);
		}
		add(j, FINDING_LATE, &p->id, p->number, p->field, text);
	}
	if (!closed && !project_lead(p))
		add(j, FINDING_NO_LEAD, &p->id, p->number, p->field,
		    j->texts != CHECK_TEXTS_NONE ? xstrdup(say(j, N_("no lead organisation"))) : NULL);
}

/* Every subset of 2..n of set (ascending) counted once. */
static void count_subsets(struct check_job *j, const uint32_t *set, size_t n)
{
	uint32_t sub[SUBSET_MAX];
	for (uint32_t mask = 1; mask < (1u << n); mask++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (mask & (1u << i))
				sub[k++] = set[i];
		if (k >= 2)
			sub_add(j, sub, k);
	}
}

/* Gives back the map pages of what was read every RELEASE_EVERY records, so
 * that a pass over every project does not keep the database resident. */
static void read_one(struct check_job *j)
{
	if (++j->reads >= RELEASE_EVERY) {
		store_map_release(j->t);
		j->reads = 0;
	}
}

static int scan_one(const struct project *p, void *arg)
{
	struct check_job *j = arg;
	read_one(j);
	j->from = p->id;
	j->have_from = true;
	bool match = !j->filter || filter_match(j->filter, j->c, p, j->today);
	bool active = rules_is_active(&j->c->phases, p);
	struct pinfo *x = match ? pi_add(j, p) : NULL;
	if (match && !x)
		return --j->budget == 0;   /* seen already */
	if (x)
		judge(j, p);
	if (active && (x || !j->narrowed)) {
		/* the distinct services, as dense indexes in ascending order */
		uint32_t *set = scratch(j, p->n_services);
		size_t n = 0;
		for (size_t i = 0; i < p->n_services; i++)
			set[n++] = svc_index(j, p->services[i]);
		set = j->scratch;   /* svc_index does not move it, but be plain */
		qsort(set, n, sizeof *set, u32_cmp);
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (!k || set[k - 1] != set[i])
				set[k++] = set[i];
		if (!j->narrowed) {
			for (size_t i = 0; i < k; i++) {
				struct svc *s = &j->svc[set[i]];
				push_u32(&s->num, &s->n, &s->cap, p->number);
				if (k > SUBSET_MAX)
					push_u32(&s->big, &s->n_big, &s->cap_big, p->number);
			}
			if (k >= 2 && k <= SUBSET_MAX)
				count_subsets(j, set, k);
		}
		if (x) {
			x->active = true;
			x->svc = (uint32_t)j->n_pool;
			x->n_svc = (uint32_t)k;
			for (size_t i = 0; i < k; i++)
				push_u32(&j->pool, &j->n_pool, &j->cap_pool, j->scratch[i]);
		}
	}
	return --j->budget == 0;
}

static void scan(struct check_job *j, struct txn *t)
{
	if (!j->started) {
		j->started = true;
		j->scan_more = true;
		bool narrowed = false;
		j->st = query_candidates(t, j->filter, &j->cand, &j->n_cand, &narrowed);
		j->narrowed = narrowed;
		j->subsets_kept = !narrowed;   /* lists() counts them for a narrowed scan */
		if (j->st != STATUS_OK)
			return;
	}
	if (j->narrowed) {
		struct project p;
		project_init(&p);
		while (j->budget && j->next_cand < j->n_cand) {
			project_fini(&p);
			project_init(&p);
			enum status st = store_project_get(t, &j->cand[j->next_cand++], &p);
			if (st == STATUS_NOT_FOUND) {
				status_clear();   /* an index entry without record: store_verify's business */
				continue;
			}
			if (st != STATUS_OK) {
				j->st = st;
				break;
			}
			scan_one(&p, j);
		}
		project_fini(&p);
		if (j->next_cand == j->n_cand)
			j->scan_more = false;
	} else {
		if (j->have_from && !uuid_next(&j->from)) {
			j->scan_more = false;   /* the last possible UUID was seen */
			return;
		}
		j->st = store_project_each_from(t, j->have_from ? &j->from : NULL, scan_one, j);
		if (j->st == STATUS_OK && j->budget)
			j->scan_more = false;   /* the end came before the budget */
	}
	if (j->st == STATUS_OK && !j->scan_more)
		j->stage = j->narrowed ? STAGE_LISTS : STAGE_SORT;
}

/* ---- lists from the indexes (narrowed scans) ------------------------------ */

struct id_list {
	struct uuid *ids;
	size_t n, cap;
};

static int push_uuid(const struct uuid *id, void *arg)
{
	struct id_list *x = arg;
	xgrow((void **)&x->ids, &x->cap, x->n + 1, sizeof *x->ids);
	x->ids[x->n++] = *id;
	return 0;
}

/* Every project's number by UUID (open addressing); 0 for an inactive one. */
struct index_ctx {
	struct check_job *j;
	struct uuid *id;
	uint32_t *number;
	size_t slots;
	uint32_t svc;
	uint64_t *pairs;   /* number << 32 | service index, of every active project */
	size_t n_pairs, cap_pairs;
};

static size_t number_slot(const struct index_ctx *x, const struct uuid *id)
{
	size_t s = uuid_hash(id) & (x->slots - 1);
	while (x->number[s] != UINT32_MAX && uuid_cmp(&x->id[s], id) != 0)
		s = (s + 1) & (x->slots - 1);
	return s;
}

static int put_number(uint32_t number, const struct uuid *id, void *arg)
{
	struct index_ctx *x = arg;
	size_t s = number_slot(x, id);
	x->id[s] = *id;
	x->number[s] = number;
	return 0;
}

static int put_inactive(const struct uuid *id, void *arg)
{
	struct index_ctx *x = arg;
	size_t s = number_slot(x, id);
	if (x->number[s] != UINT32_MAX)
		x->number[s] = 0;
	return 0;
}

static int push_member(const struct uuid *id, void *arg)
{
	struct index_ctx *x = arg;
	size_t s = number_slot(x, id);
	uint32_t number = x->number[s];
	if (number == UINT32_MAX || number == 0)
		return 0;   /* not numbered (store_verify's business), or inactive */
	struct svc *sv = &x->j->svc[x->svc];
	push_u32(&sv->num, &sv->n, &sv->cap, number);
	xgrow((void **)&x->pairs, &x->cap_pairs, x->n_pairs + 1, sizeof *x->pairs);
	x->pairs[x->n_pairs++] = (uint64_t)number << 32 | x->svc;
	return 0;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The active projects of each service a matching active project implements,
 * from the indexes alone (numbers from project_by_number, the inactive from
 * project_by_phase, members from project_by_service), and the subset counts
 * of those services: in one go (only `check` with a phase or field filter
 * comes here). A project's services outside these do not matter: the counts
 * are only asked for sets of them. */
static void lists(struct check_job *j, struct txn *t)
{
	struct index_ctx x = {.j = j};
	enum status st = STATUS_OK;
	size_t n = 0;
	if (j->n_svc && (st = store_project_count(t, &n)) == STATUS_OK) {
		for (x.slots = 1024; x.slots < 2 * n + 2; x.slots *= 2)
			;
		x.id = xcalloc(x.slots, sizeof *x.id);
		x.number = xmalloc(x.slots * sizeof *x.number);
		memset(x.number, 0xff, x.slots * sizeof *x.number);   /* UINT32_MAX: empty */
		st = store_project_numbers(t, put_number, &x);
		for (size_t i = 0; st == STATUS_OK && i < j->c->phases.n; i++) {
			const struct phase *ph = &j->c->phases.v[i];
			if (ph->closed || ph->outside_line)
				st = store_project_ids_in_phase(t, ph->id, put_inactive, &x);
		}
		for (size_t i = 0; st == STATUS_OK && i < j->n_svc; i++) {
			x.svc = (uint32_t)i;
			st = store_project_ids_with_service(t, j->svc[i].id, push_member, &x);
		}
		store_map_release(t);
	}
	if (st == STATUS_OK && x.n_pairs) {
		/* per project its (known) services, ascending: count the subsets */
		qsort(x.pairs, x.n_pairs, sizeof *x.pairs, u64_cmp);
		uint32_t set[SUBSET_MAX];
		for (size_t a = 0, b; a < x.n_pairs; a = b) {
			uint32_t number = (uint32_t)(x.pairs[a] >> 32);
			for (b = a; b < x.n_pairs && (uint32_t)(x.pairs[b] >> 32) == number; b++)
				;
			size_t k = 0;
			for (size_t i = a; i < b; i++) {
				uint32_t sv = (uint32_t)x.pairs[i];
				if (k && (k > SUBSET_MAX || set[k - 1] == sv))
					continue;
				if (k < SUBSET_MAX)
					set[k] = sv;
				k++;
			}
			if (k > SUBSET_MAX) {
				uint32_t last = UINT32_MAX;
				for (size_t i = a; i < b; i++) {
					struct svc *sv = &j->svc[(uint32_t)x.pairs[i]];
					if ((uint32_t)x.pairs[i] != last)
						push_u32(&sv->big, &sv->n_big, &sv->cap_big, number);
					last = (uint32_t)x.pairs[i];
				}
			} else if (k >= 2) {
				count_subsets(j, set, k);
			}
		}
	}
	j->subsets_kept = true;
	free(x.id);
	free(x.number);
	free(x.pairs);
	j->st = st;
	j->stage = STAGE_SORT;
}

static void sort_lists(struct check_job *j)
{
	for (; j->budget && j->next_sort < j->n_svc; j->budget--, j->next_sort++) {
		struct svc *s = &j->svc[j->next_sort];
		qsort(s->num, s->n, sizeof *s->num, u32_cmp);
		if (s->n_big)
			qsort(s->big, s->n_big, sizeof *s->big, u32_cmp);
	}
	if (j->next_sort == j->n_svc)
		j->stage = STAGE_PARALLEL;
}

/* ---- parallel work ------------------------------------------------------- */

/* How many numbers all of the sorted lists of the services in set have in common. */
static uint32_t common_big(const struct check_job *j, const uint32_t *set, size_t n)
{
	const struct svc *first = &j->svc[set[0]];
	for (size_t i = 0; i < n; i++)
		if (!j->svc[set[i]].n_big)
			return 0;
	uint32_t hits = 0;
	for (size_t a = 0; a < first->n_big; a++) {
		bool all = true;
		for (size_t i = 1; i < n && all; i++) {
			const struct svc *s = &j->svc[set[i]];
			all = bsearch(&first->big[a], s->big, s->n_big, sizeof *s->big, u32_cmp) != NULL;
		}
		hits += all;
	}
	return hits;
}

/* How many active projects implement at least one service of set (n <=
 * SUBSET_MAX, ascending): inclusion–exclusion over the counts of its subsets. */
static uint64_t union_size(const struct check_job *j, const uint32_t *set, size_t n)
{
	int64_t sum = 0;
	uint32_t sub[SUBSET_MAX];
	for (uint32_t mask = 1; mask < (1u << n); mask++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (mask & (1u << i))
				sub[k++] = set[i];
		int64_t cnt = k == 1 ? (int64_t)j->svc[sub[0]].n : (int64_t)sub_get(j, sub, k) + common_big(j, sub, k);
		sum += k % 2 ? cnt : -cnt;
	}
	return sum > 0 ? (uint64_t)sum : 0;
}

/* Merges the lists of the services in set (heads: a cursor per list): the
 * first SHOW_OTHERS numbers other than self into first, and, when all is
 * set, counts every distinct one. Returns how many were found. */
static uint64_t merge(const struct check_job *j, const uint32_t *set, size_t n, uint32_t *heads, uint32_t self,
		      uint32_t first[SHOW_OTHERS], size_t *n_first, bool all)
{
	uint64_t found = 0;
	*n_first = 0;
	memset(heads, 0, n * sizeof *heads);
	for (;;) {
		uint32_t low = UINT32_MAX;
		bool any = false;
		for (size_t i = 0; i < n; i++) {
			const struct svc *s = &j->svc[set[i]];
			if (heads[i] < s->n && (!any || s->num[heads[i]] < low)) {
				low = s->num[heads[i]];
				any = true;
			}
		}
		if (!any)
			break;
		for (size_t i = 0; i < n; i++) {
			const struct svc *s = &j->svc[set[i]];
			while (heads[i] < s->n && s->num[heads[i]] == low)
				heads[i]++;
		}
		if (low == self)
			continue;
		found++;
		if (*n_first < SHOW_OTHERS)
			first[(*n_first)++] = low;
		else if (!all)
			break;
	}
	return found;
}

/* "1,203"; for people the locale's way ("1.203"). */
static void put_count(const struct check_job *j, struct buf *b, uint64_t n)
{
	if (j->texts == CHECK_TEXTS_PEOPLE) {
		char s[32];
		i18n_number(n, s);
		buf_puts(b, s);
		return;
	}
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
}

static void parallel_one(struct check_job *j, const struct pinfo *p)
{
	/* the services p shares: those with another active project */
	uint32_t *set = scratch(j, 2 * (size_t)p->n_svc);
	size_t m = 0;
	for (size_t i = 0; i < p->n_svc; i++) {
		uint32_t s = j->pool[p->svc + i];
		if (j->svc[s].n >= 2)
			set[m++] = s;
	}
	if (!m)
		return;
	uint32_t first[SHOW_OTHERS];
	size_t n_first;
	uint64_t others;
	if (j->subsets_kept && m <= SUBSET_MAX) {
		merge(j, set, m, set + m, p->number, first, &n_first, false);
		uint64_t u = union_size(j, set, m);
		others = u ? u - 1 : 0;   /* p itself is in every list */
	} else {
		others = merge(j, set, m, set + m, p->number, first, &n_first, true);
	}
	if (!n_first || !others)
		return;   /* only p itself (a list holding it twice) */
	char *text = NULL;
	uint32_t low_service = UINT32_MAX;
	for (size_t i = 0; i < m; i++)
		if (j->svc[set[i]].id < low_service)
			low_service = j->svc[set[i]].id;
	if (j->texts != CHECK_TEXTS_NONE) {
		bool people = j->texts == CHECK_TEXTS_PEOPLE;
		uint32_t *ids = xcalloc(m, sizeof *ids);
		for (size_t i = 0; i < m; i++)
			ids[i] = j->svc[set[i]].id;
		qsort(ids, m, sizeof *ids, u32_cmp);
		struct buf svcs, projs, b;
		buf_init(&svcs);
		buf_init(&projs);
		buf_init(&b);
		for (size_t i = 0; i < m; i++)
			buf_printf(&svcs, "%s%u", i ? ", " : "", (unsigned)ids[i]);
		for (size_t i = 0; i < n_first; i++)
			buf_printf(&projs, "%s#%u", i ? ", " : "", (unsigned)first[i]);
		/* TRANSLATORS: check's finding of parallel work: the services
		 * (OZG ids) a project shares, the other projects ("#3, #6") */
		buf_printf(&b, people ? P_("service %s also in %s", "services %s also in %s", m)
				      : m == 1 ? "service %s also in %s" : "services %s also in %s",
			   svcs.data, projs.data ? projs.data : "");
		if (others > n_first) {
			uint64_t more = others - n_first;
			struct buf cnt;
			buf_init(&cnt);
			put_count(j, &cnt, more);
			unsigned long n = more > ULONG_MAX ? ULONG_MAX : (unsigned long)more;
			/* TRANSLATORS: after the other projects named: how many other
			 * projects more share a service ("+1,203 more") */
			buf_printf(&b, people ? P_(" +%s more", " +%s more", n) : " +%s more", cnt.data);
			buf_fini(&cnt);
		}
		text = buf_steal(&b);
		buf_fini(&b);
		buf_fini(&projs);
		buf_fini(&svcs);
		free(ids);
	}
	struct finding *f = add(j, FINDING_PARALLEL, &p->id, p->number, p->field, text);
	if (f) {
		f->other_number = first[0];
		f->n_others = others > UINT32_MAX ? UINT32_MAX : (uint32_t)others;
		f->service = low_service;
	}
}

static void parallel(struct check_job *j)
{
	for (; j->budget && j->next_par < j->n_pi; j->next_par++) {
		const struct pinfo *p = &j->pi[j->next_par];
		if (!p->active || !p->n_svc)
			continue;
		parallel_one(j, p);
		j->budget--;
	}
	if (j->next_par == j->n_pi)
		j->stage = STAGE_OUTCOMES;
}

/* ---- outcomes ------------------------------------------------------------ */

static void first_line(struct buf *b, const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	s = s ? s : "";
	while (s[i] && s[i] != '\n' && s[i] != '\r' && chars < max) {
		size_t len = 1;
		while (s[i + len] && ((unsigned char)s[i + len] & 0xc0) == 0x80)
			len++;
		i += len;
		chars++;
	}
	buf_append(b, s, i);
	if (s[i])
		buf_puts(b, "…");
}

/* A project an outcome links, remembered or read now. */
struct linked {
	struct uuid id;
	uint32_t number;
	uint16_t field;
	uint8_t phase;
	bool matching;
};

/* Looks up id among the matching projects, else reads it: false when it does
 * not exist (a dangling link: store_verify's business) or on failure (j->st). */
static bool linked_get(struct check_job *j, struct txn *t, const struct uuid *id, struct linked *out)
{
	const struct pinfo *p = pi_find(j, id);
	if (p) {
		*out = (struct linked){p->id, p->number, p->field, p->phase, true};
		return true;
	}
	struct project q;
	project_init(&q);
	enum status st = store_project_get(t, id, &q);
	if (st == STATUS_OK)
		*out = (struct linked){q.id, q.number, q.field, q.phase, false};
	else if (st == STATUS_NOT_FOUND)
		status_clear();
	else
		j->st = st;
	project_fini(&q);
	return st == STATUS_OK;
}

/* As workshops_outcome_field, the first linked project looked up first among
 * the remembered ones. */
static uint16_t outcome_field(struct check_job *j, struct txn *t, const struct outcome *o)
{
	if (!uuid_is_nil(&o->workshop))
		for (size_t i = 0; i < j->ws.n; i++)
			if (uuid_cmp(&j->ws.v[i].id, &o->workshop) == 0)
				return j->ws.v[i].field;
	const struct pinfo *p = o->n_projects ? pi_find(j, &o->projects[0]) : NULL;
	return p ? p->field : workshops_outcome_field(t, &j->ws, o);
}

static void overdue(struct check_job *j, struct txn *t, const struct outcome *o)
{
	if (!workshops_overdue(o, j->today))
		return;
	bool all = !j->filter;
	const struct pinfo *on = NULL;
	for (size_t i = 0; i < o->n_projects && !on; i++)
		on = pi_find(j, &o->projects[i]);
	struct linked first;
	bool have_first = false;
	if (!on && all && o->n_projects) {
		have_first = linked_get(j, t, &o->projects[0], &first);
		if (j->st != STATUS_OK)
			return;
	}
	if (!on && !have_first && !all)
		return;
	const struct uuid *id = on ? &on->id : have_first ? &first.id : NULL;
	uint32_t number = on ? on->number : have_first ? first.number : 0;
	uint16_t field = on ? on->field : have_first ? first.field : 0;
	if (!field)
		field = outcome_field(j, t, o);
	char *text = NULL;
	if (j->texts != CHECK_TEXTS_NONE) {
		struct buf b;
		buf_init(&b);
		char day[32];
		say_day(j, o->due, day);
		/* TRANSLATORS: check's finding of an overdue action item: its due
		 * date; the owner and what it says follow */
		buf_printf(&b, say(j, N_("action item due %s")), day);
		if (o->owner && *o->owner)
			/* TRANSLATORS: the owner of an overdue action item (a name) */
			buf_printf(&b, say(j, N_(" (owner %s)")), o->owner);
		buf_puts(&b, ": ");
		first_line(&b, o->text, 60);
		text = buf_steal(&b);
		buf_fini(&b);
	}
	struct finding *f = add(j, FINDING_OVERDUE, id, number, field, text);
	if (f)
		f->outcome = o->id;
}

struct at {
	struct uuid id;
	size_t at;
};

static int at_cmp(const void *a, const void *b)
{
	const struct at *x = a, *y = b;
	int c = uuid_cmp(&x->id, &y->id);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Drops every UUID met before, keeping the order. */
static void dedup_keep_order(struct uuid *v, size_t *n)
{
	if (*n < 2)
		return;
	struct at *a = xcalloc(*n, sizeof *a);
	bool *drop = xcalloc(*n, sizeof *drop);
	for (size_t i = 0; i < *n; i++)
		a[i] = (struct at){v[i], i};
	qsort(a, *n, sizeof *a, at_cmp);
	for (size_t i = 1; i < *n; i++)
		drop[a[i].at] = uuid_cmp(&a[i].id, &a[i - 1].id) == 0;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!drop[i])
			v[k++] = v[i];
	*n = k;
	free(drop);
	free(a);
}

static void bundle(struct check_job *j, struct txn *t, const struct outcome *o)
{
	if (o->kind != OUTCOME_BUNDLE || o->status == OUTCOME_STATUS_DROPPED)
		return;
	struct id_list ids = {0};
	for (size_t i = 0; i < o->n_projects; i++)
		push_uuid(&o->projects[i], &ids);
	for (size_t i = 0; !o->n_projects && j->st == STATUS_OK && i < o->n_services; i++)
		j->st = store_project_ids_with_service(t, o->services[i], push_uuid, &ids);
	dedup_keep_order(ids.ids, &ids.n);
	struct linked *ps = xcalloc(ids.n + 1, sizeof *ps);
	uint8_t *phase = xcalloc(ids.n + 1, 1);
	size_t n = 0;
	bool any = !j->filter;
	for (size_t i = 0; j->st == STATUS_OK && i < ids.n; i++) {
		if (!linked_get(j, t, &ids.ids[i], &ps[n]))
			continue;
		any = any || ps[n].matching;
		phase[n] = ps[n].phase;
		n++;
	}
	size_t behind, ahead;
	int steps;
	if (j->st == STATUS_OK && any && workshops_bundle_drift(&j->c->phases, phase, n, &behind, &ahead, &steps)) {
		char *text = NULL;
		if (j->texts != CHECK_TEXTS_NONE) {
			const struct phase *pb = catalog_phase(j->c, ps[behind].phase);
			const struct phase *pa = catalog_phase(j->c, ps[ahead].phase);
			struct buf b;
			buf_init(&b);
			unsigned long n_steps = steps > 0 ? (unsigned long)steps : 0;
			/* TRANSLATORS: check's finding of a bundle drifting apart: the
			 * project furthest ahead, the phase of the one behind, the phase
			 * of the one ahead, how many steps of the line lie between; what
			 * the bundle outcome says follows */
			buf_printf(&b, j->texts == CHECK_TEXTS_PEOPLE
					       ? P_("bundled with #%u: %s vs %s, %d step apart: ",
						    "bundled with #%u: %s vs %s, %d steps apart: ", n_steps)
					       : "bundled with #%u: %s vs %s, %d steps apart: ",
				   (unsigned)ps[ahead].number, pb && pb->name ? pb->name : "?",
				   pa && pa->name ? pa->name : "?", steps);
			first_line(&b, o->text, 50);
			text = buf_steal(&b);
			buf_fini(&b);
		}
		struct finding *f = add(j, FINDING_BUNDLE_DRIFT, &ps[behind].id, ps[behind].number, ps[behind].field, text);
		if (f) {
			f->other_number = ps[ahead].number;
			f->n_others = 1;
			f->outcome = o->id;
		}
	}
	free(ps);
	free(phase);
	free(ids.ids);
}

struct outcome_ctx {
	struct check_job *j;
	struct txn *t;
};

static int outcome_one(const struct outcome *o, void *arg)
{
	struct outcome_ctx *x = arg;
	struct check_job *j = x->j;
	read_one(j);
	j->ofrom = o->id;
	j->have_ofrom = true;
	overdue(j, x->t, o);
	if (j->st == STATUS_OK)
		bundle(j, x->t, o);
	return j->st != STATUS_OK || --j->budget == 0;
}

static void outcomes(struct check_job *j, struct txn *t)
{
	if (!j->ws_loaded) {
		j->ws_loaded = true;
		j->outcomes_more = true;
		if ((j->st = workshops_load(t, &j->ws)) != STATUS_OK)
			return;
	}
	if (j->have_ofrom && !uuid_next(&j->ofrom)) {
		j->outcomes_more = false;
	} else {
		struct outcome_ctx x = {j, t};
		enum status st = store_outcome_each_from(t, j->have_ofrom ? &j->ofrom : NULL, outcome_one, &x);
		if (j->st == STATUS_OK)
			j->st = st;
		if (j->st == STATUS_OK && j->budget)
			j->outcomes_more = false;
	}
	if (j->st == STATUS_OK && !j->outcomes_more)
		j->stage = STAGE_DONE;
}

/* ---- the job ------------------------------------------------------------- */

struct check_job *check_job_new(const struct catalog *c, const struct filter *filter, int32_t today,
				enum check_texts texts)
{
	struct check_job *j = xcalloc(1, sizeof *j);
	j->c = c;
	j->filter = filter && !filter_is_empty(filter) ? filter : NULL;
	j->today = today;
	j->texts = texts;
	workshop_list_init(&j->ws);
	findings_init(&j->out);
	return j;
}

enum status check_job_step(struct check_job *j, struct txn *t, size_t budget, bool *done)
{
	j->budget = budget ? budget : 1;
	j->t = t;
	while (j->st == STATUS_OK && j->stage != STAGE_DONE && j->budget) {
		switch (j->stage) {
		case STAGE_SCAN: scan(j, t); break;
		case STAGE_LISTS: lists(j, t); break;
		case STAGE_SORT: sort_lists(j); break;
		case STAGE_PARALLEL: parallel(j); break;
		case STAGE_OUTCOMES: outcomes(j, t); break;
		case STAGE_DONE: break;
		}
	}
	*done = j->st != STATUS_OK || j->stage == STAGE_DONE;
	if (*done && j->reads) {
		store_map_release(t);
		j->reads = 0;
	}
	j->t = NULL;
	return j->st;
}

uint32_t check_job_count(const struct check_job *j, uint16_t field, enum finding_kind k)
{
	return field < j->n_counts && (unsigned)k < FINDING__COUNT ? j->counts[field][k] : 0;
}

size_t check_job_total(const struct check_job *j)
{
	return j->total;
}

void check_job_take(struct check_job *j, struct findings *out)
{
	size_t first = out->n;
	for (size_t i = 0; i < j->out.n; i++) {
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = j->out.v[i];
	}
	j->out.n = 0;
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, finding_cmp);
}

void check_job_free(struct check_job *j)
{
	if (!j)
		return;
	findings_fini(&j->out);
	workshop_list_fini(&j->ws);
	for (size_t i = 0; i < j->n_svc; i++) {
		free(j->svc[i].num);
		free(j->svc[i].big);
	}
	free(j->svc);
	free(j->svc_slot);
	free(j->sub);
	free(j->sub_slot);
	free(j->keys);
	free(j->pi);
	free(j->pi_slot);
	free(j->pool);
	free(j->cand);
	free(j->scratch);
	free(j->counts);
	free(j);
}

enum status check_run(struct txn *t, const struct catalog *c, const struct filter *filter,
		      int32_t today, enum check_texts texts, struct findings *out)
{
	struct check_job *j = check_job_new(c, filter, today, texts == CHECK_TEXTS_NONE ? CHECK_TEXTS_PLAIN : texts);
	bool done = false;
	enum status st = check_job_step(j, t, SIZE_MAX, &done);
	if (st == STATUS_OK)
		check_job_take(j, out);
	check_job_free(j);
	return st;
}
