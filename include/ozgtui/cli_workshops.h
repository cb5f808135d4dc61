/* cli_workshops.h - what the workshop and outcome verbs share: every workshop
 * and outcome, read in one read transaction.
 */
#ifndef OZGTUI_CLI_WORKSHOPS_H
#define OZGTUI_CLI_WORKSHOPS_H

#include <stdbool.h>

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

#endif
