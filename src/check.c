/* check.c - findings over the projects.
 *
 * Which projects are checked for what:
 *   not-representative, no-lead: every matching project not in a closed phase
 *     (a project in Betrieb or Abgebrochen needs no team any more; a paused
 *     one will resume with the team it has);
 *   late: as rules_late_phase (never for projects outside the line);
 *   parallel: active matching projects, against every active project sharing a
 *     service. A pair is reported once, on the lower-numbered project, or on
 *     the matching one when the filter leaves the other out, with every shared
 *     service named.
 * Findings come sorted by project number, then kind, then other project.
 */
#include "ozgtui/check.h"

#include <stdlib.h>
#include <string.h>

#include "ozgtui/rules.h"

#define FINDING_CODE(name, code, label) code,
static const char *const finding_codes[] = {FINDING_KIND_LIST(FINDING_CODE)};
#undef FINDING_CODE
#define FINDING_LABEL(name, code, label) label,
static const char *const finding_labels[] = {FINDING_KIND_LIST(FINDING_LABEL)};
#undef FINDING_LABEL

const char *finding_kind_code(enum finding_kind k)
{
	return (unsigned)k < FINDING__COUNT ? finding_codes[k] : "";
}

const char *finding_kind_label(enum finding_kind k)
{
	return (unsigned)k < FINDING__COUNT ? finding_labels[k] : "";
}

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof *f);
}

void findings_fini(struct findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].text);
	free(f->v);
	memset(f, 0, sizeof *f);
}

/* Appends a finding about p; takes text. */
static struct finding *finding_add(struct findings *out, enum finding_kind kind,
				   const struct project *p, char *text)
{
	xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->project = p->id;
	f->number = p->number;
	f->field = p->field;
	f->text = text;
	return f;
}

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->other_number != y->other_number)
		return x->other_number < y->other_number ? -1 : 1;
	return (x->service > y->service) - (x->service < y->service);
}

/* The matching projects, copied out of the iteration so that the parallel
 * check can run its own index scans afterwards. */
struct collect {
	const struct catalog *c;
	const struct filter *filter;
	int32_t today;
	struct project *v;
	size_t n, cap;
};

static int collect_one(const struct project *p, void *arg)
{
	struct collect *col = arg;
	if (!filter_match(col->filter, col->c, p, col->today))
		return 0;
	xgrow((void **)&col->v, &col->cap, col->n + 1, sizeof *col->v);
	project_init(&col->v[col->n]);
	project_copy(&col->v[col->n++], p);
	return 0;
}

struct id_list {
	struct uuid *v;
	size_t n, cap;
};

static int collect_id(const struct uuid *id, void *arg)
{
	struct id_list *l = arg;
	for (size_t i = 0; i < l->n; i++)
		if (uuid_cmp(&l->v[i], id) == 0)
			return 0;
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = *id;
	return 0;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static enum status check_parallel(struct txn *t, const struct catalog *c, const struct filter *filter,
				  int32_t today, const struct project *p, struct findings *out)
{
	struct id_list ids = {0};
	struct project q;
	enum status st = STATUS_OK;
	uint32_t *shared = NULL;

	project_init(&q);
	for (size_t i = 0; i < p->n_services; i++) {
		st = store_project_ids_with_service(t, p->services[i], collect_id, &ids);
		if (st != STATUS_OK)
			goto out;
	}
	shared = xcalloc(p->n_services + 1, sizeof *shared);
	for (size_t i = 0; i < ids.n; i++) {
		if (uuid_cmp(&ids.v[i], &p->id) == 0)
			continue;
		project_fini(&q);
		project_init(&q);
		st = store_project_get(t, &ids.v[i], &q);
		if (st == STATUS_NOT_FOUND)
			continue;   /* an index entry without record: store_verify's business */
		if (st != STATUS_OK)
			goto out;
		if (!rules_parallel(&c->phases, p, &q))
			continue;
		if (q.number < p->number && filter_match(filter, c, &q, today))
			continue;   /* reported on q */

		size_t n_shared = 0;
		for (size_t k = 0; k < p->n_services; k++) {
			bool dup = false;
			for (size_t j = 0; j < n_shared && !dup; j++)
				dup = shared[j] == p->services[k];
			if (!dup && project_has_service(&q, p->services[k]))
				shared[n_shared++] = p->services[k];
		}
		if (!n_shared)
			continue;
		qsort(shared, n_shared, sizeof *shared, u32_cmp);
		struct buf b;
		buf_init(&b);
		buf_puts(&b, n_shared == 1 ? "service " : "services ");
		for (size_t k = 0; k < n_shared; k++)
			buf_printf(&b, "%s%u", k ? ", " : "", (unsigned)shared[k]);
		buf_printf(&b, " also in #%u", (unsigned)q.number);
		struct finding *f = finding_add(out, FINDING_PARALLEL, p, buf_steal(&b));
		buf_fini(&b);
		f->other_number = q.number;
		f->service = shared[0];
	}
	st = STATUS_OK;
out:
	project_fini(&q);
	free(shared);
	free(ids.v);
	return st;
}

enum status check_run(struct txn *t, const struct catalog *c, const struct filter *filter,
		      int32_t today, struct findings *out)
{
	struct collect col = {.c = c, .filter = filter, .today = today};
	size_t first = out->n;
	enum status st = store_project_each(t, collect_one, &col);
	if (st != STATUS_OK)
		goto out;

	for (size_t i = 0; i < col.n; i++) {
		const struct project *p = &col.v[i];
		const struct phase *ph = catalog_phase(c, p->phase);
		bool closed = ph && ph->closed;

		if (!closed) {
			struct team_verdict v = rules_check_team(c, p);
			if (!v.representative) {
				struct buf b;
				buf_init(&b);
				const char *sep = "missing: ";
				for (int cat = 1; cat <= CAT__MAX; cat++) {
					if (!(v.missing & CAT_BIT(cat)))
						continue;
					buf_printf(&b, "%s%s", sep, category_code((enum category)cat));
					sep = ", ";
				}
				finding_add(out, FINDING_NOT_REPRESENTATIVE, p, buf_steal(&b));
				buf_fini(&b);
			}
		}
		uint8_t late = rules_late_phase(&c->phases, p, today);
		if (late) {
			const struct phase *lp = catalog_phase(c, late);
			const struct phase_date *d = project_date_const(p, late);
			char day[11];
			date_format(d ? d->planned : 0, day);
			finding_add(out, FINDING_LATE, p,
				    xasprintf("planned %s %s, not reached",
					      lp && lp->name ? lp->name : "?", day));
		}
		if (rules_is_active(&c->phases, p)) {
			st = check_parallel(t, c, filter, today, p, out);
			if (st != STATUS_OK)
				goto out;
		}
		if (!closed && !project_lead(p))
			finding_add(out, FINDING_NO_LEAD, p, xstrdup("no lead organisation"));
	}
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, finding_cmp);
out:
	for (size_t i = 0; i < col.n; i++)
		project_fini(&col.v[i]);
	free(col.v);
	return st;
}
