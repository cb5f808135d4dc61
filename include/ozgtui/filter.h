/* filter.h - the filter language shared by the CLI and the TUI.
 *
 *   phase:umsetzung,pilot field:bauen lead:krz member:05711000 service:10000
 *   component:epaybl prio:>=3 rep:no late:yes stale:>30 -phase:betrieb "free words"
 *
 * Terms are AND-ed; a comma inside a term is OR; a leading '-' negates a term;
 * names match case- and accent-insensitively by prefix; free words (bare or
 * quoted) match the title and the notes. Full grammar in docs/filter.md.
 */
#ifndef OZGTUI_FILTER_H
#define OZGTUI_FILTER_H

#include <stdbool.h>

#include "ozgtui/catalog.h"
#include "ozgtui/model.h"
#include "ozgtui/status.h"

struct filter;

/* Compiles expr against the catalog (phases, fields, organisations, services
 * are resolved now). An empty or NULL expression matches everything. On error
 * returns STATUS_USAGE or STATUS_DATA with a detail message naming the term
 * and its position ("filter: column 7: unknown phase 'umsetz x'"). */
enum status filter_compile(const char *expr, const struct catalog *c, struct filter **out);
void filter_free(struct filter *f);
/* True when p matches. today is clock_today() (for late: and stale:). */
bool filter_match(const struct filter *f, const struct catalog *c, const struct project *p, int32_t today);
/* True when the filter has no terms. */
bool filter_is_empty(const struct filter *f);
/* When every match must lie in one phase (or one field), the index the caller
 * may scan instead of all projects; 0 when none. */
uint8_t filter_only_phase(const struct filter *f);
uint16_t filter_only_field(const struct filter *f);
/* True when the index entries of filter_only_phase and filter_only_field
 * (both, either, or every project when the filter is empty) are exactly the
 * matches: every term names one phase or one field, those two, not negated.
 * Then no project needs filter_match. */
bool filter_index_exact(const struct filter *f);

#endif
