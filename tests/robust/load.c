/* load.c - the load test (issue 6): WORKERS processes do OPS mixed changes
 * each on a few shared projects at once; afterwards no update is lost, every
 * conflict was reported (exit 75) instead of overwriting, and history holds
 * every change exactly once, in the order the changes were made.
 *
 *   load OZGTUI DIR [WORKERS [OPS [SECONDS]]]
 *
 * Every change reads the project and is based on the version it read (the
 * CLI's --expect-version, the TUI's saves): moves (with a reason that is the
 * change's tag), edits (a department named by the tag, a new priority) and
 * team changes (add, change role, remove). About one in six goes through the
 * real binary (`ozgtui move|edit|team ... --expect-version N`), the others
 * through the library the CLI and the TUI share. Each worker reports every
 * call with its result (0 or 75) on a pipe.
 *
 * Because a change succeeds only on the version it read and each success makes
 * the next version, the successes on a project, ordered by the version they
 * were based on, must be exactly v0, v0+1, ... v0+k-1: two successes on one
 * version would be a lost update, a gap a change that vanished. Replaying them
 * in that order on the starting state must give the final state; the project's
 * history entries after the start must be these k changes in the same order
 * (action and, for moves, reason); a conflict's tag must be nowhere, and a
 * conflict must be real (someone else did change that version).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ozgtui/ops.h"
#include "robust.h"

#define N_PROJECTS 6
#define N_ORGS 8
#define MAX_WORKERS 32

enum opkind { OP_MOVE, OP_EDIT, OP_TEAM };

/* ---- the worker -------------------------------------------------------- */

extern char **environ;

static const char *ozgtui_bin;
static const char *db_dir;
static unsigned cli_every = 6;   /* one change in cli_every through the binary */

/* Runs the binary quietly; returns its exit status. posix_spawn, not fork:
 * copying a sanitizer build's address space for every call costs seconds. */
static int run_cli(char *const argv[])
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawn(&pid, ozgtui_bin, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static int code_of(enum status st)
{
	return status_exit_code(st);
}

static void worker(int w, int ops, int fd, uint64_t seed)
{
	struct rb_db d;
	if (rb_open(&d, db_dir, N_PROJECTS)) {
		fprintf(stderr, "worker %d: open: %s\n", w, status_detail());
		_exit(2);
	}
	char ver[16], num[16], prio[4], tag[32], line[256], id[37];
	for (int k = 0; k < ops; k++) {
		size_t pi = rb_rand(&seed) % d.n_projects;
		const struct uuid *pid = &d.projects[pi];
		uuid_format(pid, id);
		struct project p;
		project_init(&p);
		if (rb_read(&d, pid, &p)) {
			fprintf(stderr, "worker %d: read: %s\n", w, status_detail());
			_exit(2);
		}
		/* Think a little sometimes: others change the project meanwhile. */
		if (rb_rand(&seed) % 3 == 0)
			rb_sleep_us((long)(rb_rand(&seed) % 1500));
		bool cli = cli_every && rb_rand(&seed) % cli_every == 0;
		uint32_t r = rb_rand(&seed) % 100;
		snprintf(tag, sizeof tag, "w%dk%d", w, k);
		snprintf(ver, sizeof ver, "%u", p.version);
		snprintf(num, sizeof num, "%u", p.number);
		/* ops_project_update writes the new version back into p */
		const uint32_t expected = p.version;
		int rc;
		if (r < 40) {
			size_t i = rb_rand(&seed) % d.n_phases;
			uint8_t to = d.phases[i] == p.phase ? d.phases[(i + 1) % d.n_phases] : d.phases[i];
			if (cli) {
				const struct phase *ph = catalog_phase(&d.cat, to);
				char *argv[] = { (char *)ozgtui_bin, "--db", (char *)db_dir, "move", num,
						 ph->slug, "--force", "--reason", tag, "--expect-version", ver, NULL };
				rc = run_cli(argv);
			} else {
				struct move_request m = { .project = *pid, .to = to, .reason = tag, .force = true,
							  .expected_version = p.version };
				rc = code_of(ops_move(d.s, &d.cat, &m, NULL));
			}
			snprintf(line, sizeof line, "%d %d %d %s %u %d %s %u\n", w, k, OP_MOVE, id, expected, rc,
				 tag, to);
		} else if (r < 70) {
			unsigned pr = 1 + rb_rand(&seed) % 5;
			snprintf(prio, sizeof prio, "%u", pr);
			if (cli) {
				char *argv[] = { (char *)ozgtui_bin, "--db", (char *)db_dir, "edit", num,
						 "--add-department", tag, "--priority", prio, "--expect-version", ver, NULL };
				rc = run_cli(argv);
			} else {
				strv_push(&p.departments, tag);
				p.priority = (uint8_t)pr;
				rc = code_of(ops_project_update(d.s, &d.cat, &p, p.version));
			}
			snprintf(line, sizeof line, "%d %d %d %s %u %d %s %u\n", w, k, OP_EDIT, id, expected, rc,
				 tag, pr);
		} else {
			size_t oi = rb_rand(&seed) % N_ORGS;
			const struct uuid *org = &d.orgs[oi];
			const struct member *mem = project_member(&p, org);
			/* member or advisor; 0 removes (only a member can be removed) */
			enum role role = rb_rand(&seed) % 2 ? ROLE_MEMBER : ROLE_ADVISOR;
			if (mem && (mem->role == role || rb_rand(&seed) % 2))
				role = ROLE_NONE;
			if (cli) {
				const struct organisation *o = catalog_org(&d.cat, org);
				char *argv[] = { (char *)ozgtui_bin, "--db", (char *)db_dir, "team", num,
						 role == ROLE_NONE ? "rm" : "add", o->ags, "--expect-version", ver,
						 role == ROLE_NONE ? NULL : "--role",
						 (char *)role_code(role), NULL };
				rc = run_cli(argv);
			} else if (role == ROLE_NONE) {
				rc = code_of(ops_team_remove(d.s, &d.cat, pid, org, p.version));
			} else {
				rc = code_of(ops_team_set(d.s, &d.cat, pid, org, role, p.version));
			}
			snprintf(line, sizeof line, "%d %d %d %s %u %d %zu %d\n", w, k, OP_TEAM, id, expected, rc,
				 oi, (int)role);
		}
		project_fini(&p);
		size_t len = strlen(line);
		snprintf(line + len - 1, sizeof line - len + 1, " %d\n", cli);
		rb_ack(fd, line);
	}
	rb_close(&d);
}

/* ---- the checks -------------------------------------------------------- */

struct op {
	int w, k;
	enum opkind kind;
	char id[37];
	uint32_t expected;
	int rc;
	char tag[32];
	unsigned arg;     /* move: to; edit: priority; team: org index */
	int role;         /* team: role (0 = removed) */
	int cli;          /* through the binary */
};

/* The state the changes touch. */
struct state {
	uint8_t phase;
	uint8_t priority;
	enum role team[N_ORGS];   /* ROLE_NONE = not in the team */
	struct strv departments;
	uint32_t version;
};

static void state_of(struct state *s, const struct project *p, const struct rb_db *d)
{
	memset(s, 0, sizeof *s);
	strv_init(&s->departments);
	s->phase = p->phase;
	s->priority = p->priority;
	s->version = p->version;
	strv_copy(&s->departments, &p->departments);
	for (size_t i = 0; i < N_ORGS; i++) {
		const struct member *m = project_member(p, &d->orgs[i]);
		s->team[i] = m ? m->role : ROLE_NONE;
	}
}

static int by_expected(const void *a, const void *b)
{
	const struct op *x = *(const struct op *const *)a, *y = *(const struct op *const *)b;
	return x->expected < y->expected ? -1 : x->expected > y->expected;
}

struct hist {
	struct history_entry *v;
	size_t n, cap;
	const struct uuid *id;
	uint64_t after;
};

static int hist_cb(const struct history_entry *e, void *arg)
{
	struct hist *h = arg;
	if (e->seq <= h->after)
		return 1;   /* newest first: the rest is older */
	xgrow((void **)&h->v, &h->cap, h->n + 1, sizeof *h->v);
	struct history_entry *x = &h->v[h->n++];
	history_entry_init(x);
	history_entry_copy(x, e);
	return 0;
}

static int last_seq_cb(const struct history_entry *e, void *arg)
{
	*(uint64_t *)arg = e->seq;
	return 1;
}

static const char *action_of(const struct op *o, const struct state *before)
{
	switch (o->kind) {
	case OP_MOVE:
		return "move";
	case OP_EDIT:
		return "edit";
	default:
		if (o->role == ROLE_NONE)
			return "team-rm";
		return before->team[o->arg] == ROLE_NONE ? "team-add" : "team-role";
	}
}

static void check_project(const struct rb_db *d, struct txn *t, size_t pi, struct state *start,
			  struct op *ops, size_t n_ops, uint64_t seq0, unsigned *n_ok, unsigned *n_conflict)
{
	char id[37];
	uuid_format(&d->projects[pi], id);
	struct op **succ = xcalloc(n_ops + 1, sizeof *succ);
	size_t k = 0;
	for (size_t i = 0; i < n_ops; i++) {
		if (strcmp(ops[i].id, id) != 0)
			continue;
		if (ops[i].rc == 0)
			succ[k++] = &ops[i];
		else
			(*n_conflict)++;
	}
	*n_ok += (unsigned)k;
	qsort(succ, k, sizeof *succ, by_expected);
	if (getenv("OZGTUI_LOAD_DEBUG"))
		for (size_t i = 0; i < k && i < 10; i++)
			rb_say("%s: success %zu: worker %d op %d kind %d on %u", id, i, succ[i]->w, succ[i]->k,
			       succ[i]->kind, succ[i]->expected);
	for (size_t i = 0; i < k; i++)
		if (succ[i]->expected != start->version + i)
			rb_die("project %s: success %zu was based on version %u, expected %u "
			       "(%s): an update was lost or duplicated",
			       id, i, succ[i]->expected, start->version + (unsigned)i,
			       i && succ[i]->expected == succ[i - 1]->expected ? "two on one version" : "a gap");

	struct project now;
	project_init(&now);
	if (store_project_get(t, &d->projects[pi], &now))
		rb_die("project %s is gone", id);
	if (now.version != start->version + k)
		rb_die("project %s: version %u after %zu successes from version %u", id, now.version, k,
		       start->version);

	struct hist h = { .id = &d->projects[pi], .after = seq0 };
	if (store_history_each_for(t, &d->projects[pi], hist_cb, &h))
		rb_die("history: %s", status_detail());
	if (h.n != k)
		rb_die("project %s: %zu history entries for %zu successful changes", id, h.n, k);

	/* Replay in version order; history (newest first) must match step by step. */
	struct state s = *start;
	strv_init(&s.departments);
	strv_copy(&s.departments, &start->departments);
	for (size_t i = 0; i < k; i++) {
		const struct op *o = succ[i];
		const struct history_entry *e = &h.v[k - 1 - i];
		const char *want = action_of(o, &s);
		if (!e->action || strcmp(e->action, want) != 0)
			rb_die("project %s: change %zu (worker %d op %d) is '%s' in history, expected '%s'", id, i,
			       o->w, o->k, e->action ? e->action : "", want);
		switch (o->kind) {
		case OP_MOVE:
			if (!e->reason || strcmp(e->reason, o->tag) != 0)
				rb_die("project %s: move %s is recorded with reason '%s'", id, o->tag,
				       e->reason ? e->reason : "");
			s.phase = (uint8_t)o->arg;
			break;
		case OP_EDIT:
			strv_push(&s.departments, o->tag);
			s.priority = (uint8_t)o->arg;
			break;
		case OP_TEAM:
			s.team[o->arg] = (enum role)o->role;
			break;
		}
	}
	struct state fin;
	state_of(&fin, &now, d);
	if (fin.phase != s.phase || fin.priority != s.priority)
		rb_die("project %s: phase %u priority %u, the replay gives phase %u priority %u", id, fin.phase,
		       fin.priority, s.phase, s.priority);
	for (size_t i = 0; i < N_ORGS; i++)
		if (fin.team[i] != s.team[i])
			rb_die("project %s: organisation %zu has role %d, the replay gives %d", id, i, fin.team[i],
			       s.team[i]);
	if (fin.departments.n != s.departments.n)
		rb_die("project %s: %zu departments, the replay gives %zu", id, fin.departments.n,
		       s.departments.n);
	for (size_t i = 0; i < s.departments.n; i++)
		if (!strv_contains(&fin.departments, s.departments.v[i]))
			rb_die("project %s: department %s is lost", id, s.departments.v[i]);
	/* A conflict overwrote nothing, and was real. */
	for (size_t i = 0; i < n_ops; i++) {
		const struct op *o = &ops[i];
		if (strcmp(o->id, id) != 0 || o->rc == 0)
			continue;
		if (o->expected < start->version || o->expected >= now.version)
			rb_die("project %s: a conflict on version %u, but nobody else changed it", id, o->expected);
		if (o->kind == OP_EDIT && strv_contains(&fin.departments, o->tag))
			rb_die("project %s: the refused edit %s was written anyway", id, o->tag);
		for (size_t j = 0; j < h.n; j++)
			if (o->kind == OP_MOVE && h.v[j].reason && strcmp(h.v[j].reason, o->tag) == 0)
				rb_die("project %s: the refused move %s is in history", id, o->tag);
	}
	for (size_t i = 0; i < h.n; i++)
		history_entry_fini(&h.v[i]);
	free(h.v);
	strv_fini(&s.departments);
	strv_fini(&fin.departments);
	project_fini(&now);
	free(succ);
}

int main(int argc, char **argv)
{
	rb_name = "load";
	if (argc < 3)
		rb_die("usage: load OZGTUI DIR [WORKERS [OPS [SECONDS]]]");
	ozgtui_bin = argv[1];
	int workers = argc > 3 ? atoi(argv[3]) : 8;
	int ops = argc > 4 ? atoi(argv[4]) : 400;
	int seconds = argc > 5 ? atoi(argv[5]) : 60;
	if (workers < 1 || workers > MAX_WORKERS || ops < 1)
		rb_die("bad arguments");
	const char *ce = getenv("OZGTUI_LOAD_CLI_EVERY");
	if (ce && *ce)
		cli_every = (unsigned)atoi(ce);
	char *dir = xasprintf("%s/db", argv[2]);
	db_dir = dir;
	rb_create(dir, N_PROJECTS);

	/* The starting state, and where history stands. */
	struct rb_db d;
	if (rb_open(&d, dir, N_PROJECTS))
		rb_die("open: %s", status_detail());
	if (d.n_orgs < N_ORGS)
		rb_die("too few municipalities");
	struct state start[N_PROJECTS];
	uint64_t seq0 = 0;
	struct txn *t = NULL;
	if (store_read_begin(d.s, &t) || store_history_each(t, 1, last_seq_cb, &seq0))
		rb_die("read: %s", status_detail());
	for (size_t i = 0; i < N_PROJECTS; i++) {
		struct project p;
		project_init(&p);
		if (store_project_get(t, &d.projects[i], &p))
			rb_die("read: %s", status_detail());
		state_of(&start[i], &p, &d);
		project_fini(&p);
	}
	store_txn_end(t);
	t = NULL;
	rb_close(&d);

	uint64_t seed = (uint64_t)rb_now_ms() * 2654435761u + (uint64_t)getpid();
	const char *fixed = getenv("OZGTUI_LOAD_SEED");
	if (fixed && *fixed)
		seed = strtoull(fixed, NULL, 10) | 1;
	rb_say("seed %llu (OZGTUI_LOAD_SEED repeats a run), %d workers x %d changes on %d projects",
	       (unsigned long long)seed, workers, ops, N_PROJECTS);

	int fds[2];
	if (pipe(fds) != 0)
		rb_die("pipe: %s", strerror(errno));
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	pid_t pids[MAX_WORKERS];
	int64_t t0 = rb_now_ms();
	for (int i = 0; i < workers; i++) {
		uint64_t s = rb_rand(&seed);
		fflush(NULL);
		pids[i] = fork();
		if (pids[i] < 0)
			rb_die("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			close(fds[0]);
			worker(i, ops, fds[1], s ? s : 1);
			_exit(0);
		}
	}
	close(fds[1]);
	struct buf log;
	buf_init(&log);
	int64_t deadline = t0 + (int64_t)seconds * 1000;
	for (;;) {
		struct pollfd pf = { fds[0], POLLIN, 0 };
		poll(&pf, 1, 100);
		if (!rb_drain(fds[0], &log))
			break;   /* every worker closed its end */
		if (rb_now_ms() > deadline) {
			for (int i = 0; i < workers; i++)
				kill(pids[i], SIGKILL);
			rb_die("the workers did not finish within %d s", seconds);
		}
	}
	close(fds[0]);
	for (int i = 0; i < workers; i++) {
		int ws;
		waitpid(pids[i], &ws, 0);
		if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
			rb_die("worker %d failed (see above)", i);
	}
	int64_t elapsed = rb_now_ms() - t0;

	/* Parse the reports. */
	size_t n_ops = 0, cap = 0;
	struct op *v = NULL;
	unsigned via_cli = 0, via_cli_conflicts = 0;
	buf_putc(&log, '\0');
	char *save = NULL;
	for (char *line = strtok_r(log.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		xgrow((void **)&v, &cap, n_ops + 1, sizeof *v);
		struct op *o = &v[n_ops];
		memset(o, 0, sizeof *o);
		int kind, n;
		if (sscanf(line, "%d %d %d %36s %u %d %n", &o->w, &o->k, &kind, o->id, &o->expected, &o->rc, &n) < 6)
			rb_die("bad report '%s'", line);
		o->kind = (enum opkind)kind;
		if (o->kind == OP_TEAM) {
			if (sscanf(line + n, "%u %d %d", &o->arg, &o->role, &o->cli) != 3)
				rb_die("bad report '%s'", line);
		} else if (sscanf(line + n, "%31s %u %d", o->tag, &o->arg, &o->cli) != 3) {
			rb_die("bad report '%s'", line);
		}
		via_cli += o->cli != 0;
		via_cli_conflicts += o->cli && o->rc == 75;
		if (o->rc != 0 && o->rc != 75)
			rb_die("worker %d change %d (%s) exited %d, expected 0 or 75", o->w, o->k, line, o->rc);
		n_ops++;
	}
	if (n_ops != (size_t)workers * (size_t)ops)
		rb_die("%zu reports for %d changes", n_ops, workers * ops);

	if (rb_open(&d, dir, N_PROJECTS))
		rb_die("open: %s", status_detail());
	unsigned n_ok = 0, n_conflict = 0;
	if (store_read_begin(d.s, &t))
		rb_die("read: %s", status_detail());
	for (size_t i = 0; i < N_PROJECTS; i++)
		check_project(&d, t, i, &start[i], v, n_ops, seq0, &n_ok, &n_conflict);
	store_txn_end(t);
	struct buf report;
	buf_init(&report);
	if (store_verify(d.s, &report))
		rb_die("verify: %s\n%s", status_detail(), report.data ? report.data : "");
	buf_fini(&report);
	rb_close(&d);
	if (rb_run_verify(ozgtui_bin, dir) != 0)
		rb_die("ozgtui verify fails");
	if (n_ok == 0 || n_conflict == 0 || (cli_every && via_cli_conflicts == 0))
		rb_die("%u successes and %u conflicts (%u through the binary): the test does not test", n_ok,
		       n_conflict, via_cli_conflicts);
	rb_say("%zu changes in %.1f s (%u through ozgtui, %u of them refused with exit 75): %u succeeded, "
	       "%u refused with 75; no update lost, every success in history once and in order, the replay "
	       "gives the final state, no conflict overwrote",
	       n_ops, (double)elapsed / 1000.0, via_cli, via_cli_conflicts, n_ok, n_conflict);
	for (size_t i = 0; i < N_PROJECTS; i++)
		strv_fini(&start[i].departments);
	free(v);
	buf_fini(&log);
	free(dir);
	return 0;
}
