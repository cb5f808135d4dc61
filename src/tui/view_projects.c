/* view_projects.c - view 2, Projekte: a sortable, filterable table of projects
 * with incremental search, marks, and moves through phases. Opened with a
 * filter expression as its argument (from the dashboard) or none.
 *
 * At any size it holds only the result set's keys (src/rset.c: UUID and
 * number of each matching project, in display order) and decodes the rows of
 * the window on screen; rows still on screen after a scroll are kept. After a
 * change only the projects the history names are read again (rset_changes),
 * so a move costs the same at 100 projects and at 100,000.
 *
 * No key waits for work that grows with the database: a result set is built
 * in steps (rset_job). A new filter, or the view opened, reads what the
 * first screen needs, draws, and the rest fills in during idle slices (the
 * status line says "still filtering"); another sort order is made the same
 * way while the old order stays on screen ("sorting…"). A search decodes the
 * rows it passes until one matches, a few milliseconds at a time: keys typed
 * meanwhile are handled at once (more of the search restarts it, Esc cancels
 * it). While a set is incomplete, G goes to the last row known and to the
 * very last once it is complete (unless the cursor moved meanwhile); pages
 * stop at what is known. A change from elsewhere during a build starts it
 * anew; a build started anew selects the project that was selected once it
 * reads it (unless the cursor is moved first). */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/filter.h"
#include "ozgtui/rset.h"
#include "ozgtui/rules.h"
#include "ozgtui/tui_rows.h"
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

/* A row as drawn: decoded for the projects on screen only. */
struct prow {
	struct tui_row row;  /* first: the project's id, live */
	uint32_t number;
	char *title;
	char *folded;        /* number and title folded, for search (made when first searched) */
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

struct pview;
/* The argument of sort_key: the view and the column to sort by. */
struct keyarg {
	struct pview *p;
	enum pcol col;
};

struct pview {
	struct view v;
	char *expr;
	/* The result set: the matching projects' keys in display order. Rows
	 * are decoded for the window on screen (rows[i] shows keys.v[rows_top + i]). */
	struct rset keys;
	struct rset_stamp stamp;   /* what keys was built from (for rset_changes) */
	bool built;                /* keys are current up to the changes since stamp */
	struct prow *rows;
	size_t n_rows;
	size_t decoded;            /* projects decoded since the map was given back */
	struct tui_list list;
	enum pcol sort;
	bool reverse;
	struct tui_marks marks;
	char *search;
	/* The row and project selected when the search began: Esc goes back
	 * to the project, wherever a reload meanwhile put it. */
	size_t search_origin;
	struct uuid search_origin_id;
	bool search_origin_have;
	int page_rows;
	bool reset_selection;   /* the filter changed: start at the top */
	struct tui *t;
	/* A build in steps (idle slices): into keys as it goes, or, while
	 * another order is sorted (detached), into pending, shown when done. */
	struct rset_job *job;
	bool detached;
	struct rset pending;
	enum pcol shown_sort;      /* the order keys are in */
	bool shown_reverse;
	struct keyarg build_arg, shown_arg;   /* sort_key's for the job and for keys */
	bool announce_sort;        /* s while building: "sorted by" once it is done */
	bool end_wanted;           /* G while building: to the last row once complete */
	size_t end_cur;            /* where G put the cursor meanwhile */
	/* The selected project before the build started anew, not read yet:
	 * selected once it is, unless the cursor is moved meanwhile. */
	struct uuid sel_wanted;
	bool sel_pending;
	size_t sel_seen;           /* keys[0..sel_seen) looked at */
	/* A search going on in idle slices (text: p->search). */
	struct tui_find find;
};

/* What the first screen needs, at most this long in a key (microseconds). */
#define FIRST_SCREEN_US 1500
/* Units of work per rset_job_step (rset.h). */
#define JOB_WORK 256
/* Give the database map's pages back after this many decoded rows (store_map_release). */
#define RELEASE_ROWS 128

static void row_free(struct prow *r)
{
	if (!r->row.live)
		return;
	free(r->title);
	free(r->folded);
	free(r->field);
	free(r->phase);
	free(r->lead);
	r->row.live = false;
}

static void rows_clear(struct pview *p)
{
	for (size_t i = 0; i < p->n_rows; i++)
		row_free(&p->rows[i]);
	free(p->rows);
	p->rows = NULL;
	p->n_rows = 0;
}

static struct view *proj_open(struct tui *t, const char *arg)
{
	struct pview *p = xcalloc(1, sizeof *p);
	p->t = t;
	p->expr = xstrdup(arg ? arg : "");
	if (*p->expr)
		p->v.subtitle = xstrdup(p->expr);
	p->sort = PC_NUMBER;
	p->shown_sort = PC_NUMBER;
	p->page_rows = t->body_rows > 2 ? t->body_rows - 2 : 10;
	rset_init(&p->keys);
	rset_init(&p->pending);
	return &p->v;
}

static void proj_close(struct view *v)
{
	struct pview *p = (struct pview *)v;
	rows_clear(p);
	rset_fini(&p->keys);
	rset_fini(&p->pending);
	rset_job_free(p->job);
	tui_find_stop(&p->find);
	tui_marks_fini(&p->marks);
	free(p->expr);
	free(p->search);
	free(p);
}

static void row_fill(struct tui *t, struct prow *r, const struct project *pr)
{
	const struct catalog *c = t->cat;
	memset(r, 0, sizeof *r);
	r->row.live = true;
	r->row.id = pr->id;
	r->number = pr->number;
	r->title = xstrdup(pr->title ? pr->title : "");
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
}

/* A project gone from the store meanwhile: its number and a question mark. */
static void row_missing(struct prow *r, const struct rset_key *k)
{
	memset(r, 0, sizeof *r);
	r->row.live = true;
	r->row.id = k->id;
	r->number = k->number;
	r->title = xstrdup("?");
	r->field = xstrdup("–");
	r->phase = xstrdup("?");
	r->lead = xstrdup("–");
	r->phase_pos = -1;
}

/* Decodes the project of k into r, opening *txn when needed. */
static void row_decode(struct tui *t, struct pview *p, struct txn **txn, const struct rset_key *k, struct prow *r)
{
	struct project pr;
	project_init(&pr);
	if ((*txn || store_read_begin(t->store, txn) == STATUS_OK) && store_project_get(*txn, &k->id, &pr) == STATUS_OK)
		row_fill(t, r, &pr);
	else
		row_missing(r, k);
	project_fini(&pr);
	if (*txn && ++p->decoded >= RELEASE_ROWS) {
		store_map_release(*txn);
		p->decoded = 0;
	}
}

/* What search looks in: the number and the folded title. */
static const char *row_folded(struct prow *r)
{
	if (!r->folded) {
		char *f = text_fold(r->title);
		r->folded = xasprintf("%u %s", r->number, f);
		free(f);
	}
	return r->folded;
}

/* The row of project id kept from the last frame, or NULL. */
static struct prow *row_cached(struct pview *p, const struct uuid *id)
{
	return (struct prow *)tui_rows_find(p->rows, p->n_rows, sizeof *p->rows, id);
}

/* Forgets the decoded rows of the projects ids[0..n) (changed since). */
static void rows_forget(struct pview *p, const struct uuid *ids, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (struct prow *r; (r = row_cached(p, &ids[k])) != NULL;)
			row_free(r);
}

/* Makes rows hold the count rows from top: kept from the last frame where
 * they were on screen, else decoded. */
static void rows_window(struct tui *t, struct pview *p, size_t top, size_t count)
{
	struct prow *rows = xcalloc(count ? count : 1, sizeof *rows);
	struct txn *txn = NULL;
	for (size_t i = 0; i < count; i++) {
		const struct rset_key *k = &p->keys.v[top + i];
		struct prow *old = row_cached(p, &k->id);
		if (old) {
			rows[i] = *old;
			old->row.live = false;   /* moved */
		} else {
			row_decode(t, p, &txn, k, &rows[i]);
		}
	}
	store_txn_end(txn);
	rows_clear(p);
	p->rows = rows;
	p->n_rows = count;
}

/* The sort key of the current column (rset_order.key). */
static void sort_key(const struct project *pr, void *arg, struct rset_sortkey *out)
{
	const struct keyarg *ka = arg;
	struct tui *t = ka->p->t;
	const struct catalog *c = t->cat;
	switch (ka->col) {
	case PC_TITLE:
		out->s = text_fold(pr->title ? pr->title : "");
		break;
	case PC_FIELD: {
		const struct topic_field *tf = pr->field ? catalog_field(c, pr->field) : NULL;
		out->s = xstrdup(tf && tf->name ? tf->name : "–");
		break;
	}
	case PC_PHASE:
		out->k = phase_list_index(&c->phases, pr->phase);
		break;
	case PC_LEAD: {
		const struct member *lead = project_lead(pr);
		out->s = xstrdup(lead ? tui_org_name(t, &lead->org) : "–");
		break;
	}
	case PC_TEAM:
		out->k = rules_check_team(c, pr).representative;
		break;
	case PC_PRIO:
		out->k = -(int64_t)pr->priority;   /* highest first */
		break;
	case PC_NEXT: {
		int32_t next = rules_next_planned(&c->phases, pr);
		out->k = next ? next : INT64_MAX;   /* projects without a date last */
		break;
	}
	case PC_CHANGED:
		out->k = -pr->updated;   /* newest first */
		break;
	case PC_NUMBER:
	case PC__COUNT:
		break;
	}
}

/* The order being built (p->sort), or the one the keys on screen are in
 * (p->shown_sort: another while a new order is sorted). */
static struct rset_order order_of(struct pview *p, bool shown)
{
	struct keyarg *ka = shown ? &p->shown_arg : &p->build_arg;
	ka->p = p;
	ka->col = shown ? p->shown_sort : p->sort;
	struct rset_order o = {ka->col == PC_NUMBER ? NULL : sort_key, ka, shown ? p->shown_reverse : p->reverse};
	return o;
}

/* Keeps the selection on the same project: the cursor is on it again after keys changed. */
static void select_id(struct pview *p, const struct uuid *id)
{
	size_t i = rset_find(&p->keys, id);
	if (i < p->keys.n)
		p->list.cur = i;
}

/* Keeps the cursor for id while a progressive build has not read it yet. */
static void sel_wait(struct pview *p, const struct uuid *id)
{
	p->sel_wanted = *id;
	p->sel_pending = true;
	p->sel_seen = 0;
}

/* The wanted project, when the rows read so far have it: the cursor on it. */
static void sel_follow(struct pview *p)
{
	if (!p->sel_pending)
		return;
	for (size_t i = p->sel_seen; i < p->keys.n; i++)
		if (uuid_cmp(&p->keys.v[i].id, &p->sel_wanted) == 0) {
			p->list.cur = i;
			p->sel_pending = false;
			tui_list_clamp(&p->list, p->page_rows);
			return;
		}
	p->sel_seen = p->keys.n;
}

/* Starts building the keys of f (taken) in steps: into keys (progressive),
 * or into pending while the old order stays on screen (detached). */
static void job_start(struct tui *t, struct pview *p, struct filter *f, bool detached)
{
	rset_job_free(p->job);
	struct rset_order o = order_of(p, false);
	p->job = rset_job_new(t->cat, f, t->today, &o, NULL, 1);
	p->detached = detached;
	p->pending.n = 0;
	if (!detached) {
		/* the set grows in number order; its own order once complete */
		p->shown_sort = PC_NUMBER;
		p->shown_reverse = false;
	}
}

/* Steps of the job until the deadline (until the first screen is there when
 * first_screen). Returns true when it finished now. */
static bool job_run(struct tui *t, struct pview *p, struct txn *txn, int64_t deadline, bool first_screen,
		    enum status *stp)
{
	struct rset *out[1] = {p->detached ? &p->pending : &p->keys};
	size_t need = p->list.top + (size_t)(p->page_rows > 0 ? p->page_rows : 1) + 1;
	bool done = false;
	enum status st = STATUS_OK;
	size_t test_step = tui_test_step();
	/* the project under the cursor: the last step may put the keys in
	 * another order (a sort key, reversed) */
	struct uuid sel;
	bool have = p->list.cur < p->keys.n;
	if (p->sel_pending) {
		sel = p->sel_wanted;
		have = true;
	} else if (have) {
		sel = p->keys.v[p->list.cur].id;
	}
	while (st == STATUS_OK && !done) {
		st = rset_job_step(p->job, txn, out, test_step ? test_step : JOB_WORK, &done);
		if (test_step || tui_clock_us() >= deadline || (first_screen && !p->detached && p->keys.n >= need))
			break;
	}
	*stp = st;
	if (st != STATUS_OK) {
		rset_job_free(p->job);
		p->job = NULL;
		p->built = false;
		p->sel_pending = false;
		return false;
	}
	if (!done) {
		if (!p->detached) {
			p->list.n = p->keys.n;
			sel_follow(p);
		}
		return false;
	}
	/* complete: the new order on screen, the cursor on the same project */
	p->sel_pending = false;
	if (p->detached || p->announce_sort)
		tui_message(t, THEME_STATUS, p->reverse ? _("sorted by %s, reversed") : _("sorted by %s"),
			    _(columns[p->sort].title));
	p->announce_sort = false;
	if (p->detached) {
		struct rset tmp = p->keys;
		p->keys = p->pending;
		p->pending = tmp;
		p->pending.n = 0;
		rows_clear(p);
	}
	p->shown_sort = p->sort;
	p->shown_reverse = p->reverse;
	rset_job_free(p->job);
	p->job = NULL;
	p->detached = false;
	p->list.n = p->keys.n;
	if (p->end_wanted && p->list.cur == p->end_cur && p->keys.n) {
		p->list.cur = p->keys.n - 1;
	} else if (have) {
		size_t i = rset_find(&p->keys, &sel);
		if (i < p->keys.n)
			p->list.cur = i;
	}
	p->end_wanted = false;
	tui_list_clamp(&p->list, p->page_rows);
	if (p->find.on)
		tui_find_restart(&p->find, p->list.cur);
	return true;
}

/* Another order: made in steps while the keys stay on screen in the old one
 * (or, while the set is still being built, the build starts anew in it). */
static void sort_rows(struct tui *t, struct pview *p)
{
	struct filter *f = NULL;
	enum status st = filter_compile(p->expr, t->cat, &f);
	if (st != STATUS_OK) {
		tui_message(t, THEME_STATUS_ERROR, "%s", status_detail());
		return;
	}
	bool progressive = p->job && !p->detached;
	struct uuid sel;
	bool have = progressive && p->list.cur < p->keys.n;
	if (have)
		sel = p->sel_pending ? p->sel_wanted : p->keys.v[p->list.cur].id;
	if (progressive)
		p->keys.n = 0;
	job_start(t, p, f, !progressive);
	if (have)
		sel_wait(p, &sel);
	struct txn *txn = NULL;
	st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		job_run(t, p, txn, tui_clock_us() + FIRST_SCREEN_US, true, &st);
	store_txn_end(txn);
	if (st != STATUS_OK)
		tui_message_status(t, st, _(view_projects.title));
	tui_list_clamp(&p->list, p->page_rows);
}

/* Brings keys up to date: only the projects changed since the stamp are read
 * again, unless the history cannot tell (rset_changes), nothing was built, or
 * a build is going on (it starts anew). */
static enum status refresh_keys(struct tui *t, struct pview *p, struct txn *txn, struct filter *f)
{
	struct rset_order o = order_of(p, true);
	struct rset_stamp now;
	struct uuid *ids = NULL;
	size_t n = 0;
	bool rebuild = true;
	enum status st = STATUS_OK;
	bool building = p->job != NULL, detached = building && p->detached;
	if (p->built && (!building || detached))
		st = rset_changes(txn, &p->stamp, t->today, &now, &ids, &n, &rebuild);
	if (st == STATUS_OK && rebuild) {
		rows_clear(p);   /* names and data may have changed: decoded anew when drawn */
		st = rset_stamp_take(txn, t->today, &now);
		if (st == STATUS_OK) {
			p->keys.n = 0;
			job_start(t, p, f, false);
			f = NULL;
			job_run(t, p, txn, tui_clock_us() + FIRST_SCREEN_US, true, &st);
		}
	} else if (st == STATUS_OK) {
		rows_forget(p, ids, n);
		rset_remove(&p->keys, ids, n);
		struct project pr;
		project_init(&pr);
		for (size_t i = 0; i < n && st == STATUS_OK; i++) {
			project_fini(&pr);
			project_init(&pr);
			st = store_project_get(txn, &ids[i], &pr);
			if (st == STATUS_NOT_FOUND)
				st = STATUS_OK;
			else if (st == STATUS_OK && filter_match(f, t->cat, &pr, t->today))
				st = rset_insert(&p->keys, txn, &pr, &o);
		}
		project_fini(&pr);
		if (st == STATUS_OK && detached) {
			/* the new order is sorted anew from the changed data */
			job_start(t, p, f, true);
			f = NULL;
		}
	}
	filter_free(f);
	free(ids);
	p->built = st == STATUS_OK;
	if (p->built)
		p->stamp = now;
	return st;
}

static enum status proj_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct pview *p = (struct pview *)v;
	p->t = t;
	struct uuid sel;
	bool have = p->list.cur < p->keys.n && !p->reset_selection;
	if (have)
		sel = p->sel_pending ? p->sel_wanted : p->keys.v[p->list.cur].id;
	size_t old_cur = p->reset_selection ? 0 : p->list.cur;
	p->sel_pending = false;
	p->reset_selection = false;
	struct filter *f = NULL;
	enum status st = filter_compile(p->expr, t->cat, &f);
	if (st != STATUS_OK) {
		tui_message(t, THEME_STATUS_ERROR, "%s", status_detail());
		rows_clear(p);
		p->keys.n = 0;
		p->built = false;
		p->list.n = 0;
		rset_job_free(p->job);
		p->job = NULL;
		return STATUS_OK;
	}
	st = refresh_keys(t, p, txn, f);
	/* Each change (a write, and its reload) maps pages of its own: given
	 * back every few loads, like every few pages of decoded rows. */
	p->decoded += RELEASE_ROWS / 8;
	if (p->decoded >= RELEASE_ROWS) {
		store_map_release(txn);
		p->decoded = 0;
	}
	size_t n = p->keys.n;
	p->list.n = n;
	/* keep the selection on the same project; else near the old position */
	p->list.cur = old_cur < n ? old_cur : (n ? n - 1 : 0);
	if (have && rset_find(&p->keys, &sel) < n)
		select_id(p, &sel);
	else if (have && p->job && !p->detached)
		sel_wait(p, &sel);   /* not read yet: selected once it is */
	tui_list_clamp(&p->list, p->page_rows);
	if (p->find.on)
		tui_find_restart(&p->find, p->list.cur);
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
		snprintf(h, sizeof h, "%s%s", _(columns[c].title),
			 (int)p->shown_sort == c ? (p->shown_reverse ? "▼" : "▲") : "");
		tui_put(t, w, 0, x, h, width[c], THEME_HEADER, columns[c].align);
		x += width[c] + 1;
	}
	int list_rows = rows - 2;
	p->page_rows = list_rows;
	tui_list_clamp(&p->list, list_rows);
	size_t n = p->keys.n;
	size_t count = list_rows > 0 && p->list.top < n ? n - p->list.top : 0;
	if (list_rows > 0 && count > (size_t)list_rows)
		count = (size_t)list_rows;
	rows_window(t, p, p->list.top, count);
	int cursor_y = 1;
	for (size_t i = 0; i < count; i++) {
		size_t idx = p->list.top + i;
		const struct prow *r = &p->rows[i];
		bool sel = idx == p->list.cur;
		bool marked = tui_marks_has(&p->marks, &r->row.id);
		int y = 1 + (int)i;
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
	bool filling = p->job && !p->detached;
	/* every row read, being put in its order (a sort key) */
	bool sorting = p->job && rset_job_sorting(p->job);
	if (n == 0 && !filling)
		tui_put(t, w, 1, 2, *p->expr ? _("no project matches the filter (f edits it)") : _("no projects yet"), cols - 2,
			THEME_DIM, TUI_LEFT);
	struct buf fb;
	buf_init(&fb);
	size_t expected = filling && !sorting ? rset_job_expected(p->job, 0) : SIZE_MAX;
	if (filling && !sorting && expected == SIZE_MAX)
		buf_printf(&fb, P_("%zu project so far", "%zu projects so far", n), n);
	else
		buf_printf(&fb, P_("%zu project", "%zu projects", expected != SIZE_MAX ? expected : n),
			   expected != SIZE_MAX ? expected : n);
	if (*p->expr)
		buf_printf(&fb, _(" · filter: %s"), p->expr);
	if (filling && !sorting)
		buf_puts(&fb, expected == SIZE_MAX ? _(" · still filtering…") : _(" · still reading…"));
	else if (p->job)
		buf_printf(&fb, _(" · sorting by %s…"), _(columns[p->sort].title));
	if (p->find.on)
		buf_printf(&fb, _(" · searching: %s"), p->find.text ? p->find.text : "");
	if (p->marks.n)
		buf_printf(&fb, P_(" · %zu marked", " · %zu marked", p->marks.n), p->marks.n);
	buf_printf(&fb, " · %s", _("! late · ✓/✗ team representative"));
	tui_put(t, w, rows - 1, 0, fb.data, cols, THEME_DIM, TUI_LEFT);
	buf_fini(&fb);
	wmove(w, cursor_y, 0);
}

/* ---- search: in steps (tui_find, src/tui/rows.c) -----------------------------
 * Rows on screen are at hand, the others are decoded one by one until one
 * matches. It goes on in idle slices; while the set is still being built, it
 * waits at the end of what is known (and wraps around once it is complete). */

struct match_arg {
	struct tui *t;
	struct pview *p;
	struct txn **txn;
};

static bool row_matches(void *arg, size_t i)
{
	struct match_arg *m = arg;
	struct pview *p = m->p;
	struct prow *r = row_cached(p, &p->keys.v[i].id);
	if (r)
		return strstr(row_folded(r), p->find.needle) != NULL;
	/* only the title is needed: no row is made */
	bool found = false;
	struct project pr;
	project_init(&pr);
	if ((*m->txn || store_read_begin(m->t->store, m->txn) == STATUS_OK) &&
	    store_project_get(*m->txn, &p->keys.v[i].id, &pr) == STATUS_OK) {
		char *f = text_fold(pr.title ? pr.title : "");
		char *hay = xasprintf("%u %s", pr.number, f);
		found = strstr(hay, p->find.needle) != NULL;
		free(hay);
		free(f);
	}
	project_fini(&pr);
	if (*m->txn && ++p->decoded >= RELEASE_ROWS) {
		store_map_release(*m->txn);
		p->decoded = 0;
	}
	return found;
}

/* Looks on until the deadline: found (the cursor is on it), none, or more to look at. */
static enum tui_find_result find_step(struct tui *t, struct pview *p, struct txn *txn, int64_t deadline)
{
	struct txn *own = NULL;
	struct match_arg m = {t, p, txn ? &txn : &own};
	size_t i = 0;
	bool wrapped = false, quiet = p->find.quiet;
	enum tui_find_result r = tui_find_step(&p->find, p->keys.n, !p->job || p->detached, row_matches, &m, deadline,
					       &i, &wrapped);
	store_txn_end(own);
	if (r == TUI_FIND_FOUND) {
		if (wrapped && !quiet)
			tui_message(t, THEME_STATUS, _("search wrapped: %s"), p->find.text);
		else if (quiet)
			t->msg[0] = '\0';
		p->list.cur = i;
		p->sel_pending = false;
		tui_list_clamp(&p->list, p->page_rows);
	} else if (r == TUI_FIND_NONE) {
		tui_message(t, THEME_STATUS_ERROR, _("not found: %s"), p->find.text);
	}
	return r;
}

/* The build, then the search, until the deadline (the idle hook, also while
 * the search prompt is open: in_prompt). */
static unsigned proj_work(struct tui *t, struct pview *p, int64_t deadline_us, bool in_prompt)
{
	if (!p->job && !p->find.on)
		return VIEW_IDLE_DONE;
	struct txn *txn;
	bool changed;
	enum status st = tui_idle_begin(t, &txn, &changed);
	if (changed) {
		if (!in_prompt)
			return VIEW_IDLE_DONE;   /* changed meanwhile: the main loop's reload starts the build anew */
		/* the prompt's loop does not look for changes: reloaded here (the
		 * build starts anew, the search restarts on it from the cursor) */
		tui_reload(t);
		return VIEW_IDLE_DRAW | (p->job || p->find.on ? VIEW_IDLE_MORE : 0);
	}
	unsigned r = VIEW_IDLE_DONE;
	if (st == STATUS_OK && p->job) {
		job_run(t, p, txn, deadline_us, false, &st);
		r |= VIEW_IDLE_DRAW;
	}
	if (st == STATUS_OK && p->find.on && tui_clock_us() < deadline_us) {
		/* tests (OZGTUI_TEST_STEP) see every step of a search on screen */
		if (find_step(t, p, txn, deadline_us) != TUI_FIND_MORE || tui_test_step())
			r |= VIEW_IDLE_DRAW;
	}
	store_txn_end(txn);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _(view_projects.title));
		tui_find_stop(&p->find);
		r |= VIEW_IDLE_DRAW;
	}
	if (p->job || p->find.on)
		r |= VIEW_IDLE_MORE;
	return r;
}

static unsigned proj_idle(struct tui *t, struct view *v, int64_t deadline_us)
{
	return proj_work(t, (struct pview *)v, deadline_us, false);
}

static unsigned search_idle(struct tui *t, void *arg, int64_t deadline_us)
{
	return proj_work(t, arg, deadline_us, true);
}

/* Where the project selected when the search began is now; while a build
 * has not read it again, or once it is gone, its old row (clamped). */
static size_t search_origin_pos(struct pview *p)
{
	size_t i = p->search_origin_have ? rset_find(&p->keys, &p->search_origin_id) : p->keys.n;
	if (i < p->keys.n)
		return i;
	return p->search_origin < p->keys.n ? p->search_origin : p->keys.n ? p->keys.n - 1 : 0;
}

/* A keystroke of the search: starts it anew from where the search began. */
static void search_changed(struct tui *t, const char *text, void *arg)
{
	struct pview *p = arg;
	free(p->search);
	p->search = xstrdup(text);
	if (!*text) {
		tui_find_stop(&p->find);
		return;
	}
	tui_find_begin(&p->find, p->search, search_origin_pos(p), 1, true);
	find_step(t, p, NULL, tui_clock_us() + FIRST_SCREEN_US);
}

static enum view_result do_search(struct tui *t, struct pview *p)
{
	p->search_origin = p->list.cur;
	p->search_origin_have = p->list.cur < p->keys.n || p->sel_pending;
	if (p->search_origin_have)
		p->search_origin_id = p->sel_pending ? p->sel_wanted : p->keys.v[p->list.cur].id;
	char *before = p->search ? xstrdup(p->search) : NULL;
	struct tui_prompt pr = {.label = "/", .history = &t->search_history, .changed = search_changed,
				.idle = search_idle, .arg = p};
	char *s = tui_prompt_run(t, &pr);
	if (!s) {
		tui_find_stop(&p->find);
		free(p->search);
		p->search = before;
		/* back to the project (a reload meanwhile may have moved its row) */
		p->list.cur = search_origin_pos(p);
		if (p->search_origin_have && p->list.cur < p->keys.n &&
		    uuid_cmp(&p->keys.v[p->list.cur].id, &p->search_origin_id) == 0)
			p->sel_pending = false;
		else if (p->search_origin_have && p->job && !p->detached)
			sel_wait(p, &p->search_origin_id);   /* not read again yet */
		tui_list_clamp(&p->list, p->page_rows);
		return VIEW_DRAW;
	}
	free(before);
	free(p->search);
	p->search = s;
	if (p->find.on) {
		p->find.text = p->search;   /* goes on in the idle slices */
		p->find.quiet = false;
	}
	return VIEW_DRAW;
}

static enum view_result search_again(struct tui *t, struct pview *p, int dir)
{
	if (!p->search || !*p->search) {
		tui_message(t, THEME_STATUS_ERROR, _("no search yet: / searches"));
		return VIEW_DRAW;
	}
	if (!p->keys.n && !(p->job && !p->detached)) {
		tui_message(t, THEME_STATUS_ERROR, _("not found: %s"), p->search);
		return VIEW_DRAW;
	}
	/* while the set is filling the search waits for its rows, also when none is read yet */
	/* from the row after (before) the cursor round to the cursor's own */
	tui_find_begin_next(&p->find, p->search, p->list.cur, dir);
	find_step(t, p, NULL, tui_clock_us() + FIRST_SCREEN_US);
	return VIEW_DRAW;
}

static enum view_result edit_filter(struct tui *t, struct pview *p)
{
	char *text = xstrdup(p->expr);
	char *error = NULL;
	for (;;) {
		struct tui_prompt pr = {.label = _("Filter: "), .initial = text, .error = error,
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
			p->built = false;   /* another filter: build anew, not from changes */
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

/* Keys typed after a search's Enter act where it lands, as if it had been
 * instant (`/title Enter e` edits the match, not the row the search started
 * from): the search, and the build it waits for, is finished first. A change
 * from elsewhere meanwhile ends it where it is. */
static void find_finish(struct tui *t, struct pview *p)
{
	while (p->find.on) {
		unsigned r = proj_work(t, p, tui_clock_us() + 100000, false);
		if (!(r & VIEW_IDLE_MORE))
			break;
	}
}

static enum view_result proj_key(struct tui *t, struct view *v, enum action a, int key)
{
	struct pview *p = (struct pview *)v;
	if (p->find.on && key != TKEY_FN(KEY_MOUSE) && tui_find_acts_on_selection(a))
		find_finish(t, p);
	if (p->find.on && a != ACTION_NONE)
		tui_find_stop(&p->find);   /* any other key: the search is over */
	if (key == TKEY_FN(KEY_MOUSE))
		p->sel_pending = false;   /* the framework moves the cursor */
	if (tui_list_key(&p->list, a, p->page_rows)) {
		p->sel_pending = false;
		/* G while the set is still filling: the very last row once it is complete */
		p->end_wanted = a == ACTION_END && p->job && !p->detached;
		p->end_cur = p->list.cur;
		return VIEW_DRAW;
	}
	const struct rset_key *cur = p->list.cur < p->keys.n ? &p->keys.v[p->list.cur] : NULL;
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
		sort_rows(t, p);
		if (!p->job)
			tui_message(t, THEME_STATUS, p->reverse ? _("sorted by %s, reversed") : _("sorted by %s"),
				    _(columns[p->sort].title));
		p->announce_sort = p->job != NULL;
		return VIEW_DRAW;
	case ACTION_SORT_REVERSE:
		p->reverse = !p->reverse;
		sort_rows(t, p);
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
			if (p->list.cur + 1 < p->keys.n)
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
	if (p->list.cur >= p->keys.n)
		return false;
	*out = p->keys.v[p->list.cur].id;
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
	.idle = proj_idle,
};
