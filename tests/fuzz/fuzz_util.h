/* fuzz_util.h - what the fuzz targets share: a database in a temporary
 * directory, made once per process (libFuzzer runs the target in a loop), and
 * the input as a NUL-terminated string or a file.
 */
#ifndef OZGTUI_FUZZ_UTIL_H
#define OZGTUI_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/catalog.h"
#include "ozgtui/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A new temporary directory (caller frees; removed at exit by fuzz_cleanup). */
char *fuzz_tmpdir(void);
/* Opens a database in a new temporary directory; with seed, initialised with
 * the reference data and, with demo, the sample projects. Aborts on failure. */
struct store *fuzz_store(bool seed, bool demo);
/* Loads the catalog of s into c (initialised here). Aborts on failure. */
void fuzz_catalog(struct store *s, struct catalog *c);
/* data as a NUL-terminated string (caller frees). */
char *fuzz_string(const uint8_t *data, size_t size);
/* Writes data to a file in the fuzzer's directory; returns its path (borrowed,
 * the same every call). */
const char *fuzz_file(const uint8_t *data, size_t size, const char *name);
/* Removes a directory tree. */
void fuzz_rmtree(const char *dir);

#endif
