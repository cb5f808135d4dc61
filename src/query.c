/* query.c - the projects that match a filter, read through the indexes (query.h). */
#include "ozgtui/query.h"

#include <stdlib.h>
#include <string.h>

struct idv {
	struct uuid *v;
	uint32_t *num;
	size_t n, cap, cap_num;
};

static int push_key(uint32_t number, const struct uuid *id, void *arg)
{
	struct idv *l = arg;
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	xgrow((void **)&l->num, &l->cap_num, l->n + 1, sizeof(*l->num));
	l->v[l->n] = *id;
	l->num[l->n++] = number;
	return 0;
}

/* The field's candidates need only their numbers for the merge. */
static int push_number(uint32_t number, const struct uuid *id, void *arg)
{
	struct idv *l = arg;
	(void)id;
	xgrow((void **)&l->num, &l->cap_num, l->n + 1, sizeof(*l->num));
	l->num[l->n++] = number;
	return 0;
}

/* The phase index walked against the field's candidates (both in number
 * order, the indexes'): only the projects in both are kept, and the walk
 * stops after the field's last one. */
struct merge {
	const struct idv *field;
	size_t j;
	struct idv *out;
};

static int merge_key(uint32_t number, const struct uuid *id, void *arg)
{
	struct merge *m = arg;
	while (m->j < m->field->n && m->field->num[m->j] < number)
		m->j++;
	if (m->j == m->field->n)
		return 1;
	if (m->field->num[m->j] == number) {
		push_key(number, id, m->out);
		m->j++;
	}
	return 0;
}

enum status query_candidate_keys(struct txn *t, const struct filter *f, struct uuid **ids, uint32_t **numbers,
				 size_t *n, bool *narrowed)
{
	uint8_t phase = f ? filter_only_phase(f) : 0;
	uint16_t field = f ? filter_only_field(f) : 0;
	struct idv a = { 0 }, b = { 0 };
	enum status st = STATUS_OK;
	*ids = NULL;
	if (numbers)
		*numbers = NULL;
	*n = 0;
	*narrowed = phase || field;
	if (!*narrowed)
		return STATUS_OK;
	if (phase && field) {
		st = store_project_keys_in_field(t, field, push_number, &b);
		struct merge m = { .field = &b, .out = &a };
		if (st == STATUS_OK && b.n)
			st = store_project_keys_in_phase(t, phase, merge_key, &m);
	} else if (phase) {
		st = store_project_keys_in_phase(t, phase, push_key, &a);
	} else {
		st = store_project_keys_in_field(t, field, push_key, &a);
	}
	free(b.v);
	free(b.num);
	if (st != STATUS_OK) {
		free(a.v);
		free(a.num);
		return st;
	}
	*ids = a.v;
	if (numbers)
		*numbers = a.num;
	else
		free(a.num);
	*n = a.n;
	return STATUS_OK;
}

enum status query_candidates(struct txn *t, const struct filter *f, struct uuid **ids, size_t *n,
			     bool *narrowed)
{
	return query_candidate_keys(t, f, ids, NULL, n, narrowed);
}

struct each_ctx {
	const struct catalog *c;
	const struct filter *f;
	int32_t today;
	int (*fn)(const struct project *, void *);
	void *arg;
};

static int each_match(const struct project *p, void *arg)
{
	struct each_ctx *x = arg;
	if (x->f && !filter_match(x->f, x->c, p, x->today))
		return 0;
	return x->fn(p, x->arg);
}

enum status query_each(struct txn *t, const struct catalog *c, const struct filter *f, int32_t today,
		       int (*fn)(const struct project *, void *), void *arg)
{
	return query_each_skip(t, c, f, today, 0, fn, arg);
}

enum status query_each_skip(struct txn *t, const struct catalog *c, const struct filter *f, int32_t today,
			    uint32_t skip, int (*fn)(const struct project *, void *), void *arg)
{
	struct each_ctx x = { .c = c, .f = f, .today = today, .fn = fn, .arg = arg };
	/* a filter of only one phase and field judges nothing that skip leaves out */
	if (f && !filter_index_exact(f))
		skip = 0;
	/* one phase (and field): the records' copies, which lie together */
	uint8_t phase = f ? filter_only_phase(f) : 0;
	if (phase)
		return store_project_each_in_phase(t, phase, filter_only_field(f), skip, each_match, &x);
	struct uuid *ids;
	size_t n;
	bool narrowed;
	enum status st = query_candidates(t, f, &ids, &n, &narrowed);
	if (st != STATUS_OK)
		return st;
	if (!narrowed)
		return store_project_each(t, each_match, &x);
	/* decoded into one scratch: no allocation per project or field */
	struct project_scratch scratch;
	project_scratch_init(&scratch);
	scratch.skip = skip;
	for (size_t i = 0; i < n; i++) {
		struct project p;
		st = store_project_view(t, &ids[i], &scratch, &p);
		if (st == STATUS_NOT_FOUND) {
			st = STATUS_OK;   /* an index entry without record: store_verify's business */
			continue;
		}
		if (st != STATUS_OK || each_match(&p, &x))
			break;
	}
	project_scratch_fini(&scratch);
	free(ids);
	return st;
}
