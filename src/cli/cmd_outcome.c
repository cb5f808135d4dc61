/* cmd_outcome.c - `ozgtui outcome add|list|show|edit|done|drop|reopen|link|unlink ...`:
 * the outcomes of the workshops (see include/ozgtui/workshops.h). */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/cli_workshops.h"
#include "ozgtui/workshops.h"
#include "ozgtui/i18n.h"

#define USAGE_ADD "WORKSHOP|- --kind K --text T [--owner O] [--due YYYY-MM-DD] [--project ID]... " \
		  "[--org ORG]... [--service OZGID]..."
#define USAGE_LIST "[--filter EXPR] [--overdue] [--kind K] [--status S] [--field F] " \
		   "[--workshop W] [--project ID] [--format table|tsv|json] [EXPR...]"
#define USAGE_SHOW "ID [--format text|json]"
#define USAGE_EDIT "ID [--kind K] [--text T] [--owner O] [--due D|none] [--expect-version N]"
#define USAGE_STATUS "ID [--expect-version N]"
#define USAGE_LINK "ID (--project ID | --org ORG | --service OZGID)... [--expect-version N]"

/* ---- shared -------------------------------------------------------------------- */

static enum status parse_kind(const char *s, enum outcome_kind *out)
{
	if (outcome_kind_parse(s, out))
		return STATUS_OK;
	struct buf b;
	buf_init(&b);
	cli_text(&b, s);
	status_fail(STATUS_USAGE, _("--kind: unknown kind '%s' (decision, priority, bundle, volunteer, "
				  "question, action)"), b.data ? b.data : "");
	buf_fini(&b);
	return STATUS_USAGE;
}

static enum status parse_status(const char *s, enum outcome_status *out)
{
	if (outcome_status_parse(s, out))
		return STATUS_OK;
	struct buf b;
	buf_init(&b);
	cli_text(&b, s);
	status_fail(STATUS_USAGE, _("--status: unknown status '%s' (open, done, dropped)"), b.data ? b.data : "");
	buf_fini(&b);
	return STATUS_USAGE;
}

static enum status parse_due(const char *s, int32_t *out)
{
	if (strcmp(s, "none") == 0 || !*s) {
		*out = 0;
		return STATUS_OK;
	}
	if (date_parse(s, out))
		return STATUS_OK;
	struct buf b;
	buf_init(&b);
	cli_text(&b, s);
	status_fail(STATUS_USAGE, _("--due: expected a date YYYY-MM-DD (or none), got '%s'"), b.data ? b.data : "");
	buf_fini(&b);
	return STATUS_USAGE;
}

/* Finds the outcome named by s; copies it into out with its index. */
static enum status find_outcome(struct cmd_ctx *ctx, const char *s, struct outcome *out, size_t *index)
{
	struct cli_workshops d;
	enum status st = cli_workshops_load(ctx, &d);
	const struct outcome *o = NULL;
	if (st == STATUS_OK)
		st = workshops_outcome_find(&d.os, s, &o, index);
	if (st == STATUS_OK)
		outcome_copy(out, o);
	cli_workshops_fini(&d);
	return st;
}

static void interest_note(struct cmd_ctx *ctx, size_t n)
{
	if (n)
		fprintf(ctx->err, P_("ozgtui: outcome: %zu volunteer is now interested in the linked projects\n",
				     "ozgtui: outcome: %zu volunteers are now interested in the linked projects\n", n),
			n);
}

/* ---- add, edit ----------------------------------------------------------------- */

enum { O_KIND, O_TEXT, O_OWNER, O_DUE, O_PROJECT, O_ORG, O_SERVICE, O_EXPECT };
static const struct cli_opt edit_opts[] = {
	[O_KIND] = {"kind", 'k', true},
	[O_TEXT] = {"text", 't', true},
	[O_OWNER] = {"owner", 'o', true},
	[O_DUE] = {"due", 'd', true},
	[O_PROJECT] = {"project", 'p', true},
	[O_ORG] = {"org", 0, true},
	[O_SERVICE] = {"service", 's', true},
	[O_EXPECT] = {"expect-version", 0, true},
};

/* Applies option o with value val to oc (links: appended). */
static enum status apply(struct cmd_ctx *ctx, struct outcome *oc, int o, const char *val, uint32_t *expect)
{
	enum status st = STATUS_OK;
	switch (o) {
	case O_KIND: return parse_kind(val, &oc->kind);
	case O_TEXT:
		free(oc->text);
		oc->text = xstrdup(val);
		break;
	case O_OWNER:
		free(oc->owner);
		oc->owner = *val ? xstrdup(val) : NULL;
		break;
	case O_DUE: return parse_due(val, &oc->due);
	case O_PROJECT: {
		struct project p;
		project_init(&p);
		if ((st = cli_find_project(ctx, val, &p)) == STATUS_OK) {
			oc->projects = xrealloc(oc->projects, (oc->n_projects + 1) * sizeof(*oc->projects));
			oc->projects[oc->n_projects++] = p.id;
		}
		project_fini(&p);
		break;
	}
	case O_ORG: {
		const struct organisation *org;
		if ((st = cli_find_org(ctx, val, &org)) == STATUS_OK) {
			oc->orgs = xrealloc(oc->orgs, (oc->n_orgs + 1) * sizeof(*oc->orgs));
			oc->orgs[oc->n_orgs++] = org->id;
		}
		break;
	}
	case O_SERVICE: {
		uint32_t id;
		if ((st = cli_find_service(ctx, val, &id)) == STATUS_OK) {
			oc->services = xrealloc(oc->services, (oc->n_services + 1) * sizeof(*oc->services));
			oc->services[oc->n_services++] = id;
		}
		break;
	}
	case O_EXPECT: return cli_parse_uint("expect-version", val, 1, UINT32_MAX, expect);
	default: break;
	}
	return st;
}

struct pending {
	int opt;
	const char *val;
};

static enum status run_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct pending *todo = xcalloc((size_t)argc + 1, sizeof(*todo));
	size_t n_todo = 0;
	unsigned seen = 0;
	struct outcome oc;
	struct cli_workshops d = {0};
	uint32_t expect = 0;
	const char *val;
	int o;
	enum status st;
	outcome_init(&oc);
	cli_parser_init(&p, argc, argv, edit_opts, ARRAY_LEN(edit_opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == O_EXPECT) {
			st = status_fail(STATUS_USAGE, _("--expect-version is for changes to an outcome"));
			goto out;
		}
		todo[n_todo++] = (struct pending){o, val};
		seen |= 1u << o;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, USAGE_ADD)) != STATUS_OK)
		goto out;
	if (!(seen & (1u << O_KIND)) || !(seen & (1u << O_TEXT))) {
		st = status_fail(STATUS_USAGE, _("an outcome needs --kind and --text"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	if (strcmp(p.pos.v[0], "-") != 0) {
		const struct workshop *w = NULL;
		if ((st = cli_workshops_load(ctx, &d)) != STATUS_OK)
			goto out;
		if ((st = workshops_find(&d.ws, p.pos.v[0], &w, NULL)) != STATUS_OK)
			goto out;
		oc.workshop = w->id;
		cli_workshops_fini(&d);
	}
	for (size_t i = 0; i < n_todo; i++)
		if ((st = apply(ctx, &oc, todo[i].opt, todo[i].val, &expect)) != STATUS_OK)
			goto out;
	size_t interest = 0;
	if ((st = workshops_outcome_add(ctx->store, &ctx->catalog, &oc, &interest)) != STATUS_OK)
		goto out;
	char id[37];
	uuid_format(&oc.id, id);
	/* only the UUID on stdout, so that scripts can capture it */
	fprintf(ctx->out, "%s\n", id);
	interest_note(ctx, interest);
out:
	cli_workshops_fini(&d);
	cli_parser_fini(&p);
	outcome_fini(&oc);
	free(todo);
	return st;
}

static void print_change(struct cmd_ctx *ctx, size_t index, uint32_t before, uint32_t after)
{
	if (after == before)
		fprintf(ctx->out, _("outcome %zu: nothing changed\n"), index);
	else
		fprintf(ctx->out, _("outcome %zu: version %u\n"), index, (unsigned)after);
}

/* The version of outcome id now (0 when gone). */
static uint32_t version_now(struct cmd_ctx *ctx, const struct uuid *id)
{
	struct txn *t = NULL;
	struct outcome o;
	outcome_init(&o);
	uint32_t v = 0;
	if (store_read_begin(ctx->store, &t) == STATUS_OK && store_outcome_get(t, id, &o) == STATUS_OK)
		v = o.version;
	store_txn_end(t);
	outcome_fini(&o);
	return v;
}

static enum status run_edit(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct pending *todo = xcalloc((size_t)argc + 1, sizeof(*todo));
	size_t n_todo = 0;
	struct outcome oc;
	uint32_t expect = 0;
	const char *val;
	int o;
	enum status st;
	outcome_init(&oc);
	cli_parser_init(&p, argc, argv, edit_opts, ARRAY_LEN(edit_opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == O_PROJECT || o == O_ORG || o == O_SERVICE) {
			st = status_fail(STATUS_USAGE, _("links change with `outcome link` and `outcome unlink`"));
			goto out;
		}
		todo[n_todo++] = (struct pending){o, val};
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, USAGE_EDIT)) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	size_t index = 0;
	if ((st = find_outcome(ctx, p.pos.v[0], &oc, &index)) != STATUS_OK)
		goto out;
	uint32_t before = oc.version;
	for (size_t i = 0; i < n_todo; i++)
		if ((st = apply(ctx, &oc, todo[i].opt, todo[i].val, &expect)) != STATUS_OK)
			goto out;
	size_t interest = 0;
	st = workshops_outcome_update(ctx->store, &ctx->catalog, &oc, expect ? expect : before, &interest);
	if (st != STATUS_OK)
		goto out;
	print_change(ctx, index, before, version_now(ctx, &oc.id));
	interest_note(ctx, interest);
out:
	cli_parser_fini(&p);
	outcome_fini(&oc);
	free(todo);
	return st;
}

/* ---- done, drop, reopen ------------------------------------------------------------ */

static enum status run_status(struct cmd_ctx *ctx, int argc, char **argv, enum outcome_status to)
{
	static const struct cli_opt opts[] = {{"expect-version", 0, true}};
	struct cli_parser p;
	struct outcome oc;
	uint32_t expect = 0;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	outcome_init(&oc);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0)
		if ((st = cli_parse_uint("expect-version", val, 1, UINT32_MAX, &expect)) != STATUS_OK)
			goto out;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, USAGE_STATUS)) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	size_t index = 0;
	if ((st = find_outcome(ctx, p.pos.v[0], &oc, &index)) != STATUS_OK)
		goto out;
	st = workshops_outcome_set_status(ctx->store, &ctx->catalog, &oc.id, to, expect ? expect : oc.version);
	if (st != STATUS_OK)
		goto out;
	uint32_t now = version_now(ctx, &oc.id);
	if (now == oc.version)
		fprintf(ctx->out, _("outcome %zu: already %s\n"), index, outcome_status_code(to));
	else
		fprintf(ctx->out, _("outcome %zu: %s → %s\n"), index, outcome_status_code(oc.status),
			outcome_status_code(to));
out:
	cli_parser_fini(&p);
	outcome_fini(&oc);
	return st;
}

static enum status run_done(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_status(ctx, argc, argv, OUTCOME_STATUS_DONE);
}

static enum status run_drop(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_status(ctx, argc, argv, OUTCOME_STATUS_DROPPED);
}

static enum status run_reopen(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_status(ctx, argc, argv, OUTCOME_STATUS_OPEN);
}

/* ---- link, unlink ------------------------------------------------------------------ */

static enum status run_link_unlink(struct cmd_ctx *ctx, int argc, char **argv, bool link)
{
	static const struct cli_opt opts[] = {
		{"project", 'p', true},
		{"org", 0, true},
		{"service", 's', true},
		{"expect-version", 0, true},
	};
	struct cli_parser p;
	struct pending *todo = xcalloc((size_t)argc + 1, sizeof(*todo));
	size_t n_todo = 0;
	struct outcome oc, add;
	uint32_t expect = 0;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	outcome_init(&oc);
	outcome_init(&add);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		/* map onto the edit options so apply() can collect them */
		static const int map[] = {O_PROJECT, O_ORG, O_SERVICE, O_EXPECT};
		todo[n_todo++] = (struct pending){map[o], val};
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 1, USAGE_LINK)) != STATUS_OK)
		goto out;
	size_t n_links = 0;
	for (size_t i = 0; i < n_todo; i++)
		n_links += todo[i].opt != O_EXPECT;
	if (!n_links) {
		st = status_fail(STATUS_USAGE, _("give at least one --project, --org or --service"));
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	size_t index = 0;
	if ((st = find_outcome(ctx, p.pos.v[0], &oc, &index)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < n_todo; i++)
		if ((st = apply(ctx, &add, todo[i].opt, todo[i].val, &expect)) != STATUS_OK)
			goto out;
	struct outcome_links l = {
		.projects = add.projects, .n_projects = add.n_projects,
		.orgs = add.orgs, .n_orgs = add.n_orgs,
		.services = add.services, .n_services = add.n_services,
	};
	size_t interest = 0;
	uint32_t base = expect ? expect : oc.version;
	st = link ? workshops_outcome_link(ctx->store, &ctx->catalog, &oc.id, &l, base, &interest)
		  : workshops_outcome_unlink(ctx->store, &ctx->catalog, &oc.id, &l, base);
	if (st != STATUS_OK)
		goto out;
	print_change(ctx, index, oc.version, version_now(ctx, &oc.id));
	interest_note(ctx, interest);
out:
	cli_parser_fini(&p);
	outcome_fini(&oc);
	outcome_fini(&add);
	free(todo);
	return st;
}

static enum status run_link(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_link_unlink(ctx, argc, argv, true);
}

static enum status run_unlink(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_link_unlink(ctx, argc, argv, false);
}

static bool linked_to(const struct outcome *o, const struct uuid *project)
{
	for (size_t i = 0; i < o->n_projects; i++)
		if (uuid_cmp(&o->projects[i], project) == 0)
			return true;
	return false;
}

/* ---- list, show ---------------------------------------------------------------------- */

static const struct cli_col table_cols[] = {
	{"#", CLI_RIGHT, 0, false},
	{"W", CLI_RIGHT, 0, false},
	{N_("Kind"), CLI_LEFT, 0, false},
	{N_("Status"), CLI_LEFT, 0, false},
	{N_("Due"), CLI_LEFT, 0, false},
	{N_("Field"), CLI_LEFT, 20, true},
	{N_("Owner"), CLI_LEFT, 24, true},
	{N_("Projects"), CLI_LEFT, 16, true},
	{N_("Text"), CLI_LEFT, 60, true},
};
static const struct cli_col tsv_cols[] = {
	{"index", CLI_LEFT, 0, false}, {"uuid", CLI_LEFT, 0, false}, {"workshop", CLI_LEFT, 0, false},
	{"kind", CLI_LEFT, 0, false}, {"status", CLI_LEFT, 0, false}, {"due", CLI_LEFT, 0, false},
	{"overdue", CLI_LEFT, 0, false}, {"field", CLI_LEFT, 0, false}, {"owner", CLI_LEFT, 0, false},
	{"projects", CLI_LEFT, 0, false}, {"text", CLI_LEFT, 0, false},
};

static enum status run_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { L_FILTER, L_OVERDUE, L_KIND, L_STATUS, L_FIELD, L_WORKSHOP, L_PROJECT, L_FORMAT };
	static const struct cli_opt opts[] = {
		[L_FILTER] = {"filter", 'f', true},
		[L_OVERDUE] = {"overdue", 0, false},
		[L_KIND] = {"kind", 'k', true},
		[L_STATUS] = {"status", 0, true},
		[L_FIELD] = {"field", 0, true},
		[L_WORKSHOP] = {"workshop", 'w', true},
		[L_PROJECT] = {"project", 'p', true},
		[L_FORMAT] = {"format", 0, true},
	};
	struct cli_parser p;
	struct buf expr;
	struct workshops_filter *f = NULL;
	struct cli_workshops d = {0};
	struct project pr;
	enum cli_format fmt = CLI_TABLE;
	const char *val, *field_arg = NULL, *workshop_arg = NULL, *project_arg = NULL;
	bool overdue = false;
	unsigned kinds = 0, statuses = 0;
	int o;
	enum status st = STATUS_OK;
	buf_init(&expr);
	project_init(&pr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		enum outcome_kind k;
		enum outcome_status s;
		switch (o) {
		case L_FILTER:
			if (expr.len)
				buf_putc(&expr, ' ');
			buf_puts(&expr, val);
			break;
		case L_OVERDUE: overdue = true; break;
		case L_KIND:
			if ((st = parse_kind(val, &k)) != STATUS_OK)
				goto out;
			kinds |= 1u << k;
			break;
		case L_STATUS:
			if ((st = parse_status(val, &s)) != STATUS_OK)
				goto out;
			statuses |= 1u << s;
			break;
		case L_FIELD: field_arg = val; break;
		case L_WORKSHOP: workshop_arg = val; break;
		case L_PROJECT: project_arg = val; break;
		case L_FORMAT:
			if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK)
				goto out;
			break;
		default: break;
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
	if (project_arg && (st = cli_find_project(ctx, project_arg, &pr)) != STATUS_OK)
		goto out;
	if ((st = workshops_filter_compile(expr.data, c, WFILTER_OUTCOMES, &f)) != STATUS_OK)
		goto out;
	if ((st = cli_workshops_load(ctx, &d)) != STATUS_OK)
		goto out;
	const struct workshop *only_ws = NULL;
	if (workshop_arg && (st = workshops_find(&d.ws, workshop_arg, &only_ws, NULL)) != STATUS_OK)
		goto out;
	int32_t today = clock_today();
	json_t *arr = fmt == CLI_JSON ? json_array() : NULL;
	struct cli_table tab;
	if (fmt == CLI_TSV)
		cli_table_init(&tab, tsv_cols, ARRAY_LEN(tsv_cols));
	else
		cli_table_init(&tab, table_cols, ARRAY_LEN(table_cols));
	size_t n = 0;
	bool shown_overdue = false;
	for (size_t i = 0; i < d.os.n; i++) {
		const struct outcome *oc = &d.os.v[i];
		uint16_t field = workshops_outcome_field(d.t, &d.ws, oc);
		if ((overdue && !workshops_overdue(oc, today)) || (kinds && !((kinds >> oc->kind) & 1u)) ||
		    (statuses && !((statuses >> oc->status) & 1u)) || (only_field && field != only_field) ||
		    (only_ws && uuid_cmp(&oc->workshop, &only_ws->id) != 0) ||
		    (project_arg && !linked_to(oc, &pr.id)) ||
		    !workshops_filter_outcome(f, oc, field, today))
			continue;
		n++;
		if (arr) {
			json_array_append_new(arr, cli_outcome_json(c, &d, oc, i + 1, today));
			continue;
		}
		char day[32] = "";
		size_t wi = uuid_is_nil(&oc->workshop) ? 0 : workshops_index_of(&d.ws, &oc->workshop);
		cli_table_cellf(&tab, "%zu", i + 1);
		if (fmt == CLI_TSV) {
			char id[37];
			uuid_format(&oc->id, id);
			cli_table_cell(&tab, id);
		}
		if (wi)
			cli_table_cellf(&tab, "%zu", wi);
		else
			cli_table_cell(&tab, fmt == CLI_TSV ? "" : "-");
		cli_table_cell(&tab, outcome_kind_code(oc->kind));
		cli_table_cell(&tab, outcome_status_code(oc->status));
		bool late = workshops_overdue(oc, today);
		shown_overdue |= late;
		if (fmt == CLI_TSV) {
			if (oc->due)
				date_format(oc->due, day);
			cli_table_cell(&tab, day);
			cli_table_cell(&tab, late ? "yes" : "no");
		} else {
			i18n_date(oc->due, day);
			cli_table_cellf(&tab, "%s%s", day, late ? " !" : "");
		}
		cli_table_cell(&tab, cli_field_name(c, field));
		cli_table_cell(&tab, oc->owner);
		struct buf nums;
		buf_init(&nums);
		cli_project_numbers(&nums, d.t, oc);
		cli_table_cell(&tab, nums.data);
		buf_fini(&nums);
		cli_table_cell(&tab, oc->text);
	}
	if (arr)
		cli_json_print(ctx->out, arr);
	else if (fmt == CLI_TSV || n)
		cli_table_print(&tab, ctx->out, fmt);
	else
		fputs(_("no outcomes match\n"), ctx->out);
	/* the legend of the "!" in the due column */
	if (!arr && fmt != CLI_TSV && shown_overdue)
		fputs(_("! = overdue\n"), ctx->out);
	cli_table_fini(&tab);
out:
	cli_workshops_fini(&d);
	workshops_filter_free(f);
	project_fini(&pr);
	buf_fini(&expr);
	cli_parser_fini(&p);
	return st;
}

#define LABEL_W 13

/* A translated label (msgid name; "" for none), padded to LABEL_W cells (at
 * least one space). */
static void label(struct buf *b, const char *name)
{
	const char *t = *name ? _(name) : "";
	size_t w = text_width(t);
	buf_puts(b, t);
	buf_printf(b, "%*s", (int)(w < LABEL_W ? LABEL_W - w : 1), "");
}

static enum status run_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct cli_workshops d = {0};
	enum cli_format fmt;
	enum status st = cli_workshops_show_begin(ctx, argc, argv, USAGE_SHOW, &p, &d, &fmt);
	if (st != STATUS_OK)
		goto out;
	const struct outcome *oc = NULL;
	size_t index = 0;
	if ((st = workshops_outcome_find(&d.os, p.pos.v[0], &oc, &index)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	int32_t today = clock_today();
	if (fmt == CLI_JSON) {
		cli_json_print(ctx->out, cli_outcome_json(c, &d, oc, index, today));
		goto out;
	}
	struct buf b;
	buf_init(&b);
	char day[32], id[37], when[21];
	buf_printf(&b, _("outcome %zu  %s (%s)%s\n"), index, outcome_kind_label(oc->kind),
		   outcome_kind_code(oc->kind), oc->demo ? "  [demo]" : "");
	uuid_format(&oc->id, id);
	label(&b, N_("uuid"));
	buf_printf(&b, "%s\n", id);
	const struct workshop *w = NULL;
	size_t wi = 0;
	for (size_t i = 0; i < d.ws.n; i++)
		if (uuid_cmp(&d.ws.v[i].id, &oc->workshop) == 0) {
			w = &d.ws.v[i];
			wi = i + 1;
		}
	label(&b, N_("workshop"));
	if (w) {
		i18n_date(w->date, day);
		buf_printf(&b, _("%zu  %s  "), wi, day);
		cli_text(&b, w->title);
	} else {
		buf_puts(&b, _("none"));
	}
	buf_putc(&b, '\n');
	uint16_t field = workshops_outcome_field(d.t, &d.ws, oc);
	label(&b, N_("field"));
	if (field) {
		buf_printf(&b, "%u ", (unsigned)field);
		cli_text(&b, cli_field_name(c, field));
	} else {
		buf_puts(&b, _("none"));
	}
	buf_putc(&b, '\n');
	label(&b, N_("status"));
	buf_printf(&b, "%s\n", outcome_status_code(oc->status));
	label(&b, N_("text"));
	cli_text(&b, oc->text);
	buf_putc(&b, '\n');
	if (oc->owner) {
		label(&b, N_("owner"));
		cli_text(&b, oc->owner);
		buf_putc(&b, '\n');
	}
	if (oc->due) {
		i18n_date(oc->due, day);
		label(&b, N_("due"));
		buf_printf(&b, workshops_overdue(oc, today) ? _("%s (overdue)\n") : "%s\n", day);
	}
	for (size_t i = 0; i < oc->n_projects; i++) {
		label(&b, i ? "" : N_("projects"));
		cli_project_ref(&b, d.t, &oc->projects[i]);
		buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < oc->n_orgs; i++) {
		label(&b, i ? "" : N_("organisations"));
		cli_text(&b, cli_org_name(c, &oc->orgs[i]));
		buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < oc->n_services; i++) {
		const struct service *s = catalog_service(c, oc->services[i]);
		label(&b, i ? "" : N_("services"));
		buf_printf(&b, "%u ", (unsigned)oc->services[i]);
		cli_text(&b, s ? s->name : "?");
		buf_putc(&b, '\n');
	}
	time_format(oc->updated, when);
	label(&b, N_("updated"));
	buf_printf(&b, _("%s (version %u)\n"), when, (unsigned)oc->version);
	fputs(b.data, ctx->out);
	buf_fini(&b);
out:
	cli_workshops_fini(&d);
	cli_parser_fini(&p);
	return st;
}

/* ---- dispatch ------------------------------------------------------------------------ */

static const struct cli_sub subs[] = {
	{"add", "outcome add", run_add},
	{"list", "outcome list", run_list},
	{"show", "outcome show", run_show},
	{"edit", "outcome edit", run_edit},
	{"done", "outcome done", run_done},
	{"drop", "outcome drop", run_drop},
	{"reopen", "outcome reopen", run_reopen},
	{"link", "outcome link", run_link},
	{"unlink", "outcome unlink", run_unlink},
};

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cli_sub_run(ctx, argc, argv, subs, ARRAY_LEN(subs),
			   _("missing subcommand: add, list, show, edit, done, drop, "
			     "reopen, link or unlink (see ozgtui outcome --help)"),
			   _("unknown subcommand '%s': add, list, show, edit, done, "
			     "drop, reopen, link or unlink"));
}

const struct cmd cmd_outcome = {
	.name = "outcome",
	.usage = "add|list|show|edit|done|drop|reopen|link|unlink ...",
	.summary = N_("record, follow up and link the outcomes of workshops"),
	/* the usage lines repeat USAGE_*: a macro cannot stand in a message */
	.help = N_(
		"  outcome add WORKSHOP|- --kind K --text T [--owner O] [--due YYYY-MM-DD]"
		" [--project ID]... [--org ORG]... [--service OZGID]...\n"
		"      Records an outcome of a workshop (- for none, e.g. a committee's decision) and\n"
		"      prints its UUID (and nothing else).\n"
		"  outcome list [--filter EXPR] [--overdue] [--kind K] [--status S] [--field F]"
		" [--workshop W] [--project ID] [--format table|tsv|json] [EXPR...]\n"
		"      Lists outcomes in creation order with their short index (#) and workshop (W);\n"
		"      a ! after the due date marks an overdue action item. The filter takes field:,\n"
		"      kind:, status:, overdue:, owner:, org:, demo: and free words; see docs/filter.md.\n"
		"  outcome show ID [--format text|json]\n"
		"  outcome edit ID [--kind K] [--text T] [--owner O] [--due D|none] [--expect-version N]\n"
		"  outcome done|drop|reopen ID [--expect-version N]\n"
		"      Sets the status: done, dropped, or open again.\n"
		"  outcome link|unlink ID (--project ID | --org ORG | --service OZGID)... [--expect-version N]\n"
		"      Links (or unlinks) projects, organisations and services.\n"
		"\n"
		"Kinds: decision, priority, bundle, volunteer, question (open question), action\n"
		"(action item, with an owner and a due date). A decision linked to a project lets it\n"
		"pass the decision gate (into Umsetzung). The organisations of a volunteer outcome\n"
		"become interested in its projects (first among the team suggestions). A bundle\n"
		"links several projects or services; `ozgtui check` reports bundled projects more\n"
		"than one phase apart, and overdue action items.\n"
		"ID is the short index that `outcome list` prints, a UUID or a unique UUID prefix;\n"
		"WORKSHOP likewise (see `workshop list`).\n"
		"\n"
		"  -k, --kind K           the kind (list: repeatable, any of them)\n"
		"  -t, --text T           what was found, decided or asked\n"
		"  -o, --owner O          who takes care of it (a person's role or an organisation)\n"
		"  -d, --due D            due date YYYY-MM-DD; none clears it\n"
		"  -p, --project ID       a project (number or UUID); repeatable; list: linked to it\n"
		"      --org ORG          an organisation (AGS or unique name prefix); repeatable\n"
		"  -s, --service OZGID    an OZG service; repeatable\n"
		"      --overdue          list: only overdue action items\n"
		"      --status S         list: open, done or dropped (repeatable)\n"
		"      --field F          list: only outcomes of this topic field\n"
		"  -w, --workshop W       list: only outcomes of this workshop\n"
		"      --expect-version N refuse (exit 75) unless the outcome is at version N\n"
		"      --format F         list: table, tsv or json; show: text or json\n"
		"\n"
		"Example: ozgtui outcome add 3 --kind decision --text 'Umsetzung beschlossen' --project 12\n"),
	.flags = CMD_WRITES,
	.run = run,
};
