/* progress.h - progress of long work (import, export, backup, bench data) on
 * standard error.
 *
 * Shown only when it helps a person: progress_enable() is called by the CLI
 * (not by the full-screen interface, which owns the terminal) and takes effect
 * only when stderr is a terminal, so a pipe, a file or cron gets nothing.
 * A line "import: 1234/5000 projects (24%)" is rewritten in place with \r at
 * most ten times a second and cleared at the end; work that ends within the
 * first tenth of a second shows nothing. OZGTUI_PROGRESS=0 turns it off;
 * OZGTUI_PROGRESS=always shows it on any stderr and from the first step.
 *
 *   struct progress p;
 *   progress_begin(&p, "import", "projects", n);
 *   for (...) progress_step(&p, 1);
 *   progress_end(&p);
 */
#ifndef OZGTUI_PROGRESS_H
#define OZGTUI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct progress {
	const char *what;       /* "import" (borrowed) */
	const char *unit;       /* "projects" (borrowed), or NULL */
	uint64_t total;         /* 0 = unknown */
	uint64_t done;
	int64_t last_ms;        /* when the line was last drawn */
	int64_t start_ms;
	bool active;            /* drawing at all */
	bool shown;             /* a line is on the screen (to clear) */
};

/* Allows progress lines on stderr when it is a terminal (and OZGTUI_PROGRESS
 * is not "0"); "always" forces them (tests). Off until called. */
void progress_enable(void);
/* Forbids them again (the full-screen interface). */
void progress_disable(void);
bool progress_enabled(void);

void progress_begin(struct progress *p, const char *what, const char *unit, uint64_t total);
/* Counts n more items; redraws when 100 ms have passed since the last draw. */
void progress_step(struct progress *p, uint64_t n);
/* Sets the count (for work measured in bytes or pages). */
void progress_set(struct progress *p, uint64_t done);
/* Draws the line now (before one long call that reports no steps, such as
 * LMDB's copy of the whole database: "backup: copying ..."). */
void progress_show(struct progress *p);
/* Clears the line. NULL-safe; safe to call twice. */
void progress_end(struct progress *p);

#endif
