/* jsonio_internal.h - what the parts of the JSON export and import share.
 *
 *   jsonio_export.c   the export: records streamed from the store as text
 *   jsonio_read.c     the import's reader: a pull parser over the file in
 *                     blocks, the errors with their lines
 *   jsonio_lex.c      the reader's scalars: strings, numbers, literals
 *   jsonio_values.c   a record being read: its errors, typed values
 *   jsonio_records.c  the import's records: one reader per kind, with the
 *                     checks that need only the record
 *   jsonio.c          the import: the document (its top level, the look
 *                     ahead, the arrays), the report
 *   jsonio_keys.c     the import's keys and references across records
 *   jsonio_write.c    the import's writes: each record compared and written
 */
#ifndef OZGTUI_JSONIO_INTERNAL_H
#define OZGTUI_JSONIO_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "ozgtui/model.h"
#include "ozgtui/progress.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define FORMAT_NAME "ozgtui"
#define MAX_STRING 65536          /* bytes, any string */
#define MAX_TITLE 500             /* bytes, project title */
#define MAX_VALUE (16u << 20)     /* bytes, one top-level value or one element of an array */
#define MAX_DEPTH 2048            /* nesting inside one value (jansson's limit) */
#define MAX_ERRORS 10             /* reported; the rest are counted */

/* ---- generic vector ---------------------------------------------------------- */

struct vec {
	void *v;
	size_t n;
	size_t cap;
	size_t size;
};

static inline void vec_init(struct vec *x, size_t size)
{
	memset(x, 0, sizeof *x);
	x->size = size;
}

static inline void *vec_push(struct vec *x)
{
	xgrow(&x->v, &x->cap, x->n + 1, x->size);
	void *p = (char *)x->v + x->n++ * x->size;
	memset(p, 0, x->size);
	return p;
}

static inline void *vec_at(const struct vec *x, size_t i)
{
	return (char *)x->v + i * x->size;
}

static inline void vec_fini(struct vec *x, void (*fini)(void *))
{
	if (fini)
		for (size_t i = 0; i < x->n; i++)
			fini(vec_at(x, i));
	free(x->v);
	memset(x, 0, sizeof *x);
}

static inline void vec_sort(struct vec *x, int (*cmp)(const void *, const void *))
{
	if (x->n > 1)
		qsort(x->v, x->n, x->size, cmp);
}

/* Binary search of key (a struct of the vector's element type, or one whose
 * first member is) in a vector sorted by cmp. */
static inline void *vec_find(const struct vec *x, const void *key, int (*cmp)(const void *, const void *))
{
	return x->n ? bsearch(key, x->v, x->n, x->size, cmp) : NULL;
}

/* ---- codes ------------------------------------------------------------------- */

static inline const char *code_cat(int i)
{
	return category_code((enum category)i);
}
static inline const char *code_kind(int i)
{
	return org_kind_code((enum org_kind)i);
}
static inline const char *code_role(int i)
{
	return role_code((enum role)i);
}
static inline const char *code_okind(int i)
{
	return outcome_kind_code((enum outcome_kind)i);
}
static inline const char *code_ostatus(int i)
{
	return outcome_status_code((enum outcome_status)i);
}
static inline const char *code_policy(int i)
{
	return i == REP_SPAN ? "span" : i == REP_ALL ? "all" : "";
}

static const char jsonio_hexdigits[] = "0123456789abcdef";


/* Collecting callbacks: the store lends each record for the call only. */
#define COLLECT(type)                                                   \
	static inline int collect_##type(const struct type *r, void *arg)      \
	{                                                               \
		struct type *c = vec_push(arg);                         \
		type##_init(c);                                         \
		type##_copy(c, r);                                      \
		return 0;                                               \
	}                                                               \
	static inline void fini_##type(void *p)                                \
	{                                                               \
		type##_fini(p);                                         \
	}
COLLECT(topic_field)
COLLECT(organisation)
COLLECT(service)
COLLECT(project)
COLLECT(workshop)
COLLECT(outcome)
COLLECT(history_entry)
#undef COLLECT

static inline int cmp_field(const void *a, const void *b)
{
	const struct topic_field *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}
static inline int cmp_org(const void *a, const void *b)
{
	return uuid_cmp(&((const struct organisation *)a)->id, &((const struct organisation *)b)->id);
}
static inline int cmp_service(const void *a, const void *b)
{
	const struct service *x = a, *y = b;
	return (x->ozg_id > y->ozg_id) - (x->ozg_id < y->ozg_id);
}
static inline int cmp_project_number(const void *a, const void *b)
{
	const struct project *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}
static inline int cmp_project_id(const void *a, const void *b)
{
	return uuid_cmp(&((const struct project *)a)->id, &((const struct project *)b)->id);
}
static inline int cmp_workshop(const void *a, const void *b)
{
	return uuid_cmp(&((const struct workshop *)a)->id, &((const struct workshop *)b)->id);
}
static inline int cmp_outcome(const void *a, const void *b)
{
	return uuid_cmp(&((const struct outcome *)a)->id, &((const struct outcome *)b)->id);
}
static inline int cmp_history(const void *a, const void *b)
{
	const struct history_entry *x = a, *y = b;
	return (x->seq > y->seq) - (x->seq < y->seq);
}


/* ---- import: errors and the reader (jsonio_read.c) ---------------------------- */

/* The errors of an import: "path:LINE: where: what", the first MAX_ERRORS of
 * them kept, all counted. */
struct jerrs {
	const char *path;
	struct buf text;
	size_t n;
};
void jerrs_add(struct jerrs *e, int line, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void jerrs_clear(struct jerrs *e);

enum jtype { JT_NULL, JT_FALSE, JT_TRUE, JT_INT, JT_REAL, JT_STRING, JT_OBJECT, JT_ARRAY };

/* A value read: scalars whole; an object or array only its type, with the
 * reader on its opening bracket (jr_enter or jr_skip next). */
struct jv {
	enum jtype t;
	int line;
	int64_t i;        /* JT_INT */
	const char *s;    /* JT_STRING, decoded; borrowed until the next read */
	size_t len;
};

/* The reader: the file in blocks, the line of the next byte, and the first
 * syntax error (after which every call fails: nothing more is read). */
struct jr {
	int fd;
	unsigned char *buf;
	size_t pos, len;
	off_t base;           /* file offset of buf[0] */
	int line;
	bool eof;
	bool failed;
	off_t limit;          /* 0, or the offset the current value must not pass */
	const char *top;      /* what is being read, for syntax errors: "projects" */
	long index;           /* and its element (-1: none) */
	struct jerrs *errs;
	struct buf str;       /* the last string value */
	struct buf key;       /* the last member key */
	int key_line;
	struct buf num;
	unsigned char *stack; /* closing brackets awaited by jr_skip */
	size_t stack_cap;
};

/* The next block; its first byte, or -1 at the end (or on an error). */
int jr_fill(struct jr *j);
static inline int jr_peek(struct jr *j)
{
	if (j->pos < j->len)
		return j->buf[j->pos];
	return jr_fill(j);
}
/* The scalars (jsonio_lex.c), the reader on their first byte: false after a
 * syntax error. */
bool jr_string(struct jr *j, struct buf *out);
bool jr_number(struct jr *j, struct jv *v);
bool jr_literal(struct jr *j, const char *word);
void jr_init(struct jr *j, int fd, struct jerrs *errs);
void jr_fini(struct jr *j);
/* Reads on from offset off (a byte at the start of line line). */
bool jr_seek(struct jr *j, off_t off, int line);
/* Offset of the next byte. */
off_t jr_offset(const struct jr *j);
/* The end of a value read under a limit (j->limit): past it is an error; the
 * limit is lifted. False after any syntax error. */
bool jr_end(struct jr *j);
/* Skips white space; the next byte, or -1 at the end of the file. */
int jr_ws(struct jr *j);
/* Records a syntax error and stops the reader. */
void jr_fail(struct jr *j, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* What the next byte is, for messages ("'x'", "byte 0x01", "the end of the file"). */
const char *jr_what(struct jr *j, char out[static 32]);
/* The value at the reader (see struct jv); false after a syntax error. */
bool jr_value(struct jr *j, struct jv *v);
/* Skips the value at the reader, whatever it is, checking its syntax. */
bool jr_skip(struct jr *j);
/* Steps into the object or array whose bracket is at the reader. */
bool jr_enter(struct jr *j);
/* The next member of the object stepped into: 1 with its key in j->key (line
 * j->key_line) and the reader on its value, 0 after the closing '}', -1 on a
 * syntax error. *n counts the members (0 before the first). */
int jr_member(struct jr *j, size_t *n);
/* The next element of the array stepped into: 1 with the reader on it, 0 after
 * the closing ']', -1 on a syntax error. */
int jr_element(struct jr *j, size_t *n);
/* "an object", "a string", ... (translated). */
const char *jr_type_name(enum jtype t);

/* ---- import: a record being read (jsonio_read.c) ------------------------------- */

struct imp;   /* the import (jsonio.c) */

#define REC_KEYS 32

/* One record (an element of a top-level array, or the settings): its place,
 * its label once known ("number 12"), and its errors, kept until its end so
 * that each names the record whole: "projects[3] (number 12): phase: ...". */
struct rec {
	struct imp *im;
	struct jr *j;
	const char *top;        /* "projects"; NULL for the document itself */
	long index;             /* -1: not an element of an array */
	int line;               /* where it starts */
	const char *label_key;  /* the label, once known: "number 12", "id 8c0f2d6e-...", */
	uint64_t label_n;       /* "slug sichtung" */
	struct uuid label_id;
	bool label_is_id;
	char label_s[64];
	const char *nest;       /* reading the object nest[nest_i] inside it ("dates"), or NULL */
	long nest_i;
	bool bad;               /* an error in this record */
	int key_line[REC_KEYS]; /* line of each member by its place in the key table; 0: absent */
	struct rec_err {
		int line;
		char *msg;
	} *errs;                /* kept until rec_end */
	size_t n_errs, cap_errs;
};

void rec_begin(struct rec *r, struct imp *im, struct jr *j, const char *top, long index);
/* An error about the value at line; name it by its path inside the record. */
void rec_fail(struct rec *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Hands the record's errors on, with its place and label. */
void rec_end(struct rec *r);
/* Its place and label: "projects[3] (number 12)". */
void rec_where(const struct rec *r, char *out, size_t n);
/* Sets the label: key (a literal) and one of n, *id, s. */
void rec_label(struct rec *r, const char *key, uint64_t n, const struct uuid *id, const char *s);

/* The members of the object stepped into (rec_object), one call each, by their
 * place in keys (nkeys of them, NULL-terminated): the next member's place, -1
 * at the end or after a syntax error. Unknown and repeated keys are errors and
 * skipped. *seen is the set of places read so far, *n the count of members
 * (both 0 before the first call). */
int rec_member(struct rec *r, const char *const *keys, size_t nkeys, size_t *n, uint64_t *seen);
#define REC_MEMBER(r, keys, n, seen) rec_member((r), (keys), ARRAY_LEN(keys) - 1, (n), (seen))
/* The value at the reader is an object (entered), else an error (skipped). */
bool rec_object(struct rec *r, const char *name, long i);
/* A required member missing from *seen: "name: missing" at the record's line. */
void rec_required(struct rec *r, const char *const *keys, uint64_t seen, const int *req);

/* Typed values of the member name (its path: rec_path). Each reads the value
 * at the reader; a wrong type or range is an error (a container skipped). */
void rec_str(struct rec *r, const char *name, bool req, size_t max, char **out);
bool rec_int(struct rec *r, const char *name, bool req, int64_t lo, int64_t hi, int64_t def,
	     int64_t *out);
uint32_t rec_u32(struct rec *r, const char *name, uint32_t lo, uint32_t def);
bool rec_bool(struct rec *r, const char *name);
int32_t rec_date(struct rec *r, const char *name);
int64_t rec_time(struct rec *r, const char *name);
/* A UUID (not the nil one); *line its line. False when null or bad. */
bool rec_uuid(struct rec *r, const char *name, bool req, struct uuid *out, int *line);
int rec_enum(struct rec *r, const char *name, bool req, int lo, int hi, const char *(*code)(int),
	     const char *what, int def);
void rec_unknown(struct rec *r, struct unknown *u);
/* Arrays of UUIDs, positive integers and strings; each UUID or integer,
 * when kind is not -1, a reference to a record of that kind (imp_ref). */
void rec_uuids(struct rec *r, const char *name, int kind, struct uuid **out, size_t *n);
void rec_u32s(struct rec *r, const char *name, int kind, uint32_t **out, size_t *n);
void rec_strv(struct rec *r, const char *name, struct strv *out);
/* A phase reference (see imp_phases); any_id: an id the list lacks is fine. */
uint8_t rec_phase(struct rec *r, const char *name, bool own, bool any_id);
/* The path of name in the record, inside the nested object being read, and for
 * i >= 0 with "[i]": "dates[1].planned", "services[2]". name NULL: the nested
 * object itself. */
#define REC_PATH 192
const char *rec_path(const struct rec *r, const char *name, long i, char out[static REC_PATH]);
/* Skips what is left of the value v when it is an object or an array. */
void rec_drop(struct rec *r, const struct jv *v);
/* "name: expected a string, not an object" and the like; what: one of
 * EXPECT_*. The value is dropped. */
enum { EXPECT_STRING, EXPECT_INTEGER, EXPECT_BOOL, EXPECT_ARRAY, EXPECT_OBJECT, EXPECT_PHASE,
       EXPECT_POSITIVE };
void rec_expected(struct rec *r, const char *name, long i, const struct jv *v, int what);

/* ---- import: records (jsonio_records.c) ----------------------------------------- */

/* The kinds of keys the document has and refers to. */
enum jkind { JK_FIELD, JK_ORG, JK_SERVICE, JK_PROJECT, JK_NUMBER, JK_WORKSHOP, JK_OUTCOME, JK_HISTORY,
	     JK__COUNT };

/* Checked by jsonio.c as the records are read: a record's own key must not
 * repeat one of the document (false: it does, an error); a reference must
 * name a record of the document or of the database (else an error, perhaps
 * only at the end of the document, when the array it names comes later). */
bool imp_key(struct rec *r, enum jkind kind, const struct uuid *id, uint64_t n, int line);
void imp_ref(struct rec *r, enum jkind kind, const struct uuid *id, uint64_t n, const char *name,
	     long i, int line);
/* The phases references resolve against: the target's (or in a restore the
 * document's); own = the document's own list where it has one (settings and
 * history). *db says it is the database's. NULL: none (an error already). */
const struct phase_list *imp_phases(const struct imp *im, bool own, bool *db);

void read_phase(struct rec *r, struct phase *ph);
/* False when the value is not an object (an error) or null. */
bool read_settings(struct rec *r, struct settings *s);
void read_topic_field(struct rec *r, struct topic_field *f);
void read_organisation(struct rec *r, struct organisation *o);
void read_service(struct rec *r, struct service *s);
void read_project(struct rec *r, struct project *p);
void read_workshop(struct rec *r, struct workshop *w);
void read_outcome(struct rec *r, struct outcome *o);
void read_history_entry(struct rec *r, struct history_entry *e);
/* Key places of the readers, for the lines of later errors (rec.key_line). */
enum { KEY_ORG_AGS = 3, KEY_PROJECT_NUMBER = 1 };

/* ---- import: the import (jsonio.c, jsonio_keys.c, jsonio_write.c) --------------- */

/* Keys of one kind in the order read, each with the element index of its
 * record. While they come in ascending order (an export writes every array
 * sorted by its key) they are found by binary search; the first key out of
 * order builds an open-addressing hash of them all. Numbers are kept
 * big-endian, so that byte order is their order. */
struct jkeymap {
	size_t width;           /* bytes of a key: 8 (numbers) or 16 (UUIDs) */
	unsigned char *v;       /* n entries: the key, then its index (int64_t) */
	uint32_t *slots;        /* NULL while sorted; else cap of them: 0 empty, else entry + 1 */
	size_t n, vcap, cap;
};

void jkeymap_init(struct jkeymap *m, size_t width);
void jkeymap_fini(struct jkeymap *m);
/* The entry of key, or -1. */
long jkeymap_find(const struct jkeymap *m, const void *key);
/* The index of the record of an entry. */
long jkeymap_index(const struct jkeymap *m, long entry);
/* Adds key, which is not there yet, with the index of its record. */
void jkeymap_add(struct jkeymap *m, const void *key, long index);
/* A hash of a string, as a key of 8 bytes. */
uint64_t jkeymap_text_hash(const char *s);

enum act { ACT_NONE = 0, ACT_ADD, ACT_UPDATE };

/* The top-level arrays, in the report's order of kinds. */
enum { K_FIELD, K_ORG, K_SERVICE, K_PROJECT, K_WORKSHOP, K_OUTCOME, K_HISTORY, K__COUNT };

enum {
	T_FORMAT, T_VERSION, T_SCHEMA, T_EXPORTED, T_PHASES, T_SETTINGS, T_FIELDS, T_ORGS,
	T_SERVICES, T_PROJECTS, T_WORKSHOPS, T_OUTCOMES, T_HISTORY, T__COUNT
};
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
	struct jkeymap keys[JK__COUNT];
	struct jkeymap ags;      /* hash of an AGS -> entry of keys[JK_ORG] */
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


/* jsonio_keys.c: the keys, the orgs and the pending references back to the
 * start (imp_keys_reset also sets them up in a zeroed struct imp), freed; the
 * pending references settled at the end of the document; the end of a record
 * (its errors reported, its open references labelled). */
void imp_keys_reset(struct imp *im);
void imp_keys_fini(struct imp *im);
void imp_refs_settle(struct imp *im);
void imp_rec_end(struct imp *im, struct rec *r);

/* A failure of the store ends the import with its status. */
static inline void store_result(struct imp *im, enum status st)
{
	if (st != STATUS_OK && im->st == STATUS_OK) {
		im->st = st;
		im->stop = true;
	}
}

/* Whether to write now: a real import with nothing wrong so far. */
static inline bool may_write(const struct imp *im, const struct rec *r)
{
	return im->write && !im->errs.n && !im->stop && (!r || !r->bad);
}


/* jsonio_write.c: one element of each top-level array read, checked and
 * written; at the end of the organisations, the deferred ones (orgs_settle). */
void elem_field(struct imp *im, struct rec *r);
void elem_org(struct imp *im, struct rec *r);
void elem_service(struct imp *im, struct rec *r);
void elem_project(struct imp *im, struct rec *r);
void elem_workshop(struct imp *im, struct rec *r);
void elem_outcome(struct imp *im, struct rec *r);
void elem_history(struct imp *im, struct rec *r);
void orgs_settle(struct imp *im);
void deferred_fini(void *p);

/* ---- text (jsonio_export.c) --------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left, n >= 1), 0 if it is
 * not one (jansson's rules: no overlong forms, surrogates or code points
 * above U+10FFFF). */
size_t jsonio_utf8_len(const unsigned char *s, size_t n);
/* Appends s as a JSON string as jansson writes it; false, and nothing
 * appended, when s is not valid UTF-8. */
bool jsonio_put_string(struct buf *b, const char *s);

#endif
