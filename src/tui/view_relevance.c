/* view_relevance.c - Relevanz: the services of one topic field against the
 * municipality categories 1-5 (seed 003: the sponsors decide, service by
 * service, which kinds of municipality deliver it). A cell per pair, Space
 * toggles it through ops_service_categories; each row shows how many
 * municipalities (and counties) then deliver the service and how many
 * projects use it. After a toggle every project with the service is judged
 * again at once, and the status line says how many team verdicts flipped.
 * Opened with the field number (r on the topic-field screen).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/ops.h"
#include "ozgtui/rules.h"
#include "ozgtui/view.h"
#include "ozgtui/workshops.h"
#include "ozgtui/i18n.h"

struct rrow {
	uint32_t ozg_id;
	size_t projects;      /* projects with the service */
	size_t not_rep;       /* ... whose team is not representative */
};

struct rview {
	struct view v;
	uint16_t field;
	struct rrow *rows;
	size_t n;
	struct tui_list list;
	int col;              /* 1..CAT__MAX */
	int page_rows;
};

static struct view *rel_open(struct tui *t, const char *arg)
{
	(void)t;
	struct rview *r = xcalloc(1, sizeof *r);
	uint32_t n = 0;
	if (arg && parse_u32(arg, &n) && n < 65536)
		r->field = (uint16_t)n;
	r->col = CAT_MUNICIPALITY;
	r->page_rows = 10;
	return &r->v;
}

static void rel_close(struct view *v)
{
	struct rview *r = (struct rview *)v;
	free(r->rows);
	free(r);
}

struct count_arg {
	const struct catalog *c;
	struct txn *txn;
	struct rrow *row;
};

static int count_project(const struct uuid *id, void *arg)
{
	struct count_arg *a = arg;
	struct project p;
	project_init(&p);
	if (store_project_get(a->txn, id, &p) == STATUS_OK) {
		a->row->projects++;
		a->row->not_rep += !rules_check_team(a->c, &p).representative;
	} else {
		status_clear();
	}
	project_fini(&p);
	return 0;
}

static enum status rel_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct rview *r = (struct rview *)v;
	const struct catalog *c = t->cat;
	const struct topic_field *tf = catalog_field(c, r->field);
	free(r->v.subtitle);
	r->v.subtitle = xstrdup(tf && tf->name ? tf->name : "?");
	free(r->rows);
	r->rows = xcalloc(c->n_services + 1, sizeof *r->rows);
	r->n = 0;
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < c->n_services; i++) {
		if (c->services[i].field != r->field)
			continue;
		struct rrow *row = &r->rows[r->n++];
		row->ozg_id = c->services[i].ozg_id;
		struct count_arg a = {c, txn, row};
		st = store_project_ids_with_service(txn, row->ozg_id, count_project, &a);
	}
	r->list.n = r->n;
	tui_list_clamp(&r->list, r->page_rows);
	return st;
}

/* translated when shown */
static const char *const cat_head[CAT__MAX + 1] = {"", N_("Mun"), N_("Med"), N_("Lrg"), N_("Cty"), N_("Cou")};
static const char *const cat_name[CAT__MAX + 1] = {
	"", N_("municipality"), N_("medium town"), N_("large town"), N_("city"), N_("county"),
};

#define CELL_W 5

static void rel_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct rview *r = (struct rview *)v;
	const struct catalog *c = t->cat;
	const struct topic_field *tf = catalog_field(c, r->field);
	if (!tf) {
		tui_put(t, w, 0, 0, _("no such topic field"), cols, THEME_STATUS_ERROR, TUI_LEFT);
		return;
	}
	char line[512];
	snprintf(line, sizeof line, _("Relevance: topic field %u · %s — which municipalities deliver the service?"),
		 (unsigned)r->field, tf->name ? tf->name : "?");
	tui_put(t, w, 0, 0, line, cols, THEME_SECTION, TUI_LEFT);
	snprintf(line, sizeof line, _("Sponsor: %s"), tf->sponsor ? tf->sponsor : _("– (nobody yet)"));
	tui_put(t, w, 1, 0, line, cols, tf->sponsor ? THEME_NORMAL : THEME_DIM, TUI_LEFT);
	tui_put(t, w, 2, 0,
		_("Mun municipality · Med medium town · Lrg large town · Cty city · Cou county"),
		cols, THEME_DIM, TUI_LEFT);

	/* columns: id, name, five cells, reach, projects */
	int x_cells = cols - 6 - 5 * CELL_W - 10 - 12;
	if (x_cells < 20)
		x_cells = 20;
	int x_name = 7, x_reach = x_cells + 5 * CELL_W + 1, x_proj = x_reach + 10;
	int y0 = 4;
	tui_put(t, w, y0, 0, _("OZG id"), 6, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, y0, x_name, _("Service"), x_cells - x_name - 1, THEME_HEADER, TUI_LEFT);
	for (int k = 1; k <= CAT__MAX; k++)
		tui_put(t, w, y0, x_cells + (k - 1) * CELL_W, _(cat_head[k]), CELL_W - 1, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, y0, x_reach, _("Municip."), 9, THEME_HEADER, TUI_RIGHT);
	tui_put(t, w, y0, x_proj, _("Projects"), cols - x_proj, THEME_HEADER, TUI_LEFT);
	int list_rows = rows - y0 - 3;
	if (list_rows < 1)
		list_rows = 1;
	r->page_rows = list_rows;
	tui_list_clamp(&r->list, list_rows);
	int cy = y0 + 1, cx = x_cells;
	for (int i = 0; i < list_rows && r->list.top + (size_t)i < r->n; i++) {
		size_t idx = r->list.top + (size_t)i;
		const struct rrow *row = &r->rows[idx];
		const struct service *s = catalog_service(c, row->ozg_id);
		if (!s)
			continue;
		uint32_t mask = service_delivery(s);
		bool sel = idx == r->list.cur;
		int y = y0 + 1 + i;
		enum theme_role role = sel ? THEME_LABEL : THEME_NORMAL;
		char id[16];
		snprintf(id, sizeof id, "%u", row->ozg_id);
		tui_put(t, w, y, 0, id, 6, role, TUI_LEFT);
		tui_put(t, w, y, x_name, s->name, x_cells - x_name - 1, role, TUI_LEFT);
		for (int k = 1; k <= CAT__MAX; k++) {
			bool on = mask & CAT_BIT(k);
			/* [x] / [ ]: readable without colour; unset services in dim */
			const char *cell = on ? "[x]" : "[ ]";
			bool here = sel && k == r->col;
			enum theme_role cr = here ? THEME_SELECTED : on ? (s->categories ? THEME_OK : THEME_DIM) : THEME_DIM;
			tui_put(t, w, y, x_cells + (k - 1) * CELL_W, cell, 3, cr, TUI_LEFT);
			if (here) {
				cy = y;
				cx = x_cells + (k - 1) * CELL_W + 1;
			}
		}
		char reach[32];
		uint32_t counties = workshops_reach_counties(c, mask);
		if (counties)
			/* TRANSLATORS: municipalities + counties delivering a service, "207+31C";
			 * C as in the help line's "(+C counties)" */
			snprintf(reach, sizeof reach, _("%u+%uC"), (unsigned)workshops_reach(c, mask), (unsigned)counties);
		else
			snprintf(reach, sizeof reach, "%u", (unsigned)workshops_reach(c, mask));
		tui_put(t, w, y, x_reach, reach, 9, role, TUI_RIGHT);
		char proj[64] = "";
		if (row->projects && row->not_rep)
			snprintf(proj, sizeof proj, "%zu (✗%zu)", row->projects, row->not_rep);
		else if (row->projects)
			snprintf(proj, sizeof proj, "%zu", row->projects);
		if (!s->categories)
			/* TRANSLATORS: Def.: the service's categories were never surveyed, 1-4 count */
			snprintf(proj + strlen(proj), sizeof proj - strlen(proj), "%s%s", proj[0] ? " " : "", _("Def."));
		tui_put(t, w, y, x_proj, proj, cols - x_proj, row->not_rep ? THEME_BAD : role, TUI_LEFT);
	}
	if (!r->n)
		tui_put(t, w, y0 + 1, 0, _("no services in this topic field"), cols, THEME_DIM, TUI_LEFT);
	tui_put(t, w, rows - 2, 0, _("Space toggles · [x] delivers · Def.: never surveyed, 1–4 count"),
		cols, THEME_DIM, TUI_LEFT);
	tui_put(t, w, rows - 1, 0, _("Municip.: how many deliver it (+C counties) · ✗ teams not representative"),
		cols, THEME_DIM, TUI_LEFT);
	wmove(w, cy, cx);
}

/* The team verdicts of the projects that have the service. */
struct verdicts {
	const struct catalog *c;
	struct txn *txn;
	struct uuid *ids;
	bool *rep;
	size_t n, cap;
};

static int note_verdict(const struct uuid *id, void *arg)
{
	struct verdicts *vs = arg;
	struct project p;
	project_init(&p);
	if (store_project_get(vs->txn, id, &p) == STATUS_OK) {
		xgrow((void **)&vs->ids, &vs->cap, vs->n + 1, sizeof *vs->ids);
		vs->rep = xrealloc(vs->rep, vs->cap * sizeof *vs->rep);
		vs->ids[vs->n] = *id;
		vs->rep[vs->n++] = rules_check_team(vs->c, &p).representative;
	} else {
		status_clear();
	}
	project_fini(&p);
	return 0;
}

static enum status verdicts_of(struct tui *t, uint32_t ozg_id, struct verdicts *vs)
{
	free(vs->ids);
	free(vs->rep);
	memset(vs, 0, sizeof *vs);
	vs->c = t->cat;
	enum status st = store_read_begin(t->store, &vs->txn);
	if (st == STATUS_OK)
		st = store_project_ids_with_service(vs->txn, ozg_id, note_verdict, vs);
	store_txn_end(vs->txn);
	vs->txn = NULL;
	return st;
}

static enum view_result toggle(struct tui *t, struct rview *r)
{
	if (r->list.cur >= r->n)
		return VIEW_DRAW;
	uint32_t ozg_id = r->rows[r->list.cur].ozg_id;
	const struct service *s = catalog_service(t->cat, ozg_id);
	if (!s)
		return VIEW_DRAW;
	uint32_t mask = service_delivery(s) ^ CAT_BIT(r->col);
	if (!(mask & (CAT_BIT(CAT__MAX + 1) - 2))) {
		tui_message(t, THEME_STATUS_ERROR,
			    _("✗ at least one category must deliver the service (ozgtui service-categories %u "
			      "default resets it)"), (unsigned)ozg_id);
		return VIEW_DRAW;
	}
	bool on = mask & CAT_BIT(r->col);
	struct verdicts before = {0}, after = {0};
	enum status st = verdicts_of(t, ozg_id, &before);
	if (st == STATUS_OK)
		st = ops_service_categories(t->store, ozg_id, mask);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("relevance"));
		goto out;
	}
	/* judge again at once, against the new catalog */
	tui_reload(t);
	st = verdicts_of(t, ozg_id, &after);
	size_t flipped = 0, now_rep = 0, now_not = 0;
	for (size_t i = 0; i < after.n; i++)
		for (size_t j = 0; j < before.n; j++)
			if (uuid_cmp(&after.ids[i], &before.ids[j]) == 0 && after.rep[i] != before.rep[j]) {
				flipped++;
				if (after.rep[i])
					now_rep++;
				else
					now_not++;
			}
	if (st != STATUS_OK)
		tui_message_status(t, st, _("relevance"));
	else if (flipped)
		tui_message(t, THEME_STATUS_OK,
			    P_("✓ %u · %s %s · %zu team verdict changed: ✗%zu no longer, ✓%zu now representative",
			       "✓ %u · %s %s · %zu team verdicts changed: ✗%zu no longer, ✓%zu now representative", flipped),
			    (unsigned)ozg_id, _(cat_name[r->col]), on ? _("delivers") : _("does not deliver"), flipped,
			    now_not, now_rep);
	else
		tui_message(t, THEME_STATUS_OK,
			    P_("✓ %u · %s %s · no team verdict changed (%zu project)",
			       "✓ %u · %s %s · no team verdict changed (%zu projects)", after.n),
			    (unsigned)ozg_id, _(cat_name[r->col]), on ? _("delivers") : _("does not deliver"), after.n);
out:
	free(before.ids);
	free(before.rep);
	free(after.ids);
	free(after.rep);
	/* reloaded already when it worked: redraw is enough */
	return VIEW_DRAW;
}

static enum view_result rel_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct rview *r = (struct rview *)v;
	if (tui_list_key(&r->list, a, r->page_rows))
		return VIEW_DRAW;
	switch (a) {
	case ACTION_LEFT:
		if (r->col > 1)
			r->col--;
		return VIEW_DRAW;
	case ACTION_RIGHT:
		if (r->col < CAT__MAX)
			r->col++;
		return VIEW_DRAW;
	case ACTION_TOGGLE:
		return toggle(t, r);
	default:
		return VIEW_UNHANDLED;
	}
}

const struct view_ops view_relevance = {
	.name = "relevance",
	.title = N_("Relevance"),
	.context = KEYCTX_RELEVANCE,
	.open = rel_open,
	.load = rel_load,
	.draw = rel_draw,
	.key = rel_key,
	.close = rel_close,
};
