/* jsonio_write.c - the import's writes: each record of the document
 * compared with the database's and written (a restore copies it, a merge
 * upserts it by its key), counted for the report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/i18n.h"
#include "ozgtui/import.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

/* What a merge does with a record whose key the database answered with st. */
static enum act found(struct imp *im, enum status st)
{
	if (st == STATUS_OK)
		return ACT_UPDATE;
	if (st == STATUS_NOT_FOUND) {
		status_clear();
		return ACT_ADD;
	}
	store_result(im, st);
	return ACT_NONE;
}

static void count_act(struct imp *im, int k, enum act act)
{
	if (act == ACT_ADD)
		im->added[k]++;
	else if (act == ACT_UPDATE)
		im->updated[k]++;
}

void deferred_fini(void *p)
{
	struct deferred *d = p;
	organisation_fini(&d->o);
	free(d->where);
}

/* ---- merging: what changed ------------------------------------------------------- */

/* Same content apart from what the store sets itself (versions, timestamps, authors). */
#define SAME_AS(type, strip)                                                       \
	static bool same_##type(const struct type *a, const struct type *b)      \
	{                                                                          \
		struct type c;                                                     \
		struct buf x, y;                                                   \
		type##_init(&c);                                                   \
		type##_copy(&c, a);                                                \
		strip;                                                             \
		buf_init(&x);                                                      \
		buf_init(&y);                                                      \
		type##_encode(&c, &x);                                             \
		type##_encode(b, &y);                                              \
		bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);      \
		buf_fini(&x);                                                      \
		buf_fini(&y);                                                      \
		type##_fini(&c);                                                   \
		return same;                                                       \
	}
SAME_AS(topic_field, c.version = b->version)
SAME_AS(organisation, c.version = b->version)
SAME_AS(service, c.version = b->version)
SAME_AS(workshop, (c.version = b->version, c.created = b->created, c.updated = b->updated))
SAME_AS(outcome, (c.version = b->version, c.created = b->created, c.updated = b->updated))
#undef SAME_AS

static void set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

static bool same_project(const struct project *a, const struct project *b)
{
	struct project c;
	struct buf x, y;
	project_init(&c);
	project_copy(&c, a);
	c.version = b->version;
	c.created = b->created;
	c.updated = b->updated;
	set_str(&c.created_by, b->created_by);
	set_str(&c.updated_by, b->updated_by);
	buf_init(&x);
	buf_init(&y);
	project_encode(&c, &x);
	project_encode(b, &y);
	bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);
	buf_fini(&x);
	buf_fini(&y);
	project_fini(&c);
	return same;
}

static bool eq_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool eq_uuids(const struct uuid *a, size_t na, const struct uuid *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (uuid_cmp(&a[i], &b[i]))
			return false;
	return true;
}

static bool eq_strv(const struct strv *a, const struct strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return false;
	return true;
}

/* The members of a project that differ between the file (a) and the database
 * (d), for the summary of the "import" history entry. */
static const char *changed_fields(struct buf *b, const struct project *a, const struct project *d)
{
	bool services = a->n_services == d->n_services, dates = a->n_dates == d->n_dates,
	     team = a->n_team == d->n_team;
	for (size_t i = 0; services && i < a->n_services; i++)
		services = a->services[i] == d->services[i];
	for (size_t i = 0; dates && i < a->n_dates; i++)
		dates = a->dates[i].phase == d->dates[i].phase &&
			a->dates[i].planned == d->dates[i].planned &&
			a->dates[i].reached == d->dates[i].reached;
	for (size_t i = 0; team && i < a->n_team; i++)
		team = !uuid_cmp(&a->team[i].org, &d->team[i].org) && a->team[i].role == d->team[i].role;
	const struct {
		const char *name;
		bool same;
	} members[] = {
		{"title", eq_str(a->title, d->title)},
		{"field", a->field == d->field},
		{"services", services},
		{"phase", a->phase == d->phase},
		{"dates", dates},
		{"team", team},
		{"interest", eq_uuids(a->interested, a->n_interested, d->interested, d->n_interested)},
		{"ministries", eq_uuids(a->ministries, a->n_ministries, d->ministries, d->n_ministries)},
		{"departments", eq_strv(&a->departments, &d->departments)},
		{"components", eq_strv(&a->components, &d->components)},
		{"solutions", eq_strv(&a->solutions, &d->solutions)},
		{"priority", a->priority == d->priority},
		{"notes", eq_str(a->notes, d->notes)},
		{"demo", a->demo == d->demo},
		{"unknown fields", a->unknown.len == d->unknown.len &&
				   (!a->unknown.len || !memcmp(a->unknown.data, d->unknown.data, a->unknown.len))},
	};
	buf_reset(b);
	for (size_t i = 0; i < ARRAY_LEN(members); i++)
		if (!members[i].same)
			buf_printf(b, "%s%s", b->len ? ", " : "", members[i].name);
	return b->len ? b->data : "no visible change";
}

/* ---- the records ------------------------------------------------------------------ */

/* A record upserted by its key: added, updated where it differs, or left. */
#define ELEM_UPSERT(fn, type, kind, key, getf, restoref, putf)                  \
	void fn(struct imp *im, struct rec *r)                                            \
	{                                                                                 \
		struct type x, db;                                                        \
		read_##type(r, &x);                                                       \
		type##_init(&db);                                                         \
		if (!r->bad && !im->stop) {                                               \
			enum act act = ACT_ADD;                                           \
			if (!im->restore) {                                               \
				act = found(im, getf(im->t, key, &db));                   \
				if (act == ACT_UPDATE && same_##type(&x, &db))            \
					act = ACT_NONE;                                   \
			}                                                                 \
			if (act != ACT_NONE && may_write(im, r))                          \
				store_result(im, im->restore ? restoref(im->t, &x) : putf(im->t, &x)); \
			count_act(im, kind, act);                                         \
		}                                                                         \
		type##_fini(&db);                                                         \
		type##_fini(&x);                                                          \
	}
ELEM_UPSERT(elem_field, topic_field, K_FIELD, x.number, store_field_get, store_field_restore,
	    store_field_put)
ELEM_UPSERT(elem_service, service, K_SERVICE, x.ozg_id, store_service_get, store_service_restore,
	    store_service_put)
ELEM_UPSERT(elem_workshop, workshop, K_WORKSHOP, &x.id, store_workshop_get, store_workshop_restore,
	    store_workshop_put)
ELEM_UPSERT(elem_outcome, outcome, K_OUTCOME, &x.id, store_outcome_get, store_outcome_restore,
	    store_outcome_put)
#undef ELEM_UPSERT

/* The document's state of organisation entry e (see struct imp). */
static struct orgdoc *orgdoc(struct imp *im, long e)
{
	size_t had = im->orgs_cap;
	xgrow((void **)&im->orgs, &im->orgs_cap, (size_t)e + 1, sizeof *im->orgs);
	memset(im->orgs + had, 0, (im->orgs_cap - had) * sizeof *im->orgs);
	return &im->orgs[e];
}

static void org_apply(struct imp *im, struct organisation *o, bool writable)
{
	struct organisation db;
	organisation_init(&db);
	enum act act = ACT_ADD;
	if (!im->restore) {
		act = found(im, store_org_get(im->t, &o->id, &db));
		if (act == ACT_UPDATE && same_organisation(o, &db))
			act = ACT_NONE;
	}
	if (act != ACT_NONE && writable)
		store_result(im, im->restore ? store_org_restore(im->t, o) : store_org_put(im->t, o));
	count_act(im, K_ORG, act);
	long e = jkeymap_find(&im->keys[JK_ORG], o->id.b);
	if (e >= 0)
		orgdoc(im, e)->applied = true;
	organisation_fini(&db);
}

/* Whether o may take its AGS now: nobody has it in the database, or the one who
 * has it is an organisation of the document already given another AGS. The
 * holder is put in *holder (nil when none). */
static bool ags_free(struct imp *im, const struct organisation *o, struct uuid *holder)
{
	struct organisation h;
	organisation_init(&h);
	memset(holder, 0, sizeof *holder);
	enum status st = store_org_by_ags(im->t, o->ags, &h);
	bool free_ = true;
	if (st == STATUS_OK && uuid_cmp(&h.id, &o->id)) {
		long e = jkeymap_find(&im->keys[JK_ORG], h.id.b);
		*holder = h.id;
		free_ = e >= 0 && (size_t)e < im->orgs_cap && im->orgs[e].applied &&
			(!im->orgs[e].ags || strcmp(im->orgs[e].ags, o->ags));
	} else if (st == STATUS_NOT_FOUND) {
		status_clear();
	} else {
		store_result(im, st);
	}
	organisation_fini(&h);
	return free_;
}

/* The store keeps one organisation per AGS: none may be given to two UUIDs of
 * the document, nor to one while the database gives it to another that keeps
 * it. An AGS that another organisation of the document gives up later in the
 * array is taken once it has done so (orgs_settle). */
void elem_org(struct imp *im, struct rec *r)
{
	struct organisation o;
	struct uuid holder;
	read_organisation(r, &o);
	if (r->bad || im->stop)
		goto out;
	long e = jkeymap_find(&im->keys[JK_ORG], o.id.b);
	if (e >= 0 && o.ags && *o.ags) {
		orgdoc(im, e)->ags = xstrdup(o.ags);
		uint64_t h = jkeymap_text_hash(o.ags);
		long a = jkeymap_find(&im->ags, &h);
		if (a >= 0) {
			long other = jkeymap_index(&im->ags, a);
			if (im->orgs[other].ags && !strcmp(im->orgs[other].ags, o.ags)) {
				rec_fail(r, r->key_line[KEY_ORG_AGS], _("AGS %s is also given to organisations[%ld]"),
					 o.ags, jkeymap_index(&im->keys[JK_ORG], other));
				goto out;
			}
		} else {
			jkeymap_add(&im->ags, &h, e);
		}
		if (!ags_free(im, &o, &holder)) {
			struct deferred *d = vec_push(&im->deferred);
			char where[160];
			rec_where(r, where, sizeof where);
			d->o = o;
			organisation_init(&o);
			d->line = r->key_line[KEY_ORG_AGS];
			d->where = xstrdup(where);
			goto out;
		}
		if (im->stop)
			goto out;
	}
	org_apply(im, &o, may_write(im, r));
out:
	organisation_fini(&o);
}

/* At the end of the organisations array: the deferred ones, each once the
 * holder of its AGS has given it up; what is left is an error (a holder that
 * keeps it, or two that would swap). */
void orgs_settle(struct imp *im)
{
	struct uuid holder;
	bool moved = true;
	while (moved && !im->stop) {
		moved = false;
		for (size_t i = 0; i < im->deferred.n && !im->stop; i++) {
			struct deferred *d = vec_at(&im->deferred, i);
			if (d->done || !ags_free(im, &d->o, &holder))
				continue;
			org_apply(im, &d->o, may_write(im, NULL));
			d->done = moved = true;
		}
	}
	for (size_t i = 0; i < im->deferred.n && !im->stop; i++) {
		struct deferred *d = vec_at(&im->deferred, i);
		if (d->done || ags_free(im, &d->o, &holder))
			continue;
		long e = jkeymap_find(&im->keys[JK_ORG], holder.b);
		if (e >= 0 && (size_t)e < im->orgs_cap && im->orgs[e].ags && !strcmp(im->orgs[e].ags, d->o.ags))
			continue;   /* the holder keeps it in the document too: reported there */
		char id[37];
		uuid_format(&holder, id);
		jerrs_add(&im->errs, d->line, d->where,
			  _("AGS %s belongs to another organisation in the database (%s)"), d->o.ags, id);
	}
	vec_fini(&im->deferred, deferred_fini);
	vec_init(&im->deferred, sizeof(struct deferred));
}

/* A merge writes a project through the store's create and update (new versions,
 * timestamps and authors) and notes it in history. */
static enum status project_merge(struct imp *im, const struct project *in, const struct project *db,
				 enum act act)
{
	struct project p;
	enum status st;
	char *s;
	project_init(&p);
	project_copy(&p, in);
	if (act == ACT_ADD) {
		st = store_project_create(im->t, &p);
		if (st == STATUS_OK) {
			s = xasprintf("imported from %s", im->file);
			st = import_history_add(im->t, &p, s, 0, 0);
			free(s);
		}
	} else {
		p.created = db->created;
		set_str(&p.created_by, db->created_by);
		st = store_project_update(im->t, &p, db->version);
		if (st == STATUS_OK) {
			s = xasprintf("updated from %s: %s", im->file, changed_fields(&im->what, in, db));
			bool moved = db->phase != p.phase;
			st = import_history_add(im->t, &p, s, moved ? db->phase : 0, moved ? p.phase : 0);
			free(s);
		}
	}
	project_fini(&p);
	return st;
}

void elem_project(struct imp *im, struct rec *r)
{
	struct project p, db, holder;
	read_project(r, &p);
	project_init(&db);
	project_init(&holder);
	if (!r->bad && !im->stop) {
		enum act act = ACT_ADD;
		int line = r->key_line[KEY_PROJECT_NUMBER];
		if (!im->restore) {
			enum status st = store_project_by_number(im->t, p.number, &holder);
			if (st == STATUS_OK && uuid_cmp(&holder.id, &p.id)) {
				char id[37];
				uuid_format(&holder.id, id);
				rec_fail(r, line, _("number %llu belongs to another project in the database (%s)"),
					 (unsigned long long)p.number, id);
			} else if (st == STATUS_NOT_FOUND) {
				status_clear();
			} else {
				store_result(im, st);
			}
			act = found(im, store_project_get(im->t, &p.id, &db));
			if (act == ACT_UPDATE && db.number != p.number)
				rec_fail(r, line, _("this project has number %llu in the database; an import cannot renumber it"),
					 (unsigned long long)db.number);
			else if (act == ACT_UPDATE && same_project(&p, &db))
				act = ACT_NONE;
		}
		if (act != ACT_NONE && may_write(im, r))
			store_result(im, im->restore ? store_project_restore(im->t, &p)
						     : project_merge(im, &p, &db, act));
		if (!r->bad)
			count_act(im, K_PROJECT, act);
	}
	project_fini(&holder);
	project_fini(&db);
	project_fini(&p);
}

/* History is copied in a restore only; a merge checks it. */
void elem_history(struct imp *im, struct rec *r)
{
	struct history_entry e;
	read_history_entry(r, &e);
	if (!r->bad && im->restore && may_write(im, r))
		store_result(im, store_history_restore(im->t, &e));
	history_entry_fini(&e);
}

