/* test_roles.c - unit tests of roles (src/store_roles.c) and drafts
 * (src/tui/drafts.c, its file part), on real LMDB environments. The refusal
 * of a viewer runs in a child process that gives up root for `nobody`. */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ozgtui/drafts.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store_roles.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* This program's file, for the child to run (main): not /proc/self/exe,
 * which under valgrind is valgrind's tool, not the test. */
static char self_exe[PATH_MAX] = "/proc/self/exe";

/* A new directory under $TMPDIR or /tmp (caller frees). */
static char *test_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *dir = xasprintf("%s/ozgtui-roles-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void test_rmtree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static enum status seed_cb(struct txn *t, void *arg)
{
	(void)arg;
	return refdata_seed(t, PHASES_DEFAULT);
}

static char *new_db(char **base)
{
	*base = test_tmpdir();
	char *dir = xasprintf("%s/db", *base);
	struct store *s = NULL;
	assert_int_equal(store_open(dir, STORE_CREATE, &s), STATUS_OK);
	assert_int_equal(store_write(s, seed_cb, NULL), STATUS_OK);
	store_close(s);
	return dir;
}

static void test_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum access_role role;
		bool ok;
	} cases[] = {
		{"viewer", ACCESS_VIEWER, true},     {"coordinator", ACCESS_COORDINATOR, true},
		{"admin", ACCESS_ADMIN, true},       {"none", ACCESS_NONE, true},
		{"Admin", ACCESS_NONE, false},       {"", ACCESS_NONE, false},
		{"root", ACCESS_NONE, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum access_role r = ACCESS_NONE;
		assert_int_equal(store_role_parse(cases[i].name, &r), cases[i].ok);
		if (cases[i].ok) {
			assert_int_equal(r, cases[i].role);
			assert_string_equal(store_role_name(r), cases[i].name);
		}
	}
	assert_true(ACCESS_VIEWER < ACCESS_COORDINATOR && ACCESS_COORDINATOR < ACCESS_ADMIN);
}

struct set_arg {
	const char *user;
	enum access_role role;
};

static enum status set_cb(struct txn *t, void *arg)
{
	struct set_arg *a = arg;
	return store_role_set(t, a->user, a->role);
}

struct roles {
	char users[8][64];
	enum access_role roles[8];
	size_t n;
};

static int collect(const char *user, enum access_role r, void *arg)
{
	struct roles *x = arg;
	snprintf(x->users[x->n], sizeof x->users[0], "%s", user);
	x->roles[x->n++] = r;
	return 0;
}

static void read_roles(struct store *s, struct roles *x)
{
	struct txn *t = NULL;
	memset(x, 0, sizeof *x);
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_role_each(t, collect, x), STATUS_OK);
	store_txn_end(t);
}

static int last_history(const struct history_entry *e, void *arg)
{
	struct history_entry *out = arg;
	history_entry_fini(out);
	history_entry_init(out);
	history_entry_copy(out, e);
	return 1;
}

static void test_creator_is_admin_and_last_admin_stays(void **state)
{
	(void)state;
	char *base, *dir = new_db(&base);
	struct store *s = NULL;
	assert_int_equal(store_open(dir, 0, &s), STATUS_OK);
	struct roles x;
	read_roles(s, &x);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.users[0], user_name());
	assert_int_equal(x.roles[0], ACCESS_ADMIN);

	/* The only admin cannot step down; nothing is written. */
	struct set_arg a = {user_name(), ACCESS_VIEWER};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_RULE);
	assert_non_null(strstr(status_detail(), "last admin"));
	read_roles(s, &x);
	assert_int_equal(x.roles[0], ACCESS_ADMIN);

	/* Removing an entry that is not there changes nothing; a bad name is refused. */
	a = (struct set_arg){"nobody-here", ACCESS_NONE};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_OK);
	a = (struct set_arg){"a b", ACCESS_VIEWER};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_USAGE);

	/* Another admin first, then it may; each change is in history. */
	struct passwd *pw = getpwuid(getuid() == 0 ? 65534 : getuid());
	const char *other = pw && strcmp(pw->pw_name, user_name()) != 0 ? pw->pw_name : "zz-test-user";
	a = (struct set_arg){other, ACCESS_ADMIN};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_OK);
	a = (struct set_arg){user_name(), ACCESS_COORDINATOR};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_OK);
	struct txn *t = NULL;
	struct history_entry e;
	history_entry_init(&e);
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 1, last_history, &e), STATUS_OK);
	enum access_role mine;
	bool explicit_entry;
	assert_int_equal(store_role_of(t, user_name(), &mine, &explicit_entry), STATUS_OK);
	store_txn_end(t);
	assert_true(explicit_entry);
	assert_int_equal(mine, ACCESS_COORDINATOR);
	assert_string_equal(e.entity, "access");
	assert_string_equal(e.action, "role");
	assert_string_equal(e.user, user_name());
	char *want = xasprintf("%s: admin → coordinator", user_name());
	assert_string_equal(e.summary, want);
	free(want);
	history_entry_fini(&e);

	/* Now a coordinator (an entry counts, root or not): no more role changes. */
	a = (struct set_arg){"nobody-here", ACCESS_VIEWER};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_PERM);
	assert_non_null(strstr(status_detail(), "needs the role admin"));
	store_close(s);
	test_rmtree(base);
	free(base);
	free(dir);
}

static enum status field_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct topic_field f;
	topic_field_init(&f);
	enum status st = store_field_get(t, 1, &f);
	if (!st) {
		free(f.name);
		f.name = xstrdup("Umbenannt");
		st = store_field_put(t, &f);
	}
	topic_field_fini(&f);
	return st;
}

/* As nobody, with an entry saying viewer (or coordinator): project changes and
 * reference data are refused or allowed as the role says, refusals recorded. */
static void test_refusals_as_another_user(void **state)
{
	(void)state;
	if (getuid() != 0) {
		skip();
		return;
	}
	char *base, *dir = new_db(&base);
	struct store *s = NULL;
	assert_int_equal(store_open(dir, 0, &s), STATUS_OK);
	struct set_arg a = {"nobody", ACCESS_VIEWER};
	assert_int_equal(store_write(s, set_cb, &a), STATUS_OK);
	store_close(s);
	struct passwd *pw = getpwnam("nobody");
	assert_non_null(pw);
	char *cmd = xasprintf("chown -R %u '%s' && chmod 0755 '%s'", (unsigned)pw->pw_uid, base, base);
	assert_int_equal(system(cmd), 0);
	free(cmd);

	for (int round = 0; round < 2; round++) {
		fflush(NULL);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			/* A new process image: user_name() is read once per process. */
			char r[4];
			snprintf(r, sizeof r, "%d", round);
			if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
				_exit(10);
			execl(self_exe, "test_roles", "--child", dir, r, (char *)NULL);
			_exit(127);
		}
		int ws;
		assert_int_equal(waitpid(pid, &ws, 0), pid);
		assert_true(WIFEXITED(ws));
		assert_int_equal(WEXITSTATUS(ws), 0);
		/* the refusal is in history, as nobody */
		assert_int_equal(store_open(dir, 0, &s), STATUS_OK);
		struct txn *t = NULL;
		struct history_entry e;
		history_entry_init(&e);
		assert_int_equal(store_read_begin(s, &t), STATUS_OK);
		assert_int_equal(store_history_each(t, 1, last_history, &e), STATUS_OK);
		struct topic_field f;
		topic_field_init(&f);
		assert_int_equal(store_field_get(t, 1, &f), STATUS_OK);
		assert_string_not_equal(f.name, "Umbenannt");
		topic_field_fini(&f);
		store_txn_end(t);
		assert_string_equal(e.entity, "access");
		assert_string_equal(e.action, "refused");
		assert_string_equal(e.user, "nobody");
		assert_non_null(strstr(e.summary, "unit-test refused"));
		assert_non_null(strstr(e.summary, round == 0 ? "needs the role coordinator" : "needs the role admin"));
		history_entry_fini(&e);
		/* second round: a coordinator may change projects, not reference data */
		a = (struct set_arg){"nobody", ACCESS_COORDINATOR};
		assert_int_equal(store_write(s, set_cb, &a), STATUS_OK);
		store_close(s);
	}
	test_rmtree(base);
	free(base);
	free(dir);
}

static void test_modes(void **state)
{
	(void)state;
	char *base, *dir = new_db(&base);
	bool shared = true;
	assert_int_equal(store_check_modes(dir, &shared), STATUS_OK);
	assert_false(shared);
	assert_int_equal(chmod(dir, 02770), 0);
	assert_int_equal(store_check_modes(dir, &shared), STATUS_OK);
	assert_true(shared);
	/* a shared database's files become 0660 when we open it */
	struct store *s = NULL;
	assert_int_equal(store_open(dir, 0, &s), STATUS_OK);
	store_close(s);
	char *data = xasprintf("%s/data.mdb", dir), *lock = xasprintf("%s/lock.mdb", dir);
	struct stat sb;
	assert_int_equal(stat(data, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	/* every user may write: refused, directory or file */
	assert_int_equal(chmod(dir, 02777), 0);
	assert_int_equal(store_check_modes(dir, &shared), STATUS_PERM);
	assert_non_null(strstr(status_detail(), "writable by every user"));
	assert_int_equal(store_open(dir, STORE_READONLY, &s), STATUS_PERM);
	assert_int_equal(chmod(dir, 0700), 0);
	assert_int_equal(chmod(lock, 0662), 0);
	assert_int_equal(store_check_modes(dir, &shared), STATUS_PERM);
	assert_non_null(strstr(status_detail(), "lock.mdb"));
	free(data);
	free(lock);
	test_rmtree(base);
	free(base);
	free(dir);
}

/* ---- drafts ---- */

static void test_draft_round_trip(void **state)
{
	(void)state;
	char *base, *dir = new_db(&base);
	char *st_home = xasprintf("%s/state", base);
	setenv("XDG_STATE_HOME", st_home, 1);

	struct draft d;
	draft_init(&d);
	d.kind = DRAFT_FORM;
	uuid_new(&d.project);
	d.number = 12;
	d.saved = 1700000000;
	d.base.id = d.project;
	d.base.number = 12;
	d.base.title = xstrdup("Alt");
	d.base.version = 3;
	project_copy(&d.edit, &d.base);
	free(d.edit.title);
	d.edit.title = xstrdup("Neu\nmit Zeile \\ und ␛");
	assert_int_equal(draft_save(dir, &d), STATUS_OK);
	/* a second draft (a team prompt), newer */
	struct draft t;
	draft_init(&t);
	t.kind = DRAFT_TEAM;
	uuid_new(&t.project);
	t.number = 7;
	t.saved = 1700000100;
	t.line = xstrdup("Biele\\feld\n");
	assert_int_equal(draft_save(dir, &t), STATUS_OK);

	char *ddir = draft_dir();
	struct stat sb;
	assert_int_equal(stat(ddir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	struct draft *v = NULL;
	size_t n = 0, bad = 0;
	assert_int_equal(draft_list(dir, &v, &n, &bad), STATUS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(bad, 0);
	assert_int_equal(v[0].kind, DRAFT_TEAM);   /* newest first */
	assert_string_equal(v[0].line, "Biele\\feld\n");
	assert_int_equal(v[1].kind, DRAFT_FORM);
	assert_int_equal(v[1].number, 12);
	assert_int_equal(uuid_cmp(&v[1].project, &d.project), 0);
	assert_int_equal(v[1].base.version, 3);
	assert_string_equal(v[1].base.title, "Alt");
	assert_string_equal(v[1].edit.title, "Neu\nmit Zeile \\ und ␛");
	assert_int_equal(stat(v[1].path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* another database does not see them */
	char *other = xasprintf("%s/other", base);
	assert_int_equal(mkdir(other, 0700), 0);
	struct draft *w = NULL;
	size_t m = 5;
	assert_int_equal(draft_list(other, &w, &m, NULL), STATUS_OK);
	assert_int_equal(m, 0);
	free(w);

	/* a damaged file is skipped and counted, never half read */
	FILE *f = fopen(v[1].path, "r+");
	assert_non_null(f);
	fseek(f, -3, SEEK_END);
	fputs("xyz", f);
	fclose(f);
	for (size_t i = 0; i < n; i++)
		draft_fini(&v[i]);
	free(v);
	assert_int_equal(draft_list(dir, &v, &n, &bad), STATUS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(bad, 1);
	draft_remove(&v[0]);
	draft_fini(&v[0]);
	free(v);
	assert_int_equal(draft_list(dir, &v, &n, &bad), STATUS_OK);
	assert_int_equal(n, 0);
	free(v);

	draft_fini(&d);
	draft_fini(&t);
	free(ddir);
	free(other);
	free(st_home);
	unsetenv("XDG_STATE_HOME");
	test_rmtree(base);
	free(base);
	free(dir);
}

/* The child of test_refusals_as_another_user, run as nobody. */
static int child(const char *dir, int round)
{
	struct store *c = NULL;
	if (store_open(dir, 0, &c))
		return 11;
	store_role_action("unit-test");
	enum status st = store_write(c, field_cb, NULL);
	if (getenv("ROLES_DEBUG"))
		fprintf(stderr, "child as %s: %s: %s\n", user_name(), status_name(st), status_detail());
	int code = round == 0 ? (st == STATUS_PERM && strstr(status_detail(), "role viewer") ? 0 : 12)
			      : (st == STATUS_PERM && strstr(status_detail(), "needs the role admin") ? 0 : 13);
	store_close(c);
	return code;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--child") == 0)
		return child(argv[2], atoi(argv[3]));
	char real[PATH_MAX];
	if (argc > 0 && realpath(argv[0], real))
		memcpy(self_exe, real, sizeof self_exe);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_creator_is_admin_and_last_admin_stays),
		cmocka_unit_test(test_refusals_as_another_user),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_draft_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
