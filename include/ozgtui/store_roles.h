/* store_roles.h - who may do what (src/store_roles.c): roles per Unix user
 * kept in the database, the check every write transaction passes, and the
 * file modes of a shared database.
 *
 * Roles, weakest first:
 *   viewer       reads and exports
 *   coordinator  also changes projects, teams, workshops, outcomes, snapshots
 *   admin        also roles, phases, settings and reference data (topic fields,
 *                organisations, services and their delivering categories)
 * A user's role is the entry "role:USER" in the meta database (no schema
 * change: an older ozgtui ignores it). A user without an entry gets a default:
 *   - whoever initialises a database (init, the TUI's first start, an import
 *     into a new database) becomes its admin, recorded as an entry;
 *   - root, and the owner of data.mdb while no entry exists at all (databases
 *     from before roles), are admin;
 *   - on a shared database (directory setgid or group-writable): viewer;
 *   - on a private one: coordinator (only its owner and root can write it).
 *
 * store_write() checks, inside its write transaction, that the real user
 * (user_name(): getpwuid(getuid()), no variable or option changes it) is at
 * least a coordinator; the writes of reference data check for admin. A refusal
 * is STATUS_PERM (exit 77) with one message, and after the abort it is recorded
 * in history (entity "access", action "refused", the real user).
 */
#ifndef OZGTUI_STORE_ROLES_H
#define OZGTUI_STORE_ROLES_H

#include <stdbool.h>

#include "ozgtui/status.h"
#include "ozgtui/store.h"

enum access_role {
	ACCESS_NONE = 0,     /* no entry (store_role_set: remove it) */
	ACCESS_VIEWER,
	ACCESS_COORDINATOR,
	ACCESS_ADMIN,
};

/* "viewer", "coordinator", "admin" ("none" for ACCESS_NONE). */
const char *store_role_name(enum access_role r);
/* Parses a role name (also "none"); false when unknown. */
bool store_role_parse(const char *s, enum access_role *out);

/* The role user holds: its entry, else the default above. *explicit_entry
 * (may be NULL) tells which. */
enum status store_role_of(struct txn *t, const char *user, enum access_role *out, bool *explicit_entry);
/* Sets user's entry (ACCESS_NONE removes it) in a write transaction and
 * records it in history. Needs admin; refuses (STATUS_RULE) to leave the
 * database without an admin entry once it has entries. */
enum status store_role_set(struct txn *t, const char *user, enum access_role r);
/* Iterates the entries in user name order; fn returns non-zero to stop. */
enum status store_role_each(struct txn *t, int (*fn)(const char *user, enum access_role r, void *arg),
			    void *arg);

/* Inside a write transaction: STATUS_PERM (sticky) unless the real user holds
 * at least need; store_write records the refusal after the abort. */
enum status store_require(struct txn *t, enum access_role need);
/* Names what the process is doing, for the refusal's history entry (the CLI
 * verb, "interface"); returns the name before. s must stay valid while it is
 * the current name (a literal, or the command table's). */
const char *store_role_action(const char *s);

/* For store_write (src/store.c): runs fn inside t after the role check and
 * makes whoever initialises the database its admin; store_role_done is called
 * with the final status of the write and records a pending refusal. */
enum status store_role_run(struct txn *t, store_write_fn fn, void *arg);
enum status store_role_done(struct store *s, enum status st);

/* For store_open: refuses (STATUS_PERM) a database directory, data.mdb or
 * lock.mdb that every user may write; *shared is set when the directory is
 * setgid (a shared database: files are created 0660). */
enum status store_check_modes(const char *dir, bool *shared);
/* Gives data.mdb and lock.mdb of a shared database the modes 0660 where we own
 * them (LMDB's create mode is narrowed by the umask). */
void store_fix_shared_modes(const char *dir);

#endif
