/* view_snapshots.c - Stände: the saved snapshots, newest first, with a diff
 * screen. Enter: what changed from the selected snapshot to now; d: from the
 * snapshot before it to the selected one; n: save a new snapshot (name, note);
 * Delete: remove the selected name (asks first). Pushed from the export dialog.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/snapshot.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

struct srow {
	char *name;
	char *note;
	char *user;
	char when[17];        /* YYYY-MM-DD HH:MM */
	uint64_t revision;
};

struct sview {
	struct view v;
	struct srow *rows;    /* newest first */
	size_t n, cap;
	struct tui_list list;
	int page_rows;
};

static void rows_clear(struct sview *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].name);
		free(s->rows[i].note);
		free(s->rows[i].user);
	}
	s->n = 0;
}

static struct view *sv_open(struct tui *t, const char *arg)
{
	(void)t;
	(void)arg;
	struct sview *s = xcalloc(1, sizeof *s);
	s->page_rows = 10;
	return &s->v;
}

static void sv_close(struct view *v)
{
	struct sview *s = (struct sview *)v;
	rows_clear(s);
	free(s->rows);
	free(s);
}

static int add_row(const struct snapshot *snap, void *arg)
{
	struct sview *s = arg;
	xgrow((void **)&s->rows, &s->cap, s->n + 1, sizeof *s->rows);
	struct srow *r = &s->rows[s->n++];
	memset(r, 0, sizeof *r);
	r->name = xstrdup(snap->name);
	r->note = xstrdup(snap->note ? snap->note : "");
	r->user = xstrdup(snap->user ? snap->user : "");
	r->revision = snap->revision;
	char ts[21];
	time_format(snap->created, ts);
	snprintf(r->when, sizeof r->when, "%.10s %.5s", ts, ts + 11);
	return 0;
}

static enum status sv_load(struct tui *t, struct view *v, struct txn *txn)
{
	(void)t;
	struct sview *s = (struct sview *)v;
	char *keep = s->list.cur < s->n ? xstrdup(s->rows[s->list.cur].name) : NULL;
	rows_clear(s);
	enum status st = store_snapshot_each(txn, add_row, s);
	/* the store gives oldest first; show newest first */
	for (size_t i = 0; i < s->n / 2; i++) {
		struct srow tmp = s->rows[i];
		s->rows[i] = s->rows[s->n - 1 - i];
		s->rows[s->n - 1 - i] = tmp;
	}
	s->list.n = s->n;
	for (size_t i = 0; keep && i < s->n; i++)
		if (strcmp(s->rows[i].name, keep) == 0)
			s->list.cur = i;
	free(keep);
	tui_list_clamp(&s->list, s->page_rows);
	return st;
}

static void sv_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct sview *s = (struct sview *)v;
	int note_w = cols - (30 + 1 + 16 + 1 + 12 + 1);
	tui_put(t, w, 0, 0, _("Name"), 30, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 0, 31, _("Saved"), 16, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 0, 48, _("By"), 12, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 0, 61, _("Note"), note_w, THEME_HEADER, TUI_LEFT);
	int list_rows = rows - 2;
	s->page_rows = list_rows;
	tui_list_clamp(&s->list, list_rows);
	int cy = 1;
	for (int i = 0; i < list_rows && s->list.top + (size_t)i < s->n; i++) {
		size_t idx = s->list.top + (size_t)i;
		const struct srow *r = &s->rows[idx];
		bool sel = idx == s->list.cur;
		int y = 1 + i;
		if (sel) {
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
			cy = y;
		}
		enum theme_role role = sel ? THEME_SELECTED : THEME_NORMAL;
		tui_put(t, w, y, 0, r->name, 30, role, TUI_LEFT);
		tui_put(t, w, y, 31, r->when, 16, sel ? role : THEME_DIM, TUI_LEFT);
		tui_put(t, w, y, 48, r->user, 12, role, TUI_LEFT);
		tui_put(t, w, y, 61, r->note, note_w, sel ? role : THEME_DIM, TUI_LEFT);
	}
	if (s->n == 0)
		tui_put(t, w, 1, 0, _("no snapshot saved yet (n saves the current state)"), cols, THEME_DIM,
			TUI_LEFT);
	char foot[200];
	snprintf(foot, sizeof foot,
		 _("%zu snapshots · Enter: changes up to now · d: since the snapshot before · n: save · "
		   "Del: remove"),
		 s->n);
	tui_put(t, w, rows - 1, 0, foot, cols, THEME_DIM, TUI_LEFT);
	wmove(w, cy, 0);
}

/* The diff screen: from snapshot a (a name) to b (a name, or NULL = now). */
static void show_diff(struct tui *t, const char *a, const char *b)
{
	struct txn *txn = NULL;
	struct snapshot sa, sb;
	struct snapshot_diff d;
	struct buf text;
	char *la = NULL, *lb = NULL;
	snapshot_init(&sa);
	snapshot_init(&sb);
	snapshot_diff_init(&d);
	buf_init(&text);
	enum status st;
	if ((st = store_read_begin(t->store, &txn)) != STATUS_OK)
		goto out;
	if ((st = store_snapshot_get(txn, a, &sa)) != STATUS_OK)
		goto out;
	if (b && (st = store_snapshot_get(txn, b, &sb)) != STATUS_OK)
		goto out;
	if ((st = snapshot_diff_filtered(txn, t->cat, NULL, t->today, sa.revision, b ? sb.revision : SNAPSHOT_NOW,
					 &d)) != STATUS_OK)
		goto out;
	char day[11];
	tui_date(date_from_time(sa.created), day);
	la = xasprintf(_("snapshot '%s' (%s)"), sa.name, day);
	if (b) {
		tui_date(date_from_time(sb.created), day);
		lb = xasprintf(_("snapshot '%s' (%s)"), sb.name, day);
	} else {
		lb = xstrdup(_("now"));
	}
	snapshot_diff_text(&d, t->cat, la, lb, &text);
out:
	store_txn_end(txn);
	if (st == STATUS_OK) {
		char *title = xasprintf(_("Changes: %s → %s"), a, b ? b : _("now"));
		tui_pager(t, title, text.data ? text.data : "");
		free(title);
	} else {
		tui_message_status(t, st, _("diff"));
	}
	free(la);
	free(lb);
	snapshot_fini(&sa);
	snapshot_fini(&sb);
	snapshot_diff_fini(&d);
	buf_fini(&text);
}

static enum view_result save_new(struct tui *t)
{
	char day[11];
	date_format(t->today, day);
	char *initial = xasprintf("stand-%s", day);
	struct tui_prompt p = {.label = _("Name of the snapshot: "), .initial = initial};
	char *name = tui_prompt_run(t, &p);
	free(initial);
	if (!name)
		return VIEW_DRAW;
	text_trim(name);
	struct tui_prompt pn = {.label = _("Note (optional): ")};
	char *note = tui_prompt_run(t, &pn);
	if (!note) {
		free(name);
		return VIEW_DRAW;
	}
	struct snapshot saved;
	snapshot_init(&saved);
	enum status st = snapshot_save(t->store, name, note, &saved);
	enum view_result r = VIEW_DRAW;
	if (st == STATUS_OK) {
		tui_message(t, THEME_STATUS_OK, _("✓ snapshot “%s” saved (revision %" PRIu64 ")"), name,
			    saved.revision);
		r = VIEW_RELOAD;
	} else {
		tui_message_status(t, st, _("snapshot"));
	}
	snapshot_fini(&saved);
	free(name);
	free(note);
	return r;
}

static enum view_result remove_selected(struct tui *t, struct sview *s)
{
	if (s->list.cur >= s->n)
		return VIEW_DRAW;
	const char *name = s->rows[s->list.cur].name;
	char *q = xasprintf(_("Remove the snapshot “%s”? (the data stays, only the name goes)"), name);
	bool yes = tui_confirm(t, q);
	free(q);
	if (!yes)
		return VIEW_DRAW;
	char *copy = xstrdup(name);
	enum status st = snapshot_remove(t->store, copy);
	if (st == STATUS_OK)
		tui_message(t, THEME_STATUS_OK, _("✓ snapshot “%s” removed"), copy);
	else
		tui_message_status(t, st, _("snapshot"));
	free(copy);
	return st == STATUS_OK ? VIEW_RELOAD : VIEW_DRAW;
}

static enum view_result sv_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct sview *s = (struct sview *)v;
	if (tui_list_key(&s->list, a, s->page_rows))
		return VIEW_DRAW;
	switch (a) {
	case ACTION_ENTER:
		if (s->list.cur < s->n)
			show_diff(t, s->rows[s->list.cur].name, NULL);
		return VIEW_DRAW;
	case ACTION_SNAPSHOT_DIFF_PREV:
		if (s->list.cur + 1 < s->n)
			show_diff(t, s->rows[s->list.cur + 1].name, s->rows[s->list.cur].name);
		else if (s->list.cur < s->n)
			tui_message(t, THEME_STATUS, "%s", _("there is no snapshot before this one"));
		return VIEW_DRAW;
	case ACTION_SNAPSHOT_SAVE:
		return save_new(t);
	case ACTION_SNAPSHOT_REMOVE:
		return remove_selected(t, s);
	default:
		return VIEW_UNHANDLED;
	}
}

const struct view_ops view_snapshots = {
	.name = "snapshots",
	.title = N_("Snapshots"),
	.context = KEYCTX_SNAPSHOTS,
	.open = sv_open,
	.load = sv_load,
	.draw = sv_draw,
	.key = sv_key,
	.close = sv_close,
};
