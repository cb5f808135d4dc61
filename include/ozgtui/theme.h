/* theme.h - colour roles and theme files.
 *
 * Every colour role comes from THEME_ROLE_LIST, which also holds the compiled-in
 * default theme, so a role cannot exist without a default. A theme file is plain
 * text, one role per line (docs/themes.md):
 *
 *   # comment
 *   title    = white blue bold
 *   selected = black cyan
 *   late     = 214 default bold underline
 *
 * fg and bg are a colour name (default black red green yellow blue magenta cyan
 * white, bright-NAME for 8-15) or a number 0-255; then any attributes (bold dim
 * underline reverse standout italic normal). Roles a file omits keep the
 * default. Information never depends on colour alone: every role that carries
 * meaning is paired with a symbol or word where it is drawn.
 */
#ifndef OZGTUI_THEME_H
#define OZGTUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "ozgtui/status.h"
#include "ozgtui/util.h"

/* X(NAME, default "fg bg attrs", what it colours) */
#define THEME_ROLE_LIST(X)                                                          \
	X(NORMAL, "default default", "ordinary text")                               \
	X(TITLE, "white blue bold", "the title bar")                                \
	X(TAB, "white blue", "a view's name in the title bar")                      \
	X(TAB_ACTIVE, "black cyan bold", "the current view's name")                 \
	X(HEADER, "yellow default bold underline", "table headers")                 \
	X(SECTION, "cyan default bold", "section headings in details")              \
	X(LABEL, "default default bold", "field labels in details")                 \
	X(DIM, "default default dim", "secondary text, zero counts")                \
	X(SELECTED, "black cyan", "the selected line")                              \
	X(MARKED, "magenta default bold", "marked projects (also shown with *)")    \
	X(STATUS, "white blue", "the status line")                                  \
	X(STATUS_ERROR, "white red bold", "error messages")                         \
	X(STATUS_OK, "black green", "success messages")                             \
	X(PROMPT, "default default bold", "prompts in the status line")             \
	X(OK, "green default bold", "good verdicts (with ✓)")                       \
	X(BAD, "red default bold", "bad verdicts (with ✗)")                         \
	X(LATE, "yellow default bold", "late dates (with !)")                       \
	X(COUNT, "default default bold", "non-zero counts")                         \
	X(TOTAL, "default default bold underline", "totals")                        \
	X(OVERLAY, "default default", "help and other overlays")                    \
	X(BORDER, "cyan default", "overlay borders")                                \
	X(KEY, "yellow default bold", "key names in help")

enum theme_role {
#define THEME_ROLE_ENUM(name, def, help) THEME_##name,
	THEME_ROLE_LIST(THEME_ROLE_ENUM)
#undef THEME_ROLE_ENUM
	THEME__COUNT
};

enum theme_attr {
	THEME_A_BOLD = 1 << 0,
	THEME_A_DIM = 1 << 1,
	THEME_A_UNDERLINE = 1 << 2,
	THEME_A_REVERSE = 1 << 3,
	THEME_A_STANDOUT = 1 << 4,
	THEME_A_ITALIC = 1 << 5,
};

struct theme_style {
	short fg;        /* -1 = terminal default, else 0-255 */
	short bg;
	unsigned attrs;  /* enum theme_attr bits */
};
struct theme {
	struct theme_style role[THEME__COUNT];
	char *name;      /* "default", or the file's name */
};

const char *theme_role_name(enum theme_role r);   /* "status-error" */
const char *theme_role_help(enum theme_role r);
bool theme_role_parse(const char *s, enum theme_role *out);

void theme_init(struct theme *t);   /* the compiled-in default */
void theme_fini(struct theme *t);
/* Parses "fg bg attrs..." into st; false with *why set to a static message. */
bool theme_style_parse(const char *s, struct theme_style *st, const char **why);
/* Applies theme-file text over t; errors ("NAME:3: unknown role 'titel'") are
 * appended to warnings; bad lines are skipped. STATUS_DATA when any was bad. */
enum status theme_parse(struct theme *t, const char *name, const char *text, struct strv *warnings);
/* Finds NAME (or a path containing '/') and loads it over the default theme:
 * $XDG_CONFIG_HOME/ozgtui/themes/NAME.theme, then the installed datadir, then
 * the source tree (when run from the build directory). STATUS_NOT_FOUND with a
 * detail when no such theme exists. "default" needs no file. */
enum status theme_load(struct theme *t, const char *name, struct strv *warnings);
/* The directories searched, in order, for docs and error messages (caller frees). */
void theme_search_dirs(struct strv *out);

#endif
