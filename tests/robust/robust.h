/* robust.h - what the crash and load drivers (tests/robust/crash.c, load.c)
 * share: a seeded database with a few projects, the operations a writer
 * process does on it, the acknowledgement lines and their parsing, and small
 * process and time helpers. Everything goes through the core library (ops,
 * jsonio, store), as the CLI and the TUI do.
 */
#ifndef OZGTUI_TESTS_ROBUST_H
#define OZGTUI_TESTS_ROBUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/catalog.h"
#include "ozgtui/store.h"

#define RB_MAX_PROJECTS 64
#define RB_MAX_ORGS 32

/* Prints "NAME: message" to stderr and exits 1 (the test fails). */
void rb_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Prints "NAME: message" to stderr. */
void rb_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern const char *rb_name;

int64_t rb_now_ms(void);
void rb_sleep_us(long us);
/* A small fast generator (xorshift); *state must not be 0. */
uint32_t rb_rand(uint64_t *state);

/* A writer's view of the test database. */
struct rb_db {
	struct store *s;
	struct catalog cat;
	struct uuid projects[RB_MAX_PROJECTS];
	size_t n_projects;
	struct uuid orgs[RB_MAX_ORGS];   /* municipalities to put into teams */
	size_t n_orgs;
	uint8_t phases[16];              /* the phases on the line */
	size_t n_phases;
};

/* Creates dir (a new directory) as a database with the reference data and
 * n_projects projects (#1..#n, topic field 1 with one of its services). */
void rb_create(const char *dir, size_t n_projects);
/* Opens the database made by rb_create: projects #1..#n_projects. STATUS
 * values other than OK make the caller exit. */
enum status rb_open(struct rb_db *d, const char *dir, size_t n_projects);
void rb_close(struct rb_db *d);

/* Reads project id in a fresh read transaction. */
enum status rb_read(struct rb_db *d, const struct uuid *id, struct project *out);

/* Writes all of line (a whole "ok ..." line, at most PIPE_BUF bytes, so it
 * arrives in one piece even when the writer is killed right after). */
void rb_ack(int fd, const char *line);

/* Reads what is readable from fd (non-blocking) into b; false at end of file. */
bool rb_drain(int fd, struct buf *b);

/* Runs `ozgtui --db DIR verify`; returns its exit status (or -1). */
int rb_run_verify(const char *ozgtui, const char *dir);

/* Pids in the reader table of dir whose process is gone, by `mdb_stat -r`
 * (-1 when mdb_stat is not installed). */
int rb_stale_readers(const char *dir);

#endif
