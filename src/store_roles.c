/* store_roles.c - roles per Unix user and the check every write passes
 * (include/ozgtui/store_roles.h has the rules).
 *
 * Layout: meta "role:USER" -> u8 role (1 viewer, 2 coordinator, 3 admin). No
 * sub-database and no schema change: an older ozgtui opens the database and
 * ignores the entries (it enforces nothing, which is why an upgrade of a
 * shared database replaces the binary for everyone at once: docs/admin-guide.md).
 *
 * The role is decided once per write transaction, when store_write begins it
 * (store_role_run), and kept for that transaction: the writes of reference
 * data that ask again (store_require) see the same answer even when the
 * transaction itself initialises the database.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_internal.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/i18n.h"

#define ROLE_PREFIX "role:"
#define ROLE_PREFIX_LEN 5
#define USER_MAX 64

static const char *const role_names[] = {
	[ACCESS_NONE] = "none",
	[ACCESS_VIEWER] = "viewer",
	[ACCESS_COORDINATOR] = "coordinator",
	[ACCESS_ADMIN] = "admin",
};

/* What a role may do, for the refusal message. */
static const char *const role_may[] = {
	[ACCESS_NONE] = N_("do nothing"),
	[ACCESS_VIEWER] = N_("read and export"),
	[ACCESS_COORDINATOR] = N_("change projects, teams, workshops and snapshots"),
	[ACCESS_ADMIN] = N_("change everything"),
};

static const char *action = NULL;

/* The write transaction store_write is running and the role decided for it. */
static const struct txn *current;
static enum access_role current_role;

/* A refusal to record once the refused transaction is gone. */
static struct {
	bool pending;
	enum access_role need, had;
} refusal;

/* Set while the refusal itself is written: that write needs no role. */
static bool recording;

const char *store_role_name(enum access_role r)
{
	return (unsigned)r < ARRAY_LEN(role_names) ? role_names[r] : "?";
}

bool store_role_parse(const char *s, enum access_role *out)
{
	for (size_t i = 0; i < ARRAY_LEN(role_names); i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum access_role)i;
			return true;
		}
	}
	return false;
}

const char *store_role_action(const char *s)
{
	const char *before = action;
	action = s;
	return before;
}

/* ---- entries ----------------------------------------------------------- */

static enum access_role decode_role(const MDB_val *v)
{
	/* Anything but a known role byte counts as the weakest role. */
	if (v->mv_size != 1)
		return ACCESS_VIEWER;
	uint8_t b = *(const uint8_t *)v->mv_data;
	return b >= ACCESS_VIEWER && b <= ACCESS_ADMIN ? (enum access_role)b : ACCESS_VIEWER;
}

static bool user_ok(const char *user)
{
	size_t n = strlen(user);
	if (n == 0 || n > USER_MAX)
		return false;
	for (const unsigned char *p = (const unsigned char *)user; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == ':' || *p == '/')
			return false;
	return true;
}

static enum status entry_get(struct txn *t, const char *user, enum access_role *out, bool *found)
{
	char key[ROLE_PREFIX_LEN + USER_MAX + 1];
	*found = false;
	*out = ACCESS_NONE;
	if (!user_ok(user))
		return STATUS_OK;
	int n = snprintf(key, sizeof key, ROLE_PREFIX "%s", user);
	MDB_val v;
	enum status st = store_raw_get(t, DB_META, key, (size_t)n, &v);
	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (st)
		return st;
	*found = true;
	*out = decode_role(&v);
	return STATUS_OK;
}

struct each_ctx {
	int (*fn)(const char *user, enum access_role r, void *arg);
	void *arg;
	size_t n;
	size_t admins;
};

static int each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct each_ctx *c = arg;
	char user[USER_MAX + 1];
	size_t n = k->mv_size - ROLE_PREFIX_LEN;
	if (n == 0 || n > USER_MAX)
		return 0;
	memcpy(user, (const char *)k->mv_data + ROLE_PREFIX_LEN, n);
	user[n] = '\0';
	enum access_role r = decode_role(v);
	c->n++;
	if (r == ACCESS_ADMIN)
		c->admins++;
	return c->fn ? c->fn(user, r, c->arg) : 0;
}

enum status store_role_each(struct txn *t, int (*fn)(const char *user, enum access_role r, void *arg),
			    void *arg)
{
	struct each_ctx c = {fn, arg, 0, 0};
	return store_raw_each(t, DB_META, ROLE_PREFIX, ROLE_PREFIX_LEN, false, each_cb, &c);
}

static enum status count_entries(struct txn *t, size_t *n, size_t *admins)
{
	struct each_ctx c = {NULL, NULL, 0, 0};
	enum status st = store_raw_each(t, DB_META, ROLE_PREFIX, ROLE_PREFIX_LEN, false, each_cb, &c);
	*n = c.n;
	if (admins)
		*admins = c.admins;
	return st;
}

static bool initialised(struct txn *t)
{
	MDB_val v;
	return store_raw_get(t, DB_META, "phases", 6, &v) == STATUS_OK;
}

/* The default of a user without an entry (see store_roles.h). */
static enum status default_role(struct txn *t, enum access_role *out)
{
	size_t n;
	enum status st = count_entries(t, &n, NULL);
	if (st)
		return st;
	if (getuid() == 0 || (n == 0 && !initialised(t))) {
		*out = ACCESS_ADMIN;
		return STATUS_OK;
	}
	const char *dir = store_dir(t->s);
	struct stat sb;
	char *data = xasprintf("%s/data.mdb", dir);
	bool owner = stat(data, &sb) == 0 && sb.st_uid == getuid();
	free(data);
	if (n == 0 && owner) {
		*out = ACCESS_ADMIN;
		return STATUS_OK;
	}
	bool shared = stat(dir, &sb) == 0 && (sb.st_mode & (S_ISGID | S_IWGRP));
	*out = shared ? ACCESS_VIEWER : ACCESS_COORDINATOR;
	return STATUS_OK;
}

enum status store_role_of(struct txn *t, const char *user, enum access_role *out, bool *explicit_entry)
{
	bool found;
	enum status st = entry_get(t, user, out, &found);
	if (explicit_entry)
		*explicit_entry = found;
	if (st || found)
		return st;
	if (strcmp(user, user_name()) != 0) {
		/* Another user's default: as they would see it, root aside. */
		size_t n;
		if ((st = count_entries(t, &n, NULL)))
			return st;
		struct stat sb;
		bool shared = stat(store_dir(t->s), &sb) == 0 && (sb.st_mode & (S_ISGID | S_IWGRP));
		*out = shared ? ACCESS_VIEWER : ACCESS_COORDINATOR;
		if (strcmp(user, "root") == 0)
			*out = ACCESS_ADMIN;
		return STATUS_OK;
	}
	return default_role(t, out);
}

static enum status history_access(struct txn *t, const char *act, const char *summary)
{
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("access");
	e.action = xstrdup(act);
	e.summary = xstrdup(summary);
	enum status st = store_history_add(t, &e);
	history_entry_fini(&e);
	return st;
}

enum status store_role_set(struct txn *t, const char *user, enum access_role r)
{
	enum status st = store_require(t, ACCESS_ADMIN);
	if (st)
		return st;
	if (!user_ok(user))
		return store_fail(t, status_fail(STATUS_USAGE, _("'%s' is not a user name"), user));
	enum access_role old;
	bool found;
	if ((st = store_role_of(t, user, &old, &found)))
		return st;
	char key[ROLE_PREFIX_LEN + USER_MAX + 1];
	int n = snprintf(key, sizeof key, ROLE_PREFIX "%s", user);
	/* The first entry of a database whose admin held the role by default
	 * (databases from before roles): keep that admin as an entry too. */
	enum access_role mine;
	bool mine_found;
	if ((st = entry_get(t, user_name(), &mine, &mine_found)))
		return st;
	if (!mine_found && strcmp(user, user_name()) != 0) {
		char mkey[ROLE_PREFIX_LEN + USER_MAX + 1];
		int m = snprintf(mkey, sizeof mkey, ROLE_PREFIX "%s", user_name());
		uint8_t a = ACCESS_ADMIN;
		if (user_ok(user_name()) && (st = store_raw_put(t, DB_META, mkey, (size_t)m, &a, 1)))
			return st;
	}
	if (r == ACCESS_NONE) {
		if (!found)
			return STATUS_OK;
		st = store_raw_del(t, DB_META, key, (size_t)n);
	} else {
		if (found && old == r)
			return STATUS_OK;
		uint8_t b = (uint8_t)r;
		st = store_raw_put(t, DB_META, key, (size_t)n, &b, 1);
	}
	if (st)
		return st;
	size_t entries, admins;
	if ((st = count_entries(t, &entries, &admins)))
		return st;
	if (admins == 0)
		return store_fail(t, status_fail(STATUS_RULE,
						 _("%s is the last admin; make someone else admin first"), user));
	char *summary = xasprintf("%s: %s → %s", user, found ? store_role_name(old) : "(default)",
				  r == ACCESS_NONE ? "(default)" : store_role_name(r));
	st = history_access(t, "role", summary);
	free(summary);
	return st;
}

/* ---- the check --------------------------------------------------------- */

enum status store_require(struct txn *t, enum access_role need)
{
	if (recording || t->st)
		return t->st;
	enum access_role have;
	enum status st;
	if (t == current) {
		have = current_role;
	} else if ((st = store_role_of(t, user_name(), &have, NULL))) {
		return st;
	}
	if (have >= need)
		return STATUS_OK;
	refusal.pending = true;
	refusal.need = need;
	refusal.had = have;
	return store_fail(t, status_fail(STATUS_PERM,
					 _("%s holds the role %s and may only %s; this needs the role %s "
					 "(ask an admin: ozgtui role list)"),
					 user_name(), store_role_name(have), _(role_may[have]), store_role_name(need)));
}

enum status store_role_run(struct txn *t, store_write_fn fn, void *arg)
{
	if (recording)
		return fn(t, arg);
	bool was_initialised = initialised(t);
	enum status st = store_role_of(t, user_name(), &current_role, NULL);
	if (st)
		return st;
	current = t;
	st = store_require(t, ACCESS_COORDINATOR);
	if (!st)
		st = fn(t, arg);
	if (!st)
		st = t->st;
	/* Whoever initialises the database is its first admin. */
	size_t n;
	if (!st && !was_initialised && initialised(t) && !(st = count_entries(t, &n, NULL)) && n == 0 &&
	    user_ok(user_name())) {
		char key[ROLE_PREFIX_LEN + USER_MAX + 1];
		int k = snprintf(key, sizeof key, ROLE_PREFIX "%s", user_name());
		uint8_t b = ACCESS_ADMIN;
		st = store_raw_put(t, DB_META, key, (size_t)k, &b, 1);
	}
	current = NULL;
	return st;
}

static enum status record_refusal_cb(struct txn *t, void *arg)
{
	(void)arg;
	char *summary = xasprintf("%s refused: needs the role %s, %s holds %s", action ? action : "a change",
				  store_role_name(refusal.need), user_name(), store_role_name(refusal.had));
	enum status st = history_access(t, "refused", summary);
	free(summary);
	return st;
}

enum status store_role_done(struct store *s, enum status st)
{
	current = NULL;
	if (!refusal.pending || recording)
		return st;
	if (st != STATUS_PERM) {
		refusal.pending = false;
		return st;
	}
	char *detail = xstrdup(status_detail());
	recording = true;
	/* Best effort: a refusal that cannot be recorded is still a refusal. */
	store_write(s, record_refusal_cb, NULL);
	recording = false;
	refusal.pending = false;
	status_fail(STATUS_PERM, "%s", detail);
	free(detail);
	return st;
}

/* ---- file modes -------------------------------------------------------- */

enum status store_check_modes(const char *dir, bool *shared)
{
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	struct stat sb;
	*shared = false;
	if (stat(dir, &sb) != 0)
		return STATUS_OK;
	if (sb.st_mode & S_IWOTH)
		return status_fail(STATUS_PERM,
				   _("%s is writable by every user (mode %04o), so anyone could change or destroy "
				   "the database; ozgtui refuses it: chmod o-w %s"),
				   dir, (unsigned)(sb.st_mode & 07777), dir);
	*shared = (sb.st_mode & S_ISGID) != 0;
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char *path = xasprintf("%s/%s", dir, files[i]);
		int rc = stat(path, &sb);
		enum status st = STATUS_OK;
		if (rc == 0 && (sb.st_mode & S_IWOTH))
			st = status_fail(STATUS_PERM,
					 _("%s is writable by every user (mode %04o); ozgtui refuses it: chmod o-w %s"),
					 path, (unsigned)(sb.st_mode & 07777), path);
		free(path);
		if (st)
			return st;
	}
	return STATUS_OK;
}

void store_fix_shared_modes(const char *dir)
{
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char *path = xasprintf("%s/%s", dir, files[i]);
		struct stat sb;
		if (stat(path, &sb) == 0 && sb.st_uid == getuid() && (sb.st_mode & 0777) != 0660)
			chmod(path, 0660);
		free(path);
	}
}
