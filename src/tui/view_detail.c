/* view_detail.c - Projektdetails: every field of one project, its team with
 * categories and the representativeness verdict (what is missing, who could
 * fill it), services with their delivering categories, base components, dates
 * per phase, linked outcomes, history and notes. Opened with the project's UUID. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/rules.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

#define LABEL_W 18

struct dline {
	enum theme_role role;
	char *label;   /* NULL: text spans the line */
	char *text;
};

struct dview {
	struct view v;
	struct uuid id;
	bool valid;
	uint32_t number;
	struct dline *lines;
	size_t n, cap;
	size_t top;
	int page_rows;
	struct tui *t;
};

static void lines_clear(struct dview *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i].label);
		free(d->lines[i].text);
	}
	d->n = 0;
}

static void add(struct dview *d, enum theme_role role, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(struct dview *d, enum theme_role role, const char *label, const char *fmt, ...)
{
	xgrow((void **)&d->lines, &d->cap, d->n + 1, sizeof *d->lines);
	struct dline *l = &d->lines[d->n++];
	l->role = role;
	l->label = label ? xstrdup(label) : NULL;
	va_list ap;
	va_start(ap, fmt);
	char tmp[2048];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	l->text = xstrdup(tmp);
}

/* Adds a possibly multi-line text (notes), one line each. */
static void add_text(struct dview *d, const char *label, const char *s)
{
	const char *p = s;
	bool first = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *l = xstrndup(p, len);
		add(d, THEME_NORMAL, first ? label : "", "%s", l);
		free(l);
		first = false;
		p += len + (nl ? 1 : 0);
	}
}

static void section(struct dview *d, const char *title)
{
	if (d->n)
		add(d, THEME_NORMAL, NULL, "%s", "");
	add(d, THEME_SECTION, NULL, "%s", title);
}

static struct view *detail_open(struct tui *t, const char *arg)
{
	struct dview *d = xcalloc(1, sizeof *d);
	d->t = t;
	if (arg && uuid_from_text(arg, &d->id))
		d->valid = true;
	d->page_rows = 10;
	return &d->v;
}

static void detail_close(struct view *v)
{
	struct dview *d = (struct dview *)v;
	lines_clear(d);
	free(d->lines);
	free(d);
}

static int add_history(const struct history_entry *e, void *arg)
{
	struct dview *d = arg;
	char when[21];
	time_format(e->time, when);
	when[16] = '\0';   /* YYYY-MM-DDTHH:MM */
	when[10] = ' ';
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s  %s", e->user ? e->user : "?", e->summary && *e->summary ? e->summary : e->action);
	if (e->forced)
		buf_puts(&b, _("  [gate overridden]"));
	if (e->reason && *e->reason)
		buf_printf(&b, _("  reason: %s"), e->reason);
	add(d, e->forced ? THEME_LATE : THEME_NORMAL, when, "%s", b.data);
	buf_fini(&b);
	return 0;
}

static int add_outcome(const struct outcome *o, void *arg)
{
	struct dview *d = arg;
	char due[11];
	tui_date(o->due, due);
	add(d, THEME_NORMAL, outcome_kind_label(o->kind), "%s  (%s%s%s)", o->text ? o->text : "",
	    outcome_status_code(o->status), o->due ? _(", due ") : "", o->due ? due : "");
	return 0;
}

/* Short names of the categories, for lists on one line (translated when shown). */
static const char *const category_short[CAT__MAX + 1] = {
	"", N_("municipality"), N_("medium town"), N_("large town"), N_("city"), N_("county"),
};

static void category_labels(struct buf *b, uint32_t mask)
{
	bool any = false;
	for (int c = 1; c <= CAT__MAX; c++) {
		if (!(mask & CAT_BIT(c)))
			continue;
		buf_printf(b, "%s%s", any ? ", " : "", _(category_short[c]));
		any = true;
	}
	if (!any)
		buf_puts(b, "–");
}

static void uuid_list(struct dview *d, const char *label, const struct uuid *v, size_t n)
{
	if (n == 0) {
		add(d, THEME_DIM, label, "–");
		return;
	}
	for (size_t i = 0; i < n; i++)
		add(d, THEME_NORMAL, i == 0 ? label : "", "%s", tui_org_name(d->t, &v[i]));
}

static void strv_lines(struct dview *d, const char *label, const struct strv *s)
{
	if (s->n == 0) {
		add(d, THEME_DIM, label, "–");
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		add(d, THEME_NORMAL, i == 0 ? label : "", "%s", s->v[i]);
}

static void build(struct tui *t, struct dview *d, struct txn *txn, const struct project *p)
{
	const struct catalog *c = t->cat;
	char date[11], date2[11];
	add(d, THEME_SECTION, NULL, _("Project %u: %s"), p->number, p->title ? p->title : "");
	const struct topic_field *tf = p->field ? catalog_field(c, p->field) : NULL;
	add(d, THEME_NORMAL, _("Topic field"), "%s", tf && tf->name ? tf->name : "–");
	const struct phase *ph = catalog_phase(c, p->phase);
	add(d, THEME_NORMAL, _("Phase"), "%s", ph ? ph->name : "?");
	const struct member *lead = project_lead(p);
	add(d, THEME_NORMAL, _("Lead"), "%s", lead ? tui_org_name(t, &lead->org) : "–");
	if (p->priority)
		add(d, THEME_NORMAL, _("Priority"), "%u", p->priority);
	else
		add(d, THEME_DIM, _("Priority"), "–");
	add(d, THEME_NORMAL, _("Breadth"), _("%u municipalities deliver the services"), rules_breadth(c, p));
	char id[37];
	uuid_format(&p->id, id);
	add(d, THEME_DIM, "UUID", "%s", id);
	char upd[21];
	time_format(p->created, upd);
	add(d, THEME_DIM, _("Created"), _("%.10s by %s"), upd, p->created_by ? p->created_by : "?");
	time_format(p->updated, upd);
	add(d, THEME_DIM, _("Changed"), _("%.10s by %s (version %u)"), upd, p->updated_by ? p->updated_by : "?", p->version);
	if (p->demo)
		add(d, THEME_DIM, "Demo", _("sample data of init --demo"));

	/* team and verdict */
	struct team_verdict v = rules_check_team(c, p);
	section(d, _("Team"));
	if (p->n_team == 0)
		add(d, THEME_DIM, NULL, _("no members yet"));
	for (size_t i = 0; i < p->n_team; i++) {
		const struct organisation *o = catalog_org(c, &p->team[i].org);
		add(d, THEME_NORMAL, role_label(p->team[i].role), "%s — %s", o && o->name ? o->name : "?",
		    o && o->category ? category_label(o->category) : o ? org_kind_label(o->kind) : "?");
	}
	struct buf b;
	buf_init(&b);
	if (v.representative) {
		add(d, THEME_OK, _("Representative"), "%s", tui_verdict_word(true));
	} else {
		category_labels(&b, v.missing);
		add(d, THEME_BAD, _("Representative"), _("%s — missing: %s"), tui_verdict_word(false), b.data);
		buf_reset(&b);
		const struct organisation *sug[8];
		size_t ns = rules_suggest(c, p, &v, NULL, 0, sug, ARRAY_LEN(sug));
		for (size_t i = 0; i < ns; i++) {
			bool interested = project_is_interested(p, &sug[i]->id);
			add(d, THEME_NORMAL, i == 0 ? _("Suggestions") : "", "%s — %s%s", sug[i]->name ? sug[i]->name : "?",
			    category_label(sug[i]->category), interested ? _(" (declared interest)") : "");
		}
	}
	buf_reset(&b);
	category_labels(&b, v.required);
	add(d, THEME_DIM, _("Required"), "%s", b.data);
	uuid_list(d, _("Interest"), p->interested, p->n_interested);

	section(d, _("Services"));
	if (p->n_services == 0)
		add(d, THEME_DIM, NULL, _("no service yet"));
	for (size_t i = 0; i < p->n_services; i++) {
		const struct service *s = catalog_service(c, p->services[i]);
		buf_reset(&b);
		category_labels(&b, s ? service_delivery(s) : CAT_DEFAULT_DELIVERY);
		char lab[16];
		snprintf(lab, sizeof lab, "%u", p->services[i]);
		add(d, THEME_NORMAL, lab, _("%s — delivered by: %s%s"), s && s->name ? s->name : "?", b.data,
		    s && !s->categories ? _(" (not surveyed)") : "");
	}
	section(d, _("Base components and parties"));
	strv_lines(d, _("Base components"), &p->components);
	uuid_list(d, _("Ministries"), p->ministries, p->n_ministries);
	strv_lines(d, _("Departments"), &p->departments);
	strv_lines(d, _("Solutions"), &p->solutions);

	section(d, _("Dates per phase (planned / reached)"));
	uint8_t late = rules_late_phase(&c->phases, p, t->today);
	for (size_t i = 0; i < c->phases.n; i++) {
		const struct phase *q = &c->phases.v[i];
		const struct phase_date *pd = project_date_const(p, q->id);
		if (q->outside_line && !pd && q->id != p->phase)
			continue;
		tui_date(pd ? pd->planned : 0, date);
		tui_date(pd ? pd->reached : 0, date2);
		bool is_late = late && pd && pd->planned && !pd->reached && pd->planned < t->today &&
			       phase_list_index(&c->phases, q->id) > phase_list_index(&c->phases, p->phase);
		/* "–" is one cell but three bytes: pad by cells, not with printf widths */
		struct buf row;
		buf_init(&row);
		tui_text_fit(&row, date, 12, true, TUI_LEFT);
		tui_text_fit(&row, date2, 10, true, TUI_LEFT);
		add(d, is_late ? THEME_LATE : q->id == p->phase ? THEME_LABEL : THEME_NORMAL, q->name, "%s%s%s", row.data,
		    q->id == p->phase ? _("  ◀ current") : "", is_late ? _("  ! late") : "");
		buf_fini(&row);
	}

	section(d, _("Outcomes"));
	size_t before = d->n;
	store_outcome_each_for_project(txn, &p->id, add_outcome, d);
	if (d->n == before)
		add(d, THEME_DIM, NULL, _("no outcomes linked"));

	section(d, _("Notes"));
	if (p->notes && *p->notes)
		add_text(d, "", p->notes);
	else
		add(d, THEME_DIM, NULL, "–");

	section(d, _("History"));
	before = d->n;
	store_history_each_for(txn, &p->id, add_history, d);
	if (d->n == before)
		add(d, THEME_DIM, NULL, _("no history"));
	buf_fini(&b);
}

static enum status detail_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct dview *d = (struct dview *)v;
	lines_clear(d);
	if (!d->valid) {
		add(d, THEME_STATUS_ERROR, NULL, _("no such project"));
		return STATUS_OK;
	}
	struct project p;
	project_init(&p);
	enum status st = store_project_get(txn, &d->id, &p);
	if (st == STATUS_NOT_FOUND) {
		add(d, THEME_STATUS_ERROR, NULL, _("this project no longer exists"));
		project_fini(&p);
		return STATUS_OK;
	}
	if (st == STATUS_OK) {
		d->number = p.number;
		free(d->v.subtitle);
		d->v.subtitle = xasprintf("%u", p.number);
		build(t, d, txn, &p);
	}
	project_fini(&p);
	return st;
}

static void detail_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct dview *d = (struct dview *)v;
	d->page_rows = rows;
	if (d->n > (size_t)rows && d->top > d->n - (size_t)rows)
		d->top = d->n - (size_t)rows;
	if (d->n <= (size_t)rows)
		d->top = 0;
	for (int i = 0; i < rows && d->top + (size_t)i < d->n; i++) {
		const struct dline *l = &d->lines[d->top + (size_t)i];
		if (l->label) {
			tui_put(t, w, i, 1, l->label, LABEL_W - 1, THEME_LABEL, TUI_LEFT);
			tui_put(t, w, i, LABEL_W + 1, l->text, cols - LABEL_W - 1, l->role, TUI_LEFT);
		} else {
			tui_put(t, w, i, 0, l->text, cols, l->role, TUI_LEFT);
		}
	}
	if (d->n > (size_t)rows) {
		char pos[32];
		snprintf(pos, sizeof pos, " %zu%% ", (d->top + (size_t)rows) * 100 / d->n);
		tui_put(t, w, rows - 1, cols - 6, pos, 6, THEME_DIM, TUI_RIGHT);
	}
	wmove(w, 0, 0);
}

static enum view_result detail_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct dview *d = (struct dview *)v;
	size_t page = d->page_rows > 1 ? (size_t)d->page_rows - 1 : 1;
	size_t max = d->n > (size_t)d->page_rows ? d->n - (size_t)d->page_rows : 0;
	switch (a) {
	case ACTION_UP:
		if (d->top)
			d->top--;
		return VIEW_DRAW;
	case ACTION_DOWN:
		if (d->top < max)
			d->top++;
		return VIEW_DRAW;
	case ACTION_PAGE_UP:
		d->top = d->top > page ? d->top - page : 0;
		return VIEW_DRAW;
	case ACTION_PAGE_DOWN:
		d->top = d->top + page < max ? d->top + page : max;
		return VIEW_DRAW;
	case ACTION_HOME:
		d->top = 0;
		return VIEW_DRAW;
	case ACTION_END:
		d->top = max;
		return VIEW_DRAW;
	case ACTION_MOVE_PREV:
	case ACTION_MOVE_NEXT:
	case ACTION_MOVE_PICK:
		if (!d->valid)
			return VIEW_DRAW;
		return tui_move_projects(t, &d->id, 1, a == ACTION_MOVE_PREV ? -1 : a == ACTION_MOVE_NEXT ? 1 : 0);
	default:
		/* t team editor, e edit form, E notes (team_editor.c, form.c) */
		return tui_project_actions(t, a, d->valid ? &d->id : NULL);
	}
}

static bool detail_selected(struct view *v, struct uuid *out)
{
	struct dview *d = (struct dview *)v;
	if (!d->valid)
		return false;
	*out = d->id;
	return true;
}

const struct view_ops view_detail = {
	.name = "detail",
	.title = N_("Project"),
	.context = KEYCTX_DETAIL,
	.open = detail_open,
	.load = detail_load,
	.draw = detail_draw,
	.key = detail_key,
	.close = detail_close,
	.selected_project = detail_selected,
};
