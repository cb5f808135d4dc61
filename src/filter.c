/* filter.c - the filter language shared by the CLI and the TUI.
 *
 * Grammar (docs/filter.md has the user's version with examples):
 *
 *   expr   = { space } [ term { space { space } term } ] { space }
 *   term   = [ "-" ] ( key ":" value { "," value } | phrase )
 *   key    = ASCII letters, before the first unquoted ':' of a term that has
 *            no quote before that ':'
 *   value  = characters up to an unquoted ',' or space; "..." quotes
 *   phrase = characters up to an unquoted space; "..." quotes
 *
 * Quotes group and are removed; they may appear anywhere in a term. Each term
 * is compiled now against the catalog into a set (phases, fields, organisation
 * UUIDs, OZG ids), ranges (prio, stale, number), yes/no flags, or folded text
 * (component, free words), so matching a project touches no names.
 *
 * Errors: malformed input (unknown key, unbalanced quote, empty value, bad
 * number or yes/no) is STATUS_USAGE; a well-formed value naming nothing in the
 * database (unknown phase, field, organisation, service) is STATUS_DATA. Both
 * name the column (1-based, in characters) of the offending term or value.
 */
#include "ozgtui/filter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ozgtui/rules.h"
#include "ozgtui/i18n.h"

#define TERM_KIND_LIST(X)                                                           \
	X(PHASE, "phase")                                                           \
	X(FIELD, "field")                                                           \
	X(LEAD, "lead")                                                             \
	X(MEMBER, "member")                                                         \
	X(INTEREST, "interest")                                                     \
	X(SERVICE, "service")                                                       \
	X(COMPONENT, "component")                                                   \
	X(PRIO, "prio")                                                             \
	X(REP, "rep")                                                               \
	X(LATE, "late")                                                             \
	X(STALE, "stale")                                                           \
	X(DEMO, "demo")                                                             \
	X(NUMBER, "number")

enum term_kind {
#define TERM_ENUM(name, key) TERM_##name,
	TERM_KIND_LIST(TERM_ENUM)
#undef TERM_ENUM
	TERM_WORD,
};

static const char *const term_keys[] = {
#define TERM_KEY(name, key) key,
	TERM_KIND_LIST(TERM_KEY)
#undef TERM_KEY
};

struct range {
	int64_t lo, hi;
};

struct term {
	enum term_kind kind;
	bool negate;
	bool phases[256];          /* PHASE: by id */
	size_t n_phases;
	uint16_t *fields;          /* FIELD */
	size_t n_fields;
	struct uuid *orgs;         /* LEAD, MEMBER, INTEREST: sorted */
	size_t n_orgs;
	uint32_t *services;        /* SERVICE: sorted */
	size_t n_services;
	struct strv text;          /* COMPONENT: folded prefixes; WORD: one folded phrase */
	struct range *ranges;      /* PRIO, STALE, NUMBER */
	size_t n_ranges;
	bool accept_yes, accept_no; /* REP, LATE, DEMO */
};

struct filter {
	struct term *terms;
	size_t n, cap;
	bool has_words;
};

/* Tokens: one per term, quotes removed, values split at unquoted commas. */
struct token {
	int column;
	bool negate;
	char *key;            /* lower case; NULL for a free phrase */
	struct strv values;
	int *cols;            /* column of each value */
};

static int column_of(const char *expr, const char *p)
{
	int col = 1;
	for (const char *q = expr; q < p; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			col++;
	return col;
}

static bool is_key_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return false;
	return true;
}

static void token_fini(struct token *t)
{
	free(t->key);
	strv_fini(&t->values);
	free(t->cols);
}

static void token_push(struct token *t, const char *v, int col)
{
	t->cols = xrealloc(t->cols, (t->values.n + 1) * sizeof *t->cols);
	t->cols[t->values.n] = col;
	strv_push(&t->values, v);
}

/* Reads the term at *pp into tok; on return *pp is past it. */
static enum status token_read(const char *expr, const char **pp, struct token *tok)
{
	const char *p = *pp;
	struct buf cur;
	buf_init(&cur);
	enum status st = STATUS_OK;
	bool in_quote = false, saw_quote = false;
	const char *quote_at = NULL;
	const char *value_at = NULL;

	tok->column = column_of(expr, p);
	if (*p == '-') {
		tok->negate = true;
		p++;
	}
	value_at = p;
	for (; *p; p++) {
		char ch = *p;
		if (ch == '"') {
			in_quote = !in_quote;
			saw_quote = true;
			quote_at = p;
			continue;
		}
		if (in_quote) {
			buf_putc(&cur, ch);
			continue;
		}
		if (isspace((unsigned char)ch))
			break;
		if (ch == ':' && !tok->key && !saw_quote && is_key_word(cur.data)) {
			tok->key = xstrdup(cur.data);
			for (char *k = tok->key; *k; k++)
				*k = (char)tolower((unsigned char)*k);
			buf_reset(&cur);
			value_at = p + 1;
			continue;
		}
		if (ch == ',' && tok->key) {
			if (!cur.len) {
				st = status_fail(STATUS_USAGE, _("filter: column %d: empty value for '%s'"),
						 column_of(expr, value_at), tok->key);
				goto out;
			}
			token_push(tok, cur.data, column_of(expr, value_at));
			buf_reset(&cur);
			value_at = p + 1;
			continue;
		}
		buf_putc(&cur, ch);
	}
	if (in_quote) {
		st = status_fail(STATUS_USAGE, _("filter: column %d: unbalanced quote"),
				 column_of(expr, quote_at));
		goto out;
	}
	if (!cur.len) {
		if (tok->key)
			st = status_fail(STATUS_USAGE, _("filter: column %d: empty value for '%s'"),
					 column_of(expr, value_at), tok->key);
		else
			st = status_fail(STATUS_USAGE, _("filter: column %d: empty term"), tok->column);
		goto out;
	}
	token_push(tok, cur.data, column_of(expr, value_at));
out:
	*pp = p;
	buf_fini(&cur);
	return st;
}

/* Compiling values. */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int uuid_qcmp(const void *a, const void *b)
{
	return uuid_cmp(a, b);
}

static int u32_qcmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static enum status compile_phase(struct term *t, const struct catalog *c, const char *v, int col)
{
	char *q = text_fold(v);
	bool found = false;
	for (size_t i = 0; i < c->phases.n; i++) {
		const struct phase *ph = &c->phases.v[i];
		char *name = text_fold(ph->name ? ph->name : "");
		char *slug = text_fold(ph->slug ? ph->slug : "");
		if (text_has_prefix(name, q) || text_has_prefix(slug, q)) {
			found = true;
			if (!t->phases[ph->id]) {
				t->phases[ph->id] = true;
				t->n_phases++;
			}
		}
		free(name);
		free(slug);
	}
	free(q);
	if (found)
		return STATUS_OK;
	struct buf names;
	buf_init(&names);
	for (size_t i = 0; i < c->phases.n; i++) {
		if (i)
			buf_puts(&names, ", ");
		buf_puts(&names, c->phases.v[i].name ? c->phases.v[i].name : "");
	}
	enum status st = status_fail(STATUS_DATA, _("filter: column %d: unknown phase '%s' (phases: %s)"),
				     col, v, names.data);
	buf_fini(&names);
	return st;
}

static void add_field(struct term *t, uint16_t n)
{
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->fields[i] == n)
			return;
	t->fields = xrealloc(t->fields, (t->n_fields + 1) * sizeof *t->fields);
	t->fields[t->n_fields++] = n;
}

static enum status compile_field(struct term *t, const struct catalog *c, const char *v, int col)
{
	bool found = false;
	if (all_digits(v)) {
		uint32_t n;
		if (parse_u32(v, &n) && n <= UINT16_MAX && catalog_field(c, (uint16_t)n)) {
			add_field(t, (uint16_t)n);
			found = true;
		}
	} else {
		char *q = text_fold(v);
		for (size_t i = 0; i < c->n_fields; i++) {
			const struct topic_field *f = &c->fields[i];
			char *name = text_fold(f->name ? f->name : "");
			char *alt = text_fold(f->alt_name ? f->alt_name : "");
			char *slug = text_fold(f->slug ? f->slug : "");
			if (text_word_prefix(name, q) || (*alt && text_word_prefix(alt, q)) ||
			    (*slug && text_has_prefix(slug, q))) {
				add_field(t, f->number);
				found = true;
			}
			free(name);
			free(alt);
			free(slug);
		}
		free(q);
	}
	if (!found)
		return status_fail(STATUS_DATA, _("filter: column %d: unknown topic field '%s'"), col, v);
	return STATUS_OK;
}

static void add_org(struct term *t, const struct uuid *u, bool *found)
{
	*found = true;
	for (size_t i = 0; i < t->n_orgs; i++)
		if (uuid_cmp(&t->orgs[i], u) == 0)
			return;
	t->orgs = xrealloc(t->orgs, (t->n_orgs + 1) * sizeof *t->orgs);
	t->orgs[t->n_orgs++] = *u;
}

/* An organisation value: an AGS (5 or 8 digits) exactly, a full UUID, or a
 * folded prefix of the name or of any word in it: every organisation that fits
 * joins the set ("lead:aachen" is the city and the Städteregion). */
static enum status compile_org(struct term *t, const struct catalog *c, const char *v, int col)
{
	bool found = false;
	struct uuid u;
	size_t len = strlen(v);
	if (all_digits(v) && (len == 5 || len == 8)) {
		for (size_t i = 0; i < c->n_orgs; i++)
			if (c->orgs[i].ags && strcmp(c->orgs[i].ags, v) == 0)
				add_org(t, &c->orgs[i].id, &found);
	} else if (uuid_from_text(v, &u)) {
		if (catalog_org(c, &u))
			add_org(t, &u, &found);
	} else {
		char *q = text_fold(v);
		for (size_t i = 0; i < c->n_orgs; i++) {
			char *name = text_fold(c->orgs[i].name ? c->orgs[i].name : "");
			if (text_word_prefix(name, q))
				add_org(t, &c->orgs[i].id, &found);
			free(name);
		}
		free(q);
	}
	if (!found)
		return status_fail(STATUS_DATA, _("filter: column %d: unknown organisation '%s'"), col, v);
	return STATUS_OK;
}

static void add_service(struct term *t, uint32_t id)
{
	for (size_t i = 0; i < t->n_services; i++)
		if (t->services[i] == id)
			return;
	t->services = xrealloc(t->services, (t->n_services + 1) * sizeof *t->services);
	t->services[t->n_services++] = id;
}

/* A service value: leading digits of OZG ids, or a folded prefix of the name
 * or of a word in it. */
static enum status compile_service(struct term *t, const struct catalog *c, const char *v, int col)
{
	bool found = false;
	if (all_digits(v)) {
		char id[16];
		for (size_t i = 0; i < c->n_services; i++) {
			snprintf(id, sizeof id, "%u", (unsigned)c->services[i].ozg_id);
			if (text_has_prefix(id, v)) {
				add_service(t, c->services[i].ozg_id);
				found = true;
			}
		}
	} else {
		char *q = text_fold(v);
		for (size_t i = 0; i < c->n_services; i++) {
			char *name = text_fold(c->services[i].name ? c->services[i].name : "");
			if (text_word_prefix(name, q)) {
				add_service(t, c->services[i].ozg_id);
				found = true;
			}
			free(name);
		}
		free(q);
	}
	if (!found)
		return status_fail(STATUS_DATA, _("filter: column %d: unknown service '%s'"), col, v);
	return STATUS_OK;
}

/* Numbers: N, >=N, <=N, >N, <N or N-M, within [min, max]. */
static bool parse_range(const char *v, int64_t min, int64_t max, struct range *r)
{
	uint32_t a, b;
	const char *dash;
	if (v[0] == '>' || v[0] == '<') {
		bool gt = v[0] == '>';
		bool eq = v[1] == '=';
		if (!parse_u32(v + 1 + eq, &a) || a > max)
			return false;
		if (gt) {
			r->lo = eq ? a : (int64_t)a + 1;
			r->hi = INT64_MAX;
		} else {
			r->lo = min;
			r->hi = eq ? a : (int64_t)a - 1;
		}
		return true;
	}
	if ((dash = strchr(v, '-')) && dash != v) {
		char *left = xstrndup(v, (size_t)(dash - v));
		bool ok = parse_u32(left, &a) && parse_u32(dash + 1, &b) && a <= b && b <= max;
		free(left);
		if (ok) {
			r->lo = a;
			r->hi = b;
		}
		return ok;
	}
	if (!parse_u32(v, &a) || a > max)
		return false;
	r->lo = r->hi = a;
	return true;
}

static enum status compile_range(struct term *t, const char *key, const char *v, int col)
{
	struct range r;
	bool ok;
	switch (t->kind) {
	case TERM_PRIO:
		/* "<3" means priorities 1 and 2: a project without one matches only
		 * an explicit 0 or "none". */
		if (strcasecmp(v, "none") == 0) {
			r = (struct range){0, 0};
			ok = true;
		} else {
			ok = parse_range(v, 1, 5, &r);
		}
		break;
	case TERM_NUMBER:
		ok = parse_range(v[0] == '#' ? v + 1 : v, 1, UINT32_MAX, &r);
		break;
	default:
		ok = parse_range(v, 0, INT32_MAX, &r);
		break;
	}
	if (!ok)
		return status_fail(STATUS_USAGE,
				   _("filter: column %d: bad %s '%s' (N, >=N, <=N, >N, <N or N-M%s)"),
				   col, key, v, t->kind == TERM_PRIO ? _("; priorities are 1-5, 0 or none") : "");
	t->ranges = xrealloc(t->ranges, (t->n_ranges + 1) * sizeof *t->ranges);
	t->ranges[t->n_ranges++] = r;
	return STATUS_OK;
}

static enum status compile_bool(struct term *t, const char *key, const char *v, int col)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "ja", "j"};
	static const char *const no[] = {"no", "n", "false", "0", "nein"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			t->accept_yes = true;
			return STATUS_OK;
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(no); i++) {
		if (strcasecmp(v, no[i]) == 0) {
			t->accept_no = true;
			return STATUS_OK;
		}
	}
	return status_fail(STATUS_USAGE, _("filter: column %d: %s takes yes or no, not '%s'"), col, key, v);
}

static void term_fini(struct term *t)
{
	free(t->fields);
	free(t->orgs);
	free(t->services);
	strv_fini(&t->text);
	free(t->ranges);
}

static enum status compile_token(struct filter *f, const struct catalog *c, const struct token *tok)
{
	xgrow((void **)&f->terms, &f->cap, f->n + 1, sizeof *f->terms);
	struct term *t = &f->terms[f->n];
	memset(t, 0, sizeof *t);
	strv_init(&t->text);
	t->negate = tok->negate;
	f->n++;

	if (!tok->key) {
		t->kind = TERM_WORD;
		char *w = text_fold(tok->values.v[0]);
		strv_push(&t->text, w);
		free(w);
		f->has_words = true;
		return STATUS_OK;
	}

	size_t k;
	for (k = 0; k < ARRAY_LEN(term_keys); k++)
		if (strcmp(tok->key, term_keys[k]) == 0)
			break;
	if (k == ARRAY_LEN(term_keys)) {
		struct buf keys;
		buf_init(&keys);
		for (size_t i = 0; i < ARRAY_LEN(term_keys); i++)
			buf_printf(&keys, "%s%s", i ? ", " : "", term_keys[i]);
		enum status st = status_fail(STATUS_USAGE, _("filter: column %d: unknown key '%s' (keys: %s)"),
					     tok->column + tok->negate, tok->key, keys.data);
		buf_fini(&keys);
		return st;
	}
	t->kind = (enum term_kind)k;

	for (size_t i = 0; i < tok->values.n; i++) {
		const char *v = tok->values.v[i];
		int col = tok->cols[i];
		enum status st = STATUS_OK;
		switch (t->kind) {
		case TERM_PHASE:
			st = compile_phase(t, c, v, col);
			break;
		case TERM_FIELD:
			st = compile_field(t, c, v, col);
			break;
		case TERM_LEAD:
		case TERM_MEMBER:
		case TERM_INTEREST:
			st = compile_org(t, c, v, col);
			break;
		case TERM_SERVICE:
			st = compile_service(t, c, v, col);
			break;
		case TERM_COMPONENT: {
			char *q = text_fold(v);
			strv_push(&t->text, q);
			free(q);
			break;
		}
		case TERM_PRIO:
		case TERM_STALE:
		case TERM_NUMBER:
			st = compile_range(t, tok->key, v, col);
			break;
		case TERM_REP:
		case TERM_LATE:
		case TERM_DEMO:
			st = compile_bool(t, tok->key, v, col);
			break;
		case TERM_WORD:
			break;
		}
		if (st != STATUS_OK)
			return st;
	}
	if (t->n_orgs)
		qsort(t->orgs, t->n_orgs, sizeof *t->orgs, uuid_qcmp);
	if (t->n_services)
		qsort(t->services, t->n_services, sizeof *t->services, u32_qcmp);
	return STATUS_OK;
}

enum status filter_compile(const char *expr, const struct catalog *c, struct filter **out)
{
	struct filter *f = xcalloc(1, sizeof *f);
	enum status st = STATUS_OK;
	const char *p = expr ? expr : "";

	*out = NULL;
	while (*p) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		struct token tok = {0};
		strv_init(&tok.values);
		st = token_read(expr, &p, &tok);
		if (st == STATUS_OK)
			st = compile_token(f, c, &tok);
		token_fini(&tok);
		if (st != STATUS_OK)
			goto out;
	}
	*out = f;
	return STATUS_OK;
out:
	filter_free(f);
	return st;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		term_fini(&f->terms[i]);
	free(f->terms);
	free(f);
}

/* Matching. */

static bool has_org(const struct term *t, const struct uuid *u)
{
	return bsearch(u, t->orgs, t->n_orgs, sizeof *t->orgs, uuid_qcmp) != NULL;
}

static bool in_ranges(const struct term *t, int64_t v)
{
	for (size_t i = 0; i < t->n_ranges; i++)
		if (v >= t->ranges[i].lo && v <= t->ranges[i].hi)
			return true;
	return false;
}

static bool yes_no(const struct term *t, bool v)
{
	return v ? t->accept_yes : t->accept_no;
}

struct folded_project {
	char *title;
	char *notes;
};

static bool term_match(const struct term *t, const struct catalog *c, const struct project *p,
		       int32_t today, const struct folded_project *fp)
{
	switch (t->kind) {
	case TERM_PHASE:
		return t->phases[p->phase];
	case TERM_FIELD:
		for (size_t i = 0; i < t->n_fields; i++)
			if (t->fields[i] == p->field)
				return true;
		return false;
	case TERM_LEAD: {
		const struct member *m = project_lead(p);
		return m && has_org(t, &m->org);
	}
	case TERM_MEMBER:
		for (size_t i = 0; i < p->n_team; i++)
			if (has_org(t, &p->team[i].org))
				return true;
		return false;
	case TERM_INTEREST:
		for (size_t i = 0; i < p->n_interested; i++)
			if (has_org(t, &p->interested[i]))
				return true;
		return false;
	case TERM_SERVICE:
		for (size_t i = 0; i < p->n_services; i++)
			if (t->n_services && bsearch(&p->services[i], t->services, t->n_services,
						     sizeof *t->services, u32_qcmp))
				return true;
		return false;
	case TERM_COMPONENT:
		for (size_t i = 0; i < p->components.n; i++) {
			char *comp = text_fold(p->components.v[i]);
			bool hit = false;
			for (size_t k = 0; !hit && k < t->text.n; k++)
				hit = text_word_prefix(comp, t->text.v[k]);
			free(comp);
			if (hit)
				return true;
		}
		return false;
	case TERM_PRIO:
		return in_ranges(t, p->priority);
	case TERM_NUMBER:
		return in_ranges(t, p->number);
	case TERM_STALE: {
		int64_t when = p->updated ? p->updated : p->created;
		/* Never written down: as stale as it gets. */
		int64_t days = when ? (int64_t)today - date_from_time(when) : INT64_MAX;
		return in_ranges(t, days);
	}
	case TERM_REP:
		return yes_no(t, rules_check_team(c, p).representative);
	case TERM_LATE:
		return yes_no(t, rules_late_phase(&c->phases, p, today) != 0);
	case TERM_DEMO:
		return yes_no(t, p->demo);
	case TERM_WORD:
		return strstr(fp->title, t->text.v[0]) || strstr(fp->notes, t->text.v[0]);
	}
	return false;
}

bool filter_match(const struct filter *f, const struct catalog *c, const struct project *p, int32_t today)
{
	if (!f || !f->n)
		return true;
	struct folded_project fp = {NULL, NULL};
	if (f->has_words) {
		fp.title = text_fold(p->title ? p->title : "");
		fp.notes = text_fold(p->notes ? p->notes : "");
	}
	bool ok = true;
	for (size_t i = 0; ok && i < f->n; i++)
		ok = term_match(&f->terms[i], c, p, today, &fp) != f->terms[i].negate;
	free(fp.title);
	free(fp.notes);
	return ok;
}

bool filter_is_empty(const struct filter *f)
{
	return !f || f->n == 0;
}

/* Any positive term with a single phase (field) confines every match to it. */
uint8_t filter_only_phase(const struct filter *f)
{
	for (size_t i = 0; f && i < f->n; i++) {
		const struct term *t = &f->terms[i];
		if (t->kind != TERM_PHASE || t->negate || t->n_phases != 1)
			continue;
		for (int id = 1; id < 256; id++)
			if (t->phases[id])
				return (uint8_t)id;
	}
	return 0;
}

uint16_t filter_only_field(const struct filter *f)
{
	for (size_t i = 0; f && i < f->n; i++) {
		const struct term *t = &f->terms[i];
		if (t->kind == TERM_FIELD && !t->negate && t->n_fields == 1)
			return t->fields[0];
	}
	return 0;
}

bool filter_index_exact(const struct filter *f)
{
	uint8_t phase = filter_only_phase(f);
	uint16_t field = filter_only_field(f);
	for (size_t i = 0; f && i < f->n; i++) {
		const struct term *t = &f->terms[i];
		if (t->negate)
			return false;
		if (t->kind == TERM_PHASE && phase && t->n_phases == 1 && t->phases[phase])
			continue;
		if (t->kind == TERM_FIELD && field && t->n_fields == 1 && t->fields[0] == field)
			continue;
		return false;
	}
	return true;
}
