/* status.h - one status enum for the whole program, with messages and exit codes.
 *
 * The exit codes follow sysexits.h, as documented in ozgtui(1) and docs/exit-status.md.
 * A failing function returns a status and may record a detail message with
 * status_fail(); the caller that reports to the user prints status_detail().
 */
#ifndef OZGTUI_STATUS_H
#define OZGTUI_STATUS_H

#include <stdarg.h>
#include <stdint.h>

/* STATUS_X(NAME, exit code, message); the messages are translated where they
 * are shown (xgettext keyword STATUS_X:3, po/meson.build). */
#define STATUS_LIST(STATUS_X)                                                       \
	STATUS_X(OK, 0, "done")                                                     \
	STATUS_X(RULE, 1, "refused by a rule")                                      \
	STATUS_X(USAGE, 64, "usage error")                                          \
	STATUS_X(DATA, 65, "bad data")                                              \
	STATUS_X(NOT_FOUND, 66, "not found")                                        \
	STATUS_X(INTERNAL, 70, "internal error")                                    \
	STATUS_X(CANT_WRITE, 73, "cannot write")                                    \
	STATUS_X(IO, 74, "cannot read or write")                                    \
	STATUS_X(CORRUPT, 74, "the database is damaged")                            \
	STATUS_X(NEWER, 65, "the database was written by a newer ozgtui")           \
	STATUS_X(CONFLICT, 75, "changed by someone else meanwhile; reload and retry") \
	STATUS_X(BUSY, 75, "the database is busy; retry")                           \
	STATUS_X(PERM, 77, "read-only or not permitted")

enum status {
#define STATUS_ENUM(name, code, msg) STATUS_##name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
	STATUS__COUNT
};

/* Fixed message of a status; never NULL. */
const char *status_message(enum status st);
/* Exit code of a status (sysexits). */
int status_exit_code(enum status st);
/* Name of a status as in the enum, e.g. "CONFLICT". */
const char *status_name(enum status st);

/* Records a detail message (printf-style) for the current failure and returns st.
 * The message is kept until the next status_fail() or status_clear(). */
enum status status_fail(enum status st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum status status_vfail(enum status st, const char *fmt, va_list ap);
/* The last detail message, or "" when none; borrowed. */
const char *status_detail(void);
void status_clear(void);

/* A failure's status and detail kept across an abort that may record details of
 * its own: a store_write() callback saves what failed (status_save returns st),
 * and its caller restores it over store_write's result (status_restore returns
 * st, with the saved detail again when st is the saved status).
 *
 * store_write() runs its callback again after growing the map, and a failure
 * saved in one attempt must not come back over a later attempt's failure of
 * the same status (the map of attempt 1 was full; the commit of attempt 2
 * found the disk full). So the saved status remembers its attempt, and
 * status_restore puts it back only when no attempt began since: store_write
 * calls status_attempt_next() before each attempt. The callbacks need not do
 * anything for it. A struct status_saved starts zeroed (nothing saved). */
struct status_saved {
	enum status st;
	uint64_t attempt;
	char detail[1024];
};
/* Begins a new attempt (store_write, before each run of its callback). */
void status_attempt_next(void);
enum status status_save(struct status_saved *sv, enum status st);
enum status status_restore(const struct status_saved *sv, enum status st);

#endif
