/* check.c - findings over the projects.
 *
 * Which projects are checked for what:
 *   not-representative, no-lead: every matching project not in a closed phase
 *     (a project in Betrieb or Abgebrochen needs no team any more; a paused
 *     one will resume with the team it has);
 *   late: as rules_late_phase (never for projects outside the line);
 *   parallel: every active matching project that shares a service with other
 *     active projects (matching the filter or not), once: the finding names
 *     the shared services, the SHOW_OTHERS lowest-numbered other projects and
 *     how many more there are ("services 10000, 10001 also in #3, #6, #7 +12
 *     more"); other_number is the lowest-numbered of them, n_others their
 *     count;
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
 *
 * How, so that the work grows with the projects and not with the pairs of
 * projects sharing a service (25 million of them at 100,000 projects):
 *   scan      every project is decoded once (in UUID order; with a filter
 *             confined to a phase or field, only the candidates of those
 *             indexes, query.h) and judged; a matching one is remembered in
 *             a small struct pinfo. Each active project adds its number to
 *             the list of each of its services and, having at most
 *             SUBSET_MAX services, counts every subset of two or more of them
 *             (struct subset: how many active projects implement all of a
 *             set of services);
 *   lists, sort, parallel
 *             the parallel findings from the services' lists and the subset
 *             counts: check_parallel.c;
 *   outcomes  overdue items and drifting bundles: check_outcomes.c.
 * Each stage stops after its budget of items and resumes in the next step
 * (check_job_step), so a screen can run it between keys.
 */
#include "ozgtui/check.h"

#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "ozgtui/i18n.h"
#include "ozgtui/query.h"
#include "ozgtui/rules.h"

#define RELEASE_EVERY 4096   /* records read between store_map_release calls */

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
	return (unsigned)k < FINDING__COUNT ? _(finding_labels[k]) : "";
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

/* ---- results ------------------------------------------------------------- */

__attribute__((format_arg(2))) const char *check_say(const struct check_job *j, const char *msgid)
{
	return j->texts == CHECK_TEXTS_PEOPLE ? gettext(msgid) : msgid;
}

void check_say_day(const struct check_job *j, int32_t day, char out[static 32])
{
	if (j->texts == CHECK_TEXTS_PEOPLE)
		i18n_date(day, out);
	else
		date_format(day, out);
}

static void count(struct check_job *j, uint16_t field, enum finding_kind kind)
{
	if (field >= j->n_counts) {
		size_t n = (size_t)field + 1;
		j->counts = xrealloc(j->counts, n * sizeof *j->counts);
		memset(j->counts + j->n_counts, 0, (n - j->n_counts) * sizeof *j->counts);
		j->n_counts = n;
	}
	j->counts[field][kind]++;
	j->kind_total[kind]++;
	j->total++;
}

struct finding *check_add(struct check_job *j, enum finding_kind kind, const struct uuid *id, uint32_t number,
			  uint16_t field, char *text)
{
	count(j, field, kind);
	if (j->texts == CHECK_TEXTS_NONE) {
		free(text);
		return NULL;
	}
	struct findings *out = &j->out;
	xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	if (id)
		f->project = *id;
	f->number = number;
	f->field = field;
	f->text = text;
	return f;
}

/* ---- the matching projects, by UUID ----------------------------------------- */

static void pi_rehash(struct check_job *j)
{
	size_t n = slots_renew(&j->pi_slot, &j->pi_slots, 1024);
	for (size_t i = 0; i < j->n_pi; i++)
		j->pi_slot[slot_free(j->pi_slot, n, uuid_hash(&j->pi[i].id))] = (uint32_t)i + 1;
}

const struct pinfo *check_pi_find(const struct check_job *j, const struct uuid *id)
{
	if (!j->pi_slots)
		return NULL;
	size_t s = uuid_hash(id) & (j->pi_slots - 1);
	for (; j->pi_slot[s]; s = (s + 1) & (j->pi_slots - 1)) {
		const struct pinfo *p = &j->pi[j->pi_slot[s] - 1];
		if (uuid_cmp(&p->id, id) == 0)
			return p;
	}
	return NULL;
}

static struct pinfo *pi_add(struct check_job *j, const struct project *p)
{
	if (check_pi_find(j, &p->id))
		return NULL;   /* met twice (a dangling index entry): once is enough */
	if ((j->n_pi + 1) * 2 > j->pi_slots)
		pi_rehash(j);
	xgrow((void **)&j->pi, &j->cap_pi, j->n_pi + 1, sizeof *j->pi);
	struct pinfo *x = &j->pi[j->n_pi];
	memset(x, 0, sizeof *x);
	x->id = p->id;
	x->number = p->number;
	x->field = p->field;
	x->phase = p->phase;
	j->pi_slot[slot_free(j->pi_slot, j->pi_slots, uuid_hash(&p->id))] = (uint32_t)++j->n_pi;
	return x;
}

uint32_t *check_scratch(struct check_job *j, size_t n)
{
	xgrow((void **)&j->scratch, &j->cap_scratch, n ? n : 1, sizeof *j->scratch);
	return j->scratch;
}

/* ---- scan ---------------------------------------------------------------- */

static void judge(struct check_job *j, const struct project *p)
{
	const struct catalog *c = j->c;
	const struct phase *ph = catalog_phase(c, p->phase);
	bool closed = ph && ph->closed;
	if (!closed) {
		struct team_verdict v = rules_check_team(c, p);
		if (!v.representative) {
			struct buf b;
			buf_init(&b);
			if (j->texts != CHECK_TEXTS_NONE) {
				struct buf cats;
				buf_init(&cats);
				for (int cat = 1; cat <= CAT__MAX; cat++) {
					if (!(v.missing & CAT_BIT(cat)))
						continue;
					buf_printf(&cats, "%s%s", cats.len ? ", " : "", category_code((enum category)cat));
				}
				/* TRANSLATORS: check's finding of a team not representative;
				 * %s: the category codes missing ("municipality, city") */
				buf_printf(&b, check_say(j, N_("missing: %s")), cats.data ? cats.data : "");
				buf_fini(&cats);
			}
			check_add(j, FINDING_NOT_REPRESENTATIVE, &p->id, p->number, p->field, buf_steal(&b));
			buf_fini(&b);
		}
	}
	uint8_t late = rules_late_phase(&c->phases, p, j->today);
	if (late) {
		char *text = NULL;
		if (j->texts != CHECK_TEXTS_NONE) {
			const struct phase *lp = catalog_phase(c, late);
			const struct phase_date *d = project_date_const(p, late);
			char day[32];
			check_say_day(j, d ? d->planned : 0, day);
			/* TRANSLATORS: check's finding of a late project: the phase's
			 * name, its planned date */
			text = xasprintf(check_say(j, N_("planned %s %s, not reached")), lp && lp->name ? lp->name : "?", day);
		}
		check_add(j, FINDING_LATE, &p->id, p->number, p->field, text);
	}
	if (!closed && !project_lead(p))
		check_add(j, FINDING_NO_LEAD, &p->id, p->number, p->field,
			  j->texts != CHECK_TEXTS_NONE ? xstrdup(check_say(j, N_("no lead organisation"))) : NULL);
}

/* Gives back the map pages of what was read every RELEASE_EVERY records, so
 * that a pass over every project or outcome does not keep the database
 * resident. */
void check_read_one(struct check_job *j)
{
	if (++j->reads >= RELEASE_EVERY) {
		store_map_release(j->t);
		j->reads = 0;
	}
}

static int scan_one(const struct project *p, void *arg)
{
	struct check_job *j = arg;
	check_read_one(j);
	j->from = p->id;
	j->have_from = true;
	bool match = !j->filter || filter_match(j->filter, j->c, p, j->today);
	bool active = rules_is_active(&j->c->phases, p);
	struct pinfo *x = match ? pi_add(j, p) : NULL;
	if (match && !x)
		return --j->budget == 0;   /* seen already */
	if (x)
		judge(j, p);
	if (active && (x || !j->narrowed)) {
		/* the distinct services, as dense indexes in ascending order */
		uint32_t *set = check_scratch(j, p->n_services);
		size_t n = 0;
		for (size_t i = 0; i < p->n_services; i++)
			set[n++] = check_svc_index(j, p->services[i]);
		set = j->scratch;   /* check_svc_index does not move it, but be plain */
		qsort(set, n, sizeof *set, u32_cmp);
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (!k || set[k - 1] != set[i])
				set[k++] = set[i];
		if (!j->narrowed) {
			for (size_t i = 0; i < k; i++) {
				struct svc *s = &j->svc[set[i]];
				push_u32(&s->num, &s->n, &s->cap, p->number);
				if (k > SUBSET_MAX)
					push_u32(&s->big, &s->n_big, &s->cap_big, p->number);
			}
			if (k >= 2 && k <= SUBSET_MAX)
				check_count_subsets(j, set, k);
		}
		if (x) {
			x->active = true;
			x->svc = (uint32_t)j->n_pool;
			x->n_svc = (uint32_t)k;
			for (size_t i = 0; i < k; i++)
				push_u32(&j->pool, &j->n_pool, &j->cap_pool, j->scratch[i]);
		}
	}
	return --j->budget == 0;
}

static void scan(struct check_job *j, struct txn *t)
{
	if (!j->started) {
		j->started = true;
		j->scan_more = true;
		bool narrowed = false;
		j->st = query_candidates(t, j->filter, &j->cand, &j->n_cand, &narrowed);
		j->narrowed = narrowed;
		j->subsets_kept = !narrowed;   /* lists() counts them for a narrowed scan */
		if (j->st != STATUS_OK)
			return;
	}
	if (j->narrowed) {
		struct project p;
		project_init(&p);
		while (j->budget && j->next_cand < j->n_cand) {
			project_fini(&p);
			project_init(&p);
			enum status st = store_project_get(t, &j->cand[j->next_cand++], &p);
			if (st == STATUS_NOT_FOUND) {
				status_clear();   /* an index entry without record: store_verify's business */
				continue;
			}
			if (st != STATUS_OK) {
				j->st = st;
				break;
			}
			scan_one(&p, j);
		}
		project_fini(&p);
		if (j->next_cand == j->n_cand)
			j->scan_more = false;
	} else {
		if (j->have_from && !uuid_next(&j->from)) {
			j->scan_more = false;   /* the last possible UUID was seen */
			return;
		}
		j->st = store_project_each_from(t, j->have_from ? &j->from : NULL, scan_one, j);
		if (j->st == STATUS_OK && j->budget)
			j->scan_more = false;   /* the end came before the budget */
	}
	if (j->st == STATUS_OK && !j->scan_more)
		j->stage = j->narrowed ? STAGE_LISTS : STAGE_SORT;
}

/* ---- the job ------------------------------------------------------------- */

struct check_job *check_job_new(const struct catalog *c, const struct filter *filter, int32_t today,
				enum check_texts texts)
{
	struct check_job *j = xcalloc(1, sizeof *j);
	j->c = c;
	j->filter = filter && !filter_is_empty(filter) ? filter : NULL;
	j->today = today;
	j->texts = texts;
	workshop_list_init(&j->ws);
	findings_init(&j->out);
	return j;
}

enum status check_job_step(struct check_job *j, struct txn *t, size_t budget, bool *done)
{
	j->budget = budget ? budget : 1;
	j->t = t;
	while (j->st == STATUS_OK && j->stage != STAGE_DONE && j->budget) {
		switch (j->stage) {
		case STAGE_SCAN: scan(j, t); break;
		case STAGE_LISTS: check_lists(j, t); break;
		case STAGE_SORT: check_sort_lists(j); break;
		case STAGE_PARALLEL: check_parallel(j); break;
		case STAGE_OUTCOMES: check_outcomes(j, t); break;
		case STAGE_DONE: break;
		}
	}
	*done = j->st != STATUS_OK || j->stage == STAGE_DONE;
	if (*done && j->reads) {
		store_map_release(t);
		j->reads = 0;
	}
	j->t = NULL;
	return j->st;
}

uint32_t check_job_count(const struct check_job *j, uint16_t field, enum finding_kind k)
{
	return field < j->n_counts && (unsigned)k < FINDING__COUNT ? j->counts[field][k] : 0;
}

uint32_t check_job_kind_total(const struct check_job *j, enum finding_kind k)
{
	return (unsigned)k < FINDING__COUNT ? j->kind_total[k] : 0;
}

size_t check_job_total(const struct check_job *j)
{
	return j->total;
}

void check_job_take(struct check_job *j, struct findings *out)
{
	size_t first = out->n;
	for (size_t i = 0; i < j->out.n; i++) {
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = j->out.v[i];
	}
	j->out.n = 0;
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, finding_cmp);
}

void check_job_free(struct check_job *j)
{
	if (!j)
		return;
	findings_fini(&j->out);
	workshop_list_fini(&j->ws);
	for (size_t i = 0; i < j->n_svc; i++) {
		free(j->svc[i].num);
		free(j->svc[i].big);
	}
	free(j->svc);
	free(j->svc_slot);
	free(j->sub);
	free(j->sub_slot);
	free(j->keys);
	free(j->pi);
	free(j->pi_slot);
	free(j->pool);
	free(j->cand);
	free(j->scratch);
	free(j->counts);
	free(j);
}

enum status check_run(struct txn *t, const struct catalog *c, const struct filter *filter,
		      int32_t today, enum check_texts texts, struct findings *out)
{
	struct check_job *j = check_job_new(c, filter, today, texts == CHECK_TEXTS_NONE ? CHECK_TEXTS_PLAIN : texts);
	bool done = false;
	enum status st = check_job_step(j, t, SIZE_MAX, &done);
	if (st == STATUS_OK)
		check_job_take(j, out);
	check_job_free(j);
	return st;
}
