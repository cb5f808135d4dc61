/* check_config.c - `ozgtui --check-config`: config, key and theme files, file:line each. */
#include "ozgtui/check_config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"
#include "ozgtui/keymap.h"
#include "ozgtui/refdata.h"
#include "ozgtui/theme.h"

static bool read_text(const char *path, struct buf *b, int *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		*err = errno;
		return false;
	}
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	*err = ferror(f) ? EIO : 0;
	fclose(f);
	return *err == 0;
}

static void report(FILE *err, const char *line, size_t *problems)
{
	cli_puts(err, line);
	fputc('\n', err);
	(*problems)++;
}

/* [new-database] gate phases must exist in the preset the new database gets. */
static void check_new_database(const struct config *c, FILE *err, size_t *problems)
{
	struct phase_list l;
	phase_list_init(&l);
	if (c->phases == PHASES_KDN)
		phase_list_kdn(&l);
	else
		phase_list_default(&l);
	const struct config_str *gates[] = {&c->gate_scope, &c->gate_team};
	for (size_t i = 0; i < 2; i++) {
		uint8_t id;
		if (!gates[i]->value || config_gate_phase(&l, gates[i]->value, &id) == STATUS_OK)
			continue;
		char *m = xasprintf("%s:%u: %s: %s", c->path, gates[i]->line, i ? "gate-team" : "gate-scope",
				    status_detail());
		report(err, m, problems);
		free(m);
	}
	phase_list_fini(&l);
}

static void check_keys(const struct config *c, FILE *out, FILE *err, size_t *problems)
{
	char *path = c->keys.value ? xstrdup(c->keys.value) : keymap_user_path();
	struct keymap k;
	keymap_init(&k);
	keymap_load_defaults(&k);
	struct buf b;
	buf_init(&b);
	int e;
	if (!read_text(path, &b, &e)) {
		if (e == ENOENT && !c->keys.value) {
			fprintf(out, _("keys:   %s (none: the default keys apply)\n"), path);
		} else {
			char *m = c->keys.value ? xasprintf("%s:%u: keys: %s: %s", c->path, c->keys.line, path, strerror(e))
						: xasprintf("%s: %s", path, strerror(e));
			report(err, m, problems);
			free(m);
		}
	} else {
		keymap_parse(&k, path, b.data ? b.data : "");
		for (size_t i = 0; i < k.warnings.n; i++)
			report(err, k.warnings.v[i], problems);
		fprintf(out, _("keys:   %s\n"), path);
	}
	buf_fini(&b);
	keymap_fini(&k);
	free(path);
}

static void check_theme_file(const char *path, FILE *out, FILE *err, size_t *problems)
{
	struct theme t;
	struct strv w;
	struct buf b;
	theme_init(&t);
	strv_init(&w);
	buf_init(&b);
	int e;
	if (!read_text(path, &b, &e)) {
		char *m = xasprintf("%s: %s", path, strerror(e));
		report(err, m, problems);
		free(m);
	} else {
		theme_parse(&t, path, b.data ? b.data : "", &w);
		for (size_t i = 0; i < w.n; i++)
			report(err, w.v[i], problems);
		fprintf(out, _("theme:  %s\n"), path);
	}
	buf_fini(&b);
	strv_fini(&w);
	theme_fini(&t);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_themes(const struct check_config_input *in, FILE *out, FILE *err, size_t *problems)
{
	struct strv dirs, files;
	strv_init(&dirs);
	strv_init(&files);
	theme_search_dirs(&dirs);
	/* the theme in use: found where the interface would find it */
	const char *name = in->theme;
	if (name && *name && strcmp(name, "default") != 0) {
		char *found = NULL;
		if (strchr(name, '/')) {
			found = xstrdup(name);
		} else {
			for (size_t i = 0; i < dirs.n && !found; i++) {
				char *p = xasprintf("%s/%s.theme", dirs.v[i], name);
				struct stat sb;
				if (stat(p, &sb) == 0)
					found = p;
				else
					free(p);
			}
		}
		if (found) {
			strv_push(&files, found);
			free(found);
		} else {
			unsigned line = in->config->theme.line;
			char *m = line ? xasprintf(_("%s:%u: theme: no theme '%s' (looked in %s)"), in->config->path, line,
						   name, dirs.v[0])
				       : xasprintf(_("--theme: no theme '%s' (looked in %s)"), name, dirs.v[0]);
			report(err, m, problems);
			free(m);
		}
	}
	/* every theme of the user's own */
	DIR *d = dirs.n ? opendir(dirs.v[0]) : NULL;
	if (d) {
		struct dirent *de;
		struct strv mine;
		strv_init(&mine);
		while ((de = readdir(d))) {
			size_t n = strlen(de->d_name);
			if (n > 6 && strcmp(de->d_name + n - 6, ".theme") == 0) {
				char *p = xasprintf("%s/%s", dirs.v[0], de->d_name);
				strv_push(&mine, p);
				free(p);
			}
		}
		closedir(d);
		if (mine.n)   /* qsort(NULL, 0, ...) is undefined */
			qsort(mine.v, mine.n, sizeof mine.v[0], cmp_str);
		for (size_t i = 0; i < mine.n; i++)
			if (!strv_contains(&files, mine.v[i]))
				strv_push(&files, mine.v[i]);
		strv_fini(&mine);
	}
	for (size_t i = 0; i < files.n; i++)
		check_theme_file(files.v[i], out, err, problems);
	strv_fini(&files);
	strv_fini(&dirs);
}

enum status check_config_run(const struct check_config_input *in, FILE *out, FILE *err)
{
	size_t problems = 0;
	for (size_t i = 0; i < in->config_problems->n; i++)
		report(err, in->config_problems->v[i], &problems);
	if (in->config_read) {
		fprintf(out, _("config: %s\n"), in->config_path);
		check_new_database(in->config, err, &problems);
	} else if (in->config_path) {
		fprintf(out, _("config: %s (none: the defaults apply)\n"), in->config_path);
	}
	check_keys(in->config, out, err, &problems);
	check_themes(in, out, err, &problems);
	if (problems) {
		fprintf(out, P_("%zu problem\n", "%zu problems\n", problems), problems);
		return status_fail(STATUS_DATA, P_("%zu problem in the configuration", "%zu problems in the configuration",
						   problems),
				   problems);
	}
	fprintf(out, "%s\n", _("ok"));
	return STATUS_OK;
}
