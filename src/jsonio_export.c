/* jsonio_export.c - the versioned JSON document of everything (export).
 * Format: docs/json-format.md; the import is in jsonio.c.
 *
 * The document is streamed: each record is read from the store in the order
 * of its top-level array, written into a buffer as indented JSON and freed, and
 * the pages of the database map read are given back every few thousand
 * records, so memory does not grow with the database (only the kept project
 * keys of a filtered export do). The text is what jansson's json_dumpf(JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) made of the whole document as one tree before: two
 * spaces per level, ": " after keys, "[]" and "{}" when empty, strings as
 * UTF-8 with '"', '\\' and control characters escaped (\b \f \n \r \t, the
 * rest \u00XX in capitals). tests/unit/test_jsonio.c holds the writer to
 * jansson's text.
 */
#include "ozgtui/jsonio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/util.h"
#include "ozgtui/progress.h"
#include "ozgtui/i18n.h"

#include "jsonio_internal.h"

/* ---- the writer -------------------------------------------------------------- */

#define JW_FLUSH (256u << 10)   /* bytes buffered before a write */
#define JW_DEPTH 8              /* the document nests four deep */

struct jw {
	FILE *out;
	struct buf b;
	int depth;
	size_t items[JW_DEPTH];   /* values written so far in the open container at each depth */
	bool io_error;
	int err;                  /* errno of the failed write */
	char *bad;                /* the first text that is not valid UTF-8 (what it belongs to) */
	const char *what;         /* the record being written, for that message */
};

static void jw_flush(struct jw *w)
{
	if (w->b.len && !w->io_error && fwrite(w->b.data, 1, w->b.len, w->out) != w->b.len) {
		w->io_error = true;
		w->err = errno;
	}
	w->b.len = 0;
}

static void jw_newline(struct jw *w)
{
	char *p;
	size_t n = 1 + 2 * (size_t)w->depth;
	xgrow((void **)&w->b.data, &w->b.cap, w->b.len + n + 1, 1);
	p = w->b.data + w->b.len;
	*p++ = '\n';
	memset(p, ' ', n - 1);
	w->b.len += n;
}

/* Before a value in the open container: the comma and the line break. */
static void jw_item(struct jw *w)
{
	if (w->items[w->depth]++)
		buf_putc(&w->b, ',');
	jw_newline(w);
}

static void jw_open(struct jw *w, char c)
{
	buf_putc(&w->b, c);
	w->depth++;
	w->items[w->depth] = 0;
}

static void jw_close(struct jw *w, char c)
{
	bool any = w->items[w->depth] > 0;
	w->depth--;
	if (any)
		jw_newline(w);
	buf_putc(&w->b, c);
}

static inline bool utf8_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid: the
 * rules of jansson (and RFC 3629): no overlong forms, no surrogates, nothing
 * above U+10FFFF. */
size_t jsonio_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	if (c < 0xe0)
		return n >= 2 && utf8_cont(s[1]) ? 2 : 0;
	if (c < 0xf0) {
		if (n < 3 || !utf8_cont(s[1]) || !utf8_cont(s[2]))
			return 0;
		if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f))
			return 0;
		return 3;
	}
	if (n < 4 || !utf8_cont(s[1]) || !utf8_cont(s[2]) || !utf8_cont(s[3]))
		return 0;
	if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return 4;
}

/* s as a JSON string; false (nothing written) when it is not valid UTF-8. */
bool jsonio_put_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	size_t at = b->len;
	buf_putc(b, '"');
	while (n) {
		size_t run = 0;
		while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
			run++;
		if (run) {
			buf_append(b, (const char *)p, run);
			p += run;
			n -= run;
			continue;
		}
		unsigned char c = *p;
		if (c >= 0x80) {
			size_t k = jsonio_utf8_len(p, n);
			if (!k) {
				b->len = at;
				return false;
			}
			buf_append(b, (const char *)p, k);
			p += k;
			n -= k;
			continue;
		}
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: buf_printf(b, "\\u%04X", (unsigned)c); break;
		}
		p++;
		n--;
	}
	buf_putc(b, '"');
	return true;
}

static void jw_key(struct jw *w, const char *k)
{
	jw_item(w);
	buf_putc(&w->b, '"');
	buf_puts(&w->b, k);   /* the document's own keys: plain ASCII */
	buf_puts(&w->b, "\": ");
}

static void jw_null(struct jw *w)
{
	buf_puts(&w->b, "null");
}

static void jw_int(struct jw *w, int64_t v)
{
	char s[24];
	int n = snprintf(s, sizeof s, "%" PRId64, v);
	buf_append(&w->b, s, (size_t)n);
}

static void jw_bool(struct jw *w, bool v)
{
	buf_puts(&w->b, v ? "true" : "false");
}

/* Text from the database; null for none. */
static void jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
	} else if (!jsonio_put_string(&w->b, s)) {
		if (!w->bad)
			w->bad = xstrdup(w->what);
		jw_null(w);
	}
}

/* One of our own codes (ASCII); null for none. */
static void jw_code(struct jw *w, const char *code)
{
	if (code && *code)
		jw_str(w, code);
	else
		jw_null(w);
}

static void jw_date(struct jw *w, int32_t day)
{
	char s[11];
	if (!day) {
		jw_null(w);
		return;
	}
	date_format(day, s);
	jw_str(w, s);
}

static void jw_time(struct jw *w, int64_t t)
{
	char s[21];
	if (!t) {
		jw_null(w);
		return;
	}
	time_format(t, s);
	jw_str(w, s);
}

static void jw_uuid(struct jw *w, const struct uuid *u)
{
	char s[37];
	if (uuid_is_nil(u)) {
		jw_null(w);
		return;
	}
	uuid_format(u, s);
	buf_putc(&w->b, '"');
	buf_append(&w->b, s, 36);
	buf_putc(&w->b, '"');
}

static void jw_uuids(struct jw *w, const struct uuid *v, size_t n)
{
	jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		jw_item(w);
		jw_uuid(w, &v[i]);
	}
	jw_close(w, ']');
}

static void jw_u32s(struct jw *w, const uint32_t *v, size_t n)
{
	jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		jw_item(w);
		jw_int(w, v[i]);
	}
	jw_close(w, ']');
}

static void jw_strv(struct jw *w, const struct strv *s)
{
	jw_open(w, '[');
	for (size_t i = 0; i < s->n; i++) {
		jw_item(w);
		jw_str(w, s->v[i]);
	}
	jw_close(w, ']');
}

static void jw_unknown(struct jw *w, const struct unknown *u)
{
	if (!u->len)
		return;
	jw_key(w, "unknown");
	xgrow((void **)&w->b.data, &w->b.cap, w->b.len + u->len * 2 + 3, 1);
	char *p = w->b.data + w->b.len;
	*p++ = '"';
	for (size_t i = 0; i < u->len; i++) {
		*p++ = jsonio_hexdigits[u->data[i] >> 4];
		*p++ = jsonio_hexdigits[u->data[i] & 15];
	}
	*p++ = '"';
	w->b.len += u->len * 2 + 2;
	w->b.data[w->b.len] = '\0';
}

/* ---- the records --------------------------------------------------------------- */

struct ex {
	struct jw w;
	struct txn *t;
	const struct jsonio_export_opts *o;
	struct phase_list phases;
	struct progress prog;
	char what[80];                /* the record being written */
	size_t written;               /* records so far */
	/* a filtered export: the kept projects, for outcomes and history */
	struct vec kept_ids;          /* struct uuid, sorted before the outcomes */
	struct vec kept_numbers;      /* uint32_t, sorted */
	enum status st;               /* of a store call inside a callback */
};

static void ex_phase(struct ex *x, uint8_t id)
{
	if (!id) {
		jw_null(&x->w);
		return;
	}
	const struct phase *ph = phase_list_get(&x->phases, id);
	if (ph && ph->slug)
		jw_str(&x->w, ph->slug);
	else
		jw_int(&x->w, id);
}

/* Opens a record of a top-level array; what names it in a message. */
static void ex_begin(struct ex *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ex_begin(struct ex *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->what, sizeof x->what, fmt, ap);
	va_end(ap);
	x->w.what = x->what;
	jw_item(&x->w);
	jw_open(&x->w, '{');
}

/* Closes it: the text goes out in big writes. Non-zero stops the store's scan. */
static int ex_end(struct ex *x)
{
	jw_close(&x->w, '}');
	if (x->w.b.len >= JW_FLUSH)
		jw_flush(&x->w);
	progress_step(&x->prog, 1);
	/* the pages of the map read so far are the page cache's, not ours */
	if (!(++x->written % 1024))
		store_map_release(x->t);
	return x->w.bad || x->w.io_error;
}

static void ex_phases(struct ex *x)
{
	struct jw *w = &x->w;
	jw_key(w, "phases");
	jw_open(w, '[');
	for (size_t i = 0; i < x->phases.n; i++) {
		const struct phase *ph = &x->phases.v[i];
		ex_begin(x, "phase %u", (unsigned)ph->id);
		jw_key(w, "id");
		jw_int(w, ph->id);
		jw_key(w, "slug");
		jw_str(w, ph->slug);
		jw_key(w, "name");
		jw_str(w, ph->name);
		jw_key(w, "outside_line");
		jw_bool(w, ph->outside_line);
		jw_key(w, "closed");
		jw_bool(w, ph->closed);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void ex_settings(struct ex *x, const struct settings *s)
{
	struct jw *w = &x->w;
	snprintf(x->what, sizeof x->what, "the settings");
	w->what = x->what;
	jw_key(w, "settings");
	jw_open(w, '{');
	jw_key(w, "rep_policy");
	jw_code(w, code_policy(s->rep_policy));
	jw_key(w, "gate_scope_phase");
	ex_phase(x, s->gate_scope_phase);
	jw_key(w, "gate_team_phase");
	ex_phase(x, s->gate_team_phase);
	jw_unknown(w, &s->unknown);
	jw_close(w, '}');
}

static int ex_field(const struct topic_field *f, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	ex_begin(x, "topic field %u", (unsigned)f->number);
	jw_key(w, "number");
	jw_int(w, f->number);
	jw_key(w, "slug");
	jw_str(w, f->slug);
	jw_key(w, "name");
	jw_str(w, f->name);
	jw_key(w, "alt_name");
	jw_str(w, f->alt_name);
	jw_key(w, "sponsor");
	jw_str(w, f->sponsor);
	jw_key(w, "version");
	jw_int(w, f->version);
	jw_unknown(w, &f->unknown);
	return ex_end(x);
}

static int ex_org(const struct organisation *g, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	char id[37];
	uuid_format(&g->id, id);
	ex_begin(x, "organisation %s", id);
	jw_key(w, "id");
	jw_uuid(w, &g->id);
	jw_key(w, "kind");
	jw_code(w, org_kind_code(g->kind));
	jw_key(w, "name");
	jw_str(w, g->name);
	jw_key(w, "ags");
	jw_str(w, g->ags);
	jw_key(w, "category");
	jw_code(w, g->category ? category_code(g->category) : NULL);
	jw_key(w, "legal_type");
	jw_str(w, g->legal_type);
	jw_key(w, "population");
	jw_int(w, g->population);
	jw_key(w, "county_ags");
	jw_str(w, g->county_ags);
	jw_key(w, "size_class");
	jw_str(w, g->size_class);
	jw_key(w, "region");
	jw_str(w, g->region);
	jw_key(w, "demo");
	jw_bool(w, g->demo);
	jw_key(w, "version");
	jw_int(w, g->version);
	jw_unknown(w, &g->unknown);
	return ex_end(x);
}

static int ex_service(const struct service *s, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	ex_begin(x, "service %" PRIu32, s->ozg_id);
	jw_key(w, "ozg_id");
	jw_int(w, s->ozg_id);
	jw_key(w, "name");
	jw_str(w, s->name);
	jw_key(w, "field");
	if (s->field)
		jw_int(w, s->field);
	else
		jw_null(w);
	jw_key(w, "life_situation");
	jw_str(w, s->life_situation);
	jw_key(w, "categories");
	jw_open(w, '[');
	for (int c = 1; c <= CAT__MAX; c++)
		if (s->categories & CAT_BIT(c)) {
			jw_item(w);
			jw_code(w, category_code((enum category)c));
		}
	jw_close(w, ']');
	jw_key(w, "version");
	jw_int(w, s->version);
	jw_unknown(w, &s->unknown);
	return ex_end(x);
}

static int ex_project(const struct project *p, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	if (x->o->filter) {
		if (!filter_match(x->o->filter, x->o->catalog, p, x->o->today))
			return 0;
		*(struct uuid *)vec_push(&x->kept_ids) = p->id;
		*(uint32_t *)vec_push(&x->kept_numbers) = p->number;
	}
	ex_begin(x, "project %" PRIu32, p->number);
	jw_key(w, "id");
	jw_uuid(w, &p->id);
	jw_key(w, "number");
	jw_int(w, p->number);
	jw_key(w, "title");
	jw_str(w, p->title);
	jw_key(w, "field");
	if (p->field)
		jw_int(w, p->field);
	else
		jw_null(w);
	jw_key(w, "services");
	jw_u32s(w, p->services, p->n_services);
	jw_key(w, "phase");
	ex_phase(x, p->phase);
	jw_key(w, "dates");
	jw_open(w, '[');
	for (size_t i = 0; i < p->n_dates; i++) {
		jw_item(w);
		jw_open(w, '{');
		jw_key(w, "phase");
		ex_phase(x, p->dates[i].phase);
		jw_key(w, "planned");
		jw_date(w, p->dates[i].planned);
		jw_key(w, "reached");
		jw_date(w, p->dates[i].reached);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "team");
	jw_open(w, '[');
	for (size_t i = 0; i < p->n_team; i++) {
		jw_item(w);
		jw_open(w, '{');
		jw_key(w, "org");
		jw_uuid(w, &p->team[i].org);
		jw_key(w, "role");
		jw_code(w, p->team[i].role ? role_code(p->team[i].role) : NULL);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "interested");
	jw_uuids(w, p->interested, p->n_interested);
	jw_key(w, "ministries");
	jw_uuids(w, p->ministries, p->n_ministries);
	jw_key(w, "departments");
	jw_strv(w, &p->departments);
	jw_key(w, "components");
	jw_strv(w, &p->components);
	jw_key(w, "solutions");
	jw_strv(w, &p->solutions);
	jw_key(w, "priority");
	if (p->priority)
		jw_int(w, p->priority);
	else
		jw_null(w);
	jw_key(w, "notes");
	jw_str(w, p->notes);
	jw_key(w, "demo");
	jw_bool(w, p->demo);
	jw_key(w, "created");
	jw_time(w, p->created);
	jw_key(w, "created_by");
	jw_str(w, p->created_by);
	jw_key(w, "updated");
	jw_time(w, p->updated);
	jw_key(w, "updated_by");
	jw_str(w, p->updated_by);
	jw_key(w, "version");
	jw_int(w, p->version);
	jw_unknown(w, &p->unknown);
	return ex_end(x);
}

static int ex_workshop(const struct workshop *ws, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	char id[37];
	uuid_format(&ws->id, id);
	ex_begin(x, "workshop %s", id);
	jw_key(w, "id");
	jw_uuid(w, &ws->id);
	jw_key(w, "field");
	if (ws->field)
		jw_int(w, ws->field);
	else
		jw_null(w);
	jw_key(w, "date");
	jw_date(w, ws->date);
	jw_key(w, "title");
	jw_str(w, ws->title);
	jw_key(w, "place");
	jw_str(w, ws->place);
	jw_key(w, "participants");
	jw_uuids(w, ws->participants, ws->n_participants);
	jw_key(w, "head_count");
	jw_int(w, ws->head_count);
	jw_key(w, "notes");
	jw_str(w, ws->notes);
	jw_key(w, "demo");
	jw_bool(w, ws->demo);
	jw_key(w, "created");
	jw_time(w, ws->created);
	jw_key(w, "updated");
	jw_time(w, ws->updated);
	jw_key(w, "version");
	jw_int(w, ws->version);
	jw_unknown(w, &ws->unknown);
	return ex_end(x);
}

static int cmp_uuid(const void *a, const void *b)
{
	return uuid_cmp(a, b);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static int ex_outcome(const struct outcome *c, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	char id[37];
	/* a filtered export: only links to kept projects; an outcome that was
	 * linked to projects, none of them kept, is left out */
	struct uuid *links = c->projects;
	size_t n_links = c->n_projects;
	if (x->o->filter && c->n_projects) {
		links = xcalloc(c->n_projects, sizeof *links);
		n_links = 0;
		for (size_t k = 0; k < c->n_projects; k++)
			if (vec_find(&x->kept_ids, &c->projects[k], cmp_uuid))
				links[n_links++] = c->projects[k];
		if (!n_links) {
			free(links);
			return 0;
		}
	}
	uuid_format(&c->id, id);
	ex_begin(x, "outcome %s", id);
	jw_key(w, "id");
	jw_uuid(w, &c->id);
	jw_key(w, "workshop");
	jw_uuid(w, &c->workshop);
	jw_key(w, "kind");
	jw_code(w, outcome_kind_code(c->kind));
	jw_key(w, "text");
	jw_str(w, c->text);
	jw_key(w, "owner");
	jw_str(w, c->owner);
	jw_key(w, "due");
	jw_date(w, c->due);
	jw_key(w, "status");
	jw_code(w, outcome_status_code(c->status));
	jw_key(w, "projects");
	jw_uuids(w, links, n_links);
	jw_key(w, "orgs");
	jw_uuids(w, c->orgs, c->n_orgs);
	jw_key(w, "services");
	jw_u32s(w, c->services, c->n_services);
	jw_key(w, "demo");
	jw_bool(w, c->demo);
	jw_key(w, "created");
	jw_time(w, c->created);
	jw_key(w, "updated");
	jw_time(w, c->updated);
	jw_key(w, "version");
	jw_int(w, c->version);
	jw_unknown(w, &c->unknown);
	if (links != c->projects)
		free(links);
	return ex_end(x);
}

static int ex_history(const struct history_entry *e, void *arg)
{
	struct ex *x = arg;
	struct jw *w = &x->w;
	if (x->o->history_seq && e->seq > x->o->history_seq)
		return 1;   /* oldest first: none of the rest either */
	if (x->o->filter && e->project_number &&
	    !vec_find(&x->kept_numbers, &e->project_number, cmp_u32))
		return 0;
	ex_begin(x, "history entry %" PRIu64, e->seq);
	jw_key(w, "seq");
	jw_int(w, (int64_t)e->seq);
	jw_key(w, "time");
	jw_time(w, e->time);
	jw_key(w, "user");
	jw_str(w, e->user);
	jw_key(w, "entity");
	jw_str(w, e->entity);
	jw_key(w, "entity_id");
	jw_uuid(w, &e->entity_id);
	jw_key(w, "project_number");
	if (e->project_number)
		jw_int(w, e->project_number);
	else
		jw_null(w);
	jw_key(w, "action");
	jw_str(w, e->action);
	jw_key(w, "summary");
	jw_str(w, e->summary);
	jw_key(w, "from_phase");
	ex_phase(x, e->from_phase);
	jw_key(w, "to_phase");
	ex_phase(x, e->to_phase);
	jw_key(w, "reason");
	jw_str(w, e->reason);
	jw_key(w, "forced");
	jw_bool(w, e->forced);
	jw_unknown(w, &e->unknown);
	return ex_end(x);
}

/* ---- the document ---------------------------------------------------------------- */

enum status jsonio_export(struct txn *t, FILE *out)
{
	struct jsonio_export_opts o = {.revision = UINT64_MAX};
	return jsonio_export_with(t, &o, out);
}

/* One top-level array: the store's scan in the array's order. */
#define EX_ARRAY(x, key, call)                                        \
	do {                                                          \
		if (st == STATUS_OK && !(x)->w.bad && !(x)->w.io_error) { \
			jw_key(&(x)->w, key);                         \
			jw_open(&(x)->w, '[');                         \
			st = (call);                                  \
			jw_close(&(x)->w, ']');                        \
		}                                                     \
	} while (0)

enum status jsonio_export_with(struct txn *t, const struct jsonio_export_opts *o, FILE *out)
{
	struct ex x;
	struct settings settings;
	uint32_t schema = 0;
	enum status st;
	char now_s[21];
	bool now = o->revision == UINT64_MAX;

	memset(&x, 0, sizeof x);
	x.t = t;
	x.o = o;
	x.w.out = out;
	buf_init(&x.w.b);
	phase_list_init(&x.phases);
	settings_init(&settings);
	vec_init(&x.kept_ids, sizeof(struct uuid));
	vec_init(&x.kept_numbers, sizeof(uint32_t));
	progress_begin(&x.prog, _("export"), _("records"), 0);

	if ((st = store_schema_version(t, &schema)) != STATUS_OK ||
	    (st = store_phases_get(t, &x.phases)) != STATUS_OK ||
	    (st = store_settings_get(t, &settings)) != STATUS_OK)
		goto out;

	time_format(clock_now(), now_s);
	jw_open(&x.w, '{');
	jw_key(&x.w, "format");
	jw_str(&x.w, FORMAT_NAME);
	jw_key(&x.w, "format_version");
	jw_int(&x.w, JSONIO_FORMAT_VERSION);
	jw_key(&x.w, "schema_version");
	jw_int(&x.w, schema);
	jw_key(&x.w, "exported_at");
	jw_str(&x.w, now_s);
	ex_phases(&x);
	ex_settings(&x, &settings);

	/* Every scan below is in the order of its array (store.c: big-endian
	 * numbers, UUIDs as bytes, projects by the number index). */
	EX_ARRAY(&x, "topic_fields", store_field_each(t, ex_field, &x));
	EX_ARRAY(&x, "organisations", store_org_each(t, ex_org, &x));
	EX_ARRAY(&x, "services", now ? store_service_each(t, 0, ex_service, &x)
				     : store_service_each_at(t, o->revision, ex_service, &x));
	EX_ARRAY(&x, "projects", now ? store_project_each(t, ex_project, &x)
				     : store_project_each_at(t, o->revision, ex_project, &x));
	vec_sort(&x.kept_ids, cmp_uuid);
	vec_sort(&x.kept_numbers, cmp_u32);
	EX_ARRAY(&x, "workshops", store_workshop_each(t, ex_workshop, &x));
	EX_ARRAY(&x, "outcomes", now ? store_outcome_each(t, ex_outcome, &x)
				     : store_outcome_each_at(t, o->revision, ex_outcome, &x));
	EX_ARRAY(&x, "history", store_history_each_oldest(t, ex_history, &x));
	if (st != STATUS_OK)
		goto out;
	if (x.w.bad) {
		st = status_fail(STATUS_DATA, _("cannot export: %s is not valid UTF-8"), x.w.bad);
		goto out;
	}
	jw_close(&x.w, '}');
	buf_putc(&x.w.b, '\n');
	jw_flush(&x.w);
	if (!x.w.io_error && (fflush(out) != 0 || ferror(out))) {
		x.w.io_error = true;
		x.w.err = errno;
	}
	if (x.w.io_error) {
		st = status_fail(STATUS_IO, _("cannot write the export: %s"), strerror(x.w.err));
		goto out;
	}
	st = STATUS_OK;
out:
	progress_end(&x.prog);
	free(x.w.bad);
	buf_fini(&x.w.b);
	vec_fini(&x.kept_ids, NULL);
	vec_fini(&x.kept_numbers, NULL);
	settings_fini(&settings);
	phase_list_fini(&x.phases);
	return st;
}
