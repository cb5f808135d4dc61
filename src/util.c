/* util.c - memory, buffers, string vectors, time, the Unix user and text. */
#include "ozgtui/util.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

/* ---- memory ---------------------------------------------------------------- */

static void (*oom_hook)(void);

void util_set_oom_hook(void (*hook)(void))
{
	oom_hook = hook;
}

static _Noreturn void oom(void)
{
	if (oom_hook)
		oom_hook();
	fputs("ozgtui: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void xgrow(void **v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap && *v)
		return;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			oom();
		ncap *= 2;
	}
	if (elem && ncap > SIZE_MAX / elem)
		oom();
	*v = xrealloc(*v, ncap * elem);
	*cap = ncap;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	/* Formats into a stack buffer first; only long results format twice. */
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("");
	if ((size_t)n < sizeof small)
		return xstrdup(small);
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- buf -------------------------------------------------------------------- */

void buf_init(struct buf *b)
{
	b->cap = 16;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
	b->len = 0;
}

void buf_fini(struct buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_append(struct buf *b, const void *data, size_t n)
{
	if (n >= SIZE_MAX - b->len)
		oom();
	if (!b->data || b->len + n + 1 > b->cap)
		xgrow((void **)&b->data, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	if (b->data && b->len + 1 < b->cap) {   /* room for c and the NUL */
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_append(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	xgrow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	/* Left as after buf_fini: no allocation that a caller could leak. */
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- strv ------------------------------------------------------------------- */

void strv_init(struct strv *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

void strv_fini(struct strv *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	strv_init(s);
}

void strv_push(struct strv *s, const char *str)
{
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = xstrdup(str);
}

/* dst is overwritten (not freed first). */
void strv_copy(struct strv *dst, const struct strv *src)
{
	strv_init(dst);
	for (size_t i = 0; i < src->n; i++)
		strv_push(dst, src->v[i]);
}

bool strv_contains(const struct strv *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], str) == 0)
			return true;
	return false;
}

/* Removes every occurrence, keeping the order of the rest. */
bool strv_remove(struct strv *s, const char *str)
{
	size_t j = 0;
	bool found = false;
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->v[i], str) == 0) {
			free(s->v[i]);
			found = true;
		} else {
			s->v[j++] = s->v[i];
		}
	}
	s->n = j;
	return found;
}

/* ---- time ------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm):
 * no time zone, no libc. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
	static const unsigned dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* n decimal digits at s; false when any is not a digit. */
static bool digits(const char *s, int n, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* "YYYY-MM-DD" at s (exactly 10 characters, more may follow): days since the epoch. */
static bool parse_ymd(const char *s, int64_t *days)
{
	unsigned y, m, d;
	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

/* Formatting clamps to years 0000..9999 so that the text always fits. */
static int64_t clamp_days(int64_t days)
{
	static const int64_t lo = -719528, hi = 2932896;   /* 0000-01-01, 9999-12-31 */
	return days < lo ? lo : days > hi ? hi : days;
}

bool date_parse(const char *s, int32_t *day)
{
	int64_t days;
	if (!s || strlen(s) != 10 || !parse_ymd(s, &days))
		return false;
	/* 0 means "no date", so 1970-01-01 cannot be stored. */
	if (days == 0)
		return false;
	*day = (int32_t)days;
	return true;
}

/* Writes v as exactly n decimal digits (v < 10^n) at p: the fixed-width
 * fields of dates and times without snprintf, which a listing of thousands of
 * rows felt. */
static void put_digits(char *p, unsigned v, int n)
{
	while (n--) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* "%04u-%02u-%02u" and a terminating NUL into out[0..10] */
static void put_ymd(char *out, int64_t y, unsigned m, unsigned d)
{
	put_digits(out, (unsigned)y % 10000, 4);
	out[4] = '-';
	put_digits(out + 5, m % 100, 2);
	out[7] = '-';
	put_digits(out + 8, d % 100, 2);
	out[10] = '\0';
}

void date_format(int32_t day, char out[static 11])
{
	int64_t y;
	unsigned m, d;
	if (day == 0) {
		out[0] = '\0';
		return;
	}
	civil_from_days(clamp_days(day), &y, &m, &d);
	put_ymd(out, y, m, d);
}

int32_t date_from_time(int64_t t)
{
	int64_t days = t / 86400 - (t % 86400 < 0);
	if (days > INT32_MAX)
		return INT32_MAX;
	if (days < INT32_MIN)
		return INT32_MIN;
	return (int32_t)days;
}

/* Floor division of a timestamp into days, defined for every int64_t. */
static int64_t days_of(int64_t t)
{
	int64_t q = t / 86400;
	return t % 86400 < 0 ? q - 1 : q;
}

void time_format(int64_t t, char out[static 21])
{
	int64_t days = days_of(t);
	int64_t secs = t - days * 86400;
	int64_t y;
	unsigned m, d;
	if (days != clamp_days(days)) {
		days = clamp_days(days);
		secs = days < 0 ? 0 : 86399;
	}
	civil_from_days(days, &y, &m, &d);
	/* "%04u-%02u-%02uT%02u:%02u:%02uZ" */
	put_ymd(out, y, m, d);
	out[10] = 'T';
	put_digits(out + 11, (unsigned)(secs / 3600) % 100, 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* Accepts YYYY-MM-DDTHH:MM:SSZ and YYYY-MM-DD (midnight UTC). */
bool time_parse(const char *s, int64_t *t)
{
	int64_t days;
	unsigned hh, mm, ss;
	if (!s || !parse_ymd(s, &days))
		return false;
	if (s[10] == '\0') {
		*t = days * 86400;
		return true;
	}
	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	if (!digits(s + 11, 2, &hh) || !digits(s + 14, 2, &mm) || !digits(s + 17, 2, &ss))
		return false;
	if (hh > 23 || mm > 59 || ss > 60)
		return false;
	*t = days * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

int64_t clock_now(void)
{
	const char *env = getenv("OZGTUI_NOW");
	if (env && *env) {
		int64_t t;
		const char *p = env;
		bool neg = *p == '-';
		if (neg)
			p++;
		if (*p && strspn(p, "0123456789") == strlen(p) && strlen(p) <= 18) {
			t = 0;
			for (; *p; p++)
				t = t * 10 + (*p - '0');
			return neg ? -t : t;
		}
		if (time_parse(env, &t))
			return t;
		/* A malformed value is ignored: the real clock is better than none. */
	}
	return (int64_t)time(NULL);
}

int64_t clock_real(void)
{
	return (int64_t)time(NULL);
}

int32_t clock_today(void)
{
	return date_from_time(clock_now());
}

/* ---- user ------------------------------------------------------------------- */

const char *user_name(void)
{
	static char name[64];
	if (!name[0]) {
		uid_t uid = getuid();
		struct passwd *pw = getpwuid(uid);
		if (pw && pw->pw_name && pw->pw_name[0])
			snprintf(name, sizeof(name), "%s", pw->pw_name);
		else
			snprintf(name, sizeof(name), "uid%lu", (unsigned long)uid);
	}
	return name;
}

/* ---- text ------------------------------------------------------------------- */

bool text_valid_utf8(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (n > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
		if (k <= 0 || cp < 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

char *text_fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
						  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
						  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (n >= 0 && out) {
		/* utf8proc allocates with malloc: hand over a copy from our allocator
		 * family is unnecessary, free() works for both. */
		return (char *)out;
	}
	free(out);
	if (n == UTF8PROC_ERROR_NOMEM)
		oom();
	char *c = xstrdup(s);
	for (char *p = c; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return c;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

bool text_word_prefix(const char *folded_text, const char *folded_prefix)
{
	size_t n = strlen(folded_prefix);
	if (n == 0)
		return true;
	for (const char *p = folded_text; *p; p++) {
		if (p != folded_text && is_word_byte((unsigned char)p[-1]))
			continue;
		if (strncmp(p, folded_prefix, n) == 0)
			return true;
	}
	return false;
}

bool text_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* What a terminal is shown for code point cp (cp itself when harmless). */
static int32_t safe_cp(int32_t cp)
{
	if (cp < 0x20)
		return 0x2400 + cp;   /* control pictures: ␀ ... ␟, ␛ for ESC */
	if (cp == 0x7f)
		return 0x2421;        /* ␡ */
	if (cp >= 0x80 && cp <= 0x9f)
		return 0xfffd;        /* C1 controls, CSI among them */
	switch (cp) {
	case 0x061c: case 0x200e: case 0x200f:
	case 0x202a: case 0x202b: case 0x202c: case 0x202d: case 0x202e:
	case 0x2066: case 0x2067: case 0x2068: case 0x2069:
	case 0x2028: case 0x2029:
		return 0xfffd;        /* bidirectional controls, line separators */
	default:
		return cp;
	}
}

/* Decodes one character at p (n bytes left): its length, with *cp the safe
 * replacement; an invalid byte counts as one character U+FFFD. */
static size_t next_safe(const char *p, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p,
					      (utf8proc_ssize_t)n, &c);
	if (k <= 0 || c < 0) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = safe_cp(c);
	return (size_t)k;
}

void text_sanitize(struct buf *b, const char *s)
{
	text_sanitize_n(b, s, strlen(s));
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The length of the run at p (n bytes) that text_sanitize shows as it is:
 * printable ASCII (checked 8 bytes at a time: none below 0x20, none 0x7f,
 * none from 0x80) and the valid two- and three-byte UTF-8 characters that
 * safe_cp keeps, which utf8proc would decode and encode to the same bytes
 * (anything else, four-byte characters included, is left to next_safe). */
static size_t safe_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
	for (;;) {
		while (n - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			uint64_t low = (w - 0x20 * ONES) & ~w;   /* a byte below 0x20 */
			uint64_t x = w ^ 0x7f * ONES;
			uint64_t del = (x - ONES) & ~x;          /* a byte 0x7f */
			if ((w | low | del) & HIGHS)
				break;
			i += 8;
		}
		while (i < n && p[i] >= 0x20 && p[i] < 0x7f)
			i++;
		if (n - i < 2 || (p[i + 1] & 0xc0) != 0x80)
			return i;
		int32_t cp;
		size_t k;
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			cp = (int32_t)(p[i] & 0x1f) << 6 | (p[i + 1] & 0x3f);
			k = 2;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef && n - i >= 3 && (p[i + 2] & 0xc0) == 0x80 &&
			   !(p[i] == 0xed && p[i + 1] > 0x9f)) {   /* not a surrogate */
			cp = (int32_t)(p[i] & 0x0f) << 12 | (int32_t)(p[i + 1] & 0x3f) << 6 |
			     (p[i + 2] & 0x3f);
			if (cp < 0x800)   /* overlong */
				return i;
			k = 3;
		} else {
			return i;
		}
		if (safe_cp(cp) != cp)
			return i;
		i += k;
	}
}

void text_sanitize_n(struct buf *b, const char *s, size_t n)
{
	const char *p = s;
	while (n > 0) {
		/* what stays as it is is copied in runs */
		size_t run = safe_run((const unsigned char *)p, n);
		if (run) {
			buf_append(b, p, run);
			p += run;
			n -= run;
			if (!n)
				break;
		}
		int32_t cp;
		size_t k = next_safe(p, n, &cp);
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
		buf_append(b, enc, (size_t)m);
		p += k;
		n -= k;
	}
}

/* The width of s as text_sanitize would show it: replaced characters are one
 * cell wide, combining marks none, wide (East Asian) characters two. */
size_t text_width(const char *s)
{
	size_t n = strlen(s), w = 0;
	const char *p = s;
	while (n > 0) {
		if (*p >= 0x20 && *p < 0x7f) {   /* printable ASCII: one cell */
			w++;
			p++;
			n--;
			continue;
		}
		int32_t cp;
		size_t k = next_safe(p, n, &cp);
		int cw = utf8proc_charwidth(cp);
		if (cw > 0)
			w += (size_t)cw;
		p += k;
		n -= k;
	}
	return w;
}

char *text_trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	size_t i = 0;
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

int text_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool parse_u32(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	if (!s || !*s)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

void text_first_line(struct buf *b, const char *s, size_t max_chars)
{
	size_t i = 0, chars = 0;
	s = s ? s : "";
	while (s[i] && s[i] != '\n' && s[i] != '\r' && chars < max_chars) {
		size_t len = 1;
		while (s[i + len] && ((unsigned char)s[i + len] & 0xc0) == 0x80)
			len++;
		i += len;
		chars++;
	}
	buf_append(b, s, i);
	if (s[i])
		buf_puts(b, "…");
}
