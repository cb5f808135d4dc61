/* testutil.h - helpers for the unit tests: temporary LMDB environments. */
#ifndef OZGTUI_TESTUTIL_H
#define OZGTUI_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* A new empty directory under $TMPDIR (or /tmp); caller frees the string. */
char *test_tmpdir(void);
/* Removes a directory tree made by test_tmpdir. */
void test_rmtree(const char *dir);

#endif
