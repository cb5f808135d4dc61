/* view_field.c - Themenfeld: one topic field at a glance. Its sponsor, its
 * workshops newest first, the outcomes grouped by kind with open and overdue
 * counts, volunteers not yet placed in a team, open questions, and the
 * field's projects by phase. Pushed from the dashboard (Enter on a field's
 * name) with the field number; Enter opens the workshop or project under the
 * cursor, r the relevance screen, a records a workshop, s sets the sponsor.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/rules.h"
#include "ozgtui/view.h"
#include "ozgtui/workshops.h"
#include "ozgtui/i18n.h"

enum ftarget { FT_NONE, FT_WORKSHOP, FT_PROJECT };

struct fline {
	enum theme_role role;
	char *text;
	char *right;          /* right-aligned part (counts), or NULL */
	enum ftarget target;  /* what Enter opens; FT_NONE: not selectable */
	struct uuid id;
};

struct fview {
	struct view v;
	uint16_t field;
	struct fline *lines;
	size_t n, cap;
	size_t *sel;           /* indexes of the selectable lines */
	size_t n_sel, cap_sel;
	size_t cur;            /* into sel */
	size_t top;            /* first line shown */
	int page_rows;
	struct uuid keep;      /* the selection to keep across a reload */
	enum ftarget keep_target;
};

static void lines_clear(struct fview *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->lines[i].text);
		free(f->lines[i].right);
	}
	f->n = 0;
	f->n_sel = 0;
}

static struct fline *add(struct fview *f, enum theme_role role, enum ftarget target, const struct uuid *id,
			 const char *right, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static struct fline *add(struct fview *f, enum theme_role role, enum ftarget target, const struct uuid *id,
			 const char *right, const char *fmt, ...)
{
	xgrow((void **)&f->lines, &f->cap, f->n + 1, sizeof *f->lines);
	struct fline *l = &f->lines[f->n];
	memset(l, 0, sizeof *l);
	l->role = role;
	l->target = target;
	if (id)
		l->id = *id;
	va_list ap;
	va_start(ap, fmt);
	char tmp[2048];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	l->text = xstrdup(tmp);
	l->right = right ? xstrdup(right) : NULL;
	if (target != FT_NONE) {
		xgrow((void **)&f->sel, &f->cap_sel, f->n_sel + 1, sizeof *f->sel);
		f->sel[f->n_sel++] = f->n;
	}
	f->n++;
	return l;
}

static void section(struct fview *f, const char *title)
{
	if (f->n)
		add(f, THEME_NORMAL, FT_NONE, NULL, NULL, "%s", "");
	add(f, THEME_SECTION, FT_NONE, NULL, NULL, "%s", title);
}

static struct view *field_open(struct tui *t, const char *arg)
{
	(void)t;
	struct fview *f = xcalloc(1, sizeof *f);
	uint32_t n = 0;
	if (arg && parse_u32(arg, &n) && n < 65536)
		f->field = (uint16_t)n;
	f->page_rows = 10;
	return &f->v;
}

static void field_close(struct view *v)
{
	struct fview *f = (struct fview *)v;
	lines_clear(f);
	free(f->lines);
	free(f->sel);
	free(f);
}

/* ---- load ------------------------------------------------------------------- */

struct pscan {
	struct txn *txn;
	struct project *v;
	size_t n, cap;
};

static int collect_project(const struct uuid *id, void *arg)
{
	struct pscan *ps = arg;
	struct project p;
	project_init(&p);
	if (store_project_get(ps->txn, id, &p) == STATUS_OK) {
		xgrow((void **)&ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
		ps->v[ps->n++] = p;
		return 0;
	}
	status_clear();
	project_fini(&p);
	return 0;
}

static int cmp_project(const void *a, const void *b)
{
	const struct project *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}

static const struct project *project_of(const struct pscan *ps, const struct uuid *id)
{
	for (size_t i = 0; i < ps->n; i++)
		if (uuid_cmp(&ps->v[i].id, id) == 0)
			return &ps->v[i];
	return NULL;
}

/* "#3 Titel" of a project, looked up among the field's, else in the store. */
static void project_ref(struct buf *b, struct txn *txn, const struct pscan *ps, const struct uuid *id)
{
	const struct project *p = project_of(ps, id);
	if (p) {
		buf_printf(b, "#%u %s", (unsigned)p->number, p->title ? p->title : "");
		return;
	}
	struct project q;
	project_init(&q);
	if (store_project_get(txn, id, &q) == STATUS_OK)
		buf_printf(b, "#%u %s", (unsigned)q.number, q.title ? q.title : "");
	else
		status_clear();
	project_fini(&q);
}

static int cmp_workshop_date(const void *a, const void *b)
{
	const struct workshop *const *x = a, *const *y = b;
	if ((*x)->date != (*y)->date)
		return (*x)->date > (*y)->date ? -1 : 1;
	return uuid_cmp(&(*x)->id, &(*y)->id);
}

static void build(struct tui *t, struct fview *f, struct txn *txn, const struct workshop_list *wl,
		  const struct outcome_list *ol, const struct pscan *ps)
{
	const struct catalog *c = t->cat;
	const struct topic_field *tf = catalog_field(c, f->field);
	char day[11], right[64];
	add(f, THEME_SECTION, FT_NONE, NULL, NULL, _("Topic field %u · %s"), (unsigned)f->field,
	    tf->name ? tf->name : "?");
	if (tf->sponsor)
		add(f, THEME_NORMAL, FT_NONE, NULL, NULL, _("Sponsor: %s"), tf->sponsor);
	else
		add(f, THEME_DIM, FT_NONE, NULL, NULL, "%s", _("Sponsor: – (nobody yet; s sets one)"));

	/* which outcomes belong here, once */
	bool *mine = xcalloc(ol->n + 1, sizeof *mine);
	for (size_t i = 0; i < ol->n; i++)
		mine[i] = workshops_outcome_field(txn, wl, &ol->v[i]) == f->field;

	/* workshops, newest first */
	const struct workshop **ws = xcalloc(wl->n + 1, sizeof *ws);
	size_t n_ws = 0;
	for (size_t i = 0; i < wl->n; i++)
		if (wl->v[i].field == f->field)
			ws[n_ws++] = &wl->v[i];
	qsort(ws, n_ws, sizeof *ws, cmp_workshop_date);
	section(f, _("Workshops (newest first)"));
	if (!n_ws)
		add(f, THEME_DIM, FT_NONE, NULL, NULL, "%s", _("  none yet — a records one"));
	for (size_t i = 0; i < n_ws; i++) {
		size_t total = 0, open = 0, overdue = 0;
		for (size_t k = 0; k < ol->n; k++) {
			if (uuid_cmp(&ol->v[k].workshop, &ws[i]->id) != 0)
				continue;
			total++;
			open += ol->v[k].status == OUTCOME_STATUS_OPEN;
			overdue += workshops_overdue(&ol->v[k], t->today);
		}
		snprintf(right, sizeof right, _("%zu outcomes · %zu open%s"), total, open,
			 overdue ? _(" · ! overdue") : "");
		tui_date(ws[i]->date, day);
		add(f, overdue ? THEME_LATE : THEME_NORMAL, FT_WORKSHOP, &ws[i]->id, right, "  %s  %s", day,
		    ws[i]->title ? ws[i]->title : "");
	}

	/* outcomes by kind */
	section(f, _("Outcomes by kind"));
	add(f, THEME_HEADER, FT_NONE, NULL, _("total   open  overdue"), "  %s", _("Kind"));
	for (int k = 0; k < OUTCOME__COUNT; k++) {
		size_t total = 0, open = 0, overdue = 0;
		for (size_t i = 0; i < ol->n; i++) {
			if (!mine[i] || (int)ol->v[i].kind != k)
				continue;
			total++;
			open += ol->v[i].status == OUTCOME_STATUS_OPEN;
			overdue += workshops_overdue(&ol->v[i], t->today);
		}
		snprintf(right, sizeof right, "%6zu %6zu %11zu", total, open, overdue);
		add(f, overdue ? THEME_LATE : total ? THEME_NORMAL : THEME_DIM, FT_NONE, NULL, right, "  %s",
		    outcome_kind_label((enum outcome_kind)k));
	}

	/* volunteers not yet in a team of the projects they offered to join
	 * (with no project named: of any project of the field) */
	section(f, _("Offered to take part, in no team yet"));
	size_t shown = 0;
	const struct project **pv = xcalloc(ps->n + 1, sizeof *pv);
	for (size_t i = 0; i < ol->n; i++) {
		const struct outcome *o = &ol->v[i];
		if (!mine[i] || o->kind != OUTCOME_VOLUNTEER || o->status == OUTCOME_STATUS_DROPPED)
			continue;
		size_t np = 0;
		for (size_t k = 0; k < o->n_projects; k++) {
			const struct project *p = project_of(ps, &o->projects[k]);
			if (p)
				pv[np++] = p;
		}
		if (!o->n_projects)
			for (size_t k = 0; k < ps->n; k++)
				pv[np++] = &ps->v[k];
		for (size_t k = 0; k < o->n_orgs; k++) {
			if (workshops_volunteer_placed(&o->orgs[k], pv, np))
				continue;
			struct buf b;
			buf_init(&b);
			buf_printf(&b, "  %s", tui_org_name(t, &o->orgs[k]));
			const struct organisation *org = catalog_org(c, &o->orgs[k]);
			if (org && org->category)
				buf_printf(&b, " (%s)", category_label(org->category));
			if (o->n_projects) {
				buf_puts(&b, " → ");
				project_ref(&b, txn, ps, &o->projects[0]);
			}
			add(f, THEME_NORMAL, o->n_projects ? FT_PROJECT : FT_NONE, o->n_projects ? &o->projects[0] : NULL,
			    NULL, "%s", b.data);
			buf_fini(&b);
			shown++;
		}
	}
	free(pv);
	if (!shown)
		add(f, THEME_DIM, FT_NONE, NULL, NULL, "  –");

	section(f, _("Open questions"));
	shown = 0;
	for (size_t i = 0; i < ol->n; i++) {
		const struct outcome *o = &ol->v[i];
		if (!mine[i] || o->kind != OUTCOME_QUESTION || o->status != OUTCOME_STATUS_OPEN)
			continue;
		bool has_ws = !uuid_is_nil(&o->workshop);
		add(f, THEME_NORMAL, has_ws ? FT_WORKSHOP : FT_NONE, has_ws ? &o->workshop : NULL, NULL, "  %s",
		    o->text ? o->text : "");
		shown++;
	}
	if (!shown)
		add(f, THEME_DIM, FT_NONE, NULL, NULL, "  –");

	/* projects by phase, in the order of the phases */
	section(f, _("Projects by phase"));
	if (!ps->n)
		add(f, THEME_DIM, FT_NONE, NULL, NULL, "%s", _("  none"));
	for (size_t k = 0; k < c->phases.n; k++) {
		const struct phase *ph = &c->phases.v[k];
		bool head = false;
		for (size_t i = 0; i < ps->n; i++) {
			const struct project *p = &ps->v[i];
			if (p->phase != ph->id)
				continue;
			if (!head)
				add(f, THEME_LABEL, FT_NONE, NULL, NULL, "  %s", ph->name ? ph->name : "?");
			head = true;
			struct team_verdict v = rules_check_team(c, p);
			add(f, v.representative ? THEME_NORMAL : THEME_BAD, FT_PROJECT, &p->id,
			    v.representative ? _("✓ representative") : _("✗ not representative"), "    #%-4u %s",
			    (unsigned)p->number, p->title ? p->title : "");
		}
	}
	free(ws);
	free(mine);
}

static enum status field_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct fview *f = (struct fview *)v;
	if (f->n_sel && f->cur < f->n_sel) {
		f->keep = f->lines[f->sel[f->cur]].id;
		f->keep_target = f->lines[f->sel[f->cur]].target;
	}
	lines_clear(f);
	const struct topic_field *tf = catalog_field(t->cat, f->field);
	free(f->v.subtitle);
	f->v.subtitle = xstrdup(tf && tf->name ? tf->name : "?");
	if (!tf) {
		add(f, THEME_STATUS_ERROR, FT_NONE, NULL, NULL, "%s", _("no such topic field"));
		return STATUS_OK;
	}
	struct workshop_list wl;
	struct outcome_list ol;
	struct pscan ps = {.txn = txn};
	workshop_list_init(&wl);
	outcome_list_init(&ol);
	enum status st = workshops_load(txn, &wl);
	if (st == STATUS_OK)
		st = workshops_outcomes_load(txn, &ol);
	if (st == STATUS_OK)
		st = store_project_ids_in_field(txn, f->field, collect_project, &ps);
	if (st == STATUS_OK) {
		if (ps.n > 1)
			qsort(ps.v, ps.n, sizeof *ps.v, cmp_project);
		build(t, f, txn, &wl, &ol, &ps);
	}
	for (size_t i = 0; i < ps.n; i++)
		project_fini(&ps.v[i]);
	free(ps.v);
	outcome_list_fini(&ol);
	workshop_list_fini(&wl);
	/* the selection follows what was selected */
	f->cur = f->n_sel && f->cur >= f->n_sel ? f->n_sel - 1 : f->cur;
	if (f->keep_target != FT_NONE)
		for (size_t i = 0; i < f->n_sel; i++)
			if (f->lines[f->sel[i]].target == f->keep_target &&
			    uuid_cmp(&f->lines[f->sel[i]].id, &f->keep) == 0) {
				f->cur = i;
				break;
			}
	return st;
}

/* ---- draw, keys ---------------------------------------------------------------- */

static void field_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct fview *f = (struct fview *)v;
	f->page_rows = rows;
	size_t cl = f->n_sel ? f->sel[f->cur] : 0;
	/* keep the selected line visible; the top shows the heading when it can */
	if (f->n_sel) {
		if (cl < f->top)
			f->top = cl > 0 ? cl - 1 : 0;
		if (cl >= f->top + (size_t)rows)
			f->top = cl - (size_t)rows + 1;
	}
	if (f->n <= (size_t)rows)
		f->top = 0;
	int cy = 0;
	for (int i = 0; i < rows && f->top + (size_t)i < f->n; i++) {
		size_t idx = f->top + (size_t)i;
		const struct fline *l = &f->lines[idx];
		bool sel = f->n_sel && idx == cl;
		enum theme_role role = sel ? THEME_SELECTED : l->role;
		if (sel) {
			tui_fill(t, w, i, 0, cols, THEME_SELECTED);
			cy = i;
		}
		int rw = l->right ? (int)tui_text_cells(l->right) : 0;
		if (rw > cols / 2)
			rw = cols / 2;
		tui_put(t, w, i, 0, l->text, cols - (rw ? rw + 2 : 0), role, TUI_LEFT);
		if (l->right)
			tui_put(t, w, i, cols - rw, l->right, rw, role, TUI_RIGHT);
	}
	if (f->n > (size_t)rows) {
		char pos[32];
		snprintf(pos, sizeof pos, " %zu%% ", (f->top + (size_t)rows) * 100 / f->n);
		tui_put(t, w, rows - 1, cols - 6, pos, 6, THEME_DIM, TUI_RIGHT);
	}
	wmove(w, cy, 0);
}

static enum view_result add_workshop(struct tui *t, struct fview *f)
{
	char today[11];
	date_format(t->today, today);
	struct tui_prompt p = {.label = _("Workshop on (YYYY-MM-DD): "), .initial = today};
	char *date = tui_prompt_run(t, &p);
	if (!date)
		return VIEW_DRAW;
	struct workshop w;
	workshop_init(&w);
	w.field = f->field;
	if (!date_parse(text_trim(date), &w.date)) {
		tui_message(t, THEME_STATUS_ERROR, _("✗ not a date: %s (YYYY-MM-DD)"), date);
		free(date);
		workshop_fini(&w);
		return VIEW_DRAW;
	}
	free(date);
	struct tui_prompt pt = {.label = _("Title: ")};
	w.title = tui_prompt_run(t, &pt);
	if (!w.title) {
		workshop_fini(&w);
		return VIEW_DRAW;
	}
	struct tui_prompt pp = {.label = _("Place (empty: none): ")};
	w.place = tui_prompt_run(t, &pp);
	if (w.place && !*text_trim(w.place)) {
		free(w.place);
		w.place = NULL;
	}
	enum status st = workshops_add(t->store, t->cat, &w);
	if (st == STATUS_OK) {
		tui_message(t, THEME_STATUS_OK, _("✓ workshop “%s” recorded"), w.title);
		f->keep = w.id;
		f->keep_target = FT_WORKSHOP;
	} else {
		tui_message_status(t, st, _("workshop"));
	}
	workshop_fini(&w);
	return st == STATUS_OK ? VIEW_RELOAD : VIEW_DRAW;
}

static enum view_result edit_sponsor(struct tui *t, struct fview *f)
{
	const struct topic_field *tf = catalog_field(t->cat, f->field);
	if (!tf)
		return VIEW_DRAW;
	struct tui_prompt p = {.label = _("Sponsor (empty: none): "), .initial = tf->sponsor};
	char *who = tui_prompt_run(t, &p);
	if (!who)
		return VIEW_DRAW;
	enum status st = workshops_sponsor_set(t->store, t->cat, f->field, who);
	if (st == STATUS_OK)
		tui_message(t, THEME_STATUS_OK, _("✓ sponsor: %s"), *text_trim(who) ? who : "–");
	else
		tui_message_status(t, st, _("sponsor"));
	free(who);
	return st == STATUS_OK ? VIEW_RELOAD : VIEW_DRAW;
}

static enum view_result field_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct fview *f = (struct fview *)v;
	size_t page = f->page_rows > 2 ? (size_t)f->page_rows / 2 : 1;
	switch (a) {
	case ACTION_UP:
		if (f->cur)
			f->cur--;
		else
			f->top = 0;   /* at the first item: show the headings above it */
		return VIEW_DRAW;
	case ACTION_DOWN:
		if (f->cur + 1 < f->n_sel)
			f->cur++;
		return VIEW_DRAW;
	case ACTION_PAGE_UP:
		f->cur = f->cur > page ? f->cur - page : 0;
		return VIEW_DRAW;
	case ACTION_PAGE_DOWN:
		f->cur = f->cur + page < f->n_sel ? f->cur + page : (f->n_sel ? f->n_sel - 1 : 0);
		return VIEW_DRAW;
	case ACTION_HOME:
		f->cur = 0;
		f->top = 0;
		return VIEW_DRAW;
	case ACTION_END:
		f->cur = f->n_sel ? f->n_sel - 1 : 0;
		return VIEW_DRAW;
	case ACTION_ENTER: {
		if (!f->n_sel)
			return VIEW_DRAW;
		const struct fline *l = &f->lines[f->sel[f->cur]];
		char id[37];
		uuid_format(&l->id, id);
		tui_push(t, l->target == FT_WORKSHOP ? &view_workshop : &view_detail, id);
		return VIEW_DRAW;
	}
	case ACTION_RELEVANCE: {
		char arg[8];
		snprintf(arg, sizeof arg, "%u", (unsigned)f->field);
		tui_push(t, &view_relevance, arg);
		return VIEW_DRAW;
	}
	case ACTION_WORKSHOP_ADD:
		return add_workshop(t, f);
	case ACTION_SPONSOR_EDIT:
		return edit_sponsor(t, f);
	default:
		return VIEW_UNHANDLED;
	}
}

static bool field_selected(struct view *v, struct uuid *out)
{
	struct fview *f = (struct fview *)v;
	if (!f->n_sel || f->lines[f->sel[f->cur]].target != FT_PROJECT)
		return false;
	*out = f->lines[f->sel[f->cur]].id;
	return true;
}

const struct view_ops view_field = {
	.name = "field",
	.title = N_("Topic field"),
	.context = KEYCTX_FIELD,
	.open = field_open,
	.load = field_load,
	.draw = field_draw,
	.key = field_key,
	.close = field_close,
	.selected_project = field_selected,
};
