/* complete.c - `ozgtui complete WHAT [PREFIX]`: candidates for the shell completions. */
#include "ozgtui/complete.h"
#include "ozgtui/i18n.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/theme.h"

struct cands {
	struct cmd_ctx *ctx;
	char *prefix;          /* folded */
	bool describe;
	struct strv seen;
};

static void offer(struct cands *c, const char *word, const char *desc)
{
	if (!word || !*word || strv_contains(&c->seen, word))
		return;
	char *f = text_fold(word);
	bool ok = text_has_prefix(f, c->prefix);
	free(f);
	if (!ok)
		return;
	strv_push(&c->seen, word);
	struct buf b;
	buf_init(&b);
	/* one candidate per line: no control characters from the database */
	cli_text(&b, word);
	if (c->describe && desc && *desc) {
		buf_putc(&b, '\t');
		cli_text(&b, desc);
	}
	for (char *p = b.data; p && *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(c->ctx->out, "%s\n", b.data ? b.data : "");
	buf_fini(&b);
}

/* The words starting with "--" in a usage line, without "=..." or brackets. */
static void offer_options(struct cands *c, const struct cmd *cmd)
{
	const char *u = cmd->usage;
	while ((u = strstr(u, "--"))) {
		size_t n = 2;
		while (u[n] && (u[n] == '-' || (u[n] >= 'a' && u[n] <= 'z') || (u[n] >= '0' && u[n] <= '9')))
			n++;
		char *w = xstrndup(u, n);
		if (n > 2)
			offer(c, w, NULL);
		free(w);
		u += n;
	}
	offer(c, "--help", NULL);
}

/* The values of "--format a|b|c" in a usage line. */
static void offer_formats(struct cands *c, const struct cmd *cmd)
{
	const char *u = strstr(cmd->usage, "--format ");
	if (!u)
		return;
	u += 9;
	while (*u && *u != ']' && *u != ' ') {
		size_t n = strcspn(u, "|] ");
		char *w = xstrndup(u, n);
		offer(c, w, NULL);
		free(w);
		u += n;
		if (*u == '|')
			u++;
	}
}

static int offer_project(const struct project *p, void *arg)
{
	char num[16];
	snprintf(num, sizeof num, "%u", (unsigned)p->number);
	offer(arg, num, p->title);
	return 0;
}

static void offer_themes(struct cands *c)
{
	offer(c, "default", NULL);
	struct strv dirs;
	strv_init(&dirs);
	theme_search_dirs(&dirs);
	for (size_t i = 0; i < dirs.n; i++) {
		DIR *d = opendir(dirs.v[i]);
		if (!d)
			continue;
		struct dirent *de;
		struct strv names;
		strv_init(&names);
		while ((de = readdir(d))) {
			size_t n = strlen(de->d_name);
			if (n > 6 && strcmp(de->d_name + n - 6, ".theme") == 0) {
				char *w = xstrndup(de->d_name, n - 6);
				strv_push(&names, w);
				free(w);
			}
		}
		closedir(d);
		for (size_t k = 0; k < names.n; k++)
			offer(c, names.v[k], NULL);
		strv_fini(&names);
	}
	strv_fini(&dirs);
}

enum status complete_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cands c = { .ctx = ctx };
	strv_init(&c.seen);
	int i = 1;
	if (i < argc && strcmp(argv[i], "--describe") == 0) {
		c.describe = true;
		i++;
	}
	const char *what = i < argc ? argv[i++] : "";
	const struct cmd *verb = NULL;
	if (strcmp(what, "options") == 0 || strcmp(what, "formats") == 0)
		verb = i < argc ? cmd_find(argv[i++]) : NULL;
	c.prefix = text_fold(i < argc ? argv[i] : "");
	enum status st = STATUS_OK;
	if (strcmp(what, "verbs") == 0) {
		for (size_t k = 0; k < cmd_table_len; k++)
			offer(&c, cmd_table[k]->name, cmd_table[k]->summary);
	} else if (strcmp(what, "options") == 0) {
		if (verb)
			offer_options(&c, verb);
	} else if (strcmp(what, "formats") == 0) {
		if (verb)
			offer_formats(&c, verb);
	} else if (strcmp(what, "themes") == 0) {
		offer_themes(&c);
	} else if (strcmp(what, "phases") == 0 || strcmp(what, "fields") == 0 || strcmp(what, "projects") == 0) {
		ctx->readonly = true;
		if (cmd_open_store(ctx, CMD_READS) != STATUS_OK)
			goto out;   /* no database: no candidates, no message */
		const struct catalog *cat = &ctx->catalog;
		if (what[0] == 'p' && what[1] == 'h') {
			for (size_t k = 0; k < cat->phases.n; k++)
				offer(&c, cat->phases.v[k].name, cat->phases.v[k].slug);
		} else if (what[0] == 'f') {
			for (size_t k = 0; k < cat->n_fields; k++)
				offer(&c, cat->fields[k].slug, cat->fields[k].name);
		} else {
			struct txn *t = NULL;
			if (store_read_begin(ctx->store, &t) == STATUS_OK)
				store_project_each(t, offer_project, &c);
			store_txn_end(t);
		}
	} else {
		st = status_fail(STATUS_USAGE, _("complete: unknown list '%s' (verbs, options, formats, phases, fields, "
					       "projects, themes)"), what);
	}
out:
	status_clear();
	if (st != STATUS_OK)
		status_fail(st, _("complete: unknown list (verbs, options, formats, phases, fields, projects, themes)"));
	free(c.prefix);
	strv_fini(&c.seen);
	return st;
}
