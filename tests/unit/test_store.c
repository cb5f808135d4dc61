/* test_store.c - the LMDB store on real environments in temporary directories:
 * records and every index kept in step, map growth from a tiny map, optimistic
 * concurrency, history, schema migration, newer schemas refused, verify
 * finding damage. */
#include <errno.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ozgtui/store.h"
#include "src/store_internal.h"   /* store_map_error: where LMDB's codes become statuses */
#include "testutil.h"

struct fixture {
	char *dir;
	struct store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = test_tmpdir();
	char *db = xasprintf("%s/db", f->dir);
	assert_int_equal(store_open(db, STORE_CREATE, &f->s), STATUS_OK);
	free(db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Writes the minimum a database needs: phases, settings, two fields, orgs. */
static enum status seed_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct phase_list l;
	phase_list_init(&l);
	phase_list_default(&l);
	store_phases_put(t, &l);
	phase_list_fini(&l);
	struct settings st;
	settings_init(&st);
	st.gate_scope_phase = 2;
	st.gate_team_phase = 5;
	store_settings_put(t, &st);
	settings_fini(&st);
	test_put_field(t, 1, "Field 1", "field1");
	test_put_field(t, 2, "Field 2", "field2");
	return store_txn_status(t);
}

static void seed(struct store *s)
{
	assert_int_equal(store_write(s, seed_cb, NULL), STATUS_OK);
}

struct create_arg {
	const char *title;
	uint16_t field;
	uint8_t phase;
	uint32_t services[3];
	size_t n_services;
	struct uuid orgs[2];
	size_t n_orgs;
	struct project out;
};

static enum status create_cb(struct txn *t, void *arg)
{
	struct create_arg *a = arg;
	project_fini(&a->out);
	project_init(&a->out);
	a->out.title = xstrdup(a->title);
	a->out.field = a->field;
	a->out.phase = a->phase;
	for (size_t i = 0; i < a->n_services; i++)
		project_add_service(&a->out, a->services[i]);
	for (size_t i = 0; i < a->n_orgs; i++)
		project_set_member(&a->out, &a->orgs[i], i == 0 ? ROLE_LEAD : ROLE_MEMBER);
	return store_project_create(t, &a->out);
}

static uint32_t create(struct store *s, const char *title, uint16_t field, uint8_t phase,
		       uint32_t service, const struct uuid *org)
{
	struct create_arg a;
	memset(&a, 0, sizeof a);
	project_init(&a.out);
	a.title = title;
	a.field = field;
	a.phase = phase;
	if (service)
		a.services[a.n_services++] = service;
	if (org)
		a.orgs[a.n_orgs++] = *org;
	assert_int_equal(store_write(s, create_cb, &a), STATUS_OK);
	uint32_t number = a.out.number;
	project_fini(&a.out);
	return number;
}

static int collect_cb(const struct uuid *id, void *arg)
{
	(*(size_t *)arg)++;
	(void)id;
	return 0;
}

/* How many projects an index lists under one phase, field or service. */
enum index { IN_PHASE, IN_FIELD, WITH_SERVICE };
static size_t count_ids(struct store *s, enum index index, uint32_t key)
{
	struct txn *t;
	size_t n = 0;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	enum status st = index == IN_PHASE   ? store_project_ids_in_phase(t, (uint8_t)key, collect_cb, &n)
			 : index == IN_FIELD ? store_project_ids_in_field(t, (uint16_t)key, collect_cb, &n)
					     : store_project_ids_with_service(t, key, collect_cb, &n);
	assert_int_equal(st, STATUS_OK);
	store_txn_end(t);
	return n;
}

static int collect_role_cb(const struct uuid *id, enum role role, void *arg)
{
	(void)id;
	int *roles = arg;
	roles[role]++;
	return 0;
}

static void assert_verify_ok(struct store *s)
{
	struct buf report;
	buf_init(&report);
	enum status st = store_verify(s, &report);
	if (st)
		fprintf(stderr, "verify: %s\n%s", status_detail(), report.data ? report.data : "");
	assert_int_equal(st, STATUS_OK);
	buf_fini(&report);
}

/* A transaction on dir through LMDB itself, behind the store's back: for
 * the old schemas and the damage the store never writes. flags: 0 to write
 * (with a 64 MiB map) or MDB_RDONLY. raw_end commits it (aborts a read-only
 * one) and closes its environment. */
static MDB_txn *raw_begin(const char *dir, unsigned flags)
{
	MDB_env *env;
	MDB_txn *txn;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	if (!(flags & MDB_RDONLY))
		mdb_env_set_mapsize(env, 64u << 20);
	assert_int_equal(mdb_env_open(env, dir, flags, 0600), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, flags, &txn), 0);
	return txn;
}

static void raw_end(MDB_txn *txn)
{
	MDB_env *env = mdb_txn_env(txn);
	unsigned flags = 0;
	assert_int_equal(mdb_env_get_flags(env, &flags), 0);
	if (flags & MDB_RDONLY)
		mdb_txn_abort(txn);
	else
		assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* Closes the fixture's store (to change its files behind its back); returns
 * its directory, which the caller frees. */
static char *close_store(struct fixture *f)
{
	char *db = xstrdup(store_dir(f->s));
	store_close(f->s);
	f->s = NULL;
	return db;
}

static void test_open_creates_private_dir(void **state)
{
	struct fixture *f = *state;
	struct stat sb;
	char *db = xasprintf("%s/db", f->dir);
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	char *data = xasprintf("%s/data.mdb", db);
	assert_int_equal(stat(data, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(data);
	free(db);
	assert_false(store_initialised(f->s));
	seed(f->s);
	assert_true(store_initialised(f->s));
}

static void test_open_missing_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *db = xasprintf("%s/nothing-here", f->dir);
	assert_int_equal(store_open(db, 0, &s), STATUS_NOT_FOUND);
	assert_null(s);
	free(db);
}

struct update_arg {
	struct project *p;
	uint32_t expected;
};

static enum status update_cb(struct txn *t, void *arg)
{
	struct update_arg *u = arg;
	return store_project_update(t, u->p, u->expected);
}

static void load(struct store *s, uint32_t number, struct project *p)
{
	struct txn *t;
	project_fini(p);
	project_init(p);
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_project_by_number(t, number, p), STATUS_OK);
	store_txn_end(t);
}

static void test_project_indexes_follow_updates(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	struct uuid org;
	uuid_from_name(&org, "ags:05315000");
	uint32_t n1 = create(f->s, "Digitaler Bauantrag", 2, 1, 11000, &org);
	uint32_t n2 = create(f->s, "Wohngeld", 2, 1, 11000, NULL);
	uint32_t n3 = create(f->s, "Hundesteuer", 1, 3, 12000, NULL);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 2);
	assert_int_equal(n3, 3);
	assert_int_equal(count_ids(f->s, IN_PHASE, 1), 2);
	assert_int_equal(count_ids(f->s, IN_PHASE, 3), 1);
	assert_int_equal(count_ids(f->s, IN_FIELD, 2), 2);
	assert_int_equal(count_ids(f->s, WITH_SERVICE, 11000), 2);

	struct project p;
	project_init(&p);
	load(f->s, n1, &p);
	assert_string_equal(p.title, "Digitaler Bauantrag");
	assert_int_equal(p.version, 1);

	/* Move #1 to phase 3 and field 1, swap its service, make the org only interested. */
	p.phase = 3;
	p.field = 1;
	p.services[0] = 12000;
	project_remove_member(&p, &org);
	project_add_interest(&p, &org);
	struct update_arg u = {&p, 1};
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_int_equal(p.version, 2);

	assert_int_equal(count_ids(f->s, IN_PHASE, 1), 1);
	assert_int_equal(count_ids(f->s, IN_PHASE, 3), 2);
	assert_int_equal(count_ids(f->s, IN_FIELD, 2), 1);
	assert_int_equal(count_ids(f->s, IN_FIELD, 1), 2);
	assert_int_equal(count_ids(f->s, WITH_SERVICE, 11000), 1);
	assert_int_equal(count_ids(f->s, WITH_SERVICE, 12000), 2);

	struct txn *t;
	int roles[8] = {0};
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_ids_with_org(t, &org, collect_role_cb, roles), STATUS_OK);
	uint32_t counts[256][256];
	assert_int_equal(store_project_counts(t, counts), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(roles[ROLE_NONE], 1);   /* interest only */
	assert_int_equal(roles[ROLE_LEAD], 0);
	assert_int_equal(counts[1][2], 1);
	assert_int_equal(counts[3][1], 2);
	assert_int_equal(counts[1][1], 0);
	assert_verify_ok(f->s);

	/* An update writes only the index entries that change (the others stay
	 * as they are): a title alone, then the org on the team again as lead
	 * while still interested, a second service; each time verify recomputes
	 * every entry and compares both ways. */
	free(p.title);
	p.title = xstrdup("Digitaler Bauantrag 2");
	u.expected = 2;
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_verify_ok(f->s);
	assert_int_equal(count_ids(f->s, IN_PHASE, 3), 2);
	assert_true(project_set_member(&p, &org, ROLE_LEAD));
	project_add_service(&p, 11000);
	u.expected = 3;
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_verify_ok(f->s);
	memset(roles, 0, sizeof roles);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_ids_with_org(t, &org, collect_role_cb, roles), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(roles[ROLE_LEAD], 1);
	assert_int_equal(roles[ROLE_NONE], 0);
	assert_int_equal(count_ids(f->s, WITH_SERVICE, 11000), 2);
	/* and back: off the team (still interested), the first service gone, field 2 */
	assert_true(project_remove_member(&p, &org));
	assert_int_equal(p.services[0], 12000);   /* drop the first service */
	memmove(p.services, p.services + 1, (p.n_services - 1) * sizeof *p.services);
	p.n_services--;
	p.field = 2;
	u.expected = 4;
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_verify_ok(f->s);
	memset(roles, 0, sizeof roles);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_ids_with_org(t, &org, collect_role_cb, roles), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(roles[ROLE_NONE], 1);
	assert_int_equal(count_ids(f->s, WITH_SERVICE, 12000), 1);
	assert_int_equal(count_ids(f->s, IN_FIELD, 2), 2);
	project_fini(&p);
}

struct resume {
	uint32_t seen[8];
	size_t n, stop_after;
	struct uuid last;
};

static int resume_project_cb(const struct project *p, void *arg)
{
	struct resume *r = arg;
	if (r->n > 0)
		assert_true(uuid_cmp(&r->last, &p->id) < 0);   /* UUID order */
	r->last = p->id;
	r->seen[r->n++] = p->number;
	return r->n == r->stop_after;
}

static int resume_outcome_cb(const struct outcome *o, void *arg)
{
	struct resume *r = arg;
	if (r->n > 0)
		assert_true(uuid_cmp(&r->last, &o->id) < 0);
	r->last = o->id;
	r->seen[r->n++] = (uint32_t)o->kind;
	return r->n == r->stop_after;
}

static int number_cb(uint32_t number, const struct uuid *id, void *arg)
{
	struct resume *r = arg;
	r->seen[r->n++] = number;
	r->last = *id;
	return 0;
}

/* The next UUID in byte order (none of these is the last one). */
static struct uuid successor(const struct uuid *id)
{
	struct uuid u = *id;
	for (int i = 15; i >= 0 && ++u.b[i] == 0; i--)
		;
	return u;
}

static enum status outcomes_cb(struct txn *t, void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++) {
		struct outcome o;
		outcome_init(&o);
		o.kind = OUTCOME_QUESTION;
		o.text = xasprintf("Frage %d", i);
		store_outcome_put(t, &o);
		outcome_fini(&o);
	}
	return store_txn_status(t);
}

/* A scan stopped after two records resumes at the successor of the last UUID
 * it saw and meets every record exactly once; the number index yields numbers
 * in order without reading records. */
static void test_resumable_scans(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	for (int i = 0; i < 5; i++)
		create(f->s, "Projekt", 1, 1, 11000, NULL);
	assert_int_equal(store_write(f->s, outcomes_cb, NULL), STATUS_OK);
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);

	struct resume r = {.stop_after = 2};
	assert_int_equal(store_project_each_from(t, NULL, resume_project_cb, &r), STATUS_OK);
	assert_int_equal(r.n, 2);
	struct uuid from = successor(&r.last);
	r.stop_after = 0;
	assert_int_equal(store_project_each_from(t, &from, resume_project_cb, &r), STATUS_OK);
	assert_int_equal(r.n, 5);
	uint32_t sum = 0;
	for (size_t i = 0; i < r.n; i++)
		sum += r.seen[i];
	assert_int_equal(sum, 1 + 2 + 3 + 4 + 5);

	/* from the last one: only it */
	struct resume one = {0};
	assert_int_equal(store_project_each_from(t, &r.last, resume_project_cb, &one), STATUS_OK);
	assert_int_equal(one.n, 1);

	struct resume o = {.stop_after = 1};
	assert_int_equal(store_outcome_each_from(t, NULL, resume_outcome_cb, &o), STATUS_OK);
	assert_int_equal(o.n, 1);
	from = successor(&o.last);
	o.stop_after = 0;
	assert_int_equal(store_outcome_each_from(t, &from, resume_outcome_cb, &o), STATUS_OK);
	assert_int_equal(o.n, 3);

	struct resume nums = {0};
	assert_int_equal(store_project_numbers(t, number_cb, &nums), STATUS_OK);
	assert_int_equal(nums.n, 5);
	for (size_t i = 0; i < nums.n; i++)
		assert_int_equal(nums.seen[i], i + 1);
	struct project p;
	project_init(&p);
	assert_int_equal(store_project_get(t, &nums.last, &p), STATUS_OK);
	assert_int_equal(p.number, 5);
	project_fini(&p);
	store_txn_end(t);
}

static void test_stale_version_is_conflict(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	uint32_t n = create(f->s, "Elterngeld digital", 1, 1, 10000, NULL);
	struct project mine, theirs;
	project_init(&mine);
	project_init(&theirs);
	load(f->s, n, &mine);
	load(f->s, n, &theirs);

	/* Another coordinator changes the project first. */
	free(theirs.title);
	theirs.title = xstrdup("Elterngeld online");
	struct update_arg u = {&theirs, theirs.version};
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);

	/* My change, based on version 1, is refused and overwrites nothing. */
	mine.priority = 5;
	struct update_arg u2 = {&mine, 1};
	assert_int_equal(store_write(f->s, update_cb, &u2), STATUS_CONFLICT);
	assert_non_null(strstr(status_detail(), "version 2"));
	load(f->s, n, &mine);
	assert_string_equal(mine.title, "Elterngeld online");
	assert_int_equal(mine.priority, 0);
	assert_int_equal(mine.version, 2);
	project_fini(&mine);
	project_fini(&theirs);
}

static void test_lookup_by_uuid_prefix(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	uint32_t n = create(f->s, "Anwohnerparken", 1, 1, 0, NULL);
	struct project p, q;
	project_init(&p);
	project_init(&q);
	load(f->s, n, &p);
	char u[37];
	uuid_format(&p.id, u);
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	char prefix[10];
	memcpy(prefix, u, 9);   /* "xxxxxxxx-" */
	prefix[9] = '\0';
	assert_int_equal(store_project_by_uuid_prefix(t, prefix, &q), STATUS_OK);
	assert_int_equal(q.number, n);
	assert_int_equal(store_project_by_uuid_prefix(t, "zz", &q), STATUS_USAGE);
	assert_int_equal(store_project_by_number(t, 999, &q), STATUS_NOT_FOUND);
	store_txn_end(t);
	project_fini(&p);
	project_fini(&q);
}

static int history_collect(const struct history_entry *e, void *arg)
{
	struct strv *v = arg;
	strv_push(v, e->action);
	return 0;
}

struct history_arg {
	const struct uuid *entity;
	const char *action;
};

static enum status history_cb(struct txn *t, void *arg)
{
	struct history_arg *h = arg;
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("project");
	if (h->entity)
		e.entity_id = *h->entity;
	e.action = xstrdup(h->action);
	e.summary = xstrdup("test");
	enum status st = store_history_add(t, &e);
	history_entry_fini(&e);
	return st;
}

static void test_history_newest_first_and_attributed(void **state)
{
	struct fixture *f = *state;
	struct uuid a, b;
	uuid_new(&a);
	uuid_new(&b);
	const char *actions[] = {"create", "move", "edit", "team-add"};
	for (size_t i = 0; i < 4; i++) {
		struct history_arg h = {i % 2 ? &b : &a, actions[i]};
		assert_int_equal(store_write(f->s, history_cb, &h), STATUS_OK);
	}
	struct strv all, for_a;
	strv_init(&all);
	strv_init(&for_a);
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 0, history_collect, &all), STATUS_OK);
	assert_int_equal(store_history_each_for(t, &a, history_collect, &for_a), STATUS_OK);
	struct strv limited;
	strv_init(&limited);
	assert_int_equal(store_history_each(t, 2, history_collect, &limited), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(all.n, 4);
	assert_string_equal(all.v[0], "team-add");
	assert_string_equal(all.v[3], "create");
	assert_int_equal(for_a.n, 2);
	assert_string_equal(for_a.v[0], "edit");
	assert_string_equal(for_a.v[1], "create");
	assert_int_equal(limited.n, 2);
	strv_fini(&all);
	strv_fini(&for_a);
	strv_fini(&limited);
}

static int user_check(const struct history_entry *e, void *arg)
{
	(void)arg;
	assert_string_equal(e->user, user_name());
	assert_true(e->seq > 0);
	return 0;
}

static void test_history_user_is_real_user(void **state)
{
	struct fixture *f = *state;
	setenv("USER", "somebody-else", 1);
	setenv("LOGNAME", "somebody-else", 1);
	struct history_arg h = {NULL, "init"};
	assert_int_equal(store_write(f->s, history_cb, &h), STATUS_OK);
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 0, user_check, NULL), STATUS_OK);
	store_txn_end(t);
	assert_string_not_equal(user_name(), "somebody-else");
}

/* Map growth: a 64 KiB map cannot hold 2,000 projects; the store grows it. */
static void test_map_grows_from_tiny_map(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	char *db = xasprintf("%s/tiny", f->dir);
	store_set_initial_map_size(64 * 1024);
	assert_int_equal(store_open(db, STORE_CREATE, &f->s), STATUS_OK);
	size_t before = store_map_size(f->s);
	seed(f->s);
	char title[64];
	for (int i = 0; i < 2000; i++) {
		snprintf(title, sizeof title, "Projekt %d mit einem längeren Titel für Seiten", i);
		create(f->s, title, (uint16_t)(1 + i % 2), (uint8_t)(1 + i % 8), (uint32_t)(10000 + i % 50), NULL);
	}
	assert_true(store_map_size(f->s) > before);
	struct txn *t;
	size_t n = 0;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_count(t, &n), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(n, 2000);
	assert_verify_ok(f->s);

	/* A second process's view (a new handle) adopts the grown map. */
	struct store *other = NULL;
	store_set_initial_map_size(64 * 1024);
	assert_int_equal(store_open(db, 0, &other), STATUS_OK);
	create(other, "aus einer zweiten Sitzung", 1, 1, 0, NULL);
	store_close(other);
	store_set_initial_map_size(16u << 20);
	free(db);
}

static enum status fail_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct topic_field fld;
	topic_field_init(&fld);
	fld.number = 9;
	fld.name = xstrdup("wird nicht bleiben");
	store_field_put(t, &fld);
	topic_field_fini(&fld);
	return store_txn_fail(t, STATUS_RULE);
}

static void test_failed_write_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	assert_int_equal(store_write(f->s, fail_cb, NULL), STATUS_RULE);
	struct txn *t;
	struct topic_field fld;
	topic_field_init(&fld);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_field_get(t, 9, &fld), STATUS_NOT_FOUND);
	store_txn_end(t);
	topic_field_fini(&fld);
}

/* While a write transaction is open (a long import, say), another process
 * opens the database and reads it: opening takes no write lock. The child
 * gets 10 s; before, it waited for the writer. */
static enum status open_while_writing_cb(struct txn *t, void *arg)
{
	const char *db = arg;
	(void)t;
	pid_t pid = fork();
	if (pid == 0) {
		struct store *s;
		struct txn *rt;
		size_t n = 0;
		int ok = store_open(db, 0, &s) == STATUS_OK && store_read_begin(s, &rt) == STATUS_OK &&
			 store_project_count(rt, &n) == STATUS_OK && n == 1;
		_exit(ok ? 0 : 1);
	}
	assert_true(pid > 0);
	int status = -1;
	for (int i = 0; i < 1000; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	if (waitpid(pid, &status, WNOHANG) == 0) {   /* still blocked */
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fail_msg("opening the database waited for the writer");
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	return STATUS_OK;
}

static void test_open_does_not_wait_for_writer(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	create(f->s, "Wohngeld", 1, 1, 11000, NULL);
	char *db = xasprintf("%s/db", f->dir);
	assert_int_equal(store_write(f->s, open_while_writing_cb, db), STATUS_OK);
	free(db);
}

static void test_readonly_refuses_writes(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	char *db = xstrdup(store_dir(f->s));
	store_close(f->s);
	assert_int_equal(store_open(db, STORE_READONLY, &f->s), STATUS_OK);
	assert_true(store_readonly(f->s));
	assert_int_equal(store_write(f->s, seed_cb, NULL), STATUS_PERM);
	free(db);
}

static void test_change_counter_moves(void **state)
{
	struct fixture *f = *state;
	uint64_t a = 0, b = 0;
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_change_counter(t, &a), STATUS_OK);
	store_txn_end(t);
	seed(f->s);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_change_counter(t, &b), STATUS_OK);
	store_txn_end(t);
	assert_true(b > a);
}

static void counters(struct store *s, uint64_t *changes, uint64_t *catalog)
{
	struct txn *t;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_change_counter(t, changes), STATUS_OK);
	assert_int_equal(store_catalog_stamp(t, catalog), STATUS_OK);
	store_txn_end(t);
}

static enum status settings_cb(struct txn *t, void *arg)
{
	struct settings st;
	settings_init(&st);
	store_settings_get(t, &st);
	st.rep_policy = *(const enum rep_policy *)arg;
	store_settings_put(t, &st);
	settings_fini(&st);
	return store_txn_status(t);
}

/* The catalog stamp follows writes of reference data, not of projects: a
 * session reloads its catalog only when it moved (src/tui/tui.c). */
static void test_catalog_stamp_follows_reference_data(void **state)
{
	struct fixture *f = *state;
	uint64_t changes = 0, stamp = 0, changes2 = 0, stamp2 = 0;
	seed(f->s);
	counters(f->s, &changes, &stamp);
	assert_true(stamp > 0);
	assert_int_equal(stamp, changes);   /* the seed wrote phases, settings, fields */

	create(f->s, "Bauantrag online", 1, 1, 0, NULL);
	counters(f->s, &changes2, &stamp2);
	assert_true(changes2 > changes);
	assert_int_equal(stamp2, stamp);   /* a project is no reference data */

	enum rep_policy policy = REP_ALL;
	assert_int_equal(store_write(f->s, settings_cb, &policy), STATUS_OK);
	counters(f->s, &changes, &stamp);
	assert_true(changes > changes2);
	assert_int_equal(stamp, changes);
}

/* Raw LMDB access to age a database, as an older ozgtui would have left it. */
static void set_raw_schema(const char *dir, uint32_t version, bool drop_counts)
{
	MDB_dbi meta, counts;
	MDB_txn *txn = raw_begin(dir, 0);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &meta), 0);
	uint8_t b[4] = {(uint8_t)(version >> 24), (uint8_t)(version >> 16), (uint8_t)(version >> 8),
			(uint8_t)version};
	MDB_val k = {6, "schema"}, v = {4, b};
	assert_int_equal(mdb_put(txn, meta, &k, &v, 0), 0);
	if (drop_counts) {
		assert_int_equal(mdb_dbi_open(txn, "project_counts", 0, &counts), 0);
		assert_int_equal(mdb_drop(txn, counts, 0), 0);
	}
	raw_end(txn);
}

static void test_migration_1_to_2_rebuilds_counts(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	create(f->s, "A", 1, 2, 0, NULL);
	create(f->s, "B", 1, 2, 0, NULL);
	create(f->s, "C", 2, 4, 0, NULL);
	char *db = close_store(f);
	set_raw_schema(db, 1, true);

	/* Read-only cannot migrate and says so. */
	struct store *s = NULL;
	assert_int_equal(store_open(db, STORE_READONLY, &s), STATUS_PERM);
	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);
	struct txn *t;
	uint32_t version = 0;
	uint32_t counts[256][256];
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_schema_version(t, &version), STATUS_OK);
	assert_int_equal(store_project_counts(t, counts), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(counts[2][1], 2);
	assert_int_equal(counts[4][2], 1);
	assert_verify_ok(f->s);
	free(db);
}

struct old_keys {
	uint8_t phase[20][17];
	uint8_t field[20][18];
	uint32_t number[20];
	size_t n;
};

static int old_keys_cb(const struct project *p, void *arg)
{
	struct old_keys *o = arg;
	assert_true(o->n < 20);
	o->phase[o->n][0] = p->phase;
	memcpy(o->phase[o->n] + 1, p->id.b, 16);
	o->field[o->n][0] = (uint8_t)(p->field >> 8);
	o->field[o->n][1] = (uint8_t)p->field;
	memcpy(o->field[o->n] + 2, p->id.b, 16);
	o->number[o->n++] = p->number;
	return 0;
}

/* Writes project_by_phase and project_by_field as schema 3 kept them:
 * (phase, UUID) and (field, UUID), nothing else. */
static void write_old_phase_field_index(const char *dir, const struct old_keys *o)
{
	MDB_dbi phase, field;
	MDB_txn *txn = raw_begin(dir, 0);
	assert_int_equal(mdb_dbi_open(txn, "project_by_phase", 0, &phase), 0);
	assert_int_equal(mdb_dbi_open(txn, "project_by_field", 0, &field), 0);
	assert_int_equal(mdb_drop(txn, phase, 0), 0);
	assert_int_equal(mdb_drop(txn, field, 0), 0);
	for (size_t i = 0; i < o->n; i++) {
		MDB_val k = {17, (void *)o->phase[i]}, v = {0, ""};
		assert_int_equal(mdb_put(txn, phase, &k, &v, 0), 0);
		k.mv_size = 18;
		k.mv_data = (void *)o->field[i];
		assert_int_equal(mdb_put(txn, field, &k, &v, 0), 0);
	}
	raw_end(txn);
}

struct keys_seen {
	uint32_t number[20];
	struct uuid id[20];
	size_t n;
};

static int keys_seen_cb(uint32_t number, const struct uuid *id, void *arg)
{
	struct keys_seen *k = arg;
	assert_true(k->n < 20);
	k->number[k->n] = number;
	k->id[k->n++] = *id;
	return 0;
}

/* The entries of a phase or field index walk: ascending numbers, each the
 * number of its UUID's project. Returns how many. */
static size_t assert_keys_in_number_order(struct store *s, bool phase, unsigned which)
{
	struct txn *t;
	struct keys_seen k = {0};
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	if (phase)
		assert_int_equal(store_project_keys_in_phase(t, (uint8_t)which, keys_seen_cb, &k), STATUS_OK);
	else
		assert_int_equal(store_project_keys_in_field(t, (uint16_t)which, keys_seen_cb, &k), STATUS_OK);
	for (size_t i = 0; i < k.n; i++) {
		struct project p;
		project_init(&p);
		assert_int_equal(store_project_get(t, &k.id[i], &p), STATUS_OK);
		assert_int_equal(p.number, k.number[i]);
		assert_int_equal(phase ? p.phase : p.field, which);
		if (i)
			assert_true(k.number[i - 1] < k.number[i]);
		project_fini(&p);
	}
	store_txn_end(t);
	return k.n;
}

/* 3 -> 4: the phase and field indexes keyed by number. A database whose
 * indexes are in the old layout fails verify; once marked schema 3, the
 * first writable open rebuilds both, and walks come in number order. */
static void test_migration_3_to_4_keys_by_number(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	/* twelve projects in two phases and two fields; UUIDs are random, so
	 * UUID order is not number order */
	for (int i = 0; i < 12; i++)
		create(f->s, "P", (uint16_t)(1 + i % 2), (uint8_t)(i % 3 ? 2 : 4), 0, NULL);
	struct old_keys o = {0};
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_each(t, old_keys_cb, &o), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(o.n, 12);
	char *db = close_store(f);
	write_old_phase_field_index(db, &o);

	/* the old layout under the new schema number: verify names both */
	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);
	struct buf report;
	buf_init(&report);
	assert_int_equal(store_verify(f->s, &report), STATUS_CORRUPT);
	assert_non_null(strstr(report.data, "project_by_phase: malformed entry"));
	assert_non_null(strstr(report.data, "project_by_field: malformed entry"));
	buf_fini(&report);
	store_close(f->s);
	f->s = NULL;

	set_raw_schema(db, 3, false);
	struct store *s = NULL;
	assert_int_equal(store_open(db, STORE_READONLY, &s), STATUS_PERM);
	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);
	uint32_t version = 0;
	uint32_t counts[256][256];
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_schema_version(t, &version), STATUS_OK);
	assert_int_equal(store_project_counts(t, counts), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(counts[2][1] + counts[2][2], 8);
	assert_int_equal(counts[4][1] + counts[4][2], 4);
	assert_int_equal(assert_keys_in_number_order(f->s, true, 2), 8);
	assert_int_equal(assert_keys_in_number_order(f->s, true, 4), 4);
	assert_int_equal(assert_keys_in_number_order(f->s, false, 1), 6);
	assert_int_equal(assert_keys_in_number_order(f->s, false, 2), 6);
	assert_int_equal(count_ids(f->s, IN_PHASE, 2), 8);
	assert_int_equal(count_ids(f->s, IN_FIELD, 1), 6);
	assert_verify_ok(f->s);

	/* and the indexes follow writes in the new layout */
	create(f->s, "Q", 2, 4, 0, NULL);
	assert_int_equal(assert_keys_in_number_order(f->s, true, 4), 5);
	assert_int_equal(assert_keys_in_number_order(f->s, false, 2), 7);
	assert_verify_ok(f->s);
	free(db);
}

/* Leaves dir as schema `version` (4 or 5) had it: without the named
 * databases added later (version_by_revision in 5, project_copies in 6), and
 * a compacted copy in copy (no free pages: the migration must grow the map). */
static void write_old_schema(const char *dir, const char *copy, uint32_t version)
{
	static const struct { uint32_t since; const char *name; } added[] = {
		{5, "version_by_revision"},
		{6, "project_copies"},
	};
	MDB_dbi dbi;
	set_raw_schema(dir, version, false);
	MDB_txn *txn = raw_begin(dir, 0);
	MDB_env *env = mdb_txn_env(txn);
	for (size_t i = 0; i < sizeof added / sizeof *added; i++) {
		if (added[i].since <= version)
			continue;
		assert_int_equal(mdb_dbi_open(txn, added[i].name, 0, &dbi), 0);
		assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	}
	assert_int_equal(mdb_txn_commit(txn), 0);
	assert_int_equal(mkdir(copy, 0700), 0);
	assert_int_equal(mdb_env_copy2(env, copy, MDB_CP_COMPACT), 0);
	mdb_env_close(env);
}

static int count_refs_cb(const struct store_version_ref *r, void *arg)
{
	size_t *n = arg;
	(void)r;
	(*n)++;
	return 0;
}

static size_t versions_after(struct store *s, uint64_t after)
{
	struct txn *t;
	size_t n = 0;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_versions_between(t, after, UINT64_MAX, count_refs_cb, &n), STATUS_OK);
	store_txn_end(t);
	return n;
}

/* 4 -> 5: the versions indexed by revision. A schema-4 database has no
 * version_by_revision: read-only it is refused with the upgrade message (not
 * as "not an ozgtui database"); the first writable open builds the index
 * from the versions, growing a map that is too small for it. */
static void test_migration_4_to_5_indexes_versions(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	for (int i = 0; i < 400; i++)
		create(f->s, "Projekt mit einem Titel, der Platz braucht", (uint16_t)(1 + i % 2), 2, 10000, NULL);
	size_t expected = versions_after(f->s, 0);
	assert_true(expected >= 400);
	char *db = xstrdup(store_dir(f->s));
	char *copy = xasprintf("%s-copy", db);
	store_close(f->s);
	f->s = NULL;
	write_old_schema(db, copy, 4);

	struct store *s = NULL;
	assert_int_equal(store_open(db, STORE_READONLY, &s), STATUS_PERM);
	char *msg = xasprintf("schema version 4 needs an upgrade to %d", STORE_SCHEMA_VERSION);
	assert_non_null(strstr(status_detail(), msg));
	free(msg);
	assert_null(s);

	struct stat sb;
	assert_int_equal(stat(copy, &sb), 0);
	char *data = xasprintf("%s/data.mdb", copy);
	assert_int_equal(stat(data, &sb), 0);
	store_set_initial_map_size(64 * 1024);
	assert_int_equal(store_open(copy, 0, &f->s), STATUS_OK);
	store_set_initial_map_size(16u << 20);
	assert_true(store_map_size(f->s) > (size_t)sb.st_size);   /* grown and retried */
	uint32_t version = 0;
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_schema_version(t, &version), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(versions_after(f->s, 0), expected);
	assert_verify_ok(f->s);

	/* and the index follows writes */
	create(f->s, "Q", 1, 2, 0, NULL);
	assert_int_equal(versions_after(f->s, 0), expected + 1);
	assert_verify_ok(f->s);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);   /* the original migrates too */
	assert_int_equal(versions_after(f->s, 0), expected);
	assert_verify_ok(f->s);
	test_rmtree(copy);
	free(data);
	free(copy);
	free(db);
}

/* The listing of one phase (and field, 0: all) as store_project_each_in_phase
 * reads it from the copies, and as the phase index and the records give it:
 * "number field title version" lines. */
static int listing_cb(const struct project *p, void *arg)
{
	buf_printf(arg, "%u %u %s %u\n", p->number, p->field, p->title, p->version);
	return 0;
}

struct ref_listing {
	struct txn *t;
	uint16_t field;
	struct buf *out;
};

static int ref_listing_cb(uint32_t number, const struct uuid *id, void *arg)
{
	struct ref_listing *r = arg;
	struct project p;
	project_init(&p);
	assert_int_equal(store_project_get(r->t, id, &p), STATUS_OK);
	assert_int_equal(p.number, number);
	if (!r->field || p.field == r->field)
		listing_cb(&p, r->out);
	project_fini(&p);
	return 0;
}

static void assert_copies_list(struct store *s, uint8_t phase, uint16_t field, size_t expected)
{
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	buf_puts(&a, "");
	buf_puts(&b, "");
	struct txn *t;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_project_each_in_phase(t, phase, field, 0, listing_cb, &a), STATUS_OK);
	struct ref_listing r = {t, field, &b};
	assert_int_equal(store_project_keys_in_phase(t, phase, ref_listing_cb, &r), STATUS_OK);
	store_txn_end(t);
	assert_string_equal(a.data, b.data);
	size_t lines = 0;
	for (const char *c = a.data; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, expected);
	buf_fini(&a);
	buf_fini(&b);
}

static int stop_after_one_cb(const struct project *p, void *arg)
{
	(void)p;
	(*(size_t *)arg)++;
	return 1;
}

static enum status restore_write_cb(struct txn *t, void *arg)
{
	return store_project_restore(t, arg);
}

/* Every listing of phases 1-3 from the copies against the records. */
static void assert_copies_match(struct store *s)
{
	for (uint8_t ph = 1; ph <= 3; ph++) {
		assert_copies_list(s, ph, 0, count_ids(s, IN_PHASE, ph));
		size_t n1 = 0, n2 = 0;
		struct txn *t;
		uint32_t counts[256][256];
		assert_int_equal(store_read_begin(s, &t), STATUS_OK);
		assert_int_equal(store_project_counts(t, counts), STATUS_OK);
		store_txn_end(t);
		n1 = counts[ph][1];
		n2 = counts[ph][2];
		assert_copies_list(s, ph, 1, n1);
		assert_copies_list(s, ph, 2, n2);
	}
	assert_verify_ok(s);
}

/* The copies (schema 6) follow every write of a project in its transaction:
 * create, an update of the title, of the phase, of the field, a restore over
 * an existing project (to another phase and field) and of a new one; after
 * each, the phase listings from the copies equal those from the records (in
 * number order, the fields' runs merged) and verify finds nothing. */
static void test_copies_follow_writes(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	/* phase 1 gets fields 1 and 2 interleaved: runs to merge */
	for (int i = 0; i < 60; i++)
		create(f->s, i % 2 ? "Ungerade" : "Gerade", (uint16_t)(1 + (i % 3 == 0)), (uint8_t)(1 + i % 4 % 3), 0, NULL);
	assert_copies_match(f->s);

	struct project p;
	project_init(&p);
	load(f->s, 7, &p);
	free(p.title);
	p.title = xstrdup("Neuer Titel");
	struct update_arg u = {&p, p.version};
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_copies_match(f->s);
	uint8_t old_phase = p.phase;
	p.phase = (uint8_t)(old_phase % 3 + 1);
	u.expected = p.version;
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_copies_match(f->s);
	p.field = (uint16_t)(3 - p.field);
	u.expected = p.version;
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	assert_copies_match(f->s);

	/* restore over #12 (another phase and field, kept version) and a new #80 */
	load(f->s, 12, &p);
	p.phase = (uint8_t)(p.phase % 3 + 1);
	p.field = (uint16_t)(3 - p.field);
	p.version = 9;
	free(p.title);
	p.title = xstrdup("Wiederhergestellt");
	assert_int_equal(store_write(f->s, restore_write_cb, &p), STATUS_OK);
	assert_copies_match(f->s);
	project_fini(&p);
	project_init(&p);
	uuid_new(&p.id);
	p.number = 80;
	p.title = xstrdup("Neu aus dem Export");
	p.field = 1;
	p.phase = 1;
	p.version = 3;
	assert_int_equal(store_write(f->s, restore_write_cb, &p), STATUS_OK);
	assert_copies_match(f->s);
	project_fini(&p);

	/* a listing stops when the callback says so */
	struct txn *t;
	size_t seen = 0;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_project_each_in_phase(t, 1, 0, 0, stop_after_one_cb, &seen), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(seen, 1);
}

/* Leaf pages of a named database, read with LMDB directly. */
static size_t leaf_pages(const char *dir, const char *name)
{
	MDB_dbi dbi;
	MDB_stat st;
	MDB_txn *txn = raw_begin(dir, MDB_RDONLY);
	assert_int_equal(mdb_dbi_open(txn, name, 0, &dbi), 0);
	assert_int_equal(mdb_stat(txn, dbi, &st), 0);
	raw_end(txn);
	return st.ms_leaf_pages;
}

/* Many records written in one transaction, out of key order: with
 * store_defer_begin (an import into an empty database) or one by one. */
struct many_arg {
	bool defer;
	bool early_finish;   /* store_defer_finish called by the callback, not by store_write */
	struct uuid orgs[3];
};

static void many_uuid(uint32_t i, struct uuid *u)
{
	uint64_t x = 0x9e3779b97f4a7c15ull * (i + 1);
	for (int b = 0; b < 16; b++) {
		x ^= x >> 29;
		x *= 0xbf58476d1ce4e5b9ull;
		u->b[b] = (uint8_t)(x >> 56);
	}
}

static enum status many_cb(struct txn *t, void *arg)
{
	struct many_arg *a = arg;
	if (a->defer)
		store_defer_begin(t);
	struct service sv;
	service_init(&sv);
	sv.ozg_id = 4711;
	sv.name = xstrdup("Leistung");
	sv.field = 1;
	store_service_put(t, &sv);   /* a version keyed by OZG id */
	sv.categories = 3;
	store_service_put(t, &sv);   /* the same key again in this transaction: the last wins */
	service_fini(&sv);
	for (uint32_t i = 0; i < 300; i++) {
		struct project p;
		project_init(&p);
		many_uuid(i, &p.id);
		p.number = 1 + (i * 7919u) % 300;   /* numbers out of order */
		p.title = xasprintf("Projekt %u", i);
		p.field = (uint16_t)(1 + i % 2);
		p.phase = (uint8_t)(1 + (i * 13) % 5);
		p.version = 1 + i % 3;
		for (uint32_t k = 0; k < i % 4; k++)
			project_add_service(&p, 11000 + (i * 31 + k * 7) % 50);
		if (i % 3)
			project_set_member(&p, &a->orgs[i % 3], ROLE_LEAD);
		if (i % 5 == 0)
			project_set_member(&p, &a->orgs[0], ROLE_MEMBER);
		if (i == 10) {
			/* an entry put twice in one transaction: the later put wins */
			uint8_t k[32], wrong = 9;
			memcpy(k, a->orgs[1].b, 16);
			memcpy(k + 16, p.id.b, 16);
			store_raw_put(t, DB_PROJECT_BY_ORG, k, sizeof k, &wrong, 1);
		}
		store_project_restore(t, &p);
		project_fini(&p);
		if (i == 150) {
			/* a read of a held-back index sees every entry written so far */
			size_t n = 0;
			store_project_ids_in_phase(t, 1, collect_cb, &n);
			assert_int_equal(n, 31);
		}
	}
	/* history: in order (appended), one out of order, then one that exists */
	static const uint64_t seqs[] = {1, 2, 3, 9, 10, 5, 11, 12, 4};
	for (size_t i = 0; i < sizeof seqs / sizeof *seqs; i++) {
		struct history_entry h;
		history_entry_init(&h);
		h.seq = seqs[i];
		h.time = 1700000000;
		h.user = xstrdup("tester");
		h.entity = xstrdup("project");
		many_uuid((uint32_t)seqs[i] % 300, &h.entity_id);
		h.action = xasprintf("edit %u", (unsigned)i);
		h.summary = xstrdup("");
		h.reason = xstrdup("");
		assert_int_equal(store_history_restore(t, &h), STATUS_OK);
		history_entry_fini(&h);
	}
	{
		struct history_entry h;
		history_entry_init(&h);
		h.seq = 9;
		h.user = xstrdup("tester");
		h.entity = xstrdup("project");
		h.action = xstrdup("edit");
		h.summary = xstrdup("");
		h.reason = xstrdup("");
		assert_int_equal(store_history_restore(t, &h), STATUS_DATA);
		history_entry_fini(&h);
		status_clear();
		t->st = STATUS_OK;   /* the refusal is sticky; the rest of this write goes on */
	}
	/* a change to one of them: deletes entries held back */
	struct project p;
	project_init(&p);
	assert_int_equal(store_project_by_number(t, 17, &p), STATUS_OK);
	p.phase = (uint8_t)(p.phase % 5 + 1);
	p.field = (uint16_t)(3 - p.field);
	project_add_service(&p, 11999);
	assert_int_equal(store_project_update(t, &p, p.version), STATUS_OK);
	project_fini(&p);
	if (a->early_finish)
		assert_int_equal(store_defer_finish(t), STATUS_OK);
	return store_txn_status(t);
}

/* Every key and value of every named sub-db of two databases, compared. */
static void assert_same_contents(const char *dir_a, const char *dir_b)
{
	MDB_txn *txn[2] = {raw_begin(dir_a, MDB_RDONLY), raw_begin(dir_b, MDB_RDONLY)};
	size_t total = 0;
	for (size_t d = 0; d < DB__COUNT; d++) {
		MDB_dbi dbi[2];
		MDB_cursor *cur[2];
		for (int i = 0; i < 2; i++) {
			assert_int_equal(mdb_dbi_open(txn[i], store_dbi_names[d], 0, &dbi[i]), 0);
			assert_int_equal(mdb_cursor_open(txn[i], dbi[i], &cur[i]), 0);
		}
		MDB_val k[2], v[2];
		int rc[2];
		for (MDB_cursor_op op = MDB_FIRST;; op = MDB_NEXT) {
			for (int i = 0; i < 2; i++)
				rc[i] = mdb_cursor_get(cur[i], &k[i], &v[i], op);
			assert_int_equal(rc[0], rc[1]);
			if (rc[0])
				break;
			total++;
			assert_int_equal(k[0].mv_size, k[1].mv_size);
			assert_memory_equal(k[0].mv_data, k[1].mv_data, k[0].mv_size);
			assert_int_equal(v[0].mv_size, v[1].mv_size);
			if (v[0].mv_size)
				assert_memory_equal(v[0].mv_data, v[1].mv_data, v[0].mv_size);
		}
		for (int i = 0; i < 2; i++)
			mdb_cursor_close(cur[i]);
	}
	for (int i = 0; i < 2; i++)
		raw_end(txn[i]);
	assert_true(total > 2000);
}

/* Puts held back and written in key order at the end (store_defer_begin)
 * leave exactly what writing them one by one leaves, in fewer leaves. */
static void test_deferred_writes_match_direct(void **state)
{
	struct fixture *f = *state;
	setenv("OZGTUI_NOW", "1700000000", 1);
	char *dirs[3];
	for (int r = 0; r < 3; r++) {
		struct store *s;
		dirs[r] = xasprintf("%s/many%d", f->dir, r);
		assert_int_equal(store_open(dirs[r], STORE_CREATE, &s), STATUS_OK);
		seed(s);
		struct many_arg a = {.defer = r > 0, .early_finish = r == 2};
		for (int o = 0; o < 3; o++)
			many_uuid(1000 + (uint32_t)o, &a.orgs[o]);
		assert_int_equal(store_write(s, many_cb, &a), STATUS_OK);
		assert_verify_ok(s);
		store_close(s);
	}
	assert_same_contents(dirs[0], dirs[1]);
	assert_same_contents(dirs[0], dirs[2]);
	assert_true(leaf_pages(dirs[1], "versions") < leaf_pages(dirs[0], "versions"));
	assert_true(leaf_pages(dirs[1], "version_by_revision") <= leaf_pages(dirs[0], "version_by_revision"));
	for (int r = 0; r < 3; r++)
		free(dirs[r]);
	unsetenv("OZGTUI_NOW");
}

/* 5 -> 6: the copies of the project records. A schema-5 database has no
 * project_copies: read-only it is refused with the upgrade message; the
 * first writable open writes a copy of every record in key order (full
 * leaves: fewer than the records' own, inserted in UUID order), growing a
 * map that is too small for it; the listings read them. */
static void test_migration_5_to_6_copies_projects(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	for (int i = 0; i < 400; i++)
		create(f->s, "Projekt mit einem Titel, der Platz braucht", (uint16_t)(1 + i % 2), (uint8_t)(1 + i % 3), 10000, NULL);
	char *db = xstrdup(store_dir(f->s));
	char *copy = xasprintf("%s-copy", db);
	store_close(f->s);
	f->s = NULL;
	write_old_schema(db, copy, 5);

	struct store *s = NULL;
	assert_int_equal(store_open(db, STORE_READONLY, &s), STATUS_PERM);
	assert_non_null(strstr(status_detail(), "schema version 5 needs an upgrade to 6"));
	assert_null(s);

	struct stat sb;
	char *data = xasprintf("%s/data.mdb", copy);
	assert_int_equal(stat(data, &sb), 0);
	store_set_initial_map_size(64 * 1024);
	assert_int_equal(store_open(copy, 0, &f->s), STATUS_OK);
	store_set_initial_map_size(16u << 20);
	assert_true(store_map_size(f->s) > (size_t)sb.st_size);   /* grown and retried */
	uint32_t version = 0;
	struct txn *t;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_schema_version(t, &version), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_copies_match(f->s);
	store_close(f->s);
	f->s = NULL;
	assert_true(leaf_pages(copy, "project_copies") < leaf_pages(copy, "projects"));

	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);   /* the original migrates too */
	assert_copies_match(f->s);
	create(f->s, "Q", 1, 2, 0, NULL);   /* and the copies follow writes */
	assert_copies_match(f->s);
	test_rmtree(copy);
	free(data);
	free(copy);
	free(db);
}

/* verify finds a record without its copy, a copy that is not the record, and
 * a copy without a record. */
static void test_verify_finds_damaged_copies(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	create(f->s, "A", 1, 2, 0, NULL);
	create(f->s, "B", 1, 2, 0, NULL);
	create(f->s, "C", 2, 1, 0, NULL);
	char *db = close_store(f);
	MDB_dbi copies;
	MDB_cursor *cur;
	MDB_val k, v;
	MDB_txn *txn = raw_begin(db, 0);
	assert_int_equal(mdb_dbi_open(txn, "project_copies", 0, &copies), 0);
	assert_int_equal(mdb_cursor_open(txn, copies, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);   /* #3 (phase 1): gone */
	assert_int_equal(mdb_cursor_del(cur, 0), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);   /* #1: a byte changed */
	uint8_t *changed = malloc(v.mv_size);
	memcpy(changed, v.mv_data, v.mv_size);
	changed[v.mv_size - 1] ^= 1;
	v.mv_data = changed;
	assert_int_equal(mdb_cursor_put(cur, &k, &v, MDB_CURRENT), 0);
	free(changed);
	mdb_cursor_close(cur);
	uint8_t stray[23] = {2, 0, 1, 0, 0, 0, 9, 0xab};
	k = (MDB_val){sizeof stray, stray};
	v = (MDB_val){1, "x"};
	assert_int_equal(mdb_put(txn, copies, &k, &v, 0), 0);
	raw_end(txn);

	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);
	struct buf report;
	buf_init(&report);
	assert_int_equal(store_verify(f->s, &report), STATUS_CORRUPT);
	assert_non_null(strstr(report.data, "the copy of #3 is missing"));
	assert_non_null(strstr(report.data, "the copy of #1 is missing or not the record"));
	assert_null(strstr(report.data, "the copy of #2"));
	assert_non_null(strstr(report.data, "project_copies: entry names a project that does not exist"));
	buf_fini(&report);
	free(db);
}

/* verify finds a version without its revision index entry and an entry
 * without its version. */
static void test_verify_finds_damaged_revision_index(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	create(f->s, "A", 1, 2, 0, NULL);
	char *db = close_store(f);
	MDB_dbi byrev;
	MDB_cursor *cur;
	MDB_val k, v;
	MDB_txn *txn = raw_begin(db, 0);
	assert_int_equal(mdb_dbi_open(txn, "version_by_revision", 0, &byrev), 0);
	assert_int_equal(mdb_cursor_open(txn, byrev, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_LAST), 0);
	assert_int_equal(mdb_cursor_del(cur, 0), 0);
	mdb_cursor_close(cur);
	uint8_t stray[25] = {0, 0, 0, 0, 0, 0, 0x7f, 0, 'p'};
	k = (MDB_val){sizeof stray, stray};
	v = (MDB_val){0, ""};
	assert_int_equal(mdb_put(txn, byrev, &k, &v, 0), 0);
	raw_end(txn);

	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);
	struct buf report;
	buf_init(&report);
	assert_int_equal(store_verify(f->s, &report), STATUS_CORRUPT);
	assert_non_null(strstr(report.data, "a version of revision"));
	assert_non_null(strstr(report.data, "revision 32512 names no version"));
	buf_fini(&report);
	free(db);
}

/* LMDB reports a write cut short at the file size limit (RLIMIT_FSIZE) as
 * EIO. Such a write leaves data.mdb ending exactly at the limit; an EIO
 * while the file is below it is a real I/O error and says so. */
static enum status eio_at_limits(struct txn *t, void *arg)
{
	const char *dir = arg;
	char *data = xasprintf("%s/data.mdb", dir);
	struct stat sb;
	struct rlimit saved, rl;
	assert_int_equal(stat(data, &sb), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	rl = saved;
	rl.rlim_cur = (rlim_t)sb.st_size + (256u << 10);   /* well below the limit */
	if (saved.rlim_max != RLIM_INFINITY && rl.rlim_cur > saved.rlim_max)
		rl.rlim_cur = saved.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	enum status below = store_map_error(t, EIO, "test");
	rl.rlim_cur = (rlim_t)sb.st_size;                   /* at it */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	enum status at = store_map_error(t, EIO, "test");
	char *at_detail = xstrdup(status_detail());
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	assert_int_equal(below, STATUS_IO);
	assert_int_equal(at, STATUS_CANT_WRITE);
	assert_non_null(strstr(at_detail, strerror(EFBIG)));
	/* it names the limit and how to raise it, not a full disk */
	assert_non_null(strstr(at_detail, "file size limit of this process (RLIMIT_FSIZE"));
	assert_non_null(strstr(at_detail, "ulimit -f unlimited"));
	assert_null(strstr(at_detail, "free space"));
	free(at_detail);
	free(data);
	status_clear();
	return STATUS_OK;
}

/* EFBIG is the process's file size limit, or without one the largest file
 * the file system holds; each message says which and what helps. */
static enum status efbig_names_its_cause(struct txn *t, void *arg)
{
	(void)arg;
	struct rlimit saved, rl;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	rl = saved;
	rl.rlim_cur = 2048u << 10;
	if (saved.rlim_max != RLIM_INFINITY && rl.rlim_cur > saved.rlim_max)
		rl.rlim_cur = saved.rlim_max;
	char want[64];
	snprintf(want, sizeof want, "(RLIMIT_FSIZE, %llu KiB)", (unsigned long long)(rl.rlim_cur >> 10));
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	enum status limited = store_map_error(t, EFBIG, "test");
	char *limited_detail = xstrdup(status_detail());
	bool unlimited_ok = saved.rlim_max == RLIM_INFINITY;
	enum status unlimited = STATUS_CANT_WRITE;
	char *unlimited_detail = NULL;
	if (unlimited_ok) {
		rl.rlim_cur = RLIM_INFINITY;
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
		unlimited = store_map_error(t, EFBIG, "test");
		unlimited_detail = xstrdup(status_detail());
	}
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);

	assert_int_equal(limited, STATUS_CANT_WRITE);
	assert_non_null(strstr(limited_detail, strerror(EFBIG)));
	assert_non_null(strstr(limited_detail, want));
	assert_non_null(strstr(limited_detail, "ulimit -f unlimited"));
	assert_null(strstr(limited_detail, "the disk"));
	if (unlimited_ok) {
		assert_int_equal(unlimited, STATUS_CANT_WRITE);
		assert_non_null(strstr(unlimited_detail, "largest file size its file system allows"));
		assert_null(strstr(unlimited_detail, "RLIMIT_FSIZE"));
	}
	free(limited_detail);
	free(unlimited_detail);
	status_clear();
	return STATUS_OK;
}

static void test_efbig_names_its_cause(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	assert_int_equal(store_write(f->s, efbig_names_its_cause, NULL), STATUS_OK);
}

static void test_eio_is_the_size_limit_only_at_it(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	char *dir = xstrdup(store_dir(f->s));
	assert_int_equal(store_write(f->s, eio_at_limits, dir), STATUS_OK);
	free(dir);
}

/* store_write runs its callback again after growing the map. Attempt 1 fills
 * the map and saves its failure ("database map full"); attempt 2 fits, and
 * its commit fails at the file size limit with the same status. The report
 * must be attempt 2's: robust/faults once saw the stale "map full" restored.
 * The callback does nothing to forget what attempt 1 saved (store_write's
 * status_attempt_next makes it stale). */
struct map_full_arg {
	int attempts;
	size_t fits;   /* values that fitted before the map was full */
	struct status_saved sv;
};

static enum status fill_map_cb(struct txn *t, void *arg)
{
	struct map_full_arg *a = arg;
	static char value[2000];
	memset(value, 'x', sizeof value);
	a->attempts++;
	size_t n = a->attempts == 1 ? 10000 : a->fits;
	for (size_t i = 0; i < n; i++) {
		char key[32];
		int k = snprintf(key, sizeof key, "test-%05zu", i);
		enum status st = store_raw_put(t, DB_META, key, (size_t)k, value, sizeof value);
		if (st) {
			a->fits = i;
			return status_save(&a->sv, st);
		}
	}
	return STATUS_OK;
}

static void test_retry_reports_its_own_failure(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	char *db = xasprintf("%s/tiny", f->dir);
	store_set_initial_map_size(64 * 1024);
	assert_int_equal(store_open(db, STORE_CREATE, &f->s), STATUS_OK);
	store_set_initial_map_size(16u << 20);
	seed(f->s);
	size_t map = store_map_size(f->s);

	char *data = xasprintf("%s/data.mdb", db);
	struct stat sb;
	struct rlimit saved, rl;
	assert_int_equal(stat(data, &sb), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	rl = saved;
	rl.rlim_cur = (rlim_t)sb.st_size;   /* the data file may not grow */
	void (*xfsz)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	struct map_full_arg a = {0};
	enum status st = status_restore(&a.sv, store_write(f->s, fill_map_cb, &a));
	char *detail = xstrdup(status_detail());
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, xfsz);

	assert_int_equal(a.attempts, 2);
	assert_true(a.fits >= 4);
	assert_true(store_map_size(f->s) > map);
	assert_non_null(strstr(a.sv.detail, "database map full"));   /* attempt 1 saved that */
	assert_int_equal(st, STATUS_CANT_WRITE);
	if (!strstr(detail, strerror(EFBIG)) || strstr(detail, "map full"))
		fail_msg("reported '%s', not the commit's failure", detail);
	assert_verify_ok(f->s);
	status_clear();
	free(detail);
	free(data);
	free(db);
}

static void test_newer_schema_is_refused(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	char *db = close_store(f);
	set_raw_schema(db, STORE_SCHEMA_VERSION + 1, false);
	assert_int_equal(store_open(db, 0, &f->s), STATUS_NEWER);
	assert_null(f->s);
	assert_non_null(strstr(status_detail(), "newer"));
	free(db);
}

static enum status write_probe(struct txn *t, void *arg)
{
	(void)arg;
	return store_meta_put_u32(t, "bench-probe", 1);
}

/* A session that was open when a newer ozgtui migrated the database refuses
 * to write instead of writing without the newer schema's indexes. */
static void test_write_refused_after_newer_migration(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	char *db = xstrdup(store_dir(f->s));
	/* the newer ozgtui is another process (LMDB: one environment per process) */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		set_raw_schema(db, STORE_SCHEMA_VERSION + 1, false);
		free(db);   /* valgrind checks the child's leaks too */
		_exit(0);
	}
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	assert_int_equal(store_write(f->s, write_probe, NULL), STATUS_NEWER);
	assert_non_null(strstr(status_detail(), "newer ozgtui upgraded"));
	struct txn *t;
	uint32_t v = 0;
	bool found = true;
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_meta_get_u32(t, "bench-probe", &v, &found), STATUS_OK);
	assert_false(found);
	store_txn_end(t);
	free(db);
}

static void test_verify_finds_damaged_index(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	create(f->s, "A", 1, 2, 10000, NULL);
	assert_verify_ok(f->s);
	char *db = close_store(f);

	/* Remove the phase index entry behind the store's back. */
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, v;
	MDB_txn *txn = raw_begin(db, 0);
	assert_int_equal(mdb_dbi_open(txn, "project_by_phase", 0, &dbi), 0);
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
	assert_int_equal(mdb_cursor_del(cur, 0), 0);
	mdb_cursor_close(cur);
	raw_end(txn);

	assert_int_equal(store_open(db, 0, &f->s), STATUS_OK);
	struct buf report;
	buf_init(&report);
	assert_int_equal(store_verify(f->s, &report), STATUS_CORRUPT);
	assert_non_null(strstr(report.data, "project_by_phase"));
	buf_fini(&report);
	free(db);
}

static enum status restore_cb(struct txn *t, void *arg)
{
	return store_project_restore(t, arg);
}

static void test_restore_keeps_version_and_raises_number(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	struct project p;
	project_init(&p);
	uuid_new(&p.id);
	p.number = 41;
	p.title = xstrdup("Aus dem Export");
	p.field = 1;
	p.phase = 2;
	p.version = 7;
	p.created = 1700000000;
	p.updated = 1700000100;
	p.created_by = xstrdup("anna");
	p.updated_by = xstrdup("bernd");
	assert_int_equal(store_write(f->s, restore_cb, &p), STATUS_OK);
	struct project q;
	project_init(&q);
	load(f->s, 41, &q);
	assert_int_equal(q.version, 7);
	assert_string_equal(q.updated_by, "bernd");
	assert_int_equal(q.updated, 1700000100);
	uint32_t next = create(f->s, "Neu", 1, 1, 0, NULL);
	assert_int_equal(next, 42);
	assert_verify_ok(f->s);
	project_fini(&p);
	project_fini(&q);
}

/* Regression: a truncated data.mdb made the first read fault with SIGBUS. */
static void test_truncated_file_is_corrupt(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	for (int i = 0; i < 300; i++)
		create(f->s, "Ein Projekt, damit die Datei mehrere Seiten hat", 1, 1, 10000, NULL);
	char *db = close_store(f);
	char *data = xasprintf("%s/data.mdb", db);
	struct stat sb;
	assert_int_equal(stat(data, &sb), 0);
	assert_int_equal(truncate(data, sb.st_size / 2), 0);
	assert_int_equal(store_open(db, 0, &f->s), STATUS_CORRUPT);
	assert_null(f->s);
	assert_non_null(strstr(status_detail(), "damaged"));
	free(data);
	free(db);
}

struct snap_arg {
	const char *name;
};

static enum status snap_cb(struct txn *t, void *arg)
{
	struct snap_arg *a = arg;
	struct snapshot s;
	snapshot_init(&s);
	s.name = xstrdup(a->name);
	s.note = xstrdup("vor dem Ausschuss");
	enum status st = store_snapshot_save(t, &s);
	snapshot_fini(&s);
	return st;
}

static enum status snap_rm_cb(struct txn *t, void *arg)
{
	return store_snapshot_delete(t, arg);
}

static int phases_at_cb(const struct project *p, void *arg)
{
	struct buf *b = arg;
	buf_printf(b, "#%u:%u ", p->number, p->phase);
	return 0;
}

static void state_at(struct store *s, const char *name, struct buf *out)
{
	struct txn *t;
	struct snapshot snap;
	snapshot_init(&snap);
	buf_reset(out);
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_snapshot_get(t, name, &snap), STATUS_OK);
	assert_int_equal(store_project_each_at(t, snap.revision, phases_at_cb, out), STATUS_OK);
	store_txn_end(t);
	snapshot_fini(&snap);
}

static int snap_names_cb(const struct snapshot *s, void *arg)
{
	buf_printf(arg, "%s ", s->name);
	return 0;
}

static void test_snapshots_freeze_state(void **state)
{
	struct fixture *f = *state;
	seed(f->s);
	uint32_t a = create(f->s, "A", 1, 1, 0, NULL);
	struct snap_arg s1 = {"ausschuss-märz"};
	assert_int_equal(store_write(f->s, snap_cb, &s1), STATUS_OK);

	struct project p;
	project_init(&p);
	load(f->s, a, &p);
	p.phase = 3;
	struct update_arg u = {&p, p.version};
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);
	create(f->s, "B", 2, 2, 0, NULL);
	struct snap_arg s2 = {"ausschuss-april"};
	assert_int_equal(store_write(f->s, snap_cb, &s2), STATUS_OK);
	/* A change after the last snapshot is not in it. */
	load(f->s, a, &p);
	p.phase = 5;
	u.expected = p.version;
	assert_int_equal(store_write(f->s, update_cb, &u), STATUS_OK);

	struct buf b;
	buf_init(&b);
	state_at(f->s, "ausschuss-märz", &b);
	assert_string_equal(b.data, "#1:1 ");
	state_at(f->s, "ausschuss-april", &b);
	assert_string_equal(b.data, "#1:3 #2:2 ");

	/* Names are unique; listing is oldest first; delete removes only the name. */
	assert_int_equal(store_write(f->s, snap_cb, &s1), STATUS_DATA);
	struct txn *t;
	buf_reset(&b);
	assert_int_equal(store_read_begin(f->s, &t), STATUS_OK);
	assert_int_equal(store_snapshot_each(t, snap_names_cb, &b), STATUS_OK);
	store_txn_end(t);
	assert_string_equal(b.data, "ausschuss-märz ausschuss-april ");
	assert_int_equal(store_write(f->s, snap_rm_cb, "ausschuss-märz"), STATUS_OK);
	assert_int_equal(store_write(f->s, snap_rm_cb, "ausschuss-märz"), STATUS_NOT_FOUND);
	state_at(f->s, "ausschuss-april", &b);
	assert_string_equal(b.data, "#1:3 #2:2 ");
	assert_verify_ok(f->s);
	buf_fini(&b);
	project_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_private_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_project_indexes_follow_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resumable_scans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_version_is_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_by_uuid_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_newest_first_and_attributed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_user_is_real_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_grows_from_tiny_map, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_refuses_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_does_not_wait_for_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_counter_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog_stamp_follows_reference_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_1_to_2_rebuilds_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_3_to_4_keys_by_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_4_to_5_indexes_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_finds_damaged_revision_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eio_is_the_size_limit_only_at_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_efbig_names_its_cause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry_reports_its_own_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copies_follow_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deferred_writes_match_direct, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_5_to_6_copies_projects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_finds_damaged_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_refused_after_newer_migration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_finds_damaged_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_keeps_version_and_raises_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshots_freeze_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_file_is_corrupt, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
