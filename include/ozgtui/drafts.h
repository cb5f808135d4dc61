/* drafts.h - edits in progress kept when the interface is ended by a signal
 * (SIGHUP when the SSH connection drops, SIGTERM, SIGINT), offered again at
 * the next start (src/tui/drafts.c; the TUI side is in view.h).
 *
 * A draft is one file per database and project in
 * $XDG_STATE_HOME/ozgtui/drafts/ (~/.local/state/ozgtui/drafts/), mode 0600 in
 * a 0700 directory, written to a temporary file, flushed and renamed into
 * place, so a draft is whole or absent. Its name is a hash of the database's
 * real path and the project's UUID ("new" for a project not yet created).
 *
 * Format (version 1): text lines, then the two records in the store's codec
 * (model.h), each preceded by its length:
 *   ozgtui-draft 1
 *   kind form|team
 *   db /real/path/of/the/database
 *   project UUID | new
 *   number N
 *   saved SECONDS
 *   line TEXT              (team: the name being typed; \n and \\ escaped)
 *   base LEN\n<LEN bytes>  (the project as the edit started: its version is
 *                           what a save expects, so a change made meanwhile by
 *                           someone else ends on the conflict screen)
 *   edit LEN\n<LEN bytes>  (the form's working copy)
 * A file that does not parse is reported and left alone, never half read.
 */
#ifndef OZGTUI_DRAFTS_H
#define OZGTUI_DRAFTS_H

#include <stdbool.h>
#include <stdint.h>

#include "ozgtui/model.h"
#include "ozgtui/status.h"

enum draft_kind { DRAFT_FORM, DRAFT_TEAM };

struct draft {
	enum draft_kind kind;
	bool create;            /* a new project (project is nil) */
	struct uuid project;
	uint32_t number;
	int64_t saved;          /* clock_now() when it was kept */
	char *line;             /* team: the text being typed, or NULL */
	struct project base;
	struct project edit;
	char *path;             /* the file (draft_list fills it) */
};

void draft_init(struct draft *d);
void draft_fini(struct draft *d);

/* The drafts directory (caller frees). */
char *draft_dir(void);
/* Writes d for the database in db_dir, replacing an older draft of the same
 * project, atomically. */
enum status draft_save(const char *db_dir, const struct draft *d);
/* The drafts of the database in db_dir, newest first; caller frees each with
 * draft_fini and the array with free. Unreadable files are skipped (counted
 * in *bad when not NULL). */
enum status draft_list(const char *db_dir, struct draft **out, size_t *n, size_t *bad);
/* Removes the file of d. */
void draft_remove(const struct draft *d);

#endif
