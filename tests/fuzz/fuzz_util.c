/* fuzz_util.c - see fuzz_util.h. */
#include "fuzz_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/demo.h"
#include "ozgtui/refdata.h"
#include "ozgtui/util.h"

static struct strv dirs;
static bool registered;
static char *scratch;

static void cleanup(void)
{
	for (size_t i = 0; i < dirs.n; i++)
		fuzz_rmtree(dirs.v[i]);
	strv_fini(&dirs);
	free(scratch);
}

void fuzz_rmtree(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *p = xasprintf("%s/%s", dir, e->d_name);
			struct stat sb;
			if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
				fuzz_rmtree(p);
			else
				unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

char *fuzz_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/ozgtui-fuzz-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	if (!registered) {
		strv_init(&dirs);
		atexit(cleanup);
		registered = true;
	}
	strv_push(&dirs, dir);
	return dir;
}

struct seed_arg {
	bool demo;
};

static enum status seed_cb(struct txn *t, void *arg)
{
	struct seed_arg *a = arg;
	enum status st = refdata_seed(t, PHASES_DEFAULT);
	if (st != STATUS_OK || !a->demo)
		return st;
	struct catalog c;
	catalog_init(&c);
	st = catalog_load(&c, t);
	if (st == STATUS_OK)
		st = demo_seed(t, &c, 1);
	catalog_fini(&c);
	return st;
}

struct store *fuzz_store(bool seed, bool demo)
{
	char *dir = fuzz_tmpdir();
	char *db = xasprintf("%s/db", dir);
	struct store *s = NULL;
	if (store_open(db, STORE_CREATE, &s) != STATUS_OK) {
		fprintf(stderr, "fuzz: cannot open a database in %s: %s\n", db, status_detail());
		abort();
	}
	struct seed_arg a = {demo};
	if (seed && store_write(s, seed_cb, &a) != STATUS_OK) {
		fprintf(stderr, "fuzz: cannot seed: %s\n", status_detail());
		abort();
	}
	free(db);
	free(dir);
	return s;
}

void fuzz_catalog(struct store *s, struct catalog *c)
{
	struct txn *t = NULL;
	catalog_init(c);
	if (store_read_begin(s, &t) != STATUS_OK || catalog_load(c, t) != STATUS_OK) {
		fprintf(stderr, "fuzz: cannot load the catalog: %s\n", status_detail());
		abort();
	}
	store_txn_end(t);
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

const char *fuzz_file(const uint8_t *data, size_t size, const char *name)
{
	if (!scratch) {
		char *dir = fuzz_tmpdir();
		scratch = xasprintf("%s/%s", dir, name);
		free(dir);
	}
	FILE *f = fopen(scratch, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(scratch);
		abort();
	}
	return scratch;
}
