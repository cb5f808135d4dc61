/* moves.c - moving projects through phases from the TUI (the gate
 * dialogue with its override and reason) and undo/redo of this session's own
 * moves and team changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "ozgtui/ops.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

/* ---- moves, gates and undo --------------------------------------------- */

static void undo_stack_push(struct undo_entry **v, size_t *n, size_t *cap, const struct undo_entry *e)
{
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = *e;
}

void tui_undo_push(struct tui *t, const struct undo_entry *e)
{
	undo_stack_push(&t->undo, &t->n_undo, &t->cap_undo, e);
	t->n_redo = 0;   /* a new change forgets what was undone */
}

/* Moves one project; asks for an override when a gate refuses. Returns STATUS_OK
 * when it moved, STATUS_RULE when the user declined, else the failure. */
static enum status move_one(struct tui *t, const struct uuid *id, int dir, uint8_t picked, bool *stop)
{
	struct project p;
	project_init(&p);
	struct txn *txn = NULL;
	struct buf why;
	buf_init(&why);
	char *reason = NULL;
	enum status st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		st = store_project_get(txn, id, &p);
	store_txn_end(txn);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("move"));
		*stop = true;
		goto out;
	}
	uint8_t to = picked;
	if (dir > 0)
		to = phase_list_next(&t->cat->phases, p.phase);
	else if (dir < 0)
		to = phase_list_prev(&t->cat->phases, p.phase);
	if (!to || to == p.phase) {
		tui_message(t, THEME_STATUS_ERROR,
			    dir > 0   ? _("project %u is already in %s: no next phase")
			    : dir < 0 ? _("project %u is already in %s: no previous phase")
				      : _("project %u is already in %s: no other phase"),
			    p.number, catalog_phase_name(t->cat, p.phase, "?"));
		st = STATUS_RULE;
		goto out;
	}
	struct move_request m = {.project = *id, .to = to, .expected_version = p.version};
	st = ops_move(t->store, t->cat, &m, &why);
	if (st == STATUS_RULE) {
		/* the gate's reasons in the user's language (why holds them in English) */
		struct buf shown;
		buf_init(&shown);
		rules_why_text(why.data, &shown);
		const char *reasons = shown.len ? shown.data : status_detail();
		char q[512];
		/* the question first: on a narrow screen the reasons give way */
		snprintf(q, sizeof q, _("✗ Override the gate? #%u → %s refused: %s"), p.number,
			 catalog_phase_name(t->cat, to, "?"), reasons);
		if (!tui_confirm(t, q)) {
			tui_message(t, THEME_STATUS_ERROR, _("not moved: project %u → %s refused: %s"), p.number,
				    catalog_phase_name(t->cat, to, "?"), reasons);
			buf_fini(&shown);
			goto out;
		}
		struct tui_prompt pr = {.label = _("Reason for the override (kept in history): ")};
		char title_q[512];
		snprintf(title_q, sizeof title_q, _("gate: %s"), shown.len ? shown.data : _("refused"));
		buf_fini(&shown);
		pr.error = title_q;
		reason = tui_prompt_run(t, &pr);
		if (!reason || !*text_trim(reason)) {
			tui_message(t, THEME_STATUS_ERROR, _("not moved: an override needs a reason"));
			st = STATUS_RULE;
			goto out;
		}
		m.force = true;
		m.reason = reason;
		buf_reset(&why);
		st = ops_move(t->store, t->cat, &m, &why);
	}
	if (st == STATUS_OK) {
		struct undo_entry e = {.kind = UNDO_MOVE, .project = *id, .number = p.number, .from = p.phase, .to = to};
		tui_undo_push(t, &e);
		tui_message(t, THEME_STATUS_OK, _("✓ project %u: %s → %s%s"), p.number,
			    catalog_phase_name(t->cat, p.phase, "?"), catalog_phase_name(t->cat, to, "?"),
			    m.force ? _(" (gate overridden)") : "");
	} else if (st != STATUS_RULE) {
		tui_message_status(t, st, _("move"));
		*stop = true;
	}
out:
	free(reason);
	buf_fini(&why);
	project_fini(&p);
	return st;
}

enum view_result tui_move_projects(struct tui *t, const struct uuid *ids, size_t n, int dir)
{
	if (n == 0) {
		tui_message(t, THEME_STATUS_ERROR, _("no project selected"));
		return VIEW_DRAW;
	}
	if (store_readonly(t->store)) {
		tui_message(t, THEME_STATUS_ERROR, _("the database is open read-only"));
		return VIEW_DRAW;
	}
	uint8_t picked = 0;
	if (dir == 0) {
		const struct phase_list *pl = &t->cat->phases;
		const char **items = xcalloc(pl->n ? pl->n : 1, sizeof *items);
		for (size_t i = 0; i < pl->n; i++)
			items[i] = pl->v[i].name;
		/* one project: the picker starts on its current phase */
		size_t start = 0;
		struct txn *txn = NULL;
		struct project p;
		project_init(&p);
		if (n == 1 && store_read_begin(t->store, &txn) == STATUS_OK &&
		    store_project_get(txn, &ids[0], &p) == STATUS_OK && phase_list_index(pl, p.phase) >= 0)
			start = (size_t)phase_list_index(pl, p.phase);
		store_txn_end(txn);
		project_fini(&p);
		int i = tui_pick(t, n > 1 ? _("Move marked projects to") : _("Move to phase"), items, pl->n, start);
		free(items);
		if (i < 0)
			return VIEW_DRAW;
		picked = pl->v[i].id;
	}
	if (n > 1) {
		char q[256];
		if (dir == 0)
			snprintf(q, sizeof q, _("Move %zu marked projects to %s?"), n,
				 catalog_phase_name(t->cat, picked, "?"));
		else
			snprintf(q, sizeof q,
				 dir > 0 ? _("Move %zu marked projects to their next phase?")
					 : _("Move %zu marked projects to their previous phase?"),
				 n);
		if (!tui_confirm(t, q))
			return VIEW_DRAW;
	}
	size_t moved = 0;
	bool stop = false;
	for (size_t i = 0; i < n && !stop; i++) {
		if (move_one(t, &ids[i], dir, picked, &stop) == STATUS_OK)
			moved++;
		if (i + 1 < n)
			tui_reload(t);   /* the next gate sees the current catalog */
	}
	if (n > 1 && !stop)
		tui_message(t, moved == n ? THEME_STATUS_OK : THEME_STATUS_ERROR, _("%s%zu of %zu projects moved"),
			    moved == n ? "✓ " : "", moved, n);
	return moved ? VIEW_RELOAD : VIEW_DRAW;
}

static enum status undo_apply(struct tui *t, const struct undo_entry *e, bool redo)
{
	if (e->kind == UNDO_MOVE) {
		struct move_request m = {.project = e->project, .to = redo ? e->to : e->from,
					 .reason = redo ? "redo" : "undo", .force = true};
		struct buf why;
		buf_init(&why);
		enum status st = ops_move(t->store, t->cat, &m, &why);
		buf_fini(&why);
		return st;
	}
	enum role r = redo ? e->new_role : e->old_role;
	if (r == ROLE_NONE)
		return ops_team_remove(t->store, t->cat, &e->project, &e->org, 0);
	return ops_team_set(t->store, t->cat, &e->project, &e->org, r, 0);
}

void tui_undo_redo(struct tui *t, bool redo)
{
	size_t *n = redo ? &t->n_redo : &t->n_undo;
	if (*n == 0) {
		tui_message(t, THEME_STATUS_ERROR, redo ? _("nothing to redo") : _("nothing to undo (only your own changes of this session)"));
		return;
	}
	struct undo_entry e = (redo ? t->redo : t->undo)[*n - 1];
	enum status st = undo_apply(t, &e, redo);
	if (st != STATUS_OK) {
		tui_message_status(t, st, redo ? _("redo") : _("undo"));
		return;
	}
	(*n)--;
	if (redo)
		undo_stack_push(&t->undo, &t->n_undo, &t->cap_undo, &e);
	else
		undo_stack_push(&t->redo, &t->n_redo, &t->cap_redo, &e);
	tui_reload(t);
	if (e.kind == UNDO_MOVE)
		tui_message(t, THEME_STATUS_OK,
			    redo ? _("✓ redone: project %u back in %s") : _("✓ undone: project %u back in %s"), e.number,
			    catalog_phase_name(t->cat, redo ? e.to : e.from, "?"));
	else
		tui_message(t, THEME_STATUS_OK, redo ? _("✓ redone: team of project %u") : _("✓ undone: team of project %u"),
			    e.number);
}

