/* store_verify.c - checks every index against its records (`ozgtui verify`). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "ozgtui/i18n.h"

/* ---- verify ---- */

struct verify_ctx {
	struct txn *t;
	struct buf *report;
	size_t problems;
	size_t records;
	enum dbi_id index;   /* index being checked for dangling entries */
	uint32_t (*counts)[256];
};

static void problem(struct verify_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct verify_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char line[512];
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (c->problems < 200)
		buf_printf(c->report, "%s\n", line);
	c->problems++;
}

static bool has_key(struct txn *t, enum dbi_id db, const void *k, size_t klen, MDB_val *v)
{
	MDB_val tmp;
	return store_raw_get(t, db, k, klen, v ? v : &tmp) == STATUS_OK;
}

static int verify_project_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	struct txn *t = c->t;
	struct project p;
	project_init(&p);
	c->records++;
	if (k->mv_size != 16 || project_decode(&p, v->mv_data, v->mv_size)) {
		problem(c, _("projects: a record cannot be read"));
		project_fini(&p);
		return 0;
	}
	char u[37];
	uuid_format(&p.id, u);
	if (memcmp(p.id.b, k->mv_data, 16) != 0)
		problem(c, _("projects: record %s is stored under another key"), u);
	uint8_t key[40];
	MDB_val iv;
	be32(key, p.number);
	if (!has_key(t, DB_PROJECT_BY_NUMBER, key, 4, &iv) || iv.mv_size != 16 ||
	    memcmp(iv.mv_data, p.id.b, 16) != 0)
		problem(c, _("project_by_number: #%u does not point to %s"), p.number, u);
	if (!has_key(t, DB_PROJECT_BY_PHASE, key, store_phase_key(&p, key), NULL))
		problem(c, _("project_by_phase: #%u missing"), p.number);
	if (!has_key(t, DB_PROJECT_BY_FIELD, key, store_field_key(&p, key), NULL))
		problem(c, _("project_by_field: #%u missing"), p.number);
	for (size_t i = 0; i < p.n_team + p.n_interested; i++) {
		const struct uuid *org = i < p.n_team ? &p.team[i].org : &p.interested[i - p.n_team];
		memcpy(key, org->b, 16);
		memcpy(key + 16, p.id.b, 16);
		if (!has_key(t, DB_PROJECT_BY_ORG, key, 32, &iv) || iv.mv_size != 1 ||
		    ((const uint8_t *)iv.mv_data)[0] != store_org_index_role(&p, org))
			problem(c, _("project_by_org: #%u entry for an organisation missing or wrong"), p.number);
	}
	for (size_t i = 0; i < p.n_services; i++) {
		be32(key, p.services[i]);
		memcpy(key + 4, p.id.b, 16);
		if (!has_key(t, DB_PROJECT_BY_SERVICE, key, 20, NULL))
			problem(c, _("project_by_service: #%u service %u missing"), p.number, p.services[i]);
	}
	MDB_val ver;
	if (store_version_at(t, VERSION_PROJECT, p.id.b, UINT64_MAX, &ver) != STATUS_OK ||
	    ver.mv_size != v->mv_size || memcmp(ver.mv_data, v->mv_data, v->mv_size) != 0)
		problem(c, _("versions: the latest version of #%u is not the record"), p.number);
	MDB_val copy;
	if (!has_key(t, DB_PROJECT_COPIES, key, store_copy_key(&p, key), &copy) || copy.mv_size != v->mv_size ||
	    memcmp(copy.mv_data, v->mv_data, v->mv_size) != 0)
		problem(c, _("project_copies: the copy of #%u is missing or not the record"), p.number);
	c->counts[p.phase][p.field < 256 ? p.field : 0]++;
	project_fini(&p);
	return 0;
}

/* For each index entry: the record it names exists and still derives it. */
static int verify_index_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	struct txn *t = c->t;
	const uint8_t *key = k->mv_data;
	const uint8_t *id = NULL;
	struct project p;
	project_init(&p);
	switch (c->index) {
	case DB_PROJECT_BY_NUMBER:
		if (k->mv_size != 4 || v->mv_size != 16) {
			problem(c, _("project_by_number: malformed entry"));
			goto out;
		}
		id = v->mv_data;
		break;
	case DB_PROJECT_BY_PHASE:
		id = k->mv_size == STORE_PHASE_KEY ? key + 5 : NULL;
		break;
	case DB_PROJECT_BY_FIELD:
		id = k->mv_size == STORE_FIELD_KEY ? key + 6 : NULL;
		break;
	case DB_PROJECT_BY_ORG:
		id = k->mv_size == 32 ? key + 16 : NULL;
		break;
	case DB_PROJECT_BY_SERVICE:
		id = k->mv_size == 20 ? key + 4 : NULL;
		break;
	default:
		goto out;
	}
	if (!id) {
		problem(c, _("%s: malformed entry"), store_dbi_names[c->index]);
		goto out;
	}
	uint8_t idcopy[16];
	memcpy(idcopy, id, 16);
	if (store_project_load(t, idcopy, &p) != STATUS_OK) {
		problem(c, _("%s: entry names a project that does not exist"), store_dbi_names[c->index]);
		goto out;
	}
	bool ok = true;
	switch (c->index) {
	case DB_PROJECT_BY_NUMBER:
		ok = get32(key) == p.number;
		break;
	case DB_PROJECT_BY_PHASE:
		ok = key[0] == p.phase && get32(key + 1) == p.number;
		break;
	case DB_PROJECT_BY_FIELD:
		ok = get16(key) == p.field && get32(key + 2) == p.number;
		break;
	case DB_PROJECT_BY_ORG: {
		struct uuid org;
		memcpy(org.b, key, 16);
		ok = project_member(&p, &org) || project_is_interested(&p, &org);
		break;
	}
	case DB_PROJECT_BY_SERVICE:
		ok = project_has_service(&p, get32(key));
		break;
	default:
		break;
	}
	if (!ok)
		problem(c, _("%s: stale entry for project #%u"), store_dbi_names[c->index], p.number);
out:
	project_fini(&p);
	return 0;
}

static int verify_counts_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	if (k->mv_size != 3 || v->mv_size != 4) {
		problem(c, _("project_counts: malformed entry"));
		return 0;
	}
	const uint8_t *key = k->mv_data;
	uint16_t field = get16(key + 1);
	uint32_t stored = get32(v->mv_data);
	uint32_t real = field < 256 ? c->counts[key[0]][field] : 0;
	if (stored != real)
		problem(c, _("project_counts: phase %u field %u says %u, records say %u"), key[0], field, stored, real);
	if (field < 256)
		c->counts[key[0]][field] = 0;   /* seen */
	return 0;
}

static int verify_org_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	struct organisation o;
	organisation_init(&o);
	c->records++;
	if (organisation_decode(&o, v->mv_data, v->mv_size)) {
		problem(c, _("orgs: a record cannot be read"));
	} else if (o.ags && *o.ags) {
		MDB_val iv;
		if (!has_key(c->t, DB_ORG_BY_AGS, o.ags, strlen(o.ags), &iv) || iv.mv_size != 16 ||
		    memcmp(iv.mv_data, o.id.b, 16) != 0)
			problem(c, _("org_by_ags: %s missing or wrong"), o.ags);
	}
	organisation_fini(&o);
	return 0;
}

static int verify_ags_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	MDB_val rec;
	if (v->mv_size != 16 || !has_key(c->t, DB_ORGS, v->mv_data, 16, &rec))
		problem(c, _("org_by_ags: entry %.*s names no organisation"), (int)k->mv_size,
			(const char *)k->mv_data);
	return 0;
}

/* A decode check of every record of a database: verify_decode_TYPE. */
#define VERIFY_DECODE(type, what)                                                           \
	static int verify_decode_##type(const MDB_val *k, const MDB_val *v, void *arg)      \
	{                                                                                   \
		struct verify_ctx *c = arg;                                                 \
		struct type x;                                                              \
		(void)k;                                                                    \
		type##_init(&x);                                                            \
		c->records++;                                                               \
		if (type##_decode(&x, v->mv_data, v->mv_size))                              \
			problem(c, _("%s: a record cannot be read"), what);                    \
		type##_fini(&x);                                                            \
		return 0;                                                                   \
	}
VERIFY_DECODE(topic_field, "fields")
VERIFY_DECODE(service, "services")
VERIFY_DECODE(workshop, "workshops")

static int verify_outcome_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	struct outcome o;
	outcome_init(&o);
	c->records++;
	if (outcome_decode(&o, v->mv_data, v->mv_size)) {
		problem(c, _("outcomes: a record cannot be read"));
	} else {
		uint8_t key[32];
		for (size_t i = 0; i < o.n_projects; i++) {
			memcpy(key, o.projects[i].b, 16);
			memcpy(key + 16, o.id.b, 16);
			if (!has_key(c->t, DB_OUTCOME_BY_PROJECT, key, 32, NULL))
				problem(c, _("outcome_by_project: entry missing"));
		}
	}
	outcome_fini(&o);
	return 0;
}

static int verify_history_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	struct history_entry e;
	history_entry_init(&e);
	c->records++;
	if (k->mv_size != 8 || history_entry_decode(&e, v->mv_data, v->mv_size)) {
		problem(c, _("history: an entry cannot be read"));
	} else {
		if (e.seq != get64(k->mv_data))
			problem(c, _("history: entry %llu stored under another key"), (unsigned long long)e.seq);
		if (!uuid_is_nil(&e.entity_id)) {
			uint8_t key[24];
			memcpy(key, e.entity_id.b, 16);
			be64(key + 16, e.seq);
			if (!has_key(c->t, DB_HISTORY_BY_ENTITY, key, 24, NULL))
				problem(c, _("history_by_entity: entry %llu missing"), (unsigned long long)e.seq);
		}
	}
	history_entry_fini(&e);
	return 0;
}

/* Every copy names a record that is stored under its key and derives it
 * (schema 6; verify_project_cb checks that it is the record). */
static int verify_copy_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	const char *what = store_dbi_names[DB_PROJECT_COPIES];
	struct project p;
	(void)v;
	if (k->mv_size != STORE_COPY_KEY) {
		problem(c, _("%s: malformed entry"), what);
		return 0;
	}
	project_init(&p);
	uint8_t id[16], derived[STORE_COPY_KEY];
	memcpy(id, (const uint8_t *)k->mv_data + 7, 16);
	if (store_project_load(c->t, id, &p) != STATUS_OK)
		problem(c, _("%s: entry names a project that does not exist"), what);
	else if (store_copy_key(&p, derived) != k->mv_size || memcmp(derived, k->mv_data, sizeof derived) != 0)
		problem(c, _("%s: stale entry for project #%u"), what, p.number);
	project_fini(&p);
	return 0;
}

/* Every version has its entry in the revision index and every entry names a
 * version (schema 5). */
static int verify_version_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	const uint8_t *key = k->mv_data;
	uint8_t ik[STORE_VERSION_KEY];
	(void)v;
	if (k->mv_size != STORE_VERSION_KEY) {
		problem(c, _("%s: malformed entry"), store_dbi_names[DB_VERSIONS]);
		return 0;
	}
	memcpy(ik, key + 17, 8);
	memcpy(ik + 8, key, 17);
	if (!has_key(c->t, DB_VERSION_BY_REVISION, ik, sizeof ik, NULL))
		problem(c, _("version_by_revision: a version of revision %llu is missing"),
			(unsigned long long)get64(key + 17));
	return 0;
}

static int verify_revision_cb(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct verify_ctx *c = arg;
	const uint8_t *key = k->mv_data;
	uint8_t vk[STORE_VERSION_KEY];
	(void)v;
	if (k->mv_size != STORE_VERSION_KEY) {
		problem(c, _("%s: malformed entry"), store_dbi_names[DB_VERSION_BY_REVISION]);
		return 0;
	}
	memcpy(vk, key + 8, 17);
	memcpy(vk + 17, key, 8);
	if (!has_key(c->t, DB_VERSIONS, vk, sizeof vk, NULL))
		problem(c, _("version_by_revision: an entry of revision %llu names no version"),
			(unsigned long long)get64(key));
	return 0;
}

enum status store_verify(struct store *s, struct buf *report)
{
	struct txn *t;
	enum status st = store_read_begin(s, &t);
	if (st)
		return st;
	struct verify_ctx c = {t, report, 0, 0, DB__COUNT, NULL};
	c.counts = xcalloc(256, sizeof *c.counts);

	uint32_t schema = 0;
	store_schema_version(t, &schema);
	if (schema && schema != STORE_SCHEMA_VERSION)
		problem(&c, _("meta: schema version %u, expected %u"), schema, STORE_SCHEMA_VERSION);
	store_raw_each(t, DB_PROJECTS, NULL, 0, false, verify_project_cb, &c);
	enum dbi_id indexes[] = {DB_PROJECT_BY_NUMBER, DB_PROJECT_BY_PHASE, DB_PROJECT_BY_FIELD,
				 DB_PROJECT_BY_ORG, DB_PROJECT_BY_SERVICE};
	for (size_t i = 0; i < ARRAY_LEN(indexes); i++) {
		c.index = indexes[i];
		store_raw_each(t, indexes[i], NULL, 0, false, verify_index_cb, &c);
	}
	store_raw_each(t, DB_PROJECT_COPIES, NULL, 0, false, verify_copy_cb, &c);
	store_raw_each(t, DB_PROJECT_COUNTS, NULL, 0, false, verify_counts_cb, &c);
	for (int ph = 0; ph < 256; ph++)
		for (int f = 0; f < 256; f++)
			if (c.counts[ph][f])
				problem(&c, _("project_counts: phase %d field %d missing (records say %u)"), ph, f,
					c.counts[ph][f]);
	store_raw_each(t, DB_ORGS, NULL, 0, false, verify_org_cb, &c);
	store_raw_each(t, DB_ORG_BY_AGS, NULL, 0, false, verify_ags_cb, &c);
	store_raw_each(t, DB_FIELDS, NULL, 0, false, verify_decode_topic_field, &c);
	store_raw_each(t, DB_SERVICES, NULL, 0, false, verify_decode_service, &c);
	store_raw_each(t, DB_WORKSHOPS, NULL, 0, false, verify_decode_workshop, &c);
	store_raw_each(t, DB_OUTCOMES, NULL, 0, false, verify_outcome_cb, &c);
	store_raw_each(t, DB_HISTORY, NULL, 0, false, verify_history_cb, &c);
	store_raw_each(t, DB_VERSIONS, NULL, 0, false, verify_version_cb, &c);
	store_raw_each(t, DB_VERSION_BY_REVISION, NULL, 0, false, verify_revision_cb, &c);

	MDB_val v;
	if (store_raw_get(t, DB_META, "phases", 6, &v) == STATUS_OK) {
		struct phase_list l;
		phase_list_init(&l);
		if (phase_list_decode(&l, v.mv_data, v.mv_size))
			problem(&c, _("meta: the phase list cannot be read"));
		phase_list_fini(&l);
	}
	st = t->st;
	store_txn_end(t);
	free(c.counts);
	if (st)
		return st;
	if (c.problems)
		return status_fail(STATUS_CORRUPT, P_("%zu problem found", "%zu problems found", c.problems),
				   c.problems);
	return STATUS_OK;
}
