/* faults.c - what tests/robust/t_faults.sh cannot do with the binary alone:
 *
 *   faults set-schema DIR N      writes schema version N into DIR's meta record
 *   faults flip DIR SEED N       flips N random bytes of DIR/data.mdb (not the
 *                                two meta pages: LMDB checks those itself)
 *   faults grow DIR MAPSIZE      opens DIR (a new directory on a small file
 *                                system) with a tiny map and adds projects until a
 *                                write fails: the map must have grown on the way,
 *                                the failure must be CANT_WRITE with a message
 *                                naming the full disk, and every project
 *                                acknowledged before must be there afterwards
 *   faults no-growth DIR         as grow, with the address space limited so the
 *                                map cannot grow (RLIMIT_AS): a clear message
 *   faults eio DIR               DIR is a database on a nearly full disk: an EIO
 *                                from LMDB (a short write) is reported as the I/O
 *                                error it is, with the nearly full disk as its
 *                                likely cause, not as ENOSPC
 *
 * Exit 0 when the expectation holds; the report says what was seen.
 */
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/ops.h"
#include "src/store_internal.h"   /* store_map_error */
#include "robust.h"

static int set_schema(const char *dir, unsigned version)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	uint8_t b[4] = { (uint8_t)(version >> 24), (uint8_t)(version >> 16), (uint8_t)(version >> 8),
			 (uint8_t)version };
	MDB_val k = { 6, "schema" }, v = { 4, b };
	int rc = mdb_env_create(&env);
	if (!rc) {
		mdb_env_set_maxdbs(env, 64);
		rc = mdb_env_open(env, dir, 0, 0600);
	}
	if (!rc)
		rc = mdb_txn_begin(env, NULL, 0, &txn);
	if (!rc)
		rc = mdb_dbi_open(txn, "meta", 0, &dbi);
	if (!rc)
		rc = mdb_put(txn, dbi, &k, &v, 0);
	if (!rc)
		rc = mdb_txn_commit(txn);
	mdb_env_close(env);
	if (rc)
		rb_die("set-schema: %s", mdb_strerror(rc));
	return 0;
}

static int flip(const char *dir, uint64_t seed, int n)
{
	char *path = xasprintf("%s/data.mdb", dir);
	int fd = open(path, O_RDWR);
	if (fd < 0)
		rb_die("%s: %s", path, strerror(errno));
	struct stat sb;
	fstat(fd, &sb);
	long page = sysconf(_SC_PAGESIZE);
	if (sb.st_size <= 2 * page)
		rb_die("%s is too small", path);
	seed |= 1;
	for (int i = 0; i < n; i++) {
		off_t off = 2 * page + (off_t)(rb_rand(&seed) % (uint64_t)(sb.st_size - 2 * page));
		uint8_t c;
		if (pread(fd, &c, 1, off) != 1)
			rb_die("read: %s", strerror(errno));
		c ^= (uint8_t)(1u << (rb_rand(&seed) % 8));
		if (pwrite(fd, &c, 1, off) != 1)
			rb_die("write: %s", strerror(errno));
	}
	close(fd);
	free(path);
	return 0;
}

/* Adds projects until a write fails; returns that status. */
static enum status fill(const char *dir, size_t *added, size_t *map_before, size_t *map_after)
{
	struct rb_db d;
	*added = 0;
	enum status st = rb_open(&d, dir, 0);
	if (st)
		rb_die("open: %s", status_detail());
	*map_before = store_map_size(d.s);
	char *pad = xcalloc(1, 2001);
	memset(pad, 'x', 2000);
	for (;;) {
		struct project p;
		project_init(&p);
		p.title = xasprintf("Projekt %zu", *added + 1);
		p.field = 1;
		p.notes = xstrdup(pad);
		st = ops_project_create(d.s, &d.cat, &p);
		project_fini(&p);
		if (st)
			break;
		++*added;
	}
	*map_after = store_map_size(d.s);
	free(pad);
	rb_close(&d);
	return st;
}

static void count_projects(const char *dir, size_t want)
{
	struct store *s = NULL;
	struct txn *t = NULL;
	size_t n = 0;
	if (store_open(dir, 0, &s) || store_read_begin(s, &t) || store_project_count(t, &n))
		rb_die("after the failure the database does not open: %s", status_detail());
	store_txn_end(t);
	struct buf report;
	buf_init(&report);
	if (store_verify(s, &report))
		rb_die("after the failure verify fails: %s\n%s", status_detail(), report.data ? report.data : "");
	buf_fini(&report);
	store_close(s);
	if (n != want)
		rb_die("%zu projects were saved before the failure, %zu are there", want, n);
}

static int grow(const char *dir, size_t map)
{
	store_set_initial_map_size(map);
	rb_create(dir, 0);
	size_t added, before, after;
	enum status st = fill(dir, &added, &before, &after);
	const char *msg = status_detail();
	rb_say("%zu projects added, map %zu -> %zu bytes; then %s: %s", added, before, after, status_name(st), msg);
	if (after <= before)
		rb_die("the map never grew");
	if (st != STATUS_CANT_WRITE || !strstr(msg, "disk") || !strstr(msg, dir))
		rb_die("expected CANT_WRITE naming the full disk and %s, got %s: %s", dir, status_name(st), msg);
	count_projects(dir, added);
	rb_say("every project saved before the disk was full is there; verify ok");
	return 0;
}

static int no_growth(const char *dir)
{
	store_set_initial_map_size(256 * 1024);
	rb_create(dir, 0);
	/* Room for what is mapped now, not for a map twice as big. */
	struct rlimit rl;
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	if (!f || fscanf(f, "%lu", &pages) != 1)
		rb_die("cannot read /proc/self/statm");
	fclose(f);
	rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (24u << 20);
	if (setrlimit(RLIMIT_AS, &rl) != 0)
		rb_die("setrlimit: %s", strerror(errno));
	size_t added, before, after;
	enum status st = fill(dir, &added, &before, &after);
	const char *msg = status_detail();
	rb_say("%zu projects added, map %zu -> %zu bytes; then %s: %s", added, before, after, status_name(st), msg);
	if (st != STATUS_CANT_WRITE || !strstr(msg, "map"))
		rb_die("expected CANT_WRITE naming the map, got %s: %s", status_name(st), msg);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	setrlimit(RLIMIT_AS, &rl);
	count_projects(dir, added);
	rb_say("every project saved before the map was full is there; verify ok");
	return 0;
}

static int eio(const char *dir)
{
	struct store *s = NULL;
	struct txn *t = NULL;
	if (store_open(dir, 0, &s) || store_read_begin(s, &t))
		rb_die("open: %s", status_detail());
	enum status st = store_map_error(t, EIO, "test");
	char *msg = xstrdup(status_detail());
	store_txn_end(t);
	store_close(s);
	rb_say("EIO on a nearly full disk: %s: %s", status_name(st), msg);
	if (st != STATUS_CANT_WRITE || !strstr(msg, strerror(EIO)) || !strstr(msg, "less than 1 MiB free") ||
	    strstr(msg, strerror(ENOSPC)))
		rb_die("expected CANT_WRITE naming the I/O error and the nearly full disk, got %s: %s",
		       status_name(st), msg);
	free(msg);
	return 0;
}

int main(int argc, char **argv)
{
	rb_name = "faults";
	if (argc >= 4 && strcmp(argv[1], "set-schema") == 0)
		return set_schema(argv[2], (unsigned)atoi(argv[3]));
	if (argc >= 5 && strcmp(argv[1], "flip") == 0)
		return flip(argv[2], strtoull(argv[3], NULL, 10), atoi(argv[4]));
	if (argc >= 4 && strcmp(argv[1], "grow") == 0)
		return grow(argv[2], (size_t)strtoull(argv[3], NULL, 10));
	if (argc >= 3 && strcmp(argv[1], "no-growth") == 0)
		return no_growth(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "eio") == 0)
		return eio(argv[2]);
	rb_die("usage: faults set-schema DIR N | flip DIR SEED N | grow DIR MAPSIZE | no-growth DIR | eio DIR");
}
