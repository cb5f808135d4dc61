/* cli_workshops.c - every workshop and outcome in one read transaction, for
 * the workshop and outcome verbs. */
#include "ozgtui/cli_workshops.h"

#include <string.h>

#include "ozgtui/store.h"

enum status cli_workshops_load(struct cmd_ctx *ctx, struct cli_workshops *d)
{
	memset(d, 0, sizeof(*d));
	workshop_list_init(&d->ws);
	outcome_list_init(&d->os);
	d->loaded = true;
	enum status st = store_read_begin(ctx->store, &d->t);
	if (st == STATUS_OK)
		st = workshops_load(d->t, &d->ws);
	if (st == STATUS_OK)
		st = workshops_outcomes_load(d->t, &d->os);
	return st;
}

void cli_workshops_fini(struct cli_workshops *d)
{
	if (!d->loaded)
		return;
	store_txn_end(d->t);
	workshop_list_fini(&d->ws);
	outcome_list_fini(&d->os);
	memset(d, 0, sizeof(*d));
}
