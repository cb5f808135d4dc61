/* cmdline.c - the TUI's ':' command line: runs the same command table as the
 * CLI (cmd_dispatch) with its output captured into the pager, with history
 * and Tab completion of verbs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "ozgtui/cmd.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

/* ---- the ':' command line ---------------------------------------------- */

static void complete_verb(struct tui *t, struct buf *line, void *arg)
{
	(void)arg;
	const char *s = line->data ? line->data : "";
	if (strchr(s, ' '))
		return;
	size_t len = strlen(s);
	const char *first = NULL;
	size_t common = 0, matches = 0;
	struct buf names;
	buf_init(&names);
	for (size_t i = 0; i < cmd_table_len; i++) {
		const char *name = cmd_table[i]->name;
		if (strncmp(name, s, len) != 0)
			continue;
		if (!first) {
			first = name;
			common = strlen(name);
		} else {
			size_t j = 0;
			while (j < common && first[j] == name[j])
				j++;
			common = j;
		}
		buf_printf(&names, "%s%s", matches ? " " : "", name);
		matches++;
	}
	if (matches == 1) {
		buf_reset(line);
		buf_puts(line, first);
		buf_putc(line, ' ');
		t->msg[0] = '\0';
	} else if (matches > 1) {
		char *pre = xstrndup(first, common);
		buf_reset(line);
		buf_puts(line, pre);
		free(pre);
		tui_message(t, THEME_STATUS, "%s", names.data);
	}
	buf_fini(&names);
}

/* Splits a command line like a shell would for simple cases: words, '...'
 * and "..." quoting, backslash escapes. */
static void split_args(const char *s, struct strv *out)
{
	struct buf w;
	buf_init(&w);
	bool in_word = false;
	char quote = 0;
	for (; *s; s++) {
		char c = *s;
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"' && s[1])
				buf_putc(&w, *++s);
			else
				buf_putc(&w, c);
		} else if (c == '\'' || c == '"') {
			quote = c;
			in_word = true;
		} else if (c == '\\' && s[1]) {
			buf_putc(&w, *++s);
			in_word = true;
		} else if (c == ' ' || c == '\t') {
			if (in_word) {
				strv_push(out, w.data ? w.data : "");
				buf_reset(&w);
				in_word = false;
			}
		} else {
			buf_putc(&w, c);
			in_word = true;
		}
	}
	if (in_word)
		strv_push(out, w.data ? w.data : "");
	buf_fini(&w);
}

void tui_command_line(struct tui *t)
{
	struct tui_prompt p = {.label = ":", .history = &t->cmd_history, .complete = complete_verb};
	char *line = tui_prompt_run(t, &p);
	if (!line)
		return;
	struct strv args;
	strv_init(&args);
	split_args(line, &args);
	if (args.n && strcmp(args.v[0], "ozgtui") == 0 && args.n > 1) {
		free(args.v[0]);
		memmove(args.v, args.v + 1, (args.n - 1) * sizeof *args.v);
		args.n--;
	}
	if (args.n == 0)
		goto out;
	if (strcmp(args.v[0], "q") == 0 || strcmp(args.v[0], "quit") == 0) {
		t->quit = true;
		goto out;
	}
	char *obuf = NULL, *ebuf = NULL;
	size_t olen = 0, elen = 0;
	FILE *o = open_memstream(&obuf, &olen);
	FILE *e = open_memstream(&ebuf, &elen);
	if (!o || !e) {
		if (o)
			fclose(o);
		if (e)
			fclose(e);
		tui_message(t, THEME_STATUS_ERROR, _("cannot run a command: %s"), strerror(errno));
		goto out;
	}
	FILE *save_out = t->ctx->out, *save_err = t->ctx->err;
	t->ctx->out = o;
	t->ctx->err = e;
	status_clear();
	/* cmd_dispatch may permute argv (getopt): give it a copy of the pointers. */
	char **argv = xcalloc(args.n + 1, sizeof *argv);
	memcpy(argv, args.v, args.n * sizeof *argv);
	enum status st = cmd_dispatch(t->ctx, (int)args.n, argv);
	free(argv);
	t->ctx->out = save_out;
	t->ctx->err = save_err;
	fclose(o);
	fclose(e);
	struct buf text;
	buf_init(&text);
	buf_append(&text, obuf, olen);
	buf_append(&text, ebuf, elen);
	free(obuf);
	free(ebuf);
	if (st != STATUS_OK && elen == 0 && *status_detail())
		buf_printf(&text, "ozgtui: %s: %s\n", args.v[0], status_detail());
	if (text.len) {
		char *title = xasprintf(":%s", line);
		tui_pager(t, title, text.data);
		free(title);
	}
	buf_fini(&text);
	if (st == STATUS_OK)
		tui_message(t, THEME_STATUS_OK, "✓ :%s", line);
	else
		tui_message(t, THEME_STATUS_ERROR, _("✗ :%s: %s (exit %d)"), line, _(status_message(st)),
			    status_exit_code(st));
	/* A command may have reopened the store or reloaded the catalog: follow it,
	 * and reload everything so no view keeps a pointer into an old catalog. */
	if (t->ctx->store != t->store) {
		if (!t->ctx->store)
			cmd_open_store(t->ctx, t->ctx->readonly ? CMD_READS : CMD_READS | CMD_WRITES);
		t->store = t->ctx->store;
	}
	if (t->store) {
		tui_reload(t);
	} else {
		/* nothing left to show: leave, the caller prints why */
		t->quit = true;
	}
out:
	strv_fini(&args);
	free(line);
}

