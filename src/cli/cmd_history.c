/* cmd_history.c - `ozgtui history [ID] [--limit N] [--format text|json]` */
#include "ozgtui/cli_util.h"
#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

struct print_arg {
	struct cmd_ctx *ctx;
	enum cli_format fmt;
	size_t limit;
	size_t n;
	json_t *arr;
	struct cli_table *tab;
};

static int print_entry(const struct history_entry *e, void *arg)
{
	struct print_arg *a = arg;
	const struct catalog *c = &a->ctx->catalog;
	if (a->arr) {
		json_t *j = json_object();
		json_object_set_new(j, "seq", json_integer((json_int_t)e->seq));
		json_object_set_new(j, "time", cli_json_time(e->time));
		json_object_set_new(j, "user", cli_json_str(e->user));
		json_object_set_new(j, "entity", cli_json_str(e->entity));
		json_object_set_new(j, "entity_id", cli_json_uuid(&e->entity_id));
		json_object_set_new(j, "project", e->project_number ? json_integer(e->project_number) : json_null());
		json_object_set_new(j, "action", cli_json_str(e->action));
		json_object_set_new(j, "summary", cli_json_str(e->summary));
		if (e->from_phase || e->to_phase) {
			json_object_set_new(j, "from", cli_json_str(cli_phase_name(c, e->from_phase)));
			json_object_set_new(j, "to", cli_json_str(cli_phase_name(c, e->to_phase)));
		}
		json_object_set_new(j, "reason", cli_json_str(e->reason));
		json_object_set_new(j, "forced", json_boolean(e->forced));
		json_array_append_new(a->arr, j);
	} else {
		char when[21];
		time_format(e->time, when);
		cli_table_cell(a->tab, when);
		cli_table_cell(a->tab, e->user);
		if (e->project_number)
			cli_table_cellf(a->tab, "#%u", (unsigned)e->project_number);
		else
			cli_table_cell(a->tab, e->entity);
		cli_table_cell(a->tab, e->action);
		struct buf b;
		buf_init(&b);
		buf_puts(&b, e->summary ? e->summary : "");
		if (e->reason && e->reason[0]) {
			buf_puts(&b, _(" — reason: "));
			buf_puts(&b, e->reason);
		}
		if (e->forced)
			buf_puts(&b, _(" [forced]"));
		cli_table_cell(a->tab, b.data);
		buf_fini(&b);
	}
	a->n++;
	return a->limit && a->n >= a->limit;
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "limit", 'n', true },
		{ "format", 0, true },
	};
	struct cli_parser p;
	enum cli_format fmt = CLI_TEXT;
	uint32_t limit = 20;
	struct project pr;
	struct txn *t = NULL;
	const char *val;
	int o;
	enum status st = STATUS_OK;
	static const struct cli_col cols[] = {
		{ N_("Time"), CLI_LEFT, 0, false },
		{ N_("User"), CLI_LEFT, 16, false },
		{ N_("What"), CLI_LEFT, 0, false },
		{ N_("Action"), CLI_LEFT, 0, false },
		{ N_("Change"), CLI_LEFT, 0, true },
	};
	struct cli_table tab;
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	project_init(&pr);
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0) {
			if ((st = cli_parse_uint("limit", val, 0, UINT32_MAX, &limit)) != STATUS_OK)
				goto out;
		} else if ((st = cli_parse_format(val, CLI_TEXT | CLI_JSON, &fmt)) != STATUS_OK) {
			goto out;
		}
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 0, 1, "[ID] [--limit N] [--format text|json]")) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	struct print_arg a = { .ctx = ctx, .fmt = fmt, .limit = limit, .tab = &tab };
	if (fmt == CLI_JSON)
		a.arr = json_array();
	if (p.pos.n) {
		if ((st = ops_find_project(t, p.pos.v[0], &pr)) == STATUS_OK)
			st = store_history_each_for(t, &pr.id, print_entry, &a);
	} else {
		st = store_history_each(t, limit, print_entry, &a);
	}
	if (st != STATUS_OK) {
		json_decref(a.arr);
		goto out;
	}
	if (a.arr)
		cli_json_print(ctx->out, a.arr);
	else if (a.n)
		cli_table_print(&tab, ctx->out, CLI_TABLE);
	else
		fputs(_("no history\n"), ctx->out);
out:
	store_txn_end(t);
	cli_table_fini(&tab);
	project_fini(&pr);
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_history = {
	.name = "history",
	.usage = "[ID] [--limit N] [--format text|json]",
	.summary = N_("show who changed what, newest first"),
	.help =
		N_("Shows the history, newest first: time (UTC), the Unix user, the project, the action\n"
		"and what changed; moves show the reason and [forced] when a gate was overridden.\n"
		"With ID, only that project's history.\n"
		"\n"
		"  -n, --limit N    at most N entries (default 20; 0 = all)\n"
		"      --format F   text (default) or json\n"),
	.flags = CMD_READS,
	.run = run,
};
