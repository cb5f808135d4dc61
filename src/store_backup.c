/* store_backup.c - safety copies of the environment: backup (LMDB's own
 * compacting copy, consistent while others write) and the file copy that a
 * restore starts with.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_internal.h"
#include "ozgtui/i18n.h"

/* LMDB's meta page: the magic number follows the 16-byte page header. */
#define LMDB_MAGIC 0xBEEFC0DEu
#define LMDB_MAGIC_OFFSET 16

/* Makes dest a new (0700) or existing empty directory; *created says which. */
static enum status prepare_dest(const char *dest, bool *created)
{
	*created = false;
	if (mkdir(dest, 0700) == 0) {
		*created = true;
		return STATUS_OK;
	}
	if (errno != EEXIST)
		return status_fail(STATUS_CANT_WRITE, _("cannot create %s: %s"), dest, strerror(errno));
	DIR *d = opendir(dest);
	if (!d)
		return status_fail(STATUS_CANT_WRITE, "%s: %s", dest, strerror(errno));
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = false;
			break;
		}
	}
	closedir(d);
	if (!empty)
		return status_fail(STATUS_CANT_WRITE, _("%s is not empty; a backup or restore needs a new or empty directory"),
				   dest);
	return STATUS_OK;
}

/* Removes what a failed copy left in dest. */
static void cleanup_dest(const char *dest, bool created)
{
	static const char *const names[] = {"data.mdb", "lock.mdb", "data.mdb.tmp"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *p = xasprintf("%s/%s", dest, names[i]);
		unlink(p);
		free(p);
	}
	if (created)
		rmdir(dest);
}

static void sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

enum status store_backup(struct store *s, const char *dest)
{
	bool created;
	enum status st = prepare_dest(dest, &created);
	if (st != STATUS_OK)
		return st;
	/* one read transaction inside LMDB: writers go on, the copy is one revision */
	int rc = mdb_env_copy2(s->env, dest, MDB_CP_COMPACT);
	if (rc) {
		st = status_fail(rc == ENOSPC || rc == EACCES || rc == EROFS ? STATUS_CANT_WRITE : STATUS_IO,
				 _("cannot copy the database to %s: %s"), dest, mdb_strerror(rc));
		cleanup_dest(dest, created);
		return st;
	}
	char *data = xasprintf("%s/data.mdb", dest);
	chmod(data, 0600);
	sync_path(data, O_RDONLY);
	free(data);
	sync_path(dest, O_RDONLY | O_DIRECTORY);
	return STATUS_OK;
}

enum status store_restore_copy(const char *src, const char *dest)
{
	char *from = xasprintf("%s/data.mdb", src);
	char *to = NULL;
	char buf[1 << 16];
	int in = -1, out = -1;
	bool created = false, prepared = false;
	enum status st = STATUS_OK;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		st = status_fail(errno == ENOENT || errno == ENOTDIR ? STATUS_NOT_FOUND : STATUS_IO,
				 _("no backup at %s: %s"), src, strerror(errno));
		goto out;
	}
	uint32_t magic = 0;
	if (pread(in, &magic, sizeof magic, LMDB_MAGIC_OFFSET) != (ssize_t)sizeof magic || magic != LMDB_MAGIC) {
		st = status_fail(STATUS_DATA, _("%s is not an LMDB database"), from);
		goto out;
	}
	if ((st = prepare_dest(dest, &created)) != STATUS_OK)
		goto out;
	prepared = true;
	to = xasprintf("%s/data.mdb", dest);
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot create %s: %s"), to, strerror(errno));
		goto out;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			st = status_fail(STATUS_IO, _("cannot read %s: %s"), from, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				st = status_fail(STATUS_CANT_WRITE, _("cannot write %s: %s"), to, strerror(errno));
				goto out;
			}
			off += w;
		}
	}
	if (fsync(out) != 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot write %s: %s"), to, strerror(errno));
		goto out;
	}
out:
	if (out >= 0 && close(out) != 0 && st == STATUS_OK)
		st = status_fail(STATUS_CANT_WRITE, _("cannot write %s: %s"), to, strerror(errno));
	if (in >= 0)
		close(in);
	if (st != STATUS_OK && prepared)
		cleanup_dest(dest, created);
	else if (st == STATUS_OK)
		sync_path(dest, O_RDONLY | O_DIRECTORY);
	free(from);
	free(to);
	return st;
}
