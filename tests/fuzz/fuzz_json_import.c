/* fuzz_json_import.c - the import of a JSON document (src/jsonio.c,
 * docs/json-format.md). Each input is checked twice (--dry-run): as a restore
 * into an empty database and as a merge into one with the reference data and
 * the demo. An input that passes the restore check is then imported for real
 * into a fresh database, which must verify afterwards.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "ozgtui/jsonio.h"
#include "ozgtui/util.h"

static struct store *empty, *seeded;
static char *fresh;   /* where a good input is imported for real */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	empty = fuzz_store(false, false);
	seeded = fuzz_store(true, true);
	char *dir = fuzz_tmpdir();
	fresh = xasprintf("%s/fresh", dir);
	free(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, "import.json");
	struct buf report;
	buf_init(&report);
	(void)jsonio_import(seeded, path, true, &report);
	buf_reset(&report);
	enum status st = jsonio_import(empty, path, true, &report);
	if (st == STATUS_OK) {
		struct store *s = NULL;
		fuzz_rmtree(fresh);
		if (store_open(fresh, STORE_CREATE, &s) != STATUS_OK)
			abort();
		buf_reset(&report);
		st = jsonio_import(s, path, false, &report);
		if (st == STATUS_OK) {
			buf_reset(&report);
			if (store_verify(s, &report) != STATUS_OK) {
				fprintf(stderr, "fuzz_json_import: the imported database does not verify:\n%s\n",
					report.data ? report.data : "");
				abort();
			}
		}
		store_close(s);
	}
	buf_fini(&report);
	status_clear();
	return 0;
}
