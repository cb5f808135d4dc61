/* jsonio.c - the JSON document of a whole database (export) and its import.
 *
 * The document is described field by field in docs/json-format.md and by the
 * JSON Schema docs/ozgtui.schema.json. In short:
 *
 *   {"format":"ozgtui","format_version":1,"schema_version":N,"exported_at":TIME,
 *    "phases":[...],"settings":{...},"topic_fields":[...],"organisations":[...],
 *    "services":[...],"projects":[...],"workshops":[...],"outcomes":[...],
 *    "history":[...]}
 *
 * Export is deterministic: every object is built in a fixed key order (dumped with
 * JSON_PRESERVE_ORDER), every key is always written (null for "none") except
 * "unknown", which appears only when a record holds fields this version does not
 * know (their raw codec bytes as lowercase hex). The top-level arrays are sorted
 * by key: topic fields and projects by number, services by OZG id, organisations,
 * workshops and outcomes by UUID, history by seq; arrays inside a record keep the
 * record's order. Phases are referenced by slug (by their numeric id only where a
 * history entry names a phase the list no longer has).
 *
 * Import is three steps:
 *  1. The file is streamed, never loaded whole (see "the stream" below): a scan
 *     of the raw bytes checks the document's skeleton and hands each top-level
 *     value, and each element of the big arrays, to jansson on its own. Only the
 *     records read from it stay in memory, with each element's place in the
 *     file: a message about a value finds its line by scanning that element
 *     again (jansson keeps no positions for values).
 *  2. plan_build() checks the whole document against the database, read in a
 *     read transaction, and turns it into records: types, codes, dates, lengths,
 *     duplicates, references (to the document or the database). Any error refuses
 *     the file before a write transaction is begun.
 *  3. The write: ONE store_write() whose callback builds the plan again against
 *     the write transaction (the database may have moved meanwhile; a failure
 *     there aborts the transaction, so nothing is written) and applies it.
 *
 * Target modes: a database with no project, workshop, outcome or history
 * (store_is_empty) gets everything verbatim (restore). Any other database gets a
 * merge: reference data and workshops/outcomes upserted by key, projects upserted
 * by UUID (keeping their numbers; a number held by another UUID is an error),
 * each added or changed project gets an "import" history entry; the document's
 * phases, settings and history are not copied.
 */
#include "ozgtui/jsonio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>

#include "ozgtui/util.h"
#include "ozgtui/progress.h"
#include "ozgtui/i18n.h"

#include "jsonio_internal.h"

/* ============================================================================ */
/* Import: positions                                                            */
/* ============================================================================ */

/* Lines of the raw text, for messages: per top-level key its line, and per
 * element of its value (each item of an array, or the object itself) the line
 * where it starts and the line of every value inside it, by its path relative
 * to the element ("title", "dates[1].planned", "services[2]"). Keys are kept as
 * written (escapes not decoded; such a key just falls back to its parent). */
struct keyline {
	char *path;
	int line;
};
struct elemlines {
	int line;
	struct keyline *keys;
	size_t n, cap;
};
struct toplines {
	char *key;
	int line;
	struct elemlines *elems;
	size_t n, cap;
};
struct linemap {
	struct toplines *v;
	size_t n, cap;
};

static void linemap_fini(struct linemap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct toplines *tl = &m->v[i];
		for (size_t j = 0; j < tl->n; j++) {
			for (size_t k = 0; k < tl->elems[j].n; k++)
				free(tl->elems[j].keys[k].path);
			free(tl->elems[j].keys);
		}
		free(tl->elems);
		free(tl->key);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

static struct elemlines *linemap_elem(struct toplines *tl, int line)
{
	xgrow((void **)&tl->elems, &tl->cap, tl->n + 1, sizeof *tl->elems);
	struct elemlines *e = &tl->elems[tl->n++];
	memset(e, 0, sizeof *e);
	e->line = line;
	return e;
}

static void linemap_path(struct elemlines *e, const struct buf *path, int line)
{
	xgrow((void **)&e->keys, &e->cap, e->n + 1, sizeof *e->keys);
	e->keys[e->n].path = xstrndup(path->data ? path->data : "", path->len);
	e->keys[e->n].line = line;
	e->n++;
}

/* Index of the closing quote of the string whose opening quote is at i. */
static size_t scan_string(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			break;
	}
	return i;
}

/* An open container: its kind, the length of its path, its next item. */
struct frame {
	char kind;
	size_t pathlen;
	size_t item;
};

/* Runs over text jansson has accepted, so it need not handle malformed input
 * (and stays in bounds whatever it is given). */
static void linemap_scan(struct linemap *m, const char *s, size_t len, int first_line)
{
	struct frame *st = NULL;
	size_t cap = 0, depth = 0;
	bool expect_key = false;
	int line = first_line;
	struct toplines *top = NULL;
	struct elemlines *elem = NULL;
	struct buf path;
	size_t keylen = 0;   /* path length of the value after the last key */

	buf_init(&path);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		switch (c) {
		case '\n':
			line++;
			continue;
		case ' ':
		case '\t':
		case '\r':
			continue;
		case ',':
			expect_key = depth > 0 && st[depth - 1].kind == '{';
			continue;
		case ':':
			expect_key = false;
			continue;
		case '}':
		case ']':
			if (depth > 0)
				depth--;
			expect_key = false;
			continue;
		default:
			break;
		}
		if (expect_key && c == '"') {
			size_t end = scan_string(s, len, i);
			const char *k = s + i + 1;
			size_t klen = end > i ? end - i - 1 : 0;
			if (depth == 1) {
				xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
				top = &m->v[m->n++];
				memset(top, 0, sizeof *top);
				top->key = xstrndup(k, klen);
				top->line = line;
				elem = NULL;
			} else if (elem) {
				path.len = st[depth - 1].pathlen;
				if (path.len)
					buf_putc(&path, '.');
				buf_append(&path, k, klen);
				linemap_path(elem, &path, line);
				keylen = path.len;
			}
			i = end;
			continue;
		}
		/* The start of a value. */
		size_t vlen = 0;
		if (depth == 1) {
			elem = top && c == '{' ? linemap_elem(top, line) : NULL;
		} else if (depth == 2 && st[1].kind == '[' && top) {
			elem = linemap_elem(top, line);
		} else if (elem && depth > 0) {
			struct frame *f = &st[depth - 1];
			if (f->kind == '[') {
				path.len = f->pathlen;
				buf_printf(&path, "[%zu]", f->item++);
				linemap_path(elem, &path, line);
				vlen = path.len;
			} else {
				vlen = keylen;
			}
		}
		if (c == '{' || c == '[') {
			xgrow((void **)&st, &cap, depth + 1, sizeof *st);
			st[depth].kind = c;
			st[depth].pathlen = vlen;
			st[depth].item = 0;
			depth++;
			expect_key = c == '{';
		} else if (c == '"') {
			i = scan_string(s, len, i);
		} else {
			while (i + 1 < len && !strchr(",]} \t\r\n", s[i + 1]))
				i++;
		}
	}
	buf_fini(&path);
	free(st);
}

/* The line of the value at path inside element index of top, or of the nearest
 * enclosing value recorded; with top NULL, the line of the top-level key path. */
static int linemap_lookup(const struct linemap *m, const char *top, long index, const char *path)
{
	if (!top) {
		if (path)
			for (size_t i = 0; i < m->n; i++)
				if (!strcmp(m->v[i].key, path))
					return m->v[i].line;
		return 1;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct toplines *tl = &m->v[i];
		if (strcmp(tl->key, top))
			continue;
		size_t e = index < 0 ? 0 : (size_t)index;
		if (e >= tl->n)
			return tl->line;
		const struct elemlines *el = &tl->elems[e];
		char *p = xstrdup(path ? path : "");
		int line = el->line;
		while (*p) {
			size_t k;
			for (k = 0; k < el->n; k++)
				if (!strcmp(el->keys[k].path, p))
					break;
			if (k < el->n) {
				line = el->keys[k].line;
				break;
			}
			char *cut = strrchr(p, '.'), *br = strrchr(p, '[');
			if (br > cut)
				cut = br;
			if (!cut)
				break;
			*cut = '\0';
		}
		free(p);
		return line;
	}
	return 1;
}

/* ============================================================================ */
/* Import: reading and checking                                                 */
/* ============================================================================ */

/* Where each top-level value is in the file: for a big array (streamed) each
 * element's line, offset and length; for any other value the value's. */
struct srcelem {
	int line;
	off_t off;
	size_t len;
};
struct srckey {
	char *key;
	int line;               /* of the key */
	bool streamed;
	struct srcelem value;   /* not streamed: the whole value */
	struct srcelem *elems;  /* streamed: each element */
	size_t n, cap;
};

struct src {
	const char *path;
	FILE *f;                /* the document (a copy in a temporary file when not a regular file) */
	json_t *root;           /* the top-level values; the big arrays as empty arrays */
	struct srckey *keys;
	size_t n_keys, cap_keys;
	struct buf errors;
	size_t n_errors;
};

static struct srckey *src_key(struct src *s, const char *key)
{
	for (size_t i = 0; i < s->n_keys; i++)
		if (!strcmp(s->keys[i].key, key))
			return &s->keys[i];
	return NULL;
}

static void src_fini(struct src *s)
{
	for (size_t i = 0; i < s->n_keys; i++) {
		free(s->keys[i].key);
		free(s->keys[i].elems);
	}
	free(s->keys);
	json_decref(s->root);
	if (s->f)
		fclose(s->f);
	buf_fini(&s->errors);
}

/* The line of the value at path inside element index of top (see
 * linemap_lookup): the element, or the whole value, is read again from the
 * file and scanned. */
static int src_line(struct src *s, const char *top, long index, const char *path)
{
	const char *k = top ? top : path;
	const struct srckey *sk = k ? src_key(s, k) : NULL;
	if (!sk)
		return 1;
	if (!top)
		return sk->line;
	const struct srcelem *el = &sk->value;
	if (sk->streamed) {
		size_t e = index < 0 ? 0 : (size_t)index;
		if (e >= sk->n)
			return sk->line;
		el = &sk->elems[e];
		if (!path || !*path)
			return el->line;
	}
	if (!el->len)
		return sk->line;
	/* the element inside a one-key document, as the scanner expects */
	struct buf text;
	buf_init(&text);
	buf_printf(&text, sk->streamed ? "{\"k\":[" : "{\"k\":");
	size_t at = text.len;
	buf_append(&text, "", 0);
	xgrow((void **)&text.data, &text.cap, text.len + el->len + 4, 1);
	ssize_t got = pread(fileno(s->f), text.data + at, el->len, el->off);
	int line = el->line;
	if (got == (ssize_t)el->len) {
		text.len += el->len;
		buf_puts(&text, sk->streamed ? "]}" : "}");
		struct linemap m;
		memset(&m, 0, sizeof m);
		linemap_scan(&m, text.data, text.len, el->line);
		line = linemap_lookup(&m, "k", sk->streamed ? 0 : index, path);
		linemap_fini(&m);
	}
	buf_fini(&text);
	return line;
}

static void src_vfail(struct src *s, int line, const char *where, const char *fmt, va_list ap)
{
	s->n_errors++;
	if (s->n_errors > MAX_ERRORS)
		return;
	if (s->errors.len)
		buf_putc(&s->errors, '\n');
	buf_printf(&s->errors, "%s:%d: ", s->path, line);
	if (where && *where)
		buf_printf(&s->errors, "%s: ", where);
	char *msg = NULL;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n >= 0) {
		msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		buf_puts(&s->errors, msg);
		free(msg);
	}
}

__attribute__((format(printf, 3, 4)))
static void src_fail(struct src *s, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	src_vfail(s, line, NULL, fmt, ap);
	va_end(ap);
}

/* ---- the stream ------------------------------------------------------------------ */

/* The document is read twice, each time as a stream of bytes that is never held
 * whole. The first pass (js_walk without elements) checks the skeleton -- one
 * object of members, each big array a list of elements between commas -- and
 * keeps every top-level value but the big arrays in src->root (the phases must
 * be known before any project is read, wherever they stand in the file). The
 * second pass (with elements, from plan_build) hands each element of the big
 * arrays to jansson on its own and reads it into the plan. A value is captured
 * by pairing its brackets and quotes only; jansson checks everything else in
 * it. At most one value (MAX_VALUE) is in memory at a time, besides the plan. */
static const char *const stream_keys[] = {
	"topic_fields", "organisations", "services", "projects", "workshops", "outcomes",
	"history", NULL};

static bool is_stream_key(const char *key)
{
	for (size_t i = 0; stream_keys[i]; i++)
		if (!strcmp(stream_keys[i], key))
			return true;
	return false;
}

struct jscan {
	struct src *s;
	int c;           /* the current byte, EOF at the end */
	off_t off;       /* its offset */
	int line;        /* its line */
	struct buf val;  /* the value captured last */
	char *stack;     /* the closing brackets awaited while capturing */
	size_t cap;
};

static void js_next(struct jscan *j)
{
	if (j->c == '\n')
		j->line++;
	j->c = getc_unlocked(j->s->f);
	j->off++;
}

static void js_ws(struct jscan *j)
{
	while (j->c == ' ' || j->c == '\t' || j->c == '\r' || j->c == '\n')
		js_next(j);
}

/* The current byte for a message. */
static const char *js_what(const struct jscan *j, char out[static 24])
{
	if (j->c == EOF)
		return "the end of the file";
	if (j->c > 0x20 && j->c < 0x7f)
		snprintf(out, 24, "'%c'", j->c);
	else
		snprintf(out, 24, "byte 0x%02x", (unsigned)j->c);
	return out;
}

/* Appends the current byte to the value; false when the value grew too large. */
static bool js_take(struct jscan *j)
{
	if (j->val.len >= MAX_VALUE)
		return false;
	buf_putc(&j->val, (char)j->c);
	js_next(j);
	return true;
}

/* The string whose opening quote is the current byte. */
static bool js_string(struct jscan *j, const char *what, int start)
{
	if (!js_take(j))
		goto large;
	for (;;) {
		int c = j->c;
		if (c == EOF) {
			src_fail(j->s, start, "%s: a string is not closed before the end of the file", what);
			return false;
		}
		if (!js_take(j))
			goto large;
		if (c == '"')
			return true;
		if (c == '\\' && j->c != EOF && !js_take(j))
			goto large;
	}
large:
	src_fail(j->s, start, "%s: larger than %u MiB", what, MAX_VALUE >> 20);
	return false;
}

/* Captures the value that starts at the current byte into j->val. */
static bool js_capture(struct jscan *j, const char *what)
{
	int start = j->line;
	size_t depth = 0;
	char c24[24];
	buf_reset(&j->val);
	if (j->c == '"')
		return js_string(j, what, start);
	if (j->c != '{' && j->c != '[') {
		/* a number, true, false or null: up to the next separator */
		while (j->c != EOF && !memchr(" \t\r\n,:]}[{\"", j->c, 11))
			if (!js_take(j)) {
				src_fail(j->s, start, "%s: larger than %u MiB", what, MAX_VALUE >> 20);
				return false;
			}
		if (!j->val.len) {
			src_fail(j->s, j->line, "%s: expected a value, found %s", what, js_what(j, c24));
			return false;
		}
		return true;
	}
	do {
		int c = j->c;
		if (c == EOF) {
			src_fail(j->s, start, "%s: not closed before the end of the file", what);
			return false;
		}
		if (c == '"') {
			if (!js_string(j, what, j->line))
				return false;
			continue;
		}
		if (c == '{' || c == '[') {
			if (depth >= MAX_DEPTH) {
				src_fail(j->s, j->line, "%s: nested more than %d deep", what, MAX_DEPTH);
				return false;
			}
			xgrow((void **)&j->stack, &j->cap, depth + 1, 1);
			j->stack[depth++] = c == '{' ? '}' : ']';
		} else if (c == '}' || c == ']') {
			if (j->stack[depth - 1] != c) {
				src_fail(j->s, j->line, "%s: '%c' where '%c' was expected", what, c,
					 j->stack[depth - 1]);
				return false;
			}
			depth--;
		}
		if (!js_take(j)) {
			src_fail(j->s, start, "%s: larger than %u MiB", what, MAX_VALUE >> 20);
			return false;
		}
	} while (depth > 0);
	return true;
}

/* jansson's reading of the captured value; NULL after an error (with its line). */
static json_t *js_parse(struct jscan *j, int start)
{
	json_error_t e;
	json_t *v = json_loadb(j->val.data ? j->val.data : "", j->val.len,
			       JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
	if (!v)
		src_fail(j->s, start + (e.line > 1 ? e.line - 1 : 0), "%s", e.text);
	return v;
}

typedef void (*js_element_fn)(void *arg, const char *key, long index, json_t *v);

/* One pass over the document (see above): without fn the first, with fn the
 * second. False after an error in the skeleton (recorded in s). */
static bool js_walk(struct src *s, js_element_fn fn, void *arg)
{
	struct jscan j;
	char c24[24];
	char *key = NULL;
	bool ok = false;

	memset(&j, 0, sizeof j);
	j.s = s;
	j.line = 1;
	buf_init(&j.val);
	rewind(s->f);
	j.c = getc_unlocked(s->f);
	js_ws(&j);
	if (j.c != '{') {
		/* not an object: jansson says what it is */
		if (j.c == EOF) {
			src_fail(s, j.line, "expected a JSON object, found the end of the file");
		} else if (js_capture(&j, "the document")) {
			json_t *v = js_parse(&j, 1);
			if (v)
				src_fail(s, 1, "expected a JSON object, not %s",
					 json_is_array(v) ? "an array" : json_is_string(v) ? "a string" :
					 json_is_null(v) ? "null" : json_is_boolean(v) ? "a boolean" : "a number");
			json_decref(v);
		}
		goto out;
	}
	js_next(&j);
	js_ws(&j);
	if (j.c == '}') {
		js_next(&j);
		goto end;
	}
	for (;;) {
		js_ws(&j);
		int kline = j.line;
		if (j.c != '"') {
			src_fail(s, j.line, "expected a key in quotes, found %s", js_what(&j, c24));
			goto out;
		}
		if (!js_capture(&j, "a key"))
			goto out;
		json_t *k = js_parse(&j, kline);
		if (!k)
			goto out;
		free(key);
		key = xstrdup(json_string_value(k));
		json_decref(k);
		js_ws(&j);
		if (j.c != ':') {
			src_fail(s, j.line, "expected ':' after the key \"%s\", found %s", key, js_what(&j, c24));
			goto out;
		}
		js_next(&j);
		js_ws(&j);
		bool streamed = is_stream_key(key) && j.c == '[';
		struct srckey *sk = src_key(s, key);
		if (!fn) {
			if (sk) {
				src_fail(s, kline, "duplicate object key \"%s\"", key);
				goto out;
			}
			xgrow((void **)&s->keys, &s->cap_keys, s->n_keys + 1, sizeof *s->keys);
			sk = &s->keys[s->n_keys++];
			memset(sk, 0, sizeof *sk);
			sk->key = xstrdup(key);
			sk->line = kline;
			sk->streamed = streamed;
		}
		if (streamed) {
			long i = 0;
			if (!fn)
				json_object_set_new(s->root, key, json_array());
			else if (sk)
				sk->n = 0;
			js_next(&j);
			js_ws(&j);
			if (j.c == ']') {
				js_next(&j);
			} else {
				for (;;) {
					char what[80];
					js_ws(&j);
					int eline = j.line;
					off_t eoff = j.off;
					snprintf(what, sizeof what, "%s[%ld]", key, i);
					if (!js_capture(&j, what))
						goto out;
					if (fn && sk) {
						xgrow((void **)&sk->elems, &sk->cap, sk->n + 1, sizeof *sk->elems);
						sk->elems[sk->n++] = (struct srcelem){eline, eoff, j.val.len};
						json_t *v = js_parse(&j, eline);
						if (v)
							fn(arg, key, i, v);
						json_decref(v);
					}
					i++;
					js_ws(&j);
					if (j.c == ',') {
						js_next(&j);
						continue;
					}
					if (j.c == ']') {
						js_next(&j);
						break;
					}
					src_fail(s, j.line, "expected ',' or ']' after %s, found %s", what,
						 js_what(&j, c24));
					goto out;
				}
			}
		} else {
			int vline = j.line;
			off_t voff = j.off;
			if (!js_capture(&j, key))
				goto out;
			if (!fn) {
				sk->value = (struct srcelem){vline, voff, j.val.len};
				json_t *v = js_parse(&j, vline);
				if (!v)
					goto out;
				json_object_set_new(s->root, key, v);
			}
		}
		js_ws(&j);
		if (j.c == ',') {
			js_next(&j);
			continue;
		}
		if (j.c == '}') {
			js_next(&j);
			break;
		}
		src_fail(s, j.line, "expected ',' or '}' after the value of \"%s\", found %s", key,
			 js_what(&j, c24));
		goto out;
	}
end:
	js_ws(&j);
	if (j.c != EOF) {
		src_fail(s, j.line, "%s after the end of the document", js_what(&j, c24));
		goto out;
	}
	if (ferror(s->f)) {
		src_fail(s, j.line, "cannot read: %s", strerror(errno));
		goto out;
	}
	ok = true;
out:
	free(key);
	free(j.stack);
	buf_fini(&j.val);
	return ok;
}

/* Opens the document; what is not a regular file (a pipe) is first copied to a
 * temporary file, since it is read more than once. */
static enum status src_open(struct src *s, const char *path)
{
	struct stat sb;
	s->f = fopen(path, "rb");
	if (!s->f)
		return status_fail(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", path,
				   strerror(errno));
	if (fstat(fileno(s->f), &sb) == 0 && S_ISREG(sb.st_mode))
		return STATUS_OK;
	FILE *tmp = tmpfile();
	if (!tmp)
		return status_fail(STATUS_IO, "%s: cannot make a temporary copy: %s", path, strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, s->f)) > 0)
		if (fwrite(chunk, 1, n, tmp) != n)
			break;
	bool bad = ferror(s->f) || ferror(tmp) || fflush(tmp) != 0;
	int err = errno;
	fclose(s->f);
	s->f = tmp;
	if (bad)
		return status_fail(STATUS_IO, "%s: %s", path, strerror(err));
	return STATUS_OK;
}

/* Where a value is: the element index of the top-level key top, with a label
 * ("number 12") once its key is known. o is the object being read; prefix is
 * set while reading an object nested in a member ("dates[1]."). Errors name
 * the path of the value inside the element, prefix included, for its line. */
struct rd {
	struct src *s;
	const char *top;      /* "projects"; NULL for the document itself */
	long index;           /* -1 for an object that is the value of top */
	char label[80];
	json_t *o;
	char prefix[48];      /* "dates[1]." */
	bool bad;
};

static void rd_start(struct rd *r, struct src *s, const char *top, long index, json_t *o)
{
	memset(r, 0, sizeof *r);
	r->s = s;
	r->top = top;
	r->index = index;
	r->o = o;
}

static void rd_sub(struct rd *sub, struct rd *r, const char *member, size_t i, json_t *o)
{
	*sub = *r;
	sub->o = o;
	sub->bad = false;
	snprintf(sub->prefix, sizeof sub->prefix, "%s[%zu].", member, i);
}

__attribute__((format(printf, 3, 4)))
static void rd_fail(struct rd *r, const char *key, const char *fmt, ...)
{
	char where[160] = "";
	char path[160];
	snprintf(path, sizeof path, "%s%s", r->prefix, key ? key : "");
	if (!key && path[0])
		path[strlen(path) - 1] = '\0';   /* the trailing '.' of the prefix */
	int line = src_line(r->s, r->top, r->index, path);
	if (r->top) {
		size_t n;
		if (r->index >= 0)
			n = (size_t)snprintf(where, sizeof where, "%s[%ld]", r->top, r->index);
		else
			n = (size_t)snprintf(where, sizeof where, "%s", r->top);
		if (r->label[0] && n < sizeof where)
			snprintf(where + n, sizeof where - n, " (%s)", r->label);
	}
	va_list ap;
	va_start(ap, fmt);
	src_vfail(r->s, line, where, fmt, ap);
	va_end(ap);
	r->bad = true;
}

/* The member key: NULL when absent or null; a required one is an error then. */
static json_t *rd_get(struct rd *r, const char *key, bool req)
{
	json_t *v = json_object_get(r->o, key);
	if (v && json_is_null(v))
		v = NULL;
	if (!v && req)
		rd_fail(r, key, "%s%s: %s", r->prefix, key,
			json_object_get(r->o, key) ? "must not be null" : "missing");
	return v;
}

static void rd_keys(struct rd *r, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->o, key, v) {
		size_t i;
		for (i = 0; allowed[i]; i++)
			if (!strcmp(allowed[i], key))
				break;
		if (!allowed[i])
			rd_fail(r, key, "%sunknown key '%s'", r->prefix, key);
	}
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

/* Checks a string value; false (error recorded) when v is not one or too long. */
static bool rd_check_str(struct rd *r, const char *key, const char *name, json_t *v, size_t max)
{
	if (!json_is_string(v)) {
		rd_fail(r, key, "%s: expected a string, not %s", name, type_name(v));
		return false;
	}
	size_t len = json_string_length(v);
	if (len > max) {
		rd_fail(r, key, "%s: too long (%zu bytes, at most %zu)", name, len, max);
		return false;
	}
	return true;
}

static void rd_str(struct rd *r, const char *key, bool req, size_t max, char **out)
{
	char name[160];
	*out = NULL;
	json_t *v = rd_get(r, key, req);
	if (!v)
		return;
	snprintf(name, sizeof name, "%s%s", r->prefix, key);
	if (!rd_check_str(r, key, name, v, max))
		return;
	if (req && json_string_length(v) == 0) {
		rd_fail(r, key, "%s: must not be empty", name);
		return;
	}
	*out = xstrdup(json_string_value(v));
}

static bool rd_int(struct rd *r, const char *key, bool req, int64_t lo, int64_t hi,
		   int64_t def, int64_t *out)
{
	*out = def;
	json_t *v = rd_get(r, key, req);
	if (!v)
		return !req;
	if (!json_is_integer(v)) {
		rd_fail(r, key, "%s%s: expected an integer, not %s", r->prefix, key, type_name(v));
		return false;
	}
	json_int_t n = json_integer_value(v);
	if (n < lo || n > hi) {
		rd_fail(r, key, "%s%s: %lld is out of range (%" PRId64 "..%" PRId64 ")", r->prefix,
			key, (long long)n, lo, hi);
		return false;
	}
	*out = (int64_t)n;
	return true;
}

static uint32_t rd_u32(struct rd *r, const char *key, bool req, uint32_t lo, uint32_t def)
{
	int64_t v;
	rd_int(r, key, req, lo, UINT32_MAX, def, &v);
	return (uint32_t)v;
}

static bool rd_bool(struct rd *r, const char *key)
{
	json_t *v = rd_get(r, key, false);
	if (!v)
		return false;
	if (!json_is_boolean(v)) {
		rd_fail(r, key, "%s%s: expected true or false, not %s", r->prefix, key, type_name(v));
		return false;
	}
	return json_is_true(v);
}

static int32_t rd_date(struct rd *r, const char *key)
{
	char name[160];
	int32_t day = 0;
	json_t *v = rd_get(r, key, false);
	if (!v)
		return 0;
	snprintf(name, sizeof name, "%s%s", r->prefix, key);
	if (!rd_check_str(r, key, name, v, 64))
		return 0;
	if (!date_parse(json_string_value(v), &day))
		rd_fail(r, key, "%s: invalid date '%s' (expected YYYY-MM-DD)", name,
			json_string_value(v));
	return day;
}

static int64_t rd_time(struct rd *r, const char *key)
{
	char name[160];
	int64_t t = 0;
	json_t *v = rd_get(r, key, false);
	if (!v)
		return 0;
	snprintf(name, sizeof name, "%s%s", r->prefix, key);
	if (!rd_check_str(r, key, name, v, 64))
		return 0;
	if (!time_parse(json_string_value(v), &t))
		rd_fail(r, key, "%s: invalid time '%s' (expected YYYY-MM-DDTHH:MM:SSZ)", name,
			json_string_value(v));
	return t;
}

static bool parse_uuid_value(struct rd *r, const char *key, const char *name, json_t *v,
			     struct uuid *out)
{
	if (!rd_check_str(r, key, name, v, 64))
		return false;
	if (!uuid_parse(json_string_value(v), out)) {
		rd_fail(r, key, "%s: invalid UUID '%s'", name, json_string_value(v));
		return false;
	}
	if (uuid_is_nil(out)) {
		rd_fail(r, key, "%s: the nil UUID is not allowed (use null)", name);
		return false;
	}
	return true;
}

static bool rd_uuid(struct rd *r, const char *key, bool req, struct uuid *out)
{
	char name[160];
	memset(out, 0, sizeof *out);
	json_t *v = rd_get(r, key, req);
	if (!v)
		return !req;
	snprintf(name, sizeof name, "%s%s", r->prefix, key);
	return parse_uuid_value(r, key, name, v, out);
}

/* The array member key, or NULL when absent, null or not an array (error). */
static json_t *rd_array(struct rd *r, const char *key)
{
	json_t *v = rd_get(r, key, false);
	if (v && !json_is_array(v)) {
		rd_fail(r, key, "%s%s: expected an array, not %s", r->prefix, key, type_name(v));
		return NULL;
	}
	return v;
}

static void rd_uuids(struct rd *r, const char *key, struct uuid **out, size_t *n)
{
	char name[160];
	*out = NULL;
	*n = 0;
	json_t *a = rd_array(r, key);
	if (!a || !json_array_size(a))
		return;
	*out = xcalloc(json_array_size(a), sizeof **out);
	for (size_t i = 0; i < json_array_size(a); i++) {
		char kp[80];
		snprintf(kp, sizeof kp, "%s[%zu]", key, i);
		snprintf(name, sizeof name, "%s%s", r->prefix, kp);
		if (parse_uuid_value(r, kp, name, json_array_get(a, i), &(*out)[*n]))
			(*n)++;
	}
}

static void rd_u32s(struct rd *r, const char *key, uint32_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	json_t *a = rd_array(r, key);
	if (!a || !json_array_size(a))
		return;
	*out = xcalloc(json_array_size(a), sizeof **out);
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *v = json_array_get(a, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > UINT32_MAX) {
			char kp[80];
			snprintf(kp, sizeof kp, "%s[%zu]", key, i);
			rd_fail(r, kp, "%s%s: expected a positive integer, not %s", r->prefix, kp,
				json_is_integer(v) ? "that" : type_name(v));
			continue;
		}
		(*out)[(*n)++] = (uint32_t)json_integer_value(v);
	}
}

static void rd_strv(struct rd *r, const char *key, struct strv *out)
{
	char name[160];
	json_t *a = rd_array(r, key);
	if (!a)
		return;
	for (size_t i = 0; i < json_array_size(a); i++) {
		char kp[80];
		snprintf(kp, sizeof kp, "%s[%zu]", key, i);
		snprintf(name, sizeof name, "%s%s", r->prefix, kp);
		json_t *v = json_array_get(a, i);
		if (rd_check_str(r, kp, name, v, MAX_STRING))
			strv_push(out, json_string_value(v));
	}
}

/* A code of one of the model's enums (exact, as exported). */
static int rd_enum(struct rd *r, const char *key, bool req, int lo, int hi,
		   const char *(*code)(int), const char *what, int def)
{
	char name[160];
	json_t *v = rd_get(r, key, req);
	if (!v)
		return def;
	snprintf(name, sizeof name, "%s%s", r->prefix, key);
	if (!rd_check_str(r, key, name, v, 64))
		return def;
	const char *s = json_string_value(v);
	for (int i = lo; i <= hi; i++)
		if (!strcmp(s, code(i)))
			return i;
	struct buf known;
	buf_init(&known);
	for (int i = lo; i <= hi; i++)
		buf_printf(&known, "%s%s", i > lo ? ", " : "", code(i));
	rd_fail(r, key, "%s: unknown %s '%s' (known: %s)", name, what, s, known.data);
	buf_fini(&known);
	return def;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "unknown": the raw codec fields of a newer version, as hex. They are appended
 * to the record as they are, so they must be well-formed fields. */
static void rd_unknown(struct rd *r, struct unknown *u)
{
	json_t *v = rd_get(r, "unknown", false);
	if (!v || !rd_check_str(r, "unknown", "unknown", v, MAX_STRING))
		return;
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (len % 2) {
		rd_fail(r, "unknown", "unknown: odd number of hex digits");
		return;
	}
	uint8_t *raw = xmalloc(len / 2 + 1);
	for (size_t i = 0; i < len / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			rd_fail(r, "unknown", "unknown: not hex digits");
			goto out;
		}
		raw[i] = (uint8_t)(hi << 4 | lo);
	}
	struct codec_reader cr;
	struct codec_field f;
	codec_open_nested(&cr, raw, len / 2);
	while (codec_next(&cr, &f))
		;
	if (cr.bad) {
		rd_fail(r, "unknown", "unknown: not well-formed record fields");
		goto out;
	}
	if (len)
		unknown_add(u, raw, len / 2);
out:
	free(raw);
}

/* ---- the plan ------------------------------------------------------------------ */

enum act { ACT_NONE = 0, ACT_ADD, ACT_UPDATE };

/* Where a record of the document came from, and what will happen to it. */
struct meta {
	long index;
	char label[80];
	bool bad;
	enum act act;
	const void *db;   /* the database's record of the same key (merge), borrowed */
};

#define ENTRY(type)                     \
	struct e_##type {               \
		struct type x;          \
		struct meta m;          \
	};                              \
	static void efini_##type(void *p) \
	{                               \
		type##_fini(&((struct e_##type *)p)->x); \
	}
ENTRY(topic_field)
ENTRY(organisation)
ENTRY(service)
ENTRY(project)
ENTRY(workshop)
ENTRY(outcome)
ENTRY(history_entry)
#undef ENTRY

struct plan {
	struct src *src;
	bool restore;          /* the target is empty: write everything verbatim */
	bool has_phases, has_settings;
	struct phase_list phases;     /* of the document */
	struct phase_list dbphases;
	const struct phase_list *eff; /* the list phase references resolve against */
	struct settings settings;
	struct vec fields, orgs, services, projects, workshops, outcomes, history;   /* e_* */
	struct vec dbfields, dborgs, dbservices, dbprojects, dbworkshops, dboutcomes; /* by key */
	struct vec dbnumbers;  /* struct project * into dbprojects, by number */
	size_t added[7], updated[7];
};
enum { K_FIELD, K_ORG, K_SERVICE, K_PROJECT, K_WORKSHOP, K_OUTCOME, K_HISTORY };

static void plan_init(struct plan *pl, struct src *s)
{
	memset(pl, 0, sizeof *pl);
	pl->src = s;
	phase_list_init(&pl->phases);
	phase_list_init(&pl->dbphases);
	settings_init(&pl->settings);
	vec_init(&pl->fields, sizeof(struct e_topic_field));
	vec_init(&pl->orgs, sizeof(struct e_organisation));
	vec_init(&pl->services, sizeof(struct e_service));
	vec_init(&pl->projects, sizeof(struct e_project));
	vec_init(&pl->workshops, sizeof(struct e_workshop));
	vec_init(&pl->outcomes, sizeof(struct e_outcome));
	vec_init(&pl->history, sizeof(struct e_history_entry));
	vec_init(&pl->dbfields, sizeof(struct topic_field));
	vec_init(&pl->dborgs, sizeof(struct organisation));
	vec_init(&pl->dbservices, sizeof(struct service));
	vec_init(&pl->dbprojects, sizeof(struct project));
	vec_init(&pl->dbworkshops, sizeof(struct workshop));
	vec_init(&pl->dboutcomes, sizeof(struct outcome));
	vec_init(&pl->dbnumbers, sizeof(struct project *));
}

static void plan_fini(struct plan *pl)
{
	phase_list_fini(&pl->phases);
	phase_list_fini(&pl->dbphases);
	settings_fini(&pl->settings);
	vec_fini(&pl->fields, efini_topic_field);
	vec_fini(&pl->orgs, efini_organisation);
	vec_fini(&pl->services, efini_service);
	vec_fini(&pl->projects, efini_project);
	vec_fini(&pl->workshops, efini_workshop);
	vec_fini(&pl->outcomes, efini_outcome);
	vec_fini(&pl->history, efini_history_entry);
	vec_fini(&pl->dbfields, fini_topic_field);
	vec_fini(&pl->dborgs, fini_organisation);
	vec_fini(&pl->dbservices, fini_service);
	vec_fini(&pl->dbprojects, fini_project);
	vec_fini(&pl->dbworkshops, fini_workshop);
	vec_fini(&pl->dboutcomes, fini_outcome);
	vec_fini(&pl->dbnumbers, NULL);
}

static void rd_meta(struct rd *r, struct meta *m)
{
	snprintf(m->label, sizeof m->label, "%s", r->label);
	m->bad = r->bad;
}

static void rd_from_meta(struct rd *r, struct plan *pl, const char *top, const struct meta *m)
{
	rd_start(r, pl->src, top, m->index, NULL);
	snprintf(r->label, sizeof r->label, "%s", m->label);
}

/* A phase reference: a slug of the list, or a numeric id. History may name ids
 * the list no longer has; anything else must name a listed phase. */
static uint8_t rd_phase(struct rd *r, struct plan *pl, const struct phase_list *list,
			const char *key, bool any_id)
{
	char name[160];
	json_t *v = rd_get(r, key, false);
	if (!v || !list)
		return 0;
	snprintf(name, sizeof name, "%s%s", r->prefix, key);
	if (json_is_integer(v)) {
		json_int_t id = json_integer_value(v);
		if (id < 1 || id > 255) {
			rd_fail(r, key, "%s: phase id %lld is out of range (1..255)", name, (long long)id);
			return 0;
		}
		if (!any_id && !phase_list_get(list, (uint8_t)id)) {
			rd_fail(r, key, "%s: unknown phase id %lld", name, (long long)id);
			return 0;
		}
		return (uint8_t)id;
	}
	if (!json_is_string(v)) {
		rd_fail(r, key, "%s: expected a phase slug, not %s", name, type_name(v));
		return 0;
	}
	const char *slug = json_string_value(v);
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].slug && !strcmp(list->v[i].slug, slug))
			return list->v[i].id;
	if (list == &pl->dbphases)
		rd_fail(r, key, "%s: unknown phase '%s' (the database has no such phase)", name, slug);
	else
		rd_fail(r, key, "%s: unknown phase '%s'", name, slug);
	return 0;
}

/* ---- readers of the records -------------------------------------------------- */

/* The list that settings and history refer to: the document's own when it has
 * one (in a merge they are not copied, so they need not fit the database). */
static const struct phase_list *doc_phases(const struct plan *pl)
{
	return pl->has_phases ? &pl->phases : pl->eff;
}

static void read_phase(struct rd *r, struct phase *ph)
{
	static const char *const keys[] = {"id", "slug", "name", "outside_line", "closed", NULL};
	int64_t id;
	rd_keys(r, keys);
	rd_str(r, "slug", true, 64, &ph->slug);
	if (ph->slug)
		snprintf(r->label, sizeof r->label, "slug %s", ph->slug);
	if (rd_int(r, "id", true, 1, 255, 0, &id))
		ph->id = (uint8_t)id;
	rd_str(r, "name", true, 200, &ph->name);
	ph->outside_line = rd_bool(r, "outside_line");
	ph->closed = rd_bool(r, "closed");
}

static void read_settings(struct rd *r, struct plan *pl, struct settings *s)
{
	static const char *const keys[] = {"rep_policy", "gate_scope_phase", "gate_team_phase",
					   "unknown", NULL};
	rd_keys(r, keys);
	s->rep_policy = (enum rep_policy)rd_enum(r, "rep_policy", false, REP_SPAN, REP_ALL,
						 code_policy, "policy", REP_SPAN);
	s->gate_scope_phase = rd_phase(r, pl, doc_phases(pl), "gate_scope_phase", false);
	s->gate_team_phase = rd_phase(r, pl, doc_phases(pl), "gate_team_phase", false);
	rd_unknown(r, &s->unknown);
}

static void read_topic_field(struct rd *r, struct plan *pl, struct topic_field *f)
{
	static const char *const keys[] = {"number", "slug", "name", "alt_name", "sponsor",
					   "version", "unknown", NULL};
	int64_t n;
	(void)pl;
	topic_field_init(f);
	rd_keys(r, keys);
	if (rd_int(r, "number", true, 1, UINT16_MAX, 0, &n)) {
		f->number = (uint16_t)n;
		snprintf(r->label, sizeof r->label, "number %u", (unsigned)f->number);
	}
	rd_str(r, "slug", true, 64, &f->slug);
	rd_str(r, "name", true, MAX_STRING, &f->name);
	rd_str(r, "alt_name", false, MAX_STRING, &f->alt_name);
	rd_str(r, "sponsor", false, MAX_STRING, &f->sponsor);
	f->version = rd_u32(r, "version", false, 0, 1);
	rd_unknown(r, &f->unknown);
}

static void read_organisation(struct rd *r, struct plan *pl, struct organisation *o)
{
	static const char *const keys[] = {"id", "kind", "name", "ags", "category",
					   "legal_type", "population", "county_ags",
					   "size_class", "region", "demo", "version",
					   "unknown", NULL};
	(void)pl;
	organisation_init(o);
	rd_keys(r, keys);
	if (rd_uuid(r, "id", true, &o->id))
		uuid_format(&o->id, r->label + snprintf(r->label, sizeof r->label, "id "));
	o->kind = (enum org_kind)rd_enum(r, "kind", true, 0, ORG__COUNT - 1, code_kind,
					 "kind of organisation", ORG_OTHER);
	rd_str(r, "name", true, MAX_STRING, &o->name);
	rd_str(r, "ags", false, 64, &o->ags);
	o->category = (enum category)rd_enum(r, "category", false, 1, CAT__MAX, code_cat,
					     "category", CAT_NONE);
	rd_str(r, "legal_type", false, MAX_STRING, &o->legal_type);
	o->population = rd_u32(r, "population", false, 0, 0);
	rd_str(r, "county_ags", false, 64, &o->county_ags);
	rd_str(r, "size_class", false, MAX_STRING, &o->size_class);
	rd_str(r, "region", false, MAX_STRING, &o->region);
	o->demo = rd_bool(r, "demo");
	o->version = rd_u32(r, "version", false, 0, 1);
	rd_unknown(r, &o->unknown);
}

static void read_service(struct rd *r, struct plan *pl, struct service *s)
{
	static const char *const keys[] = {"ozg_id", "name", "field", "life_situation",
					   "categories", "version", "unknown", NULL};
	int64_t n;
	(void)pl;
	service_init(s);
	rd_keys(r, keys);
	if (rd_int(r, "ozg_id", true, 1, UINT32_MAX, 0, &n)) {
		s->ozg_id = (uint32_t)n;
		snprintf(r->label, sizeof r->label, "ozg_id %" PRIu32, s->ozg_id);
	}
	rd_str(r, "name", true, MAX_STRING, &s->name);
	if (rd_int(r, "field", false, 1, UINT16_MAX, 0, &n))
		s->field = (uint16_t)n;
	rd_str(r, "life_situation", false, MAX_STRING, &s->life_situation);
	json_t *a = rd_array(r, "categories");
	for (size_t i = 0; a && i < json_array_size(a); i++) {
		json_t *v = json_array_get(a, i);
		int c = 0;
		if (json_is_string(v))
			for (int k = 1; k <= CAT__MAX; k++)
				if (!strcmp(json_string_value(v), category_code((enum category)k)))
					c = k;
		char kp[40];
		snprintf(kp, sizeof kp, "categories[%zu]", i);
		if (!c)
			rd_fail(r, kp, "%s: unknown category%s%s%s", kp,
				json_is_string(v) ? " '" : "",
				json_is_string(v) ? json_string_value(v) : "",
				json_is_string(v) ? "'" : "");
		else
			s->categories |= CAT_BIT(c);
	}
	s->version = rd_u32(r, "version", false, 0, 1);
	rd_unknown(r, &s->unknown);
}

static void read_project(struct rd *r, struct plan *pl, struct project *p)
{
	static const char *const keys[] = {
		"id", "number", "title", "field", "services", "phase", "dates", "team",
		"interested", "ministries", "departments", "components", "solutions",
		"priority", "notes", "demo", "created", "created_by", "updated", "updated_by",
		"version", "unknown", NULL};
	static const char *const date_keys[] = {"phase", "planned", "reached", NULL};
	static const char *const member_keys[] = {"org", "role", NULL};
	int64_t n;
	json_t *a;

	project_init(p);
	rd_keys(r, keys);
	if (rd_int(r, "number", true, 1, UINT32_MAX, 0, &n)) {
		p->number = (uint32_t)n;
		snprintf(r->label, sizeof r->label, "number %" PRIu32, p->number);
	}
	rd_uuid(r, "id", true, &p->id);
	rd_str(r, "title", true, MAX_TITLE, &p->title);
	if (rd_int(r, "field", false, 1, UINT16_MAX, 0, &n))
		p->field = (uint16_t)n;
	rd_u32s(r, "services", &p->services, &p->n_services);
	p->phase = rd_phase(r, pl, pl->eff, "phase", false);

	if ((a = rd_array(r, "dates")) && json_array_size(a)) {
		p->dates = xcalloc(json_array_size(a), sizeof *p->dates);
		for (size_t i = 0; i < json_array_size(a); i++) {
			struct rd sub;
			json_t *d = json_array_get(a, i);
			rd_sub(&sub, r, "dates", i, d);
			if (!json_is_object(d)) {
				rd_fail(&sub, NULL, "dates[%zu]: expected an object, not %s", i,
					type_name(d));
				r->bad = true;
				continue;
			}
			rd_keys(&sub, date_keys);
			struct phase_date pd = {0};
			pd.phase = rd_phase(&sub, pl, pl->eff, "phase", false);
			if (!pd.phase && !sub.bad)
				rd_fail(&sub, "phase", "dates[%zu].phase: missing", i);
			pd.planned = rd_date(&sub, "planned");
			pd.reached = rd_date(&sub, "reached");
			for (size_t k = 0; pd.phase && k < p->n_dates; k++)
				if (p->dates[k].phase == pd.phase)
					rd_fail(&sub, "phase", "dates[%zu]: a second entry for phase '%s'",
						i, json_string_value(json_object_get(d, "phase")));
			if (sub.bad)
				r->bad = true;
			else
				p->dates[p->n_dates++] = pd;
		}
	}
	if ((a = rd_array(r, "team")) && json_array_size(a)) {
		p->team = xcalloc(json_array_size(a), sizeof *p->team);
		for (size_t i = 0; i < json_array_size(a); i++) {
			struct rd sub;
			json_t *d = json_array_get(a, i);
			rd_sub(&sub, r, "team", i, d);
			if (!json_is_object(d)) {
				rd_fail(&sub, NULL, "team[%zu]: expected an object, not %s", i,
					type_name(d));
				r->bad = true;
				continue;
			}
			rd_keys(&sub, member_keys);
			struct member m = {0};
			rd_uuid(&sub, "org", true, &m.org);
			m.role = (enum role)rd_enum(&sub, "role", false, ROLE_LEAD, ROLE_ADVISOR,
						    code_role, "role", ROLE_NONE);
			for (size_t k = 0; !sub.bad && k < p->n_team; k++)
				if (!uuid_cmp(&p->team[k].org, &m.org))
					rd_fail(&sub, "org", "team[%zu]: the organisation is already in the team", i);
			if (sub.bad)
				r->bad = true;
			else
				p->team[p->n_team++] = m;
		}
	}
	rd_uuids(r, "interested", &p->interested, &p->n_interested);
	rd_uuids(r, "ministries", &p->ministries, &p->n_ministries);
	rd_strv(r, "departments", &p->departments);
	rd_strv(r, "components", &p->components);
	rd_strv(r, "solutions", &p->solutions);
	if (rd_int(r, "priority", false, 1, 5, 0, &n))
		p->priority = (uint8_t)n;
	rd_str(r, "notes", false, MAX_STRING, &p->notes);
	p->demo = rd_bool(r, "demo");
	p->created = rd_time(r, "created");
	rd_str(r, "created_by", false, 256, &p->created_by);
	p->updated = rd_time(r, "updated");
	rd_str(r, "updated_by", false, 256, &p->updated_by);
	p->version = rd_u32(r, "version", false, 0, 1);
	rd_unknown(r, &p->unknown);
}

static void read_workshop(struct rd *r, struct plan *pl, struct workshop *w)
{
	static const char *const keys[] = {"id", "field", "date", "title", "place",
					   "participants", "head_count", "notes", "demo",
					   "created", "updated", "version", "unknown", NULL};
	int64_t n;
	(void)pl;
	workshop_init(w);
	rd_keys(r, keys);
	if (rd_uuid(r, "id", true, &w->id))
		uuid_format(&w->id, r->label + snprintf(r->label, sizeof r->label, "id "));
	if (rd_int(r, "field", false, 1, UINT16_MAX, 0, &n))
		w->field = (uint16_t)n;
	w->date = rd_date(r, "date");
	rd_str(r, "title", false, MAX_TITLE, &w->title);
	rd_str(r, "place", false, MAX_STRING, &w->place);
	rd_uuids(r, "participants", &w->participants, &w->n_participants);
	w->head_count = rd_u32(r, "head_count", false, 0, 0);
	rd_str(r, "notes", false, MAX_STRING, &w->notes);
	w->demo = rd_bool(r, "demo");
	w->created = rd_time(r, "created");
	w->updated = rd_time(r, "updated");
	w->version = rd_u32(r, "version", false, 0, 1);
	rd_unknown(r, &w->unknown);
}

static void read_outcome(struct rd *r, struct plan *pl, struct outcome *o)
{
	static const char *const keys[] = {"id", "workshop", "kind", "text", "owner", "due",
					   "status", "projects", "orgs", "services", "demo",
					   "created", "updated", "version", "unknown", NULL};
	(void)pl;
	outcome_init(o);
	rd_keys(r, keys);
	if (rd_uuid(r, "id", true, &o->id))
		uuid_format(&o->id, r->label + snprintf(r->label, sizeof r->label, "id "));
	rd_uuid(r, "workshop", false, &o->workshop);
	o->kind = (enum outcome_kind)rd_enum(r, "kind", true, 0, OUTCOME__COUNT - 1, code_okind,
					     "kind of outcome", OUTCOME_DECISION);
	rd_str(r, "text", true, MAX_STRING, &o->text);
	rd_str(r, "owner", false, MAX_STRING, &o->owner);
	o->due = rd_date(r, "due");
	o->status = (enum outcome_status)rd_enum(r, "status", false, OUTCOME_STATUS_OPEN,
						 OUTCOME_STATUS_DROPPED, code_ostatus, "status",
						 OUTCOME_STATUS_OPEN);
	rd_uuids(r, "projects", &o->projects, &o->n_projects);
	rd_uuids(r, "orgs", &o->orgs, &o->n_orgs);
	rd_u32s(r, "services", &o->services, &o->n_services);
	o->demo = rd_bool(r, "demo");
	o->created = rd_time(r, "created");
	o->updated = rd_time(r, "updated");
	o->version = rd_u32(r, "version", false, 0, 1);
	rd_unknown(r, &o->unknown);
}

static void read_history_entry(struct rd *r, struct plan *pl, struct history_entry *e)
{
	static const char *const keys[] = {"seq", "time", "user", "entity", "entity_id",
					   "project_number", "action", "summary", "from_phase",
					   "to_phase", "reason", "forced", "unknown", NULL};
	int64_t n;
	history_entry_init(e);
	rd_keys(r, keys);
	if (rd_int(r, "seq", true, 1, INT64_MAX, 0, &n)) {
		e->seq = (uint64_t)n;
		snprintf(r->label, sizeof r->label, "seq %" PRIu64, e->seq);
	}
	e->time = rd_time(r, "time");
	rd_str(r, "user", false, 256, &e->user);
	rd_str(r, "entity", true, 64, &e->entity);
	rd_uuid(r, "entity_id", false, &e->entity_id);
	e->project_number = rd_u32(r, "project_number", false, 1, 0);
	rd_str(r, "action", true, 64, &e->action);
	rd_str(r, "summary", false, MAX_STRING, &e->summary);
	e->from_phase = rd_phase(r, pl, doc_phases(pl), "from_phase", true);
	e->to_phase = rd_phase(r, pl, doc_phases(pl), "to_phase", true);
	rd_str(r, "reason", false, MAX_STRING, &e->reason);
	e->forced = rd_bool(r, "forced");
	rd_unknown(r, &e->unknown);
}

/* Reads the array top into vec (elements of struct e_<type>). */
/* One element of a big array (the stream's second pass) into the plan. */
#define READ_ELEMENT(pl, top, i, o, vecname, type)                                   \
	do {                                                                         \
		struct e_##type *e_ = vec_push(&(pl)->vecname);                      \
		struct rd r_;                                                        \
		rd_start(&r_, (pl)->src, top, (i), (o));                             \
		e_->m.index = (i);                                                   \
		if (!json_is_object(o)) {                                            \
			type##_init(&e_->x);                                         \
			rd_fail(&r_, NULL, "expected an object, not %s",             \
				type_name(o));                                       \
		} else {                                                             \
			read_##type(&r_, pl, &e_->x);                                \
		}                                                                    \
		rd_meta(&r_, &e_->m);                                                \
	} while (0)

static void read_element(void *arg, const char *key, long i, json_t *o)
{
	struct plan *pl = arg;
	if (!strcmp(key, "topic_fields"))
		READ_ELEMENT(pl, "topic_fields", i, o, fields, topic_field);
	else if (!strcmp(key, "organisations"))
		READ_ELEMENT(pl, "organisations", i, o, orgs, organisation);
	else if (!strcmp(key, "services"))
		READ_ELEMENT(pl, "services", i, o, services, service);
	else if (!strcmp(key, "projects"))
		READ_ELEMENT(pl, "projects", i, o, projects, project);
	else if (!strcmp(key, "workshops"))
		READ_ELEMENT(pl, "workshops", i, o, workshops, workshop);
	else if (!strcmp(key, "outcomes"))
		READ_ELEMENT(pl, "outcomes", i, o, outcomes, outcome);
	else if (!strcmp(key, "history"))
		READ_ELEMENT(pl, "history", i, o, history, history_entry);
}

/* The big arrays, streamed from the file element by element. */
static void read_arrays(struct plan *pl)
{
	struct src *s = pl->src;
	for (size_t k = 0; stream_keys[k]; k++) {
		json_t *a = json_object_get(s->root, stream_keys[k]);
		if (a && !json_is_null(a) && !json_is_array(a)) {
			struct rd r;
			rd_start(&r, s, NULL, -1, s->root);
			rd_fail(&r, stream_keys[k], "%s: expected an array, not %s", stream_keys[k],
				type_name(a));
		}
	}
	js_walk(s, read_element, pl);
}

/* ---- lookups ----------------------------------------------------------------- */

static int ecmp_field(const void *a, const void *b)
{
	return cmp_field(&((const struct e_topic_field *)a)->x, &((const struct e_topic_field *)b)->x);
}
static int ecmp_org(const void *a, const void *b)
{
	return cmp_org(&((const struct e_organisation *)a)->x, &((const struct e_organisation *)b)->x);
}
static int ecmp_service(const void *a, const void *b)
{
	return cmp_service(&((const struct e_service *)a)->x, &((const struct e_service *)b)->x);
}
static int ecmp_project_id(const void *a, const void *b)
{
	return cmp_project_id(&((const struct e_project *)a)->x, &((const struct e_project *)b)->x);
}
static int ecmp_workshop(const void *a, const void *b)
{
	return cmp_workshop(&((const struct e_workshop *)a)->x, &((const struct e_workshop *)b)->x);
}
static int ecmp_outcome(const void *a, const void *b)
{
	return cmp_outcome(&((const struct e_outcome *)a)->x, &((const struct e_outcome *)b)->x);
}
static int ecmp_history(const void *a, const void *b)
{
	return cmp_history(&((const struct e_history_entry *)a)->x, &((const struct e_history_entry *)b)->x);
}
static int cmp_numberp(const void *a, const void *b)
{
	return cmp_project_number(*(const struct project *const *)a, *(const struct project *const *)b);
}
static int ecmp_numberp(const void *a, const void *b)
{
	const struct e_project *x = *(const struct e_project *const *)a;
	const struct e_project *y = *(const struct e_project *const *)b;
	return cmp_project_number(&x->x, &y->x);
}

/* Binary search of key (a struct of the vector's element type, or an e_* whose
 * record comes first) in a vector sorted by cmp. */
static void *vec_find(const struct vec *x, const void *key, int (*cmp)(const void *, const void *))
{
	return x->n ? bsearch(key, x->v, x->n, x->size, cmp) : NULL;
}

static bool has_field(const struct plan *pl, uint16_t number)
{
	struct e_topic_field k;
	k.x.number = number;
	return vec_find(&pl->fields, &k, ecmp_field) || vec_find(&pl->dbfields, &k.x, cmp_field);
}
static bool has_org(const struct plan *pl, const struct uuid *id)
{
	struct e_organisation k;
	k.x.id = *id;
	return vec_find(&pl->orgs, &k, ecmp_org) || vec_find(&pl->dborgs, &k.x, cmp_org);
}
static bool has_service(const struct plan *pl, uint32_t id)
{
	struct e_service k;
	k.x.ozg_id = id;
	return vec_find(&pl->services, &k, ecmp_service) || vec_find(&pl->dbservices, &k.x, cmp_service);
}
static bool has_project(const struct plan *pl, const struct uuid *id)
{
	struct e_project k;
	k.x.id = *id;
	return vec_find(&pl->projects, &k, ecmp_project_id) ||
	       vec_find(&pl->dbprojects, &k.x, cmp_project_id);
}
static bool has_workshop(const struct plan *pl, const struct uuid *id)
{
	struct e_workshop k;
	k.x.id = *id;
	return vec_find(&pl->workshops, &k, ecmp_workshop) ||
	       vec_find(&pl->dbworkshops, &k.x, cmp_workshop);
}

static void check_orgs(struct rd *r, const struct plan *pl, const char *key,
		       const struct uuid *v, size_t n)
{
	char id[37];
	for (size_t i = 0; i < n; i++)
		if (!has_org(pl, &v[i])) {
			char kp[80];
			uuid_format(&v[i], id);
			snprintf(kp, sizeof kp, "%s[%zu]", key, i);
			rd_fail(r, kp, "%s: unknown organisation %s", kp, id);
		}
}

static void check_services(struct rd *r, const struct plan *pl, const char *key,
			   const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!has_service(pl, v[i])) {
			char kp[80];
			snprintf(kp, sizeof kp, "%s[%zu]", key, i);
			rd_fail(r, kp, "%s: unknown service %" PRIu32, kp, v[i]);
		}
}

static void check_field(struct rd *r, const struct plan *pl, uint16_t field)
{
	if (field && !has_field(pl, field))
		rd_fail(r, "field", "field: unknown topic field %u", (unsigned)field);
}

/* Reports the later of two neighbours with the same key (vectors sorted). */
#define CHECK_DUPS(pl, vecname, type, top, cmp, key, what)                               \
	for (size_t i_ = 1; i_ < (pl)->vecname.n; i_++) {                           \
		struct e_##type *a_ = vec_at(&(pl)->vecname, i_ - 1);               \
		struct e_##type *b_ = vec_at(&(pl)->vecname, i_);                   \
		if (a_->m.bad || b_->m.bad || cmp(a_, b_))                           \
			continue;                                                    \
		struct e_##type *late_ = a_->m.index > b_->m.index ? a_ : b_;       \
		struct e_##type *early_ = late_ == a_ ? b_ : a_;                    \
		struct rd r_;                                                        \
		rd_from_meta(&r_, pl, top, &late_->m);                               \
		rd_fail(&r_, key, "duplicate %s (also %s[%ld])", what, top,          \
			early_->m.index);                                            \
		late_->m.bad = true;                                                 \
	}

/* Same content apart from what the store sets itself (versions, timestamps, authors). */
#define SAME_AS(type, a, b, strip)                                                 \
	static bool same_##type(const struct type *a, const struct type *b)      \
	{                                                                          \
		struct type c;                                                     \
		struct buf x, y;                                                   \
		type##_init(&c);                                                   \
		type##_copy(&c, a);                                                \
		strip;                                                             \
		buf_init(&x);                                                      \
		buf_init(&y);                                                      \
		type##_encode(&c, &x);                                             \
		type##_encode(b, &y);                                              \
		bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);      \
		buf_fini(&x);                                                      \
		buf_fini(&y);                                                      \
		type##_fini(&c);                                                   \
		return same;                                                       \
	}
SAME_AS(topic_field, a, b, c.version = b->version)
SAME_AS(organisation, a, b, c.version = b->version)
SAME_AS(service, a, b, c.version = b->version)
SAME_AS(workshop, a, b,
	(c.version = b->version, c.created = b->created, c.updated = b->updated))
SAME_AS(outcome, a, b,
	(c.version = b->version, c.created = b->created, c.updated = b->updated))
#undef SAME_AS

static void set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

static bool same_project(const struct project *a, const struct project *b)
{
	struct project c;
	struct buf x, y;
	project_init(&c);
	project_copy(&c, a);
	c.version = b->version;
	c.created = b->created;
	c.updated = b->updated;
	set_str(&c.created_by, b->created_by);
	set_str(&c.updated_by, b->updated_by);
	buf_init(&x);
	buf_init(&y);
	project_encode(&c, &x);
	project_encode(b, &y);
	bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);
	buf_fini(&x);
	buf_fini(&y);
	project_fini(&c);
	return same;
}

/* Loads what the checks need from the database (sorted by key). */
static enum status plan_load_db(struct plan *pl, struct txn *t)
{
	enum status st;
	bool empty = false;

	if ((st = store_is_empty(t, &empty)) != STATUS_OK)
		return st;
	pl->restore = empty;
	st = store_phases_get(t, &pl->dbphases);
	if (st == STATUS_NOT_FOUND) {
		/* A database not yet initialised has no phases. */
		status_clear();
		phase_list_fini(&pl->dbphases);
		phase_list_init(&pl->dbphases);
	} else if (st != STATUS_OK) {
		return st;
	}
	if ((st = store_field_each(t, collect_topic_field, &pl->dbfields)) != STATUS_OK ||
	    (st = store_org_each(t, collect_organisation, &pl->dborgs)) != STATUS_OK ||
	    (st = store_service_each(t, 0, collect_service, &pl->dbservices)) != STATUS_OK ||
	    (st = store_project_each(t, collect_project, &pl->dbprojects)) != STATUS_OK ||
	    (st = store_workshop_each(t, collect_workshop, &pl->dbworkshops)) != STATUS_OK ||
	    (st = store_outcome_each(t, collect_outcome, &pl->dboutcomes)) != STATUS_OK)
		return st;
	vec_sort(&pl->dbfields, cmp_field);
	vec_sort(&pl->dborgs, cmp_org);
	vec_sort(&pl->dbservices, cmp_service);
	vec_sort(&pl->dbprojects, cmp_project_id);
	vec_sort(&pl->dbworkshops, cmp_workshop);
	vec_sort(&pl->dboutcomes, cmp_outcome);
	for (size_t i = 0; i < pl->dbprojects.n; i++)
		*(struct project **)vec_push(&pl->dbnumbers) = vec_at(&pl->dbprojects, i);
	vec_sort(&pl->dbnumbers, cmp_numberp);
	return STATUS_OK;
}

static const struct project *db_project_by_number(const struct plan *pl, uint32_t number)
{
	struct project k;
	const struct project *kp = &k;
	k.number = number;
	const struct project **hit = vec_find(&pl->dbnumbers, &kp, cmp_numberp);
	return hit ? *hit : NULL;
}

static void read_document(struct plan *pl)
{
	static const char *const keys[] = {
		"format", "format_version", "schema_version", "exported_at", "phases",
		"settings", "topic_fields", "organisations", "services", "projects",
		"workshops", "outcomes", "history", NULL};
	struct src *s = pl->src;
	struct rd r;
	int64_t n;

	rd_start(&r, s, NULL, -1, s->root);
	if (!json_is_object(s->root)) {
		rd_fail(&r, NULL, "expected a JSON object, not %s", type_name(s->root));
		return;
	}
	json_t *fmt = json_object_get(s->root, "format");
	if (!json_is_string(fmt) || strcmp(json_string_value(fmt), FORMAT_NAME)) {
		rd_fail(&r, "format", "not an ozgtui document (\"format\" must be \"%s\")", FORMAT_NAME);
		return;
	}
	if (!rd_int(&r, "format_version", true, 1, INT64_MAX, 0, &n))
		return;
	if (n != JSONIO_FORMAT_VERSION) {
		rd_fail(&r, "format_version", "format_version %" PRId64 " is not supported (this ozgtui reads %d)",
			n, JSONIO_FORMAT_VERSION);
		return;
	}
	rd_keys(&r, keys);
	rd_int(&r, "schema_version", false, 1, UINT32_MAX, 0, &n);
	rd_time(&r, "exported_at");

	/* Phases first: every phase reference resolves against them. */
	json_t *a = json_object_get(s->root, "phases");
	if (a && !json_is_null(a)) {
		if (!json_is_array(a)) {
			rd_fail(&r, "phases", "phases: expected an array, not %s", type_name(a));
		} else {
			pl->has_phases = true;
			pl->phases.v = xcalloc(json_array_size(a) + 1, sizeof *pl->phases.v);
			for (size_t i = 0; i < json_array_size(a); i++) {
				struct rd pr;
				json_t *o = json_array_get(a, i);
				rd_start(&pr, s, "phases", (long)i, o);
				if (!json_is_object(o)) {
					rd_fail(&pr, NULL, "expected an object, not %s", type_name(o));
					continue;
				}
				struct phase *ph = &pl->phases.v[pl->phases.n++];
				read_phase(&pr, ph);
				for (size_t k = 0; !pr.bad && k + 1 < pl->phases.n; k++) {
					if (pl->phases.v[k].id == ph->id)
						rd_fail(&pr, "id", "duplicate phase id %u", (unsigned)ph->id);
					else if (!strcmp(pl->phases.v[k].slug, ph->slug))
						rd_fail(&pr, "slug", "duplicate phase slug '%s'", ph->slug);
				}
				if (pr.bad) {
					free(ph->name);
					free(ph->slug);
					pl->phases.n--;
				}
			}
			if (!json_array_size(a))
				rd_fail(&r, "phases", "phases: the list is empty");
		}
	}
	pl->eff = pl->restore && pl->has_phases ? &pl->phases : &pl->dbphases;
	if (!pl->eff->n && !(pl->has_phases && json_array_size(a))) {
		rd_fail(&r, "phases", "phases: missing, and the database has none");
		pl->eff = NULL;
	}

	json_t *so = json_object_get(s->root, "settings");
	if (so && !json_is_null(so)) {
		struct rd sr;
		rd_start(&sr, s, "settings", -1, so);
		if (!json_is_object(so)) {
			rd_fail(&r, "settings", "settings: expected an object, not %s", type_name(so));
		} else {
			pl->has_settings = true;
			read_settings(&sr, pl, &pl->settings);
		}
	} else if (pl->restore && !pl->dbphases.n) {
		rd_fail(&r, "settings", "settings: missing, and the database has none");
	}

	read_arrays(pl);
}

/* The store keeps one organisation per AGS: none may be given to two UUIDs,
 * counting the database's organisations that the document does not replace. */
struct agsref {
	const char *ags;
	const struct uuid *id;
	struct e_organisation *e;   /* NULL: from the database */
};

static int cmp_agsref(const void *a, const void *b)
{
	const struct agsref *x = a, *y = b;
	int c = strcmp(x->ags, y->ags);
	if (c)
		return c;
	/* the database's first, then the document's in document order: the later
	 * one of a clashing pair is always one of the document's */
	if (!x->e || !y->e)
		return (x->e != NULL) - (y->e != NULL);
	return (x->e->m.index > y->e->m.index) - (x->e->m.index < y->e->m.index);
}

static void check_ags(struct plan *pl)
{
	struct vec refs;
	vec_init(&refs, sizeof(struct agsref));
	for (size_t i = 0; i < pl->orgs.n; i++) {
		struct e_organisation *e = vec_at(&pl->orgs, i);
		if (!e->m.bad && e->x.ags && *e->x.ags) {
			struct agsref *r = vec_push(&refs);
			r->ags = e->x.ags;
			r->id = &e->x.id;
			r->e = e;
		}
	}
	for (size_t i = 0; i < pl->dborgs.n; i++) {
		const struct organisation *o = vec_at(&pl->dborgs, i);
		struct e_organisation k;
		k.x.id = o->id;
		if (o->ags && *o->ags && !vec_find(&pl->orgs, &k, ecmp_org)) {
			struct agsref *r = vec_push(&refs);
			r->ags = o->ags;
			r->id = &o->id;
		}
	}
	vec_sort(&refs, cmp_agsref);
	for (size_t i = 1; i < refs.n; i++) {
		struct agsref *a = vec_at(&refs, i - 1), *b = vec_at(&refs, i);
		if (strcmp(a->ags, b->ags) || !uuid_cmp(a->id, b->id) || !b->e)
			continue;
		struct rd r;
		char id[37];
		uuid_format(a->id, id);
		rd_from_meta(&r, pl, "organisations", &b->e->m);
		if (a->e)
			rd_fail(&r, "ags", "AGS %s is also given to organisations[%ld]", b->ags,
				a->e->m.index);
		else
			rd_fail(&r, "ags", "AGS %s belongs to another organisation in the database (%s)",
				b->ags, id);
		b->e->m.bad = true;
	}
	vec_fini(&refs, NULL);
}

/* The checks across records, and in a merge what happens to each record. */
static void check_document(struct plan *pl)
{
	vec_sort(&pl->fields, ecmp_field);
	vec_sort(&pl->orgs, ecmp_org);
	vec_sort(&pl->services, ecmp_service);
	vec_sort(&pl->projects, ecmp_project_id);
	vec_sort(&pl->workshops, ecmp_workshop);
	vec_sort(&pl->outcomes, ecmp_outcome);
	vec_sort(&pl->history, ecmp_history);

	CHECK_DUPS(pl, fields, topic_field, "topic_fields", ecmp_field, "number", "topic field number");
	CHECK_DUPS(pl, orgs, organisation, "organisations", ecmp_org, "id", "organisation UUID");
	CHECK_DUPS(pl, services, service, "services", ecmp_service, "ozg_id", "OZG id");
	CHECK_DUPS(pl, projects, project, "projects", ecmp_project_id, "id", "project UUID");
	CHECK_DUPS(pl, workshops, workshop, "workshops", ecmp_workshop, "id", "workshop UUID");
	CHECK_DUPS(pl, outcomes, outcome, "outcomes", ecmp_outcome, "id", "outcome UUID");
	CHECK_DUPS(pl, history, history_entry, "history", ecmp_history, "seq", "history seq");

	/* Project numbers: unique in the document (against the database: below). */
	struct vec byno;
	vec_init(&byno, sizeof(struct e_project *));
	for (size_t i = 0; i < pl->projects.n; i++) {
		struct e_project *e = vec_at(&pl->projects, i);
		if (!e->m.bad)
			*(struct e_project **)vec_push(&byno) = e;
	}
	if (byno.n > 1) {
		struct e_project **v = byno.v;
		qsort(v, byno.n, sizeof *v, ecmp_numberp);
		for (size_t i = 1; i < byno.n; i++) {
			if (v[i - 1]->x.number != v[i]->x.number)
				continue;
			struct e_project *late = v[i - 1]->m.index > v[i]->m.index ? v[i - 1] : v[i];
			struct e_project *early = late == v[i] ? v[i - 1] : v[i];
			struct rd r;
			rd_from_meta(&r, pl, "projects", &late->m);
			rd_fail(&r, "number", "duplicate project number %" PRIu32 " (also projects[%ld])",
				late->x.number, early->m.index);
			late->m.bad = true;
		}
	}
	vec_fini(&byno, NULL);

	check_ags(pl);

	for (size_t i = 0; i < pl->services.n; i++) {
		struct e_service *e = vec_at(&pl->services, i);
		struct rd r;
		if (e->m.bad)
			continue;
		rd_from_meta(&r, pl, "services", &e->m);
		check_field(&r, pl, e->x.field);
		if (!pl->restore) {
			const struct service *db = vec_find(&pl->dbservices, &e->x, cmp_service);
			e->m.db = db;
			e->m.act = !db ? ACT_ADD : same_service(&e->x, db) ? ACT_NONE : ACT_UPDATE;
		}
	}
	for (size_t i = 0; i < pl->fields.n; i++) {
		struct e_topic_field *e = vec_at(&pl->fields, i);
		if (e->m.bad || pl->restore)
			continue;
		const struct topic_field *db = vec_find(&pl->dbfields, &e->x, cmp_field);
		e->m.db = db;
		e->m.act = !db ? ACT_ADD : same_topic_field(&e->x, db) ? ACT_NONE : ACT_UPDATE;
	}
	for (size_t i = 0; i < pl->orgs.n; i++) {
		struct e_organisation *e = vec_at(&pl->orgs, i);
		if (e->m.bad || pl->restore)
			continue;
		const struct organisation *db = vec_find(&pl->dborgs, &e->x, cmp_org);
		e->m.db = db;
		e->m.act = !db ? ACT_ADD : same_organisation(&e->x, db) ? ACT_NONE : ACT_UPDATE;
	}
	for (size_t i = 0; i < pl->projects.n; i++) {
		struct e_project *e = vec_at(&pl->projects, i);
		const struct project *p = &e->x;
		struct rd r;
		if (e->m.bad)
			continue;
		rd_from_meta(&r, pl, "projects", &e->m);
		check_field(&r, pl, p->field);
		check_services(&r, pl, "services", p->services, p->n_services);
		for (size_t k = 0; k < p->n_team; k++)
			if (!has_org(pl, &p->team[k].org)) {
				char id[37];
				char kp[40];
				uuid_format(&p->team[k].org, id);
				snprintf(kp, sizeof kp, "team[%zu].org", k);
				rd_fail(&r, kp, "%s: unknown organisation %s", kp, id);
			}
		check_orgs(&r, pl, "interested", p->interested, p->n_interested);
		check_orgs(&r, pl, "ministries", p->ministries, p->n_ministries);
		if (!pl->restore) {
			const struct project *db = vec_find(&pl->dbprojects, p, cmp_project_id);
			const struct project *holder = db_project_by_number(pl, p->number);
			if (holder && uuid_cmp(&holder->id, &p->id)) {
				char id[37];
				uuid_format(&holder->id, id);
				rd_fail(&r, "number", "number %" PRIu32 " belongs to another project in the database (%s)",
					p->number, id);
			} else if (db && db->number != p->number) {
				rd_fail(&r, "number", "this project has number %" PRIu32 " in the database; an import cannot renumber it",
					db->number);
			}
			e->m.db = db;
			e->m.act = !db ? ACT_ADD : same_project(p, db) ? ACT_NONE : ACT_UPDATE;
		}
		if (r.bad)
			e->m.bad = true;
	}
	for (size_t i = 0; i < pl->workshops.n; i++) {
		struct e_workshop *e = vec_at(&pl->workshops, i);
		struct rd r;
		if (e->m.bad)
			continue;
		rd_from_meta(&r, pl, "workshops", &e->m);
		check_field(&r, pl, e->x.field);
		check_orgs(&r, pl, "participants", e->x.participants, e->x.n_participants);
		if (!pl->restore) {
			const struct workshop *db = vec_find(&pl->dbworkshops, &e->x, cmp_workshop);
			e->m.db = db;
			e->m.act = !db ? ACT_ADD : same_workshop(&e->x, db) ? ACT_NONE : ACT_UPDATE;
		}
	}
	for (size_t i = 0; i < pl->outcomes.n; i++) {
		struct e_outcome *e = vec_at(&pl->outcomes, i);
		const struct outcome *o = &e->x;
		struct rd r;
		if (e->m.bad)
			continue;
		rd_from_meta(&r, pl, "outcomes", &e->m);
		if (!uuid_is_nil(&o->workshop) && !has_workshop(pl, &o->workshop)) {
			char id[37];
			uuid_format(&o->workshop, id);
			rd_fail(&r, "workshop", "workshop: unknown workshop %s", id);
		}
		for (size_t k = 0; k < o->n_projects; k++)
			if (!has_project(pl, &o->projects[k])) {
				char id[37];
				char kp[40];
				uuid_format(&o->projects[k], id);
				snprintf(kp, sizeof kp, "projects[%zu]", k);
				rd_fail(&r, kp, "%s: unknown project %s", kp, id);
			}
		check_orgs(&r, pl, "orgs", o->orgs, o->n_orgs);
		check_services(&r, pl, "services", o->services, o->n_services);
		if (!pl->restore) {
			const struct outcome *db = vec_find(&pl->dboutcomes, o, cmp_outcome);
			e->m.db = db;
			e->m.act = !db ? ACT_ADD : same_outcome(o, db) ? ACT_NONE : ACT_UPDATE;
		}
	}
}

/* Builds the plan of importing src into the database seen through t. Returns
 * STATUS_DATA with every problem in src->errors, or a store status. */
static enum status plan_build(struct plan *pl, struct src *s, struct txn *t)
{
	enum status st;
	plan_init(pl, s);
	buf_reset(&s->errors);
	s->n_errors = 0;
	if ((st = plan_load_db(pl, t)) != STATUS_OK)
		return st;
	read_document(pl);
	if (!s->n_errors)
		check_document(pl);
	return s->n_errors ? STATUS_DATA : STATUS_OK;
}

/* Fails with the errors of s as the detail: whole lines, as many as fit the
 * status detail (about 1 KiB), then how many more there were. */
static enum status fail_errors(const struct src *s)
{
	struct buf out;
	size_t shown = 0;
	const char *p = s->errors.data ? s->errors.data : "";
	buf_init(&out);
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (shown && out.len + 1 + n > 900)
			break;
		if (shown)
			buf_putc(&out, '\n');
		buf_append(&out, p, n);
		shown++;
		p += n;
		if (*p == '\n')
			p++;
	}
	if (s->n_errors > shown)
		buf_printf(&out, "\n(%zu more error%s)", s->n_errors - shown,
			   s->n_errors - shown == 1 ? "" : "s");
	enum status st = status_fail(STATUS_DATA, "%s", out.data ? out.data : "");
	buf_fini(&out);
	return st;
}

/* ---- writing ------------------------------------------------------------------ */

struct apply {
	struct src *src;
	struct plan plan;
	bool built;
};

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b && b[1] ? b + 1 : path;
}

static bool eq_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool eq_uuids(const struct uuid *a, size_t na, const struct uuid *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (uuid_cmp(&a[i], &b[i]))
			return false;
	return true;
}

static bool eq_strv(const struct strv *a, const struct strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return false;
	return true;
}

/* The members of a project that differ between the file (a) and the database
 * (d), for the summary of the "import" history entry. */
static const char *changed_fields(struct buf *b, const struct project *a, const struct project *d)
{
	bool services = a->n_services == d->n_services, dates = a->n_dates == d->n_dates,
	     team = a->n_team == d->n_team;
	for (size_t i = 0; services && i < a->n_services; i++)
		services = a->services[i] == d->services[i];
	for (size_t i = 0; dates && i < a->n_dates; i++)
		dates = a->dates[i].phase == d->dates[i].phase &&
			a->dates[i].planned == d->dates[i].planned &&
			a->dates[i].reached == d->dates[i].reached;
	for (size_t i = 0; team && i < a->n_team; i++)
		team = !uuid_cmp(&a->team[i].org, &d->team[i].org) && a->team[i].role == d->team[i].role;
	const struct {
		const char *name;
		bool same;
	} members[] = {
		{"title", eq_str(a->title, d->title)},
		{"field", a->field == d->field},
		{"services", services},
		{"phase", a->phase == d->phase},
		{"dates", dates},
		{"team", team},
		{"interest", eq_uuids(a->interested, a->n_interested, d->interested, d->n_interested)},
		{"ministries", eq_uuids(a->ministries, a->n_ministries, d->ministries, d->n_ministries)},
		{"departments", eq_strv(&a->departments, &d->departments)},
		{"components", eq_strv(&a->components, &d->components)},
		{"solutions", eq_strv(&a->solutions, &d->solutions)},
		{"priority", a->priority == d->priority},
		{"notes", eq_str(a->notes, d->notes)},
		{"demo", a->demo == d->demo},
		{"unknown fields", a->unknown.len == d->unknown.len &&
				   (!a->unknown.len || !memcmp(a->unknown.data, d->unknown.data, a->unknown.len))},
	};
	buf_reset(b);
	for (size_t i = 0; i < ARRAY_LEN(members); i++)
		if (!members[i].same)
			buf_printf(b, "%s%s", b->len ? ", " : "", members[i].name);
	return b->len ? b->data : "no visible change";
}

static enum status history_import(struct txn *t, const struct project *p, const char *summary,
				  uint8_t from, uint8_t to)
{
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("project");
	e.entity_id = p->id;
	e.project_number = p->number;
	e.action = xstrdup("import");
	e.summary = xstrdup(summary);
	e.from_phase = from;
	e.to_phase = to;
	enum status st = store_history_add(t, &e);
	history_entry_fini(&e);
	return st;
}

/* The import's progress line (progress.h): one step per record written. */
static struct progress import_progress;

static enum status apply_restore(struct plan *pl, struct txn *t)
{
	enum status st = STATUS_OK;
	if (pl->has_phases && (st = store_phases_put(t, &pl->phases)) != STATUS_OK)
		return st;
	if (pl->has_settings && (st = store_settings_put(t, &pl->settings)) != STATUS_OK)
		return st;
#define RESTORE(vecname, type, fn, k)                                           \
	for (size_t i = 0; i < pl->vecname.n; i++) {                             \
		struct e_##type *e = vec_at(&pl->vecname, i);                     \
		if ((st = fn(t, &e->x)) != STATUS_OK)                             \
			return st;                                                \
		pl->added[k]++;                                                   \
		progress_step(&import_progress, 1);                               \
	}
	RESTORE(fields, topic_field, store_field_restore, K_FIELD)
	RESTORE(orgs, organisation, store_org_restore, K_ORG)
	RESTORE(services, service, store_service_restore, K_SERVICE)
	RESTORE(projects, project, store_project_restore, K_PROJECT)
	RESTORE(workshops, workshop, store_workshop_restore, K_WORKSHOP)
	RESTORE(outcomes, outcome, store_outcome_restore, K_OUTCOME)
	RESTORE(history, history_entry, store_history_restore, K_HISTORY)
#undef RESTORE
	return STATUS_OK;
}

static enum status apply_merge(struct plan *pl, struct txn *t)
{
	enum status st = STATUS_OK;
	struct buf what, name;
	buf_init(&what);
	buf_init(&name);
	/* the file name goes into history: any bytes of it made valid text */
	text_sanitize(&name, base_name(pl->src->path));
	const char *file = name.data ? name.data : "";

	/* The store's puts set versions (the stored one plus one) and, for
	 * workshops and outcomes, the timestamps. */
	for (size_t i = 0; i < pl->fields.n; i++) {
		struct e_topic_field *e = vec_at(&pl->fields, i);
		if (e->m.act == ACT_NONE)
			continue;
		if ((st = store_field_put(t, &e->x)) != STATUS_OK)
			goto out;
		(e->m.act == ACT_ADD ? pl->added : pl->updated)[K_FIELD]++;
	}
#define PUT(vecname, type, fn, k)                                               \
	for (size_t i = 0; i < pl->vecname.n; i++) {                             \
		struct e_##type *e = vec_at(&pl->vecname, i);                     \
		if (e->m.act == ACT_NONE)                                         \
			continue;                                                 \
		if ((st = fn(t, &e->x)) != STATUS_OK)                             \
			goto out;                                                 \
		(e->m.act == ACT_ADD ? pl->added : pl->updated)[k]++;             \
		progress_step(&import_progress, 1);                               \
	}
	PUT(orgs, organisation, store_org_put, K_ORG)
	PUT(services, service, store_service_put, K_SERVICE)

	for (size_t i = 0; i < pl->projects.n; i++) {
		struct e_project *e = vec_at(&pl->projects, i);
		const struct project *db = e->m.db;
		struct project p;
		if (e->m.act == ACT_NONE)
			continue;
		project_init(&p);
		project_copy(&p, &e->x);
		if (e->m.act == ACT_ADD) {
			st = store_project_create(t, &p);
			if (st == STATUS_OK) {
				char *s = xasprintf("imported from %s", file);
				st = history_import(t, &p, s, 0, 0);
				free(s);
			}
		} else {
			p.created = db->created;
			set_str(&p.created_by, db->created_by);
			st = store_project_update(t, &p, db->version);
			if (st == STATUS_OK) {
				char *s = xasprintf("updated from %s: %s", file,
						    changed_fields(&what, &e->x, db));
				bool moved = db->phase != p.phase;
				st = history_import(t, &p, s, moved ? db->phase : 0, moved ? p.phase : 0);
				free(s);
			}
		}
		project_fini(&p);
		if (st != STATUS_OK)
			goto out;
		(e->m.act == ACT_ADD ? pl->added : pl->updated)[K_PROJECT]++;
		progress_step(&import_progress, 1);
	}
	PUT(workshops, workshop, store_workshop_put, K_WORKSHOP)
	PUT(outcomes, outcome, store_outcome_put, K_OUTCOME)
#undef PUT
	st = STATUS_OK;
out:
	buf_fini(&name);
	buf_fini(&what);
	return st;
}

static enum status apply_cb(struct txn *t, void *arg)
{
	struct apply *ap = arg;
	enum status st;
	/* store_write may run this again after growing the map: start afresh. */
	import_progress.done = 0;
	if (ap->built)
		plan_fini(&ap->plan);
	ap->built = true;
	/* errors stay in ap->src for the caller */
	st = plan_build(&ap->plan, ap->src, t);
	if (st == STATUS_DATA)
		return store_txn_fail(t, st);
	if (st != STATUS_OK)
		return st;
	st = ap->plan.restore ? apply_restore(&ap->plan, t) : apply_merge(&ap->plan, t);
	if (st != STATUS_OK)
		return store_txn_fail(t, st);
	return STATUS_OK;
}

static void report_counts(struct buf *out, const struct plan *pl, bool dry_run)
{
	static const char *const names[] = {"topic fields", "organisations", "services", "projects",
					    "workshops", "outcomes", "history entries"};
	static const int order[] = {K_FIELD, K_SERVICE, K_ORG, K_PROJECT, K_WORKSHOP, K_OUTCOME,
				    K_HISTORY};
	const struct vec *vecs[] = {&pl->fields, &pl->orgs, &pl->services, &pl->projects,
				    &pl->workshops, &pl->outcomes, &pl->history};
	buf_puts(out, dry_run ? "would import: " : "imported: ");
	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		int k = order[i];
		if (i)
			buf_puts(out, ", ");
		if (pl->restore) {
			buf_printf(out, "%zu %s", vecs[k]->n, names[k]);
			if (k == K_PROJECT)
				buf_printf(out, " (%zu added, 0 updated)", vecs[k]->n);
		} else if (k == K_HISTORY) {
			/* one "import" entry per added or changed project */
			buf_printf(out, "%zu %s", pl->added[K_PROJECT] + pl->updated[K_PROJECT],
				   names[k]);
		} else {
			/* records in the file; those not counted are unchanged */
			buf_printf(out, "%zu %s (%zu added, %zu updated)", vecs[k]->n, names[k],
				   pl->added[k], pl->updated[k]);
		}
	}
	if (!pl->restore)
		buf_puts(out, "; merged into a database with data, so the file's history, phases and settings were not copied");
}

/* Counts what a merge plan would add and update, without writing (dry run). */
static void plan_count(struct plan *pl)
{
#define COUNT(vecname, type, k)                                               \
	for (size_t i = 0; i < pl->vecname.n; i++) {                           \
		const struct e_##type *e = vec_at(&pl->vecname, i);             \
		if (e->m.act == ACT_ADD)                                        \
			pl->added[k]++;                                         \
		else if (e->m.act == ACT_UPDATE)                                \
			pl->updated[k]++;                                       \
	}
	COUNT(fields, topic_field, K_FIELD)
	COUNT(orgs, organisation, K_ORG)
	COUNT(services, service, K_SERVICE)
	COUNT(projects, project, K_PROJECT)
	COUNT(workshops, workshop, K_WORKSHOP)
	COUNT(outcomes, outcome, K_OUTCOME)
#undef COUNT
}

enum status jsonio_import(struct store *s, const char *path, bool dry_run, struct buf *report)
{
	struct src src;
	struct plan plan;
	struct apply ap;
	struct txn *t = NULL;
	bool planned = false;
	enum status st;

	memset(&src, 0, sizeof src);
	memset(&ap, 0, sizeof ap);
	buf_init(&src.errors);
	src.path = path;
	src.root = json_object();

	if ((st = src_open(&src, path)) != STATUS_OK)
		goto out;
	/* the skeleton and the top-level values (the stream's first pass) */
	if (!js_walk(&src, NULL, NULL) || src.n_errors) {
		st = fail_errors(&src);
		goto out;
	}

	/* Check everything before a write transaction is begun. */
	if ((st = store_read_begin(s, &t)) != STATUS_OK)
		goto out;
	st = plan_build(&plan, &src, t);
	planned = true;
	store_txn_end(t);
	t = NULL;
	if (st == STATUS_DATA) {
		st = fail_errors(&src);
		goto out;
	}
	if (st != STATUS_OK)
		goto out;
	if (dry_run) {
		if (!plan.restore)
			plan_count(&plan);
		if (report)
			report_counts(report, &plan, true);
		goto out;
	}
	if (store_readonly(s)) {
		st = status_fail(STATUS_PERM, "the database is open read-only");
		goto out;
	}
	/* the write builds the plan again: only one is held at a time */
	size_t records = plan.fields.n + plan.orgs.n + plan.services.n + plan.projects.n + plan.workshops.n +
			 plan.outcomes.n + (plan.restore ? plan.history.n : 0);
	plan_fini(&plan);
	planned = false;

	ap.src = &src;
	progress_begin(&import_progress, _("import"), _("records"), records);
	st = store_write(s, apply_cb, &ap);
	progress_end(&import_progress);
	if (st == STATUS_DATA && src.n_errors) {
		/* Someone changed the database between the check and the write. */
		st = fail_errors(&src);
		goto out;
	}
	if (st != STATUS_OK)
		goto out;
	if (report)
		report_counts(report, &ap.plan, false);
out:
	if (planned)
		plan_fini(&plan);
	if (ap.built)
		plan_fini(&ap.plan);
	store_txn_end(t);
	src_fini(&src);
	return st;
}

