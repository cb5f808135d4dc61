/* rows.c - the decoded rows of a view's window and the search over them in
 * steps (include/ozgtui/tui_rows.h). */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/tui_rows.h"
#include "ozgtui/util.h"
#include "ozgtui/view.h"

/* A search step looks at this many rows between looks at the clock. */
#define FIND_ROWS 16

struct tui_row *tui_rows_find(void *rows, size_t n, size_t size, const struct uuid *id)
{
	for (size_t i = 0; i < n; i++) {
		struct tui_row *r = (struct tui_row *)((char *)rows + i * size);
		if (r->live && memcmp(r->id.b, id->b, sizeof id->b) == 0)
			return r;
	}
	return NULL;
}

void tui_find_stop(struct tui_find *f)
{
	free(f->needle);
	f->needle = NULL;
	f->on = false;
}

void tui_find_begin(struct tui_find *f, const char *text, size_t start, int dir, bool quiet)
{
	tui_find_stop(f);
	f->needle = text_fold(text);
	f->text = text;
	f->start = start;
	f->examined = 0;
	f->skip = 0;
	f->dir = dir;
	f->quiet = quiet;
	f->on = true;
}

void tui_find_begin_next(struct tui_find *f, const char *text, size_t start, int dir)
{
	tui_find_begin(f, text, start, dir, false);
	f->skip = 1;
	f->examined = 1;
}

void tui_find_restart(struct tui_find *f, size_t start)
{
	f->start = start;
	f->examined = f->skip;
}

enum tui_find_result tui_find_step(struct tui_find *f, size_t n, bool complete, bool (*match)(void *arg, size_t i),
				   void *arg, int64_t deadline, size_t *found, bool *wrapped)
{
	enum tui_find_result r = TUI_FIND_MORE;
	size_t test_step = tui_test_step();
	for (size_t k = 0;; k++) {
		/* every row once; with skip the one at start is the last */
		if (complete && f->examined >= n + f->skip) {
			r = TUI_FIND_NONE;
			break;
		}
		size_t i;
		if (f->dir > 0) {
			i = f->start + f->examined;
			if (i >= n) {
				if (!complete)
					break;   /* waits for more */
				i -= n;
			}
		} else if (f->examined <= f->start) {
			i = f->start - f->examined;
		} else {
			if (!complete)
				break;
			i = f->start + n - f->examined;
		}
		if (i >= n) {
			r = TUI_FIND_NONE;   /* the start is past the rows (they shrank) */
			break;
		}
		if (match(arg, i)) {
			*wrapped = f->dir > 0 ? f->start + f->examined >= n : f->examined > f->start;
			*found = i;
			r = TUI_FIND_FOUND;
			break;
		}
		f->examined++;
		if (test_step ? k + 1 >= (test_step + 7) / 8 : k % FIND_ROWS == FIND_ROWS - 1 && tui_clock_us() >= deadline)
			break;
	}
	if (r != TUI_FIND_MORE)
		tui_find_stop(f);
	return r;
}

bool tui_find_acts_on_selection(enum action a)
{
	switch (a) {
	case ACTION_NONE:
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_VIEW_NEXT:
	case ACTION_VIEW_PREV:
	case ACTION_VIEW_1:
	case ACTION_VIEW_2:
	case ACTION_VIEW_3:
	case ACTION_VIEW_4:
	case ACTION_VIEW_5:
	case ACTION_HELP:
	case ACTION_RELOAD:
	case ACTION_REDRAW:
	case ACTION_COMMAND:
	case ACTION_FILTER:
	case ACTION_SEARCH:
	case ACTION_SORT:
	case ACTION_SORT_REVERSE:
		return false;
	default:
		return true;
	}
}
