/* codec.c - the tagged, versioned record format (see codec.h).
 *
 * Strictness of the reader, beyond codec.h: a varint is at most 10 bytes, its
 * 10th byte may only hold the top bit of a 64-bit value, and it must be minimal
 * (no trailing 0x80 0x00 padding), so that every value has one encoding. A key
 * with tag 0, a tag above UINT32_MAX, a wire type other than 0 and 2, or a
 * length beyond the end of the input makes the record malformed (r->bad).
 */
#include "ozgtui/codec.h"

#include <stdlib.h>
#include <string.h>

void unknown_fini(struct unknown *u)
{
	if (!u)
		return;
	free(u->data);
	u->data = NULL;
	u->len = 0;
}

void unknown_add(struct unknown *u, const void *raw, size_t len)
{
	if (len == 0)
		return;
	u->data = xrealloc(u->data, u->len + len);
	memcpy(u->data + u->len, raw, len);
	u->len += len;
}

void unknown_copy(struct unknown *dst, const struct unknown *src)
{
	dst->data = NULL;
	dst->len = 0;
	unknown_add(dst, src->data, src->len);
}

void codec_put_varint_raw(struct buf *b, uint64_t v)
{
	uint8_t tmp[10];
	size_t n = 0;
	do {
		uint8_t byte = v & 0x7f;
		v >>= 7;
		if (v)
			byte |= 0x80;
		tmp[n++] = byte;
	} while (v);
	buf_append(b, tmp, n);
}

void codec_begin(struct buf *b)
{
	buf_putc(b, (char)CODEC_VERSION);
}

static void put_key(struct buf *b, uint32_t tag, enum codec_wire wire)
{
	codec_put_varint_raw(b, (uint64_t)tag << 3 | (uint64_t)wire);
}

void codec_put_uint(struct buf *b, uint32_t tag, uint64_t v)
{
	put_key(b, tag, CODEC_VARINT);
	codec_put_varint_raw(b, v);
}

void codec_put_int(struct buf *b, uint32_t tag, int64_t v)
{
	uint64_t u = (uint64_t)v;
	codec_put_uint(b, tag, (u << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

int64_t codec_zigzag_decode(uint64_t v)
{
	uint64_t u = (v >> 1) ^ (0 - (v & 1));
	int64_t out;
	memcpy(&out, &u, sizeof(out));
	return out;
}

void codec_put_bytes(struct buf *b, uint32_t tag, const void *data, size_t len)
{
	put_key(b, tag, CODEC_BYTES);
	codec_put_varint_raw(b, len);
	buf_append(b, data, len);
}

void codec_put_str(struct buf *b, uint32_t tag, const char *s)
{
	if (s)
		codec_put_bytes(b, tag, s, strlen(s));
}

void codec_put_unknown(struct buf *b, const struct unknown *u)
{
	if (u && u->len)
		buf_append(b, u->data, u->len);
}

bool codec_open(struct codec_reader *r, const void *data, size_t len)
{
	r->p = data;
	r->end = r->p ? r->p + len : r->p;
	r->version = 0;
	r->bad = false;
	/* Version 0 was never written. */
	if (!data || len == 0 || r->p[0] == 0) {
		r->bad = true;
		r->p = r->end;
		return false;
	}
	r->version = r->p[0];
	r->p++;
	return true;
}

void codec_open_nested(struct codec_reader *r, const void *data, size_t len)
{
	r->p = data;
	r->end = r->p ? r->p + len : r->p;
	r->version = CODEC_VERSION;
	r->bad = false;
}

static bool read_varint(struct codec_reader *r, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < 10; i++) {
		if (r->p >= r->end)
			return false;
		uint8_t byte = *r->p++;
		if (i == 9 && byte > 1)
			return false;   /* more than 64 bits */
		v |= (uint64_t)(byte & 0x7f) << (7 * i);
		if (!(byte & 0x80)) {
			if (i > 0 && byte == 0)
				return false;   /* not minimal */
			*out = v;
			return true;
		}
	}
	return false;
}

/* Every field codec_next's inline path does not take: longer keys, values and
 * lengths, and all the malformed input. */
bool codec_next_slow(struct codec_reader *r, struct codec_field *f)
{
	uint64_t key, len;
	if (r->bad || r->p >= r->end)
		return false;
	const uint8_t *start = r->p;
	if (!read_varint(r, &key))
		goto bad;
	if (key >> 3 == 0 || key >> 3 > UINT32_MAX)
		goto bad;
	f->tag = (uint32_t)(key >> 3);
	f->u = 0;
	f->data = NULL;
	f->len = 0;
	switch (key & 7) {
	case CODEC_VARINT:
		f->wire = CODEC_VARINT;
		if (!read_varint(r, &f->u))
			goto bad;
		break;
	case CODEC_BYTES:
		f->wire = CODEC_BYTES;
		if (!read_varint(r, &len) || len > (uint64_t)(r->end - r->p))
			goto bad;
		f->data = r->p;
		f->len = (size_t)len;
		r->p += len;
		break;
	default:
		goto bad;
	}
	f->raw = start;
	f->raw_len = (size_t)(r->p - start);
	return true;
bad:
	r->bad = true;
	r->p = r->end;
	return false;
}

char *codec_field_str(const struct codec_field *f)
{
	if (f->wire != CODEC_BYTES)
		return NULL;
	if (f->len && memchr(f->data, '\0', f->len))
		return NULL;
	char *s = xmalloc(f->len + 1);
	if (f->len)
		memcpy(s, f->data, f->len);
	s[f->len] = '\0';
	return s;
}
