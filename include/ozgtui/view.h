/* view.h - the TUI's views and the services the framework (src/tui/tui.c) gives them.
 *
 * A view is one file src/tui/view_NAME.c defining `const struct view_ops
 * view_NAME` plus one row in src/tui/view_table.c (a top-level view, keys 1-5)
 * or a tui_push() from the view that opens it (details). This header is for
 * src/tui only: it is the one place besides the TUI sources that sees curses.
 *
 * Life of a view: open(arg) creates it; load() reads its data in a read txn
 * (again after every change to the database, seen through the store's change
 * counter, keeping the selection by UUID); draw() paints the body window; key()
 * handles an action (or a raw key) and says what must happen next; close()
 * frees it. Views never keep pointers into the catalog across load() calls: the
 * catalog is reloaded with the data.
 */
#ifndef OZGTUI_VIEW_H
#define OZGTUI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "ozgtui/check.h"
#include "ozgtui/cmd.h"
#include "ozgtui/keymap.h"
#include "ozgtui/theme.h"
#include "ozgtui/tui.h"
#include "ozgtui/tui_text.h"

struct tui;
struct view;
struct draft;

/* What a key handler asks the framework to do. */
enum view_result {
	VIEW_UNHANDLED = 0,  /* not mine: try the global actions */
	VIEW_DRAW,           /* handled; redraw */
	VIEW_RELOAD,         /* handled and the database changed: reload, then redraw */
};

struct view_ops {
	const char *name;       /* "projects": code name, used in messages */
	const char *title;      /* "Projekte": shown in the title bar */
	enum keyctx context;    /* its key context (falls back to global) */
	/* Creates the view. arg is view-specific (a filter, a project UUID) or NULL.
	 * Caller owns the result; freed by close(). */
	struct view *(*open)(struct tui *t, const char *arg);
	/* Reads the view's data inside txn (catalog already current). */
	enum status (*load)(struct tui *t, struct view *v, struct txn *txn);
	/* Paints w (rows x cols, already erased). */
	void (*draw)(struct tui *t, struct view *v, WINDOW *w, int rows, int cols);
	/* a is the bound action in the view's context or ACTION_NONE; key the raw key. */
	enum view_result (*key)(struct tui *t, struct view *v, enum action a, int key);
	void (*close)(struct view *v);
	/* Optional: the project under the cursor (for undo focus and pushes); false when none. */
	bool (*selected_project)(struct view *v, struct uuid *out);
	/* Optional: the projects marked with Space (borrowed until the next key);
	 * returns how many. Bulk actions (export) act on them. */
	size_t (*marked)(struct view *v, const struct uuid **out);
	/* Optional: the view's main list and the body row its first item is drawn
	 * on. With --mouse, the framework then selects the clicked row and scrolls
	 * with the wheel for views that do not handle the mouse themselves. */
	struct tui_list *(*mouse_list)(struct view *v, int *first_row);
	/* Optional: an edit in progress to keep when a signal ends the session
	 * (src/tui/drafts.c): fills out (kind, project, number, base, edit, line)
	 * and returns true, or false when there is nothing unsaved. */
	bool (*draft)(struct tui *t, struct view *v, struct draft *out);
	/* Optional: work done in small steps after the frame is drawn, while no
	 * key is waiting (what is slow to compute: the screen shows what is cheap
	 * first and fills in the rest). The framework calls it for the top view
	 * once that is loaded, again and again while it returns VIEW_IDLE_MORE,
	 * and anew after every key, load and resize. Each call returns by
	 * deadline (tui_clock_us()), so that a key waits at most that long;
	 * VIEW_IDLE_DRAW asks for a redraw (what changed on screen). */
	unsigned (*idle)(struct tui *t, struct view *v, int64_t deadline_us);
};

/* Bits of what an idle step returns. */
enum view_idle {
	VIEW_IDLE_DONE = 0,        /* nothing left to do */
	VIEW_IDLE_MORE = 1 << 0,   /* call again when no key is waiting */
	VIEW_IDLE_DRAW = 1 << 1,   /* something on screen changed: redraw */
};
/* The start of an idle slice that reads: opens a read txn into *out (the
 * caller ends it with store_txn_end) and sets *changed when another session
 * changed the database since the last reload (t->change_counter); then *out
 * is NULL and the slice stops: the main loop's reload starts the work anew.
 * Returns the store's status; on failure *out is NULL. */
enum status tui_idle_begin(struct tui *t, struct txn **out, bool *changed);
/* A monotonic clock in microseconds (idle deadlines). */
int64_t tui_clock_us(void);
/* For tests only: OZGTUI_TEST_STEP=N makes work done in steps (a result set
 * built, a search) do exactly one step of N units (rset_job_step's work; N/8
 * rows for a search) per key or idle slice, whatever the clock says, so that a
 * small database takes many slices (tests/tui/t_steps.sh). 0 when unset. */
size_t tui_test_step(void);

/* Embedded first in every view's own struct. */
struct view {
	const struct view_ops *ops;
	uint64_t loaded_gen;    /* framework: the data generation last loaded */
	char *subtitle;         /* owned; shown after the title ("field:3 phase:workshop") */
};

/* The top-level views in key order 1..5 (src/tui/view_table.c); a NULL row is
 * a view not built yet. */
extern const struct view_ops *const tui_top_views[];
extern const size_t tui_top_views_len;

/* The views this library defines. */
extern const struct view_ops view_dashboard;
extern const struct view_ops view_projects;
extern const struct view_ops view_detail;
extern const struct view_ops view_orgs;
extern const struct view_ops view_org;        /* one organisation, pushed from view_orgs */
extern const struct view_ops view_activity;
/* Export dialog and snapshots (export_dialog.c, view_snapshots.c): `x`
 * (ACTION_EXPORT) opens the dialog with the filter of the view it came from
 * (projects or board); `s` there pushes the list of snapshots. */
extern const struct view_ops view_export;
extern const struct view_ops view_snapshots;
enum view_result tui_export_dialog(struct tui *t);
/* Topic fields, workshops and relevance (view_field.c, view_workshop.c,
 * view_relevance.c): a field's screen is pushed from the dashboard with the
 * field number, a workshop's with its UUID, the relevance screen with the
 * field number. */
extern const struct view_ops view_field;
extern const struct view_ops view_workshop;
extern const struct view_ops view_relevance;

/* Undo: the inverse of a change this session made. */
enum undo_kind { UNDO_MOVE, UNDO_TEAM };
struct undo_entry {
	enum undo_kind kind;
	struct uuid project;
	uint32_t number;
	uint8_t from, to;           /* UNDO_MOVE: undo moves to `from`, redo to `to` */
	struct uuid org;            /* UNDO_TEAM: the member */
	enum role old_role, new_role; /* ROLE_NONE = not in the team */
};

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* The session. Views read these fields; only tui.c writes them. */
struct tui {
	struct cmd_ctx *ctx;
	struct store *store;          /* ctx->store */
	struct catalog *cat;          /* &ctx->catalog, reloaded with the data */
	const struct tui_options *opts;
	struct keymap keys;
	struct theme theme;
	bool color;
	attr_t attrs[THEME__COUNT];   /* curses attributes of each role, from the theme */
	int rows, cols;               /* terminal size */
	bool too_small;
	WINDOW *title_win, *body_win, *status_win;
	int body_rows, body_cols;
	uint64_t gen;                 /* data generation: bumped by every reload */
	uint64_t change_counter;      /* the store's, at the last reload */
	uint64_t catalog_stamp;       /* the store's catalog stamp the catalog was loaded at */
	int32_t today;
	bool quit;
	/* view stack: stack[0] is a top-level view (from tops[]) */
	struct view *stack[16];
	size_t depth;
	struct view **tops;           /* tui_top_views_len instances, created on demand */
	size_t top_index;
	/* status line */
	char msg[512];
	enum theme_role msg_role;
	/* undo / redo of this session's own changes */
	struct undo_entry *undo, *redo;
	size_t n_undo, cap_undo, n_redo, cap_redo;
	/* ':' history, filter history, search history */
	struct strv cmd_history;
	struct strv filter_history;
	struct strv search_history;
	int64_t last_poll_ms;
	/* the status-line prompt being typed (tui_prompt_run), or NULL: a draft keeps it */
	const struct buf *prompt_line;
};

/* Status line message (kept until the next key). */
void tui_message(struct tui *t, enum theme_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The message for a failed status: its detail, or its fixed message. */
void tui_message_status(struct tui *t, enum status st, const char *what);

/* Curses attributes of a role. */
attr_t tui_attr(const struct tui *t, enum theme_role role);
/* Draws s (sanitized, fitted into cells) at y, x of w in role. Returns cells used. */
int tui_put(struct tui *t, WINDOW *w, int y, int x, const char *s, int cells, enum theme_role role,
	    enum tui_align align);
/* Fills cells cells at y, x with spaces in role (for selected-line backgrounds). */
void tui_fill(struct tui *t, WINDOW *w, int y, int x, int cells, enum theme_role role);

/* View stack. tui_push opens ops with arg above the current view; NULL on failure. */
struct view *tui_push(struct tui *t, const struct view_ops *ops, const char *arg);
void tui_pop(struct tui *t);
struct view *tui_top(struct tui *t);
/* Reloads the catalog and the current view now (after an own change). */
void tui_reload(struct tui *t);
/* Redraws everything (used by modal loops after a resize). */
void tui_draw(struct tui *t);

/* Projects marked with Space in a list or on the board (a set of UUIDs). */
struct tui_marks {
	struct uuid *v;
	size_t n, cap;
};
bool tui_marks_has(const struct tui_marks *m, const struct uuid *id);
/* Marks id, or unmarks it when it was marked. */
void tui_marks_toggle(struct tui_marks *m, const struct uuid *id);
void tui_marks_fini(struct tui_marks *m);

/* A cursor over n lines in a window of rows lines. */
struct tui_list {
	size_t n, cur, top;
};
/* Handles up/down/page/home/end; true when a was one of them. */
bool tui_list_key(struct tui_list *l, enum action a, int rows);
/* Keeps cur within n and visible in rows lines. */
void tui_list_clamp(struct tui_list *l, int rows);

/* Painting and reading keys, for the modal loops (modal.c, tui.c's main loop). */
/* Paints title, body and status into curses' virtual screen (no doupdate). */
void tui_draw_base(struct tui *t);
#define TKEY_NONE (-1)
#define TKEY_RESIZE TKEY_FN(KEY_RESIZE)
/* Reads a key: a code point, TKEY_FN(curses key), TKEY_NONE after timeout_ms
 * (-1: wait). Handles a resize itself (re-layout) and returns TKEY_RESIZE so a
 * modal loop redraws. A pending SIGTERM, SIGHUP or SIGINT ends the session. */
int tui_get_key(struct tui *t, int timeout_ms);

/* Modal pieces (modal.c). Modal input in the status line. */
struct tui_prompt {
	const char *label;            /* "Filter: " */
	const char *initial;          /* NULL = empty */
	const char *error;            /* shown above the prompt (NULL = none) */
	struct strv *history;         /* Up/Down; the accepted line is added; may be NULL */
	/* Tab: completes buf (the whole line) in place; may be NULL. */
	void (*complete)(struct tui *t, struct buf *line, void *arg);
	/* Called after every edit with the current text (incremental search); may be NULL. */
	void (*changed)(struct tui *t, const char *text, void *arg);
	/* Optional: work in steps while no key is waiting, as view_ops.idle
	 * (a search going on); called again after every edit. */
	unsigned (*idle)(struct tui *t, void *arg, int64_t deadline_us);
	void *arg;
};
/* Returns the entered line (caller frees), or NULL when cancelled with Esc. */
char *tui_prompt_run(struct tui *t, const struct tui_prompt *p);
/* One slice of a prompt's idle work (p->idle, which must be set) until
 * deadline_us; written to the trace as the main loop's slices are
 * (OZGTUI_TRACE_KEYS, tui.c). Returns what p->idle returned. */
unsigned tui_prompt_idle(struct tui *t, const struct tui_prompt *p, int64_t deadline_us);
/* Asks a yes/no question ("j" / "y" = yes). */
bool tui_confirm(struct tui *t, const char *question);
/* A list to pick one item from; returns its index or -1. */
int tui_pick(struct tui *t, const char *title, const char *const *items, size_t n, size_t cur);
/* A scrollable text overlay (help, command output); text is sanitized line by line. */
void tui_pager(struct tui *t, const char *title, const char *text);
/* The help screen: the keys of the current view's context and the global ones. */
void tui_help_show(struct tui *t);

/* Moves projects through phases with the gate dialogue: dir -1/+1 previous/next
 * phase, 0 asks for the phase. A refused gate shows why and offers an override
 * with a reason. Records undo entries. Returns VIEW_RELOAD when anything moved. */
enum view_result tui_move_projects(struct tui *t, const struct uuid *ids, size_t n, int dir);
/* The ':' command line: asks for a verb and its arguments, runs it, shows its output. */
void tui_command_line(struct tui *t);
/* Undoes (redo = false) or redoes the last change of this session. */
void tui_undo_redo(struct tui *t, bool redo);
/* Records an undo entry for a change made by a view (e.g. the team editor). */
void tui_undo_push(struct tui *t, const struct undo_entry *e);

/* Signals and drafts (src/tui/drafts.c). The handlers of SIGTERM, SIGHUP and
 * SIGINT only set a flag; the key loop then calls tui_signal_exit, which keeps
 * every open view's unsaved edit as a draft, restores the terminal, closes the
 * database and ends the process by sig. */
void tui_signal_exit(struct tui *t, int sig) __attribute__((noreturn));
/* At start: offers the drafts of this database, newest first ("Es gibt einen
 * Entwurf für #12 von 10:31 — fortsetzen?"); yes resumes one, no discards it. */
void tui_drafts_offer(struct tui *t);
/* Opens the project form on a draft: base is the project as the edit started
 * (its version is what a save expects), edit the working copy; create for a
 * project not yet created. */
enum view_result tui_project_form_resume(struct tui *t, const struct project *base, const struct project *edit,
					 bool create);
/* Opens the team editor of project and, with typed set, its name prompt
 * holding that text again. */
enum view_result tui_team_editor_resume(struct tui *t, const struct uuid *project, const char *typed);

/* Small formatting helpers shared by views. */
/* "✓ ja" / "✗ nein" */
const char *tui_verdict_word(bool representative);
/* Formats a day in the locale's date format ("22.11.2026"; YYYY-MM-DD in the C
 * locale and where the locale's would not fit), or "–" for none. */
void tui_date(int32_t day, char out[static 11]);
/* Display name of an organisation, or "–" (borrowed from the catalog). */
const char *tui_org_name(const struct tui *t, const struct uuid *id);

/* ---- project editing (team_editor.c, form.c, conflict.c) ----------------
 * Views with a project under the cursor hand the editing actions over with
 * one call: tui_project_actions(t, a, id) handles TEAM_EDIT, PROJECT_ADD,
 * PROJECT_EDIT and NOTES_EDIT (id NULL = no project selected) and returns
 * VIEW_UNHANDLED for every other action. */
enum view_result tui_project_actions(struct tui *t, enum action a, const struct uuid *project);

extern const struct view_ops view_board;
extern const struct view_ops view_team;
extern const struct view_ops view_form;
extern const struct view_ops view_conflict;

/* Opens the team editor of project (members, roles, verdict, suggestions). */
enum view_result tui_team_editor(struct tui *t, const struct uuid *project);
/* Opens the project form: project NULL adds a new project, else edits it
 * against the version read now (a later save of a changed record conflicts). */
enum view_result tui_project_form(struct tui *t, const struct uuid *project);
/* Edits the notes of project in $VISUAL, $EDITOR or vi and saves them. */
enum view_result tui_edit_notes(struct tui *t, const struct uuid *project);
/* Runs the user's editor on text (leaves and restores curses). On success
 * *out is the edited text without trailing newlines (caller frees): valid
 * UTF-8 and at most TUI_NOTES_MAX bytes, else STATUS_DATA with a detail. */
#define TUI_NOTES_MAX (64 * 1024)
enum status tui_run_editor(struct tui *t, const char *text, char **out);

/* The conflict screen: a save based on `base` was refused because the stored
 * project changed meanwhile. It shows mine and theirs side by side and lets the
 * user keep theirs, apply mine on top of theirs, or edit again. done (may be
 * NULL) is called after the screen closed itself: with the choice, and the
 * project as saved (APPLY_MINE) or as stored now (otherwise); for EDIT_AGAIN
 * `mine` is the merge of mine onto theirs, to edit further. With done NULL,
 * edit again opens the project form. */
enum conflict_choice { CONFLICT_KEEP_THEIRS, CONFLICT_APPLY_MINE, CONFLICT_EDIT_AGAIN };
typedef void (*conflict_done_fn)(struct tui *t, enum conflict_choice choice, const struct project *now,
				 const struct project *mine, void *arg);
struct view *tui_conflict_open(struct tui *t, const struct project *base, const struct project *mine,
			       conflict_done_fn done, void *arg);
/* True when a and b differ in any field a person edits (sets compare as sets). */
bool tui_project_differs(const struct tui *t, const struct project *a, const struct project *b);
/* Opens the project form on base (its version is what a save expects) with
 * the fields of edit already changed (edit again after a conflict). */
enum view_result tui_project_form_with(struct tui *t, const struct project *base, const struct project *edit);
/* out = theirs with every field that mine changed against base changed the
 * same way (sets item by item: members, services, components, ...). */
void tui_conflict_merge(struct project *out, const struct project *base, const struct project *mine,
			const struct project *theirs);

#endif
