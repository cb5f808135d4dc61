/* cmd_list.c - `ozgtui list [--filter EXPR] [--format table|tsv|json] [--sort KEY]` */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/filter.h"
#include "ozgtui/i18n.h"
#include "ozgtui/query.h"

enum sort_key { SORT_NUMBER, SORT_TITLE, SORT_PHASE, SORT_FIELD, SORT_PRIORITY, SORT_UPDATED };
static const char *const sort_names[] = { "number", "title", "phase", "field", "priority", "updated" };

static enum sort_key sort_by;

struct row {
	struct project p;
	char *folded_title;
	int phase_index;
};

struct collect {
	const struct catalog *c;
	const struct filter *f;
	int32_t today;
	struct row *v;
	size_t n, cap;
};

static int collect(const struct project *p, void *arg)
{
	struct collect *col = arg;
	/* query_each has matched the filter */
	xgrow((void **)&col->v, &col->cap, col->n + 1, sizeof(*col->v));
	struct row *r = &col->v[col->n++];
	project_init(&r->p);
	project_copy(&r->p, p);
	/* folding is costly: only for sorting by title */
	r->folded_title = sort_by == SORT_TITLE ? text_fold(p->title ? p->title : "") : NULL;
	r->phase_index = sort_by == SORT_PHASE ? phase_list_index(&col->c->phases, p->phase) : 0;
	return 0;
}

static int cmp_u(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int r = 0;
	switch (sort_by) {
	case SORT_TITLE: r = strcmp(x->folded_title, y->folded_title); break;
	case SORT_PHASE: r = x->phase_index - y->phase_index; break;
	case SORT_FIELD: r = cmp_u(x->p.field, y->p.field); break;
	/* high priority first, none last */
	case SORT_PRIORITY: r = cmp_u(y->p.priority ? y->p.priority : 0, x->p.priority ? x->p.priority : 0); break;
	case SORT_UPDATED: r = cmp_u((uint64_t)y->p.updated, (uint64_t)x->p.updated); break;
	case SORT_NUMBER: break;
	}
	return r ? r : cmp_u(x->p.number, y->p.number);
}

static const char *lead_name(const struct catalog *c, const struct project *p)
{
	const struct member *m = project_lead(p);
	return m ? cli_org_name(c, &m->org) : "";
}

static json_t *row_json(const struct catalog *c, const struct project *p, int32_t today)
{
	struct team_verdict v = rules_check_team(c, p);
	uint8_t late = rules_late_phase(&c->phases, p, today);
	const struct member *lead = project_lead(p);
	json_t *o = json_object();
	json_object_set_new(o, "number", json_integer(p->number));
	json_object_set_new(o, "uuid", cli_json_uuid(&p->id));
	json_object_set_new(o, "title", cli_json_str(p->title));
	json_object_set_new(o, "field", json_integer(p->field));
	json_object_set_new(o, "field_name", cli_json_str(cli_field_name(c, p->field)));
	json_object_set_new(o, "phase", cli_json_str(cli_phase_name(c, p->phase)));
	json_object_set_new(o, "priority", p->priority ? json_integer(p->priority) : json_null());
	json_object_set_new(o, "lead", lead ? cli_json_str(cli_org_name(c, &lead->org)) : json_null());
	json_object_set_new(o, "team_size", json_integer((json_int_t)p->n_team));
	json_object_set_new(o, "representative", json_boolean(v.representative));
	json_t *missing = json_array();
	for (unsigned k = 1; k <= CAT__MAX; k++)
		if (v.missing & CAT_BIT(k))
			json_array_append_new(missing, json_string(category_code((enum category)k)));
	json_object_set_new(o, "missing", missing);
	json_object_set_new(o, "late", late ? cli_json_str(cli_phase_name(c, late)) : json_null());
	json_object_set_new(o, "next_planned", cli_json_date(rules_next_planned(&c->phases, p)));
	json_t *sv = json_array();
	for (size_t i = 0; i < p->n_services; i++)
		json_array_append_new(sv, json_integer(p->services[i]));
	json_object_set_new(o, "services", sv);
	json_object_set_new(o, "demo", json_boolean(p->demo));
	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "updated", cli_json_time(p->updated));
	return o;
}

static const struct cli_col table_cols[] = {
	{ "#", CLI_RIGHT, 0, false },
	{ N_("Phase"), CLI_LEFT, 14, false },
	{ N_("Field"), CLI_LEFT, 20, true },
	{ "P", CLI_RIGHT, 0, false },
	{ N_("Rep"), CLI_LEFT, 0, false },
	{ N_("Late"), CLI_LEFT, 12, false },
	{ N_("Lead"), CLI_LEFT, 24, true },
	{ N_("Title"), CLI_LEFT, 50, true },
};
static const struct cli_col tsv_cols[] = {
	{ "number", CLI_LEFT, 0, false }, { "uuid", CLI_LEFT, 0, false },
	{ "phase", CLI_LEFT, 0, false }, { "field", CLI_LEFT, 0, false },
	{ "priority", CLI_LEFT, 0, false }, { "representative", CLI_LEFT, 0, false },
	{ "late", CLI_LEFT, 0, false }, { "lead", CLI_LEFT, 0, false },
	{ "title", CLI_LEFT, 0, false }, { "updated", CLI_LEFT, 0, false },
};

/* Where the rows go: a table (aligned when printed, so its cells are kept),
 * tsv written into a buffer that goes out in blocks of TSV_BLOCK (the pages
 * of one block are reused: a buffer for the whole listing cost a page fault
 * per 4 KiB, a fifth of the 100,000-project listing's time; an error ends
 * the output after the rows of the blocks written), or a JSON array. */
#define TSV_BLOCK (64u << 10)

struct emit {
	FILE *fp;
	const struct catalog *c;
	enum cli_format fmt;
	int32_t today;
	struct cli_table tab;
	json_t *arr;
	struct buf out, esc;
	size_t n;
};

static void tsv_sep(struct emit *e)
{
	buf_putc(&e->out, '\t');
}

static void tsv_u32(struct emit *e, uint32_t v)
{
	char d[10];
	size_t n = sizeof d;
	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_append(&e->out, d + n, sizeof d - n);
}

static void emit_row(struct emit *e, const struct project *pr)
{
	const struct catalog *c = e->c;
	e->n++;
	if (e->fmt == CLI_JSON) {
		json_array_append_new(e->arr, row_json(c, pr, e->today));
		return;
	}
	struct team_verdict v = rules_check_team(c, pr);
	uint8_t late = rules_late_phase(&c->phases, pr, e->today);
	if (e->fmt == CLI_TSV) {
		/* the cells print_tsv would write for tsv_cols */
		char id[37], when[21];
		tsv_u32(e, pr->number);
		tsv_sep(e);
		uuid_format(&pr->id, id);
		buf_puts(&e->out, id);
		tsv_sep(e);
		cli_tsv_cell(&e->out, &e->esc, cli_phase_name(c, pr->phase));
		tsv_sep(e);
		cli_tsv_cell(&e->out, &e->esc, cli_field_name(c, pr->field));
		tsv_sep(e);
		if (pr->priority)
			tsv_u32(e, pr->priority);
		tsv_sep(e);
		buf_puts(&e->out, v.representative ? "yes" : "no");
		tsv_sep(e);
		if (late)
			cli_tsv_cell(&e->out, &e->esc, cli_phase_name(c, late));
		tsv_sep(e);
		cli_tsv_cell(&e->out, &e->esc, lead_name(c, pr));
		tsv_sep(e);
		cli_tsv_cell(&e->out, &e->esc, pr->title);
		tsv_sep(e);
		time_format(pr->updated, when);
		buf_puts(&e->out, when);
		buf_putc(&e->out, '\n');
		if (e->out.len >= TSV_BLOCK) {
			fwrite(e->out.data, 1, e->out.len, e->fp);
			buf_reset(&e->out);
		}
		return;
	}
	struct cli_table *tab = &e->tab;
	cli_table_cellf(tab, "%u", (unsigned)pr->number);
	cli_table_cell(tab, cli_phase_name(c, pr->phase));
	cli_table_cell(tab, cli_field_name(c, pr->field));
	if (pr->priority)
		cli_table_cellf(tab, "%u", (unsigned)pr->priority);
	else
		cli_table_cell(tab, "");
	/* TRANSLATORS: the Rep column of `ozgtui list`: the team is representative */
	cli_table_cell_alt(tab, v.representative ? _("yes") : _("no"), v.representative ? "yes" : "no");
	cli_table_cell(tab, late ? cli_phase_name(c, late) : "");
	cli_table_cell(tab, lead_name(c, pr));
	cli_table_cell(tab, pr->title);
}

/* Sorted by number (the default): query_each_skip hands out the projects in
 * number order (the number index, the copies of one phase or the field
 * index, whose keys go on with the number), so each row is written as it is
 * read and no project is kept; without what no row shows (PROJECT_SKIP_ROW). */
static int emit_cb(const struct project *p, void *arg)
{
	emit_row(arg, p);
	return 0;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "filter", 'f', true },
		{ "format", 0, true },
		{ "sort", 's', true },
	};
	struct cli_parser p;
	const char *expr = NULL, *val;
	enum cli_format fmt = CLI_TABLE;
	struct filter *f = NULL;
	struct txn *t = NULL;
	struct collect col = { 0 };
	struct emit e = { 0 };
	int o;
	enum status st = STATUS_OK;
	sort_by = SORT_NUMBER;
	buf_init(&e.out);
	buf_init(&e.esc);
	cli_table_init(&e.tab, table_cols, ARRAY_LEN(table_cols));
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			expr = val;
		} else if (o == 1) {
			if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK)
				goto out;
		} else {
			size_t k;
			for (k = 0; k < ARRAY_LEN(sort_names); k++)
				if (strcmp(val, sort_names[k]) == 0)
					break;
			if (k == ARRAY_LEN(sort_names)) {
				st = status_fail(STATUS_USAGE,
						 _("--sort: expected number, title, phase, field, priority or updated"));
				goto out;
			}
			sort_by = (enum sort_key)k;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	/* words after the options are a filter too: `ozgtui list phase:umsetzung` */
	struct buf joined;
	buf_init(&joined);
	if (expr)
		buf_puts(&joined, expr);
	for (size_t i = 0; i < p.pos.n; i++) {
		if (joined.len)
			buf_putc(&joined, ' ');
		buf_puts(&joined, p.pos.v[i]);
	}
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK) {
		buf_fini(&joined);
		goto out;
	}
	st = filter_compile(joined.data ? joined.data : "", &ctx->catalog, &f);
	buf_fini(&joined);
	if (st != STATUS_OK)
		goto out;
	e.fp = ctx->out;
	e.c = &ctx->catalog;
	e.fmt = fmt;
	e.today = clock_today();
	if (fmt == CLI_JSON) {
		e.arr = json_array();
	} else if (fmt == CLI_TSV) {
		xgrow((void **)&e.out.data, &e.out.cap, TSV_BLOCK + 4096, 1);   /* one block and a row */
		e.out.data[0] = '\0';
		for (size_t i = 0; i < ARRAY_LEN(tsv_cols); i++) {
			if (i)
				tsv_sep(&e);
			buf_puts(&e.out, tsv_cols[i].head);
		}
		buf_putc(&e.out, '\n');
	}
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if (sort_by == SORT_NUMBER) {
		if ((st = query_each_skip(t, e.c, f, e.today, PROJECT_SKIP_ROW, emit_cb, &e)) != STATUS_OK)
			goto out;
	} else {
		col.c = e.c;
		col.f = f;
		col.today = e.today;
		if ((st = query_each(t, col.c, f, col.today, collect, &col)) != STATUS_OK)
			goto out;
		if (col.n)
			qsort(col.v, col.n, sizeof(*col.v), cmp_rows);
		for (size_t i = 0; i < col.n; i++)
			emit_row(&e, &col.v[i].p);
	}

	if (fmt == CLI_JSON) {
		cli_json_print(ctx->out, e.arr);
		e.arr = NULL;
	} else if (fmt == CLI_TSV) {
		fwrite(e.out.data, 1, e.out.len, ctx->out);
	} else if (e.n) {
		cli_table_print(&e.tab, ctx->out, fmt);
	} else {
		fputs(_("no projects match\n"), ctx->out);
	}
out:
	store_txn_end(t);
	for (size_t i = 0; i < col.n; i++) {
		project_fini(&col.v[i].p);
		free(col.v[i].folded_title);
	}
	free(col.v);
	cli_table_fini(&e.tab);
	json_decref(e.arr);
	buf_fini(&e.out);
	buf_fini(&e.esc);
	filter_free(f);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_list = {
	.name = "list",
	.usage = "[--filter EXPR] [--format table|tsv|json] [--sort KEY] [EXPR...]",
	.summary = N_("list projects, optionally filtered"),
	.help =
		N_("Lists the projects that match the filter (all without one). Words after the options\n"
		"are added to the filter.\n"
		"\n"
		"  -f, --filter EXPR   e.g. 'phase:umsetzung,pilot field:bauen rep:no -phase:betrieb'\n"
		"                      (the filter language: ozgtui(1), docs/filter.md)\n"
		"      --format F      table (default), tsv (with a header line) or json\n"
		"  -s, --sort KEY      number (default), title, phase, field, priority (high first)\n"
		"                      or updated (newest first)\n"
		"\n"
		"Table columns: number, phase, topic field, priority, representative team (yes/no),\n"
		"the phase it is late for, lead organisation, title.\n"),
	.flags = CMD_READS,
	.run = run,
};
