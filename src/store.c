/* store.c - the LMDB store.
 *
 * One environment directory (data.mdb, lock.mdb; directory 0700, files 0600)
 * with these named sub-databases. Integers in keys are big-endian so that
 * cursor order is numeric order; UUIDs are 16 raw bytes; values are records
 * of codec.h (a format version byte and tagged fields) unless noted.
 *
 *   meta                "schema"   -> u32 schema version
 *                       "phases"   -> phase_list record
 *                       "settings" -> settings record
 *                       "changes"  -> u64 change counter, bumped by every
 *                                     write transaction that changed something
 *                       "catalog"  -> u64 the change counter of the last write
 *                                     of reference data (phases, settings,
 *                                     fields, organisations, services)
 *   fields              u16 number                 -> topic_field
 *   orgs                uuid                       -> organisation
 *   org_by_ags          AGS text                   -> uuid
 *   services            u32 OZG id                 -> service
 *   projects            uuid                       -> project
 *   project_by_number   u32 number                 -> uuid
 *   project_by_phase    u8 phase, u32 number, uuid -> (empty)      (schema 4)
 *   project_by_field    u16 field, u32 number, uuid -> (empty)     (schema 4)
 *   project_by_org      org uuid, project uuid     -> u8 role (0 = interest only)
 *   project_by_service  u32 OZG id, uuid           -> (empty)
 *   project_counts      u8 phase, u16 field        -> u32 count     (schema 2)
 *   workshops           uuid                       -> workshop
 *   outcomes            uuid                       -> outcome
 *   outcome_by_project  project uuid, outcome uuid -> (empty)
 *   history             u64 seq                    -> history_entry
 *   history_by_entity   uuid, u64 seq              -> (empty)
 *   versions            u8 kind, 16-byte key, u64 revision -> record    (schema 3)
 *                       every project ('p', UUID), outcome ('o', UUID) and
 *                       service ('s', u32 OZG id + 12 zero bytes) as written
 *                       by the write transaction of that revision
 *   snapshots           name                       -> snapshot          (schema 3)
 *   version_by_revision u64 revision, u8 kind, 16-byte key -> (empty)  (schema 5)
 *                       one entry per version: what a revision wrote, so
 *                       a diff between two revisions reads only what
 *                       changed between them
 *   project_copies      u8 phase, u16 field, u32 number, uuid -> project (schema 6)
 *                       a copy of every project record, byte for byte: the
 *                       projects of one phase (and field) lie together, so
 *                       a listing of one phase reads a few neighbouring
 *                       pages instead of one scattered page per project
 *                       (projects is keyed by UUID)
 *
 * A revision is the change counter a write transaction produces. A snapshot
 * stores only its revision; the state it names is the latest version of each
 * record at or before it, so snapshots cost nothing to take and cannot be edited.
 *
 * Every index entry is derived from its record: store_verify recomputes them
 * all and compares both ways. New project numbers and history sequence numbers
 * are one past the last key, so they are never reused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "store_internal.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/i18n.h"

#define STORE_DEFAULT_MAP (16u << 20)
#define STORE_MAX_RETRIES 40

const char *const store_dbi_names[DB__COUNT] = {
	"meta", "fields", "orgs", "org_by_ags", "services", "projects",
	"project_by_number", "project_by_phase", "project_by_field", "project_by_org",
	"project_by_service", "project_counts", "workshops", "outcomes",
	"outcome_by_project", "history", "history_by_entity", "versions", "snapshots",
	"version_by_revision", "project_copies",
};

static size_t initial_map_size = STORE_DEFAULT_MAP;

void store_set_initial_map_size(size_t bytes)
{
	initial_map_size = bytes;
}

/* Less than 1 MiB left for us on the file system of dir. */
static bool disk_nearly_full(const char *dir)
{
	struct statvfs sv;
	return statvfs(dir, &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize < (1u << 20);
}

/* The file size limit (RLIMIT_FSIZE, ulimit -f) of this process in bytes;
 * false when there is none. */
static bool file_limit(uint64_t *bytes)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return false;
	*bytes = (uint64_t)rl.rlim_cur;
	return true;
}

/* data.mdb reached the file size limit (RLIMIT_FSIZE) of this process: a
 * write that crosses the limit writes what fits below it, so after a short
 * write the file ends exactly at the limit. A file below it did not fail
 * for the limit. */
static bool file_limit_reached(const char *dir)
{
	uint64_t limit;
	struct stat sb;
	if (!file_limit(&limit))
		return false;
	char *data = xasprintf("%s/data.mdb", dir);
	bool at = stat(data, &sb) == 0 && (uint64_t)sb.st_size >= limit;
	free(data);
	return at;
}

/* The one place where LMDB's error codes become statuses. */
enum status store_map_error(struct txn *t, int rc, const char *what)
{
	switch (rc) {
	case MDB_SUCCESS:
		return STATUS_OK;
	case MDB_NOTFOUND:
		return status_fail(STATUS_NOT_FOUND, _("%s: not found"), what);
	case MDB_MAP_FULL:
		if (t)
			t->map_full = true;
		return status_fail(STATUS_CANT_WRITE, _("%s: database map full"), what);
	case MDB_MAP_RESIZED:
		return status_fail(STATUS_BUSY, _("%s: the database grew in another process"), what);
	case MDB_READERS_FULL:
		return status_fail(STATUS_BUSY, _("%s: too many readers"), what);
	case MDB_CORRUPTED:
	case MDB_PAGE_NOTFOUND:
	case MDB_INVALID:
		return status_fail(STATUS_CORRUPT, "%s: %s", what, mdb_strerror(rc));
	case MDB_VERSION_MISMATCH:
		return status_fail(STATUS_NEWER, "%s: %s", what, mdb_strerror(rc));
	case EACCES:
	case EROFS:
	case EPERM:
		return status_fail(STATUS_PERM, "%s: %s", what, strerror(rc));
	case ENOSPC:
	case EDQUOT:
		return status_fail(STATUS_CANT_WRITE,
				   _("%s: %s: the disk holding the database is full or its size limit is "
				     "reached; nothing of this change was saved (free space, then retry)"),
				   t ? t->s->dir : what, strerror(rc));
	case EFBIG: {
		/* write(2): the file size limit of the process or the largest file
		 * the file system can hold; without a limit it is the latter */
		uint64_t limit;
		if (file_limit(&limit))
			return status_fail(STATUS_CANT_WRITE,
					   _("%s: %s: the database file has reached the file size limit of "
					     "this process (RLIMIT_FSIZE, %llu KiB); nothing of this change "
					     "was saved (raise the limit, e.g. with 'ulimit -f unlimited' in "
					     "the shell that starts ozgtui, then retry)"),
					   t ? t->s->dir : what, strerror(rc),
					   (unsigned long long)(limit >> 10));
		return status_fail(STATUS_CANT_WRITE,
				   _("%s: %s: the database file has reached the largest file size its "
				     "file system allows; nothing of this change was saved (move the "
				     "database to another file system)"),
				   t ? t->s->dir : what, strerror(rc));
	}
	case ENOENT:
		return status_fail(STATUS_NOT_FOUND, "%s: %s", what, strerror(rc));
	case ENOMEM:
		return status_fail(STATUS_INTERNAL, _("%s: out of memory"), what);
	case EAGAIN:
	case EBUSY:
		return status_fail(STATUS_BUSY, "%s: %s", what, strerror(rc));
	case EIO:
		/* LMDB reports a short write as EIO. One cut short at our file
		 * size limit (ulimit -f) leaves data.mdb ending at the limit. */
		if (t && file_limit_reached(t->s->dir))
			return store_map_error(t, EFBIG, what);
		/* A disk that fills up in the middle of a write cuts it short too,
		 * but EIO is all LMDB says: report the I/O error and name the
		 * nearly full disk as its likely cause. The status stays the full
		 * disk's (73): making room is what helps. */
		if (t && disk_nearly_full(t->s->dir))
			return status_fail(STATUS_CANT_WRITE,
					   _("%s: %s: the database could not be written; nothing of this "
					     "change was saved (the disk holding it has less than 1 MiB free, which "
					     "is the likely cause: free space, then retry)"),
					   t->s->dir, strerror(rc));
		return status_fail(STATUS_IO, _("%s: %s: the database could not be written; nothing of this "
					       "change was saved"), t ? t->s->dir : what, strerror(rc));
	default:
		if (rc > 0)
			return status_fail(STATUS_IO, "%s: %s", what, strerror(rc));
		return status_fail(STATUS_INTERNAL, "%s: %s", what, mdb_strerror(rc));
	}
}

/* ---- environment ---- */

char *store_default_dir(const char *dir)
{
	if (dir && *dir)
		return xstrdup(dir);
	const char *env = getenv("OZGTUI_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/ozgtui/db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/ozgtui/db", home && *home ? home : ".");
}

/* mkdir -p with mode for the last component and 0700 for missing parents. */
static enum status make_dirs(const char *dir)
{
	char *path = xstrdup(dir);
	enum status st = STATUS_OK;
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			st = status_fail(errno == EACCES ? STATUS_PERM : STATUS_CANT_WRITE,
					 "cannot create %s: %s", path, strerror(errno));
			goto out;
		}
		*p = '/';
	}
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		st = status_fail(errno == EACCES ? STATUS_PERM : STATUS_CANT_WRITE,
				 "cannot create %s: %s", path, strerror(errno));
out:
	free(path);
	return st;
}

static enum status txn_begin(struct store *s, bool write, struct txn *t);
static void txn_abort(struct txn *t);
static enum status txn_commit(struct txn *t);

/* The schema version of an ozgtui database older than ours (0 when it is
 * not one, or not older), read without the named databases that an older
 * schema lacks: only meta, which every schema has. */
static uint32_t older_schema(struct store *s)
{
	MDB_txn *txn;
	MDB_dbi meta;
	uint32_t version = 0;
	if (mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn))
		return 0;
	MDB_val k = {6, "schema"}, v;
	if (!mdb_dbi_open(txn, "meta", 0, &meta) && !mdb_get(txn, meta, &k, &v) && v.mv_size == 4)
		version = get32(v.mv_data);
	mdb_txn_abort(txn);
	return version < STORE_SCHEMA_VERSION ? version : 0;
}

/* Opens every named database. When they all exist (any database written by
 * this version) a read-only transaction does, so opening a database neither
 * waits for nor blocks a writer; a new or older database, where some are
 * missing, creates them in a write transaction. */
static enum status open_dbis_in(struct store *s, bool write, bool *missing)
{
	MDB_txn *txn;
	*missing = false;
	int rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	if (rc == MDB_MAP_RESIZED) {
		mdb_env_set_mapsize(s->env, 0);
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	}
	if (rc)
		return store_map_error(NULL, rc, s->dir);
	for (int i = 0; i < DB__COUNT; i++) {
		rc = mdb_dbi_open(txn, store_dbi_names[i], write ? MDB_CREATE : 0, &s->dbi[i]);
		if (rc == MDB_NOTFOUND && !write) {
			mdb_txn_abort(txn);
			*missing = true;
			if (s->readonly && i > DB_META && older_schema(s))
				return status_fail(STATUS_PERM,
						   _("%s: schema version %u needs an upgrade to %u; open it once without --readonly"),
						   s->dir, older_schema(s), STORE_SCHEMA_VERSION);
			if (s->readonly)
				return status_fail(STATUS_NOT_FOUND, _("%s: not an ozgtui database (no '%s')"),
						   s->dir, store_dbi_names[i]);
			return STATUS_OK;
		}
		if (rc) {
			mdb_txn_abort(txn);
			return store_map_error(NULL, rc, s->dir);
		}
	}
	rc = mdb_txn_commit(txn);
	if (rc)
		return store_map_error(NULL, rc, s->dir);
	s->dbi_open = true;
	return STATUS_OK;
}

static enum status open_dbis(struct store *s)
{
	bool missing;
	enum status st = open_dbis_in(s, false, &missing);
	if (st == STATUS_OK && missing)
		st = open_dbis_in(s, true, &missing);
	return st;
}


static enum status grow_map(struct store *s);

static enum status check_schema(struct store *s)
{
	struct txn t;
	enum status st = txn_begin(s, false, &t);
	if (st)
		return st;
	uint32_t version = 0;
	bool found = false;
	st = store_meta_get_u32(&t, "schema", &version, &found);
	txn_abort(&t);
	if (st)
		return st;
	if (!found)
		return STATUS_OK;   /* new or empty: the schema is written by the first write */
	if (version > STORE_SCHEMA_VERSION)
		return status_fail(STATUS_NEWER,
				   _("%s: schema version %u is newer than this ozgtui understands (%u); "
				   "upgrade ozgtui"), s->dir, version, STORE_SCHEMA_VERSION);
	if (version == STORE_SCHEMA_VERSION)
		return STATUS_OK;
	if (s->readonly)
		return status_fail(STATUS_PERM,
				   _("%s: schema version %u needs an upgrade to %u; open it once without --readonly"),
				   s->dir, version, STORE_SCHEMA_VERSION);
	/* One write transaction; when the map is full, grown and run again. */
	for (int attempt = 0; attempt < STORE_MAX_RETRIES; attempt++) {
		st = txn_begin(s, true, &t);
		if (st)
			return st;
		st = store_migrate(&t, version);
		if (!st)
			st = txn_commit(&t);
		else
			txn_abort(&t);
		if (!t.map_full)
			return st;
		status_clear();
		if ((st = grow_map(s)))
			return st;
	}
	return status_fail(STATUS_CANT_WRITE, _("%s: the write does not fit even after growing the map"), s->dir);
}

static enum status check_file_size(struct store *s)
{
	MDB_envinfo info;
	MDB_stat ms;
	struct stat sb;
	char *data = xasprintf("%s/data.mdb", s->dir);
	enum status st = STATUS_OK;
	if (mdb_env_info(s->env, &info) == 0 && mdb_env_stat(s->env, &ms) == 0 && stat(data, &sb) == 0 &&
	    (uint64_t)sb.st_size < ((uint64_t)info.me_last_pgno + 1) * ms.ms_psize)
		st = status_fail(STATUS_CORRUPT,
				 _("%s is damaged: it holds %lld bytes but its pages reach %llu; "
				 "restore it from a backup (ozgtui restore)"),
				 data, (long long)sb.st_size,
				 (unsigned long long)(info.me_last_pgno + 1) * ms.ms_psize);
	free(data);
	return st;
}

enum status store_open(const char *dir, unsigned flags, struct store **out)
{
	*out = NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->readonly = (flags & STORE_READONLY) != 0;
	enum status st = STATUS_OK;
	struct stat sb;
	int rc;

	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE) || s->readonly) {
			st = status_fail(STATUS_NOT_FOUND, _("no database at %s"), dir);
			goto out;
		}
		if ((st = make_dirs(dir)))
			goto out;
	} else if (!S_ISDIR(sb.st_mode)) {
		st = status_fail(STATUS_DATA, _("%s is not a directory"), dir);
		goto out;
	}
	if (!(flags & STORE_CREATE)) {
		char *data = xasprintf("%s/data.mdb", dir);
		bool exists = access(data, F_OK) == 0;
		free(data);
		if (!exists) {
			st = status_fail(STATUS_NOT_FOUND, _("no database at %s"), dir);
			goto out;
		}
	}
	/* Others may not write it; a setgid directory is a shared database. */
	bool shared;
	if ((st = store_check_modes(dir, &shared)))
		goto out;
	/* Without write permission on the directory a writer cannot work. */
	if (!s->readonly && access(dir, W_OK) != 0) {
		st = status_fail(STATUS_PERM, _("%s is not writable by you; use --readonly to look"), dir);
		goto out;
	}

	if ((rc = mdb_env_create(&s->env))) {
		st = store_map_error(NULL, rc, dir);
		goto out;
	}
	mdb_env_set_maxdbs(s->env, DB__COUNT + 4);
	mdb_env_set_maxreaders(s->env, 254);
	mdb_env_set_mapsize(s->env, initial_map_size);
	rc = mdb_env_open(s->env, dir, (s->readonly ? MDB_RDONLY : 0) | MDB_NORDAHEAD, shared ? 0660 : 0600);
	if (rc) {
		st = store_map_error(NULL, rc, dir);
		if (rc == EACCES && !s->readonly)
			st = status_fail(STATUS_PERM, _("%s: no permission to write; use --readonly to look"), dir);
		else if (rc == EACCES)
			/* Readers register in lock.mdb: without write access to it
			 * LMDB cannot keep a writer from reusing the pages they read. */
			st = status_fail(STATUS_PERM,
					 _("%s: cannot read safely: its lock file lock.mdb is not writable by you "
					   "(readers register there); ask its admin for group access "
					   "(ozgtui init --shared GROUP) or read a copy (ozgtui backup)"), dir);
		goto out;
	}
	s->shared = shared;
	if (shared && !s->readonly)
		store_fix_shared_modes(dir);
	/* A data file shorter than the pages its meta page names would fault
	 * (SIGBUS) on first touch: refuse it with a message instead. */
	if ((st = check_file_size(s)))
		goto out;
	/* Clear reader slots left by processes that died (a dropped SSH session). */
	int dead = 0;
	mdb_reader_check(s->env, &dead);
	/* Adopt a map size grown by another process. */
	mdb_env_set_mapsize(s->env, 0);

	if ((st = open_dbis(s)))
		goto out;
	if ((st = check_schema(s)))
		goto out;
	*out = s;
	return STATUS_OK;
out:
	store_close(s);
	return st;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->env)
		mdb_env_close(s->env);
	free(s->dir);
	free(s);
}

const char *store_dir(const struct store *s)
{
	return s->dir;
}

bool store_readonly(const struct store *s)
{
	return s->readonly;
}

size_t store_map_size(struct store *s)
{
	MDB_envinfo info;
	if (s->broken)
		return 0;
	mdb_env_info(s->env, &info);
	return info.me_mapsize;
}

/* ---- transactions ---- */

static enum status txn_begin(struct store *s, bool write, struct txn *t)
{
	memset(t, 0, sizeof *t);
	t->s = s;
	t->write = write;
	/* OZGTUI_NOW fixes the clock for tests and private databases; on a shared
	 * database nobody may choose the time that history records. */
	t->now = s->shared ? clock_real() : clock_now();
	if (write && s->readonly)
		return status_fail(STATUS_PERM, _("%s: opened read-only"), s->dir);
	if (s->broken)
		return status_fail(STATUS_CANT_WRITE, _("%s: the database map could not be mapped again after "
						     "a failed growth; start ozgtui again"), s->dir);
	int rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
	if (rc == MDB_MAP_RESIZED) {
		mdb_env_set_mapsize(s->env, 0);
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
	}
	if (rc) {
		t->txn = NULL;
		return store_map_error(NULL, rc, s->dir);
	}
	return STATUS_OK;
}

static void txn_closed(struct txn *t)
{
	t->txn = NULL;
	if (t->s->open == t)
		t->s->open = NULL;
}

static void txn_abort(struct txn *t)
{
	store_defer_free(t);
	if (t->txn)
		mdb_txn_abort(t->txn);
	txn_closed(t);
}

static enum status txn_commit(struct txn *t)
{
	store_defer_free(t);
	int rc = mdb_txn_commit(t->txn);
	txn_closed(t);
	return rc ? store_map_error(t, rc, "commit") : STATUS_OK;
}

enum status store_read_begin(struct store *s, struct txn **out)
{
	struct txn *t = xmalloc(sizeof *t);
	enum status st = txn_begin(s, false, t);
	if (st) {
		free(t);
		*out = NULL;
		return st;
	}
	s->open = t;
	*out = t;
	return STATUS_OK;
}

void store_txn_end(struct txn *t)
{
	if (!t)
		return;
	txn_abort(t);
	free(t);
}

enum status store_txn_status(const struct txn *t)
{
	return t->st;
}

enum status store_txn_fail(struct txn *t, enum status st)
{
	if (!t->st)
		t->st = st;
	return t->st;
}

int64_t store_txn_now(const struct txn *t)
{
	return t->now;
}

struct store *store_txn_store(const struct txn *t)
{
	return t->s;
}

struct txn *store_open_txn(struct store *s)
{
	return s->open;
}


static enum status grow_map(struct store *s)
{
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	size_t next = info.me_mapsize * 2;
	if (next < info.me_mapsize)
		return status_fail(STATUS_CANT_WRITE, _("%s: database map cannot grow further"), s->dir);
	int rc = mdb_env_set_mapsize(s->env, next);
	/* LMDB unmapped the old map before it failed to map the new one, and
	 * maps again only an environment that has a map: this one is done. */
	if (rc)
		s->broken = true;
	if (rc)
		return status_fail(STATUS_CANT_WRITE,
				   _("%s: the database map is full and cannot grow to %zu MiB (%s); nothing "
				     "of this change was saved"), s->dir, next >> 20, rc > 0 ? strerror(rc) : mdb_strerror(rc));
	return STATUS_OK;
}

/* Before a big write: a map with room for at least bytes more than the data
 * file holds now, so that store_write does not run the whole callback again
 * for every doubling (an import of a large document). */
enum status store_map_reserve(struct store *s, size_t bytes)
{
	MDB_envinfo info;
	MDB_stat st;
	if (s->broken || s->readonly)
		return STATUS_OK;
	mdb_env_info(s->env, &info);
	mdb_env_stat(s->env, &st);
	size_t used = ((size_t)info.me_last_pgno + 1) * st.ms_psize;
	if (used + bytes <= info.me_mapsize || used + bytes < used)
		return STATUS_OK;
	size_t next = info.me_mapsize;
	while (next < used + bytes && next * 2 > next)
		next *= 2;
	int rc = mdb_env_set_mapsize(s->env, next);
	if (rc)
		s->broken = true;
	if (rc)
		return status_fail(STATUS_CANT_WRITE,
				   _("%s: the database map is full and cannot grow to %zu MiB (%s); nothing "
				     "of this change was saved"), s->dir, next >> 20, rc > 0 ? strerror(rc) : mdb_strerror(rc));
	return STATUS_OK;
}

static enum status bump_changes(struct txn *t);

/* A session opened before a newer ozgtui migrated the database would write
 * the old way (without the newer indexes): every write checks the schema
 * first, one lookup in meta. */
static enum status schema_still_ours(struct txn *t)
{
	uint32_t version;
	bool found;
	enum status st = store_meta_get_u32(t, "schema", &version, &found);
	if (st || !found || version <= STORE_SCHEMA_VERSION)
		return st;
	return status_fail(STATUS_NEWER,
			   _("%s: a newer ozgtui upgraded the database to schema version %u while this one "
			     "(%u) was running; nothing was saved: use the newer ozgtui"),
			   t->s->dir, version, STORE_SCHEMA_VERSION);
}

enum status store_write(struct store *s, store_write_fn fn, void *arg)
{
	for (int attempt = 0; attempt < STORE_MAX_RETRIES; attempt++) {
		status_attempt_next();   /* no status saved before is restored (status.h) */
		struct txn t;
		enum status st = txn_begin(s, true, &t);
		if (st)
			return st;
		s->open = &t;   /* until txn_commit or txn_abort */
		if ((st = schema_still_ours(&t))) {
			txn_abort(&t);
			return st;
		}
		st = store_role_run(&t, fn, arg);   /* the role check, then fn */
		if (!st)
			st = store_defer_finish(&t);   /* held-back puts, if fn left any */
		if (!st && t.changed)
			st = bump_changes(&t);
		if (!st) {
			st = txn_commit(&t);
			if (!st)
				return STATUS_OK;
		} else {
			txn_abort(&t);
		}
		if (!t.map_full)
			return store_role_done(s, st);   /* records a refusal */
		/* MDB_MAP_FULL: grow the map and run the whole write again. */
		status_clear();
		if ((st = grow_map(s)))
			return st;
	}
	return status_fail(STATUS_CANT_WRITE, _("%s: the write does not fit even after growing the map"),
			   s->dir);
}

/* Records the first failure; later calls see it (the sticky status). */
enum status store_fail(struct txn *t, enum status st)
{
	if (!t->st)
		t->st = st;
	return t->st;
}

/* ---- meta ---- */

enum status store_meta_get_u32(struct txn *t, const char *key, uint32_t *out, bool *found)
{
	MDB_val v;
	*found = false;
	enum status st = store_raw_get(t, DB_META, key, strlen(key), &v);
	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (st)
		return st;
	if (v.mv_size != 4)
		return store_fail(t, status_fail(STATUS_CORRUPT, _("meta: '%s' has a bad size"), key));
	*out = get32(v.mv_data);
	*found = true;
	return STATUS_OK;
}

enum status store_meta_put_u32(struct txn *t, const char *key, uint32_t value)
{
	uint8_t b[4];
	be32(b, value);
	return store_raw_put(t, DB_META, key, strlen(key), b, sizeof b);
}

static enum status ensure_schema(struct txn *t)
{
	uint32_t v;
	bool found;
	enum status st = store_meta_get_u32(t, "schema", &v, &found);
	if (st || found)
		return st;
	return store_meta_put_u32(t, "schema", STORE_SCHEMA_VERSION);
}

static enum status bump_changes(struct txn *t)
{
	MDB_val v;
	uint64_t n = 0;
	enum status st = store_raw_get(t, DB_META, "changes", 7, &v);
	if (st == STATUS_OK && v.mv_size == 8)
		n = get64(v.mv_data);
	else if (st != STATUS_NOT_FOUND && st)
		return st;
	if ((st = ensure_schema(t)))
		return st;
	uint8_t b[8];
	be64(b, n + 1);
	if (t->catalog_changed && (st = store_raw_put(t, DB_META, "catalog", 7, b, sizeof b)))
		return st;
	return store_raw_put(t, DB_META, "changes", 7, b, sizeof b);
}

enum status store_txn_revision(struct txn *t, uint64_t *out)
{
	if (!t->revision) {
		uint64_t counter = 0;
		enum status st = store_change_counter(t, &counter);
		if (st)
			return st;
		t->revision = counter + 1;
	}
	*out = t->revision;
	return STATUS_OK;
}

enum status store_revision(struct txn *t, uint64_t *out)
{
	return store_change_counter(t, out);
}

enum status store_version_put(struct txn *t, enum version_kind kind, const uint8_t key[16],
			      const void *data, size_t len)
{
	uint64_t rev;
	enum status st = store_txn_revision(t, &rev);
	if (st)
		return st;
	uint8_t k[STORE_VERSION_KEY];
	k[0] = (uint8_t)kind;
	memcpy(k + 1, key, 16);
	be64(k + 17, rev);
	if (store_deferred(t, DB_VERSIONS) && t->write) {
		(void)data;
		(void)len;
		store_defer_add(t, DB_VERSIONS, k, sizeof k, NULL, 0, true);
		return store_version_index(t, k);
	}
	if ((st = store_raw_put(t, DB_VERSIONS, k, sizeof k, data, len)))
		return st;
	return store_version_index(t, k);
}

enum status store_version_index(struct txn *t, const uint8_t version_key[STORE_VERSION_KEY])
{
	uint8_t k[STORE_VERSION_KEY];
	memcpy(k, version_key + 17, 8);
	memcpy(k + 8, version_key, 17);
	return store_raw_put(t, DB_VERSION_BY_REVISION, k, sizeof k, "", 0);
}

enum status store_version_at(struct txn *t, enum version_kind kind, const uint8_t key[16],
			     uint64_t revision, MDB_val *v)
{
	if (t->st)
		return t->st;
	uint8_t k[25];
	k[0] = (uint8_t)kind;
	memcpy(k + 1, key, 16);
	MDB_cursor *cur;
	if (store_deferred(t, DB_VERSIONS))
		store_defer_flush(t, DB_VERSIONS);
	int rc = mdb_cursor_open(t->txn, t->s->dbi[DB_VERSIONS], &cur);
	if (rc)
		return store_fail(t, store_map_error(t, rc, "versions"));
	MDB_val mk;
	/* Position on the first key after (kind, key, revision), then step back. */
	if (revision == UINT64_MAX) {
		memset(k + 17, 0xff, 8);
		mk = (MDB_val){sizeof k, k};
		rc = mdb_cursor_get(cur, &mk, v, MDB_SET_RANGE);
		if (!rc && mk.mv_size == sizeof k && memcmp(mk.mv_data, k, sizeof k) == 0)
			goto found;
	} else {
		be64(k + 17, revision + 1);
		mk = (MDB_val){sizeof k, k};
		rc = mdb_cursor_get(cur, &mk, v, MDB_SET_RANGE);
	}
	if (rc == MDB_NOTFOUND)
		rc = mdb_cursor_get(cur, &mk, v, MDB_LAST);
	else if (!rc)
		rc = mdb_cursor_get(cur, &mk, v, MDB_PREV);
	if (rc == MDB_NOTFOUND || (!rc && (mk.mv_size != sizeof k || memcmp(mk.mv_data, k, 17) != 0))) {
		mdb_cursor_close(cur);
		return STATUS_NOT_FOUND;
	}
	if (rc) {
		mdb_cursor_close(cur);
		return store_fail(t, store_map_error(t, rc, "versions"));
	}
found:
	mdb_cursor_close(cur);
	return STATUS_OK;
}

static enum status meta_u64(struct txn *t, const char *key, uint64_t *out)
{
	MDB_val v;
	*out = 0;
	enum status st = store_raw_get(t, DB_META, key, strlen(key), &v);
	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (st)
		return st;
	if (v.mv_size == 8)
		*out = get64(v.mv_data);
	return STATUS_OK;
}

enum status store_change_counter(struct txn *t, uint64_t *out)
{
	return meta_u64(t, "changes", out);
}

enum status store_catalog_stamp(struct txn *t, uint64_t *out)
{
	return meta_u64(t, "catalog", out);
}

enum status store_schema_version(struct txn *t, uint32_t *out)
{
	bool found;
	*out = 0;
	return store_meta_get_u32(t, "schema", out, &found);
}

enum status store_phases_get(struct txn *t, struct phase_list *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_META, "phases", 6, &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("the database is not initialised (no phases); run `ozgtui init`"));
	if (st)
		return st;
	phase_list_fini(out);
	if (phase_list_decode(out, v.mv_data, v.mv_size))
		return store_fail(t, status_fail(STATUS_CORRUPT, _("meta: the phase list cannot be read")));
	return STATUS_OK;
}

enum status store_phases_put(struct txn *t, const struct phase_list *l)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	struct buf b;
	buf_init(&b);
	phase_list_encode(l, &b);
	t->catalog_changed = true;
	enum status st = store_raw_put(t, DB_META, "phases", 6, b.data, b.len);
	buf_fini(&b);
	return st;
}

enum status store_settings_get(struct txn *t, struct settings *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_META, "settings", 8, &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("the database is not initialised (no settings)"));
	if (st)
		return st;
	DECODE(t, settings, out, v, "meta settings");
	return STATUS_OK;
}

enum status store_settings_put(struct txn *t, const struct settings *s)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	struct buf b;
	buf_init(&b);
	settings_encode(s, &b);
	t->catalog_changed = true;
	enum status st = store_raw_put(t, DB_META, "settings", 8, b.data, b.len);
	buf_fini(&b);
	return st;
}

bool store_initialised(struct store *s)
{
	struct txn t;
	if (txn_begin(s, false, &t))
		return false;
	MDB_val v;
	bool ok = store_raw_get(&t, DB_META, "phases", 6, &v) == STATUS_OK &&
		  store_raw_get(&t, DB_META, "settings", 8, &v) == STATUS_OK;
	txn_abort(&t);
	return ok;
}

