/* tui_rows.h - the decoded rows of a view's window (the projects view's rows,
 * the board's cards): only the rows on screen are decoded, and those still on
 * screen after a scroll or a change elsewhere are kept. A view's own row
 * struct begins with struct tui_row, so that the rows kept are found by
 * project here. And a search over a view's rows going on in steps (idle
 * slices), the same for the projects view and the board. No curses.
 */
#ifndef OZGTUI_TUI_ROWS_H
#define OZGTUI_TUI_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/keymap.h"
#include "ozgtui/model.h"

struct tui_row {
	struct uuid id;
	bool live;   /* decoded and owns its strings (false: freed, or moved into a new window) */
};

/* The live row of project id among rows (n rows of size bytes each, each
 * beginning with struct tui_row), or NULL. Borrowed from rows. */
struct tui_row *tui_rows_find(void *rows, size_t n, size_t size, const struct uuid *id);

/* A search going on in steps over a view's rows 0..n (the projects view's
 * list; the board's cards column by column): it looks at the rows from start
 * (inclusive) in direction dir round to where it began, a few at a time, the
 * view deciding whether a row matches (a row on screen is at hand, another
 * is decoded). While the rows are still being read (not complete) it waits
 * at the end of what is known; once they are, it wraps round. */
struct tui_find {
	bool on;
	char *needle;      /* folded (owned) */
	const char *text;  /* as typed, for messages (borrowed: the view's) */
	size_t start, examined;
	size_t skip;       /* 1: the row at start last (n, N), 0: first */
	int dir;
	bool quiet;        /* no message when found (typing) */
};

enum tui_find_result { TUI_FIND_MORE, TUI_FIND_FOUND, TUI_FIND_NONE };

/* A new search for text (folded here) from start: dir +1 forward, -1 back;
 * quiet while it is typed. */
void tui_find_begin(struct tui_find *f, const char *text, size_t start, int dir, bool quiet);
/* For n and N: from the row after (before) start round to start itself. */
void tui_find_begin_next(struct tui_find *f, const char *text, size_t start, int dir);
void tui_find_stop(struct tui_find *f);
/* The rows changed under the search (a reload): it goes on from start. */
void tui_find_restart(struct tui_find *f, size_t start);
/* Looks at rows (match(arg, i): whether row i matches) until the deadline
 * (tui_clock_us; with OZGTUI_TEST_STEP one row a step): FOUND sets *found
 * and *wrapped (it went round the end), FOUND and NONE end the search, MORE
 * when there is more to look at or it waits for rows (!complete). */
enum tui_find_result tui_find_step(struct tui_find *f, size_t n, bool complete, bool (*match)(void *arg, size_t i),
				   void *arg, int64_t deadline, size_t *found, bool *wrapped);
/* Whether a key typed while a search goes on acts on where it lands (the
 * selection, or a move from it: the view finishes the search first, as if it
 * had been instant) rather than leaving it (views, q, f, /, s: it ends). */
bool tui_find_acts_on_selection(enum action a);

#endif
