/* tui_rows.h - the decoded rows of a view's window (the projects view's rows,
 * the board's cards): only the rows on screen are decoded, and those still on
 * screen after a scroll or a change elsewhere are kept. A view's own row
 * struct begins with struct tui_row, so that the rows kept are found by
 * project here. No curses.
 */
#ifndef OZGTUI_TUI_ROWS_H
#define OZGTUI_TUI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "ozgtui/model.h"

struct tui_row {
	struct uuid id;
	bool live;   /* decoded and owns its strings (false: freed, or moved into a new window) */
};

/* The live row of project id among rows (n rows of size bytes each, each
 * beginning with struct tui_row), or NULL. Borrowed from rows. */
struct tui_row *tui_rows_find(void *rows, size_t n, size_t size, const struct uuid *id);

#endif
