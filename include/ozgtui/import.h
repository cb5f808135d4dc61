/* import.h - what the JSON and the CSV import share: their errors as a
 * status, the history entry of an imported project. */
#ifndef OZGTUI_IMPORT_H
#define OZGTUI_IMPORT_H

#include <stddef.h>

#include "ozgtui/status.h"
#include "ozgtui/store.h"

/* Fails with STATUS_DATA whose detail is the import's errors: whole lines of
 * text (one error a line, each ending in '\n'), as many as fit the status
 * detail (about 1 KiB), then how many more of the n_errors there were. */
enum status import_fail_errors(const char *text, size_t n_errors);

/* Adds the "import" history entry of project p with summary (a move from
 * phase from to phase to; both 0 when the phase stays). */
enum status import_history_add(struct txn *t, const struct project *p, const char *summary,
			       uint8_t from, uint8_t to);

#endif
