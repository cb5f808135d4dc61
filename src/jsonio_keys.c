/* jsonio_keys.c - the import's keys and references: the keys of the
 * document's records (struct jkeymap), for duplicates and references, and the
 * references to a kind whose array comes later, settled at the end of the
 * document. */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/i18n.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

/* ---- the document's keys ----------------------------------------------------- */

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

static uint64_t jkeymap_hash(const struct jkeymap *m, const unsigned char *k)
{
	uint64_t a, b = 0;
	memcpy(&a, k, 8);
	if (m->width == 16)
		memcpy(&b, k + 8, 8);
	return mix64(a ^ mix64(b + m->width));
}

static size_t jkeymap_stride(const struct jkeymap *m)
{
	return m->width + sizeof(int64_t);
}

static const unsigned char *jkeymap_key(const struct jkeymap *m, size_t e)
{
	return m->v + e * jkeymap_stride(m);
}

void jkeymap_init(struct jkeymap *m, size_t width)
{
	memset(m, 0, sizeof *m);
	m->width = width;
}

void jkeymap_fini(struct jkeymap *m)
{
	free(m->v);
	free(m->slots);
	jkeymap_init(m, m->width);
}

long jkeymap_find(const struct jkeymap *m, const void *key)
{
	if (!m->slots) {
		size_t lo = 0, hi = m->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = memcmp(jkeymap_key(m, mid), key, m->width);
			if (!c)
				return (long)mid;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return -1;
	}
	size_t mask = m->cap - 1, i = jkeymap_hash(m, key) & mask;
	for (;;) {
		uint32_t s = m->slots[i];
		if (!s)
			return -1;
		if (!memcmp(jkeymap_key(m, s - 1), key, m->width))
			return (long)(s - 1);
		i = (i + 1) & mask;
	}
}

long jkeymap_index(const struct jkeymap *m, long entry)
{
	int64_t x;
	memcpy(&x, jkeymap_key(m, (size_t)entry) + m->width, sizeof x);
	return (long)x;
}

static void jkeymap_slot(struct jkeymap *m, size_t e)
{
	size_t i = jkeymap_hash(m, jkeymap_key(m, e)) & (m->cap - 1);
	while (m->slots[i])
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = (uint32_t)(e + 1);
}

static void jkeymap_rehash(struct jkeymap *m, size_t cap)
{
	free(m->slots);
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (size_t e = 0; e < m->n; e++)
		jkeymap_slot(m, e);
}

void jkeymap_add(struct jkeymap *m, const void *key, long index)
{
	int64_t x = index;
	if (m->n >= UINT32_MAX - 1)
		return;   /* far beyond any real document: duplicates go unnoticed */
	bool sorted = !m->slots && (!m->n || memcmp(jkeymap_key(m, m->n - 1), key, m->width) < 0);
	xgrow((void **)&m->v, &m->vcap, m->n + 1, jkeymap_stride(m));
	unsigned char *e = m->v + m->n * jkeymap_stride(m);
	memcpy(e, key, m->width);
	memcpy(e + m->width, &x, sizeof x);
	m->n++;
	if (sorted)
		return;
	if (!m->slots || m->n * 4 > m->cap * 3) {
		size_t cap = m->cap ? m->cap : 64;
		while (m->n * 4 > cap * 3)
			cap *= 2;
		jkeymap_rehash(m, cap);
	} else {
		jkeymap_slot(m, m->n - 1);
	}
}

uint64_t jkeymap_text_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return mix64(h);
}

static const int key_widths[JK__COUNT] = {8, 16, 8, 16, 8, 16, 16, 8};

static void pending_fini(void *p)
{
	struct pending *q = p;
	free(q->path);
	free(q->where);
}

void imp_keys_reset(struct imp *im)
{
	for (size_t k = 0; k < JK__COUNT; k++) {
		jkeymap_fini(&im->keys[k]);
		jkeymap_init(&im->keys[k], (size_t)key_widths[k]);
		im->done[k] = false;
	}
	jkeymap_fini(&im->ags);
	jkeymap_init(&im->ags, 8);
	for (size_t i = 0; i < im->orgs_cap; i++)
		free(im->orgs[i].ags);
	free(im->orgs);
	im->orgs = NULL;
	im->orgs_cap = 0;
	vec_fini(&im->pending, pending_fini);
	vec_init(&im->pending, sizeof(struct pending));
	im->pending_open = 0;
}

void imp_keys_fini(struct imp *im)
{
	for (size_t k = 0; k < JK__COUNT; k++)
		jkeymap_fini(&im->keys[k]);
	jkeymap_fini(&im->ags);
	vec_fini(&im->pending, NULL);
}

/* ---- keys and references (for jsonio_records.c) ------------------------------- */

static void key_bytes(enum jkind kind, const struct uuid *id, uint64_t n, unsigned char out[16])
{
	if (key_widths[kind] == 16) {
		memcpy(out, id->b, 16);
		return;
	}
	for (int i = 7; i >= 0; i--, n >>= 8)
		out[i] = (unsigned char)n;
}

bool imp_key(struct rec *r, enum jkind kind, const struct uuid *id, uint64_t n, int line)
{
	struct imp *im = r->im;
	unsigned char k[16];
	key_bytes(kind, id, n, k);
	long e = jkeymap_find(&im->keys[kind], k);
	if (e < 0) {
		jkeymap_add(&im->keys[kind], k, r->index);
		return true;
	}
	long other = jkeymap_index(&im->keys[kind], e);
	switch (kind) {
	case JK_FIELD:
		rec_fail(r, line, _("duplicate topic field number (also topic_fields[%ld])"), other);
		break;
	case JK_ORG:
		rec_fail(r, line, _("duplicate organisation UUID (also organisations[%ld])"), other);
		break;
	case JK_SERVICE:
		rec_fail(r, line, _("duplicate OZG id (also services[%ld])"), other);
		break;
	case JK_PROJECT:
		rec_fail(r, line, _("duplicate project UUID (also projects[%ld])"), other);
		break;
	case JK_NUMBER:
		rec_fail(r, line, _("duplicate project number %llu (also projects[%ld])"),
			 (unsigned long long)n, other);
		break;
	case JK_WORKSHOP:
		rec_fail(r, line, _("duplicate workshop UUID (also workshops[%ld])"), other);
		break;
	case JK_OUTCOME:
		rec_fail(r, line, _("duplicate outcome UUID (also outcomes[%ld])"), other);
		break;
	default:
		rec_fail(r, line, _("duplicate history seq (also history[%ld])"), other);
		break;
	}
	return false;
}

/* Whether the database has the record a reference names. */
static bool db_has(struct imp *im, enum jkind kind, const struct uuid *id, uint64_t n)
{
	enum status st;
	switch (kind) {
	case JK_FIELD: {
		struct topic_field f;
		topic_field_init(&f);
		st = store_field_get(im->t, (uint16_t)n, &f);
		topic_field_fini(&f);
		break;
	}
	case JK_ORG: {
		struct organisation o;
		organisation_init(&o);
		st = store_org_get(im->t, id, &o);
		organisation_fini(&o);
		break;
	}
	case JK_SERVICE: {
		struct service s;
		service_init(&s);
		st = store_service_get(im->t, (uint32_t)n, &s);
		service_fini(&s);
		break;
	}
	case JK_PROJECT: {
		struct project p;
		project_init(&p);
		st = store_project_get(im->t, id, &p);
		project_fini(&p);
		break;
	}
	case JK_WORKSHOP: {
		struct workshop w;
		workshop_init(&w);
		st = store_workshop_get(im->t, id, &w);
		workshop_fini(&w);
		break;
	}
	default:
		return false;
	}
	if (st == STATUS_NOT_FOUND)
		status_clear();
	else
		store_result(im, st);
	return st == STATUS_OK;
}

/* The message of a reference to nothing. Caller frees. */
static char *ref_text(enum jkind kind, const char *path, const struct uuid *id, uint64_t n)
{
	char u[37] = "";
	if (key_widths[kind] == 16)
		uuid_format(id, u);
	switch (kind) {
	case JK_FIELD:
		return xasprintf(_("%s: unknown topic field %llu"), path, (unsigned long long)n);
	case JK_ORG:
		return xasprintf(_("%s: unknown organisation %s"), path, u);
	case JK_SERVICE:
		return xasprintf(_("%s: unknown service %llu"), path, (unsigned long long)n);
	case JK_PROJECT:
		return xasprintf(_("%s: unknown project %s"), path, u);
	default:
		return xasprintf(_("%s: unknown workshop %s"), path, u);
	}
}

void imp_ref(struct rec *r, enum jkind kind, const struct uuid *id, uint64_t n, const char *name,
	     long i, int line)
{
	struct imp *im = r->im;
	unsigned char k[16];
	char p[REC_PATH];
	key_bytes(kind, id, n, k);
	if (jkeymap_find(&im->keys[kind], k) >= 0 || im->stop || db_has(im, kind, id, n))
		return;
	rec_path(r, name, i, p);
	if (!im->done[kind]) {
		/* its array may still come */
		struct pending *q = vec_push(&im->pending);
		q->kind = kind;
		if (id)
			q->id = *id;
		q->n = n;
		q->line = line;
		q->path = xstrdup(p);
		return;
	}
	char *msg = ref_text(kind, p, id, n);
	rec_fail(r, line, "%s", msg);
	free(msg);
}

const struct phase_list *imp_phases(const struct imp *im, bool own, bool *db)
{
	const struct phase_list *l = own && im->has_phases ? &im->phases : im->eff;
	*db = l == &im->dbphases;
	return l;
}

void imp_rec_end(struct imp *im, struct rec *r)
{
	if (im->pending.n > im->pending_open) {
		char where[160];
		rec_where(r, where, sizeof where);
		for (size_t i = im->pending_open; i < im->pending.n; i++) {
			struct pending *q = vec_at(&im->pending, i);
			q->where = xstrdup(where);
		}
		im->pending_open = im->pending.n;
	}
	rec_end(r);
}

void imp_refs_settle(struct imp *im)
{
	for (size_t i = 0; i < im->pending.n && !im->stop; i++) {
		struct pending *q = vec_at(&im->pending, i);
		unsigned char k[16];
		key_bytes(q->kind, &q->id, q->n, k);
		if (jkeymap_find(&im->keys[q->kind], k) >= 0 || db_has(im, q->kind, &q->id, q->n))
			continue;
		char *msg = ref_text(q->kind, q->path, &q->id, q->n);
		jerrs_add(&im->errs, q->line, q->where, "%s", msg);
		free(msg);
	}
}
