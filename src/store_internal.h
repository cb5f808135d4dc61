/* store_internal.h - what the store's source files share; nothing outside
 * src/store*.c includes this (MDB_val never leaves the store). */
#ifndef OZGTUI_STORE_INTERNAL_H
#define OZGTUI_STORE_INTERNAL_H

#include <lmdb.h>
#include <stdbool.h>
#include <stdint.h>

#include "ozgtui/store.h"
#include "ozgtui/util.h"

enum dbi_id {
	DB_META,
	DB_FIELDS,
	DB_ORGS,
	DB_ORG_BY_AGS,
	DB_SERVICES,
	DB_PROJECTS,
	DB_PROJECT_BY_NUMBER,
	DB_PROJECT_BY_PHASE,
	DB_PROJECT_BY_FIELD,
	DB_PROJECT_BY_ORG,
	DB_PROJECT_BY_SERVICE,
	DB_PROJECT_COUNTS,
	DB_WORKSHOPS,
	DB_OUTCOMES,
	DB_OUTCOME_BY_PROJECT,
	DB_HISTORY,
	DB_HISTORY_BY_ENTITY,
	DB_VERSIONS,
	DB_SNAPSHOTS,
	DB_VERSION_BY_REVISION,
	DB_PROJECT_COPIES,
	DB__COUNT
};

extern const char *const store_dbi_names[DB__COUNT];

struct store {
	MDB_env *env;
	MDB_dbi dbi[DB__COUNT];
	bool dbi_open;
	bool readonly;
	bool shared;   /* a setgid (team) database: history times come from the real clock */
	bool broken;   /* a failed map growth left no map: every txn fails */
	char *dir;
	struct txn *open;   /* the transaction open now (LMDB allows one per thread), or NULL */
};

struct txn {
	struct store *s;
	MDB_txn *txn;
	enum status st;
	bool write;
	bool changed;
	bool catalog_changed;   /* reference data written: phases, settings, fields, orgs, services */
	bool map_full;   /* the last failure was MDB_MAP_FULL: grow and retry */
	int64_t now;
	uint64_t revision;   /* write txn: the revision it produces; 0 until asked */
	bool defer_copies;   /* project_copies written anew at the end (store_project_copies_defer) */
	struct defer *defer;   /* puts held back, written in key order at the end (store_defer_begin) */
};

/* Held-back puts (store_defer.c). */
/* Before t reads, deletes in or drops sub-db db: its held-back puts written. */
void store_defer_touch(struct txn *t, enum dbi_id db);
/* Drops t's held-back puts unwritten (the txn ends). */
void store_defer_free(struct txn *t);
/* Puts into db are held back in t. */
bool store_deferred(const struct txn *t, enum dbi_id db);
/* Holds back a put into db; by_ref: a version whose value is read from its
 * record at the end. */
void store_defer_add(struct txn *t, enum dbi_id db, const void *k, size_t klen, const void *v,
		     size_t vlen, bool by_ref);
/* Writes db's held-back puts in key order; from then on db is written
 * straight away. Returns t's sticky status. */
enum status store_defer_flush(struct txn *t, enum dbi_id db);

/* ---- key helpers ---- */

static inline void be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void be64(uint8_t *p, uint64_t v)
{
	be32(p, (uint32_t)(v >> 32));
	be32(p + 4, (uint32_t)v);
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}


/* Translates an LMDB error code into a status with a detail message; marks
 * MDB_MAP_FULL on t so that store_write grows the map and retries. */
enum status store_map_error(struct txn *t, int rc, const char *what);
/* Records the first failure of t (the sticky status) and returns it. */
enum status store_fail(struct txn *t, enum status st);

/* Raw access through the sticky status. store_raw_get returns STATUS_NOT_FOUND
 * (not sticky) when the key is absent. */
enum status store_raw_get(struct txn *t, enum dbi_id db, const void *k, size_t klen, MDB_val *v);
enum status store_raw_put(struct txn *t, enum dbi_id db, const void *k, size_t klen,
			  const void *v, size_t vlen);
/* store_raw_put of a key greater than every key of db (MDB_APPEND: LMDB
 * fills each leaf instead of splitting it in half). */
enum status store_raw_append(struct txn *t, enum dbi_id db, const void *k, size_t klen,
			     const void *v, size_t vlen);
enum status store_raw_del(struct txn *t, enum dbi_id db, const void *k, size_t klen);
/* Iterates keys starting with prefix (all keys when plen is 0), forwards or
 * backwards. fn returns non-zero to stop. */
typedef int (*store_raw_each_fn)(const MDB_val *k, const MDB_val *v, void *arg);
enum status store_raw_each(struct txn *t, enum dbi_id db, const void *prefix, size_t plen,
			   bool backwards, store_raw_each_fn fn, void *arg);
/* Iterates forwards from the first key >= start (the first key when slen is 0)
 * to the end of the database: a scan that resumes where an earlier one stopped. */
enum status store_raw_each_from(struct txn *t, enum dbi_id db, const void *start, size_t slen,
				store_raw_each_fn fn, void *arg);
/* The last key of a database (for "one past the last" counters). */
enum status store_raw_last_key(struct txn *t, enum dbi_id db, MDB_val *k, bool *found);
enum status store_raw_count(struct txn *t, enum dbi_id db, size_t *n);

enum status store_meta_get_u32(struct txn *t, const char *key, uint32_t *out, bool *found);
enum status store_meta_put_u32(struct txn *t, const char *key, uint32_t value);

/* Projects (store_project.c). */
enum status store_project_load(struct txn *t, const uint8_t id[16], struct project *out);
/* Role of an organisation in a project for the org index: member role, or 0 for interest. */
int store_org_index_role(const struct project *p, const struct uuid *org);
enum status store_count_add(struct txn *t, uint8_t phase, uint16_t field, int delta);
/* The keys of p's project_by_phase and project_by_field entries (schema 4):
 * u8 phase or u16 field, u32 number, UUID (values empty), and adding or
 * removing both entries. */
#define STORE_PHASE_KEY (1 + 4 + 16)
#define STORE_FIELD_KEY (2 + 4 + 16)
size_t store_phase_key(const struct project *p, uint8_t k[STORE_PHASE_KEY]);
size_t store_field_key(const struct project *p, uint8_t k[STORE_FIELD_KEY]);
enum status store_phase_field_index(struct txn *t, const struct project *p, bool add);
/* The key of p's copy in project_copies (schema 6): u8 phase, u16 field, u32
 * number, UUID; the value is the project's record, byte for byte. */
#define STORE_COPY_KEY (1 + 2 + 4 + 16)
size_t store_copy_key(const struct project *p, uint8_t k[STORE_COPY_KEY]);
/* Versions (schema 3): every written project, outcome and service is also kept
 * under (kind, 16-byte key, u64 revision). */
enum version_kind {
	VERSION_PROJECT = STORE_VERSION_PROJECT,
	VERSION_OUTCOME = STORE_VERSION_OUTCOME,
	VERSION_SERVICE = STORE_VERSION_SERVICE,
};
/* The key of a version: u8 kind, 16-byte key, u64 revision; and of its entry
 * in version_by_revision (schema 5): u64 revision, u8 kind, 16-byte key. */
#define STORE_VERSION_KEY 25
/* Keeps one more version key in the revision index. */
enum status store_version_index(struct txn *t, const uint8_t version_key[STORE_VERSION_KEY]);
/* The revision this write transaction produces (change counter + 1). */
enum status store_txn_revision(struct txn *t, uint64_t *out);
/* Keeps the encoded record as the version of (kind, key) at t's revision,
 * and its entry in the revision index. */
enum status store_version_put(struct txn *t, enum version_kind kind, const uint8_t key[16],
			      const void *data, size_t len);
/* The latest version of (kind, key) at or before revision: STATUS_OK with *v
 * set, or STATUS_NOT_FOUND. */
enum status store_version_at(struct txn *t, enum version_kind kind, const uint8_t key[16],
			     uint64_t revision, MDB_val *v);
/* Writes the current record of every project, outcome and service as its
 * version at revision, with its revision index entry (migration to schema 3). */
enum status store_versions_seed(struct txn *t, uint64_t revision);

/* Empties version_by_revision and indexes every version again (migration to
 * schema 5). */
enum status store_versions_index_rebuild(struct txn *t);

/* Empties project_copies and writes a copy of every project record again, in
 * key order (MDB_APPEND: full leaves). Migration to schema 6. */
enum status store_project_copies_rebuild(struct txn *t);

/* Runs the migration steps from schema version `from` to STORE_SCHEMA_VERSION. */
enum status store_migrate(struct txn *t, uint32_t from);

/* Decodes a record found in db, marking the txn corrupt when it is malformed. */
#define DECODE(t, type, out, val, what)                                                     \
	do {                                                                                  \
		type##_fini(out);                                                             \
		if (type##_decode((out), (val).mv_data, (val).mv_size) != STATUS_OK)          \
			return store_fail((t), status_fail(STATUS_CORRUPT, "%s: a record cannot be read", \
						     (what)));                                \
	} while (0)

/* Writes a record; one whose text breaks the limits (model.h type_check) fails
 * the txn: no way in can store what an export could not write back. */
#define PUT_RECORD(t, type, db, key, klen, rec)                                              \
	do {                                                                                  \
		enum status ck_ = type##_check(rec);                                          \
		if (ck_)                                                                      \
			return store_fail((t), ck_);                                          \
		struct buf b_;                                                                \
		buf_init(&b_);                                                                \
		type##_encode((rec), &b_);                                                    \
		enum status st_ = store_raw_put((t), (db), (key), (klen), b_.data, b_.len);         \
		buf_fini(&b_);                                                                \
		if (st_)                                                                      \
			return st_;                                                           \
	} while (0)

/* Like PUT_RECORD, and also keeps the record as its version (kind, key16). */
#define PUT_VERSIONED(t, type, db, key, klen, rec, kind, key16)                             \
	do {                                                                                  \
		enum status ck_ = type##_check(rec);                                          \
		if (ck_)                                                                      \
			return store_fail((t), ck_);                                          \
		struct buf b_;                                                                \
		buf_init(&b_);                                                                \
		type##_encode((rec), &b_);                                                    \
		enum status st_ = store_raw_put((t), (db), (key), (klen), b_.data, b_.len);   \
		if (!st_)                                                                     \
			st_ = store_version_put((t), (kind), (key16), b_.data, b_.len);       \
		buf_fini(&b_);                                                                \
		if (st_)                                                                      \
			return st_;                                                           \
	} while (0)

/* Typed iteration over all records of one database: defines TYPE_each_ctx and
 * TYPE_each_cb, which decodes each value and calls the user's callback. */
#define RECORD_EACH(type, what)                                                             \
	struct type##_each_ctx {                                                            \
		struct txn *t;                                                              \
		int (*fn)(const struct type *, void *);                                     \
		void *arg;                                                                  \
		enum status st;                                                             \
		bool (*keep)(const struct type *, const struct type##_each_ctx *);          \
		uint16_t field;                                                             \
	};                                                                                  \
	static int type##_each_cb(const MDB_val *k, const MDB_val *v, void *arg)            \
	{                                                                                   \
		struct type##_each_ctx *c = arg;                                            \
		struct type x;                                                              \
		(void)k;                                                                    \
		type##_init(&x);                                                            \
		if (type##_decode(&x, v->mv_data, v->mv_size)) {                            \
			c->st = store_fail(c->t, status_fail(STATUS_CORRUPT, "%s: a record cannot be read", what)); \
			type##_fini(&x);                                                    \
			return 1;                                                           \
		}                                                                           \
		int stop = !c->keep || c->keep(&x, c) ? c->fn(&x, c->arg) : 0;              \
		type##_fini(&x);                                                            \
		return stop;                                                                \
	}


#endif
