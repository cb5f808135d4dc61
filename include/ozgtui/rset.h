/* rset.h - result sets: the projects a list shows, kept as keys only.
 *
 * A list of projects at 100,000 projects keeps neither the projects nor their
 * rows in memory: a result set holds each matching project's UUID and number
 * (20 bytes) in display order. It is read from the indexes alone when the
 * filter is one of them (none, one phase, one topic field, or both; see
 * filter_index_exact): the phase and field indexes are keyed by number, so
 * their entries come in number order and cost what the result costs; any
 * other filter is one pass over the records that keeps only the keys of the
 * matches. The caller decodes the rows it shows.
 *
 * After a change, rset_changes names the projects written since a stamp,
 * from the history (every change of a project records an entry about it), so
 * the caller re-reads just those (rset_remove, then rset_insert of the ones
 * that still match). Whatever the history cannot account for (entries not
 * about one project, more projects than entries, another day) makes it say
 * "rebuild".
 *
 * Long passes give the database map's pages back now and then
 * (store_map_release), so the resident set does not grow with the database.
 */
#ifndef OZGTUI_RSET_H
#define OZGTUI_RSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/model.h"
#include "ozgtui/store.h"

struct rset_key {
	struct uuid id;
	uint32_t number;
};

struct rset {
	struct rset_key *v;
	size_t n, cap;
};

/* A sort key made from a decoded project, for orders other than by number:
 * s (owned by the key; NULL sorts as "") compares first (strcmp), then k;
 * ties go by number. */
struct rset_sortkey {
	char *s;
	int64_t k;
};

struct rset_order {
	/* Fills out for p; NULL orders by number alone. */
	void (*key)(const struct project *p, void *arg, struct rset_sortkey *out);
	void *arg;
	bool reverse;   /* the whole order backwards, ties included */
};

void rset_init(struct rset *r);
void rset_fini(struct rset *r);

/* r = the projects matching f (NULL or empty: all) in order o (NULL: by
 * number), as of t. Reads only index entries when filter_index_exact(f) and
 * the order is by number; else decodes each candidate once. today is for
 * late: and stale:. */
enum status rset_build(struct rset *r, struct txn *t, const struct catalog *c, const struct filter *f,
		       int32_t today, const struct rset_order *o);
/* Puts r in order o (by number: without reading a record; else each project
 * is decoded once for its sort key). */
enum status rset_sort(struct rset *r, struct txn *t, const struct rset_order *o);
/* The position of id in r, or r->n when absent (a linear scan). */
size_t rset_find(const struct rset *r, const struct uuid *id);
/* Removes every project of ids[0..n) that r holds, keeping the order. */
void rset_remove(struct rset *r, const struct uuid *ids, size_t n);
/* Inserts p (not in r) where order o puts it; r must be in that order. A
 * binary search: for orders other than by number it decodes the neighbours it
 * compares with (about log2(r->n) projects). */
enum status rset_insert(struct rset *r, struct txn *t, const struct project *p, const struct rset_order *o);
/* The phase of each project of r into phase[0..r->n) (0: in no phase of pl):
 * from the phase index, or by decoding when r is small against the database. */
enum status rset_phases(const struct rset *r, struct txn *t, const struct phase_list *pl, uint8_t *phase);

/* *cols[i] = the projects matching f that are in phase phases[i], in number
 * order (a board's columns), for i < n. With filter_index_exact(f), each is a
 * walk of its phase's index entries (keyed by number), merged with the
 * field's when f names one: no record is read. Else one pass as rset_build,
 * dealt out by rset_phases. */
enum status rset_build_phases(struct rset *const *cols, const uint8_t *phases, size_t n, struct txn *t,
			      const struct catalog *c, const struct filter *f, int32_t today);

/* Building in steps: a result set (or a board's columns) read a little at a
 * time, each step in a read transaction of its own, so that a screen shows
 * the first rows at once and the rest fills in while no key waits (the TUI's
 * idle slices). The outputs grow in number order as the walk goes: the
 * number index (every project; decoded when the filter needs it), the index
 * that narrows the filter (a phase's, a field's, or for both the keys of the
 * phase and field's copies in project_copies; decoded when the filter says
 * more), or each phase's index entries (with a field: its copies' keys)
 * round robin for columns (every column gets its first cards in the first
 * step). No walk reads more in a step than its work: the first screen of
 * one phase costs what the screen costs, not what the phase holds. An
 * order by a sort key collects the keys as it goes, then sorts them in steps
 * (runs, then merges) and puts the output in that order at the end; a
 * reversed order by number is reversed at the end. A walk resumes at the
 * next number, so the database must not change between steps: when it does,
 * start anew (a job sees one state only if every step sees the same).
 *
 * rset_job_new takes f (NULL: every project; freed by rset_job_free). With
 * phases (ncols of them) the outputs are columns: a project goes to the one
 * of its phase, in number order (o is then ignored). Without, ncols is 1. */
struct rset_job;
struct rset_job *rset_job_new(const struct catalog *c, struct filter *f, int32_t today, const struct rset_order *o,
			      const uint8_t *phases, size_t ncols);
void rset_job_free(struct rset_job *j);
/* Goes on for about `work` units (an index entry is one, a decoded project
 * 16, a sorted entry one to four) into out[0..ncols); the first step empties
 * them. *done once the outputs are complete; on a failure they are empty. */
enum status rset_job_step(struct rset_job *j, struct txn *t, struct rset *const *out, size_t work, bool *done);
bool rset_job_done(const struct rset_job *j);
/* True while the keys are being sorted (every project is read). */
bool rset_job_sorting(const struct rset_job *j);
/* How many projects output col will hold, known after the first step when
 * the filter is one the indexes answer exactly (from the counts per phase
 * and field the store keeps); SIZE_MAX when not known before the end (also
 * when a topic field numbered from 256 on, which those counts leave out,
 * could be in it). */
size_t rset_job_expected(const struct rset_job *j, size_t col);

/* What a result set was built from, to find out later what changed since. */
struct rset_stamp {
	uint64_t seq;        /* the newest history entry */
	size_t projects;     /* how many projects there were */
	int32_t today;
};
enum status rset_stamp_take(struct txn *t, int32_t today, struct rset_stamp *out);
/* The projects changed since `since`, as of t: *ids (sorted, distinct; caller
 * frees) and *n, with *now the stamp to keep for next time. *rebuild is true
 * (and *ids NULL) when the history does not account for everything that
 * changed, or when more than RSET_MAX_CHANGES projects did: then build again. */
#define RSET_MAX_CHANGES 256
enum status rset_changes(struct txn *t, const struct rset_stamp *since, int32_t today, struct rset_stamp *now,
			 struct uuid **ids, size_t *n, bool *rebuild);

#endif
