/* model_codec.c - the record codecs of every entity (init, fini, copy,
 * encode, decode).
 *
 * Record layout (codec.h). Every top-level record starts with the version byte;
 * fields are written in tag order, fields holding their zero value (0, false,
 * NULL, nil UUID, empty array) are left out, and the fields this version did not
 * know when it decoded the record (struct unknown) are appended at the end.
 * Tags are never reused: a field that goes away keeps its number retired.
 *   uint = wire 0 varint; int = wire 0 zigzag varint; bool/enum = wire 0 varint;
 *   str = wire 2 UTF-8 without NUL; uuid = wire 2, 16 raw bytes;
 *   nested = wire 2 holding a nested record (fields only, no version byte);
 *   "rep" = repeated by repeating the tag, in array order.
 *
 * topic_field     1 number uint  2 slug str  3 name str  4 alt_name str
 *                 5 sponsor str  6 version uint
 * organisation    1 id uuid  2 kind enum  3 name str  4 ags str  5 category enum
 *                 6 legal_type str  7 population uint  8 county_ags str
 *                 9 size_class str  10 region str  11 demo bool  12 version uint
 * service         1 ozg_id uint  2 name str  3 field uint  4 life_situation str
 *                 5 categories uint (CAT_BIT mask)  6 version uint
 * project         1 id uuid  2 number uint  3 title str  4 field uint
 *                 5 service uint rep  6 phase uint  7 date nested rep
 *                 8 member nested rep  9 interested uuid rep  10 ministry uuid rep
 *                 11 department str rep  12 component str rep  13 solution str rep
 *                 14 priority uint  15 notes str  16 demo bool  17 created int
 *                 18 updated int  19 created_by str  20 updated_by str  21 version uint
 *   phase_date    1 phase uint  2 planned int  3 reached int
 *   member        1 org uuid  2 role enum
 * workshop        1 id uuid  2 field uint  3 date int  4 title str  5 place str
 *                 6 participant uuid rep  7 head_count uint  8 notes str  9 demo bool
 *                 10 created int  11 updated int  12 version uint
 * outcome         1 id uuid  2 workshop uuid  3 kind enum  4 text str  5 owner str
 *                 6 due int  7 status enum  8 project uuid rep  9 org uuid rep
 *                 10 service uint rep  11 demo bool  12 created int  13 updated int
 *                 14 version uint
 * history_entry   1 seq uint  2 time int  3 user str  4 entity str  5 entity_id uuid
 *                 6 project_number uint  7 action str  8 summary str
 *                 9 from_phase uint  10 to_phase uint  11 reason str  12 forced bool
 * settings        1 rep_policy enum  2 gate_scope_phase uint  3 gate_team_phase uint
 * snapshot        1 name str  2 note str  3 created int  4 user str  5 revision uint
 * phase_list      1 phase nested rep
 *   phase         1 id uint  2 name str  3 slug str  4 outside_line bool  5 closed bool
 *
 * Decoding: a record whose version byte is newer than CODEC_VERSION is read
 * the same way (its new fields land in struct unknown). A known tag with the
 * wrong wire type, a value out of its type's range (enum, uint8, bool 0/1), a
 * string holding NUL, a UUID not of 16 bytes or a malformed field is
 * STATUS_CORRUPT. A singular field given twice keeps the last value.
 * Unknown tags inside nested records, and unknown top-level tags of the phase
 * list (struct phase_list has no struct unknown), are dropped.
 */
#include "ozgtui/model.h"
#include "ozgtui/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* ---- field codecs ------------------------------------------------------------- */

static void put_uuid(struct buf *b, uint32_t tag, const struct uuid *u)
{
	if (!uuid_is_nil(u))
		codec_put_bytes(b, tag, u->b, sizeof(u->b));
}

static void put_uint(struct buf *b, uint32_t tag, uint64_t v)
{
	if (v)
		codec_put_uint(b, tag, v);
}

static void put_int(struct buf *b, uint32_t tag, int64_t v)
{
	if (v)
		codec_put_int(b, tag, v);
}

static void put_nested(struct buf *b, uint32_t tag, const struct buf *nested)
{
	codec_put_bytes(b, tag, nested->data, nested->len);
}

static bool get_uint(const struct codec_field *f, uint64_t max, uint64_t *v)
{
	if (f->wire != CODEC_VARINT || f->u > max)
		return false;
	*v = f->u;
	return true;
}

static bool get_int(const struct codec_field *f, int64_t min, int64_t max, int64_t *v)
{
	if (f->wire != CODEC_VARINT)
		return false;
	int64_t x = codec_zigzag_decode(f->u);
	if (x < min || x > max)
		return false;
	*v = x;
	return true;
}

static bool get_str(const struct codec_field *f, char **dst)
{
	char *s;
	if (f->wire != CODEC_BYTES || !(s = codec_field_str(f)))
		return false;
	free(*dst);
	*dst = s;
	return true;
}

/* get_str with the copy in a's room when a is not NULL: nothing is freed
 * (a repeated field leaves the first copy in the arena). */
static bool get_str_in(const struct codec_field *f, char **dst, const struct str_arena *a)
{
	if (!a)
		return get_str(f, dst);
	if (f->wire != CODEC_BYTES || (f->len && memchr(f->data, '\0', f->len)))
		return false;
	char *s = a->alloc(a->ctx, f->len + 1);
	if (f->len)
		memcpy(s, f->data, f->len);
	s[f->len] = '\0';
	*dst = s;
	return true;
}

static bool get_uuid(const struct codec_field *f, struct uuid *u)
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
#define GET_STR_IN(dst, a)                                                          \
	do {                                                                        \
		if (!get_str_in(&f, &(dst), (a)))                                   \
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
static void *decode_room(void *v, size_t n, size_t elem)
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

static enum status decode_failed(const char *what, const struct codec_reader *r,
				 const struct codec_field *f)
{
	if (r->bad)
		return status_fail(STATUS_CORRUPT, _("malformed %s record"), what);
	return status_fail(STATUS_CORRUPT, _("bad field %u in %s record"), f->tag, what);
}

/* ---- topic_field -------------------------------------------------------------- */

void topic_field_init(struct topic_field *x)
{
	memset(x, 0, sizeof(*x));
}

void topic_field_fini(struct topic_field *x)
{
	if (!x)
		return;
	free(x->slug);
	free(x->name);
	free(x->alt_name);
	free(x->sponsor);
	unknown_fini(&x->unknown);
	topic_field_init(x);
}

void topic_field_copy(struct topic_field *dst, const struct topic_field *src)
{
	*dst = *src;
	dst->slug = sdup(src->slug);
	dst->name = sdup(src->name);
	dst->alt_name = sdup(src->alt_name);
	dst->sponsor = sdup(src->sponsor);
	unknown_copy(&dst->unknown, &src->unknown);
}

void topic_field_encode(const struct topic_field *x, struct buf *b)
{
	codec_begin(b);
	put_uint(b, 1, x->number);
	codec_put_str(b, 2, x->slug);
	codec_put_str(b, 3, x->name);
	codec_put_str(b, 4, x->alt_name);
	codec_put_str(b, 5, x->sponsor);
	put_uint(b, 6, x->version);
	codec_put_unknown(b, &x->unknown);
}

enum status topic_field_decode(struct topic_field *x, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	topic_field_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UINT(x->number, UINT16_MAX); break;
		case 2: GET_STR(x->slug); break;
		case 3: GET_STR(x->name); break;
		case 4: GET_STR(x->alt_name); break;
		case 5: GET_STR(x->sponsor); break;
		case 6: GET_UINT(x->version, UINT32_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	topic_field_fini(x);
	return decode_failed("topic field", &r, &f);
}

/* ---- organisation ------------------------------------------------------------- */

void organisation_init(struct organisation *x)
{
	memset(x, 0, sizeof(*x));
}

void organisation_fini(struct organisation *x)
{
	if (!x)
		return;
	free(x->name);
	free(x->ags);
	free(x->legal_type);
	free(x->county_ags);
	free(x->size_class);
	free(x->region);
	unknown_fini(&x->unknown);
	organisation_init(x);
}

void organisation_copy(struct organisation *dst, const struct organisation *src)
{
	*dst = *src;
	dst->name = sdup(src->name);
	dst->ags = sdup(src->ags);
	dst->legal_type = sdup(src->legal_type);
	dst->county_ags = sdup(src->county_ags);
	dst->size_class = sdup(src->size_class);
	dst->region = sdup(src->region);
	unknown_copy(&dst->unknown, &src->unknown);
}

void organisation_encode(const struct organisation *x, struct buf *b)
{
	codec_begin(b);
	put_uuid(b, 1, &x->id);
	put_uint(b, 2, x->kind);
	codec_put_str(b, 3, x->name);
	codec_put_str(b, 4, x->ags);
	put_uint(b, 5, x->category);
	codec_put_str(b, 6, x->legal_type);
	put_uint(b, 7, x->population);
	codec_put_str(b, 8, x->county_ags);
	codec_put_str(b, 9, x->size_class);
	codec_put_str(b, 10, x->region);
	put_uint(b, 11, x->demo);
	put_uint(b, 12, x->version);
	codec_put_unknown(b, &x->unknown);
}

enum status organisation_decode_in(struct organisation *x, const void *data, size_t len,
				   const struct str_arena *a)
{
	struct codec_reader r;
	struct codec_field f = {0};
	organisation_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UUID(x->id); break;
		case 2: GET_ENUM(x->kind, enum org_kind, ORG__COUNT - 1); break;
		case 3: GET_STR_IN(x->name, a); break;
		case 4: GET_STR_IN(x->ags, a); break;
		case 5: GET_ENUM(x->category, enum category, CAT__MAX); break;
		case 6: GET_STR_IN(x->legal_type, a); break;
		case 7: GET_UINT(x->population, UINT32_MAX); break;
		case 8: GET_STR_IN(x->county_ags, a); break;
		case 9: GET_STR_IN(x->size_class, a); break;
		case 10: GET_STR_IN(x->region, a); break;
		case 11: GET_BOOL(x->demo); break;
		case 12: GET_UINT(x->version, UINT32_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	if (a)   /* the arena's strings stay the arena's */
		x->name = x->ags = x->legal_type = x->county_ags = x->size_class = x->region = NULL;
	organisation_fini(x);
	return decode_failed("organisation", &r, &f);
}

enum status organisation_decode(struct organisation *x, const void *data, size_t len)
{
	return organisation_decode_in(x, data, len, NULL);
}

/* ---- service ------------------------------------------------------------------ */

void service_init(struct service *x)
{
	memset(x, 0, sizeof(*x));
}

void service_fini(struct service *x)
{
	if (!x)
		return;
	free(x->name);
	free(x->life_situation);
	unknown_fini(&x->unknown);
	service_init(x);
}

void service_copy(struct service *dst, const struct service *src)
{
	*dst = *src;
	dst->name = sdup(src->name);
	dst->life_situation = sdup(src->life_situation);
	unknown_copy(&dst->unknown, &src->unknown);
}

void service_encode(const struct service *x, struct buf *b)
{
	codec_begin(b);
	put_uint(b, 1, x->ozg_id);
	codec_put_str(b, 2, x->name);
	put_uint(b, 3, x->field);
	codec_put_str(b, 4, x->life_situation);
	put_uint(b, 5, x->categories);
	put_uint(b, 6, x->version);
	codec_put_unknown(b, &x->unknown);
}

enum status service_decode_in(struct service *x, const void *data, size_t len,
			      const struct str_arena *a)
{
	struct codec_reader r;
	struct codec_field f = {0};
	service_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UINT(x->ozg_id, UINT32_MAX); break;
		case 2: GET_STR_IN(x->name, a); break;
		case 3: GET_UINT(x->field, UINT16_MAX); break;
		case 4: GET_STR_IN(x->life_situation, a); break;
		case 5: GET_UINT(x->categories, UINT32_MAX); break;
		case 6: GET_UINT(x->version, UINT32_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	if (a)   /* the arena's strings stay the arena's */
		x->name = x->life_situation = NULL;
	service_fini(x);
	return decode_failed("service", &r, &f);
}

enum status service_decode(struct service *x, const void *data, size_t len)
{
	return service_decode_in(x, data, len, NULL);
}

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

/* ---- workshop ----------------------------------------------------------------- */

void workshop_init(struct workshop *x)
{
	memset(x, 0, sizeof(*x));
}

void workshop_fini(struct workshop *x)
{
	if (!x)
		return;
	free(x->title);
	free(x->place);
	free(x->participants);
	free(x->notes);
	unknown_fini(&x->unknown);
	workshop_init(x);
}

void workshop_copy(struct workshop *dst, const struct workshop *src)
{
	*dst = *src;
	dst->title = sdup(src->title);
	dst->place = sdup(src->place);
	dst->participants = mdup(src->participants, src->n_participants,
				 sizeof(*src->participants));
	dst->n_participants = dst->participants ? src->n_participants : 0;
	dst->notes = sdup(src->notes);
	unknown_copy(&dst->unknown, &src->unknown);
}

void workshop_encode(const struct workshop *x, struct buf *b)
{
	codec_begin(b);
	put_uuid(b, 1, &x->id);
	put_uint(b, 2, x->field);
	put_int(b, 3, x->date);
	codec_put_str(b, 4, x->title);
	codec_put_str(b, 5, x->place);
	for (size_t i = 0; i < x->n_participants; i++)
		codec_put_bytes(b, 6, x->participants[i].b, 16);
	put_uint(b, 7, x->head_count);
	codec_put_str(b, 8, x->notes);
	put_uint(b, 9, x->demo);
	put_int(b, 10, x->created);
	put_int(b, 11, x->updated);
	put_uint(b, 12, x->version);
	codec_put_unknown(b, &x->unknown);
}

enum status workshop_decode(struct workshop *x, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	workshop_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UUID(x->id); break;
		case 2: GET_UINT(x->field, UINT16_MAX); break;
		case 3: GET_INT(x->date, INT32_MIN, INT32_MAX); break;
		case 4: GET_STR(x->title); break;
		case 5: GET_STR(x->place); break;
		case 6: PUSH_UUID(x->participants, x->n_participants); break;
		case 7: GET_UINT(x->head_count, UINT32_MAX); break;
		case 8: GET_STR(x->notes); break;
		case 9: GET_BOOL(x->demo); break;
		case 10: GET_INT(x->created, INT64_MIN, INT64_MAX); break;
		case 11: GET_INT(x->updated, INT64_MIN, INT64_MAX); break;
		case 12: GET_UINT(x->version, UINT32_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	workshop_fini(x);
	return decode_failed("workshop", &r, &f);
}

/* ---- outcome ------------------------------------------------------------------ */

void outcome_init(struct outcome *x)
{
	memset(x, 0, sizeof(*x));
}

void outcome_fini(struct outcome *x)
{
	if (!x)
		return;
	free(x->text);
	free(x->owner);
	free(x->projects);
	free(x->orgs);
	free(x->services);
	unknown_fini(&x->unknown);
	outcome_init(x);
}

void outcome_copy(struct outcome *dst, const struct outcome *src)
{
	*dst = *src;
	dst->text = sdup(src->text);
	dst->owner = sdup(src->owner);
	dst->projects = mdup(src->projects, src->n_projects, sizeof(*src->projects));
	dst->orgs = mdup(src->orgs, src->n_orgs, sizeof(*src->orgs));
	dst->services = mdup(src->services, src->n_services, sizeof(*src->services));
	dst->n_projects = dst->projects ? src->n_projects : 0;
	dst->n_orgs = dst->orgs ? src->n_orgs : 0;
	dst->n_services = dst->services ? src->n_services : 0;
	unknown_copy(&dst->unknown, &src->unknown);
}

void outcome_encode(const struct outcome *x, struct buf *b)
{
	codec_begin(b);
	put_uuid(b, 1, &x->id);
	put_uuid(b, 2, &x->workshop);
	put_uint(b, 3, x->kind);
	codec_put_str(b, 4, x->text);
	codec_put_str(b, 5, x->owner);
	put_int(b, 6, x->due);
	put_uint(b, 7, x->status);
	for (size_t i = 0; i < x->n_projects; i++)
		codec_put_bytes(b, 8, x->projects[i].b, 16);
	for (size_t i = 0; i < x->n_orgs; i++)
		codec_put_bytes(b, 9, x->orgs[i].b, 16);
	for (size_t i = 0; i < x->n_services; i++)
		codec_put_uint(b, 10, x->services[i]);
	put_uint(b, 11, x->demo);
	put_int(b, 12, x->created);
	put_int(b, 13, x->updated);
	put_uint(b, 14, x->version);
	codec_put_unknown(b, &x->unknown);
}

enum status outcome_decode(struct outcome *x, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	outcome_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UUID(x->id); break;
		case 2: GET_UUID(x->workshop); break;
		case 3: GET_ENUM(x->kind, enum outcome_kind, OUTCOME__COUNT - 1); break;
		case 4: GET_STR(x->text); break;
		case 5: GET_STR(x->owner); break;
		case 6: GET_INT(x->due, INT32_MIN, INT32_MAX); break;
		case 7: GET_ENUM(x->status, enum outcome_status, OUTCOME_STATUS_COUNT - 1); break;
		case 8: PUSH_UUID(x->projects, x->n_projects); break;
		case 9: PUSH_UUID(x->orgs, x->n_orgs); break;
		case 10: {
			uint32_t v;
			GET_UINT(v, UINT32_MAX);
			PUSH_U32(x->services, x->n_services, v);
			break;
		}
		case 11: GET_BOOL(x->demo); break;
		case 12: GET_INT(x->created, INT64_MIN, INT64_MAX); break;
		case 13: GET_INT(x->updated, INT64_MIN, INT64_MAX); break;
		case 14: GET_UINT(x->version, UINT32_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	outcome_fini(x);
	return decode_failed("outcome", &r, &f);
}

/* ---- history_entry ------------------------------------------------------------ */

void history_entry_init(struct history_entry *x)
{
	memset(x, 0, sizeof(*x));
}

void history_entry_fini(struct history_entry *x)
{
	if (!x)
		return;
	free(x->user);
	free(x->entity);
	free(x->action);
	free(x->summary);
	free(x->reason);
	unknown_fini(&x->unknown);
	history_entry_init(x);
}

void history_entry_copy(struct history_entry *dst, const struct history_entry *src)
{
	*dst = *src;
	dst->user = sdup(src->user);
	dst->entity = sdup(src->entity);
	dst->action = sdup(src->action);
	dst->summary = sdup(src->summary);
	dst->reason = sdup(src->reason);
	unknown_copy(&dst->unknown, &src->unknown);
}

void history_entry_encode(const struct history_entry *x, struct buf *b)
{
	codec_begin(b);
	put_uint(b, 1, x->seq);
	put_int(b, 2, x->time);
	codec_put_str(b, 3, x->user);
	codec_put_str(b, 4, x->entity);
	put_uuid(b, 5, &x->entity_id);
	put_uint(b, 6, x->project_number);
	codec_put_str(b, 7, x->action);
	codec_put_str(b, 8, x->summary);
	put_uint(b, 9, x->from_phase);
	put_uint(b, 10, x->to_phase);
	codec_put_str(b, 11, x->reason);
	put_uint(b, 12, x->forced);
	codec_put_unknown(b, &x->unknown);
}

enum status history_entry_decode(struct history_entry *x, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	history_entry_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UINT(x->seq, UINT64_MAX); break;
		case 2: GET_INT(x->time, INT64_MIN, INT64_MAX); break;
		case 3: GET_STR(x->user); break;
		case 4: GET_STR(x->entity); break;
		case 5: GET_UUID(x->entity_id); break;
		case 6: GET_UINT(x->project_number, UINT32_MAX); break;
		case 7: GET_STR(x->action); break;
		case 8: GET_STR(x->summary); break;
		case 9: GET_UINT(x->from_phase, UINT8_MAX); break;
		case 10: GET_UINT(x->to_phase, UINT8_MAX); break;
		case 11: GET_STR(x->reason); break;
		case 12: GET_BOOL(x->forced); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	history_entry_fini(x);
	return decode_failed("history", &r, &f);
}

/* ---- settings ----------------------------------------------------------------- */

void settings_init(struct settings *x)
{
	memset(x, 0, sizeof(*x));
}

void settings_fini(struct settings *x)
{
	if (!x)
		return;
	unknown_fini(&x->unknown);
	settings_init(x);
}

void settings_copy(struct settings *dst, const struct settings *src)
{
	*dst = *src;
	unknown_copy(&dst->unknown, &src->unknown);
}

void settings_encode(const struct settings *x, struct buf *b)
{
	codec_begin(b);
	put_uint(b, 1, x->rep_policy);
	put_uint(b, 2, x->gate_scope_phase);
	put_uint(b, 3, x->gate_team_phase);
	codec_put_unknown(b, &x->unknown);
}

enum status settings_decode(struct settings *x, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	settings_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_ENUM(x->rep_policy, enum rep_policy, REP_ALL); break;
		case 2: GET_UINT(x->gate_scope_phase, UINT8_MAX); break;
		case 3: GET_UINT(x->gate_team_phase, UINT8_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	settings_fini(x);
	return decode_failed("settings", &r, &f);
}

/* ---- snapshot ----------------------------------------------------------------- */

void snapshot_init(struct snapshot *x)
{
	memset(x, 0, sizeof(*x));
}

void snapshot_fini(struct snapshot *x)
{
	if (!x)
		return;
	free(x->name);
	free(x->note);
	free(x->user);
	unknown_fini(&x->unknown);
	snapshot_init(x);
}

void snapshot_copy(struct snapshot *dst, const struct snapshot *src)
{
	*dst = *src;
	dst->name = src->name ? xstrdup(src->name) : NULL;
	dst->note = src->note ? xstrdup(src->note) : NULL;
	dst->user = src->user ? xstrdup(src->user) : NULL;
	dst->unknown.data = NULL;
	dst->unknown.len = 0;
	unknown_copy(&dst->unknown, &src->unknown);
}

void snapshot_encode(const struct snapshot *x, struct buf *b)
{
	codec_begin(b);
	codec_put_str(b, 1, x->name);
	codec_put_str(b, 2, x->note);
	put_int(b, 3, x->created);
	codec_put_str(b, 4, x->user);
	put_uint(b, 5, x->revision);
	codec_put_unknown(b, &x->unknown);
}

enum status snapshot_decode(struct snapshot *x, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	snapshot_init(x);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_STR(x->name); break;
		case 2: GET_STR(x->note); break;
		case 3: GET_INT(x->created, INT64_MIN, INT64_MAX); break;
		case 4: GET_STR(x->user); break;
		case 5: GET_UINT(x->revision, UINT64_MAX); break;
		default: unknown_add(&x->unknown, f.raw, f.raw_len); break;
		}
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	snapshot_fini(x);
	return decode_failed("snapshot", &r, &f);
}

/* ---- phase_list --------------------------------------------------------------- */

void phase_list_encode(const struct phase_list *l, struct buf *b)
{
	struct buf n;
	buf_init(&n);
	codec_begin(b);
	for (size_t i = 0; i < l->n; i++) {
		const struct phase *p = &l->v[i];
		buf_reset(&n);
		put_uint(&n, 1, p->id);
		codec_put_str(&n, 2, p->name);
		codec_put_str(&n, 3, p->slug);
		put_uint(&n, 4, p->outside_line);
		put_uint(&n, 5, p->closed);
		put_nested(b, 1, &n);
	}
	buf_fini(&n);
}

static bool decode_phase(const struct codec_field *outer, struct phase *p)
{
	struct codec_reader r;
	struct codec_field f;
	if (outer->wire != CODEC_BYTES)
		return false;
	codec_open_nested(&r, outer->data, outer->len);
	while (codec_next(&r, &f)) {
		switch (f.tag) {
		case 1: GET_UINT(p->id, UINT8_MAX); break;
		case 2: GET_STR(p->name); break;
		case 3: GET_STR(p->slug); break;
		case 4: GET_BOOL(p->outside_line); break;
		case 5: GET_BOOL(p->closed); break;
		default: break;
		}
	}
	return !r.bad;
bad:
	return false;
}

enum status phase_list_decode(struct phase_list *l, const void *data, size_t len)
{
	struct codec_reader r;
	struct codec_field f = {0};
	phase_list_init(l);
	if (!codec_open(&r, data, len))
		goto bad;
	while (codec_next(&r, &f)) {
		if (f.tag != 1)
			continue;
		/* Added to the list first so that fini frees a half-decoded phase. */
		phase_list_add(l, 0, NULL, NULL, false, false);
		if (!decode_phase(&f, &l->v[l->n - 1]))
			goto bad;
	}
	if (r.bad)
		goto bad;
	return STATUS_OK;
bad:
	phase_list_fini(l);
	return decode_failed("phase list", &r, &f);
}

