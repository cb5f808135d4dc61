/* cmd_snapshot.c - `ozgtui snapshot save|list|rm|diff`: named states (Stände). */
#include <inttypes.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/snapshot.h"
#include "ozgtui/i18n.h"

static enum status cmd_save(struct cmd_ctx *ctx, const char *name, const char *note, bool remove)
{
	struct snapshot saved;
	snapshot_init(&saved);
	enum status st;
	if (!remove && (st = snapshot_check_name(name)) != STATUS_OK)
		goto out;
	if ((st = cmd_open_store(ctx, CMD_WRITES)) != STATUS_OK)
		goto out;
	if ((st = remove ? snapshot_remove(ctx->store, name) : snapshot_save(ctx->store, name, note, &saved)) !=
	    STATUS_OK)
		goto out;
	struct buf shown;
	buf_init(&shown);
	cli_text(&shown, name);
	if (remove) {
		fprintf(ctx->out, _("removed snapshot '%s'\n"), shown.data ? shown.data : "");
	} else {
		char when[21];
		time_format(saved.created, when);
		fprintf(ctx->out, _("saved snapshot '%s' at revision %" PRIu64 " (%s)\n"), shown.data ? shown.data : "",
			saved.revision, when);
	}
	buf_fini(&shown);
out:
	snapshot_fini(&saved);
	return st;
}

struct list_ctx {
	struct cli_table *tab;
	json_t *arr;
};

static int list_cb(const struct snapshot *s, void *arg)
{
	struct list_ctx *l = arg;
	char when[21];
	time_format(s->created, when);
	if (l->arr) {
		json_t *o = json_object();
		json_object_set_new(o, "name", cli_json_str(s->name));
		json_object_set_new(o, "created", cli_json_time(s->created));
		json_object_set_new(o, "user", cli_json_str(s->user));
		json_object_set_new(o, "revision", json_integer((json_int_t)s->revision));
		json_object_set_new(o, "note", cli_json_str(s->note));
		json_array_append_new(l->arr, o);
	} else {
		cli_table_cell(l->tab, s->name);
		cli_table_cell(l->tab, when);
		cli_table_cell(l->tab, s->user);
		cli_table_cellf(l->tab, "%" PRIu64, s->revision);
		cli_table_cell(l->tab, s->note);
	}
	return 0;
}

static enum status cmd_list(struct cmd_ctx *ctx, enum cli_format fmt)
{
	static const struct cli_col cols[] = {
		{ N_("Name"), CLI_LEFT, 30, true },
		{ N_("Created"), CLI_LEFT, 0, false },
		{ N_("User"), CLI_LEFT, 16, false },
		{ N_("Revision"), CLI_RIGHT, 0, false },
		{ N_("Note"), CLI_LEFT, 40, true },
	};
	struct cli_table tab;
	struct txn *t = NULL;
	struct list_ctx l = {.tab = &tab};
	cli_table_init(&tab, cols, ARRAY_LEN(cols));
	enum status st;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if (fmt == CLI_JSON)
		l.arr = json_array();
	if ((st = store_snapshot_each(t, list_cb, &l)) != STATUS_OK)
		goto out;
	if (l.arr) {
		cli_json_print(ctx->out, l.arr);
		l.arr = NULL;
	} else if (cli_table_rows(&tab)) {
		cli_table_print(&tab, ctx->out, fmt);
	} else if (fmt == CLI_TABLE) {
		fputs(_("no snapshots; save one with `ozgtui snapshot save NAME`\n"), ctx->out);
	}
out:
	json_decref(l.arr);
	store_txn_end(t);
	cli_table_fini(&tab);
	return st;
}

/* Resolves a side of a diff: a snapshot name, or "now". */
static enum status side(struct txn *t, const char *name, uint64_t *rev, char **text_label, char **md_label)
{
	if (!name || strcmp(name, "now") == 0) {
		*rev = SNAPSHOT_NOW;
		*text_label = xstrdup(_("now"));
		*md_label = xstrdup("aktueller Stand");
		return STATUS_OK;
	}
	struct snapshot s;
	snapshot_init(&s);
	enum status st = store_snapshot_get(t, name, &s);
	if (st == STATUS_OK) {
		char day[11], shown[32];
		date_format(date_from_time(s.created), day);
		i18n_date(date_from_time(s.created), shown);
		*rev = s.revision;
		*text_label = xasprintf(_("snapshot '%s' (%s)"), s.name, shown);
		/* the Markdown report is a German document */
		*md_label = xasprintf("Stand „%s“ vom %s", s.name, day);
	}
	snapshot_fini(&s);
	return st;
}

static enum status cmd_diff(struct cmd_ctx *ctx, const char *a, const char *b, const char *filter_expr,
			    enum cli_format fmt)
{
	struct txn *t = NULL;
	struct filter *filter = NULL;
	struct snapshot_diff d;
	struct buf out;
	char *ta = NULL, *tb = NULL, *ma = NULL, *mb = NULL;
	uint64_t ra = 0, rb = 0;
	snapshot_diff_init(&d);
	buf_init(&out);
	enum status st;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		goto out;
	if (filter_expr && (st = filter_compile(filter_expr, &ctx->catalog, &filter)) != STATUS_OK)
		goto out;
	if ((st = store_read_begin(ctx->store, &t)) != STATUS_OK)
		goto out;
	if ((st = side(t, a, &ra, &ta, &ma)) != STATUS_OK || (st = side(t, b, &rb, &tb, &mb)) != STATUS_OK)
		goto out;
	if ((st = snapshot_diff_filtered(t, &ctx->catalog, filter, clock_today(), ra, rb, &d)) != STATUS_OK)
		goto out;
	if (fmt == CLI_JSON) {
		cli_json_print(ctx->out, snapshot_diff_json(&d, &ctx->catalog, a, b ? b : "now"));
	} else if (fmt == CLI_TEXT) {
		snapshot_diff_text(&d, &ctx->catalog, ta, tb, &out);
		fwrite(out.data, 1, out.len, ctx->out);
	} else {
		snapshot_diff_markdown(&d, &ctx->catalog, ma, mb, 2, &out);
		/* the renderer starts with a blank line between sections */
		fwrite(out.data + (out.len && out.data[0] == '\n'), 1, out.len - (out.len && out.data[0] == '\n'),
		       ctx->out);
	}
out:
	store_txn_end(t);
	filter_free(filter);
	snapshot_diff_fini(&d);
	buf_fini(&out);
	free(ta);
	free(tb);
	free(ma);
	free(mb);
	return st;
}

/* --format md is not one of the CLI's common formats: parsed here. */
enum diff_format { DIFF_TEXT, DIFF_JSON, DIFF_MD };

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "note", 'n', true },
		{ "format", 0, true },
		{ "filter", 'f', true },
	};
	static const char usage[] = "save NAME [--note TEXT] | list [--format table|json] | rm NAME | "
				    "diff A [B] [--format text|json|md] [--filter EXPR]";
	struct cli_parser p;
	const char *val, *note = NULL, *format = NULL, *filter = NULL;
	int o;
	enum status st = STATUS_OK;
	cli_parser_init(&p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(&p, &val)) >= 0) {
		if (o == 0)
			note = val;
		else if (o == 1)
			format = val;
		else
			filter = val;
	}
	if (o == -2) {
		st = STATUS_USAGE;
		goto out;
	}
	if ((st = cli_want_pos(&p, 1, 3, usage)) != STATUS_OK)
		goto out;
	const char *sub = p.pos.v[0];
	bool save = strcmp(sub, "save") == 0, rm = strcmp(sub, "rm") == 0, list = strcmp(sub, "list") == 0,
	     diff = strcmp(sub, "diff") == 0;
	if (!save && !rm && !list && !diff) {
		st = status_fail(STATUS_USAGE, _("expected save, list, rm or diff, not '%s'"), sub);
		goto out;
	}
	if (note && !save) {
		st = status_fail(STATUS_USAGE, _("--note belongs to `snapshot save`"));
		goto out;
	}
	if (format && !list && !diff) {
		st = status_fail(STATUS_USAGE, _("--format belongs to `snapshot list` and `snapshot diff`"));
		goto out;
	}
	if (filter && !diff) {
		st = status_fail(STATUS_USAGE, _("--filter belongs to `snapshot diff`"));
		goto out;
	}
	if (list) {
		enum cli_format fmt = CLI_TABLE;
		if ((st = cli_want_pos(&p, 1, 1, "list [--format table|tsv|json]")) != STATUS_OK ||
		    (format && (st = cli_parse_format(format, CLI_TABLE | CLI_TSV | CLI_JSON, &fmt)) != STATUS_OK))
			goto out;
		st = cmd_list(ctx, fmt);
	} else if (diff) {
		enum cli_format fmt = CLI_TEXT;
		if ((st = cli_want_pos(&p, 2, 3, "diff A [B] [--format text|json|md] [--filter EXPR]")) != STATUS_OK)
			goto out;
		if (format && (strcmp(format, "md") == 0 || strcmp(format, "markdown") == 0))
			fmt = CLI_TABLE;   /* stands for md here */
		else if (format && (st = cli_parse_format(format, CLI_TEXT | CLI_JSON, &fmt)) != STATUS_OK)
			goto out;
		st = cmd_diff(ctx, p.pos.v[1], p.pos.n > 2 ? p.pos.v[2] : NULL, filter, fmt);
	} else {
		if ((st = cli_want_pos(&p, 2, 2, save ? "save NAME [--note TEXT]" : "rm NAME")) != STATUS_OK)
			goto out;
		st = cmd_save(ctx, p.pos.v[1], note, rm);
	}
out:
	cli_parser_fini(&p);
	return st;
}

const struct cmd cmd_snapshot = {
	.name = "snapshot",
	.usage = "save NAME [--note TEXT] | list | rm NAME | diff A [B] [--format text|json|md]",
	.summary = N_("save, list, remove and compare named states (Stände)"),
	.help =
		N_("  save NAME [--note TEXT]  freezes the current state under NAME: projects, teams,\n"
		"                           phases, outcomes and delivering categories. Costs one\n"
		"                           small record; nothing can change a saved snapshot.\n"
		"  list [--format table|tsv|json]   oldest first\n"
		"  rm NAME                  removes the name (exit 66 when there is none)\n"
		"  diff A [B] [--format text|json|md] [--filter EXPR]\n"
		"                           what changed from snapshot A to snapshot B (default:\n"
		"                           now, also written `now`): projects added and removed,\n"
		"                           moved (forward, back, aside), team changes, verdict\n"
		"                           changes, outcomes opened and closed. With --filter only\n"
		"                           projects matching it in each state count: one that\n"
		"                           stopped matching shows as removed.\n"
		"Saving and removing are recorded in history. See docs/snapshots.md.\n"),
	.flags = CMD_WRITES,
	.run = run,
};
