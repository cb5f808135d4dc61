/* model.c - the entities' small helpers: UUIDs, the enums with their codes
 * and labels, project helpers and phase lists. Record codecs: model_codec.c.
 */
#include "ozgtui/model.h"
#include "ozgtui/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>   /* uuid_generate, uuid_generate_sha1; no name of ours is libuuid's */

#include "model_internal.h"

/* ---- UUIDs ------------------------------------------------------------------ */

/* ozgtui's namespace for name-based UUIDs: 336f9b16-2a3c-4b13-b5ad-6ba7ed0346a9
 * (chosen at random once; never change it, reference data keys depend on it). */
static const unsigned char uuid_namespace[16] = {
	0x33, 0x6f, 0x9b, 0x16, 0x2a, 0x3c, 0x4b, 0x13,
	0xb5, 0xad, 0x6b, 0xa7, 0xed, 0x03, 0x46, 0xa9,
};

void uuid_new(struct uuid *u)
{
	uuid_generate(u->b);
}

void uuid_from_name(struct uuid *u, const char *name)
{
	uuid_generate_sha1(u->b, uuid_namespace, name, strlen(name));
}

bool uuid_is_nil(const struct uuid *u)
{
	for (size_t i = 0; i < sizeof(u->b); i++)
		if (u->b[i])
			return false;
	return true;
}

int uuid_cmp(const struct uuid *a, const struct uuid *b)
{
	return memcmp(a->b, b->b, sizeof(a->b));
}

void uuid_format(const struct uuid *u, char out[static 37])
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (size_t i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[u->b[i] >> 4];
		out[o++] = hex[u->b[i] & 15];
	}
	out[o] = '\0';
}

bool uuid_from_text(const char *s, struct uuid *u)
{
	struct uuid tmp;
	size_t o = 0;
	if (!s || strlen(s) != 36)
		return false;
	for (size_t i = 0; i < 36;) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
			i++;
			continue;
		}
		int hi = text_hex_digit(s[i]), lo = text_hex_digit(s[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		tmp.b[o++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	*u = tmp;
	return true;
}

/* ---- enums ------------------------------------------------------------------ */

/* Finds s among n items by code, German label or English label (msgid; NULL:
 * none): exact (folded) match of any first, else a unique folded prefix of
 * the code or the German label. Returns the index or -1. */
static int enum_find(const char *s, const char *const *codes, const char *const *labels,
		     const char *const *labels_en, size_t n)
{
	int found = -1;
	char *q = text_fold(s);
	if (!*q)
		goto out;
	for (size_t i = 0; i < n && found < 0; i++) {
		char *c = text_fold(codes[i]), *l = text_fold(labels[i]);
		char *e = text_fold(labels_en ? labels_en[i] : "");
		if (strcmp(c, q) == 0 || strcmp(l, q) == 0 || (*e && strcmp(e, q) == 0))
			found = (int)i;
		free(c);
		free(l);
		free(e);
	}
	if (found >= 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *c = text_fold(codes[i]), *l = text_fold(labels[i]);
		bool hit = text_has_prefix(c, q) || text_has_prefix(l, q);
		free(c);
		free(l);
		if (!hit)
			continue;
		if (found >= 0) {
			found = -1;
			goto out;
		}
		found = (int)i;
	}
out:
	free(q);
	return found;
}

#define ENUM_CODE(name, code, label, label_de) code,
#define ENUM_LABEL(name, code, label, label_de) label,
#define ENUM_LABEL_DE(name, code, label, label_de) label_de,

static const char *const category_codes[] = {
#define CAT_CODE(name, v, code, label, label_de) code,
	CATEGORY_LIST(CAT_CODE)
#undef CAT_CODE
};
static const char *const category_labels[] = {
#define CAT_LABEL(name, v, code, label, label_de) label,
	CATEGORY_LIST(CAT_LABEL)
#undef CAT_LABEL
};
static const char *const category_labels_de[] = {
#define CAT_LABEL_DE(name, v, code, label, label_de) label_de,
	CATEGORY_LIST(CAT_LABEL_DE)
#undef CAT_LABEL_DE
};

const char *category_code(enum category c)
{
	return c >= 1 && c <= CAT__MAX ? category_codes[c - 1] : "";
}

const char *category_label(enum category c)
{
	return c >= 1 && c <= CAT__MAX ? _(category_labels[c - 1]) : "";
}

const char *category_label_de(enum category c)
{
	return c >= 1 && c <= CAT__MAX ? category_labels_de[c - 1] : "";
}

bool category_parse(const char *s, enum category *out)
{
	if (s[0] >= '1' && s[0] <= '0' + CAT__MAX && s[1] == '\0') {
		*out = (enum category)(s[0] - '0');
		return true;
	}
	int i = enum_find(s, category_codes, category_labels_de, category_labels, ARRAY_LEN(category_codes));
	if (i < 0)
		return false;
	*out = (enum category)(i + 1);
	return true;
}

void category_mask_format(struct buf *b, uint32_t mask)
{
	bool first = true;
	for (int c = 1; c <= CAT__MAX; c++) {
		if (!(mask & CAT_BIT(c)))
			continue;
		if (!first)
			buf_putc(b, ',');
		buf_puts(b, category_code((enum category)c));
		first = false;
	}
}

bool category_mask_parse(const char *s, uint32_t *mask, char **bad)
{
	uint32_t m = 0;
	bool ok = true;
	char *copy = xstrdup(s);
	char *save = NULL;
	if (bad)
		*bad = NULL;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		enum category c;
		text_trim(item);
		if (!*item)
			continue;
		if (!category_parse(item, &c)) {
			if (bad)
				*bad = xstrdup(item);
			ok = false;
			goto out;
		}
		m |= CAT_BIT(c);
	}
	*mask = m;
out:
	free(copy);
	return ok;
}

static const char *const org_kind_codes[] = {ORG_KIND_LIST(ENUM_CODE)};
static const char *const org_kind_labels[] = {ORG_KIND_LIST(ENUM_LABEL)};
static const char *const org_kind_labels_de[] = {ORG_KIND_LIST(ENUM_LABEL_DE)};

const char *org_kind_code(enum org_kind k)
{
	return (unsigned)k < ORG__COUNT ? org_kind_codes[k] : "";
}

const char *org_kind_label(enum org_kind k)
{
	return (unsigned)k < ORG__COUNT ? _(org_kind_labels[k]) : "";
}

const char *org_kind_label_de(enum org_kind k)
{
	return (unsigned)k < ORG__COUNT ? org_kind_labels_de[k] : "";
}

bool org_kind_parse(const char *s, enum org_kind *out)
{
	int i = enum_find(s, org_kind_codes, org_kind_labels_de, org_kind_labels, ORG__COUNT);
	if (i < 0)
		return false;
	*out = (enum org_kind)i;
	return true;
}

static const char *const role_codes[] = {ROLE_LIST(ENUM_CODE)};
static const char *const role_labels[] = {ROLE_LIST(ENUM_LABEL)};
static const char *const role_labels_de[] = {ROLE_LIST(ENUM_LABEL_DE)};
#define ROLE__MAX ((int)ARRAY_LEN(role_codes))

const char *role_code(enum role r)
{
	return (int)r >= 1 && (int)r <= ROLE__MAX ? role_codes[r - 1] : "";
}

const char *role_label(enum role r)
{
	return (int)r >= 1 && (int)r <= ROLE__MAX ? _(role_labels[r - 1]) : "";
}

const char *role_label_de(enum role r)
{
	return (int)r >= 1 && (int)r <= ROLE__MAX ? role_labels_de[r - 1] : "";
}

bool role_parse(const char *s, enum role *out)
{
	int i = enum_find(s, role_codes, role_labels_de, role_labels, ARRAY_LEN(role_codes));
	if (i < 0)
		return false;
	*out = (enum role)(i + 1);
	return true;
}

static const char *const outcome_kind_codes[] = {OUTCOME_KIND_LIST(ENUM_CODE)};
static const char *const outcome_kind_labels[] = {OUTCOME_KIND_LIST(ENUM_LABEL)};
static const char *const outcome_kind_labels_de[] = {OUTCOME_KIND_LIST(ENUM_LABEL_DE)};

const char *outcome_kind_code(enum outcome_kind k)
{
	return (unsigned)k < OUTCOME__COUNT ? outcome_kind_codes[k] : "";
}

const char *outcome_kind_label(enum outcome_kind k)
{
	return (unsigned)k < OUTCOME__COUNT ? _(outcome_kind_labels[k]) : "";
}

const char *outcome_kind_label_de(enum outcome_kind k)
{
	return (unsigned)k < OUTCOME__COUNT ? outcome_kind_labels_de[k] : "";
}

bool outcome_kind_parse(const char *s, enum outcome_kind *out)
{
	int i = enum_find(s, outcome_kind_codes, outcome_kind_labels_de, outcome_kind_labels, OUTCOME__COUNT);
	if (i < 0)
		return false;
	*out = (enum outcome_kind)i;
	return true;
}

#define STATUS_CODE(name, code, label) code,
#define STATUS_LABEL(name, code, label) label,
static const char *const outcome_status_codes[] = {OUTCOME_STATUS_LIST(STATUS_CODE)};
static const char *const outcome_status_labels[] = {OUTCOME_STATUS_LIST(STATUS_LABEL)};
#undef STATUS_CODE
#undef STATUS_LABEL
#define OUTCOME_STATUS__COUNT ARRAY_LEN(outcome_status_codes)

const char *outcome_status_code(enum outcome_status s)
{
	return (unsigned)s < OUTCOME_STATUS__COUNT ? outcome_status_codes[s] : "";
}

bool outcome_status_parse(const char *s, enum outcome_status *out)
{
	int i = enum_find(s, outcome_status_codes, outcome_status_labels, NULL, OUTCOME_STATUS__COUNT);
	if (i < 0)
		return false;
	*out = (enum outcome_status)i;
	return true;
}

uint32_t service_delivery(const struct service *s)
{
	return s->categories ? s->categories : CAT_DEFAULT_DELIVERY;
}

/* ---- project ------------------------------------------------------------------ */

const struct member *project_lead(const struct project *p)
{
	for (size_t i = 0; i < p->n_team; i++)
		if (p->team[i].role == ROLE_LEAD)
			return &p->team[i];
	return NULL;
}

const struct member *project_member(const struct project *p, const struct uuid *org)
{
	for (size_t i = 0; i < p->n_team; i++)
		if (uuid_cmp(&p->team[i].org, org) == 0)
			return &p->team[i];
	return NULL;
}

bool project_set_member(struct project *p, const struct uuid *org, enum role role)
{
	for (size_t i = 0; i < p->n_team; i++) {
		if (uuid_cmp(&p->team[i].org, org) != 0)
			continue;
		if (p->team[i].role == role)
			return false;
		p->team[i].role = role;
		return true;
	}
	p->team = xrealloc(p->team, (p->n_team + 1) * sizeof(*p->team));
	p->team[p->n_team].org = *org;
	p->team[p->n_team].role = role;
	p->n_team++;
	return true;
}

bool project_remove_member(struct project *p, const struct uuid *org)
{
	for (size_t i = 0; i < p->n_team; i++) {
		if (uuid_cmp(&p->team[i].org, org) != 0)
			continue;
		memmove(&p->team[i], &p->team[i + 1], (p->n_team - i - 1) * sizeof(*p->team));
		p->n_team--;
		return true;
	}
	return false;
}

bool project_has_service(const struct project *p, uint32_t ozg_id)
{
	for (size_t i = 0; i < p->n_services; i++)
		if (p->services[i] == ozg_id)
			return true;
	return false;
}

void project_add_service(struct project *p, uint32_t ozg_id)
{
	if (!project_has_service(p, ozg_id))
		push_u32(&p->services, &p->n_services, ozg_id);
}

bool project_is_interested(const struct project *p, const struct uuid *org)
{
	return has_uuid(p->interested, p->n_interested, org);
}

void project_add_interest(struct project *p, const struct uuid *org)
{
	if (!project_is_interested(p, org))
		push_uuid(&p->interested, &p->n_interested, org);
}

const struct phase_date *project_date_const(const struct project *p, uint8_t phase)
{
	for (size_t i = 0; i < p->n_dates; i++)
		if (p->dates[i].phase == phase)
			return &p->dates[i];
	return NULL;
}

struct phase_date *project_date(struct project *p, uint8_t phase, bool create)
{
	for (size_t i = 0; i < p->n_dates; i++)
		if (p->dates[i].phase == phase)
			return &p->dates[i];
	if (!create)
		return NULL;
	p->dates = xrealloc(p->dates, (p->n_dates + 1) * sizeof(*p->dates));
	struct phase_date *d = &p->dates[p->n_dates++];
	d->phase = phase;
	d->planned = 0;
	d->reached = 0;
	return d;
}

void phase_list_init(struct phase_list *l)
{
	l->v = NULL;
	l->n = 0;
}

void phase_list_fini(struct phase_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].slug);
	}
	free(l->v);
	phase_list_init(l);
}


void phase_list_copy(struct phase_list *dst, const struct phase_list *src)
{
	phase_list_init(dst);
	for (size_t i = 0; i < src->n; i++) {
		const struct phase *p = &src->v[i];
		phase_list_add(dst, p->id, p->name, p->slug, p->outside_line, p->closed);
	}
}

void phase_list_default(struct phase_list *l)
{
	static const struct {
		const char *name, *slug;
		bool outside_line, closed;
	} def[] = {
		{"Sichtung", "sichtung", false, false},
		{"Workshop", "workshop", false, false},
		{"Entscheidung", "entscheidung", false, false},
		{"Konzeption", "konzeption", false, false},
		{"Umsetzung", "umsetzung", false, false},
		{"Pilotierung", "pilotierung", false, false},
		{"Rollout", "rollout", false, false},
		{"Betrieb", "betrieb", false, true},
		{"Pausiert", "pausiert", true, false},
		{"Abgebrochen", "abgebrochen", true, true},
	};
	phase_list_init(l);
	for (size_t i = 0; i < ARRAY_LEN(def); i++)
		phase_list_add(l, (uint8_t)(i + 1), def[i].name, def[i].slug,
			       def[i].outside_line, def[i].closed);
}

/* The KDN dashboard's statuses (data/kdn_umsetzungsstatus.csv). "Start
 * bundesweiter Roll-out" was deleted there in 2022 and is left out; a project
 * at "Start Roll-out NRW" is still active (the line has no closed end). */
void phase_list_kdn(struct phase_list *l)
{
	static const struct {
		const char *name, *slug;
		bool outside_line, closed;
	} kdn[] = {
		{"Vorbereitung NRW", "vorbereitung", false, false},
		{"Konzeption NRW", "konzeption", false, false},
		{"Umsetzung NRW", "umsetzung", false, false},
		{"Pilotierung NRW", "pilotierung", false, false},
		{"Start Roll-out NRW", "rollout", false, false},
		{"Zurückgestellt", "zurueckgestellt", true, false},
		{"Abgebrochen", "abgebrochen", true, true},
	};
	phase_list_init(l);
	for (size_t i = 0; i < ARRAY_LEN(kdn); i++)
		phase_list_add(l, (uint8_t)(i + 1), kdn[i].name, kdn[i].slug,
			       kdn[i].outside_line, kdn[i].closed);
}

const struct phase *phase_list_get(const struct phase_list *l, uint8_t id)
{
	int i = phase_list_index(l, id);
	return i < 0 ? NULL : &l->v[i];
}

uint8_t phase_list_first(const struct phase_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].outside_line)
			return l->v[i].id;
	return l->n ? l->v[0].id : 0;
}

int phase_list_index(const struct phase_list *l, uint8_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return (int)i;
	return -1;
}

static void phase_names(struct buf *b, const struct phase_list *l, const bool *only)
{
	bool first = true;
	for (size_t i = 0; i < l->n; i++) {
		if (only && !only[i])
			continue;
		if (!first)
			buf_puts(b, ", ");
		buf_puts(b, l->v[i].name ? l->v[i].name : "");
		first = false;
	}
}

enum status phase_list_find(const struct phase_list *l, const char *name, uint8_t *id)
{
	enum status st = STATUS_OK;
	char *q = text_fold(name);
	bool *hit = xcalloc(l->n ? l->n : 1, sizeof(*hit));
	size_t n_hits = 0, last = 0;
	struct buf b;
	buf_init(&b);

	for (int pass = 0; pass < 2 && n_hits == 0 && *q; pass++) {
		for (size_t i = 0; i < l->n; i++) {
			char *fn = text_fold(l->v[i].name ? l->v[i].name : "");
			char *fs = text_fold(l->v[i].slug ? l->v[i].slug : "");
			bool m = pass == 0 ? strcmp(fn, q) == 0 || strcmp(fs, q) == 0
					   : text_has_prefix(fn, q) || text_has_prefix(fs, q);
			free(fn);
			free(fs);
			if (!m)
				continue;
			hit[i] = true;
			last = i;
			n_hits++;
			/* An exact match is the answer even if a name repeats. */
			if (pass == 0)
				break;
		}
	}
	if (n_hits == 1) {
		*id = l->v[last].id;
	} else if (n_hits > 1) {
		phase_names(&b, l, hit);
		st = status_fail(STATUS_DATA, _("ambiguous phase '%s': %s"), name, b.data);
	} else {
		phase_names(&b, l, NULL);
		st = status_fail(STATUS_NOT_FOUND, _("unknown phase '%s' (phases: %s)"), name, b.data);
	}
	buf_fini(&b);
	free(hit);
	free(q);
	return st;
}

uint8_t phase_list_next(const struct phase_list *l, uint8_t id)
{
	int i = phase_list_index(l, id);
	if (i < 0 || l->v[i].outside_line)
		return 0;
	for (size_t j = (size_t)i + 1; j < l->n; j++)
		if (!l->v[j].outside_line)
			return l->v[j].id;
	return 0;
}

uint8_t phase_list_prev(const struct phase_list *l, uint8_t id)
{
	int i = phase_list_index(l, id);
	if (i < 0 || l->v[i].outside_line)
		return 0;
	for (int j = i - 1; j >= 0; j--)
		if (!l->v[j].outside_line)
			return l->v[j].id;
	return 0;
}
