/* jsonio_values.c - a record being read by the import: its place, label and
 * errors (rec_fail, rec_end), its members, and its typed values with the
 * checks that need nothing but the value. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ozgtui/codec.h"
#include "ozgtui/i18n.h"
#include "ozgtui/model.h"
#include "ozgtui/util.h"

#include "jsonio_internal.h"

#define JR_BLOCK (1u << 20)


/* ---- a record ----------------------------------------------------------------- */

void rec_begin(struct rec *r, struct imp *im, struct jr *j, const char *top, long index)
{
	memset(r, 0, sizeof *r);
	r->im = im;
	r->j = j;
	r->top = top;
	r->index = index;
	jr_ws(j);
	r->line = j->line;
	j->top = top;
	j->index = index;
}

void rec_fail(struct rec *r, int line, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	xgrow((void **)&r->errs, &r->cap_errs, r->n_errs + 1, sizeof *r->errs);
	r->errs[r->n_errs].line = line ? line : r->line;
	r->errs[r->n_errs].msg = msg;
	r->n_errs++;
	r->bad = true;
}

void rec_where(const struct rec *r, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	if (!r->top)
		return;
	if (r->index >= 0)
		k = (size_t)snprintf(out, n, "%s[%ld]", r->top, r->index);
	else
		k = (size_t)snprintf(out, n, "%s", r->top);
	if (!r->label_key || k >= n)
		return;
	if (r->label_is_id) {
		char id[37];
		uuid_format(&r->label_id, id);
		snprintf(out + k, n - k, " (%s %s)", r->label_key, id);
	} else if (r->label_s[0]) {
		snprintf(out + k, n - k, " (%s %s)", r->label_key, r->label_s);
	} else {
		snprintf(out + k, n - k, " (%s %llu)", r->label_key, (unsigned long long)r->label_n);
	}
}

void rec_label(struct rec *r, const char *key, uint64_t n, const struct uuid *id, const char *s)
{
	r->label_key = key;
	r->label_n = n;
	r->label_is_id = id != NULL;
	if (id)
		r->label_id = *id;
	r->label_s[0] = '\0';
	if (s)
		snprintf(r->label_s, sizeof r->label_s, "%s", s);
}

void rec_end(struct rec *r)
{
	char where[160];
	if (r->n_errs) {
		rec_where(r, where, sizeof where);
		for (size_t i = 0; i < r->n_errs; i++) {
			jerrs_add(r->j->errs, r->errs[i].line, where, "%s", r->errs[i].msg);
			free(r->errs[i].msg);
		}
	}
	free(r->errs);
	r->errs = NULL;
	r->n_errs = r->cap_errs = 0;
	r->j->top = NULL;
	r->j->index = -1;
}

const char *rec_path(const struct rec *r, const char *name, long i, char out[static REC_PATH])
{
	char nest[64] = "";
	if (r->nest)
		snprintf(nest, sizeof nest, "%.30s[%ld]%s", r->nest, r->nest_i, name ? "." : "");
	if (!name)
		snprintf(out, REC_PATH, "%s", nest);
	else if (i >= 0)
		snprintf(out, REC_PATH, "%s%.40s[%ld]", nest, name, i);
	else
		snprintf(out, REC_PATH, "%s%.40s", nest, name);
	return out;
}

void rec_drop(struct rec *r, const struct jv *v)
{
	if (v->t == JT_OBJECT || v->t == JT_ARRAY)
		jr_skip(r->j);
}

void rec_expected(struct rec *r, const char *name, long i, const struct jv *v, int what)
{
	char path[REC_PATH];
	const char *t = jr_type_name(v->t);
	rec_path(r, name, i, path);
	switch (what) {
	case EXPECT_STRING: rec_fail(r, v->line, _("%s: expected a string, not %s"), path, t); break;
	case EXPECT_INTEGER: rec_fail(r, v->line, _("%s: expected an integer, not %s"), path, t); break;
	case EXPECT_BOOL: rec_fail(r, v->line, _("%s: expected true or false, not %s"), path, t); break;
	case EXPECT_ARRAY: rec_fail(r, v->line, _("%s: expected an array, not %s"), path, t); break;
	case EXPECT_OBJECT: rec_fail(r, v->line, _("%s: expected an object, not %s"), path, t); break;
	case EXPECT_PHASE: rec_fail(r, v->line, _("%s: expected a phase slug, not %s"), path, t); break;
	default: rec_fail(r, v->line, _("%s: expected a positive integer, not %s"), path, t); break;
	}
	rec_drop(r, v);
}

int rec_member(struct rec *r, const char *const *keys, size_t nkeys, size_t *n, uint64_t *seen)
{
	struct jr *j = r->j;
	char p[REC_PATH];
	for (;;) {
		if (jr_member(j, n) <= 0)
			return -1;
		/* an export writes the keys in the table's order: try that one first */
		const char *key = j->key.data;
		int k = -1;
		size_t i;
		if (*n - 1 < nkeys && !strcmp(keys[*n - 1], key))
			k = (int)(*n - 1);
		for (i = 0; k < 0 && keys[i]; i++)
			if (!strcmp(keys[i], key))
				k = (int)i;
		if (k < 0 && r->nest) {
			rec_fail(r, j->key_line, _("%s: unknown key '%s'"), rec_path(r, NULL, -1, p), key);
		} else if (k < 0) {
			rec_fail(r, j->key_line, _("unknown key '%s'"), key);
		} else if (*seen & (UINT64_C(1) << k)) {
			rec_fail(r, j->key_line, _("%s: duplicate object key"), rec_path(r, key, -1, p));
			k = -1;
		}
		if (k < 0) {
			if (!jr_skip(j))
				return -1;
			continue;
		}
		*seen |= UINT64_C(1) << k;
		if (!r->nest && k < REC_KEYS)
			r->key_line[k] = j->key_line;
		return k;
	}
}

bool rec_object(struct rec *r, const char *name, long i)
{
	struct jv v;
	char p[REC_PATH];
	if (!jr_value(r->j, &v)) {
		r->bad = true;
		return false;
	}
	if (v.t != JT_OBJECT) {
		if (name)
			rec_fail(r, v.line, _("%s: expected an object, not %s"), rec_path(r, name, i, p),
				 jr_type_name(v.t));
		else
			rec_fail(r, v.line, _("expected an object, not %s"), jr_type_name(v.t));
		rec_drop(r, &v);
		return false;
	}
	return jr_enter(r->j);
}

void rec_required(struct rec *r, const char *const *keys, uint64_t seen, const int *req)
{
	char p[REC_PATH];
	if (r->j->failed) {
		r->bad = true;   /* cut short by a syntax error: not a record */
		return;
	}
	for (size_t i = 0; req[i] >= 0; i++)
		if (!(seen & (UINT64_C(1) << req[i])))
			rec_fail(r, r->line, _("%s: missing"), rec_path(r, keys[req[i]], -1, p));
}

/* A value that may be null: false for null (absent), true for anything else;
 * a required one must not be null. */
static bool rec_some(struct rec *r, const char *name, bool req, struct jv *v)
{
	char p[REC_PATH];
	if (!jr_value(r->j, v))
		return false;
	if (v->t != JT_NULL)
		return true;
	if (req)
		rec_fail(r, v->line, _("%s: must not be null"), rec_path(r, name, -1, p));
	return false;
}

/* A string of at most max bytes. */
static bool rec_string_value(struct rec *r, const char *name, long i, const struct jv *v, size_t max)
{
	char p[REC_PATH];
	if (v->t != JT_STRING) {
		rec_expected(r, name, i, v, EXPECT_STRING);
		return false;
	}
	if (v->len > max) {
		rec_fail(r, v->line, _("%s: too long (%zu bytes, at most %zu)"), rec_path(r, name, i, p),
			 v->len, max);
		return false;
	}
	return true;
}

void rec_str(struct rec *r, const char *name, bool req, size_t max, char **out)
{
	struct jv v;
	char p[REC_PATH];
	*out = NULL;
	if (!rec_some(r, name, req, &v))
		return;
	if (!rec_string_value(r, name, -1, &v, max))
		return;
	if (req && !v.len) {
		rec_fail(r, v.line, _("%s: must not be empty"), rec_path(r, name, -1, p));
		return;
	}
	*out = xmalloc(v.len + 1);
	memcpy(*out, v.s, v.len + 1);
}

bool rec_int(struct rec *r, const char *name, bool req, int64_t lo, int64_t hi, int64_t def,
	     int64_t *out)
{
	struct jv v;
	char p[REC_PATH];
	*out = def;
	if (!rec_some(r, name, req, &v))
		return !req && !r->j->failed;
	if (v.t != JT_INT) {
		rec_expected(r, name, -1, &v, EXPECT_INTEGER);
		return false;
	}
	if (v.i < lo || v.i > hi) {
		rec_fail(r, v.line, _("%s: %lld is out of range (%lld..%lld)"), rec_path(r, name, -1, p),
			 (long long)v.i, (long long)lo, (long long)hi);
		return false;
	}
	*out = v.i;
	return true;
}

uint32_t rec_u32(struct rec *r, const char *name, uint32_t lo, uint32_t def)
{
	int64_t v;
	rec_int(r, name, false, lo, UINT32_MAX, def, &v);
	return (uint32_t)v;
}

bool rec_bool(struct rec *r, const char *name)
{
	struct jv v;
	if (!rec_some(r, name, false, &v))
		return false;
	if (v.t != JT_TRUE && v.t != JT_FALSE) {
		rec_expected(r, name, -1, &v, EXPECT_BOOL);
		return false;
	}
	return v.t == JT_TRUE;
}

int32_t rec_date(struct rec *r, const char *name)
{
	struct jv v;
	char p[REC_PATH];
	int32_t day = 0;
	if (!rec_some(r, name, false, &v) || !rec_string_value(r, name, -1, &v, 64))
		return 0;
	if (!date_parse(v.s, &day)) {
		rec_fail(r, v.line, _("%s: invalid date '%s' (expected YYYY-MM-DD)"), rec_path(r, name, -1, p), v.s);
		return 0;
	}
	return day;
}

int64_t rec_time(struct rec *r, const char *name)
{
	struct jv v;
	char p[REC_PATH];
	int64_t t = 0;
	if (!rec_some(r, name, false, &v) || !rec_string_value(r, name, -1, &v, 64))
		return 0;
	if (!time_parse(v.s, &t)) {
		rec_fail(r, v.line, _("%s: invalid time '%s' (expected YYYY-MM-DDTHH:MM:SSZ)"),
			 rec_path(r, name, -1, p), v.s);
		return 0;
	}
	return t;
}

static int hex1(unsigned char c)
{
	if ((unsigned)(c - '0') < 10)
		return c - '0';
	c |= 0x20;
	if ((unsigned)(c - 'a') < 6)
		return c - 'a' + 10;
	return -1;
}

/* uuid_from_text of a string of len bytes, without its calls per digit. */
static bool uuid36(const char *s, size_t len, struct uuid *u)
{
	static const unsigned char at[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
	if (len != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return false;
	for (int i = 0; i < 16; i++) {
		int hi = hex1((unsigned char)s[at[i]]), lo = hex1((unsigned char)s[at[i] + 1]);
		if ((hi | lo) < 0)
			return false;
		u->b[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static bool rec_uuid_value(struct rec *r, const char *name, long i, const struct jv *v, struct uuid *out)
{
	char p[REC_PATH];
	if (!rec_string_value(r, name, i, v, 64))
		return false;
	if (!uuid36(v->s, v->len, out)) {
		rec_fail(r, v->line, _("%s: invalid UUID '%s'"), rec_path(r, name, i, p), v->s);
		return false;
	}
	if (uuid_is_nil(out)) {
		rec_fail(r, v->line, _("%s: the nil UUID is not allowed (use null)"), rec_path(r, name, i, p));
		return false;
	}
	return true;
}

bool rec_uuid(struct rec *r, const char *name, bool req, struct uuid *out, int *line)
{
	struct jv v;
	memset(out, 0, sizeof *out);
	if (!rec_some(r, name, req, &v))
		return false;
	*line = v.line;
	if (!rec_uuid_value(r, name, -1, &v, out)) {
		memset(out, 0, sizeof *out);
		return false;
	}
	return true;
}

int rec_enum(struct rec *r, const char *name, bool req, int lo, int hi, const char *(*code)(int),
	     const char *what, int def)
{
	struct jv v;
	char p[REC_PATH];
	if (!rec_some(r, name, req, &v) || !rec_string_value(r, name, -1, &v, 64))
		return def;
	for (int i = lo; i <= hi; i++)
		if (!strcmp(v.s, code(i)))
			return i;
	struct buf known;
	buf_init(&known);
	for (int i = lo; i <= hi; i++)
		buf_printf(&known, "%s%s", i > lo ? ", " : "", code(i));
	rec_fail(r, v.line, _("%s: unknown %s '%s' (known: %s)"), rec_path(r, name, -1, p), _(what), v.s,
		 known.data);
	buf_fini(&known);
	return def;
}

/* "unknown": the raw codec fields of a newer version, as hex. They are appended
 * to the record as they are, so they must be well-formed fields. */
void rec_unknown(struct rec *r, struct unknown *u)
{
	struct jv v;
	char p[REC_PATH];
	if (!rec_some(r, "unknown", false, &v) || !rec_string_value(r, "unknown", -1, &v, MAX_STRING))
		return;
	rec_path(r, "unknown", -1, p);
	if (v.len % 2) {
		rec_fail(r, v.line, _("%s: odd number of hex digits"), p);
		return;
	}
	uint8_t *raw = xmalloc(v.len / 2 + 1);
	for (size_t i = 0; i < v.len / 2; i++) {
		int hi = text_hex_digit(v.s[2 * i]), lo = text_hex_digit(v.s[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			rec_fail(r, v.line, _("%s: not hex digits"), p);
			goto out;
		}
		raw[i] = (uint8_t)(hi << 4 | lo);
	}
	struct codec_reader cr;
	struct codec_field f;
	codec_open_nested(&cr, raw, v.len / 2);
	while (codec_next(&cr, &f))
		;
	if (cr.bad) {
		rec_fail(r, v.line, _("%s: not well-formed record fields"), p);
		goto out;
	}
	if (v.len)
		unknown_add(u, raw, v.len / 2);
out:
	free(raw);
}

/* The array at the reader: entered, or false for null (an error for anything else). */
static bool rec_array_begin(struct rec *r, const char *name)
{
	struct jv v;
	if (!rec_some(r, name, false, &v))
		return false;
	if (v.t != JT_ARRAY) {
		rec_expected(r, name, -1, &v, EXPECT_ARRAY);
		return false;
	}
	return jr_enter(r->j);
}

void rec_uuids(struct rec *r, const char *name, int kind, struct uuid **out, size_t *n)
{
	size_t cap = 0, m = 0;
	struct jv v;
	*out = NULL;
	*n = 0;
	if (!rec_array_begin(r, name))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		struct uuid id;
		if (!jr_value(r->j, &v))
			return;
		if (!rec_uuid_value(r, name, (long)i, &v, &id))
			continue;
		if (kind >= 0)
			imp_ref(r, (enum jkind)kind, &id, 0, name, (long)i, v.line);
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = id;
	}
}

void rec_u32s(struct rec *r, const char *name, int kind, uint32_t **out, size_t *n)
{
	size_t cap = 0, m = 0;
	char p[REC_PATH];
	struct jv v;
	*out = NULL;
	*n = 0;
	if (!rec_array_begin(r, name))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		if (!jr_value(r->j, &v))
			return;
		if (v.t != JT_INT || v.i < 1 || v.i > UINT32_MAX) {
			if (v.t == JT_INT)
				rec_fail(r, v.line, _("%s: expected a positive integer, not %lld"),
					 rec_path(r, name, (long)i, p), (long long)v.i);
			else
				rec_expected(r, name, (long)i, &v, EXPECT_POSITIVE);
			continue;
		}
		if (kind >= 0)
			imp_ref(r, (enum jkind)kind, NULL, (uint64_t)v.i, name, (long)i, v.line);
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (uint32_t)v.i;
	}
}

void rec_strv(struct rec *r, const char *name, struct strv *out)
{
	size_t m = 0;
	struct jv v;
	if (!rec_array_begin(r, name))
		return;
	for (size_t i = 0; jr_element(r->j, &m) == 1; i++) {
		if (!jr_value(r->j, &v))
			return;
		if (rec_string_value(r, name, (long)i, &v, MAX_STRING))
			strv_push(out, v.s);
	}
}

uint8_t rec_phase(struct rec *r, const char *name, bool own, bool any_id)
{
	struct jv v;
	char p[REC_PATH];
	bool db = false;
	if (!rec_some(r, name, false, &v))
		return 0;
	const struct phase_list *list = imp_phases(r->im, own, &db);
	if (!list) {
		rec_drop(r, &v);
		return 0;
	}
	if (v.t == JT_INT) {
		rec_path(r, name, -1, p);
		if (v.i < 1 || v.i > 255) {
			rec_fail(r, v.line, _("%s: phase id %lld is out of range (1..255)"), p, (long long)v.i);
			return 0;
		}
		if (!any_id && !phase_list_get(list, (uint8_t)v.i)) {
			rec_fail(r, v.line, _("%s: unknown phase id %lld"), p, (long long)v.i);
			return 0;
		}
		return (uint8_t)v.i;
	}
	if (v.t != JT_STRING) {
		rec_expected(r, name, -1, &v, EXPECT_PHASE);
		return 0;
	}
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].slug && !strcmp(list->v[i].slug, v.s))
			return list->v[i].id;
	rec_path(r, name, -1, p);
	if (db)
		rec_fail(r, v.line, _("%s: unknown phase '%s' (the database has no such phase)"), p, v.s);
	else
		rec_fail(r, v.line, _("%s: unknown phase '%s'"), p, v.s);
	return 0;
}
