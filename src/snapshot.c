/* snapshot.c - the state at a revision, and the diff of two states.
 *
 * A diff matches projects and outcomes by UUID. For each project in scope in
 * both states it compares phase (MOVED), members (TEAM: joined, left, role
 * changed, one change per member) and the team verdict, each computed with the
 * delivering categories of that state's services (VERDICT). A project only in
 * B is ADDED, only in A REMOVED. An outcome is OPENED when it is new and open
 * or went back to open, CLOSED when it left open or is new and already done or
 * dropped. Changes are sorted by kind, project number (outcomes without a
 * project last), then the order they were found in (members in B's team order,
 * then the members who left; outcomes by UUID).
 *
 * The renderings of a diff (text, Markdown, JSON) are in snapshot_render.c.
 */
#include "ozgtui/snapshot.h"
#include "ozgtui/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "ozgtui/util.h"

#define CAT_MASK_ALL                                                                 \
	(CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_MEDIUM_TOWN) | CAT_BIT(CAT_LARGE_TOWN) | \
	 CAT_BIT(CAT_CITY) | CAT_BIT(CAT_COUNTY))

static const char *const change_codes[] = {
#define SNAPSHOT_CHANGE_CODE(name, code) code,
	SNAPSHOT_CHANGE_LIST(SNAPSHOT_CHANGE_CODE)
#undef SNAPSHOT_CHANGE_CODE
};

const char *snapshot_change_code(enum snapshot_change_kind k)
{
	return (unsigned)k < SNAPSHOT__COUNT ? change_codes[k] : "";
}

const char *snapshot_change_heading(enum snapshot_change_kind k)
{
	static const char *const headings[SNAPSHOT__COUNT] = {
		[SNAPSHOT_ADDED] = "Neue Projekte",
		[SNAPSHOT_REMOVED] = "Nicht mehr enthaltene Projekte",
		[SNAPSHOT_MOVED] = "Phasenwechsel",
		[SNAPSHOT_TEAM] = "Teamänderungen",
		[SNAPSHOT_VERDICT] = "Geänderte Repräsentativität",
		[SNAPSHOT_OUTCOME_OPENED] = "Eröffnete Ergebnisse",
		[SNAPSHOT_OUTCOME_CLOSED] = "Abgeschlossene Ergebnisse",
	};
	return (unsigned)k < SNAPSHOT__COUNT ? headings[k] : "";
}

const char *snapshot_direction_code(enum snapshot_direction d)
{
	switch (d) {
	case SNAPSHOT_FORWARD: return "forward";
	case SNAPSHOT_BACK: return "back";
	case SNAPSHOT_ASIDE: return "aside";
	}
	return "";
}

const char *snapshot_direction_label(enum snapshot_direction d)
{
	switch (d) {
	case SNAPSHOT_FORWARD: return "vorwärts";
	case SNAPSHOT_BACK: return "zurück";
	case SNAPSHOT_ASIDE: return "außerhalb der Linie";
	}
	return "";
}

const char *snapshot_status_label(enum outcome_status s)
{
	switch (s) {
#define STATUS_LABEL(name, code, label) case OUTCOME_STATUS_##name: return label;
		OUTCOME_STATUS_LIST(STATUS_LABEL)
#undef STATUS_LABEL
	}
	return "";
}

/* ---- state ---------------------------------------------------------------------- */

void snapshot_state_init(struct snapshot_state *s)
{
	memset(s, 0, sizeof *s);
}

void snapshot_state_fini(struct snapshot_state *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_projects; i++)
		project_fini(&s->projects[i]);
	for (size_t i = 0; i < s->n_outcomes; i++)
		outcome_fini(&s->outcomes[i]);
	for (size_t i = 0; i < s->n_services; i++)
		service_fini(&s->services[i]);
	free(s->projects);
	free(s->outcomes);
	free(s->services);
	memset(s, 0, sizeof *s);
}

struct collect {
	struct snapshot_state *s;
	size_t cap_p, cap_o, cap_s;
};

static int collect_project(const struct project *p, void *arg)
{
	struct collect *c = arg;
	xgrow((void **)&c->s->projects, &c->cap_p, c->s->n_projects + 1, sizeof(struct project));
	struct project *q = &c->s->projects[c->s->n_projects++];
	project_init(q);
	project_copy(q, p);
	return 0;
}

static int collect_outcome(const struct outcome *o, void *arg)
{
	struct collect *c = arg;
	xgrow((void **)&c->s->outcomes, &c->cap_o, c->s->n_outcomes + 1, sizeof(struct outcome));
	struct outcome *q = &c->s->outcomes[c->s->n_outcomes++];
	outcome_init(q);
	outcome_copy(q, o);
	return 0;
}

static int collect_service(const struct service *sv, void *arg)
{
	struct collect *c = arg;
	xgrow((void **)&c->s->services, &c->cap_s, c->s->n_services + 1, sizeof(struct service));
	struct service *q = &c->s->services[c->s->n_services++];
	service_init(q);
	service_copy(q, sv);
	return 0;
}

static int cmp_project_number(const void *a, const void *b)
{
	const struct project *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}

static int cmp_outcome_id(const void *a, const void *b)
{
	return uuid_cmp(&((const struct outcome *)a)->id, &((const struct outcome *)b)->id);
}

static int cmp_service_id(const void *a, const void *b)
{
	const struct service *x = a, *y = b;
	return (x->ozg_id > y->ozg_id) - (x->ozg_id < y->ozg_id);
}

static void sort_unless_sorted(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = v;
	for (size_t i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(v, n, size, cmp);
			return;
		}
}

enum status snapshot_state_load(struct txn *t, uint64_t revision, struct snapshot_state *out)
{
	struct collect c = {.s = out};
	enum status st;
	snapshot_state_fini(out);
	if (revision == SNAPSHOT_NOW) {
		if ((st = store_revision(t, &out->revision)) != STATUS_OK ||
		    (st = store_project_each(t, collect_project, &c)) != STATUS_OK ||
		    (st = store_outcome_each(t, collect_outcome, &c)) != STATUS_OK ||
		    (st = store_service_each(t, 0, collect_service, &c)) != STATUS_OK)
			goto fail;
	} else {
		out->revision = revision;
		if ((st = store_project_each_at(t, revision, collect_project, &c)) != STATUS_OK ||
		    (st = store_outcome_each_at(t, revision, collect_outcome, &c)) != STATUS_OK ||
		    (st = store_service_each_at(t, revision, collect_service, &c)) != STATUS_OK)
			goto fail;
	}
	/* the scans go in these orders already (the number index, the outcomes'
	 * and services' keys): sorted only if a record disagrees with its key */
	sort_unless_sorted(out->projects, out->n_projects, sizeof *out->projects, cmp_project_number);
	sort_unless_sorted(out->outcomes, out->n_outcomes, sizeof *out->outcomes, cmp_outcome_id);
	sort_unless_sorted(out->services, out->n_services, sizeof *out->services, cmp_service_id);
	return STATUS_OK;
fail:
	snapshot_state_fini(out);
	return st;
}

const struct service *snapshot_state_service(const struct snapshot_state *s, uint32_t ozg_id)
{
	struct service key;
	memset(&key, 0, sizeof key);
	key.ozg_id = ozg_id;
	return bsearch(&key, s->services, s->n_services, sizeof *s->services, cmp_service_id);
}

const struct project *snapshot_state_project(const struct snapshot_state *s, const struct uuid *id)
{
	for (size_t i = 0; i < s->n_projects; i++)
		if (uuid_cmp(&s->projects[i].id, id) == 0)
			return &s->projects[i];
	return NULL;
}

struct team_verdict snapshot_state_verdict(const struct snapshot_state *s, const struct catalog *c,
					   const struct project *p)
{
	uint32_t delivering = 0, present = 0;
	for (size_t i = 0; i < p->n_services; i++) {
		const struct service *sv = snapshot_state_service(s, p->services[i]);
		if (!sv)
			sv = catalog_service(c, p->services[i]);
		if (sv)
			delivering |= service_delivery(sv);
	}
	delivering &= CAT_MASK_ALL;
	if (!delivering)
		delivering = CAT_DEFAULT_DELIVERY;
	for (size_t i = 0; i < p->n_team; i++) {
		const struct organisation *o = catalog_org(c, &p->team[i].org);
		if (o && o->category != CAT_NONE)
			present |= CAT_BIT(o->category);
	}
	return rules_team_verdict(delivering, present, c->settings.rep_policy);
}

/* ---- saving ------------------------------------------------------------------------ */

#define NAME_MAX_BYTES 200

enum status snapshot_check_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (!n)
		return status_fail(STATUS_USAGE, _("a snapshot needs a name"));
	if (n > NAME_MAX_BYTES)
		return status_fail(STATUS_USAGE, _("a snapshot name has at most %d bytes"), NAME_MAX_BYTES);
	if (!text_valid_utf8(name, n))
		return status_fail(STATUS_USAGE, _("a snapshot name must be valid UTF-8"));
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return status_fail(STATUS_USAGE, _("a snapshot name cannot hold control characters"));
	if (strcmp(name, "now") == 0)
		return status_fail(STATUS_USAGE, _("'now' names the current state; choose another name"));
	return STATUS_OK;
}

void snapshot_entity_id(const char *name, struct uuid *out)
{
	char *key = xasprintf("snapshot:%s", name);
	uuid_from_name(out, key);
	free(key);
}

struct save_arg {
	const char *name;
	const char *note;
	struct snapshot saved;
	bool remove;
};

static enum status save_fn(struct txn *t, void *arg)
{
	struct save_arg *a = arg;
	struct history_entry e;
	enum status st;
	history_entry_init(&e);
	if (a->remove) {
		st = store_snapshot_delete(t, a->name);
	} else {
		snapshot_fini(&a->saved);
		snapshot_init(&a->saved);
		a->saved.name = xstrdup(a->name);
		a->saved.note = a->note && *a->note ? xstrdup(a->note) : NULL;
		st = store_snapshot_save(t, &a->saved);
	}
	if (st != STATUS_OK)
		goto out;
	e.entity = xstrdup("snapshot");
	snapshot_entity_id(a->name, &e.entity_id);
	e.action = xstrdup(a->remove ? "snapshot-rm" : "snapshot-save");
	e.summary = xasprintf(a->remove ? "snapshot '%s' removed" : "snapshot '%s' saved", a->name);
	st = store_history_add(t, &e);
out:
	history_entry_fini(&e);
	return st;
}

static enum status save_or_remove(struct store *s, const char *name, const char *note, bool remove,
				  struct snapshot *out)
{
	struct save_arg a = {.name = name, .note = note, .remove = remove};
	enum status st;
	snapshot_init(&a.saved);
	if (!remove && (st = snapshot_check_name(name)) != STATUS_OK)
		goto out;
	if (note && !text_valid_utf8(note, strlen(note))) {
		st = status_fail(STATUS_USAGE, _("a snapshot note must be valid UTF-8"));
		goto out;
	}
	if ((st = store_write(s, save_fn, &a)) != STATUS_OK)
		goto out;
	if (out) {
		snapshot_fini(out);
		snapshot_init(out);
		snapshot_copy(out, &a.saved);
	}
out:
	snapshot_fini(&a.saved);
	return st;
}

enum status snapshot_save(struct store *s, const char *name, const char *note, struct snapshot *out)
{
	return save_or_remove(s, name, note, false, out);
}

enum status snapshot_remove(struct store *s, const char *name)
{
	return save_or_remove(s, name, NULL, true, NULL);
}

struct seq_ctx {
	const struct snapshot *snap;
	uint64_t seq;
};

static int own_entry_cb(const struct history_entry *e, void *arg)
{
	struct seq_ctx *c = arg;
	/* newest first: the latest save of this name is the snapshot's own */
	if (e->action && strcmp(e->action, "snapshot-save") == 0) {
		c->seq = e->seq;
		return 1;
	}
	return 0;
}

static int by_time_cb(const struct history_entry *e, void *arg)
{
	struct seq_ctx *c = arg;
	if (e->time <= c->snap->created) {
		c->seq = e->seq;
		return 1;
	}
	return 0;
}

enum status snapshot_history_seq(struct txn *t, const struct snapshot *snap, uint64_t *seq)
{
	struct seq_ctx c = {snap, 0};
	struct uuid id;
	snapshot_entity_id(snap->name, &id);
	enum status st = store_history_each_for(t, &id, own_entry_cb, &c);
	if (st == STATUS_OK && !c.seq)
		st = store_history_each(t, 0, by_time_cb, &c);
	*seq = c.seq;
	return st;
}

/* ---- previous snapshot ----------------------------------------------------------- */

struct prev_ctx {
	const char *name;
	struct snapshot *out;
	bool found;
	bool done;
};

static int prev_cb(const struct snapshot *s, void *arg)
{
	struct prev_ctx *p = arg;
	/* snapshots come oldest first: the last one seen before `name` wins */
	if (p->name && strcmp(s->name, p->name) == 0)
		return 1;
	snapshot_fini(p->out);
	snapshot_init(p->out);
	snapshot_copy(p->out, s);
	p->found = true;
	return 0;
}

enum status snapshot_find_previous(struct txn *t, const char *name, struct snapshot *out, bool *found)
{
	struct prev_ctx p = {.name = name, .out = out};
	*found = false;
	enum status st = store_snapshot_each(t, prev_cb, &p);
	if (st == STATUS_OK)
		*found = p.found;
	return st;
}

/* ---- diff ----------------------------------------------------------------------- */

void snapshot_diff_init(struct snapshot_diff *d)
{
	memset(d, 0, sizeof *d);
}

static void change_fini(struct snapshot_change *ch)
{
	free(ch->title);
	free(ch->text);
	free(ch->owner);
	free(ch->numbers);
}

void snapshot_diff_fini(struct snapshot_diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		change_fini(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof *d);
}

size_t snapshot_diff_count(const struct snapshot_diff *d, enum snapshot_change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].kind == k;
	return n;
}

/* Changes are sorted by kind and number; ties keep the order they were
 * found in, which is carried in this parallel array while sorting. */
struct sortable {
	struct snapshot_change ch;
	size_t seq;
};

static int cmp_change(const void *a, const void *b)
{
	const struct sortable *x = a, *y = b;
	if (x->ch.kind != y->ch.kind)
		return x->ch.kind < y->ch.kind ? -1 : 1;
	/* outcomes without a project after those with one */
	uint64_t nx = x->ch.number ? x->ch.number : UINT64_MAX;
	uint64_t ny = y->ch.number ? y->ch.number : UINT64_MAX;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static struct snapshot_change *change_add(struct snapshot_diff *d, enum snapshot_change_kind kind,
					  const struct project *p)
{
	xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct snapshot_change *ch = &d->v[d->n++];
	memset(ch, 0, sizeof *ch);
	ch->kind = kind;
	if (p) {
		ch->project = p->id;
		ch->number = p->number;
		ch->title = xstrdup(p->title ? p->title : "");
		ch->field = p->field;
	}
	return ch;
}

static enum snapshot_direction direction(const struct phase_list *l, uint8_t from, uint8_t to)
{
	const struct phase *a = phase_list_get(l, from), *b = phase_list_get(l, to);
	if (!a || !b || a->outside_line || b->outside_line)
		return SNAPSHOT_ASIDE;
	return phase_list_index(l, to) > phase_list_index(l, from) ? SNAPSHOT_FORWARD : SNAPSHOT_BACK;
}

static void diff_team(struct snapshot_diff *d, const struct project *a, const struct project *b)
{
	for (size_t i = 0; i < b->n_team; i++) {
		const struct member *old = project_member(a, &b->team[i].org);
		enum role was = old ? old->role : ROLE_NONE;
		if (was == b->team[i].role)
			continue;
		struct snapshot_change *ch = change_add(d, SNAPSHOT_TEAM, b);
		ch->org = b->team[i].org;
		ch->old_role = was;
		ch->new_role = b->team[i].role;
	}
	for (size_t i = 0; i < a->n_team; i++) {
		if (project_member(b, &a->team[i].org))
			continue;
		struct snapshot_change *ch = change_add(d, SNAPSHOT_TEAM, b);
		ch->org = a->team[i].org;
		ch->old_role = a->team[i].role;
		ch->new_role = ROLE_NONE;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Index of a state's projects by UUID, for matching. */
struct by_id {
	const struct project *p;
	size_t i;
};

static int cmp_by_id(const void *a, const void *b)
{
	return uuid_cmp(&((const struct by_id *)a)->p->id, &((const struct by_id *)b)->p->id);
}

static struct by_id *index_by_id(const struct snapshot_state *s)
{
	struct by_id *v = xcalloc(s->n_projects + 1, sizeof *v);
	for (size_t i = 0; i < s->n_projects; i++)
		v[i] = (struct by_id){&s->projects[i], i};
	if (s->n_projects > 1)
		qsort(v, s->n_projects, sizeof *v, cmp_by_id);
	return v;
}

static const struct by_id *find_by_id(const struct by_id *v, size_t n, const struct uuid *id)
{
	struct project key;
	memset(&key, 0, sizeof key);
	key.id = *id;
	struct by_id k = {&key, 0};
	return bsearch(&k, v, n, sizeof *v, cmp_by_id);
}

static void diff_outcome(struct snapshot_diff *d, const struct outcome *a, const struct outcome *b,
			 const struct snapshot_state *sb, struct by_id **ibp, const bool *scope_b,
			 const struct filter *filter)
{
	enum snapshot_change_kind kind;
	bool open_b = b->status == OUTCOME_STATUS_OPEN;
	if (!a)
		kind = open_b ? SNAPSHOT_OUTCOME_OPENED : SNAPSHOT_OUTCOME_CLOSED;
	else if ((a->status == OUTCOME_STATUS_OPEN) == open_b)
		return;
	else
		kind = open_b ? SNAPSHOT_OUTCOME_OPENED : SNAPSHOT_OUTCOME_CLOSED;

	/* the linked projects that exist in B; in scope when one of them is */
	if (!*ibp)
		*ibp = index_by_id(sb);
	const struct by_id *ib = *ibp;
	const struct project *first = NULL;
	uint32_t *numbers = xcalloc(b->n_projects + 1, sizeof *numbers);
	size_t n = 0;
	bool in_scope = !filter;
	for (size_t i = 0; i < b->n_projects; i++) {
		const struct by_id *hit = find_by_id(ib, sb->n_projects, &b->projects[i]);
		if (!hit)
			continue;
		numbers[n++] = hit->p->number;
		if (scope_b[hit->i])
			in_scope = true;
	}
	if (!in_scope) {
		free(numbers);
		return;
	}
	if (n > 1)
		qsort(numbers, n, sizeof *numbers, cmp_u32);
	for (size_t i = 0; i < sb->n_projects && n && !first; i++)
		if (sb->projects[i].number == numbers[0])
			first = &sb->projects[i];
	struct snapshot_change *ch = change_add(d, kind, first);
	ch->outcome = b->id;
	ch->outcome_kind = b->kind;
	ch->text = xstrdup(b->text ? b->text : "");
	ch->owner = b->owner ? xstrdup(b->owner) : NULL;
	ch->due = b->due;
	ch->is_new = !a;
	ch->old_status = a ? a->status : OUTCOME_STATUS_OPEN;
	ch->new_status = b->status;
	ch->numbers = numbers;
	ch->n_numbers = n;
}

#define UNPAIRED SIZE_MAX

/* Pairs the projects of a and b with the same UUID: pair_a[i] is the index in
 * b of a's project i (UNPAIRED if none), pair_b the other way. Both states are
 * in number order and a project keeps its number, so nearly all pairs are
 * found by one merge over the numbers; only projects left over (added,
 * removed, or a number that changed in a restore) are matched by UUID. */
static void pair_projects(const struct snapshot_state *a, const struct snapshot_state *b, size_t *pair_a,
			  size_t *pair_b)
{
	size_t na = a->n_projects, nb = b->n_projects;
	for (size_t i = 0; i < na; i++)
		pair_a[i] = UNPAIRED;
	for (size_t i = 0; i < nb; i++)
		pair_b[i] = UNPAIRED;
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		uint32_t x = a->projects[i].number, y = b->projects[j].number;
		if (x < y) {
			i++;
		} else if (x > y) {
			j++;
		} else {
			if (uuid_cmp(&a->projects[i].id, &b->projects[j].id) == 0) {
				pair_a[i] = j;
				pair_b[j] = i;
			}
			i++;
			j++;
		}
	}
	/* the rest: a's unpaired by UUID, b's unpaired looked up there */
	struct by_id *left = xcalloc(na + 1, sizeof *left);
	size_t n_left = 0;
	for (i = 0; i < na; i++)
		if (pair_a[i] == UNPAIRED)
			left[n_left++] = (struct by_id){&a->projects[i], i};
	if (n_left > 1)
		qsort(left, n_left, sizeof *left, cmp_by_id);
	for (j = 0; j < nb && n_left; j++) {
		if (pair_b[j] != UNPAIRED)
			continue;
		const struct by_id *hit = find_by_id(left, n_left, &b->projects[j].id);
		if (hit) {
			pair_a[hit->i] = j;
			pair_b[j] = hit->i;
		}
	}
	free(left);
}

void snapshot_diff_states(const struct snapshot_state *a, const struct snapshot_state *b,
			  const struct catalog *c, const struct filter *filter, int32_t today,
			  struct snapshot_diff *out)
{
	bool *scope_a = xcalloc(a->n_projects + 1, sizeof *scope_a);
	bool *scope_b = xcalloc(b->n_projects + 1, sizeof *scope_b);
	for (size_t i = 0; i < a->n_projects; i++)
		scope_a[i] = filter_match(filter, c, &a->projects[i], today);
	for (size_t i = 0; i < b->n_projects; i++)
		scope_b[i] = filter_match(filter, c, &b->projects[i], today);
	size_t *pair_a = xcalloc(a->n_projects + 1, sizeof *pair_a);
	size_t *pair_b = xcalloc(b->n_projects + 1, sizeof *pair_b);
	pair_projects(a, b, pair_a, pair_b);
	struct by_id *ib = NULL;   /* b by UUID, for the outcomes' links: made when needed */
	size_t first = out->n;
	out->rev_a = a->revision;
	out->rev_b = b->revision;

	for (size_t i = 0; i < b->n_projects; i++) {
		const struct project *pb = &b->projects[i];
		size_t ia = pair_b[i];
		bool in_a = ia != UNPAIRED && scope_a[ia];
		if (!scope_b[i])
			continue;
		if (!in_a) {
			change_add(out, SNAPSHOT_ADDED, pb)->to_phase = pb->phase;
			continue;
		}
		const struct project *pa = &a->projects[ia];
		if (pa->phase != pb->phase) {
			struct snapshot_change *ch = change_add(out, SNAPSHOT_MOVED, pb);
			ch->from_phase = pa->phase;
			ch->to_phase = pb->phase;
			ch->dir = direction(&c->phases, pa->phase, pb->phase);
		}
		diff_team(out, pa, pb);
		struct team_verdict va = snapshot_state_verdict(a, c, pa);
		struct team_verdict vb = snapshot_state_verdict(b, c, pb);
		if (va.representative != vb.representative) {
			struct snapshot_change *ch = change_add(out, SNAPSHOT_VERDICT, pb);
			ch->was_representative = va.representative;
			ch->is_representative = vb.representative;
			ch->missing = vb.missing;
		}
	}
	for (size_t i = 0; i < a->n_projects; i++) {
		if (!scope_a[i])
			continue;
		if (pair_a[i] != UNPAIRED && scope_b[pair_a[i]])
			continue;
		change_add(out, SNAPSHOT_REMOVED, &a->projects[i])->from_phase = a->projects[i].phase;
	}

	/* outcomes: both sorted by UUID */
	size_t j = 0;
	for (size_t i = 0; i < b->n_outcomes; i++) {
		const struct outcome *ob = &b->outcomes[i];
		while (j < a->n_outcomes && uuid_cmp(&a->outcomes[j].id, &ob->id) < 0)
			j++;
		const struct outcome *oa =
			j < a->n_outcomes && uuid_cmp(&a->outcomes[j].id, &ob->id) == 0 ? &a->outcomes[j] : NULL;
		diff_outcome(out, oa, ob, b, &ib, scope_b, filter);
	}

	size_t n = out->n - first;
	if (n > 1) {
		struct sortable *s = xcalloc(n, sizeof *s);
		for (size_t k = 0; k < n; k++)
			s[k] = (struct sortable){out->v[first + k], k};
		qsort(s, n, sizeof *s, cmp_change);
		for (size_t k = 0; k < n; k++)
			out->v[first + k] = s[k].ch;
		free(s);
	}
	free(pair_a);
	free(pair_b);
	free(ib);
	free(scope_a);
	free(scope_b);
}

enum status snapshot_diff_rebuild(struct txn *t, const struct catalog *c, const struct filter *filter,
				  int32_t today, uint64_t rev_a, uint64_t rev_b, struct snapshot_diff *out)
{
	struct snapshot_state a, b;
	snapshot_state_init(&a);
	snapshot_state_init(&b);
	enum status st;
	if ((st = snapshot_state_load(t, rev_a, &a)) != STATUS_OK ||
	    (st = snapshot_state_load(t, rev_b, &b)) != STATUS_OK)
		goto out;
	snapshot_diff_states(&a, &b, c, filter, today, out);
out:
	snapshot_state_fini(&a);
	snapshot_state_fini(&b);
	return st;
}

/* What the revision index says was written between the two sides: the keys
 * of the projects, outcomes and services to compare. A diff of the partial
 * states made of only these finds the same changes as one of the whole
 * states: a record without a version between the revisions is the same on
 * both sides, so it adds nothing, except a project's verdict when one of its
 * services changed (its users are added for that). */
struct changed {
	struct uuid *projects;
	size_t n_projects, cap_projects;
	struct uuid *outcomes;
	size_t n_outcomes, cap_outcomes;
	uint32_t *services;
	size_t n_services, cap_services;
	size_t walked, limit;   /* more entries than limit: the whole states are cheaper */
	bool projects_only;
};

static void add_uuid(struct uuid **v, size_t *n, size_t *cap, const struct uuid *id)
{
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = *id;
}

static void add_u32(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

static int changed_cb(const struct store_version_ref *r, void *arg)
{
	struct changed *c = arg;
	if (++c->walked > c->limit)
		return 1;
	if (r->kind == STORE_VERSION_PROJECT)
		add_uuid(&c->projects, &c->n_projects, &c->cap_projects, &r->id);
	else if (c->projects_only)
		return 0;
	else if (r->kind == STORE_VERSION_OUTCOME)
		add_uuid(&c->outcomes, &c->n_outcomes, &c->cap_outcomes, &r->id);
	else if (r->kind == STORE_VERSION_SERVICE)
		add_u32(&c->services, &c->n_services, &c->cap_services, r->ozg_id);
	return 0;
}

static int add_user_cb(const struct uuid *id, void *arg)
{
	struct changed *c = arg;
	add_uuid(&c->projects, &c->n_projects, &c->cap_projects, id);
	return 0;
}

static int cmp_uuid(const void *a, const void *b)
{
	return uuid_cmp(a, b);
}

/* Sorts v and drops repeats. */
static size_t sort_unique(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n < 2)
		return n;
	qsort(v, n, size, cmp);
	char *p = v;
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (cmp(p + (k - 1) * size, p + i * size) != 0)
			memmove(p + k++ * size, p + i * size, size);
	return k;
}

static void changed_fini(struct changed *c)
{
	free(c->projects);
	free(c->outcomes);
	free(c->services);
}

/* The records of c at revision (SNAPSHOT_NOW: the current ones) as a
 * partial state: what exists of c's projects and outcomes then, and the
 * services any of those projects use (absent ones stay absent, so the
 * verdict falls back to the catalog as in the whole state). */
static enum status partial_load(struct txn *t, const struct changed *c, uint64_t revision,
				struct snapshot_state *out)
{
	size_t cap_p = 0, cap_o = 0, cap_s = 0, n_ids = 0, cap_ids = 0;
	uint32_t *ids = NULL;
	enum status st = STATUS_OK;
	snapshot_state_fini(out);
	out->revision = revision;
	if (revision == SNAPSHOT_NOW && (st = store_revision(t, &out->revision)) != STATUS_OK)
		goto fail;
	for (size_t i = 0; i < c->n_projects; i++) {
		xgrow((void **)&out->projects, &cap_p, out->n_projects + 1, sizeof *out->projects);
		struct project *p = &out->projects[out->n_projects];
		project_init(p);
		st = store_project_at(t, &c->projects[i], revision, p);
		if (st == STATUS_NOT_FOUND) {
			project_fini(p);
			continue;
		}
		out->n_projects++;
		if (st != STATUS_OK)
			goto fail;
		for (size_t k = 0; k < p->n_services; k++)
			add_u32(&ids, &n_ids, &cap_ids, p->services[k]);
	}
	for (size_t i = 0; i < c->n_outcomes; i++) {
		xgrow((void **)&out->outcomes, &cap_o, out->n_outcomes + 1, sizeof *out->outcomes);
		struct outcome *o = &out->outcomes[out->n_outcomes];
		outcome_init(o);
		st = store_outcome_at(t, &c->outcomes[i], revision, o);
		if (st == STATUS_NOT_FOUND) {
			outcome_fini(o);
			continue;
		}
		out->n_outcomes++;
		if (st != STATUS_OK)
			goto fail;
	}
	n_ids = sort_unique(ids, n_ids, sizeof *ids, cmp_u32);
	for (size_t i = 0; i < n_ids; i++) {
		xgrow((void **)&out->services, &cap_s, out->n_services + 1, sizeof *out->services);
		struct service *sv = &out->services[out->n_services];
		service_init(sv);
		st = store_service_at(t, ids[i], revision, sv);
		if (st == STATUS_NOT_FOUND) {
			service_fini(sv);
			continue;
		}
		out->n_services++;
		if (st != STATUS_OK)
			goto fail;
	}
	/* numbers are unique within a state: the order of the whole state */
	if (out->n_projects > 1)
		qsort(out->projects, out->n_projects, sizeof *out->projects, cmp_project_number);
	free(ids);
	return STATUS_OK;
fail:
	free(ids);
	snapshot_state_fini(out);
	return st;
}

enum status snapshot_diff_filtered(struct txn *t, const struct catalog *c, const struct filter *filter,
				   int32_t today, uint64_t rev_a, uint64_t rev_b, struct snapshot_diff *out)
{
	struct changed ch;
	struct snapshot_state a, b;
	memset(&ch, 0, sizeof ch);
	snapshot_state_init(&a);
	snapshot_state_init(&b);
	uint64_t lo = rev_a < rev_b ? rev_a : rev_b, hi = rev_a < rev_b ? rev_b : rev_a;
	size_t n_projects = 0;
	enum status st = store_project_count(t, &n_projects);
	if (st != STATUS_OK)
		goto out;
	/* Past about one version per project the whole states cost less than
	 * looking up each changed record: the full rebuild. */
	ch.limit = n_projects + 64;
	if ((st = store_versions_between(t, lo, hi, changed_cb, &ch)) != STATUS_OK)
		goto out;
	if (ch.walked > ch.limit) {
		changed_fini(&ch);
		return snapshot_diff_rebuild(t, c, filter, today, rev_a, rev_b, out);
	}
	ch.n_services = sort_unique(ch.services, ch.n_services, sizeof *ch.services, cmp_u32);
	if (ch.n_services) {
		/* A changed service can change the verdict of every project that
		 * uses it: its users now, and those changed since hi, whose
		 * services then may differ from the current ones. */
		for (size_t i = 0; i < ch.n_services; i++)
			if ((st = store_project_ids_with_service(t, ch.services[i], add_user_cb, &ch)) != STATUS_OK)
				goto out;
		ch.projects_only = true;
		ch.limit = SIZE_MAX;
		if ((st = store_versions_between(t, hi, SNAPSHOT_NOW, changed_cb, &ch)) != STATUS_OK)
			goto out;
	}
	ch.n_outcomes = sort_unique(ch.outcomes, ch.n_outcomes, sizeof *ch.outcomes, cmp_uuid);
	if (ch.n_outcomes) {
		/* a changed outcome names its projects in B: they must be there */
		struct outcome o;
		outcome_init(&o);
		for (size_t i = 0; i < ch.n_outcomes && st == STATUS_OK; i++) {
			st = store_outcome_at(t, &ch.outcomes[i], rev_b, &o);
			if (st == STATUS_NOT_FOUND) {
				st = STATUS_OK;
				continue;
			}
			for (size_t k = 0; st == STATUS_OK && k < o.n_projects; k++)
				add_uuid(&ch.projects, &ch.n_projects, &ch.cap_projects, &o.projects[k]);
		}
		outcome_fini(&o);
		if (st != STATUS_OK)
			goto out;
	}
	ch.n_projects = sort_unique(ch.projects, ch.n_projects, sizeof *ch.projects, cmp_uuid);
	if ((st = partial_load(t, &ch, rev_a, &a)) != STATUS_OK ||
	    (st = partial_load(t, &ch, rev_b, &b)) != STATUS_OK)
		goto out;
	snapshot_diff_states(&a, &b, c, filter, today, out);
out:
	changed_fini(&ch);
	snapshot_state_fini(&a);
	snapshot_state_fini(&b);
	return st;
}

enum status snapshot_diff(struct txn *t, const struct catalog *c, uint64_t rev_a, uint64_t rev_b,
			  struct snapshot_diff *out)
{
	return snapshot_diff_filtered(t, c, NULL, clock_today(), rev_a, rev_b, out);
}
