/* cmd_workshop.c - `ozgtui workshop add|list|show|edit ...`: the workshops of
 * the topic fields (see include/ozgtui/workshops.h). */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/cli_workshops.h"
#include "ozgtui/workshops.h"
#include "ozgtui/i18n.h"

#define USAGE_ADD "--field F --date YYYY-MM-DD --title T [--place P] [--participant ORG]... " \
		  "[--heads N] [--notes TEXT]"
#define USAGE_LIST "[--filter EXPR] [--field F] [--format table|tsv|json] [EXPR...]"
#define USAGE_SHOW "ID [--format text|json]"
#define USAGE_EDIT "ID [--field F] [--date D] [--title T] [--place P] [--participant ORG]... " \
		   "[--no-participant ORG]... [--heads N] [--notes TEXT] [--expect-version N]"

/* ---- shared -------------------------------------------------------------------- */

static enum status parse_day(const char *opt, const char *s, int32_t *out)
{
	if (date_parse(s, out))
		return STATUS_OK;
	struct buf b;
	buf_init(&b);
	cli_text(&b, s);
	status_fail(STATUS_USAGE, _("--%s: expected a date YYYY-MM-DD, got '%s'"), opt, b.data ? b.data : "");
	buf_fini(&b);
	return STATUS_USAGE;
}

static void uuid_add(struct uuid **v, size_t *n, const struct uuid *u)
{
	for (size_t i = 0; i < *n; i++)
		if (uuid_cmp(&(*v)[i], u) == 0)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *u;
}

static bool uuid_remove(struct uuid *v, size_t *n, const struct uuid *u)
{
	for (size_t i = 0; i < *n; i++)
		if (uuid_cmp(&v[i], u) == 0) {
			memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof(*v));
			(*n)--;
			return true;
		}
	return false;
}

/* Everything a listing needs, read in one transaction. */
struct counts {
	size_t total, open, overdue;
};

static struct counts outcome_counts(const struct cli_workshops *d, const struct uuid *ws, int32_t today)
{
	struct counts c = {0};
	for (size_t i = 0; i < d->os.n; i++) {
		const struct outcome *o = &d->os.v[i];
		if (uuid_cmp(&o->workshop, ws) != 0)
			continue;
		c.total++;
		c.open += o->status == OUTCOME_STATUS_OPEN;
		c.overdue += workshops_overdue(o, today);
	}
	return c;
}

static json_t *workshop_json(const struct catalog *c, const struct cli_workshops *d, const struct workshop *w,
			     size_t index, int32_t today)
{
	json_t *o = json_object();
	json_object_set_new(o, "index", json_integer((json_int_t)index));
	json_object_set_new(o, "uuid", cli_json_uuid(&w->id));
	json_object_set_new(o, "field", json_integer(w->field));
	json_object_set_new(o, "field_name", cli_json_str(cli_field_name(c, w->field)));
	json_object_set_new(o, "date", cli_json_date(w->date));
	json_object_set_new(o, "title", cli_json_str(w->title));
	json_object_set_new(o, "place", cli_json_str(w->place));
	json_object_set_new(o, "participants", cli_orgs_json(c, w->participants, w->n_participants));
	json_object_set_new(o, "head_count", w->head_count ? json_integer(w->head_count) : json_null());
	json_object_set_new(o, "notes", cli_json_str(w->notes));
	struct counts n = outcome_counts(d, &w->id, today);
	json_object_set_new(o, "outcomes", json_integer((json_int_t)n.total));
	json_object_set_new(o, "open", json_integer((json_int_t)n.open));
	json_object_set_new(o, "overdue", json_integer((json_int_t)n.overdue));
	json_object_set_new(o, "demo", json_boolean(w->demo));
	json_object_set_new(o, "version", json_integer(w->version));
	json_object_set_new(o, "created", cli_json_time(w->created));
	json_object_set_new(o, "updated", cli_json_time(w->updated));
	return o;
}

/* ---- add, edit ------------------------------------------------------------------ */

enum { O_FIELD, O_DATE, O_TITLE, O_PLACE, O_PARTICIPANT, O_NO_PARTICIPANT, O_HEADS, O_NOTES, O_EXPECT };
static const struct cli_opt edit_opts[] = {
	[O_FIELD] = {"field", 'f', true},
	[O_DATE] = {"date", 'd', true},
	[O_TITLE] = {"title", 't', true},
	[O_PLACE] = {"place", 0, true},
	[O_PARTICIPANT] = {"participant", 'p', true},
	[O_NO_PARTICIPANT] = {"no-participant", 0, true},
	[O_HEADS] = {"heads", 0, true},
	[O_NOTES] = {"notes", 0, true},
	[O_EXPECT] = {"expect-version", 0, true},
};

struct pending {
	int opt;
	const char *val;
};

static enum status apply(struct cmd_ctx *ctx, struct workshop *w, const struct pending *o, uint32_t *expect)
{
	enum status st = STATUS_OK;
	const struct organisation *org;
	switch (o->opt) {
	case O_FIELD: return cli_find_field(ctx, o->val, &w->field);
	case O_DATE: return parse_day("date", o->val, &w->date);
	case O_TITLE:
		free(w->title);
		w->title = xstrdup(o->val);
		break;
	case O_PLACE:
		free(w->place);
		w->place = *o->val ? xstrdup(o->val) : NULL;
		break;
	case O_PARTICIPANT:
	case O_NO_PARTICIPANT:
		if ((st = cli_find_org(ctx, o->val, &org)) != STATUS_OK)
			return st;
		if (o->opt == O_PARTICIPANT)
			uuid_add(&w->participants, &w->n_participants, &org->id);
		else if (!uuid_remove(w->participants, &w->n_participants, &org->id))
			return status_fail(STATUS_NOT_FOUND, _("%s is not a participant"), org->name);
		break;
	case O_HEADS: return cli_parse_uint("heads", o->val, 0, 100000, &w->head_count);
	case O_NOTES:
		free(w->notes);
		w->notes = *o->val ? xstrdup(o->val) : NULL;
		break;
	case O_EXPECT: return cli_parse_uint("expect-version", o->val, 1, UINT32_MAX, expect);
	default: break;
	}
	return st;
}

static enum status run_add_edit(struct cmd_ctx *ctx, int argc, char **argv, bool add)
{
	struct cli_parser p;
	struct pending *todo = xcalloc((size_t)argc + 1, sizeof(*todo));
	size_t n_todo = 0;
	unsigned seen = 0;
	struct workshop w;
	struct cli_workshops d = {0};
	uint32_t expect = 0;
	const char *val;
	int o;
	enum status st;
	workshop_init(&w);
	cli_parser_init(&p, argc, argv, edit_opts, ARRAY_LEN(edit_opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (add && (o == O_NO_PARTICIPANT || o == O_EXPECT)) {
			st = status_fail(STATUS_USAGE, _("--%s is for workshop edit"), edit_opts[o].name);
			goto out;
		}
		todo[n_todo++] = (struct pending){o, val};
		seen |= 1u << o;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, add ? 0 : 1, add ? 0 : 1, add ? USAGE_ADD : USAGE_EDIT)) != STATUS_OK)
		goto out;
	if (add && (!(seen & (1u << O_FIELD)) || !(seen & (1u << O_DATE)) || !(seen & (1u << O_TITLE)))) {
		st = status_fail(STATUS_USAGE, _("a workshop needs --field, --date and --title"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	size_t index = 0;
	uint32_t before = 0;
	if (!add) {
		if ((st = cli_workshops_load(ctx, &d)) != STATUS_OK)
			goto out;
		const struct workshop *found = NULL;
		if ((st = workshops_find(&d.ws, p.pos.v[0], &found, &index)) != STATUS_OK)
			goto out;
		workshop_copy(&w, found);
		before = w.version;
		cli_workshops_fini(&d);
	}
	for (size_t i = 0; i < n_todo; i++)
		if ((st = apply(ctx, &w, &todo[i], &expect)) != STATUS_OK)
			goto out;
	if (add) {
		if ((st = workshops_add(ctx->store, &ctx->catalog, &w)) != STATUS_OK)
			goto out;
		char id[37];
		uuid_format(&w.id, id);
		/* only the UUID, so that scripts can capture it */
		fprintf(ctx->out, "%s\n", id);
		goto out;
	}
	if ((st = workshops_update(ctx->store, &ctx->catalog, &w, expect ? expect : before)) != STATUS_OK)
		goto out;
	if (w.version == before) {
		fprintf(ctx->out, _("workshop %zu: nothing changed\n"), index);
		goto out;
	}
	fprintf(ctx->out, _("workshop %zu: version %u\n"), index, (unsigned)w.version);
out:
	cli_workshops_fini(&d);
	cli_parser_fini(&p);
	workshop_fini(&w);
	free(todo);
	return st;
}

/* ---- list ---------------------------------------------------------------------- */

struct row {
	const struct workshop *w;
	size_t index;
};

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	/* newest first */
	if (x->w->date != y->w->date)
		return x->w->date > y->w->date ? -1 : 1;
	return x->index > y->index ? -1 : x->index < y->index;
}

static const struct cli_col table_cols[] = {
	{"#", CLI_RIGHT, 0, false},
	{N_("Date"), CLI_LEFT, 0, false},
	{N_("Field"), CLI_LEFT, 22, true},
	{N_("Heads"), CLI_RIGHT, 0, false},
	{N_("Outcomes"), CLI_RIGHT, 0, false},
	{N_("Open"), CLI_RIGHT, 0, false},
	{N_("Overdue"), CLI_RIGHT, 0, false},
	{N_("Place"), CLI_LEFT, 24, true},
	{N_("Title"), CLI_LEFT, 50, true},
};
static const struct cli_col tsv_cols[] = {
	{"index", CLI_LEFT, 0, false}, {"uuid", CLI_LEFT, 0, false}, {"date", CLI_LEFT, 0, false},
	{"field", CLI_LEFT, 0, false}, {"heads", CLI_LEFT, 0, false}, {"outcomes", CLI_LEFT, 0, false},
	{"open", CLI_LEFT, 0, false}, {"overdue", CLI_LEFT, 0, false}, {"place", CLI_LEFT, 0, false},
	{"title", CLI_LEFT, 0, false},
};

static enum status run_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{"filter", 'f', true},
		{"field", 0, true},
		{"format", 0, true},
	};
	struct cli_parser p;
	struct buf expr;
	struct workshops_filter *f = NULL;
	struct cli_workshops d = {0};
	struct row *rows = NULL;
	enum cli_format fmt = CLI_TABLE;
	const char *field_arg = NULL, *val;
	int o;
	enum status st = STATUS_OK;
	buf_init(&expr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			if (expr.len)
				buf_putc(&expr, ' ');
			buf_puts(&expr, val);
		} else if (o == 1) {
			field_arg = val;
		} else if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK) {
			goto out;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	for (size_t i = 0; i < p.pos.n; i++) {
		if (expr.len)
			buf_putc(&expr, ' ');
		buf_puts(&expr, p.pos.v[i]);
	}
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	uint16_t only_field = 0;
	if (field_arg && (st = cli_find_field(ctx, field_arg, &only_field)) != STATUS_OK)
		goto out;
	if ((st = workshops_filter_compile(expr.data, c, WFILTER_WORKSHOPS, &f)) != STATUS_OK)
		goto out;
	if ((st = cli_workshops_load(ctx, &d)) != STATUS_OK)
		goto out;
	int32_t today = clock_today();
	rows = xcalloc(d.ws.n + 1, sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < d.ws.n; i++) {
		const struct workshop *w = &d.ws.v[i];
		if ((only_field && w->field != only_field) || !workshops_filter_workshop(f, w))
			continue;
		rows[n++] = (struct row){w, i + 1};
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_rows);
	if (fmt == CLI_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, workshop_json(c, &d, rows[i].w, rows[i].index, today));
		cli_json_print(ctx->out, arr);
		goto out;
	}
	struct cli_table tab;
	if (fmt == CLI_TSV)
		cli_table_init(&tab, tsv_cols, ARRAY_LEN(tsv_cols));
	else
		cli_table_init(&tab, table_cols, ARRAY_LEN(table_cols));
	for (size_t i = 0; i < n; i++) {
		const struct workshop *w = rows[i].w;
		struct counts k = outcome_counts(&d, &w->id, today);
		cli_table_cellf(&tab, "%zu", rows[i].index);
		if (fmt == CLI_TSV) {
			char id[37];
			uuid_format(&w->id, id);
			cli_table_cell(&tab, id);
		}
		cli_table_cell_date(&tab, w->date);
		cli_table_cell(&tab, cli_field_name(c, w->field));
		if (w->head_count)
			cli_table_cellf(&tab, "%u", (unsigned)w->head_count);
		else
			cli_table_cell(&tab, "");
		cli_table_cellf(&tab, "%zu", k.total);
		cli_table_cellf(&tab, "%zu", k.open);
		cli_table_cellf(&tab, "%zu", k.overdue);
		cli_table_cell(&tab, w->place);
		cli_table_cell(&tab, w->title);
	}
	if (fmt == CLI_TSV || n)
		cli_table_print(&tab, ctx->out, fmt);
	else
		fputs(_("no workshops match\n"), ctx->out);
	cli_table_fini(&tab);
out:
	free(rows);
	cli_workshops_fini(&d);
	workshops_filter_free(f);
	buf_fini(&expr);
	cli_parser_fini(&p);
	return st;
}

/* ---- show ---------------------------------------------------------------------- */

#define LABEL_W 14

/* A translated label (msgid name), padded to LABEL_W cells (at least one space). */
static void label(struct buf *b, const char *name)
{
	const char *t = _(name);
	size_t w = text_width(t);
	buf_puts(b, t);
	buf_printf(b, "%*s", (int)(w < LABEL_W ? LABEL_W - w : 1), "");
}

static void outcome_text(struct buf *b, const struct catalog *c, struct txn *t, const struct outcome *o,
			 size_t index, int32_t today)
{
	char day[32];
	buf_printf(b, _("  %4zu  %-9s %-8s "), index, outcome_kind_code(o->kind), outcome_status_code(o->status));
	cli_text(b, o->text);
	buf_putc(b, '\n');
	if (o->owner || o->due) {
		buf_printf(b, "%*s", 26, "");
		if (o->owner) {
			buf_puts(b, _("owner: "));
			cli_text(b, o->owner);
			buf_puts(b, o->due ? ", " : "");
		}
		if (o->due) {
			i18n_date(o->due, day);
			buf_printf(b, workshops_overdue(o, today) ? _("due %s (overdue!)") : _("due %s"), day);
		}
		buf_putc(b, '\n');
	}
	/* "project: #3 ...", further projects under the first */
	const char *project_word = _("project: ");
	size_t project_w = text_width(project_word);
	for (size_t i = 0; i < o->n_projects; i++) {
		buf_printf(b, "%*s", 26, "");
		if (i)
			buf_printf(b, "%*s", (int)project_w, "");
		else
			buf_puts(b, project_word);
		cli_project_ref(b, t, &o->projects[i]);
		buf_putc(b, '\n');
	}
	if (o->n_orgs) {
		buf_printf(b, _("%*sorganisations: "), 26, "");
		for (size_t i = 0; i < o->n_orgs; i++) {
			if (i)
				buf_puts(b, "; ");
			cli_text(b, cli_org_name(c, &o->orgs[i]));
		}
		buf_putc(b, '\n');
	}
	if (o->n_services) {
		buf_printf(b, _("%*sservices: "), 26, "");
		for (size_t i = 0; i < o->n_services; i++)
			buf_printf(b, "%s%u", i ? ", " : "", (unsigned)o->services[i]);
		buf_putc(b, '\n');
	}
}

static enum status run_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct cli_workshops d = {0};
	enum cli_format fmt;
	enum status st = cli_workshops_show_begin(ctx, argc, argv, USAGE_SHOW, &p, &d, &fmt);
	if (st != STATUS_OK)
		goto out;
	size_t index = 0;
	const struct workshop *w = NULL;
	if ((st = workshops_find(&d.ws, p.pos.v[0], &w, &index)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	int32_t today = clock_today();
	if (fmt == CLI_JSON) {
		json_t *j = workshop_json(c, &d, w, index, today);
		json_t *arr = json_array();
		for (size_t i = 0; i < d.os.n; i++)
			if (uuid_cmp(&d.os.v[i].workshop, &w->id) == 0)
				json_array_append_new(arr, cli_outcome_json(c, &d, &d.os.v[i], i + 1, today));
		json_object_set_new(j, "outcome_list", arr);
		cli_json_print(ctx->out, j);
		goto out;
	}
	struct buf b;
	buf_init(&b);
	char day[32], id[37], when[21];
	i18n_date(w->date, day);
	buf_printf(&b, _("workshop %zu  "), index);
	cli_text(&b, w->title);
	if (w->demo)
		buf_puts(&b, "  [demo]");
	buf_putc(&b, '\n');
	uuid_format(&w->id, id);
	label(&b, N_("uuid"));
	buf_printf(&b, "%s\n", id);
	label(&b, N_("field"));
	buf_printf(&b, "%u ", (unsigned)w->field);
	cli_text(&b, cli_field_name(c, w->field));
	buf_putc(&b, '\n');
	const struct topic_field *tf = catalog_field(c, w->field);
	if (tf && tf->sponsor) {
		label(&b, N_("sponsor"));
		cli_text(&b, tf->sponsor);
		buf_putc(&b, '\n');
	}
	label(&b, N_("date"));
	buf_printf(&b, "%s\n", day);
	if (w->place) {
		label(&b, N_("place"));
		cli_text(&b, w->place);
		buf_putc(&b, '\n');
	}
	label(&b, N_("participants"));
	if (!w->n_participants)
		buf_puts(&b, _("none recorded"));
	for (size_t i = 0; i < w->n_participants; i++) {
		if (i)
			buf_puts(&b, "; ");
		cli_text(&b, cli_org_name(c, &w->participants[i]));
	}
	buf_putc(&b, '\n');
	if (w->head_count) {
		label(&b, N_("head count"));
		buf_printf(&b, "%u\n", (unsigned)w->head_count);
	}
	if (w->notes) {
		label(&b, N_("notes"));
		cli_text(&b, w->notes);
		buf_putc(&b, '\n');
	}
	time_format(w->updated, when);
	label(&b, N_("updated"));
	buf_printf(&b, _("%s (version %u)\n"), when, (unsigned)w->version);
	struct counts k = outcome_counts(&d, &w->id, today);
	buf_printf(&b, _("\noutcomes: %zu (%zu open, %zu overdue)\n"), k.total, k.open, k.overdue);
	/* grouped by kind, in the order of the kinds */
	for (int kind = 0; kind < OUTCOME__COUNT; kind++) {
		bool head = false;
		for (size_t i = 0; i < d.os.n; i++) {
			const struct outcome *oc = &d.os.v[i];
			if (uuid_cmp(&oc->workshop, &w->id) != 0 || (int)oc->kind != kind)
				continue;
			if (!head)
				buf_printf(&b, "%s (%s):\n", outcome_kind_label(oc->kind), outcome_kind_code(oc->kind));
			head = true;
			outcome_text(&b, c, d.t, oc, i + 1, today);
		}
	}
	fputs(b.data, ctx->out);
	buf_fini(&b);
out:
	cli_workshops_fini(&d);
	cli_parser_fini(&p);
	return st;
}

/* ---- dispatch ------------------------------------------------------------------ */

static enum status run_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_add_edit(ctx, argc, argv, true);
}

static enum status run_edit(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_add_edit(ctx, argc, argv, false);
}

static const struct cli_sub subs[] = {
	{"add", "workshop add", run_add},
	{"list", "workshop list", run_list},
	{"show", "workshop show", run_show},
	{"edit", "workshop edit", run_edit},
};

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cli_sub_run(ctx, argc, argv, subs, ARRAY_LEN(subs),
			   _("missing subcommand: add, list, show or edit "
			     "(see ozgtui workshop --help)"),
			   _("unknown subcommand '%s': add, list, show or edit"));
}

const struct cmd cmd_workshop = {
	.name = "workshop",
	.usage = "add|list|show|edit ...",
	.summary = N_("record and list the workshops of the topic fields"),
	/* the usage lines repeat USAGE_*: a macro cannot stand in a message */
	.help = N_(
		"  workshop add --field F --date YYYY-MM-DD --title T [--place P]"
		" [--participant ORG]... [--heads N] [--notes TEXT]\n"
		"      Records a workshop and prints its UUID (and nothing else).\n"
		"  workshop list [--filter EXPR] [--field F] [--format table|tsv|json] [EXPR...]\n"
		"      Lists workshops, newest first, with their short index (#), head count and\n"
		"      outcome counts. The filter takes field:, org: (a participant), demo: and free\n"
		"      words (title, place, notes); see docs/filter.md.\n"
		"  workshop show ID [--format text|json]\n"
		"      One workshop with its participants and its outcomes grouped by kind.\n"
		"  workshop edit ID [--field F] [--date D] [--title T] [--place P]"
		" [--participant ORG]... [--no-participant ORG]... [--heads N] [--notes TEXT]"
		" [--expect-version N]\n"
		"      Changes what the options give; --participant adds, --no-participant removes;\n"
		"      an empty --place or --notes clears it.\n"
		"\n"
		"ID is the short index that `workshop list` prints (creation order), a UUID or a\n"
		"unique UUID prefix (at least 4 hex digits).\n"
		"\n"
		"  -f, --field F          topic field: number, slug or name prefix\n"
		"  -d, --date D           the day it took place, YYYY-MM-DD\n"
		"  -t, --title T          the title\n"
		"      --place P          where (a town, \"Videokonferenz\")\n"
		"  -p, --participant ORG  a participating organisation (AGS or unique name prefix);\n"
		"                         repeatable\n"
		"      --heads N          how many persons took part\n"
		"      --notes TEXT       free notes\n"
		"      --expect-version N edit: refuse (exit 75) unless the workshop is at version N\n"
		"      --format F         list: table, tsv or json; show: text or json\n"
		"\n"
		"Example: ozgtui workshop add --field bauen --date 2025-02-12 --title 'Initialer "
		"Workshop' --participant krz --heads 18\n"),
	.flags = CMD_WRITES,
	.run = run,
};
