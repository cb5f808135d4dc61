/* test_util.c - status, memory helpers, buffers, string vectors, time, user, text.
 *
 * Expected dates were computed with Python's datetime, and gmtime_r() serves as an
 * independent oracle for the calendar arithmetic; text expectations are written
 * out by hand from the Unicode charts.
 */
#include "testutil.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "ozgtui/status.h"
#include "ozgtui/util.h"

/* ---- status ------------------------------------------------------------------ */

static void test_status_tables(void **state)
{
	(void)state;
	assert_int_equal(status_exit_code(STATUS_OK), 0);
	assert_int_equal(status_exit_code(STATUS_RULE), 1);
	assert_int_equal(status_exit_code(STATUS_USAGE), 64);
	assert_int_equal(status_exit_code(STATUS_DATA), 65);
	assert_int_equal(status_exit_code(STATUS_NOT_FOUND), 66);
	assert_int_equal(status_exit_code(STATUS_CANT_WRITE), 73);
	assert_int_equal(status_exit_code(STATUS_CORRUPT), 74);
	assert_int_equal(status_exit_code(STATUS_CONFLICT), 75);
	assert_int_equal(status_exit_code(STATUS_PERM), 77);
	assert_string_equal(status_name(STATUS_CONFLICT), "CONFLICT");
	assert_string_equal(status_name(STATUS_NOT_FOUND), "NOT_FOUND");
	assert_string_equal(status_message(STATUS_NOT_FOUND), "not found");
	for (int s = 0; s < STATUS__COUNT; s++) {
		assert_non_null(status_message((enum status)s));
		assert_true(strlen(status_name((enum status)s)) > 0);
	}
	/* Out of range never crashes. */
	assert_non_null(status_message((enum status)999));
	assert_non_null(status_name((enum status)-1));
}

static void test_status_detail(void **state)
{
	(void)state;
	status_clear();
	assert_string_equal(status_detail(), "");
	assert_int_equal(status_fail(STATUS_DATA, "x.csv:%d: bad '%s'", 12, "y"), STATUS_DATA);
	assert_string_equal(status_detail(), "x.csv:12: bad 'y'");
	/* The detail may be built from the previous one. */
	status_fail(STATUS_IO, "%s (while saving)", status_detail());
	assert_string_equal(status_detail(), "x.csv:12: bad 'y' (while saving)");
	/* Long messages are cut, not overflowed. */
	char big[5000];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	status_fail(STATUS_IO, "%s", big);
	assert_true(strlen(status_detail()) < sizeof(big));
	status_clear();
	assert_string_equal(status_detail(), "");
}

/* ---- memory, buf, strv ------------------------------------------------------- */

static void test_buf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	buf_puts(&b, "ab");
	buf_putc(&b, 'c');
	buf_append(&b, "def", 2);
	assert_string_equal(b.data, "abcde");
	assert_int_equal(b.len, 5);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_true(b.len > 1000);
	assert_int_equal(strlen(b.data), b.len);
	assert_true(strstr(b.data, ",999,") != NULL);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_printf(&b, "%s-%d", "x", 7);
	char *s = buf_steal(&b);
	assert_string_equal(s, "x-7");
	assert_int_equal(b.len, 0);
	free(s);
	/* b is left empty and usable. */
	buf_puts(&b, "y");
	assert_string_equal(b.data, "y");
	buf_fini(&b);
	buf_fini(&b);   /* twice is harmless */
	buf_fini(NULL);

	char *a = xasprintf("%s:%d", "file", 42);
	assert_string_equal(a, "file:42");
	free(a);
	a = xstrndup("abcdef", 3);
	assert_string_equal(a, "abc");
	free(a);
	a = xstrndup("ab", 10);
	assert_string_equal(a, "ab");
	free(a);

	int *v = NULL;
	size_t cap = 0;
	xgrow((void **)&v, &cap, 3, sizeof(*v));
	assert_true(cap >= 3);
	xgrow((void **)&v, &cap, 1000, sizeof(*v));
	assert_true(cap >= 1000);
	v[999] = 1;
	free(v);
}

static void test_strv(void **state)
{
	(void)state;
	struct strv s, c;
	strv_init(&s);
	strv_push(&s, "a");
	strv_push(&s, "b");
	strv_push(&s, "a");
	strv_push(&s, "c");
	assert_int_equal(s.n, 4);
	assert_true(strv_contains(&s, "b"));
	assert_false(strv_contains(&s, "d"));
	strv_copy(&c, &s);
	assert_true(strv_remove(&s, "a"));
	assert_false(strv_remove(&s, "a"));
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0], "b");
	assert_string_equal(s.v[1], "c");
	/* The copy is deep. */
	assert_int_equal(c.n, 4);
	assert_string_equal(c.v[2], "a");
	assert_ptr_not_equal(c.v[1], s.v[0]);
	strv_fini(&s);
	strv_fini(&c);
	strv_fini(NULL);
}

/* ---- time ------------------------------------------------------------------ */

static void test_date_known(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int32_t day;
	} known[] = {
		{"2025-01-01", 20089},  {"2000-02-29", 11016},  {"1900-03-01", -25508},
		{"1969-12-31", -1},     {"9999-12-31", 2932896}, {"0001-01-01", -719162},
		{"1970-01-02", 1},
	};
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		int32_t d = 12345;
		char out[11];
		assert_true(date_parse(known[i].s, &d));
		assert_int_equal(d, known[i].day);
		date_format(known[i].day, out);
		assert_string_equal(out, known[i].s);
	}
}

static void test_date_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2025-02-30", "2025-02-29", "1900-02-29", "2023-04-31", "2025-13-01",
		"2025-00-10", "2025-01-00", "2025-01-32", "2025-1-01",  "2025-01-1",
		"25-01-01",   "2025/01/01", "2025-01-01x", " 2025-01-01", "",
		"abcd-ef-gh", "2025-0a-01", "1970-01-01", /* day 0 is "no date" */
		"2025-01-01T00:00:00Z",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		int32_t d = 777;
		if (date_parse(bad[i], &d))
			fail_msg("date_parse accepted '%s'", bad[i]);
		assert_int_equal(d, 777);
	}
	char out[11] = "junk";
	date_format(0, out);
	assert_string_equal(out, "");
	/* Out-of-range days still give 10 characters. */
	date_format(INT32_MAX, out);
	assert_int_equal(strlen(out), 10);
	date_format(INT32_MIN, out);
	assert_int_equal(strlen(out), 10);
}

/* Every day from 1600 to 2400 against gmtime_r, and back through the parser. */
static void test_date_oracle(void **state)
{
	(void)state;
	for (int32_t d = -135140; d <= 157000; d++) {
		char out[11], ref[64];
		time_t t = (time_t)d * 86400;
		struct tm tm;
		assert_non_null(gmtime_r(&t, &tm));
		snprintf(ref, sizeof(ref), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
			 tm.tm_mday);
		date_format(d, out);
		if (d == 0) {
			assert_string_equal(out, "");
			continue;
		}
		if (strcmp(out, ref) != 0)
			fail_msg("day %d: %s, expected %s", d, out, ref);
		int32_t back;
		assert_true(date_parse(out, &back));
		assert_int_equal(back, d);
	}
}

static void test_time(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *s;
	} known[] = {
		{0, "1970-01-01T00:00:00Z"},
		{1700000000, "2023-11-14T22:13:20Z"},
		{1741064767, "2025-03-04T05:06:07Z"},
		{-1, "1969-12-31T23:59:59Z"},
		{-86400, "1969-12-31T00:00:00Z"},
	};
	for (size_t i = 0; i < ARRAY_LEN(known); i++) {
		char out[21];
		int64_t t = 0;
		time_format(known[i].t, out);
		assert_string_equal(out, known[i].s);
		assert_true(time_parse(known[i].s, &t));
		assert_int_equal(t, known[i].t);
	}
	int64_t t;
	assert_true(time_parse("2025-03-04", &t));
	assert_int_equal(t, 1741046400);
	static const char *const bad[] = {
		"2025-03-04T24:00:00Z", "2025-03-04T05:60:00Z", "2025-03-04T05:06:07",
		"2025-03-04T05:06:07Zx", "2025-02-30T00:00:00Z", "2025-03-04 05:06:07Z",
		"", "now",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (time_parse(bad[i], &t))
			fail_msg("time_parse accepted '%s'", bad[i]);
	assert_int_equal(date_from_time(0), 0);
	assert_int_equal(date_from_time(86399), 0);
	assert_int_equal(date_from_time(86400), 1);
	assert_int_equal(date_from_time(-1), -1);
	assert_int_equal(date_from_time(-86400), -1);
	assert_int_equal(date_from_time(-86401), -2);
	char out[21];
	time_format(INT64_MAX, out);
	assert_int_equal(strlen(out), 20);
	time_format(INT64_MIN, out);
	assert_int_equal(strlen(out), 20);
}

static void test_clock_env(void **state)
{
	(void)state;
	setenv("OZGTUI_NOW", "1700000000", 1);
	assert_int_equal(clock_now(), 1700000000);
	assert_int_equal(clock_today(), 19675);
	setenv("OZGTUI_NOW", "2025-03-04", 1);
	assert_int_equal(clock_now(), 1741046400);
	assert_int_equal(clock_today(), 20151);
	setenv("OZGTUI_NOW", "2025-03-04T05:06:07Z", 1);
	assert_int_equal(clock_now(), 1741064767);
	assert_int_equal(clock_today(), 20151);
	/* Malformed or impossible values fall back to the real clock. */
	static const char *const bad[] = {"yesterday", "2025-02-30", "12abc", ""};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		setenv("OZGTUI_NOW", bad[i], 1);
		int64_t now = (int64_t)time(NULL);
		int64_t c = clock_now();
		assert_true(c >= now - 5 && c <= now + 5);
	}
	unsetenv("OZGTUI_NOW");
	int64_t now = (int64_t)time(NULL);
	assert_true(clock_now() >= now - 5 && clock_now() <= now + 5);
}

static void test_user_name(void **state)
{
	(void)state;
	setenv("USER", "somebody-else", 1);
	setenv("LOGNAME", "somebody-else", 1);
	const char *u = user_name();
	assert_non_null(u);
	struct passwd *pw = getpwuid(getuid());
	if (pw) {
		assert_string_equal(u, pw->pw_name);
	} else {
		char want[32];
		snprintf(want, sizeof(want), "uid%lu", (unsigned long)getuid());
		assert_string_equal(u, want);
	}
	assert_string_not_equal(u, "somebody-else");
	assert_ptr_equal(user_name(), u);
}

/* ---- text ------------------------------------------------------------------ */

static void test_text_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"Düsseldorf", "dusseldorf"},
		{"Straße", "strasse"},
		{"ÄRGER", "arger"},
		{"Köln", "koln"},
		{"Zurückgestellt", "zuruckgestellt"},
		{"Bauen & Wohnen", "bauen & wohnen"},
		{"IT-Dienstleister", "it-dienstleister"},
		{"ﬁle", "file"},               /* compatibility ligature */
		{"Ａ", "a"},                    /* full-width A */
		{"e\xcc\x81te\xcc\x81", "ete"}, /* combining acute accents */
		{"", ""},
		{"\xff" "ABC", "\xff" "abc"},   /* invalid UTF-8: bytes lowercased */
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char *f = text_fold(t[i].in);
		if (strcmp(f, t[i].out) != 0)
			fail_msg("fold(%s) = %s, expected %s", t[i].in, f, t[i].out);
		free(f);
	}
}

static void test_text_word_prefix(void **state)
{
	(void)state;
	static const struct {
		const char *text, *prefix;
		bool want;
	} t[] = {
		{"dusseldorf, stadt", "duss", true},
		{"dusseldorf, stadt", "stadt", true},
		{"dusseldorf, stadt", "stadt", true},
		{"dusseldorf, stadt", "dorf", false},
		{"rhein-sieg-kreis", "sieg", true},
		{"rhein-sieg-kreis", "kreis", true},
		{"rhein-sieg-kreis", "ein", false},
		{"bauen & wohnen", "wohn", true},
		{"start roll-out nrw", "out", true},
		{"abc", "", true},
		{"", "a", false},
		{"abc", "abcd", false},
		{"a1b", "1b", false},
		{"kreis unna", "kreis unna", true},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		if (text_word_prefix(t[i].text, t[i].prefix) != t[i].want)
			fail_msg("word_prefix(%s, %s) != %d", t[i].text, t[i].prefix, t[i].want);
	assert_true(text_has_prefix("abc", "ab"));
	assert_true(text_has_prefix("abc", ""));
	assert_false(text_has_prefix("ab", "abc"));
}

static void test_text_sanitize(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"plain", "plain"},
		{"Straße", "Straße"},
		{"\x1b[31mred", "\xe2\x90\x9b[31mred"},                       /* ␛[31m */
		{"\x1b]52;c;aGk=\x07", "\xe2\x90\x9b]52;c;aGk=\xe2\x90\x87"}, /* OSC 52 */
		{"a\xe2\x80\xae" "b", "a\xef\xbf\xbd" "b"},                  /* U+202E */
		{"\xe2\x81\xa6x\xe2\x81\xa9", "\xef\xbf\xbdx\xef\xbf\xbd"},   /* U+2066/2069 */
		{"\xd8\x9c", "\xef\xbf\xbd"},                                 /* U+061C */
		{"\xe2\x80\x8f", "\xef\xbf\xbd"},                             /* U+200F */
		{"\xff", "\xef\xbf\xbd"},
		{"a\xffz", "a\xef\xbf\xbdz"},
		{"\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd"},                     /* truncated */
		{"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},                     /* overlong */
		{"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},     /* surrogate */
		{"\xc2\x9b" "31m", "\xef\xbf\xbd" "31m"},                     /* C1 CSI */
		{"a\tb\nc\r", "a\xe2\x90\x89" "b\xe2\x90\x8a" "c\xe2\x90\x8d"},
		{"\x7f", "\xe2\x90\xa1"},                                     /* DEL */
		{"\x01", "\xe2\x90\x81"},
		{"日本", "日本"},
		{"", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct buf b;
		buf_init(&b);
		buf_puts(&b, ">");
		text_sanitize(&b, t[i].in);
		if (strcmp(b.data + 1, t[i].out) != 0)
			fail_msg("sanitize case %zu: got '%s'", i, b.data + 1);
		buf_fini(&b);
	}
}

/* text_sanitize_n of the pieces of a string cut before bytes below 0x80 (as
 * cli_tsv_cell cuts at the characters it escapes) is text_sanitize of the
 * whole: a cut inside a UTF-8 sequence makes no difference. */
static void test_text_sanitize_n_pieces(void **state)
{
	(void)state;
	srand(99);
	for (int iter = 0; iter < 5000; iter++) {
		char in[40];
		size_t n = (size_t)(rand() % 39);
		for (size_t i = 0; i < n; i++) {
			int r = rand() % 3;
			in[i] = (char)(r == 0 ? "\t\\a"[rand() % 3] : r == 1 ? 0x80 + rand() % 0x80 : 1 + rand() % 255);
		}
		in[n] = '\0';
		struct buf whole, pieces;
		buf_init(&whole);
		buf_init(&pieces);
		text_sanitize(&whole, in);
		size_t from = 0;
		for (size_t i = 0; i <= n; i++) {
			if (i < n && ((unsigned char)in[i] >= 0x80 || rand() % 3))
				continue;
			text_sanitize_n(&pieces, in + from, i - from);
			from = i;
		}
		assert_int_equal(whole.len, pieces.len);
		if (whole.len)
			assert_memory_equal(whole.data, pieces.data, whole.len);
		buf_fini(&whole);
		buf_fini(&pieces);
	}
}

/* Random byte strings: the output is valid UTF-8 without any C0, DEL or ESC
 * byte, and its width equals text_width of the input. */
static void test_text_sanitize_random(void **state)
{
	(void)state;
	srand(4242);
	for (int iter = 0; iter < 5000; iter++) {
		char in[40];
		size_t n = (size_t)(rand() % 39);
		for (size_t i = 0; i < n; i++) {
			int r = rand() % 4;
			in[i] = (char)(r == 0 ? (rand() % 0x20) + 1 : r == 1 ? 0x80 + rand() % 0x80
								 : r == 2 ? 0x20 + rand() % 0x60
									  : 1 + rand() % 255);
		}
		in[n] = '\0';
		struct buf b;
		buf_init(&b);
		text_sanitize(&b, in);
		assert_true(text_valid_utf8(b.data, b.len));
		for (size_t i = 0; i < b.len; i++) {
			unsigned char c = (unsigned char)b.data[i];
			assert_true(c >= 0x20 && c != 0x7f);
		}
		assert_int_equal(text_width(in), text_width(b.data));
		/* Sanitizing is idempotent. */
		struct buf b2;
		buf_init(&b2);
		text_sanitize(&b2, b.data);
		assert_string_equal(b.data, b2.data);
		buf_fini(&b2);
		buf_fini(&b);
	}
}

/* text_sanitize_n as it was before its runs were scanned 8 bytes at a time
 * and took two- and three-byte characters along: every character that is not
 * printable ASCII decoded by utf8proc, replaced, encoded again. */
static int32_t old_safe_cp(int32_t cp)
{
	if (cp < 0x20)
		return 0x2400 + cp;
	if (cp == 0x7f)
		return 0x2421;
	if (cp >= 0x80 && cp <= 0x9f)
		return 0xfffd;
	switch (cp) {
	case 0x061c: case 0x200e: case 0x200f:
	case 0x202a: case 0x202b: case 0x202c: case 0x202d: case 0x202e:
	case 0x2066: case 0x2067: case 0x2068: case 0x2069:
	case 0x2028: case 0x2029:
		return 0xfffd;
	default:
		return cp;
	}
}

static void old_sanitize_n(struct buf *b, const char *p, size_t n)
{
	while (n > 0) {
		size_t run = 0;
		while (run < n && p[run] >= 0x20 && p[run] < 0x7f)
			run++;
		if (run) {
			buf_append(b, p, run);
			p += run;
			n -= run;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &c);
		int32_t cp = k <= 0 || c < 0 ? 0xfffd : old_safe_cp(c);
		if (k <= 0 || c < 0)
			k = 1;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
		buf_append(b, enc, (size_t)m);
		p += k;
		n -= (size_t)k;
	}
}

/* Random input, weighted towards what the fast paths decide on (long ASCII
 * runs with a byte below 0x20, 0x7f or from 0x80 at any of the 8 places,
 * two- and three-byte sequences valid, overlong, surrogate, C1, bidi, cut
 * short): the output is the old function's, byte for byte. */
static void test_text_sanitize_n_old(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"\xc3\xa4", "\xc3\x9f", "\xc2\xa0", "\xc2\x9f", "\xc2\x80", "\xc1\xbf", "\xc0\x80",
		"\xd8\x9c", "\xd8\x9b", "\xdf\xbf", "\xe2\x80\x93", "\xe2\x80\x8e", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe0\x9f\xbf", "\xe0\xa0\x80",
		"\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xf0\x9f\x98\x80",
		"\xf4\x90\x80\x80", "\xe2\x80", "\xc3", "\x7f", "\x1b[31m", "\t", "~", " ",
	};
	srand(77);
	for (int iter = 0; iter < 40000; iter++) {
		char in[96];
		size_t n = 0, want = (size_t)(rand() % 80);
		while (n < want) {
			int r = rand() % 6;
			if (r == 0) {
				const char *pc = pieces[rand() % (int)(sizeof pieces / sizeof *pieces)];
				size_t k = strlen(pc);
				memcpy(in + n, pc, k);
				n += k;
			} else if (r == 1) {
				in[n++] = (char)(rand() % 256);
			} else {
				in[n++] = (char)(0x20 + rand() % 0x5f);
			}
		}
		/* any length, NULs inside included: text_sanitize_n takes n bytes */
		struct buf now, old;
		buf_init(&now);
		buf_init(&old);
		size_t cut = (size_t)rand() % (n + 1);
		text_sanitize_n(&now, in, cut);
		old_sanitize_n(&old, in, cut);
		assert_int_equal(now.len, old.len);
		if (old.len)
			assert_memory_equal(now.data, old.data, old.len);
		buf_fini(&now);
		buf_fini(&old);
	}
	/* every first and second byte from 0x80 on, with six third bytes, at
	 * each place in the word the fast path reads */
	static const unsigned char thirds[] = {0x80, 0x8e, 0x9c, 0xbf, 0x41, 0x7f};
	size_t iter = 0;
	for (unsigned lead = 0x80; lead < 0x100; lead++)
		for (unsigned second = 0; second < 0x100; second++)
			for (size_t t = 0; t < sizeof thirds; t++, iter++) {
				char in[16];
				size_t off = iter % 9;
				memset(in, 'a', sizeof in);
				in[off] = (char)lead;
				in[off + 1] = (char)second;
				in[off + 2] = (char)thirds[t];
				size_t n = iter % 5 ? sizeof in : off + 2;   /* sometimes cut short */
				struct buf now, old;
				buf_init(&now);
				buf_init(&old);
				text_sanitize_n(&now, in, n);
				old_sanitize_n(&old, in, n);
				assert_int_equal(now.len, old.len);
				assert_memory_equal(now.data, old.data, old.len);
				buf_fini(&now);
				buf_fini(&old);
			}
}

static void test_text_first_line(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t max;
		const char *want;
	} t[] = {
		{NULL, 5, ""},
		{"kurz", 5, "kurz"},
		{"genau", 5, "genau"},
		{"Straßenverkehr", 6, "Straße…"},     /* whole characters, not bytes */
		{"erste\nzweite", 60, "erste…"},      /* only the first line */
		{"a\r\nb", 60, "a…"},
		{"日本語", 2, "日本…"},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct buf b;
		buf_init(&b);
		text_first_line(&b, t[i].s, t[i].max);
		buf_putc(&b, 0);
		assert_string_equal(b.data, t[i].want);
		buf_fini(&b);
	}
}

static void test_text_width(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t w;
	} t[] = {
		{"", 0},          {"abc", 3},       {"Straße", 6},  {"Düsseldorf", 10},
		{"日本", 4},       {"e\xcc\x81", 1}, {"\x1b", 1},    {"\xff", 1},
		{"\x1b[31m", 5},  {"a\xe2\x80\xae" "b", 3},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		if (text_width(t[i].s) != t[i].w)
			fail_msg("width('%s') = %zu, expected %zu", t[i].s, text_width(t[i].s), t[i].w);
}

static void test_text_misc(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("Straße", strlen("Straße")));
	assert_true(text_valid_utf8("", 0));
	assert_false(text_valid_utf8("\xff", 1));
	assert_false(text_valid_utf8("Stra\xc3", 5));
	assert_false(text_valid_utf8("\xed\xa0\x80", 3));

	static const struct {
		const char *in, *out;
	} trim[] = {{"  a b  ", "a b"}, {"", ""}, {"   ", ""}, {"\tx\n", "x"}, {"x", "x"}};
	for (size_t i = 0; i < ARRAY_LEN(trim); i++) {
		char *s = xstrdup(trim[i].in);
		assert_string_equal(text_trim(s), trim[i].out);
		free(s);
	}

	/* text_hex_digit: every byte value, the digits of either case and nothing else */
	for (int c = -128; c < 256; c++) {
		int want = c >= '0' && c <= '9' ? c - '0'
			   : c >= 'a' && c <= 'f' ? c - 'a' + 10
			   : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		assert_int_equal(text_hex_digit(c), want);
	}
	assert_int_equal(text_hex_digit('F'), 15);
	assert_int_equal(text_hex_digit('g'), -1);

	static const struct {
		const char *s;
		bool ok;
		uint32_t v;
	} u[] = {
		{"0", true, 0},           {"42", true, 42},      {"4294967295", true, UINT32_MAX},
		{"4294967296", false, 0}, {"99999999999", false, 0}, {"", false, 0},
		{"-1", false, 0},         {"+1", false, 0},      {" 1", false, 0},
		{"1 ", false, 0},         {"1a", false, 0},      {"0x10", false, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(u); i++) {
		uint32_t v = 7;
		bool ok = parse_u32(u[i].s, &v);
		if (ok != u[i].ok)
			fail_msg("parse_u32('%s') = %d", u[i].s, ok);
		if (ok)
			assert_int_equal(v, u[i].v);
	}
}

/* store_write() runs its callback again after growing the map: what a failed
 * attempt saved must not come back over a later attempt's different failure
 * of the same status (robust/faults saw "map full" restored over "disk full").
 * A new attempt (status_attempt_next) makes every earlier save stale, without
 * the callback doing anything. */
static void test_status_saved_attempts(void **state)
{
	(void)state;
	struct status_saved sv = {0};
	/* nothing saved: nothing restored */
	status_attempt_next();
	status_fail(STATUS_CANT_WRITE, "store: aborted");
	status_restore(&sv, STATUS_CANT_WRITE);
	assert_string_equal(status_detail(), "store: aborted");
	status_fail(STATUS_CANT_WRITE, "first attempt: map full");
	status_save(&sv, STATUS_CANT_WRITE);
	/* the retry: the commit fails with the same status, the callback saved nothing */
	status_attempt_next();
	status_fail(STATUS_CANT_WRITE, "commit: disk full");
	assert_int_equal(status_restore(&sv, STATUS_CANT_WRITE), STATUS_CANT_WRITE);
	assert_string_equal(status_detail(), "commit: disk full");
	/* within one attempt, the callback's own failure is put back over the store's */
	status_fail(STATUS_NOT_FOUND, "project 7 not found");
	status_save(&sv, STATUS_NOT_FOUND);
	status_fail(STATUS_NOT_FOUND, "store_write: aborted");
	assert_int_equal(status_restore(&sv, STATUS_NOT_FOUND), STATUS_NOT_FOUND);
	assert_string_equal(status_detail(), "project 7 not found");
	/* but not over another status */
	status_fail(STATUS_CANT_WRITE, "commit: disk full");
	status_restore(&sv, STATUS_CANT_WRITE);
	assert_string_equal(status_detail(), "commit: disk full");
	status_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_tables),
		cmocka_unit_test(test_status_detail),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_strv),
		cmocka_unit_test(test_date_known),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_date_oracle),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_clock_env),
		cmocka_unit_test(test_user_name),
		cmocka_unit_test(test_text_fold),
		cmocka_unit_test(test_text_word_prefix),
		cmocka_unit_test(test_text_sanitize),
		cmocka_unit_test(test_text_sanitize_random),
		cmocka_unit_test(test_text_sanitize_n_pieces),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_text_sanitize_n_old),
		cmocka_unit_test(test_text_first_line),
		cmocka_unit_test(test_text_misc),
		cmocka_unit_test(test_status_saved_attempts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
