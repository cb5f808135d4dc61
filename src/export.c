/* export.c - what the export formats share: codes, dispatch, the atomic file
 * write, the report's content (export_report) and the escaping of data for
 * Markdown and HTML.
 */
#include "ozgtui/export.h"
#include "ozgtui/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "ozgtui/jsonio.h"
#include "ozgtui/rules.h"
#include "ozgtui/util.h"

static const char *const format_codes[] = {
#define EXPORT_FORMAT_CODE(name, code) code,
	EXPORT_FORMAT_LIST(EXPORT_FORMAT_CODE)
#undef EXPORT_FORMAT_CODE
};
static const char *const table_codes[] = {
#define EXPORT_TABLE_CODE(name, code) code,
	EXPORT_TABLE_LIST(EXPORT_TABLE_CODE)
#undef EXPORT_TABLE_CODE
};

const char *export_format_code(enum export_format f)
{
	return (unsigned)f < EXPORT__COUNT ? format_codes[f] : "";
}

bool export_format_parse(const char *s, enum export_format *out)
{
	for (size_t i = 0; i < EXPORT__COUNT; i++) {
		if (strcmp(s, format_codes[i]) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	}
	if (strcmp(s, "markdown") == 0) {
		*out = EXPORT_MD;
		return true;
	}
	return false;
}

const char *export_table_code(enum export_table t)
{
	return (unsigned)t < EXPORT_TABLE__COUNT ? table_codes[t] : "";
}

bool export_table_parse(const char *s, enum export_table *out)
{
	for (size_t i = 0; i < EXPORT_TABLE__COUNT; i++) {
		if (strcmp(s, table_codes[i]) == 0) {
			*out = (enum export_table)i;
			return true;
		}
	}
	return false;
}

enum status export_run(struct txn *t, const struct catalog *c, const struct export_opts *o, FILE *out)
{
	switch (o->format) {
	case EXPORT_JSON: {
		struct jsonio_export_opts jo = {
			.revision = o->snapshot ? o->snapshot->revision : UINT64_MAX,
			.filter = o->filter,
			.catalog = c,
			.today = o->snapshot ? date_from_time(o->snapshot->created) : clock_today(),
		};
		enum status st;
		if (o->snapshot && (st = snapshot_history_seq(t, o->snapshot, &jo.history_seq)) != STATUS_OK)
			return st;
		if (o->snapshot && !jo.history_seq)
			jo.history_seq = UINT64_MAX - 1;   /* none belongs: an empty history, not all */
		return jsonio_export_with(t, &jo, out);
	}
	case EXPORT_CSV:
		return export_csv(t, c, o, out);
	case EXPORT_MD:
		return export_md(t, c, o, out);
	case EXPORT_HTML:
		return export_html(t, c, o, out);
	case EXPORT__COUNT:
		break;
	}
	return status_fail(STATUS_USAGE, _("unknown export format"));
}

/* ---- atomic write ---------------------------------------------------------------- */

static char *dir_of(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

enum status export_write_atomic(const char *path, enum status (*fn)(FILE *out, void *arg), void *arg)
{
	char *dir = dir_of(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	/* a hidden name beside the target, unique per call */
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	enum status st = STATUS_OK;
	FILE *f = NULL;
	int fd = mkstemp(tmp);
	if (fd < 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot create a file in %s: %s"), dir, strerror(errno));
		goto out;
	}
	/* mkstemp makes 0600; an export is an ordinary file: 0666 less the umask */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	f = fdopen(fd, "w");
	if (!f) {
		st = status_fail(STATUS_IO, _("cannot write %s: %s"), tmp, strerror(errno));
		close(fd);
		goto fail;
	}
	st = fn(f, arg);
	errno = 0;
	if (st == STATUS_OK && (fflush(f) != 0 || ferror(f) || fsync(fd) != 0))
		st = status_fail(STATUS_IO, _("cannot write %s: %s"), path, errno ? strerror(errno) : _("write error"));
	if (fclose(f) != 0 && st == STATUS_OK)
		st = status_fail(STATUS_IO, _("cannot write %s: %s"), path, strerror(errno));
	if (st != STATUS_OK)
		goto fail;
	if (rename(tmp, path) != 0) {
		st = status_fail(STATUS_CANT_WRITE, _("cannot replace %s: %s"), path, strerror(errno));
		goto fail;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	goto out;
fail:
	unlink(tmp);
out:
	free(tmp);
	free(dir);
	return st;
}

/* ---- the report's content --------------------------------------------------------- */

static char *state_label(const struct snapshot *s)
{
	if (!s)
		return xstrdup("aktueller Stand");
	char day[11];
	date_format(date_from_time(s->created), day);
	return xasprintf("Stand „%s“ vom %s", s->name, day);
}

enum status export_report_load(struct txn *t, const struct catalog *c, const struct export_opts *o,
			       struct export_report *r)
{
	struct snapshot_state prev;
	enum status st;
	memset(r, 0, sizeof *r);
	r->c = c;
	snapshot_state_init(&r->state);
	snapshot_state_init(&prev);
	snapshot_init(&r->previous);
	snapshot_diff_init(&r->diff);
	r->generated = clock_now();
	r->today = o->snapshot ? date_from_time(o->snapshot->created) : clock_today();
	date_format(r->today, r->today_text);
	time_format(r->generated, r->generated_text);
	r->filtered = o->filter && !filter_is_empty(o->filter);
	r->state_label = state_label(o->snapshot);

	if ((st = snapshot_state_load(t, o->snapshot ? o->snapshot->revision : SNAPSHOT_NOW, &r->state)) !=
	    STATUS_OK)
		goto out;
	r->in_scope = xcalloc(r->state.n_projects + 1, sizeof *r->in_scope);
	for (size_t i = 0; i < r->state.n_projects; i++) {
		r->in_scope[i] = filter_match(o->filter, c, &r->state.projects[i], r->today);
		r->n_in_scope += r->in_scope[i];
	}

	if ((st = snapshot_find_previous(t, o->snapshot ? o->snapshot->name : NULL, &r->previous,
					 &r->has_previous)) != STATUS_OK)
		goto out;
	if (r->has_previous) {
		if ((st = snapshot_state_load(t, r->previous.revision, &prev)) != STATUS_OK)
			goto out;
		snapshot_diff_states(&prev, &r->state, c, o->filter, r->today, &r->diff);
	}
out:
	snapshot_state_fini(&prev);
	return st;
}

void export_report_fini(struct export_report *r)
{
	if (!r)
		return;
	snapshot_state_fini(&r->state);
	snapshot_fini(&r->previous);
	snapshot_diff_fini(&r->diff);
	free(r->in_scope);
	free(r->state_label);
	memset(r, 0, sizeof *r);
}

bool export_report_not_representative(const struct export_report *r, size_t i, struct team_verdict *v)
{
	const struct project *p = &r->state.projects[i];
	const struct phase *ph = catalog_phase(r->c, p->phase);
	if (ph && ph->closed)
		return false;
	*v = snapshot_state_verdict(&r->state, r->c, p);
	return !v->representative;
}

uint8_t export_report_late(const struct export_report *r, size_t i)
{
	return rules_late_phase(&r->c->phases, &r->state.projects[i], r->today);
}

bool export_report_overdue(const struct export_report *r, const struct outcome *o)
{
	return o->kind == OUTCOME_ACTION && o->status == OUTCOME_STATUS_OPEN && o->due && o->due < r->today;
}

bool export_report_outcome_in_scope(const struct export_report *r, const struct outcome *o)
{
	if (!r->filtered)
		return true;
	for (size_t k = 0; k < o->n_projects; k++)
		for (size_t i = 0; i < r->state.n_projects; i++)
			if (r->in_scope[i] && uuid_cmp(&r->state.projects[i].id, &o->projects[k]) == 0)
				return true;
	return false;
}

size_t export_report_count(const struct export_report *r, uint16_t field, uint8_t phase)
{
	size_t n = 0;
	for (size_t i = 0; i < r->state.n_projects; i++)
		n += r->in_scope[i] && r->state.projects[i].field == field && r->state.projects[i].phase == phase;
	return n;
}

size_t export_report_fields(const struct export_report *r, uint16_t **out)
{
	const struct catalog *c = r->c;
	uint16_t *v = xcalloc(c->n_fields + 1, sizeof *v);
	size_t n = 0;
	bool unfielded = false;
	for (size_t i = 0; i < r->state.n_projects; i++)
		unfielded |= r->in_scope[i] && !r->state.projects[i].field;
	for (size_t fi = 0; fi < c->n_fields; fi++) {
		bool used = !r->filtered;
		for (size_t i = 0; i < r->state.n_projects && !used; i++)
			used = r->in_scope[i] && r->state.projects[i].field == c->fields[fi].number;
		if (used)
			v[n++] = c->fields[fi].number;
	}
	if (unfielded)
		v[n++] = 0;
	*out = v;
	return n;
}

const char *export_report_field_name(const struct catalog *c, uint16_t number)
{
	return catalog_field_name(c, number, "ohne Themenfeld");
}

void export_report_categories(struct buf *b, uint32_t mask, void (*put)(struct buf *b, const char *s))
{
	const char *sep = "";
	for (int k = 1; k <= CAT__MAX; k++) {
		if (mask & CAT_BIT(k)) {
			buf_puts(b, sep);
			put(b, category_label_de((enum category)k));
			sep = ", ";
		}
	}
}

/* ---- escaping ----------------------------------------------------------------- */

/* Bidirectional controls would reorder what a reader sees ("Trojan Source"). */
static bool is_bidi_control(int32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Calls put(b, code point bytes) for every character of s, with invalid UTF-8
 * as U+FFFD and control characters (bidirectional ones too) as a space. */
static void each_char(struct buf *b, const char *s, void (*put)(struct buf *, const char *, size_t))
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0) {
			put(b, "\xEF\xBF\xBD", 3);
			p++;
			continue;
		}
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp))
			put(b, " ", 1);
		else
			put(b, (const char *)p, (size_t)len);
		p += len;
	}
}

static void put_plain(struct buf *b, const char *s, size_t n)
{
	buf_append(b, s, n);
}

static void put_md(struct buf *b, const char *s, size_t n)
{
	if (n == 1 && strchr("\\`*_[]<>#|~&", s[0]))
		buf_putc(b, '\\');
	buf_append(b, s, n);
}

static void put_html(struct buf *b, const char *s, size_t n)
{
	if (n == 1) {
		switch (s[0]) {
		case '&': buf_puts(b, "&amp;"); return;
		case '<': buf_puts(b, "&lt;"); return;
		case '>': buf_puts(b, "&gt;"); return;
		case '"': buf_puts(b, "&quot;"); return;
		case '\'': buf_puts(b, "&#39;"); return;
		}
	}
	buf_append(b, s, n);
}

void export_clean(struct buf *b, const char *s)
{
	each_char(b, s, put_plain);
}

void export_md_escape(struct buf *b, const char *s)
{
	each_char(b, s, put_md);
}

void export_html_escape(struct buf *b, const char *s)
{
	each_char(b, s, put_html);
}
