/* cli_util.h - what the CLI verbs share: option parsing, resolution of the
 * user's names (ID, ORG, PHASE, FIELD, SERVICE), aligned tables with tsv and
 * json variants, and the one-line team verdict.
 *
 * Every string from the database that reaches a text format passes
 * text_sanitize(); json output is escaped by jansson.
 */
#ifndef OZGTUI_CLI_UTIL_H
#define OZGTUI_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "ozgtui/cmd.h"
#include "ozgtui/model.h"
#include "ozgtui/rules.h"
#include "ozgtui/util.h"

/* Options of a verb. Long names are given without "--"; short is 0 when none. */
struct cli_opt {
	const char *name;
	char short_name;
	bool has_arg;
};

/* Walks argv[1..] of a verb: options come back one by one, everything else
 * (and everything after "--") is collected in pos. Accepts "--name value",
 * "--name=value", "-x value" and "-xvalue". */
struct cli_parser {
	const char *verb;
	int argc;
	char **argv;
	int i;
	bool only_pos;
	const struct cli_opt *opts;
	size_t n_opts;
	struct strv pos;
};
void cli_parser_init(struct cli_parser *p, int argc, char **argv,
		     const struct cli_opt *opts, size_t n_opts);
void cli_parser_fini(struct cli_parser *p);
/* The index of the next option in opts with its value in *val (NULL for flags);
 * -1 at the end; -2 on a bad option (STATUS_USAGE recorded). */
int cli_parser_next(struct cli_parser *p, const char **val);
/* Checks the number of positional arguments: STATUS_USAGE naming the usage. */
enum status cli_want_pos(const struct cli_parser *p, size_t min, size_t max, const char *usage);

/* A subcommand of a verb ("workshop add"): the word, its argv[0] in messages, its runner. */
struct cli_sub {
	const char *name;
	const char *verb;
	enum status (*run)(struct cmd_ctx *ctx, int argc, char **argv);
};
/* Runs the subcommand of subs that argv[1] names with argv[2..], its verb as argv[0].
 * STATUS_USAGE with missing when there is no argv[1], with unknown (a format
 * whose one %s is argv[1], sanitized) when no subcommand has that name. */
enum status cli_sub_run(struct cmd_ctx *ctx, int argc, char **argv, const struct cli_sub *subs, size_t n,
			const char *missing, const char *unknown) __attribute__((format(printf, 7, 0)));

/* Output formats. */
enum cli_format { CLI_TABLE = 1 << 0, CLI_TSV = 1 << 1, CLI_JSON = 1 << 2, CLI_TEXT = 1 << 3 };
/* Parses s among the formats in allowed: STATUS_USAGE "unsupported format 'x' (supported: ...)". */
enum status cli_parse_format(const char *s, unsigned allowed, enum cli_format *out);
/* Parses an unsigned number within [min, max] for option name. */
enum status cli_parse_uint(const char *name, const char *s, uint32_t min, uint32_t max, uint32_t *out);

/* Marks that the running verb has already told the user about its failure, so
 * cmd_dispatch prints nothing more; returns st. */
enum status cli_reported(enum status st);
/* True (and cleared) when the last verb called cli_reported(). */
bool cli_take_reported(void);

/* Prints "ozgtui: VERB: MSG" (without "VERB: " when verb is NULL) to err, each
 * line of msg made safe for a terminal. */
void cli_print_error(FILE *err, const char *verb, const char *msg);

/* Resolution of the user's names. Unknown phases, fields and services are bad
 * data (STATUS_DATA, exit 65); unknown projects and organisations are
 * STATUS_NOT_FOUND (exit 66). */
enum status cli_find_project(struct cmd_ctx *ctx, const char *s, struct project *out);
enum status cli_find_org(struct cmd_ctx *ctx, const char *s, const struct organisation **out);
enum status cli_find_phase(struct cmd_ctx *ctx, const char *s, uint8_t *out);
enum status cli_find_field(struct cmd_ctx *ctx, const char *s, uint16_t *out);
enum status cli_find_service(struct cmd_ctx *ctx, const char *s, uint32_t *out);

/* Loads ctx->catalog again (after a verb changed reference data). */
enum status cli_reload_catalog(struct cmd_ctx *ctx);
/* Opens ctx->catalog lazily (catalog_load_lazy), for CMD_LAZY_CATALOG. */
enum status cli_load_catalog_lazy(struct cmd_ctx *ctx);

/* Display names from the catalog (borrowed; "" or "?" when unknown). */
const char *cli_org_name(const struct catalog *c, const struct uuid *id);
const char *cli_field_name(const struct catalog *c, uint16_t number);
const char *cli_phase_name(const struct catalog *c, uint8_t id);

/* Appends s sanitized for a terminal. */
void cli_text(struct buf *b, const char *s);
/* Prints s sanitized (NULL prints nothing). */
void cli_puts(FILE *out, const char *s);
/* Appends s (valid UTF-8) cut to at most width cells with "…", never inside a
 * character, and padded with spaces to width when pad is set. */
void cli_fit(struct buf *b, const char *s, size_t width, bool pad);
/* Width of the terminal on out, or 0 when out is not a terminal. */
size_t cli_term_width(FILE *out);

/* A table: cells are sanitized when added; printed aligned by display width
 * (table), or as tab-separated values with \t \n \r \\ escaped (tsv). */
enum cli_align { CLI_LEFT, CLI_RIGHT };
struct cli_col {
	const char *head;
	enum cli_align align;
	size_t max;      /* widest the column may get in a table; 0 = no limit */
	bool flex;       /* shrinks first when the terminal is too narrow */
};
struct cli_table {
	const struct cli_col *cols;
	size_t n_cols;
	struct strv cells;   /* row-major, sanitized */
	struct strv raw;     /* row-major, as given (for tsv) */
};
void cli_table_init(struct cli_table *t, const struct cli_col *cols, size_t n_cols);
void cli_table_fini(struct cli_table *t);
/* Adds the next cell (row after row); NULL is an empty cell. */
void cli_table_cell(struct cli_table *t, const char *s);
void cli_table_cellf(struct cli_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a cell shown one way in a table (translated words) and another in tsv. */
void cli_table_cell_alt(struct cli_table *t, const char *shown, const char *raw);
/* Adds a number: with the locale's thousands separator in a table, plain in tsv. */
void cli_table_cell_num(struct cli_table *t, unsigned long long n);
/* Adds a day: the locale's date in a table ("22.11.2026"), YYYY-MM-DD in tsv;
 * empty for 0. */
void cli_table_cell_date(struct cli_table *t, int32_t day);
size_t cli_table_rows(const struct cli_table *t);
void cli_table_print(const struct cli_table *t, FILE *out, enum cli_format fmt);
/* Escapes a value for tsv into b. */
void cli_tsv_escape(struct buf *b, const char *s);
/* Appends one tsv cell as cli_table_print writes it: escaped, then sanitized
 * (scratch: a buffer to reuse between cells). */
void cli_tsv_cell(struct buf *b, struct buf *scratch, const char *s);

/* JSON: prints v (indented, ordered) and a newline, then releases v. */
void cli_json_print(FILE *out, json_t *v);
/* json_string that accepts NULL (as null) and never fails on invalid UTF-8. */
json_t *cli_json_str(const char *s);
json_t *cli_json_uuid(const struct uuid *u);
json_t *cli_json_date(int32_t day);   /* "YYYY-MM-DD" or null */
json_t *cli_json_time(int64_t t);     /* "YYYY-MM-DDTHH:MM:SSZ" or null */

/* The team verdict of p as one line into b:
 *   "team: representative"
 *   "team: not representative — missing: municipality; suggestions: A, B, C"
 * Suggestions put interested organisations and workshop volunteers first. */
void cli_verdict_line(struct cmd_ctx *ctx, struct txn *t, const struct project *p, struct buf *b);
/* After a change to project old (as read before the change): prints "#N: WHAT"
 * when its version moved past old's, WHAT being what changed in the user's
 * language (ops_describe_change; the history keeps its English summary) and,
 * with why (a gate's reasons, rules_gate_allows) set, the gate the change
 * overrode; else "#N: nothing changed". With verdict set, the team verdict
 * line follows. */
enum status cli_report_change(struct cmd_ctx *ctx, const struct project *old, const char *why, bool verdict);
/* The organisations named by volunteer outcomes linked to p (caller frees *out). */
size_t cli_volunteers(struct txn *t, const struct project *p, struct uuid **out);

#endif
