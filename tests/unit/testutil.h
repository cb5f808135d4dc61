/* testutil.h - helpers for the unit tests: temporary LMDB environments and
 * the records a fixture writes into them. */
#ifndef OZGTUI_TESTUTIL_H
#define OZGTUI_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ozgtui/catalog.h"
#include "ozgtui/model.h"
#include "ozgtui/status.h"

struct store;
struct txn;

/* A new empty directory under $TMPDIR (or /tmp); caller frees the string. */
char *test_tmpdir(void);
/* Removes a directory tree made by test_tmpdir. */
void test_rmtree(const char *dir);

/* A database for a fixture: a store in a new temporary directory, filled by
 * fill(t, arg) in one write transaction (fill NULL: left empty), and its
 * catalog loaded. A failure fails the test. test_db_close removes it all. */
struct test_db {
	char *dir;
	struct store *store;
	struct catalog cat;
};
void test_db_open(struct test_db *db, enum status (*fill)(struct txn *t, void *arg), void *arg);
/* Loads db->cat again, after a change of what it holds. */
void test_db_reload_catalog(struct test_db *db);
void test_db_close(struct test_db *db);   /* NULL-safe */

/* Fixture records, written in the caller's write transaction (failures show
 * in store_txn_status). The default phases and default settings. */
void test_put_phases_settings(struct txn *t);
void test_put_field(struct txn *t, uint16_t number, const char *name, const char *slug);
/* An organisation whose UUID is uuid_from_name(name). */
void test_put_org(struct txn *t, const char *name, enum org_kind kind, enum category cat);
void test_put_service(struct txn *t, uint32_t ozg_id, const char *name, uint16_t field, uint32_t categories);

#endif
