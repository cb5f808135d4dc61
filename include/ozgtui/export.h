/* export.h - status exports for committees, spreadsheets and the dashboard:
 * json (the document of jsonio.h), csv (one table per entity, RFC 4180), md (a
 * committee report) and html (one self-contained, accessible page).
 * Formats, tables and columns: docs/export-formats.md.
 *
 * Every export reads one read transaction, so it shows one consistent state:
 * the current one, or with a snapshot the state at its revision (see
 * snapshot.h for what is versioned). Nothing here needs a terminal.
 */
#ifndef OZGTUI_EXPORT_H
#define OZGTUI_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/snapshot.h"
#include "ozgtui/store.h"

/* X(NAME, code) */
#define EXPORT_FORMAT_LIST(X)                                                       \
	X(JSON, "json")                                                             \
	X(CSV, "csv")                                                               \
	X(MD, "md")                                                                 \
	X(HTML, "html")
enum export_format {
#define EXPORT_FORMAT_ENUM(name, code) EXPORT_##name,
	EXPORT_FORMAT_LIST(EXPORT_FORMAT_ENUM)
#undef EXPORT_FORMAT_ENUM
	EXPORT__COUNT
};

/* The CSV tables. X(NAME, code) */
#define EXPORT_TABLE_LIST(X)                                                        \
	X(PROJECTS, "projects")                                                     \
	X(TEAMS, "teams")                                                           \
	X(SERVICES, "services")                                                     \
	X(OUTCOMES, "outcomes")                                                     \
	X(WORKSHOPS, "workshops")                                                   \
	X(ORGANISATIONS, "organisations")                                           \
	X(HISTORY, "history")
enum export_table {
#define EXPORT_TABLE_ENUM(name, code) EXPORT_TABLE_##name,
	EXPORT_TABLE_LIST(EXPORT_TABLE_ENUM)
#undef EXPORT_TABLE_ENUM
	EXPORT_TABLE__COUNT
};

const char *export_format_code(enum export_format f);
bool export_format_parse(const char *s, enum export_format *out);
const char *export_table_code(enum export_table t);
bool export_table_parse(const char *s, enum export_table *out);

struct export_opts {
	enum export_format format;
	enum export_table table;          /* csv only */
	const struct filter *filter;      /* NULL = every project */
	const char *filter_text;          /* the filter as typed, named in reports; may be NULL */
	const struct snapshot *snapshot;  /* NULL = the current state */
};

/* Writes the export to out. "Today" (late projects, overdue action items) is
 * clock_today(), or the snapshot's date with a snapshot. STATUS_IO when out
 * cannot be written. */
enum status export_run(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out);

/* The formats one by one (export_run dispatches to them). */
enum status export_csv(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out);
enum status export_md(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out);
enum status export_html(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out);

/* Writes path atomically: fn writes into a new temporary file in the same
 * directory, which is flushed, fsync'ed and renamed over path (then the
 * directory is fsync'ed). On any failure the temporary file is removed and an
 * existing path stays as it was. STATUS_CANT_WRITE when the file cannot be
 * created, STATUS_IO when writing fails, or what fn returned. */
enum status export_write_atomic(const char *path, enum status (*fn)(FILE *out, void *arg), void *arg);

/* ---- what the exports share (export_md.c, export_html.c) -------------------- */

/* The report's content, computed once from one read transaction. */
struct export_report {
	const struct catalog *c;
	struct snapshot_state state;     /* the exported state */
	bool filtered;
	bool *in_scope;                  /* per state.projects: matches the filter */
	size_t n_in_scope;               /* in_scope's true entries */
	int32_t today;
	int64_t generated;               /* clock_now() */
	char today_text[11];             /* today as YYYY-MM-DD */
	char generated_text[21];         /* generated as YYYY-MM-DDTHH:MM:SSZ */
	char *state_label;               /* "Stand „x“ vom 2025-02-01" or "aktueller Stand" */
	bool has_previous;               /* a snapshot before the exported state exists */
	struct snapshot previous;
	struct snapshot_diff diff;       /* previous -> exported state, in scope */
};
enum status export_report_load(struct txn *t, const struct catalog *c, const struct export_opts *o,
			       struct export_report *r);
void export_report_fini(struct export_report *r);
/* Findings of the report, as `ozgtui check` defines them, for project i of
 * r->state (in scope or not): the team verdict when it is not representative
 * and the project not in a closed phase (false otherwise); the phase the
 * project is late for (0 = not late). */
bool export_report_not_representative(const struct export_report *r, size_t i, struct team_verdict *v);
uint8_t export_report_late(const struct export_report *r, size_t i);
/* An action item, open, due before today. */
bool export_report_overdue(const struct export_report *r, const struct outcome *o);
/* Without a filter every outcome; with one, those linked to a project in scope. */
bool export_report_outcome_in_scope(const struct export_report *r, const struct outcome *o);
/* Projects in scope in a field and phase. */
size_t export_report_count(const struct export_report *r, uint16_t field, uint8_t phase);
/* The topic fields a report lists, in order: every field, or with a filter only
 * those with a project in scope; 0 ("ohne Themenfeld") last when a project in
 * scope has none. Caller frees *out. */
size_t export_report_fields(const struct export_report *r, uint16_t **out);
/* The report's (German) name of a topic field: "ohne Themenfeld" for none. */
const char *export_report_field_name(const struct catalog *c, uint16_t number);
/* Appends the German labels of the categories in mask, ", "-separated, each
 * through put (the format's escape). */
void export_report_categories(struct buf *b, uint32_t mask, void (*put)(struct buf *b, const char *s));

/* Appends s with invalid UTF-8 replaced by U+FFFD and control characters
 * (newlines, tabs included) by spaces: one line of plain text. */
void export_clean(struct buf *b, const char *s);
/* Appends s cleaned and escaped for Markdown: the characters that could start
 * markup anywhere in a line or a table cell (\ ` * _ [ ] < > # | ~ &) get a
 * backslash. */
void export_md_escape(struct buf *b, const char *s);
/* Appends s cleaned and escaped for HTML text and attribute values (& < > " '). */
void export_html_escape(struct buf *b, const char *s);

#endif
