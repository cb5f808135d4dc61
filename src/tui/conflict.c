/* conflict.c - the conflict screen: a save was refused because another
 * coordinator changed the project since it was read. Nothing is overwritten
 * silently: the screen shows my version and theirs side by side (only the
 * fields that differ, with who changed them and when) and the user chooses to
 * keep theirs, to apply mine on top of theirs, or to edit again.
 *
 * Three versions take part: base (what my change started from), mine (base
 * plus my change) and theirs (stored now, read again at every reload, so a
 * third change shows up too). "Apply mine" re-applies the difference base ->
 * mine to theirs, field by field and, for sets, item by item, and saves it
 * with their version; should that conflict again, the screen stays open with
 * the newer theirs.
 */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/ops.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

/* The fields compared, in display order. X(NAME, label), translated when shown */
#define CFIELD_LIST(X)                                                              \
	X(TITLE, N_("Title"))                                                       \
	X(FIELD, N_("Topic field"))                                                 \
	X(SERVICES, N_("OZG services"))                                             \
	X(PHASE, N_("Phase"))                                                       \
	X(PRIORITY, N_("Priority"))                                                 \
	X(LEAD, N_("Lead"))                                                         \
	X(TEAM, N_("Team"))                                                         \
	X(INTEREST, N_("Interest"))                                                 \
	X(MINISTRIES, N_("Ministries"))                                             \
	X(COMPONENTS, N_("Base components"))                                        \
	X(DEPARTMENTS, N_("Departments"))                                           \
	X(SOLUTIONS, N_("Solutions"))                                               \
	X(DATES, N_("Dates"))                                                       \
	X(NOTES, N_("Notes"))

enum cfield {
#define CFIELD_ENUM(name, label) CF_##name,
	CFIELD_LIST(CFIELD_ENUM)
#undef CFIELD_ENUM
	CF__COUNT
};
static const char *const cfield_label[] = {
#define CFIELD_LABEL(name, label) label,
	CFIELD_LIST(CFIELD_LABEL)
#undef CFIELD_LABEL
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends items sorted, joined by ", " (sets compare order-insensitively). */
static void join_sorted(struct buf *b, struct strv *items)
{
	if (items->n)
		qsort(items->v, items->n, sizeof *items->v, cmp_str);
	for (size_t i = 0; i < items->n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", items->v[i]);
}

static void orgs_text(const struct tui *t, struct buf *b, const struct uuid *v, size_t n)
{
	struct strv s;
	strv_init(&s);
	for (size_t i = 0; i < n; i++)
		strv_push(&s, tui_org_name(t, &v[i]));
	join_sorted(b, &s);
	strv_fini(&s);
}

/* The value of a field as one canonical line (equal values, equal text). */
static void field_text(const struct tui *t, const struct project *p, enum cfield f, struct buf *b)
{
	const struct catalog *c = t->cat;
	struct strv s;
	strv_init(&s);
	switch (f) {
	case CF_TITLE:
		buf_puts(b, p->title ? p->title : "");
		break;
	case CF_FIELD: {
		const struct topic_field *tf = p->field ? catalog_field(c, p->field) : NULL;
		buf_puts(b, tf && tf->name ? tf->name : "–");
		break;
	}
	case CF_SERVICES:
		for (size_t i = 0; i < p->n_services; i++) {
			const struct service *sv = catalog_service(c, p->services[i]);
			char *x = xasprintf("%u %s", (unsigned)p->services[i], sv && sv->name ? sv->name : "?");
			strv_push(&s, x);
			free(x);
		}
		join_sorted(b, &s);
		break;
	case CF_PHASE: {
		const struct phase *ph = catalog_phase(c, p->phase);
		buf_puts(b, ph && ph->name ? ph->name : "?");
		break;
	}
	case CF_PRIORITY:
		if (p->priority)
			buf_printf(b, "%u", (unsigned)p->priority);
		else
			buf_puts(b, "–");
		break;
	case CF_LEAD: {
		const struct member *m = project_lead(p);
		buf_puts(b, m ? tui_org_name(t, &m->org) : "–");
		break;
	}
	case CF_TEAM:
		for (size_t i = 0; i < p->n_team; i++) {
			char *x = xasprintf("%s (%s)", tui_org_name(t, &p->team[i].org), role_label(p->team[i].role));
			strv_push(&s, x);
			free(x);
		}
		join_sorted(b, &s);
		break;
	case CF_INTEREST:
		orgs_text(t, b, p->interested, p->n_interested);
		break;
	case CF_MINISTRIES:
		orgs_text(t, b, p->ministries, p->n_ministries);
		break;
	case CF_COMPONENTS:
		strv_copy(&s, &p->components);
		join_sorted(b, &s);
		break;
	case CF_DEPARTMENTS:
		strv_copy(&s, &p->departments);
		join_sorted(b, &s);
		break;
	case CF_SOLUTIONS:
		strv_copy(&s, &p->solutions);
		join_sorted(b, &s);
		break;
	case CF_DATES:
		for (size_t k = 0; k < c->phases.n; k++) {
			const struct phase_date *d = project_date_const(p, c->phases.v[k].id);
			if (!d || (!d->planned && !d->reached))
				continue;
			char pl[11], re[11];
			tui_date(d->planned, pl);
			tui_date(d->reached, re);
			buf_printf(b, "%s%s %s/%s", b->len ? ", " : "", c->phases.v[k].name, pl, re);
		}
		break;
	case CF_NOTES:
		buf_puts(b, p->notes ? p->notes : "");
		break;
	case CF__COUNT:
		break;
	}
	strv_fini(&s);
	if (b->len == 0)
		buf_puts(b, "–");
}

static bool field_same(const struct tui *t, const struct project *a, const struct project *b, enum cfield f)
{
	struct buf x, y;
	buf_init(&x);
	buf_init(&y);
	field_text(t, a, f, &x);
	field_text(t, b, f, &y);
	bool same = strcmp(x.data, y.data) == 0;
	buf_fini(&x);
	buf_fini(&y);
	return same;
}

bool tui_project_differs(const struct tui *t, const struct project *a, const struct project *b)
{
	for (int f = 0; f < CF__COUNT; f++)
		if (!field_same(t, a, b, (enum cfield)f))
			return true;
	return false;
}

/* ---- merging mine onto theirs --------------------------------------------- */

static bool uuid_in(const struct uuid *v, size_t n, const struct uuid *u)
{
	for (size_t i = 0; i < n; i++)
		if (uuid_cmp(&v[i], u) == 0)
			return true;
	return false;
}

static bool u32_in(const uint32_t *v, size_t n, uint32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* out += (mine - base); out -= (base - mine), for a set of UUIDs. */
static void merge_uuids(struct uuid **out, size_t *n_out, const struct uuid *base, size_t n_base,
			const struct uuid *mine, size_t n_mine)
{
	for (size_t i = 0; i < n_mine; i++) {
		if (uuid_in(base, n_base, &mine[i]) || uuid_in(*out, *n_out, &mine[i]))
			continue;
		size_t cap = *n_out;
		xgrow((void **)out, &cap, *n_out + 1, sizeof **out);
		(*out)[(*n_out)++] = mine[i];
	}
	for (size_t i = 0; i < n_base; i++) {
		if (uuid_in(mine, n_mine, &base[i]))
			continue;
		for (size_t k = 0; k < *n_out; k++) {
			if (uuid_cmp(&(*out)[k], &base[i]) == 0) {
				memmove(&(*out)[k], &(*out)[k + 1], (*n_out - k - 1) * sizeof **out);
				(*n_out)--;
				break;
			}
		}
	}
}

static void merge_strv(struct strv *out, const struct strv *base, const struct strv *mine)
{
	for (size_t i = 0; i < mine->n; i++)
		if (!strv_contains(base, mine->v[i]) && !strv_contains(out, mine->v[i]))
			strv_push(out, mine->v[i]);
	for (size_t i = 0; i < base->n; i++)
		if (!strv_contains(mine, base->v[i]))
			strv_remove(out, base->v[i]);
}

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

void tui_conflict_merge(struct project *out, const struct project *base, const struct project *mine,
			const struct project *theirs)
{
	project_fini(out);
	project_init(out);
	project_copy(out, theirs);
	if (!str_eq(base->title, mine->title)) {
		free(out->title);
		out->title = mine->title ? xstrdup(mine->title) : NULL;
	}
	if (base->field != mine->field)
		out->field = mine->field;
	if (base->priority != mine->priority)
		out->priority = mine->priority;
	if (!str_eq(base->notes, mine->notes)) {
		free(out->notes);
		out->notes = mine->notes ? xstrdup(mine->notes) : NULL;
	}
	for (size_t i = 0; i < mine->n_services; i++)
		if (!u32_in(base->services, base->n_services, mine->services[i]) &&
		    !project_has_service(out, mine->services[i]))
			project_add_service(out, mine->services[i]);
	for (size_t i = 0; i < base->n_services; i++) {
		if (u32_in(mine->services, mine->n_services, base->services[i]))
			continue;
		for (size_t k = 0; k < out->n_services; k++) {
			if (out->services[k] == base->services[i]) {
				memmove(&out->services[k], &out->services[k + 1],
					(out->n_services - k - 1) * sizeof *out->services);
				out->n_services--;
				break;
			}
		}
	}
	for (size_t i = 0; i < mine->n_team; i++) {
		const struct member *m = &mine->team[i];
		const struct member *was = project_member(base, &m->org);
		if (!was || was->role != m->role)
			project_set_member(out, &m->org, m->role);
	}
	for (size_t i = 0; i < base->n_team; i++)
		if (!project_member(mine, &base->team[i].org))
			project_remove_member(out, &base->team[i].org);
	merge_uuids(&out->interested, &out->n_interested, base->interested, base->n_interested, mine->interested,
		    mine->n_interested);
	merge_uuids(&out->ministries, &out->n_ministries, base->ministries, base->n_ministries, mine->ministries,
		    mine->n_ministries);
	merge_strv(&out->components, &base->components, &mine->components);
	merge_strv(&out->departments, &base->departments, &mine->departments);
	merge_strv(&out->solutions, &base->solutions, &mine->solutions);
	/* dates: every phase either version knows */
	for (size_t i = 0; i < mine->n_dates + base->n_dates; i++) {
		uint8_t ph = i < mine->n_dates ? mine->dates[i].phase : base->dates[i - mine->n_dates].phase;
		const struct phase_date *b = project_date_const(base, ph), *m = project_date_const(mine, ph);
		int32_t bp = b ? b->planned : 0, mp = m ? m->planned : 0;
		int32_t br = b ? b->reached : 0, mr = m ? m->reached : 0;
		if (bp != mp)
			project_date(out, ph, true)->planned = mp;
		if (br != mr)
			project_date(out, ph, true)->reached = mr;
	}
}

/* ---- the screen ------------------------------------------------------------ */

struct conflict_view {
	struct view v;
	struct uuid id;
	struct project base, mine, theirs;
	bool have_theirs;
	conflict_done_fn done;
	void *arg;
	size_t top;          /* first difference shown */
	int diff_rows;
};

static struct view *conflict_open(struct tui *t, const char *arg)
{
	struct conflict_view *cv = xcalloc(1, sizeof *cv);
	project_init(&cv->base);
	project_init(&cv->mine);
	project_init(&cv->theirs);
	if (!arg || !uuid_from_text(arg, &cv->id)) {
		free(cv);
		tui_message(t, THEME_STATUS_ERROR, _("conflict screen: no project"));
		return NULL;
	}
	cv->v.subtitle = xstrdup(_("conflict"));
	return &cv->v;
}

static void conflict_close(struct view *v)
{
	struct conflict_view *cv = (struct conflict_view *)v;
	project_fini(&cv->base);
	project_fini(&cv->mine);
	project_fini(&cv->theirs);
	free(cv);
}

static enum status conflict_load(struct tui *t, struct view *v, struct txn *txn)
{
	(void)t;
	struct conflict_view *cv = (struct conflict_view *)v;
	project_fini(&cv->theirs);
	project_init(&cv->theirs);
	enum status st = store_project_get(txn, &cv->id, &cv->theirs);
	cv->have_theirs = st == STATUS_OK;
	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;   /* drawn as "deleted meanwhile" */
	free(cv->v.subtitle);
	cv->v.subtitle = xasprintf("#%u", cv->theirs.number);
	return st;
}

/* Differences between mine and theirs, in field order. */
static size_t differences(const struct tui *t, const struct conflict_view *cv, enum cfield out[CF__COUNT])
{
	size_t n = 0;
	for (int f = 0; f < CF__COUNT; f++)
		if (!field_same(t, &cv->mine, &cv->theirs, (enum cfield)f))
			out[n++] = (enum cfield)f;
	return n;
}

/* A value in one line: newlines shown as " ⏎ ". */
static char *one_line(const char *s)
{
	struct buf b;
	buf_init(&b);
	for (; *s; s++) {
		if (*s == '\n')
			buf_puts(&b, " ⏎ ");
		else if (*s != '\r')
			buf_putc(&b, *s);
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

/* How many bytes of s fill at most width cells, in whole characters. */
static size_t take_cells(const char *s, int width)
{
	size_t bytes = 0, cells = 0;
	while (s[bytes]) {
		size_t len = 1;
		while (s[bytes + len] && ((unsigned char)s[bytes + len] & 0xc0) == 0x80)
			len++;
		char *ch = xstrndup(s + bytes, len);
		size_t cw = tui_text_cells(ch);
		free(ch);
		if (cells + cw > (size_t)width)
			break;
		cells += cw;
		bytes += len;
	}
	return bytes ? bytes : strlen(s);
}

static void conflict_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct conflict_view *cv = (struct conflict_view *)v;
	if (!cv->have_theirs) {
		tui_put(t, w, 0, 0, _("✗ The project was deleted meanwhile; your change is not saved."), cols,
			THEME_BAD, TUI_LEFT);
		tui_put(t, w, 2, 0, _("t discards your change · q back"), cols, THEME_DIM, TUI_LEFT);
		return;
	}
	const struct project *th = &cv->theirs;
	char iso[21], when[17];
	time_format(th->updated, iso);
	snprintf(when, sizeof when, "%.10s %.5s", iso, iso + 11);   /* "2025-03-01 14:05" */
	const char *who = th->updated_by ? th->updated_by : "?";
	struct buf b;
	buf_init(&b);
	buf_printf(&b, _("✗ Conflict: #%u changed by %s on %s (version %u, your base: %u)"), th->number, who,
		   when, th->version, cv->base.version);
	tui_put(t, w, 0, 0, b.data, cols, THEME_BAD, TUI_LEFT);
	tui_put(t, w, 1, 0, _("Nothing saved. Yours on the left, theirs on the right: the fields that differ."),
		cols, THEME_NORMAL, TUI_LEFT);
	buf_reset(&b);

	int label_w = 18;
	int col_w = (cols - label_w - 4) / 2;
	int x_mine = label_w + 1, x_theirs = label_w + 1 + col_w + 3;
	buf_printf(&b, _("My version (%s)"), user_name());
	tui_put(t, w, 3, 0, _("Field"), label_w, THEME_HEADER, TUI_LEFT);
	tui_put(t, w, 3, x_mine, b.data, col_w, THEME_HEADER, TUI_LEFT);
	buf_reset(&b);
	buf_printf(&b, _("Their version (%s)"), who);
	tui_put(t, w, 3, x_theirs, b.data, cols - x_theirs, THEME_HEADER, TUI_LEFT);
	buf_fini(&b);

	enum cfield diff[CF__COUNT];
	size_t n = differences(t, cv, diff);
	int y0 = 4;
	int avail = rows - y0 - 3;
	if (avail < 1)
		avail = 1;
	/* a difference takes 1 line, or up to 3 for long values */
	cv->diff_rows = avail;
	if (cv->top >= n)
		cv->top = n ? n - 1 : 0;
	int y = y0;
	size_t shown = 0;
	for (size_t i = cv->top; i < n && y < y0 + avail; i++, shown++) {
		enum cfield f = diff[i];
		struct buf m, th_b, bs;
		buf_init(&m);
		buf_init(&th_b);
		buf_init(&bs);
		field_text(t, &cv->mine, f, &m);
		field_text(t, &cv->theirs, f, &th_b);
		field_text(t, &cv->base, f, &bs);
		bool i_changed = strcmp(m.data, bs.data) != 0;
		bool they_changed = strcmp(th_b.data, bs.data) != 0;
		char label[64];
		snprintf(label, sizeof label, "%s%s", _(cfield_label[f]),
			 i_changed && they_changed ? _(" (both)") : i_changed ? _(" (you)") : they_changed ? _(" (they)") : "");
		tui_put(t, w, y, 0, label, label_w, THEME_LABEL, TUI_LEFT);
		char *ml = one_line(m.data), *tl = one_line(th_b.data);
		/* wrap each side over up to 3 lines when it is long */
		int lines = 1;
		size_t mw = tui_text_cells(ml), tw = tui_text_cells(tl);
		size_t longest = mw > tw ? mw : tw;
		if (col_w > 0 && longest > (size_t)col_w)
			lines = longest > (size_t)col_w * 2 ? 3 : 2;
		if (y + lines > y0 + avail)
			lines = y0 + avail - y;
		const char *ps[2] = {ml, tl};
		int xs[2] = {x_mine, x_theirs};
		enum theme_role roles[2] = {i_changed ? THEME_MARKED : THEME_NORMAL,
					    they_changed ? THEME_LATE : THEME_NORMAL};
		for (int side = 0; side < 2; side++) {
			const char *s = ps[side];
			for (int l = 0; l < lines; l++) {
				int width = side == 0 ? col_w : cols - x_theirs;
				if (!*s)
					break;
				if (l + 1 == lines) {
					tui_put(t, w, y + l, xs[side], s, width, roles[side], TUI_LEFT);
					break;
				}
				/* a line's worth of whole characters */
				size_t bytes = take_cells(s, width);
				char *head = xstrndup(s, bytes);
				tui_put(t, w, y + l, xs[side], head, width, roles[side], TUI_LEFT);
				free(head);
				s += bytes;
			}
		}
		for (int l = 0; l < lines; l++)
			tui_put(t, w, y + l, x_theirs - 2, "│", 1, THEME_DIM, TUI_LEFT);
		free(ml);
		free(tl);
		buf_fini(&m);
		buf_fini(&th_b);
		buf_fini(&bs);
		y += lines;
	}
	if (n == 0)
		tui_put(t, w, y0, 0, _("(no differences left: their version holds your change already)"), cols, THEME_DIM,
			TUI_LEFT);
	else if (cv->top + shown < n || cv->top > 0)
		tui_put(t, w, y0 + avail, 0, _("(j/k pages through more differences)"), cols, THEME_DIM, TUI_LEFT);
	tui_put(t, w, rows - 2, 0, _("(you)/(they)/(both): who changed it; m takes yours for (both)"), cols, THEME_DIM,
		TUI_LEFT);
	tui_put(t, w, rows - 1, 0, _("t keep theirs · m apply mine on top · e edit further"), cols, THEME_KEY,
		TUI_LEFT);
}

/* Closes the screen, then tells the owner (which may close itself too). */
static void finish(struct tui *t, struct conflict_view *cv, enum conflict_choice choice, const struct project *now,
		   const struct project *mine)
{
	conflict_done_fn done = cv->done;
	void *arg = cv->arg;
	struct project n, m;
	project_init(&n);
	project_init(&m);
	project_copy(&n, now);
	project_copy(&m, mine);
	tui_pop(t);   /* frees cv */
	if (done)
		done(t, choice, &n, &m, arg);
	else if (choice == CONFLICT_EDIT_AGAIN)
		tui_project_form_with(t, &n, &m);
	project_fini(&n);
	project_fini(&m);
}

static enum view_result apply_mine(struct tui *t, struct conflict_view *cv)
{
	struct project merged;
	project_init(&merged);
	tui_conflict_merge(&merged, &cv->base, &cv->mine, &cv->theirs);
	uint32_t version = cv->theirs.version;
	status_clear();
	enum status st = ops_project_update(t->store, t->cat, &merged, version);
	enum view_result r = VIEW_RELOAD;
	if (st == STATUS_OK) {
		char who[128];
		snprintf(who, sizeof who, "%s", cv->theirs.updated_by ? cv->theirs.updated_by : "?");
		unsigned number = cv->theirs.number;
		struct project mine;
		project_init(&mine);
		project_copy(&mine, &cv->mine);
		finish(t, cv, CONFLICT_APPLY_MINE, &merged, &mine);
		project_fini(&mine);
		tui_message(t, THEME_STATUS_OK, _("✓ #%u saved: your changes applied on top of %s's"), number, who);
	} else if (st == STATUS_CONFLICT) {
		tui_message(t, THEME_STATUS_ERROR, _("changed again meanwhile: %s — compare once more"), status_detail());
	} else {
		tui_message_status(t, st, _("save"));
		r = VIEW_DRAW;
	}
	project_fini(&merged);
	return r;
}

static enum view_result conflict_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct conflict_view *cv = (struct conflict_view *)v;
	switch (a) {
	case ACTION_UP:
		if (cv->top > 0)
			cv->top--;
		return VIEW_DRAW;
	case ACTION_DOWN:
		cv->top++;
		return VIEW_DRAW;
	case ACTION_KEEP_THEIRS: {
		if (!tui_confirm(t, _("Discard your changes and keep their version?")))
			return VIEW_DRAW;
		unsigned number = cv->theirs.number;
		bool had = cv->have_theirs;
		finish(t, cv, CONFLICT_KEEP_THEIRS, &cv->theirs, &cv->mine);
		if (had)
			tui_message(t, THEME_STATUS, _("#%u: their version kept, your changes discarded"), number);
		else
			tui_message(t, THEME_STATUS, _("your changes discarded (the project was deleted)"));
		return VIEW_RELOAD;
	}
	case ACTION_APPLY_MINE:
		if (!cv->have_theirs) {
			tui_message(t, THEME_STATUS_ERROR, _("the project was deleted meanwhile: nothing to apply to"));
			return VIEW_DRAW;
		}
		if (!tui_confirm(t, _("Apply your changes on top of their version and save?")))
			return VIEW_DRAW;
		return apply_mine(t, cv);
	case ACTION_EDIT_AGAIN: {
		if (!cv->have_theirs) {
			tui_message(t, THEME_STATUS_ERROR, _("the project was deleted meanwhile"));
			return VIEW_DRAW;
		}
		struct project merged;
		project_init(&merged);
		tui_conflict_merge(&merged, &cv->base, &cv->mine, &cv->theirs);
		finish(t, cv, CONFLICT_EDIT_AGAIN, &cv->theirs, &merged);
		project_fini(&merged);
		return VIEW_DRAW;
	}
	case ACTION_BACK:
	case ACTION_QUIT:
	case ACTION_VIEW_NEXT:
	case ACTION_VIEW_PREV:
	case ACTION_VIEW_1:
	case ACTION_VIEW_2:
	case ACTION_VIEW_3:
	case ACTION_VIEW_4:
	case ACTION_VIEW_5:
		if (a == ACTION_BACK) {
			tui_message(t, THEME_STATUS, _("choose: t keep theirs · m apply mine · e edit again"));
			return VIEW_DRAW;
		}
		/* leaving discards my change: ask, then let the framework go */
		return tui_confirm(t, _("Leave without saving your changes?")) ? VIEW_UNHANDLED : VIEW_DRAW;
	default:
		return VIEW_UNHANDLED;
	}
}

static bool conflict_selected(struct view *v, struct uuid *out)
{
	*out = ((struct conflict_view *)v)->id;
	return true;
}

const struct view_ops view_conflict = {
	.name = "conflict",
	.title = N_("Conflict"),
	.context = KEYCTX_CONFLICT,
	.open = conflict_open,
	.load = conflict_load,
	.draw = conflict_draw,
	.key = conflict_key,
	.close = conflict_close,
	.selected_project = conflict_selected,
};

struct view *tui_conflict_open(struct tui *t, const struct project *base, const struct project *mine,
			       conflict_done_fn done, void *arg)
{
	char id[37];
	uuid_format(&base->id, id);
	struct view *v = tui_push(t, &view_conflict, id);
	if (!v)
		return NULL;
	struct conflict_view *cv = (struct conflict_view *)v;
	project_copy(&cv->base, base);
	project_copy(&cv->mine, mine);
	cv->done = done;
	cv->arg = arg;
	tui_message(t, THEME_STATUS_ERROR, _("✗ not saved: %s"), *status_detail() ? status_detail() : _("changed meanwhile"));
	return v;
}
