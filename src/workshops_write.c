/* workshops_write.c - the changes to workshops, outcomes and sponsors.
 *
 * Every change is one store_write() whose callback starts from the caller's
 * input again on each run (store_write may rerun it after growing the map):
 * it reads what it needs inside the transaction, checks the expected version,
 * writes the record and its history entry, and for volunteer outcomes the
 * interest of the linked projects with their own history entries.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/i18n.h"
#include "workshops_internal.h"

/* ---- small helpers ----------------------------------------------------------- */

static bool u32_in(const uint32_t *v, size_t n, uint32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static void u32_push(uint32_t **v, size_t *n, uint32_t x)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = x;
}

/* Removes repeated entries, keeping the first of each. */
static void uuid_dedupe(struct uuid *v, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!uuid_in(v, k, &v[i]))
			v[k++] = v[i];
	*n = k;
}

static void u32_dedupe(uint32_t *v, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!u32_in(v, k, v[i]))
			v[k++] = v[i];
	*n = k;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static void item(struct buf *b)
{
	if (b->len)
		buf_puts(b, "; ");
}

static enum status history(struct txn *t, const char *entity, const struct uuid *id, uint32_t number,
			   const char *action, char *summary)
{
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup(entity);
	if (id)
		e.entity_id = *id;
	e.project_number = number;
	e.action = xstrdup(action);
	e.summary = summary;   /* taken */
	enum status st = store_history_add(t, &e);
	history_entry_fini(&e);
	return st;
}

/* ---- workshops: changes ------------------------------------------------------------ */

static enum status validate_workshop(const struct catalog *c, struct workshop *w)
{
	if (blank(w->title))
		return status_fail(STATUS_USAGE, _("a workshop needs a title"));
	if (!w->field)
		return status_fail(STATUS_USAGE, _("a workshop needs a topic field"));
	if (!catalog_field(c, w->field))
		return status_fail(STATUS_DATA, _("unknown topic field %u"), (unsigned)w->field);
	if (!w->date)
		return status_fail(STATUS_USAGE, _("a workshop needs a date"));
	for (size_t i = 0; i < w->n_participants; i++)
		if (!catalog_org(c, &w->participants[i]))
			return status_fail(STATUS_NOT_FOUND, _("a participant is not a known organisation"));
	uuid_dedupe(w->participants, &w->n_participants);
	return STATUS_OK;
}

static void diff_orgs(struct buf *b, const struct catalog *c, const char *label, const struct uuid *old,
		      size_t n_old, const struct uuid *new_, size_t n_new)
{
	struct buf d;
	buf_init(&d);
	for (size_t i = 0; i < n_new; i++)
		if (!uuid_in(old, n_old, &new_[i]))
			buf_printf(&d, "%s+ %s", d.len ? ", " : "", catalog_org_name(c, &new_[i], "?"));
	for (size_t i = 0; i < n_old; i++)
		if (!uuid_in(new_, n_new, &old[i]))
			buf_printf(&d, "%s- %s", d.len ? ", " : "", catalog_org_name(c, &old[i], "?"));
	if (d.len) {
		item(b);
		buf_printf(b, "%s: %s", label, d.data);
	}
	buf_fini(&d);
}

static void diff_str(struct buf *b, const char *label, const char *old, const char *new_, bool show)
{
	if (strcmp(str(old), str(new_)) == 0)
		return;
	item(b);
	if (!show) {
		buf_printf(b, "%s changed", label);
		return;
	}
	buf_printf(b, "%s: '", label);
	text_first_line(b, old, 40);
	buf_puts(b, "' → '");
	text_first_line(b, new_, 40);
	buf_puts(b, "'");
}

static void diff_day(struct buf *b, const char *label, int32_t old, int32_t new_)
{
	if (old == new_)
		return;
	char x[11] = "none", y[11] = "none";
	if (old)
		date_format(old, x);
	if (new_)
		date_format(new_, y);
	item(b);
	buf_printf(b, "%s: %s → %s", label, x, y);
}

static void describe_workshop(struct buf *b, const struct catalog *c, const struct workshop *old,
			      const struct workshop *w)
{
	diff_str(b, "title", old->title, w->title, true);
	if (old->field != w->field) {
		item(b);
		buf_printf(b, "field: %s → %s", catalog_field_name(c, old->field, "none"),
			   catalog_field_name(c, w->field, "none"));
	}
	diff_day(b, "date", old->date, w->date);
	diff_str(b, "place", old->place, w->place, true);
	diff_orgs(b, c, "participants", old->participants, old->n_participants, w->participants,
		  w->n_participants);
	if (old->head_count != w->head_count) {
		item(b);
		buf_printf(b, "head count: %u → %u", (unsigned)old->head_count, (unsigned)w->head_count);
	}
	diff_str(b, "notes", old->notes, w->notes, false);
}

struct workshop_arg {
	const struct catalog *c;
	const struct workshop *in;
	uint32_t expected;
	bool create;
	struct workshop work;
	bool changed;
	struct status_saved sv;
};

static enum status workshop_cb(struct txn *t, void *arg)
{
	struct workshop_arg *a = arg;
	struct workshop old;
	struct buf sum;
	workshop_init(&old);
	buf_init(&sum);
	workshop_fini(&a->work);
	workshop_init(&a->work);
	workshop_copy(&a->work, a->in);
	a->changed = false;
	enum status st;
	if (a->create) {
		if (uuid_is_nil(&a->work.id))
			uuid_new(&a->work.id);
		st = store_workshop_get(t, &a->work.id, &old);
		if (st == STATUS_OK) {
			st = status_fail(STATUS_CONFLICT, _("a workshop with this UUID exists already"));
			goto out;
		}
		if (st != STATUS_NOT_FOUND)
			goto out;
		status_clear();
		char day[11];
		date_format(a->work.date, day);
		buf_printf(&sum, "workshop '");
		text_first_line(&sum, a->work.title, 60);
		buf_printf(&sum, "' on %s in %s", day, catalog_field_name(a->c, a->work.field, "none"));
	} else {
		st = store_workshop_get(t, &a->work.id, &old);
		if (st != STATUS_OK)
			goto out;
		if (a->expected && a->expected != old.version) {
			char when[21];
			time_format(old.updated, when);
			st = status_fail(STATUS_CONFLICT,
					 _("the workshop was changed at %s (version %u, you had %u)"), when,
					 (unsigned)old.version, (unsigned)a->expected);
			goto out;
		}
		a->work.created = old.created;
		a->work.demo = old.demo;
		if (!a->work.unknown.len && old.unknown.len)
			unknown_copy(&a->work.unknown, &old.unknown);
		describe_workshop(&sum, a->c, &old, &a->work);
		if (!sum.len) {
			a->work.version = old.version;
			goto out;   /* nothing changed */
		}
		struct buf head;
		buf_init(&head);
		buf_puts(&head, "workshop '");
		text_first_line(&head, old.title, 40);
		buf_printf(&head, "': %s", sum.data);
		buf_fini(&sum);
		sum = head;
	}
	if ((st = store_workshop_put(t, &a->work)) != STATUS_OK)
		goto out;
	st = history(t, "workshop", &a->work.id, 0, a->create ? "create" : "edit", buf_steal(&sum));
	buf_init(&sum);
	a->changed = st == STATUS_OK;
out:
	buf_fini(&sum);
	workshop_fini(&old);
	return st == STATUS_OK ? st : status_save(&a->sv, st);
}

static enum status workshop_write(struct store *s, const struct catalog *c, struct workshop *w,
				  uint32_t expected, bool create)
{
	struct workshop_arg a = {.c = c, .expected = expected, .create = create};
	struct workshop in;
	workshop_init(&in);
	workshop_copy(&in, w);
	if (in.title)
		text_trim(in.title);
	enum status st = validate_workshop(c, &in);
	if (st != STATUS_OK) {
		workshop_fini(&in);
		return st;
	}
	a.in = &in;
	workshop_init(&a.work);
	st = status_restore(&a.sv, store_write(s, workshop_cb, &a));
	if (st == STATUS_OK && (a.changed || create)) {
		workshop_fini(w);
		workshop_init(w);
		workshop_copy(w, &a.work);
	}
	workshop_fini(&a.work);
	workshop_fini(&in);
	return st;
}

enum status workshops_add(struct store *s, const struct catalog *c, struct workshop *w)
{
	return workshop_write(s, c, w, 0, true);
}

enum status workshops_update(struct store *s, const struct catalog *c, struct workshop *w,
			     uint32_t expected_version)
{
	if (uuid_is_nil(&w->id))
		return status_fail(STATUS_USAGE, _("no workshop given"));
	return workshop_write(s, c, w, expected_version, false);
}

/* ---- outcomes: changes ------------------------------------------------------------- */

/* Checks what every stored outcome must satisfy, inside t (projects and the
 * workshop must exist); removes repeated links. */
static enum status validate_outcome(struct txn *t, const struct catalog *c, struct outcome *o)
{
	if ((unsigned)o->kind >= OUTCOME__COUNT)
		return status_fail(STATUS_USAGE, _("bad outcome kind"));
	if ((unsigned)o->status > OUTCOME_STATUS_DROPPED)
		return status_fail(STATUS_USAGE, _("bad outcome status"));
	if (blank(o->text))
		return status_fail(STATUS_USAGE, _("an outcome needs a text"));
	uuid_dedupe(o->projects, &o->n_projects);
	uuid_dedupe(o->orgs, &o->n_orgs);
	u32_dedupe(o->services, &o->n_services);
	for (size_t i = 0; i < o->n_orgs; i++)
		if (!catalog_org(c, &o->orgs[i]))
			return status_fail(STATUS_NOT_FOUND, _("a linked organisation is not known"));
	for (size_t i = 0; i < o->n_services; i++)
		if (!catalog_service(c, o->services[i]))
			return status_fail(STATUS_DATA, _("unknown OZG service %u"), (unsigned)o->services[i]);
	if (!t)
		return STATUS_OK;
	if (!uuid_is_nil(&o->workshop)) {
		struct workshop w;
		workshop_init(&w);
		enum status st = store_workshop_get(t, &o->workshop, &w);
		workshop_fini(&w);
		if (st != STATUS_OK)
			return st == STATUS_NOT_FOUND ? status_fail(STATUS_NOT_FOUND, _("the workshop no longer exists"))
						      : st;
	}
	for (size_t i = 0; i < o->n_projects; i++) {
		struct project p;
		project_init(&p);
		enum status st = store_project_get(t, &o->projects[i], &p);
		project_fini(&p);
		if (st != STATUS_OK)
			return st == STATUS_NOT_FOUND ? status_fail(STATUS_NOT_FOUND, _("a linked project does not exist"))
						      : st;
	}
	return STATUS_OK;
}

/* Volunteers become interested in the linked projects (see the header). */
static enum status volunteer_interest(struct txn *t, const struct catalog *c, const struct outcome *o,
				      size_t *added)
{
	if (o->kind != OUTCOME_VOLUNTEER || o->status == OUTCOME_STATUS_DROPPED || !o->n_orgs)
		return STATUS_OK;
	enum status st = STATUS_OK;
	struct uuid *orgs = xcalloc(o->n_orgs, sizeof(*orgs));
	for (size_t i = 0; st == STATUS_OK && i < o->n_projects; i++) {
		struct project p;
		project_init(&p);
		st = store_project_get(t, &o->projects[i], &p);
		size_t n = st == STATUS_OK ? workshops_new_interest(o, &p, orgs, o->n_orgs) : 0;
		if (n) {
			struct buf sum;
			buf_init(&sum);
			buf_puts(&sum, "interest: ");
			for (size_t k = 0; k < n; k++) {
				project_add_interest(&p, &orgs[k]);
				buf_printf(&sum, "%s+ %s", k ? ", " : "", catalog_org_name(c, &orgs[k], "?"));
			}
			buf_puts(&sum, " (volunteered in a workshop)");
			uint32_t base = p.version;
			st = store_project_update(t, &p, base);
			if (st == STATUS_OK)
				st = history(t, "project", &p.id, p.number, "interest", buf_steal(&sum));
			else
				buf_fini(&sum);
			*added += n;
		}
		project_fini(&p);
	}
	free(orgs);
	return st;
}

/* A project history entry for each project newly linked to o. */
static enum status note_links(struct txn *t, const struct outcome *o, const struct uuid *old, size_t n_old)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < o->n_projects; i++) {
		if (uuid_in(old, n_old, &o->projects[i]))
			continue;
		struct project p;
		project_init(&p);
		st = store_project_get(t, &o->projects[i], &p);
		if (st == STATUS_OK) {
			struct buf b;
			buf_init(&b);
			buf_printf(&b, "outcome linked: %s '", outcome_kind_code(o->kind));
			text_first_line(&b, o->text, 60);
			buf_puts(&b, "'");
			st = history(t, "project", &p.id, p.number, "outcome", buf_steal(&b));
		}
		project_fini(&p);
	}
	return st;
}

static void describe_links(struct buf *b, const struct catalog *c, struct txn *t, const struct outcome *old,
			   const struct outcome *o)
{
	struct buf d;
	buf_init(&d);
	for (int pass = 0; pass < 2; pass++) {
		const struct outcome *x = pass ? old : o, *y = pass ? o : old;
		for (size_t i = 0; i < x->n_projects; i++) {
			if (uuid_in(y->projects, y->n_projects, &x->projects[i]))
				continue;
			struct project p;
			project_init(&p);
			if (store_project_get(t, &x->projects[i], &p) == STATUS_OK)
				buf_printf(&d, "%s%c #%u", d.len ? ", " : "", pass ? '-' : '+', (unsigned)p.number);
			else
				status_clear();
			project_fini(&p);
		}
	}
	if (d.len) {
		item(b);
		buf_printf(b, "projects: %s", d.data);
	}
	buf_fini(&d);
	diff_orgs(b, c, "organisations", old->orgs, old->n_orgs, o->orgs, o->n_orgs);
	buf_init(&d);
	for (size_t i = 0; i < o->n_services; i++)
		if (!u32_in(old->services, old->n_services, o->services[i]))
			buf_printf(&d, "%s+ %u", d.len ? ", " : "", (unsigned)o->services[i]);
	for (size_t i = 0; i < old->n_services; i++)
		if (!u32_in(o->services, o->n_services, old->services[i]))
			buf_printf(&d, "%s- %u", d.len ? ", " : "", (unsigned)old->services[i]);
	if (d.len) {
		item(b);
		buf_printf(b, "services: %s", d.data);
	}
	buf_fini(&d);
}

static void describe_outcome(struct buf *b, const struct catalog *c, struct txn *t,
			     const struct outcome *old, const struct outcome *o)
{
	if (old->kind != o->kind) {
		item(b);
		buf_printf(b, "kind: %s → %s", outcome_kind_code(old->kind), outcome_kind_code(o->kind));
	}
	if (old->status != o->status) {
		item(b);
		buf_printf(b, "status: %s → %s", outcome_status_code(old->status), outcome_status_code(o->status));
	}
	diff_str(b, "text", old->text, o->text, true);
	diff_str(b, "owner", old->owner, o->owner, true);
	diff_day(b, "due", old->due, o->due);
	if (uuid_cmp(&old->workshop, &o->workshop) != 0) {
		item(b);
		buf_puts(b, "workshop changed");
	}
	describe_links(b, c, t, old, o);
}

/* One change to an outcome: how to get from the stored one to the new one. */
enum outcome_op { OC_ADD, OC_REPLACE, OC_STATUS, OC_LINK, OC_UNLINK };

struct outcome_arg {
	const struct catalog *c;
	enum outcome_op op;
	const struct outcome *in;        /* ADD, REPLACE */
	struct uuid id;                  /* STATUS, LINK, UNLINK */
	enum outcome_status status;
	const struct outcome_links *links;
	uint32_t expected;
	struct outcome work;
	bool changed;
	size_t interest;
	struct status_saved sv;
};

static enum status apply_links(struct outcome *o, const struct outcome_links *l, bool add)
{
	if (add) {
		for (size_t i = 0; i < l->n_projects; i++)
			if (!uuid_in(o->projects, o->n_projects, &l->projects[i]))
				uuid_push(&o->projects, &o->n_projects, &l->projects[i]);
		for (size_t i = 0; i < l->n_orgs; i++)
			if (!uuid_in(o->orgs, o->n_orgs, &l->orgs[i]))
				uuid_push(&o->orgs, &o->n_orgs, &l->orgs[i]);
		for (size_t i = 0; i < l->n_services; i++)
			if (!u32_in(o->services, o->n_services, l->services[i]))
				u32_push(&o->services, &o->n_services, l->services[i]);
		return STATUS_OK;
	}
	for (size_t i = 0; i < l->n_projects; i++) {
		size_t k, n = o->n_projects;
		for (k = 0; k < n && uuid_cmp(&o->projects[k], &l->projects[i]) != 0; k++)
			;
		if (k == n)
			return status_fail(STATUS_NOT_FOUND, _("the project is not linked to this outcome"));
		memmove(&o->projects[k], &o->projects[k + 1], (n - k - 1) * sizeof(*o->projects));
		o->n_projects--;
	}
	for (size_t i = 0; i < l->n_orgs; i++) {
		size_t k, n = o->n_orgs;
		for (k = 0; k < n && uuid_cmp(&o->orgs[k], &l->orgs[i]) != 0; k++)
			;
		if (k == n)
			return status_fail(STATUS_NOT_FOUND, _("the organisation is not linked to this outcome"));
		memmove(&o->orgs[k], &o->orgs[k + 1], (n - k - 1) * sizeof(*o->orgs));
		o->n_orgs--;
	}
	for (size_t i = 0; i < l->n_services; i++) {
		size_t k, n = o->n_services;
		for (k = 0; k < n && o->services[k] != l->services[i]; k++)
			;
		if (k == n)
			return status_fail(STATUS_NOT_FOUND, _("service %u is not linked to this outcome"),
					   (unsigned)l->services[i]);
		memmove(&o->services[k], &o->services[k + 1], (n - k - 1) * sizeof(*o->services));
		o->n_services--;
	}
	return STATUS_OK;
}

static const char *status_action(enum outcome_status s)
{
	switch (s) {
	case OUTCOME_STATUS_DONE: return "done";
	case OUTCOME_STATUS_DROPPED: return "drop";
	case OUTCOME_STATUS_OPEN: break;
	}
	return "reopen";
}

static enum status outcome_cb(struct txn *t, void *arg)
{
	struct outcome_arg *a = arg;
	struct outcome old;
	struct buf sum, d;
	outcome_init(&old);
	buf_init(&sum);
	buf_init(&d);
	outcome_fini(&a->work);
	outcome_init(&a->work);
	a->changed = false;
	a->interest = 0;
	enum status st = STATUS_OK;
	const char *action = "edit";

	if (a->op == OC_ADD) {
		outcome_copy(&a->work, a->in);
		if (uuid_is_nil(&a->work.id))
			uuid_new(&a->work.id);
		st = store_outcome_get(t, &a->work.id, &old);
		if (st == STATUS_OK) {
			st = status_fail(STATUS_CONFLICT, _("an outcome with this UUID exists already"));
			goto out;
		}
		if (st != STATUS_NOT_FOUND)
			goto out;
		status_clear();
		outcome_fini(&old);
		outcome_init(&old);
		action = "create";
	} else {
		struct uuid id = a->op == OC_REPLACE ? a->in->id : a->id;
		st = store_outcome_get(t, &id, &old);
		if (st != STATUS_OK)
			goto out;
		if (a->expected && a->expected != old.version) {
			char when[21];
			time_format(old.updated, when);
			st = status_fail(STATUS_CONFLICT,
					 _("the outcome was changed at %s (version %u, you had %u)"), when,
					 (unsigned)old.version, (unsigned)a->expected);
			goto out;
		}
		if (a->op == OC_REPLACE) {
			outcome_copy(&a->work, a->in);
			a->work.created = old.created;
			a->work.demo = old.demo;
			if (!a->work.unknown.len && old.unknown.len)
				unknown_copy(&a->work.unknown, &old.unknown);
		} else {
			outcome_copy(&a->work, &old);
		}
		if (a->op == OC_STATUS) {
			a->work.status = a->status;
			action = status_action(a->status);
		} else if (a->op == OC_LINK || a->op == OC_UNLINK) {
			st = apply_links(&a->work, a->links, a->op == OC_LINK);
			if (st != STATUS_OK)
				goto out;
			action = a->op == OC_LINK ? "link" : "unlink";
		}
	}
	if ((st = validate_outcome(t, a->c, &a->work)) != STATUS_OK)
		goto out;

	buf_printf(&sum, "%s '", outcome_kind_code(a->op == OC_ADD ? a->work.kind : old.kind));
	text_first_line(&sum, a->op == OC_ADD ? a->work.text : old.text, 50);
	buf_puts(&sum, "'");
	if (a->op == OC_ADD) {
		if (a->work.owner && *a->work.owner)
			buf_printf(&sum, ", owner %s", a->work.owner);
		if (a->work.due) {
			char day[11];
			date_format(a->work.due, day);
			buf_printf(&sum, ", due %s", day);
		}
		describe_links(&d, a->c, t, &old, &a->work);
		if (d.len)
			buf_printf(&sum, "; %s", d.data);
	} else {
		describe_outcome(&d, a->c, t, &old, &a->work);
		if (!d.len) {
			a->work.version = old.version;
			goto out;   /* nothing changed */
		}
		buf_printf(&sum, ": %s", d.data);
	}
	if ((st = store_outcome_put(t, &a->work)) != STATUS_OK)
		goto out;
	st = history(t, "outcome", &a->work.id, 0, action, buf_steal(&sum));
	buf_init(&sum);
	if (st == STATUS_OK)
		st = note_links(t, &a->work, old.projects, old.n_projects);
	/* Adding volunteers or projects, or reopening, can make new interest. */
	if (st == STATUS_OK)
		st = volunteer_interest(t, a->c, &a->work, &a->interest);
	a->changed = st == STATUS_OK;
out:
	buf_fini(&d);
	buf_fini(&sum);
	outcome_fini(&old);
	return st == STATUS_OK ? st : status_save(&a->sv, st);
}

static enum status outcome_run(struct store *s, struct outcome_arg *a, struct outcome *result,
			       size_t *new_interest)
{
	outcome_init(&a->work);
	enum status st = status_restore(&a->sv, store_write(s, outcome_cb, a));
	if (st == STATUS_OK && result && (a->changed || a->op == OC_ADD)) {
		outcome_fini(result);
		outcome_init(result);
		outcome_copy(result, &a->work);
	}
	if (new_interest)
		*new_interest = st == STATUS_OK ? a->interest : 0;
	outcome_fini(&a->work);
	return st;
}

static enum status prepare(const struct catalog *c, struct outcome *in)
{
	if (in->text)
		text_trim(in->text);
	if (in->owner) {
		text_trim(in->owner);
		if (!*in->owner) {
			free(in->owner);
			in->owner = NULL;
		}
	}
	return validate_outcome(NULL, c, in);
}

enum status workshops_outcome_add(struct store *s, const struct catalog *c, struct outcome *o,
				  size_t *new_interest)
{
	struct outcome in;
	outcome_init(&in);
	outcome_copy(&in, o);
	enum status st = prepare(c, &in);
	if (st == STATUS_OK) {
		struct outcome_arg a = {.c = c, .op = OC_ADD, .in = &in};
		st = outcome_run(s, &a, o, new_interest);
	}
	outcome_fini(&in);
	return st;
}

enum status workshops_outcome_update(struct store *s, const struct catalog *c, struct outcome *o,
				     uint32_t expected_version, size_t *new_interest)
{
	if (uuid_is_nil(&o->id))
		return status_fail(STATUS_USAGE, _("no outcome given"));
	struct outcome in;
	outcome_init(&in);
	outcome_copy(&in, o);
	enum status st = prepare(c, &in);
	if (st == STATUS_OK) {
		struct outcome_arg a = {.c = c, .op = OC_REPLACE, .in = &in, .expected = expected_version};
		st = outcome_run(s, &a, o, new_interest);
	}
	outcome_fini(&in);
	return st;
}

enum status workshops_outcome_set_status(struct store *s, const struct catalog *c, const struct uuid *id,
					 enum outcome_status status, uint32_t expected_version)
{
	if ((unsigned)status > OUTCOME_STATUS_DROPPED)
		return status_fail(STATUS_USAGE, _("bad outcome status"));
	struct outcome_arg a = {
		.c = c, .op = OC_STATUS, .id = *id, .status = status, .expected = expected_version,
	};
	return outcome_run(s, &a, NULL, NULL);
}

enum status workshops_outcome_link(struct store *s, const struct catalog *c, const struct uuid *id,
				   const struct outcome_links *add, uint32_t expected_version,
				   size_t *new_interest)
{
	struct outcome_arg a = {
		.c = c, .op = OC_LINK, .id = *id, .links = add, .expected = expected_version,
	};
	return outcome_run(s, &a, NULL, new_interest);
}

enum status workshops_outcome_unlink(struct store *s, const struct catalog *c, const struct uuid *id,
				     const struct outcome_links *rm, uint32_t expected_version)
{
	struct outcome_arg a = {
		.c = c, .op = OC_UNLINK, .id = *id, .links = rm, .expected = expected_version,
	};
	return outcome_run(s, &a, NULL, NULL);
}

/* ---- sponsors ------------------------------------------------------------------------ */

struct sponsor_arg {
	uint16_t field;
	const char *sponsor;   /* trimmed, NULL = clear */
	struct status_saved sv;
};

static enum status sponsor_cb(struct txn *t, void *arg)
{
	struct sponsor_arg *a = arg;
	struct topic_field f;
	topic_field_init(&f);
	enum status st = store_field_get(t, a->field, &f);
	if (st == STATUS_NOT_FOUND)
		st = status_fail(STATUS_DATA, _("unknown topic field %u"), (unsigned)a->field);
	if (st != STATUS_OK || strcmp(str(f.sponsor), str(a->sponsor)) == 0)
		goto out;
	char *summary = xasprintf("field %u %s: sponsor '%s' → '%s'", (unsigned)f.number, str(f.name),
				  str(f.sponsor), str(a->sponsor));
	free(f.sponsor);
	f.sponsor = a->sponsor ? xstrdup(a->sponsor) : NULL;
	st = store_field_put(t, &f);
	if (st == STATUS_OK)
		st = history(t, "field", NULL, 0, "sponsor", summary);
	else
		free(summary);
out:
	topic_field_fini(&f);
	return st == STATUS_OK ? st : status_save(&a->sv, st);
}

enum status workshops_sponsor_set(struct store *s, const struct catalog *c, uint16_t field,
				  const char *sponsor)
{
	if (!catalog_field(c, field))
		return status_fail(STATUS_DATA, _("unknown topic field %u"), (unsigned)field);
	char *trimmed = sponsor ? text_trim(xstrdup(sponsor)) : NULL;
	if (trimmed && !*trimmed) {
		free(trimmed);
		trimmed = NULL;
	}
	if (trimmed && strchr(trimmed, '\n')) {
		free(trimmed);
		return status_fail(STATUS_USAGE, _("a sponsor is one line"));
	}
	struct sponsor_arg a = {.field = field, .sponsor = trimmed};
	enum status st = status_restore(&a.sv, store_write(s, sponsor_cb, &a));
	free(trimmed);
	return st;
}
