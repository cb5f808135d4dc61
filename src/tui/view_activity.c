/* view_activity.c - view 5, Aktivität: recent changes by everyone (who, when,
 * what), newest first, from the history. Enter opens the project concerned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

#define ACTIVITY_LIMIT 500

struct arow {
	char when[17];        /* YYYY-MM-DD HH:MM */
	char *user;
	uint32_t number;
	struct uuid entity;
	bool is_project;
	char *what;           /* action, summary, override and reason */
	bool forced;
};

struct aview {
	struct view v;
	struct arow *rows;
	size_t n, cap;
	struct tui_list list;
	int page_rows;
};

static void arows_clear(struct aview *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->rows[i].user);
		free(a->rows[i].what);
	}
	a->n = 0;
}

static struct view *act_open(struct tui *t, const char *arg)
{
	(void)t;
	(void)arg;
	struct aview *a = xcalloc(1, sizeof *a);
	a->page_rows = 10;
	return &a->v;
}

static void act_close(struct view *v)
{
	struct aview *a = (struct aview *)v;
	arows_clear(a);
	free(a->rows);
	free(a);
}

static int add_entry(const struct history_entry *e, void *arg)
{
	struct aview *a = arg;
	xgrow((void **)&a->rows, &a->cap, a->n + 1, sizeof *a->rows);
	struct arow *r = &a->rows[a->n++];
	memset(r, 0, sizeof *r);
	char ts[21];
	time_format(e->time, ts);
	snprintf(r->when, sizeof r->when, "%.10s %.5s", ts, ts + 11);
	r->user = xstrdup(e->user ? e->user : "?");
	r->number = e->project_number;
	r->entity = e->entity_id;
	r->is_project = e->entity && strcmp(e->entity, "project") == 0 && !uuid_is_nil(&e->entity_id);
	r->forced = e->forced;
	struct buf b;
	buf_init(&b);
	/* The summary says what happened in words ("team: + Olpe (member)");
	 * the bare action code is shown only where there is none. */
	if (e->summary && *e->summary)
		buf_puts(&b, e->summary);
	else
		buf_puts(&b, e->action ? e->action : "");
	if (e->forced)
		buf_puts(&b, _(" [gate overridden]"));
	if (e->reason && *e->reason)
		buf_printf(&b, _(" — reason: %s"), e->reason);
	r->what = buf_steal(&b);
	buf_fini(&b);
	return 0;
}

static enum status act_load(struct tui *t, struct view *v, struct txn *txn)
{
	(void)t;
	struct aview *a = (struct aview *)v;
	/* keep the cursor on the same entry counted from the oldest shown */
	size_t from_end = a->n > a->list.cur ? a->n - a->list.cur : 0;
	bool at_top = a->list.cur == 0;
	arows_clear(a);
	enum status st = store_history_each(txn, ACTIVITY_LIMIT, add_entry, a);
	a->list.n = a->n;
	if (!at_top && from_end && from_end <= a->n)
		a->list.cur = a->n - from_end;
	tui_list_clamp(&a->list, a->page_rows);
	return st;
}

static void act_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct aview *a = (struct aview *)v;
	int what_w = cols - (16 + 1 + 12 + 1 + 5 + 1);
	tui_put(t, w, 0, 0, _("When"), 16, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 0, 17, _("Who"), 12, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 0, 30, _("No"), 5, THEME_HEADER, TUI_RIGHT);
	tui_put(t, w, 0, 36, _("What"), what_w, THEME_HEADER, TUI_LEFT);
	int list_rows = rows - 2;
	a->page_rows = list_rows;
	tui_list_clamp(&a->list, list_rows);
	int cy = 1;
	for (int i = 0; i < list_rows && a->list.top + (size_t)i < a->n; i++) {
		size_t idx = a->list.top + (size_t)i;
		const struct arow *r = &a->rows[idx];
		bool sel = idx == a->list.cur;
		int y = 1 + i;
		if (sel) {
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
			cy = y;
		}
		enum theme_role role = sel ? THEME_SELECTED : THEME_NORMAL;
		char num[16] = "";
		if (r->number)
			snprintf(num, sizeof num, "%u", r->number);
		tui_put(t, w, y, 0, r->when, 16, sel ? role : THEME_DIM, TUI_LEFT);
		tui_put(t, w, y, 17, r->user, 12, role, TUI_LEFT);
		tui_put(t, w, y, 30, num, 5, role, TUI_RIGHT);
		tui_put(t, w, y, 36, r->what, what_w, sel ? role : r->forced ? THEME_LATE : THEME_NORMAL, TUI_LEFT);
	}
	if (a->n == 0)
		tui_put(t, w, 1, 0, _("no changes recorded yet"), cols, THEME_DIM, TUI_LEFT);
	char foot[128];
	snprintf(foot, sizeof foot, _("%zu changes, newest first · Enter: the project concerned"), a->n);
	tui_put(t, w, rows - 1, 0, foot, cols, THEME_DIM, TUI_LEFT);
	wmove(w, cy, 0);
}

static enum view_result act_key(struct tui *t, struct view *v, enum action act, int key)
{
	(void)key;
	struct aview *a = (struct aview *)v;
	if (tui_list_key(&a->list, act, a->page_rows))
		return VIEW_DRAW;
	if (act == ACTION_ENTER && a->list.cur < a->n) {
		const struct arow *r = &a->rows[a->list.cur];
		if (!r->is_project) {
			tui_message(t, THEME_STATUS, _("this change is not about one project"));
			return VIEW_DRAW;
		}
		char id[37];
		uuid_format(&r->entity, id);
		tui_push(t, &view_detail, id);
		return VIEW_DRAW;
	}
	return VIEW_UNHANDLED;
}

static struct tui_list *act_mouse_list(struct view *v, int *first_row)
{
	*first_row = 1;   /* below the column headers */
	return &((struct aview *)v)->list;
}

const struct view_ops view_activity = {
	.mouse_list = act_mouse_list,
	.name = "activity",
	.title = N_("Activity"),
	.context = KEYCTX_ACTIVITY,
	.open = act_open,
	.load = act_load,
	.draw = act_draw,
	.key = act_key,
	.close = act_close,
};
