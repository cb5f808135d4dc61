/* cmd_service_categories.c - `ozgtui service-categories OZGID CAT,...|default` */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

/* The verdicts of the projects that have the service, by UUID. */
struct verdicts {
	const struct catalog *c;
	struct txn *t;
	struct uuid *ids;
	bool *rep;
	size_t n, cap;
};

static int note_project(const struct uuid *id, void *arg)
{
	struct verdicts *v = arg;
	struct project p;
	project_init(&p);
	if (store_project_get(v->t, id, &p) == STATUS_OK) {
		xgrow((void **)&v->ids, &v->cap, v->n + 1, sizeof(*v->ids));
		v->rep = xrealloc(v->rep, v->cap * sizeof(*v->rep));
		v->ids[v->n] = *id;
		v->rep[v->n] = rules_check_team(v->c, &p).representative;
		v->n++;
	}
	project_fini(&p);
	return 0;
}

static enum status verdicts_of(struct cmd_ctx *ctx, uint32_t ozg_id, struct verdicts *v)
{
	free(v->ids);
	free(v->rep);
	memset(v, 0, sizeof(*v));
	v->c = &ctx->catalog;
	enum status st = store_read_begin(ctx->store, &v->t);
	if (st == STATUS_OK)
		st = store_project_ids_with_service(v->t, ozg_id, note_project, v);
	store_txn_end(v->t);
	v->t = NULL;
	return st;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cli_parser p;
	struct verdicts before = { 0 }, after = { 0 };
	struct buf b;
	const char *val;
	char *bad = NULL;
	int o;
	enum status st = STATUS_OK;
	buf_init(&b);
	cli_parser_init(&p, argc, argv, NULL, 0);
	while ((o = cli_parser_next(&p, &val)) >= 0)
		;
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 2, 2, "OZGID CAT,...|default")) != STATUS_OK)
		goto out;
	uint32_t mask = 0;
	if (strcmp(p.pos.v[1], "default") != 0 && !category_mask_parse(p.pos.v[1], &mask, &bad)) {
		cli_text(&b, bad ? bad : p.pos.v[1]);
		st = status_fail(STATUS_USAGE,
				 _("unknown category '%s' (municipality, medium-town, large-town, city, county or 1-5; or default)"),
				 b.data);
		goto out;
	}
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	uint32_t ozg_id;
	if ((st = cli_find_service(ctx, p.pos.v[0], &ozg_id)) != STATUS_OK)
		goto out;
	if ((st = verdicts_of(ctx, ozg_id, &before)) != STATUS_OK)
		goto out;
	if ((st = ops_service_categories(ctx->store, ozg_id, mask)) != STATUS_OK)
		goto out;
	if ((st = cli_reload_catalog(ctx)) != STATUS_OK)
		goto out;
	if ((st = verdicts_of(ctx, ozg_id, &after)) != STATUS_OK)
		goto out;
	size_t changed = 0;
	for (size_t i = 0; i < after.n; i++)
		for (size_t j = 0; j < before.n; j++)
			if (uuid_cmp(&after.ids[i], &before.ids[j]) == 0 && after.rep[i] != before.rep[j])
				changed++;
	const struct service *s = catalog_service(&ctx->catalog, ozg_id);
	buf_reset(&b);
	buf_printf(&b, "%u ", (unsigned)ozg_id);
	cli_text(&b, s ? s->name : "?");
	buf_puts(&b, _(": delivered by "));
	category_mask_format(&b, s ? service_delivery(s) : CAT_DEFAULT_DELIVERY);
	if (!mask)
		buf_puts(&b, _(" (default)"));
	fprintf(ctx->out, _("%s\n%zu of %zu projects with this service changed their team verdict\n"),
		b.data, changed, after.n);
out:
	free(bad);
	free(before.ids);
	free(before.rep);
	free(after.ids);
	free(after.rep);
	buf_fini(&b);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_service_categories = {
	.name = "service-categories",
	.usage = "OZGID CAT,...|default",
	.summary = N_("set which municipality categories deliver a service"),
	.help =
		N_("Sets the categories that deliver an OZG service (the topic-field sponsors' data):\n"
		"a comma-separated list of municipality, medium-town, large-town, city, county (or\n"
		"1-5), or `default` to unset it (then categories 1-4 count). Prints the service's\n"
		"categories and how many projects' team verdicts changed.\n"
		"\n"
		"Example: ozgtui service-categories 10000 municipality,city\n"),
	.flags = CMD_WRITES,
	.run = run,
};
