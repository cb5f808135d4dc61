/* store_records.c - topic fields, organisations, services, workshops,
 * outcomes and history in the store (layout: src/store.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/i18n.h"

/* Like RECORD_EACH, but the callback gets the decoded record to keep: it may
 * move the contents out of *x (leaving it as TYPE_init does) instead of
 * copying them. */
#define RECORD_TAKE(type, what)                                                             \
	struct type##_take_ctx {                                                            \
		struct txn *t;                                                              \
		const struct str_arena *arena;                                              \
		int (*fn)(struct type *, void *);                                           \
		void *arg;                                                                  \
		enum status st;                                                             \
	};                                                                                  \
	static int type##_take_cb(const MDB_val *k, const MDB_val *v, void *arg)            \
	{                                                                                   \
		struct type##_take_ctx *c = arg;                                            \
		struct type x;                                                              \
		(void)k;                                                                    \
		if (type##_decode_in(&x, v->mv_data, v->mv_size, c->arena)) {               \
			c->st = store_fail(c->t, status_fail(STATUS_CORRUPT, _("%s: a record cannot be read"), what)); \
			return 1;                                                           \
		}                                                                           \
		if (c->arena)   /* fn takes the record whole */                             \
			return c->fn(&x, c->arg);                                           \
		int stop = c->fn(&x, c->arg);                                               \
		type##_fini(&x);                                                            \
		return stop;                                                                \
	}

/* ---- topic fields ---- */

enum status store_field_get(struct txn *t, uint16_t number, struct topic_field *out)
{
	uint8_t k[2];
	MDB_val v;
	be16(k, number);
	enum status st = store_raw_get(t, DB_FIELDS, k, sizeof k, &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("no topic field %u"), number);
	if (st)
		return st;
	DECODE(t, topic_field, out, v, "fields");
	return STATUS_OK;
}

static enum status field_write(struct txn *t, const struct topic_field *f)
{
	uint8_t k[2];
	be16(k, f->number);
	PUT_RECORD(t, topic_field, DB_FIELDS, k, sizeof k, f);
	return STATUS_OK;
}

enum status store_field_put(struct txn *t, const struct topic_field *f)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	if (f->number == 0)
		return store_fail(t, status_fail(STATUS_DATA, _("topic field number 0")));
	struct topic_field copy;
	topic_field_init(&copy);
	topic_field_copy(&copy, f);
	struct topic_field old;
	topic_field_init(&old);
	uint8_t k[2];
	MDB_val v;
	be16(k, f->number);
	copy.version = 1;
	if (store_raw_get(t, DB_FIELDS, k, sizeof k, &v) == STATUS_OK &&
	    topic_field_decode(&old, v.mv_data, v.mv_size) == STATUS_OK)
		copy.version = old.version + 1;
	enum status st = field_write(t, &copy);
	topic_field_fini(&old);
	topic_field_fini(&copy);
	return st;
}

enum status store_field_restore(struct txn *t, const struct topic_field *f)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	return field_write(t, f);
}

RECORD_EACH(topic_field, "fields")

enum status store_field_each(struct txn *t, int (*fn)(const struct topic_field *, void *), void *arg)
{
	struct topic_field_each_ctx c = {t, fn, arg, STATUS_OK, NULL, 0};
	enum status st = store_raw_each(t, DB_FIELDS, NULL, 0, false, topic_field_each_cb, &c);
	return st ? st : c.st;
}

/* ---- organisations ---- */

enum status store_org_get(struct txn *t, const struct uuid *id, struct organisation *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_ORGS, id->b, 16, &v);
	if (st == STATUS_NOT_FOUND) {
		char u[37];
		uuid_format(id, u);
		return status_fail(STATUS_NOT_FOUND, _("no organisation %s"), u);
	}
	if (st)
		return st;
	DECODE(t, organisation, out, v, "orgs");
	return STATUS_OK;
}

enum status store_org_by_ags(struct txn *t, const char *ags, struct organisation *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_ORG_BY_AGS, ags, strlen(ags), &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("no organisation with AGS %s"), ags);
	if (st)
		return st;
	if (v.mv_size != 16)
		return store_fail(t, status_fail(STATUS_CORRUPT, _("org_by_ags: bad entry for %s"), ags));
	struct uuid id;
	memcpy(id.b, v.mv_data, 16);
	return store_org_get(t, &id, out);
}

static enum status org_write(struct txn *t, const struct organisation *o)
{
	struct organisation old;
	organisation_init(&old);
	MDB_val v;
	if (store_raw_get(t, DB_ORGS, o->id.b, 16, &v) == STATUS_OK &&
	    organisation_decode(&old, v.mv_data, v.mv_size) == STATUS_OK && old.ags &&
	    (!o->ags || strcmp(old.ags, o->ags) != 0))
		store_raw_del(t, DB_ORG_BY_AGS, old.ags, strlen(old.ags));
	organisation_fini(&old);
	if (o->ags && *o->ags) {
		MDB_val other;
		if (store_raw_get(t, DB_ORG_BY_AGS, o->ags, strlen(o->ags), &other) == STATUS_OK &&
		    (other.mv_size != 16 || memcmp(other.mv_data, o->id.b, 16) != 0))
			return store_fail(t, status_fail(STATUS_DATA, _("AGS %s belongs to another organisation"), o->ags));
		store_raw_put(t, DB_ORG_BY_AGS, o->ags, strlen(o->ags), o->id.b, 16);
	}
	PUT_RECORD(t, organisation, DB_ORGS, o->id.b, 16, o);
	return t->st;
}

enum status store_org_put(struct txn *t, struct organisation *o)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	if (uuid_is_nil(&o->id))
		uuid_new(&o->id);
	struct organisation old;
	organisation_init(&old);
	MDB_val v;
	uint32_t version = 1;
	if (store_raw_get(t, DB_ORGS, o->id.b, 16, &v) == STATUS_OK &&
	    organisation_decode(&old, v.mv_data, v.mv_size) == STATUS_OK)
		version = old.version + 1;
	organisation_fini(&old);
	uint32_t saved = o->version;
	o->version = version;
	enum status st = org_write(t, o);
	if (st)
		o->version = saved;
	return st;
}

enum status store_org_restore(struct txn *t, const struct organisation *o)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	return org_write(t, o);
}

RECORD_EACH(organisation, "orgs")

enum status store_org_each(struct txn *t, int (*fn)(const struct organisation *, void *), void *arg)
{
	struct organisation_each_ctx c = {t, fn, arg, STATUS_OK, NULL, 0};
	enum status st = store_raw_each(t, DB_ORGS, NULL, 0, false, organisation_each_cb, &c);
	return st ? st : c.st;
}

RECORD_TAKE(organisation, "orgs")

enum status store_org_each_take(struct txn *t, const struct str_arena *arena,
				int (*fn)(struct organisation *, void *), void *arg)
{
	struct organisation_take_ctx c = {.t = t, .arena = arena, .fn = fn, .arg = arg};
	enum status st = store_raw_each(t, DB_ORGS, NULL, 0, false, organisation_take_cb, &c);
	return st ? st : c.st;
}

/* ---- services ---- */

enum status store_service_get(struct txn *t, uint32_t ozg_id, struct service *out)
{
	uint8_t k[4];
	MDB_val v;
	be32(k, ozg_id);
	enum status st = store_raw_get(t, DB_SERVICES, k, sizeof k, &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("no OZG service %u"), ozg_id);
	if (st)
		return st;
	DECODE(t, service, out, v, "services");
	return STATUS_OK;
}

static enum status service_write(struct txn *t, const struct service *s)
{
	uint8_t k[4];
	be32(k, s->ozg_id);
	uint8_t key16[16] = {0};
	memcpy(key16, k, sizeof k);
	PUT_VERSIONED(t, service, DB_SERVICES, k, sizeof k, s, VERSION_SERVICE, key16);
	return STATUS_OK;
}

enum status store_service_put(struct txn *t, struct service *s)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	uint8_t k[4];
	MDB_val v;
	be32(k, s->ozg_id);
	struct service old;
	service_init(&old);
	uint32_t version = 1;
	if (store_raw_get(t, DB_SERVICES, k, sizeof k, &v) == STATUS_OK &&
	    service_decode(&old, v.mv_data, v.mv_size) == STATUS_OK)
		version = old.version + 1;
	service_fini(&old);
	uint32_t saved = s->version;
	s->version = version;
	enum status st = service_write(t, s);
	if (st)
		s->version = saved;
	return st;
}

enum status store_service_restore(struct txn *t, const struct service *s)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	return service_write(t, s);
}

RECORD_EACH(service, "services")

static bool service_in_field(const struct service *s, const struct service_each_ctx *c)
{
	return s->field == c->field;
}

enum status store_service_each(struct txn *t, uint16_t field,
			       int (*fn)(const struct service *, void *), void *arg)
{
	struct service_each_ctx c = {t, fn, arg, STATUS_OK, field ? service_in_field : NULL, field};
	enum status st = store_raw_each(t, DB_SERVICES, NULL, 0, false, service_each_cb, &c);
	return st ? st : c.st;
}

RECORD_TAKE(service, "services")

enum status store_service_each_take(struct txn *t, const struct str_arena *arena,
				    int (*fn)(struct service *, void *), void *arg)
{
	struct service_take_ctx c = {.t = t, .arena = arena, .fn = fn, .arg = arg};
	enum status st = store_raw_each(t, DB_SERVICES, NULL, 0, false, service_take_cb, &c);
	return st ? st : c.st;
}

/* ---- workshops and outcomes ---- */

enum status store_workshop_get(struct txn *t, const struct uuid *id, struct workshop *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_WORKSHOPS, id->b, 16, &v);
	if (st == STATUS_NOT_FOUND) {
		char u[37];
		uuid_format(id, u);
		return status_fail(STATUS_NOT_FOUND, _("no workshop %s"), u);
	}
	if (st)
		return st;
	DECODE(t, workshop, out, v, "workshops");
	return STATUS_OK;
}

enum status store_workshop_restore(struct txn *t, const struct workshop *w)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	PUT_RECORD(t, workshop, DB_WORKSHOPS, w->id.b, 16, w);
	return STATUS_OK;
}

enum status store_workshop_put(struct txn *t, struct workshop *w)
{
	if (uuid_is_nil(&w->id))
		uuid_new(&w->id);
	struct workshop old;
	workshop_init(&old);
	MDB_val v;
	w->version = 1;
	w->created = t->now;
	if (store_raw_get(t, DB_WORKSHOPS, w->id.b, 16, &v) == STATUS_OK &&
	    workshop_decode(&old, v.mv_data, v.mv_size) == STATUS_OK) {
		w->version = old.version + 1;
		w->created = old.created;
	}
	workshop_fini(&old);
	w->updated = t->now;
	return store_workshop_restore(t, w);
}

static enum status outcome_index(struct txn *t, const struct outcome *o, bool add)
{
	uint8_t k[32];
	for (size_t i = 0; i < o->n_projects; i++) {
		memcpy(k, o->projects[i].b, 16);
		memcpy(k + 16, o->id.b, 16);
		add ? store_raw_put(t, DB_OUTCOME_BY_PROJECT, k, 32, "", 0) : store_raw_del(t, DB_OUTCOME_BY_PROJECT, k, 32);
	}
	return t->st;
}

enum status store_outcome_get(struct txn *t, const struct uuid *id, struct outcome *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_OUTCOMES, id->b, 16, &v);
	if (st == STATUS_NOT_FOUND) {
		char u[37];
		uuid_format(id, u);
		return status_fail(STATUS_NOT_FOUND, _("no outcome %s"), u);
	}
	if (st)
		return st;
	DECODE(t, outcome, out, v, "outcomes");
	return STATUS_OK;
}

enum status store_outcome_restore(struct txn *t, const struct outcome *o)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	struct outcome old;
	outcome_init(&old);
	MDB_val v;
	if (store_raw_get(t, DB_OUTCOMES, o->id.b, 16, &v) == STATUS_OK &&
	    outcome_decode(&old, v.mv_data, v.mv_size) == STATUS_OK)
		outcome_index(t, &old, false);
	outcome_fini(&old);
	PUT_VERSIONED(t, outcome, DB_OUTCOMES, o->id.b, 16, o, VERSION_OUTCOME, o->id.b);
	return outcome_index(t, o, true);
}

enum status store_outcome_put(struct txn *t, struct outcome *o)
{
	if (uuid_is_nil(&o->id))
		uuid_new(&o->id);
	struct outcome old;
	outcome_init(&old);
	MDB_val v;
	o->version = 1;
	o->created = t->now;
	if (store_raw_get(t, DB_OUTCOMES, o->id.b, 16, &v) == STATUS_OK &&
	    outcome_decode(&old, v.mv_data, v.mv_size) == STATUS_OK) {
		o->version = old.version + 1;
		o->created = old.created;
	}
	outcome_fini(&old);
	o->updated = t->now;
	return store_outcome_restore(t, o);
}

RECORD_EACH(workshop, "workshops")

enum status store_workshop_each(struct txn *t, int (*fn)(const struct workshop *, void *), void *arg)
{
	struct workshop_each_ctx c = {t, fn, arg, STATUS_OK, NULL, 0};
	enum status st = store_raw_each(t, DB_WORKSHOPS, NULL, 0, false, workshop_each_cb, &c);
	return st ? st : c.st;
}

RECORD_EACH(outcome, "outcomes")

enum status store_outcome_each(struct txn *t, int (*fn)(const struct outcome *, void *), void *arg)
{
	struct outcome_each_ctx c = {t, fn, arg, STATUS_OK, NULL, 0};
	enum status st = store_raw_each(t, DB_OUTCOMES, NULL, 0, false, outcome_each_cb, &c);
	return st ? st : c.st;
}

enum status store_outcome_each_from(struct txn *t, const struct uuid *from,
				    int (*fn)(const struct outcome *, void *), void *arg)
{
	struct outcome_each_ctx c = {t, fn, arg, STATUS_OK, NULL, 0};
	enum status st = store_raw_each_from(t, DB_OUTCOMES, from ? from->b : NULL, from ? 16 : 0,
					     outcome_each_cb, &c);
	return st ? st : c.st;
}

static int outcome_for_project_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct outcome_each_ctx *c = arg;
	if (k->mv_size != 32)
		return 0;
	MDB_val rec;
	enum status st = store_raw_get(c->t, DB_OUTCOMES, (const uint8_t *)k->mv_data + 16, 16, &rec);
	if (st) {
		c->st = st == STATUS_NOT_FOUND
				? store_fail(c->t, status_fail(STATUS_CORRUPT, _("outcome_by_project: dangling entry; run `ozgtui verify`")))
				: st;
		return 1;
	}
	return outcome_each_cb(NULL, &rec, arg);
}

enum status store_outcome_each_for_project(struct txn *t, const struct uuid *project,
					   int (*fn)(const struct outcome *, void *), void *arg)
{
	struct outcome_each_ctx c = {t, fn, arg, STATUS_OK, NULL, 0};
	enum status st = store_raw_each(t, DB_OUTCOME_BY_PROJECT, project->b, 16, false, outcome_for_project_cb, &c);
	return st ? st : c.st;
}

/* ---- history ---- */

static enum status history_write(struct txn *t, const struct history_entry *e)
{
	uint8_t k[24];
	be64(k, e->seq);
	PUT_RECORD(t, history_entry, DB_HISTORY, k, 8, e);
	if (!uuid_is_nil(&e->entity_id)) {
		memcpy(k, e->entity_id.b, 16);
		be64(k + 16, e->seq);
		store_raw_put(t, DB_HISTORY_BY_ENTITY, k, 24, "", 0);
	}
	return t->st;
}

enum status store_history_add(struct txn *t, struct history_entry *e)
{
	MDB_val k;
	bool found;
	enum status st = store_raw_last_key(t, DB_HISTORY, &k, &found);
	if (st)
		return st;
	e->seq = found && k.mv_size == 8 ? get64(k.mv_data) + 1 : 1;
	e->time = t->now;
	free(e->user);
	e->user = xstrdup(user_name());
	return history_write(t, e);
}

enum status store_history_restore(struct txn *t, const struct history_entry *e)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	uint8_t k[8];
	MDB_val v;
	be64(k, e->seq);
	if (e->seq == 0)
		return store_fail(t, status_fail(STATUS_DATA, _("history entry without a sequence number")));
	if (store_raw_get(t, DB_HISTORY, k, 8, &v) == STATUS_OK)
		return store_fail(t, status_fail(STATUS_DATA, _("history entry %llu exists already"),
					   (unsigned long long)e->seq));
	return history_write(t, e);
}

struct history_each_ctx {
	struct txn *t;
	int (*fn)(const struct history_entry *, void *);
	void *arg;
	size_t limit;
	size_t seen;
	enum status st;
};

static int history_emit(struct history_each_ctx *c, const MDB_val *v)
{
	struct history_entry e;
	history_entry_init(&e);
	if (history_entry_decode(&e, v->mv_data, v->mv_size)) {
		c->st = store_fail(c->t, status_fail(STATUS_CORRUPT, _("history: an entry cannot be read")));
		return 1;
	}
	int stop = c->fn(&e, c->arg);
	history_entry_fini(&e);
	c->seen++;
	return stop || (c->limit && c->seen >= c->limit);
}

static int history_each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	return history_emit(arg, v);
}

enum status store_history_each(struct txn *t, size_t limit,
			       int (*fn)(const struct history_entry *, void *), void *arg)
{
	struct history_each_ctx c = {t, fn, arg, limit, 0, STATUS_OK};
	enum status st = store_raw_each(t, DB_HISTORY, NULL, 0, true, history_each_cb, &c);
	return st ? st : c.st;
}

enum status store_history_each_oldest(struct txn *t, int (*fn)(const struct history_entry *, void *),
				      void *arg)
{
	struct history_each_ctx c = {t, fn, arg, 0, 0, STATUS_OK};
	enum status st = store_raw_each(t, DB_HISTORY, NULL, 0, false, history_each_cb, &c);
	return st ? st : c.st;
}

static int history_for_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct history_each_ctx *c = arg;
	if (k->mv_size != 24)
		return 0;
	MDB_val rec;
	enum status st = store_raw_get(c->t, DB_HISTORY, (const uint8_t *)k->mv_data + 16, 8, &rec);
	if (st) {
		c->st = st == STATUS_NOT_FOUND
				? store_fail(c->t, status_fail(STATUS_CORRUPT, _("history_by_entity: dangling entry; run `ozgtui verify`")))
				: st;
		return 1;
	}
	return history_emit(c, &rec);
}

enum status store_history_each_for(struct txn *t, const struct uuid *entity,
				   int (*fn)(const struct history_entry *, void *), void *arg)
{
	struct history_each_ctx c = {t, fn, arg, 0, 0, STATUS_OK};
	enum status st = store_raw_each(t, DB_HISTORY_BY_ENTITY, entity->b, 16, true, history_for_cb, &c);
	return st ? st : c.st;
}

enum status store_is_empty(struct txn *t, bool *empty)
{
	size_t n = 0, total = 0;
	enum dbi_id dbs[] = {DB_PROJECTS, DB_WORKSHOPS, DB_OUTCOMES, DB_HISTORY};
	for (size_t i = 0; i < ARRAY_LEN(dbs); i++) {
		enum status st = store_raw_count(t, dbs[i], &n);
		if (st)
			return st;
		total += n;
	}
	*empty = total == 0;
	return STATUS_OK;
}


/* ---- revisions and snapshots ---- */

struct at_ctx {
	struct txn *t;
	uint64_t revision;
	enum version_kind kind;
	size_t key_offset;       /* where the 16-byte key sits in the scanned value/key */
	bool key_in_value;       /* project_by_number: the UUID is the value */
	int (*project_fn)(const struct project *, void *);
	int (*outcome_fn)(const struct outcome *, void *);
	int (*service_fn)(const struct service *, void *);
	void *arg;
	enum status st;
};

static int at_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct at_ctx *c = arg;
	uint8_t key[16] = {0};
	const MDB_val *src = c->key_in_value ? v : k;
	if (c->kind == VERSION_SERVICE) {
		if (src->mv_size != 4)
			return 0;
		memcpy(key, src->mv_data, 4);
	} else {
		if (src->mv_size != 16)
			return 0;
		memcpy(key, src->mv_data, 16);
	}
	MDB_val rec;
	enum status st = store_version_at(c->t, c->kind, key, c->revision, &rec);
	if (st == STATUS_NOT_FOUND)
		return 0;   /* created after that revision */
	if (st) {
		c->st = st;
		return 1;
	}
	int stop = 0;
	if (c->kind == VERSION_PROJECT) {
		struct project p;
		project_init(&p);
		if (project_decode(&p, rec.mv_data, rec.mv_size))
			goto corrupt;
		stop = c->project_fn(&p, c->arg);
		project_fini(&p);
	} else if (c->kind == VERSION_OUTCOME) {
		struct outcome o;
		outcome_init(&o);
		if (outcome_decode(&o, rec.mv_data, rec.mv_size))
			goto corrupt;
		stop = c->outcome_fn(&o, c->arg);
		outcome_fini(&o);
	} else {
		struct service s;
		service_init(&s);
		if (service_decode(&s, rec.mv_data, rec.mv_size))
			goto corrupt;
		stop = c->service_fn(&s, c->arg);
		service_fini(&s);
	}
	return stop;
corrupt:
	c->st = store_fail(c->t, status_fail(STATUS_CORRUPT, _("versions: a record cannot be read")));
	return 1;
}

enum status store_project_each_at(struct txn *t, uint64_t revision,
				  int (*fn)(const struct project *, void *), void *arg)
{
	struct at_ctx c = {.t = t, .revision = revision, .kind = VERSION_PROJECT,
			   .key_in_value = true, .project_fn = fn, .arg = arg};
	enum status st = store_raw_each(t, DB_PROJECT_BY_NUMBER, NULL, 0, false, at_cb, &c);
	return st ? st : c.st;
}

enum status store_outcome_each_at(struct txn *t, uint64_t revision,
				  int (*fn)(const struct outcome *, void *), void *arg)
{
	struct at_ctx c = {.t = t, .revision = revision, .kind = VERSION_OUTCOME,
			   .outcome_fn = fn, .arg = arg};
	enum status st = store_raw_each(t, DB_OUTCOMES, NULL, 0, false, at_cb, &c);
	return st ? st : c.st;
}

enum status store_service_each_at(struct txn *t, uint64_t revision,
				  int (*fn)(const struct service *, void *), void *arg)
{
	struct at_ctx c = {.t = t, .revision = revision, .kind = VERSION_SERVICE,
			   .service_fn = fn, .arg = arg};
	enum status st = store_raw_each(t, DB_SERVICES, NULL, 0, false, at_cb, &c);
	return st ? st : c.st;
}

struct seed_ctx {
	struct txn *t;
	enum version_kind kind;
	uint64_t revision;
};

static int seed_version_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct seed_ctx *c = arg;
	uint8_t key[25] = {0};
	key[0] = (uint8_t)c->kind;
	memcpy(key + 1, k->mv_data, k->mv_size < 16 ? k->mv_size : 16);
	be64(key + 17, c->revision);
	return store_raw_put(c->t, DB_VERSIONS, key, sizeof key, v->mv_data, v->mv_size) != STATUS_OK ||
	       store_version_index(c->t, key) != STATUS_OK;
}

enum status store_versions_seed(struct txn *t, uint64_t revision)
{
	struct seed_ctx c = {t, VERSION_PROJECT, revision};
	store_raw_each(t, DB_PROJECTS, NULL, 0, false, seed_version_cb, &c);
	c.kind = VERSION_OUTCOME;
	store_raw_each(t, DB_OUTCOMES, NULL, 0, false, seed_version_cb, &c);
	c.kind = VERSION_SERVICE;
	store_raw_each(t, DB_SERVICES, NULL, 0, false, seed_version_cb, &c);
	return t->st;
}

static int index_version_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct txn *t = arg;
	(void)v;
	if (k->mv_size != STORE_VERSION_KEY)
		return 0;   /* not a version key: store_verify names it */
	return store_version_index(t, k->mv_data) != STATUS_OK;
}

enum status store_versions_index_rebuild(struct txn *t)
{
	store_defer_touch(t, DB_VERSION_BY_REVISION);
	int rc = mdb_drop(t->txn, t->s->dbi[DB_VERSION_BY_REVISION], 0);
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[DB_VERSION_BY_REVISION]));
	enum status st = store_raw_each(t, DB_VERSIONS, NULL, 0, false, index_version_cb, t);
	return st ? st : t->st;
}

struct between_ctx {
	uint64_t upto;
	int (*fn)(const struct store_version_ref *, void *);
	void *arg;
};

static int between_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct between_ctx *c = arg;
	const uint8_t *key = k->mv_data;
	(void)v;
	if (k->mv_size != STORE_VERSION_KEY)
		return 0;
	struct store_version_ref r;
	memset(&r, 0, sizeof r);
	r.revision = get64(key);
	if (r.revision > c->upto)
		return 1;
	r.kind = (enum store_version_kind)key[8];
	memcpy(r.id.b, key + 9, 16);
	r.ozg_id = get32(key + 9);
	return c->fn(&r, c->arg);
}

enum status store_versions_between(struct txn *t, uint64_t after, uint64_t upto,
				   int (*fn)(const struct store_version_ref *, void *), void *arg)
{
	if (after == UINT64_MAX || after >= upto)
		return t->st;
	uint8_t start[8];
	be64(start, after + 1);
	struct between_ctx c = {upto, fn, arg};
	return store_raw_each_from(t, DB_VERSION_BY_REVISION, start, sizeof start, between_cb, &c);
}

/* The record of (kind, key) at revision: the current one for UINT64_MAX. */
static enum status record_at(struct txn *t, enum version_kind kind, const uint8_t key16[16], enum dbi_id db,
			     const void *k, size_t klen, uint64_t revision, MDB_val *v)
{
	if (revision == UINT64_MAX)
		return store_raw_get(t, db, k, klen, v);
	return store_version_at(t, kind, key16, revision, v);
}

enum status store_project_at(struct txn *t, const struct uuid *id, uint64_t revision, struct project *out)
{
	MDB_val v;
	enum status st = record_at(t, VERSION_PROJECT, id->b, DB_PROJECTS, id->b, 16, revision, &v);
	if (st)
		return st;
	DECODE(t, project, out, v, "versions");
	return STATUS_OK;
}

enum status store_outcome_at(struct txn *t, const struct uuid *id, uint64_t revision, struct outcome *out)
{
	MDB_val v;
	enum status st = record_at(t, VERSION_OUTCOME, id->b, DB_OUTCOMES, id->b, 16, revision, &v);
	if (st)
		return st;
	DECODE(t, outcome, out, v, "versions");
	return STATUS_OK;
}

enum status store_service_at(struct txn *t, uint32_t ozg_id, uint64_t revision, struct service *out)
{
	uint8_t key16[16] = {0};
	be32(key16, ozg_id);
	MDB_val v;
	enum status st = record_at(t, VERSION_SERVICE, key16, DB_SERVICES, key16, 4, revision, &v);
	if (st)
		return st;
	DECODE(t, service, out, v, "versions");
	return STATUS_OK;
}

enum status store_snapshot_save(struct txn *t, struct snapshot *s)
{
	if (!s->name || !*s->name)
		return store_fail(t, status_fail(STATUS_USAGE, _("a snapshot needs a name")));
	MDB_val v;
	if (store_raw_get(t, DB_SNAPSHOTS, s->name, strlen(s->name), &v) == STATUS_OK)
		return store_fail(t, status_fail(STATUS_DATA, _("a snapshot named '%s' exists already"), s->name));
	enum status st = store_txn_revision(t, &s->revision);
	if (st)
		return st;
	s->created = t->now;
	free(s->user);
	s->user = xstrdup(user_name());
	PUT_RECORD(t, snapshot, DB_SNAPSHOTS, s->name, strlen(s->name), s);
	return t->st;
}

enum status store_snapshot_get(struct txn *t, const char *name, struct snapshot *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_SNAPSHOTS, name, strlen(name), &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("no snapshot named '%s'"), name);
	if (st)
		return st;
	DECODE(t, snapshot, out, v, "snapshots");
	return STATUS_OK;
}

struct snapshot_list {
	struct snapshot *v;
	size_t n, cap;
	struct txn *t;
	enum status st;
};

static int snapshot_collect_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct snapshot_list *l = arg;
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	if (snapshot_decode(&l->v[l->n], v->mv_data, v->mv_size)) {
		l->st = store_fail(l->t, status_fail(STATUS_CORRUPT, _("snapshots: a record cannot be read")));
		return 1;
	}
	l->n++;
	return 0;
}

static int snapshot_order(const void *a, const void *b)
{
	const struct snapshot *x = a, *y = b;
	if (x->revision != y->revision)
		return x->revision < y->revision ? -1 : 1;
	return strcmp(x->name, y->name);
}

enum status store_snapshot_each(struct txn *t, int (*fn)(const struct snapshot *, void *), void *arg)
{
	struct snapshot_list l = {NULL, 0, 0, t, STATUS_OK};
	enum status st = store_raw_each(t, DB_SNAPSHOTS, NULL, 0, false, snapshot_collect_cb, &l);
	if (!st)
		st = l.st;
	if (!st) {
		if (l.n)   /* qsort(NULL, 0, ...) is undefined */
			qsort(l.v, l.n, sizeof *l.v, snapshot_order);
		for (size_t i = 0; i < l.n; i++)
			if (fn(&l.v[i], arg))
				break;
	}
	for (size_t i = 0; i < l.n; i++)
		snapshot_fini(&l.v[i]);
	free(l.v);
	return st;
}

enum status store_snapshot_delete(struct txn *t, const char *name)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_SNAPSHOTS, name, strlen(name), &v);
	if (st == STATUS_NOT_FOUND)
		return store_fail(t, status_fail(STATUS_NOT_FOUND, _("no snapshot named '%s'"), name));
	if (st)
		return st;
	return store_raw_del(t, DB_SNAPSHOTS, name, strlen(name));
}
