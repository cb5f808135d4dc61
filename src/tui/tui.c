/* tui.c - the full-screen interface: terminal setup and teardown, layout, the
 * view stack, and the main loop with live updates. The modal pieces every view
 * shares (status-line prompt, picker, pager, help): modal.c; moves and undo:
 * moves.c; the ':' command line: cmdline.c.
 *
 * Screen layout: row 0 the title bar (top-level views, where we are), rows
 * 1..LINES-2 the current view's body, row LINES-1 the status line (messages and
 * prompts). Every frame is painted into these windows and sent with one
 * doupdate(), so curses writes only the cells that changed.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "ozgtui/ops.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

#define POLL_MS 500
#define IDLE_SLICE_US 2000

static SCREEN *tui_screen;

/* ---- terminal ---------------------------------------------------------- */

static void restore_terminal(void)
{
	if (tui_screen && !isendwin())
		endwin();
}

/* Set by SIGTERM, SIGHUP and SIGINT, and nothing else happens in the handler:
 * tui_get_key sees it and ends the session in ordinary context (tui_signal_exit,
 * src/tui/drafts.c: drafts, terminal, database). */
static volatile sig_atomic_t pending_signal;

static void on_fatal_signal(int sig)
{
	pending_signal = sig;
}

size_t tui_test_step(void)
{
	static long v = -1;
	if (v < 0) {
		const char *s = getenv("OZGTUI_TEST_STEP");
		v = s && *s ? strtol(s, NULL, 10) : 0;
		if (v < 0)
			v = 0;
	}
	return (size_t)v;
}

int64_t tui_clock_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t now_ms(void)
{
	return tui_clock_us() / 1000;
}

/* Attributes added when there is no colour, for roles told apart by colour alone. */
static const unsigned mono_fallback[THEME__COUNT] = {
	[THEME_TITLE] = THEME_A_REVERSE,
	[THEME_TAB] = THEME_A_REVERSE,
	[THEME_TAB_ACTIVE] = THEME_A_BOLD | THEME_A_UNDERLINE,
	[THEME_SELECTED] = THEME_A_REVERSE,
	[THEME_STATUS] = THEME_A_REVERSE,
	[THEME_STATUS_ERROR] = THEME_A_REVERSE | THEME_A_BOLD,
	[THEME_STATUS_OK] = THEME_A_REVERSE,
	[THEME_BORDER] = THEME_A_BOLD,
};

static attr_t curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_A_BOLD)
		r |= A_BOLD;
	if (a & THEME_A_DIM)
		r |= A_DIM;
	if (a & THEME_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_A_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_A_STANDOUT)
		r |= A_STANDOUT;
#ifdef A_ITALIC
	if (a & THEME_A_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

/* Maps a theme colour onto what the terminal has: bright colours become bold on
 * 8-colour terminals, 256-colour numbers the default. */
static short fit_colour(short c, attr_t *extra)
{
	if (c < 0 || c < COLORS)
		return c;
	if (c < 16) {
		*extra |= A_BOLD;
		return (short)(c - 8);
	}
	return -1;
}

static void apply_theme(struct tui *t)
{
	if (t->color) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < THEME__COUNT; i++) {
		const struct theme_style *st = &t->theme.role[i];
		if (!t->color) {
			t->attrs[i] = curses_attrs(st->attrs | mono_fallback[i]);
			continue;
		}
		attr_t extra = A_NORMAL;
		short fg = fit_colour(st->fg, &extra);
		short bg = fit_colour(st->bg, &extra);
		init_pair((short)(i + 1), fg, bg);
		t->attrs[i] = curses_attrs(st->attrs) | extra | COLOR_PAIR(i + 1);
	}
}

attr_t tui_attr(const struct tui *t, enum theme_role role)
{
	return (unsigned)role < THEME__COUNT ? t->attrs[role] : A_NORMAL;
}

int tui_put(struct tui *t, WINDOW *w, int y, int x, const char *s, int cells, enum theme_role role,
	    enum tui_align align)
{
	if (cells <= 0)
		return 0;
	struct buf b;
	buf_init(&b);
	size_t used = tui_text_fit(&b, s, (size_t)cells, true, align);
	wattrset(w, tui_attr(t, role));
	mvwaddstr(w, y, x, b.data ? b.data : "");
	wattrset(w, A_NORMAL);
	buf_fini(&b);
	return (int)used;
}

void tui_fill(struct tui *t, WINDOW *w, int y, int x, int cells, enum theme_role role)
{
	if (cells <= 0)
		return;
	wattrset(w, tui_attr(t, role));
	mvwhline(w, y, x, ' ', cells);
	wattrset(w, A_NORMAL);
}

/* ---- messages ---------------------------------------------------------- */

void tui_message(struct tui *t, enum theme_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_role = role;
}

void tui_message_status(struct tui *t, enum status st, const char *what)
{
	const char *d = status_detail();
	tui_message(t, THEME_STATUS_ERROR, "%s%s%s", what ? what : "", what ? ": " : "",
		    d && *d ? d : _(status_message(st)));
}

/* ---- layout and drawing ------------------------------------------------ */

static void layout(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS;
	if (t->title_win)
		delwin(t->title_win);
	if (t->body_win)
		delwin(t->body_win);
	if (t->status_win)
		delwin(t->status_win);
	t->title_win = t->body_win = t->status_win = NULL;
	if (t->too_small)
		return;
	t->body_rows = t->rows - 2;
	t->body_cols = t->cols;
	t->title_win = newwin(1, t->cols, 0, 0);
	t->body_win = newwin(t->body_rows, t->cols, 1, 0);
	t->status_win = newwin(1, t->cols, t->rows - 1, 0);
}

static void draw_too_small(struct tui *t)
{
	werase(stdscr);
	char need[128];
	snprintf(need, sizeof need, _("(need %d×%d, have %d×%d)"), TUI_MIN_COLS, TUI_MIN_ROWS, t->cols, t->rows);
	const char *lines[] = {_("terminal too small"), need, _("enlarge the window, or press Q to quit")};
	int y0 = t->rows / 2 - 1;
	if (y0 < 0)
		y0 = 0;
	for (int i = 0; i < 3 && y0 + i < t->rows; i++) {
		int w = (int)tui_text_cells(lines[i]);
		if (w > t->cols)
			w = t->cols;
		tui_put(t, stdscr, y0 + i, (t->cols - w) / 2, lines[i], w, i == 0 ? THEME_STATUS_ERROR : THEME_NORMAL,
			TUI_LEFT);
	}
	wnoutrefresh(stdscr);
}

static void draw_title(struct tui *t)
{
	WINDOW *w = t->title_win;
	werase(w);
	tui_fill(t, w, 0, 0, t->cols, THEME_TITLE);
	/* the program's name gives way when a read-only marker needs the room */
	int x = 0;
	if (!store_readonly(t->store) || t->cols >= 100)
		x = tui_put(t, w, 0, 0, " ozgtui ", 8, THEME_TITLE, TUI_LEFT);
	/* At a top-level view every view's key and name; deeper, where we are. */
	for (size_t i = 0; i < tui_top_views_len && x < t->cols; i++) {
		if (!tui_top_views[i] || (t->depth > 1 && i != t->top_index))
			continue;
		char label[64];
		snprintf(label, sizeof label, " %zu %s ", i + 1, _(tui_top_views[i]->title));
		int cw = (int)tui_text_cells(label);
		if (x + cw > t->cols)
			break;
		x += tui_put(t, w, 0, x, label, cw, i == t->top_index ? THEME_TAB_ACTIVE : THEME_TAB, TUI_LEFT);
	}
	struct buf crumb;
	buf_init(&crumb);
	for (size_t i = 1; i < t->depth; i++) {
		buf_puts(&crumb, i == 1 ? "› " : " › ");
		buf_puts(&crumb, _(t->stack[i]->ops->title));
		if (t->stack[i]->subtitle) {
			buf_puts(&crumb, " ");
			buf_puts(&crumb, t->stack[i]->subtitle);
		}
	}
	if (t->depth == 1 && t->stack[0]->subtitle) {
		buf_puts(&crumb, "· ");
		buf_puts(&crumb, t->stack[0]->subtitle);
	}
	/* read-only matters more than the crumbs: it keeps its place at the right */
	int right = t->cols;
	if (store_readonly(t->store)) {
		const char *ro = _(" [read-only] ");
		int rw = (int)tui_text_cells(ro);
		right -= rw;
		tui_put(t, w, 0, right, ro, rw, THEME_TAB_ACTIVE, TUI_LEFT);
	}
	if (crumb.len && x + 2 < right)
		tui_put(t, w, 0, x + 1, crumb.data, right - x - 1, THEME_TITLE, TUI_LEFT);
	buf_fini(&crumb);
	wnoutrefresh(w);
}

static void draw_status(struct tui *t)
{
	WINDOW *w = t->status_win;
	werase(w);
	if (t->msg[0]) {
		tui_put(t, w, 0, 0, t->msg, t->cols, t->msg_role, TUI_LEFT);
	} else {
		/* TRANSLATORS: the key hint line; the keys (?, :, Tab, Enter, q, Q) stay */
		tui_put(t, w, 0, 0, _(" ? help  : command  Tab next view  Enter open  q back  Q quit"), t->cols,
			THEME_STATUS, TUI_LEFT);
	}
	wnoutrefresh(w);
}

void tui_draw_base(struct tui *t)
{
	if (t->too_small) {
		draw_too_small(t);
		return;
	}
	if (is_wintouched(stdscr))
		wnoutrefresh(stdscr);
	draw_title(t);
	draw_status(t);
	werase(t->body_win);
	struct view *v = tui_top(t);
	if (v && v->ops->draw)
		v->ops->draw(t, v, t->body_win, t->body_rows, t->body_cols);
	/* last, so the terminal cursor rests where the view left it: on the
	 * selection, where screen readers look */
	wnoutrefresh(t->body_win);
}

void tui_draw(struct tui *t)
{
	tui_draw_base(t);
	doupdate();
}

/* OZGTUI_TRACE_KEYS=FILE (scripts/bench, docs/performance.md): "frame0 T"
 * with the wall clock in microseconds when the first frame is out, then per
 * key "key K US CPU": its code and the microseconds from reading it until the
 * program waits for the next key (it has handled it and drawn the frame), in
 * the main loop and in every modal one (prompts, pickers) alike, wall clock
 * and CPU time of the process (a shared machine's wall clock lies); and the
 * slices of idle work (trace_idle), the top view's and a prompt's
 * (tui_prompt_idle: a search going on while its prompt is open). */
static struct {
	FILE *f;
	bool opened, frame0;
	int key;
	struct timespec start;
	int64_t start_cpu;
} trace_keys;

static int64_t cpu_us(void);

static void trace_before_read(void)
{
	if (!trace_keys.opened) {
		const char *path = getenv("OZGTUI_TRACE_KEYS");
		trace_keys.f = path && *path ? fopen(path, "a") : NULL;
		trace_keys.opened = true;
	}
	if (!trace_keys.f)
		return;
	struct timespec now;
	if (!trace_keys.frame0) {
		clock_gettime(CLOCK_REALTIME, &now);
		fprintf(trace_keys.f, "frame0 %lld\n", (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000);
		trace_keys.frame0 = true;
	} else if (trace_keys.key != TKEY_NONE) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		fprintf(trace_keys.f, "key %d %lld %lld\n", trace_keys.key,
			(long long)(now.tv_sec - trace_keys.start.tv_sec) * 1000000 +
				(now.tv_nsec - trace_keys.start.tv_nsec) / 1000,
			(long long)(cpu_us() - trace_keys.start_cpu));
	}
	fflush(trace_keys.f);
	trace_keys.key = TKEY_NONE;
}

/* "idle US CPU" per slice of a view's idle work: its wall-clock time (how
 * long a key may have waited for it) and the CPU time it took, in
 * microseconds; "idle-done T" with the wall clock when the work is finished. */
static int64_t cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void trace_idle(int64_t us, int64_t cpu, unsigned r)
{
	static bool busy;
	bool more = r & VIEW_IDLE_MORE;
	if (trace_keys.f && (busy || r != VIEW_IDLE_DONE)) {
		fprintf(trace_keys.f, "idle %lld %lld\n", (long long)us, (long long)cpu);
		if (!more) {
			struct timespec now;
			clock_gettime(CLOCK_REALTIME, &now);
			fprintf(trace_keys.f, "idle-done %lld\n", (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000);
		}
		fflush(trace_keys.f);
	}
	busy = more;
}

unsigned tui_prompt_idle(struct tui *t, const struct tui_prompt *p, int64_t deadline_us)
{
	int64_t t0 = tui_clock_us(), c0 = trace_keys.f ? cpu_us() : 0;
	unsigned r = p->idle(t, p->arg, deadline_us);
	trace_idle(tui_clock_us() - t0, trace_keys.f ? cpu_us() - c0 : 0, r);
	return r;
}

static void trace_close(void)
{
	if (trace_keys.f)
		fclose(trace_keys.f);
	memset(&trace_keys, 0, sizeof trace_keys);
}

int tui_get_key(struct tui *t, int timeout_ms)
{
	wint_t wc;
	int rc;
	trace_before_read();
	/* Waits in slices of 200 ms, so that a signal's flag is seen soon also
	 * where curses restarts an interrupted read. A terminal that is gone
	 * (every read fails at once) ends the session as a hangup does. */
	int64_t start = now_ms();
	int fails = 0;
	for (;;) {
		if (pending_signal)
			tui_signal_exit(t, pending_signal);
		int slice = 200;
		if (timeout_ms >= 0) {
			int64_t left = timeout_ms - (now_ms() - start);
			slice = left <= 0 ? 0 : left < slice ? (int)left : slice;
		}
		int64_t before = now_ms();
		wtimeout(stdscr, slice);
		rc = wget_wch(stdscr, &wc);
		if (rc != ERR)
			break;
		if (pending_signal)
			tui_signal_exit(t, pending_signal);
		if (slice > 0 && now_ms() - before < 2 && ++fails >= 100)
			tui_signal_exit(t, SIGHUP);
		if (timeout_ms >= 0 && now_ms() - start >= timeout_ms)
			return TKEY_NONE;
	}
	if (trace_keys.f) {
		clock_gettime(CLOCK_MONOTONIC, &trace_keys.start);
		trace_keys.start_cpu = cpu_us();
		trace_keys.key = rc == KEY_CODE_YES ? TKEY_FN((int)wc) : (int)wc;
	}
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_RESIZE) {
			layout(t);
			return TKEY_RESIZE;
		}
		if (wc == KEY_ENTER)
			return '\n';
		return TKEY_FN((int)wc);
	}
	if (wc == '\r')
		return '\n';
	if (wc == 127 || wc == 8)
		return TKEY_FN(KEY_BACKSPACE);
	return (int)wc;
}

/* ---- the list cursor --------------------------------------------------- */

bool tui_marks_has(const struct tui_marks *m, const struct uuid *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (uuid_cmp(&m->v[i], id) == 0)
			return true;
	return false;
}

void tui_marks_toggle(struct tui_marks *m, const struct uuid *id)
{
	for (size_t i = 0; i < m->n; i++) {
		if (uuid_cmp(&m->v[i], id) == 0) {
			m->v[i] = m->v[--m->n];
			return;
		}
	}
	xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n++] = *id;
}

void tui_marks_fini(struct tui_marks *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

void tui_list_clamp(struct tui_list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->n == 0) {
		l->cur = l->top = 0;
		return;
	}
	if (l->cur >= l->n)
		l->cur = l->n - 1;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)rows)
		l->top = l->cur - (size_t)rows + 1;
	if (l->top + (size_t)rows > l->n)
		l->top = l->n > (size_t)rows ? l->n - (size_t)rows : 0;
}

bool tui_list_key(struct tui_list *l, enum action a, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	switch (a) {
	case ACTION_UP:
		if (l->cur > 0)
			l->cur--;
		break;
	case ACTION_DOWN:
		if (l->cur + 1 < l->n)
			l->cur++;
		break;
	case ACTION_PAGE_UP:
		l->cur = l->cur > page ? l->cur - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case ACTION_PAGE_DOWN:
		l->cur += page;
		l->top += page;
		break;
	case ACTION_HOME:
		l->cur = 0;
		break;
	case ACTION_END:
		l->cur = l->n ? l->n - 1 : 0;
		break;
	default:
		return false;
	}
	tui_list_clamp(l, rows);
	return true;
}

/* ---- the view stack and data loading ----------------------------------- */

struct view *tui_top(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

static void load_view(struct tui *t, struct view *v)
{
	if (!v || !v->ops->load)
		return;
	struct txn *txn = NULL;
	enum status st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		st = v->ops->load(t, v, txn);
	store_txn_end(txn);
	if (st != STATUS_OK)
		tui_message_status(t, st, _(v->ops->title));
	v->loaded_gen = t->gen;
}

static void ensure_loaded(struct tui *t, struct view *v)
{
	if (v && v->loaded_gen != t->gen)
		load_view(t, v);
}

/* Reloads the catalog when reference data changed since it was loaded (or the
 * change counter went back: a restore); bumps the generation so every view
 * reloads when shown. */
static enum status reload_catalog(struct tui *t)
{
	struct txn *txn = NULL;
	uint64_t counter = 0, stamp = 0;
	enum status st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		st = store_change_counter(txn, &counter);
	if (st == STATUS_OK)
		st = store_catalog_stamp(txn, &stamp);
	/* a ':' verb run while none was loaded may have left a lazy one
	 * (CMD_LAZY_CATALOG): the views walk the whole catalog */
	if (st == STATUS_OK && (!t->ctx->catalog_loaded || t->cat->lazy || stamp != t->catalog_stamp ||
				counter < t->change_counter)) {
		catalog_fini(t->cat);
		catalog_init(t->cat);
		st = catalog_load(t->cat, txn);
		t->ctx->catalog_loaded = st == STATUS_OK;
	}
	store_txn_end(txn);
	if (st == STATUS_OK) {
		t->change_counter = counter;
		t->catalog_stamp = stamp;
	}
	t->gen++;
	t->today = clock_today();
	return st;
}

void tui_reload(struct tui *t)
{
	enum status st = reload_catalog(t);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("reload"));
		return;
	}
	ensure_loaded(t, tui_top(t));
}

enum status tui_idle_begin(struct tui *t, struct txn **out, bool *changed)
{
	struct txn *txn = NULL;
	uint64_t changes = t->change_counter;
	enum status st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		st = store_change_counter(txn, &changes);
	*changed = st == STATUS_OK && changes != t->change_counter;
	if (st != STATUS_OK || *changed) {
		store_txn_end(txn);
		txn = NULL;
	}
	*out = txn;
	return st;
}

/* Cheap: one read txn and one get. Reloads when someone changed the database. */
static void poll_changes(struct tui *t)
{
	t->last_poll_ms = now_ms();
	struct txn *txn = NULL;
	uint64_t c = t->change_counter;
	if (store_read_begin(t->store, &txn) == STATUS_OK)
		store_change_counter(txn, &c);
	store_txn_end(txn);
	if (c != t->change_counter) {
		tui_reload(t);
		/* screen-reader mode: a screen that changes by itself is announced */
		if (t->opts->a11y && !t->msg[0])
			tui_message(t, THEME_STATUS, "%s", _("updated: someone else changed the database"));
	}
}

struct view *tui_push(struct tui *t, const struct view_ops *ops, const char *arg)
{
	if (t->depth == ARRAY_LEN(t->stack)) {
		tui_message(t, THEME_STATUS_ERROR, _("too many views open; go back with q first"));
		return NULL;
	}
	struct view *v = ops->open(t, arg);
	if (!v)
		return NULL;
	v->ops = ops;
	v->loaded_gen = 0;
	t->stack[t->depth++] = v;
	load_view(t, v);
	return v;
}

static void view_free(struct view *v)
{
	if (!v)
		return;
	free(v->subtitle);
	v->subtitle = NULL;
	v->ops->close(v);
}

void tui_pop(struct tui *t)
{
	if (t->depth <= 1)
		return;
	view_free(t->stack[--t->depth]);
	ensure_loaded(t, tui_top(t));
}

static void switch_top(struct tui *t, size_t i)
{
	if (i >= tui_top_views_len || !tui_top_views[i]) {
		tui_message(t, THEME_STATUS_ERROR, _("view %zu is not available in this version"), i + 1);
		return;
	}
	while (t->depth > 1)
		view_free(t->stack[--t->depth]);
	if (!t->tops[i]) {
		struct view *v = tui_top_views[i]->open(t, NULL);
		if (!v) {
			tui_message(t, THEME_STATUS_ERROR, _("cannot open %s"), _(tui_top_views[i]->title));
			return;
		}
		v->ops = tui_top_views[i];
		v->loaded_gen = 0;
		t->tops[i] = v;
	}
	t->stack[0] = t->tops[i];
	t->depth = 1;
	t->top_index = i;
	ensure_loaded(t, t->stack[0]);
}

static void cycle_top(struct tui *t, int dir)
{
	size_t n = tui_top_views_len;
	size_t i = t->top_index;
	for (size_t step = 0; step < n; step++) {
		i = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
		if (tui_top_views[i]) {
			switch_top(t, i);
			return;
		}
	}
}


/* ---- keys -------------------------------------------------------------- */

/* The mouse for list views that leave it to the framework: a click selects
 * the row under the pointer, the wheel moves the selection by three rows. */
static void mouse_on_list(struct tui *t, struct view *v)
{
	MEVENT ev;
	int first = 0;
	struct tui_list *l = v->ops->mouse_list(v, &first);
	if (!l || getmouse(&ev) != OK || !t->body_win || l->n == 0)
		return;
	int y = ev.y, x = ev.x;
	if (!wmouse_trafo(t->body_win, &y, &x, FALSE))
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		l->cur = l->cur >= 3 ? l->cur - 3 : 0;
	} else if (ev.bstate & BUTTON5_PRESSED) {
		l->cur = l->cur + 3 < l->n ? l->cur + 3 : l->n - 1;
	} else if ((ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) && y >= first) {
		size_t idx = l->top + (size_t)(y - first);
		if (idx < l->n)
			l->cur = idx;
	}
}

static void handle_key(struct tui *t, int key)
{
	if (t->too_small) {
		enum action a = keymap_lookup(&t->keys, KEYCTX_GLOBAL, key);
		if (a == ACTION_QUIT || a == ACTION_BACK)
			t->quit = true;
		return;
	}
	struct view *v = tui_top(t);
	enum action a = keymap_lookup(&t->keys, v->ops->context, key);
	enum view_result r = v->ops->key ? v->ops->key(t, v, a, key) : VIEW_UNHANDLED;
	if (r == VIEW_RELOAD)
		tui_reload(t);
	if (r != VIEW_UNHANDLED)
		return;
	if (key == TKEY_FN(KEY_MOUSE) && v->ops->mouse_list) {
		mouse_on_list(t, v);
		return;
	}
	switch (a) {
	case ACTION_QUIT:
		t->quit = true;
		break;
	case ACTION_BACK:
		if (t->depth > 1)
			tui_pop(t);
		else if (key != 27)   /* Esc never quits: only q and Q do */
			t->quit = true;
		break;
	case ACTION_VIEW_NEXT:
		cycle_top(t, 1);
		break;
	case ACTION_VIEW_PREV:
		cycle_top(t, -1);
		break;
	case ACTION_VIEW_1:
	case ACTION_VIEW_2:
	case ACTION_VIEW_3:
	case ACTION_VIEW_4:
	case ACTION_VIEW_5:
		switch_top(t, (size_t)(a - ACTION_VIEW_1));
		break;
	case ACTION_HELP:
		tui_help_show(t);
		break;
	case ACTION_RELOAD:
		tui_reload(t);
		if (!t->msg[0])
			tui_message(t, THEME_STATUS_OK, _("✓ reloaded"));
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_COMMAND:
		tui_command_line(t);
		break;
	case ACTION_UNDO:
		tui_undo_redo(t, false);
		break;
	case ACTION_REDO:
		tui_undo_redo(t, true);
		break;
	case ACTION_EXPORT:
		tui_export_dialog(t);
		break;
	default:
		break;
	}
}

/* ---- opening the database ---------------------------------------------- */

static enum status seed_cb(struct txn *txn, void *arg)
{
	(void)arg;
	return refdata_seed(txn, PHASES_DEFAULT);
}

/* Opens the database, creating and seeding it when there is none. main() may
 * have opened it already (ctx->store set): then only a missing seed is added. */
static enum status open_db(struct cmd_ctx *ctx)
{
	char *dir = NULL;
	enum status st = STATUS_OK;
	if (ctx->store) {
		if (!store_initialised(ctx->store) && !store_readonly(ctx->store)) {
			st = store_write(ctx->store, seed_cb, NULL);
			if (st != STATUS_OK)
				goto out;
		}
	} else if (!ctx->readonly) {
		dir = store_default_dir(ctx->db_dir);
		struct store *s = NULL;
		st = store_open(dir, STORE_CREATE, &s);
		if (st == STATUS_OK && !store_initialised(s))
			st = store_write(s, seed_cb, NULL);
		store_close(s);
		if (st != STATUS_OK && st != STATUS_PERM)
			goto out;
	}
	st = cmd_open_store(ctx, ctx->readonly ? CMD_READS : CMD_READS | CMD_WRITES);
	if (st == STATUS_PERM && !ctx->readonly && !ctx->store) {
		/* No write permission: work read-only rather than not at all. */
		ctx->readonly = true;
		st = cmd_open_store(ctx, CMD_READS);
	}
out:
	free(dir);
	return st;
}

static bool database_empty(struct tui *t)
{
	struct txn *txn = NULL;
	size_t n = 1;
	if (store_read_begin(t->store, &txn) == STATUS_OK)
		store_project_count(txn, &n);
	store_txn_end(txn);
	return n == 0;
}

/* ---- entry ------------------------------------------------------------- */

static void tui_fini(struct tui *t)
{
	while (t->depth > 1)
		view_free(t->stack[--t->depth]);
	t->depth = 0;
	for (size_t i = 0; t->tops && i < tui_top_views_len; i++)
		view_free(t->tops[i]);
	free(t->tops);
	free(t->undo);
	free(t->redo);
	strv_fini(&t->cmd_history);
	strv_fini(&t->filter_history);
	strv_fini(&t->search_history);
	keymap_fini(&t->keys);
	theme_fini(&t->theme);
}

enum status tui_main(struct cmd_ctx *ctx, const struct tui_options *opts)
{
	static const struct tui_options no_opts = {0};
	if (!opts)
		opts = &no_opts;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return status_fail(STATUS_USAGE, _("the full-screen interface needs a terminal on stdin and stdout; "
						 "use a command instead (see 'ozgtui --help')"));
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return status_fail(STATUS_USAGE, _("the terminal type (TERM=%s) cannot run the full-screen interface; "
						 "use a command instead (see 'ozgtui --help')"),
				   term ? term : "");

	struct tui tt;
	struct tui *t = &tt;
	memset(t, 0, sizeof *t);
	keymap_init(&t->keys);
	theme_init(&t->theme);
	strv_init(&t->cmd_history);
	strv_init(&t->filter_history);
	strv_init(&t->search_history);
	t->ctx = ctx;
	t->opts = opts;

	struct strv theme_warnings;
	strv_init(&theme_warnings);
	enum status st = theme_load(&t->theme, opts->theme, &theme_warnings);
	if (st != STATUS_OK)
		goto out;
	keymap_load_defaults(&t->keys);
	/* the config file may name another key file */
	char *keys_path = opts->keys ? xstrdup(opts->keys) : keymap_user_path();
	keymap_load_file(&t->keys, keys_path);
	free(keys_path);

	store_role_action("interface");   /* names a refused change in history */
	st = open_db(ctx);
	if (st != STATUS_OK)
		goto out;
	t->store = ctx->store;
	t->cat = &ctx->catalog;
	t->tops = xcalloc(tui_top_views_len ? tui_top_views_len : 1, sizeof *t->tops);

	tui_screen = newterm(NULL, stdout, stdin);
	if (!tui_screen) {
		st = status_fail(STATUS_USAGE, _("cannot use the terminal type '%s'; use a command instead (see 'ozgtui --help')"),
				 term);
		goto out;
	}
	set_term(tui_screen);
	const char *cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		st = status_fail(STATUS_USAGE, _("the terminal type '%s' cannot address the cursor; use a command instead"),
				 term);
		goto out;
	}
	util_set_oom_hook(restore_terminal);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* screen-reader mode: the cursor is visible and rests on the focused item */
	curs_set(opts->a11y ? 1 : 0);
	if (opts->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	const char *no_color = getenv("NO_COLOR");
	t->color = opts->color > 0 || (opts->color == 0 && has_colors() && !(no_color && *no_color));
	if (t->color && !has_colors())
		t->color = false;
	apply_theme(t);
	wnoutrefresh(stdscr);
	layout(t);

	st = reload_catalog(t);
	if (st != STATUS_OK) {
		endwin();
		goto out;
	}
	switch_top(t, 0);
	if (database_empty(t))
		tui_message(t, THEME_STATUS, _("empty database — load the demo with: ozgtui init --demo"));
	if (theme_warnings.n)
		tui_message(t, THEME_STATUS_ERROR, _("theme: %s%s"), theme_warnings.v[0],
			    theme_warnings.n > 1 ? _(" (and more)") : "");
	if (t->keys.warnings.n)
		tui_message(t, THEME_STATUS_ERROR,
			    P_("key file: %zu problem (? lists it): %s", "key file: %zu problems (? lists them): %s",
			       t->keys.warnings.n),
			    t->keys.warnings.n, t->keys.warnings.v[0]);
	tui_drafts_offer(t);   /* edits a dropped session kept */

	t->last_poll_ms = now_ms();
	/* The top view's idle work (view.h) runs in slices of IDLE_SLICE_US
	 * while no key is waiting; a frame is drawn after a key, a reload, a
	 * timeout, or an idle slice that changed the screen. */
	bool draw = true, idle_more = true;
	while (!t->quit) {
		if (draw)
			tui_draw(t);
		draw = true;
		struct view *top = tui_top(t);
		bool idle = idle_more && top && top->ops->idle && top->loaded_gen == t->gen;
		uint64_t gen = t->gen;
		int key = tui_get_key(t, idle ? 0 : POLL_MS);
		if (now_ms() - t->last_poll_ms >= POLL_MS)
			poll_changes(t);
		if (key == TKEY_NONE && idle && t->gen == gen) {
			int64_t t0 = tui_clock_us(), c0 = trace_keys.f ? cpu_us() : 0;
			unsigned r = top->ops->idle(t, top, t0 + IDLE_SLICE_US);
			trace_idle(tui_clock_us() - t0, trace_keys.f ? cpu_us() - c0 : 0, r);
			idle_more = r & VIEW_IDLE_MORE;
			draw = r & VIEW_IDLE_DRAW;
			continue;
		}
		idle_more = true;
		if (key == TKEY_NONE || key == TKEY_RESIZE)
			continue;
		t->msg[0] = '\0';
		handle_key(t, key);
	}
	trace_close();
	endwin();
	st = STATUS_OK;
out:
	util_set_oom_hook(NULL);
	tui_fini(t);
	if (tui_screen) {
		delscreen(tui_screen);
		tui_screen = NULL;
	}
	strv_fini(&theme_warnings);
	return st;
}

/* ---- helpers for views ------------------------------------------------- */

const char *tui_verdict_word(bool representative)
{
	/* a symbol and a word: never colour alone */
	return representative ? _("✓ yes") : _("✗ no");
}

void tui_date(int32_t day, char out[static 11])
{
	if (day == 0) {
		snprintf(out, 11, "–");
		return;
	}
	/* the locale's date ("22.11.2026" in German), ISO where it would not fit */
	char loc[32];
	i18n_date(day, loc);
	if (loc[0] && strlen(loc) < 11)
		memcpy(out, loc, strlen(loc) + 1);
	else
		date_format(day, out);
}

const char *tui_org_name(const struct tui *t, const struct uuid *id)
{
	const struct organisation *o = catalog_org(t->cat, id);
	return o && o->name ? o->name : "–";
}
