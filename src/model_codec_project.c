/* model_codec_project.c - the project's record codec (init, fini, copy,
 * encode, decode: owned, and into scratch memory with its fast paths for
 * dates and members). The record layout and the decoding rules are those of
 * model_codec.c; the field codecs are in model_codec_internal.h.
 */
#include "ozgtui/model.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "model_codec_internal.h"

/* ---- project ------------------------------------------------------------------ */

void project_init(struct project *x)
{
	memset(x, 0, sizeof(*x));
	strv_init(&x->departments);
	strv_init(&x->components);
	strv_init(&x->solutions);
}

void project_fini(struct project *x)
{
	if (!x)
		return;
	free(x->title);
	free(x->services);
	free(x->dates);
	free(x->team);
	free(x->interested);
	free(x->ministries);
	strv_fini(&x->departments);
	strv_fini(&x->components);
	strv_fini(&x->solutions);
	free(x->notes);
	free(x->created_by);
	free(x->updated_by);
	unknown_fini(&x->unknown);
	project_init(x);
}

void project_copy(struct project *dst, const struct project *src)
{
	*dst = *src;
	dst->title = sdup(src->title);
	dst->services = mdup(src->services, src->n_services, sizeof(*src->services));
	dst->dates = mdup(src->dates, src->n_dates, sizeof(*src->dates));
	dst->team = mdup(src->team, src->n_team, sizeof(*src->team));
	dst->interested = mdup(src->interested, src->n_interested, sizeof(*src->interested));
	dst->ministries = mdup(src->ministries, src->n_ministries, sizeof(*src->ministries));
	dst->n_services = dst->services ? src->n_services : 0;
	dst->n_dates = dst->dates ? src->n_dates : 0;
	dst->n_team = dst->team ? src->n_team : 0;
	dst->n_interested = dst->interested ? src->n_interested : 0;
	dst->n_ministries = dst->ministries ? src->n_ministries : 0;
	strv_copy(&dst->departments, &src->departments);
	strv_copy(&dst->components, &src->components);
	strv_copy(&dst->solutions, &src->solutions);
	dst->notes = sdup(src->notes);
	dst->created_by = sdup(src->created_by);
	dst->updated_by = sdup(src->updated_by);
	unknown_copy(&dst->unknown, &src->unknown);
}

void project_encode(const struct project *x, struct buf *b)
{
	struct buf n;
	buf_init(&n);
	codec_begin(b);
	put_uuid(b, 1, &x->id);
	put_uint(b, 2, x->number);
	codec_put_str(b, 3, x->title);
	put_uint(b, 4, x->field);
	for (size_t i = 0; i < x->n_services; i++)
		codec_put_uint(b, 5, x->services[i]);
	put_uint(b, 6, x->phase);
	for (size_t i = 0; i < x->n_dates; i++) {
		buf_reset(&n);
		put_uint(&n, 1, x->dates[i].phase);
		put_int(&n, 2, x->dates[i].planned);
		put_int(&n, 3, x->dates[i].reached);
		put_nested(b, 7, &n);
	}
	for (size_t i = 0; i < x->n_team; i++) {
		buf_reset(&n);
		put_uuid(&n, 1, &x->team[i].org);
		put_uint(&n, 2, x->team[i].role);
		put_nested(b, 8, &n);
	}
	for (size_t i = 0; i < x->n_interested; i++)
		codec_put_bytes(b, 9, x->interested[i].b, 16);
	for (size_t i = 0; i < x->n_ministries; i++)
		codec_put_bytes(b, 10, x->ministries[i].b, 16);
	for (size_t i = 0; i < x->departments.n; i++)
		codec_put_str(b, 11, x->departments.v[i]);
	for (size_t i = 0; i < x->components.n; i++)
		codec_put_str(b, 12, x->components.v[i]);
	for (size_t i = 0; i < x->solutions.n; i++)
		codec_put_str(b, 13, x->solutions.v[i]);
	put_uint(b, 14, x->priority);
	codec_put_str(b, 15, x->notes);
	put_uint(b, 16, x->demo);
	put_int(b, 17, x->created);
	put_int(b, 18, x->updated);
	codec_put_str(b, 19, x->created_by);
	codec_put_str(b, 20, x->updated_by);
	put_uint(b, 21, x->version);
	codec_put_unknown(b, &x->unknown);
	buf_fini(&n);
}

/* A date as project_encode writes it, read at once: the phase (tag 1), the
 * planned (2) and the reached day (3), each a varint of at most 5 bytes, in
 * this order, any of them left out. False for anything else (also what does
 * not fit: decode_phase_date reads that field by field and says why). */
static bool phase_date_fast(const uint8_t *p, size_t len, struct phase_date *d)
{
	const uint8_t *end = p + len;
	unsigned last = 0;
	while (p < end) {
		unsigned tag = *p >> 3;
		if ((*p & 7) != CODEC_VARINT || tag <= last || tag > 3)
			return false;
		last = tag;
		uint64_t v = 0;
		int shift = 0;
		for (p++;; p++, shift += 7) {
			if (p == end || shift > 28)
				return false;
			v |= (uint64_t)(*p & 0x7f) << shift;
			if (!(*p & 0x80)) {
				if (*p == 0 && shift)
					return false;   /* not minimal: codec.c's verdict */
				break;
			}
		}
		p++;
		if (tag == 1) {
			if (v > UINT8_MAX)
				return false;
			d->phase = (uint8_t)v;
			continue;
		}
		int64_t x = codec_zigzag_decode(v);
		if (x < INT32_MIN || x > INT32_MAX)
			return false;
		if (tag == 2)
			d->planned = (int32_t)x;
		else
			d->reached = (int32_t)x;
	}
	return true;
}

static bool decode_phase_date(const struct codec_field *outer, struct phase_date *d)
{
	struct codec_reader r;
	struct codec_field f;
	memset(d, 0, sizeof(*d));
	if (outer->wire != CODEC_BYTES)
		return false;
	if (phase_date_fast(outer->data, outer->len, d))
		return true;
	memset(d, 0, sizeof(*d));
	codec_open_nested(&r, outer->data, outer->len);
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UINT(d->phase, UINT8_MAX); break;
		case 2: GET_INT(d->planned, INT32_MIN, INT32_MAX); break;
		case 3: GET_INT(d->reached, INT32_MIN, INT32_MAX); break;
		default: break;
		}
	}
	return !r.bad;
bad:
	return false;
}

static bool decode_member(const struct codec_field *outer, struct member *m)
{
	struct codec_reader r;
	struct codec_field f;
	memset(m, 0, sizeof(*m));
	if (outer->wire != CODEC_BYTES)
		return false;
	/* what project_encode writes for a member with a role (a 16-byte UUID
	 * under tag 1, a one-byte role under tag 2), read at once; anything
	 * else field by field */
	const uint8_t *d = outer->data;
	if (outer->len == 20 && d[0] == (1 << 3 | CODEC_BYTES) && d[1] == 16 && d[18] == (2 << 3 | CODEC_VARINT) &&
	    d[19] < ROLE_COUNT) {
		memcpy(m->org.b, d + 2, 16);
		m->role = (enum role)d[19];
		return true;
	}
	codec_open_nested(&r, outer->data, outer->len);
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UUID(m->org); break;
		case 2: GET_ENUM(m->role, enum role, (uint64_t)ROLE_COUNT); break;
		default: break;
		}
	}
	return !r.bad;
bad:
	return false;
}

/* Room for element n of an array the decoder fills: owned arrays double at
 * powers of two (decode_room), scratch arrays keep their capacity in *cap
 * from one record to the next. */
static void *project_room(void *v, size_t n, size_t *cap, size_t elem)
{
	if (!cap)
		return decode_room(v, n, elem);
	if (n < *cap)
		return v;
	size_t ncap = *cap ? 2 * *cap : 8;
	*cap = ncap;
	return xrealloc(v, ncap * elem);
}

/* A string field: owned (malloc'd, replacing *dst) or copied into the
 * scratch's text, reserved for the whole record before decoding (a string
 * of n bytes takes n + 1 there and at least n + 2 in the record), so the
 * pointers into it stay put. */
static bool project_str(const struct codec_field *f, struct project_scratch *s, char **dst)
{
	if (!s)
		return get_str(f, dst);
	if (f->wire != CODEC_BYTES || (f->len && memchr(f->data, '\0', f->len)))
		return false;
	char *t = s->text.data + s->text.len;
	if (f->len)
		memcpy(t, f->data, f->len);
	t[f->len] = '\0';
	s->text.len += f->len + 1;
	*dst = t;
	return true;
}

/* The one decoder of projects, owned (s NULL) or into scratch memory. */
static enum status project_decode_in(struct project *x, struct project_scratch *s, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	enum status st = STATUS_OK;
	struct strv *lists[3] = { &x->departments, &x->components, &x->solutions };
	project_init(x);
	if (s) {
		x->services = s->services;
		x->dates = s->dates;
		x->team = s->team;
		x->interested = s->interested;
		x->ministries = s->ministries;
		for (int k = 0; k < 3; k++)
			lists[k]->v = s->lists[k];
		s->text.len = 0;
		xgrow((void **)&s->text.data, &s->text.cap, len + 1, 1);
		xgrow((void **)&s->unknown, &s->cap_unknown, len + 1, 1);
	}
	if (!codec_open(&r, data, len))
		goto bad;
	uint32_t skip = s ? s->skip : 0;
	while (codec_next(&r, &f)) {
		if (skip >> (f.tag & 31) & 1 && f.tag < 32)
			continue;   /* left out: the reader does not look at it */
		switch (f.tag) {
		case 1: GET_UUID(x->id); break;
		case 2: GET_UINT(x->number, UINT32_MAX); break;
		case 3:
			if (!project_str(&f, s, &x->title))
				goto bad;
			break;
		case 4: GET_UINT(x->field, UINT16_MAX); break;
		case 5: {
			uint32_t v;
			GET_UINT(v, UINT32_MAX);
			x->services = project_room(x->services, x->n_services, s ? &s->cap_services : NULL,
						   sizeof(*x->services));
			x->services[x->n_services++] = v;
			break;
		}
		case 6: GET_UINT(x->phase, UINT8_MAX); break;
		case 7: {
			struct phase_date d;
			if (!decode_phase_date(&f, &d))
				goto bad;
			x->dates = project_room(x->dates, x->n_dates, s ? &s->cap_dates : NULL, sizeof(*x->dates));
			x->dates[x->n_dates++] = d;
			break;
		}
		case 8: {
			struct member m;
			if (!decode_member(&f, &m))
				goto bad;
			x->team = project_room(x->team, x->n_team, s ? &s->cap_team : NULL, sizeof(*x->team));
			x->team[x->n_team++] = m;
			break;
		}
		case 9:
		case 10: {
			struct uuid u;
			if (!get_uuid(&f, &u))
				goto bad;
			if (f.tag == 9) {
				x->interested = project_room(x->interested, x->n_interested,
							     s ? &s->cap_interested : NULL, sizeof(u));
				x->interested[x->n_interested++] = u;
			} else {
				x->ministries = project_room(x->ministries, x->n_ministries,
							     s ? &s->cap_ministries : NULL, sizeof(u));
				x->ministries[x->n_ministries++] = u;
			}
			break;
		}
		case 11:
		case 12:
		case 13: {
			struct strv *l = lists[f.tag - 11];
			char *str = NULL;
			if (!s) {
				GET_STR(str);
				strv_push(l, str);
				free(str);
				break;
			}
			if (!project_str(&f, s, &str))
				goto bad;
			l->v = project_room(l->v, l->n, &s->cap_lists[f.tag - 11], sizeof(*l->v));
			l->v[l->n++] = str;
			l->cap = l->n;
			break;
		}
		case 14: GET_UINT(x->priority, UINT8_MAX); break;
		case 15:
			if (!project_str(&f, s, &x->notes))
				goto bad;
			break;
		case 16: GET_BOOL(x->demo); break;
		case 17: GET_INT(x->created, INT64_MIN, INT64_MAX); break;
		case 18: GET_INT(x->updated, INT64_MIN, INT64_MAX); break;
		case 19:
			if (!project_str(&f, s, &x->created_by))
				goto bad;
			break;
		case 20:
			if (!project_str(&f, s, &x->updated_by))
				goto bad;
			break;
		case 21: GET_UINT(x->version, UINT32_MAX); break;
		default:
			if (!s) {
				unknown_add(&x->unknown, f.raw, f.raw_len);
			} else {
				/* reserved like the text: the fields are part of the record */
				memcpy(s->unknown + x->unknown.len, f.raw, f.raw_len);
				x->unknown.data = s->unknown;
				x->unknown.len += f.raw_len;
			}
			break;
		}
	}
	if (r.bad)
		goto bad;
	goto out;
bad:
	st = decode_failed("project", &r, &f);
out:
	if (s) {
		/* the arrays stay the scratch's, grown or not */
		s->services = x->services;
		s->dates = x->dates;
		s->team = x->team;
		s->interested = x->interested;
		s->ministries = x->ministries;
		for (int k = 0; k < 3; k++)
			s->lists[k] = lists[k]->v;
		if (st != STATUS_OK)
			memset(x, 0, sizeof(*x));
	} else if (st != STATUS_OK) {
		project_fini(x);
	}
	return st;
}

enum status project_decode(struct project *x, const void *data, size_t len)
{
	return project_decode_in(x, NULL, data, len);
}

void project_scratch_init(struct project_scratch *s)
{
	memset(s, 0, sizeof(*s));
	buf_init(&s->text);
}

void project_scratch_fini(struct project_scratch *s)
{
	if (!s)
		return;
	buf_fini(&s->text);
	free(s->unknown);
	free(s->services);
	free(s->dates);
	free(s->team);
	free(s->interested);
	free(s->ministries);
	for (int k = 0; k < 3; k++)
		free(s->lists[k]);
	memset(s, 0, sizeof(*s));
}

enum status project_decode_scratch(struct project *x, struct project_scratch *s, const void *data, size_t len)
{
	return project_decode_in(x, s, data, len);
}
