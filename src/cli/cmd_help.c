/* cmd_help.c - `ozgtui help [COMMAND]` and the overview of `ozgtui --help`. */
#include <string.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/i18n.h"

void cmd_print_overview(FILE *out)
{
	fputs(_("usage: ozgtui [OPTIONS] [COMMAND [ARGS...]]\n"
		"\n"
		"ozgtui follows the OZG implementation projects of the NRW municipalities: phases,\n"
		"representative teams, workshop outcomes and status exports. Without a command it\n"
		"opens the full-screen interface.\n"), out);
	fprintf(out, "\n%s\n", _("Commands:"));
	for (size_t i = 0; i < cmd_table_len; i++)
		fprintf(out, "  %-19s %s\n", cmd_table[i]->name, _(cmd_table[i]->summary));
	fputs("\n", out);
	fputs(_("ID is a project number, UUID or unique UUID prefix; ORG an AGS or unique name\n"
		"prefix; PHASE and FIELD a name or unique prefix (any case, accents optional).\n"), out);
	fputs("\n", out);
	fputs(_("Options (before the command):\n"
		"  --db DIR            the database directory (default: $OZGTUI_DB, else\n"
		"                      $XDG_DATA_HOME/ozgtui/db, i.e. ~/.local/share/ozgtui/db)\n"
		"  --readonly          open the database read-only; changing commands exit 77\n"
		"  --theme NAME        colour theme of the full-screen interface\n"
		"  --color=WHEN        never, auto (default) or always; NO_COLOR means never\n"
		"  --mouse             mouse support in the full-screen interface\n"
		"  --a11y              screen-reader mode: the cursor rests on the focused item,\n"
		"                      changes are announced, nothing blinks\n"
		"  --config FILE       read FILE instead of $XDG_CONFIG_HOME/ozgtui/config\n"
		"  --ignore-config     read no configuration file\n"
		"  --check-config      check the configuration, key and theme files (FILE:LINE: ...)\n"
		"  -h, --help          this help; `ozgtui COMMAND --help` for a command\n"
		"  -V, --version       the version\n"), out);
	fputs("\n", out);
	fputs(_("Exit status:\n"
		"   0  done\n"
		"   1  a rule said no (a gate refused a move; check found problems)\n"
		"  64  usage error (unknown command or option, bad argument)\n"
		"  65  bad data (bad import file, unknown phase, field or service, ambiguous name,\n"
		"      already initialised, database of a newer ozgtui)\n"
		"  66  no such project, organisation, file or database\n"
		"  70  internal error\n"
		"  73  cannot create an output file\n"
		"  74  cannot read or write (I/O error, damaged database)\n"
		"  75  conflict (changed by someone else meanwhile) or database busy: retry\n"
		"  77  read-only or not permitted\n"), out);
	fputs("\n", out);
	fputs(_("Environment:\n"
		"  OZGTUI_DB           the database directory when --db is not given\n"
		"  XDG_DATA_HOME       where the default database lives (ozgtui/db below it)\n"
		"  OZGTUI_NOW          fixes the clock (seconds since 1970 or YYYY-MM-DD[THH:MM:SSZ]),\n"
		"                      for tests and reproducible output\n"
		"  NO_COLOR            when set and not empty, no colours (like --color=never)\n"
		"  XDG_CONFIG_HOME     where the config, keys and themes live (ozgtui/ below it)\n"
		"  LANGUAGE, LANG      the language of messages (de, en) and of dates and numbers\n"
		"  TMPDIR              where `import --dry-run` without a database checks the file\n"), out);
	fputs("\n", out);
	fputs(_("Settings come from the command line, then the environment, then the config\n"
		"file, then the defaults.\n"
		"\n"
		"See ozgtui(1), ozgtui-config(5), docs/cli.md and docs/exit-status.md.\n"), out);
}

static enum status run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc > 2)
		return status_fail(STATUS_USAGE, _("usage: ozgtui help [COMMAND]"));
	if (argc == 1) {
		cmd_print_overview(ctx->out);
		return STATUS_OK;
	}
	const struct cmd *c = cmd_find(argv[1]);
	if (!c) {
		struct buf b;
		buf_init(&b);
		cli_text(&b, argv[1]);
		enum status st = status_fail(STATUS_USAGE, _("unknown command '%s' (see ozgtui --help)"), b.data);
		buf_fini(&b);
		return st;
	}
	cmd_print_help(c, ctx->out);
	return STATUS_OK;
}

const struct cmd cmd_help = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = N_("this overview, or the help of one command"),
	.help = N_("Prints the overview of `ozgtui --help`, or with COMMAND that command's help.\n"),
	.flags = CMD_NO_DB,
	.run = run,
};
