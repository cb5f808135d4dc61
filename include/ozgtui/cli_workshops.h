/* cli_workshops.h - what the workshop and outcome verbs share: every workshop
 * and outcome, read in one read transaction; the start of their `show`; an
 * outcome as JSON; the linked projects as text.
 */
#ifndef OZGTUI_CLI_WORKSHOPS_H
#define OZGTUI_CLI_WORKSHOPS_H

#include <stdbool.h>

#include "ozgtui/cli_util.h"
#include "ozgtui/cmd.h"
#include "ozgtui/workshops.h"

struct cli_workshops {
	struct txn *t;               /* open until cli_workshops_fini */
	struct workshop_list ws;
	struct outcome_list os;
	bool loaded;
};

/* Opens a read transaction and loads the workshops and outcomes. Call
 * cli_workshops_fini also after a failure. */
enum status cli_workshops_load(struct cmd_ctx *ctx, struct cli_workshops *d);
/* Ends the transaction and frees the lists; a zeroed struct is fine. */
void cli_workshops_fini(struct cli_workshops *d);

/* The start of `workshop show` and `outcome show`: reads [--format text|json]
 * and one ID (usage: the line for a usage error), opens the store and loads
 * d (zeroed by the caller). p is set up in any case: cli_parser_fini and
 * cli_workshops_fini also after a failure. */
enum status cli_workshops_show_begin(struct cmd_ctx *ctx, int argc, char **argv, const char *usage,
				     struct cli_parser *p, struct cli_workshops *d, enum cli_format *fmt);

/* "#3 Title" for a linked project, "?" when it is gone. */
void cli_project_ref(struct buf *b, struct txn *t, const struct uuid *id);
/* "#3, #7": the numbers of the outcome's projects that are there, appended
 * to b (a comma before the first when b is not empty). */
void cli_project_numbers(struct buf *b, struct txn *t, const struct outcome *o);

/* Organisations as [{uuid, name}, ...] (a workshop's participants, an
 * outcome's organisations). */
json_t *cli_orgs_json(const struct catalog *c, const struct uuid *v, size_t n);
/* An outcome as `outcome show --format json` gives it (also the entries of
 * `outcome list` and of `workshop show`'s outcome_list); index its short
 * index. Organisations are {uuid, name}. */
json_t *cli_outcome_json(const struct catalog *c, const struct cli_workshops *d, const struct outcome *o,
			 size_t index, int32_t today);

#endif
