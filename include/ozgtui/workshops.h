/* workshops.h - workshops of the topic fields, their outcomes, and the fields'
 * sponsors (Themenpaten; ../shared/DOMAIN.md, seeds 001 and 003).
 *
 * Three parts:
 *   - rules as pure functions (tests/unit/test_workshops.c has a table each);
 *   - a small filter for outcome and workshop lists (docs/filter.md,
 *     "Outcomes and workshops"): field:, kind:, status:, overdue:, owner:,
 *     org:, demo: and free words, with the ',' / '-' / quote rules of the
 *     project filter;
 *   - the changes: one write transaction each, with one history entry
 *     (entity "workshop", "outcome" or "field", attributed to the real user).
 *
 * Volunteers: whenever a volunteer outcome that is not dropped is written
 * (added, edited, linked), each of its organisations that is neither in the
 * team nor already interested becomes interested in each linked project, in
 * the same transaction, with a project history entry ("interest"); the
 * changes that can do so report how many in *new_interest (may be NULL). Dropping
 * the outcome later keeps the interest: it was declared, and history shows it.
 *
 * Decisions: a decision outcome that is not dropped and is linked to a project
 * satisfies the decision gate (ops_gate_facts reads the same rule).
 */
#ifndef OZGTUI_WORKSHOPS_H
#define OZGTUI_WORKSHOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/catalog.h"
#include "ozgtui/model.h"
#include "ozgtui/store.h"

/* ---- rules (pure) -------------------------------------------------------- */

/* An action item, open, with a due date before today. */
bool workshops_overdue(const struct outcome *o, int32_t today);
/* A decision outcome, not dropped, linked to project. */
bool workshops_decides(const struct outcome *o, const struct uuid *project);
/* The organisations of a volunteer outcome (not dropped) that are neither in
 * p's team nor interested in p yet: writes up to max into out, returns how many. */
size_t workshops_new_interest(const struct outcome *o, const struct project *p, struct uuid *out,
			      size_t max);
/* Bundle drift: phase[i] is the phase of the i-th bundled project. Projects
 * outside the line (paused, cancelled) do not count. True when the line
 * positions of two of them lie more than one step apart; then *behind and
 * *ahead are the indexes of the furthest behind and ahead (first of equals)
 * and *steps their distance. Each out pointer may be NULL. */
bool workshops_bundle_drift(const struct phase_list *phases, const uint8_t *phase, size_t n,
			    size_t *behind, size_t *ahead, int *steps);
/* A volunteer is placed when it is a member (any role) of one of the projects. */
bool workshops_volunteer_placed(const struct uuid *org, const struct project *const *projects,
				size_t n);
/* How many municipalities (categories 1-4; counties not counted) a delivery
 * mask reaches, by the catalog's counts. */
uint32_t workshops_reach(const struct catalog *c, uint32_t mask);
/* How many counties a delivery mask reaches (0 or the number of counties). */
uint32_t workshops_reach_counties(const struct catalog *c, uint32_t mask);

/* ---- lists and lookup ------------------------------------------------------ */

/* Workshops and outcomes in creation order (ties: see workshops.c): the position
 * + 1 is the short index the CLI prints and accepts. The arrays are owned. */
struct workshop_list {
	struct workshop *v;
	size_t n, cap;
};
struct outcome_list {
	struct outcome *v;
	size_t n, cap;
};
void workshop_list_init(struct workshop_list *l);
void workshop_list_fini(struct workshop_list *l);
void outcome_list_init(struct outcome_list *l);
void outcome_list_fini(struct outcome_list *l);
enum status workshops_load(struct txn *t, struct workshop_list *out);
enum status workshops_outcomes_load(struct txn *t, struct outcome_list *out);
/* The element of l named by s: a short index ("3", "#3"), a full UUID or a
 * unique UUID prefix (at least 4 hex digits). *out is borrowed from l, *index
 * its short index (index may be NULL). STATUS_NOT_FOUND, STATUS_DATA when a
 * prefix is ambiguous, STATUS_USAGE when s is empty or too short a prefix;
 * a detail is recorded. */
enum status workshops_find(const struct workshop_list *l, const char *s, const struct workshop **out,
			   size_t *index);
enum status workshops_outcome_find(const struct outcome_list *l, const char *s, const struct outcome **out,
				   size_t *index);
/* The short index of a record in l (1-based), 0 when absent. */
size_t workshops_index_of(const struct workshop_list *l, const struct uuid *id);
size_t workshops_outcome_index_of(const struct outcome_list *l, const struct uuid *id);
/* The topic field of an outcome: its workshop's, else its first linked
 * project's (looked up in t), else 0. */
uint16_t workshops_outcome_field(struct txn *t, const struct workshop_list *ws, const struct outcome *o);

/* ---- filter ----------------------------------------------------------------- */

enum workshops_filter_target { WFILTER_OUTCOMES, WFILTER_WORKSHOPS };
struct workshops_filter;
/* Compiles expr for outcome or workshop lists; errors as filter_compile
 * (STATUS_USAGE for malformed input or a key the target has not, STATUS_DATA
 * for a value naming nothing). NULL or "" matches everything. */
enum status workshops_filter_compile(const char *expr, const struct catalog *c,
				     enum workshops_filter_target target, struct workshops_filter **out);
void workshops_filter_free(struct workshops_filter *f);
/* field: the outcome's topic field (workshops_outcome_field). */
bool workshops_filter_outcome(const struct workshops_filter *f, const struct outcome *o, uint16_t field,
			      int32_t today);
bool workshops_filter_workshop(const struct workshops_filter *f, const struct workshop *w);

/* ---- changes ------------------------------------------------------------------ */

/* Creates w (field, date and title needed; participants must be known
 * organisations). On success w holds its UUID, version and timestamps. */
enum status workshops_add(struct store *s, const struct catalog *c, struct workshop *w);
/* Replaces the stored workshop with w (same UUID); expected_version 0 = current,
 * else a stale version is STATUS_CONFLICT. The summary lists what changed. */
enum status workshops_update(struct store *s, const struct catalog *c, struct workshop *w,
			     uint32_t expected_version);

/* Creates o (kind and text needed; its workshop, projects, organisations and
 * services must exist). status defaults to open. On success o is as stored. */
enum status workshops_outcome_add(struct store *s, const struct catalog *c, struct outcome *o,
				  size_t *new_interest);
/* Replaces the stored outcome with o (same UUID): kind, text, owner, due,
 * status and links as given. expected_version as above. */
enum status workshops_outcome_update(struct store *s, const struct catalog *c, struct outcome *o,
				     uint32_t expected_version, size_t *new_interest);
/* Sets the status (done, dropped, or open again). Nothing changes when it is
 * already so. */
enum status workshops_outcome_set_status(struct store *s, const struct catalog *c, const struct uuid *id,
					 enum outcome_status status, uint32_t expected_version);
/* Links projects, organisations and services to an outcome (those already
 * linked are skipped; unknown ones are STATUS_NOT_FOUND / STATUS_DATA). */
struct outcome_links {
	const struct uuid *projects;
	size_t n_projects;
	const struct uuid *orgs;
	size_t n_orgs;
	const uint32_t *services;
	size_t n_services;
};
enum status workshops_outcome_link(struct store *s, const struct catalog *c, const struct uuid *id,
				   const struct outcome_links *add, uint32_t expected_version,
				   size_t *new_interest);
/* Removes links (those not linked are STATUS_NOT_FOUND). */
enum status workshops_outcome_unlink(struct store *s, const struct catalog *c, const struct uuid *id,
				     const struct outcome_links *rm, uint32_t expected_version);

/* Sets the sponsor (Themenpate) of a topic field; NULL or blank clears it.
 * History: entity "field", action "sponsor". */
enum status workshops_sponsor_set(struct store *s, const struct catalog *c, uint16_t field,
				  const char *sponsor);

#endif
