/* tui_text.h - fitting text from the database into terminal cells.
 *
 * Everything the TUI draws from the database or a file goes through here: it is
 * sanitized (text_sanitize) and then fitted into a number of cells by display
 * width, never cutting a character (wide characters count 2 cells, combining
 * marks stay with their base), with "…" where it was cut. No curses here.
 */
#ifndef OZGTUI_TUI_TEXT_H
#define OZGTUI_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "ozgtui/util.h"

enum tui_align { TUI_LEFT, TUI_RIGHT };

/* Appends s (NULL = "") to out, sanitized and fitted into cells cells; when pad,
 * fills up to exactly cells with spaces (on the right, or on the left for
 * TUI_RIGHT). Returns the cells used. */
size_t tui_text_fit(struct buf *out, const char *s, size_t cells, bool pad, enum tui_align align);
/* Display width of s after sanitizing. */
size_t tui_text_cells(const char *s);

#endif
