/* fuzz_filter.c - the filter language: filter_compile on arbitrary text
 * against the catalog of a database with the reference data and the demo
 * projects, then filter_match on every demo project (docs/filter.md).
 */
#include <stdlib.h>

#include "fuzz_util.h"
#include "ozgtui/filter.h"
#include "ozgtui/util.h"

static struct catalog catalog;
static struct project *projects;
static size_t n_projects, cap_projects;

static int collect(const struct project *p, void *arg)
{
	(void)arg;
	xgrow((void **)&projects, &cap_projects, n_projects + 1, sizeof *projects);
	project_init(&projects[n_projects]);
	project_copy(&projects[n_projects++], p);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct store *s = fuzz_store(true, true);
	struct txn *t = NULL;
	fuzz_catalog(s, &catalog);
	if (store_read_begin(s, &t) != STATUS_OK || store_project_each(t, collect, NULL) != STATUS_OK)
		abort();
	store_txn_end(t);
	store_close(s);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *expr = fuzz_string(data, size);
	struct filter *f = NULL;
	if (filter_compile(expr, &catalog, &f) == STATUS_OK) {
		int32_t today = 20000;   /* 2024-10-04: some demo dates lie before, some after */
		for (size_t i = 0; i < n_projects; i++)
			(void)filter_match(f, &catalog, &projects[i], today);
		(void)filter_is_empty(f);
		(void)filter_only_phase(f);
		(void)filter_only_field(f);
	}
	filter_free(f);
	status_clear();
	free(expr);
	return 0;
}
