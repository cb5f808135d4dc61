/* export_csv.c - one table per entity as CSV (RFC 4180).
 *
 * UTF-8 without a byte order mark, CRLF after every record, a header row of
 * column names, every field quoted by libcsv's csv_fwrite (inner quotes doubled).
 * Lists inside a cell are joined with "; ". A data cell that starts with
 * = + - @ TAB or CR gets a leading ' so that no spreadsheet reads it as a
 * formula (OWASP "CSV injection"); invalid UTF-8 becomes U+FFFD. Tables and
 * columns: docs/export-formats.md.
 */
#include "ozgtui/export.h"
#include "ozgtui/i18n.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <utf8proc.h>

#include "ozgtui/rules.h"
#include "ozgtui/util.h"

struct csv_out {
	FILE *f;
	size_t col;
	bool failed;
	struct buf cell;
};

/* Writes one field; data cells are neutralised, header cells are not. */
static void field_raw(struct csv_out *w, const char *s, bool data)
{
	if (w->failed)
		return;
	buf_reset(&w->cell);
	if (data && s && strchr("=+-@\t\r", s[0]) && s[0])
		buf_putc(&w->cell, '\'');
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0) {
			buf_puts(&w->cell, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		buf_append(&w->cell, p, (size_t)len);
		p += len;
	}
	if ((w->col && fputc(',', w->f) == EOF) ||
	    csv_fwrite(w->f, w->cell.data ? w->cell.data : "", w->cell.len) != 0)
		w->failed = true;
	w->col++;
}

static void cell(struct csv_out *w, const char *s)
{
	field_raw(w, s, true);
}

static void cellf(struct csv_out *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cellf(struct csv_out *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[64];
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	cell(w, small);
}

static void cell_u(struct csv_out *w, uint64_t v)
{
	cellf(w, "%" PRIu64, v);
}

static void cell_u_or_empty(struct csv_out *w, uint64_t v)
{
	if (v)
		cell_u(w, v);
	else
		cell(w, "");
}

static void cell_bool(struct csv_out *w, bool v)
{
	cell(w, v ? "true" : "false");
}

static void cell_date(struct csv_out *w, int32_t day)
{
	char s[11];
	date_format(day, s);
	cell(w, day ? s : "");
}

static void cell_time(struct csv_out *w, int64_t t)
{
	char s[21];
	if (!t) {
		cell(w, "");
		return;
	}
	time_format(t, s);
	cell(w, s);
}

static void cell_uuid(struct csv_out *w, const struct uuid *u)
{
	char s[37];
	if (uuid_is_nil(u)) {
		cell(w, "");
		return;
	}
	uuid_format(u, s);
	cell(w, s);
}

static void end_row(struct csv_out *w)
{
	if (!w->failed && fputs("\r\n", w->f) == EOF)
		w->failed = true;
	w->col = 0;
}

static void header(struct csv_out *w, const char *const *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		field_raw(w, cols[i], false);
	end_row(w);
}

static void mask_codes(struct buf *b, uint32_t mask)
{
	const char *sep = "";
	for (int k = 1; k <= CAT__MAX; k++) {
		if (mask & CAT_BIT(k)) {
			buf_printf(b, "%s%s", sep, category_code((enum category)k));
			sep = "; ";
		}
	}
}

static void cell_mask(struct csv_out *w, uint32_t mask)
{
	struct buf b;
	buf_init(&b);
	mask_codes(&b, mask);
	cell(w, b.data ? b.data : "");
	buf_fini(&b);
}

static void cell_strv(struct csv_out *w, const struct strv *s)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < s->n; i++)
		buf_printf(&b, "%s%s", i ? "; " : "", s->v[i]);
	cell(w, b.data ? b.data : "");
	buf_fini(&b);
}

static void cell_orgs(struct csv_out *w, const struct catalog *c, const struct uuid *v, size_t n)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "; " : "", catalog_org_name(c, &v[i], ""));
	cell(w, b.data ? b.data : "");
	buf_fini(&b);
}

static void cell_u32s(struct csv_out *w, const uint32_t *v, size_t n)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%" PRIu32, i ? "; " : "", v[i]);
	cell(w, b.data ? b.data : "");
	buf_fini(&b);
}

/* ---- tables --------------------------------------------------------------------- */

static void table_projects(struct csv_out *w, const struct export_report *r)
{
	static const char *const cols[] = {
		"number", "uuid", "title", "field", "field_name", "phase", "priority", "lead",
		"team_size", "representative", "missing", "late", "next_planned", "services",
		"components", "ministries", "departments", "interested", "solutions", "demo",
		"version", "created", "updated", "notes",
	};
	const struct catalog *c = r->c;
	header(w, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < r->state.n_projects; i++) {
		if (!r->in_scope[i])
			continue;
		const struct project *p = &r->state.projects[i];
		struct team_verdict v = snapshot_state_verdict(&r->state, c, p);
		uint8_t late = rules_late_phase(&c->phases, p, r->today);
		const struct member *lead = project_lead(p);
		cell_u(w, p->number);
		cell_uuid(w, &p->id);
		cell(w, p->title);
		cell_u(w, p->field);
		cell(w, catalog_field_name(c, p->field, ""));
		cell(w, catalog_phase_name(c, p->phase, ""));
		cell_u_or_empty(w, p->priority);
		cell(w, lead ? catalog_org_name(c, &lead->org, "") : "");
		cell_u(w, p->n_team);
		cell_bool(w, v.representative);
		cell_mask(w, v.missing);
		cell(w, late ? catalog_phase_name(c, late, "") : "");
		cell_date(w, rules_next_planned(&c->phases, p));
		cell_u32s(w, p->services, p->n_services);
		cell_strv(w, &p->components);
		cell_orgs(w, c, p->ministries, p->n_ministries);
		cell_strv(w, &p->departments);
		cell_orgs(w, c, p->interested, p->n_interested);
		cell_strv(w, &p->solutions);
		cell_bool(w, p->demo);
		cell_u(w, p->version);
		cell_time(w, p->created);
		cell_time(w, p->updated);
		cell(w, p->notes);
		end_row(w);
	}
}

static void table_teams(struct csv_out *w, const struct export_report *r)
{
	static const char *const cols[] = {
		"project_number", "project_uuid", "project_title", "org_uuid", "org_name",
		"org_kind", "ags", "category", "role",
	};
	const struct catalog *c = r->c;
	header(w, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < r->state.n_projects; i++) {
		if (!r->in_scope[i])
			continue;
		const struct project *p = &r->state.projects[i];
		for (size_t k = 0; k < p->n_team; k++) {
			const struct organisation *o = catalog_org(c, &p->team[k].org);
			cell_u(w, p->number);
			cell_uuid(w, &p->id);
			cell(w, p->title);
			cell_uuid(w, &p->team[k].org);
			cell(w, o ? o->name : "");
			cell(w, o ? org_kind_code(o->kind) : "");
			cell(w, o ? o->ags : "");
			cell(w, o ? category_code(o->category) : "");
			cell(w, role_code(p->team[k].role));
			end_row(w);
		}
	}
}

static void table_services(struct csv_out *w, const struct export_report *r)
{
	static const char *const cols[] = {
		"ozg_id", "name", "field", "field_name", "life_situation", "categories",
		"delivering", "projects",
	};
	const struct catalog *c = r->c;
	header(w, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < r->state.n_services; i++) {
		const struct service *s = &r->state.services[i];
		size_t used = 0;
		for (size_t k = 0; k < r->state.n_projects; k++)
			used += r->in_scope[k] && project_has_service(&r->state.projects[k], s->ozg_id);
		cell_u(w, s->ozg_id);
		cell(w, s->name);
		cell_u_or_empty(w, s->field);
		cell(w, catalog_field_name(c, s->field, ""));
		cell(w, s->life_situation);
		cell_mask(w, s->categories);
		cell_mask(w, service_delivery(s));
		cell_u(w, used);
		end_row(w);
	}
}

struct workshops {
	struct workshop *v;
	size_t n, cap;
};

static int collect_workshop(const struct workshop *ws, void *arg)
{
	struct workshops *l = arg;
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	workshop_init(&l->v[l->n]);
	workshop_copy(&l->v[l->n++], ws);
	return 0;
}

static void workshops_fini(struct workshops *l)
{
	for (size_t i = 0; i < l->n; i++)
		workshop_fini(&l->v[i]);
	free(l->v);
}

static const struct workshop *find_workshop(const struct workshops *l, const struct uuid *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (uuid_cmp(&l->v[i].id, id) == 0)
			return &l->v[i];
	return NULL;
}

static void cell_outcome_projects(struct csv_out *w, const struct export_report *r, const struct outcome *o)
{
	struct buf b;
	buf_init(&b);
	const char *sep = "";
	for (size_t k = 0; k < o->n_projects; k++) {
		const struct project *p = snapshot_state_project(&r->state, &o->projects[k]);
		if (!p)
			continue;
		buf_printf(&b, "%s%" PRIu32, sep, p->number);
		sep = "; ";
	}
	cell(w, b.data ? b.data : "");
	buf_fini(&b);
}

static enum status table_outcomes(struct csv_out *w, struct txn *t, const struct export_report *r)
{
	static const char *const cols[] = {
		"uuid", "workshop", "workshop_title", "workshop_date", "field", "kind", "text",
		"owner", "due", "status", "overdue", "projects", "organisations", "services",
	};
	const struct catalog *c = r->c;
	struct workshops ws = {0};
	enum status st = store_workshop_each(t, collect_workshop, &ws);
	if (st != STATUS_OK)
		goto out;
	header(w, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < r->state.n_outcomes; i++) {
		const struct outcome *o = &r->state.outcomes[i];
		if (!export_report_outcome_in_scope(r, o))
			continue;
		const struct workshop *wk = find_workshop(&ws, &o->workshop);
		cell_uuid(w, &o->id);
		cell_uuid(w, &o->workshop);
		cell(w, wk ? wk->title : "");
		cell_date(w, wk ? wk->date : 0);
		cell_u_or_empty(w, wk ? wk->field : 0);
		cell(w, outcome_kind_code(o->kind));
		cell(w, o->text);
		cell(w, o->owner);
		cell_date(w, o->due);
		cell(w, outcome_status_code(o->status));
		cell_bool(w, export_report_overdue(r, o));
		cell_outcome_projects(w, r, o);
		cell_orgs(w, c, o->orgs, o->n_orgs);
		cell_u32s(w, o->services, o->n_services);
		end_row(w);
	}
out:
	workshops_fini(&ws);
	return st;
}

static enum status table_workshops(struct csv_out *w, struct txn *t, const struct export_report *r)
{
	static const char *const cols[] = {
		"uuid", "field", "field_name", "date", "title", "place", "head_count",
		"participants", "outcomes", "demo", "notes",
	};
	const struct catalog *c = r->c;
	struct workshops ws = {0};
	enum status st = store_workshop_each(t, collect_workshop, &ws);
	if (st != STATUS_OK)
		goto out;
	header(w, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < ws.n; i++) {
		const struct workshop *wk = &ws.v[i];
		size_t n = 0;
		for (size_t k = 0; k < r->state.n_outcomes; k++)
			n += uuid_cmp(&r->state.outcomes[k].workshop, &wk->id) == 0;
		cell_uuid(w, &wk->id);
		cell_u_or_empty(w, wk->field);
		cell(w, catalog_field_name(c, wk->field, ""));
		cell_date(w, wk->date);
		cell(w, wk->title);
		cell(w, wk->place);
		cell_u(w, wk->head_count);
		cell_orgs(w, c, wk->participants, wk->n_participants);
		cell_u(w, n);
		cell_bool(w, wk->demo);
		cell(w, wk->notes);
		end_row(w);
	}
out:
	workshops_fini(&ws);
	return st;
}

static void table_organisations(struct csv_out *w, const struct export_report *r)
{
	static const char *const cols[] = {
		"uuid", "kind", "name", "ags", "category", "legal_type", "population", "county_ags",
		"size_class", "region", "projects", "lead",
	};
	const struct catalog *c = r->c;
	header(w, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		size_t member = 0, lead = 0;
		for (size_t k = 0; k < r->state.n_projects; k++) {
			if (!r->in_scope[k])
				continue;
			const struct member *m = project_member(&r->state.projects[k], &o->id);
			member += m != NULL;
			lead += m && m->role == ROLE_LEAD;
		}
		cell_uuid(w, &o->id);
		cell(w, org_kind_code(o->kind));
		cell(w, o->name);
		cell(w, o->ags);
		cell(w, category_code(o->category));
		cell(w, o->legal_type);
		cell_u_or_empty(w, o->population);
		cell(w, o->county_ags);
		cell(w, o->size_class);
		cell(w, o->region);
		cell_u(w, member);
		cell_u(w, lead);
		end_row(w);
	}
}

struct history_ctx {
	struct csv_out *w;
	const struct export_report *r;
	uint64_t until;   /* 0 = all; else up to this seq */
	struct history_entry *v;
	size_t n, cap;
};

static int collect_history(const struct history_entry *e, void *arg)
{
	struct history_ctx *h = arg;
	if (h->until && e->seq > h->until)
		return 0;
	if (h->r->filtered && e->project_number) {
		bool keep = false;
		for (size_t i = 0; i < h->r->state.n_projects && !keep; i++)
			keep = h->r->in_scope[i] && h->r->state.projects[i].number == e->project_number;
		if (!keep)
			return 0;
	}
	xgrow((void **)&h->v, &h->cap, h->n + 1, sizeof *h->v);
	history_entry_init(&h->v[h->n]);
	history_entry_copy(&h->v[h->n++], e);
	return 0;
}

static enum status table_history(struct csv_out *w, struct txn *t, const struct export_report *r,
				 const struct snapshot *snap)
{
	static const char *const cols[] = {
		"seq", "time", "user", "entity", "entity_id", "project_number", "action", "summary",
		"from_phase", "to_phase", "reason", "forced",
	};
	const struct catalog *c = r->c;
	struct history_ctx h = {.w = w, .r = r};
	enum status st = STATUS_OK;
	if (snap && (st = snapshot_history_seq(t, snap, &h.until)) != STATUS_OK)
		goto out;
	/* with a snapshot but no entry belonging to it: only the header */
	if ((!snap || h.until) && (st = store_history_each(t, 0, collect_history, &h)) != STATUS_OK)
		goto out;
	header(w, cols, ARRAY_LEN(cols));
	/* the store gives newest first; a table reads oldest first */
	for (size_t k = h.n; k-- > 0;) {
		const struct history_entry *e = &h.v[k];
		cell_u(w, e->seq);
		cell_time(w, e->time);
		cell(w, e->user);
		cell(w, e->entity);
		cell_uuid(w, &e->entity_id);
		cell_u_or_empty(w, e->project_number);
		cell(w, e->action);
		cell(w, e->summary);
		cell(w, e->from_phase ? catalog_phase_name(c, e->from_phase, "") : "");
		cell(w, e->to_phase ? catalog_phase_name(c, e->to_phase, "") : "");
		cell(w, e->reason);
		cell_bool(w, e->forced);
		end_row(w);
	}
out:
	for (size_t k = 0; k < h.n; k++)
		history_entry_fini(&h.v[k]);
	free(h.v);
	return st;
}

enum status export_csv(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out)
{
	struct export_report r;
	struct csv_out w = {.f = out};
	buf_init(&w.cell);
	enum status st = export_report_load(t, c, o, &r);
	if (st != STATUS_OK)
		goto out;
	switch (o->table) {
	case EXPORT_TABLE_PROJECTS: table_projects(&w, &r); break;
	case EXPORT_TABLE_TEAMS: table_teams(&w, &r); break;
	case EXPORT_TABLE_SERVICES: table_services(&w, &r); break;
	case EXPORT_TABLE_OUTCOMES: st = table_outcomes(&w, t, &r); break;
	case EXPORT_TABLE_WORKSHOPS: st = table_workshops(&w, t, &r); break;
	case EXPORT_TABLE_ORGANISATIONS: table_organisations(&w, &r); break;
	case EXPORT_TABLE_HISTORY:
		st = table_history(&w, t, &r, o->snapshot);
		break;
	case EXPORT_TABLE__COUNT: st = status_fail(STATUS_USAGE, _("unknown table")); break;
	}
	if (st == STATUS_OK && (w.failed || fflush(out) != 0 || ferror(out)))
		st = status_fail(STATUS_IO, _("cannot write the export: %s"), errno ? strerror(errno) : _("write error"));
out:
	export_report_fini(&r);
	buf_fini(&w.cell);
	return st;
}
