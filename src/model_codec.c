/* model_codec.c - the record codecs of every entity (init, fini, copy,
 * encode, decode); the project's is in model_codec_project.c, the field
 * codecs both use in model_codec_internal.h.
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
#include "model_codec_internal.h"

/* ---- field codecs ------------------------------------------------------------- */

/* The field codecs both files use are in model_codec_internal.h; get_str_in
 * and GET_STR_IN, which only the organisation's and the service's decoders
 * use, and decode_failed stay here. */

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

#define GET_STR_IN(dst, a)                                                          \
	do {                                                                        \
		if (!get_str_in(&f, &(dst), (a)))                                   \
			goto bad;                                                   \
	} while (0)

enum status decode_failed(const char *what, const struct codec_reader *r,
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

