/* snapshot.h - the state of the projects at a revision, and what changed between
 * two revisions ("what moved since the last committee meeting?").
 *
 * A snapshot (struct snapshot, store.h) names a revision; the state it names is
 * read back from the versions the store keeps (store_*_each_at). Organisations,
 * workshops, phases and settings are not versioned: the current ones are used.
 * A team verdict at a revision is computed with the delivering categories of
 * the services as they were then (a change of categories between two
 * snapshots shows as a verdict change).
 */
#ifndef OZGTUI_SNAPSHOT_H
#define OZGTUI_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/rules.h"
#include "ozgtui/store.h"

/* The revision meaning "the current records". */
#define SNAPSHOT_NOW UINT64_MAX

/* Projects (number order), outcomes (UUID order) and services (OZG id order)
 * as they were at a revision. Owns everything. */
struct snapshot_state {
	uint64_t revision;
	struct project *projects;
	size_t n_projects;
	struct outcome *outcomes;
	size_t n_outcomes;
	struct service *services;
	size_t n_services;
};
void snapshot_state_init(struct snapshot_state *s);
void snapshot_state_fini(struct snapshot_state *s);
/* Reads the state at revision (SNAPSHOT_NOW = the current records) inside t. */
enum status snapshot_state_load(struct txn *t, uint64_t revision, struct snapshot_state *out);
/* A service of the state (borrowed), or NULL. */
const struct service *snapshot_state_service(const struct snapshot_state *s, uint32_t ozg_id);
/* A project of the state by UUID (borrowed), or NULL. */
const struct project *snapshot_state_project(const struct snapshot_state *s, const struct uuid *id);
/* The team verdict of p with the delivering categories of s's services (a
 * service missing from s falls back to the catalog), the members' categories
 * and the policy of c. Without any known service: categories 1-4. */
struct team_verdict snapshot_state_verdict(const struct snapshot_state *s, const struct catalog *c,
					   const struct project *p);

/* Saves the current state as snapshot name (with note, may be NULL) in one
 * write transaction, with a history entry (entity "snapshot", action
 * "snapshot-save", entity_id snapshot_entity_id(name)). out (may be NULL)
 * receives the saved record. STATUS_USAGE for a bad name (empty, over 200
 * bytes, control characters, invalid UTF-8, "now"), STATUS_DATA when the
 * name is taken. */
enum status snapshot_save(struct store *s, const char *name, const char *note, struct snapshot *out);
/* Removes the name (the versions stay), with a history entry; STATUS_NOT_FOUND. */
enum status snapshot_remove(struct store *s, const char *name);
enum status snapshot_check_name(const char *name);
/* The UUID history entries about snapshot name carry. */
void snapshot_entity_id(const char *name, struct uuid *out);
/* The last history entry that belongs to the state of snap: its own
 * "snapshot-save" entry, or without one the last entry up to its time.
 * 0 when none. */
enum status snapshot_history_seq(struct txn *t, const struct snapshot *snap, uint64_t *seq);

/* The snapshot named name, or the latest one taken before it (prev), or the
 * latest of all (name NULL). *found is false when there is none. */
enum status snapshot_find_previous(struct txn *t, const char *name, struct snapshot *out, bool *found);

/* X(NAME, code) - the kinds of change, in the order a diff lists them. */
#define SNAPSHOT_CHANGE_LIST(X)                                                     \
	X(ADDED, "added")                                                           \
	X(REMOVED, "removed")                                                       \
	X(MOVED, "moved")                                                           \
	X(TEAM, "team")                                                             \
	X(VERDICT, "verdict")                                                       \
	X(OUTCOME_OPENED, "outcome-opened")                                         \
	X(OUTCOME_CLOSED, "outcome-closed")
enum snapshot_change_kind {
#define SNAPSHOT_CHANGE_ENUM(name, code) SNAPSHOT_##name,
	SNAPSHOT_CHANGE_LIST(SNAPSHOT_CHANGE_ENUM)
#undef SNAPSHOT_CHANGE_ENUM
	SNAPSHOT__COUNT
};
const char *snapshot_change_code(enum snapshot_change_kind k);

/* The direction of a move by the phases' positions in the list; ASIDE when
 * either phase lies outside the line (Pausiert, Abgebrochen). */
enum snapshot_direction { SNAPSHOT_FORWARD, SNAPSHOT_BACK, SNAPSHOT_ASIDE };
const char *snapshot_direction_code(enum snapshot_direction d);   /* "forward", "back", "aside" */

/* One change. The project fields name the project the change is about (for
 * outcomes: the first linked project, number 0 when none), as it is in B (in A
 * for REMOVED). */
struct snapshot_change {
	enum snapshot_change_kind kind;
	struct uuid project;
	uint32_t number;
	char *title;
	uint16_t field;
	/* ADDED: to_phase; REMOVED: from_phase; MOVED: both and dir */
	uint8_t from_phase, to_phase;
	enum snapshot_direction dir;
	/* TEAM: one member; old_role ROLE_NONE = joined, new_role ROLE_NONE = left */
	struct uuid org;
	enum role old_role, new_role;
	/* VERDICT: the verdict in A and in B, and what B misses (CAT_BIT mask) */
	bool was_representative, is_representative;
	uint32_t missing;
	/* OUTCOME_*: the outcome; is_new when it did not exist in A */
	struct uuid outcome;
	enum outcome_kind outcome_kind;
	char *text;
	char *owner;
	int32_t due;
	bool is_new;
	enum outcome_status old_status, new_status;
	uint32_t *numbers;    /* OUTCOME_*: numbers of every linked project in B */
	size_t n_numbers;
};

struct snapshot_diff {
	uint64_t rev_a, rev_b;
	struct snapshot_change *v;   /* sorted by kind, project number, then detail */
	size_t n, cap;
};
void snapshot_diff_init(struct snapshot_diff *d);
void snapshot_diff_fini(struct snapshot_diff *d);
/* How many changes of kind k. */
size_t snapshot_diff_count(const struct snapshot_diff *d, enum snapshot_change_kind k);

/* What changed from revision a to revision b (SNAPSHOT_NOW = now). */
enum status snapshot_diff(struct txn *t, const struct catalog *c, uint64_t rev_a, uint64_t rev_b,
			  struct snapshot_diff *out);
/* The same within a scope: only projects matching filter (NULL = all) in the
 * respective state count, so a project that stopped matching is REMOVED (from
 * the scope) and one that started matching is ADDED; outcomes count when they
 * are linked to a project in scope in B (in A for an outcome gone from B) or,
 * without a filter, always. today is for the filter's late:/stale: terms. */
enum status snapshot_diff_filtered(struct txn *t, const struct catalog *c, const struct filter *filter,
				   int32_t today, uint64_t rev_a, uint64_t rev_b, struct snapshot_diff *out);
/* snapshot_diff_filtered reads only what the revision index (store.h
 * store_versions_between) names as written between the two revisions, and
 * the projects whose verdict a changed service may have changed. This one
 * loads both whole states and compares them: the same result at the cost of
 * everything that exists; the reference the fast path is tested against,
 * and what it falls back to when nearly everything changed. */
enum status snapshot_diff_rebuild(struct txn *t, const struct catalog *c, const struct filter *filter,
				  int32_t today, uint64_t rev_a, uint64_t rev_b, struct snapshot_diff *out);
/* The same between two states already loaded. */
void snapshot_diff_states(const struct snapshot_state *a, const struct snapshot_state *b,
			  const struct catalog *c, const struct filter *filter, int32_t today,
			  struct snapshot_diff *out);

/* Renderings. label_a/label_b name the two sides ("Stand 'sitzung-3' (2025-02-01)",
 * "now"). Text is English like the rest of the CLI, every data string passed
 * through text_sanitize(); Markdown is German (for committee papers) with data
 * escaped (export_md_escape); JSON is an object the caller releases. */
void snapshot_diff_text(const struct snapshot_diff *d, const struct catalog *c, const char *label_a,
			const char *label_b, struct buf *out);
/* level: the heading level of the sections (2 = "##"); with level 0 no title
 * line is written, only the sections at level 3. */
void snapshot_diff_markdown(const struct snapshot_diff *d, const struct catalog *c, const char *label_a,
			    const char *label_b, int level, struct buf *out);
json_t *snapshot_diff_json(const struct snapshot_diff *d, const struct catalog *c, const char *label_a,
			   const char *label_b);

/* German labels of the change kinds (headings of Markdown and HTML), of the
 * directions ("vorwärts") and of outcome statuses ("offen"). */
const char *snapshot_change_heading(enum snapshot_change_kind k);
const char *snapshot_direction_label(enum snapshot_direction d);
const char *snapshot_status_label(enum outcome_status s);

#endif
