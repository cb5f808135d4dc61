/* store.h - the LMDB store: one environment directory, named sub-databases per
 * entity plus secondary indexes. The key/value layout is documented at the top
 * of src/store.c.
 *
 * Reads happen in a read transaction (store_read_begin/store_txn_end). Writes are
 * a callback run inside one write transaction by store_write(), which commits,
 * and on MDB_MAP_FULL grows the map and runs the callback again from the start:
 * a write callback must therefore only change the database through the txn and
 * not keep side effects across calls. The transaction has a sticky status: after
 * the first failure every store call returns that status and commit aborts.
 *
 * Nothing here hands out an MDB_val: decoders copy into structs the caller owns.
 */
#ifndef OZGTUI_STORE_H
#define OZGTUI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/model.h"
#include "ozgtui/status.h"

/* Schema versions: 1 = records and indexes; 2 = + project counts per (phase,
 * field) kept at write time; 3 = + versions of every project, outcome and
 * service, and snapshots; 4 = the phase and field indexes keyed by (phase,
 * number, UUID) and (field, number, UUID); 5 = + the versions indexed by
 * revision (what changed between two revisions); 6 = + a copy of every
 * project record keyed by (phase, field, number, UUID), for listings of one
 * phase. store_open migrates step by step. */
#define STORE_SCHEMA_VERSION 6

struct store;
struct txn;

enum store_flags {
	STORE_CREATE = 1 << 0,    /* create the directory (0700) and files (0600) if missing */
	STORE_READONLY = 1 << 1,  /* open read-only (--readonly, or no write permission) */
};

/* Resolves the database directory: dir if given, else $OZGTUI_DB, else
 * $XDG_DATA_HOME/ozgtui/db (~/.local/share/ozgtui/db). Caller frees. */
char *store_default_dir(const char *dir);

/* Opens (and with STORE_CREATE creates) the environment in dir, clears stale
 * reader slots, checks the schema version (STATUS_NEWER if newer than ours) and
 * migrates an older one. *out is NULL on failure. */
enum status store_open(const char *dir, unsigned flags, struct store **out);
void store_close(struct store *s);
const char *store_dir(const struct store *s);
bool store_readonly(const struct store *s);
/* True when the database has been initialised (phases and settings exist). */
bool store_initialised(struct store *s);
/* Current map size in bytes (for tests of map growth). */
size_t store_map_size(struct store *s);
/* Sets the initial map size before the first store_open (tests force growth with a tiny map). */
void store_set_initial_map_size(size_t bytes);

/* Grows the map, if needed, to hold about bytes more than the data file does
 * now, so that a big write (an import) is not run again after each doubling.
 * Call with no transaction of this process open. */
enum status store_map_reserve(struct store *s, size_t bytes);

/* Read transactions. */
enum status store_read_begin(struct store *s, struct txn **out);
void store_txn_end(struct txn *t);   /* NULL-safe; aborts a read txn */

/* Write transactions. fn runs inside one write txn; its status decides commit. */
typedef enum status (*store_write_fn)(struct txn *t, void *arg);
enum status store_write(struct store *s, store_write_fn fn, void *arg);

/* The sticky status of a transaction. */
enum status store_txn_status(const struct txn *t);
/* Marks a transaction failed (e.g. a rule refused inside a write callback). */
enum status store_txn_fail(struct txn *t, enum status st);
/* A txn-local "now", fixed for the whole transaction (clock_now() at its start). */
int64_t store_txn_now(const struct txn *t);
/* The store a transaction belongs to. */
struct store *store_txn_store(const struct txn *t);
/* The transaction open on s now (store_read_begin's, or the one store_write
 * runs its callback in), or NULL. LMDB allows one per thread, and ozgtui
 * opens no second one while one is open. */
struct txn *store_open_txn(struct store *s);

/* Meta. */
enum status store_schema_version(struct txn *t, uint32_t *out);
enum status store_phases_get(struct txn *t, struct phase_list *out);
enum status store_phases_put(struct txn *t, const struct phase_list *l);
enum status store_settings_get(struct txn *t, struct settings *out);
enum status store_settings_put(struct txn *t, const struct settings *s);
/* A monotonically increasing change counter, bumped by every write txn that
 * changes something: a session polls it to see others' changes cheaply. */
enum status store_change_counter(struct txn *t, uint64_t *out);
/* The change counter of the last write that changed reference data (phases,
 * settings, topic fields, organisations, services: what catalog_load reads),
 * 0 when none was recorded: a session reloads its catalog only when it moved. */
enum status store_catalog_stamp(struct txn *t, uint64_t *out);

/* Iteration callbacks return 0 to go on, non-zero to stop (returned as STATUS_OK). */

/* Topic fields. */
enum status store_field_get(struct txn *t, uint16_t number, struct topic_field *out);
enum status store_field_put(struct txn *t, const struct topic_field *f);
enum status store_field_each(struct txn *t, int (*fn)(const struct topic_field *, void *), void *arg);

/* Organisations. */
enum status store_org_get(struct txn *t, const struct uuid *id, struct organisation *out);
enum status store_org_by_ags(struct txn *t, const char *ags, struct organisation *out);
enum status store_org_put(struct txn *t, struct organisation *o);   /* bumps version */
enum status store_org_each(struct txn *t, int (*fn)(const struct organisation *, void *), void *arg);
/* In key (UUID) order; fn may move the record's contents out of *o, leaving
 * it as organisation_init does (for a loader that keeps every record). With
 * an arena (model.h) the strings are decoded into it and fn takes the whole
 * record (it is not passed to organisation_fini after fn). */
enum status store_org_each_take(struct txn *t, const struct str_arena *arena,
				int (*fn)(struct organisation *, void *), void *arg);

/* Services. */
enum status store_service_get(struct txn *t, uint32_t ozg_id, struct service *out);
enum status store_service_put(struct txn *t, struct service *s);    /* bumps version */
/* field 0 = all fields */
enum status store_service_each(struct txn *t, uint16_t field,
			       int (*fn)(const struct service *, void *), void *arg);
/* All services in key (OZG id) order; fn may move the record's contents out
 * of *s, leaving it as service_init does; an arena as for organisations. */
enum status store_service_each_take(struct txn *t, const struct str_arena *arena,
				    int (*fn)(struct service *, void *), void *arg);

/* Projects. */
enum status store_project_get(struct txn *t, const struct uuid *id, struct project *out);
/* The same decoded into s (model.h: project_scratch), borrowed: for reading
 * many projects without an allocation per field. STATUS_NOT_FOUND without a
 * message. */
enum status store_project_view(struct txn *t, const struct uuid *id, struct project_scratch *s,
			       struct project *out);
enum status store_project_by_number(struct txn *t, uint32_t number, struct project *out);
/* Finds the one project whose UUID starts with the hex prefix (dashes ignored,
 * at least 4 hex digits): STATUS_NOT_FOUND, or STATUS_DATA when ambiguous. */
enum status store_project_by_uuid_prefix(struct txn *t, const char *hex, struct project *out);
/* Creates p: assigns a new UUID (unless set), the next number (unless set),
 * created/updated/by and version 1; keeps every index. */
enum status store_project_create(struct txn *t, struct project *p);
/* Writes a changed project. expected_version must equal the stored version,
 * else STATUS_CONFLICT; on success p->version, updated and updated_by are set. */
enum status store_project_update(struct txn *t, struct project *p, uint32_t expected_version);
/* The projects of one phase, and of one topic field unless field is 0, in
 * number order, decoded from their copies (schema 6: project_copies, where a
 * phase's records lie together, by field and number) into one scratch and
 * borrowed for the call, as store_project_view does, without the fields in
 * skip (model.h: project_scratch.skip; 0: all fields). fn must not write in t. */
enum status store_project_each_in_phase(struct txn *t, uint8_t phase, uint16_t field, uint32_t skip,
					int (*fn)(const struct project *, void *), void *arg);
/* For a write transaction that writes many projects (an import into an
 * empty database): the projects' copies are not written one by one (in the
 * order of the writes, which leaves their leaves half full) but all anew, in
 * key order, by store_project_copies_finish, which the transaction must call
 * after its last project write and before it commits (until then the copies
 * are stale: nothing in between may read them). */
void store_project_copies_defer(struct txn *t);
/* Likewise for the indexes and versions (an import into an empty database):
 * the puts into versions, version_by_revision and the project, outcome and
 * history indexes are held back in memory and written at the end, sorted,
 * with MDB_APPEND (full pages, fewer dirty pages, a smaller file). Nothing
 * reads stale: a read, delete or drop of a held-back sub-db writes its
 * entries first. store_defer_finish writes what is left (store_write calls
 * it before the commit); a held-back version's record is read from its
 * record's sub-db then, so each versioned put writes its record first. */
void store_defer_begin(struct txn *t);
enum status store_defer_finish(struct txn *t);
enum status store_project_copies_finish(struct txn *t);
/* Iterates all projects in number order. */
enum status store_project_each(struct txn *t, int (*fn)(const struct project *, void *), void *arg);
/* Iterates the projects with a UUID >= from (NULL: all) in UUID order, the
 * order they are stored in: a long scan can stop and resume after the last
 * UUID it saw (check.c does so in steps). */
enum status store_project_each_from(struct txn *t, const struct uuid *from,
				    int (*fn)(const struct project *, void *), void *arg);
/* Every project's number and UUID in number order, from the number index
 * (no record is read). */
enum status store_project_numbers(struct txn *t, int (*fn)(uint32_t number, const struct uuid *id, void *),
				  void *arg);
/* The same from the first number >= from on (a walk resumed in steps). */
enum status store_project_numbers_from(struct txn *t, uint32_t from,
				       int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg);
/* Index scans: projects in a phase, in a field, with an organisation (any role or
 * interest), or with a service. They yield UUIDs only (cheap); in a phase and
 * in a field in number order, the others in UUID order. */
enum status store_project_ids_in_phase(struct txn *t, uint8_t phase,
				       int (*fn)(const struct uuid *, void *), void *arg);
enum status store_project_ids_in_field(struct txn *t, uint16_t field,
				       int (*fn)(const struct uuid *, void *), void *arg);
/* The projects in a phase or in a field, number and UUID, in number order,
 * from the index alone (schema 4). */
enum status store_project_keys_in_phase(struct txn *t, uint8_t phase,
					int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg);
/* store_project_keys_in_phase from the first number >= from on. */
enum status store_project_keys_in_phase_from(struct txn *t, uint8_t phase, uint32_t from,
					     int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg);
enum status store_project_keys_in_field(struct txn *t, uint16_t field,
					int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg);
/* store_project_keys_in_field from the first number >= from on. */
enum status store_project_keys_in_field_from(struct txn *t, uint16_t field, uint32_t from,
					     int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg);
/* The projects in a phase and a field, number and UUID, in number order from
 * the first number >= from on, from the keys of their copies (schema 6:
 * project_copies, keyed phase, field, number, UUID; no record is read). */
enum status store_project_keys_in_phase_field_from(struct txn *t, uint8_t phase, uint16_t field, uint32_t from,
						   int (*fn)(uint32_t number, const struct uuid *id, void *),
						   void *arg);
enum status store_project_ids_with_org(struct txn *t, const struct uuid *org,
				       int (*fn)(const struct uuid *, enum role role, void *), void *arg);
enum status store_project_ids_with_service(struct txn *t, uint32_t ozg_id,
					   int (*fn)(const struct uuid *, void *), void *arg);
/* Project counts per (phase, field), kept current at write time. counts is
 * indexed [phase id][field number] and has 256 x 256 entries. */
enum status store_project_counts(struct txn *t, uint32_t (*counts)[256]);
enum status store_project_count(struct txn *t, size_t *out);

/* Workshops and outcomes. */
enum status store_workshop_get(struct txn *t, const struct uuid *id, struct workshop *out);
enum status store_workshop_put(struct txn *t, struct workshop *w);   /* bumps version */
enum status store_workshop_each(struct txn *t, int (*fn)(const struct workshop *, void *), void *arg);
enum status store_outcome_get(struct txn *t, const struct uuid *id, struct outcome *out);
enum status store_outcome_put(struct txn *t, struct outcome *o);     /* bumps version */
enum status store_outcome_each(struct txn *t, int (*fn)(const struct outcome *, void *), void *arg);
/* Outcomes with a UUID >= from (NULL: all), in UUID order (resumable like
 * store_project_each_from). */
enum status store_outcome_each_from(struct txn *t, const struct uuid *from,
				    int (*fn)(const struct outcome *, void *), void *arg);
/* Outcomes linked to a project. */
enum status store_outcome_each_for_project(struct txn *t, const struct uuid *project,
					   int (*fn)(const struct outcome *, void *), void *arg);

/* History. store_history_add assigns seq, time and user (the real Unix user). */
enum status store_history_add(struct txn *t, struct history_entry *e);
/* Newest first; limit 0 = all. */
enum status store_history_each(struct txn *t, size_t limit,
			       int (*fn)(const struct history_entry *, void *), void *arg);
/* Oldest first, all (the JSON export). */
enum status store_history_each_oldest(struct txn *t, int (*fn)(const struct history_entry *, void *),
				      void *arg);
/* Newest first, only entries about one entity. */
enum status store_history_each_for(struct txn *t, const struct uuid *entity,
				   int (*fn)(const struct history_entry *, void *), void *arg);
/* Writes an entry exactly as given (seq, time, user kept): import of a full document only. */
enum status store_history_restore(struct txn *t, const struct history_entry *e);

/* Checks every index against its records and every record's decoding; problems
 * are appended to report, one line each. STATUS_CORRUPT when any. */
enum status store_verify(struct store *s, struct buf *report);

/* Verbatim writes for restoring a full document (import into an empty database):
 * versions, numbers, timestamps and authors are kept as given; indexes are kept
 * in step; the project number counter is raised past any restored number. */
enum status store_project_restore(struct txn *t, const struct project *p);
enum status store_org_restore(struct txn *t, const struct organisation *o);
enum status store_service_restore(struct txn *t, const struct service *s);
enum status store_field_restore(struct txn *t, const struct topic_field *f);
enum status store_workshop_restore(struct txn *t, const struct workshop *w);
enum status store_outcome_restore(struct txn *t, const struct outcome *o);

/* Revisions and snapshots. Every write transaction that changes something
 * gets the next revision (the change counter). Each write of a project,
 * outcome or service also keeps that version under its revision, so the state
 * as of any past revision can be read back. */
/* The current revision (= store_change_counter). */
enum status store_revision(struct txn *t, uint64_t *out);
/* Projects as they were at a revision (in number order): the latest version
 * of each project written at or before it; projects created later are absent. */
enum status store_project_each_at(struct txn *t, uint64_t revision,
				  int (*fn)(const struct project *, void *), void *arg);
enum status store_outcome_each_at(struct txn *t, uint64_t revision,
				  int (*fn)(const struct outcome *, void *), void *arg);
/* Services as they were at a revision (their delivering categories then). */
enum status store_service_each_at(struct txn *t, uint64_t revision,
				  int (*fn)(const struct service *, void *), void *arg);
/* The project, outcome or service versions written after revision `after`
 * (and at or before `upto`; UINT64_MAX = no bound), in revision order, from
 * the revision index: what a diff between two revisions has to look at. */
enum store_version_kind { STORE_VERSION_PROJECT = 'p', STORE_VERSION_OUTCOME = 'o', STORE_VERSION_SERVICE = 's' };
struct store_version_ref {
	uint64_t revision;
	enum store_version_kind kind;
	struct uuid id;     /* project, outcome */
	uint32_t ozg_id;    /* service */
};
enum status store_versions_between(struct txn *t, uint64_t after, uint64_t upto,
				   int (*fn)(const struct store_version_ref *, void *), void *arg);
/* One record as it was at revision (UINT64_MAX: the current record): the
 * latest version written at or before it. STATUS_NOT_FOUND (not sticky, no
 * message) when it did not exist then; out is the caller's. */
enum status store_project_at(struct txn *t, const struct uuid *id, uint64_t revision, struct project *out);
enum status store_outcome_at(struct txn *t, const struct uuid *id, uint64_t revision, struct outcome *out);
enum status store_service_at(struct txn *t, uint32_t ozg_id, uint64_t revision, struct service *out);
/* Saves a snapshot of the state as of now (the revision this write txn
 * produces, i.e. including changes made earlier in the same txn). A name in use
 * is STATUS_DATA. created/user/revision are filled in. */
enum status store_snapshot_save(struct txn *t, struct snapshot *s);
enum status store_snapshot_get(struct txn *t, const char *name, struct snapshot *out);
/* Oldest first (by revision, then name). */
enum status store_snapshot_each(struct txn *t, int (*fn)(const struct snapshot *, void *), void *arg);
enum status store_snapshot_delete(struct txn *t, const char *name);

/* Safety copies (src/store_backup.c). store_backup writes a consistent,
 * compacted copy of the environment (LMDB's mdb_env_copy2 with MDB_CP_COMPACT,
 * read in one read transaction, so others keep writing meanwhile) as
 * dest/data.mdb. dest must be a new directory (created 0700; its parent must
 * exist) or an empty one: else STATUS_CANT_WRITE, and nothing is left behind
 * on failure. */
enum status store_backup(struct store *s, const char *dest);
/* Copies the data file of a backup (src/data.mdb) into dest, a new or empty
 * directory (created 0700), flushed to disk. STATUS_NOT_FOUND without
 * src/data.mdb, STATUS_DATA when it is no LMDB file, STATUS_CANT_WRITE when
 * dest is not empty or cannot be written. The caller opens the result
 * (store_open migrates an older schema) and runs store_verify. */
enum status store_restore_copy(const char *src, const char *dest);

/* True when no project, workshop, outcome or history exists (import target). */
enum status store_is_empty(struct txn *t, bool *empty);

/* The pages of the database map this process has touched are given back
 * (src/store_map.c): they stay in the page cache and are read again on the
 * next touch. Long read passes (every project, a whole index) call it every
 * few thousand records so that the resident set does not grow with the
 * database. Harmless inside any transaction; a no-op where unsupported. */
void store_map_release(struct txn *t);

#endif
