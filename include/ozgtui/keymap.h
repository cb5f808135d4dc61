/* keymap.h - the TUI's actions and the keys bound to them.
 *
 * Every action comes from ACTION_LIST: it yields the enum, the name used in the
 * key file ("move-next" for MOVE_NEXT) and the line of the help overlay, so the
 * three cannot drift. Keys are bound per context (a view's context first, then
 * "global"). The default bindings are a table of lines in the key-file syntax,
 * parsed by the same code as the user's $XDG_CONFIG_HOME/ozgtui/keys:
 *
 *   # comment
 *   bind CONTEXT KEY ACTION      e.g.  bind projects x mark
 *   bind CONTEXT KEY none        removes a binding
 *
 * KEY is a printable character, ^X or C-x for control keys, or a name: Space
 * Enter Esc Tab BackTab Backspace Delete Insert Up Down Left Right Home End
 * PgUp PgDn F1..F12.
 *
 * A key code is an int: a character's code point, or TKEY_FN(curses key code)
 * for a function key (so this header needs no curses, and a character such as
 * U+0102 never collides with KEY_DOWN).
 */
#ifndef OZGTUI_KEYMAP_H
#define OZGTUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "ozgtui/status.h"
#include "ozgtui/util.h"

#define TKEY_FN(k) (0x1000000 | (k))
#define TKEY_IS_FN(k) (((k) & 0x1000000) != 0)
#define TKEY_CTRL(c) ((c) & 0x1f)

/* ACTION_X(NAME, help); the help is translated where it is shown (xgettext
 * keyword ACTION_X:2, po/meson.build). */
#define ACTION_LIST(ACTION_X)                                                       \
	ACTION_X(QUIT, "quit at once")                                              \
	ACTION_X(BACK, "back to the previous view; quit from a top-level view")     \
	ACTION_X(VIEW_NEXT, "next top-level view")                                  \
	ACTION_X(VIEW_PREV, "previous top-level view")                              \
	ACTION_X(VIEW_1, "view 1: overview (dashboard)")                            \
	ACTION_X(VIEW_2, "view 2: projects")                                        \
	ACTION_X(VIEW_3, "view 3: board")                                           \
	ACTION_X(VIEW_4, "view 4: organisations")                                   \
	ACTION_X(VIEW_5, "view 5: activity")                                        \
	ACTION_X(HELP, "this help")                                                 \
	ACTION_X(RELOAD, "reload everything from the database")                     \
	ACTION_X(REDRAW, "redraw the screen")                                       \
	ACTION_X(COMMAND, "command line: run a CLI verb (Tab completes, Up/Down history)") \
	ACTION_X(UNDO, "undo your last change")                                     \
	ACTION_X(REDO, "redo what you undid")                                       \
	ACTION_X(UP, "cursor up")                                                   \
	ACTION_X(DOWN, "cursor down")                                               \
	ACTION_X(LEFT, "cursor left")                                               \
	ACTION_X(RIGHT, "cursor right")                                             \
	ACTION_X(PAGE_UP, "page up")                                                \
	ACTION_X(PAGE_DOWN, "page down")                                            \
	ACTION_X(HOME, "first line")                                                \
	ACTION_X(END, "last line")                                                  \
	ACTION_X(ENTER, "open the selected item")                                   \
	ACTION_X(SORT, "sort by the next column")                                   \
	ACTION_X(SORT_REVERSE, "reverse the sort order")                            \
	ACTION_X(FILTER, "edit the filter (filter language, see docs/filter.md)")   \
	ACTION_X(SEARCH, "search incrementally")                                    \
	ACTION_X(SEARCH_NEXT, "next match")                                         \
	ACTION_X(SEARCH_PREV, "previous match")                                     \
	ACTION_X(MARK, "mark or unmark the selected project")                       \
	ACTION_X(MARK_CLEAR, "clear all marks")                                     \
	ACTION_X(MOVE_PREV, "move the project (or the marked ones) to the previous phase") \
	ACTION_X(MOVE_NEXT, "move the project (or the marked ones) to the next phase") \
	ACTION_X(MOVE_PICK, "move the project (or the marked ones) to a phase from a list") \
	ACTION_X(TEAM_EDIT, "team editor: members, roles, suggestions")             \
	ACTION_X(PROJECT_ADD, "add a project (form)")                               \
	ACTION_X(PROJECT_EDIT, "edit the project in a form")                        \
	ACTION_X(NOTES_EDIT, "edit the project's notes in $VISUAL / $EDITOR")       \
	ACTION_X(TEAM_ADD, "add a member by name (Tab completes)")                  \
	ACTION_X(TEAM_REMOVE, "remove the selected member (asks first)")            \
	ACTION_X(TEAM_ROLE, "next role of the member: lead, member, advisor")       \
	ACTION_X(SAVE, "save the form")                                             \
	ACTION_X(KEEP_THEIRS, "conflict: keep their version, discard mine")         \
	ACTION_X(APPLY_MINE, "conflict: apply my changes on top of theirs and save") \
	ACTION_X(EDIT_AGAIN, "conflict: edit again, on top of their version")       \
	ACTION_X(WORKSHOP_ADD, "record a workshop of the topic field")              \
	ACTION_X(SPONSOR_EDIT, "set the topic field's sponsor (Themenpate)")        \
	ACTION_X(RELEVANCE, "relevance: the field's services against the categories") \
	ACTION_X(OUTCOME_ADD, "record an outcome of the workshop")                  \
	ACTION_X(OUTCOME_EDIT, "edit the outcome: kind, text, owner, due date")     \
	ACTION_X(OUTCOME_DONE, "close the outcome as done (again: open)")           \
	ACTION_X(OUTCOME_DROP, "drop the outcome (again: open)")                    \
	ACTION_X(OUTCOME_LINK, "link the outcome to a project (picker)")            \
	ACTION_X(TOGGLE, "relevance: toggle whether the category delivers the service") \
	ACTION_X(EXPORT, "export dialog: format, scope, file; snapshots")           \
	ACTION_X(SNAPSHOTS, "the saved snapshots with their changes")               \
	ACTION_X(SNAPSHOT_SAVE, "save the current state as a snapshot (name, note)") \
	ACTION_X(SNAPSHOT_REMOVE, "remove the selected snapshot's name (asks first)") \
	ACTION_X(SNAPSHOT_DIFF_PREV, "changes from the snapshot before to the selected one")

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM(name, help) ACTION_##name,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION__COUNT
};

/* Key contexts: "global" applies everywhere; a view names its own. X(NAME, help) */
#define KEYCTX_LIST(X)                                                              \
	X(GLOBAL, "everywhere")                                                     \
	X(DASHBOARD, "Übersicht")                                                   \
	X(PROJECTS, "Projekte")                                                     \
	X(DETAIL, "Projektdetails")                                                 \
	X(BOARD, "Board")                                                           \
	X(ORGS, "Organisationen")                                                   \
	X(ACTIVITY, "Aktivität")                                                    \
	X(PAGER, "text overlays (help, command output)")                            \
	X(TEAM, "Team-Editor")                                                      \
	X(FORM, "Projektformular")                                                  \
	X(CONFLICT, "Konflikt: zwei Fassungen")                                     \
	X(FIELD, "Themenfeld")                                                      \
	X(WORKSHOP, "Workshop und Ergebnisse")                                      \
	X(RELEVANCE, "Relevanz: Leistungen × Kategorien")                           \
	X(EXPORT, "Export")                                                         \
	X(SNAPSHOTS, "Stände")

enum keyctx {
#define KEYCTX_ENUM(name, help) KEYCTX_##name,
	KEYCTX_LIST(KEYCTX_ENUM)
#undef KEYCTX_ENUM
	KEYCTX__COUNT
};

/* "move-next"; "" for ACTION_NONE. */
const char *action_name(enum action a);
const char *action_help(enum action a);
bool action_parse(const char *s, enum action *out);
const char *keyctx_name(enum keyctx c);   /* "projects" */
bool keyctx_parse(const char *s, enum keyctx *out);

/* Key names. keyname_parse: "^R", "Enter", "x", "ä" -> key code (a wide
 * character's code point for non-ASCII characters). */
bool keyname_parse(const char *s, int *key);
/* Formats a key code for the help overlay ("^R", "Enter", "x"). */
void keyname_format(int key, char out[static 16]);

struct binding {
	int key;
	enum action action;
	unsigned line;        /* where it was bound; 0 = default table */
};
struct keymap {
	struct binding *v[KEYCTX__COUNT];
	size_t n[KEYCTX__COUNT];
	size_t cap[KEYCTX__COUNT];
	struct strv warnings;  /* "keys:3: ..." parse errors and conflicts */
};

void keymap_init(struct keymap *k);
void keymap_fini(struct keymap *k);
/* The compiled-in defaults. */
void keymap_load_defaults(struct keymap *k);
/* Parses key-file text (name is used in messages, "keys:3: unknown action 'foo'").
 * Errors and conflicts (one key bound twice to different actions in one context
 * of the same file) go to k->warnings; bad lines are skipped. Returns
 * STATUS_DATA when any line was bad, else STATUS_OK. */
enum status keymap_parse(struct keymap *k, const char *name, const char *text);
/* Loads a file if it exists (a missing file is not an error). */
enum status keymap_load_file(struct keymap *k, const char *path);
/* The action of key in context ctx, falling back to global. */
enum action keymap_lookup(const struct keymap *k, enum keyctx ctx, int key);
/* Writes the keys of action a in ctx (not global) as "j, Down" into b; false when none. */
bool keymap_keys_for(const struct keymap *k, enum keyctx ctx, enum action a, struct buf *b);
/* The user key file: $XDG_CONFIG_HOME/ozgtui/keys or ~/.config/ozgtui/keys. Caller frees. */
char *keymap_user_path(void);

#endif
