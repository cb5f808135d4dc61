/* check_outcomes.c - the findings on workshop outcomes: overdue action items
 * and bundles drifting apart (which ones: check.c), the projects they link
 * looked up among the matching ones the scan remembered before any is
 * decoded.
 */
#include <stdlib.h>

#include "check_internal.h"
#include "ozgtui/i18n.h"

struct id_list {
	struct uuid *ids;
	size_t n, cap;
};

static int push_uuid(const struct uuid *id, void *arg)
{
	struct id_list *x = arg;
	xgrow((void **)&x->ids, &x->cap, x->n + 1, sizeof *x->ids);
	x->ids[x->n++] = *id;
	return 0;
}

/* A project an outcome links, remembered or read now. */
struct linked {
	struct uuid id;
	uint32_t number;
	uint16_t field;
	uint8_t phase;
	bool matching;
};

/* Looks up id among the matching projects, else reads it: false when it does
 * not exist (a dangling link: store_verify's business) or on failure (j->st). */
static bool linked_get(struct check_job *j, struct txn *t, const struct uuid *id, struct linked *out)
{
	const struct pinfo *p = check_pi_find(j, id);
	if (p) {
		*out = (struct linked){p->id, p->number, p->field, p->phase, true};
		return true;
	}
	struct project q;
	project_init(&q);
	enum status st = store_project_get(t, id, &q);
	if (st == STATUS_OK)
		*out = (struct linked){q.id, q.number, q.field, q.phase, false};
	else if (st == STATUS_NOT_FOUND)
		status_clear();
	else
		j->st = st;
	project_fini(&q);
	return st == STATUS_OK;
}

/* As workshops_outcome_field, the first linked project looked up first among
 * the remembered ones. */
static uint16_t outcome_field(struct check_job *j, struct txn *t, const struct outcome *o)
{
	if (!uuid_is_nil(&o->workshop))
		for (size_t i = 0; i < j->ws.n; i++)
			if (uuid_cmp(&j->ws.v[i].id, &o->workshop) == 0)
				return j->ws.v[i].field;
	const struct pinfo *p = o->n_projects ? check_pi_find(j, &o->projects[0]) : NULL;
	return p ? p->field : workshops_outcome_field(t, &j->ws, o);
}

static void overdue(struct check_job *j, struct txn *t, const struct outcome *o)
{
	if (!workshops_overdue(o, j->today))
		return;
	bool all = !j->filter;
	const struct pinfo *on = NULL;
	for (size_t i = 0; i < o->n_projects && !on; i++)
		on = check_pi_find(j, &o->projects[i]);
	struct linked first;
	bool have_first = false;
	if (!on && all && o->n_projects) {
		have_first = linked_get(j, t, &o->projects[0], &first);
		if (j->st != STATUS_OK)
			return;
	}
	if (!on && !have_first && !all)
		return;
	const struct uuid *id = on ? &on->id : have_first ? &first.id : NULL;
	uint32_t number = on ? on->number : have_first ? first.number : 0;
	uint16_t field = on ? on->field : have_first ? first.field : 0;
	if (!field)
		field = outcome_field(j, t, o);
	char *text = NULL;
	if (j->texts != CHECK_TEXTS_NONE) {
		struct buf b;
		buf_init(&b);
		char day[32];
		check_say_day(j, o->due, day);
		/* TRANSLATORS: check's finding of an overdue action item: its due
		 * date; the owner and what it says follow */
		buf_printf(&b, check_say(j, N_("action item due %s")), day);
		if (o->owner && *o->owner)
			/* TRANSLATORS: the owner of an overdue action item (a name) */
			buf_printf(&b, check_say(j, N_(" (owner %s)")), o->owner);
		buf_puts(&b, ": ");
		text_first_line(&b, o->text, 60);
		text = buf_steal(&b);
		buf_fini(&b);
	}
	struct finding *f = check_add(j, FINDING_OVERDUE, id, number, field, text);
	if (f)
		f->outcome = o->id;
}

struct at {
	struct uuid id;
	size_t at;
};

static int at_cmp(const void *a, const void *b)
{
	const struct at *x = a, *y = b;
	int c = uuid_cmp(&x->id, &y->id);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Drops every UUID met before, keeping the order. */
static void dedup_keep_order(struct uuid *v, size_t *n)
{
	if (*n < 2)
		return;
	struct at *a = xcalloc(*n, sizeof *a);
	bool *drop = xcalloc(*n, sizeof *drop);
	for (size_t i = 0; i < *n; i++)
		a[i] = (struct at){v[i], i};
	qsort(a, *n, sizeof *a, at_cmp);
	for (size_t i = 1; i < *n; i++)
		drop[a[i].at] = uuid_cmp(&a[i].id, &a[i - 1].id) == 0;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!drop[i])
			v[k++] = v[i];
	*n = k;
	free(drop);
	free(a);
}

static void bundle(struct check_job *j, struct txn *t, const struct outcome *o)
{
	if (o->kind != OUTCOME_BUNDLE || o->status == OUTCOME_STATUS_DROPPED)
		return;
	struct id_list ids = {0};
	for (size_t i = 0; i < o->n_projects; i++)
		push_uuid(&o->projects[i], &ids);
	for (size_t i = 0; !o->n_projects && j->st == STATUS_OK && i < o->n_services; i++)
		j->st = store_project_ids_with_service(t, o->services[i], push_uuid, &ids);
	dedup_keep_order(ids.ids, &ids.n);
	struct linked *ps = xcalloc(ids.n + 1, sizeof *ps);
	uint8_t *phase = xcalloc(ids.n + 1, 1);
	size_t n = 0;
	bool any = !j->filter;
	for (size_t i = 0; j->st == STATUS_OK && i < ids.n; i++) {
		if (!linked_get(j, t, &ids.ids[i], &ps[n]))
			continue;
		any = any || ps[n].matching;
		phase[n] = ps[n].phase;
		n++;
	}
	size_t behind, ahead;
	int steps;
	if (j->st == STATUS_OK && any && workshops_bundle_drift(&j->c->phases, phase, n, &behind, &ahead, &steps)) {
		char *text = NULL;
		if (j->texts != CHECK_TEXTS_NONE) {
			const struct phase *pb = catalog_phase(j->c, ps[behind].phase);
			const struct phase *pa = catalog_phase(j->c, ps[ahead].phase);
			struct buf b;
			buf_init(&b);
			unsigned long n_steps = steps > 0 ? (unsigned long)steps : 0;
			/* TRANSLATORS: check's finding of a bundle drifting apart: the
			 * project furthest ahead, the phase of the one behind, the phase
			 * of the one ahead, how many steps of the line lie between; what
			 * the bundle outcome says follows */
			buf_printf(&b, j->texts == CHECK_TEXTS_PEOPLE
					       ? P_("bundled with #%u: %s vs %s, %d step apart: ",
						    "bundled with #%u: %s vs %s, %d steps apart: ", n_steps)
					       : "bundled with #%u: %s vs %s, %d steps apart: ",
				   (unsigned)ps[ahead].number, pb && pb->name ? pb->name : "?",
				   pa && pa->name ? pa->name : "?", steps);
			text_first_line(&b, o->text, 50);
			text = buf_steal(&b);
			buf_fini(&b);
		}
		struct finding *f = check_add(j, FINDING_BUNDLE_DRIFT, &ps[behind].id, ps[behind].number, ps[behind].field, text);
		if (f) {
			f->other_number = ps[ahead].number;
			f->n_others = 1;
			f->outcome = o->id;
		}
	}
	free(ps);
	free(phase);
	free(ids.ids);
}

struct outcome_ctx {
	struct check_job *j;
	struct txn *t;
};

static int outcome_one(const struct outcome *o, void *arg)
{
	struct outcome_ctx *x = arg;
	struct check_job *j = x->j;
	check_read_one(j);
	j->ofrom = o->id;
	j->have_ofrom = true;
	overdue(j, x->t, o);
	if (j->st == STATUS_OK)
		bundle(j, x->t, o);
	return j->st != STATUS_OK || --j->budget == 0;
}

void check_outcomes(struct check_job *j, struct txn *t)
{
	if (!j->ws_loaded) {
		j->ws_loaded = true;
		j->outcomes_more = true;
		if ((j->st = workshops_load(t, &j->ws)) != STATUS_OK)
			return;
	}
	if (j->have_ofrom && !uuid_next(&j->ofrom)) {
		j->outcomes_more = false;
	} else {
		struct outcome_ctx x = {j, t};
		enum status st = store_outcome_each_from(t, j->have_ofrom ? &j->ofrom : NULL, outcome_one, &x);
		if (j->st == STATUS_OK)
			j->st = st;
		if (j->st == STATUS_OK && j->budget)
			j->outcomes_more = false;
	}
	if (j->st == STATUS_OK && !j->outcomes_more)
		j->stage = STAGE_DONE;
}

