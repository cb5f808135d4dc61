/* main.c - global options, then a CLI verb (cmd_dispatch) or the full-screen interface. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ozgtui/cli_util.h"
#include "ozgtui/cmd.h"
#include "ozgtui/tui.h"

/* Prints "ozgtui: MSG (see ozgtui --help)"; takes msg. */
static int usage_error(char *msg)
{
	fprintf(stderr, "ozgtui: %s (see ozgtui --help)\n", msg);
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

int main(int argc, char **argv)
{
	struct cmd_ctx ctx;
	struct tui_options topts = { .theme = NULL, .color = 0, .mouse = false };
	bool color_given = false;
	int i;
	cmd_ctx_init(&ctx);

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
			ctx.readonly = true;
		} else if (strcmp(a, "--mouse") == 0) {
			topts.mouse = true;
		} else if ((v = option_value(argc, argv, &i, "--db", &missing)) || missing) {
			if (missing || !*v)
				return usage_error(xstrdup("option '--db' needs a directory"));
			ctx.db_dir = v;
		} else if ((v = option_value(argc, argv, &i, "--theme", &missing)) || missing) {
			if (missing || !*v)
				return usage_error(xstrdup("option '--theme' needs a theme name"));
			topts.theme = v;
		} else if ((v = option_value(argc, argv, &i, "--color", &missing)) || missing) {
			if (missing)
				return usage_error(xstrdup("option '--color' needs never, auto or always"));
			if (strcmp(v, "never") == 0)
				topts.color = -1;
			else if (strcmp(v, "auto") == 0)
				topts.color = 0;
			else if (strcmp(v, "always") == 0)
				topts.color = 1;
			else {
				char *x = shown(v);
				int rc = usage_error(xasprintf("--color: expected never, auto or always, not '%s'", x));
				free(x);
				return rc;
			}
			color_given = true;
		} else {
			char *x = shown(a);
			int rc = usage_error(xasprintf("unknown option '%s'", x));
			free(x);
			return rc;
		}
	}
	/* https://no-color.org: an explicit --color wins */
	const char *no_color = getenv("NO_COLOR");
	if (!color_given && no_color && *no_color)
		topts.color = -1;

	enum status st;
	if (i >= argc) {
		/* the interface opens the database itself (and seeds a new one) */
		st = tui_main(&ctx, &topts);
		if (st != STATUS_OK) {
			const char *d = status_detail();
			cli_print_error(stderr, NULL, d[0] ? d : status_message(st));
		}
	} else {
		st = cmd_dispatch(&ctx, argc - i, argv + i);
	}
	cmd_ctx_fini(&ctx);
	return status_exit_code(st);
}
