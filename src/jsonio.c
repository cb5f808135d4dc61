/* jsonio.c - the import of a JSON document (docs/json-format.md); the export
 * is in jsonio_export.c.
 *
 * The document is read once, front to back, inside ONE write transaction:
 * each element of a top-level array is read into its struct
 * (jsonio_records.c, through the reader of jsonio_read.c), checked against the
 * document read so far and the database, written and freed. What stays in
 * memory is the keys of the document's records (for duplicates and
 * references), never the records: memory does not grow with the document
 * beyond them and what LMDB keeps of the transaction. The first error stops
 * the writing, not the reading: every error of the file is counted (the first
 * ten shown, each "path:LINE: where: what"), and then the transaction is
 * aborted, so a refused file leaves the database exactly as it was. A dry
 * run reads the same way in a read transaction and writes nothing.
 *
 * Order: the members of the top-level object may come in any order. The export
 * writes format, version, phases and settings first and every array before
 * the arrays that refer to it, and such a document is read in one pass. When
 * settings or an array come before "format", "format_version" or "phases" are
 * known, the rest of the document is first scanned for those three (the file
 * is read twice then); a reference to a kind whose array has not been read
 * yet is settled at the end of the document.
 *
 * Target modes: a database with no project, workshop, outcome or history
 * (store_is_empty) gets everything verbatim (restore). Any other database gets a
 * merge: reference data and workshops/outcomes upserted by key, projects upserted
 * by UUID (keeping their numbers; a number held by another UUID is an error),
 * each added or changed project gets an "import" history entry; the document's
 * phases, settings and history are checked, not copied.
 */
#include "ozgtui/jsonio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/i18n.h"
#include "ozgtui/import.h"
#include "ozgtui/progress.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

/* ---- the document's keys ----------------------------------------------------- */

/* Keys of one kind in the order read, each with the element index of its
 * record. While they come in ascending order (an export writes every array
 * sorted by its key) they are found by binary search; the first key out of
 * order builds an open-addressing hash of them all. Numbers are kept
 * big-endian, so that byte order is their order. */
struct keymap {
	size_t width;           /* bytes of a key: 8 (numbers) or 16 (UUIDs) */
	unsigned char *v;       /* n entries: the key, then its index (int64_t) */
	uint32_t *slots;        /* NULL while sorted; else cap of them: 0 empty, else entry + 1 */
	size_t n, vcap, cap;
};

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

static uint64_t keymap_hash(const struct keymap *m, const unsigned char *k)
{
	uint64_t a, b = 0;
	memcpy(&a, k, 8);
	if (m->width == 16)
		memcpy(&b, k + 8, 8);
	return mix64(a ^ mix64(b + m->width));
}

static size_t keymap_stride(const struct keymap *m)
{
	return m->width + sizeof(int64_t);
}

static const unsigned char *keymap_key(const struct keymap *m, size_t e)
{
	return m->v + e * keymap_stride(m);
}

static void keymap_init(struct keymap *m, size_t width)
{
	memset(m, 0, sizeof *m);
	m->width = width;
}

static void keymap_fini(struct keymap *m)
{
	free(m->v);
	free(m->slots);
	keymap_init(m, m->width);
}

/* The entry of key, or -1. */
static long keymap_find(const struct keymap *m, const void *key)
{
	if (!m->slots) {
		size_t lo = 0, hi = m->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = memcmp(keymap_key(m, mid), key, m->width);
			if (!c)
				return (long)mid;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return -1;
	}
	size_t mask = m->cap - 1, i = keymap_hash(m, key) & mask;
	for (;;) {
		uint32_t s = m->slots[i];
		if (!s)
			return -1;
		if (!memcmp(keymap_key(m, s - 1), key, m->width))
			return (long)(s - 1);
		i = (i + 1) & mask;
	}
}

static long keymap_index(const struct keymap *m, long entry)
{
	int64_t x;
	memcpy(&x, keymap_key(m, (size_t)entry) + m->width, sizeof x);
	return (long)x;
}

static void keymap_slot(struct keymap *m, size_t e)
{
	size_t i = keymap_hash(m, keymap_key(m, e)) & (m->cap - 1);
	while (m->slots[i])
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = (uint32_t)(e + 1);
}

static void keymap_rehash(struct keymap *m, size_t cap)
{
	free(m->slots);
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (size_t e = 0; e < m->n; e++)
		keymap_slot(m, e);
}

/* Adds key, which is not there yet, with the index of its record. */
static void keymap_add(struct keymap *m, const void *key, long index)
{
	int64_t x = index;
	if (m->n >= UINT32_MAX - 1)
		return;   /* far beyond any real document: duplicates go unnoticed */
	bool sorted = !m->slots && (!m->n || memcmp(keymap_key(m, m->n - 1), key, m->width) < 0);
	xgrow((void **)&m->v, &m->vcap, m->n + 1, keymap_stride(m));
	unsigned char *e = m->v + m->n * keymap_stride(m);
	memcpy(e, key, m->width);
	memcpy(e + m->width, &x, sizeof x);
	m->n++;
	if (sorted)
		return;
	if (!m->slots || m->n * 4 > m->cap * 3) {
		size_t cap = m->cap ? m->cap : 64;
		while (m->n * 4 > cap * 3)
			cap *= 2;
		keymap_rehash(m, cap);
	} else {
		keymap_slot(m, m->n - 1);
	}
}

/* ---- the import ------------------------------------------------------------------ */

enum act { ACT_NONE = 0, ACT_ADD, ACT_UPDATE };

/* The top-level arrays, in the report's order of kinds. */
enum { K_FIELD, K_ORG, K_SERVICE, K_PROJECT, K_WORKSHOP, K_OUTCOME, K_HISTORY, K__COUNT };

enum {
	T_FORMAT, T_VERSION, T_SCHEMA, T_EXPORTED, T_PHASES, T_SETTINGS, T_FIELDS, T_ORGS,
	T_SERVICES, T_PROJECTS, T_WORKSHOPS, T_OUTCOMES, T_HISTORY, T__COUNT
};
static const char *const top_keys[] = {
	"format", "format_version", "schema_version", "exported_at", "phases", "settings",
	"topic_fields", "organisations", "services", "projects", "workshops", "outcomes",
	"history", NULL};
#define TBIT(k) (1u << (k))

/* A reference to a kind whose array comes later: checked at the end. */
struct pending {
	enum jkind kind;
	struct uuid id;
	uint64_t n;
	int line;
	char *path;
	char *where;   /* set when its record ends */
};

/* An organisation with an AGS the database gives to another organisation,
 * written once that one has been given another AGS. */
struct deferred {
	struct organisation o;
	int line;
	char *where;
	bool done;
};

struct imp {
	const char *path;
	int fd;
	FILE *copy;             /* a temporary copy of what is not a regular file */
	off_t size;
	bool write;             /* a real import, not a dry run */
	struct txn *t;
	enum status st;         /* a failure of the store: stops everything */
	bool stop;              /* a syntax error or a foreign document: read no further */
	struct jerrs errs;
	struct jr j;
	struct progress prog;
	char *file;             /* the file's name made safe, for history */
	struct buf what;        /* scratch: the changed members of a project */

	/* the top level */
	bool restore;
	unsigned seen;          /* members met (TBIT) */
	unsigned ahead;         /* read by the look ahead */
	bool prelude;           /* format, version and phases settled */
	int top_line[T__COUNT];
	char *format;           /* NULL: absent or not a string */
	struct jv version;      /* format_version (JT_NULL: absent) */
	bool has_phases, has_settings;
	size_t n_phase_elems;
	struct phase_list phases, dbphases;
	const struct phase_list *eff;
	struct settings settings;

	/* keys and references */
	struct keymap keys[JK__COUNT];
	struct keymap ags;      /* hash of an AGS -> entry of keys[JK_ORG] */
	struct orgdoc {         /* per entry of keys[JK_ORG] */
		char *ags;      /* its AGS in the document, or NULL */
		bool applied;   /* written (or, in a dry run, would be by now) */
	} *orgs;
	size_t orgs_cap;
	bool done[JK__COUNT];   /* the array of that kind has been read */
	struct vec pending;     /* struct pending */
	size_t pending_open;    /* from here on they belong to the record being read */
	struct vec deferred;    /* struct deferred */

	size_t count[K__COUNT], added[K__COUNT], updated[K__COUNT];
};

static const int key_widths[JK__COUNT] = {8, 16, 8, 16, 8, 16, 16, 8};

static void pending_fini(void *p)
{
	struct pending *q = p;
	free(q->path);
	free(q->where);
}

static void deferred_fini(void *p)
{
	struct deferred *d = p;
	organisation_fini(&d->o);
	free(d->where);
}

/* Everything a run reads, back to the start (store_write may run it again). */
static void imp_clear(struct imp *im)
{
	jerrs_clear(&im->errs);
	im->st = STATUS_OK;
	im->stop = false;
	im->t = NULL;
	im->restore = false;
	im->seen = im->ahead = 0;
	im->prelude = false;
	memset(im->top_line, 0, sizeof im->top_line);
	free(im->format);
	im->format = NULL;
	memset(&im->version, 0, sizeof im->version);
	im->version.t = JT_NULL;
	im->has_phases = im->has_settings = false;
	im->n_phase_elems = 0;
	phase_list_fini(&im->phases);
	phase_list_init(&im->phases);
	phase_list_fini(&im->dbphases);
	phase_list_init(&im->dbphases);
	im->eff = NULL;
	settings_fini(&im->settings);
	settings_init(&im->settings);
	for (size_t k = 0; k < JK__COUNT; k++) {
		keymap_fini(&im->keys[k]);
		keymap_init(&im->keys[k], (size_t)key_widths[k]);
		im->done[k] = false;
	}
	keymap_fini(&im->ags);
	keymap_init(&im->ags, 8);
	for (size_t i = 0; i < im->orgs_cap; i++)
		free(im->orgs[i].ags);
	free(im->orgs);
	im->orgs = NULL;
	im->orgs_cap = 0;
	vec_fini(&im->pending, pending_fini);
	vec_init(&im->pending, sizeof(struct pending));
	im->pending_open = 0;
	vec_fini(&im->deferred, deferred_fini);
	vec_init(&im->deferred, sizeof(struct deferred));
	memset(im->count, 0, sizeof im->count);
	memset(im->added, 0, sizeof im->added);
	memset(im->updated, 0, sizeof im->updated);
}

static void imp_init(struct imp *im, const char *path)
{
	memset(im, 0, sizeof *im);
	im->path = path;
	im->fd = -1;
	im->errs.path = path;
	buf_init(&im->errs.text);
	buf_init(&im->what);
	phase_list_init(&im->phases);
	phase_list_init(&im->dbphases);
	settings_init(&im->settings);
	vec_init(&im->pending, sizeof(struct pending));
	vec_init(&im->deferred, sizeof(struct deferred));
	for (size_t k = 0; k < JK__COUNT; k++)
		keymap_init(&im->keys[k], (size_t)key_widths[k]);
	keymap_init(&im->ags, 8);
	struct buf name;
	buf_init(&name);
	/* the file name goes into history: any bytes of it made valid text */
	const char *b = strrchr(path, '/');
	text_sanitize(&name, b && b[1] ? b + 1 : path);
	im->file = buf_steal(&name);
}

static void imp_fini(struct imp *im)
{
	imp_clear(im);
	for (size_t k = 0; k < JK__COUNT; k++)
		keymap_fini(&im->keys[k]);
	keymap_fini(&im->ags);
	vec_fini(&im->pending, NULL);
	vec_fini(&im->deferred, NULL);
	phase_list_fini(&im->phases);
	phase_list_fini(&im->dbphases);
	settings_fini(&im->settings);
	if (im->fd >= 0)
		jr_fini(&im->j);
	if (im->copy)
		fclose(im->copy);
	else if (im->fd >= 0)
		close(im->fd);
	buf_fini(&im->errs.text);
	buf_fini(&im->what);
	free(im->file);
}

/* Opens the document; what is not a regular file (a pipe) is first copied to a
 * temporary file, since a document out of order is read twice. */
static enum status imp_open(struct imp *im)
{
	struct stat sb;
	int fd = open(im->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return status_fail(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", im->path,
				   strerror(errno));
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		im->fd = fd;
		im->size = sb.st_size;
		jr_init(&im->j, fd, &im->errs);
		return STATUS_OK;
	}
	FILE *tmp = tmpfile();
	if (!tmp) {
		close(fd);
		return status_fail(STATUS_IO, _("%s: cannot make a temporary copy: %s"), im->path,
				   strerror(errno));
	}
	char chunk[65536];
	ssize_t n;
	bool bad = false;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(chunk, 1, (size_t)n, tmp) != (size_t)n) {
			bad = true;
			break;
		}
	}
	int err = errno;
	close(fd);
	if (bad || fflush(tmp) != 0) {
		fclose(tmp);
		return status_fail(STATUS_IO, "%s: %s", im->path, strerror(err));
	}
	im->copy = tmp;
	im->fd = fileno(tmp);
	im->size = ftello(tmp);
	jr_init(&im->j, im->fd, &im->errs);
	return STATUS_OK;
}

/* An error about the document itself (no record). */
__attribute__((format(printf, 3, 4)))
static void doc_fail(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	jerrs_add(&im->errs, line ? line : 1, NULL, "%s", msg);
	free(msg);
}

/* A failure of the store ends the import with its status. */
static void store_result(struct imp *im, enum status st)
{
	if (st != STATUS_OK && im->st == STATUS_OK) {
		im->st = st;
		im->stop = true;
	}
}

/* What a merge does with a record whose key the database answered with st. */
static enum act found(struct imp *im, enum status st)
{
	if (st == STATUS_OK)
		return ACT_UPDATE;
	if (st == STATUS_NOT_FOUND) {
		status_clear();
		return ACT_ADD;
	}
	store_result(im, st);
	return ACT_NONE;
}

/* Whether to write now: a real import with nothing wrong so far. */
static bool may_write(const struct imp *im, const struct rec *r)
{
	return im->write && !im->errs.n && !im->stop && (!r || !r->bad);
}

static void count_act(struct imp *im, int k, enum act act)
{
	if (act == ACT_ADD)
		im->added[k]++;
	else if (act == ACT_UPDATE)
		im->updated[k]++;
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
	long e = keymap_find(&im->keys[kind], k);
	if (e < 0) {
		keymap_add(&im->keys[kind], k, r->index);
		return true;
	}
	long other = keymap_index(&im->keys[kind], e);
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
	if (keymap_find(&im->keys[kind], k) >= 0 || im->stop || db_has(im, kind, id, n))
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

/* The end of a record: its errors reported, its open references labelled. */
static void imp_rec_end(struct imp *im, struct rec *r)
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

/* ---- merging: what changed ------------------------------------------------------- */

/* Same content apart from what the store sets itself (versions, timestamps, authors). */
#define SAME_AS(type, strip)                                                       \
	static bool same_##type(const struct type *a, const struct type *b)      \
	{                                                                          \
		struct type c;                                                     \
		struct buf x, y;                                                   \
		type##_init(&c);                                                   \
		type##_copy(&c, a);                                                \
		strip;                                                             \
		buf_init(&x);                                                      \
		buf_init(&y);                                                      \
		type##_encode(&c, &x);                                             \
		type##_encode(b, &y);                                              \
		bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);      \
		buf_fini(&x);                                                      \
		buf_fini(&y);                                                      \
		type##_fini(&c);                                                   \
		return same;                                                       \
	}
SAME_AS(topic_field, c.version = b->version)
SAME_AS(organisation, c.version = b->version)
SAME_AS(service, c.version = b->version)
SAME_AS(workshop, (c.version = b->version, c.created = b->created, c.updated = b->updated))
SAME_AS(outcome, (c.version = b->version, c.created = b->created, c.updated = b->updated))
#undef SAME_AS

static void set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

static bool same_project(const struct project *a, const struct project *b)
{
	struct project c;
	struct buf x, y;
	project_init(&c);
	project_copy(&c, a);
	c.version = b->version;
	c.created = b->created;
	c.updated = b->updated;
	set_str(&c.created_by, b->created_by);
	set_str(&c.updated_by, b->updated_by);
	buf_init(&x);
	buf_init(&y);
	project_encode(&c, &x);
	project_encode(b, &y);
	bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);
	buf_fini(&x);
	buf_fini(&y);
	project_fini(&c);
	return same;
}

static bool eq_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool eq_uuids(const struct uuid *a, size_t na, const struct uuid *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (uuid_cmp(&a[i], &b[i]))
			return false;
	return true;
}

static bool eq_strv(const struct strv *a, const struct strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return false;
	return true;
}

/* The members of a project that differ between the file (a) and the database
 * (d), for the summary of the "import" history entry. */
static const char *changed_fields(struct buf *b, const struct project *a, const struct project *d)
{
	bool services = a->n_services == d->n_services, dates = a->n_dates == d->n_dates,
	     team = a->n_team == d->n_team;
	for (size_t i = 0; services && i < a->n_services; i++)
		services = a->services[i] == d->services[i];
	for (size_t i = 0; dates && i < a->n_dates; i++)
		dates = a->dates[i].phase == d->dates[i].phase &&
			a->dates[i].planned == d->dates[i].planned &&
			a->dates[i].reached == d->dates[i].reached;
	for (size_t i = 0; team && i < a->n_team; i++)
		team = !uuid_cmp(&a->team[i].org, &d->team[i].org) && a->team[i].role == d->team[i].role;
	const struct {
		const char *name;
		bool same;
	} members[] = {
		{"title", eq_str(a->title, d->title)},
		{"field", a->field == d->field},
		{"services", services},
		{"phase", a->phase == d->phase},
		{"dates", dates},
		{"team", team},
		{"interest", eq_uuids(a->interested, a->n_interested, d->interested, d->n_interested)},
		{"ministries", eq_uuids(a->ministries, a->n_ministries, d->ministries, d->n_ministries)},
		{"departments", eq_strv(&a->departments, &d->departments)},
		{"components", eq_strv(&a->components, &d->components)},
		{"solutions", eq_strv(&a->solutions, &d->solutions)},
		{"priority", a->priority == d->priority},
		{"notes", eq_str(a->notes, d->notes)},
		{"demo", a->demo == d->demo},
		{"unknown fields", a->unknown.len == d->unknown.len &&
				   (!a->unknown.len || !memcmp(a->unknown.data, d->unknown.data, a->unknown.len))},
	};
	buf_reset(b);
	for (size_t i = 0; i < ARRAY_LEN(members); i++)
		if (!members[i].same)
			buf_printf(b, "%s%s", b->len ? ", " : "", members[i].name);
	return b->len ? b->data : "no visible change";
}

static enum status history_import(struct txn *t, const struct project *p, const char *summary,
				  uint8_t from, uint8_t to)
{
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("project");
	e.entity_id = p->id;
	e.project_number = p->number;
	e.action = xstrdup("import");
	e.summary = xstrdup(summary);
	e.from_phase = from;
	e.to_phase = to;
	enum status st = store_history_add(t, &e);
	history_entry_fini(&e);
	return st;
}

/* ---- the records ------------------------------------------------------------------ */

static void elem_field(struct imp *im, struct rec *r)
{
	struct topic_field f, db;
	read_topic_field(r, &f);
	topic_field_init(&db);
	if (!r->bad && !im->stop) {
		enum act act = ACT_ADD;
		if (!im->restore) {
			act = found(im, store_field_get(im->t, f.number, &db));
			if (act == ACT_UPDATE && same_topic_field(&f, &db))
				act = ACT_NONE;
		}
		if (act != ACT_NONE && may_write(im, r))
			store_result(im, im->restore ? store_field_restore(im->t, &f) : store_field_put(im->t, &f));
		count_act(im, K_FIELD, act);
	}
	topic_field_fini(&db);
	topic_field_fini(&f);
}

/* The document's state of organisation entry e (see struct imp). */
static struct orgdoc *orgdoc(struct imp *im, long e)
{
	size_t had = im->orgs_cap;
	xgrow((void **)&im->orgs, &im->orgs_cap, (size_t)e + 1, sizeof *im->orgs);
	memset(im->orgs + had, 0, (im->orgs_cap - had) * sizeof *im->orgs);
	return &im->orgs[e];
}

static void org_apply(struct imp *im, struct organisation *o, bool writable)
{
	struct organisation db;
	organisation_init(&db);
	enum act act = ACT_ADD;
	if (!im->restore) {
		act = found(im, store_org_get(im->t, &o->id, &db));
		if (act == ACT_UPDATE && same_organisation(o, &db))
			act = ACT_NONE;
	}
	if (act != ACT_NONE && writable)
		store_result(im, im->restore ? store_org_restore(im->t, o) : store_org_put(im->t, o));
	count_act(im, K_ORG, act);
	long e = keymap_find(&im->keys[JK_ORG], o->id.b);
	if (e >= 0)
		orgdoc(im, e)->applied = true;
	organisation_fini(&db);
}

static uint64_t text_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return mix64(h);
}

/* Whether o may take its AGS now: nobody has it in the database, or the one who
 * has it is an organisation of the document already given another AGS. The
 * holder is put in *holder (nil when none). */
static bool ags_free(struct imp *im, const struct organisation *o, struct uuid *holder)
{
	struct organisation h;
	organisation_init(&h);
	memset(holder, 0, sizeof *holder);
	enum status st = store_org_by_ags(im->t, o->ags, &h);
	bool free_ = true;
	if (st == STATUS_OK && uuid_cmp(&h.id, &o->id)) {
		long e = keymap_find(&im->keys[JK_ORG], h.id.b);
		*holder = h.id;
		free_ = e >= 0 && (size_t)e < im->orgs_cap && im->orgs[e].applied &&
			(!im->orgs[e].ags || strcmp(im->orgs[e].ags, o->ags));
	} else if (st == STATUS_NOT_FOUND) {
		status_clear();
	} else {
		store_result(im, st);
	}
	organisation_fini(&h);
	return free_;
}

/* The store keeps one organisation per AGS: none may be given to two UUIDs of
 * the document, nor to one while the database gives it to another that keeps
 * it. An AGS that another organisation of the document gives up later in the
 * array is taken once it has done so (orgs_settle). */
static void elem_org(struct imp *im, struct rec *r)
{
	struct organisation o;
	struct uuid holder;
	read_organisation(r, &o);
	if (r->bad || im->stop)
		goto out;
	long e = keymap_find(&im->keys[JK_ORG], o.id.b);
	if (e >= 0 && o.ags && *o.ags) {
		orgdoc(im, e)->ags = xstrdup(o.ags);
		uint64_t h = text_hash(o.ags);
		long a = keymap_find(&im->ags, &h);
		if (a >= 0) {
			long other = keymap_index(&im->ags, a);
			if (im->orgs[other].ags && !strcmp(im->orgs[other].ags, o.ags)) {
				rec_fail(r, r->key_line[KEY_ORG_AGS], _("AGS %s is also given to organisations[%ld]"),
					 o.ags, keymap_index(&im->keys[JK_ORG], other));
				goto out;
			}
		} else {
			keymap_add(&im->ags, &h, e);
		}
		if (!ags_free(im, &o, &holder)) {
			struct deferred *d = vec_push(&im->deferred);
			char where[160];
			rec_where(r, where, sizeof where);
			d->o = o;
			organisation_init(&o);
			d->line = r->key_line[KEY_ORG_AGS];
			d->where = xstrdup(where);
			goto out;
		}
		if (im->stop)
			goto out;
	}
	org_apply(im, &o, may_write(im, r));
out:
	organisation_fini(&o);
}

/* At the end of the organisations array: the deferred ones, each once the
 * holder of its AGS has given it up; what is left is an error (a holder that
 * keeps it, or two that would swap). */
static void orgs_settle(struct imp *im)
{
	struct uuid holder;
	bool moved = true;
	while (moved && !im->stop) {
		moved = false;
		for (size_t i = 0; i < im->deferred.n && !im->stop; i++) {
			struct deferred *d = vec_at(&im->deferred, i);
			if (d->done || !ags_free(im, &d->o, &holder))
				continue;
			org_apply(im, &d->o, may_write(im, NULL));
			d->done = moved = true;
		}
	}
	for (size_t i = 0; i < im->deferred.n && !im->stop; i++) {
		struct deferred *d = vec_at(&im->deferred, i);
		if (d->done || ags_free(im, &d->o, &holder))
			continue;
		long e = keymap_find(&im->keys[JK_ORG], holder.b);
		if (e >= 0 && (size_t)e < im->orgs_cap && im->orgs[e].ags && !strcmp(im->orgs[e].ags, d->o.ags))
			continue;   /* the holder keeps it in the document too: reported there */
		char id[37];
		uuid_format(&holder, id);
		jerrs_add(&im->errs, d->line, d->where,
			  _("AGS %s belongs to another organisation in the database (%s)"), d->o.ags, id);
	}
	vec_fini(&im->deferred, deferred_fini);
	vec_init(&im->deferred, sizeof(struct deferred));
}

static void elem_service(struct imp *im, struct rec *r)
{
	struct service s, db;
	read_service(r, &s);
	service_init(&db);
	if (!r->bad && !im->stop) {
		enum act act = ACT_ADD;
		if (!im->restore) {
			act = found(im, store_service_get(im->t, s.ozg_id, &db));
			if (act == ACT_UPDATE && same_service(&s, &db))
				act = ACT_NONE;
		}
		if (act != ACT_NONE && may_write(im, r))
			store_result(im, im->restore ? store_service_restore(im->t, &s)
						     : store_service_put(im->t, &s));
		count_act(im, K_SERVICE, act);
	}
	service_fini(&db);
	service_fini(&s);
}

/* A merge writes a project through the store's create and update (new versions,
 * timestamps and authors) and notes it in history. */
static enum status project_merge(struct imp *im, const struct project *in, const struct project *db,
				 enum act act)
{
	struct project p;
	enum status st;
	char *s;
	project_init(&p);
	project_copy(&p, in);
	if (act == ACT_ADD) {
		st = store_project_create(im->t, &p);
		if (st == STATUS_OK) {
			s = xasprintf("imported from %s", im->file);
			st = history_import(im->t, &p, s, 0, 0);
			free(s);
		}
	} else {
		p.created = db->created;
		set_str(&p.created_by, db->created_by);
		st = store_project_update(im->t, &p, db->version);
		if (st == STATUS_OK) {
			s = xasprintf("updated from %s: %s", im->file, changed_fields(&im->what, in, db));
			bool moved = db->phase != p.phase;
			st = history_import(im->t, &p, s, moved ? db->phase : 0, moved ? p.phase : 0);
			free(s);
		}
	}
	project_fini(&p);
	return st;
}

static void elem_project(struct imp *im, struct rec *r)
{
	struct project p, db, holder;
	read_project(r, &p);
	project_init(&db);
	project_init(&holder);
	if (!r->bad && !im->stop) {
		enum act act = ACT_ADD;
		int line = r->key_line[KEY_PROJECT_NUMBER];
		if (!im->restore) {
			enum status st = store_project_by_number(im->t, p.number, &holder);
			if (st == STATUS_OK && uuid_cmp(&holder.id, &p.id)) {
				char id[37];
				uuid_format(&holder.id, id);
				rec_fail(r, line, _("number %llu belongs to another project in the database (%s)"),
					 (unsigned long long)p.number, id);
			} else if (st == STATUS_NOT_FOUND) {
				status_clear();
			} else {
				store_result(im, st);
			}
			act = found(im, store_project_get(im->t, &p.id, &db));
			if (act == ACT_UPDATE && db.number != p.number)
				rec_fail(r, line, _("this project has number %llu in the database; an import cannot renumber it"),
					 (unsigned long long)db.number);
			else if (act == ACT_UPDATE && same_project(&p, &db))
				act = ACT_NONE;
		}
		if (act != ACT_NONE && may_write(im, r))
			store_result(im, im->restore ? store_project_restore(im->t, &p)
						     : project_merge(im, &p, &db, act));
		if (!r->bad)
			count_act(im, K_PROJECT, act);
	}
	project_fini(&holder);
	project_fini(&db);
	project_fini(&p);
}

static void elem_workshop(struct imp *im, struct rec *r)
{
	struct workshop w, db;
	read_workshop(r, &w);
	workshop_init(&db);
	if (!r->bad && !im->stop) {
		enum act act = ACT_ADD;
		if (!im->restore) {
			act = found(im, store_workshop_get(im->t, &w.id, &db));
			if (act == ACT_UPDATE && same_workshop(&w, &db))
				act = ACT_NONE;
		}
		if (act != ACT_NONE && may_write(im, r))
			store_result(im, im->restore ? store_workshop_restore(im->t, &w)
						     : store_workshop_put(im->t, &w));
		count_act(im, K_WORKSHOP, act);
	}
	workshop_fini(&db);
	workshop_fini(&w);
}

static void elem_outcome(struct imp *im, struct rec *r)
{
	struct outcome o, db;
	read_outcome(r, &o);
	outcome_init(&db);
	if (!r->bad && !im->stop) {
		enum act act = ACT_ADD;
		if (!im->restore) {
			act = found(im, store_outcome_get(im->t, &o.id, &db));
			if (act == ACT_UPDATE && same_outcome(&o, &db))
				act = ACT_NONE;
		}
		if (act != ACT_NONE && may_write(im, r))
			store_result(im, im->restore ? store_outcome_restore(im->t, &o)
						     : store_outcome_put(im->t, &o));
		count_act(im, K_OUTCOME, act);
	}
	outcome_fini(&db);
	outcome_fini(&o);
}

/* History is copied in a restore only; a merge checks it. */
static void elem_history(struct imp *im, struct rec *r)
{
	struct history_entry e;
	read_history_entry(r, &e);
	if (!r->bad && im->restore && may_write(im, r))
		store_result(im, store_history_restore(im->t, &e));
	history_entry_fini(&e);
}

/* ---- the document ------------------------------------------------------------------ */

/* The phases: every phase reference resolves against them. */
static void read_phases(struct imp *im)
{
	struct jr *j = &im->j;
	struct jv v;
	size_t m = 0;
	long i = 0;
	if (!jr_value(j, &v) || v.t == JT_NULL)
		return;
	if (v.t != JT_ARRAY) {
		doc_fail(im, im->top_line[T_PHASES], _("phases: expected an array, not %s"), jr_type_name(v.t));
		if (v.t == JT_OBJECT)
			jr_skip(j);
		return;
	}
	im->has_phases = true;
	jr_enter(j);
	while (jr_element(j, &m) == 1) {
		struct rec r;
		struct phase ph;
		rec_begin(&r, im, j, "phases", i++);
		read_phase(&r, &ph);
		for (size_t k = 0; !r.bad && k < im->phases.n; k++) {
			if (im->phases.v[k].id == ph.id)
				rec_fail(&r, r.key_line[0], _("duplicate phase id %u"), (unsigned)ph.id);
			else if (!strcmp(im->phases.v[k].slug, ph.slug))
				rec_fail(&r, r.key_line[1], _("duplicate phase slug '%s'"), ph.slug);
		}
		rec_end(&r);
		if (r.bad) {
			free(ph.name);
			free(ph.slug);
		} else {
			im->phases.v = xrealloc(im->phases.v, (im->phases.n + 1) * sizeof *im->phases.v);
			im->phases.v[im->phases.n++] = ph;
		}
		if (j->failed)
			return;
	}
	im->n_phase_elems = (size_t)i;
	if (!i)
		doc_fail(im, im->top_line[T_PHASES], _("phases: the list is empty"));
}

static int top_key(const char *key)
{
	for (int k = 0; top_keys[k]; k++)
		if (!strcmp(top_keys[k], key))
			return k;
	return -1;
}

static void read_top(struct imp *im, int k);

/* A foreign or newer document: this error alone is reported. */
__attribute__((format(printf, 3, 4)))
static void foreign(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	jerrs_clear(&im->errs);
	jerrs_add(&im->errs, line ? line : 1, NULL, "%s", msg);
	free(msg);
	im->stop = true;
}

/* The rest of the document, scanned for format, version and phases, which an
 * array came before; then read on from where the array starts. */
static void look_ahead(struct imp *im)
{
	struct jr *j = &im->j;
	off_t off = jr_offset(j);
	int line = j->line, got;
	size_t n = 1;
	if (!jr_skip(j))
		return;
	while ((got = jr_member(j, &n)) == 1) {
		int k = top_key(j->key.data);
		unsigned bit = k >= 0 ? TBIT(k) : 0;
		if ((k == T_FORMAT || k == T_VERSION || k == T_PHASES) && !((im->seen | im->ahead) & bit)) {
			im->ahead |= bit;
			im->top_line[k] = j->key_line;
			j->limit = jr_offset(j) + MAX_VALUE;
			read_top(im, k);
			jr_end(j);
		} else if (!jr_skip(j)) {
			return;
		}
		if (j->failed || im->stop)
			return;
	}
	if (got == 0)
		jr_seek(j, off, line);
}

/* Before settings or the first array: format, version and phases settled. */
static bool prelude(struct imp *im)
{
	if (im->prelude)
		return !im->stop;
	im->prelude = true;
	if (~(im->seen | im->ahead) & (TBIT(T_FORMAT) | TBIT(T_VERSION) | TBIT(T_PHASES)))
		look_ahead(im);
	if (im->stop || im->j.failed)
		return false;
	if (!im->format || strcmp(im->format, FORMAT_NAME)) {
		foreign(im, im->top_line[T_FORMAT], _("not an ozgtui document (\"format\" must be \"%s\")"),
			FORMAT_NAME);
		return false;
	}
	const struct jv *v = &im->version;
	int vline = im->top_line[T_VERSION];
	if (!(im->seen & TBIT(T_VERSION)) && !(im->ahead & TBIT(T_VERSION)))
		foreign(im, 1, _("format_version: missing"));
	else if (v->t == JT_NULL)
		foreign(im, vline, _("format_version: must not be null"));
	else if (v->t != JT_INT)
		foreign(im, vline, _("format_version: expected an integer, not %s"), jr_type_name(v->t));
	else if (v->i != JSONIO_FORMAT_VERSION)
		foreign(im, vline, _("format_version %lld is not supported (this ozgtui reads %d)"),
			(long long)v->i, JSONIO_FORMAT_VERSION);
	if (im->stop)
		return false;
	im->eff = im->restore && im->has_phases ? &im->phases : &im->dbphases;
	if (!im->eff->n && !(im->has_phases && im->n_phase_elems)) {
		doc_fail(im, im->top_line[T_PHASES], _("phases: missing, and the database has none"));
		im->eff = NULL;
	}
	if (im->restore && im->has_phases && may_write(im, NULL))
		store_result(im, store_phases_put(im->t, &im->phases));
	return !im->stop;
}

/* One of the big arrays, element by element. */
static void read_array(struct imp *im, int k)
{
	static const struct {
		int kind;                 /* K_* */
		enum jkind keys;
		void (*fn)(struct imp *, struct rec *);
	} arrays[] = {
		[T_FIELDS] = {K_FIELD, JK_FIELD, elem_field},
		[T_ORGS] = {K_ORG, JK_ORG, elem_org},
		[T_SERVICES] = {K_SERVICE, JK_SERVICE, elem_service},
		[T_PROJECTS] = {K_PROJECT, JK_PROJECT, elem_project},
		[T_WORKSHOPS] = {K_WORKSHOP, JK_WORKSHOP, elem_workshop},
		[T_OUTCOMES] = {K_OUTCOME, JK_OUTCOME, elem_outcome},
		[T_HISTORY] = {K_HISTORY, JK_HISTORY, elem_history},
	};
	struct jr *j = &im->j;
	struct jv v;
	size_t m = 0;
	long i = 0;
	if (!jr_value(j, &v))
		return;
	if (v.t != JT_ARRAY && v.t != JT_NULL) {
		doc_fail(im, im->top_line[k], _("%s: expected an array, not %s"), top_keys[k], jr_type_name(v.t));
		if (v.t == JT_OBJECT)
			jr_skip(j);
	} else if (v.t == JT_ARRAY) {
		jr_enter(j);
		while (!im->stop && jr_element(j, &m) == 1) {
			struct rec r;
			rec_begin(&r, im, j, top_keys[k], i);
			j->limit = jr_offset(j) + MAX_VALUE;
			arrays[k].fn(im, &r);
			jr_end(j);
			imp_rec_end(im, &r);
			i++;
			if (!(i & 127))
				progress_set(&im->prog, (uint64_t)jr_offset(j) >> 10);
			/* the pages of the map read so far are the page cache's, not ours */
			if (!(i & 1023))
				store_map_release(im->t);
			if (j->failed)
				return;
		}
	}
	im->count[arrays[k].kind] = (size_t)i;
	im->done[arrays[k].keys] = true;
	if (k == T_PROJECTS)
		im->done[JK_NUMBER] = true;
	if (k == T_ORGS)
		orgs_settle(im);
}

static void read_top(struct imp *im, int k)
{
	struct jr *j = &im->j;
	struct jv v;
	struct rec r;
	int64_t x;
	switch (k) {
	case T_FORMAT:
		if (!jr_value(j, &v))
			return;
		free(im->format);
		im->format = v.t == JT_STRING ? xstrdup(v.s) : NULL;
		if (v.t == JT_OBJECT || v.t == JT_ARRAY)
			jr_skip(j);
		break;
	case T_VERSION:
		if (!jr_value(j, &im->version))
			return;
		im->version.s = NULL;
		if (im->version.t == JT_OBJECT || im->version.t == JT_ARRAY)
			jr_skip(j);
		break;
	case T_SCHEMA:
		rec_begin(&r, im, j, NULL, -1);
		rec_int(&r, "schema_version", false, 1, UINT32_MAX, 0, &x);
		rec_end(&r);
		break;
	case T_EXPORTED:
		rec_begin(&r, im, j, NULL, -1);
		rec_time(&r, "exported_at");
		rec_end(&r);
		break;
	case T_PHASES:
		read_phases(im);
		break;
	case T_SETTINGS:
		rec_begin(&r, im, j, "settings", -1);
		if (read_settings(&r, &im->settings)) {
			im->has_settings = true;
			if (im->restore && may_write(im, &r))
				store_result(im, store_settings_put(im->t, &im->settings));
		}
		rec_end(&r);
		break;
	default:
		read_array(im, k);
		break;
	}
}

static void read_document(struct imp *im)
{
	struct jr *j = &im->j;
	char w[32];
	size_t n = 0;
	int got = 0;
	int c = jr_ws(j);
	if (c != '{') {
		if (j->failed)
			return;
		const char *what = c < 0 ? NULL : c == '[' ? _("an array") : c == '"' ? _("a string") :
				   c == 't' || c == 'f' ? _("a boolean") : c == 'n' ? _("null") :
				   c == '-' || (c >= '0' && c <= '9') ? _("a number") : NULL;
		if (what)
			doc_fail(im, j->line, _("expected a JSON object, not %s"), what);
		else
			doc_fail(im, j->line, _("expected a JSON object, found %s"), jr_what(j, w));
		im->stop = true;
		return;
	}
	jr_enter(j);
	while (!im->stop && (got = jr_member(j, &n)) == 1) {
		int k = top_key(j->key.data);
		int kline = j->key_line;
		if (k < 0) {
			doc_fail(im, kline, _("unknown key '%s'"), j->key.data);
			if (!jr_skip(j))
				return;
			continue;
		}
		if (im->seen & TBIT(k)) {
			doc_fail(im, kline, _("duplicate object key \"%s\""), top_keys[k]);
			im->stop = true;
			return;
		}
		im->seen |= TBIT(k);
		im->top_line[k] = kline;
		if (im->ahead & TBIT(k)) {
			if (!jr_skip(j))
				return;
			continue;
		}
		if (k >= T_SETTINGS && !prelude(im))
			return;
		if (k < T_FIELDS)
			j->limit = jr_offset(j) + MAX_VALUE;
		read_top(im, k);
		if (k < T_FIELDS)
			jr_end(j);
		if (j->failed)
			return;
	}
	if (got < 0 || im->stop)
		return;
	if (jr_ws(j) >= 0) {
		doc_fail(im, j->line, _("%s after the end of the document"), jr_what(j, w));
		im->stop = true;
		return;
	}
	if (!j->failed)
		prelude(im);
}

/* After the document: references to arrays that came later, and what a
 * restore needs. */
static void read_end(struct imp *im)
{
	if (im->stop || im->j.failed)
		return;
	for (size_t i = 0; i < im->pending.n && !im->stop; i++) {
		struct pending *q = vec_at(&im->pending, i);
		unsigned char k[16];
		key_bytes(q->kind, &q->id, q->n, k);
		if (keymap_find(&im->keys[q->kind], k) >= 0 || db_has(im, q->kind, &q->id, q->n))
			continue;
		char *msg = ref_text(q->kind, q->path, &q->id, q->n);
		jerrs_add(&im->errs, q->line, q->where, "%s", msg);
		free(msg);
	}
	if (im->restore && !im->has_settings && !im->dbphases.n)
		doc_fail(im, im->top_line[T_SETTINGS], _("settings: missing, and the database has none"));
}

/* One reading of the whole document against the database seen through t. */
static enum status imp_run(struct imp *im, struct txn *t)
{
	enum status st;
	bool empty = false;
	imp_clear(im);
	im->t = t;
	im->prog.done = 0;
	if ((st = store_is_empty(t, &empty)) != STATUS_OK)
		return st;
	im->restore = empty;
	st = store_phases_get(t, &im->dbphases);
	if (st == STATUS_NOT_FOUND) {
		/* a database not yet initialised has no phases */
		status_clear();
		phase_list_fini(&im->dbphases);
		phase_list_init(&im->dbphases);
	} else if (st != STATUS_OK) {
		return st;
	}
	if (jr_seek(&im->j, 0, 1))
		read_document(im);
	read_end(im);
	if (im->st != STATUS_OK)
		return im->st;
	return im->errs.n ? STATUS_DATA : STATUS_OK;
}

static enum status imp_write_cb(struct txn *t, void *arg)
{
	struct imp *im = arg;
	enum status st = imp_run(im, t);
	if (st == STATUS_DATA && im->errs.n)
		return store_txn_fail(t, st);
	return st;
}

static void report_counts(struct buf *out, const struct imp *im, bool dry_run)
{
	static const char *const names[] = {"topic fields", "organisations", "services", "projects",
					    "workshops", "outcomes", "history entries"};
	static const int order[] = {K_FIELD, K_SERVICE, K_ORG, K_PROJECT, K_WORKSHOP, K_OUTCOME,
				    K_HISTORY};
	buf_puts(out, dry_run ? "would import: " : "imported: ");
	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		int k = order[i];
		if (i)
			buf_puts(out, ", ");
		if (im->restore) {
			buf_printf(out, "%zu %s", im->count[k], names[k]);
			if (k == K_PROJECT)
				buf_printf(out, " (%zu added, 0 updated)", im->count[k]);
		} else if (k == K_HISTORY) {
			/* one "import" entry per added or changed project */
			buf_printf(out, "%zu %s", im->added[K_PROJECT] + im->updated[K_PROJECT], names[k]);
		} else {
			/* records in the file; those not counted are unchanged */
			buf_printf(out, "%zu %s (%zu added, %zu updated)", im->count[k], names[k],
				   im->added[k], im->updated[k]);
		}
	}
	if (!im->restore)
		buf_puts(out, "; merged into a database with data, so the file's history, phases and settings were not copied");
}

enum status jsonio_import(struct store *s, const char *path, bool dry_run, struct buf *report)
{
	struct imp im;
	struct txn *t = NULL;
	enum status st;

	imp_init(&im, path);
	if ((st = imp_open(&im)) != STATUS_OK)
		goto out;
	progress_begin(&im.prog, _("import"), _("KiB"), (uint64_t)im.size >> 10);
	if (dry_run || store_readonly(s)) {
		/* everything checked, nothing written */
		if ((st = store_read_begin(s, &t)) != STATUS_OK)
			goto out;
		st = imp_run(&im, t);
		store_txn_end(t);
		t = NULL;
		if (st == STATUS_OK && !dry_run)
			st = status_fail(STATUS_PERM, _("the database is open read-only"));
	} else {
		/* room for the whole document at once: store_write runs the
		 * import again from the start each time the map must grow */
		if ((st = store_map_reserve(s, (size_t)im.size + (16u << 20))) != STATUS_OK)
			goto out;
		im.write = true;
		st = store_write(s, imp_write_cb, &im);
	}
	progress_end(&im.prog);
	if (st == STATUS_DATA && im.errs.n)
		st = import_fail_errors(im.errs.text.data, im.errs.n);
	else if (st == STATUS_OK && report)
		report_counts(report, &im, dry_run);
out:
	progress_end(&im.prog);
	imp_fini(&im);
	return st;
}
