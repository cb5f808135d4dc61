/* tui.h - the full-screen interface. main() calls tui_main() when no verb is given. */
#ifndef OZGTUI_TUI_H
#define OZGTUI_TUI_H

#include "ozgtui/cmd.h"

struct tui_options {
	const char *theme;        /* --theme NAME, or NULL */
	int color;                /* --color: -1 never, 0 auto, 1 always */
	bool mouse;               /* --mouse */
	bool a11y;                /* --a11y: screen-reader mode (cursor on the focus, no animation) */
	const char *keys;         /* the key file (config `keys`), NULL = keymap_user_path() */
};

/* Runs the interface on ctx's database until the user quits. Returns the
 * process status: STATUS_OK, or e.g. STATUS_USAGE when stdout is not a terminal
 * or TERM is unusable (with a detail message). */
enum status tui_main(struct cmd_ctx *ctx, const struct tui_options *opts);

#endif
