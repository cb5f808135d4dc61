/* config.h - the user's configuration file, $XDG_CONFIG_HOME/ozgtui/config.
 *
 * An INI file (parsed with libinih) that ozgtui reads and never writes
 * (docs/man/ozgtui-config.5):
 *
 *   # comment (also ; comment)
 *   database = ~/ozg/db          default for --db
 *   theme    = high-contrast     default for --theme
 *   color    = auto              auto | always | never
 *   mouse    = false             true | false (also yes/no, on/off, 1/0)
 *   a11y     = false             screen-reader mode (--a11y)
 *   keys     = keys              the key file (default $XDG_CONFIG_HOME/ozgtui/keys)
 *   language = de                de | en: the language of messages
 *
 *   [new-database]               what `ozgtui init` gives a new database
 *   phases     = default         default | kdn
 *   rep-policy = span            span | all
 *   gate-scope = workshop        a phase name (or prefix) of the preset, or off
 *   gate-team  = umsetzung
 *
 * The first block may also stand under a [general] section. Paths may start
 * with ~/ and are relative to the file's directory otherwise. Precedence:
 * command line > environment > this file > defaults. Gate and
 * representativeness policies of an existing database are database settings
 * (`ozgtui settings`), not user preferences: the file only seeds new ones.
 *
 * Every problem is reported as "FILE:LINE: reason"; a bad line is skipped and
 * the rest applies.
 */
#ifndef OZGTUI_CONFIG_H
#define OZGTUI_CONFIG_H

#include <stdbool.h>

#include "ozgtui/model.h"
#include "ozgtui/status.h"
#include "ozgtui/util.h"

/* A value read from the file, with the line it came from (0 = not given). */
struct config_str {
	char *value;
	unsigned line;
};

struct config {
	char *path;                 /* the file read (owned), NULL when none */
	struct config_str database; /* expanded path */
	struct config_str theme;
	struct config_str keys;     /* expanded path */
	struct config_str language; /* "de" or "en" */
	int color;                  /* -1 never, 0 auto, 1 always */
	unsigned color_line;
	bool mouse, a11y;
	unsigned mouse_line, a11y_line;
	/* [new-database] */
	int phases;                 /* -1 not given, else enum phase_preset */
	unsigned phases_line;
	int rep_policy;             /* -1 not given, else enum rep_policy */
	unsigned rep_policy_line;
	struct config_str gate_scope; /* phase name/prefix or "off" */
	struct config_str gate_team;
};

void config_init(struct config *c);
void config_fini(struct config *c);

/* The default file: $XDG_CONFIG_HOME/ozgtui/config, else ~/.config/ozgtui/config.
 * Caller frees. */
char *config_default_path(void);

/* Reads path into c. A missing file is STATUS_OK (nothing read) unless
 * must_exist (--config FILE), then STATUS_NOT_FOUND with a detail. Problems
 * ("FILE:LINE: reason") are appended to problems; the bad lines are skipped
 * and the result is STATUS_DATA. An unreadable file is STATUS_IO. */
enum status config_load(struct config *c, const char *path, bool must_exist, struct strv *problems);
/* Parses text as if read from a file called name (relative paths resolve
 * against name's directory). Same results as config_load. */
enum status config_parse(struct config *c, const char *name, const char *text, struct strv *problems);

/* Resolves a gate value of [new-database] ("off", or a unique phase name or
 * prefix of l) into a phase id (0 = off). STATUS_DATA with a detail otherwise. */
enum status config_gate_phase(const struct phase_list *l, const char *value, uint8_t *out);

/* Applies the [new-database] policies over s, resolving gate phases in l.
 * STATUS_DATA with "FILE:LINE: reason" when a phase is not in l. */
enum status config_apply_new_database(const struct config *c, const struct phase_list *l,
				      struct settings *s);

#endif
