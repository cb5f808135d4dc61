/* model_codec_internal.h - what the files of the record codecs share: the
 * field codecs (put_*, get_*, the GET_* statements of the decoders' switches,
 * decode_room) and decode_failed (model_codec.c: every entity but the
 * project; model_codec_project.c: the project). The field codecs run per
 * field and are static inline, as they were static in one file. Not a
 * public header.
 */
#ifndef OZGTUI_MODEL_CODEC_INTERNAL_H
#define OZGTUI_MODEL_CODEC_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "ozgtui/model.h"

#include "model_internal.h"

/* ---- field codecs ------------------------------------------------------------- */


static inline void put_uuid(struct buf *b, uint32_t tag, const struct uuid *u)
{
	if (!uuid_is_nil(u))
		codec_put_bytes(b, tag, u->b, sizeof(u->b));
}

static inline void put_uint(struct buf *b, uint32_t tag, uint64_t v)
{
	if (v)
		codec_put_uint(b, tag, v);
}

static inline void put_int(struct buf *b, uint32_t tag, int64_t v)
{
	if (v)
		codec_put_int(b, tag, v);
}

static inline void put_nested(struct buf *b, uint32_t tag, const struct buf *nested)
{
	codec_put_bytes(b, tag, nested->data, nested->len);
}

static inline bool get_uint(const struct codec_field *f, uint64_t max, uint64_t *v)
{
	if (f->wire != CODEC_VARINT || f->u > max)
		return false;
	*v = f->u;
	return true;
}

static inline bool get_int(const struct codec_field *f, int64_t min, int64_t max, int64_t *v)
{
	if (f->wire != CODEC_VARINT)
		return false;
	int64_t x = codec_zigzag_decode(f->u);
	if (x < min || x > max)
		return false;
	*v = x;
	return true;
}

static inline bool get_str(const struct codec_field *f, char **dst)
{
	char *s;
	if (f->wire != CODEC_BYTES || !(s = codec_field_str(f)))
		return false;
	free(*dst);
	*dst = s;
	return true;
}

static inline bool get_uuid(const struct codec_field *f, struct uuid *u)
{
	if (f->wire != CODEC_BYTES || f->len != sizeof(u->b))
		return false;
	memcpy(u->b, f->data, sizeof(u->b));
	return true;
}

/* Decoding statements for the switch over tags in every x_decode: each jumps
 * to the function's `bad` label when the field does not fit. */
#define GET_UINT(dst, max)                                                          \
	do {                                                                        \
		uint64_t v_;                                                        \
		if (!get_uint(&f, (max), &v_))                                      \
			goto bad;                                                   \
		(dst) = v_;                                                         \
	} while (0)
#define GET_ENUM(dst, type, max)                                                    \
	do {                                                                        \
		uint64_t v_;                                                        \
		if (!get_uint(&f, (max), &v_))                                      \
			goto bad;                                                   \
		(dst) = (type)v_;                                                   \
	} while (0)
#define GET_BOOL(dst) GET_UINT(dst, 1)
#define GET_INT(dst, min, max)                                                      \
	do {                                                                        \
		int64_t v_;                                                         \
		if (!get_int(&f, (min), (max), &v_))                                \
			goto bad;                                                   \
		(dst) = v_;                                                         \
	} while (0)
#define GET_STR(dst)                                                                \
	do {                                                                        \
		if (!get_str(&f, &(dst)))                                           \
			goto bad;                                                   \
	} while (0)
#define GET_UUID(dst)                                                               \
	do {                                                                        \
		if (!get_uuid(&f, &(dst)))                                          \
			goto bad;                                                   \
	} while (0)
/* Room for one more element in an array that a decoder fills from empty:
 * the allocation doubles when n reaches a power of two (instead of a realloc
 * per element, 14 per project). Only for arrays the decoder started: others
 * are sized exactly. */
static inline void *decode_room(void *v, size_t n, size_t elem)
{
	if (n & (n - 1))
		return v;   /* n is not 0 and not a power of two: room is left */
	return xrealloc(v, (n ? 2 * n : 1) * elem);
}

#define PUSH_UUID(v, n)                                                             \
	do {                                                                        \
		struct uuid u_;                                                     \
		if (!get_uuid(&f, &u_))                                             \
			goto bad;                                                   \
		(v) = decode_room((v), (n), sizeof(*(v)));                          \
		(v)[(n)++] = u_;                                                    \
	} while (0)
#define PUSH_U32(v, n, x)                                                           \
	do {                                                                        \
		(v) = decode_room((v), (n), sizeof(*(v)));                          \
		(v)[(n)++] = (x);                                                   \
	} while (0)

/* STATUS_CORRUPT for a record that did not decode: malformed, or the field f
 * did not fit (model_codec.c). Cold: a call out of the file would otherwise
 * cost the project decoder's loop a little (100k listing +0.07 % instructions;
 * with it -0.25 %). */
__attribute__((cold))
enum status decode_failed(const char *what, const struct codec_reader *r,
			  const struct codec_field *f);

#endif
