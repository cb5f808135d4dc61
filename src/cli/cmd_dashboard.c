/* cmd_dashboard.c - `ozgtui dashboard`: projects per topic field and phase, as text.
 *
 * Rows are the topic fields (and "no field" when a project has none), columns
 * the phases of the line abbreviated to 4 characters, one column for the
 * phases outside the line, the row total and three findings columns. With the
 * 14 default fields and 8 default phases it fits 80 columns; a legend names the
 * abbreviations.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ozgtui/check.h"
#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

#define CELL 5        /* width of a number column, its leading blank included */
#define ABBREV 4      /* characters of a phase name in a column head */
#define WIDTH 80

/* The first n characters of s (no ellipsis). */
static void abbreviate(struct buf *b, const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p && n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0)
			break;
		buf_append(b, p, (size_t)len);
		p += len;
		n--;
	}
}

static void cell_text(struct buf *line, const char *s)
{
	size_t w = text_width(s);
	for (size_t i = w; i < CELL; i++)
		buf_putc(line, ' ');
	buf_puts(line, s);
}

static void cell_num(struct buf *line, uint64_t n)
{
	char s[24];
	snprintf(s, sizeof(s), "%llu", (unsigned long long)n);
	cell_text(line, n ? s : "·");
}

enum { F_REP, F_LATE, F_PAR, F__N };

/* Appends words to a text wrapped at WIDTH columns. */
struct legend {
	struct buf *out;
	size_t col;
};

static void legend_word(struct legend *lg, const char *word)
{
	size_t w = text_width(word);
	if (lg->col == 0) {
		buf_putc(lg->out, '\n');
	} else if (lg->col + 1 + w > WIDTH) {
		buf_putc(lg->out, '\n');
		lg->col = 0;
	} else {
		buf_putc(lg->out, ' ');
		lg->col++;
	}
	buf_puts(lg->out, word);
	lg->col += w;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	const char *val;
	int o;
	struct txn *t = NULL;
	uint32_t (*counts)[256] = NULL;
	struct check_job *job = NULL;
	struct buf out, sane;
	enum status st = STATUS_OK;
	buf_init(&out);
	buf_init(&sane);
	cli_parser_init(&p, argc, argv, NULL, 0);
	while ((o = cli_parser_next(&p, &val)) >= 0)
		;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 0, "")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	int32_t today = clock_today();
	counts = xcalloc(256, sizeof(*counts));
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if ((st = store_project_counts(t, counts)) != STATUS_OK)
		goto out;
	/* findings per field: counted only, no texts */
	job = check_job_new(c, NULL, today, CHECK_TEXTS_NONE);
	bool done = false;
	if ((st = check_job_step(job, t, SIZE_MAX, &done)) != STATUS_OK)
		goto out;
	static const enum finding_kind kinds[F__N] = {FINDING_NOT_REPRESENTATIVE, FINDING_LATE, FINDING_PARALLEL};
	uint32_t found[256][F__N];
	memset(found, 0, sizeof(found));
	for (int k = 0; k < F__N; k++) {
		/* a field numbered past the table's rows counts under "no field" */
		uint32_t rest = check_job_kind_total(job, kinds[k]);
		for (uint32_t f = 0; f < 256; f++) {
			found[f][k] = check_job_count(job, (uint16_t)f, kinds[k]);
			rest -= found[f][k];
		}
		found[0][k] += rest;
	}
	size_t n_findings = check_job_total(job);

	/* the rows: every field, plus "no field" when used */
	size_t n_line = 0;
	bool any_outside = false;
	for (size_t k = 0; k < c->phases.n; k++) {
		if (c->phases.v[k].outside_line)
			any_outside = true;
		else
			n_line++;
	}
	size_t n_cols = n_line + (any_outside ? 1 : 0) + 1 + F__N;
	size_t label_w = WIDTH > n_cols * CELL + 12 ? WIDTH - n_cols * CELL : 12;

	uint64_t total = 0, col_total[256] = { 0 }, outside_total = 0, found_total[F__N] = { 0 };
	for (size_t ph = 0; ph < 256; ph++)
		for (size_t f = 0; f < 256; f++)
			total += counts[ph][f];

	char today_s[32], total_s[32], findings_s[32];
	i18n_date(today, today_s);
	i18n_number(total, total_s);
	i18n_number(n_findings, findings_s);
	buf_printf(&out, _("Projects per topic field and phase — %s projects, %s findings (%s)\n\n"), total_s,
		   findings_s, today_s);

	/* head */
	for (size_t i = 0; i < label_w; i++)
		buf_putc(&out, ' ');
	for (size_t k = 0; k < c->phases.n; k++) {
		if (c->phases.v[k].outside_line)
			continue;
		buf_reset(&sane);
		cli_text(&sane, c->phases.v[k].name);
		struct buf ab;
		buf_init(&ab);
		abbreviate(&ab, sane.data ? sane.data : "", ABBREV);
		cell_text(&out, ab.data ? ab.data : "");
		buf_fini(&ab);
	}
	/* TRANSLATORS: column heads of at most 4 characters; the legend below
	 * explains Off, ¬Rep, Late and Par */
	if (any_outside)
		cell_text(&out, C_("dashboard column", "Off"));
	cell_text(&out, C_("dashboard column", "Sum"));
	cell_text(&out, C_("dashboard column", "¬Rep"));
	cell_text(&out, C_("dashboard column", "Late"));
	cell_text(&out, C_("dashboard column", "Par"));
	buf_putc(&out, '\n');

	/* rows */
	for (size_t fi = 0; fi <= c->n_fields; fi++) {
		uint16_t field = fi < c->n_fields ? c->fields[fi].number : 0;
		uint64_t row = 0;
		for (size_t ph = 0; ph < 256; ph++)
			row += counts[ph][field];
		if (field == 0 && row == 0)
			continue;
		buf_reset(&sane);
		if (field) {
			buf_printf(&sane, "%2u ", (unsigned)field);
			cli_text(&sane, c->fields[fi].name);
		} else {
			buf_puts(&sane, _("   no field"));
		}
		cli_fit(&out, sane.data, label_w - 1, true);
		buf_putc(&out, ' ');
		uint64_t outside = 0;
		for (size_t k = 0; k < c->phases.n; k++) {
			uint8_t id = c->phases.v[k].id;
			if (c->phases.v[k].outside_line) {
				outside += counts[id][field];
				continue;
			}
			cell_num(&out, counts[id][field]);
			col_total[id] += counts[id][field];
		}
		outside_total += outside;
		if (any_outside)
			cell_num(&out, outside);
		cell_num(&out, row);
		for (int k = 0; k < F__N; k++) {
			cell_num(&out, found[field][k]);
			found_total[k] += found[field][k];
		}
		buf_putc(&out, '\n');
	}

	/* totals */
	cli_fit(&out, _("   Sum"), label_w - 1, true);
	buf_putc(&out, ' ');
	for (size_t k = 0; k < c->phases.n; k++)
		if (!c->phases.v[k].outside_line)
			cell_num(&out, col_total[c->phases.v[k].id]);
	if (any_outside)
		cell_num(&out, outside_total);
	cell_num(&out, total);
	for (int k = 0; k < F__N; k++)
		cell_num(&out, found_total[k]);
	buf_putc(&out, '\n');

	/* legend, wrapped at WIDTH */
	struct legend lg = { .out = &out };
	struct buf item;
	buf_init(&item);
	legend_word(&lg, _("Phases:"));
	size_t left = n_line;
	for (size_t k = 0; k < c->phases.n; k++) {
		if (c->phases.v[k].outside_line)
			continue;
		buf_reset(&sane);
		cli_text(&sane, c->phases.v[k].name);
		buf_reset(&item);
		abbreviate(&item, sane.data ? sane.data : "", ABBREV);
		buf_printf(&item, " = %s%s", sane.data ? sane.data : "", --left ? "," : ".");
		legend_word(&lg, item.data);
	}
	if (any_outside) {
		buf_reset(&item);
		buf_puts(&item, _("Off = outside the line ("));
		bool first = true;
		for (size_t k = 0; k < c->phases.n; k++) {
			if (!c->phases.v[k].outside_line)
				continue;
			if (!first)
				buf_puts(&item, ", ");
			cli_text(&item, c->phases.v[k].name);
			first = false;
		}
		buf_puts(&item, ").");
		legend_word(&lg, item.data);
	}
	legend_word(&lg, _("¬Rep = teams not representative,"));
	legend_word(&lg, _("Late = late projects,"));
	legend_word(&lg, _("Par = parallel work on one service."));
	legend_word(&lg, _("· = none."));
	legend_word(&lg, _("Details: ozgtui check."));
	buf_putc(&out, '\n');
	buf_fini(&item);
	fwrite(out.data, 1, out.len, ctx->out);
out:
	store_txn_end(t);
	free(counts);
	check_job_free(job);
	buf_fini(&sane);
	buf_fini(&out);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_dashboard = {
	.name = "dashboard",
	.usage = "",
	.summary = N_("projects per topic field and phase, with findings, as text"),
	.help =
		N_("Prints a matrix of the projects per topic field (rows) and phase (columns, names\n"
		"shortened to 4 characters, with a legend), the phases outside the line, totals, and\n"
		"per field the counts of teams not representative, late projects and parallel work\n"
		"(as `ozgtui check` finds them). Fits 80 columns with the default phases.\n"),
	.flags = CMD_READS,
	.run = run,
};
