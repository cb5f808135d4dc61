/* cmd_orgs.c - `ozgtui orgs [--kind K] [--category C] [--filter TEXT] [--format F]` */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

struct tally {
	uint32_t led, joined, interested;
};

struct count_arg {
	const struct catalog *c;
	struct tally *t;   /* parallel to c->orgs */
};

static struct tally *tally_of(struct count_arg *a, const struct uuid *id)
{
	const struct organisation *o = catalog_org(a->c, id);
	return o ? &a->t[o - a->c->orgs] : NULL;
}

static int count_project(const struct project *p, void *arg)
{
	struct count_arg *a = arg;
	for (size_t i = 0; i < p->n_team; i++) {
		struct tally *t = tally_of(a, &p->team[i].org);
		if (!t)
			continue;
		if (p->team[i].role == ROLE_LEAD)
			t->led++;
		else
			t->joined++;
	}
	/* interest of an organisation on the team counts as its role only, as in
	 * the interface's view 4 (the organisation index keeps one entry per
	 * organisation and project): "interested" are those still to be won */
	for (size_t i = 0; i < p->n_interested; i++) {
		struct tally *t = tally_of(a, &p->interested[i]);
		if (t && !project_member(p, &p->interested[i]))
			t->interested++;
	}
	return 0;
}

struct sorted {
	const struct organisation *o;
	char *folded;
};

static int cmp_sorted(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	return strcmp(x->folded, y->folded);
}

static bool matches_text(const struct organisation *o, const char *folded_name, const char *text,
			 const char *folded_text)
{
	if (!text)
		return true;
	if (o->ags && text_has_prefix(o->ags, text))
		return true;
	return text_word_prefix(folded_name, folded_text);
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "kind", 'k', true },
		{ "category", 'c', true },
		{ "filter", 'f', true },
		{ "format", 0, true },
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_TABLE;
	bool by_kind = false, by_cat = false;
	enum org_kind kind = ORG_OTHER;
	enum category cat = CAT_NONE;
	const char *text = NULL, *val;
	char *folded_text = NULL;
	struct txn *t = NULL;
	struct count_arg ca = { 0 };
	struct sorted *rows = NULL;
	size_t n_rows = 0;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			if (!org_kind_parse(val, &kind)) {
				st = status_fail(STATUS_USAGE,
						 _("--kind: expected municipality, county, provider, ministry or other"));
				goto out;
			}
			by_kind = true;
		} else if (o == 1) {
			if (!category_parse(val, &cat)) {
				st = status_fail(STATUS_USAGE,
						 _("--category: expected municipality, medium-town, large-town, city or county"));
				goto out;
			}
			by_cat = true;
		} else if (o == 2) {
			text = val;
		} else if ((st = cli_parse_format(val, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK) {
			goto out;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if (!text && p.pos.n == 1)
		text = p.pos.v[0];
	else if ((st = cli_want_pos(&p, 0, 0, "[--kind K] [--category C] [--filter TEXT]")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	const struct catalog *c = &ctx->catalog;
	ca.c = c;
	ca.t = xcalloc(c->n_orgs ? c->n_orgs : 1, sizeof(*ca.t));
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if ((st = store_project_each(t, count_project, &ca)) != STATUS_OK)
		goto out;
	if (text)
		folded_text = text_fold(text);
	rows = xcalloc(c->n_orgs ? c->n_orgs : 1, sizeof(*rows));
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *org = &c->orgs[i];
		if (by_kind && org->kind != kind)
			continue;
		if (by_cat && org->category != cat)
			continue;
		char *folded = text_fold(org->name ? org->name : "");
		if (!matches_text(org, folded, text, folded_text)) {
			free(folded);
			continue;
		}
		rows[n_rows++] = (struct sorted){ org, folded };
	}
	if (n_rows)
		qsort(rows, n_rows, sizeof(*rows), cmp_sorted);

	if (fmt == CLI_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n_rows; i++) {
			const struct organisation *org = rows[i].o;
			const struct tally *tl = &ca.t[org - c->orgs];
			json_t *j = json_object();
			json_object_set_new(j, "uuid", cli_json_uuid(&org->id));
			json_object_set_new(j, "name", cli_json_str(org->name));
			json_object_set_new(j, "kind", json_string(org_kind_code(org->kind)));
			json_object_set_new(j, "category", org->category ? json_string(category_code(org->category)) : json_null());
			json_object_set_new(j, "ags", cli_json_str(org->ags));
			json_object_set_new(j, "population", org->population ? json_integer(org->population) : json_null());
			json_object_set_new(j, "county_ags", cli_json_str(org->county_ags));
			json_object_set_new(j, "size_class", cli_json_str(org->size_class));
			json_object_set_new(j, "led", json_integer(tl->led));
			json_object_set_new(j, "joined", json_integer(tl->joined));
			json_object_set_new(j, "interested", json_integer(tl->interested));
			json_array_append_new(arr, j);
		}
		cli_json_print(ctx->out, arr);
		goto out;
	}
	static const struct cli_col cols[] = {
		{ N_("Name"), CLI_LEFT, 40, true },
		{ N_("Kind"), CLI_LEFT, 0, false },
		{ N_("Category"), CLI_LEFT, 0, false },
		{ N_("AGS"), CLI_LEFT, 0, false },
		{ N_("Population"), CLI_RIGHT, 0, false },
		{ N_("Led"), CLI_RIGHT, 0, false },
		{ N_("Joined"), CLI_RIGHT, 0, false },
		{ N_("Interested"), CLI_RIGHT, 0, false },
	};
	struct cli_table tab;
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < n_rows; i++) {
		const struct organisation *org = rows[i].o;
		const struct tally *tl = &ca.t[org - c->orgs];
		cli_table_cell(&tab, org->name);
		cli_table_cell(&tab, org_kind_code(org->kind));
		cli_table_cell(&tab, org->category ? category_code(org->category) : "");
		cli_table_cell(&tab, org->ags);
		if (org->population)
			cli_table_cell_num(&tab, org->population);
		else
			cli_table_cell(&tab, "");
		cli_table_cellf(&tab, "%u", (unsigned)tl->led);
		cli_table_cellf(&tab, "%u", (unsigned)tl->joined);
		cli_table_cellf(&tab, "%u", (unsigned)tl->interested);
	}
	if (n_rows || fmt == CLI_TSV)
		cli_table_print(&tab, ctx->out, fmt);
	else
		fputs(_("no organisations match\n"), ctx->out);
	cli_table_fini(&tab);
out:
	store_txn_end(t);
	for (size_t i = 0; i < n_rows; i++)
		free(rows[i].folded);
	free(rows);
	free(ca.t);
	free(folded_text);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_orgs = {
	.name = "orgs",
	.usage = "[--kind K] [--category C] [--filter TEXT] [--format table|tsv|json]",
	.summary = N_("list organisations with their project counts"),
	.help =
		N_("Lists the organisations: name, kind, category, AGS, population and how many\n"
		"projects each leads, has joined (member or advisor) and is interested in\n"
		"without being on its team.\n"
		"\n"
		"  -k, --kind K        municipality, county, provider, ministry or other\n"
		"  -c, --category C    municipality, medium-town, large-town, city or county\n"
		"  -f, --filter TEXT   names with a word starting with TEXT, or AGS starting with it\n"
		"                      (case and accents do not matter)\n"
		"      --format F      table (default), tsv or json\n"
		"\n"
		"Example: ozgtui orgs --category city;  ozgtui orgs --filter 05158\n"),
	.flags = CMD_READS,
	.run = run,
};
