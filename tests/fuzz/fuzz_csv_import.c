/* fuzz_csv_import.c - the CSV parsers: the import of projects from CSV
 * (src/csvio.c, docs/csv-import.md) and the reference data files (src/refdata.c,
 * data/ *.csv, which a build could replace). The first byte picks: even, the
 * projects import, checked (--dry-run) against a database with the demo and,
 * when the check passes, written for real, after which the database must
 * verify; odd, one of the reference data files replaced by the input while a
 * new database is seeded (in a transaction that is then abandoned).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "ozgtui/csvio.h"
#include "ozgtui/refdata.h"
#include "ozgtui/util.h"

static struct store *seeded, *empty;

static const char *const refdata_names[] = {
	"ozg_themenfelder.csv", "ozg_leistungen.csv", "ozg_lagen.csv", "nrw_kommunen.csv",
	"kdn_dienstleister_2019.csv", "kdn_umsetzungsstatus.csv", "nrw_basiskomponenten.csv",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	seeded = fuzz_store(true, true);
	empty = fuzz_store(false, false);
	return 0;
}

struct seed_arg {
	struct refdata_file over;
};

static enum status seed_cb(struct txn *t, void *arg)
{
	struct seed_arg *a = arg;
	(void)refdata_seed_with(t, PHASES_DEFAULT, &a->over, 1);
	status_clear();
	/* never keep it: every input starts from an empty database */
	return store_txn_fail(t, STATUS_DATA);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] % 2 == 0) {
		const char *path = fuzz_file(data + 1, size - 1, "projects.csv");
		struct buf report;
		buf_init(&report);
		enum status st = csvio_import_projects(seeded, path, true, &report);
		if (st == STATUS_OK) {
			buf_reset(&report);
			st = csvio_import_projects(seeded, path, false, &report);
			if (st != STATUS_OK && st != STATUS_DATA) {
				fprintf(stderr, "fuzz_csv_import: checked, then %s: %s\n", status_name(st),
					status_detail());
				abort();
			}
			buf_reset(&report);
			if (store_verify(seeded, &report) != STATUS_OK) {
				fprintf(stderr, "fuzz_csv_import: the database does not verify:\n%s\n",
					report.data ? report.data : "");
				abort();
			}
		}
		buf_fini(&report);
	} else {
		struct seed_arg a = {{refdata_names[(data[0] / 2) % ARRAY_LEN(refdata_names)],
				      data + 1, size - 1}};
		(void)store_write(empty, seed_cb, &a);
	}
	status_clear();
	return 0;
}
