/* store_defer.c - the raw operations (get, put, append, delete, walks, the
 * last key, counts), all through the sticky status, and the puts an import
 * holds back (store_defer_begin): kept in memory per sub-db and written at
 * the end in key order with MDB_APPEND, or appended through one cursor as
 * they come for the sub-dbs whose keys come in order. Every raw operation on
 * a held-back sub-db writes its puts first.
 */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "ozgtui/i18n.h"

/* ---- raw operations, all through the sticky status ---- */

static enum status raw_put(struct txn *t, enum dbi_id db, const void *k, size_t klen,
			   const void *v, size_t vlen, unsigned flags);

/* ---- held-back puts (store_defer_begin) ---- */

struct defer_entry {
	size_t off;        /* key, then value, in defer_q.bytes */
	size_t seq;        /* order of the puts: of two equal keys the later wins */
	uint32_t klen, vlen;
	bool by_ref;       /* a version: the value is its record's, read at the end */
};

struct defer_q {
	struct defer_entry *e;
	size_t n, cap;
	uint8_t *bytes;
	size_t len, bcap;
};

/* A sub-db written in key order as it comes (history, project_by_number):
 * appended through one cursor while each key is past the last. */
struct defer_tail {
	MDB_cursor *cur;
	uint8_t last[32];   /* its last key, if known */
	size_t len;
	bool known, empty;
};

struct defer {
	uint32_t mask;   /* 1 << dbi_id of each held-back sub-db */
	struct defer_q q[DB__COUNT];
	uint32_t tail_mask;
	struct defer_tail tail[DB__COUNT];
};

static const enum dbi_id tail_dbs[] = {DB_HISTORY, DB_PROJECT_BY_NUMBER};

static const enum dbi_id deferred_dbs[] = {
	DB_VERSIONS, DB_VERSION_BY_REVISION, DB_PROJECT_BY_PHASE, DB_PROJECT_BY_FIELD,
	DB_PROJECT_BY_ORG, DB_PROJECT_BY_SERVICE, DB_OUTCOME_BY_PROJECT, DB_HISTORY_BY_ENTITY,
};

void store_defer_free(struct txn *t)
{
	if (!t->defer)
		return;
	for (size_t i = 0; i < DB__COUNT; i++) {
		free(t->defer->q[i].e);
		free(t->defer->q[i].bytes);
		if (t->defer->tail[i].cur)
			mdb_cursor_close(t->defer->tail[i].cur);
	}
	free(t->defer);
	t->defer = NULL;
}

void store_defer_begin(struct txn *t)
{
	if (!t->write)
		return;
	store_defer_free(t);
	t->defer = xcalloc(1, sizeof *t->defer);
	for (size_t i = 0; i < ARRAY_LEN(deferred_dbs); i++)
		t->defer->mask |= 1u << deferred_dbs[i];
	for (size_t i = 0; i < ARRAY_LEN(tail_dbs); i++)
		t->defer->tail_mask |= 1u << tail_dbs[i];
}

static bool tailed(const struct txn *t, enum dbi_id db)
{
	return t->defer && (t->defer->tail_mask >> db & 1u);
}

/* After anything but an append: the cursor closed, the last key read anew. */
static void tail_reset(struct txn *t, enum dbi_id db)
{
	struct defer_tail *d = &t->defer->tail[db];
	if (d->cur)
		mdb_cursor_close(d->cur);
	d->cur = NULL;
	d->known = false;
}

static int key_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : alen < blen ? -1 : alen > blen;
}

/* Learns the last key of a tailed sub-db; false if it is too long to keep. */
static bool tail_know(struct txn *t, enum dbi_id db)
{
	struct defer_tail *d = &t->defer->tail[db];
	if (d->known)
		return true;
	MDB_val last;
	bool found;
	if (store_raw_last_key(t, db, &last, &found) || (found && last.mv_size > sizeof d->last))
		return false;
	d->empty = !found;
	d->len = found ? last.mv_size : 0;
	if (found)
		memcpy(d->last, last.mv_data, last.mv_size);
	d->known = true;
	return true;
}

/* A put into a tailed sub-db: appended if its key is past the last (true),
 * else left to mdb_put (false). */
static bool tail_put(struct txn *t, enum dbi_id db, const void *k, size_t klen, const void *v, size_t vlen)
{
	struct defer_tail *d = &t->defer->tail[db];
	if (klen > sizeof d->last || !tail_know(t, db))
		return false;
	if (!d->empty && key_cmp(k, klen, d->last, d->len) <= 0) {
		if (d->cur)
			mdb_cursor_close(d->cur);   /* the last key stays the last */
		d->cur = NULL;
		return false;
	}
	int rc = d->cur ? 0 : mdb_cursor_open(t->txn, t->s->dbi[db], &d->cur);
	MDB_val key = {klen, (void *)k}, val = {vlen, (void *)v};
	if (!rc)
		rc = mdb_cursor_put(d->cur, &key, &val, MDB_APPEND);
	if (rc) {
		tail_reset(t, db);
		store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
		return true;
	}
	memcpy(d->last, k, klen);
	d->len = klen;
	d->empty = false;
	t->changed = true;
	return true;
}

bool store_deferred(const struct txn *t, enum dbi_id db)
{
	return t->defer && (t->defer->mask >> db & 1u);
}

void store_defer_add(struct txn *t, enum dbi_id db, const void *k, size_t klen, const void *v,
		     size_t vlen, bool by_ref)
{
	struct defer_q *q = &t->defer->q[db];
	xgrow((void **)&q->e, &q->cap, q->n + 1, sizeof *q->e);
	xgrow((void **)&q->bytes, &q->bcap, q->len + klen + vlen, 1);
	q->e[q->n] = (struct defer_entry){q->len, q->n, (uint32_t)klen, (uint32_t)vlen, by_ref};
	q->n++;
	memcpy(q->bytes + q->len, k, klen);
	if (vlen)
		memcpy(q->bytes + q->len + klen, v, vlen);
	q->len += klen + vlen;
	t->changed = true;
}

/* LMDB's order of keys (mdb_cmp_memn), then the order of the puts. */
static int defer_cmp(const uint8_t *bytes, const struct defer_entry *x, const struct defer_entry *y)
{
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(bytes + x->off, bytes + y->off, n);
	if (!c)
		c = x->klen < y->klen ? -1 : x->klen > y->klen;
	if (!c)
		c = x->seq < y->seq ? -1 : x->seq > y->seq;
	return c;
}

struct defer_rank {
	uint64_t pre;   /* 8 key bytes from the offset being sorted on, big-endian */
	size_t i;       /* the entry */
};

/* Sorts r[0..n) (tmp: as much room) by the key bytes from off on: a radix
 * sort (stable, so the order of the puts stays) on 8 bytes at a time, then
 * each run of equal bytes by the next 8, or by whole keys if short. */
static void defer_sort_range(const struct defer_q *q, struct defer_rank *r, struct defer_rank *tmp,
			     size_t n, size_t off)
{
	size_t count[8][256] = {{0}}, maxlen = 0;
	for (size_t i = 0; i < n; i++) {
		const struct defer_entry *e = &q->e[r[i].i];
		const uint8_t *k = q->bytes + e->off;
		uint64_t pre = 0;
		for (size_t b = off; b < off + 8; b++)
			pre = pre << 8 | (b < e->klen ? k[b] : 0);
		r[i].pre = pre;
		if (e->klen > maxlen)
			maxlen = e->klen;
		for (int d = 0; d < 8; d++)
			count[d][pre >> (8 * d) & 0xff]++;
	}
	bool in_tmp = false;
	for (int d = 0; d < 8; d++) {
		if (count[d][r[0].pre >> (8 * d) & 0xff] == n)
			continue;   /* one value in this byte: nothing to order */
		size_t pos = 0;
		for (int b = 0; b < 256; b++) {
			size_t c = count[d][b];
			count[d][b] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[d][r[i].pre >> (8 * d) & 0xff]++] = r[i];
		struct defer_rank *x = r;
		r = tmp;
		tmp = x;
		in_tmp = !in_tmp;
	}
	if (in_tmp) {   /* the result back where the caller looks */
		memcpy(tmp, r, n * sizeof *r);
		struct defer_rank *x = r;
		r = tmp;
		tmp = x;
	}
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && r[hi].pre == r[lo].pre; hi++)
			;
		if (hi - lo > 16 && off + 8 < maxlen) {
			defer_sort_range(q, r + lo, tmp + lo, hi - lo, off + 8);
			continue;
		}
		for (size_t i = lo + 1; i < hi; i++) {
			struct defer_rank x = r[i];
			size_t j = i;
			while (j > lo && defer_cmp(q->bytes, &q->e[r[j - 1].i], &q->e[x.i]) > 0) {
				r[j] = r[j - 1];
				j--;
			}
			r[j] = x;
		}
	}
}

/* Puts q's entries in defer_cmp order. */
static void defer_sort(struct defer_q *q)
{
	size_t n = q->n;
	struct defer_rank *r = xmalloc(n * sizeof *r), *tmp = xmalloc(n * sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i].i = i;
	defer_sort_range(q, r, tmp, n, 0);
	struct defer_entry *sorted = xmalloc(n * sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = q->e[r[i].i];
	free(q->e);
	q->e = sorted;
	q->cap = n;
	free(r);
	free(tmp);
}

/* The record a held-back version names: the current value of its record. */
static enum status defer_version_value(struct txn *t, const uint8_t *k, MDB_val *v)
{
	switch (k[0]) {
	case VERSION_PROJECT:
		return store_raw_get(t, DB_PROJECTS, k + 1, 16, v);
	case VERSION_OUTCOME:
		return store_raw_get(t, DB_OUTCOMES, k + 1, 16, v);
	default:
		return store_raw_get(t, DB_SERVICES, k + 1, 4, v);
	}
}

enum status store_defer_flush(struct txn *t, enum dbi_id db)
{
	struct defer_q *q = &t->defer->q[db];
	t->defer->mask &= ~(1u << db);   /* from here on written straight away */
	if (!q->n || t->st)
		goto done;
	defer_sort(q);
	/* MDB_APPEND only after the sub-db's last key (it is empty in an import) */
	unsigned flags = MDB_APPEND;
	MDB_val last;
	bool found;
	if (store_raw_last_key(t, db, &last, &found))
		goto done;
	if (found) {
		const struct defer_entry *f = &q->e[0];
		size_t n = last.mv_size < f->klen ? last.mv_size : f->klen;
		int c = memcmp(last.mv_data, q->bytes + f->off, n);
		if (c > 0 || (c == 0 && last.mv_size >= f->klen))
			flags = 0;
	}
	/* one cursor for all: an append goes on from its leaf instead of a
	 * search from the root (each page looked up in the dirty list) */
	MDB_cursor *cur;
	int rc = mdb_cursor_open(t->txn, t->s->dbi[db], &cur);
	if (rc) {
		store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
		goto done;
	}
	struct buf val;
	buf_init(&val);
	for (size_t i = 0; i < q->n && !rc; i++) {
		const struct defer_entry *e = &q->e[i];
		if (i + 1 < q->n && e->klen == q->e[i + 1].klen &&
		    memcmp(q->bytes + e->off, q->bytes + q->e[i + 1].off, e->klen) == 0)
			continue;   /* a later put of the same key wins */
		const uint8_t *k = q->bytes + e->off;
		MDB_val mk = {e->klen, (void *)k}, v = {e->vlen, (void *)(k + e->klen)};
		if (e->by_ref) {
			if (defer_version_value(t, k, &v))
				break;
			/* our own copy: a put may spill the page the record lies on */
			buf_reset(&val);
			buf_append(&val, v.mv_data, v.mv_size);
			v = (MDB_val){val.len, val.data};
		}
		rc = mdb_cursor_put(cur, &mk, &v, flags);
	}
	buf_fini(&val);
	mdb_cursor_close(cur);
	if (rc)
		store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	t->changed = true;
done:
	free(q->e);
	free(q->bytes);
	*q = (struct defer_q){0};
	return t->st;
}

void store_defer_touch(struct txn *t, enum dbi_id db)
{
	if (tailed(t, db))
		tail_reset(t, db);
	if (store_deferred(t, db))
		store_defer_flush(t, db);
	/* a version held back reads its record at the end: not after it changed */
	if ((db == DB_PROJECTS || db == DB_OUTCOMES || db == DB_SERVICES) && store_deferred(t, DB_VERSIONS))
		store_defer_flush(t, DB_VERSIONS);
}

enum status store_defer_finish(struct txn *t)
{
	if (!t->defer)
		return t->st;
	for (size_t i = 0; i < ARRAY_LEN(deferred_dbs); i++)
		if (store_deferred(t, deferred_dbs[i]))
			store_defer_flush(t, deferred_dbs[i]);
	store_defer_free(t);
	return t->st;
}

/* A cursor on db for reading, its held-back puts written first; t's sticky
 * status on failure. */
static enum status read_cursor(struct txn *t, enum dbi_id db, MDB_cursor **cur)
{
	if (t->st)
		return t->st;
	if (store_deferred(t, db))
		store_defer_flush(t, db);
	int rc = mdb_cursor_open(t->txn, t->s->dbi[db], cur);
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	return STATUS_OK;
}

enum status store_raw_get(struct txn *t, enum dbi_id db, const void *k, size_t klen, MDB_val *v)
{
	if (t->st)
		return t->st;
	if (store_deferred(t, db))
		store_defer_flush(t, db);
	if (tailed(t, db)) {
		/* a key past the last one is not there (history_restore asks) */
		struct defer_tail *d = &t->defer->tail[db];
		if (d->known && (d->empty || key_cmp(k, klen, d->last, d->len) > 0))
			return STATUS_NOT_FOUND;
	}
	MDB_val key = {klen, (void *)k};
	int rc = mdb_get(t->txn, t->s->dbi[db], &key, v);
	if (rc == MDB_NOTFOUND)
		return STATUS_NOT_FOUND;   /* an answer, not a failure: not sticky */
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	return STATUS_OK;
}

/* The sub-databases the catalog (catalog.h) is loaded from, besides the
 * phases and settings in meta. */
static bool is_catalog_db(enum dbi_id db)
{
	return db == DB_FIELDS || db == DB_ORGS || db == DB_ORG_BY_AGS || db == DB_SERVICES;
}

static enum status raw_put(struct txn *t, enum dbi_id db, const void *k, size_t klen,
			   const void *v, size_t vlen, unsigned flags)
{
	if (t->st)
		return t->st;
	if (!t->write)
		return store_fail(t, status_fail(STATUS_PERM, _("write in a read transaction")));
	MDB_val key = {klen, (void *)k}, val = {vlen, (void *)v};
	int rc = mdb_put(t->txn, t->s->dbi[db], &key, &val, flags);
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	t->changed = true;
	t->catalog_changed |= is_catalog_db(db);
	return STATUS_OK;
}

enum status store_raw_put(struct txn *t, enum dbi_id db, const void *k, size_t klen,
			   const void *v, size_t vlen)
{
	if (store_deferred(t, db) && !t->st && t->write) {
		store_defer_add(t, db, k, klen, v, vlen, false);
		return STATUS_OK;
	}
	if (tailed(t, db) && !t->st && t->write && tail_put(t, db, k, klen, v, vlen))
		return t->st;
	return raw_put(t, db, k, klen, v, vlen, 0);
}

enum status store_raw_append(struct txn *t, enum dbi_id db, const void *k, size_t klen,
			     const void *v, size_t vlen)
{
	return raw_put(t, db, k, klen, v, vlen, MDB_APPEND);
}

enum status store_raw_del(struct txn *t, enum dbi_id db, const void *k, size_t klen)
{
	if (t->st)
		return t->st;
	if (t->defer)
		store_defer_touch(t, db);
	MDB_val key = {klen, (void *)k};
	int rc = mdb_del(t->txn, t->s->dbi[db], &key, NULL);
	if (rc == MDB_NOTFOUND)
		return STATUS_OK;
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	t->changed = true;
	t->catalog_changed |= is_catalog_db(db);
	return STATUS_OK;
}

enum status store_raw_each(struct txn *t, enum dbi_id db, const void *prefix, size_t plen,
			    bool backwards, store_raw_each_fn fn, void *arg)
{
	MDB_cursor *cur;
	enum status st = read_cursor(t, db, &cur);
	if (st)
		return st;
	int rc;
	MDB_val k = {plen, (void *)prefix}, v;
	if (!backwards) {
		rc = plen ? mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE) : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	} else if (!plen) {
		rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	} else {
		/* Position after the last key with the prefix: the prefix plus 0xff... */
		uint8_t upper[64];
		size_t ulen = plen < sizeof upper - 1 ? plen : sizeof upper - 1;
		memcpy(upper, prefix, ulen);
		memset(upper + ulen, 0xff, sizeof upper - ulen);
		k.mv_size = sizeof upper;
		k.mv_data = upper;
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
		else if (!rc)
			rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
	}
	while (!rc) {
		if (plen && (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0)) {
			if (!backwards)
				break;
			rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
			continue;
		}
		if (fn(&k, &v, arg))
			break;
		rc = mdb_cursor_get(cur, &k, &v, backwards ? MDB_PREV : MDB_NEXT);
	}
	if (rc && rc != MDB_NOTFOUND)
		st = store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	mdb_cursor_close(cur);
	return st;
}

enum status store_raw_each_from(struct txn *t, enum dbi_id db, const void *start, size_t slen,
				store_raw_each_fn fn, void *arg)
{
	MDB_cursor *cur;
	enum status st = read_cursor(t, db, &cur);
	if (st)
		return st;
	MDB_val k = {slen, (void *)start}, v;
	int rc = mdb_cursor_get(cur, &k, &v, slen ? MDB_SET_RANGE : MDB_FIRST);
	while (!rc && !fn(&k, &v, arg))
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	if (rc && rc != MDB_NOTFOUND)
		st = store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	mdb_cursor_close(cur);
	return st;
}

/* The last key of a database (for "one past the last" counters). */
enum status store_raw_last_key(struct txn *t, enum dbi_id db, MDB_val *k, bool *found)
{
	*found = false;
	MDB_cursor *cur;
	MDB_val v;
	enum status st = read_cursor(t, db, &cur);
	if (st)
		return st;
	int rc = mdb_cursor_get(cur, k, &v, MDB_LAST);
	mdb_cursor_close(cur);
	if (rc == MDB_NOTFOUND)
		return STATUS_OK;
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	*found = true;
	return STATUS_OK;
}

enum status store_raw_count(struct txn *t, enum dbi_id db, size_t *n)
{
	*n = 0;
	if (t->st)
		return t->st;
	MDB_stat ms;
	if (store_deferred(t, db))
		store_defer_flush(t, db);
	int rc = mdb_stat(t->txn, t->s->dbi[db], &ms);
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[db]));
	*n = ms.ms_entries;
	return STATUS_OK;
}
