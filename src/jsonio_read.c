/* jsonio_read.c - the reader of an import (docs/json-format.md): a pull parser
 * over the file, read in blocks of 1 MiB and never held whole, and the errors,
 * each with the line of the offending value. The scalars (strings, numbers,
 * literals) are decoded in jsonio_lex.c, the typed values of a record, with
 * the checks that need nothing but the value, are read in jsonio_values.c.
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

int jr_fill(struct jr *j)
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
		if (c == '-' || (c >= '0' && c <= '9'))
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
