/* query.h - the projects that match a filter, read through the indexes.
 *
 * When a filter confines its matches to one phase or one topic field
 * (filter_only_phase, filter_only_field), only the projects of that index
 * entry are read; with both, only those in both entries (the two index scans
 * yield projects in number order and are intersected). Otherwise every
 * project is read.
 * So the cost of a narrow question grows with its answer, not with the
 * database.
 */
#ifndef OZGTUI_QUERY_H
#define OZGTUI_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/store.h"

/* The UUIDs of the projects the indexes leave for f, in number order (caller
 * frees *ids). *narrowed is false, and *ids NULL, when no index applies and
 * every project is a candidate. Every candidate must still pass filter_match. */
enum status query_candidates(struct txn *t, const struct filter *f, struct uuid **ids, size_t *n,
			     bool *narrowed);
/* The same with their numbers into *numbers (caller frees; numbers may be
 * NULL), read from the index keys. */
enum status query_candidate_keys(struct txn *t, const struct filter *f, struct uuid **ids, uint32_t **numbers,
				 size_t *n, bool *narrowed);

/* Calls fn for every project that matches f (NULL: all), in number order.
 * fn returns non-zero to stop.
 * The project is borrowed for the call. */
enum status query_each(struct txn *t, const struct catalog *c, const struct filter *f, int32_t today,
		       int (*fn)(const struct project *, void *), void *arg);

#endif
