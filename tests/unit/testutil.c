#define _XOPEN_SOURCE 700
#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ozgtui/store.h"
#include "ozgtui/util.h"

char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof tmpl, "%s/ozgtui-test-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	if (!dir) {
		perror("mkdtemp");
		abort();
	}
	return strdup(dir);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void test_db_open(struct test_db *db, enum status (*fill)(struct txn *t, void *arg), void *arg)
{
	memset(db, 0, sizeof *db);
	catalog_init(&db->cat);
	db->dir = test_tmpdir();
	assert_int_equal(store_open(db->dir, STORE_CREATE, &db->store), STATUS_OK);
	if (fill) {
		enum status st = store_write(db->store, fill, arg);
		if (st != STATUS_OK)
			fail_msg("fill: %s: %s", status_name(st), status_detail());
	}
	test_db_reload_catalog(db);
}

void test_db_reload_catalog(struct test_db *db)
{
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(db->store, &t), STATUS_OK);
	catalog_fini(&db->cat);
	catalog_init(&db->cat);
	enum status st = catalog_load(&db->cat, t);
	store_txn_end(t);
	if (st != STATUS_OK)
		fail_msg("catalog_load: %s: %s", status_name(st), status_detail());
}

void test_db_close(struct test_db *db)
{
	if (!db)
		return;
	catalog_fini(&db->cat);
	store_close(db->store);
	test_rmtree(db->dir);
	free(db->dir);
	memset(db, 0, sizeof *db);
}

void test_put_phases_settings(struct txn *t)
{
	struct phase_list l;
	phase_list_default(&l);
	store_phases_put(t, &l);
	phase_list_fini(&l);
	struct settings st;
	settings_init(&st);
	store_settings_put(t, &st);
	settings_fini(&st);
}

void test_put_field(struct txn *t, uint16_t number, const char *name, const char *slug)
{
	struct topic_field f;
	topic_field_init(&f);
	f.number = number;
	f.name = xstrdup(name);
	f.slug = xstrdup(slug);
	store_field_put(t, &f);
	topic_field_fini(&f);
}

void test_put_org(struct txn *t, const char *name, enum org_kind kind, enum category cat)
{
	struct organisation o;
	organisation_init(&o);
	uuid_from_name(&o.id, name);
	o.name = xstrdup(name);
	o.kind = kind;
	o.category = cat;
	store_org_put(t, &o);
	organisation_fini(&o);
}

void test_put_service(struct txn *t, uint32_t ozg_id, const char *name, uint16_t field, uint32_t categories)
{
	struct service s;
	service_init(&s);
	s.ozg_id = ozg_id;
	s.name = xstrdup(name);
	s.field = field;
	s.categories = categories;
	store_service_put(t, &s);
	service_fini(&s);
}
