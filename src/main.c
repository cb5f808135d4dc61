/* main.c - global options and the config file, then a CLI verb (cmd_dispatch)
 * or the full-screen interface.
 *
 * Precedence of every setting: command line > environment > config file
 * ($XDG_CONFIG_HOME/ozgtui/config, --config FILE) > defaults.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ozgtui/check_config.h"
#include "ozgtui/cli_util.h"
#include "ozgtui/cmd.h"
#include "ozgtui/complete.h"
#include "ozgtui/config.h"
#include "ozgtui/i18n.h"
#include "ozgtui/progress.h"
#include "ozgtui/tui.h"

/* Prints "ozgtui: MSG (see ozgtui --help)"; takes msg. */
static int usage_error(char *msg)
{
	fprintf(stderr, _("ozgtui: %s (see ozgtui --help)\n"), msg);
	free(msg);
	return status_exit_code(STATUS_USAGE);
}

/* A copy of a command-line word safe to print; caller frees. */
static char *shown(const char *s)
{
	struct buf b;
	buf_init(&b);
	cli_text(&b, s);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* "--name=value" or "--name value": the value, advancing *i; NULL when a is not --name. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	*missing = false;
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

static bool parse_color(const char *v, int *out)
{
	if (strcmp(v, "never") == 0)
		*out = -1;
	else if (strcmp(v, "auto") == 0)
		*out = 0;
	else if (strcmp(v, "always") == 0)
		*out = 1;
	else
		return false;
	return true;
}

struct globals {
	const char *db, *theme, *config;
	int color;
	bool color_given, readonly, mouse, a11y, ignore_config, check_config;
};

int main(int argc, char **argv)
{
	struct cmd_ctx ctx;
	struct tui_options topts = { .theme = NULL, .color = 0, .mouse = false };
	struct globals g = { 0 };
	struct config conf;
	struct strv problems;
	int i, rc;
	enum status st;

	i18n_init(NULL);
	cmd_ctx_init(&ctx);
	config_init(&conf);
	strv_init(&problems);

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v;
		bool missing;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cmd_print_overview(stdout);
			return fflush(stdout) == 0 ? 0 : status_exit_code(STATUS_IO);
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("ozgtui %s\n", OZGTUI_VERSION);
			return fflush(stdout) == 0 ? 0 : status_exit_code(STATUS_IO);
		}
		if (strcmp(a, "--readonly") == 0) {
			g.readonly = true;
		} else if (strcmp(a, "--mouse") == 0) {
			g.mouse = true;
		} else if (strcmp(a, "--a11y") == 0) {
			g.a11y = true;
		} else if (strcmp(a, "--ignore-config") == 0) {
			g.ignore_config = true;
		} else if (strcmp(a, "--check-config") == 0) {
			g.check_config = true;
		} else if ((v = option_value(argc, argv, &i, "--db", &missing)) || missing) {
			if (missing || !*v)
				return usage_error(xstrdup(_("option '--db' needs a directory")));
			g.db = v;
		} else if ((v = option_value(argc, argv, &i, "--config", &missing)) || missing) {
			if (missing || !*v)
				return usage_error(xstrdup(_("option '--config' needs a file")));
			g.config = v;
		} else if ((v = option_value(argc, argv, &i, "--theme", &missing)) || missing) {
			if (missing || !*v)
				return usage_error(xstrdup(_("option '--theme' needs a theme name")));
			g.theme = v;
		} else if ((v = option_value(argc, argv, &i, "--color", &missing)) || missing) {
			if (missing)
				return usage_error(xstrdup(_("option '--color' needs never, auto or always")));
			if (!parse_color(v, &g.color)) {
				char *x = shown(v);
				rc = usage_error(xasprintf(_("--color: expected never, auto or always, not '%s'"), x));
				free(x);
				return rc;
			}
			g.color_given = true;
		} else {
			char *x = shown(a);
			rc = usage_error(xasprintf(_("unknown option '%s'"), x));
			free(x);
			return rc;
		}
	}
	if (g.ignore_config && g.config)
		return usage_error(xstrdup(_("--config and --ignore-config exclude each other")));
	/* `ozgtui check-config` is the same as --check-config */
	if (i < argc && strcmp(argv[i], "check-config") == 0) {
		if (i + 1 < argc)
			return usage_error(xstrdup(_("check-config takes no arguments")));
		g.check_config = true;
		i = argc;
	}

	/* the config file: read, never written */
	char *config_path = NULL;
	bool config_read = false;
	if (!g.ignore_config) {
		config_path = g.config ? xstrdup(g.config) : config_default_path();
		st = config_load(&conf, config_path, g.config != NULL, &problems);
		config_read = conf.path != NULL;
		if ((st == STATUS_NOT_FOUND || st == STATUS_IO) && g.config && !g.check_config) {
			cli_print_error(stderr, NULL, status_detail());
			rc = status_exit_code(st);
			goto done;
		}
		i18n_set_language(conf.language.value);
	}
	if (g.check_config) {
		struct check_config_input in = {
			.config = &conf,
			.config_path = config_path,
			.config_read = config_read,
			.config_problems = &problems,
			.theme = g.theme ? g.theme : conf.theme.value,
		};
		st = check_config_run(&in, stdout, stderr);
		if (fflush(stdout) != 0 && st == STATUS_OK)
			st = STATUS_IO;
		rc = status_exit_code(st);
		goto done;
	}
	/* the shell completions: quiet, no warnings in the user's command line */
	bool completing = i < argc && strcmp(argv[i], "complete") == 0;
	/* bad lines are reported and skipped; the rest applies */
	for (size_t k = 0; k < problems.n && !completing; k++) {
		char *m = xasprintf(_("warning: %s"), problems.v[k]);
		cli_print_error(stderr, NULL, m);
		free(m);
	}

	/* command line > environment > config file > defaults */
	const char *env_db = getenv("OZGTUI_DB");
	ctx.db_dir = g.db ? g.db : (env_db && *env_db) ? NULL : conf.database.value;
	ctx.readonly = g.readonly;
	ctx.config = &conf;
	topts.theme = g.theme ? g.theme : conf.theme.value;
	topts.mouse = g.mouse || conf.mouse;
	topts.a11y = g.a11y || conf.a11y;
	topts.keys = conf.keys.value;
	/* https://no-color.org: an explicit --color wins */
	const char *no_color = getenv("NO_COLOR");
	if (g.color_given)
		topts.color = g.color;
	else if (no_color && *no_color)
		topts.color = -1;
	else
		topts.color = conf.color;

	if (i >= argc) {
		/* the interface opens the database itself (and seeds a new one) */
		st = tui_main(&ctx, &topts);
		if (st != STATUS_OK) {
			const char *d = status_detail();
			cli_print_error(stderr, NULL, d[0] ? d : _(status_message(st)));
		}
	} else if (completing) {
		st = complete_run(&ctx, argc - i, argv + i);
		if (st != STATUS_OK)
			cli_print_error(stderr, NULL, status_detail());
	} else {
		/* long verbs show progress on a terminal (never in the interface) */
		progress_enable();
		st = cmd_dispatch(&ctx, argc - i, argv + i);
	}
	rc = status_exit_code(st);
done:
	cmd_ctx_fini(&ctx);
	strv_fini(&problems);
	config_fini(&conf);
	free(config_path);
	return rc;
}
