/* jsonio_read.c - the reader of an import (docs/json-format.md): a pull parser
 * over the file, read in blocks of 1 MiB and never held whole; the errors,
 * each with the line of the offending value; and the typed values of a record
 * with the checks that need nothing but the value.
 *
 * The parser accepts exactly RFC 8259 JSON as jansson does (UTF-8 only, no
 * \u0000, no lone surrogates, no control characters in strings, integers that
 * fit 64 bits, reals that do not overflow) and names the line of every error.
 * Objects are read member by member (jr_member), arrays element by element
 * (jr_element); the record readers take each value as it comes, so no tree is
 * ever built. Values the document does not know are skipped (jr_skip), their
 * syntax still checked, nested at most MAX_DEPTH deep. One top-level value or
 * one element of a top-level array may not pass MAX_VALUE bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ozgtui/codec.h"
#include "ozgtui/i18n.h"
#include "ozgtui/model.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

#define JR_BLOCK (1u << 20)

/* ---- errors ------------------------------------------------------------------ */

__attribute__((format(printf, 4, 0)))
static void jerrs_vadd(struct jerrs *e, int line, const char *where, const char *fmt, va_list ap)
{
	e->n++;
	if (e->n > MAX_ERRORS)
		return;
	if (e->text.len)
		buf_putc(&e->text, '\n');
	buf_printf(&e->text, "%s:%d: ", e->path, line);
	if (where && *where)
		buf_printf(&e->text, "%s: ", where);
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n > 0) {
		xgrow((void **)&e->text.data, &e->text.cap, e->text.len + (size_t)n + 1, 1);
		vsnprintf(e->text.data + e->text.len, (size_t)n + 1, fmt, ap);
		e->text.len += (size_t)n;
	}
}

void jerrs_add(struct jerrs *e, int line, const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jerrs_vadd(e, line, where, fmt, ap);
	va_end(ap);
}

void jerrs_clear(struct jerrs *e)
{
	buf_reset(&e->text);
	e->n = 0;
}

/* ---- the reader ----------------------------------------------------------------- */

void jr_init(struct jr *j, int fd, struct jerrs *errs)
{
	memset(j, 0, sizeof *j);
	j->fd = fd;
	j->errs = errs;
	j->line = 1;
	j->index = -1;
	j->buf = xmalloc(JR_BLOCK);
	buf_init(&j->str);
	buf_init(&j->key);
	buf_init(&j->num);
}

void jr_fini(struct jr *j)
{
	free(j->buf);
	free(j->stack);
	buf_fini(&j->str);
	buf_fini(&j->key);
	buf_fini(&j->num);
}

bool jr_seek(struct jr *j, off_t off, int line)
{
	j->pos = j->len = 0;
	j->base = off;
	j->line = line;
	j->eof = false;
	j->failed = false;
	j->limit = 0;
	if (lseek(j->fd, off, SEEK_SET) == (off_t)-1) {
		jr_fail(j, line, _("cannot read: %s"), strerror(errno));
		return false;
	}
	return true;
}

off_t jr_offset(const struct jr *j)
{
	return j->base + (off_t)j->pos;
}

void jr_fail(struct jr *j, int line, const char *fmt, ...)
{
	char where[96] = "";
	if (j->failed)
		return;
	j->failed = true;
	j->len = j->pos;   /* nothing more is read (jr_fill refuses) */
	if (j->top && j->index >= 0)
		snprintf(where, sizeof where, "%s[%ld]", j->top, j->index);
	else if (j->top)
		snprintf(where, sizeof where, "%s", j->top);
	va_list ap;
	va_start(ap, fmt);
	jerrs_vadd(j->errs, line, where, fmt, ap);
	va_end(ap);
}

static bool jr_over(struct jr *j);

/* The next block; its first byte, or -1 at the end (or on an error). */
static int jr_fill(struct jr *j)
{
	if (j->failed || j->eof)
		return -1;
	if (jr_over(j))
		return -1;
	j->base += (off_t)j->len;
	j->pos = j->len = 0;
	for (;;) {
		ssize_t got = read(j->fd, j->buf, JR_BLOCK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			jr_fail(j, j->line, _("cannot read: %s"), strerror(errno));
			return -1;
		}
		if (got == 0) {
			j->eof = true;
			return -1;
		}
		j->len = (size_t)got;
		return j->buf[0];
	}
}

static inline int jr_peek(struct jr *j)
{
	if (j->pos < j->len)
		return j->buf[j->pos];
	return jr_fill(j);
}

/* White space is skipped in the calls of the parser itself through ws(), which
 * returns at once when there is none (most of the time). */
static int jr_ws_run(struct jr *j)
{
	if (j->failed)
		return -1;
	for (;;) {
		const unsigned char *b = j->buf;
		size_t i = j->pos, n = j->len;
		int line = j->line;
		while (i < n) {
			unsigned char c = b[i];
			if (c > ' ')
				break;
			if (c == '\n')
				line++;
			else if (c != ' ' && c != '\t' && c != '\r')
				break;
			i++;
		}
		j->pos = i;
		j->line = line;
		if (i < n)
			return b[i];
		if (jr_fill(j) < 0)
			return -1;
	}
}

static inline int ws(struct jr *j)
{
	if (j->pos < j->len && j->buf[j->pos] > ' ')
		return j->buf[j->pos];
	return jr_ws_run(j);
}

int jr_ws(struct jr *j)
{
	return ws(j);
}

const char *jr_what(struct jr *j, char out[static 32])
{
	int c = j->failed ? -1 : jr_peek(j);
	if (c < 0)
		snprintf(out, 32, "%s", _("the end of the file"));
	else if (c > 0x20 && c < 0x7f)
		snprintf(out, 32, "'%c'", c);
	else
		snprintf(out, 32, _("byte 0x%02x"), (unsigned)c);
	return out;
}

const char *jr_type_name(enum jtype t)
{
	switch (t) {
	case JT_OBJECT: return _("an object");
	case JT_ARRAY: return _("an array");
	case JT_STRING: return _("a string");
	case JT_INT: return _("an integer");
	case JT_REAL: return _("a real number");
	case JT_TRUE:
	case JT_FALSE: return _("a boolean");
	case JT_NULL: return _("null");
	}
	return _("a value");
}

static void utf8_put(struct buf *out, uint32_t u)
{
	char s[4];
	size_t n;
	if (u < 0x80) {
		s[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		s[0] = (char)(0xc0 | u >> 6);
		s[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		s[0] = (char)(0xe0 | u >> 12);
		s[1] = (char)(0x80 | (u >> 6 & 0x3f));
		s[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | u >> 18);
		s[1] = (char)(0x80 | (u >> 12 & 0x3f));
		s[2] = (char)(0x80 | (u >> 6 & 0x3f));
		s[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	buf_append(out, s, n);
}

/* Four hex digits of a \u escape; -1 when they are not. */
static long jr_hex4(struct jr *j)
{
	long u = 0;
	for (int i = 0; i < 4; i++) {
		int c = jr_peek(j);
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		j->pos++;
		u = u << 4 | d;
	}
	return u;
}

/* The escape whose backslash is at the reader. */
static bool jr_escape(struct jr *j, struct buf *out, int start)
{
	char w[32];
	j->pos++;
	int c = jr_peek(j);
	if (c < 0) {
		jr_fail(j, start, _("a string is not closed before the end of the file"));
		return false;
	}
	switch (c) {
	case '"':
	case '\\':
	case '/':
		buf_putc(out, (char)c);
		break;
	case 'b': buf_putc(out, '\b'); break;
	case 'f': buf_putc(out, '\f'); break;
	case 'n': buf_putc(out, '\n'); break;
	case 'r': buf_putc(out, '\r'); break;
	case 't': buf_putc(out, '\t'); break;
	case 'u': {
		j->pos++;
		long u = jr_hex4(j);
		if (u < 0) {
			jr_fail(j, j->line, _("invalid \\u escape"));
			return false;
		}
		if (u >= 0xdc00 && u <= 0xdfff) {
			jr_fail(j, j->line, _("invalid Unicode '\\u%04lX'"), u);
			return false;
		}
		if (u >= 0xd800 && u <= 0xdbff) {
			long lo = -1;
			if (jr_peek(j) == '\\') {
				j->pos++;
				if (jr_peek(j) == 'u') {
					j->pos++;
					lo = jr_hex4(j);
				}
			}
			if (lo < 0xdc00 || lo > 0xdfff) {
				if (lo >= 0)
					jr_fail(j, j->line, _("invalid Unicode '\\u%04lX\\u%04lX'"), u, lo);
				else
					jr_fail(j, j->line, _("invalid Unicode '\\u%04lX'"), u);
				return false;
			}
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (u == 0) {
			jr_fail(j, j->line, _("\\u0000 is not allowed"));
			return false;
		}
		utf8_put(out, (uint32_t)u);
		return true;
	}
	default:
		jr_fail(j, j->line, _("invalid escape: backslash before %s"), jr_what(j, w));
		return false;
	}
	j->pos++;
	return true;
}

/* Bytes a string holds as they are: printable ASCII but the quote and the backslash. */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Appends n bytes to b (buf_append without the call when there is room). */
static inline void put(struct buf *b, const void *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		buf_append(b, s, n);
	}
}

/* The string whose opening quote is at the reader, decoded into out. */
static bool jr_string(struct jr *j, struct buf *out)
{
	int start = j->line;
	out->len = 0;
	out->data[0] = '\0';
	j->pos++;
	for (;;) {
		const unsigned char *b = j->buf;
		size_t i = j->pos, n = j->len;
		while (i < n && plain[b[i]])
			i++;
		if (i > j->pos) {
			put(out, b + j->pos, i - j->pos);
			j->pos = i;
			if (out->len > MAX_VALUE) {
				jr_fail(j, start, _("larger than %u MiB"), MAX_VALUE >> 20);
				return false;
			}
		}
		if (i == n) {
			if (jr_fill(j) < 0) {
				jr_fail(j, start, _("a string is not closed before the end of the file"));
				return false;
			}
			continue;
		}
		unsigned char c = b[i];
		if (c == '"') {
			j->pos++;
			return true;
		}
		if (c == '\\') {
			if (!jr_escape(j, out, start))
				return false;
			continue;
		}
		if (c < 0x20) {
			jr_fail(j, j->line, _("control character 0x%x in a string"), (unsigned)c);
			return false;
		}
		/* a UTF-8 sequence, perhaps across two blocks */
		unsigned char seq[4];
		size_t need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4, got = 0;
		while (got < need) {
			int d = jr_peek(j);
			if (d < 0 || (got && (d & 0xc0) != 0x80))
				break;
			seq[got++] = (unsigned char)d;
			j->pos++;
		}
		if (got < need || jsonio_utf8_len(seq, got) != need) {
			jr_fail(j, j->line, _("unable to decode byte 0x%x (not UTF-8)"), (unsigned)c);
			return false;
		}
		buf_append(out, seq, need);
	}
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* The number at the reader, by the grammar of RFC 8259. */
static bool jr_number(struct jr *j, struct jv *v)
{
	int c;
	buf_reset(&j->num);
	while ((c = jr_peek(j)) >= 0 &&
	       (is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
		buf_putc(&j->num, (char)c);
		j->pos++;
	}
	const char *s = j->num.data;
	size_t k = 0, len = j->num.len;
	bool real = false, ok = true;
	if (s[k] == '-')
		k++;
	if (s[k] == '0')
		k++;
	else if (s[k] >= '1' && s[k] <= '9')
		while (is_digit(s[k]))
			k++;
	else
		ok = false;
	if (ok && s[k] == '.') {
		real = true;
		k++;
		ok = is_digit(s[k]);
		while (is_digit(s[k]))
			k++;
	}
	if (ok && (s[k] == 'e' || s[k] == 'E')) {
		real = true;
		k++;
		if (s[k] == '+' || s[k] == '-')
			k++;
		ok = is_digit(s[k]);
		while (is_digit(s[k]))
			k++;
	}
	if (!ok || k != len) {
		jr_fail(j, j->line, _("invalid number '%.40s'"), s);
		return false;
	}
	errno = 0;
	if (!real) {
		long long x = strtoll(s, NULL, 10);
		if (errno == ERANGE) {
			jr_fail(j, j->line, s[0] == '-' ? _("too big negative integer '%.40s'") : _("too big integer '%.40s'"), s);
			return false;
		}
		v->t = JT_INT;
		v->i = x;
	} else {
		double d = strtod(s, NULL);
		if (errno == ERANGE && (d > 1 || d < -1)) {
			jr_fail(j, j->line, _("real number overflow '%.40s'"), s);
			return false;
		}
		v->t = JT_REAL;
	}
	return true;
}

static bool jr_literal(struct jr *j, const char *word)
{
	char w[32];
	int line = j->line;
	for (size_t i = 0; word[i]; i++) {
		if (jr_peek(j) != word[i]) {
			jr_fail(j, line, _("expected a value, found %s"), jr_what(j, w));
			return false;
		}
		j->pos++;
	}
	int c = jr_peek(j);
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c)) {
		jr_fail(j, line, _("expected a value, found %s"), jr_what(j, w));
		return false;
	}
	return true;
}

bool jr_value(struct jr *j, struct jv *v)
{
	char w[32];
	int c = ws(j);
	v->line = j->line;
	v->i = 0;
	v->s = NULL;
	v->len = 0;
	switch (c) {
	case '{':
		v->t = JT_OBJECT;
		return true;
	case '[':
		v->t = JT_ARRAY;
		return true;
	case '"':
		v->t = JT_STRING;
		if (!jr_string(j, &j->str))
			return false;
		v->s = j->str.data;
		v->len = j->str.len;
		return true;
	case 't':
		v->t = JT_TRUE;
		return jr_literal(j, "true");
	case 'f':
		v->t = JT_FALSE;
		return jr_literal(j, "false");
	case 'n':
		v->t = JT_NULL;
		return jr_literal(j, "null");
	default:
		if (c == '-' || is_digit(c))
			return jr_number(j, v);
		if (!j->failed)
			jr_fail(j, j->line, _("expected a value, found %s"), jr_what(j, w));
		return false;
	}
}

bool jr_enter(struct jr *j)
{
	j->pos++;
	return true;
}

/* The current value is past its limit: an error. */
static bool jr_over(struct jr *j)
{
	if (!j->limit || jr_offset(j) <= j->limit)
		return false;
	jr_fail(j, j->line, _("larger than %u MiB"), MAX_VALUE >> 20);
	return true;
}

bool jr_end(struct jr *j)
{
	bool over = jr_over(j);
	j->limit = 0;
	return !over && !j->failed;
}

int jr_member(struct jr *j, size_t *n)
{
	char w[32];
	if (jr_over(j))
		return -1;
	int c = ws(j);
	if (c == '}') {
		j->pos++;
		return 0;
	}
	if (*n) {
		if (c != ',') {
			if (!j->failed)
				jr_fail(j, j->line, _("expected ',' or '}' after a member, found %s"), jr_what(j, w));
			return -1;
		}
		j->pos++;
		c = ws(j);
	}
	if (c != '"') {
		if (!j->failed)
			jr_fail(j, j->line, _("expected a key in quotes, found %s"), jr_what(j, w));
		return -1;
	}
	j->key_line = j->line;
	if (!jr_string(j, &j->key))
		return -1;
	c = ws(j);
	if (c != ':') {
		if (!j->failed)
			jr_fail(j, j->line, _("expected ':' after the key \"%s\", found %s"), j->key.data,
				jr_what(j, w));
		return -1;
	}
	j->pos++;
	(*n)++;
	return 1;
}

int jr_element(struct jr *j, size_t *n)
{
	char w[32];
	if (jr_over(j))
		return -1;
	int c = ws(j);
	if (c == ']') {
		j->pos++;
		return 0;
	}
	if (*n) {
		if (c != ',') {
			if (!j->failed)
				jr_fail(j, j->line, _("expected ',' or ']' after an element, found %s"), jr_what(j, w));
			return -1;
		}
		j->pos++;
	}
	if (j->failed)
		return -1;
	(*n)++;
	return 1;
}

bool jr_skip(struct jr *j)
{
	char w[32];
	size_t depth = 0;
	struct jv v;
	for (;;) {
		/* a value */
		int c = ws(j);
		if (c == '{' || c == '[') {
			if (depth >= MAX_DEPTH) {
				jr_fail(j, j->line, _("nested more than %d deep"), MAX_DEPTH);
				return false;
			}
			xgrow((void **)&j->stack, &j->stack_cap, depth + 1, 1);
			j->stack[depth++] = c == '{' ? '}' : ']';
			j->pos++;
			int d = ws(j);
			if (d == j->stack[depth - 1]) {
				j->pos++;
				depth--;
			} else if (c == '{') {
				size_t one = 0;
				if (jr_member(j, &one) < 0)
					return false;
				continue;
			} else {
				continue;
			}
		} else if (!jr_value(j, &v)) {
			return false;
		}
		/* after a value: the next one, or the end of containers */
		for (;;) {
			if (!depth)
				return true;
			c = ws(j);
			if (c == j->stack[depth - 1]) {
				j->pos++;
				depth--;
				continue;
			}
			if (c != ',') {
				if (!j->failed)
					jr_fail(j, j->line, _("expected ',' or '%c', found %s"), j->stack[depth - 1],
						jr_what(j, w));
				return false;
			}
			if (j->stack[depth - 1] == '}') {
				size_t one = 1;   /* jr_member takes the comma, then the key */
				if (jr_member(j, &one) < 0)
					return false;
			} else {
				j->pos++;
			}
			break;
		}
	}
}

/* ---- a record ----------------------------------------------------------------- */

void rec_begin(struct rec *r, struct imp *im, struct jr *j, const char *top, long index)
{
	memset(r, 0, sizeof *r);
	r->im = im;
	r->j = j;
	r->top = top;
	r->index = index;
	ws(j);
	r->line = j->line;
	j->top = top;
	j->index = index;
}

void rec_fail(struct rec *r, int line, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	xgrow((void **)&r->errs, &r->cap_errs, r->n_errs + 1, sizeof *r->errs);
	r->errs[r->n_errs].line = line ? line : r->line;
	r->errs[r->n_errs].msg = msg;
	r->n_errs++;
	r->bad = true;
}

void rec_where(const struct rec *r, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	if (!r->top)
		return;
	if (r->index >= 0)
		k = (size_t)snprintf(out, n, "%s[%ld]", r->top, r->index);
	else
		k = (size_t)snprintf(out, n, "%s", r->top);
	if (!r->label_key || k >= n)
		return;
	if (r->label_is_id) {
		char id[37];
		uuid_format(&r->label_id, id);
		snprintf(out + k, n - k, " (%s %s)", r->label_key, id);
	} else if (r->label_s[0]) {
		snprintf(out + k, n - k, " (%s %s)", r->label_key, r->label_s);
	} else {
		snprintf(out + k, n - k, " (%s %llu)", r->label_key, (unsigned long long)r->label_n);
	}
}

void rec_label(struct rec *r, const char *key, uint64_t n, const struct uuid *id, const char *s)
{
	r->label_key = key;
	r->label_n = n;
	r->label_is_id = id != NULL;
	if (id)
		r->label_id = *id;
	r->label_s[0] = '\0';
	if (s)
		snprintf(r->label_s, sizeof r->label_s, "%s", s);
}

void rec_end(struct rec *r)
{
	char where[160];
	if (r->n_errs) {
		rec_where(r, where, sizeof where);
		for (size_t i = 0; i < r->n_errs; i++) {
			jerrs_add(r->j->errs, r->errs[i].line, where, "%s", r->errs[i].msg);
			free(r->errs[i].msg);
		}
	}
	free(r->errs);
	r->errs = NULL;
	r->n_errs = r->cap_errs = 0;
	r->j->top = NULL;
	r->j->index = -1;
}

const char *rec_path(const struct rec *r, const char *name, long i, char out[static REC_PATH])
{
	char nest[64] = "";
	if (r->nest)
		snprintf(nest, sizeof nest, "%.30s[%ld]%s", r->nest, r->nest_i, name ? "." : "");
	if (!name)
		snprintf(out, REC_PATH, "%s", nest);
	else if (i >= 0)
		snprintf(out, REC_PATH, "%s%.40s[%ld]", nest, name, i);
	else
		snprintf(out, REC_PATH, "%s%.40s", nest, name);
	return out;
}

void rec_drop(struct rec *r, const struct jv *v)
{
	if (v->t == JT_OBJECT || v->t == JT_ARRAY)
		jr_skip(r->j);
}

void rec_expected(struct rec *r, const char *name, long i, const struct jv *v, int what)
{
	char path[REC_PATH];
	const char *t = jr_type_name(v->t);
	rec_path(r, name, i, path);
	switch (what) {
	case EXPECT_STRING: rec_fail(r, v->line, _("%s: expected a string, not %s"), path, t); break;
	case EXPECT_INTEGER: rec_fail(r, v->line, _("%s: expected an integer, not %s"), path, t); break;
	case EXPECT_BOOL: rec_fail(r, v->line, _("%s: expected true or false, not %s"), path, t); break;
	case EXPECT_ARRAY: rec_fail(r, v->line, _("%s: expected an array, not %s"), path, t); break;
	case EXPECT_OBJECT: rec_fail(r, v->line, _("%s: expected an object, not %s"), path, t); break;
	case EXPECT_PHASE: rec_fail(r, v->line, _("%s: expected a phase slug, not %s"), path, t); break;
	default: rec_fail(r, v->line, _("%s: expected a positive integer, not %s"), path, t); break;
	}
	rec_drop(r, v);
}

int rec_member(struct rec *r, const char *const *keys, size_t nkeys, size_t *n, uint64_t *seen)
{
	struct jr *j = r->j;
	char p[REC_PATH];
	for (;;) {
		if (jr_member(j, n) <= 0)
			return -1;
		/* an export writes the keys in the table's order: try that one first */
		const char *key = j->key.data;
		int k = -1;
		size_t i;
		if (*n - 1 < nkeys && !strcmp(keys[*n - 1], key))
			k = (int)(*n - 1);
		for (i = 0; k < 0 && keys[i]; i++)
			if (!strcmp(keys[i], key))
				k = (int)i;
		if (k < 0 && r->nest) {
			rec_fail(r, j->key_line, _("%s: unknown key '%s'"), rec_path(r, NULL, -1, p), key);
		} else if (k < 0) {
			rec_fail(r, j->key_line, _("unknown key '%s'"), key);
		} else if (*seen & (UINT64_C(1) << k)) {
			rec_fail(r, j->key_line, _("%s: duplicate object key"), rec_path(r, key, -1, p));
			k = -1;
		}
		if (k < 0) {
			if (!jr_skip(j))
				return -1;
			continue;
		}
		*seen |= UINT64_C(1) << k;
		if (!r->nest && k < REC_KEYS)
			r->key_line[k] = j->key_line;
		return k;
	}
}

bool rec_object(struct rec *r, const char *name, long i)
{
	struct jv v;
	char p[REC_PATH];
	if (!jr_value(r->j, &v)) {
		r->bad = true;
		return false;
	}
	if (v.t != JT_OBJECT) {
		if (name)
			rec_fail(r, v.line, _("%s: expected an object, not %s"), rec_path(r, name, i, p),
				 jr_type_name(v.t));
		else
			rec_fail(r, v.line, _("expected an object, not %s"), jr_type_name(v.t));
		rec_drop(r, &v);
		return false;
	}
	return jr_enter(r->j);
}

void rec_required(struct rec *r, const char *const *keys, uint64_t seen, const int *req)
{
	char p[REC_PATH];
	if (r->j->failed) {
		r->bad = true;   /* cut short by a syntax error: not a record */
		return;
	}
	for (size_t i = 0; req[i] >= 0; i++)
		if (!(seen & (UINT64_C(1) << req[i])))
			rec_fail(r, r->line, _("%s: missing"), rec_path(r, keys[req[i]], -1, p));
}

/* A value that may be null: false for null (absent), true for anything else;
 * a required one must not be null. */
static bool rec_some(struct rec *r, const char *name, bool req, struct jv *v)
{
	char p[REC_PATH];
	if (!jr_value(r->j, v))
		return false;
	if (v->t != JT_NULL)
		return true;
	if (req)
		rec_fail(r, v->line, _("%s: must not be null"), rec_path(r, name, -1, p));
	return false;
}

/* A string of at most max bytes. */
static bool rec_string_value(struct rec *r, const char *name, long i, const struct jv *v, size_t max)
{
	char p[REC_PATH];
	if (v->t != JT_STRING) {
		rec_expected(r, name, i, v, EXPECT_STRING);
		return false;
	}
	if (v->len > max) {
		rec_fail(r, v->line, _("%s: too long (%zu bytes, at most %zu)"), rec_path(r, name, i, p),
			 v->len, max);
		return false;
	}
	return true;
}

void rec_str(struct rec *r, const char *name, bool req, size_t max, char **out)
{
	struct jv v;
	char p[REC_PATH];
	*out = NULL;
	if (!rec_some(r, name, req, &v))
		return;
	if (!rec_string_value(r, name, -1, &v, max))
		return;
	if (req && !v.len) {
		rec_fail(r, v.line, _("%s: must not be empty"), rec_path(r, name, -1, p));
		return;
	}
	*out = xmalloc(v.len + 1);
	memcpy(*out, v.s, v.len + 1);
}

bool rec_int(struct rec *r, const char *name, bool req, int64_t lo, int64_t hi, int64_t def,
	     int64_t *out)
{
	struct jv v;
	char p[REC_PATH];
	*out = def;
	if (!rec_some(r, name, req, &v))
		return !req && !r->j->failed;
	if (v.t != JT_INT) {
		rec_expected(r, name, -1, &v, EXPECT_INTEGER);
		return false;
	}
	if (v.i < lo || v.i > hi) {
		rec_fail(r, v.line, _("%s: %lld is out of range (%lld..%lld)"), rec_path(r, name, -1, p),
			 (long long)v.i, (long long)lo, (long long)hi);
		return false;
	}
	*out = v.i;
	return true;
}

uint32_t rec_u32(struct rec *r, const char *name, uint32_t lo, uint32_t def)
{
	int64_t v;
	rec_int(r, name, false, lo, UINT32_MAX, def, &v);
	return (uint32_t)v;
}

bool rec_bool(struct rec *r, const char *name)
{
	struct jv v;
	if (!rec_some(r, name, false, &v))
		return false;
	if (v.t != JT_TRUE && v.t != JT_FALSE) {
		rec_expected(r, name, -1, &v, EXPECT_BOOL);
		return false;
	}
	return v.t == JT_TRUE;
}

int32_t rec_date(struct rec *r, const char *name)
{
	struct jv v;
	char p[REC_PATH];
	int32_t day = 0;
	if (!rec_some(r, name, false, &v) || !rec_string_value(r, name, -1, &v, 64))
		return 0;
	if (!date_parse(v.s, &day)) {
		rec_fail(r, v.line, _("%s: invalid date '%s' (expected YYYY-MM-DD)"), rec_path(r, name, -1, p), v.s);
		return 0;
	}
	return day;
}

int64_t rec_time(struct rec *r, const char *name)
{
	struct jv v;
	char p[REC_PATH];
	int64_t t = 0;
	if (!rec_some(r, name, false, &v) || !rec_string_value(r, name, -1, &v, 64))
		return 0;
	if (!time_parse(v.s, &t)) {
		rec_fail(r, v.line, _("%s: invalid time '%s' (expected YYYY-MM-DDTHH:MM:SSZ)"),
			 rec_path(r, name, -1, p), v.s);
		return 0;
	}
	return t;
}

static int hex1(unsigned char c)
{
	if ((unsigned)(c - '0') < 10)
		return c - '0';
	c |= 0x20;
	if ((unsigned)(c - 'a') < 6)
		return c - 'a' + 10;
	return -1;
}

/* uuid_parse of a string of len bytes, without its calls per digit. */
static bool uuid36(const char *s, size_t len, struct uuid *u)
{
	static const unsigned char at[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
	if (len != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return false;
	for (int i = 0; i < 16; i++) {
		int hi = hex1((unsigned char)s[at[i]]), lo = hex1((unsigned char)s[at[i] + 1]);
		if ((hi | lo) < 0)
			return false;
		u->b[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static bool rec_uuid_value(struct rec *r, const char *name, long i, const struct jv *v, struct uuid *out)
{
	char p[REC_PATH];
	if (!rec_string_value(r, name, i, v, 64))
		return false;
	if (!uuid36(v->s, v->len, out)) {
		rec_fail(r, v->line, _("%s: invalid UUID '%s'"), rec_path(r, name, i, p), v->s);
		return false;
	}
	if (uuid_is_nil(out)) {
		rec_fail(r, v->line, _("%s: the nil UUID is not allowed (use null)"), rec_path(r, name, i, p));
		return false;
	}
	return true;
}

bool rec_uuid(struct rec *r, const char *name, bool req, struct uuid *out, int *line)
{
	struct jv v;
	memset(out, 0, sizeof *out);
	if (!rec_some(r, name, req, &v))
		return false;
	*line = v.line;
	if (!rec_uuid_value(r, name, -1, &v, out)) {
		memset(out, 0, sizeof *out);
		return false;
	}
	return true;
}

int rec_enum(struct rec *r, const char *name, bool req, int lo, int hi, const char *(*code)(int),
	     const char *what, int def)
{
	struct jv v;
	char p[REC_PATH];
	if (!rec_some(r, name, req, &v) || !rec_string_value(r, name, -1, &v, 64))
		return def;
	for (int i = lo; i <= hi; i++)
		if (!strcmp(v.s, code(i)))
			return i;
	struct buf known;
	buf_init(&known);
	for (int i = lo; i <= hi; i++)
		buf_printf(&known, "%s%s", i > lo ? ", " : "", code(i));
	rec_fail(r, v.line, _("%s: unknown %s '%s' (known: %s)"), rec_path(r, name, -1, p), _(what), v.s,
		 known.data);
	buf_fini(&known);
	return def;
}

static int hexval(int c)
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
void rec_unknown(struct rec *r, struct unknown *u)
{
	struct jv v;
	char p[REC_PATH];
	if (!rec_some(r, "unknown", false, &v) || !rec_string_value(r, "unknown", -1, &v, MAX_STRING))
		return;
	rec_path(r, "unknown", -1, p);
	if (v.len % 2) {
		rec_fail(r, v.line, _("%s: odd number of hex digits"), p);
		return;
	}
	uint8_t *raw = xmalloc(v.len / 2 + 1);
	for (size_t i = 0; i < v.len / 2; i++) {
		int hi = hexval(v.s[2 * i]), lo = hexval(v.s[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			rec_fail(r, v.line, _("%s: not hex digits"), p);
			goto out;
		}
		raw[i] = (uint8_t)(hi << 4 | lo);
	}
	struct codec_reader cr;
	struct codec_field f;
	codec_open_nested(&cr, raw, v.len / 2);
	while (codec_next(&cr, &f))
		;
	if (cr.bad) {
		rec_fail(r, v.line, _("%s: not well-formed record fields"), p);
		goto out;
	}
	if (v.len)
		unknown_add(u, raw, v.len / 2);
out:
	free(raw);
}

/* The array at the reader: entered, or false for null (an error for anything else). */
static bool rec_array_begin(struct rec *r, const char *name)
{
	struct jv v;
	if (!rec_some(r, name, false, &v))
		return false;
	if (v.t != JT_ARRAY) {
		rec_expected(r, name, -1, &v, EXPECT_ARRAY);
		return false;
	}
	return jr_enter(r->j);
}

void rec_uuids(struct rec *r, const char *name, int kind, struct uuid **out, size_t *n)
{
	size_t cap = 0, m = 0;
	struct jv v;
	*out = NULL;
	*n = 0;
	if (!rec_array_begin(r, name))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		struct uuid id;
		if (!jr_value(r->j, &v))
			return;
		if (!rec_uuid_value(r, name, (long)i, &v, &id))
			continue;
		if (kind >= 0)
			imp_ref(r, (enum jkind)kind, &id, 0, name, (long)i, v.line);
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = id;
	}
}

void rec_u32s(struct rec *r, const char *name, int kind, uint32_t **out, size_t *n)
{
	size_t cap = 0, m = 0;
	char p[REC_PATH];
	struct jv v;
	*out = NULL;
	*n = 0;
	if (!rec_array_begin(r, name))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		if (!jr_value(r->j, &v))
			return;
		if (v.t != JT_INT || v.i < 1 || v.i > UINT32_MAX) {
			if (v.t == JT_INT)
				rec_fail(r, v.line, _("%s: expected a positive integer, not %lld"),
					 rec_path(r, name, (long)i, p), (long long)v.i);
			else
				rec_expected(r, name, (long)i, &v, EXPECT_POSITIVE);
			continue;
		}
		if (kind >= 0)
			imp_ref(r, (enum jkind)kind, NULL, (uint64_t)v.i, name, (long)i, v.line);
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (uint32_t)v.i;
	}
}

void rec_strv(struct rec *r, const char *name, struct strv *out)
{
	size_t m = 0;
	struct jv v;
	if (!rec_array_begin(r, name))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		if (!jr_value(r->j, &v))
			return;
		if (rec_string_value(r, name, (long)i, &v, MAX_STRING))
			strv_push(out, v.s);
	}
}

uint8_t rec_phase(struct rec *r, const char *name, bool own, bool any_id)
{
	struct jv v;
	char p[REC_PATH];
	bool db = false;
	if (!rec_some(r, name, false, &v))
		return 0;
	const struct phase_list *list = imp_phases(r->im, own, &db);
	if (!list) {
		rec_drop(r, &v);
		return 0;
	}
	if (v.t == JT_INT) {
		rec_path(r, name, -1, p);
		if (v.i < 1 || v.i > 255) {
			rec_fail(r, v.line, _("%s: phase id %lld is out of range (1..255)"), p, (long long)v.i);
			return 0;
		}
		if (!any_id && !phase_list_get(list, (uint8_t)v.i)) {
			rec_fail(r, v.line, _("%s: unknown phase id %lld"), p, (long long)v.i);
			return 0;
		}
		return (uint8_t)v.i;
	}
	if (v.t != JT_STRING) {
		rec_expected(r, name, -1, &v, EXPECT_PHASE);
		return 0;
	}
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].slug && !strcmp(list->v[i].slug, v.s))
			return list->v[i].id;
	rec_path(r, name, -1, p);
	if (db)
		rec_fail(r, v.line, _("%s: unknown phase '%s' (the database has no such phase)"), p, v.s);
	else
		rec_fail(r, v.line, _("%s: unknown phase '%s'"), p, v.s);
	return 0;
}
