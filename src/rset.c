/* rset.c - result sets of projects, kept as keys (rset.h). */
#include "ozgtui/rset.h"

#include <stdlib.h>
#include <string.h>

#include "ozgtui/query.h"

/* The map's pages are given back (store_map_release) after about
 * RELEASE_EVERY KiB of them may have been mapped. Every page read maps up to
 * 64 KiB (fault-around), and the pages of one database lie scattered over
 * the file: an index leaf holds 60 to 140 entries (about 1 KiB each), a leaf
 * of records about 7 projects read in storage order (about 10 KiB each),
 * and a project read by its UUID has a page of its own (64 KiB). */
#define RELEASE_EVERY 8192
#define RELEASE_ENTRY 1
#define RELEASE_SEQUENTIAL 10
#define RELEASE_RANDOM 64
/* Below one candidate in SMALL_SHARE of all projects, decoding the
 * candidates is cheaper than walking a whole index. */
#define SMALL_SHARE 16
/* From one project in LARGE_SHARE on, reading every project in storage order
 * (sequential pages) is cheaper than reading each by its UUID. */
#define LARGE_SHARE 4

/* The map a pass may have touched since it last gave it back, in the units
 * above. */
struct budget {
	size_t since;
};

static void worked(struct txn *t, struct budget *b, size_t amount)
{
	b->since += amount;
	if (b->since >= RELEASE_EVERY) {
		store_map_release(t);
		b->since = 0;
	}
}

/* At the end of a pass: gives back what a large one left mapped (a small one
 * keeps it: the next screen likely reads the same pages). */
static void finished(struct txn *t, struct budget *b)
{
	if (b->since >= RELEASE_EVERY / 8)
		store_map_release(t);
	b->since = 0;
}

void rset_init(struct rset *r)
{
	memset(r, 0, sizeof *r);
}

void rset_fini(struct rset *r)
{
	if (!r)
		return;
	free(r->v);
	rset_init(r);
}

static void push(struct rset *r, const struct uuid *id, uint32_t number)
{
	xgrow((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n].id = *id;
	r->v[r->n].number = number;
	r->n++;
}

static void reverse(struct rset *r)
{
	for (size_t i = 0, j = r->n; i + 1 < j; i++, j--) {
		struct rset_key k = r->v[i];
		r->v[i] = r->v[j - 1];
		r->v[j - 1] = k;
	}
}

/* ---- a set of UUIDs with a value each (open addressing) ---------------- */

struct idmap {
	struct idmap_slot {
		struct uuid id;
		uint32_t value;
		bool used;
	} *v;
	size_t mask;
};

static size_t id_hash(const struct uuid *id)
{
	uint64_t a, b;
	memcpy(&a, id->b, 8);
	memcpy(&b, id->b + 8, 8);
	uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15u)) * 0xbf58476d1ce4e5b9u;
	return (size_t)(h ^ (h >> 31));
}

static void idmap_init(struct idmap *m, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	m->v = xcalloc(cap, sizeof *m->v);
	m->mask = cap - 1;
}

static void idmap_fini(struct idmap *m)
{
	free(m->v);
	m->v = NULL;
}

static void idmap_put(struct idmap *m, const struct uuid *id, uint32_t value)
{
	size_t i = id_hash(id) & m->mask;
	while (m->v[i].used && uuid_cmp(&m->v[i].id, id) != 0)
		i = (i + 1) & m->mask;
	m->v[i].id = *id;
	m->v[i].value = value;
	m->v[i].used = true;
}

static const struct idmap_slot *idmap_get(const struct idmap *m, const struct uuid *id)
{
	size_t i = id_hash(id) & m->mask;
	while (m->v[i].used) {
		if (uuid_cmp(&m->v[i].id, id) == 0)
			return &m->v[i];
		i = (i + 1) & m->mask;
	}
	return NULL;
}

/* ---- orders ----------------------------------------------------------------- */

struct entry {
	struct rset_key key;
	struct rset_sortkey sk;
};

static int order_cmp(const struct rset_order *o, const struct rset_sortkey *a, uint32_t na,
		     const struct rset_sortkey *b, uint32_t nb)
{
	int c = 0;
	if (o && o->key) {
		c = strcmp(a->s ? a->s : "", b->s ? b->s : "");
		if (!c)
			c = (a->k > b->k) - (a->k < b->k);
	}
	if (!c)
		c = (na > nb) - (na < nb);
	return o && o->reverse ? -c : c;
}

static const struct rset_order *sort_order;   /* for qsort, which has no argument */

static int entry_qcmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	return order_cmp(sort_order, &a->sk, a->key.number, &b->sk, b->key.number);
}

static int number_qcmp(const void *x, const void *y)
{
	const struct rset_key *a = x, *b = y;
	return (a->number > b->number) - (a->number < b->number);
}

static void sortkey_of(const struct rset_order *o, const struct project *p, struct rset_sortkey *out)
{
	memset(out, 0, sizeof *out);
	if (o && o->key)
		o->key(p, o->arg, out);
}

/* Sorts entries e[0..n) and writes their keys into r. */
static void entries_to_rset(struct entry *e, size_t n, struct rset *r, const struct rset_order *o)
{
	sort_order = o;
	if (n > 1)
		qsort(e, n, sizeof *e, entry_qcmp);
	sort_order = NULL;
	r->n = 0;
	for (size_t i = 0; i < n; i++) {
		push(r, &e[i].key.id, e[i].key.number);
		free(e[i].sk.s);
	}
}

/* Sort keys of the projects of a result set, read in storage order. */
struct keying {
	struct txn *t;
	const struct rset_order *o;
	const struct idmap *pos;     /* UUID -> index into e */
	struct entry *e;
	struct budget *budget;
};

static int key_project(const struct project *p, void *arg)
{
	struct keying *k = arg;
	worked(k->t, k->budget, RELEASE_SEQUENTIAL);
	const struct idmap_slot *s = idmap_get(k->pos, &p->id);
	if (s)
		sortkey_of(k->o, p, &k->e[s->value].sk);
	return 0;
}

enum status rset_sort(struct rset *r, struct txn *t, const struct rset_order *o)
{
	if (!o || !o->key) {
		if (r->n > 1)
			qsort(r->v, r->n, sizeof *r->v, number_qcmp);
		if (o && o->reverse)
			reverse(r);
		return STATUS_OK;
	}
	struct entry *e = xcalloc(r->n ? r->n : 1, sizeof *e);
	for (size_t i = 0; i < r->n; i++)
		e[i].key = r->v[i];
	size_t total = 0;
	struct budget budget = {0};
	enum status st = store_project_count(t, &total);
	if (st == STATUS_OK && r->n * LARGE_SHARE >= total) {
		struct idmap pos;
		idmap_init(&pos, r->n);
		for (size_t i = 0; i < r->n; i++)
			idmap_put(&pos, &r->v[i].id, (uint32_t)i);
		struct keying k = {.t = t, .o = o, .pos = &pos, .e = e, .budget = &budget};
		st = store_project_each_from(t, NULL, key_project, &k);
		idmap_fini(&pos);
	} else if (st == STATUS_OK) {
		struct project p;
		project_init(&p);
		for (size_t i = 0; i < r->n && st == STATUS_OK; i++) {
			project_fini(&p);
			project_init(&p);
			st = store_project_get(t, &r->v[i].id, &p);
			if (st == STATUS_NOT_FOUND)
				st = STATUS_OK;   /* gone meanwhile: sorted by number alone */
			else if (st == STATUS_OK)
				sortkey_of(o, &p, &e[i].sk);
			worked(t, &budget, RELEASE_RANDOM);
		}
		project_fini(&p);
	}
	if (st == STATUS_OK) {
		entries_to_rset(e, r->n, r, o);
	} else {
		for (size_t i = 0; i < r->n; i++)
			free(e[i].sk.s);
	}
	free(e);
	finished(t, &budget);
	return st;
}

/* ---- building ---------------------------------------------------------------- */

struct build {
	struct rset *r;
	struct txn *t;
	const struct catalog *c;
	const struct filter *f;      /* NULL: every project offered matches */
	int32_t today;
	const struct rset_order *o;
	bool keyed;                  /* o has a sort key: collect entries */
	struct entry *e;
	size_t ne, cap;
	const struct idmap *only;    /* candidates: keep only these */
	size_t weight;               /* map per decoded project (RELEASE_*) */
	struct budget budget;
};

/* A decoded project: kept when it matches. */
static int build_project(const struct project *p, void *arg)
{
	struct build *b = arg;
	worked(b->t, &b->budget, b->weight);
	if (b->only && !idmap_get(b->only, &p->id))
		return 0;
	if (b->f && !filter_match(b->f, b->c, p, b->today))
		return 0;
	if (b->keyed) {
		xgrow((void **)&b->e, &b->cap, b->ne + 1, sizeof *b->e);
		struct entry *e = &b->e[b->ne++];
		e->key.id = p->id;
		e->key.number = p->number;
		sortkey_of(b->o, p, &e->sk);
	} else {
		push(b->r, &p->id, p->number);
	}
	return 0;
}

/* An entry of the number index. */
static int build_number(uint32_t number, const struct uuid *id, void *arg)
{
	struct build *b = arg;
	worked(b->t, &b->budget, RELEASE_ENTRY);
	push(b->r, id, number);
	return 0;
}

/* Decodes each of ids[0..n) and keeps the matches. */
static enum status build_from_ids(struct build *b, const struct uuid *ids, size_t n)
{
	enum status st = STATUS_OK;
	struct project p;
	project_init(&p);
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		project_fini(&p);
		project_init(&p);
		st = store_project_get(b->t, &ids[i], &p);
		if (st == STATUS_NOT_FOUND) {
			st = STATUS_OK;   /* an index entry without record: store_verify's business */
			continue;
		}
		if (st == STATUS_OK)
			build_project(&p, b);
	}
	project_fini(&p);
	return st;
}

enum status rset_build(struct rset *r, struct txn *t, const struct catalog *c, const struct filter *f,
		       int32_t today, const struct rset_order *o)
{
	struct build b = {.r = r, .t = t, .c = c, .today = today, .o = o, .keyed = o && o->key};
	r->n = 0;
	struct uuid *ids = NULL;
	uint32_t *numbers = NULL;
	size_t n = 0, total = 0;
	bool narrowed = false, by_uuid = false;
	bool exact = filter_index_exact(f);
	b.f = exact ? NULL : f;
	/* the candidates come in number order (the phase and field indexes
	 * are keyed by number) */
	enum status st = query_candidate_keys(t, f, &ids, &numbers, &n, &narrowed);
	if (st == STATUS_OK)
		st = store_project_count(t, &total);
	if (st != STATUS_OK)
		goto out;

	if (!narrowed && exact && !b.keyed) {
		st = store_project_numbers(t, build_number, &b);
	} else if (narrowed && exact && !b.keyed) {
		for (size_t i = 0; i < n; i++)
			push(r, &ids[i], numbers[i]);
	} else if (narrowed && n * LARGE_SHARE < total) {
		/* few candidates, or a filter to match: decode them */
		b.weight = RELEASE_RANDOM;
		st = build_from_ids(&b, ids, n);
	} else {
		/* every project in storage order (sequential pages), kept when
		 * a candidate and matching */
		struct idmap only = {0};
		if (narrowed) {
			idmap_init(&only, n);
			for (size_t i = 0; i < n; i++)
				idmap_put(&only, &ids[i], 0);
			b.only = &only;
		}
		b.weight = RELEASE_SEQUENTIAL;
		st = store_project_each_from(t, NULL, build_project, &b);
		idmap_fini(&only);
		by_uuid = true;
	}
	if (st == STATUS_OK && !b.keyed && by_uuid && r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, number_qcmp);
	if (st != STATUS_OK)
		goto out;
	if (b.keyed) {
		entries_to_rset(b.e, b.ne, r, o);
		b.ne = 0;
	} else if (o && o->reverse) {
		reverse(r);
	}
out:
	for (size_t i = 0; i < b.ne; i++)
		free(b.e[i].sk.s);
	free(b.e);
	free(ids);
	free(numbers);
	if (st != STATUS_OK)
		r->n = 0;
	finished(t, &b.budget);
	return st;
}

/* ---- by phase ---------------------------------------------------------------- */

/* An entry of the phase index: kept when the field list (number order) has
 * its number too, or when there is no field list. */
struct column_walk {
	struct rset *r;
	struct txn *t;
	const uint32_t *field;   /* NULL: no field filter */
	size_t n_field, next;
	struct budget *budget;
};

static int column_key(uint32_t number, const struct uuid *id, void *arg)
{
	struct column_walk *w = arg;
	worked(w->t, w->budget, RELEASE_ENTRY);
	if (w->field) {
		while (w->next < w->n_field && w->field[w->next] < number)
			w->next++;
		if (w->next == w->n_field)
			return 1;   /* no further number of the field */
		if (w->field[w->next] != number)
			return 0;
	}
	push(w->r, id, number);
	return 0;
}

struct numbers {
	uint32_t *v;
	size_t n, cap;
	struct txn *t;
	struct budget *budget;
};

static int field_number(uint32_t number, const struct uuid *id, void *arg)
{
	struct numbers *l = arg;
	(void)id;
	worked(l->t, l->budget, RELEASE_ENTRY);
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = number;
	return 0;
}

enum status rset_build_phases(struct rset *const *cols, const uint8_t *phases, size_t n, struct txn *t,
			      const struct catalog *c, const struct filter *f, int32_t today)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; i < n; i++)
		cols[i]->n = 0;
	if (!filter_index_exact(f)) {
		/* one pass over the matches, dealt out by the phase index */
		struct rset all;
		rset_init(&all);
		st = rset_build(&all, t, c, f, today, NULL);
		uint8_t *phase = xcalloc(all.n ? all.n : 1, 1);
		if (st == STATUS_OK)
			st = rset_phases(&all, t, &c->phases, phase);
		for (size_t i = 0; st == STATUS_OK && i < all.n; i++)
			for (size_t k = 0; k < n; k++)
				if (phase[i] && phases[k] == phase[i]) {
					push(cols[k], &all.v[i].id, all.v[i].number);
					break;
				}
		free(phase);
		rset_fini(&all);
		return st;
	}
	/* each column a walk of its phase's index entries (number order),
	 * merged with the field's numbers when the filter names a field */
	uint8_t only_phase = f ? filter_only_phase(f) : 0;
	uint16_t only_field = f ? filter_only_field(f) : 0;
	struct budget budget = {0};
	struct numbers field = {.t = t, .budget = &budget};
	if (only_field)
		st = store_project_keys_in_field(t, only_field, field_number, &field);
	for (size_t i = 0; st == STATUS_OK && i < n; i++) {
		if (only_phase && phases[i] != only_phase)
			continue;
		if (only_field && !field.n)
			break;
		struct column_walk w = {.r = cols[i], .t = t, .field = only_field ? field.v : NULL,
					.n_field = field.n, .budget = &budget};
		st = store_project_keys_in_phase(t, phases[i], column_key, &w);
	}
	free(field.v);
	if (st != STATUS_OK)
		for (size_t i = 0; i < n; i++)
			cols[i]->n = 0;
	finished(t, &budget);
	return st;
}

/* ---- finding, removing, inserting -------------------------------------- */

size_t rset_find(const struct rset *r, const struct uuid *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (memcmp(r->v[i].id.b, id->b, 16) == 0)
			return i;
	return r->n;
}

static int uuid_qcmp(const void *a, const void *b)
{
	return uuid_cmp(a, b);
}

void rset_remove(struct rset *r, const struct uuid *ids, size_t n)
{
	if (n == 0 || r->n == 0)
		return;
	if (n <= 4) {   /* a move or two: compared directly */
		size_t k = 0;
		for (size_t i = 0; i < r->n; i++) {
			bool gone = false;
			for (size_t j = 0; j < n && !gone; j++)
				gone = memcmp(r->v[i].id.b, ids[j].b, 16) == 0;
			if (!gone)
				r->v[k++] = r->v[i];
		}
		r->n = k;
		return;
	}
	struct uuid *sorted = xcalloc(n, sizeof *sorted);
	memcpy(sorted, ids, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, uuid_qcmp);
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!bsearch(&r->v[i].id, sorted, n, sizeof *sorted, uuid_qcmp))
			r->v[k++] = r->v[i];
	r->n = k;
	free(sorted);
}

enum status rset_insert(struct rset *r, struct txn *t, const struct project *p, const struct rset_order *o)
{
	struct rset_sortkey mine, other;
	sortkey_of(o, p, &mine);
	size_t lo = 0, hi = r->n;
	enum status st = STATUS_OK;
	struct project q;
	project_init(&q);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		memset(&other, 0, sizeof other);
		if (o && o->key) {
			project_fini(&q);
			project_init(&q);
			st = store_project_get(t, &r->v[mid].id, &q);
			if (st == STATUS_OK)
				sortkey_of(o, &q, &other);
			else if (st == STATUS_NOT_FOUND)
				st = STATUS_OK;   /* compared by number alone */
			else
				break;
		}
		int c = order_cmp(o, &mine, p->number, &other, r->v[mid].number);
		free(other.s);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	project_fini(&q);
	free(mine.s);
	if (st != STATUS_OK)
		return st;
	xgrow((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v);
	memmove(&r->v[lo + 1], &r->v[lo], (r->n - lo) * sizeof *r->v);
	r->v[lo].id = p->id;
	r->v[lo].number = p->number;
	r->n++;
	return STATUS_OK;
}

/* ---- phases --------------------------------------------------------------- */

struct phase_walk {
	struct txn *t;
	const struct idmap *pos;
	uint8_t *phase;
	uint8_t current;
	struct budget *budget;
};

static int phase_id(const struct uuid *id, void *arg)
{
	struct phase_walk *w = arg;
	worked(w->t, w->budget, RELEASE_ENTRY);
	const struct idmap_slot *s = idmap_get(w->pos, id);
	if (s)
		w->phase[s->value] = w->current;
	return 0;
}

enum status rset_phases(const struct rset *r, struct txn *t, const struct phase_list *pl, uint8_t *phase)
{
	memset(phase, 0, r->n);
	size_t total = 0;
	struct budget budget = {0};
	enum status st = store_project_count(t, &total);
	if (st != STATUS_OK)
		return st;
	if (r->n * SMALL_SHARE < total) {
		struct project p;
		project_init(&p);
		for (size_t i = 0; i < r->n && st == STATUS_OK; i++) {
			project_fini(&p);
			project_init(&p);
			st = store_project_get(t, &r->v[i].id, &p);
			if (st == STATUS_NOT_FOUND)
				st = STATUS_OK;
			else if (st == STATUS_OK && phase_list_index(pl, p.phase) >= 0)
				phase[i] = p.phase;
			worked(t, &budget, RELEASE_RANDOM);
		}
		project_fini(&p);
	} else {
		struct idmap pos;
		idmap_init(&pos, r->n);
		for (size_t i = 0; i < r->n; i++)
			idmap_put(&pos, &r->v[i].id, (uint32_t)i);
		struct phase_walk w = {.t = t, .pos = &pos, .phase = phase, .budget = &budget};
		for (size_t i = 0; i < pl->n && st == STATUS_OK; i++) {
			w.current = pl->v[i].id;
			st = store_project_ids_in_phase(t, w.current, phase_id, &w);
		}
		idmap_fini(&pos);
	}
	finished(t, &budget);
	return st;
}

/* ---- changes ---------------------------------------------------------------- */

static int newest_seq(const struct history_entry *e, void *arg)
{
	*(uint64_t *)arg = e->seq;
	return 1;
}

enum status rset_stamp_take(struct txn *t, int32_t today, struct rset_stamp *out)
{
	memset(out, 0, sizeof *out);
	out->today = today;
	enum status st = store_history_each(t, 1, newest_seq, &out->seq);
	if (st == STATUS_OK)
		st = store_project_count(t, &out->projects);
	return st;
}

struct changes {
	uint64_t since;
	struct uuid *ids;
	size_t n, cap;
	bool rebuild;
};

static int change(const struct history_entry *e, void *arg)
{
	struct changes *c = arg;
	if (e->seq <= c->since)
		return 1;
	if (!e->entity || strcmp(e->entity, "project") != 0 || uuid_is_nil(&e->entity_id) || c->n >= RSET_MAX_CHANGES) {
		c->rebuild = true;
		return 1;
	}
	xgrow((void **)&c->ids, &c->cap, c->n + 1, sizeof *c->ids);
	c->ids[c->n++] = e->entity_id;
	return 0;
}

enum status rset_changes(struct txn *t, const struct rset_stamp *since, int32_t today, struct rset_stamp *now,
			 struct uuid **ids, size_t *n, bool *rebuild)
{
	*ids = NULL;
	*n = 0;
	*rebuild = true;
	enum status st = rset_stamp_take(t, today, now);
	if (st != STATUS_OK)
		return st;
	/* Nothing in the history, yet something changed (or a reload was asked
	 * for): the reference data, the phases, a restore. Another day: late:
	 * and stale: match other projects. */
	if (now->seq == since->seq || now->today != since->today || now->projects < since->projects)
		return STATUS_OK;
	struct changes c = {.since = since->seq};
	st = store_history_each(t, 0, change, &c);
	if (st != STATUS_OK || c.rebuild) {
		free(c.ids);
		return st;
	}
	qsort(c.ids, c.n, sizeof *c.ids, uuid_qcmp);
	size_t k = 0;
	for (size_t i = 0; i < c.n; i++)
		if (k == 0 || uuid_cmp(&c.ids[k - 1], &c.ids[i]) != 0)
			c.ids[k++] = c.ids[i];
	/* projects created without an entry about them (a restore) */
	if (now->projects - since->projects > k) {
		free(c.ids);
		return STATUS_OK;
	}
	*ids = c.ids;
	*n = k;
	*rebuild = false;
	return STATUS_OK;
}

/* ---- building in steps ------------------------------------------------------ */

/* Work units of a step: an index entry costs 1, a decoded project DECODE. */
#define DECODE 16
/* Sorted first in runs of RUN entries, then merged. */
#define RUN 32

enum job_mode {
	JOB_START,
	JOB_NUMBERS,     /* exact, every project: the number index from next */
	JOB_ALL,         /* every project by the number index from next, each decoded */
	JOB_INDEX,       /* one phase and/or field: its index from next, pushed when
			  * exact, else decoded and matched */
	JOB_PHASES,      /* exact, columns: each column's phase index from its next */
	JOB_RUNS,        /* keyed: sorting runs of the entries */
	JOB_MERGE,       /* keyed: merging them */
	JOB_DONE,
};

/* An entry to sort: s an offset into the arena (SIZE_MAX: ""). */
struct jentry {
	struct rset_key key;
	int64_t k;
	size_t s;
};

struct rset_job {
	const struct catalog *c;
	struct filter *f;           /* owned; NULL: every project */
	bool exact;
	int32_t today;
	struct rset_order o;
	bool keyed;
	size_t ncols;
	uint8_t *phases;            /* NULL: one list of every phase */
	size_t *expected;           /* per output; SIZE_MAX: not known */
	enum job_mode mode;
	uint32_t next;              /* JOB_NUMBERS, JOB_ALL */
	bool wrapped;               /* next passed UINT32_MAX */
	uint32_t *col_next;         /* JOB_PHASES */
	bool *col_done;
	uint8_t only_phase;
	uint16_t only_field;
	struct jentry *e, *tmp;     /* keyed */
	size_t ne, cap;
	char *arena;
	size_t arena_n, arena_cap;
	size_t width, lo, mid, hi, x, y, out;   /* JOB_MERGE */
	bool merging;
	struct budget budget;
};

struct rset_job *rset_job_new(const struct catalog *c, struct filter *f, int32_t today, const struct rset_order *o,
			      const uint8_t *phases, size_t ncols)
{
	struct rset_job *j = xcalloc(1, sizeof *j);
	j->c = c;
	j->f = f;
	j->exact = filter_index_exact(f);
	j->today = today;
	if (o)
		j->o = *o;
	j->keyed = !phases && o && o->key;
	j->ncols = phases ? ncols : 1;
	if (phases) {
		j->phases = xcalloc(ncols ? ncols : 1, 1);
		memcpy(j->phases, phases, ncols);
		j->o.reverse = false;
	}
	j->expected = xcalloc(j->ncols ? j->ncols : 1, sizeof *j->expected);
	for (size_t i = 0; i < j->ncols; i++)
		j->expected[i] = SIZE_MAX;
	return j;
}

void rset_job_free(struct rset_job *j)
{
	if (!j)
		return;
	filter_free(j->f);
	free(j->phases);
	free(j->expected);
	free(j->col_next);
	free(j->col_done);
	free(j->e);
	free(j->tmp);
	free(j->arena);
	free(j);
}

bool rset_job_done(const struct rset_job *j)
{
	return j->mode == JOB_DONE;
}

bool rset_job_sorting(const struct rset_job *j)
{
	return j->mode == JOB_RUNS || j->mode == JOB_MERGE;
}

size_t rset_job_expected(const struct rset_job *j, size_t col)
{
	return col < j->ncols ? j->expected[col] : SIZE_MAX;
}

/* The output a project of phase goes to, or NULL. */
static struct rset *job_out(const struct rset_job *j, struct rset *const *out, uint8_t phase)
{
	if (!j->phases)
		return out[0];
	for (size_t i = 0; i < j->ncols; i++)
		if (j->phases[i] == phase)
			return out[i];
	return NULL;
}

/* A decoded project: pushed where it belongs when it matches. */
static void job_project(struct rset_job *j, struct rset *const *out, const struct project *p)
{
	if (!j->exact && j->f && !filter_match(j->f, j->c, p, j->today))
		return;
	struct rset *r = job_out(j, out, p->phase);
	if (!r)
		return;
	push(r, &p->id, p->number);
	if (!j->keyed)
		return;
	struct rset_sortkey sk;
	sortkey_of(&j->o, p, &sk);
	xgrow((void **)&j->e, &j->cap, j->ne + 1, sizeof *j->e);
	struct jentry *e = &j->e[j->ne++];
	e->key.id = p->id;
	e->key.number = p->number;
	e->k = sk.k;
	e->s = SIZE_MAX;
	if (sk.s) {
		size_t len = strlen(sk.s) + 1;
		xgrow((void **)&j->arena, &j->arena_cap, j->arena_n + len, 1);
		memcpy(j->arena + j->arena_n, sk.s, len);
		e->s = j->arena_n;
		j->arena_n += len;
		free(sk.s);
	}
}

static enum status job_decode(struct rset_job *j, struct txn *t, struct rset *const *out, const struct uuid *id)
{
	struct project p;
	project_init(&p);
	enum status st = store_project_get(t, id, &p);
	if (st == STATUS_OK)
		job_project(j, out, &p);
	else if (st == STATUS_NOT_FOUND)
		st = STATUS_OK;   /* an index entry without record: store_verify's business */
	project_fini(&p);
	worked(t, &j->budget, RELEASE_RANDOM);
	return st;
}

struct job_walk {
	struct rset_job *j;
	struct txn *t;
	struct rset *const *out;
	struct rset *col;      /* JOB_PHASES: the column */
	size_t k;              /* ... and its index */
	long left;
	bool stopped;
	enum status st;
};

static int job_number(uint32_t number, const struct uuid *id, void *arg)
{
	struct job_walk *w = arg;
	struct rset_job *j = w->j;
	if (w->left <= 0) {
		w->stopped = true;
		return 1;
	}
	if (j->exact && !j->keyed) {
		worked(w->t, &j->budget, RELEASE_ENTRY);
		push(w->out[0], id, number);
		w->left--;
	} else {
		w->st = job_decode(j, w->t, w->out, id);
		w->left -= DECODE;
	}
	j->next = number + 1;
	j->wrapped = number == UINT32_MAX;
	return w->st != STATUS_OK || j->wrapped;
}

static int job_column(uint32_t number, const struct uuid *id, void *arg)
{
	struct job_walk *w = arg;
	struct rset_job *j = w->j;
	if (w->left <= 0) {
		w->stopped = true;
		return 1;
	}
	worked(w->t, &j->budget, RELEASE_ENTRY);
	w->left--;
	j->col_next[w->k] = number + 1;
	if (number == UINT32_MAX)
		j->col_done[w->k] = true;
	push(w->col, id, number);
	return j->col_done[w->k];
}

/* The keys of a phase with the field, if any, from the number from on: the
 * copies' keys of the phase and field, else the phase index. */
static enum status job_phase_from(struct rset_job *j, struct txn *t, uint8_t phase, uint32_t from,
				  int (*fn)(uint32_t, const struct uuid *, void *), void *arg)
{
	if (j->only_field)
		return store_project_keys_in_phase_field_from(t, phase, j->only_field, from, fn, arg);
	return store_project_keys_in_phase_from(t, phase, from, fn, arg);
}

/* The first step: what the walk is, and the counts the store keeps. */
static enum status job_start(struct rset_job *j, struct txn *t, struct rset *const *out)
{
	for (size_t i = 0; i < j->ncols; i++)
		out[i]->n = 0;
	enum status st = STATUS_OK;
	if (j->exact) {
		j->only_phase = j->f ? filter_only_phase(j->f) : 0;
		j->only_field = j->f ? filter_only_field(j->f) : 0;
		uint32_t(*counts)[256] = xcalloc(256, sizeof *counts);
		st = store_project_counts(t, counts);
		/* the counts leave out a field numbered from 256 on: when they do
		 * not add up to every project, only a count by field is known */
		size_t all = 0, counted = 0;
		if (st == STATUS_OK)
			st = store_project_count(t, &all);
		for (unsigned ph = 0; st == STATUS_OK && ph < 256; ph++)
			for (unsigned fl = 0; fl < 256; fl++)
				counted += counts[ph][fl];
		for (size_t i = 0; st == STATUS_OK && i < j->ncols; i++) {
			size_t sum = 0;
			for (unsigned ph = 0; ph < 256; ph++) {
				if (j->phases && ph != j->phases[i])
					continue;
				if (j->only_phase && ph != j->only_phase)
					continue;
				for (unsigned fl = 0; fl < 256; fl++)
					if (!j->only_field || fl == j->only_field)
						sum += counts[ph][fl];
			}
			/* a field numbered from 256 on is not counted per phase */
			if (j->only_field >= 256 || (!j->only_field && counted != all))
				j->expected[i] = SIZE_MAX;
			else
				j->expected[i] = sum;
		}
		free(counts);
		if (st != STATUS_OK)
			return st;
	}
	if (j->phases && j->exact) {
		j->col_next = xcalloc(j->ncols ? j->ncols : 1, sizeof *j->col_next);
		j->col_done = xcalloc(j->ncols ? j->ncols : 1, sizeof *j->col_done);
		j->mode = JOB_PHASES;
		return st;
	}
	/* the candidates query_candidate_keys would give (rset_build), walked
	 * in steps from a number on */
	j->only_phase = j->f ? filter_only_phase(j->f) : 0;
	j->only_field = j->f ? filter_only_field(j->f) : 0;
	if (j->only_phase || j->only_field)
		j->mode = JOB_INDEX;
	else
		j->mode = j->exact && !j->keyed ? JOB_NUMBERS : JOB_ALL;
	return STATUS_OK;
}

/* One pass of the sort finished, or all of it: the keys go out in order. */
static int jentry_cmp(const struct rset_job *j, const struct jentry *a, const struct jentry *b)
{
	const char *sa = a->s == SIZE_MAX ? "" : j->arena + a->s;
	const char *sb = b->s == SIZE_MAX ? "" : j->arena + b->s;
	int c = strcmp(sa, sb);
	if (!c)
		c = (a->k > b->k) - (a->k < b->k);
	if (!c)
		c = (a->key.number > b->key.number) - (a->key.number < b->key.number);
	return j->o.reverse ? -c : c;
}

static void job_sort_step(struct rset_job *j, long *left)
{
	if (j->mode == JOB_RUNS) {
		/* insertion sort of each run */
		while (*left > 0 && j->lo < j->ne) {
			size_t end = j->lo + RUN < j->ne ? j->lo + RUN : j->ne;
			for (size_t i = j->lo + 1; i < end; i++) {
				struct jentry v = j->e[i];
				size_t k = i;
				while (k > j->lo && jentry_cmp(j, &v, &j->e[k - 1]) < 0) {
					j->e[k] = j->e[k - 1];
					k--;
				}
				j->e[k] = v;
			}
			*left -= RUN * 4;
			j->lo = end;
		}
		if (j->lo < j->ne)
			return;
		j->mode = JOB_MERGE;
		j->width = RUN;
		j->lo = 0;
		j->merging = false;
		j->tmp = xcalloc(j->ne ? j->ne : 1, sizeof *j->tmp);
	}
	while (*left > 0 && j->width < j->ne) {
		if (!j->merging) {
			if (j->lo >= j->ne) {
				struct jentry *s = j->e;
				j->e = j->tmp;
				j->tmp = s;
				j->width *= 2;
				j->lo = 0;
				continue;
			}
			j->mid = j->lo + j->width < j->ne ? j->lo + j->width : j->ne;
			j->hi = j->mid + j->width < j->ne ? j->mid + j->width : j->ne;
			j->x = j->lo;
			j->y = j->mid;
			j->out = j->lo;
			j->merging = true;
		}
		while (*left > 0 && j->out < j->hi) {
			if (j->x < j->mid && (j->y >= j->hi || jentry_cmp(j, &j->e[j->x], &j->e[j->y]) <= 0))
				j->tmp[j->out++] = j->e[j->x++];
			else
				j->tmp[j->out++] = j->e[j->y++];
			(*left)--;
		}
		if (j->out == j->hi) {
			j->merging = false;
			j->lo = j->hi;
		}
	}
}

/* The end of a build: out in its order. */
static void job_finish(struct rset_job *j, struct txn *t, struct rset *const *out)
{
	if (j->keyed) {
		struct rset *r = out[0];
		r->n = 0;
		for (size_t i = 0; i < j->ne; i++)
			push(r, &j->e[i].key.id, j->e[i].key.number);
		free(j->e);
		free(j->tmp);
		free(j->arena);
		j->e = j->tmp = NULL;
		j->arena = NULL;
		j->ne = j->cap = j->arena_n = j->arena_cap = 0;
	} else if (!j->phases && j->o.reverse) {
		reverse(out[0]);
	}
	j->mode = JOB_DONE;
	finished(t, &j->budget);
}

enum status rset_job_step(struct rset_job *j, struct txn *t, struct rset *const *out, size_t work, bool *done)
{
	enum status st = STATUS_OK;
	long left = work ? (long)work : 1;
	if (j->mode == JOB_START)
		st = job_start(j, t, out);
	while (st == STATUS_OK && left > 0 && j->mode != JOB_DONE) {
		switch (j->mode) {
		case JOB_NUMBERS:
		case JOB_ALL:
		case JOB_INDEX: {
			struct job_walk w = {.j = j, .t = t, .out = out, .left = left};
			if (j->mode != JOB_INDEX)
				st = store_project_numbers_from(t, j->next, job_number, &w);
			else if (j->only_phase)
				st = job_phase_from(j, t, j->only_phase, j->next, job_number, &w);
			else
				st = store_project_keys_in_field_from(t, j->only_field, j->next, job_number, &w);
			if (st == STATUS_OK)
				st = w.st;
			left = w.left;
			if (st == STATUS_OK && !w.stopped)
				j->mode = j->keyed ? JOB_RUNS : JOB_DONE;
			else
				left = 0;
			break;
		}
		case JOB_PHASES: {
			/* round robin: every column gets its first cards in the first step */
			bool all = true;
			long share = left / (long)(j->ncols ? j->ncols : 1);
			if (share < 8)
				share = 8;
			for (size_t k = 0; st == STATUS_OK && k < j->ncols; k++) {
				if (j->col_done[k])
					continue;
				if (j->only_phase && j->phases[k] != j->only_phase) {
					j->col_done[k] = true;
					continue;
				}
				struct job_walk w = {.j = j, .t = t, .out = out, .col = out[k], .k = k, .left = share};
				st = job_phase_from(j, t, j->phases[k], j->col_next[k], job_column, &w);
				left -= share - w.left;
				if (st == STATUS_OK && !w.stopped)
					j->col_done[k] = true;
				all = all && j->col_done[k];
			}
			if (st == STATUS_OK && all)
				j->mode = JOB_DONE;
			if (left > 0 && !all)
				continue;
			left = 0;
			break;
		}
		case JOB_RUNS:
		case JOB_MERGE:
			job_sort_step(j, &left);
			if (j->mode == JOB_MERGE && j->width >= j->ne)
				j->mode = JOB_DONE;
			break;
		case JOB_START:
		case JOB_DONE:
			break;
		}
		if (j->mode == JOB_DONE && st == STATUS_OK) {
			j->mode = JOB_START;   /* job_finish sets it done */
			job_finish(j, t, out);
		}
	}
	if (st != STATUS_OK) {
		for (size_t i = 0; i < j->ncols; i++)
			out[i]->n = 0;
		j->mode = JOB_DONE;
		finished(t, &j->budget);
	}
	*done = j->mode == JOB_DONE;
	return st;
}
