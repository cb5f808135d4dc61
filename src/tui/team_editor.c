/* team_editor.c - the team editor (t in the projects, board and detail views):
 * the members with category and role, the representativeness verdict, and
 * suggestions for the missing categories (interested organisations and
 * workshop volunteers first) that one key adds.
 *
 * Every change is one ops call against the version of the project this screen
 * shows (the framework reloads it when anyone changes the database), so a
 * change based on an older version ends on the conflict screen, never as a
 * silent overwrite. Changes are recorded for undo.
 */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/rules.h"
#include "ozgtui/view.h"
#include "ozgtui/drafts.h"
#include "ozgtui/i18n.h"

#define MAX_SUGGEST 12
#define MAX_CANDS 64

struct team_row {
	struct uuid org;
	char *name;
	enum category cat;
	enum org_kind kind;
	enum role role;          /* ROLE_NONE for suggestions */
	bool interested;
	bool volunteer;
};

struct cand {
	struct uuid org;
	char *name;
	enum category cat;
};

struct team_view {
	struct view v;
	struct uuid project;
	struct project p;        /* as loaded: the version changes are based on */
	bool found;
	struct team_verdict verdict;
	char *missing;           /* German labels of the missing categories */
	struct team_row *rows;   /* members, then suggestions */
	size_t n_members, n_rows;
	struct tui_list list;
	size_t top_line;         /* first display line of the scrolled part */
	int list_rows;
	int list_y;              /* where the scrolled part starts (for the mouse) */
	/* the name prompt of `a` */
	bool prompting;
	struct cand *cands;
	size_t n_cands, n_cands_total;
	bool cycling;
	size_t cycle_i;
	char **folded_names;     /* during the prompt: folded name of each catalog org */
	struct uuid focus;       /* select this member at the next load */
	bool want_focus;
	/* an own change the conflict screen may still save */
	struct undo_entry pending;
	char *resume_text;       /* a draft's typed name: the next name prompt starts with it */
};

static void rows_clear(struct team_view *tv)
{
	for (size_t i = 0; i < tv->n_rows; i++)
		free(tv->rows[i].name);
	free(tv->rows);
	tv->rows = NULL;
	tv->n_rows = tv->n_members = 0;
}

static void cands_clear(struct team_view *tv)
{
	for (size_t i = 0; i < tv->n_cands; i++)
		free(tv->cands[i].name);
	tv->n_cands = tv->n_cands_total = 0;
	tv->cycling = false;
}

static struct view *team_open(struct tui *t, const char *arg)
{
	(void)t;
	struct team_view *tv = xcalloc(1, sizeof *tv);
	project_init(&tv->p);
	if (!arg || !uuid_from_text(arg, &tv->project)) {
		free(tv);
		tui_message(t, THEME_STATUS_ERROR, _("team editor: no project"));
		return NULL;
	}
	tv->cands = xcalloc(MAX_CANDS, sizeof *tv->cands);
	tv->list_rows = 10;
	return &tv->v;
}

static void team_close(struct view *v)
{
	struct team_view *tv = (struct team_view *)v;
	rows_clear(tv);
	cands_clear(tv);
	free(tv->cands);
	free(tv->missing);
	free(tv->resume_text);
	project_fini(&tv->p);
	free(tv);
}

static void add_row(struct team_view *tv, size_t *cap, const struct uuid *org, const struct organisation *o,
		    enum role role)
{
	xgrow((void **)&tv->rows, cap, tv->n_rows + 1, sizeof *tv->rows);
	struct team_row *r = &tv->rows[tv->n_rows++];
	memset(r, 0, sizeof *r);
	r->org = *org;
	r->name = xstrdup(o && o->name ? o->name : "?");
	r->cat = o ? o->category : CAT_NONE;
	r->kind = o ? o->kind : ORG_OTHER;
	r->role = role;
}

static void missing_text(struct buf *b, uint32_t mask)
{
	bool first = true;
	for (int c = 1; c <= CAT__MAX; c++) {
		if (mask & CAT_BIT(c)) {
			buf_printf(b, "%s%s", first ? "" : ", ", category_label((enum category)c));
			first = false;
		}
	}
}

static enum status team_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct team_view *tv = (struct team_view *)v;
	struct uuid sel;
	bool have = tv->list.cur < tv->n_rows;
	bool sel_member = have && tv->list.cur < tv->n_members;
	if (have)
		sel = tv->rows[tv->list.cur].org;
	if (tv->want_focus) {
		have = sel_member = true;
		sel = tv->focus;
		tv->want_focus = false;
	}
	size_t old_cur = tv->list.cur;
	rows_clear(tv);
	project_fini(&tv->p);
	project_init(&tv->p);
	free(tv->missing);
	tv->missing = NULL;
	enum status st = store_project_get(txn, &tv->project, &tv->p);
	tv->found = st == STATUS_OK;
	if (st == STATUS_NOT_FOUND) {
		tui_message(t, THEME_STATUS_ERROR, _("the project no longer exists"));
		tv->list.n = 0;
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	free(tv->v.subtitle);
	tv->v.subtitle = xasprintf("#%u", tv->p.number);

	const struct catalog *c = t->cat;
	tv->verdict = rules_check_team(c, &tv->p);
	struct buf m;
	buf_init(&m);
	missing_text(&m, tv->verdict.missing);
	tv->missing = buf_steal(&m);

	size_t cap = 0;
	for (size_t i = 0; i < tv->p.n_team; i++) {
		const struct member *mb = &tv->p.team[i];
		const struct organisation *o = catalog_org(c, &mb->org);
		add_row(tv, &cap, &mb->org, o, mb->role);
	}
	tv->n_members = tv->n_rows;

	struct uuid *vols = NULL;
	size_t n_vols = cli_volunteers(txn, &tv->p, &vols);
	const struct organisation *sugg[MAX_SUGGEST];
	size_t n = rules_suggest(c, &tv->p, &tv->verdict, vols, n_vols, sugg, MAX_SUGGEST);
	for (size_t i = 0; i < n; i++) {
		add_row(tv, &cap, &sugg[i]->id, sugg[i], ROLE_NONE);
		struct team_row *r = &tv->rows[tv->n_rows - 1];
		r->interested = project_is_interested(&tv->p, &sugg[i]->id);
		for (size_t k = 0; k < n_vols; k++)
			if (uuid_cmp(&vols[k], &sugg[i]->id) == 0)
				r->volunteer = true;
	}
	free(vols);

	tv->list.n = tv->n_rows;
	tv->list.cur = old_cur;
	if (have) {
		/* the same organisation, preferring the section it was in */
		bool done = false;
		for (int pass = 0; pass < 2 && !done; pass++)
			for (size_t i = 0; i < tv->n_rows && !done; i++)
				if (uuid_cmp(&tv->rows[i].org, &sel) == 0 &&
				    (pass == 1 || (i < tv->n_members) == sel_member)) {
					tv->list.cur = i;
					done = true;
				}
	}
	tui_list_clamp(&tv->list, tv->list_rows);
	return STATUS_OK;
}

/* ---- drawing ---------------------------------------------------------------- */

enum line_kind { L_HEAD, L_TEXT, L_ROW, L_BLANK };
struct line {
	enum line_kind kind;
	const char *text;
	size_t row;
};

static size_t build_lines(const struct team_view *tv, struct line *out, size_t max)
{
	size_t n = 0;
#define PUSH(k, s, r)                                                                              \
	do {                                                                                       \
		if (n < max)                                                                       \
			out[n++] = (struct line){(k), (s), (r)};                                   \
	} while (0)
	PUSH(L_HEAD, _("Members"), 0);
	if (tv->n_members == 0)
		PUSH(L_TEXT, _("(no members yet: a adds one)"), 0);
	for (size_t i = 0; i < tv->n_members; i++)
		PUSH(L_ROW, NULL, i);
	if (tv->n_rows > tv->n_members) {
		PUSH(L_BLANK, NULL, 0);
		PUSH(L_HEAD, _("Suggestions for the missing categories (Enter adds as a member)"), 0);
		for (size_t i = tv->n_members; i < tv->n_rows; i++)
			PUSH(L_ROW, NULL, i);
	}
#undef PUSH
	return n;
}

static void draw_row(struct tui *t, WINDOW *w, int y, int cols, const struct team_row *r, bool sel)
{
	enum theme_role base = sel ? THEME_SELECTED : THEME_NORMAL;
	if (sel)
		tui_fill(t, w, y, 0, cols, THEME_SELECTED);
	bool sugg = r->role == ROLE_NONE;
	tui_put(t, w, y, 0, sel ? "▶" : " ", 1, base, TUI_LEFT);
	tui_put(t, w, y, 2, sugg ? "+" : "•", 1, base, TUI_LEFT);
	int cat_w = 30, role_w = 16;
	int name_w = cols - 4 - cat_w - role_w - 2;
	if (name_w < 16) {
		cat_w = 0;
		name_w = cols - 4 - role_w - 1;
	}
	tui_put(t, w, y, 4, r->name, name_w, base, TUI_LEFT);
	int x = 4 + name_w + 1;
	if (cat_w) {
		tui_put(t, w, y, x, r->cat ? category_label(r->cat) : org_kind_label(r->kind), cat_w,
			sel ? THEME_SELECTED : THEME_DIM, TUI_LEFT);
		x += cat_w + 1;
	}
	const char *role = sugg ? (r->interested ? _("★ interested") : r->volunteer ? _("★ volunteered") : "")
				: role_label(r->role);
	tui_put(t, w, y, x, role, cols - x, base, TUI_LEFT);
}

static void draw_cands(struct tui *t, struct team_view *tv, WINDOW *w, int y0, int rows, int cols)
{
	char head[128];
	if (tv->n_cands_total == 0)
		snprintf(head, sizeof head, "%s", _("No organisation matches."));
	else
		snprintf(head, sizeof head, _("Candidates: %zu%s (Tab chooses, Enter takes)"), tv->n_cands_total,
			 tv->n_cands_total > tv->n_cands ? _(", the first shown") : "");
	tui_fill(t, w, y0, 0, cols, THEME_NORMAL);
	tui_put(t, w, y0, 0, head, cols, THEME_SECTION, TUI_LEFT);
	for (int i = 0; i + 1 < rows && (size_t)i < tv->n_cands; i++) {
		const struct cand *c = &tv->cands[i];
		bool sel = tv->cycling && tv->cycle_i == (size_t)i;
		int y = y0 + 1 + i;
		tui_fill(t, w, y, 0, cols, sel ? THEME_SELECTED : THEME_NORMAL);
		tui_put(t, w, y, 2, c->name, cols - 34, sel ? THEME_SELECTED : THEME_NORMAL, TUI_LEFT);
		tui_put(t, w, y, cols - 31, c->cat ? category_label(c->cat) : "", 30, sel ? THEME_SELECTED : THEME_DIM,
			TUI_LEFT);
	}
}

static void team_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct team_view *tv = (struct team_view *)v;
	if (!tv->found) {
		tui_put(t, w, 0, 0, _("The project no longer exists. (q back)"), cols, THEME_BAD, TUI_LEFT);
		return;
	}
	char head[64];
	snprintf(head, sizeof head, _("Team of #%u "), tv->p.number);
	int hw = tui_put(t, w, 0, 0, head, (int)tui_text_cells(head), THEME_SECTION, TUI_LEFT);
	tui_put(t, w, 0, hw, tv->p.title, cols - hw, THEME_SECTION, TUI_LEFT);

	struct buf vb;
	buf_init(&vb);
	if (tv->verdict.representative) {
		buf_puts(&vb, _("Team: ✓ representative"));
	} else {
		buf_puts(&vb, _("Team: ✗ not representative"));
		if (tv->missing && *tv->missing)
			buf_printf(&vb, _(" — missing: %s"), tv->missing);
	}
	tui_put(t, w, 1, 0, vb.data, cols, tv->verdict.representative ? THEME_OK : THEME_BAD, TUI_LEFT);
	buf_fini(&vb);

	int y0 = 3;
	int list_rows = rows - y0 - 1;
	if (list_rows < 1)
		list_rows = 1;
	tv->list_rows = list_rows;
	tv->list_y = y0;
	struct line *lines = xcalloc(tv->n_rows + 8, sizeof *lines);
	size_t n = build_lines(tv, lines, tv->n_rows + 8);
	/* scroll so that the cursor's line (and its section heading) is visible */
	size_t cur_line = 0;
	for (size_t i = 0; i < n; i++)
		if (lines[i].kind == L_ROW && lines[i].row == tv->list.cur)
			cur_line = i;
	size_t want = cur_line > 0 && lines[cur_line - 1].kind == L_HEAD ? cur_line - 1 : cur_line;
	if (want < tv->top_line)
		tv->top_line = want;
	if (cur_line >= tv->top_line + (size_t)list_rows)
		tv->top_line = cur_line - (size_t)list_rows + 1;
	if (tv->top_line + (size_t)list_rows > n)
		tv->top_line = n > (size_t)list_rows ? n - (size_t)list_rows : 0;
	for (int i = 0; i < list_rows && tv->top_line + (size_t)i < n; i++) {
		const struct line *l = &lines[tv->top_line + (size_t)i];
		int y = y0 + i;
		switch (l->kind) {
		case L_HEAD:
			tui_put(t, w, y, 0, l->text, cols, THEME_HEADER, TUI_LEFT);
			break;
		case L_TEXT:
			tui_put(t, w, y, 2, l->text, cols - 2, THEME_DIM, TUI_LEFT);
			break;
		case L_ROW:
			draw_row(t, w, y, cols, &tv->rows[l->row], l->row == tv->list.cur && !tv->prompting);
			break;
		case L_BLANK:
			break;
		}
	}
	free(lines);
	if (tv->prompting) {
		int cr = (int)tv->n_cands + 1;
		if (cr > list_rows)
			cr = list_rows;
		if (cr < 2)
			cr = 2;
		draw_cands(t, tv, w, rows - 1 - cr, cr, cols);
	}
	tui_put(t, w, rows - 1, 0,
		_("a add · d remove · r role · Enter take suggestion · u undo · q back"), cols,
		THEME_DIM, TUI_LEFT);
}

/* ---- changes ---------------------------------------------------------------- */

static void verdict_after(const struct tui *t, const struct project *p, struct buf *b)
{
	struct team_verdict v = rules_check_team(t->cat, p);
	if (v.representative) {
		buf_puts(b, _(" — team ✓ representative"));
	} else {
		buf_puts(b, _(" — team ✗ not representative, missing: "));
		missing_text(b, v.missing);
	}
}

static void team_conflict_done(struct tui *t, enum conflict_choice choice, const struct project *now,
			       const struct project *mine, void *arg)
{
	(void)now;
	(void)mine;
	struct team_view *tv = arg;   /* below the conflict screen, so still open */
	if (choice == CONFLICT_APPLY_MINE)
		tui_undo_push(t, &tv->pending);
	else if (choice == CONFLICT_EDIT_AGAIN)
		tui_message(t, THEME_STATUS, _("team of #%u: the editor shows their version; change it again"),
			    tv->p.number);
}

/* Sets (role != ROLE_NONE) or removes a member; based on the version shown. */
static enum view_result team_change(struct tui *t, struct team_view *tv, const struct uuid *org, enum role role)
{
	if (store_readonly(t->store)) {
		tui_message(t, THEME_STATUS_ERROR, _("the database is open read-only"));
		return VIEW_DRAW;
	}
	const struct member *was = project_member(&tv->p, org);
	struct undo_entry e = {.kind = UNDO_TEAM, .project = tv->p.id, .number = tv->p.number, .org = *org,
			       .old_role = was ? was->role : ROLE_NONE, .new_role = role};
	const char *name = tui_org_name(t, org);
	struct project mine;
	project_init(&mine);
	project_copy(&mine, &tv->p);
	if (role == ROLE_NONE)
		project_remove_member(&mine, org);
	else
		project_set_member(&mine, org, role);
	status_clear();
	enum status st = role == ROLE_NONE ? ops_team_remove(t->store, t->cat, &tv->project, org, tv->p.version)
					   : ops_team_set(t->store, t->cat, &tv->project, org, role, tv->p.version);
	enum view_result r = VIEW_DRAW;
	if (st == STATUS_OK) {
		tui_undo_push(t, &e);
		struct buf b;
		buf_init(&b);
		if (role == ROLE_NONE)
			buf_printf(&b, "✓ #%u: − %s", tv->p.number, name);
		else if (was)
			buf_printf(&b, "✓ #%u: %s %s → %s", tv->p.number, name, role_label(was->role), role_label(role));
		else
			buf_printf(&b, "✓ #%u: + %s (%s)", tv->p.number, name, role_label(role));
		verdict_after(t, &mine, &b);
		tui_message(t, THEME_STATUS_OK, "%s", b.data);
		buf_fini(&b);
		r = VIEW_RELOAD;
	} else if (st == STATUS_CONFLICT) {
		tv->pending = e;
		tui_conflict_open(t, &tv->p, &mine, team_conflict_done, tv);
		r = VIEW_DRAW;
	} else {
		tui_message_status(t, st, _("team"));
	}
	project_fini(&mine);
	return r;
}

/* ---- the name prompt with candidates ---------------------------------------- */

struct cand_rank {
	size_t org;
	int rank;
};

/* Organisations matching text as catalog_find_org would take them: AGS
 * prefix, or a name (or a word of it) starting with the text. */
static void compute_cands(struct tui *t, struct team_view *tv, const char *text)
{
	cands_clear(tv);
	const struct catalog *c = t->cat;
	char *q = text_fold(text);
	text_trim(q);
	if (!*q) {
		free(q);
		return;
	}
	struct cand_rank *r = xcalloc(c->n_orgs ? c->n_orgs : 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		const char *f = tv->folded_names[i];
		int rank = -1;
		if (strcmp(f, q) == 0)
			rank = 0;
		else if (text_has_prefix(f, q))
			rank = 1;
		else if (text_word_prefix(f, q))
			rank = 2;
		else if (o->ags && text_has_prefix(o->ags, q))
			rank = 3;
		if (rank >= 0)
			r[n++] = (struct cand_rank){i, rank};
	}
	free(q);
	/* within a rank, by name (the catalog is sorted by UUID) */
	for (size_t i = 1; i < n; i++) {
		struct cand_rank x = r[i];
		size_t j = i;
		while (j > 0 && (r[j - 1].rank > x.rank ||
				 (r[j - 1].rank == x.rank &&
				  strcmp(tv->folded_names[r[j - 1].org], tv->folded_names[x.org]) > 0))) {
			r[j] = r[j - 1];
			j--;
		}
		r[j] = x;
	}
	tv->n_cands_total = n;
	for (size_t i = 0; i < n && tv->n_cands < MAX_CANDS; i++) {
		const struct organisation *o = &c->orgs[r[i].org];
		struct cand *cd = &tv->cands[tv->n_cands++];
		cd->org = o->id;
		cd->name = xstrdup(o->name ? o->name : "");
		cd->cat = o->category;
	}
	free(r);
}

static void cand_changed(struct tui *t, const char *text, void *arg)
{
	struct team_view *tv = arg;
	if (tv->cycling && tv->cycle_i < tv->n_cands && strcmp(text, tv->cands[tv->cycle_i].name) == 0)
		return;
	compute_cands(t, tv, text);
}

/* Tab: one candidate completes; several are cycled through, in the list's order. */
static void cand_complete(struct tui *t, struct buf *line, void *arg)
{
	(void)t;
	struct team_view *tv = arg;
	if (tv->n_cands == 0)
		return;
	if (tv->cycling)
		tv->cycle_i = (tv->cycle_i + 1) % tv->n_cands;
	else
		tv->cycle_i = 0;
	tv->cycling = true;   /* the line is now that candidate, even when it is the only one */
	buf_reset(line);
	buf_puts(line, tv->cands[tv->cycle_i].name);
}

/* Asks for an organisation by name, AGS or UUID with candidates shown as the
 * user types; NULL when cancelled. Borrowed from the catalog. */
static const struct organisation *ask_org(struct tui *t, struct team_view *tv, const char *label)
{
	const struct catalog *c = t->cat;
	tv->folded_names = xcalloc(c->n_orgs ? c->n_orgs : 1, sizeof *tv->folded_names);
	for (size_t i = 0; i < c->n_orgs; i++)
		tv->folded_names[i] = text_fold(c->orgs[i].name ? c->orgs[i].name : "");
	tv->prompting = true;
	const struct organisation *found = NULL;
	char *text = tv->resume_text, *error = NULL;
	tv->resume_text = NULL;
	for (;;) {
		cands_clear(tv);
		if (text)
			compute_cands(t, tv, text);
		struct tui_prompt pr = {.label = label, .initial = text, .error = error,
					.complete = cand_complete, .changed = cand_changed, .arg = tv};
		char *s = tui_prompt_run(t, &pr);
		free(error);
		error = NULL;
		free(text);
		text = s;
		if (!s)
			break;
		text_trim(s);
		if (!*s)
			break;
		/* a name taken from the candidate list is that organisation */
		if (tv->cycling && tv->cycle_i < tv->n_cands && strcmp(s, tv->cands[tv->cycle_i].name) == 0)
			found = catalog_org(c, &tv->cands[tv->cycle_i].org);
		if (!found && catalog_find_org(c, s, &found) != STATUS_OK) {
			found = NULL;
			error = xstrdup(*status_detail() ? status_detail() : _("no such organisation"));
			continue;
		}
		break;
	}
	free(text);
	free(error);
	for (size_t i = 0; i < c->n_orgs; i++)
		free(tv->folded_names[i]);
	free(tv->folded_names);
	tv->folded_names = NULL;
	tv->prompting = false;
	cands_clear(tv);
	return found;
}

static enum view_result team_add(struct tui *t, struct team_view *tv)
{
	const struct organisation *o = ask_org(t, tv, _("Add to the team (name or AGS, Tab completes): "));
	if (!o)
		return VIEW_DRAW;
	const struct member *m = project_member(&tv->p, &o->id);
	if (m) {
		tui_message(t, THEME_STATUS_ERROR, _("%s is already in the team (%s); r changes the role"), o->name,
			    role_label(m->role));
		return VIEW_DRAW;
	}
	struct uuid id = o->id;
	enum view_result r = team_change(t, tv, &id, ROLE_MEMBER);
	if (r == VIEW_RELOAD) {
		tv->focus = id;   /* the cursor goes to the new member once the reload shows it */
		tv->want_focus = true;
	}
	return r;
}

static enum role next_role(enum role r)
{
	switch (r) {
	case ROLE_LEAD:
		return ROLE_MEMBER;
	case ROLE_MEMBER:
		return ROLE_ADVISOR;
	default:
		return ROLE_LEAD;
	}
}

static enum view_result team_key(struct tui *t, struct view *v, enum action a, int key)
{
	struct team_view *tv = (struct team_view *)v;
	if (key == TKEY_FN(KEY_MOUSE)) {
		MEVENT ev;
		if (getmouse(&ev) != OK)
			return VIEW_DRAW;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			tui_list_key(&tv->list, ev.bstate & BUTTON4_PRESSED ? ACTION_UP : ACTION_DOWN, tv->list_rows);
		} else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
			/* find the row drawn at that line */
			int by, bx;
			getbegyx(t->body_win, by, bx);
			(void)bx;
			int y = ev.y - by - tv->list_y;
			struct line *lines = xcalloc(tv->n_rows + 8, sizeof *lines);
			size_t n = build_lines(tv, lines, tv->n_rows + 8);
			if (y >= 0 && tv->top_line + (size_t)y < n && lines[tv->top_line + (size_t)y].kind == L_ROW)
				tv->list.cur = lines[tv->top_line + (size_t)y].row;
			free(lines);
		}
		return VIEW_DRAW;
	}
	if (!tv->found)
		return VIEW_UNHANDLED;
	if (tui_list_key(&tv->list, a, tv->list_rows))
		return VIEW_DRAW;
	const struct team_row *cur = tv->list.cur < tv->n_rows ? &tv->rows[tv->list.cur] : NULL;
	bool on_member = cur && tv->list.cur < tv->n_members;
	switch (a) {
	case ACTION_TEAM_ADD:
		return team_add(t, tv);
	case ACTION_TEAM_REMOVE: {
		if (!on_member) {
			tui_message(t, THEME_STATUS_ERROR, _("select a member to remove"));
			return VIEW_DRAW;
		}
		char q[512];
		snprintf(q, sizeof q, _("Remove %s (%s) from the team of #%u?"), cur->name, role_label(cur->role),
			 tv->p.number);
		if (!tui_confirm(t, q)) {
			tui_message(t, THEME_STATUS, _("nothing removed"));
			return VIEW_DRAW;
		}
		struct uuid org = cur->org;
		return team_change(t, tv, &org, ROLE_NONE);
	}
	case ACTION_TEAM_ROLE: {
		if (!on_member) {
			tui_message(t, THEME_STATUS_ERROR, _("select a member to change the role (Enter adds a suggestion)"));
			return VIEW_DRAW;
		}
		struct uuid org = cur->org;
		return team_change(t, tv, &org, next_role(cur->role));
	}
	case ACTION_ENTER: {
		if (!cur)
			return VIEW_DRAW;
		if (on_member) {
			tui_message(t, THEME_STATUS, _("r changes the role, d removes the member"));
			return VIEW_DRAW;
		}
		struct uuid org = cur->org;
		return team_change(t, tv, &org, ROLE_MEMBER);
	}
	case ACTION_TEAM_EDIT:
		return VIEW_DRAW;   /* already here */
	case ACTION_PROJECT_EDIT:
	case ACTION_NOTES_EDIT:
		return tui_project_actions(t, a, &tv->project);
	default:
		return VIEW_UNHANDLED;
	}
}

/* A name being typed into the add prompt becomes a draft on a signal. */
static bool team_draft(struct tui *t, struct view *v, struct draft *out)
{
	struct team_view *tv = (struct team_view *)v;
	if (!tv->prompting || !t->prompt_line || !t->prompt_line->len)
		return false;
	out->kind = DRAFT_TEAM;
	out->project = tv->project;
	out->number = tv->p.number;
	project_copy(&out->base, &tv->p);
	project_copy(&out->edit, &tv->p);
	out->line = xcalloc(1, t->prompt_line->len + 1);
	memcpy(out->line, t->prompt_line->data, t->prompt_line->len);
	return true;
}

static bool team_selected(struct view *v, struct uuid *out)
{
	struct team_view *tv = (struct team_view *)v;
	if (!tv->found)
		return false;
	*out = tv->project;
	return true;
}

const struct view_ops view_team = {
	.name = "team",
	.title = N_("Team"),
	.context = KEYCTX_TEAM,
	.open = team_open,
	.load = team_load,
	.draw = team_draw,
	.key = team_key,
	.close = team_close,
	.selected_project = team_selected,
	.draft = team_draft,
};

enum view_result tui_team_editor(struct tui *t, const struct uuid *project)
{
	if (!project) {
		tui_message(t, THEME_STATUS_ERROR, _("no project selected"));
		return VIEW_DRAW;
	}
	char id[37];
	uuid_format(project, id);
	tui_push(t, &view_team, id);
	return VIEW_DRAW;
}

enum view_result tui_team_editor_resume(struct tui *t, const struct uuid *project, const char *typed)
{
	char id[37];
	uuid_format(project, id);
	struct view *v = tui_push(t, &view_team, id);
	if (!v || !typed || !*typed)
		return VIEW_DRAW;
	struct team_view *tv = (struct team_view *)v;
	free(tv->resume_text);
	tv->resume_text = xstrdup(typed);
	return team_add(t, tv);
}
