/* form.c - adding and editing a project (a, e), the notes in the user's editor
 * (E), and the one entry point the list views call for these actions.
 *
 * The form edits a copy of the project as read when it opened; its version is
 * what the save expects, so a change by someone else meanwhile ends on the
 * conflict screen (conflict.c) rather than being overwritten. The form does
 * not reload its copy when the database changes; it only notes that the stored
 * project has moved on.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ozgtui/ops.h"
#include "ozgtui/view.h"
#include "ozgtui/drafts.h"
#include "ozgtui/i18n.h"

#define MAX_CANDS 64

enum ffield { FF_TITLE, FF_FIELD, FF_SERVICES, FF_LEAD, FF_PRIORITY, FF_COMPONENTS, FF_DEPARTMENTS, FF_NOTES, FF__FIXED };
static const char *const ffield_label[FF__FIXED] = {
	/* translated when shown */
	[FF_TITLE] = N_("Title"),
	[FF_FIELD] = N_("Topic field"),
	[FF_SERVICES] = N_("OZG services"),
	[FF_LEAD] = N_("Lead"),
	[FF_PRIORITY] = N_("Priority (1-5)"),
	[FF_COMPONENTS] = N_("Base components"),
	[FF_DEPARTMENTS] = N_("Departments"),
	[FF_NOTES] = N_("Notes"),
};

enum cand_source { CS_ORG, CS_SERVICE };

struct fcand {
	char *label;
	uint32_t ozg_id;          /* CS_SERVICE */
	struct uuid org;          /* CS_ORG */
};

struct form_view {
	struct view v;
	bool create;
	struct uuid id;
	struct project orig;      /* as opened: its version is what a save expects */
	struct project edit;      /* the working copy */
	bool loaded;
	bool gone;                /* the project was deleted meanwhile */
	uint32_t stored_version;  /* seen at the last reload */
	char *stored_by;
	struct tui_list list;
	int list_rows;
	/* a prompt with candidates */
	bool prompting;
	enum cand_source src;
	char **folded;            /* folded names of the candidate source, during the prompt */
	size_t n_folded;
	struct fcand cands[MAX_CANDS];
	size_t n_cands, n_total;
	bool cycling;
	size_t cycle_i;
};

/* A planned date for each phase on the line (none for Pausiert, Abgebrochen). */
static size_t form_rows(const struct tui *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->cat->phases.n; i++)
		n += !t->cat->phases.v[i].outside_line;
	return FF__FIXED + n;
}

static void cands_clear(struct form_view *fv)
{
	for (size_t i = 0; i < fv->n_cands; i++)
		free(fv->cands[i].label);
	fv->n_cands = fv->n_total = 0;
	fv->cycling = false;
}

static struct view *form_open(struct tui *t, const char *arg)
{
	struct form_view *fv = xcalloc(1, sizeof *fv);
	project_init(&fv->orig);
	project_init(&fv->edit);
	fv->create = arg == NULL;
	if (arg && !uuid_from_text(arg, &fv->id)) {
		free(fv);
		tui_message(t, THEME_STATUS_ERROR, _("form: bad project id"));
		return NULL;
	}
	fv->list_rows = 10;
	fv->v.subtitle = xstrdup(fv->create ? _("new") : _("edit"));
	return &fv->v;
}

static void form_close(struct view *v)
{
	struct form_view *fv = (struct form_view *)v;
	cands_clear(fv);
	project_fini(&fv->orig);
	project_fini(&fv->edit);
	free(fv->stored_by);
	free(fv);
}

static enum status form_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct form_view *fv = (struct form_view *)v;
	fv->list.n = form_rows(t);
	tui_list_clamp(&fv->list, fv->list_rows);
	if (fv->create) {
		fv->loaded = true;
		return STATUS_OK;
	}
	struct project now;
	project_init(&now);
	enum status st = store_project_get(txn, &fv->id, &now);
	if (st == STATUS_NOT_FOUND) {
		fv->gone = true;
		project_fini(&now);
		return STATUS_OK;
	}
	if (st == STATUS_OK) {
		fv->gone = false;
		if (!fv->loaded) {
			project_copy(&fv->orig, &now);
			project_copy(&fv->edit, &now);
			fv->loaded = true;
			free(fv->v.subtitle);
			fv->v.subtitle = xasprintf(_("edit #%u"), now.number);
		}
		fv->stored_version = now.version;
		free(fv->stored_by);
		fv->stored_by = now.updated_by ? xstrdup(now.updated_by) : NULL;
	}
	project_fini(&now);
	return st;
}

/* ---- values ------------------------------------------------------------------ */

static void join(struct buf *b, const struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", s->v[i]);
}

static const struct phase *row_phase(const struct tui *t, size_t row)
{
	size_t k = row - FF__FIXED;
	for (size_t i = 0; i < t->cat->phases.n; i++)
		if (!t->cat->phases.v[i].outside_line && k-- == 0)
			return &t->cat->phases.v[i];
	return NULL;
}

static void row_label(const struct tui *t, size_t row, struct buf *b)
{
	if (row < FF__FIXED) {
		buf_puts(b, _(ffield_label[row]));
		return;
	}
	const struct phase *ph = row_phase(t, row);
	buf_printf(b, _("Planned: %s"), ph ? ph->name : "?");
}

static void row_value(const struct tui *t, const struct project *p, size_t row, struct buf *b)
{
	const struct catalog *c = t->cat;
	switch (row) {
	case FF_TITLE:
		buf_puts(b, p->title && *p->title ? p->title : _("(empty)"));
		break;
	case FF_FIELD: {
		const struct topic_field *f = p->field ? catalog_field(c, p->field) : NULL;
		buf_puts(b, f && f->name ? f->name : "–");
		break;
	}
	case FF_SERVICES:
		for (size_t i = 0; i < p->n_services; i++) {
			const struct service *s = catalog_service(c, p->services[i]);
			buf_printf(b, "%s%u %s", i ? ", " : "", (unsigned)p->services[i], s && s->name ? s->name : "?");
		}
		break;
	case FF_LEAD: {
		const struct member *m = project_lead(p);
		buf_puts(b, m ? tui_org_name(t, &m->org) : "–");
		break;
	}
	case FF_PRIORITY:
		if (p->priority)
			buf_printf(b, "%u", (unsigned)p->priority);
		break;
	case FF_COMPONENTS:
		join(b, &p->components);
		break;
	case FF_DEPARTMENTS:
		join(b, &p->departments);
		break;
	case FF_NOTES: {
		const char *n = p->notes ? p->notes : "";
		const char *nl = strchr(n, '\n');
		size_t lines = 0;
		for (const char *x = n; *x; x++)
			lines += *x == '\n';
		if (*n)
			lines++;
		if (nl) {
			buf_append(b, n, (size_t)(nl - n));
			buf_printf(b, P_(" … (%zu line; Enter or E opens the editor)", " … (%zu lines; Enter or E opens the editor)", lines), lines);
		} else {
			buf_puts(b, n);
		}
		break;
	}
	default: {
		const struct phase *ph = row_phase(t, row);
		const struct phase_date *d = ph ? project_date_const(p, ph->id) : NULL;
		char pl[11], re[11];
		tui_date(d ? d->planned : 0, pl);
		buf_puts(b, pl);
		if (d && d->reached) {
			tui_date(d->reached, re);
			buf_printf(b, _("   (reached %s)"), re);
		}
		break;
	}
	}
	if (!b->len)
		buf_puts(b, "–");
}

static bool row_changed(const struct tui *t, const struct form_view *fv, size_t row)
{
	if (row == FF_NOTES)
		return strcmp(fv->orig.notes ? fv->orig.notes : "", fv->edit.notes ? fv->edit.notes : "") != 0;
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	row_value(t, &fv->orig, row, &a);
	row_value(t, &fv->edit, row, &b);
	bool changed = strcmp(a.data, b.data) != 0;
	buf_fini(&a);
	buf_fini(&b);
	return changed;
}

static bool form_dirty(const struct tui *t, const struct form_view *fv)
{
	return fv->create ? (fv->edit.title && *fv->edit.title) || fv->edit.field || fv->edit.n_services ||
				    fv->edit.n_team || fv->edit.priority || fv->edit.components.n ||
				    fv->edit.departments.n || (fv->edit.notes && *fv->edit.notes) ||
				    fv->edit.n_dates
			  : tui_project_differs(t, &fv->orig, &fv->edit);
}

/* ---- drawing ----------------------------------------------------------------- */

static void form_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct form_view *fv = (struct form_view *)v;
	struct buf b;
	buf_init(&b);
	if (fv->create)
		buf_puts(&b, _("New project"));
	else
		buf_printf(&b, _("Edit project #%u (version %u)"), fv->orig.number, fv->orig.version);
	tui_put(t, w, 0, 0, b.data, cols, THEME_SECTION, TUI_LEFT);
	buf_reset(&b);
	if (fv->gone)
		buf_puts(&b, _("✗ The project was deleted meanwhile."));
	else if (!fv->create && fv->stored_version != fv->orig.version)
		buf_printf(&b, _("! %s changed the project meanwhile (version %u): saving shows both versions."),
			   fv->stored_by ? fv->stored_by : _("someone"), fv->stored_version);
	if (b.len)
		tui_put(t, w, 1, 0, b.data, cols, fv->gone ? THEME_BAD : THEME_LATE, TUI_LEFT);

	int y0 = 2, label_w = 22;
	int list_rows = rows - y0 - 1;
	if (fv->prompting) {
		int cr = (int)fv->n_cands + 1;
		if (cr > 8)
			cr = 8;
		if (cr < 2)
			cr = 2;
		list_rows -= cr;
	}
	if (list_rows < 1)
		list_rows = 1;
	fv->list_rows = list_rows;
	fv->list.n = form_rows(t);
	tui_list_clamp(&fv->list, list_rows);
	for (int i = 0; i < list_rows && fv->list.top + (size_t)i < fv->list.n; i++) {
		size_t row = fv->list.top + (size_t)i;
		bool sel = row == fv->list.cur;
		int y = y0 + i;
		if (sel)
			tui_fill(t, w, y, 0, cols, THEME_SELECTED);
		bool changed = !fv->create && row_changed(t, fv, row);
		tui_put(t, w, y, 0, changed ? "*" : sel ? "▶" : " ", 1, sel ? THEME_SELECTED : THEME_MARKED, TUI_LEFT);
		buf_reset(&b);
		row_label(t, row, &b);
		tui_put(t, w, y, 2, b.data, label_w, sel ? THEME_SELECTED : THEME_LABEL, TUI_LEFT);
		buf_reset(&b);
		row_value(t, &fv->edit, row, &b);
		tui_put(t, w, y, 2 + label_w + 1, b.data, cols - label_w - 3, sel ? THEME_SELECTED : THEME_NORMAL,
			TUI_LEFT);
	}
	if (fv->prompting) {
		int y = y0 + list_rows;
		buf_reset(&b);
		if (fv->n_total == 0)
			buf_puts(&b, _("Nothing matches."));
		else
			buf_printf(&b, _("Candidates: %zu%s (Tab chooses, Enter takes)"), fv->n_total,
				   fv->n_total > fv->n_cands ? _(", the first shown") : "");
		tui_put(t, w, y, 0, b.data, cols, THEME_SECTION, TUI_LEFT);
		for (size_t i = 0; i < fv->n_cands && y + 1 + (int)i < rows - 1; i++) {
			bool sel = fv->cycling && fv->cycle_i == i;
			if (sel)
				tui_fill(t, w, y + 1 + (int)i, 0, cols, THEME_SELECTED);
			tui_put(t, w, y + 1 + (int)i, 2, fv->cands[i].label, cols - 2, sel ? THEME_SELECTED : THEME_NORMAL,
				TUI_LEFT);
		}
	}
	tui_put(t, w, rows - 1, 0,
		fv->create ? _("Enter changes the field · s creates · E notes in the editor · q discards (asks)")
			   : _("Enter changes the field · s saves · E notes in the editor · * changed · q discards (asks)"),
		cols, THEME_DIM, TUI_LEFT);
	buf_fini(&b);
}

/* ---- prompts with candidates --------------------------------------------------- */

static const char *source_name(const struct tui *t, enum cand_source src, size_t i)
{
	if (src == CS_ORG)
		return t->cat->orgs[i].name ? t->cat->orgs[i].name : "";
	return t->cat->services[i].name ? t->cat->services[i].name : "";
}

static void compute_cands(struct tui *t, struct form_view *fv, const char *text)
{
	cands_clear(fv);
	char *q = text_fold(text);
	text_trim(q);
	if (!*q) {
		free(q);
		return;
	}
	const struct catalog *c = t->cat;
	for (int rank = 0; rank < 3; rank++) {
		for (size_t i = 0; i < fv->n_folded; i++) {
			const char *f = fv->folded[i];
			char key[16] = "";
			if (fv->src == CS_ORG && c->orgs[i].ags)
				snprintf(key, sizeof key, "%s", c->orgs[i].ags);
			else if (fv->src == CS_SERVICE)
				snprintf(key, sizeof key, "%u", (unsigned)c->services[i].ozg_id);
			int r = -1;
			if (strcmp(f, q) == 0 || strcmp(key, q) == 0)
				r = 0;
			else if (text_has_prefix(f, q) || text_has_prefix(key, q))
				r = 1;
			else if (text_word_prefix(f, q))
				r = 2;
			if (r != rank)
				continue;
			fv->n_total++;
			if (fv->n_cands == MAX_CANDS)
				continue;
			struct fcand *cd = &fv->cands[fv->n_cands++];
			if (fv->src == CS_ORG) {
				cd->org = c->orgs[i].id;
				cd->label = xstrdup(source_name(t, CS_ORG, i));
			} else {
				cd->ozg_id = c->services[i].ozg_id;
				cd->label = xasprintf("%u %s", (unsigned)cd->ozg_id, source_name(t, CS_SERVICE, i));
			}
		}
	}
	free(q);
}

static void cand_changed(struct tui *t, const char *text, void *arg)
{
	struct form_view *fv = arg;
	if (fv->cycling && fv->cycle_i < fv->n_cands && strcmp(text, fv->cands[fv->cycle_i].label) == 0)
		return;
	compute_cands(t, fv, text);
}

static void cand_complete(struct tui *t, struct buf *line, void *arg)
{
	(void)t;
	struct form_view *fv = arg;
	if (fv->n_cands == 0)
		return;
	fv->cycle_i = fv->cycling ? (fv->cycle_i + 1) % fv->n_cands : 0;
	fv->cycling = true;   /* the line is now that candidate, even when it is the only one */
	buf_reset(line);
	buf_puts(line, fv->cands[fv->cycle_i].label);
}

/* Asks for an organisation or a service with candidates shown as one types.
 * Returns false when cancelled; *empty is set when the line was left empty. */
static bool ask_cand(struct tui *t, struct form_view *fv, enum cand_source src, const char *label, const char *initial,
		     struct uuid *org, uint32_t *ozg_id, bool *empty)
{
	const struct catalog *c = t->cat;
	fv->src = src;
	fv->n_folded = src == CS_ORG ? c->n_orgs : c->n_services;
	fv->folded = xcalloc(fv->n_folded ? fv->n_folded : 1, sizeof *fv->folded);
	for (size_t i = 0; i < fv->n_folded; i++)
		fv->folded[i] = text_fold(source_name(t, src, i));
	fv->prompting = true;
	*empty = false;
	bool ok = false;
	char *text = initial ? xstrdup(initial) : NULL, *error = NULL;
	for (;;) {
		cands_clear(fv);
		if (text)
			compute_cands(t, fv, text);
		struct tui_prompt pr = {.label = label, .initial = text, .error = error, .complete = cand_complete,
					.changed = cand_changed, .arg = fv};
		char *s = tui_prompt_run(t, &pr);
		free(error);
		error = NULL;
		free(text);
		text = s;
		if (!s)
			break;
		text_trim(s);
		if (!*s) {
			*empty = ok = true;
			break;
		}
		bool picked = fv->cycling && fv->cycle_i < fv->n_cands && strcmp(s, fv->cands[fv->cycle_i].label) == 0;
		if (src == CS_ORG) {
			const struct organisation *o = NULL;
			if (picked)
				o = catalog_org(c, &fv->cands[fv->cycle_i].org);
			if (o || catalog_find_org(c, s, &o) == STATUS_OK) {
				*org = o->id;
				ok = true;
				break;
			}
		} else {
			if (picked) {
				*ozg_id = fv->cands[fv->cycle_i].ozg_id;
				ok = true;
				break;
			}
			if (fv->n_total == 1 && fv->n_cands == 1) {
				*ozg_id = fv->cands[0].ozg_id;
				ok = true;
				break;
			}
			if (catalog_find_service(c, s, ozg_id) == STATUS_OK) {
				ok = true;
				break;
			}
		}
		error = xstrdup(*status_detail() ? status_detail() : _("not found"));
	}
	free(text);
	free(error);
	for (size_t i = 0; i < fv->n_folded; i++)
		free(fv->folded[i]);
	free(fv->folded);
	fv->folded = NULL;
	fv->n_folded = 0;
	fv->prompting = false;
	cands_clear(fv);
	return ok;
}

/* ---- editing fields ----------------------------------------------------------- */

/* Splits "a, b,c" into items (trimmed, no empty ones, no duplicates). */
static void parse_list(const char *s, struct strv *out)
{
	char *copy = xstrdup(s);
	char *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		text_trim(tok);
		if (*tok && !strv_contains(out, tok))
			strv_push(out, tok);
	}
	free(copy);
}

static void edit_list(struct tui *t, struct strv *list, const char *label)
{
	struct buf b;
	buf_init(&b);
	join(&b, list);
	struct tui_prompt pr = {.label = label, .initial = b.data};
	char *s = tui_prompt_run(t, &pr);
	buf_fini(&b);
	if (!s)
		return;
	strv_fini(list);
	strv_init(list);
	parse_list(s, list);
	free(s);
}

static void edit_title(struct tui *t, struct form_view *fv)
{
	const char *error = NULL;
	char *initial = xstrdup(fv->edit.title ? fv->edit.title : "");
	for (;;) {
		struct tui_prompt pr = {.label = _("Title: "), .initial = initial, .error = error};
		char *s = tui_prompt_run(t, &pr);
		if (!s)
			break;
		text_trim(s);
		if (!*s) {
			error = _("a project needs a title");
			free(s);
			continue;
		}
		free(fv->edit.title);
		fv->edit.title = s;
		break;
	}
	free(initial);
}

static void edit_field(struct tui *t, struct form_view *fv)
{
	const struct catalog *c = t->cat;
	if (!c->n_fields)
		return;
	char **items = xcalloc(c->n_fields, sizeof *items);
	size_t cur = 0;
	for (size_t i = 0; i < c->n_fields; i++) {
		items[i] = xstrdup(c->fields[i].name ? c->fields[i].name : "?");
		if (c->fields[i].number == fv->edit.field)
			cur = i;
	}
	int i = tui_pick(t, _("Topic field"), (const char *const *)items, c->n_fields, cur);
	if (i >= 0)
		fv->edit.field = c->fields[i].number;
	for (size_t k = 0; k < c->n_fields; k++)
		free(items[k]);
	free(items);
}

static void edit_services(struct tui *t, struct form_view *fv)
{
	for (;;) {
		size_t n = fv->edit.n_services + 1;
		char **items = xcalloc(n, sizeof *items);
		items[0] = xstrdup(_("+ add a service (OZG id or name, Tab completes)"));
		for (size_t i = 0; i < fv->edit.n_services; i++) {
			const struct service *s = catalog_service(t->cat, fv->edit.services[i]);
			items[i + 1] = xasprintf(_("− %u %s (remove)"), (unsigned)fv->edit.services[i],
						 s && s->name ? s->name : "?");
		}
		int pick = tui_pick(t, _("OZG services"), (const char *const *)items, n, 0);
		for (size_t i = 0; i < n; i++)
			free(items[i]);
		free(items);
		if (pick < 0)
			return;
		if (pick == 0) {
			uint32_t id = 0;
			struct uuid unused;
			bool empty;
			if (ask_cand(t, fv, CS_SERVICE, _("Service: "), NULL, &unused, &id, &empty) && !empty) {
				if (project_has_service(&fv->edit, id))
					tui_message(t, THEME_STATUS, _("service %u is already there"), (unsigned)id);
				else
					project_add_service(&fv->edit, id);
			}
			return;
		}
		size_t k = (size_t)pick - 1;
		uint32_t id = fv->edit.services[k];
		char q[256];
		snprintf(q, sizeof q, _("Remove service %u from the project?"), (unsigned)id);
		if (tui_confirm(t, q)) {
			memmove(&fv->edit.services[k], &fv->edit.services[k + 1],
				(fv->edit.n_services - k - 1) * sizeof *fv->edit.services);
			fv->edit.n_services--;
		}
	}
}

static void edit_lead(struct tui *t, struct form_view *fv)
{
	const struct member *old = project_lead(&fv->edit);
	struct uuid old_org;
	if (old)
		old_org = old->org;
	struct uuid org;
	bool empty;
	if (!ask_cand(t, fv, CS_ORG, _("Lead (name or AGS, Tab completes; empty = none): "),
		      old ? tui_org_name(t, &old_org) : NULL, &org, NULL, &empty))
		return;
	if (empty) {
		if (old) {
			char q[256];
			snprintf(q, sizeof q, _("%s no longer leads (stays in the team as member)?"), tui_org_name(t, &old_org));
			if (tui_confirm(t, q))
				project_set_member(&fv->edit, &old_org, ROLE_MEMBER);
		}
		return;
	}
	if (old && uuid_cmp(&old_org, &org) == 0)
		return;
	/* one lead: the previous one stays in the team as a member */
	if (old)
		project_set_member(&fv->edit, &old_org, ROLE_MEMBER);
	project_set_member(&fv->edit, &org, ROLE_LEAD);
}

static void edit_priority(struct tui *t, struct form_view *fv)
{
	const char *const items[] = {_("– none"), "1", "2", "3", "4", "5"};
	int i = tui_pick(t, _("Priority"), items, ARRAY_LEN(items), fv->edit.priority <= 5 ? fv->edit.priority : 0);
	if (i >= 0)
		fv->edit.priority = (uint8_t)i;
}

static void edit_date(struct tui *t, struct form_view *fv, const struct phase *ph)
{
	struct phase_date *d = project_date(&fv->edit, ph->id, false);
	char cur[11] = "";
	if (d && d->planned)
		date_format(d->planned, cur);
	char label[128];
	snprintf(label, sizeof label, _("Planned for %s (YYYY-MM-DD, empty = none): "), ph->name);
	const char *error = NULL;
	char *initial = xstrdup(cur);
	for (;;) {
		struct tui_prompt pr = {.label = label, .initial = initial, .error = error};
		char *s = tui_prompt_run(t, &pr);
		if (!s)
			break;
		text_trim(s);
		int32_t day = 0;
		if (*s && !date_parse(s, &day)) {
			error = _("not a date: use YYYY-MM-DD");
			free(initial);
			initial = s;
			continue;
		}
		free(s);
		if (day || d)
			project_date(&fv->edit, ph->id, true)->planned = day;
		break;
	}
	free(initial);
}

static void edit_notes_in_form(struct tui *t, struct form_view *fv)
{
	char *text = NULL;
	enum status st = tui_run_editor(t, fv->edit.notes ? fv->edit.notes : "", &text);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("notes"));
		return;
	}
	free(fv->edit.notes);
	fv->edit.notes = *text ? text : NULL;
	if (!*text)
		free(text);
}

static void edit_row(struct tui *t, struct form_view *fv, size_t row)
{
	switch (row) {
	case FF_TITLE:
		edit_title(t, fv);
		break;
	case FF_FIELD:
		edit_field(t, fv);
		break;
	case FF_SERVICES:
		edit_services(t, fv);
		break;
	case FF_LEAD:
		edit_lead(t, fv);
		break;
	case FF_PRIORITY:
		edit_priority(t, fv);
		break;
	case FF_COMPONENTS:
		edit_list(t, &fv->edit.components, _("Base components (separated by commas): "));
		break;
	case FF_DEPARTMENTS:
		edit_list(t, &fv->edit.departments, _("Departments (separated by commas): "));
		break;
	case FF_NOTES:
		edit_notes_in_form(t, fv);
		break;
	default: {
		const struct phase *ph = row_phase(t, row);
		if (ph)
			edit_date(t, fv, ph);
		break;
	}
	}
}

/* ---- saving -------------------------------------------------------------------- */

static void form_conflict_done(struct tui *t, enum conflict_choice choice, const struct project *now,
			       const struct project *mine, void *arg)
{
	struct form_view *fv = arg;   /* the form is on top again */
	switch (choice) {
	case CONFLICT_KEEP_THEIRS:
	case CONFLICT_APPLY_MINE:
		tui_pop(t);   /* frees fv */
		break;
	case CONFLICT_EDIT_AGAIN:
		project_fini(&fv->orig);
		project_init(&fv->orig);
		project_copy(&fv->orig, now);
		project_fini(&fv->edit);
		project_init(&fv->edit);
		project_copy(&fv->edit, mine);
		fv->stored_version = now->version;
		tui_message(t, THEME_STATUS, _("editing on top of version %u by %s; s saves"), now->version,
			    now->updated_by ? now->updated_by : "?");
		break;
	}
}

static enum view_result form_save(struct tui *t, struct form_view *fv)
{
	if (store_readonly(t->store)) {
		tui_message(t, THEME_STATUS_ERROR, _("the database is open read-only"));
		return VIEW_DRAW;
	}
	if (fv->gone) {
		tui_message(t, THEME_STATUS_ERROR, _("the project was deleted meanwhile; q leaves the form"));
		return VIEW_DRAW;
	}
	struct project p;
	project_init(&p);
	project_copy(&p, &fv->edit);
	status_clear();
	enum view_result r = VIEW_DRAW;
	if (fv->create) {
		enum status st = ops_project_create(t->store, t->cat, &p);
		if (st == STATUS_OK) {
			uint32_t number = p.number;
			char *title = xstrdup(p.title ? p.title : "");
			tui_pop(t);   /* frees fv */
			tui_message(t, THEME_STATUS_OK, _("✓ project #%u created: %s"), number, title);
			free(title);
			r = VIEW_RELOAD;
		} else {
			tui_message_status(t, st, _("not created"));
		}
	} else if (!tui_project_differs(t, &fv->orig, &fv->edit)) {
		uint32_t number = fv->orig.number;
		tui_pop(t);
		tui_message(t, THEME_STATUS, _("#%u: nothing changed"), number);
	} else {
		enum status st = ops_project_update(t->store, t->cat, &p, fv->orig.version);
		if (st == STATUS_OK) {
			uint32_t number = fv->orig.number;
			tui_pop(t);
			tui_message(t, THEME_STATUS_OK, _("✓ #%u saved (version %u)"), number, p.version);
			r = VIEW_RELOAD;
		} else if (st == STATUS_CONFLICT) {
			tui_conflict_open(t, &fv->orig, &fv->edit, form_conflict_done, fv);
		} else {
			tui_message_status(t, st, _("not saved"));
		}
	}
	project_fini(&p);
	return r;
}

static enum view_result form_key(struct tui *t, struct view *v, enum action a, int key)
{
	struct form_view *fv = (struct form_view *)v;
	if (key == TKEY_FN(KEY_MOUSE)) {
		MEVENT ev;
		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))) {
			int by, bx;
			getbegyx(t->body_win, by, bx);
			(void)bx;
			int y = ev.y - by - 2;
			if (y >= 0 && y < fv->list_rows && fv->list.top + (size_t)y < fv->list.n)
				fv->list.cur = fv->list.top + (size_t)y;
		} else if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			tui_list_key(&fv->list, ev.bstate & BUTTON4_PRESSED ? ACTION_UP : ACTION_DOWN, fv->list_rows);
		}
		return VIEW_DRAW;
	}
	if (tui_list_key(&fv->list, a, fv->list_rows))
		return VIEW_DRAW;
	switch (a) {
	case ACTION_ENTER:
		if (!fv->gone)
			edit_row(t, fv, fv->list.cur);
		return VIEW_DRAW;
	case ACTION_NOTES_EDIT:
		if (!fv->gone)
			edit_notes_in_form(t, fv);
		return VIEW_DRAW;
	case ACTION_SAVE:
		return form_save(t, fv);
	case ACTION_BACK:
		if (form_dirty(t, fv) && !tui_confirm(t, fv->create ? _("Discard the new project?") : _("Discard your changes?")))
			return VIEW_DRAW;
		tui_pop(t);   /* frees fv */
		return VIEW_DRAW;
	case ACTION_QUIT:
	case ACTION_VIEW_NEXT:
	case ACTION_VIEW_PREV:
	case ACTION_VIEW_1:
	case ACTION_VIEW_2:
	case ACTION_VIEW_3:
	case ACTION_VIEW_4:
	case ACTION_VIEW_5:
		if (form_dirty(t, fv) && !tui_confirm(t, _("Leave the form and discard your changes?")))
			return VIEW_DRAW;
		return VIEW_UNHANDLED;
	case ACTION_UNDO:
	case ACTION_REDO:
		tui_message(t, THEME_STATUS, _("undo works on saved changes; q leaves the form"));
		return VIEW_DRAW;
	default:
		return VIEW_UNHANDLED;
	}
}

/* Unsaved changes (or a new project's fields) become a draft on a signal. */
static bool form_draft(struct tui *t, struct view *v, struct draft *out)
{
	struct form_view *fv = (struct form_view *)v;
	if (fv->gone || !fv->loaded || !form_dirty(t, fv))
		return false;
	out->kind = DRAFT_FORM;
	out->create = fv->create;
	if (!fv->create)
		out->project = fv->id;
	out->number = fv->orig.number;
	project_copy(&out->base, &fv->orig);
	project_copy(&out->edit, &fv->edit);
	return true;
}

static bool form_selected(struct view *v, struct uuid *out)
{
	struct form_view *fv = (struct form_view *)v;
	if (fv->create)
		return false;
	*out = fv->id;
	return true;
}

const struct view_ops view_form = {
	.name = "form",
	.title = N_("Project"),
	.context = KEYCTX_FORM,
	.open = form_open,
	.load = form_load,
	.draw = form_draw,
	.key = form_key,
	.close = form_close,
	.selected_project = form_selected,
	.draft = form_draft,
};

enum view_result tui_project_form(struct tui *t, const struct uuid *project)
{
	if (store_readonly(t->store)) {
		tui_message(t, THEME_STATUS_ERROR, _("the database is open read-only"));
		return VIEW_DRAW;
	}
	if (!project) {
		tui_push(t, &view_form, NULL);
		return VIEW_DRAW;
	}
	char id[37];
	uuid_format(project, id);
	tui_push(t, &view_form, id);
	return VIEW_DRAW;
}

enum view_result tui_project_form_with(struct tui *t, const struct project *base, const struct project *edit)
{
	char id[37];
	uuid_format(&base->id, id);
	struct view *v = tui_push(t, &view_form, id);
	if (!v)
		return VIEW_DRAW;
	struct form_view *fv = (struct form_view *)v;
	project_fini(&fv->orig);
	project_init(&fv->orig);
	project_copy(&fv->orig, base);
	project_fini(&fv->edit);
	project_init(&fv->edit);
	project_copy(&fv->edit, edit);
	fv->stored_version = base->version;
	return VIEW_DRAW;
}

enum view_result tui_project_form_resume(struct tui *t, const struct project *base, const struct project *edit,
					 bool create)
{
	if (!create)
		return tui_project_form_with(t, base, edit);
	struct view *v = tui_push(t, &view_form, NULL);
	if (!v)
		return VIEW_DRAW;
	struct form_view *fv = (struct form_view *)v;
	project_fini(&fv->edit);
	project_init(&fv->edit);
	project_copy(&fv->edit, edit);
	return VIEW_DRAW;
}

/* ---- notes in the user's editor ------------------------------------------------ */

/* Reads the whole file, at most max + 1 bytes (to see that it is too long). */
static enum status read_file_max(const char *path, size_t max, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return status_fail(STATUS_IO, _("cannot read %s: %s"), path, strerror(errno));
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_append(out, chunk, n);
		if (out->len > max)
			break;
	}
	bool err = ferror(f);
	fclose(f);
	if (err)
		return status_fail(STATUS_IO, _("cannot read %s"), path);
	return STATUS_OK;
}

/* Runs cmdline "EDITOR path" through the shell (EDITOR may carry arguments),
 * with the terminal handed over; we ignore SIGINT/SIGQUIT meanwhile, as
 * system() does, so ^C in the editor does not end ozgtui. */
static int run_editor_process(const char *editor, const char *path)
{
	char *cmd = xasprintf("%s \"$@\"", editor);
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int rc = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		int ws;
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		rc = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	return rc;
}

enum status tui_run_editor(struct tui *t, const char *text, char **out)
{
	*out = NULL;
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/ozgtui-notes-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	struct buf b;
	buf_init(&b);
	enum status st = STATUS_OK;
	int fd = mkstemp(path);
	if (fd < 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot create a temporary file: %s"), strerror(errno));
		free(path);
		return st;
	}
	fchmod(fd, 0600);
	size_t len = strlen(text);
	bool ok = true;
	for (size_t off = 0; off < len && ok;) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		off += ok ? (size_t)w : 0;
	}
	if (ok && len && text[len - 1] != '\n')
		ok = write(fd, "\n", 1) == 1;
	if (close(fd) != 0)
		ok = false;
	if (!ok) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot write %s: %s"), path, strerror(errno));
		goto out;
	}

	def_prog_mode();
	endwin();
	int rc = run_editor_process(editor, path);
	reset_prog_mode();
	clearok(curscr, TRUE);
	tui_draw(t);

	if (rc != 0) {
		st = status_fail(STATUS_IO, _("the editor '%s' ended with status %d; notes unchanged"), editor, rc);
		goto out;
	}
	st = read_file_max(path, TUI_NOTES_MAX, &b);
	if (st != STATUS_OK)
		goto out;
	if (b.len > TUI_NOTES_MAX) {
		st = status_fail(STATUS_DATA, _("notes are limited to %d KiB; nothing changed"), TUI_NOTES_MAX / 1024);
		goto out;
	}
	if (b.len && (memchr(b.data, '\0', b.len) || !text_valid_utf8(b.data, b.len))) {
		st = status_fail(STATUS_DATA, _("the notes are not valid UTF-8 text; nothing changed"));
		goto out;
	}
	while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	*out = b.len ? buf_steal(&b) : xstrdup("");
out:
	unlink(path);
	free(path);
	buf_fini(&b);
	return st;
}

static void notes_conflict_done(struct tui *t, enum conflict_choice choice, const struct project *now,
				const struct project *mine, void *arg)
{
	(void)arg;
	if (choice == CONFLICT_EDIT_AGAIN)
		tui_project_form_with(t, now, mine);
}

enum view_result tui_edit_notes(struct tui *t, const struct uuid *project)
{
	if (!project) {
		tui_message(t, THEME_STATUS_ERROR, _("no project selected"));
		return VIEW_DRAW;
	}
	if (store_readonly(t->store)) {
		tui_message(t, THEME_STATUS_ERROR, _("the database is open read-only"));
		return VIEW_DRAW;
	}
	struct project base;
	project_init(&base);
	struct txn *txn = NULL;
	enum status st = store_read_begin(t->store, &txn);
	if (st == STATUS_OK)
		st = store_project_get(txn, project, &base);
	store_txn_end(txn);
	enum view_result r = VIEW_DRAW;
	char *text = NULL;
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("notes"));
		goto out;
	}
	st = tui_run_editor(t, base.notes ? base.notes : "", &text);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("notes"));
		goto out;
	}
	if (strcmp(text, base.notes ? base.notes : "") == 0) {
		tui_message(t, THEME_STATUS, _("#%u: notes unchanged"), base.number);
		goto out;
	}
	struct project mine;
	project_init(&mine);
	project_copy(&mine, &base);
	free(mine.notes);
	mine.notes = *text ? xstrdup(text) : NULL;
	struct project p;
	project_init(&p);
	project_copy(&p, &mine);
	status_clear();
	st = ops_project_update(t->store, t->cat, &p, base.version);
	if (st == STATUS_OK) {
		tui_message(t, THEME_STATUS_OK, _("✓ #%u: notes saved"), base.number);
		r = VIEW_RELOAD;
	} else if (st == STATUS_CONFLICT) {
		tui_conflict_open(t, &base, &mine, notes_conflict_done, NULL);
	} else {
		tui_message_status(t, st, _("notes"));
	}
	project_fini(&p);
	project_fini(&mine);
out:
	free(text);
	project_fini(&base);
	return r;
}

/* ---- the entry point for the list views ------------------------------------------ */

enum view_result tui_project_actions(struct tui *t, enum action a, const struct uuid *project)
{
	switch (a) {
	case ACTION_TEAM_EDIT:
		return tui_team_editor(t, project);
	case ACTION_PROJECT_ADD:
		return tui_project_form(t, NULL);
	case ACTION_PROJECT_EDIT:
		if (!project) {
			tui_message(t, THEME_STATUS_ERROR, _("no project selected"));
			return VIEW_DRAW;
		}
		return tui_project_form(t, project);
	case ACTION_NOTES_EDIT:
		return tui_edit_notes(t, project);
	default:
		return VIEW_UNHANDLED;
	}
}
