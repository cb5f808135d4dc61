/* cmd.h - the command table: the CLI verbs, which the TUI's ':' line runs too.
 *
 * A command is one file src/cli/cmd_NAME.c defining `const struct cmd cmd_NAME`
 * and one row in src/cli/cmd_table.c.
 */
#ifndef OZGTUI_CMD_H
#define OZGTUI_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "ozgtui/catalog.h"
#include "ozgtui/config.h"
#include "ozgtui/status.h"
#include "ozgtui/store.h"

struct cmd_ctx {
	const char *db_dir;     /* --db, or NULL for the default */
	bool readonly;          /* --readonly */
	FILE *out;              /* normal output */
	FILE *err;              /* messages */
	struct store *store;    /* opened by cmd_open_store() */
	struct catalog catalog; /* loaded by cmd_open_store() */
	bool catalog_loaded;
	const struct config *config; /* the user's config file (set by main), or NULL */
};

enum cmd_flags {
	CMD_NO_DB = 0,          /* needs no database (help) */
	CMD_READS = 1 << 0,     /* opens an initialised database read-only is enough */
	CMD_WRITES = 1 << 1,    /* needs write access */
	CMD_CREATES = 1 << 2,   /* may create the database (init, import) */
	/* looks organisations and services up by key only: a catalog that reads
	 * them one by one is enough (catalog_load_lazy) */
	CMD_LAZY_CATALOG = 1 << 3,
};

struct cmd {
	const char *name;
	const char *usage;      /* "ID PHASE [--reason TEXT] [--force]" */
	const char *summary;    /* one line for `ozgtui --help` */
	const char *help;       /* the rest of `ozgtui NAME --help` */
	unsigned flags;
	/* argv[0] is the command name. Returns a status; a detail message is printed
	 * by the caller ("ozgtui: move: ...") unless the command printed it itself. */
	enum status (*run)(struct cmd_ctx *ctx, int argc, char **argv);
};

extern const struct cmd *const cmd_table[];
extern const size_t cmd_table_len;

const struct cmd *cmd_find(const char *name);
/* Runs argv (argv[0] = verb) as the CLI would, including `VERB --help`; prints
 * errors to ctx->err. Returns the status (its exit code is status_exit_code). */
enum status cmd_dispatch(struct cmd_ctx *ctx, int argc, char **argv);
/* Zeroes ctx (out = stdout, err = stderr) before first use. */
void cmd_ctx_init(struct cmd_ctx *ctx);
/* Prints "usage: ozgtui NAME USAGE" and the command's help to out. */
void cmd_print_help(const struct cmd *c, FILE *out);
/* Prints `ozgtui --help`: usage, every command with its summary, the global
 * options, exit statuses and environment. */
void cmd_print_overview(FILE *out);
/* Opens ctx->store (and loads the catalog) as the command's flags need.
 * Idempotent: an open store (the TUI's) is kept; a writing command on a
 * read-only store is STATUS_PERM. */
enum status cmd_open_store(struct cmd_ctx *ctx, unsigned flags);
void cmd_ctx_fini(struct cmd_ctx *ctx);

#endif
