/* view_workshop.c - Workshop: one workshop and its outcomes, grouped by kind.
 * Outcomes are recorded (a), edited (e), closed as done (d) or dropped (x) —
 * each key again reopens — and linked to a project from a picker (p); Enter
 * opens the first linked project. Opened with the workshop's UUID (from the
 * topic-field screen). Changes go through workshops.h, one write each, and
 * are based on the version shown (a change made meanwhile is a conflict).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/view.h"
#include "ozgtui/workshops.h"
#include "ozgtui/i18n.h"

struct orow {
	struct outcome o;
	size_t index;          /* the short index of `outcome list` */
	char *projects;        /* "#3, #7" */
};

struct wview {
	struct view v;
	struct uuid id;
	bool valid, found;
	struct workshop w;
	struct orow *rows;
	size_t n, cap;
	struct tui_list list;
	int page_rows;
	struct uuid want;      /* select this outcome at the next load (a new one) */
	bool has_want;
};

static void rows_clear(struct wview *g)
{
	for (size_t i = 0; i < g->n; i++) {
		outcome_fini(&g->rows[i].o);
		free(g->rows[i].projects);
	}
	g->n = 0;
}

static struct view *ws_open(struct tui *t, const char *arg)
{
	(void)t;
	struct wview *g = xcalloc(1, sizeof *g);
	g->valid = arg && uuid_from_text(arg, &g->id);
	workshop_init(&g->w);
	g->page_rows = 10;
	return &g->v;
}

static void ws_close(struct view *v)
{
	struct wview *g = (struct wview *)v;
	rows_clear(g);
	free(g->rows);
	workshop_fini(&g->w);
	free(g);
}

static int cmp_row(const void *a, const void *b)
{
	const struct orow *x = a, *y = b;
	if (x->o.kind != y->o.kind)
		return x->o.kind < y->o.kind ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static enum status ws_load(struct tui *t, struct view *v, struct txn *txn)
{
	(void)t;
	struct wview *g = (struct wview *)v;
	struct uuid keep = {{0}};
	if (g->has_want)
		keep = g->want;
	else if (g->list.cur < g->n)
		keep = g->rows[g->list.cur].o.id;
	g->has_want = false;
	rows_clear(g);
	workshop_fini(&g->w);
	workshop_init(&g->w);
	g->found = false;
	if (!g->valid)
		return STATUS_OK;
	enum status st = store_workshop_get(txn, &g->id, &g->w);
	if (st == STATUS_NOT_FOUND) {
		status_clear();
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	g->found = true;
	free(g->v.subtitle);
	char day[11];
	tui_date(g->w.date, day);
	g->v.subtitle = xstrdup(day);
	struct outcome_list ol;
	outcome_list_init(&ol);
	st = workshops_outcomes_load(txn, &ol);
	for (size_t i = 0; st == STATUS_OK && i < ol.n; i++) {
		if (uuid_cmp(&ol.v[i].workshop, &g->id) != 0)
			continue;
		xgrow((void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows);
		struct orow *r = &g->rows[g->n++];
		outcome_init(&r->o);
		outcome_copy(&r->o, &ol.v[i]);
		r->index = i + 1;
		struct buf b;
		buf_init(&b);
		for (size_t k = 0; k < r->o.n_projects; k++) {
			struct project p;
			project_init(&p);
			if (store_project_get(txn, &r->o.projects[k], &p) == STATUS_OK)
				buf_printf(&b, "%s#%u", b.len ? ", " : "", (unsigned)p.number);
			else
				status_clear();
			project_fini(&p);
		}
		r->projects = xstrdup(b.data ? b.data : "");
		buf_fini(&b);
	}
	outcome_list_fini(&ol);
	if (g->n > 1)
		qsort(g->rows, g->n, sizeof *g->rows, cmp_row);
	g->list.n = g->n;
	for (size_t i = 0; i < g->n; i++)
		if (uuid_cmp(&g->rows[i].o.id, &keep) == 0)
			g->list.cur = i;
	tui_list_clamp(&g->list, g->page_rows);
	return st;
}

/* "○ offen", "✓ erledigt", "✗ verworfen", "! überfällig": words with the symbols. */
static const char *status_word(const struct outcome *o, int32_t today, enum theme_role *role)
{
	if (workshops_overdue(o, today)) {
		*role = THEME_LATE;
		return _("! overdue");
	}
	switch (o->status) {
	case OUTCOME_STATUS_DONE: *role = THEME_OK; return _("✓ done");
	case OUTCOME_STATUS_DROPPED: *role = THEME_DIM; return _("✗ dropped");
	case OUTCOME_STATUS_OPEN: break;
	}
	*role = THEME_NORMAL;
	return _("○ open");
}

#define DETAIL_ROWS 5

/* The byte offset in s after the characters that fit into cells cells. */
static size_t line_break(const char *s, size_t cells)
{
	size_t off = 0, used = 0;
	while (s[off]) {
		size_t len = 1;
		while (s[off + len] && ((unsigned char)s[off + len] & 0xc0) == 0x80)
			len++;
		char ch[8] = "";
		if (len < sizeof ch)
			memcpy(ch, s + off, len);
		size_t w = tui_text_cells(ch);
		if (used + w > cells)
			break;
		used += w;
		off += len;
	}
	/* rather between words, when a word starts in the second half */
	if (s[off]) {
		size_t sp = off;
		while (sp > 0 && s[sp] != ' ')
			sp--;
		if (sp > off / 2)
			return sp + 1;
	}
	return off;
}

static void ws_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct wview *g = (struct wview *)v;
	if (!g->found) {
		tui_put(t, w, 0, 0, g->valid ? _("this workshop no longer exists") : _("no such workshop"), cols,
			THEME_STATUS_ERROR, TUI_LEFT);
		return;
	}
	const struct catalog *c = t->cat;
	const struct topic_field *tf = catalog_field(c, g->w.field);
	char day[11];
	tui_date(g->w.date, day);
	tui_put(t, w, 0, 0, g->w.title, cols, THEME_SECTION, TUI_LEFT);
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s · %s", day, tf && tf->name ? tf->name : "?");
	if (g->w.place)
		buf_printf(&b, " · %s", g->w.place);
	if (g->w.head_count)
		buf_printf(&b, P_(" · %u person", " · %u people", g->w.head_count), (unsigned)g->w.head_count);
	tui_put(t, w, 1, 0, b.data, cols, THEME_NORMAL, TUI_LEFT);
	buf_reset(&b);
	buf_puts(&b, _("Participants: "));
	if (!g->w.n_participants)
		buf_puts(&b, "–");
	for (size_t i = 0; i < g->w.n_participants; i++)
		buf_printf(&b, "%s%s", i ? "; " : "", tui_org_name(t, &g->w.participants[i]));
	tui_put(t, w, 2, 0, b.data, cols, THEME_DIM, TUI_LEFT);

	size_t open = 0, overdue = 0;
	for (size_t i = 0; i < g->n; i++) {
		open += g->rows[i].o.status == OUTCOME_STATUS_OPEN;
		overdue += workshops_overdue(&g->rows[i].o, t->today);
	}
	buf_reset(&b);
	buf_printf(&b, _("Outcomes: %zu · %zu open · %zu overdue"), g->n, open, overdue);
	tui_put(t, w, 3, 0, b.data, cols, THEME_LABEL, TUI_LEFT);

	/* the table */
	int x_idx = 0, x_st = 5, x_kind = 18, x_due = 32, x_proj = cols - 10, x_text = 43;
	int y0 = 4;
	tui_put(t, w, y0, x_idx, _("No"), 4, THEME_HEADER, TUI_RIGHT);
	tui_put(t, w, y0, x_st, "Status", 12, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, y0, x_kind, _("Kind"), 13, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, y0, x_due, _("Due"), 10, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, y0, x_text, _("Text"), x_proj - x_text - 1, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, y0, x_proj, _("Projects"), 10, THEME_HEADER, TUI_LEFT);
	int list_rows = rows - y0 - 1 - DETAIL_ROWS;
	if (list_rows < 1)
		list_rows = 1;
	g->page_rows = list_rows;
	tui_list_clamp(&g->list, list_rows);
	int cy = y0 + 1;
	for (int i = 0; i < list_rows && g->list.top + (size_t)i < g->n; i++) {
		size_t idx = g->list.top + (size_t)i;
		const struct orow *r = &g->rows[idx];
		bool sel = idx == g->list.cur;
		int y = y0 + 1 + i;
		enum theme_role srole;
		const char *sw = status_word(&r->o, t->today, &srole);
		enum theme_role role = sel ? THEME_SELECTED : THEME_NORMAL;
		if (sel) {
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
			cy = y;
		}
		char num[16], due[11];
		snprintf(num, sizeof num, "%zu", r->index);
		tui_date(r->o.due, due);
		tui_put(t, w, y, x_idx, num, 4, role, TUI_RIGHT);
		tui_put(t, w, y, x_st, sw, 12, sel ? role : srole, TUI_LEFT);
		tui_put(t, w, y, x_kind, outcome_kind_label(r->o.kind), 13, role, TUI_LEFT);
		tui_put(t, w, y, x_due, r->o.due ? due : "", 10, role, TUI_LEFT);
		tui_put(t, w, y, x_text, r->o.text, x_proj - x_text - 1, role, TUI_LEFT);
		tui_put(t, w, y, x_proj, r->projects, 10, role, TUI_LEFT);
	}
	if (!g->n)
		tui_put(t, w, y0 + 1, 0, _("no outcomes yet — a records one"), cols, THEME_DIM, TUI_LEFT);

	/* the selected outcome in full */
	int yd = rows - DETAIL_ROWS;
	if (g->list.cur < g->n && yd > y0 + 1) {
		const struct orow *r = &g->rows[g->list.cur];
		/* two lines of text, broken between characters */
		const char *s = r->o.text ? r->o.text : "";
		size_t off = line_break(s, (size_t)cols);
		char *first = xstrndup(s, off);
		tui_put(t, w, yd, 0, first, cols, THEME_NORMAL, TUI_LEFT);
		free(first);
		if (s[off])
			tui_put(t, w, yd + 1, 0, s + off, cols, THEME_NORMAL, TUI_LEFT);
		buf_reset(&b);
		if (r->o.owner)
			buf_printf(&b, _("Owner: %s   "), r->o.owner);
		if (r->projects[0])
			buf_printf(&b, _("Projects: %s   "), r->projects);
		for (size_t i = 0; i < r->o.n_orgs; i++)
			buf_printf(&b, "%s%s", i ? "; " : _("Organisations: "), tui_org_name(t, &r->o.orgs[i]));
		tui_put(t, w, yd + 2, 0, b.data ? b.data : "", cols, THEME_DIM, TUI_LEFT);
		buf_reset(&b);
		for (size_t i = 0; i < r->o.n_services; i++)
			buf_printf(&b, "%s%u", i ? ", " : _("Services: "), (unsigned)r->o.services[i]);
		tui_put(t, w, yd + 3, 0, b.data ? b.data : "", cols, THEME_DIM, TUI_LEFT);
	}
	tui_put(t, w, rows - 1, 0,
		_("a new · e edit · d done · x drop · p link to a project · Enter project"),
		cols, THEME_DIM, TUI_LEFT);
	buf_fini(&b);
	wmove(w, cy, 0);
}

/* ---- changes ------------------------------------------------------------------ */

static const struct orow *selected(const struct wview *g)
{
	return g->list.cur < g->n ? &g->rows[g->list.cur] : NULL;
}

static bool pick_kind(struct tui *t, enum outcome_kind *kind)
{
	const char *items[OUTCOME__COUNT];
	for (int k = 0; k < OUTCOME__COUNT; k++)
		items[k] = outcome_kind_label((enum outcome_kind)k);
	int i = tui_pick(t, _("Kind of outcome"), items, OUTCOME__COUNT, (size_t)*kind);
	if (i < 0)
		return false;
	*kind = (enum outcome_kind)i;
	return true;
}

/* Asks for text, owner and due date (owner and due date for action items, or
 * when set already); false when cancelled or invalid (message shown). */
static bool ask_fields(struct tui *t, struct outcome *o)
{
	struct tui_prompt pt = {.label = _("Text: "), .initial = o->text};
	char *text = tui_prompt_run(t, &pt);
	if (!text)
		return false;
	free(o->text);
	o->text = text;
	if (o->kind != OUTCOME_ACTION && !o->owner && !o->due)
		return true;
	struct tui_prompt po = {.label = _("Owner (empty: nobody): "), .initial = o->owner};
	char *owner = tui_prompt_run(t, &po);
	if (!owner)
		return false;
	free(o->owner);
	o->owner = owner;
	char due[11] = "";
	if (o->due)
		date_format(o->due, due);
	struct tui_prompt pd = {.label = _("Due on (YYYY-MM-DD, empty: none): "), .initial = due};
	char *d = tui_prompt_run(t, &pd);
	if (!d)
		return false;
	text_trim(d);
	int32_t day = 0;
	if (*d && !date_parse(d, &day)) {
		tui_message(t, THEME_STATUS_ERROR, _("✗ not a date: %s (YYYY-MM-DD)"), d);
		free(d);
		return false;
	}
	free(d);
	o->due = day;
	return true;
}

static void report(struct tui *t, enum status st, const char *ok, size_t interest)
{
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("outcome"));
		return;
	}
	if (interest)
		tui_message(t, THEME_STATUS_OK,
			    P_("✓ %s — %zu organisation now interested in the project",
			       "✓ %s — %zu organisations now interested in the project", interest),
			    ok, interest);
	else
		tui_message(t, THEME_STATUS_OK, "✓ %s", ok);
}

static enum view_result outcome_add(struct tui *t, struct wview *g)
{
	struct outcome o;
	outcome_init(&o);
	o.workshop = g->id;
	o.kind = OUTCOME_DECISION;
	enum view_result r = VIEW_DRAW;
	if (!pick_kind(t, &o.kind) || !ask_fields(t, &o))
		goto out;
	if (o.kind == OUTCOME_VOLUNTEER) {
		struct tui_prompt pg = {.label = _("Organisation (AGS or name, empty: later): ")};
		char *name = tui_prompt_run(t, &pg);
		if (name && *text_trim(name)) {
			const struct organisation *org = NULL;
			enum status st = catalog_find_org(t->cat, name, &org);
			if (st != STATUS_OK) {
				tui_message_status(t, st, _("organisation"));
				free(name);
				goto out;
			}
			o.orgs = xmalloc(sizeof *o.orgs);
			o.orgs[0] = org->id;
			o.n_orgs = 1;
		}
		free(name);
	}
	size_t interest = 0;
	enum status st = workshops_outcome_add(t->store, t->cat, &o, &interest);
	report(t, st, _("outcome recorded — p links it to a project"), interest);
	if (st == STATUS_OK) {
		g->want = o.id;   /* selected after the reload */
		g->has_want = true;
		r = VIEW_RELOAD;
	}
out:
	outcome_fini(&o);
	return r;
}

static enum view_result outcome_edit(struct tui *t, struct wview *g)
{
	const struct orow *sel = selected(g);
	if (!sel)
		return VIEW_DRAW;
	struct outcome o;
	outcome_init(&o);
	outcome_copy(&o, &sel->o);
	enum view_result r = VIEW_DRAW;
	if (pick_kind(t, &o.kind) && ask_fields(t, &o)) {
		size_t interest = 0;
		enum status st = workshops_outcome_update(t->store, t->cat, &o, sel->o.version, &interest);
		report(t, st, _("outcome changed"), interest);
		r = st == STATUS_OK || st == STATUS_CONFLICT ? VIEW_RELOAD : VIEW_DRAW;
	}
	outcome_fini(&o);
	return r;
}

static enum view_result outcome_status(struct tui *t, struct wview *g, enum outcome_status to)
{
	const struct orow *sel = selected(g);
	if (!sel)
		return VIEW_DRAW;
	/* the same key again reopens */
	if (sel->o.status == to)
		to = OUTCOME_STATUS_OPEN;
	enum status st = workshops_outcome_set_status(t->store, t->cat, &sel->o.id, to, sel->o.version);
	char what[64];
	snprintf(what, sizeof what, _("outcome %zu: %s"), sel->index,
		 to == OUTCOME_STATUS_DONE ? _("done") : to == OUTCOME_STATUS_DROPPED ? _("dropped") : _("open again"));
	report(t, st, what, 0);
	return st == STATUS_OK || st == STATUS_CONFLICT ? VIEW_RELOAD : VIEW_DRAW;
}

struct pick_projects {
	struct txn *txn;
	uint16_t field;
	struct project *v;
	size_t n, cap;
};

static int collect_for_pick(const struct project *p, void *arg)
{
	struct pick_projects *pp = arg;
	xgrow((void **)&pp->v, &pp->cap, pp->n + 1, sizeof *pp->v);
	project_init(&pp->v[pp->n]);
	project_copy(&pp->v[pp->n++], p);
	return 0;
}

static uint16_t pick_field;

/* The workshop's field first, then by number. */
static int cmp_pick(const void *a, const void *b)
{
	const struct project *x = a, *y = b;
	bool fx = x->field == pick_field, fy = y->field == pick_field;
	if (fx != fy)
		return fx ? -1 : 1;
	return (x->number > y->number) - (x->number < y->number);
}

static enum view_result outcome_link(struct tui *t, struct wview *g)
{
	const struct orow *sel = selected(g);
	if (!sel)
		return VIEW_DRAW;
	struct pick_projects pp = {.field = g->w.field};
	struct txn *txn = NULL;
	enum status st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		st = store_project_each(txn, collect_for_pick, &pp);
	store_txn_end(txn);
	enum view_result r = VIEW_DRAW;
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("projects"));
		goto out;
	}
	if (!pp.n) {
		tui_message(t, THEME_STATUS_ERROR, "%s", _("✗ no projects yet"));
		goto out;
	}
	pick_field = g->w.field;
	qsort(pp.v, pp.n, sizeof *pp.v, cmp_pick);
	char **items = xcalloc(pp.n, sizeof *items);
	for (size_t i = 0; i < pp.n; i++) {
		bool linked = false;
		for (size_t k = 0; k < sel->o.n_projects; k++)
			linked |= uuid_cmp(&sel->o.projects[k], &pp.v[i].id) == 0;
		items[i] = xasprintf("%s#%-4u %s", linked ? "✓ " : "  ", (unsigned)pp.v[i].number,
				     pp.v[i].title ? pp.v[i].title : "");
	}
	int i = tui_pick(t, _("Link to which project?"), (const char *const *)items, pp.n, 0);
	for (size_t k = 0; k < pp.n; k++)
		free(items[k]);
	free(items);
	if (i < 0)
		goto out;
	struct outcome_links l = {.projects = &pp.v[i].id, .n_projects = 1};
	size_t interest = 0;
	st = workshops_outcome_link(t->store, t->cat, &sel->o.id, &l, sel->o.version, &interest);
	char what[96];
	snprintf(what, sizeof what, _("outcome %zu linked to #%u"), sel->index, (unsigned)pp.v[i].number);
	report(t, st, what, interest);
	r = st == STATUS_OK || st == STATUS_CONFLICT ? VIEW_RELOAD : VIEW_DRAW;
out:
	for (size_t k = 0; k < pp.n; k++)
		project_fini(&pp.v[k]);
	free(pp.v);
	return r;
}

static enum view_result ws_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct wview *g = (struct wview *)v;
	if (tui_list_key(&g->list, a, g->page_rows))
		return VIEW_DRAW;
	if (!g->found)
		return VIEW_UNHANDLED;
	switch (a) {
	case ACTION_OUTCOME_ADD: return outcome_add(t, g);
	case ACTION_OUTCOME_EDIT: return outcome_edit(t, g);
	case ACTION_OUTCOME_DONE: return outcome_status(t, g, OUTCOME_STATUS_DONE);
	case ACTION_OUTCOME_DROP: return outcome_status(t, g, OUTCOME_STATUS_DROPPED);
	case ACTION_OUTCOME_LINK: return outcome_link(t, g);
	case ACTION_ENTER: {
		const struct orow *sel = selected(g);
		if (!sel || !sel->o.n_projects) {
			tui_message(t, THEME_STATUS_ERROR, "%s", _("✗ linked to no project — p links it"));
			return VIEW_DRAW;
		}
		char id[37];
		uuid_format(&sel->o.projects[0], id);
		tui_push(t, &view_detail, id);
		return VIEW_DRAW;
	}
	default:
		return VIEW_UNHANDLED;
	}
}

static bool ws_selected(struct view *v, struct uuid *out)
{
	struct wview *g = (struct wview *)v;
	const struct orow *sel = selected(g);
	if (!sel || !sel->o.n_projects)
		return false;
	*out = sel->o.projects[0];
	return true;
}

const struct view_ops view_workshop = {
	.name = "workshop",
	.title = N_("Workshop"),
	.context = KEYCTX_WORKSHOP,
	.open = ws_open,
	.load = ws_load,
	.draw = ws_draw,
	.key = ws_key,
	.close = ws_close,
	.selected_project = ws_selected,
};
