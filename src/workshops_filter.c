/* workshops_filter.c - the filter language of the workshop and outcome lists
 * (`outcome list --filter`, the TUI's workshop screen; docs/filter.md). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ozgtui/i18n.h"
#include "workshops_internal.h"

/* ---- filter -------------------------------------------------------------------- */

/* X(NAME, key, targets: 1 outcomes, 2 workshops) */
#define WTERM_LIST(X)                                                               \
	X(FIELD, "field", 3)                                                        \
	X(KIND, "kind", 1)                                                          \
	X(STATUS, "status", 1)                                                      \
	X(OVERDUE, "overdue", 1)                                                    \
	X(OWNER, "owner", 1)                                                        \
	X(ORG, "org", 3)                                                            \
	X(DEMO, "demo", 3)

enum wterm_kind {
#define WTERM_ENUM(name, key, targets) WTERM_##name,
	WTERM_LIST(WTERM_ENUM)
#undef WTERM_ENUM
	WTERM_WORD,
};
static const char *const wterm_keys[] = {
#define WTERM_KEY(name, key, targets) key,
	WTERM_LIST(WTERM_KEY)
#undef WTERM_KEY
};
static const unsigned wterm_targets[] = {
#define WTERM_TARGET(name, key, targets) targets,
	WTERM_LIST(WTERM_TARGET)
#undef WTERM_TARGET
};

struct wterm {
	enum wterm_kind kind;
	bool negate;
	uint16_t *field_v;         /* FIELD */
	size_t n_fields;
	unsigned kinds;            /* KIND: bit per outcome kind */
	unsigned statuses;         /* STATUS: bit per status */
	bool accept_yes, accept_no;
	struct uuid *orgs;
	size_t n_orgs;
	struct strv text;          /* OWNER: folded prefixes; WORD: one folded phrase */
};

struct workshops_filter {
	struct wterm *v;
	size_t n;
};

void workshops_filter_free(struct workshops_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].field_v);
		free(f->v[i].orgs);
		strv_fini(&f->v[i].text);
	}
	free(f->v);
	free(f);
}

/* The column (1-based, in characters) of byte offset off in s. */
static int column(const char *s, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off && s[i]; i++)
		col += ((unsigned char)s[i] & 0xc0) != 0x80;
	return col;
}

static bool parse_yes_no(const char *v, bool *yes)
{
	static const char *const ys[] = {"yes", "y", "true", "1", "ja", "j"};
	static const char *const ns[] = {"no", "n", "false", "0", "nein"};
	for (size_t i = 0; i < ARRAY_LEN(ys); i++)
		if (strcasecmp(v, ys[i]) == 0)
			return *yes = true;
	for (size_t i = 0; i < ARRAY_LEN(ns); i++)
		if (strcasecmp(v, ns[i]) == 0) {
			*yes = false;
			return true;
		}
	return false;
}

/* Every field whose number is v, whose slug starts with v, or whose name has a
 * word starting with v. */
static size_t match_fields(const struct catalog *c, const char *v, struct wterm *t)
{
	char *fv = text_fold(v);
	uint32_t num = 0;
	bool is_num = parse_u32(v, &num);
	size_t before = t->n_fields;
	for (size_t i = 0; i < c->n_fields; i++) {
		const struct topic_field *f = &c->fields[i];
		bool hit = is_num ? f->number == num : false;
		if (!hit && !is_num) {
			char *slug = text_fold(str(f->slug)), *name = text_fold(str(f->name));
			hit = text_has_prefix(slug, fv) || text_word_prefix(name, fv);
			free(slug);
			free(name);
		}
		if (hit) {
			t->field_v = xrealloc(t->field_v, (t->n_fields + 1) * sizeof(*t->field_v));
			t->field_v[t->n_fields++] = f->number;
		}
	}
	free(fv);
	return t->n_fields - before;
}

static enum status compile_value(struct wterm *t, const struct catalog *c, const char *key,
				 const char *v, int col)
{
	if (!*v)
		return status_fail(STATUS_USAGE, _("filter: column %d: %s: needs a value"), col, key);
	switch (t->kind) {
	case WTERM_FIELD:
		if (!match_fields(c, v, t))
			return status_fail(STATUS_DATA, _("filter: column %d: unknown topic field '%s'"), col, v);
		return STATUS_OK;
	case WTERM_KIND: {
		enum outcome_kind k;
		if (!outcome_kind_parse(v, &k))
			return status_fail(STATUS_USAGE,
					   _("filter: column %d: unknown kind '%s' (decision, priority, bundle, "
					     "volunteer, question, action)"), col, v);
		t->kinds |= 1u << k;
		return STATUS_OK;
	}
	case WTERM_STATUS: {
		enum outcome_status s;
		if (!outcome_status_parse(v, &s))
			return status_fail(STATUS_USAGE,
					   _("filter: column %d: unknown status '%s' (open, done, dropped)"), col, v);
		t->statuses |= 1u << s;
		return STATUS_OK;
	}
	case WTERM_OVERDUE:
	case WTERM_DEMO: {
		bool yes;
		if (!parse_yes_no(v, &yes))
			return status_fail(STATUS_USAGE, _("filter: column %d: %s takes yes or no, not '%s'"), col,
					   key, v);
		if (yes)
			t->accept_yes = true;
		else
			t->accept_no = true;
		return STATUS_OK;
	}
	case WTERM_ORG: {
		const struct organisation *o = NULL;
		enum status st = catalog_find_org(c, v, &o);
		if (st != STATUS_OK) {
			char d[512];
			snprintf(d, sizeof d, "%s", status_detail());
			return status_fail(st == STATUS_NOT_FOUND ? STATUS_DATA : st,
					   _("filter: column %d: %s"), col, d[0] ? d : _("unknown organisation"));
		}
		uuid_push(&t->orgs, &t->n_orgs, &o->id);
		return STATUS_OK;
	}
	case WTERM_OWNER:
	case WTERM_WORD: {
		char *f = text_fold(v);
		strv_push(&t->text, f);
		free(f);
		return STATUS_OK;
	}
	}
	return STATUS_INTERNAL;
}

enum status workshops_filter_compile(const char *expr, const struct catalog *c,
				     enum workshops_filter_target target, struct workshops_filter **out)
{
	struct workshops_filter *f = xcalloc(1, sizeof(*f));
	unsigned tbit = target == WFILTER_OUTCOMES ? 1 : 2;
	enum status st = STATUS_OK;
	const char *s = expr ? expr : "";
	size_t i = 0;
	struct buf val;
	buf_init(&val);
	*out = NULL;
	while (st == STATUS_OK) {
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		if (!s[i])
			break;
		size_t start = i;
		struct wterm t;
		memset(&t, 0, sizeof t);
		strv_init(&t.text);
		t.kind = WTERM_WORD;
		if (s[i] == '-' && (!s[i + 1] || s[i + 1] == ' ' || s[i + 1] == '\t')) {
			st = status_fail(STATUS_USAGE, _("filter: column %d: empty term"), column(s, i));
			strv_fini(&t.text);
			break;
		}
		if (s[i] == '-') {
			t.negate = true;
			i++;
		}
		/* a key: ASCII letters directly followed by ':' */
		size_t k = i;
		while (isalpha((unsigned char)s[k]))
			k++;
		const char *key = NULL;
		if (k > i && s[k] == ':') {
			size_t kl = k - i;
			size_t j;
			for (j = 0; j < ARRAY_LEN(wterm_keys); j++)
				if (strlen(wterm_keys[j]) == kl && strncasecmp(s + i, wterm_keys[j], kl) == 0)
					break;
			if (j == ARRAY_LEN(wterm_keys) || !(wterm_targets[j] & tbit)) {
				char *bad = xstrndup(s + i, kl);
				st = status_fail(STATUS_USAGE,
						 target == WFILTER_OUTCOMES
							 ? _("filter: column %d: unknown key '%s:' for outcomes (keys: %s)")
							 : _("filter: column %d: unknown key '%s:' for workshops (keys: %s)"),
						 column(s, i), bad,
						 target == WFILTER_OUTCOMES ? "field kind status overdue owner org demo"
									    : "field org demo");
				free(bad);
				strv_fini(&t.text);
				break;
			}
			t.kind = (enum wterm_kind)j;
			key = wterm_keys[j];
			i = k + 1;
		}
		/* values up to an unquoted space; commas split values of a key */
		bool quoted = false;
		buf_reset(&val);
		size_t vstart = i;
		for (;;) {
			char ch = s[i];
			if (ch == '"') {
				quoted = !quoted;
				i++;
				continue;
			}
			bool end = !ch || (!quoted && (ch == ' ' || ch == '\t'));
			bool comma = key && !quoted && ch == ',';
			if (end || comma) {
				if (!ch && quoted) {
					st = status_fail(STATUS_USAGE, _("filter: column %d: unmatched quote"),
							 column(s, start));
					break;
				}
				st = compile_value(&t, c, key ? key : "word", val.data ? val.data : "",
						   column(s, vstart));
				if (st != STATUS_OK || end)
					break;
				buf_reset(&val);
				i++;
				vstart = i;
				continue;
			}
			buf_putc(&val, ch);
			i++;
		}
		f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
		f->v[f->n++] = t;
	}
	buf_fini(&val);
	if (st != STATUS_OK) {
		workshops_filter_free(f);
		return st;
	}
	*out = f;
	return STATUS_OK;
}

static bool words_in(const struct strv *words, const char *const *texts, size_t n)
{
	for (size_t w = 0; w < words->n; w++) {
		bool hit = false;
		for (size_t i = 0; i < n && !hit; i++) {
			if (!texts[i])
				continue;
			char *f = text_fold(texts[i]);
			hit = strstr(f, words->v[w]) != NULL;
			free(f);
		}
		if (!hit)
			return false;
	}
	return true;
}

static bool field_in(const struct wterm *t, uint16_t field)
{
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->field_v[i] == field)
			return true;
	return false;
}

static bool orgs_hit(const struct wterm *t, const struct uuid *v, size_t n)
{
	for (size_t i = 0; i < t->n_orgs; i++)
		if (uuid_in(v, n, &t->orgs[i]))
			return true;
	return false;
}

bool workshops_filter_outcome(const struct workshops_filter *f, const struct outcome *o, uint16_t field,
			      int32_t today)
{
	for (size_t i = 0; f && i < f->n; i++) {
		const struct wterm *t = &f->v[i];
		bool m = true;
		switch (t->kind) {
		case WTERM_FIELD: m = field_in(t, field); break;
		case WTERM_KIND: m = (t->kinds >> o->kind) & 1u; break;
		case WTERM_STATUS: m = (t->statuses >> o->status) & 1u; break;
		case WTERM_OVERDUE: {
			bool v = workshops_overdue(o, today);
			m = v ? t->accept_yes : t->accept_no;
			break;
		}
		case WTERM_DEMO: m = o->demo ? t->accept_yes : t->accept_no; break;
		case WTERM_ORG: m = orgs_hit(t, o->orgs, o->n_orgs); break;
		case WTERM_OWNER: {
			char *fo = text_fold(str(o->owner));
			m = false;
			for (size_t k = 0; k < t->text.n && !m; k++)
				m = text_word_prefix(fo, t->text.v[k]);
			free(fo);
			break;
		}
		case WTERM_WORD: {
			const char *texts[] = {o->text, o->owner};
			m = words_in(&t->text, texts, ARRAY_LEN(texts));
			break;
		}
		}
		if (m == t->negate)
			return false;
	}
	return true;
}

bool workshops_filter_workshop(const struct workshops_filter *f, const struct workshop *w)
{
	for (size_t i = 0; f && i < f->n; i++) {
		const struct wterm *t = &f->v[i];
		bool m = true;
		switch (t->kind) {
		case WTERM_FIELD: m = field_in(t, w->field); break;
		case WTERM_DEMO: m = w->demo ? t->accept_yes : t->accept_no; break;
		case WTERM_ORG: m = orgs_hit(t, w->participants, w->n_participants); break;
		case WTERM_WORD: {
			const char *texts[] = {w->title, w->place, w->notes};
			m = words_in(&t->text, texts, ARRAY_LEN(texts));
			break;
		}
		default: break;   /* outcome keys are refused at compile time */
		}
		if (m == t->negate)
			return false;
	}
	return true;
}
