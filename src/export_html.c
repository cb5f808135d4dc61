/* export_html.c - the status as one self-contained HTML page (German).
 *
 * One file: inline CSS, no scripts, no external URLs (only links to anchors of
 * the page itself), so it can be mailed, archived and opened offline. For
 * accessibility (BITV 2.0 / WCAG 2.1): lang="de"; one <h1>, then <h2> per
 * section and <h3> below; a skip link and a table of contents; every table has
 * a <caption> and <th scope="col"/"row">; findings are written out as words,
 * never shown by colour alone; colours are black/dark on white or light grey
 * (contrast at least 7:1, WCAG AAA); @media print drops the navigation and
 * keeps table rows and headings together. Every string from the database is
 * HTML-escaped (& < > " ').
 */
#include "ozgtui/export.h"
#include "ozgtui/i18n.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/rules.h"
#include "ozgtui/util.h"

/* Contrast on white #fff: #000 21:1, #1a1a1a 17.4:1, #00338d 11.6:1;
 * on #e6e6e6: #000 16.5:1. tests/export/ checks every pair. */
static const char css[] =
	"body{font-family:system-ui,\"Segoe UI\",\"Noto Sans\",Arial,sans-serif;color:#000;"
	"background:#fff;line-height:1.45;margin:0 auto;max-width:80rem;padding:1rem}\n"
	"a{color:#00338d;background:#fff}\n"
	"a:focus{outline:3px solid #000;outline-offset:2px}\n"
	".skip{position:absolute;left:-10000px}\n"
	".skip:focus{position:static}\n"
	"h1{font-size:1.8rem;margin:0 0 .5rem}\n"
	"h2{font-size:1.4rem;margin:2rem 0 .5rem;border-bottom:2px solid #000}\n"
	"h3{font-size:1.15rem;margin:1.25rem 0 .4rem}\n"
	"dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:0 0 1rem}\n"
	"dl.meta dt{font-weight:bold}\n"
	"dl.meta dd{margin:0}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1.25rem}\n"
	"caption{text-align:left;font-weight:bold;padding:.25rem 0;color:#000;background:#fff}\n"
	"th,td{border:1px solid #000;padding:.2rem .45rem;text-align:left;vertical-align:top}\n"
	"thead th,tfoot th,tfoot td{color:#000;background:#e6e6e6}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	".no{font-weight:bold}\n"
	"footer{margin-top:2rem;border-top:1px solid #000;color:#1a1a1a;background:#fff}\n"
	"@media print{\n"
	"body{max-width:none;padding:0;font-size:10pt}\n"
	"nav,.skip{display:none}\n"
	"a{color:#000;text-decoration:none}\n"
	"h2,h3{break-after:avoid}\n"
	"tr,caption{break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	"}\n";

static void esc(struct buf *b, const char *s)
{
	export_html_escape(b, s);
}

static void field_heading(struct buf *b, const struct catalog *c, uint16_t field)
{
	if (field)
		buf_printf(b, "%u ", (unsigned)field);
	esc(b, export_report_field_name(c, field));
}

static void cell_num(struct buf *b, size_t n)
{
	if (n)
		buf_printf(b, "<td class=\"n\">%zu</td>", n);
	else
		buf_puts(b, "<td class=\"n\">·</td>");
}

static void matrix(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	struct team_verdict v;
	buf_puts(b, "<section id=\"uebersicht\">\n<h2>Übersicht: Projekte je Themenfeld und Phase</h2>\n"
		    "<table>\n<caption>Anzahl der Projekte je Themenfeld (Zeilen) und Phase (Spalten), mit "
		    "den Befunden; · steht für keine.</caption>\n<thead>\n<tr><th scope=\"col\">Themenfeld</th>");
	for (size_t k = 0; k < c->phases.n; k++) {
		buf_puts(b, "<th scope=\"col\">");
		esc(b, c->phases.v[k].name);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "<th scope=\"col\">Summe</th><th scope=\"col\">nicht repräsentativ</th>"
		    "<th scope=\"col\">verspätet</th></tr>\n</thead>\n<tbody>\n");
	size_t col[256] = {0}, total = 0, total_rep = 0, total_late = 0;
	uint16_t *list;
	size_t n_list = export_report_fields(r, &list);
	for (size_t fi = 0; fi < n_list; fi++) {
		uint16_t field = list[fi];
		size_t row = 0, rep = 0, late = 0;
		buf_printf(b, "<tr><th scope=\"row\"><a href=\"#feld-%u\">", (unsigned)field);
		field_heading(b, c, field);
		buf_puts(b, "</a></th>");
		for (size_t k = 0; k < c->phases.n; k++) {
			size_t n = export_report_count(r, field, c->phases.v[k].id);
			row += n;
			col[k] += n;
			cell_num(b, n);
		}
		for (size_t i = 0; i < r->state.n_projects; i++) {
			if (!r->in_scope[i] || r->state.projects[i].field != field)
				continue;
			rep += export_report_not_representative(r, i, &v);
			late += export_report_late(r, i) != 0;
		}
		total += row;
		total_rep += rep;
		total_late += late;
		cell_num(b, row);
		cell_num(b, rep);
		cell_num(b, late);
		buf_puts(b, "</tr>\n");
	}
	free(list);
	buf_puts(b, "</tbody>\n<tfoot>\n<tr><th scope=\"row\">Summe</th>");
	for (size_t k = 0; k < c->phases.n; k++)
		cell_num(b, col[k]);
	cell_num(b, total);
	cell_num(b, total_rep);
	cell_num(b, total_late);
	buf_puts(b, "</tr>\n</tfoot>\n</table>\n</section>\n");
}

static void th_cols(struct buf *b, const char *const *cols, size_t n)
{
	buf_puts(b, "<thead>\n<tr>");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "<th scope=\"col\">%s</th>", cols[i]);
	buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
}

/* The first cells of a row about a project: number, title (the row header). */
static void project_cells(struct buf *b, uint32_t number, const char *title)
{
	buf_printf(b, "<tr><td class=\"n\">%" PRIu32 "</td><th scope=\"row\">", number);
	esc(b, title);
	buf_puts(b, "</th>");
}

static void td(struct buf *b, const char *s)
{
	buf_puts(b, "<td>");
	esc(b, s);
	buf_puts(b, "</td>");
}

static void changes(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	const struct snapshot_diff *d = &r->diff;
	buf_puts(b, "<section id=\"veraenderungen\">\n");
	if (!r->has_previous) {
		buf_puts(b, "<h2>Veränderungen</h2>\n<p>Kein früherer Stand gespeichert: Veränderungen lassen "
			    "sich erst zeigen, wenn ein Stand gespeichert ist (<code>ozgtui snapshot save "
			    "NAME</code>).</p>\n</section>\n");
		return;
	}
	char day[11];
	date_format(date_from_time(r->previous.created), day);
	buf_puts(b, "<h2>Veränderungen seit Stand „");
	esc(b, r->previous.name);
	buf_printf(b, "“ vom %s</h2>\n", day);
	if (r->previous.note && *r->previous.note) {
		buf_puts(b, "<p>Notiz zum Stand: ");
		esc(b, r->previous.note);
		buf_puts(b, "</p>\n");
	}
	if (!d->n) {
		buf_puts(b, "<p>Keine Veränderungen.</p>\n</section>\n");
		return;
	}
	buf_puts(b, "<ul>\n");
	for (int k = 0; k < SNAPSHOT__COUNT; k++)
		buf_printf(b, "<li>%s: %zu</li>\n", snapshot_change_heading((enum snapshot_change_kind)k),
			   snapshot_diff_count(d, (enum snapshot_change_kind)k));
	buf_puts(b, "</ul>\n");
	for (int k = 0; k < SNAPSHOT__COUNT; k++) {
		size_t n = snapshot_diff_count(d, (enum snapshot_change_kind)k);
		if (!n)
			continue;
		const char *head = snapshot_change_heading((enum snapshot_change_kind)k);
		buf_printf(b, "<h3>%s (%zu)</h3>\n<table>\n<caption>%s seit dem früheren Stand</caption>\n", head,
			   n, head);
		static const char *const c_proj[] = {"Nr.", "Projekt", "Themenfeld", "Phase"};
		static const char *const c_move[] = {"Nr.", "Projekt", "von", "nach", "Richtung"};
		static const char *const c_team[] = {"Nr.", "Projekt", "Organisation", "vorher", "jetzt"};
		static const char *const c_verd[] = {"Nr.", "Projekt", "vorher", "jetzt", "es fehlt"};
		static const char *const c_out[] = {"Art", "Ergebnis", "verantwortlich", "fällig", "Status",
						    "Projekte"};
		switch ((enum snapshot_change_kind)k) {
		case SNAPSHOT_ADDED:
		case SNAPSHOT_REMOVED: th_cols(b, c_proj, ARRAY_LEN(c_proj)); break;
		case SNAPSHOT_MOVED: th_cols(b, c_move, ARRAY_LEN(c_move)); break;
		case SNAPSHOT_TEAM: th_cols(b, c_team, ARRAY_LEN(c_team)); break;
		case SNAPSHOT_VERDICT: th_cols(b, c_verd, ARRAY_LEN(c_verd)); break;
		case SNAPSHOT_OUTCOME_OPENED:
		case SNAPSHOT_OUTCOME_CLOSED: th_cols(b, c_out, ARRAY_LEN(c_out)); break;
		case SNAPSHOT__COUNT: break;
		}
		for (size_t i = 0; i < d->n; i++) {
			const struct snapshot_change *ch = &d->v[i];
			if ((int)ch->kind != k)
				continue;
			switch (ch->kind) {
			case SNAPSHOT_ADDED:
			case SNAPSHOT_REMOVED:
				project_cells(b, ch->number, ch->title);
				td(b, export_report_field_name(c, ch->field));
				td(b, catalog_phase_name(c, ch->kind == SNAPSHOT_ADDED ? ch->to_phase : ch->from_phase,
							 "?"));
				break;
			case SNAPSHOT_MOVED:
				project_cells(b, ch->number, ch->title);
				td(b, catalog_phase_name(c, ch->from_phase, "?"));
				td(b, catalog_phase_name(c, ch->to_phase, "?"));
				td(b, snapshot_direction_label(ch->dir));
				break;
			case SNAPSHOT_TEAM:
				project_cells(b, ch->number, ch->title);
				td(b, catalog_org_name(c, &ch->org, "?"));
				td(b, ch->old_role ? role_label_de(ch->old_role) : "–");
				td(b, ch->new_role ? role_label_de(ch->new_role) : "–");
				break;
			case SNAPSHOT_VERDICT:
				project_cells(b, ch->number, ch->title);
				td(b, ch->was_representative ? "repräsentativ" : "nicht repräsentativ");
				td(b, ch->is_representative ? "repräsentativ" : "nicht repräsentativ");
				buf_puts(b, "<td>");
				if (ch->missing)
					export_report_categories(b, ch->missing, esc);
				else
					buf_puts(b, "–");
				buf_puts(b, "</td>");
				break;
			case SNAPSHOT_OUTCOME_OPENED:
			case SNAPSHOT_OUTCOME_CLOSED: {
				char due[11];
				date_format(ch->due, due);
				buf_puts(b, "<tr>");
				td(b, outcome_kind_label_de(ch->outcome_kind));
				buf_puts(b, "<th scope=\"row\">");
				esc(b, ch->text);
				buf_puts(b, "</th>");
				td(b, ch->owner && *ch->owner ? ch->owner : "–");
				td(b, ch->due ? due : "–");
				buf_puts(b, "<td>");
				if (ch->is_new)
					buf_printf(b, "neu, %s", snapshot_status_label(ch->new_status));
				else
					buf_printf(b, "%s → %s", snapshot_status_label(ch->old_status),
						   snapshot_status_label(ch->new_status));
				buf_puts(b, "</td><td>");
				for (size_t j = 0; j < ch->n_numbers; j++)
					buf_printf(b, "%s#%" PRIu32, j ? ", " : "", ch->numbers[j]);
				if (!ch->n_numbers)
					buf_puts(b, "–");
				buf_puts(b, "</td>");
				break;
			}
			case SNAPSHOT__COUNT:
				break;
			}
			buf_puts(b, "</tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}
	buf_puts(b, "</section>\n");
}

static void fields(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	static const char *const cols[] = {"Nr.", "Projekt", "Phase", "Federführung", "Team", "Termin"};
	uint16_t *list;
	size_t n_list = export_report_fields(r, &list);
	for (size_t fi = 0; fi < n_list; fi++) {
		uint16_t field = list[fi];
		size_t n = 0;
		for (size_t i = 0; i < r->state.n_projects; i++)
			n += r->in_scope[i] && r->state.projects[i].field == field;
		buf_printf(b, "<section id=\"feld-%u\">\n<h2>Themenfeld ", (unsigned)field);
		field_heading(b, c, field);
		buf_printf(b, " (%zu %s)</h2>\n", n, n == 1 ? "Projekt" : "Projekte");
		const struct topic_field *tf = field ? catalog_field(c, field) : NULL;
		if (tf && tf->sponsor && *tf->sponsor) {
			buf_puts(b, "<p>Themenpatenschaft: ");
			esc(b, tf->sponsor);
			buf_puts(b, "</p>\n");
		}
		if (!n) {
			buf_puts(b, "<p>Keine Projekte.</p>\n</section>\n");
			continue;
		}
		buf_puts(b, "<table>\n<caption>Projekte im Themenfeld ");
		esc(b, export_report_field_name(c, field));
		buf_puts(b, " nach Phase</caption>\n");
		th_cols(b, cols, ARRAY_LEN(cols));
		for (size_t k = 0; k < c->phases.n; k++) {
			for (size_t i = 0; i < r->state.n_projects; i++) {
				const struct project *p = &r->state.projects[i];
				if (!r->in_scope[i] || p->field != field || p->phase != c->phases.v[k].id)
					continue;
				const struct member *lead = project_lead(p);
				struct team_verdict v = snapshot_state_verdict(&r->state, c, p);
				uint8_t late = export_report_late(r, i);
				project_cells(b, p->number, p->title);
				td(b, catalog_phase_name(c, p->phase, "?"));
				td(b, lead ? catalog_org_name(c, &lead->org, "?") : "–");
				if (v.representative) {
					buf_puts(b, "<td>✓ repräsentativ</td>");
				} else {
					buf_puts(b, "<td><span class=\"no\">✗ nicht repräsentativ</span>, es fehlt: ");
					export_report_categories(b, v.missing, esc);
					buf_puts(b, "</td>");
				}
				int32_t next = rules_next_planned(&c->phases, p);
				char day[11];
				date_format(next, day);
				buf_puts(b, "<td>");
				if (late) {
					const struct phase_date *d = project_date_const(p, late);
					date_format(d ? d->planned : 0, day);
					buf_puts(b, "<span class=\"no\">verspätet:</span> ");
					esc(b, catalog_phase_name(c, late, "?"));
					buf_printf(b, " geplant bis %s", day);
				} else if (next) {
					buf_puts(b, day);
				} else {
					buf_puts(b, "–");
				}
				buf_puts(b, "</td></tr>\n");
			}
		}
		buf_puts(b, "</tbody>\n</table>\n</section>\n");
	}
	free(list);
}

static void findings(struct buf *b, const struct export_report *r)
{
	const struct catalog *c = r->c;
	struct team_verdict v;
	size_t n = 0;
	for (size_t i = 0; i < r->state.n_projects; i++)
		n += r->in_scope[i] && export_report_not_representative(r, i, &v);
	buf_printf(b, "<section id=\"nicht-repraesentativ\">\n<h2>Nicht repräsentative Teams (%zu)</h2>\n", n);
	if (!n) {
		buf_puts(b, "<p>Alle Teams der laufenden Projekte sind repräsentativ.</p>\n");
	} else {
		static const char *const cols[] = {"Nr.", "Projekt", "Themenfeld", "Phase", "es fehlt"};
		buf_puts(b, "<table>\n<caption>Laufende Projekte, deren Team nicht repräsentativ ist</caption>\n");
		th_cols(b, cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < r->state.n_projects; i++) {
			if (!r->in_scope[i] || !export_report_not_representative(r, i, &v))
				continue;
			const struct project *p = &r->state.projects[i];
			project_cells(b, p->number, p->title);
			td(b, export_report_field_name(c, p->field));
			td(b, catalog_phase_name(c, p->phase, "?"));
			buf_puts(b, "<td>");
			export_report_categories(b, v.missing, esc);
			buf_puts(b, "</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}
	buf_puts(b, "</section>\n");

	n = 0;
	for (size_t i = 0; i < r->state.n_projects; i++)
		n += r->in_scope[i] && export_report_late(r, i);
	buf_printf(b, "<section id=\"verspaetet\">\n<h2>Verspätete Projekte (%zu)</h2>\n", n);
	if (!n) {
		buf_puts(b, "<p>Kein Projekt liegt hinter seiner Planung.</p>\n");
	} else {
		static const char *const cols[] = {"Nr.", "Projekt", "Themenfeld", "Phase", "geplant war", "bis"};
		buf_puts(b, "<table>\n<caption>Projekte, die eine geplante Phase nicht erreicht haben</caption>\n");
		th_cols(b, cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < r->state.n_projects; i++) {
			uint8_t lp = r->in_scope[i] ? export_report_late(r, i) : 0;
			if (!lp)
				continue;
			const struct project *p = &r->state.projects[i];
			const struct phase_date *d = project_date_const(p, lp);
			char day[11];
			date_format(d ? d->planned : 0, day);
			project_cells(b, p->number, p->title);
			td(b, export_report_field_name(c, p->field));
			td(b, catalog_phase_name(c, p->phase, "?"));
			td(b, catalog_phase_name(c, lp, "?"));
			td(b, day);
			buf_puts(b, "</tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}
	buf_puts(b, "</section>\n");

	n = 0;
	for (size_t i = 0; i < r->state.n_outcomes; i++)
		n += export_report_outcome_in_scope(r, &r->state.outcomes[i]) &&
		     export_report_overdue(r, &r->state.outcomes[i]);
	buf_printf(b, "<section id=\"ueberfaellig\">\n<h2>Überfällige Aufgaben (%zu)</h2>\n", n);
	if (!n) {
		buf_puts(b, "<p>Keine offene Aufgabe ist überfällig.</p>\n");
	} else {
		static const char *const cols[] = {"Aufgabe", "verantwortlich", "fällig am", "Projekte"};
		buf_puts(b, "<table>\n<caption>Offene Aufgaben aus Workshops, deren Frist verstrichen ist</caption>\n");
		th_cols(b, cols, ARRAY_LEN(cols));
		for (size_t i = 0; i < r->state.n_outcomes; i++) {
			const struct outcome *o = &r->state.outcomes[i];
			if (!export_report_outcome_in_scope(r, o) || !export_report_overdue(r, o))
				continue;
			char day[11];
			date_format(o->due, day);
			buf_puts(b, "<tr><th scope=\"row\">");
			esc(b, o->text);
			buf_puts(b, "</th>");
			td(b, o->owner && *o->owner ? o->owner : "–");
			td(b, day);
			buf_puts(b, "<td>");
			const char *sep = "";
			for (size_t k = 0; k < o->n_projects; k++) {
				const struct project *p = snapshot_state_project(&r->state, &o->projects[k]);
				if (!p)
					continue;
				buf_printf(b, "%s#%" PRIu32, sep, p->number);
				sep = ", ";
			}
			buf_puts(b, *sep ? "</td></tr>\n" : "–</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}
	buf_puts(b, "</section>\n");
}

static void toc(struct buf *b, const struct export_report *r)
{
	buf_puts(b, "<nav aria-label=\"Inhalt\">\n<h2>Inhalt</h2>\n<ul>\n"
		    "<li><a href=\"#uebersicht\">Übersicht</a></li>\n"
		    "<li><a href=\"#veraenderungen\">Veränderungen</a></li>\n"
		    "<li>Themenfelder\n<ul>\n");
	uint16_t *list;
	size_t n_list = export_report_fields(r, &list);
	for (size_t fi = 0; fi < n_list; fi++) {
		buf_printf(b, "<li><a href=\"#feld-%u\">", (unsigned)list[fi]);
		field_heading(b, r->c, list[fi]);
		buf_puts(b, "</a></li>\n");
	}
	free(list);
	buf_puts(b, "</ul>\n</li>\n"
		    "<li><a href=\"#nicht-repraesentativ\">Nicht repräsentative Teams</a></li>\n"
		    "<li><a href=\"#verspaetet\">Verspätete Projekte</a></li>\n"
		    "<li><a href=\"#ueberfaellig\">Überfällige Aufgaben</a></li>\n"
		    "</ul>\n</nav>\n");
}

enum status export_html(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out)
{
	struct export_report r;
	struct buf b;
	buf_init(&b);
	enum status st = export_report_load(t, c, o, &r);
	if (st != STATUS_OK)
		goto out;


	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		     "<title>OZG-Umsetzung: Sachstandsbericht – ");
	esc(&b, r.state_label);
	buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
		       "<a class=\"skip\" href=\"#inhalt\">Zum Inhalt springen</a>\n<header>\n"
		       "<h1>OZG-Umsetzung: Sachstandsbericht</h1>\n<dl class=\"meta\">\n<dt>Datenstand</dt><dd>",
		   css);
	esc(&b, r.state_label);
	if (o->snapshot && o->snapshot->note && *o->snapshot->note) {
		buf_puts(&b, " (");
		esc(&b, o->snapshot->note);
		buf_puts(&b, ")");
	}
	buf_printf(&b, "</dd>\n<dt>Stichtag</dt><dd>%s</dd>\n<dt>Auswahl</dt><dd>", r.today_text);
	if (r.filtered) {
		buf_puts(&b, "Projekte nach dem Filter <code>");
		esc(&b, o->filter_text ? o->filter_text : "");
		buf_puts(&b, "</code>");
	} else {
		buf_puts(&b, "alle Projekte");
	}
	buf_printf(&b, "</dd>\n<dt>Projekte</dt><dd>%zu</dd>\n<dt>Erstellt</dt><dd>%s mit ozgtui</dd>\n</dl>\n",
		   r.n_in_scope, r.generated_text);
	toc(&b, &r);
	buf_puts(&b, "</header>\n<main id=\"inhalt\">\n");
	matrix(&b, &r);
	changes(&b, &r);
	fields(&b, &r);
	findings(&b, &r);
	buf_printf(&b, "</main>\n<footer>\n<p>Sachstand der OZG-Umsetzung, erstellt am %s mit ozgtui. "
		       "Teams gelten als repräsentativ, wenn sie die Kategorien der Kommunen enthalten, "
		       "die die Leistungen erbringen.</p>\n</footer>\n</body>\n</html>\n",
		   r.today_text);

	errno = 0;
	if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out))
		st = status_fail(STATUS_IO, _("cannot write the export: %s"), errno ? strerror(errno) : _("write error"));
out:
	export_report_fini(&r);
	buf_fini(&b);
	return st;
}
