/* testutil.h - helpers for the unit tests: temporary LMDB environments and
 * the records a fixture writes into them. */
#ifndef OZGTUI_TESTUTIL_H
#define OZGTUI_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ozgtui/model.h"

struct txn;

/* A new empty directory under $TMPDIR (or /tmp); caller frees the string. */
char *test_tmpdir(void);
/* Removes a directory tree made by test_tmpdir. */
void test_rmtree(const char *dir);

/* Fixture records, written in the caller's write transaction (failures show
 * in store_txn_status). The default phases and default settings. */
void test_put_phases_settings(struct txn *t);
void test_put_field(struct txn *t, uint16_t number, const char *name, const char *slug);
/* An organisation whose UUID is uuid_from_name(name). */
void test_put_org(struct txn *t, const char *name, enum org_kind kind, enum category cat);
void test_put_service(struct txn *t, uint32_t ozg_id, const char *name, uint16_t field, uint32_t categories);

#endif
