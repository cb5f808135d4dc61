/* export_dialog.c - `x`: the export dialog. Format, CSV table, scope (the
 * projects marked in the view it was opened from, else that view's filter, or
 * all projects), state (now or a
 * snapshot) and file name, one row each; the last row writes the file, as
 * atomically as `export -o`. `s` opens the list of snapshots (view_snapshots.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ozgtui/export.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

enum row { ROW_FORMAT, ROW_TABLE, ROW_SCOPE, ROW_STATE, ROW_FILE, ROW_RUN, ROW__COUNT };

struct xview {
	struct view v;
	char *filter;              /* the filter of the view below; NULL = none */
	enum export_format format;
	enum export_table table;
	bool use_filter;
	struct strv snapshots;     /* names, newest first */
	size_t state;              /* 0 = now, else snapshots.v[state - 1] */
	char *file;
	bool file_is_default;      /* follows format and table until edited */
	struct tui_list list;
};

static const char *const ext[EXPORT__COUNT] = {"json", "csv", "md", "html"};

static void default_file(struct xview *x)
{
	char day[11];
	date_format(clock_today(), day);
	free(x->file);
	if (x->format == EXPORT_CSV)
		x->file = xasprintf("ozgtui-%s-%s.csv", export_table_code(x->table), day);
	else
		x->file = xasprintf("ozgtui-%s.%s", day, ext[x->format]);
	x->file_is_default = true;
}

static struct view *xv_open(struct tui *t, const char *arg)
{
	(void)t;
	struct xview *x = xcalloc(1, sizeof *x);
	x->filter = arg && *arg ? xstrdup(arg) : NULL;
	x->use_filter = x->filter != NULL;
	x->format = EXPORT_HTML;
	x->table = EXPORT_TABLE_PROJECTS;
	strv_init(&x->snapshots);
	x->list.n = ROW__COUNT;
	x->list.cur = ROW_RUN;
	x->v.subtitle = x->filter ? xstrdup(x->filter) : NULL;
	default_file(x);
	return &x->v;
}

static void xv_close(struct view *v)
{
	struct xview *x = (struct xview *)v;
	free(x->filter);
	free(x->file);
	strv_fini(&x->snapshots);
	free(x);
}

static int add_name(const struct snapshot *s, void *arg)
{
	strv_push(arg, s->name);
	return 0;
}

static enum status xv_load(struct tui *t, struct view *v, struct txn *txn)
{
	(void)t;
	struct xview *x = (struct xview *)v;
	char *chosen = x->state ? xstrdup(x->snapshots.v[x->state - 1]) : NULL;
	struct strv oldest_first;
	strv_init(&oldest_first);
	enum status st = store_snapshot_each(txn, add_name, &oldest_first);
	strv_fini(&x->snapshots);
	strv_init(&x->snapshots);
	for (size_t i = oldest_first.n; i-- > 0;)
		strv_push(&x->snapshots, oldest_first.v[i]);
	strv_fini(&oldest_first);
	/* keep the chosen snapshot by name; a removed one falls back to now */
	x->state = 0;
	for (size_t i = 0; chosen && i < x->snapshots.n; i++)
		if (strcmp(x->snapshots.v[i], chosen) == 0)
			x->state = i + 1;
	free(chosen);
	return st;
}

static const char *format_label(enum export_format f)
{
	switch (f) {
	case EXPORT_JSON: return _("json – the whole document (for import)");
	case EXPORT_CSV: return _("csv – a table for the spreadsheet");
	case EXPORT_MD: return _("md – report for committees (Markdown)");
	case EXPORT_HTML: return _("html – page with the overview, to print and hand out");
	case EXPORT__COUNT: break;
	}
	return "";
}

static void xv_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct xview *x = (struct xview *)v;
	static const char *const labels[ROW__COUNT] = {N_("Format"), N_("Table"), N_("Scope"), N_("State"), N_("File"), ""};
	const int lw = 10, vx = 12;
	tui_put(t, w, 0, 0, _("Export: choose format, scope and file"), cols, THEME_SECTION, TUI_LEFT);
	for (int r = 0; r < ROW__COUNT; r++) {
		int y = 2 + r * 2;
		if (y >= rows - 2)
			break;
		bool sel = (size_t)r == x->list.cur;
		bool off = (r == ROW_TABLE && x->format != EXPORT_CSV) || (r == ROW_SCOPE && !x->filter);
		struct buf val;
		buf_init(&val);
		switch ((enum row)r) {
		case ROW_FORMAT: buf_puts(&val, format_label(x->format)); break;
		case ROW_TABLE:
			buf_puts(&val, x->format == EXPORT_CSV ? export_table_code(x->table) : _("(for csv only)"));
			break;
		case ROW_SCOPE:
			if (!x->filter)
				buf_puts(&val, _("all projects (the view has no filter)"));
			else if (x->use_filter)
				buf_printf(&val, _("the view's filter: %s"), x->filter);
			else
				buf_puts(&val, _("all projects"));
			break;
		case ROW_STATE:
			if (x->state)
				buf_printf(&val, _("snapshot “%s”"), x->snapshots.v[x->state - 1]);
			else
				buf_printf(&val, _("current state (%zu saved snapshots: s)"), x->snapshots.n);
			break;
		case ROW_FILE: buf_puts(&val, x->file); break;
		case ROW_RUN: buf_puts(&val, _("[ Export ]")); break;
		case ROW__COUNT: break;
		}
		if (sel)
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
		enum theme_role role = sel ? THEME_SELECTED : off ? THEME_DIM : THEME_NORMAL;
		tui_put(t, w, y, 0, labels[r][0] ? _(labels[r]) : "", lw, sel ? role : THEME_LABEL, TUI_LEFT);
		tui_put(t, w, y, r == ROW_RUN ? 0 : vx, val.data ? val.data : "", cols - (r == ROW_RUN ? 0 : vx),
			role, TUI_LEFT);
		buf_fini(&val);
	}
	tui_put(t, w, rows - 1, 0,
		_("↑↓ row · ←→/Space change · Enter: edit the file or export · s: snapshots · q: back"),
		cols, THEME_DIM, TUI_LEFT);
	wmove(w, 2 + (int)x->list.cur * 2, 0);
}

static void cycle(struct xview *x, int dir)
{
	switch ((enum row)x->list.cur) {
	case ROW_FORMAT:
		x->format = (enum export_format)(((int)x->format + EXPORT__COUNT + dir) % EXPORT__COUNT);
		break;
	case ROW_TABLE:
		if (x->format == EXPORT_CSV)
			x->table = (enum export_table)(((int)x->table + EXPORT_TABLE__COUNT + dir) % EXPORT_TABLE__COUNT);
		break;
	case ROW_SCOPE:
		if (x->filter)
			x->use_filter = !x->use_filter;
		break;
	case ROW_STATE: {
		size_t n = x->snapshots.n + 1;
		x->state = (x->state + n + (size_t)(dir < 0 ? n - 1 : 1)) % n;
		break;
	}
	default:
		return;
	}
	if (x->file_is_default)
		default_file(x);
}

static void edit_file(struct tui *t, struct xview *x)
{
	struct tui_prompt p = {.label = _("File: "), .initial = x->file};
	char *s = tui_prompt_run(t, &p);
	if (!s)
		return;
	text_trim(s);
	if (!*s) {
		free(s);
		default_file(x);
		return;
	}
	free(x->file);
	x->file = s;
	x->file_is_default = false;
}

struct job {
	struct txn *txn;
	const struct catalog *c;
	const struct export_opts *o;
};

static enum status write_job(FILE *out, void *arg)
{
	struct job *j = arg;
	return export_run(j->txn, j->c, j->o, out);
}

static void run_export(struct tui *t, struct xview *x)
{
	struct stat sb;
	if (stat(x->file, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			tui_message(t, THEME_STATUS_ERROR, _("✗ %s is a directory"), x->file);
			return;
		}
		char *q = xasprintf(_("%s exists already. Overwrite?"), x->file);
		bool yes = tui_confirm(t, q);
		free(q);
		if (!yes)
			return;
	}
	struct export_opts o = {.format = x->format, .table = x->table};
	struct filter *filter = NULL;
	struct snapshot snap;
	struct txn *txn = NULL;
	snapshot_init(&snap);
	enum status st = STATUS_OK;
	if (x->filter && x->use_filter) {
		if ((st = filter_compile(x->filter, t->cat, &filter)) != STATUS_OK)
			goto out;
		o.filter = filter;
		o.filter_text = x->filter;
	}
	if ((st = store_read_begin(t->store, &txn)) != STATUS_OK)
		goto out;
	if (x->state) {
		if ((st = store_snapshot_get(txn, x->snapshots.v[x->state - 1], &snap)) != STATUS_OK)
			goto out;
		o.snapshot = &snap;
	}
	struct job job = {txn, t->cat, &o};
	st = export_write_atomic(x->file, write_job, &job);
out:
	store_txn_end(txn);
	filter_free(filter);
	snapshot_fini(&snap);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("export"));
		return;
	}
	long long size = stat(x->file, &sb) == 0 ? (long long)sb.st_size : 0;
	char *abs = realpath(x->file, NULL);
	char bytes[32];
	i18n_number((unsigned long long)size, bytes);
	tui_message(t, THEME_STATUS_OK, _("✓ %s written (%s bytes)"), abs ? abs : x->file, bytes);
	free(abs);
}

static enum view_result xv_key(struct tui *t, struct view *v, enum action a, int key)
{
	struct xview *x = (struct xview *)v;
	if (a == ACTION_UP || a == ACTION_DOWN || a == ACTION_HOME || a == ACTION_END) {
		tui_list_key(&x->list, a, ROW__COUNT);
		return VIEW_DRAW;
	}
	if (a == ACTION_LEFT || a == ACTION_RIGHT || key == ' ') {
		cycle(x, a == ACTION_LEFT ? -1 : 1);
		return VIEW_DRAW;
	}
	if (a == ACTION_SNAPSHOTS) {
		tui_push(t, &view_snapshots, NULL);
		return VIEW_DRAW;
	}
	if (a == ACTION_ENTER) {
		switch ((enum row)x->list.cur) {
		case ROW_FILE: edit_file(t, x); break;
		case ROW_RUN: run_export(t, x); break;
		default: cycle(x, 1); break;
		}
		return VIEW_DRAW;
	}
	return VIEW_UNHANDLED;
}

const struct view_ops view_export = {
	.name = "export",
	.title = N_("Export"),
	.context = KEYCTX_EXPORT,
	.open = xv_open,
	.load = xv_load,
	.draw = xv_draw,
	.key = xv_key,
	.close = xv_close,
};

enum view_result tui_export_dialog(struct tui *t)
{
	/* the filter of the view it is opened from: the projects list and the
	 * board show theirs as the subtitle */
	struct view *below = tui_top(t);
	const char *filter = NULL;
	if (below && below->subtitle &&
	    (strcmp(below->ops->name, "projects") == 0 || strcmp(below->ops->name, "board") == 0))
		filter = below->subtitle;
	if (below && below->ops == &view_export)
		return VIEW_DRAW;
	/* Marked projects are the scope when there are any: as a filter of their
	 * numbers, so the export runs the same path as every other scope. */
	struct buf marked;
	buf_init(&marked);
	const struct uuid *marks = NULL;
	size_t n_marks = below && below->ops->marked ? below->ops->marked(below, &marks) : 0;
	struct txn *txn = NULL;
	if (n_marks && store_read_begin(t->store, &txn) == STATUS_OK) {
		struct project p;
		project_init(&p);
		for (size_t i = 0; i < n_marks; i++)
			if (store_project_get(txn, &marks[i], &p) == STATUS_OK)
				buf_printf(&marked, "%s%u", marked.len ? "," : "number:", p.number);
		project_fini(&p);
		store_txn_end(txn);
	}
	tui_push(t, &view_export, marked.len ? marked.data : filter);
	buf_fini(&marked);
	return VIEW_DRAW;
}
