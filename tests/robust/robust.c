/* robust.c - helpers of the crash and load drivers (robust.h). */
#include "robust.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ozgtui/ops.h"
#include "ozgtui/refdata.h"

const char *rb_name = "robust";

void rb_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: FAIL: ", rb_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void rb_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", rb_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int64_t rb_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rb_sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

uint32_t rb_rand(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return (uint32_t)(x >> 32);
}

static enum status seed_cb(struct txn *t, void *arg)
{
	(void)arg;
	return refdata_seed(t, PHASES_DEFAULT);
}

static int first_service(const struct service *s, void *arg)
{
	*(uint32_t *)arg = s->ozg_id;
	return 1;
}

void rb_create(const char *dir, size_t n_projects)
{
	struct store *s = NULL;
	struct catalog c;
	struct txn *t = NULL;
	uint32_t service = 0;
	catalog_init(&c);
	if (store_open(dir, STORE_CREATE, &s))
		rb_die("cannot create %s: %s", dir, status_detail());
	if (store_write(s, seed_cb, NULL))
		rb_die("cannot seed %s: %s", dir, status_detail());
	if (store_read_begin(s, &t) || catalog_load(&c, t) || store_service_each(t, 1, first_service, &service))
		rb_die("cannot read %s back: %s", dir, status_detail());
	store_txn_end(t);
	for (size_t i = 0; i < n_projects; i++) {
		struct project p;
		project_init(&p);
		p.title = xasprintf("Projekt %zu", i + 1);
		p.field = 1;
		project_add_service(&p, service);
		if (ops_project_create(s, &c, &p))
			rb_die("cannot create a project: %s", status_detail());
		project_fini(&p);
	}
	catalog_fini(&c);
	store_close(s);
}

enum status rb_open(struct rb_db *d, const char *dir, size_t n_projects)
{
	memset(d, 0, sizeof *d);
	catalog_init(&d->cat);
	enum status st = store_open(dir, 0, &d->s);
	if (st)
		return st;
	struct txn *t = NULL;
	if ((st = store_read_begin(d->s, &t)) || (st = catalog_load(&d->cat, t)))
		goto out;
	for (size_t i = 0; i < n_projects && i < RB_MAX_PROJECTS; i++) {
		struct project p;
		project_init(&p);
		st = store_project_by_number(t, (uint32_t)(i + 1), &p);
		d->projects[d->n_projects++] = p.id;
		project_fini(&p);
		if (st)
			goto out;
	}
	for (size_t i = 0; i < d->cat.n_orgs && d->n_orgs < RB_MAX_ORGS; i++)
		if (d->cat.orgs[i].kind == ORG_MUNICIPALITY)
			d->orgs[d->n_orgs++] = d->cat.orgs[i].id;
	for (size_t i = 0; i < d->cat.phases.n && d->n_phases < 16; i++)
		if (!d->cat.phases.v[i].outside_line)
			d->phases[d->n_phases++] = d->cat.phases.v[i].id;
out:
	store_txn_end(t);
	return st;
}

void rb_close(struct rb_db *d)
{
	catalog_fini(&d->cat);
	store_close(d->s);
	d->s = NULL;
}

enum status rb_read(struct rb_db *d, const struct uuid *id, struct project *out)
{
	struct txn *t = NULL;
	enum status st = store_read_begin(d->s, &t);
	if (!st)
		st = store_project_get(t, id, out);
	store_txn_end(t);
	return st;
}

void rb_ack(int fd, const char *line)
{
	size_t n = strlen(line);
	if (n > PIPE_BUF)
		rb_die("ack line too long");
	/* One write(2) of at most PIPE_BUF bytes to a pipe is atomic. */
	while (write(fd, line, n) < 0)
		if (errno != EINTR)
			_exit(3);
}

bool rb_drain(int fd, struct buf *b)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n > 0) {
			buf_append(b, chunk, (size_t)n);
			continue;
		}
		if (n == 0)
			return false;
		if (errno == EINTR)
			continue;
		return true;   /* EAGAIN: nothing more now */
	}
}

int rb_run_verify(const char *ozgtui, const char *dir)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execl(ozgtui, ozgtui, "--db", dir, "verify", (char *)NULL);
		_exit(127);
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}

int rb_stale_readers(const char *dir)
{
	char *cmd = xasprintf("mdb_stat -r '%s' 2>/dev/null", dir);
	FILE *f = popen(cmd, "r");
	free(cmd);
	if (!f)
		return -1;
	char line[256];
	int stale = 0;
	bool table = false;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "Reader Table Status", 19) == 0)
			table = true;
		long pid;
		char *end;
		const char *p = line + strspn(line, " ");
		pid = strtol(p, &end, 10);
		if (end == p || pid <= 0 || *end != ' ')
			continue;
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
			stale++;
	}
	pclose(f);   /* mdb_stat -r exits 1 even after printing the table */
	if (!table)
		return -1;
	return stale;
}
