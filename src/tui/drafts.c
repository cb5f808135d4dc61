/* drafts.c - edits in progress kept across a dropped connection (drafts.h),
 * and the interface's end by a signal.
 *
 * The signal handlers of tui.c only set a flag; the key loop sees it and calls
 * tui_signal_exit(), in ordinary context: it asks every open view for a draft
 * (view_ops.draft), writes them, restores the terminal, closes the database (so
 * no reader slot is left behind) and ends the process by the same signal.
 */
#include "ozgtui/drafts.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

#define DRAFT_MAGIC "ozgtui-draft 1\n"
#define DRAFT_MAX (16u << 20)

void draft_init(struct draft *d)
{
	memset(d, 0, sizeof *d);
	project_init(&d->base);
	project_init(&d->edit);
}

void draft_fini(struct draft *d)
{
	if (!d)
		return;
	free(d->line);
	free(d->path);
	project_fini(&d->base);
	project_fini(&d->edit);
	memset(d, 0, sizeof *d);
}

char *draft_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	if (state && *state == '/')
		return xasprintf("%s/ozgtui/drafts", state);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/state/ozgtui/drafts", home && *home ? home : ".");
}

/* The database's real path (caller frees). */
static char *real_db(const char *db_dir)
{
	char *r = realpath(db_dir, NULL);
	return r ? r : xstrdup(db_dir);
}

/* FNV-1a of the real path: the prefix of the database's draft files. */
static void db_prefix(const char *real, char out[static 18])
{
	uint64_t h = 14695981039346656037ull;
	for (const unsigned char *p = (const unsigned char *)real; *p; p++) {
		h ^= *p;
		h *= 1099511628211ull;
	}
	snprintf(out, 18, "%016llx-", (unsigned long long)h);
}

static enum status make_dir(const char *dir)
{
	char *p = xstrdup(dir);
	enum status st = STATUS_OK;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			st = status_fail(STATUS_CANT_WRITE, _("cannot create %s: %s"), p, strerror(errno));
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return st;
}

static void put_escaped(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n')
			buf_puts(b, "\\n");
		else if (*s == '\\')
			buf_puts(b, "\\\\");
		else
			buf_putc(b, *s);
	}
}

static void put_record(struct buf *b, const char *name, const struct project *p)
{
	struct buf r;
	buf_init(&r);
	project_encode(p, &r);
	buf_printf(b, "%s %zu\n", name, r.len);
	buf_append(b, r.data, r.len);
	buf_putc(b, '\n');
	buf_fini(&r);
}

enum status draft_save(const char *db_dir, const struct draft *d)
{
	char *real = real_db(db_dir), *dir = draft_dir(), *tmp = NULL, *path = NULL;
	char prefix[18], id[37];
	struct buf b;
	buf_init(&b);
	enum status st = make_dir(dir);
	if (st)
		goto out;
	db_prefix(real, prefix);
	if (d->create)
		snprintf(id, sizeof id, "new");
	else
		uuid_format(&d->project, id);
	path = xasprintf("%s/%s%s.draft", dir, prefix, id);
	tmp = xasprintf("%s/.%s%s.XXXXXX", dir, prefix, id);

	buf_puts(&b, DRAFT_MAGIC);
	buf_printf(&b, "kind %s\n", d->kind == DRAFT_TEAM ? "team" : "form");
	buf_puts(&b, "db ");
	put_escaped(&b, real);
	buf_printf(&b, "\nproject %s\nnumber %u\nsaved %lld\nline ", id, (unsigned)d->number, (long long)d->saved);
	put_escaped(&b, d->line);
	buf_putc(&b, '\n');
	put_record(&b, "base", &d->base);
	put_record(&b, "edit", &d->edit);

	int fd = mkstemp(tmp);
	if (fd < 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot write a draft in %s: %s"), dir, strerror(errno));
		goto out;
	}
	size_t done = 0;
	while (done < b.len) {
		ssize_t n = write(fd, b.data + done, b.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	bool ok = done == b.len && fchmod(fd, 0600) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot write the draft %s: %s"), path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
out:
	buf_fini(&b);
	free(tmp);
	free(path);
	free(dir);
	free(real);
	return st;
}

/* ---- reading ----------------------------------------------------------- */

struct cursor {
	const char *p, *end;
};

/* The rest of the line after "key " (unescaped; caller frees), or NULL. */
static char *take_line(struct cursor *c, const char *key)
{
	size_t k = strlen(key);
	if ((size_t)(c->end - c->p) < k + 1 || memcmp(c->p, key, k) != 0 || c->p[k] != ' ')
		return NULL;
	const char *s = c->p + k + 1;
	const char *nl = memchr(s, '\n', (size_t)(c->end - s));
	if (!nl)
		return NULL;
	struct buf b;
	buf_init(&b);
	for (const char *q = s; q < nl; q++) {
		if (*q == '\\' && q + 1 < nl) {
			q++;
			buf_putc(&b, *q == 'n' ? '\n' : *q);
		} else {
			buf_putc(&b, *q);
		}
	}
	buf_putc(&b, '\0');
	c->p = nl + 1;
	return buf_steal(&b);
}

static bool take_record(struct cursor *c, const char *key, struct project *out)
{
	char *len_s = take_line(c, key);
	if (!len_s)
		return false;
	char *end;
	unsigned long long len = strtoull(len_s, &end, 10);
	bool ok = *len_s && !*end && len < DRAFT_MAX && (size_t)(c->end - c->p) >= len + 1 && c->p[len] == '\n';
	free(len_s);
	if (!ok)
		return false;
	project_fini(out);
	project_init(out);
	ok = project_decode(out, c->p, (size_t)len) == STATUS_OK;
	c->p += len + 1;
	return ok;
}

static bool parse(const char *data, size_t len, const char *real, struct draft *d)
{
	struct cursor c = { data, data + len };
	size_t m = strlen(DRAFT_MAGIC);
	if (len < m || memcmp(data, DRAFT_MAGIC, m) != 0)
		return false;
	c.p += m;
	char *kind = take_line(&c, "kind"), *db = take_line(&c, "db"), *id = take_line(&c, "project"),
	     *num = take_line(&c, "number"), *saved = take_line(&c, "saved");
	d->line = take_line(&c, "line");
	bool ok = kind && db && id && num && saved && d->line && strcmp(db, real) == 0;
	if (ok) {
		d->kind = strcmp(kind, "team") == 0 ? DRAFT_TEAM : DRAFT_FORM;
		ok = strcmp(kind, "team") == 0 || strcmp(kind, "form") == 0;
		d->create = strcmp(id, "new") == 0;
		if (!d->create)
			ok = ok && uuid_from_text(id, &d->project);
		d->number = (uint32_t)strtoul(num, NULL, 10);
		d->saved = strtoll(saved, NULL, 10);
		if (!*d->line) {
			free(d->line);
			d->line = NULL;
		}
	}
	ok = ok && take_record(&c, "base", &d->base) && take_record(&c, "edit", &d->edit) && c.p == c.end;
	free(kind);
	free(db);
	free(id);
	free(num);
	free(saved);
	return ok;
}

static bool read_draft(const char *path, const char *real, struct draft *d)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0)
		return false;
	struct stat sb;
	bool ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == getuid() && sb.st_size > 0 &&
		  (uint64_t)sb.st_size <= DRAFT_MAX;
	char *data = NULL;
	if (ok) {
		data = xmalloc((size_t)sb.st_size);
		size_t done = 0;
		while (done < (size_t)sb.st_size) {
			ssize_t n = read(fd, data + done, (size_t)sb.st_size - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += (size_t)n;
		}
		ok = done == (size_t)sb.st_size && parse(data, done, real, d);
	}
	free(data);
	close(fd);
	return ok;
}

static int newest_first(const void *a, const void *b)
{
	const struct draft *x = a, *y = b;
	return x->saved > y->saved ? -1 : x->saved < y->saved;
}

enum status draft_list(const char *db_dir, struct draft **out, size_t *n, size_t *bad)
{
	*out = NULL;
	*n = 0;
	if (bad)
		*bad = 0;
	char *real = real_db(db_dir), *dir = draft_dir();
	char prefix[18];
	db_prefix(real, prefix);
	size_t cap = 0;
	DIR *dp = opendir(dir);
	if (dp) {
		struct dirent *e;
		while ((e = readdir(dp)) != NULL) {
			size_t len = strlen(e->d_name);
			if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || len < 6 ||
			    strcmp(e->d_name + len - 6, ".draft") != 0)
				continue;
			xgrow((void **)out, &cap, *n + 1, sizeof **out);
			struct draft *d = &(*out)[*n];
			draft_init(d);
			d->path = xasprintf("%s/%s", dir, e->d_name);
			if (read_draft(d->path, real, d)) {
				++*n;
			} else {
				if (bad)
					++*bad;
				draft_fini(d);
			}
		}
		closedir(dp);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, newest_first);
	free(dir);
	free(real);
	return STATUS_OK;
}

void draft_remove(const struct draft *d)
{
	if (d->path)
		unlink(d->path);
}

/* ---- the interface ----------------------------------------------------- */

void tui_signal_exit(struct tui *t, int sig)
{
	/* 1. The drafts, before anything that might block on a dead terminal. */
	size_t kept = 0;
	uint32_t number = 0;
	const char *db = t->store ? store_dir(t->store) : NULL;
	for (size_t i = t->depth; db && i-- > 0;) {
		struct view *v = t->stack[i];
		if (!v || !v->ops->draft)
			continue;
		struct draft d;
		draft_init(&d);
		d.saved = clock_now();
		if (v->ops->draft(t, v, &d) && draft_save(db, &d) == STATUS_OK) {
			kept++;
			number = d.number;
		}
		draft_fini(&d);
	}
	/* 2. The terminal, where it still exists. */
	if (!isendwin())
		endwin();
	if (kept) {
		char msg[200];
		int len = number ? snprintf(msg, sizeof msg, _("ozgtui: your edit of #%u is kept as a draft; the next start "
						  "offers it\n"), (unsigned)number)
				 : snprintf(msg, sizeof msg, _("ozgtui: your edit is kept as a draft; the next start offers it\n"));
		if (len > 0 && write(STDERR_FILENO, msg, (size_t)len) < 0) {
			/* the terminal is gone: nothing to tell */
		}
	}
	/* 3. The database: closing the environment frees our reader slot. */
	if (t->ctx) {
		store_close(t->ctx->store);
		t->ctx->store = NULL;
		t->store = NULL;
	}
	/* 4. End by the same signal, as the shell expects. */
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

static void when_text(int64_t saved, char out[static 32])
{
	time_t s = (time_t)saved, now = (time_t)clock_now();
	struct tm tm, tn;
	localtime_r(&s, &tm);
	localtime_r(&now, &tn);
	if (tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday)
		strftime(out, 32, "%H:%M", &tm);
	else
		strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

void tui_drafts_offer(struct tui *t)
{
	if (!t->store || store_readonly(t->store))
		return;   /* a read-only session cannot save them: keep them for another */
	struct draft *v = NULL;
	size_t n = 0, bad = 0;
	draft_list(store_dir(t->store), &v, &n, &bad);
	bool resumed = false;
	for (size_t i = 0; i < n && !resumed; i++) {
		struct draft *d = &v[i];
		char when[32], q[200];
		when_text(d->saved, when);
		if (d->create)
			snprintf(q, sizeof q, _("There is a draft of a new project from %s — continue?"), when);
		else if (d->kind == DRAFT_TEAM)
			snprintf(q, sizeof q, _("There is a draft of the team of #%u from %s — continue?"),
				 (unsigned)d->number, when);
		else
			snprintf(q, sizeof q, _("There is a draft of #%u from %s — continue?"), (unsigned)d->number,
				 when);
		tui_draw(t);
		bool yes = tui_confirm(t, q);
		draft_remove(d);
		if (!yes) {
			tui_message(t, THEME_STATUS, "%s", _("draft discarded"));
			continue;
		}
		resumed = true;
		if (d->kind == DRAFT_TEAM)
			tui_team_editor_resume(t, &d->project, d->line);
		else
			tui_project_form_resume(t, &d->base, &d->edit, d->create);
	}
	for (size_t i = 0; i < n; i++)
		draft_fini(&v[i]);
	free(v);
	if (bad && !resumed)
		tui_message(t, THEME_STATUS_ERROR,
			    P_("%zu draft file could not be read (kept in the drafts directory)",
			       "%zu draft files could not be read (kept in the drafts directory)", bad),
			    bad);
}
