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
 * A filter confined to one phase (and field) reads the copies of that phase
 * (store_project_each_in_phase), any other the candidates' records.
 * fn returns non-zero to stop and must not write in t.
 * The project is borrowed for the call. */
enum status query_each(struct txn *t, const struct catalog *c, const struct filter *f, int32_t today,
		       int (*fn)(const struct project *, void *), void *arg);
/* The same for an fn that looks at none of the fields in skip (model.h:
 * project_scratch.skip, e.g. PROJECT_SKIP_ROW): they may be left out of the
 * projects it is handed (when the filter is confined to one phase and/or
 * field and has no other term; else every field is read). */
enum status query_each_skip(struct txn *t, const struct catalog *c, const struct filter *f, int32_t today,
			    uint32_t skip, int (*fn)(const struct project *, void *), void *arg);

#endif
