/* check_parallel.c - parallel work: the active projects of each service and
 * how many active projects implement all of each small set of services
 * (struct subset), then per matching active project its first other projects
 * and their count, without looking at any pair of projects.
 *
 * Stages, after the scan (check.c) filled the lists and the subset counts:
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
 *             SUBSET_MAX shared services by merging the lists.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "ozgtui/i18n.h"

/* ---- services and the subset counts ----------------------------------------- */

static uint32_t u32_hash(uint32_t x)
{
	x *= 0x9e3779b1u;
	return x ^ x >> 16;
}

uint32_t check_svc_index(struct check_job *j, uint32_t id)
{
	if ((j->n_svc + 1) * 2 > j->svc_slots) {
		size_t n = slots_renew(&j->svc_slot, &j->svc_slots, 1024);
		for (size_t i = 0; i < j->n_svc; i++)
			j->svc_slot[slot_free(j->svc_slot, n, u32_hash(j->svc[i].id))] = (uint32_t)i + 1;
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
		size_t slots = slots_renew(&j->sub_slot, &j->sub_slots, 4096);
		for (size_t i = 0; i < j->n_sub; i++)
			j->sub_slot[slot_free(j->sub_slot, slots, j->sub[i].hash)] = (uint32_t)i + 1;
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

/* The members of set that mask picks, into sub (ascending as set is);
 * returns how many. */
static size_t subset_pick(const uint32_t *set, size_t n, uint32_t mask, uint32_t sub[static SUBSET_MAX])
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (mask & (1u << i))
			sub[k++] = set[i];
	return k;
}

void check_count_subsets(struct check_job *j, const uint32_t *set, size_t n)
{
	uint32_t sub[SUBSET_MAX];
	for (uint32_t mask = 1; mask < (1u << n); mask++) {
		size_t k = subset_pick(set, n, mask, sub);
		if (k >= 2)
			sub_add(j, sub, k);
	}
}

/* ---- lists from the indexes (narrowed scans) ------------------------------ */

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
void check_lists(struct check_job *j, struct txn *t)
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
				check_count_subsets(j, set, k);
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

void check_sort_lists(struct check_job *j)
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
		size_t k = subset_pick(set, n, mask, sub);
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
	uint32_t *set = check_scratch(j, 2 * (size_t)p->n_svc);
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
	struct finding *f = check_add(j, FINDING_PARALLEL, &p->id, p->number, p->field, text);
	if (f) {
		f->other_number = first[0];
		f->n_others = others > UINT32_MAX ? UINT32_MAX : (uint32_t)others;
		f->service = low_service;
	}
}

void check_parallel(struct check_job *j)
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

