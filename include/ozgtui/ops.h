/* ops.h - the changes a coordinator makes, each one write transaction with its
 * history entry. The CLI verbs and the TUI's actions both call these, so the
 * rules (gates, conflicts, attribution) are enforced in one place.
 *
 * expected_version: the project version the caller's change is based on; 0 means
 * "whatever is current" (a one-shot CLI call). A stale version is STATUS_CONFLICT.
 */
#ifndef OZGTUI_OPS_H
#define OZGTUI_OPS_H

#include "ozgtui/catalog.h"
#include "ozgtui/rules.h"
#include "ozgtui/store.h"

/* Finds a project by number, UUID or unique UUID prefix (STATUS_NOT_FOUND,
 * or STATUS_DATA when a prefix is ambiguous). */
enum status ops_find_project(struct txn *t, const char *s, struct project *out);

/* The facts the gates need, read inside t. */
enum status ops_gate_facts(struct txn *t, const struct catalog *c, const struct project *p,
			   struct gate_facts *out);

/* Creates p (title and field needed) and records "create" in history. On
 * success p holds its number and UUID. */
enum status ops_project_create(struct store *s, const struct catalog *c, struct project *p);

/* Replaces the stored project with p (same UUID), recording a history entry
 * whose summary lists the fields that changed. Phase changes go through ops_move. */
enum status ops_project_update(struct store *s, const struct catalog *c, struct project *p,
			       uint32_t expected_version);

/* Appends what changed from old to new_ (two versions of one project) to b as
 * one line in the user's language, for the one who made the change: the same
 * facts as the English history summaries (phase, fields, team, organisations,
 * dates in the locale's format; a move's reached date goes without saying).
 * Appends nothing when nothing it tells of changed. */
void ops_describe_change(struct buf *b, const struct catalog *c, const struct project *old,
			 const struct project *new_);

struct move_request {
	struct uuid project;
	uint8_t to;
	const char *reason;        /* required when force is set */
	bool force;                /* override a refusing gate */
	uint32_t expected_version; /* 0 = current */
};
/* Moves a project to another phase, sets the reached date of the target phase,
 * and records from, to, reason and forced. A refusing gate returns STATUS_RULE
 * with the reasons in why; force without reason is STATUS_USAGE. */
enum status ops_move(struct store *s, const struct catalog *c, const struct move_request *m,
		     struct buf *why);

/* Team: add or change a member's role; remove a member. */
enum status ops_team_set(struct store *s, const struct catalog *c, const struct uuid *project,
			 const struct uuid *org, enum role role, uint32_t expected_version);
enum status ops_team_remove(struct store *s, const struct catalog *c, const struct uuid *project,
			    const struct uuid *org, uint32_t expected_version);
/* Records that org declared interest in the project. */
enum status ops_interest(struct store *s, const struct catalog *c, const struct uuid *project,
			 const struct uuid *org, uint32_t expected_version);

/* Sets the delivering categories of a service (CAT_BIT mask; 0 = unset). */
enum status ops_service_categories(struct store *s, uint32_t ozg_id, uint32_t mask);

/* Sets the database's policies (representativeness policy, the phases where
 * the scope and team gates start; 0 = off) to those of next, keeping its
 * unknown fields, and records what changed in history (entity "database",
 * action "settings"). A gate phase not on the line is STATUS_DATA. *changed
 * (may be NULL) tells whether anything changed. */
enum status ops_settings_update(struct store *s, const struct settings *next, bool *changed);

#endif
