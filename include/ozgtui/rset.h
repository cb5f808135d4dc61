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
