/* view_projects.c - view 2, Projekte: a sortable, filterable table of projects
 * with incremental search, marks, and moves through phases. Opened with a
 * filter expression as its argument (from the dashboard) or none. */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/filter.h"
#include "ozgtui/rules.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

enum pcol { PC_NUMBER, PC_TITLE, PC_FIELD, PC_PHASE, PC_LEAD, PC_TEAM, PC_PRIO, PC_NEXT, PC_CHANGED, PC__COUNT };

static const struct {
	const char *title;
	int width;        /* 0: takes the rest */
	int drop;         /* dropped first when narrow: higher drops earlier; 0 never */
	enum tui_align align;
} columns[PC__COUNT] = {
	[PC_NUMBER] = {N_("No"), 4, 0, TUI_RIGHT},
	[PC_TITLE] = {N_("Title"), 0, 0, TUI_LEFT},
	[PC_FIELD] = {N_("Topic field"), 16, 2, TUI_LEFT},
	[PC_PHASE] = {N_("Phase"), 12, 0, TUI_LEFT},
	[PC_LEAD] = {N_("Lead"), 14, 1, TUI_LEFT},
	[PC_TEAM] = {N_("Team"), 6, 0, TUI_LEFT},
	[PC_PRIO] = {N_("Prio"), 4, 0, TUI_RIGHT},
	[PC_NEXT] = {N_("Next"), 11, 0, TUI_LEFT},
	[PC_CHANGED] = {N_("Changed"), 10, 3, TUI_LEFT},
};
#define TITLE_MIN 18

struct prow {
	struct uuid id;
	uint32_t number;
	char *title;
	char *folded;        /* title and number for search */
	char *field;
	int phase_pos;
	char *phase;
	char *lead;
	bool rep;
	uint8_t prio;
	int32_t next;
	bool late;
	int64_t updated;
};

struct pview {
	struct view v;
	char *expr;
	struct prow *rows;
	size_t n, cap;
	struct tui_list list;
	enum pcol sort;
	bool reverse;
	struct tui_marks marks;
	char *search;
	size_t search_origin;
	int page_rows;
	bool reset_selection;   /* the filter changed: start at the top */
	/* during load */
	struct filter *filter;
	struct tui *t;
	enum status load_st;
};

static void rows_clear(struct pview *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->rows[i].title);
		free(p->rows[i].folded);
		free(p->rows[i].field);
		free(p->rows[i].phase);
		free(p->rows[i].lead);
	}
	p->n = 0;
}

static struct view *proj_open(struct tui *t, const char *arg)
{
	(void)t;
	struct pview *p = xcalloc(1, sizeof *p);
	p->expr = xstrdup(arg ? arg : "");
	if (*p->expr)
		p->v.subtitle = xstrdup(p->expr);
	p->sort = PC_NUMBER;
	p->page_rows = 10;
	return &p->v;
}

static void proj_close(struct view *v)
{
	struct pview *p = (struct pview *)v;
	rows_clear(p);
	free(p->rows);
	tui_marks_fini(&p->marks);
	free(p->expr);
	free(p->search);
	free(p);
}

static int add_row(const struct project *pr, void *arg)
{
	struct pview *p = arg;
	struct tui *t = p->t;
	const struct catalog *c = t->cat;
	if (p->filter && !filter_match(p->filter, c, pr, t->today))
		return 0;
	xgrow((void **)&p->rows, &p->cap, p->n + 1, sizeof *p->rows);
	struct prow *r = &p->rows[p->n++];
	memset(r, 0, sizeof *r);
	r->id = pr->id;
	r->number = pr->number;
	r->title = xstrdup(pr->title ? pr->title : "");
	char *f = text_fold(r->title);
	r->folded = xasprintf("%u %s", pr->number, f);
	free(f);
	const struct topic_field *tf = pr->field ? catalog_field(c, pr->field) : NULL;
	r->field = xstrdup(tf && tf->name ? tf->name : "–");
	const struct phase *ph = catalog_phase(c, pr->phase);
	r->phase = xstrdup(ph ? ph->name : "?");
	r->phase_pos = phase_list_index(&c->phases, pr->phase);
	const struct member *lead = project_lead(pr);
	r->lead = xstrdup(lead ? tui_org_name(t, &lead->org) : "–");
	r->rep = rules_check_team(c, pr).representative;
	r->prio = pr->priority;
	r->next = rules_next_planned(&c->phases, pr);
	r->late = rules_late_phase(&c->phases, pr, t->today) != 0;
	r->updated = pr->updated;
	return 0;
}

static int cmp_rows(const struct prow *a, const struct prow *b, enum pcol col)
{
	int c = 0;
	switch (col) {
	case PC_NUMBER:
		break;
	case PC_TITLE:
		c = strcmp(a->folded + strcspn(a->folded, " "), b->folded + strcspn(b->folded, " "));
		break;
	case PC_FIELD:
		c = strcmp(a->field, b->field);
		break;
	case PC_PHASE:
		c = (a->phase_pos > b->phase_pos) - (a->phase_pos < b->phase_pos);
		break;
	case PC_LEAD:
		c = strcmp(a->lead, b->lead);
		break;
	case PC_TEAM:
		c = (int)a->rep - (int)b->rep;
		break;
	case PC_PRIO:
		c = (int)b->prio - (int)a->prio;   /* highest first */
		break;
	case PC_NEXT:
		/* projects without a date last */
		c = (a->next == 0) - (b->next == 0);
		if (!c)
			c = (a->next > b->next) - (a->next < b->next);
		break;
	case PC_CHANGED:
		c = (a->updated < b->updated) - (a->updated > b->updated);   /* newest first */
		break;
	case PC__COUNT:
		break;
	}
	if (!c)
		c = (a->number > b->number) - (a->number < b->number);
	return c;
}

static struct pview *sort_view;
static int cmp_qsort(const void *x, const void *y)
{
	int c = cmp_rows(x, y, sort_view->sort);
	return sort_view->reverse ? -c : c;
}

static void sort_rows(struct pview *p)
{
	struct uuid sel;
	bool have = p->list.cur < p->n;
	if (have)
		sel = p->rows[p->list.cur].id;
	sort_view = p;
	if (p->n > 1)
		qsort(p->rows, p->n, sizeof *p->rows, cmp_qsort);
	sort_view = NULL;
	if (have)
		for (size_t i = 0; i < p->n; i++)
			if (uuid_cmp(&p->rows[i].id, &sel) == 0)
				p->list.cur = i;
}

static enum status proj_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct pview *p = (struct pview *)v;
	struct uuid sel;
	bool have = p->list.cur < p->n && !p->reset_selection;
	if (have)
		sel = p->rows[p->list.cur].id;
	size_t old_cur = p->reset_selection ? 0 : p->list.cur;
	p->reset_selection = false;
	rows_clear(p);
	enum status st = filter_compile(p->expr, t->cat, &p->filter);
	if (st != STATUS_OK) {
		tui_message(t, THEME_STATUS_ERROR, "%s", status_detail());
		p->filter = NULL;
		p->list.n = 0;
		return STATUS_OK;
	}
	p->t = t;
	st = store_project_each(txn, add_row, p);
	filter_free(p->filter);
	p->filter = NULL;
	p->list.n = p->n;
	p->list.cur = 0;
	sort_rows(p);
	/* keep the selection on the same project; else near the old position */
	p->list.cur = old_cur < p->n ? old_cur : (p->n ? p->n - 1 : 0);
	if (have)
		for (size_t i = 0; i < p->n; i++)
			if (uuid_cmp(&p->rows[i].id, &sel) == 0)
				p->list.cur = i;
	tui_list_clamp(&p->list, p->page_rows);
	return st;
}

/* Which columns fit and how wide each is. */
static void layout_columns(int cols, bool visible[PC__COUNT], int width[PC__COUNT])
{
	for (int i = 0; i < PC__COUNT; i++) {
		visible[i] = true;
		width[i] = columns[i].width;
	}
	for (;;) {
		int used = 2;   /* mark column and its space */
		for (int i = 0; i < PC__COUNT; i++)
			if (visible[i] && i != PC_TITLE)
				used += width[i] + 1;
		int title = cols - used;
		if (title >= TITLE_MIN) {
			width[PC_TITLE] = title;
			return;
		}
		int drop = -1;
		for (int i = 0; i < PC__COUNT; i++)
			if (visible[i] && columns[i].drop && (drop < 0 || columns[i].drop > columns[drop].drop))
				drop = i;
		if (drop < 0) {
			width[PC_TITLE] = title > 4 ? title : 4;
			return;
		}
		visible[drop] = false;
	}
}

static void cell_text(const struct tui *t, const struct prow *r, enum pcol c, char *out, size_t n, const char **s)
{
	*s = out;
	out[0] = '\0';
	switch (c) {
	case PC_NUMBER:
		snprintf(out, n, "%u", r->number);
		break;
	case PC_TITLE:
		*s = r->title;
		break;
	case PC_FIELD:
		*s = r->field;
		break;
	case PC_PHASE:
		*s = r->phase;
		break;
	case PC_LEAD:
		*s = r->lead;
		break;
	case PC_TEAM:
		*s = tui_verdict_word(r->rep);
		break;
	case PC_PRIO:
		if (r->prio)
			snprintf(out, n, "%u", r->prio);
		else
			snprintf(out, n, "–");
		break;
	case PC_NEXT: {
		char d[11];
		tui_date(r->next, d);
		snprintf(out, n, "%s%s", r->late ? "!" : " ", d);
		break;
	}
	case PC_CHANGED: {
		char d[11];
		tui_date(r->updated ? date_from_time(r->updated) : 0, d);
		snprintf(out, n, "%s", d);
		break;
	}
	case PC__COUNT:
		break;
	}
	(void)t;
}

static void proj_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct pview *p = (struct pview *)v;
	bool visible[PC__COUNT];
	int width[PC__COUNT];
	layout_columns(cols, visible, width);
	int x = 2;
	for (int c = 0; c < PC__COUNT; c++) {
		if (!visible[c])
			continue;
		char h[64];
		snprintf(h, sizeof h, "%s%s", _(columns[c].title), (int)p->sort == c ? (p->reverse ? "▼" : "▲") : "");
		tui_put(t, w, 0, x, h, width[c], THEME_HEADER, columns[c].align);
		x += width[c] + 1;
	}
	int list_rows = rows - 2;
	p->page_rows = list_rows;
	tui_list_clamp(&p->list, list_rows);
	int cursor_y = 1;
	for (int i = 0; i < list_rows && p->list.top + (size_t)i < p->n; i++) {
		size_t idx = p->list.top + (size_t)i;
		const struct prow *r = &p->rows[idx];
		bool sel = idx == p->list.cur;
		bool marked = tui_marks_has(&p->marks, &r->id);
		int y = 1 + i;
		if (sel) {
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
			cursor_y = y;
		}
		tui_put(t, w, y, 0, marked ? "*" : " ", 1, sel ? THEME_SELECTED : THEME_MARKED, TUI_LEFT);
		x = 2;
		for (int c = 0; c < PC__COUNT; c++) {
			if (!visible[c])
				continue;
			char buf[64];
			const char *s;
			cell_text(t, r, (enum pcol)c, buf, sizeof buf, &s);
			enum theme_role role = THEME_NORMAL;
			if (c == PC_TEAM)
				role = r->rep ? THEME_OK : THEME_BAD;
			else if (c == PC_NEXT && r->late)
				role = THEME_LATE;
			else if (marked)
				role = THEME_MARKED;
			tui_put(t, w, y, x, s, width[c], sel ? THEME_SELECTED : role, columns[c].align);
			x += width[c] + 1;
		}
	}
	if (p->n == 0)
		tui_put(t, w, 1, 2, *p->expr ? "no project matches the filter (f edits it)" : "no projects yet", cols - 2,
			THEME_DIM, TUI_LEFT);
	struct buf fb;
	buf_init(&fb);
	buf_printf(&fb, P_("%zu project", "%zu projects", p->n), p->n);
	if (*p->expr)
		buf_printf(&fb, " · filter: %s", p->expr);
	if (p->marks.n)
		buf_printf(&fb, " · %zu marked", p->marks.n);
	buf_printf(&fb, " · %s", _("! late · ✓/✗ team representative"));
	tui_put(t, w, rows - 1, 0, fb.data, cols, THEME_DIM, TUI_LEFT);
	buf_fini(&fb);
	wmove(w, cursor_y, 0);
}

/* Finds the next row from start (inclusive) in direction dir that matches s. */
static bool find_match(struct pview *p, const char *s, size_t start, int dir, size_t *out)
{
	if (!s || !*s || p->n == 0)
		return false;
	char *needle = text_fold(s);
	bool found = false;
	for (size_t k = 0; k < p->n; k++) {
		size_t i = dir > 0 ? (start + k) % p->n : (start + p->n - k) % p->n;
		if (strstr(p->rows[i].folded, needle)) {
			*out = i;
			found = true;
			break;
		}
	}
	free(needle);
	return found;
}

static void search_changed(struct tui *t, const char *text, void *arg)
{
	struct pview *p = arg;
	size_t i;
	if (find_match(p, text, p->search_origin, 1, &i)) {
		p->list.cur = i;
		tui_list_clamp(&p->list, p->page_rows);
		t->msg[0] = '\0';
	} else if (*text) {
		tui_message(t, THEME_STATUS_ERROR, "not found: %s", text);
	}
}

static enum view_result do_search(struct tui *t, struct pview *p)
{
	p->search_origin = p->list.cur;
	struct tui_prompt pr = {.label = "/", .history = &t->search_history, .changed = search_changed, .arg = p};
	char *s = tui_prompt_run(t, &pr);
	if (!s) {
		p->list.cur = p->search_origin;
		tui_list_clamp(&p->list, p->page_rows);
		return VIEW_DRAW;
	}
	free(p->search);
	p->search = s;
	size_t i;
	if (*s && !find_match(p, s, p->search_origin, 1, &i))
		tui_message(t, THEME_STATUS_ERROR, "not found: %s", s);
	return VIEW_DRAW;
}

static enum view_result search_again(struct tui *t, struct pview *p, int dir)
{
	if (!p->search || !*p->search) {
		tui_message(t, THEME_STATUS_ERROR, "no search yet: / searches");
		return VIEW_DRAW;
	}
	size_t i;
	size_t start = dir > 0 ? p->list.cur + 1 : (p->list.cur + p->n - 1);
	if (p->n && find_match(p, p->search, start % p->n, dir, &i)) {
		if ((dir > 0 && i <= p->list.cur) || (dir < 0 && i >= p->list.cur))
			tui_message(t, THEME_STATUS, "search wrapped: %s", p->search);
		p->list.cur = i;
		tui_list_clamp(&p->list, p->page_rows);
	} else {
		tui_message(t, THEME_STATUS_ERROR, "not found: %s", p->search);
	}
	return VIEW_DRAW;
}

static enum view_result edit_filter(struct tui *t, struct pview *p)
{
	char *text = xstrdup(p->expr);
	char *error = NULL;
	for (;;) {
		struct tui_prompt pr = {.label = "Filter: ", .initial = text, .error = error,
					.history = &t->filter_history};
		char *s = tui_prompt_run(t, &pr);
		free(error);
		error = NULL;
		if (!s)
			break;
		struct filter *f = NULL;
		enum status st = filter_compile(s, t->cat, &f);
		filter_free(f);
		if (st == STATUS_OK) {
			free(p->expr);
			p->expr = s;
			free(p->v.subtitle);
			p->v.subtitle = *s ? xstrdup(s) : NULL;
			p->list.cur = 0;
			p->list.top = 0;
			p->reset_selection = true;
			free(text);
			return VIEW_RELOAD;
		}
		error = xstrdup(*status_detail() ? status_detail() : status_message(st));
		free(text);
		text = s;
	}
	free(text);
	return VIEW_DRAW;
}

static enum view_result proj_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct pview *p = (struct pview *)v;
	if (tui_list_key(&p->list, a, p->page_rows))
		return VIEW_DRAW;
	const struct prow *cur = p->list.cur < p->n ? &p->rows[p->list.cur] : NULL;
	switch (a) {
	case ACTION_ENTER:
		if (cur) {
			char id[37];
			uuid_format(&cur->id, id);
			tui_push(t, &view_detail, id);
		}
		return VIEW_DRAW;
	case ACTION_SORT:
		p->sort = (enum pcol)((p->sort + 1) % PC__COUNT);
		sort_rows(p);
		tui_list_clamp(&p->list, p->page_rows);
		tui_message(t, THEME_STATUS, "sorted by %s%s", _(columns[p->sort].title), p->reverse ? ", reversed" : "");
		return VIEW_DRAW;
	case ACTION_SORT_REVERSE:
		p->reverse = !p->reverse;
		sort_rows(p);
		tui_list_clamp(&p->list, p->page_rows);
		return VIEW_DRAW;
	case ACTION_FILTER:
		return edit_filter(t, p);
	case ACTION_SEARCH:
		return do_search(t, p);
	case ACTION_SEARCH_NEXT:
		return search_again(t, p, 1);
	case ACTION_SEARCH_PREV:
		return search_again(t, p, -1);
	case ACTION_MARK:
		if (cur) {
			tui_marks_toggle(&p->marks, &cur->id);
			if (p->list.cur + 1 < p->n)
				p->list.cur++;
			tui_list_clamp(&p->list, p->page_rows);
		}
		return VIEW_DRAW;
	case ACTION_MARK_CLEAR:
		p->marks.n = 0;
		return VIEW_DRAW;
	case ACTION_MOVE_PREV:
	case ACTION_MOVE_NEXT:
	case ACTION_MOVE_PICK: {
		int dir = a == ACTION_MOVE_PREV ? -1 : a == ACTION_MOVE_NEXT ? 1 : 0;
		if (p->marks.n) {
			struct uuid *ids = xcalloc(p->marks.n, sizeof *ids);
			memcpy(ids, p->marks.v, p->marks.n * sizeof *ids);
			size_t n = p->marks.n;
			enum view_result r = tui_move_projects(t, ids, n, dir);
			if (r == VIEW_RELOAD)
				p->marks.n = 0;
			free(ids);
			return r;
		}
		if (!cur)
			return VIEW_DRAW;
		struct uuid id = cur->id;
		return tui_move_projects(t, &id, 1, dir);
	}
	default:
		/* t team editor, a add, e edit form, E notes (team_editor.c, form.c) */
		return tui_project_actions(t, a, cur ? &cur->id : NULL);
	}
}

static bool proj_selected(struct view *v, struct uuid *out)
{
	struct pview *p = (struct pview *)v;
	if (p->list.cur >= p->n)
		return false;
	*out = p->rows[p->list.cur].id;
	return true;
}

static size_t proj_marked(struct view *v, const struct uuid **out)
{
	struct pview *p = (struct pview *)v;
	*out = p->marks.v;
	return p->marks.n;
}

static struct tui_list *proj_mouse_list(struct view *v, int *first_row)
{
	*first_row = 1;   /* below the column headers */
	return &((struct pview *)v)->list;
}

const struct view_ops view_projects = {
	.name = "projects",
	.title = N_("Projects"),
	.context = KEYCTX_PROJECTS,
	.open = proj_open,
	.load = proj_load,
	.draw = proj_draw,
	.key = proj_key,
	.close = proj_close,
	.selected_project = proj_selected,
	.marked = proj_marked,
	.mouse_list = proj_mouse_list,
};
