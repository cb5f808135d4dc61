/* export_md.c - the committee report as Markdown (German, CommonMark with GFM
 * tables).
 *
 *   # OZG-Umsetzung: Sachstandsbericht        state, date, scope, totals
 *   ## Übersicht                              projects per topic field and phase
 *   ## Veränderungen seit ...                 the diff from the previous snapshot
 *   ## Themenfelder                           per field: phase, count, projects
 *   ## Nicht repräsentative Teams
 *   ## Verspätete Projekte
 *   ## Überfällige Aufgaben
 *
 * Every string from the database goes through export_md_escape(), so a title
 * cannot open a link, an emphasis, a heading or a table cell.
 */
#include "ozgtui/export.h"
#include "ozgtui/i18n.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/rules.h"
#include "ozgtui/util.h"

/* A count cell; · for none. */
static void num(struct buf *b, size_t n)
{
	if (n)
		buf_printf(b, " %zu |", n);
	else
		buf_puts(b, " · |");
}

static void overview(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	buf_puts(b, "\n## Übersicht: Projekte je Themenfeld und Phase\n\n| Themenfeld |");
	for (size_t k = 0; k < c->phases.n; k++) {
		buf_puts(b, " ");
		export_md_escape(b, c->phases.v[k].name);
		buf_puts(b, " |");
	}
	buf_puts(b, " Summe |\n|---|");
	for (size_t k = 0; k <= c->phases.n; k++)
		buf_puts(b, "---:|");
	buf_puts(b, "\n");
	size_t col[256] = {0}, total = 0;
	uint16_t *fields;
	size_t n_fields = export_report_fields(r, &fields);
	for (size_t fi = 0; fi < n_fields; fi++) {
		uint16_t field = fields[fi];
		size_t row = 0;
		buf_puts(b, "| ");
		if (field)
			buf_printf(b, "%u ", (unsigned)field);
		export_md_escape(b, export_report_field_name(c, field));
		buf_puts(b, " |");
		for (size_t k = 0; k < c->phases.n; k++) {
			size_t n = export_report_count(r, field, c->phases.v[k].id);
			row += n;
			col[k] += n;
			num(b, n);
		}
		total += row;
		num(b, row);
		buf_puts(b, "\n");
	}
	free(fields);
	buf_puts(b, "| **Summe** |");
	for (size_t k = 0; k < c->phases.n; k++)
		num(b, col[k]);
	num(b, total);
	buf_puts(b, "\n\n· = keine Projekte.\n");
}

static void changes(struct buf *b, const struct export_report *r)
{
	if (!r->has_previous) {
		buf_puts(b, "\n## Veränderungen\n\nKein früherer Stand gespeichert: Veränderungen lassen sich erst "
			    "zeigen, wenn ein Stand gespeichert ist (`ozgtui snapshot save NAME`).\n");
		return;
	}
	char day[11];
	date_format(date_from_time(r->previous.created), day);
	buf_puts(b, "\n## Veränderungen seit Stand „");
	export_md_escape(b, r->previous.name);
	buf_printf(b, "“ vom %s\n", day);
	if (r->previous.note && *r->previous.note) {
		buf_puts(b, "\nNotiz zum Stand: ");
		export_md_escape(b, r->previous.note);
		buf_puts(b, "\n");
	}
	struct buf label;
	buf_init(&label);
	buf_printf(&label, "Stand „%s“ vom %s", r->previous.name, day);
	snapshot_diff_markdown(&r->diff, r->c, label.data, r->state_label, 0, b);
	buf_fini(&label);
}

static void fields(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	uint16_t *list;
	size_t n_list = export_report_fields(r, &list);
	buf_puts(b, "\n## Themenfelder\n");
	for (size_t fi = 0; fi < n_list; fi++) {
		uint16_t field = list[fi];
		size_t n = 0;
		for (size_t i = 0; i < r->state.n_projects; i++)
			n += r->in_scope[i] && r->state.projects[i].field == field;
		buf_puts(b, "\n### ");
		if (field)
			buf_printf(b, "%u ", (unsigned)field);
		export_md_escape(b, export_report_field_name(c, field));
		buf_printf(b, " (%zu %s)\n\n", n, n == 1 ? "Projekt" : "Projekte");
		const struct topic_field *tf = field ? catalog_field(c, field) : NULL;
		if (tf && tf->sponsor && *tf->sponsor) {
			buf_puts(b, "Themenpatenschaft: ");
			export_md_escape(b, tf->sponsor);
			buf_puts(b, "\n\n");
		}
		if (!n) {
			buf_puts(b, "Keine Projekte.\n");
			continue;
		}
		buf_puts(b, "| Phase | Anzahl | Projekte (Nr., Titel, Federführung) |\n|---|---:|---|\n");
		for (size_t k = 0; k < c->phases.n; k++) {
			uint8_t ph = c->phases.v[k].id;
			size_t m = export_report_count(r, field, ph);
			if (!m)
				continue;
			buf_puts(b, "| ");
			export_md_escape(b, c->phases.v[k].name);
			buf_printf(b, " | %zu | ", m);
			const char *sep = "";
			for (size_t i = 0; i < r->state.n_projects; i++) {
				const struct project *p = &r->state.projects[i];
				if (!r->in_scope[i] || p->field != field || p->phase != ph)
					continue;
				buf_printf(b, "%s#%" PRIu32 " ", sep, p->number);
				export_md_escape(b, p->title);
				const struct member *lead = project_lead(p);
				if (lead) {
					buf_puts(b, " (");
					export_md_escape(b, catalog_org_name(c, &lead->org, "?"));
					buf_puts(b, ")");
				}
				sep = "; ";
			}
			buf_puts(b, " |\n");
		}
	}
	free(list);
}

static void not_representative(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	size_t n = 0;
	struct team_verdict v;
	for (size_t i = 0; i < r->state.n_projects; i++)
		n += r->in_scope[i] && export_report_not_representative(r, i, &v);
	buf_printf(b, "\n## Nicht repräsentative Teams (%zu)\n\n", n);
	if (!n) {
		buf_puts(b, "Alle Teams der laufenden Projekte sind repräsentativ.\n");
		return;
	}
	buf_puts(b, "| Nr. | Projekt | Themenfeld | Phase | es fehlt |\n|---:|---|---|---|---|\n");
	for (size_t i = 0; i < r->state.n_projects; i++) {
		if (!r->in_scope[i] || !export_report_not_representative(r, i, &v))
			continue;
		const struct project *p = &r->state.projects[i];
		buf_printf(b, "| %" PRIu32 " | ", p->number);
		export_md_escape(b, p->title);
		buf_puts(b, " | ");
		export_md_escape(b, export_report_field_name(c, p->field));
		buf_puts(b, " | ");
		export_md_escape(b, catalog_phase_name(c, p->phase, "?"));
		buf_puts(b, " | ");
		export_report_categories(b, v.missing, buf_puts);
		buf_puts(b, " |\n");
	}
}

static void late(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	size_t n = 0;
	for (size_t i = 0; i < r->state.n_projects; i++)
		n += r->in_scope[i] && export_report_late(r, i);
	buf_printf(b, "\n## Verspätete Projekte (%zu)\n\n", n);
	if (!n) {
		buf_puts(b, "Kein Projekt liegt hinter seiner Planung.\n");
		return;
	}
	buf_puts(b, "| Nr. | Projekt | Themenfeld | Phase | geplant war | bis |\n|---:|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->state.n_projects; i++) {
		uint8_t lp = r->in_scope[i] ? export_report_late(r, i) : 0;
		if (!lp)
			continue;
		const struct project *p = &r->state.projects[i];
		const struct phase_date *d = project_date_const(p, lp);
		char day[11];
		date_format(d ? d->planned : 0, day);
		buf_printf(b, "| %" PRIu32 " | ", p->number);
		export_md_escape(b, p->title);
		buf_puts(b, " | ");
		export_md_escape(b, export_report_field_name(c, p->field));
		buf_puts(b, " | ");
		export_md_escape(b, catalog_phase_name(c, p->phase, "?"));
		buf_puts(b, " | ");
		export_md_escape(b, catalog_phase_name(c, lp, "?"));
		buf_printf(b, " | %s |\n", day);
	}
}

static void overdue(struct buf *b, const struct export_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->state.n_outcomes; i++)
		n += export_report_outcome_in_scope(r, &r->state.outcomes[i]) &&
		     export_report_overdue(r, &r->state.outcomes[i]);
	buf_printf(b, "\n## Überfällige Aufgaben (%zu)\n\n", n);
	if (!n) {
		buf_puts(b, "Keine offene Aufgabe ist überfällig.\n");
		return;
	}
	buf_puts(b, "| Aufgabe | verantwortlich | fällig am | Projekte |\n|---|---|---|---|\n");
	for (size_t i = 0; i < r->state.n_outcomes; i++) {
		const struct outcome *o = &r->state.outcomes[i];
		if (!export_report_outcome_in_scope(r, o) || !export_report_overdue(r, o))
			continue;
		char day[11];
		date_format(o->due, day);
		buf_puts(b, "| ");
		export_md_escape(b, o->text);
		buf_puts(b, " | ");
		if (o->owner && *o->owner)
			export_md_escape(b, o->owner);
		else
			buf_puts(b, "–");
		buf_printf(b, " | %s | ", day);
		const char *sep = "";
		for (size_t k = 0; k < o->n_projects; k++) {
			const struct project *p = snapshot_state_project(&r->state, &o->projects[k]);
			if (!p)
				continue;
			buf_printf(b, "%s#%" PRIu32, sep, p->number);
			sep = ", ";
		}
		buf_puts(b, *sep ? " |\n" : "– |\n");
	}
}

enum status export_md(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out)
{
	struct export_report r;
	struct buf b;
	buf_init(&b);
	enum status st = export_report_load(t, c, o, &r);
	if (st != STATUS_OK)
		goto out;

	buf_puts(&b, "# OZG-Umsetzung: Sachstandsbericht\n\n- Datenstand: ");
	export_md_escape(&b, r.state_label);
	if (o->snapshot && o->snapshot->note && *o->snapshot->note) {
		buf_puts(&b, " (");
		export_md_escape(&b, o->snapshot->note);
		buf_puts(&b, ")");
	}
	buf_printf(&b, "\n- Stichtag: %s\n- Auswahl: ", r.today_text);
	if (r.filtered) {
		buf_puts(&b, "Projekte nach dem Filter „");
		export_md_escape(&b, o->filter_text ? o->filter_text : "");
		buf_puts(&b, "“");
	} else {
		buf_puts(&b, "alle Projekte");
	}
	buf_printf(&b, "\n- Projekte: %zu\n- Erstellt: %s mit ozgtui\n", r.n_in_scope, r.generated_text);

	overview(&b, &r);
	changes(&b, &r);
	fields(&b, &r);
	not_representative(&b, &r);
	late(&b, &r);
	overdue(&b, &r);

	errno = 0;
	if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out))
		st = status_fail(STATUS_IO, _("cannot write the export: %s"), errno ? strerror(errno) : _("write error"));
out:
	export_report_fini(&r);
	buf_fini(&b);
	return st;
}
