/* codec.h - the tagged, versioned record format of every LMDB value.
 *
 * A record is one byte of format version (CODEC_VERSION) followed by fields.
 * A field is a key varint (tag << 3 | wire type) and a payload:
 *   wire 0: an unsigned varint (LEB128, at most 10 bytes);
 *   wire 2: a varint length and that many bytes (text, raw UUIDs, nested records).
 * Repeated fields repeat their tag. A reader skips tags it does not know but
 * keeps their raw bytes (struct unknown) so that a record written by a newer
 * version survives a read-modify-write by this one: the writer appends them.
 * The decoder is bounds-checked throughout: any byte string is safe to feed it.
 */
#ifndef OZGTUI_CODEC_H
#define OZGTUI_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/util.h"

#define CODEC_VERSION 1

enum codec_wire { CODEC_VARINT = 0, CODEC_BYTES = 2 };

/* Raw bytes of fields this version did not recognise, in their order. */
struct unknown {
	uint8_t *data;
	size_t len;
};
void unknown_fini(struct unknown *u);
void unknown_add(struct unknown *u, const void *raw, size_t len);
void unknown_copy(struct unknown *dst, const struct unknown *src);

/* Writing: start a record with codec_begin, then put fields. */
void codec_begin(struct buf *b);
void codec_put_uint(struct buf *b, uint32_t tag, uint64_t v);
void codec_put_int(struct buf *b, uint32_t tag, int64_t v);   /* zigzag */
void codec_put_bytes(struct buf *b, uint32_t tag, const void *data, size_t len);
/* Puts a string field; NULL puts nothing. */
void codec_put_str(struct buf *b, uint32_t tag, const char *s);
void codec_put_unknown(struct buf *b, const struct unknown *u);
void codec_put_varint_raw(struct buf *b, uint64_t v);

/* Reading. */
struct codec_reader {
	const uint8_t *p;
	const uint8_t *end;
	uint8_t version;   /* format version of the record */
	bool bad;          /* set when the input was malformed */
};
struct codec_field {
	uint32_t tag;
	enum codec_wire wire;
	uint64_t u;            /* wire 0 */
	const uint8_t *data;   /* wire 2: borrowed from the input */
	size_t len;
	const uint8_t *raw;    /* the whole field, key included, for struct unknown */
	size_t raw_len;
};
/* Starts reading a record; false (and r->bad) when it is empty. */
bool codec_open(struct codec_reader *r, const void *data, size_t len);
/* Starts reading a nested record (no version byte). */
void codec_open_nested(struct codec_reader *r, const void *data, size_t len);
/* Next field: true and *f filled, or false at the end or on malformed input (r->bad).
 * Inline for the common field: a key of one or two bytes and a value (or a
 * length) of up to five, all within the input and minimal. It changes nothing
 * until it has the whole field; anything else (longer varints, wire types
 * other than 0 and 2, the end, every malformed case) goes to codec_next_slow,
 * which reads the field again with every check of codec.c. */
bool codec_next_slow(struct codec_reader *r, struct codec_field *f);
static inline bool codec_next(struct codec_reader *r, struct codec_field *f)
{
	const uint8_t *p = r->p, *end = r->end;
	if (p == end)   /* the end, or a bad reader (its p is its end) */
		return false;
	if (r->bad || end - p < 2)
		return codec_next_slow(r, f);
	uint32_t key = p[0];
	const uint8_t *q = p + 1;
	if (key >= 0x80) {
		/* the second byte ends the key: 1..0x7f (0 would not be minimal) */
		if ((unsigned)p[1] - 1u >= 0x7fu || end - p < 3)
			return codec_next_slow(r, f);
		key = (key & 0x7f) | (uint32_t)p[1] << 7;
		q = p + 2;
	}
	if (key < 8)   /* tag 0 */
		return codec_next_slow(r, f);
	uint64_t v = *q++;
	if (v >= 0x80) {
		v &= 0x7f;
		for (unsigned shift = 7;; shift += 7) {
			if (q >= end || shift > 28)
				return codec_next_slow(r, f);
			uint8_t byte = *q++;
			v |= (uint64_t)(byte & 0x7f) << shift;
			if (byte < 0x80) {
				if (byte == 0)   /* not minimal */
					return codec_next_slow(r, f);
				break;
			}
		}
	}
	if ((key & 7) == CODEC_VARINT) {
		f->tag = key >> 3;
		f->wire = CODEC_VARINT;
		f->u = v;
		f->data = NULL;
		f->len = 0;
	} else if ((key & 7) == CODEC_BYTES && v <= (uint64_t)(end - q)) {
		f->tag = key >> 3;
		f->wire = CODEC_BYTES;
		f->u = 0;
		f->data = q;
		f->len = (size_t)v;
		q += v;
	} else {
		return codec_next_slow(r, f);
	}
	f->raw = p;
	f->raw_len = (size_t)(q - p);
	r->p = q;
	return true;
}
int64_t codec_zigzag_decode(uint64_t v);
/* A copy of a bytes field as a NUL-terminated string; NULL when it holds a NUL. */
char *codec_field_str(const struct codec_field *f);

#endif
