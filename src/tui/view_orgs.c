/* view_orgs.c - view 4, Organisationen: municipalities, counties, providers and
 * ministries with how many projects each leads, joins or is interested in; Enter
 * opens one organisation with those projects (view_org).
 *
 * The counts come from the organisation index (one entry per organisation and
 * project, with its role; declared interest of an organisation outside the
 * team has none): no project is read. The order (organisations with projects
 * first) needs only the first entry of each; the counts are made for the rows
 * on screen when they are drawn, and kept until the next load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

struct orow {
	struct uuid id;
	char *name;
	char *folded;
	enum org_kind kind;
	enum category category;
	uint32_t population;
	uint32_t lead, member, interest;
	bool involved;   /* in any project */
	bool counted;    /* lead, member, interest are known */
};

struct oview {
	struct view v;
	struct orow *rows;
	size_t n;
	struct tui_list list;
	int page_rows;
	char *search;
	size_t search_origin;
	size_t work;      /* index entries read since the map was given back */
	struct tui *t;
};

static void orows_clear(struct oview *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->rows[i].name);
		free(o->rows[i].folded);
	}
	free(o->rows);
	o->rows = NULL;
	o->n = 0;
}

static struct view *orgs_open(struct tui *t, const char *arg)
{
	(void)arg;
	struct oview *o = xcalloc(1, sizeof *o);
	o->t = t;
	o->page_rows = 10;
	return &o->v;
}

static void orgs_close(struct view *v)
{
	struct oview *o = (struct oview *)v;
	orows_clear(o);
	free(o->search);
	free(o);
}

/* Counting one organisation's entries in the organisation index. */
struct org_tally {
	struct orow *row;
	struct txn *txn;
	size_t work;
};

/* Give the database map's pages back after this many index entries (store_map_release). */
#define RELEASE_ENTRIES 8192

static int tally(const struct uuid *project, enum role role, void *arg)
{
	struct org_tally *c = arg;
	(void)project;
	if (role == ROLE_LEAD)
		c->row->lead++;
	else if (role == ROLE_NONE)
		c->row->interest++;   /* the index records declared interest as no role */
	else
		c->row->member++;
	if (++c->work >= RELEASE_ENTRIES) {
		store_map_release(c->txn);
		c->work = 0;
	}
	return 0;
}

static int any_entry(const struct uuid *project, enum role role, void *arg)
{
	(void)project;
	(void)role;
	*(bool *)arg = true;
	return 1;
}

/* Counts the projects of row r. */
static enum status count_row(struct oview *o, struct txn *txn, struct orow *r)
{
	struct org_tally tl = {.row = r, .txn = txn, .work = o->work};
	r->lead = r->member = r->interest = 0;
	enum status st = store_project_ids_with_org(txn, &r->id, tally, &tl);
	o->work = tl.work;
	r->counted = st == STATUS_OK;
	return st;
}

static int cmp_org(const void *x, const void *y)
{
	const struct orow *a = x, *b = y;
	/* involved organisations first, then by kind and name */
	if (a->involved != b->involved)
		return a->involved ? -1 : 1;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return strcmp(a->folded, b->folded);
}

static enum status orgs_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct oview *o = (struct oview *)v;
	struct uuid sel;
	bool have = o->list.cur < o->n;
	if (have)
		sel = o->rows[o->list.cur].id;
	orows_clear(o);
	const struct catalog *c = t->cat;
	o->rows = xcalloc(c->n_orgs ? c->n_orgs : 1, sizeof *o->rows);
	o->n = c->n_orgs;
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *org = &c->orgs[i];
		struct orow *r = &o->rows[i];
		r->id = org->id;
		r->name = xstrdup(org->name ? org->name : "?");
		r->folded = text_fold(r->name);
		r->kind = org->kind;
		r->category = org->category;
		r->population = org->population;
	}
	/* From the organisation index: no project is read. Each look-up reads
	 * a page of its own (64 KiB mapped with its neighbours, as
	 * RELEASE_ENTRIES entries in a row do). */
	enum status st = STATUS_OK;
	o->work += RELEASE_ENTRIES / 8;   /* the change that made us load (see view_projects.c) */
	for (size_t i = 0; i < o->n && st == STATUS_OK; i++) {
		st = store_project_ids_with_org(txn, &o->rows[i].id, any_entry, &o->rows[i].involved);
		o->work += RELEASE_ENTRIES / 128;
		if (o->work >= RELEASE_ENTRIES) {
			store_map_release(txn);
			o->work = 0;
		}
	}
	if (o->n > 1)
		qsort(o->rows, o->n, sizeof *o->rows, cmp_org);
	o->list.n = o->n;
	if (have)
		for (size_t i = 0; i < o->n; i++)
			if (uuid_cmp(&o->rows[i].id, &sel) == 0)
				o->list.cur = i;
	tui_list_clamp(&o->list, o->page_rows);
	return st;
}

static void orgs_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct oview *o = (struct oview *)v;
	int name_w = cols - (16 + 1 + 24 + 1 + 10 + 1 + 7 * 3 + 2);
	if (name_w < 20)
		name_w = 20;
	int cat_w = cols - name_w - 16 - 10 - 21 - 6;   /* six separators */
	if (cat_w < 8)
		cat_w = 8;
	const struct {
		const char *t;
		int w;
		enum tui_align a;
	} head[] = {{_("Name"), name_w, TUI_LEFT}, {_("Kind"), 16, TUI_LEFT}, {_("Category"), cat_w, TUI_LEFT},
		    {_("Population"), 10, TUI_RIGHT}, {_("leads"), 7, TUI_RIGHT}, {_("member"), 7, TUI_RIGHT},
		    {_("interest"), 7, TUI_RIGHT}};
	int x = 0;
	for (size_t i = 0; i < ARRAY_LEN(head); i++) {
		tui_put(t, w, 0, x, head[i].t, head[i].w, THEME_HEADER, head[i].a);
		x += head[i].w + 1;
	}
	int list_rows = rows - 2;
	o->page_rows = list_rows;
	tui_list_clamp(&o->list, list_rows);
	/* the counts of the rows on screen, where not made yet */
	struct txn *txn = NULL;
	bool failed = false;
	for (int i = 0; i < list_rows && o->list.top + (size_t)i < o->n && !failed; i++) {
		struct orow *r = &o->rows[o->list.top + (size_t)i];
		if (r->counted)
			continue;
		enum status st = txn ? STATUS_OK : store_read_begin(t->store, &txn);
		if (st == STATUS_OK)
			st = count_row(o, txn, r);
		failed = st != STATUS_OK;
	}
	store_txn_end(txn);
	int cy = 1;
	for (int i = 0; i < list_rows && o->list.top + (size_t)i < o->n; i++) {
		size_t idx = o->list.top + (size_t)i;
		const struct orow *r = &o->rows[idx];
		bool sel = idx == o->list.cur;
		int y = 1 + i;
		if (sel) {
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
			cy = y;
		}
		enum theme_role role = sel ? THEME_SELECTED : THEME_NORMAL;
		char pop[32], l[16], m[16], in[16];
		if (r->population)
			i18n_number(r->population, pop);   /* "1.017.355" in German */
		else
			snprintf(pop, sizeof pop, "–");
		if (r->counted) {
			snprintf(l, sizeof l, r->lead ? "%u" : "·", r->lead);
			snprintf(m, sizeof m, r->member ? "%u" : "·", r->member);
			snprintf(in, sizeof in, r->interest ? "%u" : "·", r->interest);
		} else {
			snprintf(l, sizeof l, "?");   /* the database could not be read */
			snprintf(m, sizeof m, "?");
			snprintf(in, sizeof in, "?");
		}
		const char *cells[] = {r->name, org_kind_label(r->kind), r->category ? category_label(r->category) : "–",
				       pop, l, m, in};
		x = 0;
		for (size_t k = 0; k < ARRAY_LEN(head); k++) {
			tui_put(t, w, y, x, cells[k], head[k].w, role, head[k].a);
			x += head[k].w + 1;
		}
	}
	char foot[128];
	snprintf(foot, sizeof foot, _("%zu organisations · / search · Enter: projects of the organisation"), o->n);
	tui_put(t, w, rows - 1, 0, foot, cols, THEME_DIM, TUI_LEFT);
	wmove(w, cy, 0);
}

static bool org_find(struct oview *o, const char *s, size_t start, int dir, size_t *out)
{
	if (!s || !*s || !o->n)
		return false;
	char *needle = text_fold(s);
	bool found = false;
	for (size_t k = 0; k < o->n && !found; k++) {
		size_t i = dir > 0 ? (start + k) % o->n : (start + o->n - k) % o->n;
		if (strstr(o->rows[i].folded, needle)) {
			*out = i;
			found = true;
		}
	}
	free(needle);
	return found;
}

static void org_search_changed(struct tui *t, const char *text, void *arg)
{
	struct oview *o = arg;
	size_t i;
	if (org_find(o, text, o->search_origin, 1, &i)) {
		o->list.cur = i;
		tui_list_clamp(&o->list, o->page_rows);
		t->msg[0] = '\0';
	} else if (*text) {
		tui_message(t, THEME_STATUS_ERROR, _("not found: %s"), text);
	}
}

static enum view_result orgs_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct oview *o = (struct oview *)v;
	if (tui_list_key(&o->list, a, o->page_rows))
		return VIEW_DRAW;
	switch (a) {
	case ACTION_ENTER:
		if (o->list.cur < o->n) {
			char id[37];
			uuid_format(&o->rows[o->list.cur].id, id);
			tui_push(t, &view_org, id);
		}
		return VIEW_DRAW;
	case ACTION_SEARCH: {
		o->search_origin = o->list.cur;
		struct tui_prompt pr = {.label = "/", .history = &t->search_history, .changed = org_search_changed, .arg = o};
		char *s = tui_prompt_run(t, &pr);
		if (!s) {
			o->list.cur = o->search_origin;
		} else {
			free(o->search);
			o->search = s;
		}
		tui_list_clamp(&o->list, o->page_rows);
		return VIEW_DRAW;
	}
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV: {
		int dir = a == ACTION_SEARCH_NEXT ? 1 : -1;
		size_t i;
		if (o->n && org_find(o, o->search, (o->list.cur + o->n + (size_t)dir) % o->n, dir, &i)) {
			o->list.cur = i;
			tui_list_clamp(&o->list, o->page_rows);
		} else {
			tui_message(t, THEME_STATUS_ERROR, _("not found"));
		}
		return VIEW_DRAW;
	}
	default:
		return VIEW_UNHANDLED;
	}
}

static struct tui_list *orgs_mouse_list(struct view *v, int *first_row)
{
	*first_row = 1;   /* below the column headers */
	return &((struct oview *)v)->list;
}

const struct view_ops view_orgs = {
	.mouse_list = orgs_mouse_list,
	.name = "orgs",
	.title = N_("Organisations"),
	.context = KEYCTX_ORGS,
	.open = orgs_open,
	.load = orgs_load,
	.draw = orgs_draw,
	.key = orgs_key,
	.close = orgs_close,
};

/* ---- one organisation and its projects --------------------------------- */

struct oprow {
	struct uuid id;
	uint32_t number;
	char *title;
	char *phase;
	enum role role;   /* ROLE_NONE: declared interest */
};

struct orgview {
	struct view v;
	struct uuid id;
	bool valid;
	struct oprow *rows;
	size_t n, cap;
	struct tui_list list;
	int page_rows;
	struct txn *txn;
	struct tui *t;
};

static void oprows_clear(struct orgview *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->rows[i].title);
		free(g->rows[i].phase);
	}
	g->n = 0;
}

static struct view *org_open(struct tui *t, const char *arg)
{
	struct orgview *g = xcalloc(1, sizeof *g);
	g->t = t;
	g->valid = arg && uuid_from_text(arg, &g->id);
	g->page_rows = 10;
	return &g->v;
}

static void org_close(struct view *v)
{
	struct orgview *g = (struct orgview *)v;
	oprows_clear(g);
	free(g->rows);
	free(g);
}

static int org_project(const struct uuid *pid, enum role role, void *arg)
{
	struct orgview *g = arg;
	struct project p;
	project_init(&p);
	if (store_project_get(g->txn, pid, &p) == STATUS_OK) {
		xgrow((void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows);
		struct oprow *r = &g->rows[g->n++];
		r->id = p.id;
		r->number = p.number;
		r->title = xstrdup(p.title ? p.title : "");
		const struct phase *ph = catalog_phase(g->t->cat, p.phase);
		r->phase = xstrdup(ph ? ph->name : "?");
		r->role = role;
	}
	project_fini(&p);
	return 0;
}

static int cmp_oprow(const void *x, const void *y)
{
	const struct oprow *a = x, *b = y;
	int ra = a->role == ROLE_NONE ? 9 : (int)a->role, rb = b->role == ROLE_NONE ? 9 : (int)b->role;
	if (ra != rb)
		return ra - rb;
	return (a->number > b->number) - (a->number < b->number);
}

static enum status org_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct orgview *g = (struct orgview *)v;
	oprows_clear(g);
	const struct organisation *o = g->valid ? catalog_org(t->cat, &g->id) : NULL;
	free(g->v.subtitle);
	g->v.subtitle = xstrdup(o && o->name ? o->name : "?");
	if (!o)
		return STATUS_OK;
	g->txn = txn;
	enum status st = store_project_ids_with_org(txn, &g->id, org_project, g);
	g->txn = NULL;
	if (g->n > 1)
		qsort(g->rows, g->n, sizeof *g->rows, cmp_oprow);
	g->list.n = g->n;
	tui_list_clamp(&g->list, g->page_rows);
	return st;
}

static void org_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct orgview *g = (struct orgview *)v;
	const struct organisation *o = g->valid ? catalog_org(t->cat, &g->id) : NULL;
	if (!o) {
		tui_put(t, w, 0, 0, _("no such organisation"), cols, THEME_STATUS_ERROR, TUI_LEFT);
		return;
	}
	tui_put(t, w, 0, 0, o->name, cols, THEME_SECTION, TUI_LEFT);
	char info[512], pop[32];
	i18n_number(o->population, pop);
	snprintf(info, sizeof info, _("%s · %s · AGS %s · %s inhabitants · %s · %s"), org_kind_label(o->kind),
		 o->category ? category_label(o->category) : "–", o->ags ? o->ags : "–", pop,
		 o->size_class ? o->size_class : "–", o->region ? o->region : "–");
	tui_put(t, w, 1, 0, info, cols, THEME_NORMAL, TUI_LEFT);
	tui_put(t, w, 3, 0, _("Role"), 16, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 3, 17, _("No"), 4, THEME_HEADER, TUI_RIGHT);
	tui_put(t, w, 3, 22, _("Title"), cols - 22 - 14, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 3, cols - 13, _("Phase"), 13, THEME_HEADER, TUI_LEFT);
	int list_rows = rows - 5;
	g->page_rows = list_rows;
	tui_list_clamp(&g->list, list_rows);
	int cy = 4;
	for (int i = 0; i < list_rows && g->list.top + (size_t)i < g->n; i++) {
		size_t idx = g->list.top + (size_t)i;
		const struct oprow *r = &g->rows[idx];
		bool sel = idx == g->list.cur;
		int y = 4 + i;
		enum theme_role role = sel ? THEME_SELECTED : THEME_NORMAL;
		if (sel) {
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
			cy = y;
		}
		char num[16];
		snprintf(num, sizeof num, "%u", r->number);
		tui_put(t, w, y, 0, r->role == ROLE_NONE ? _("Interest") : role_label(r->role), 16, role, TUI_LEFT);
		tui_put(t, w, y, 17, num, 4, role, TUI_RIGHT);
		tui_put(t, w, y, 22, r->title, cols - 22 - 14, role, TUI_LEFT);
		tui_put(t, w, y, cols - 13, r->phase, 13, role, TUI_LEFT);
	}
	if (g->n == 0)
		tui_put(t, w, 4, 0, _("no projects"), cols, THEME_DIM, TUI_LEFT);
	wmove(w, cy, 0);
}

static enum view_result org_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct orgview *g = (struct orgview *)v;
	if (tui_list_key(&g->list, a, g->page_rows))
		return VIEW_DRAW;
	if (a == ACTION_ENTER && g->list.cur < g->n) {
		char id[37];
		uuid_format(&g->rows[g->list.cur].id, id);
		tui_push(t, &view_detail, id);
		return VIEW_DRAW;
	}
	return VIEW_UNHANDLED;
}

static bool org_selected(struct view *v, struct uuid *out)
{
	struct orgview *g = (struct orgview *)v;
	if (g->list.cur >= g->n)
		return false;
	*out = g->rows[g->list.cur].id;
	return true;
}

const struct view_ops view_org = {
	.name = "org",
	.title = N_("Organisation"),
	.context = KEYCTX_ORGS,
	.open = org_open,
	.load = org_load,
	.draw = org_draw,
	.key = org_key,
	.close = org_close,
	.selected_project = org_selected,
};
