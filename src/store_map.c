/* store_map.c - giving back the pages of the database map a long read touched.
 *
 * LMDB reads through a shared, read-only memory map of data.mdb. Every page a
 * read touches stays mapped into the process, and Linux maps up to 64 KiB of
 * already cached neighbours with each page fault ("fault-around"), so walking
 * one index of 100,000 projects makes some 50 MB resident. Those pages belong
 * to the page cache, not to us: MADV_DONTNEED on a shared file mapping only
 * removes them from this process's page tables (nothing is lost; the next read
 * faults them back in from the cache).
 *
 * The mappings are found in /proc/self/maps by the device and inode of the
 * environment's data file, so nothing but that file's shared mappings is ever
 * touched. They are remembered, and before each use every remembered range is
 * checked to be still exactly one mapping of that file
 * (/proc/self/map_files/START-END names the file mapped there, one stat);
 * else they are looked up anew. So a map LMDB moved (it grows) is never
 * mistaken for what now lies at its old address.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#ifdef __linux__
#include <sys/mman.h>
#include <sys/sysmacros.h>
#endif

#include "store_internal.h"

#ifdef __linux__
#define MAX_RANGES 8

static struct {
	dev_t dev;
	ino_t ino;
	size_t n;
	struct {
		uintptr_t start, end;
	} r[MAX_RANGES];
} mapped;

/* True when every remembered range is still one mapping of the file st. */
static bool ranges_valid(const struct stat *st)
{
	if (mapped.n == 0 || mapped.dev != st->st_dev || mapped.ino != st->st_ino)
		return false;
	for (size_t i = 0; i < mapped.n; i++) {
		char path[80];
		struct stat m;
		snprintf(path, sizeof path, "/proc/self/map_files/%lx-%lx", (unsigned long)mapped.r[i].start,
			 (unsigned long)mapped.r[i].end);
		if (stat(path, &m) != 0 || m.st_dev != st->st_dev || m.st_ino != st->st_ino)
			return false;
	}
	return true;
}

/* Remembers the shared mappings of the file st from /proc/self/maps. */
static void ranges_find(const struct stat *st)
{
	mapped.n = 0;
	mapped.dev = st->st_dev;
	mapped.ino = st->st_ino;
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f) && mapped.n < MAX_RANGES) {
		unsigned long start, end, offset, inode;
		unsigned int dev_major, dev_minor;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu", &start, &end, perms, &offset, &dev_major, &dev_minor,
			   &inode) != 7)
			continue;
		/* only shared mappings of our data file (never private or anonymous memory) */
		if (perms[3] != 's' || inode != (unsigned long)st->st_ino || dev_major != major(st->st_dev) ||
		    dev_minor != minor(st->st_dev))
			continue;
		mapped.r[mapped.n].start = start;
		mapped.r[mapped.n].end = end;
		mapped.n++;
	}
	fclose(f);
}
#endif

void store_map_release(struct txn *t)
{
#ifdef __linux__
	if (!t || !t->s || !t->s->env)
		return;
	int fd;
	struct stat st;
	if (mdb_env_get_fd(t->s->env, &fd) != MDB_SUCCESS || fstat(fd, &st) != 0)
		return;
	if (!ranges_valid(&st))
		ranges_find(&st);
	for (size_t i = 0; i < mapped.n; i++)
		madvise((void *)mapped.r[i].start, mapped.r[i].end - mapped.r[i].start, MADV_DONTNEED);
#else
	(void)t;
#endif
}
