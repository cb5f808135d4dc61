/* crash.c - the crash test (issue 6): writer processes doing real writes
 * (moves, edits, team changes, imports) are killed with SIGKILL at random
 * moments, at least KILLS times; afterwards the database opens, `ozgtui
 * verify` passes, every write a writer acknowledged is there, and no write is
 * half there.
 *
 *   crash OZGTUI DIR [KILLS [WRITERS [SECONDS]]]
 *
 * A writer acknowledges a write only after the library call returned success,
 * with one line on a pipe ("ok move UUID TAG"); a line of at most PIPE_BUF
 * bytes arrives whole or not at all. Every write carries a unique tag (from a
 * counter in shared memory), so the checks can name it:
 *   - every acknowledged move is in history exactly once (its reason is the tag);
 *   - every acknowledged edit's department is in the project;
 *   - every acknowledged import's project exists exactly once;
 *   - no tag is in history twice, acknowledged or not;
 *   - not half there: every project's version equals the number of history
 *     entries about it (each change writes the record, bumps the version and
 *     adds one history entry in one transaction), and the indexes agree with
 *     the records (verify);
 *   - no stale reader slot survives the next open (mdb_stat -r).
 * The writers mark in shared memory when they are inside a write, so the
 * report says how many kills hit one.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ozgtui/jsonio.h"
#include "ozgtui/ops.h"
#include "robust.h"

#define N_PROJECTS 10
#define MAX_WRITERS 16
#define IMPORT_BASE 500000u

struct shared {
	uint64_t next_tag;
	int in_write[MAX_WRITERS];
	uint64_t acked;
};

static struct shared *sh;

/* ---- the writer -------------------------------------------------------- */

static void write_import_file(const char *path, const char *tag, uint64_t n)
{
	struct uuid u;
	char id[37];
	uuid_new(&u);
	uuid_format(&u, id);
	FILE *f = fopen(path, "w");
	if (!f)
		_exit(4);
	fprintf(f, "{\"format\":\"ozgtui\",\"format_version\":1,\"projects\":[{\"id\":\"%s\",\"number\":%llu,"
		"\"title\":\"%s\",\"field\":1,\"phase\":\"sichtung\"}]}\n",
		id, (unsigned long long)(IMPORT_BASE + n), tag);
	if (fclose(f) != 0)
		_exit(4);
}

static void writer(int slot, const char *dir, const char *tmp, int ackfd, uint64_t seed)
{
	struct rb_db d;
	enum status st = rb_open(&d, dir, N_PROJECTS);
	if (st) {
		fprintf(stderr, "writer: open: %s\n", status_detail());
		_exit(2);
	}
	for (;;) {
		uint64_t n = __atomic_fetch_add(&sh->next_tag, 1, __ATOMIC_SEQ_CST);
		char tag[32], line[160], id[37];
		const struct uuid *pid = &d.projects[rb_rand(&seed) % d.n_projects];
		uuid_format(pid, id);
		uint32_t r = rb_rand(&seed) % 100;
		struct project p;
		project_init(&p);
		__atomic_store_n(&sh->in_write[slot], 1, __ATOMIC_SEQ_CST);
		if (r < 90 && (st = rb_read(&d, pid, &p)) != STATUS_OK)
			goto failed;
		if (r < 45) {
			snprintf(tag, sizeof tag, "m%llu", (unsigned long long)n);
			size_t i = rb_rand(&seed) % d.n_phases;
			uint8_t to = d.phases[i] == p.phase ? d.phases[(i + 1) % d.n_phases] : d.phases[i];
			struct move_request m = { .project = *pid, .to = to, .reason = tag, .force = true,
						  .expected_version = p.version };
			st = ops_move(d.s, &d.cat, &m, NULL);
			snprintf(line, sizeof line, "ok move %s %s\n", id, tag);
		} else if (r < 70) {
			snprintf(tag, sizeof tag, "d%llu", (unsigned long long)n);
			strv_push(&p.departments, tag);
			st = ops_project_update(d.s, &d.cat, &p, p.version);
			snprintf(line, sizeof line, "ok dept %s %s\n", id, tag);
		} else if (r < 90) {
			const struct uuid *org = &d.orgs[rb_rand(&seed) % d.n_orgs];
			const struct member *mem = project_member(&p, org);
			enum role role = (enum role)(1 + rb_rand(&seed) % 3);
			if (mem && (mem->role == role || rb_rand(&seed) % 2))
				st = ops_team_remove(d.s, &d.cat, pid, org, p.version);
			else
				st = ops_team_set(d.s, &d.cat, pid, org, role, p.version);
			snprintf(line, sizeof line, "ok team %s\n", id);
		} else {
			snprintf(tag, sizeof tag, "t%llu", (unsigned long long)n);
			char *path = xasprintf("%s/%s.json", tmp, tag);
			write_import_file(path, tag, n);
			st = jsonio_import(d.s, path, false, NULL);
			unlink(path);
			free(path);
			snprintf(line, sizeof line, "ok import %s\n", tag);
		}
failed:
		__atomic_store_n(&sh->in_write[slot], 0, __ATOMIC_SEQ_CST);
		project_fini(&p);
		if (st == STATUS_OK) {
			rb_ack(ackfd, line);
		} else if (st != STATUS_CONFLICT) {
			/* Anything but a conflict with another writer is a bug. */
			fprintf(stderr, "writer %d: unexpected %s: %s\n", slot, status_name(st), status_detail());
			_exit(2);
		}
	}
}

/* ---- the checks -------------------------------------------------------- */

struct tally {
	char *key;
	unsigned count;
	struct uuid entity;
};

struct check {
	struct tally *reasons;
	size_t n_reasons, cap_reasons;
	struct tally *per_project;   /* key = formatted UUID */
	size_t n_pp, cap_pp;
	struct project *projects;
	size_t n_projects, cap_projects;
};

static struct tally *tally_find(struct tally *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static struct tally *tally_add(struct tally **v, size_t *n, size_t *cap, const char *key)
{
	struct tally *x = tally_find(*v, *n, key);
	if (x)
		return x;
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	x = &(*v)[(*n)++];
	memset(x, 0, sizeof *x);
	x->key = xstrdup(key);
	return x;
}

static int history_cb(const struct history_entry *e, void *arg)
{
	struct check *c = arg;
	if (e->reason && e->reason[0] == 'm') {
		struct tally *x = tally_add(&c->reasons, &c->n_reasons, &c->cap_reasons, e->reason);
		x->count++;
		x->entity = e->entity_id;
	}
	if (e->project_number) {
		char id[37];
		uuid_format(&e->entity_id, id);
		tally_add(&c->per_project, &c->n_pp, &c->cap_pp, id)->count++;
	}
	return 0;
}

static int project_cb(const struct project *p, void *arg)
{
	struct check *c = arg;
	xgrow((void **)&c->projects, &c->cap_projects, c->n_projects + 1, sizeof *c->projects);
	struct project *x = &c->projects[c->n_projects++];
	project_init(x);
	project_copy(x, p);
	return 0;
}

static const struct project *project_by_id(const struct check *c, const char *id)
{
	struct uuid u;
	if (!uuid_from_text(id, &u))
		return NULL;
	for (size_t i = 0; i < c->n_projects; i++)
		if (uuid_cmp(&c->projects[i].id, &u) == 0)
			return &c->projects[i];
	return NULL;
}

/* Keeps the environment open all along, as a coordinator's idle session
 * does: LMDB resets the reader table when the last process closes it, so stale
 * slots of killed writers only matter while someone else has it open. It dies
 * with the driver: a driver that fails (rb_die) must not leave it holding the
 * test runner's output pipe open (meson then waits for the timeout). */
static pid_t witness(const char *dir)
{
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0)
		rb_die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
			_exit(3);
		struct rb_db d;
		if (rb_open(&d, dir, N_PROJECTS))
			_exit(2);
		for (;;)
			pause();
	}
	return pid;
}

/* One more process killed while it holds a read transaction, so that a stale
 * reader slot is there for check() whatever the last writers were doing: on
 * a loaded machine all of them may have been killed before their first read
 * (a write transaction takes no slot), and "no stale slot seen" would fail. */
static void kill_a_reader(const char *dir)
{
	int ready[2];
	if (pipe(ready) != 0)
		rb_die("pipe: %s", strerror(errno));
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0)
		rb_die("fork: %s", strerror(errno));
	if (pid == 0) {
		close(ready[0]);
		struct store *s = NULL;
		struct txn *t = NULL;
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent || store_open(dir, 0, &s) ||
		    store_read_begin(s, &t))
			_exit(2);
		if (write(ready[1], "r", 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(ready[1]);
	char c;
	ssize_t n = read(ready[0], &c, 1);
	close(ready[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (n != 1)
		rb_die("the reader to be killed did not get its read transaction");
}

static void check(const char *ozgtui, const char *dir, struct buf *acks, unsigned kills)
{
	int stale_before = rb_stale_readers(dir);
	struct store *s = NULL;
	if (store_open(dir, 0, &s))
		rb_die("the database does not open after the kills: %s", status_detail());
	int stale_after = rb_stale_readers(dir);
	struct buf report;
	buf_init(&report);
	if (store_verify(s, &report))
		rb_die("store_verify: %s\n%s", status_detail(), report.data ? report.data : "");
	buf_fini(&report);

	struct check c;
	memset(&c, 0, sizeof c);
	struct txn *t = NULL;
	if (store_read_begin(s, &t) || store_history_each(t, 0, history_cb, &c) ||
	    store_project_each(t, project_cb, &c))
		rb_die("reading back: %s", status_detail());
	store_txn_end(t);
	store_close(s);

	unsigned n_move = 0, n_dept = 0, n_team = 0, n_import = 0;
	buf_putc(acks, '\0');
	char *save = NULL;
	for (char *line = strtok_r(acks->data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char kind[16], id[64], tag[64];
		int f = sscanf(line, "ok %15s %63s %63s", kind, id, tag);
		if (f >= 3 && strcmp(kind, "move") == 0) {
			struct tally *x = tally_find(c.reasons, c.n_reasons, tag);
			if (!x || x->count != 1)
				rb_die("acknowledged move %s of %s is in history %u times", tag, id, x ? x->count : 0);
			char eid[37];
			uuid_format(&x->entity, eid);
			if (strcmp(eid, id) != 0)
				rb_die("move %s is recorded for %s, not %s", tag, eid, id);
			n_move++;
		} else if (f >= 3 && strcmp(kind, "dept") == 0) {
			const struct project *p = project_by_id(&c, id);
			if (!p || !strv_contains(&p->departments, tag))
				rb_die("acknowledged edit %s of %s is lost", tag, id);
			n_dept++;
		} else if (f >= 2 && strcmp(kind, "team") == 0) {
			if (!project_by_id(&c, id))
				rb_die("project %s of an acknowledged team change is gone", id);
			n_team++;
		} else if (f >= 2 && strcmp(kind, "import") == 0) {
			unsigned found = 0;
			for (size_t i = 0; i < c.n_projects; i++)
				found += c.projects[i].title && strcmp(c.projects[i].title, id) == 0;
			if (found != 1)
				rb_die("acknowledged import %s: %u projects with its title", id, found);
			n_import++;
		} else {
			rb_die("bad acknowledgement line '%s'", line);
		}
	}
	for (size_t i = 0; i < c.n_reasons; i++)
		if (c.reasons[i].count != 1)
			rb_die("move %s is in history %u times", c.reasons[i].key, c.reasons[i].count);
	for (size_t i = 0; i < c.n_projects; i++) {
		char id[37];
		uuid_format(&c.projects[i].id, id);
		struct tally *x = tally_find(c.per_project, c.n_pp, id);
		unsigned entries = x ? x->count : 0;
		if (entries != c.projects[i].version)
			rb_die("#%u is half there: version %u but %u history entries", c.projects[i].number,
			       c.projects[i].version, entries);
	}
	int rc = rb_run_verify(ozgtui, dir);
	if (rc != 0)
		rb_die("ozgtui verify exits %d after the kills", rc);
	if (stale_after > 0)
		rb_die("%d stale reader slot(s) of killed writers survive the next open", stale_after);
	if (stale_before < 0)
		rb_say("mdb_stat (lmdb-utils) is not installed: the reader table is not inspected");
	else if (stale_before == 0)
		rb_die("no stale reader slot of a killed writer was seen (%d): the check does not check",
		       stale_before);
	rb_say("%u kills; acknowledged and found: %u moves, %u edits, %u team changes, %u imports; "
	       "%zu projects, versions match history; verify ok; stale reader slots %d before the next open, %d after",
	       kills, n_move, n_dept, n_team, n_import, c.n_projects, stale_before, stale_after);
	for (size_t i = 0; i < c.n_reasons; i++)
		free(c.reasons[i].key);
	for (size_t i = 0; i < c.n_pp; i++)
		free(c.per_project[i].key);
	for (size_t i = 0; i < c.n_projects; i++)
		project_fini(&c.projects[i]);
	free(c.reasons);
	free(c.per_project);
	free(c.projects);
}

/* ---- the killer -------------------------------------------------------- */

static pid_t spawn(int slot, const char *dir, const char *tmp, int fds[2], uint64_t seed)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		rb_die("fork: %s", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		writer(slot, dir, tmp, fds[1], seed ? seed : 1);
		_exit(0);
	}
	return pid;
}

/* Reaps pid; a writer must only die by our SIGKILL. */
static void reap(pid_t pid)
{
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			rb_die("waitpid: %s", strerror(errno));
	if (!WIFSIGNALED(ws) || WTERMSIG(ws) != SIGKILL)
		rb_die("a writer ended by itself (%s %d); see its message above",
		       WIFEXITED(ws) ? "exit" : "signal", WIFEXITED(ws) ? WEXITSTATUS(ws) : WTERMSIG(ws));
}

int main(int argc, char **argv)
{
	rb_name = "crash";
	if (argc < 3)
		rb_die("usage: crash OZGTUI DIR [KILLS [WRITERS [SECONDS]]]");
	const char *ozgtui = argv[1];
	const char *base = argv[2];
	unsigned want = argc > 3 ? (unsigned)atoi(argv[3]) : 200;
	int writers = argc > 4 ? atoi(argv[4]) : 6;
	int seconds = argc > 5 ? atoi(argv[5]) : 45;
	if (writers < 1 || writers > MAX_WRITERS)
		rb_die("1..%d writers", MAX_WRITERS);

	char *dir = xasprintf("%s/db", base);
	char *tmp = xasprintf("%s/imports", base);
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		rb_die("mkdir %s: %s", tmp, strerror(errno));
	rb_create(dir, N_PROJECTS);
	pid_t keeper = witness(dir);

	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		rb_die("mmap: %s", strerror(errno));
	memset(sh, 0, sizeof *sh);
	sh->next_tag = 1;
	int fds[2];
	if (pipe(fds) != 0)
		rb_die("pipe: %s", strerror(errno));
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);

	uint64_t seed = (uint64_t)rb_now_ms() * 2654435761u + (uint64_t)getpid();
	const char *fixed = getenv("OZGTUI_CRASH_SEED");
	if (fixed && *fixed)
		seed = strtoull(fixed, NULL, 10) | 1;
	rb_say("seed %llu (OZGTUI_CRASH_SEED repeats a run), %d writers, %u kills", (unsigned long long)seed,
	       writers, want);

	pid_t pids[MAX_WRITERS];
	for (int i = 0; i < writers; i++)
		pids[i] = spawn(i, dir, tmp, fds, rb_rand(&seed));
	struct buf acks;
	buf_init(&acks);
	unsigned kills = 0, in_write = 0;
	int64_t deadline = rb_now_ms() + (int64_t)seconds * 1000;
	/* Let the writers get going before the first kill. */
	rb_sleep_us(50000);
	while (kills < want) {
		if (rb_now_ms() > deadline)
			rb_die("only %u of %u kills within %d s", kills, want, seconds);
		/* Random moments: 0.2 to 12 ms apart. */
		rb_sleep_us(200 + (long)(rb_rand(&seed) % 12000));
		int victim = (int)(rb_rand(&seed) % (unsigned)writers);
		if (__atomic_load_n(&sh->in_write[victim], __ATOMIC_SEQ_CST))
			in_write++;
		kill(pids[victim], SIGKILL);
		reap(pids[victim]);
		__atomic_store_n(&sh->in_write[victim], 0, __ATOMIC_SEQ_CST);
		kills++;
		pids[victim] = spawn(victim, dir, tmp, fds, rb_rand(&seed));
		rb_drain(fds[0], &acks);
	}
	for (int i = 0; i < writers; i++) {
		kill(pids[i], SIGKILL);
		reap(pids[i]);
	}
	close(fds[1]);
	while (rb_drain(fds[0], &acks))
		rb_sleep_us(1000);
	close(fds[0]);
	rb_say("%u of %u kills hit a writer inside an operation", in_write, kills);
	if (in_write < kills / 4)
		rb_die("too few kills hit a write (%u of %u): the test does not test", in_write, kills);
	rb_say("stale reader slots of the last writers: %d (the next open, the extra reader's, clears them)",
	       rb_stale_readers(dir));
	kill_a_reader(dir);
	check(ozgtui, dir, &acks, kills);
	kill(keeper, SIGKILL);
	waitpid(keeper, NULL, 0);
	buf_fini(&acks);
	munmap(sh, sizeof *sh);
	free(dir);
	free(tmp);
	return 0;
}
