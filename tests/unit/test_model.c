/* test_model.c - UUIDs, enums, project helpers, phase lists and the record codec
 * of every entity: round trips with every field set, unknown tags surviving a
 * read-modify-write, newer versions, every truncation, garbage and mutations.
 */
#include "testutil.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/model.h"

/* ---- helpers ------------------------------------------------------------------ */

static void str_eq(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void uuid_eq(const struct uuid *a, const struct uuid *b)
{
	assert_memory_equal(a->b, b->b, 16);
}

static void uuids_eq(const struct uuid *a, size_t na, const struct uuid *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		uuid_eq(&a[i], &b[i]);
}

static void u32s_eq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_int_equal(a[i], b[i]);
}

static void strv_eq(const struct strv *a, const struct strv *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

static struct uuid named(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static struct uuid *uuid_array(size_t n, const char *prefix)
{
	struct uuid *v = xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s-%zu", prefix, i);
		uuid_from_name(&v[i], name);
	}
	return v;
}

static uint32_t *u32_array(size_t n, uint32_t first)
{
	uint32_t *v = xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = first + (uint32_t)i * 1000;
	v[n - 1] = UINT32_MAX;
	return v;
}

/* ---- fillers and comparisons, one pair per record --------------------------- */

static void fill_topic_field(void *p)
{
	struct topic_field *x = p;
	x->number = 14;
	x->slug = xstrdup("bauen_wohnen");
	x->name = xstrdup("Bauen & Wohnen");
	x->alt_name = xstrdup("");   /* empty, not absent */
	x->sponsor = xstrdup("Ministerium für Heimat, Kommunales, Bau und Digitalisierung");
	x->version = 3;
}

static void eq_topic_field(const void *pa, const void *pb)
{
	const struct topic_field *a = pa, *b = pb;
	assert_int_equal(a->number, b->number);
	str_eq(a->slug, b->slug);
	str_eq(a->name, b->name);
	str_eq(a->alt_name, b->alt_name);
	str_eq(a->sponsor, b->sponsor);
	assert_int_equal(a->version, b->version);
}

static void fill_organisation(void *p)
{
	struct organisation *x = p;
	x->id = named("org:05111000");
	x->kind = ORG_OTHER;
	x->name = xstrdup("Düsseldorf, Stadt");
	x->ags = xstrdup("05111000");
	x->category = CAT_COUNTY;
	x->legal_type = xstrdup("kreisfreie Stadt");
	x->population = 631217;
	x->county_ags = xstrdup("05158");
	x->size_class = xstrdup("Großstadt");
	x->region = xstrdup("Düsseldorf");
	x->demo = true;
	x->version = UINT32_MAX;
}

static void eq_organisation(const void *pa, const void *pb)
{
	const struct organisation *a = pa, *b = pb;
	uuid_eq(&a->id, &b->id);
	assert_int_equal(a->kind, b->kind);
	str_eq(a->name, b->name);
	str_eq(a->ags, b->ags);
	assert_int_equal(a->category, b->category);
	str_eq(a->legal_type, b->legal_type);
	assert_int_equal(a->population, b->population);
	str_eq(a->county_ags, b->county_ags);
	str_eq(a->size_class, b->size_class);
	str_eq(a->region, b->region);
	assert_int_equal(a->demo, b->demo);
	assert_int_equal(a->version, b->version);
}

static void fill_service(void *p)
{
	struct service *x = p;
	x->ozg_id = 10290;
	x->name = xstrdup("Wohngeld");
	x->field = UINT16_MAX;
	x->life_situation = xstrdup("Umzug");
	x->categories = CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_COUNTY);
	x->version = 2;
}

static void eq_service(const void *pa, const void *pb)
{
	const struct service *a = pa, *b = pb;
	assert_int_equal(a->ozg_id, b->ozg_id);
	str_eq(a->name, b->name);
	assert_int_equal(a->field, b->field);
	str_eq(a->life_situation, b->life_situation);
	assert_int_equal(a->categories, b->categories);
	assert_int_equal(a->version, b->version);
}

static void fill_project(void *p)
{
	struct project *x = p;
	uuid_new(&x->id);
	x->number = 4711;
	x->title = xstrdup("Digitaler Bauantrag\nmit Zeilenumbruch");
	x->field = 3;
	x->n_services = 3;
	x->services = u32_array(3, 1);
	x->phase = 255;
	x->n_dates = 4;
	x->dates = xcalloc(4, sizeof(*x->dates));
	x->dates[0] = (struct phase_date){1, -100, 20089};
	x->dates[1] = (struct phase_date){5, 20100, 0};
	x->dates[2] = (struct phase_date){255, INT32_MIN, INT32_MAX};
	x->dates[3] = (struct phase_date){0, 0, 0};
	x->n_team = 3;
	x->team = xcalloc(3, sizeof(*x->team));
	x->team[0] = (struct member){named("a"), ROLE_LEAD};
	x->team[1] = (struct member){named("b"), ROLE_ADVISOR};
	x->team[2] = (struct member){named("c"), ROLE_MEMBER};
	x->n_interested = 2;
	x->interested = uuid_array(2, "interested");
	x->n_ministries = 1;
	x->ministries = uuid_array(1, "ministry");
	strv_push(&x->departments, "Bauamt");
	strv_push(&x->departments, "Ordnungsamt");
	strv_push(&x->components, "ePayBL");
	strv_push(&x->components, "Servicekonto.NRW");
	strv_push(&x->solutions, "");
	x->priority = 5;
	x->notes = xstrdup("Notiz: Straße, 日本");
	x->demo = true;
	x->created = INT64_MIN;
	x->updated = INT64_MAX;
	x->created_by = xstrdup("anna");
	x->updated_by = xstrdup("bernd");
	x->version = 7;
}

static void eq_project(const void *pa, const void *pb)
{
	const struct project *a = pa, *b = pb;
	uuid_eq(&a->id, &b->id);
	assert_int_equal(a->number, b->number);
	str_eq(a->title, b->title);
	assert_int_equal(a->field, b->field);
	u32s_eq(a->services, a->n_services, b->services, b->n_services);
	assert_int_equal(a->phase, b->phase);
	assert_int_equal(a->n_dates, b->n_dates);
	for (size_t i = 0; i < a->n_dates; i++) {
		assert_int_equal(a->dates[i].phase, b->dates[i].phase);
		assert_int_equal(a->dates[i].planned, b->dates[i].planned);
		assert_int_equal(a->dates[i].reached, b->dates[i].reached);
	}
	assert_int_equal(a->n_team, b->n_team);
	for (size_t i = 0; i < a->n_team; i++) {
		uuid_eq(&a->team[i].org, &b->team[i].org);
		assert_int_equal(a->team[i].role, b->team[i].role);
	}
	uuids_eq(a->interested, a->n_interested, b->interested, b->n_interested);
	uuids_eq(a->ministries, a->n_ministries, b->ministries, b->n_ministries);
	strv_eq(&a->departments, &b->departments);
	strv_eq(&a->components, &b->components);
	strv_eq(&a->solutions, &b->solutions);
	assert_int_equal(a->priority, b->priority);
	str_eq(a->notes, b->notes);
	assert_int_equal(a->demo, b->demo);
	assert_true(a->created == b->created);
	assert_true(a->updated == b->updated);
	str_eq(a->created_by, b->created_by);
	str_eq(a->updated_by, b->updated_by);
	assert_int_equal(a->version, b->version);
}

static void fill_workshop(void *p)
{
	struct workshop *x = p;
	uuid_new(&x->id);
	x->field = 1;
	x->date = -5;
	x->title = xstrdup("Auftaktworkshop Arbeit & Ruhestand");
	x->place = xstrdup("Köln");
	x->n_participants = 3;
	x->participants = uuid_array(3, "participant");
	x->head_count = 42;
	x->notes = xstrdup("");
	x->demo = true;
	x->created = 1700000000;
	x->updated = -1;
	x->version = 9;
}

static void eq_workshop(const void *pa, const void *pb)
{
	const struct workshop *a = pa, *b = pb;
	uuid_eq(&a->id, &b->id);
	assert_int_equal(a->field, b->field);
	assert_int_equal(a->date, b->date);
	str_eq(a->title, b->title);
	str_eq(a->place, b->place);
	uuids_eq(a->participants, a->n_participants, b->participants, b->n_participants);
	assert_int_equal(a->head_count, b->head_count);
	str_eq(a->notes, b->notes);
	assert_int_equal(a->demo, b->demo);
	assert_true(a->created == b->created);
	assert_true(a->updated == b->updated);
	assert_int_equal(a->version, b->version);
}

static void fill_outcome(void *p)
{
	struct outcome *x = p;
	uuid_new(&x->id);
	uuid_new(&x->workshop);
	x->kind = OUTCOME_ACTION;
	x->text = xstrdup("Formular abstimmen");
	x->owner = xstrdup("KDN");
	x->due = 20200;
	x->status = OUTCOME_STATUS_DROPPED;
	x->n_projects = 2;
	x->projects = uuid_array(2, "project");
	x->n_orgs = 2;
	x->orgs = uuid_array(2, "org");
	x->n_services = 2;
	x->services = u32_array(2, 99);
	x->demo = true;
	x->created = 123;
	x->updated = 456;
	x->version = 1;
}

static void eq_outcome(const void *pa, const void *pb)
{
	const struct outcome *a = pa, *b = pb;
	uuid_eq(&a->id, &b->id);
	uuid_eq(&a->workshop, &b->workshop);
	assert_int_equal(a->kind, b->kind);
	str_eq(a->text, b->text);
	str_eq(a->owner, b->owner);
	assert_int_equal(a->due, b->due);
	assert_int_equal(a->status, b->status);
	uuids_eq(a->projects, a->n_projects, b->projects, b->n_projects);
	uuids_eq(a->orgs, a->n_orgs, b->orgs, b->n_orgs);
	u32s_eq(a->services, a->n_services, b->services, b->n_services);
	assert_int_equal(a->demo, b->demo);
	assert_true(a->created == b->created);
	assert_true(a->updated == b->updated);
	assert_int_equal(a->version, b->version);
}

static void fill_history_entry(void *p)
{
	struct history_entry *x = p;
	x->seq = UINT64_MAX;
	x->time = -1700000000;
	x->user = xstrdup("anna");
	x->entity = xstrdup("project");
	uuid_new(&x->entity_id);
	x->project_number = 4711;
	x->action = xstrdup("move");
	x->summary = xstrdup("phase Workshop → Entscheidung");
	x->from_phase = 2;
	x->to_phase = 255;
	x->reason = xstrdup("Ausschuss hat zugestimmt");
	x->forced = true;
}

static void eq_history_entry(const void *pa, const void *pb)
{
	const struct history_entry *a = pa, *b = pb;
	assert_true(a->seq == b->seq);
	assert_true(a->time == b->time);
	str_eq(a->user, b->user);
	str_eq(a->entity, b->entity);
	uuid_eq(&a->entity_id, &b->entity_id);
	assert_int_equal(a->project_number, b->project_number);
	str_eq(a->action, b->action);
	str_eq(a->summary, b->summary);
	assert_int_equal(a->from_phase, b->from_phase);
	assert_int_equal(a->to_phase, b->to_phase);
	str_eq(a->reason, b->reason);
	assert_int_equal(a->forced, b->forced);
}

static void fill_settings(void *p)
{
	struct settings *x = p;
	x->rep_policy = REP_ALL;
	x->gate_scope_phase = 2;
	x->gate_team_phase = 255;
}

static void eq_settings(const void *pa, const void *pb)
{
	const struct settings *a = pa, *b = pb;
	assert_int_equal(a->rep_policy, b->rep_policy);
	assert_int_equal(a->gate_scope_phase, b->gate_scope_phase);
	assert_int_equal(a->gate_team_phase, b->gate_team_phase);
}

static void fill_phase_list(void *p)
{
	struct phase_list *x = p;
	phase_list_kdn(x);
	/* One more with the largest id and both flags. */
	x->v = xrealloc(x->v, (x->n + 1) * sizeof(*x->v));
	x->v[x->n++] = (struct phase){255, xstrdup("Ünterwegs"), xstrdup(""), true, true};
}

static void eq_phase_list(const void *pa, const void *pb)
{
	const struct phase_list *a = pa, *b = pb;
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_int_equal(a->v[i].id, b->v[i].id);
		str_eq(a->v[i].name, b->v[i].name);
		str_eq(a->v[i].slug, b->v[i].slug);
		assert_int_equal(a->v[i].outside_line, b->v[i].outside_line);
		assert_int_equal(a->v[i].closed, b->v[i].closed);
	}
}

/* ---- the table of record types ---------------------------------------------- */

struct kind {
	const char *name;
	size_t size;
	void (*fill)(void *);
	void (*eq)(const void *, const void *);
	void (*init)(void *);
	void (*fini)(void *);
	void (*copy)(void *, const void *);
	void (*encode)(const void *, struct buf *);
	enum status (*decode)(void *, const void *, size_t);
	size_t unknown_off;   /* offset of struct unknown, or SIZE_MAX */
};

#define WRAP(type)                                                                      \
	static void type##_init_v(void *x) { type##_init(x); }                          \
	static void type##_fini_v(void *x) { type##_fini(x); }                          \
	static void type##_copy_v(void *d, const void *s) { type##_copy(d, s); }        \
	static void type##_encode_v(const void *x, struct buf *b) { type##_encode(x, b); } \
	static enum status type##_decode_v(void *x, const void *d, size_t n)            \
	{                                                                               \
		return type##_decode(x, d, n);                                          \
	}
WRAP(topic_field)
WRAP(organisation)
WRAP(service)
WRAP(project)
WRAP(workshop)
WRAP(outcome)
WRAP(history_entry)
WRAP(settings)
WRAP(phase_list)
#undef WRAP

#define KIND(type, unk)                                                                 \
	{#type, sizeof(struct type), fill_##type, eq_##type, type##_init_v, type##_fini_v, \
	 type##_copy_v, type##_encode_v, type##_decode_v, unk}
#define UNK(type) offsetof(struct type, unknown)
static const struct kind kinds[] = {
	KIND(topic_field, UNK(topic_field)),
	KIND(organisation, UNK(organisation)),
	KIND(service, UNK(service)),
	KIND(project, UNK(project)),
	KIND(workshop, UNK(workshop)),
	KIND(outcome, UNK(outcome)),
	KIND(history_entry, UNK(history_entry)),
	KIND(settings, UNK(settings)),
	KIND(phase_list, SIZE_MAX),
};

static void *new_filled(const struct kind *k)
{
	void *x = xcalloc(1, k->size);
	k->init(x);
	k->fill(x);
	return x;
}

static void drop(const struct kind *k, void *x)
{
	k->fini(x);
	free(x);
}

static const struct unknown *unknown_of(const struct kind *k, const void *x)
{
	if (k->unknown_off == SIZE_MAX)
		return NULL;
	return (const struct unknown *)((const char *)x + k->unknown_off);
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

/* ---- codec tests over every record type --------------------------------------- */

static void test_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct kind *k = &kinds[i];
		void *x = new_filled(k), *y = xcalloc(1, k->size), *z = xcalloc(1, k->size);
		struct buf b1, b2;
		buf_init(&b1);
		buf_init(&b2);
		k->encode(x, &b1);
		assert_int_equal(((uint8_t *)b1.data)[0], CODEC_VERSION);
		if (k->decode(y, b1.data, b1.len) != STATUS_OK)
			fail_msg("%s: %s", k->name, status_detail());
		k->eq(x, y);
		k->encode(y, &b2);
		assert_int_equal(b1.len, b2.len);
		assert_memory_equal(b1.data, b2.data, b1.len);

		/* The copy is deep: it outlives the original. */
		k->copy(z, x);
		drop(k, x);
		k->eq(y, z);

		drop(k, y);
		drop(k, z);
		buf_fini(&b1);
		buf_fini(&b2);
	}
}

static void test_empty_record(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct kind *k = &kinds[i];
		void *x = xcalloc(1, k->size), *y = xcalloc(1, k->size);
		struct buf b;
		buf_init(&b);
		k->init(x);
		k->encode(x, &b);
		assert_int_equal(b.len, 1);   /* zero values are left out */
		assert_int_equal(k->decode(y, b.data, b.len), STATUS_OK);
		k->eq(x, y);
		assert_true(all_zero(y, k->size));
		assert_int_equal(k->decode(y, "", 0), STATUS_CORRUPT);
		drop(k, x);
		drop(k, y);
		buf_fini(&b);
	}
}

/* A newer writer's fields (tags 999, 1000) survive decode and re-encode by us. */
static void test_unknown_tags_survive(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct kind *k = &kinds[i];
		void *x = new_filled(k), *y = xcalloc(1, k->size), *z = xcalloc(1, k->size);
		struct buf b, known, again;
		buf_init(&b);
		buf_init(&known);
		buf_init(&again);
		k->encode(x, &known);
		buf_append(&b, known.data, known.len);
		codec_put_uint(&b, 999, 424242);
		codec_put_str(&b, 1000, "future field");
		assert_int_equal(k->decode(y, b.data, b.len), STATUS_OK);
		k->eq(x, y);
		k->copy(z, y);
		k->encode(z, &again);

		const struct unknown *u = unknown_of(k, y);
		if (!u) {
			/* The phase list keeps no unknown fields (documented). */
			assert_int_equal(again.len, known.len);
			assert_memory_equal(again.data, known.data, known.len);
		} else {
			assert_int_equal(u->len, b.len - known.len);
			assert_int_equal(again.len, b.len);
			assert_memory_equal(again.data, b.data, b.len);
			/* And the 999 field reads back with its value. */
			struct codec_reader r;
			struct codec_field f;
			bool seen = false;
			assert_true(codec_open(&r, again.data, again.len));
			while (codec_next(&r, &f))
				if (f.tag == 999 && f.wire == CODEC_VARINT && f.u == 424242)
					seen = true;
			assert_true(seen);
		}
		drop(k, x);
		drop(k, y);
		drop(k, z);
		buf_fini(&b);
		buf_fini(&known);
		buf_fini(&again);
	}
}

static void test_newer_version(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct kind *k = &kinds[i];
		void *x = new_filled(k), *y = xcalloc(1, k->size);
		struct buf b;
		buf_init(&b);
		k->encode(x, &b);
		b.data[0] = CODEC_VERSION + 1;
		codec_put_uint(&b, 77, 1);
		assert_int_equal(k->decode(y, b.data, b.len), STATUS_OK);
		k->eq(x, y);
		const struct unknown *u = unknown_of(k, y);
		if (u)
			assert_true(u->len > 0);
		drop(k, x);
		drop(k, y);
		buf_fini(&b);
	}
}

/* Every truncation: cuts at top-level field boundaries decode, all others are
 * STATUS_CORRUPT and leave the struct zeroed. */
static void test_truncation(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct kind *k = &kinds[i];
		void *x = new_filled(k), *y = xcalloc(1, k->size);
		struct buf b;
		buf_init(&b);
		k->encode(x, &b);
		codec_put_uint(&b, 999, 1);   /* an unknown field too */

		bool *boundary = xcalloc(b.len + 1, sizeof(*boundary));
		struct codec_reader r;
		struct codec_field f;
		assert_true(codec_open(&r, b.data, b.len));
		boundary[1] = true;
		while (codec_next(&r, &f))
			boundary[f.raw + f.raw_len - (const uint8_t *)b.data] = true;

		for (size_t len = 0; len < b.len; len++) {
			uint8_t *cut = xmalloc(len ? len : 1);
			memcpy(cut, b.data, len);
			enum status st = k->decode(y, cut, len);
			bool want_ok = len > 0 && boundary[len];
			if ((st == STATUS_OK) != want_ok)
				fail_msg("%s cut at %zu of %zu: %s", k->name, len, b.len,
					 status_name(st));
			if (st != STATUS_OK) {
				assert_int_equal(st, STATUS_CORRUPT);
				assert_true(strlen(status_detail()) > 0);
				assert_true(all_zero(y, k->size));
			}
			k->fini(y);
			free(cut);
		}
		free(boundary);
		drop(k, x);
		free(y);
		buf_fini(&b);
	}
}

/* Decoded garbage re-encodes canonically: encode(decode(encode(decode(g)))) is
 * encode(decode(g)). */
static void check_garbage(const struct kind *k, const uint8_t *data, size_t len, size_t *ok)
{
	void *y = xcalloc(1, k->size), *z = xcalloc(1, k->size);
	enum status st = k->decode(y, data, len);
	if (st == STATUS_OK) {
		struct buf b1, b2;
		buf_init(&b1);
		buf_init(&b2);
		k->encode(y, &b1);
		assert_int_equal(k->decode(z, b1.data, b1.len), STATUS_OK);
		k->encode(z, &b2);
		assert_int_equal(b1.len, b2.len);
		assert_memory_equal(b1.data, b2.data, b1.len);
		buf_fini(&b1);
		buf_fini(&b2);
		(*ok)++;
	} else {
		assert_int_equal(st, STATUS_CORRUPT);
		assert_true(all_zero(y, k->size));
	}
	drop(k, y);
	drop(k, z);
}

static void test_garbage(void **state)
{
	(void)state;
	srand(20240611);
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct kind *k = &kinds[i];
		size_t ok_random = 0, ok_mutated = 0;
		for (int iter = 0; iter < 3000; iter++) {
			size_t len = (size_t)(rand() % 64);
			uint8_t *data = xmalloc(len ? len : 1);
			for (size_t j = 0; j < len; j++)
				data[j] = (uint8_t)rand();
			if (len && iter % 2)
				data[0] = CODEC_VERSION;
			check_garbage(k, data, len, &ok_random);
			free(data);
		}
		/* Mutations of a valid record reach deeper. */
		void *x = new_filled(k);
		struct buf b;
		buf_init(&b);
		k->encode(x, &b);
		for (int iter = 0; iter < 3000; iter++) {
			uint8_t *data = xmalloc(b.len);
			memcpy(data, b.data, b.len);
			int flips = 1 + rand() % 3;
			for (int j = 0; j < flips; j++)
				data[1 + (size_t)rand() % (b.len - 1)] ^= (uint8_t)(1u << (rand() % 8));
			check_garbage(k, data, b.len, &ok_mutated);
			free(data);
		}
		assert_true(ok_mutated < 3000);
		drop(k, x);
		buf_fini(&b);
	}
}

/* Hand-made records that must be refused. */
static void test_corrupt_fields(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		size_t n;
		const char *bytes;
		enum status want;
	} t[] = {
		{"ok", 4, "\x01\x1a\x01" "a", STATUS_OK},
		{"title with NUL", 6, "\x01\x1a\x03" "a\0b", STATUS_CORRUPT},
		{"title as varint", 3, "\x01\x18\x05", STATUS_CORRUPT},
		{"id of 15 bytes", 18, "\x01\x0a\x0f" "123456789012345", STATUS_CORRUPT},
		{"id of 16 bytes", 19, "\x01\x0a\x10" "1234567890123456", STATUS_OK},
		{"field 65536", 5, "\x01\x20\x80\x80\x04", STATUS_CORRUPT},
		{"field 65535", 5, "\x01\x20\xff\xff\x03", STATUS_OK},
		{"phase 256", 4, "\x01\x30\x80\x02", STATUS_CORRUPT},
		{"demo 2", 4, "\x01\x80\x01\x02", STATUS_CORRUPT},
		{"demo 1", 4, "\x01\x80\x01\x01", STATUS_OK},
		{"member role 4", 5, "\x01\x42\x02\x10\x04", STATUS_CORRUPT},
		{"member role 3", 5, "\x01\x42\x02\x10\x03", STATUS_OK},
		{"member garbage", 5, "\x01\x42\x02\x0f\x00", STATUS_CORRUPT},
		/* as project_encode writes a member (read at once) */
		{"member uuid role 3", 23, "\x01\x42\x14\x0a\x10" "1234567890123456" "\x10\x03", STATUS_OK},
		{"member uuid role 4", 23, "\x01\x42\x14\x0a\x10" "1234567890123456" "\x10\x04", STATUS_CORRUPT},
		{"member uuid role 0x83", 23, "\x01\x42\x14\x0a\x10" "1234567890123456" "\x10\x83", STATUS_CORRUPT},
		{"member uuid of 15, role", 22, "\x01\x42\x13\x0a\x0f" "123456789012345" "\x10\x03", STATUS_CORRUPT},
		{"member as varint", 3, "\x01\x40\x01", STATUS_CORRUPT},
		{"date planned > int32", 9, "\x01\x3a\x06\x10\x80\x80\x80\x80\x10", STATUS_CORRUPT},
		/* dates as project_encode writes them (read at once) and otherwise */
		{"date 3 -2 20000", 11, "\x01\x3a\x08\x08\x03\x10\x03\x18\xc0\xb8\x02", STATUS_OK},
		{"date reached before planned", 11, "\x01\x3a\x08\x18\xc0\xb8\x02\x10\x03\x08\x03", STATUS_OK},
		{"date phase twice", 7, "\x01\x3a\x04\x08\x05\x08\x03", STATUS_OK},
		{"date phase 256", 6, "\x01\x3a\x03\x08\x80\x02", STATUS_CORRUPT},
		{"date varint cut", 5, "\x01\x3a\x02\x10\x80", STATUS_CORRUPT},
		{"date planned int32 min", 9, "\x01\x3a\x06\x10\xff\xff\xff\xff\x0f", STATUS_OK},
		{"date 6-byte varint", 10, "\x01\x3a\x07\x10\x82\x80\x80\x80\x80\x01", STATUS_CORRUPT},
		{"date varint not minimal", 9, "\x01\x3a\x06\x10\x82\x80\x80\x80\x00", STATUS_CORRUPT},
		{"date unknown tag", 7, "\x01\x3a\x04\x08\x03\x20\x01", STATUS_OK},
		{"unknown nested tag", 5, "\x01\x42\x02\xc8\x01", STATUS_CORRUPT}, /* truncated */
		{"unknown nested tag ok", 6, "\x01\x42\x03\xc8\x01\x05", STATUS_OK},
		{"title twice", 7, "\x01\x1a\x01" "a\x1a\x01" "b", STATUS_OK},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct project p;
		status_clear();
		enum status st = project_decode(&p, t[i].bytes, t[i].n);
		if (st != t[i].want)
			fail_msg("%s: %s (%s)", t[i].what, status_name(st), status_detail());
		if (st != STATUS_OK)
			assert_true(strlen(status_detail()) > 0);
		if (strcmp(t[i].what, "title twice") == 0)
			assert_string_equal(p.title, "b");
		if (strcmp(t[i].what, "member role 3") == 0 || strcmp(t[i].what, "member uuid role 3") == 0) {
			assert_int_equal(p.n_team, 1);
			assert_int_equal(p.team[0].role, ROLE_ADVISOR);
		}
		if (strncmp(t[i].what, "date ", 5) == 0 && st == STATUS_OK) {
			assert_int_equal(p.n_dates, 1);
			const struct phase_date *d = &p.dates[0];
			if (strcmp(t[i].what, "date 3 -2 20000") == 0 || strcmp(t[i].what, "date reached before planned") == 0) {
				assert_int_equal(d->phase, 3);
				assert_int_equal(d->planned, -2);
				assert_int_equal(d->reached, 20000);
			} else if (strcmp(t[i].what, "date phase twice") == 0) {
				assert_int_equal(d->phase, 3);
			} else if (strcmp(t[i].what, "date planned int32 min") == 0) {
				assert_int_equal(d->planned, INT32_MIN);
			} else {
				assert_int_equal(d->phase, 3);
				assert_int_equal(d->planned, 0);
			}
		}
		if (strcmp(t[i].what, "member uuid role 3") == 0)
			assert_memory_equal(p.team[0].org.b, "1234567890123456", 16);
		project_fini(&p);
	}

	struct organisation o;
	assert_int_equal(organisation_decode(&o, "\x01\x10\x04", 3), STATUS_OK);
	assert_int_equal(o.kind, ORG_OTHER);
	organisation_fini(&o);
	assert_int_equal(organisation_decode(&o, "\x01\x10\x05", 3), STATUS_CORRUPT);
	assert_int_equal(organisation_decode(&o, "\x01\x28\x05", 3), STATUS_OK);
	assert_int_equal(o.category, CAT_COUNTY);
	organisation_fini(&o);
	assert_int_equal(organisation_decode(&o, "\x01\x28\x06", 3), STATUS_CORRUPT);
	struct outcome oc;
	assert_int_equal(outcome_decode(&oc, "\x01\x18\x06", 3), STATUS_CORRUPT);
	assert_int_equal(outcome_decode(&oc, "\x01\x38\x03", 3), STATUS_CORRUPT);
	struct settings s;
	assert_int_equal(settings_decode(&s, "\x01\x08\x02", 3), STATUS_CORRUPT);
	struct phase_list l;
	assert_int_equal(phase_list_decode(&l, "\x01\x0a\x02\x20\x02", 5), STATUS_CORRUPT);
	assert_int_equal(phase_list_decode(&l, "\x01\x08\x02", 3), STATUS_CORRUPT);
}

/* Decoding organisations and services into an arena: the strings are the
 * arena's and the same as malloc'd ones; a repeated field leaves its first
 * copy there; a record that fails leaves the struct as x_init does, with
 * nothing freed that the arena owns (valgrind and ASan would say). */
struct test_arena {
	char room[512];
	size_t used;
	int calls;
};

static char *test_arena_alloc(void *ctx, size_t n)
{
	struct test_arena *a = ctx;
	assert_true(a->used + n <= sizeof a->room);
	char *p = a->room + a->used;
	a->used += n;
	a->calls++;
	return p;
}

static void test_decode_arena(void **state)
{
	(void)state;
	struct test_arena ta = {.used = 0};
	struct str_arena a = {test_arena_alloc, &ta};
	struct organisation o, m;
	organisation_init(&o);
	o.id = (struct uuid){{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}};
	o.name = xstrdup("Köln, Stadt");
	o.ags = xstrdup("05315000");
	o.region = xstrdup("");
	o.category = CAT_CITY;
	struct buf b;
	buf_init(&b);
	organisation_encode(&o, &b);
	struct organisation x;
	assert_int_equal(organisation_decode_in(&x, b.data, b.len, &a), STATUS_OK);
	assert_int_equal(organisation_decode(&m, b.data, b.len), STATUS_OK);
	assert_int_equal(ta.calls, 3);
	assert_true(x.name >= ta.room && x.name < ta.room + sizeof ta.room);
	assert_string_equal(x.name, m.name);
	assert_string_equal(x.ags, m.ags);
	assert_string_equal(x.region, "");
	assert_null(x.legal_type);
	assert_int_equal(x.category, CAT_CITY);
	assert_memory_equal(x.id.b, o.id.b, 16);
	organisation_fini(&m);
	/* the strings are the arena's: cleared, the rest finished as usual */
	x.name = x.ags = x.region = NULL;
	organisation_fini(&x);

	/* a name, then a field that does not fit: nothing of the arena freed */
	buf_append(&b, "\x10\x05", 2);   /* kind 5 does not exist */
	size_t used = ta.used;
	assert_int_equal(organisation_decode_in(&x, b.data, b.len, &a), STATUS_CORRUPT);
	assert_true(ta.used > used);
	assert_null(x.name);
	assert_null(x.ags);
	organisation_fini(&x);
	organisation_fini(&o);

	struct service sv, sx;
	service_init(&sv);
	sv.ozg_id = 10000;
	sv.name = xstrdup("Elterngeld");
	sv.life_situation = xstrdup("Familie & Kind");
	buf_reset(&b);
	service_encode(&sv, &b);
	/* the name twice: the second wins, the first stays in the arena */
	buf_append(&b, "\x12\x03Neu", 5);
	assert_int_equal(service_decode_in(&sx, b.data, b.len, &a), STATUS_OK);
	assert_string_equal(sx.name, "Neu");
	assert_string_equal(sx.life_situation, "Familie & Kind");
	assert_int_equal(sx.ozg_id, 10000);
	sx.name = sx.life_situation = NULL;
	service_fini(&sx);
	buf_append(&b, "\x12\x02\x00x", 4);   /* a NUL inside a string */
	assert_int_equal(service_decode_in(&sx, b.data, b.len, &a), STATUS_CORRUPT);
	assert_null(sx.name);
	service_fini(&sx);
	service_fini(&sv);
	buf_fini(&b);
}

/* p without what PROJECT_SKIP_ROW leaves out. */
static void strip_row(struct project *p)
{
	free(p->interested);
	p->interested = NULL;
	p->n_interested = 0;
	free(p->ministries);
	p->ministries = NULL;
	p->n_ministries = 0;
	strv_fini(&p->departments);
	strv_fini(&p->components);
	strv_fini(&p->solutions);
	free(p->notes);
	p->notes = NULL;
	p->created = 0;
	free(p->created_by);
	p->created_by = NULL;
	free(p->updated_by);
	p->updated_by = NULL;
}

/* project_decode_scratch: for valid, mutated and cut records, one scratch
 * reused throughout, the same verdict as project_decode and, when valid, the
 * same project (its encoding, unknown fields included); a project_copy of a
 * scratch project is owned and outlives the next decode. */
static void test_project_scratch(void **state)
{
	(void)state;
	srand(777);
	struct project x;
	project_init(&x);
	fill_project(&x);
	struct buf b, e1, e2;
	buf_init(&b);
	buf_init(&e1);
	buf_init(&e2);
	project_encode(&x, &b);
	codec_put_str(&b, 99, "from a newer version");
	struct project_scratch s, row;
	project_scratch_init(&s);
	project_scratch_init(&row);
	row.skip = PROJECT_SKIP_ROW;
	struct project kept;
	project_init(&kept);
	size_t ok = 0;
	for (int iter = 0; iter < 4000; iter++) {
		size_t len = iter % 3 == 0 ? b.len : 1 + (size_t)rand() % b.len;
		uint8_t *data = xmalloc(len);
		memcpy(data, b.data, len);
		if (iter % 5 && len > 1)
			data[1 + (size_t)rand() % (len - 1)] ^= (uint8_t)(1u << (rand() % 8));
		struct project owned, view;
		enum status a = project_decode(&owned, data, len);
		enum status v = project_decode_scratch(&view, &s, data, len);
		assert_int_equal(a, v);
		if (a == STATUS_OK) {
			buf_reset(&e1);
			buf_reset(&e2);
			project_encode(&owned, &e1);
			project_encode(&view, &e2);
			assert_int_equal(e1.len, e2.len);
			assert_memory_equal(e1.data, e2.data, e1.len);
			/* without the fields a row does not show: the rest the same */
			struct project part;
			assert_int_equal(project_decode_scratch(&part, &row, data, len), STATUS_OK);
			assert_int_equal(part.n_interested + part.n_ministries + part.departments.n, 0);
			assert_null(part.notes);
			strip_row(&owned);
			buf_reset(&e1);
			buf_reset(&e2);
			project_encode(&owned, &e1);
			project_encode(&part, &e2);
			assert_int_equal(e1.len, e2.len);
			assert_memory_equal(e1.data, e2.data, e1.len);
			if (iter == 0) {
				project_copy(&kept, &view);
				assert_true(view.unknown.len > 0);   /* tag 99 */
			}
			ok++;
		} else {
			assert_true(all_zero(&view, sizeof view));
		}
		project_fini(&owned);
		free(data);
	}
	assert_true(ok > 100);
	buf_reset(&e1);
	project_encode(&kept, &e1);
	assert_int_equal(e1.len, b.len);
	assert_memory_equal(e1.data, b.data, b.len);
	eq_project(&kept, &x);
	project_fini(&kept);
	project_scratch_fini(&s);
	project_scratch_fini(&row);
	project_fini(&x);
	buf_fini(&b);
	buf_fini(&e1);
	buf_fini(&e2);
}

/* ---- UUIDs --------------------------------------------------------------------- */

static void test_uuid(void **state)
{
	(void)state;
	struct uuid a, b, nil = {{0}};
	char s[37];
	assert_true(uuid_is_nil(&nil));
	uuid_new(&a);
	uuid_new(&b);
	assert_false(uuid_is_nil(&a));
	assert_int_not_equal(uuid_cmp(&a, &b), 0);
	assert_int_equal(a.b[6] >> 4, 4);          /* version 4 */
	assert_int_equal(a.b[8] & 0xc0, 0x80);     /* RFC 4122 variant */
	uuid_format(&a, s);
	assert_int_equal(strlen(s), 36);
	assert_true(uuid_from_text(s, &b));
	assert_int_equal(uuid_cmp(&a, &b), 0);

	/* Name-based: stable, version 5, different names differ. */
	uuid_from_name(&a, "ags:05111000");
	uuid_from_name(&b, "ags:05111000");
	assert_int_equal(uuid_cmp(&a, &b), 0);
	assert_int_equal(a.b[6] >> 4, 5);
	assert_int_equal(a.b[8] & 0xc0, 0x80);
	uuid_from_name(&b, "ags:05111001");
	assert_int_not_equal(uuid_cmp(&a, &b), 0);

	assert_true(uuid_from_text("00112233-4455-6677-8899-AABBCCDDEEFF", &a));
	for (int i = 0; i < 16; i++)
		assert_int_equal(a.b[i], i * 0x11);
	uuid_format(&a, s);
	assert_string_equal(s, "00112233-4455-6677-8899-aabbccddeeff");
	uuid_from_name(&b, "x");
	assert_true(uuid_cmp(&nil, &a) < 0);
	assert_true(uuid_cmp(&a, &nil) > 0);

	static const char *const bad[] = {
		"", "00112233-4455-6677-8899-aabbccddeef", "00112233-4455-6677-8899-aabbccddeeff0",
		"0011223344556677-8899-aabbccddeeff", "00112233-4455-6677-8899_aabbccddeeff",
		"g0112233-4455-6677-8899-aabbccddeeff", "00112233-4455-6677-8899-aabbccddeef ",
		"{0112233-4455-6677-8899-aabbccddeef}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		b = nil;
		if (uuid_from_text(bad[i], &b))
			fail_msg("uuid_from_text accepted '%s'", bad[i]);
		assert_true(uuid_is_nil(&b));
	}
}

/* ---- enums ----------------------------------------------------------------------- */

static void test_category(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool ok;
		enum category c;
	} t[] = {
		{"1", true, CAT_MUNICIPALITY},  {"4", true, CAT_CITY},      {"5", true, CAT_COUNTY},
		{"0", false, CAT_NONE},         {"6", false, CAT_NONE},     {"12", false, CAT_NONE},
		{"municipality", true, CAT_MUNICIPALITY}, {"medium-town", true, CAT_MEDIUM_TOWN},
		{"LARGE-TOWN", true, CAT_LARGE_TOWN}, {"ci", true, CAT_CITY},
		{"Kreis", true, CAT_COUNTY},    /* exact label beats prefixes of others */
		{"county", true, CAT_COUNTY},   {"kreisfreie", true, CAT_CITY},
		{"Große", true, CAT_LARGE_TOWN}, {"grosse", true, CAT_LARGE_TOWN},
		{"mittlere", true, CAT_MEDIUM_TOWN}, {"kreisangehorige", true, CAT_MUNICIPALITY},
		{"m", false, CAT_NONE},         /* municipality, medium-town, Mittlere */
		{"kreisa", true, CAT_MUNICIPALITY}, {"", false, CAT_NONE}, {"dorf", false, CAT_NONE},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		enum category c = CAT_NONE;
		bool ok = category_parse(t[i].s, &c);
		if (ok != t[i].ok || (ok && c != t[i].c))
			fail_msg("category_parse('%s') = %d, %d", t[i].s, ok, c);
	}
	assert_string_equal(category_code(CAT_MEDIUM_TOWN), "medium-town");
	/* the label for people is translated (no catalog here: the English
	 * msgid), the one for German documents is fixed */
	assert_string_equal(category_label(CAT_CITY), "County-free city");
	assert_string_equal(category_label_de(CAT_CITY), "Kreisfreie Stadt");
	assert_string_equal(category_code(CAT_NONE), "");
	assert_string_equal(category_label((enum category)9), "");
	assert_string_equal(category_label_de((enum category)9), "");
	/* Every code and label parses back to itself. */
	for (int c = 1; c <= CAT__MAX; c++) {
		enum category out;
		assert_true(category_parse(category_code((enum category)c), &out));
		assert_int_equal(out, c);
		assert_true(category_parse(category_label((enum category)c), &out));
		assert_int_equal(out, c);
		assert_true(category_parse(category_label_de((enum category)c), &out));
		assert_int_equal(out, c);
	}
	/* an English label parses whole, its prefix does not shadow a code's */
	enum category cc;
	assert_true(category_parse("coun", &cc));
	assert_int_equal(cc, CAT_COUNTY);
}

static void test_category_mask(void **state)
{
	(void)state;
	for (uint32_t m = 0; m < 32; m++) {
		uint32_t mask = m << 1, back = 0xdead;
		char *bad = (char *)1;
		struct buf b;
		buf_init(&b);
		category_mask_format(&b, mask);
		assert_true(category_mask_parse(b.data, &back, &bad));
		assert_null(bad);
		assert_int_equal(back, mask);
		buf_fini(&b);
	}
	struct buf b;
	buf_init(&b);
	category_mask_format(&b, CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_CITY));
	assert_string_equal(b.data, "municipality,city");
	buf_fini(&b);

	uint32_t mask;
	char *bad = NULL;
	assert_true(category_mask_parse("1,4", &mask, &bad));
	assert_int_equal(mask, CAT_BIT(1) | CAT_BIT(4));
	assert_true(category_mask_parse(" municipality , Kreis ", &mask, &bad));
	assert_int_equal(mask, CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_COUNTY));
	assert_true(category_mask_parse("", &mask, &bad));
	assert_int_equal(mask, 0);
	mask = 77;
	assert_false(category_mask_parse("city,village,county", &mask, &bad));
	assert_string_equal(bad, "village");
	assert_int_equal(mask, 77);
	free(bad);
	assert_false(category_mask_parse("m", &mask, NULL));   /* ambiguous */

	struct service s = {0};
	assert_int_equal(service_delivery(&s), CAT_DEFAULT_DELIVERY);
	assert_int_equal(CAT_DEFAULT_DELIVERY, CAT_BIT(1) | CAT_BIT(2) | CAT_BIT(3) | CAT_BIT(4));
	s.categories = CAT_BIT(CAT_COUNTY);
	assert_int_equal(service_delivery(&s), CAT_BIT(CAT_COUNTY));
}

static void test_other_enums(void **state)
{
	(void)state;
	enum org_kind k;
	assert_true(org_kind_parse("provider", &k));
	assert_int_equal(k, ORG_PROVIDER);
	assert_true(org_kind_parse("IT", &k));
	assert_int_equal(k, ORG_PROVIDER);
	assert_true(org_kind_parse("gemeinde", &k));
	assert_int_equal(k, ORG_MUNICIPALITY);
	assert_true(org_kind_parse("mu", &k));
	assert_int_equal(k, ORG_MUNICIPALITY);
	assert_false(org_kind_parse("m", &k));   /* municipality, ministry, Ministerium */
	assert_false(org_kind_parse("x", &k));
	assert_string_equal(org_kind_code(ORG_MINISTRY), "ministry");
	assert_string_equal(org_kind_label(ORG_OTHER), "Other");
	assert_string_equal(org_kind_label_de(ORG_OTHER), "Sonstige");
	assert_true(org_kind_parse("IT service provider", &k));
	assert_int_equal(k, ORG_PROVIDER);
	assert_string_equal(org_kind_code((enum org_kind)99), "");

	enum role r;
	assert_true(role_parse("lead", &r));
	assert_int_equal(r, ROLE_LEAD);
	assert_true(role_parse("Federführung", &r));
	assert_int_equal(r, ROLE_LEAD);
	assert_true(role_parse("federfuhrung", &r));
	assert_int_equal(r, ROLE_LEAD);
	assert_true(role_parse("be", &r));
	assert_int_equal(r, ROLE_ADVISOR);
	assert_true(role_parse("MITGLIED", &r));
	assert_int_equal(r, ROLE_MEMBER);
	assert_false(role_parse("", &r));
	assert_false(role_parse("boss", &r));
	assert_string_equal(role_code(ROLE_NONE), "");
	assert_string_equal(role_code(ROLE_ADVISOR), "advisor");
	assert_string_equal(role_label(ROLE_MEMBER), "Member");
	assert_string_equal(role_label_de(ROLE_MEMBER), "Mitglied");
	assert_true(role_parse("Advisor", &r));
	assert_int_equal(r, ROLE_ADVISOR);

	enum outcome_kind ok;
	assert_true(outcome_kind_parse("Priorität", &ok));
	assert_int_equal(ok, OUTCOME_PRIORITY);
	assert_true(outcome_kind_parse("prio", &ok));
	assert_int_equal(ok, OUTCOME_PRIORITY);
	assert_true(outcome_kind_parse("bündel", &ok));
	assert_int_equal(ok, OUTCOME_BUNDLE);
	assert_true(outcome_kind_parse("Entscheidung", &ok));
	assert_int_equal(ok, OUTCOME_DECISION);
	assert_true(outcome_kind_parse("action", &ok));
	assert_int_equal(ok, OUTCOME_ACTION);
	assert_true(outcome_kind_parse("b", &ok));   /* bundle and Bündelung are one kind */
	assert_int_equal(ok, OUTCOME_BUNDLE);
	assert_true(outcome_kind_parse("auf", &ok));
	assert_int_equal(ok, OUTCOME_ACTION);
	assert_false(outcome_kind_parse("z", &ok));
	assert_string_equal(outcome_kind_label(OUTCOME_QUESTION), "Open question");
	assert_string_equal(outcome_kind_label_de(OUTCOME_QUESTION), "Offene Frage");
	assert_true(outcome_kind_parse("open question", &ok));
	assert_int_equal(ok, OUTCOME_QUESTION);
	assert_string_equal(outcome_kind_code(OUTCOME_VOLUNTEER), "volunteer");

	enum outcome_status st;
	assert_true(outcome_status_parse("o", &st));   /* open and offen are one status */
	assert_int_equal(st, OUTCOME_STATUS_OPEN);
	assert_true(outcome_status_parse("erledigt", &st));
	assert_int_equal(st, OUTCOME_STATUS_DONE);
	assert_true(outcome_status_parse("d", &st) == false);   /* done, dropped */
	assert_true(outcome_status_parse("verw", &st));
	assert_int_equal(st, OUTCOME_STATUS_DROPPED);
	assert_string_equal(outcome_status_code(OUTCOME_STATUS_DONE), "done");
}

/* ---- project helpers ------------------------------------------------------------- */

static void test_project_helpers(void **state)
{
	(void)state;
	struct project p;
	struct uuid a = named("a"), b = named("b"), c = named("c");
	project_init(&p);
	assert_null(project_lead(&p));
	assert_true(project_set_member(&p, &a, ROLE_MEMBER));
	assert_true(project_set_member(&p, &b, ROLE_LEAD));
	assert_false(project_set_member(&p, &b, ROLE_LEAD));
	assert_int_equal(p.n_team, 2);
	assert_int_equal(uuid_cmp(&project_lead(&p)->org, &b), 0);
	assert_true(project_set_member(&p, &a, ROLE_LEAD));
	assert_int_equal(p.n_team, 2);
	assert_int_equal(uuid_cmp(&project_lead(&p)->org, &a), 0);   /* first lead */
	assert_int_equal(project_member(&p, &b)->role, ROLE_LEAD);
	assert_null(project_member(&p, &c));
	assert_false(project_remove_member(&p, &c));
	assert_true(project_remove_member(&p, &a));
	assert_int_equal(p.n_team, 1);
	assert_int_equal(uuid_cmp(&project_lead(&p)->org, &b), 0);

	project_add_service(&p, 10290);
	project_add_service(&p, 10290);
	project_add_service(&p, 1);
	assert_int_equal(p.n_services, 2);
	assert_true(project_has_service(&p, 1));
	assert_false(project_has_service(&p, 2));

	project_add_interest(&p, &c);
	project_add_interest(&p, &c);
	assert_int_equal(p.n_interested, 1);
	assert_true(project_is_interested(&p, &c));
	assert_false(project_is_interested(&p, &a));

	assert_null(project_date(&p, 3, false));
	assert_null(project_date_const(&p, 3));
	struct phase_date *d = project_date(&p, 3, true);
	assert_non_null(d);
	assert_int_equal(d->phase, 3);
	assert_int_equal(d->planned, 0);
	d->planned = 20100;
	project_date(&p, 5, true)->reached = 20200;
	assert_int_equal(project_date_const(&p, 3)->planned, 20100);
	assert_int_equal(project_date(&p, 5, true)->reached, 20200);
	assert_int_equal(p.n_dates, 2);
	project_fini(&p);
	project_fini(&p);
	project_fini(NULL);
}

/* ---- phase lists ------------------------------------------------------------------- */

static void test_phase_default(void **state)
{
	(void)state;
	static const char *const names[] = {"Sichtung", "Workshop", "Entscheidung", "Konzeption",
					    "Umsetzung", "Pilotierung", "Rollout", "Betrieb",
					    "Pausiert", "Abgebrochen"};
	struct phase_list l;
	phase_list_default(&l);
	assert_int_equal(l.n, ARRAY_LEN(names));
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].id, i + 1);
		assert_string_equal(l.v[i].name, names[i]);
		assert_int_equal(phase_list_index(&l, (uint8_t)(i + 1)), (int)i);
		assert_ptr_equal(phase_list_get(&l, (uint8_t)(i + 1)), &l.v[i]);
	}
	assert_string_equal(l.v[4].slug, "umsetzung");
	assert_true(l.v[7].closed && !l.v[7].outside_line);                 /* Betrieb */
	assert_true(l.v[8].outside_line && !l.v[8].closed);                 /* Pausiert */
	assert_true(l.v[9].outside_line && l.v[9].closed);                  /* Abgebrochen */
	for (size_t i = 0; i < 7; i++)
		assert_false(l.v[i].closed || l.v[i].outside_line);
	assert_int_equal(phase_list_index(&l, 11), -1);
	assert_null(phase_list_get(&l, 0));
	assert_int_equal(phase_list_first(&l), 1);
	{
		/* a list starting with a phase outside the line starts on the line */
		struct phase_list m;
		phase_list_init(&m);
		phase_list_copy(&m, &l);
		struct phase first = m.v[0];
		m.v[0] = m.v[8];
		m.v[8] = first;
		assert_int_equal(phase_list_first(&m), 2);   /* Workshop, now the first on the line */
		phase_list_fini(&m);
		struct phase_list empty;
		phase_list_init(&empty);
		assert_int_equal(phase_list_first(&empty), 0);
	}

	/* next/prev along the line. */
	static const struct {
		uint8_t id, next, prev;
	} t[] = {
		{1, 2, 0}, {2, 3, 1}, {7, 8, 6}, {8, 0, 7}, {9, 0, 0}, {10, 0, 0}, {0, 0, 0}, {42, 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		assert_int_equal(phase_list_next(&l, t[i].id), t[i].next);
		assert_int_equal(phase_list_prev(&l, t[i].id), t[i].prev);
	}
	phase_list_fini(&l);
	phase_list_fini(&l);
	phase_list_fini(NULL);
}

static void test_phase_kdn(void **state)
{
	(void)state;
	struct phase_list l;
	phase_list_kdn(&l);
	assert_int_equal(l.n, 7);
	assert_string_equal(l.v[0].name, "Vorbereitung NRW");
	assert_string_equal(l.v[4].name, "Start Roll-out NRW");
	assert_false(l.v[4].closed);   /* the line has no closed end in the KDN statuses */
	assert_string_equal(l.v[5].slug, "zurueckgestellt");
	assert_true(l.v[5].outside_line && !l.v[5].closed);
	assert_true(l.v[6].outside_line && l.v[6].closed);
	assert_int_equal(phase_list_next(&l, 4), 5);
	assert_int_equal(phase_list_next(&l, 5), 0);
	assert_int_equal(phase_list_prev(&l, 1), 0);
	assert_int_equal(phase_list_next(&l, 6), 0);

	static const struct {
		const char *s;
		enum status st;
		uint8_t id;
	} t[] = {
		{"zuruck", STATUS_OK, 6},        {"Zurückgestellt", STATUS_OK, 6},
		{"zurueck", STATUS_OK, 6},       {"roll", STATUS_OK, 5},
		{"start", STATUS_OK, 5},         {"konzeption", STATUS_OK, 2},
		{"KONZEPTION NRW", STATUS_OK, 2}, {"nrw", STATUS_NOT_FOUND, 0},
		{"a", STATUS_OK, 7},             {"betrieb", STATUS_NOT_FOUND, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		uint8_t id = 0;
		enum status st = phase_list_find(&l, t[i].s, &id);
		if (st != t[i].st || (st == STATUS_OK && id != t[i].id))
			fail_msg("find('%s') = %s %u", t[i].s, status_name(st), id);
	}
	phase_list_fini(&l);
}

static void test_phase_find(void **state)
{
	(void)state;
	struct phase_list l;
	uint8_t id = 0;
	phase_list_default(&l);
	static const struct {
		const char *s;
		enum status st;
		uint8_t id;
	} t[] = {
		{"Umsetzung", STATUS_OK, 5},  {"umsetzung", STATUS_OK, 5}, {"UMSETZUNG", STATUS_OK, 5},
		{"ums", STATUS_OK, 5},        {"entsch", STATUS_OK, 3},    {"pi", STATUS_OK, 6},
		{"pa", STATUS_OK, 9},         {"ab", STATUS_OK, 10},       {"s", STATUS_OK, 1},
		{"p", STATUS_DATA, 0},        {"xyz", STATUS_NOT_FOUND, 0}, {"", STATUS_NOT_FOUND, 0},
		{"Umsetzungs", STATUS_NOT_FOUND, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		id = 0;
		enum status st = phase_list_find(&l, t[i].s, &id);
		if (st != t[i].st || (st == STATUS_OK && id != t[i].id))
			fail_msg("find('%s') = %s %u", t[i].s, status_name(st), id);
	}
	assert_int_equal(phase_list_find(&l, "p", &id), STATUS_DATA);
	assert_non_null(strstr(status_detail(), "Pilotierung"));
	assert_non_null(strstr(status_detail(), "Pausiert"));
	assert_null(strstr(status_detail(), "Sichtung"));
	assert_int_equal(phase_list_find(&l, "xyz", &id), STATUS_NOT_FOUND);
	assert_non_null(strstr(status_detail(), "unknown phase 'xyz'"));
	assert_non_null(strstr(status_detail(), "Sichtung"));
	assert_non_null(strstr(status_detail(), "Abgebrochen"));
	phase_list_fini(&l);

	/* An exact match wins over a longer name it is a prefix of. */
	struct phase_list m;
	phase_list_init(&m);
	m.v = xcalloc(2, sizeof(*m.v));
	m.n = 2;
	m.v[0] = (struct phase){4, xstrdup("Testlauf"), xstrdup("testlauf"), false, false};
	m.v[1] = (struct phase){9, xstrdup("Test"), xstrdup("test"), false, false};
	assert_int_equal(phase_list_find(&m, "test", &id), STATUS_OK);
	assert_int_equal(id, 9);
	assert_int_equal(phase_list_find(&m, "testl", &id), STATUS_OK);
	assert_int_equal(id, 4);
	assert_int_equal(phase_list_find(&m, "te", &id), STATUS_DATA);
	assert_int_equal(phase_list_next(&m, 4), 9);
	assert_int_equal(phase_list_prev(&m, 9), 4);
	phase_list_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_empty_record),
		cmocka_unit_test(test_unknown_tags_survive),
		cmocka_unit_test(test_newer_version),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_corrupt_fields),
		cmocka_unit_test(test_decode_arena),
		cmocka_unit_test(test_project_scratch),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_category),
		cmocka_unit_test(test_category_mask),
		cmocka_unit_test(test_other_enums),
		cmocka_unit_test(test_project_helpers),
		cmocka_unit_test(test_phase_default),
		cmocka_unit_test(test_phase_kdn),
		cmocka_unit_test(test_phase_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
