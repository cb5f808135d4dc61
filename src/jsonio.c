/* jsonio.c - the import of a JSON document (docs/json-format.md); the export
 * is in jsonio_export.c.
 *
 * The document is read once, front to back, inside ONE write transaction:
 * each element of a top-level array is read into its struct
 * (jsonio_records.c, through the reader of jsonio_read.c), checked against the
 * document read so far and the database, written and freed. What stays in
 * memory is the keys of the document's records (for duplicates and
 * references), never the records: memory does not grow with the document
 * beyond them and what LMDB keeps of the transaction. The first error stops
 * the writing, not the reading: every error of the file is counted (the first
 * ten shown, each "path:LINE: where: what"), and then the transaction is
 * aborted, so a refused file leaves the database exactly as it was. A dry
 * run reads the same way in a read transaction and writes nothing.
 *
 * Order: the members of the top-level object may come in any order. The export
 * writes format, version, phases and settings first and every array before
 * the arrays that refer to it, and such a document is read in one pass. When
 * settings or an array come before "format", "format_version" or "phases" are
 * known, the rest of the document is first scanned for those three (the file
 * is read twice then); a reference to a kind whose array has not been read
 * yet is settled at the end of the document.
 *
 * Target modes: a database with no project, workshop, outcome or history
 * (store_is_empty) gets everything verbatim (restore). Any other database gets a
 * merge: reference data and workshops/outcomes upserted by key, projects upserted
 * by UUID (keeping their numbers; a number held by another UUID is an error),
 * each added or changed project gets an "import" history entry; the document's
 * phases, settings and history are checked, not copied.
 *
 * The parts: this file reads the document (its top level, the look ahead,
 * the arrays) and reports; jsonio_keys.c keeps the document's keys and
 * settles references; jsonio_write.c compares and writes each record.
 */
#include "ozgtui/jsonio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ozgtui/i18n.h"
#include "ozgtui/import.h"
#include "ozgtui/progress.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

/* ---- the import ------------------------------------------------------------------ */

static const char *const top_keys[] = {
	"format", "format_version", "schema_version", "exported_at", "phases", "settings",
	"topic_fields", "organisations", "services", "projects", "workshops", "outcomes",
	"history", NULL};

/* Everything a run reads, back to the start (store_write may run it again). */
static void imp_clear(struct imp *im)
{
	jerrs_clear(&im->errs);
	im->st = STATUS_OK;
	im->stop = false;
	im->t = NULL;
	im->restore = false;
	im->seen = im->ahead = 0;
	im->prelude = false;
	memset(im->top_line, 0, sizeof im->top_line);
	free(im->format);
	im->format = NULL;
	memset(&im->version, 0, sizeof im->version);
	im->version.t = JT_NULL;
	im->has_phases = im->has_settings = false;
	im->n_phase_elems = 0;
	phase_list_fini(&im->phases);
	phase_list_init(&im->phases);
	phase_list_fini(&im->dbphases);
	phase_list_init(&im->dbphases);
	im->eff = NULL;
	settings_fini(&im->settings);
	settings_init(&im->settings);
	imp_keys_reset(im);
	vec_fini(&im->deferred, deferred_fini);
	vec_init(&im->deferred, sizeof(struct deferred));
	memset(im->count, 0, sizeof im->count);
	memset(im->added, 0, sizeof im->added);
	memset(im->updated, 0, sizeof im->updated);
}

static void imp_init(struct imp *im, const char *path)
{
	memset(im, 0, sizeof *im);
	im->path = path;
	im->fd = -1;
	im->errs.path = path;
	buf_init(&im->errs.text);
	buf_init(&im->what);
	phase_list_init(&im->phases);
	phase_list_init(&im->dbphases);
	settings_init(&im->settings);
	vec_init(&im->deferred, sizeof(struct deferred));
	imp_keys_reset(im);
	struct buf name;
	buf_init(&name);
	/* the file name goes into history: any bytes of it made valid text */
	const char *b = strrchr(path, '/');
	text_sanitize(&name, b && b[1] ? b + 1 : path);
	im->file = buf_steal(&name);
}

static void imp_fini(struct imp *im)
{
	imp_clear(im);
	imp_keys_fini(im);
	vec_fini(&im->deferred, NULL);
	phase_list_fini(&im->phases);
	phase_list_fini(&im->dbphases);
	settings_fini(&im->settings);
	if (im->fd >= 0)
		jr_fini(&im->j);
	if (im->copy)
		fclose(im->copy);
	else if (im->fd >= 0)
		close(im->fd);
	buf_fini(&im->errs.text);
	buf_fini(&im->what);
	free(im->file);
}

/* Opens the document; what is not a regular file (a pipe) is first copied to a
 * temporary file, since a document out of order is read twice. */
static enum status imp_open(struct imp *im)
{
	struct stat sb;
	int fd = open(im->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return status_fail(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", im->path,
				   strerror(errno));
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		im->fd = fd;
		im->size = sb.st_size;
		jr_init(&im->j, fd, &im->errs);
		return STATUS_OK;
	}
	FILE *tmp = tmpfile();
	if (!tmp) {
		close(fd);
		return status_fail(STATUS_IO, _("%s: cannot make a temporary copy: %s"), im->path,
				   strerror(errno));
	}
	char chunk[65536];
	ssize_t n;
	bool bad = false;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(chunk, 1, (size_t)n, tmp) != (size_t)n) {
			bad = true;
			break;
		}
	}
	int err = errno;
	close(fd);
	if (bad || fflush(tmp) != 0) {
		fclose(tmp);
		return status_fail(STATUS_IO, "%s: %s", im->path, strerror(err));
	}
	im->copy = tmp;
	im->fd = fileno(tmp);
	im->size = ftello(tmp);
	jr_init(&im->j, im->fd, &im->errs);
	return STATUS_OK;
}

static void doc_vfail(struct imp *im, int line, const char *fmt, va_list ap)
{
	va_list aq;
	char *msg;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	jerrs_add(&im->errs, line ? line : 1, NULL, "%s", msg);
	free(msg);
}

/* An error about the document itself (no record). */
__attribute__((format(printf, 3, 4)))
static void doc_fail(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	doc_vfail(im, line, fmt, ap);
	va_end(ap);
}

/* ---- the document ------------------------------------------------------------------ */

/* The phases: every phase reference resolves against them. */
static void read_phases(struct imp *im)
{
	struct jr *j = &im->j;
	struct jv v;
	size_t m = 0;
	long i = 0;
	if (!jr_value(j, &v) || v.t == JT_NULL)
		return;
	if (v.t != JT_ARRAY) {
		doc_fail(im, im->top_line[T_PHASES], _("phases: expected an array, not %s"), jr_type_name(v.t));
		if (v.t == JT_OBJECT)
			jr_skip(j);
		return;
	}
	im->has_phases = true;
	jr_enter(j);
	while (jr_element(j, &m) == 1) {
		struct rec r;
		struct phase ph;
		rec_begin(&r, im, j, "phases", i++);
		read_phase(&r, &ph);
		for (size_t k = 0; !r.bad && k < im->phases.n; k++) {
			if (im->phases.v[k].id == ph.id)
				rec_fail(&r, r.key_line[0], _("duplicate phase id %u"), (unsigned)ph.id);
			else if (!strcmp(im->phases.v[k].slug, ph.slug))
				rec_fail(&r, r.key_line[1], _("duplicate phase slug '%s'"), ph.slug);
		}
		rec_end(&r);
		if (r.bad) {
			free(ph.name);
			free(ph.slug);
		} else {
			im->phases.v = xrealloc(im->phases.v, (im->phases.n + 1) * sizeof *im->phases.v);
			im->phases.v[im->phases.n++] = ph;
		}
		if (j->failed)
			return;
	}
	im->n_phase_elems = (size_t)i;
	if (!i)
		doc_fail(im, im->top_line[T_PHASES], _("phases: the list is empty"));
}

static int top_key(const char *key)
{
	for (int k = 0; top_keys[k]; k++)
		if (!strcmp(top_keys[k], key))
			return k;
	return -1;
}

static void read_top(struct imp *im, int k);

/* A foreign or newer document: this error alone is reported. */
__attribute__((format(printf, 3, 4)))
static void foreign(struct imp *im, int line, const char *fmt, ...)
{
	va_list ap;
	jerrs_clear(&im->errs);
	va_start(ap, fmt);
	doc_vfail(im, line, fmt, ap);
	va_end(ap);
	im->stop = true;
}

/* The rest of the document, scanned for format, version and phases, which an
 * array came before; then read on from where the array starts. */
static void look_ahead(struct imp *im)
{
	struct jr *j = &im->j;
	off_t off = jr_offset(j);
	int line = j->line, got;
	size_t n = 1;
	if (!jr_skip(j))
		return;
	while ((got = jr_member(j, &n)) == 1) {
		int k = top_key(j->key.data);
		unsigned bit = k >= 0 ? TBIT(k) : 0;
		if ((k == T_FORMAT || k == T_VERSION || k == T_PHASES) && !((im->seen | im->ahead) & bit)) {
			im->ahead |= bit;
			im->top_line[k] = j->key_line;
			j->limit = jr_offset(j) + MAX_VALUE;
			read_top(im, k);
			jr_end(j);
		} else if (!jr_skip(j)) {
			return;
		}
		if (j->failed || im->stop)
			return;
	}
	if (got == 0)
		jr_seek(j, off, line);
}

/* Before settings or the first array: format, version and phases settled. */
static bool prelude(struct imp *im)
{
	if (im->prelude)
		return !im->stop;
	im->prelude = true;
	if (~(im->seen | im->ahead) & (TBIT(T_FORMAT) | TBIT(T_VERSION) | TBIT(T_PHASES)))
		look_ahead(im);
	if (im->stop || im->j.failed)
		return false;
	if (!im->format || strcmp(im->format, FORMAT_NAME)) {
		foreign(im, im->top_line[T_FORMAT], _("not an ozgtui document (\"format\" must be \"%s\")"),
			FORMAT_NAME);
		return false;
	}
	const struct jv *v = &im->version;
	int vline = im->top_line[T_VERSION];
	if (!(im->seen & TBIT(T_VERSION)) && !(im->ahead & TBIT(T_VERSION)))
		foreign(im, 1, _("format_version: missing"));
	else if (v->t == JT_NULL)
		foreign(im, vline, _("format_version: must not be null"));
	else if (v->t != JT_INT)
		foreign(im, vline, _("format_version: expected an integer, not %s"), jr_type_name(v->t));
	else if (v->i != JSONIO_FORMAT_VERSION)
		foreign(im, vline, _("format_version %lld is not supported (this ozgtui reads %d)"),
			(long long)v->i, JSONIO_FORMAT_VERSION);
	if (im->stop)
		return false;
	im->eff = im->restore && im->has_phases ? &im->phases : &im->dbphases;
	if (!im->eff->n && !(im->has_phases && im->n_phase_elems)) {
		doc_fail(im, im->top_line[T_PHASES], _("phases: missing, and the database has none"));
		im->eff = NULL;
	}
	if (im->restore && im->has_phases && may_write(im, NULL))
		store_result(im, store_phases_put(im->t, &im->phases));
	return !im->stop;
}

/* One of the big arrays, element by element. */
static void read_array(struct imp *im, int k)
{
	static const struct {
		int kind;                 /* K_* */
		enum jkind keys;
		void (*fn)(struct imp *, struct rec *);
	} arrays[] = {
		[T_FIELDS] = {K_FIELD, JK_FIELD, elem_field},
		[T_ORGS] = {K_ORG, JK_ORG, elem_org},
		[T_SERVICES] = {K_SERVICE, JK_SERVICE, elem_service},
		[T_PROJECTS] = {K_PROJECT, JK_PROJECT, elem_project},
		[T_WORKSHOPS] = {K_WORKSHOP, JK_WORKSHOP, elem_workshop},
		[T_OUTCOMES] = {K_OUTCOME, JK_OUTCOME, elem_outcome},
		[T_HISTORY] = {K_HISTORY, JK_HISTORY, elem_history},
	};
	struct jr *j = &im->j;
	struct jv v;
	size_t m = 0;
	long i = 0;
	if (!jr_value(j, &v))
		return;
	if (v.t != JT_ARRAY && v.t != JT_NULL) {
		doc_fail(im, im->top_line[k], _("%s: expected an array, not %s"), top_keys[k], jr_type_name(v.t));
		if (v.t == JT_OBJECT)
			jr_skip(j);
	} else if (v.t == JT_ARRAY) {
		jr_enter(j);
		while (!im->stop && jr_element(j, &m) == 1) {
			struct rec r;
			rec_begin(&r, im, j, top_keys[k], i);
			j->limit = jr_offset(j) + MAX_VALUE;
			arrays[k].fn(im, &r);
			jr_end(j);
			imp_rec_end(im, &r);
			i++;
			if (!(i & 127))
				progress_set(&im->prog, (uint64_t)jr_offset(j) >> 10);
			/* the pages of the map read so far are the page cache's, not ours */
			if (!(i & 1023))
				store_map_release(im->t);
			if (j->failed)
				return;
		}
	}
	im->count[arrays[k].kind] = (size_t)i;
	im->done[arrays[k].keys] = true;
	if (k == T_PROJECTS)
		im->done[JK_NUMBER] = true;
	if (k == T_ORGS)
		orgs_settle(im);
}

static void read_top(struct imp *im, int k)
{
	struct jr *j = &im->j;
	struct jv v;
	struct rec r;
	int64_t x;
	switch (k) {
	case T_FORMAT:
		if (!jr_value(j, &v))
			return;
		free(im->format);
		im->format = v.t == JT_STRING ? xstrdup(v.s) : NULL;
		if (v.t == JT_OBJECT || v.t == JT_ARRAY)
			jr_skip(j);
		break;
	case T_VERSION:
		if (!jr_value(j, &im->version))
			return;
		im->version.s = NULL;
		if (im->version.t == JT_OBJECT || im->version.t == JT_ARRAY)
			jr_skip(j);
		break;
	case T_SCHEMA:
		rec_begin(&r, im, j, NULL, -1);
		rec_int(&r, "schema_version", false, 1, UINT32_MAX, 0, &x);
		rec_end(&r);
		break;
	case T_EXPORTED:
		rec_begin(&r, im, j, NULL, -1);
		rec_time(&r, "exported_at");
		rec_end(&r);
		break;
	case T_PHASES:
		read_phases(im);
		break;
	case T_SETTINGS:
		rec_begin(&r, im, j, "settings", -1);
		if (read_settings(&r, &im->settings)) {
			im->has_settings = true;
			if (im->restore && may_write(im, &r))
				store_result(im, store_settings_put(im->t, &im->settings));
		}
		rec_end(&r);
		break;
	default:
		read_array(im, k);
		break;
	}
}

static void read_document(struct imp *im)
{
	struct jr *j = &im->j;
	char w[32];
	size_t n = 0;
	int got = 0;
	int c = jr_ws(j);
	if (c != '{') {
		if (j->failed)
			return;
		const char *what = c < 0 ? NULL : c == '[' ? _("an array") : c == '"' ? _("a string") :
				   c == 't' || c == 'f' ? _("a boolean") : c == 'n' ? _("null") :
				   c == '-' || (c >= '0' && c <= '9') ? _("a number") : NULL;
		if (what)
			doc_fail(im, j->line, _("expected a JSON object, not %s"), what);
		else
			doc_fail(im, j->line, _("expected a JSON object, found %s"), jr_what(j, w));
		im->stop = true;
		return;
	}
	jr_enter(j);
	while (!im->stop && (got = jr_member(j, &n)) == 1) {
		int k = top_key(j->key.data);
		int kline = j->key_line;
		if (k < 0) {
			doc_fail(im, kline, _("unknown key '%s'"), j->key.data);
			if (!jr_skip(j))
				return;
			continue;
		}
		if (im->seen & TBIT(k)) {
			doc_fail(im, kline, _("duplicate object key \"%s\""), top_keys[k]);
			im->stop = true;
			return;
		}
		im->seen |= TBIT(k);
		im->top_line[k] = kline;
		if (im->ahead & TBIT(k)) {
			if (!jr_skip(j))
				return;
			continue;
		}
		if (k >= T_SETTINGS && !prelude(im))
			return;
		if (k < T_FIELDS)
			j->limit = jr_offset(j) + MAX_VALUE;
		read_top(im, k);
		if (k < T_FIELDS)
			jr_end(j);
		if (j->failed)
			return;
	}
	if (got < 0 || im->stop)
		return;
	if (jr_ws(j) >= 0) {
		doc_fail(im, j->line, _("%s after the end of the document"), jr_what(j, w));
		im->stop = true;
		return;
	}
	if (!j->failed)
		prelude(im);
}

/* After the document: references to arrays that came later, and what a
 * restore needs. */
static void read_end(struct imp *im)
{
	if (im->stop || im->j.failed)
		return;
	imp_refs_settle(im);
	if (im->restore && !im->has_settings && !im->dbphases.n)
		doc_fail(im, im->top_line[T_SETTINGS], _("settings: missing, and the database has none"));
}

/* One reading of the whole document against the database seen through t. */
static enum status imp_run(struct imp *im, struct txn *t)
{
	enum status st;
	bool empty = false;
	imp_clear(im);
	im->t = t;
	im->prog.done = 0;
	if ((st = store_is_empty(t, &empty)) != STATUS_OK)
		return st;
	im->restore = empty;
	if (empty) {
		/* written in key order at the end: imp_write_cb */
		store_project_copies_defer(t);
		store_defer_begin(t);
	}
	st = store_phases_get(t, &im->dbphases);
	if (st == STATUS_NOT_FOUND) {
		/* a database not yet initialised has no phases */
		status_clear();
		phase_list_fini(&im->dbphases);
		phase_list_init(&im->dbphases);
	} else if (st != STATUS_OK) {
		return st;
	}
	if (jr_seek(&im->j, 0, 1))
		read_document(im);
	read_end(im);
	if (im->st != STATUS_OK)
		return im->st;
	return im->errs.n ? STATUS_DATA : STATUS_OK;
}

static enum status imp_write_cb(struct txn *t, void *arg)
{
	struct imp *im = arg;
	enum status st = imp_run(im, t);
	if (st == STATUS_DATA && im->errs.n)
		return store_txn_fail(t, st);
	if (st == STATUS_OK)
		st = store_defer_finish(t);
	return st == STATUS_OK ? store_project_copies_finish(t) : st;
}

static void report_counts(struct buf *out, const struct imp *im, bool dry_run)
{
	static const char *const names[] = {"topic fields", "organisations", "services", "projects",
					    "workshops", "outcomes", "history entries"};
	static const int order[] = {K_FIELD, K_SERVICE, K_ORG, K_PROJECT, K_WORKSHOP, K_OUTCOME,
				    K_HISTORY};
	buf_puts(out, dry_run ? "would import: " : "imported: ");
	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		int k = order[i];
		if (i)
			buf_puts(out, ", ");
		if (im->restore) {
			buf_printf(out, "%zu %s", im->count[k], names[k]);
			if (k == K_PROJECT)
				buf_printf(out, " (%zu added, 0 updated)", im->count[k]);
		} else if (k == K_HISTORY) {
			/* one "import" entry per added or changed project */
			buf_printf(out, "%zu %s", im->added[K_PROJECT] + im->updated[K_PROJECT], names[k]);
		} else {
			/* records in the file; those not counted are unchanged */
			buf_printf(out, "%zu %s (%zu added, %zu updated)", im->count[k], names[k],
				   im->added[k], im->updated[k]);
		}
	}
	if (!im->restore)
		buf_puts(out, "; merged into a database with data, so the file's history, phases and settings were not copied");
}

enum status jsonio_import(struct store *s, const char *path, bool dry_run, struct buf *report)
{
	struct imp im;
	struct txn *t = NULL;
	enum status st;

	imp_init(&im, path);
	if ((st = imp_open(&im)) != STATUS_OK)
		goto out;
	progress_begin(&im.prog, _("import"), _("KiB"), (uint64_t)im.size >> 10);
	if (dry_run || store_readonly(s)) {
		/* everything checked, nothing written */
		if ((st = store_read_begin(s, &t)) != STATUS_OK)
			goto out;
		st = imp_run(&im, t);
		store_txn_end(t);
		t = NULL;
		if (st == STATUS_OK && !dry_run)
			st = status_fail(STATUS_PERM, _("the database is open read-only"));
	} else {
		/* room for the whole document at once: store_write runs the
		 * import again from the start each time the map must grow */
		if ((st = store_map_reserve(s, (size_t)im.size + (16u << 20))) != STATUS_OK)
			goto out;
		im.write = true;
		st = store_write(s, imp_write_cb, &im);
	}
	progress_end(&im.prog);
	if (st == STATUS_DATA && im.errs.n)
		st = import_fail_errors(im.errs.text.data, im.errs.n);
	else if (st == STATUS_OK && report)
		report_counts(report, &im, dry_run);
out:
	progress_end(&im.prog);
	imp_fini(&im);
	return st;
}
