/* check_config.h - `ozgtui --check-config`: validates the user's files.
 *
 * Checks the config file (already parsed by main, whose problems are passed
 * in), the key file (the config's `keys`, else $XDG_CONFIG_HOME/ozgtui/keys)
 * and the theme files (the theme in use and every *.theme in
 * $XDG_CONFIG_HOME/ozgtui/themes) with the same parsers the full-screen
 * interface uses; they need no terminal. Lives beside main (it links the TUI's
 * parsers), not in the core.
 */
#ifndef OZGTUI_CHECK_CONFIG_H
#define OZGTUI_CHECK_CONFIG_H

#include <stdio.h>

#include "ozgtui/config.h"
#include "ozgtui/status.h"

struct check_config_input {
	const struct config *config;       /* as read (may be empty) */
	const char *config_path;           /* the file looked for */
	bool config_read;                  /* it existed and was read */
	const struct strv *config_problems;
	const char *theme;                 /* --theme, else the config's, else NULL */
};

/* Prints every problem as "FILE:LINE: message" to err and a summary of what was
 * checked to out. STATUS_OK when clean, STATUS_DATA when anything was wrong. */
enum status check_config_run(const struct check_config_input *in, FILE *out, FILE *err);

#endif
