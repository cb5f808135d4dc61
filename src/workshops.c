/* workshops.c - workshops, outcomes and sponsors: the rules and the lists
 * (see include/ozgtui/workshops.h). The filter for their lists is in
 * workshops_filter.c, the changes in workshops_write.c.
 */
#include "ozgtui/workshops.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/i18n.h"
#include "workshops_internal.h"

/* ---- rules ------------------------------------------------------------------- */

bool workshops_overdue(const struct outcome *o, int32_t today)
{
	return o->kind == OUTCOME_ACTION && o->status == OUTCOME_STATUS_OPEN && o->due != 0 &&
	       o->due < today;
}

bool workshops_decides(const struct outcome *o, const struct uuid *project)
{
	return o->kind == OUTCOME_DECISION && o->status != OUTCOME_STATUS_DROPPED &&
	       uuid_in(o->projects, o->n_projects, project);
}

size_t workshops_new_interest(const struct outcome *o, const struct project *p, struct uuid *out,
			      size_t max)
{
	if (o->kind != OUTCOME_VOLUNTEER || o->status == OUTCOME_STATUS_DROPPED)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < o->n_orgs && n < max; i++) {
		const struct uuid *org = &o->orgs[i];
		if (project_member(p, org) || project_is_interested(p, org) || uuid_in(out, n, org))
			continue;
		out[n++] = *org;
	}
	return n;
}

bool workshops_bundle_drift(const struct phase_list *phases, const uint8_t *phase, size_t n,
			    size_t *behind, size_t *ahead, int *steps)
{
	int lo = -1, hi = -1;
	size_t ilo = 0, ihi = 0;
	for (size_t i = 0; i < n; i++) {
		const struct phase *ph = phase_list_get(phases, phase[i]);
		if (!ph || ph->outside_line)
			continue;
		/* position among the line phases only */
		int pos = 0;
		for (size_t k = 0; k < phases->n && phases->v[k].id != ph->id; k++)
			pos += !phases->v[k].outside_line;
		if (lo < 0 || pos < lo) {
			lo = pos;
			ilo = i;
		}
		if (hi < 0 || pos > hi) {
			hi = pos;
			ihi = i;
		}
	}
	if (lo < 0 || hi - lo <= 1)
		return false;
	if (behind)
		*behind = ilo;
	if (ahead)
		*ahead = ihi;
	if (steps)
		*steps = hi - lo;
	return true;
}

bool workshops_volunteer_placed(const struct uuid *org, const struct project *const *projects, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (project_member(projects[i], org))
			return true;
	return false;
}

uint32_t workshops_reach(const struct catalog *c, uint32_t mask)
{
	uint32_t sum = 0;
	for (int cat = CAT_MUNICIPALITY; cat <= CAT_CITY; cat++)
		if (mask & CAT_BIT(cat))
			sum += c->municipalities_per_category[cat];
	return sum;
}

uint32_t workshops_reach_counties(const struct catalog *c, uint32_t mask)
{
	if (!(mask & CAT_BIT(CAT_COUNTY)))
		return 0;
	uint32_t n = 0;
	for (size_t i = 0; i < c->n_orgs; i++)
		n += c->orgs[i].kind == ORG_COUNTY;
	return n;
}

/* ---- lists --------------------------------------------------------------------- */

void workshop_list_init(struct workshop_list *l)
{
	memset(l, 0, sizeof(*l));
}

void workshop_list_fini(struct workshop_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		workshop_fini(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void outcome_list_init(struct outcome_list *l)
{
	memset(l, 0, sizeof(*l));
}

void outcome_list_fini(struct outcome_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		outcome_fini(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int collect_workshop(const struct workshop *w, void *arg)
{
	struct workshop_list *l = arg;
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	workshop_init(&l->v[l->n]);
	workshop_copy(&l->v[l->n++], w);
	return 0;
}

static int collect_outcome(const struct outcome *o, void *arg)
{
	struct outcome_list *l = arg;
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	outcome_init(&l->v[l->n]);
	outcome_copy(&l->v[l->n++], o);
	return 0;
}

/* Creation order; the UUID decides between records created in the same
 * second. Nothing that can be edited takes part, so an edit never changes a
 * short index. */
static int cmp_workshop(const void *a, const void *b)
{
	const struct workshop *x = a, *y = b;
	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return uuid_cmp(&x->id, &y->id);
}

static int cmp_outcome(const void *a, const void *b)
{
	const struct outcome *x = a, *y = b;
	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return uuid_cmp(&x->id, &y->id);
}

enum status workshops_load(struct txn *t, struct workshop_list *out)
{
	enum status st = store_workshop_each(t, collect_workshop, out);
	if (st == STATUS_OK && out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_workshop);
	return st;
}

enum status workshops_outcomes_load(struct txn *t, struct outcome_list *out)
{
	enum status st = store_outcome_each(t, collect_outcome, out);
	if (st == STATUS_OK && out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_outcome);
	return st;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Shared by the two finds: the index of the element named by s among n
 * UUIDs (get(i) gives the i-th) in *found, or a failing status with a detail. */
static enum status find_in(bool outcome, const char *s, size_t n,
			   const struct uuid *(*get)(const void *, size_t), const void *l, size_t *found)
{
	if (!s || !*s)
		return status_fail(STATUS_USAGE, outcome ? _("empty outcome ID") : _("empty workshop ID"));
	const char *id = s[0] == '#' ? s + 1 : s;
	size_t len = strlen(id);
	if (all_digits(id) && len < 8) {
		uint32_t k;
		if (parse_u32(id, &k) && k >= 1 && k <= n) {
			*found = k - 1;
			return STATUS_OK;
		}
		return status_fail(STATUS_NOT_FOUND,
				   outcome ? _("no outcome %s (short indexes run from 1 to %zu)")
					   : _("no workshop %s (short indexes run from 1 to %zu)"),
				   s, n);
	}
	/* a UUID prefix: hex digits, dashes ignored */
	char want[33];
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		if (id[i] == '-')
			continue;
		if (!isxdigit((unsigned char)id[i]) || w >= 32)
			return status_fail(STATUS_NOT_FOUND,
					   outcome ? _("no outcome '%s' (give its short index or a UUID prefix)")
						   : _("no workshop '%s' (give its short index or a UUID prefix)"),
					   s);
		want[w++] = (char)tolower((unsigned char)id[i]);
	}
	want[w] = '\0';
	if (w < 4)
		return status_fail(STATUS_USAGE,
				   outcome ? _("outcome '%s': give at least 4 hex digits of the UUID")
					   : _("workshop '%s': give at least 4 hex digits of the UUID"),
				   s);
	size_t hits = 0;
	for (size_t i = 0; i < n; i++) {
		char full[37], compact[33];
		uuid_format(get(l, i), full);
		size_t k = 0;
		for (size_t j = 0; full[j]; j++)
			if (full[j] != '-')
				compact[k++] = (char)tolower((unsigned char)full[j]);
		compact[k] = '\0';
		if (strncmp(compact, want, w) == 0) {
			if (!hits)
				*found = i;
			hits++;
		}
	}
	if (hits == 0)
		return status_fail(STATUS_NOT_FOUND, outcome ? _("no outcome '%s'") : _("no workshop '%s'"), s);
	if (hits > 1)
		return status_fail(STATUS_DATA,
				   outcome ? _("'%s' matches %zu outcomes; give more of the UUID")
					   : _("'%s' matches %zu workshops; give more of the UUID"),
				   s, hits);
	return STATUS_OK;
}

static const struct uuid *workshop_id_at(const void *l, size_t i)
{
	return &((const struct workshop_list *)l)->v[i].id;
}

static const struct uuid *outcome_id_at(const void *l, size_t i)
{
	return &((const struct outcome_list *)l)->v[i].id;
}

enum status workshops_find(const struct workshop_list *l, const char *s, const struct workshop **out,
			   size_t *index)
{
	size_t i = 0;
	*out = NULL;
	enum status st = find_in(false, s, l->n, workshop_id_at, l, &i);
	if (st != STATUS_OK)
		return st;
	if (index)
		*index = i + 1;
	*out = &l->v[i];
	return STATUS_OK;
}

enum status workshops_outcome_find(const struct outcome_list *l, const char *s, const struct outcome **out,
				   size_t *index)
{
	size_t i = 0;
	*out = NULL;
	enum status st = find_in(true, s, l->n, outcome_id_at, l, &i);
	if (st != STATUS_OK)
		return st;
	if (index)
		*index = i + 1;
	*out = &l->v[i];
	return STATUS_OK;
}

size_t workshops_index_of(const struct workshop_list *l, const struct uuid *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (uuid_cmp(&l->v[i].id, id) == 0)
			return i + 1;
	return 0;
}

size_t workshops_outcome_index_of(const struct outcome_list *l, const struct uuid *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (uuid_cmp(&l->v[i].id, id) == 0)
			return i + 1;
	return 0;
}

uint16_t workshops_outcome_field(struct txn *t, const struct workshop_list *ws, const struct outcome *o)
{
	if (!uuid_is_nil(&o->workshop)) {
		for (size_t i = 0; ws && i < ws->n; i++)
			if (uuid_cmp(&ws->v[i].id, &o->workshop) == 0)
				return ws->v[i].field;
	}
	uint16_t field = 0;
	if (t && o->n_projects) {
		struct project p;
		project_init(&p);
		if (store_project_get(t, &o->projects[0], &p) == STATUS_OK)
			field = p.field;
		else
			status_clear();
		project_fini(&p);
	}
	return field;
}
