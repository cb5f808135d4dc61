/* store_project.c - projects and their indexes, counts, and the schema
 * migrations (layout: src/store.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "ozgtui/store_roles.h"
#include "ozgtui/i18n.h"
#include "ozgtui/util.h"

/* ---- projects and their indexes ---- */

enum status store_count_add(struct txn *t, uint8_t phase, uint16_t field, int delta)
{
	uint8_t k[3];
	k[0] = phase;
	be16(k + 1, field);
	MDB_val v;
	uint32_t n = 0;
	enum status st = store_raw_get(t, DB_PROJECT_COUNTS, k, sizeof k, &v);
	if (st == STATUS_OK && v.mv_size == 4)
		n = get32(v.mv_data);
	else if (st && st != STATUS_NOT_FOUND)
		return st;
	if (delta < 0 && n < (uint32_t)-delta)
		return store_fail(t, status_fail(STATUS_CORRUPT, _("project_counts: count below zero; run `ozgtui verify`")));
	n = (uint32_t)((int64_t)n + delta);
	if (n == 0)
		return store_raw_del(t, DB_PROJECT_COUNTS, k, sizeof k);
	uint8_t b[4];
	be32(b, n);
	return store_raw_put(t, DB_PROJECT_COUNTS, k, sizeof k, b, sizeof b);
}

/* Role of an organisation in a project for the org index: member role, or 0 for interest. */
int store_org_index_role(const struct project *p, const struct uuid *org)
{
	const struct member *m = project_member(p, org);
	return m ? (int)m->role : 0;
}

/* The keys of p's entries in project_by_phase and project_by_field (schema 4):
 * phase or field, then the number (cursor order is number order), then the
 * UUID; the values are empty. */
size_t store_phase_key(const struct project *p, uint8_t k[STORE_PHASE_KEY])
{
	k[0] = p->phase;
	be32(k + 1, p->number);
	memcpy(k + 5, p->id.b, 16);
	return STORE_PHASE_KEY;
}

size_t store_field_key(const struct project *p, uint8_t k[STORE_FIELD_KEY])
{
	be16(k, p->field);
	be32(k + 2, p->number);
	memcpy(k + 6, p->id.b, 16);
	return STORE_FIELD_KEY;
}

/* The key of p's copy in project_copies (schema 6): phase, field, number
 * (a walk of one phase and field yields number order), UUID. */
size_t store_copy_key(const struct project *p, uint8_t k[STORE_COPY_KEY])
{
	k[0] = p->phase;
	be16(k + 1, p->field);
	be32(k + 3, p->number);
	memcpy(k + 7, p->id.b, 16);
	return STORE_COPY_KEY;
}

static enum status copy_del(struct txn *t, const struct project *p)
{
	uint8_t k[STORE_COPY_KEY];
	if (t->defer_copies)
		return t->st;
	return store_raw_del(t, DB_PROJECT_COPIES, k, store_copy_key(p, k));
}

enum status store_phase_field_index(struct txn *t, const struct project *p, bool add)
{
	uint8_t k[STORE_FIELD_KEY];
	size_t n = store_phase_key(p, k);
	add ? store_raw_put(t, DB_PROJECT_BY_PHASE, k, n, "", 0) : store_raw_del(t, DB_PROJECT_BY_PHASE, k, n);
	n = store_field_key(p, k);
	add ? store_raw_put(t, DB_PROJECT_BY_FIELD, k, n, "", 0) : store_raw_del(t, DB_PROJECT_BY_FIELD, k, n);
	return t->st;
}

/* Adds (add = true) or removes every index entry derived from p; removing
 * also removes its copy (project_put writes it). */
static enum status project_index(struct txn *t, const struct project *p, bool add)
{
	uint8_t k[40];
	uint8_t nb[4];
	be32(nb, p->number);
	if (add)
		store_raw_put(t, DB_PROJECT_BY_NUMBER, nb, 4, p->id.b, 16);
	else
		store_raw_del(t, DB_PROJECT_BY_NUMBER, nb, 4);

	store_phase_field_index(t, p, add);

	for (size_t i = 0; i < p->n_team + p->n_interested; i++) {
		const struct uuid *org = i < p->n_team ? &p->team[i].org : &p->interested[i - p->n_team];
		memcpy(k, org->b, 16);
		memcpy(k + 16, p->id.b, 16);
		uint8_t role = (uint8_t)store_org_index_role(p, org);
		add ? store_raw_put(t, DB_PROJECT_BY_ORG, k, 32, &role, 1) : store_raw_del(t, DB_PROJECT_BY_ORG, k, 32);
	}
	for (size_t i = 0; i < p->n_services; i++) {
		be32(k, p->services[i]);
		memcpy(k + 4, p->id.b, 16);
		add ? store_raw_put(t, DB_PROJECT_BY_SERVICE, k, 20, "", 0) : store_raw_del(t, DB_PROJECT_BY_SERVICE, k, 20);
	}
	store_count_add(t, p->phase, p->field, add ? 1 : -1);
	if (!add)
		copy_del(t, p);
	return t->st;
}

/* An organisation with an entry for p in project_by_org: on the team or interested. */
static bool project_has_org(const struct project *p, const struct uuid *org)
{
	if (project_member(p, org))
		return true;
	for (size_t i = 0; i < p->n_interested; i++)
		if (uuid_cmp(&p->interested[i], org) == 0)
			return true;
	return false;
}

/* Moves p's index entries from what old had to what p has: removes only the
 * entries p no longer has and writes only the new or changed ones. The same
 * entries as project_index(old, false) and then project_index(p, true), but an
 * entry that stays is not touched, so a move writes the pages of the phase
 * index and the counts, not those of every team member's and service's
 * entries (each a page the commit writes and syncs). */
static enum status project_index_update(struct txn *t, const struct project *old, const struct project *p)
{
	uint8_t k[40];
	if (old->number != p->number || uuid_cmp(&old->id, &p->id) != 0) {
		project_index(t, old, false);
		return project_index(t, p, true);
	}
	if (old->phase != p->phase || old->field != p->field) {
		copy_del(t, old);   /* project_put wrote p's under its new key */
		store_phase_field_index(t, old, false);
		store_phase_field_index(t, p, true);
		store_count_add(t, old->phase, old->field, -1);
		store_count_add(t, p->phase, p->field, 1);
	}
	for (size_t i = 0; i < old->n_team + old->n_interested; i++) {
		const struct uuid *org = i < old->n_team ? &old->team[i].org : &old->interested[i - old->n_team];
		if (project_has_org(p, org))
			continue;
		memcpy(k, org->b, 16);
		memcpy(k + 16, p->id.b, 16);
		store_raw_del(t, DB_PROJECT_BY_ORG, k, 32);
	}
	for (size_t i = 0; i < p->n_team + p->n_interested; i++) {
		const struct uuid *org = i < p->n_team ? &p->team[i].org : &p->interested[i - p->n_team];
		int role = store_org_index_role(p, org);
		if (project_has_org(old, org) && store_org_index_role(old, org) == role)
			continue;
		memcpy(k, org->b, 16);
		memcpy(k + 16, p->id.b, 16);
		uint8_t r = (uint8_t)role;
		store_raw_put(t, DB_PROJECT_BY_ORG, k, 32, &r, 1);
	}
	for (size_t i = 0; i < old->n_services; i++) {
		if (project_has_service(p, old->services[i]))
			continue;
		be32(k, old->services[i]);
		memcpy(k + 4, p->id.b, 16);
		store_raw_del(t, DB_PROJECT_BY_SERVICE, k, 20);
	}
	for (size_t i = 0; i < p->n_services; i++) {
		if (project_has_service(old, p->services[i]))
			continue;
		be32(k, p->services[i]);
		memcpy(k + 4, p->id.b, 16);
		store_raw_put(t, DB_PROJECT_BY_SERVICE, k, 20, "", 0);
	}
	return t->st;
}

enum status store_project_load(struct txn *t, const uint8_t id[16], struct project *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_PROJECTS, id, 16, &v);
	if (st)
		return st;
	DECODE(t, project, out, v, "projects");
	return STATUS_OK;
}

enum status store_project_view(struct txn *t, const struct uuid *id, struct project_scratch *s,
			       struct project *out)
{
	MDB_val v;
	enum status st = store_raw_get(t, DB_PROJECTS, id->b, 16, &v);
	if (st)
		return st;
	if (project_decode_scratch(out, s, v.mv_data, v.mv_size) != STATUS_OK)
		return store_fail(t, status_fail(STATUS_CORRUPT, _("%s: a record cannot be read"), "projects"));
	return STATUS_OK;
}

enum status store_project_get(struct txn *t, const struct uuid *id, struct project *out)
{
	enum status st = store_project_load(t, id->b, out);
	if (st == STATUS_NOT_FOUND) {
		char u[37];
		uuid_format(id, u);
		return status_fail(STATUS_NOT_FOUND, _("no project %s"), u);
	}
	return st;
}

enum status store_project_by_number(struct txn *t, uint32_t number, struct project *out)
{
	uint8_t k[4];
	MDB_val v;
	be32(k, number);
	enum status st = store_raw_get(t, DB_PROJECT_BY_NUMBER, k, 4, &v);
	if (st == STATUS_NOT_FOUND)
		return status_fail(STATUS_NOT_FOUND, _("no project #%u"), number);
	if (st)
		return st;
	if (v.mv_size != 16)
		return store_fail(t, status_fail(STATUS_CORRUPT, _("project_by_number: bad entry for #%u"), number));
	uint8_t id[16];
	memcpy(id, v.mv_data, 16);
	st = store_project_load(t, id, out);
	if (st == STATUS_NOT_FOUND)
		return store_fail(t, status_fail(STATUS_CORRUPT, _("project #%u is indexed but missing; run `ozgtui verify`"),
					   number));
	return st;
}

struct prefix_ctx {
	uint8_t bytes[16];
	size_t nibbles;
	size_t matches;
	uint8_t first[16];
};

static int prefix_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct prefix_ctx *c = arg;
	const uint8_t *key = k->mv_data;
	if (k->mv_size != 16)
		return 0;
	for (size_t i = 0; i < c->nibbles; i++) {
		int have = i % 2 ? key[i / 2] & 0xf : key[i / 2] >> 4;
		int want = i % 2 ? c->bytes[i / 2] & 0xf : c->bytes[i / 2] >> 4;
		if (have != want)
			return 1;   /* keys are sorted: past the prefix */
	}
	if (c->matches++ == 0)
		memcpy(c->first, key, 16);
	return c->matches > 1;
}

enum status store_project_by_uuid_prefix(struct txn *t, const char *hex, struct project *out)
{
	struct prefix_ctx c;
	memset(&c, 0, sizeof c);
	for (const char *p = hex; *p; p++) {
		if (*p == '-')
			continue;
		int h = text_hex_digit((unsigned char)*p);
		if (h < 0 || c.nibbles >= 32)
			return status_fail(STATUS_USAGE, _("'%s' is not a project number or UUID"), hex);
		c.bytes[c.nibbles / 2] |= (uint8_t)(c.nibbles % 2 ? h : h << 4);
		c.nibbles++;
	}
	if (c.nibbles < 4)
		return status_fail(STATUS_USAGE, _("a UUID prefix needs at least 4 hex digits: '%s'"), hex);
	enum status st = store_raw_each(t, DB_PROJECTS, c.bytes, c.nibbles / 2, false, prefix_cb, &c);
	if (st)
		return st;
	if (c.matches == 0)
		return status_fail(STATUS_NOT_FOUND, _("no project with UUID %s"), hex);
	if (c.matches > 1)
		return status_fail(STATUS_DATA, _("UUID prefix %s is ambiguous; give more digits"), hex);
	return store_project_load(t, c.first, out);
}

static enum status next_number(struct txn *t, uint32_t *out)
{
	MDB_val k;
	bool found;
	enum status st = store_raw_last_key(t, DB_PROJECT_BY_NUMBER, &k, &found);
	if (st)
		return st;
	*out = found && k.mv_size == 4 ? get32(k.mv_data) + 1 : 1;
	return STATUS_OK;
}

/* Writes p's record, its version and its copy (one encoding for all three). */
static enum status project_put(struct txn *t, const struct project *p)
{
	enum status st = project_check(p);
	if (st)
		return store_fail(t, st);
	struct buf b;
	buf_init(&b);
	project_encode(p, &b);
	uint8_t k[STORE_COPY_KEY];
	store_copy_key(p, k);
	if (!(st = store_raw_put(t, DB_PROJECTS, p->id.b, 16, b.data, b.len)) &&
	    !(st = store_version_put(t, VERSION_PROJECT, p->id.b, b.data, b.len)) && !t->defer_copies)
		st = store_raw_put(t, DB_PROJECT_COPIES, k, sizeof k, b.data, b.len);
	buf_fini(&b);
	return st;
}

static enum status project_write_new(struct txn *t, const struct project *p)
{
	uint8_t nb[4];
	MDB_val v;
	be32(nb, p->number);
	if (store_raw_get(t, DB_PROJECT_BY_NUMBER, nb, 4, &v) == STATUS_OK)
		return store_fail(t, status_fail(STATUS_DATA, _("project number %u is taken"), p->number));
	if (store_raw_get(t, DB_PROJECTS, p->id.b, 16, &v) == STATUS_OK) {
		char u[37];
		uuid_format(&p->id, u);
		return store_fail(t, status_fail(STATUS_DATA, _("project %s exists already"), u));
	}
	enum status st = project_put(t, p);
	return st ? st : project_index(t, p, true);
}

enum status store_project_create(struct txn *t, struct project *p)
{
	if (t->st)
		return t->st;
	if (uuid_is_nil(&p->id))
		uuid_new(&p->id);
	if (p->number == 0) {
		enum status st = next_number(t, &p->number);
		if (st)
			return st;
	}
	p->version = 1;
	p->created = p->updated = t->now;
	free(p->created_by);
	free(p->updated_by);
	p->created_by = xstrdup(user_name());
	p->updated_by = xstrdup(user_name());
	return project_write_new(t, p);
}

enum status store_project_restore(struct txn *t, const struct project *p)
{
	if (store_require(t, ACCESS_ADMIN))   /* reference data, or kept verbatim */
		return t->st;
	struct project old;
	project_init(&old);
	enum status st = store_project_load(t, p->id.b, &old);
	if (st == STATUS_OK) {
		project_index(t, &old, false);
		store_raw_del(t, DB_PROJECTS, p->id.b, 16);
	} else if (st != STATUS_NOT_FOUND) {
		project_fini(&old);
		return st;
	}
	project_fini(&old);
	return project_write_new(t, p);
}

enum status store_project_update(struct txn *t, struct project *p, uint32_t expected_version)
{
	if (t->st)
		return t->st;
	struct project old;
	project_init(&old);
	enum status st = store_project_load(t, p->id.b, &old);
	if (st == STATUS_NOT_FOUND) {
		char u[37];
		uuid_format(&p->id, u);
		st = status_fail(STATUS_NOT_FOUND, _("project %s no longer exists"), u);
		goto out;
	}
	if (st)
		goto out;
	if (old.version != expected_version) {
		char when[21];
		time_format(old.updated, when);
		st = store_fail(t, status_fail(STATUS_CONFLICT,
					 _("project #%u was changed by %s at %s (version %u; your change was based on %u)"),
					 old.number, old.updated_by ? old.updated_by : "?", when, old.version,
					 expected_version));
		goto out;
	}
	p->number = old.number;
	p->created = old.created;
	free(p->created_by);
	p->created_by = old.created_by ? xstrdup(old.created_by) : NULL;
	p->version = old.version + 1;
	p->updated = t->now;
	free(p->updated_by);
	p->updated_by = xstrdup(user_name());
	if ((st = project_put(t, p)) != STATUS_OK)
		goto out;
	st = project_index_update(t, &old, p);
out:
	project_fini(&old);
	return st;
}

struct project_each_ctx {
	struct txn *t;
	int (*fn)(const struct project *, void *);
	void *arg;
	enum status st;
	struct project_scratch scratch;   /* the projects handed out are decoded here */
};

static int project_each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct project_each_ctx *c = arg;
	(void)k;
	if (v->mv_size != 16) {
		c->st = store_fail(c->t, status_fail(STATUS_CORRUPT, _("project_by_number: bad entry")));
		return 1;
	}
	struct project p;
	struct uuid id;
	memcpy(id.b, v->mv_data, 16);
	enum status st = store_project_view(c->t, &id, &c->scratch, &p);
	if (st) {
		c->st = st == STATUS_NOT_FOUND
				? store_fail(c->t, status_fail(STATUS_CORRUPT, _("a numbered project is missing; run `ozgtui verify`")))
				: st;
		return 1;
	}
	return c->fn(&p, c->arg);
}

enum status store_project_each(struct txn *t, int (*fn)(const struct project *, void *), void *arg)
{
	struct project_each_ctx c = {.t = t, .fn = fn, .arg = arg, .st = STATUS_OK};
	project_scratch_init(&c.scratch);
	enum status st = store_raw_each(t, DB_PROJECT_BY_NUMBER, NULL, 0, false, project_each_cb, &c);
	project_scratch_fini(&c.scratch);
	return st ? st : c.st;
}

/* A record of the projects database, decoded for a project_each_ctx. */
static int project_record_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct project_each_ctx *c = arg;
	(void)k;
	struct project p;
	if (project_decode_scratch(&p, &c->scratch, v->mv_data, v->mv_size) != STATUS_OK) {
		c->st = store_fail(c->t, status_fail(STATUS_CORRUPT, _("%s: a record cannot be read"), "projects"));
		return 1;
	}
	return c->fn(&p, c->arg);
}

enum status store_project_each_from(struct txn *t, const struct uuid *from,
				    int (*fn)(const struct project *, void *), void *arg)
{
	struct project_each_ctx c = {.t = t, .fn = fn, .arg = arg, .st = STATUS_OK};
	project_scratch_init(&c.scratch);
	enum status st = store_raw_each_from(t, DB_PROJECTS, from ? from->b : NULL, from ? 16 : 0,
					     project_record_cb, &c);
	project_scratch_fini(&c.scratch);
	return st ? st : c.st;
}

/* A copy found in project_copies: its number and record (in the map, valid
 * while the read lasts). */
struct copy_ref {
	uint32_t number;
	uint32_t len;
	const void *data;
};

struct copy_each_ctx {
	struct project_each_ctx e;
	bool collect;            /* field 0: the copies collected, then put in number order */
	struct copy_ref *refs;
	size_t n, cap;
};

static int copy_each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct copy_each_ctx *c = arg;
	if (k->mv_size != STORE_COPY_KEY)
		return 0;   /* store_verify's business */
	if (!c->collect)
		return project_record_cb(k, v, &c->e);
	xgrow((void **)&c->refs, &c->cap, c->n + 1, sizeof *c->refs);
	c->refs[c->n++] = (struct copy_ref){get32((const uint8_t *)k->mv_data + 3), (uint32_t)v->mv_size, v->mv_data};
	return 0;
}

/* Puts refs (runs in number order: one per field) in number order by merging
 * neighbouring runs until one is left; returns a or tmp, whichever holds it. */
static struct copy_ref *merge_runs(struct copy_ref *a, struct copy_ref *tmp, size_t n)
{
	for (;;) {
		size_t runs = 0, i = 0, o = 0;
		while (i < n) {
			size_t m = i + 1, e;
			while (m < n && a[m - 1].number < a[m].number)
				m++;
			for (e = m + (m < n); e < n && a[e - 1].number < a[e].number;)
				e++;
			size_t x = i, y = m;
			while (x < m && y < e)
				tmp[o++] = a[y].number < a[x].number ? a[y++] : a[x++];
			while (x < m)
				tmp[o++] = a[x++];
			while (y < e)
				tmp[o++] = a[y++];
			i = e;
			runs++;
		}
		struct copy_ref *sw = a;
		a = tmp;
		tmp = sw;
		if (runs <= 1)
			return a;
	}
}

enum status store_project_each_in_phase(struct txn *t, uint8_t phase, uint16_t field, uint32_t skip,
					int (*fn)(const struct project *, void *), void *arg)
{
	struct copy_each_ctx c = {.e = {.t = t, .fn = fn, .arg = arg, .st = STATUS_OK}};
	project_scratch_init(&c.e.scratch);
	c.e.scratch.skip = skip;
	uint8_t prefix[3] = {phase};
	be16(prefix + 1, field);
	enum status st;
	if (field) {
		st = store_raw_each(t, DB_PROJECT_COPIES, prefix, sizeof prefix, false, copy_each_cb, &c);
	} else {
		c.collect = true;
		st = store_raw_each(t, DB_PROJECT_COPIES, prefix, 1, false, copy_each_cb, &c);
		if (st == STATUS_OK && c.n) {
			struct copy_ref *tmp = xmalloc(c.n * sizeof *tmp);
			struct copy_ref *r = merge_runs(c.refs, tmp, c.n);
			for (size_t i = 0; i < c.n; i++) {
				MDB_val v = {r[i].len, (void *)r[i].data};
				if (project_record_cb(NULL, &v, &c.e))
					break;
			}
			free(tmp);
		}
	}
	free(c.refs);
	project_scratch_fini(&c.e.scratch);
	return st ? st : c.e.st;
}

struct number_each_ctx {
	int (*fn)(uint32_t, const struct uuid *, void *);
	void *arg;
};

static int number_each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct number_each_ctx *c = arg;
	if (k->mv_size != 4 || v->mv_size != 16)
		return 0;   /* store_verify's business */
	struct uuid id;
	memcpy(id.b, v->mv_data, 16);
	return c->fn(get32(k->mv_data), &id, c->arg);
}

enum status store_project_numbers(struct txn *t, int (*fn)(uint32_t number, const struct uuid *id, void *),
				  void *arg)
{
	struct number_each_ctx c = {fn, arg};
	return store_raw_each(t, DB_PROJECT_BY_NUMBER, NULL, 0, false, number_each_cb, &c);
}

enum status store_project_numbers_from(struct txn *t, uint32_t from,
				       int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg)
{
	uint8_t k[4];
	be32(k, from);
	struct number_each_ctx c = {fn, arg};
	return store_raw_each_from(t, DB_PROJECT_BY_NUMBER, k, sizeof k, number_each_cb, &c);
}

struct id_each_ctx {
	size_t offset;
	int (*fn)(const struct uuid *, void *);
	int (*fn_role)(const struct uuid *, enum role, void *);
	void *arg;
};

static int id_each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct id_each_ctx *c = arg;
	if (k->mv_size != c->offset + 16)
		return 0;
	struct uuid id;
	memcpy(id.b, (const uint8_t *)k->mv_data + c->offset, 16);
	if (c->fn_role) {
		enum role role = v->mv_size == 1 ? (enum role)((const uint8_t *)v->mv_data)[0] : ROLE_NONE;
		return c->fn_role(&id, role, c->arg);
	}
	return c->fn(&id, c->arg);
}

/* An entry of project_by_phase or project_by_field: prefix, u32 number, UUID. */
struct key_each_ctx {
	size_t prefix;
	int (*fn)(uint32_t number, const struct uuid *, void *);
	int (*fn_id)(const struct uuid *, void *);
	void *arg;
};

static int key_each_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct key_each_ctx *c = arg;
	(void)v;
	if (k->mv_size != c->prefix + 4 + 16)
		return 0;   /* store_verify's business */
	const uint8_t *key = k->mv_data;
	struct uuid id;
	memcpy(id.b, key + c->prefix + 4, 16);
	return c->fn ? c->fn(get32(key + c->prefix), &id, c->arg) : c->fn_id(&id, c->arg);
}

enum status store_project_keys_in_phase(struct txn *t, uint8_t phase,
					int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg)
{
	struct key_each_ctx c = {1, fn, NULL, arg};
	return store_raw_each(t, DB_PROJECT_BY_PHASE, &phase, 1, false, key_each_cb, &c);
}

/* An entry of project_by_phase from a start key on: stops after the phase. */
struct phase_from_ctx {
	uint8_t phase;
	struct key_each_ctx c;
};

static int phase_from_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct phase_from_ctx *c = arg;
	if (k->mv_size < 1 || ((const uint8_t *)k->mv_data)[0] != c->phase)
		return 1;
	return key_each_cb(k, v, &c->c);
}

enum status store_project_keys_in_phase_from(struct txn *t, uint8_t phase, uint32_t from,
					     int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg)
{
	uint8_t k[5];
	k[0] = phase;
	be32(k + 1, from);
	struct phase_from_ctx c = {phase, {1, fn, NULL, arg}};
	return store_raw_each_from(t, DB_PROJECT_BY_PHASE, k, sizeof k, phase_from_cb, &c);
}

enum status store_project_keys_in_field(struct txn *t, uint16_t field,
					int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg)
{
	uint8_t k[2];
	be16(k, field);
	struct key_each_ctx c = {2, fn, NULL, arg};
	return store_raw_each(t, DB_PROJECT_BY_FIELD, k, 2, false, key_each_cb, &c);
}

/* An entry of project_by_field from a start key on: stops after the field. */
struct field_from_ctx {
	uint8_t field[2];
	struct key_each_ctx c;
};

static int field_from_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct field_from_ctx *c = arg;
	if (k->mv_size < 2 || memcmp(k->mv_data, c->field, 2) != 0)
		return 1;
	return key_each_cb(k, v, &c->c);
}

enum status store_project_keys_in_field_from(struct txn *t, uint16_t field, uint32_t from,
					     int (*fn)(uint32_t number, const struct uuid *id, void *), void *arg)
{
	uint8_t k[6];
	be16(k, field);
	be32(k + 2, from);
	struct field_from_ctx c = {{k[0], k[1]}, {2, fn, NULL, arg}};
	return store_raw_each_from(t, DB_PROJECT_BY_FIELD, k, sizeof k, field_from_cb, &c);
}

/* A key of project_copies from a start key on: its number and UUID (the
 * record is not read); stops after the phase and field. */
struct copy_from_ctx {
	uint8_t prefix[3];
	int (*fn)(uint32_t number, const struct uuid *, void *);
	void *arg;
};

static int copy_from_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct copy_from_ctx *c = arg;
	(void)v;
	if (k->mv_size < 3 || memcmp(k->mv_data, c->prefix, 3) != 0)
		return 1;
	if (k->mv_size != STORE_COPY_KEY)
		return 0;   /* store_verify's business */
	const uint8_t *key = k->mv_data;
	struct uuid id;
	memcpy(id.b, key + 7, 16);
	return c->fn(get32(key + 3), &id, c->arg);
}

enum status store_project_keys_in_phase_field_from(struct txn *t, uint8_t phase, uint16_t field, uint32_t from,
						   int (*fn)(uint32_t number, const struct uuid *id, void *),
						   void *arg)
{
	uint8_t k[7];
	k[0] = phase;
	be16(k + 1, field);
	be32(k + 3, from);
	struct copy_from_ctx c = {{k[0], k[1], k[2]}, fn, arg};
	return store_raw_each_from(t, DB_PROJECT_COPIES, k, sizeof k, copy_from_cb, &c);
}

enum status store_project_ids_in_phase(struct txn *t, uint8_t phase,
				       int (*fn)(const struct uuid *, void *), void *arg)
{
	struct key_each_ctx c = {1, NULL, fn, arg};
	return store_raw_each(t, DB_PROJECT_BY_PHASE, &phase, 1, false, key_each_cb, &c);
}

enum status store_project_ids_in_field(struct txn *t, uint16_t field,
				       int (*fn)(const struct uuid *, void *), void *arg)
{
	uint8_t k[2];
	be16(k, field);
	struct key_each_ctx c = {2, NULL, fn, arg};
	return store_raw_each(t, DB_PROJECT_BY_FIELD, k, 2, false, key_each_cb, &c);
}

enum status store_project_ids_with_org(struct txn *t, const struct uuid *org,
				       int (*fn)(const struct uuid *, enum role role, void *), void *arg)
{
	struct id_each_ctx c = {16, NULL, fn, arg};
	return store_raw_each(t, DB_PROJECT_BY_ORG, org->b, 16, false, id_each_cb, &c);
}

enum status store_project_ids_with_service(struct txn *t, uint32_t ozg_id,
					   int (*fn)(const struct uuid *, void *), void *arg)
{
	uint8_t k[4];
	be32(k, ozg_id);
	struct id_each_ctx c = {4, fn, NULL, arg};
	return store_raw_each(t, DB_PROJECT_BY_SERVICE, k, 4, false, id_each_cb, &c);
}

static int counts_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	uint32_t(*counts)[256] = arg;
	if (k->mv_size != 3 || v->mv_size != 4)
		return 0;
	const uint8_t *key = k->mv_data;
	uint16_t field = get16(key + 1);
	if (field < 256)
		counts[key[0]][field] = get32(v->mv_data);
	return 0;
}

enum status store_project_counts(struct txn *t, uint32_t (*counts)[256])
{
	memset(counts, 0, sizeof(uint32_t[256][256]));
	return store_raw_each(t, DB_PROJECT_COUNTS, NULL, 0, false, counts_cb, counts);
}

enum status store_project_count(struct txn *t, size_t *out)
{
	return store_raw_count(t, DB_PROJECTS, out);
}

/* ---- the copies rebuilt (migration, import) ---- */

struct copy_keys {
	struct txn *t;
	uint8_t (*k)[STORE_COPY_KEY];
	size_t n, cap;
	struct project_scratch scratch;
};

static int copy_key_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct copy_keys *c = arg;
	struct project p;
	(void)k;
	if (project_decode_scratch(&p, &c->scratch, v->mv_data, v->mv_size) != STATUS_OK) {
		store_fail(c->t, status_fail(STATUS_CORRUPT, _("%s: a record cannot be read"), "projects"));
		return 1;
	}
	xgrow((void **)&c->k, &c->cap, c->n + 1, sizeof *c->k);
	store_copy_key(&p, c->k[c->n++]);
	return 0;
}

static int copy_key_cmp(const void *a, const void *b)
{
	return memcmp(a, b, STORE_COPY_KEY);
}

enum status store_project_copies_rebuild(struct txn *t)
{
	store_defer_touch(t, DB_PROJECT_COPIES);
	int rc = mdb_drop(t->txn, t->s->dbi[DB_PROJECT_COPIES], 0);
	if (rc)
		return store_fail(t, store_map_error(t, rc, store_dbi_names[DB_PROJECT_COPIES]));
	struct copy_keys c = {.t = t};
	project_scratch_init(&c.scratch);
	enum status st = store_raw_each(t, DB_PROJECTS, NULL, 0, false, copy_key_cb, &c);
	project_scratch_fini(&c.scratch);
	if (c.n)
		qsort(c.k, c.n, sizeof *c.k, copy_key_cmp);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; st == STATUS_OK && i < c.n; i++) {
		MDB_val v;
		if ((st = store_raw_get(t, DB_PROJECTS, c.k[i] + 7, 16, &v)) == STATUS_NOT_FOUND) {
			st = STATUS_OK;   /* stored under another key: store_verify's business */
			continue;
		}
		if (st)
			break;
		/* our own copy of the value: a put may spill the page it lies on */
		buf_reset(&b);
		buf_append(&b, v.mv_data, v.mv_size);
		st = store_raw_append(t, DB_PROJECT_COPIES, c.k[i], STORE_COPY_KEY, b.data, b.len);
	}
	buf_fini(&b);
	free(c.k);
	return st ? st : t->st;
}

void store_project_copies_defer(struct txn *t)
{
	if (t->write)
		t->defer_copies = true;
}

enum status store_project_copies_finish(struct txn *t)
{
	if (!t->defer_copies)
		return t->st;
	t->defer_copies = false;
	return store_project_copies_rebuild(t);
}

/* ---- migrations ---- */

static int rebuild_counts_cb(const struct project *p, void *arg)
{
	struct txn *t = arg;
	return store_count_add(t, p->phase, p->field, 1) != STATUS_OK;
}

/* 1 -> 2: project counts per (phase, field), from the records. */
static enum status migrate_1_to_2(struct txn *t)
{
	store_defer_touch(t, DB_PROJECT_COUNTS);
	int rc = mdb_drop(t->txn, t->s->dbi[DB_PROJECT_COUNTS], 0);
	if (rc)
		return store_fail(t, store_map_error(t, rc, "project_counts"));
	enum status st = store_project_each(t, rebuild_counts_cb, t);
	return st ? st : t->st;
}

/* 2 -> 3: versions of every record, and snapshots. The current records become
 * the versions at the current revision, the first a snapshot can name. */
static enum status migrate_2_to_3(struct txn *t)
{
	uint64_t counter = 0;
	enum status st = store_change_counter(t, &counter);
	if (st)
		return st;
	return store_versions_seed(t, counter);
}

static int rebuild_phase_field_cb(const struct project *p, void *arg)
{
	struct txn *t = arg;
	return store_phase_field_index(t, p, true) != STATUS_OK;
}

/* 3 -> 4: project_by_phase and project_by_field keyed by (phase, number,
 * UUID) and (field, number, UUID) instead of (phase, UUID) and (field,
 * UUID), so that a walk yields number order: both emptied and rebuilt from
 * the records. */
static enum status migrate_3_to_4(struct txn *t)
{
	enum dbi_id dbs[] = {DB_PROJECT_BY_PHASE, DB_PROJECT_BY_FIELD};
	for (size_t i = 0; i < ARRAY_LEN(dbs); i++) {
		store_defer_touch(t, dbs[i]);
		int rc = mdb_drop(t->txn, t->s->dbi[dbs[i]], 0);
		if (rc)
			return store_fail(t, store_map_error(t, rc, store_dbi_names[dbs[i]]));
	}
	enum status st = store_project_each(t, rebuild_phase_field_cb, t);
	return st ? st : t->st;
}

/* 4 -> 5: the versions indexed by revision, from the versions. */
static enum status migrate_4_to_5(struct txn *t)
{
	return store_versions_index_rebuild(t);
}

/* 5 -> 6: a copy of every project record in project_copies. */
static enum status migrate_5_to_6(struct txn *t)
{
	return store_project_copies_rebuild(t);
}

static const struct migration {
	uint32_t from;
	enum status (*step)(struct txn *t);
} migrations[] = {
	{1, migrate_1_to_2},
	{2, migrate_2_to_3},
	{3, migrate_3_to_4},
	{4, migrate_4_to_5},
	{5, migrate_5_to_6},
};

enum status store_migrate(struct txn *t, uint32_t from)
{
	for (uint32_t v = from; v < STORE_SCHEMA_VERSION; v++) {
		const struct migration *m = NULL;
		for (size_t i = 0; i < ARRAY_LEN(migrations); i++)
			if (migrations[i].from == v)
				m = &migrations[i];
		if (!m)
			return status_fail(STATUS_INTERNAL, _("no migration from schema %u"), v);
		enum status st = m->step(t);
		if (st)
			return st;
		if ((st = store_meta_put_u32(t, "schema", v + 1)))
			return st;
	}
	return t->st;
}

