/* jsonio_lex.c - the scalars of the import's reader (jsonio_read.c): strings
 * with their escapes decoded and checked as UTF-8, numbers as jansson reads
 * them, and the literals true, false and null. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ozgtui/i18n.h"
#include "ozgtui/model.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

#define JR_BLOCK (1u << 20)


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
bool jr_string(struct jr *j, struct buf *out)
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
bool jr_number(struct jr *j, struct jv *v)
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

bool jr_literal(struct jr *j, const char *word)
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
