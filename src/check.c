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
 *     service named;
 *   overdue: open action items past their due date (workshops_overdue). With
 *     a filter, those linked to a matching project (reported on the first
 *     such project); without one, all of them (on their first linked project,
 *     or on none: number 0);
 *   bundle-drift: bundle outcomes not dropped whose projects lie more than one
 *     line step apart (workshops_bundle_drift), reported on the project
 *     furthest behind, naming the one furthest ahead. A bundle's projects are
 *     the projects it links, or, when it links none, those implementing a
 *     service it links. With a filter, when any of them matches.
 * Findings come sorted by project number, then kind, then other project.
 */
#include "ozgtui/check.h"

#include <stdlib.h>
#include <string.h>

#include "ozgtui/rules.h"
#include "ozgtui/workshops.h"

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

static struct finding *finding_add_none(struct findings *out, enum finding_kind kind, uint16_t field,
					char *text)
{
	xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->field = field;
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
	if (x->service != y->service)
		return (x->service > y->service) - (x->service < y->service);
	return uuid_cmp(&x->outcome, &y->outcome);
}

/* The matching projects, copied out of the iteration so that the parallel
 * check can run its own index scans afterwards. */
struct collect {
	const struct catalog *c;
	const struct filter *filter;
	int32_t today;
	struct project *v;
	size_t n, cap;
	size_t *by_id;   /* indexes of v in UUID order, for matching() */
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

/* The matching project with this UUID, or NULL (binary search in by_id). */
static const struct project *matching(const struct collect *col, const struct uuid *id)
{
	size_t lo = 0, hi = col->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = uuid_cmp(&col->v[col->by_id[mid]].id, id);
		if (c == 0)
			return &col->v[col->by_id[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct project *sort_base;

static int cmp_by_id(const void *a, const void *b)
{
	return uuid_cmp(&sort_base[*(const size_t *)a].id, &sort_base[*(const size_t *)b].id);
}

/* One (service, project) pair of the active projects, for the parallel check
 * over all projects. */
struct svc_pair {
	uint32_t service;
	uint32_t index;   /* into collect.v */
};

static int cmp_svc_pair(const void *a, const void *b)
{
	const struct svc_pair *x = a, *y = b;
	if (x->service != y->service)
		return x->service < y->service ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* The parallel check when every project matches (no filter): the projects are
 * all in memory, so partners come from a (service, project) table instead of
 * an index scan and a record read per partner. Same findings as
 * check_parallel: each pair once, on the lower-numbered project. */
static void check_parallel_all(const struct catalog *c, const struct collect *col, struct findings *out)
{
	struct svc_pair *pairs = NULL;
	size_t n_pairs = 0, cap = 0;
	for (size_t i = 0; i < col->n; i++) {
		const struct project *p = &col->v[i];
		if (!rules_is_active(&c->phases, p))
			continue;
		for (size_t k = 0; k < p->n_services; k++) {
			xgrow((void **)&pairs, &cap, n_pairs + 1, sizeof *pairs);
			pairs[n_pairs].service = p->services[k];
			pairs[n_pairs++].index = (uint32_t)i;
		}
	}
	if (n_pairs)
		qsort(pairs, n_pairs, sizeof *pairs, cmp_svc_pair);
	size_t *seen = xcalloc(col->n + 1, sizeof *seen);   /* i + 1 of the last p that saw it */
	uint32_t *shared = NULL;
	size_t shared_cap = 0;
	for (size_t i = 0; i < col->n; i++) {
		const struct project *p = &col->v[i];
		if (!rules_is_active(&c->phases, p))
			continue;
		for (size_t k = 0; k < p->n_services; k++) {
			/* the first pair of this service */
			size_t lo = 0, hi = n_pairs;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (pairs[mid].service < p->services[k])
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t j = lo; j < n_pairs && pairs[j].service == p->services[k]; j++) {
				size_t qi = pairs[j].index;
				const struct project *q = &col->v[qi];
				if (qi == i || seen[qi] == i + 1)
					continue;
				seen[qi] = i + 1;
				if (!rules_parallel(&c->phases, p, q) || q->number < p->number)
					continue;   /* the lower-numbered one reports the pair */
				size_t n_shared = 0;
				for (size_t m = 0; m < p->n_services; m++) {
					bool dup = false;
					for (size_t x = 0; x < n_shared && !dup; x++)
						dup = shared[x] == p->services[m];
					if (!dup && project_has_service(q, p->services[m])) {
						xgrow((void **)&shared, &shared_cap, n_shared + 1, sizeof *shared);
						shared[n_shared++] = p->services[m];
					}
				}
				if (!n_shared)
					continue;
				qsort(shared, n_shared, sizeof *shared, u32_cmp);
				struct buf b;
				buf_init(&b);
				buf_puts(&b, n_shared == 1 ? "service " : "services ");
				for (size_t m = 0; m < n_shared; m++)
					buf_printf(&b, "%s%u", m ? ", " : "", (unsigned)shared[m]);
				buf_printf(&b, " also in #%u", (unsigned)q->number);
				struct finding *f = finding_add(out, FINDING_PARALLEL, p, buf_steal(&b));
				buf_fini(&b);
				f->other_number = q->number;
				f->service = shared[0];
			}
		}
	}
	free(shared);
	free(seen);
	free(pairs);
}

static void first_line(struct buf *b, const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	s = s ? s : "";
	while (s[i] && s[i] != '\n' && s[i] != '\r' && chars < max) {
		size_t len = 1;
		while (s[i + len] && ((unsigned char)s[i + len] & 0xc0) == 0x80)
			len++;
		i += len;
		chars++;
	}
	buf_append(b, s, i);
	if (s[i])
		buf_puts(b, "…");
}

static enum status check_overdue(struct txn *t, const struct collect *col, bool all,
				 const struct workshop_list *ws, const struct outcome *o, struct findings *out)
{
	if (!workshops_overdue(o, col->today))
		return STATUS_OK;
	const struct project *on = NULL;
	struct project first;
	project_init(&first);
	for (size_t i = 0; i < o->n_projects && !on; i++)
		on = matching(col, &o->projects[i]);
	enum status st = STATUS_OK;
	if (!on && all && o->n_projects) {
		st = store_project_get(t, &o->projects[0], &first);
		if (st == STATUS_OK)
			on = &first;
		else if (st == STATUS_NOT_FOUND)
			st = STATUS_OK;   /* a dangling link: store_verify's business */
	}
	if (st == STATUS_OK && (on || all)) {
		struct buf b;
		buf_init(&b);
		char day[11];
		date_format(o->due, day);
		buf_printf(&b, "action item due %s", day);
		if (o->owner && *o->owner)
			buf_printf(&b, " (owner %s)", o->owner);
		buf_puts(&b, ": ");
		first_line(&b, o->text, 60);
		uint16_t field = workshops_outcome_field(t, ws, o);
		struct finding *f = on ? finding_add(out, FINDING_OVERDUE, on, buf_steal(&b))
				       : finding_add_none(out, FINDING_OVERDUE, field, buf_steal(&b));
		if (!on || !f->field)
			f->field = field;
		f->outcome = o->id;
		buf_fini(&b);
	}
	project_fini(&first);
	return st;
}

static enum status check_bundle(struct txn *t, const struct catalog *c, const struct collect *col, bool all,
				const struct outcome *o, struct findings *out)
{
	if (o->kind != OUTCOME_BUNDLE || o->status == OUTCOME_STATUS_DROPPED)
		return STATUS_OK;
	struct id_list ids = {0};
	enum status st = STATUS_OK;
	for (size_t i = 0; i < o->n_projects; i++)
		collect_id(&o->projects[i], &ids);
	for (size_t i = 0; !o->n_projects && st == STATUS_OK && i < o->n_services; i++)
		st = store_project_ids_with_service(t, o->services[i], collect_id, &ids);
	struct project *ps = xcalloc(ids.n + 1, sizeof *ps);
	uint8_t *phase = xcalloc(ids.n + 1, 1);
	size_t n = 0;
	bool any = all;
	for (size_t i = 0; st == STATUS_OK && i < ids.n; i++) {
		project_init(&ps[n]);
		st = store_project_get(t, &ids.v[i], &ps[n]);
		if (st == STATUS_NOT_FOUND) {
			project_fini(&ps[n]);
			st = STATUS_OK;
			continue;
		}
		if (st != STATUS_OK) {
			project_fini(&ps[n]);
			break;
		}
		any = any || matching(col, &ps[n].id);
		phase[n] = ps[n].phase;
		n++;
	}
	size_t behind, ahead;
	int steps;
	if (st == STATUS_OK && any && workshops_bundle_drift(&c->phases, phase, n, &behind, &ahead, &steps)) {
		const struct phase *pb = catalog_phase(c, ps[behind].phase);
		const struct phase *pa = catalog_phase(c, ps[ahead].phase);
		struct buf b;
		buf_init(&b);
		buf_printf(&b, "bundled with #%u: %s vs %s, %d steps apart: ", (unsigned)ps[ahead].number,
			   pb && pb->name ? pb->name : "?", pa && pa->name ? pa->name : "?", steps);
		first_line(&b, o->text, 50);
		struct finding *f = finding_add(out, FINDING_BUNDLE_DRIFT, &ps[behind], buf_steal(&b));
		f->other_number = ps[ahead].number;
		f->outcome = o->id;
		buf_fini(&b);
	}
	for (size_t i = 0; i < n; i++)
		project_fini(&ps[i]);
	free(ps);
	free(phase);
	free(ids.v);
	return st;
}

static enum status check_outcomes(struct txn *t, const struct catalog *c, const struct filter *filter,
				  const struct collect *col, struct findings *out)
{
	bool all = !filter || filter_is_empty(filter);
	struct workshop_list ws;
	struct outcome_list os;
	workshop_list_init(&ws);
	outcome_list_init(&os);
	enum status st = workshops_load(t, &ws);
	if (st == STATUS_OK)
		st = workshops_outcomes_load(t, &os);
	for (size_t i = 0; st == STATUS_OK && i < os.n; i++) {
		st = check_overdue(t, col, all, &ws, &os.v[i], out);
		if (st == STATUS_OK)
			st = check_bundle(t, c, col, all, &os.v[i], out);
	}
	outcome_list_fini(&os);
	workshop_list_fini(&ws);
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
	col.by_id = xcalloc(col.n + 1, sizeof *col.by_id);
	for (size_t i = 0; i < col.n; i++)
		col.by_id[i] = i;
	sort_base = col.v;
	qsort(col.by_id, col.n, sizeof *col.by_id, cmp_by_id);
	bool all = !filter || filter_is_empty(filter);
	if (all)
		check_parallel_all(c, &col, out);

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
		if (!all && rules_is_active(&c->phases, p)) {
			st = check_parallel(t, c, filter, today, p, out);
			if (st != STATUS_OK)
				goto out;
		}
		if (!closed && !project_lead(p))
			finding_add(out, FINDING_NO_LEAD, p, xstrdup("no lead organisation"));
	}
	if ((st = check_outcomes(t, c, filter, &col, out)) != STATUS_OK)
		goto out;
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, finding_cmp);
out:
	for (size_t i = 0; i < col.n; i++)
		project_fini(&col.v[i]);
	free(col.v);
	free(col.by_id);
	return st;
}
