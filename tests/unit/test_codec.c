/* test_codec.c - the record format: varints, zigzag, fields, bounds checks.
 *
 * Expected encodings are the LEB128 bytes written out by hand (protobuf's
 * documentation gives 150 -> 96 01 and 300 -> ac 02).
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "ozgtui/codec.h"
#include "ozgtui/util.h"

static void test_varint_encoding(void **state)
{
	(void)state;
	static const struct {
		uint64_t v;
		size_t n;
		uint8_t bytes[10];
	} t[] = {
		{0, 1, {0x00}},
		{1, 1, {0x01}},
		{127, 1, {0x7f}},
		{128, 2, {0x80, 0x01}},
		{150, 2, {0x96, 0x01}},
		{300, 2, {0xac, 0x02}},
		{16383, 2, {0xff, 0x7f}},
		{16384, 3, {0x80, 0x80, 0x01}},
		{UINT32_MAX, 5, {0xff, 0xff, 0xff, 0xff, 0x0f}},
		{1ull << 63, 10, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}},
		{UINT64_MAX, 10, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct buf b;
		buf_init(&b);
		codec_put_varint_raw(&b, t[i].v);
		assert_int_equal(b.len, t[i].n);
		assert_memory_equal(b.data, t[i].bytes, t[i].n);

		/* And back through a field. */
		buf_reset(&b);
		codec_begin(&b);
		codec_put_uint(&b, 7, t[i].v);
		struct codec_reader r;
		struct codec_field f;
		assert_true(codec_open(&r, b.data, b.len));
		assert_int_equal(r.version, CODEC_VERSION);
		assert_true(codec_next(&r, &f));
		assert_int_equal(f.tag, 7);
		assert_int_equal(f.wire, CODEC_VARINT);
		assert_true(f.u == t[i].v);
		assert_ptr_equal(f.raw, (const uint8_t *)b.data + 1);
		assert_int_equal(f.raw_len, b.len - 1);
		assert_false(codec_next(&r, &f));
		assert_false(r.bad);
		buf_fini(&b);
	}
}

/* A record of the version byte and the given bytes: does it read cleanly, and
 * what is the first field's value? */
static bool read_one(const uint8_t *bytes, size_t n, uint64_t *u)
{
	uint8_t rec[32];
	struct codec_reader r;
	struct codec_field f;
	rec[0] = CODEC_VERSION;
	memcpy(rec + 1, bytes, n);
	if (!codec_open(&r, rec, n + 1))
		return false;
	if (!codec_next(&r, &f))
		return false;
	*u = f.u;
	while (codec_next(&r, &f))
		;
	return !r.bad;
}

static void test_varint_malformed(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		size_t n;
		uint8_t bytes[16];
		bool ok;
		uint64_t v;
	} t[] = {
		{"max", 11, {0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, true,
		 UINT64_MAX},
		{"65 bits", 11, {0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
		 false, 0},
		{"11 bytes", 12,
		 {0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, false, 0},
		{"padded zero", 3, {0x08, 0x80, 0x00}, false, 0},
		{"padded one", 4, {0x08, 0x81, 0x80, 0x00}, false, 0},
		{"unterminated", 3, {0x08, 0x80, 0x80}, false, 0},
		{"no value", 1, {0x08}, false, 0},
		{"key unterminated", 1, {0x88}, false, 0},
		{"tag 0", 2, {0x00, 0x05}, false, 0},
		{"tag 0 bytes", 2, {0x02, 0x00}, false, 0},
		{"wire 1", 9, {0x09, 1, 2, 3, 4, 5, 6, 7, 8}, false, 0},
		{"wire 3", 2, {0x0b, 0x00}, false, 0},
		{"wire 4", 2, {0x0c, 0x00}, false, 0},
		{"wire 5", 5, {0x0d, 1, 2, 3, 4}, false, 0},
		{"wire 6", 2, {0x0e, 0x00}, false, 0},
		{"wire 7", 2, {0x0f, 0x00}, false, 0},
		{"length past end", 4, {0x0a, 0x05, 'a', 'b'}, false, 0},
		{"huge length", 12,
		 {0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 'a'}, false, 0},
		{"tag above 2^32", 7, {0xf8, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00}, false, 0},
		{"tag 2^32-1", 6, {0xf8, 0xff, 0xff, 0xff, 0x7f, 0x05}, true, 5},
		{"padded key", 7, {0xf8, 0xff, 0xff, 0xff, 0xff, 0x00, 0x05}, false, 0},
		{"empty bytes", 2, {0x0a, 0x00}, true, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		uint64_t v = 12345;
		bool ok = read_one(t[i].bytes, t[i].n, &v);
		if (ok != t[i].ok)
			fail_msg("%s: read %s", t[i].what, ok ? "ok" : "failed");
		if (ok)
			assert_true(v == t[i].v);
	}
}

static void test_tag_range(void **state)
{
	(void)state;
	static const uint32_t tags[] = {1, 15, 16, 2047, 2048, 999, UINT32_MAX};
	for (size_t i = 0; i < ARRAY_LEN(tags); i++) {
		struct buf b;
		struct codec_reader r;
		struct codec_field f;
		buf_init(&b);
		codec_begin(&b);
		codec_put_uint(&b, tags[i], 5);
		codec_put_str(&b, tags[i], "x");
		assert_true(codec_open(&r, b.data, b.len));
		assert_true(codec_next(&r, &f));
		assert_int_equal(f.tag, tags[i]);
		assert_int_equal(f.u, 5);
		assert_true(codec_next(&r, &f));
		assert_int_equal(f.tag, tags[i]);
		assert_int_equal(f.wire, CODEC_BYTES);
		assert_int_equal(f.len, 1);
		assert_false(codec_next(&r, &f));
		assert_false(r.bad);
		buf_fini(&b);
	}
}

static void test_zigzag(void **state)
{
	(void)state;
	static const struct {
		int64_t v;
		uint64_t z;
	} t[] = {
		{0, 0}, {-1, 1}, {1, 2}, {-2, 3}, {2, 4}, {2147483647, 4294967294u},
		{-2147483648LL, 4294967295u}, {INT64_MAX, UINT64_MAX - 1}, {INT64_MIN, UINT64_MAX},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct buf b;
		struct codec_reader r;
		struct codec_field f;
		buf_init(&b);
		codec_begin(&b);
		codec_put_int(&b, 3, t[i].v);
		assert_true(codec_open(&r, b.data, b.len));
		assert_true(codec_next(&r, &f));
		assert_true(f.u == t[i].z);
		assert_true(codec_zigzag_decode(f.u) == t[i].v);
		buf_fini(&b);
	}
}

static void test_open(void **state)
{
	(void)state;
	struct codec_reader r;
	struct codec_field f;
	assert_false(codec_open(&r, "", 0));
	assert_true(r.bad);
	assert_false(codec_next(&r, &f));
	assert_false(codec_open(&r, NULL, 0));
	assert_true(r.bad);
	/* Version 0 was never written. */
	assert_false(codec_open(&r, "\0\x08\x01", 3));
	assert_true(r.bad);
	/* A version byte alone is an empty record. */
	assert_true(codec_open(&r, "\x01", 1));
	assert_false(codec_next(&r, &f));
	assert_false(r.bad);
	/* A newer version is still read. */
	assert_true(codec_open(&r, "\x07\x08\x2a", 3));
	assert_int_equal(r.version, 7);
	assert_true(codec_next(&r, &f));
	assert_int_equal(f.u, 42);
	/* Nested records have no version byte. */
	codec_open_nested(&r, "\x08\x2a", 2);
	assert_true(codec_next(&r, &f));
	assert_int_equal(f.tag, 1);
	assert_int_equal(f.u, 42);
	codec_open_nested(&r, NULL, 0);
	assert_false(codec_next(&r, &f));
	assert_false(r.bad);
	/* After the first error every call fails. */
	assert_true(codec_open(&r, "\x01\x0f\x08\x01", 4));
	assert_false(codec_next(&r, &f));
	assert_true(r.bad);
	assert_false(codec_next(&r, &f));
}

static void test_strings(void **state)
{
	(void)state;
	struct buf b;
	struct codec_reader r;
	struct codec_field f;
	buf_init(&b);
	codec_begin(&b);
	codec_put_str(&b, 1, "Straße");
	codec_put_str(&b, 2, NULL);   /* nothing */
	codec_put_str(&b, 3, "");
	codec_put_bytes(&b, 4, "a\0b", 3);
	codec_put_uint(&b, 5, 9);
	assert_true(codec_open(&r, b.data, b.len));

	assert_true(codec_next(&r, &f));
	assert_int_equal(f.tag, 1);
	char *s = codec_field_str(&f);
	assert_string_equal(s, "Straße");
	free(s);

	assert_true(codec_next(&r, &f));
	assert_int_equal(f.tag, 3);
	s = codec_field_str(&f);
	assert_string_equal(s, "");
	free(s);

	assert_true(codec_next(&r, &f));
	assert_int_equal(f.tag, 4);
	assert_int_equal(f.len, 3);
	assert_null(codec_field_str(&f));

	assert_true(codec_next(&r, &f));
	assert_int_equal(f.tag, 5);
	assert_null(codec_field_str(&f));   /* not a bytes field */
	assert_false(codec_next(&r, &f));
	assert_false(r.bad);
	buf_fini(&b);
}

static void test_unknown(void **state)
{
	(void)state;
	struct unknown u = {0}, c;
	unknown_add(&u, "ab", 2);
	unknown_add(&u, "", 0);
	unknown_add(&u, "cde", 3);
	assert_int_equal(u.len, 5);
	assert_memory_equal(u.data, "abcde", 5);
	unknown_copy(&c, &u);
	assert_int_equal(c.len, 5);
	assert_ptr_not_equal(c.data, u.data);
	assert_memory_equal(c.data, "abcde", 5);

	/* Raw fields copied from one record reproduce it exactly. */
	struct buf a, b2;
	struct codec_reader r;
	struct codec_field f;
	struct unknown all = {0};
	buf_init(&a);
	buf_init(&b2);
	codec_begin(&a);
	codec_put_uint(&a, 999, 1234567);
	codec_put_str(&a, 1000, "new field");
	codec_put_int(&a, 3, -5);
	assert_true(codec_open(&r, a.data, a.len));
	while (codec_next(&r, &f))
		unknown_add(&all, f.raw, f.raw_len);
	assert_false(r.bad);
	codec_begin(&b2);
	codec_put_unknown(&b2, &all);
	assert_int_equal(a.len, b2.len);
	assert_memory_equal(a.data, b2.data, a.len);

	unknown_fini(&all);
	unknown_fini(&u);
	unknown_fini(&c);
	unknown_fini(&c);
	unknown_fini(NULL);
	buf_fini(&a);
	buf_fini(&b2);
}

/* Every truncation of a valid record: cuts at field boundaries read cleanly,
 * every other cut is reported as malformed. */
static void test_truncation(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	codec_begin(&b);
	codec_put_uint(&b, 1, 300);
	codec_put_str(&b, 2, "Düsseldorf, Stadt");
	codec_put_int(&b, 3, -123456789);
	codec_put_bytes(&b, 2000, "\x01\x02\x03", 3);
	codec_put_uint(&b, 5, UINT64_MAX);

	bool boundary[256] = {false};
	struct codec_reader r;
	struct codec_field f;
	assert_true(b.len < sizeof(boundary));
	assert_true(codec_open(&r, b.data, b.len));
	boundary[1] = true;
	while (codec_next(&r, &f))
		boundary[f.raw + f.raw_len - (const uint8_t *)b.data] = true;
	assert_false(r.bad);

	for (size_t len = 0; len < b.len; len++) {
		uint8_t *copy = xmalloc(len ? len : 1);   /* exact size: valgrind sees overreads */
		memcpy(copy, b.data, len);
		bool opened = codec_open(&r, copy, len);
		size_t n = 0;
		while (codec_next(&r, &f)) {
			assert_true(f.raw >= copy && f.raw + f.raw_len <= copy + len);
			n++;
		}
		if (len == 0)
			assert_false(opened);
		else if (r.bad == boundary[len])
			fail_msg("cut at %zu: bad=%d, boundary=%d", len, r.bad, boundary[len]);
		free(copy);
	}
	buf_fini(&b);
}

/* codec_next's inline path against codec_next_slow (the full reader of
 * codec.c): on records built from near-valid pieces (keys of one to three
 * bytes, varints of one to eleven, some not minimal, wire types 0 to 7, lengths
 * past the end, cuts anywhere) both read the same fields and agree on the end
 * and on malformed input, field by field. */
static size_t put_varint_bytes(uint8_t *p, uint64_t v, bool pad)
{
	size_t n = 0;
	do {
		p[n] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v || pad)
			p[n] |= 0x80;
		n++;
	} while (v);
	if (pad)
		p[n++] = 0x00;   /* a trailing zero: not minimal */
	return n;
}

static uint64_t rand_value(void)
{
	static const unsigned bits[] = {0, 3, 7, 8, 14, 15, 21, 28, 29, 35, 36, 63, 64};
	unsigned b = bits[rand() % (int)ARRAY_LEN(bits)];
	uint64_t v = (uint64_t)rand() << 42 ^ (uint64_t)rand() << 21 ^ (uint64_t)rand();
	return b >= 64 ? v | UINT64_C(1) << 63 : b == 0 ? 0 : v & ((UINT64_C(1) << b) - 1);
}

static void test_fast_path(void **state)
{
	(void)state;
	srand(4711);
	size_t fields = 0, bad = 0;
	for (int iter = 0; iter < 20000; iter++) {
		uint8_t data[160];
		size_t len = 0;
		int n = rand() % 6;
		for (int i = 0; i < n && len < sizeof data - 40; i++) {
			uint32_t tag = (uint32_t)(rand() % 8 ? rand() % 20 : rand() % 3000);
			unsigned wire = rand() % 10 ? (rand() % 2 ? 0 : 2) : (unsigned)(rand() % 8);
			len += put_varint_bytes(data + len, (uint64_t)tag << 3 | wire, rand() % 50 == 0);
			if (wire == 2) {
				size_t l = (size_t)(rand() % 30), slack = rand() % 10 == 0 ? 5 : 0;
				len += put_varint_bytes(data + len, l + slack, rand() % 50 == 0);
				for (size_t k = 0; k < l; k++)
					data[len++] = (uint8_t)rand();
			} else {
				len += put_varint_bytes(data + len, rand_value(), rand() % 50 == 0);
			}
		}
		if (rand() % 4 == 0 && len)
			len = (size_t)rand() % len;   /* cut anywhere */
		uint8_t *copy = xmalloc(len ? len : 1);   /* exact size: valgrind sees overreads */
		memcpy(copy, data, len);
		struct codec_reader a, b;
		struct codec_field fa, fb;
		codec_open_nested(&a, copy, len);
		codec_open_nested(&b, copy, len);
		for (;;) {
			memset(&fa, 0xa5, sizeof fa);
			memset(&fb, 0xa5, sizeof fb);
			bool ra = codec_next(&a, &fa), rb = codec_next_slow(&b, &fb);
			assert_int_equal(ra, rb);
			assert_int_equal(a.bad, b.bad);
			assert_ptr_equal(a.p, b.p);
			if (!ra)
				break;
			fields++;
			assert_int_equal(fa.tag, fb.tag);
			assert_int_equal(fa.wire, fb.wire);
			assert_true(fa.u == fb.u);
			assert_ptr_equal(fa.data, fb.data);
			assert_int_equal(fa.len, fb.len);
			assert_ptr_equal(fa.raw, fb.raw);
			assert_int_equal(fa.raw_len, fb.raw_len);
		}
		bad += a.bad;
		free(copy);
	}
	/* both kinds of input, and many fields, were seen */
	assert_true(fields > 20000 && bad > 1000 && bad < 19000);
}

static void test_random(void **state)
{
	(void)state;
	srand(12345);
	size_t clean = 0;
	for (int iter = 0; iter < 20000; iter++) {
		size_t len = (size_t)(rand() % 48);
		uint8_t *data = xmalloc(len ? len : 1);
		for (size_t i = 0; i < len; i++)
			data[i] = (uint8_t)rand();
		if (len && iter % 2)
			data[0] = CODEC_VERSION;
		struct codec_reader r;
		struct codec_field f;
		if (codec_open(&r, data, len)) {
			while (codec_next(&r, &f)) {
				assert_true(f.tag != 0);
				assert_true(f.raw >= data && f.raw + f.raw_len <= data + len);
				if (f.wire == CODEC_BYTES)
					assert_true(f.data >= data && f.data + f.len <= data + len);
				else
					assert_int_equal(f.wire, CODEC_VARINT);
				free(codec_field_str(&f));
			}
			if (!r.bad)
				clean++;
		}
		free(data);
	}
	/* Some inputs are well formed, most are not: the reader tells them apart. */
	assert_true(clean > 0 && clean < 20000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_varint_encoding),
		cmocka_unit_test(test_varint_malformed),
		cmocka_unit_test(test_tag_range),
		cmocka_unit_test(test_zigzag),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_fast_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
