/* refdata.c - seeding a new database from the reference data embedded from data/.
 *
 * Each CSV file is read whole with libcsv into a table of strings (header row,
 * then records with the line each ends on). Columns are found by their header
 * name, so a file with reordered or extra columns still loads; a missing column,
 * a record of the wrong width, a malformed number or an unknown value is
 * STATUS_DATA with "data/FILE:LINE: reason". What each file contributes and how
 * the categories are derived is described in docs/data-provenance.md.
 */
#include "ozgtui/refdata.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/model.h"
#include "ozgtui/util.h"
#include "ozgtui/i18n.h"

#define F_FIELDS "ozg_themenfelder.csv"
#define F_SERVICES "ozg_leistungen.csv"
#define F_ORGS "nrw_kommunen.csv"
#define F_PROVIDERS "kdn_dienstleister_2019.csv"

struct csv_row {
	struct strv cells;
	size_t line;   /* the line the record ends on */
};

struct csv_table {
	const char *name;   /* base name, "ozg_leistungen.csv" */
	struct strv header;
	struct csv_row *rows;
	size_t n_rows;
	size_t cap_rows;
};

/* State shared with the libcsv callbacks. */
struct csv_state {
	struct csv_table *t;
	struct strv cur;
	size_t line;
	bool have_header;
	bool failed;   /* a detail was recorded with status_fail */
};

static void table_fini(struct csv_table *t)
{
	strv_fini(&t->header);
	for (size_t i = 0; i < t->n_rows; i++)
		strv_fini(&t->rows[i].cells);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

static void csv_on_field(void *data, size_t len, void *arg)
{
	struct csv_state *st = arg;
	const char *s = data ? data : "";
	if (st->failed)
		return;
	if (memchr(s, '\0', len) || !text_valid_utf8(s, len)) {
		st->failed = true;
		status_fail(STATUS_DATA, _("data/%s:%zu: not valid UTF-8 text"), st->t->name, st->line);
		return;
	}
	char *copy = xstrndup(s, len);
	strv_push(&st->cur, text_trim(copy));
	free(copy);
}

static void csv_on_record(int term, void *arg)
{
	struct csv_state *st = arg;
	struct csv_table *t = st->t;
	(void)term;
	if (st->failed)
		goto out;
	if (!st->have_header) {
		strv_copy(&t->header, &st->cur);
		st->have_header = true;
		goto out;
	}
	if (st->cur.n != t->header.n) {
		st->failed = true;
		status_fail(STATUS_DATA, _("data/%s:%zu: %zu fields where the header has %zu"),
			    t->name, st->line, st->cur.n, t->header.n);
		goto out;
	}
	xgrow((void **)&t->rows, &t->cap_rows, t->n_rows + 1, sizeof(*t->rows));
	struct csv_row *r = &t->rows[t->n_rows++];
	r->cells = st->cur;
	r->line = st->line;
	strv_init(&st->cur);
	return;
out:
	strv_fini(&st->cur);
	strv_init(&st->cur);
}

/* Where the files come from: the embedded ones unless replaced. */
struct sources {
	const struct refdata_file *over;
	size_t n_over;
};

static const struct refdata_file *source_file(const struct sources *src, const char *name)
{
	for (size_t i = 0; i < src->n_over; i++)
		if (strcmp(src->over[i].name, name) == 0)
			return &src->over[i];
	return refdata_file(name);
}

/* Reads the file `name` into t. The data is fed to libcsv one line at a
 * time so that every record knows its line number. */
static enum status table_load(struct csv_table *t, const struct sources *src, const char *name)
{
	enum status ret = STATUS_OK;
	struct csv_parser p;
	struct csv_state st = {.t = t};
	bool parser_ready = false;

	memset(t, 0, sizeof(*t));
	t->name = name;
	strv_init(&st.cur);
	const struct refdata_file *f = source_file(src, name);
	if (!f) {
		ret = status_fail(STATUS_INTERNAL, _("data/%s: not embedded in this build"), name);
		goto out;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		ret = status_fail(STATUS_INTERNAL, _("data/%s: cannot start the CSV parser"), name);
		goto out;
	}
	parser_ready = true;

	const char *data = (const char *)f->data;
	size_t len = f->len, pos = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;   /* a byte order mark from a spreadsheet export */
	while (pos < len && !st.failed) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t chunk = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
		st.line++;
		if (csv_parse(&p, data + pos, chunk, csv_on_field, csv_on_record, &st) != chunk) {
			ret = status_fail(STATUS_DATA, _("data/%s:%zu: %s"), name, st.line,
					  csv_strerror(csv_error(&p)));
			goto out;
		}
		pos += chunk;
	}
	if (!st.failed && csv_fini(&p, csv_on_field, csv_on_record, &st) != 0) {
		ret = status_fail(STATUS_DATA, _("data/%s:%zu: %s"), name, st.line,
				  csv_strerror(csv_error(&p)));
		goto out;
	}
	if (st.failed) {
		ret = STATUS_DATA;
		goto out;
	}
	if (!st.have_header)
		ret = status_fail(STATUS_DATA, _("data/%s:1: empty file, no header"), name);
out:
	if (parser_ready)
		csv_free(&p);
	strv_fini(&st.cur);
	if (ret != STATUS_OK)
		table_fini(t);
	return ret;
}

/* Finds the columns named in names[0..n) and stores their indexes in idx. */
static enum status table_columns(const struct csv_table *t, const char *const *names, size_t n,
				 size_t *idx)
{
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < t->header.n; j++)
			if (strcmp(t->header.v[j], names[i]) == 0)
				break;
		if (j == t->header.n)
			return status_fail(STATUS_DATA, _("data/%s:1: no column '%s' in the header"),
					   t->name, names[i]);
		idx[i] = j;
	}
	return STATUS_OK;
}

static enum status row_fail(const struct csv_table *t, const struct csv_row *r,
			    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum status row_fail(const struct csv_table *t, const struct csv_row *r,
			    const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return status_fail(STATUS_DATA, _("data/%s:%zu: %s"), t->name, r->line, msg);
}

static bool all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static char *dup_or_null(const char *s)
{
	return *s ? xstrdup(s) : NULL;
}

enum status refdata_column(const char *name, const char *column, struct strv *out)
{
	const struct sources src = {NULL, 0};
	struct csv_table t;
	size_t c = 0;
	enum status ret = table_load(&t, &src, name);
	if (ret != STATUS_OK)
		return ret;
	if ((ret = table_columns(&t, &column, 1, &c)) == STATUS_OK)
		for (size_t i = 0; i < t.n_rows; i++)
			strv_push(out, t.rows[i].cells.v[c]);
	table_fini(&t);
	return ret;
}

/* ---- topic fields -------------------------------------------------------- */

enum { FC_NUMBER, FC_NAME, FC_ALT, FC_SLUG, FC__N };
static const char *const field_columns[FC__N] = {"themenfeld_nr", "name", "alternativname", "slug"};

static enum status seed_fields(struct txn *txn, const struct sources *src, bool known[256],
			       size_t *count)
{
	struct csv_table t;
	size_t c[FC__N] = {0};
	enum status ret = table_load(&t, src, F_FIELDS);
	if (ret != STATUS_OK)
		return ret;
	if ((ret = table_columns(&t, field_columns, FC__N, c)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < t.n_rows; i++) {
		const struct csv_row *r = &t.rows[i];
		char *const *v = r->cells.v;
		uint32_t nr;
		/* Field numbers key the per-(phase, field) counters: 1..255. */
		if (!parse_u32(v[c[FC_NUMBER]], &nr) || nr == 0 || nr > 255) {
			ret = row_fail(&t, r, "topic field number '%s' is not 1..255", v[c[FC_NUMBER]]);
			goto out;
		}
		if (known[nr]) {
			ret = row_fail(&t, r, "topic field number %s appears twice", v[c[FC_NUMBER]]);
			goto out;
		}
		if (!*v[c[FC_NAME]] || !*v[c[FC_SLUG]]) {
			ret = row_fail(&t, r, "topic field %s has no name or slug", v[c[FC_NUMBER]]);
			goto out;
		}
		known[nr] = true;
		struct topic_field f;
		topic_field_init(&f);
		f.number = (uint16_t)nr;
		f.name = xstrdup(v[c[FC_NAME]]);
		f.slug = xstrdup(v[c[FC_SLUG]]);
		f.alt_name = dup_or_null(v[c[FC_ALT]]);
		ret = store_field_put(txn, &f);
		topic_field_fini(&f);
		if (ret != STATUS_OK)
			goto out;
		(*count)++;
	}
out:
	table_fini(&t);
	return ret;
}

/* ---- services ------------------------------------------------------------ */

enum { SC_ID, SC_NAME, SC_FIELD, SC_LAGE, SC__N };
static const char *const service_columns[SC__N] = {"ozg_id", "name", "themenfeld_nr", "lage"};

static enum status seed_services(struct txn *txn, const struct sources *src,
				 const bool known[256], size_t *count)
{
	struct csv_table t;
	size_t c[SC__N] = {0};
	uint32_t *ids = NULL;
	enum status ret = table_load(&t, src, F_SERVICES);
	if (ret != STATUS_OK)
		return ret;
	if ((ret = table_columns(&t, service_columns, SC__N, c)) != STATUS_OK)
		goto out;
	ids = xcalloc(t.n_rows ? t.n_rows : 1, sizeof(*ids));
	for (size_t i = 0; i < t.n_rows; i++) {
		const struct csv_row *r = &t.rows[i];
		char *const *v = r->cells.v;
		uint32_t id, nr;
		if (!parse_u32(v[c[SC_ID]], &id) || id == 0) {
			ret = row_fail(&t, r, "OZG id '%s' is not a positive number", v[c[SC_ID]]);
			goto out;
		}
		for (size_t j = 0; j < i; j++) {
			if (ids[j] == id) {
				ret = row_fail(&t, r, "OZG id %s appears twice", v[c[SC_ID]]);
				goto out;
			}
		}
		ids[i] = id;
		if (!parse_u32(v[c[SC_FIELD]], &nr) || nr > 255 || !known[nr]) {
			ret = row_fail(&t, r, "unknown topic field '%s'", v[c[SC_FIELD]]);
			goto out;
		}
		if (!*v[c[SC_NAME]]) {
			ret = row_fail(&t, r, "OZG service %s has no name", v[c[SC_ID]]);
			goto out;
		}
		struct service s;
		service_init(&s);
		s.ozg_id = id;
		s.name = xstrdup(v[c[SC_NAME]]);
		s.field = (uint16_t)nr;
		s.life_situation = dup_or_null(v[c[SC_LAGE]]);
		s.categories = 0;   /* nobody has said yet: categories 1-4 by default */
		ret = store_service_put(txn, &s);
		service_fini(&s);
		if (ret != STATUS_OK)
			goto out;
		(*count)++;
	}
out:
	free(ids);
	table_fini(&t);
	return ret;
}

/* ---- municipalities and counties ------------------------------------------ */

/* The legal type (column typ) decides the category of the representativeness
 * rule (DOMAIN.md). An unknown type is an error: someone must decide its category. */
static const struct {
	const char *typ;
	enum category category;
	bool county;
} typ_categories[] = {
	{"kreisfreie Stadt", CAT_CITY, false},
	{"Große kreisangehörige Stadt", CAT_LARGE_TOWN, false},
	{"Mittlere kreisangehörige Stadt", CAT_MEDIUM_TOWN, false},
	{"kreisangehörige Stadt", CAT_MUNICIPALITY, false},
	{"kreisangehörige Gemeinde", CAT_MUNICIPALITY, false},
	{"Kreis", CAT_COUNTY, true},
};

/* Exceptions to the table above, by AGS. Stadt Aachen is kreisangehörig in the
 * Städteregion Aachen (typ "kreisangehörige Stadt"), but under § 1 Aachen-Gesetz
 * it has the legal status of a kreisfreie Stadt (the file's hinweis says so) and
 * delivers a city's services: for the rule it is at the city end, not the village end. */
static const struct {
	const char *ags;
	enum category category;
} category_overrides[] = {
	{"05334002", CAT_CITY},
};

enum {
	OC_AGS, OC_NAME, OC_EBENE, OC_TYP, OC_KREIS, OC_POP, OC_SIZE, OC_REGION, OC__N
};
static const char *const org_columns[OC__N] = {
	"ags", "name", "ebene", "typ", "kreis_ags", "einwohner_zensus_2022", "groessenklasse",
	"regierungsbezirk",
};

/* A county's name as shown: "Kleve, Kreis" in the Gemeindeverzeichnis' own
 * "Name, Bezeichnung" style (as in "Kleve, Stadt"), unless the name already says
 * what it is ("Rhein-Kreis Neuss", "Hochsauerlandkreis", "Städteregion Aachen"). */
static char *county_name(const char *name)
{
	char *folded = text_fold(name);
	bool says = strstr(folded, "kreis") || strstr(folded, "stadteregion");
	free(folded);
	return says ? xstrdup(name) : xasprintf("%s, Kreis", name);
}

static enum status seed_orgs(struct txn *txn, const struct sources *src, size_t *count)
{
	struct csv_table t;
	size_t c[OC__N] = {0};
	struct strv seen, counties;
	enum status ret;

	strv_init(&seen);
	strv_init(&counties);
	if ((ret = table_load(&t, src, F_ORGS)) != STATUS_OK)
		goto out_strv;
	if ((ret = table_columns(&t, org_columns, OC__N, c)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < t.n_rows; i++) {
		const struct csv_row *r = &t.rows[i];
		char *const *v = r->cells.v;
		const char *ags = v[c[OC_AGS]], *typ = v[c[OC_TYP]], *ebene = v[c[OC_EBENE]];
		bool county;
		if (strcmp(ebene, "Kreis") == 0)
			county = true;
		else if (strcmp(ebene, "Gemeinde") == 0)
			county = false;
		else {
			ret = row_fail(&t, r, "unknown ebene '%s' (Gemeinde or Kreis)", ebene);
			goto out;
		}
		if (!all_digits(ags, county ? 5 : 8)) {
			ret = row_fail(&t, r, county ? "county AGS '%s' is not 5 digits"
						     : "municipality AGS '%s' is not 8 digits", ags);
			goto out;
		}
		if (strv_contains(&seen, ags)) {
			ret = row_fail(&t, r, "AGS %s appears twice", ags);
			goto out;
		}
		strv_push(&seen, ags);
		size_t k;
		for (k = 0; k < ARRAY_LEN(typ_categories); k++)
			if (strcmp(typ, typ_categories[k].typ) == 0)
				break;
		if (k == ARRAY_LEN(typ_categories)) {
			ret = row_fail(&t, r, "unknown typ '%s'", typ);
			goto out;
		}
		if (typ_categories[k].county != county) {
			ret = row_fail(&t, r, "typ '%s' does not fit its ebene", typ);
			goto out;
		}
		enum category cat = typ_categories[k].category;
		for (size_t o = 0; o < ARRAY_LEN(category_overrides); o++)
			if (strcmp(ags, category_overrides[o].ags) == 0)
				cat = category_overrides[o].category;
		uint32_t pop;
		if (!parse_u32(v[c[OC_POP]], &pop)) {
			ret = row_fail(&t, r, "population '%s' is not a number", v[c[OC_POP]]);
			goto out;
		}
		const char *kreis = v[c[OC_KREIS]];
		if (*kreis && (county || !all_digits(kreis, 5))) {
			ret = row_fail(&t, r, "kreis_ags '%s' is not the 5-digit AGS of a county", kreis);
			goto out;
		}
		if (!*v[c[OC_NAME]]) {
			ret = row_fail(&t, r, "AGS %s has no name", ags);
			goto out;
		}
		if (county)
			strv_push(&counties, ags);

		struct organisation o;
		organisation_init(&o);
		char *key = xasprintf("ags:%s", ags);
		uuid_from_name(&o.id, key);
		free(key);
		o.kind = county ? ORG_COUNTY : ORG_MUNICIPALITY;
		o.name = county ? county_name(v[c[OC_NAME]]) : xstrdup(v[c[OC_NAME]]);
		o.ags = xstrdup(ags);
		o.category = cat;
		o.legal_type = xstrdup(typ);
		o.population = pop;
		o.county_ags = dup_or_null(kreis);
		/* groessenklasse is "Kreis" for counties: not a size class. */
		o.size_class = county ? NULL : dup_or_null(v[c[OC_SIZE]]);
		o.region = dup_or_null(v[c[OC_REGION]]);
		ret = store_org_put(txn, &o);
		organisation_fini(&o);
		if (ret != STATUS_OK)
			goto out;
		(*count)++;
	}
	/* Every parent county must be in the file too. */
	for (size_t i = 0; i < t.n_rows; i++) {
		const char *kreis = t.rows[i].cells.v[c[OC_KREIS]];
		if (*kreis && !strv_contains(&counties, kreis)) {
			ret = row_fail(&t, &t.rows[i], "county %s is not in the file", kreis);
			goto out;
		}
	}
out:
	table_fini(&t);
out_strv:
	strv_fini(&counties);
	strv_fini(&seen);
	return ret;
}

/* ---- IT service providers ------------------------------------------------- */

/* Rows of the same name are one organisation listed with several sites
 * (Südwestfalen-IT: Hemer and Siegen): the name is the key. */
static enum status seed_providers(struct txn *txn, const struct sources *src, size_t *count)
{
	static const char *const columns[] = {"name"};
	struct csv_table t;
	size_t c[1] = {0};
	struct strv seen;
	enum status ret;

	strv_init(&seen);
	if ((ret = table_load(&t, src, F_PROVIDERS)) != STATUS_OK)
		goto out_strv;
	if ((ret = table_columns(&t, columns, 1, c)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < t.n_rows; i++) {
		const struct csv_row *r = &t.rows[i];
		const char *name = r->cells.v[c[0]];
		if (!*name) {
			ret = row_fail(&t, r, "%s", "provider without a name");
			goto out;
		}
		if (strv_contains(&seen, name))
			continue;
		strv_push(&seen, name);
		struct organisation o;
		organisation_init(&o);
		char *key = xasprintf("provider:%s", name);
		uuid_from_name(&o.id, key);
		free(key);
		o.kind = ORG_PROVIDER;
		o.name = xstrdup(name);
		o.category = CAT_NONE;
		ret = store_org_put(txn, &o);
		organisation_fini(&o);
		if (ret != STATUS_OK)
			goto out;
		(*count)++;
	}
out:
	table_fini(&t);
out_strv:
	strv_fini(&seen);
	return ret;
}

/* ---- phases, settings and the whole seed ---------------------------------- */

static enum status phase_id(const struct phase_list *l, const char *name, uint8_t *id)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].name, name) == 0) {
			*id = l->v[i].id;
			return STATUS_OK;
		}
	}
	return status_fail(STATUS_INTERNAL, _("phase preset has no phase '%s'"), name);
}

static enum status seed_phases(struct txn *txn, enum phase_preset preset)
{
	struct phase_list l;
	struct settings st;
	enum status ret;

	phase_list_init(&l);
	settings_init(&st);
	if (preset == PHASES_KDN)
		phase_list_kdn(&l);
	else
		phase_list_default(&l);
	const char *scope = preset == PHASES_KDN ? "Konzeption NRW" : "Workshop";
	const char *team = preset == PHASES_KDN ? "Umsetzung NRW" : "Umsetzung";
	st.rep_policy = REP_SPAN;
	if ((ret = phase_id(&l, scope, &st.gate_scope_phase)) != STATUS_OK)
		goto out;
	if ((ret = phase_id(&l, team, &st.gate_team_phase)) != STATUS_OK)
		goto out;
	if ((ret = store_phases_put(txn, &l)) != STATUS_OK)
		goto out;
	ret = store_settings_put(txn, &st);
out:
	settings_fini(&st);
	phase_list_fini(&l);
	return ret;
}

enum status refdata_seed(struct txn *t, enum phase_preset phases)
{
	return refdata_seed_with(t, phases, NULL, 0);
}

enum status refdata_seed_with(struct txn *t, enum phase_preset phases,
			      const struct refdata_file *over, size_t n_over)
{
	const struct sources src = {over, n_over};
	bool known_fields[256] = {false};
	size_t n_fields = 0, n_services = 0, n_orgs = 0, n_providers = 0;
	enum status ret;

	if ((ret = seed_phases(t, phases)) != STATUS_OK)
		goto out;
	if ((ret = seed_fields(t, &src, known_fields, &n_fields)) != STATUS_OK)
		goto out;
	if ((ret = seed_services(t, &src, known_fields, &n_services)) != STATUS_OK)
		goto out;
	if ((ret = seed_orgs(t, &src, &n_orgs)) != STATUS_OK)
		goto out;
	if ((ret = seed_providers(t, &src, &n_providers)) != STATUS_OK)
		goto out;

	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("database");
	e.action = xstrdup("init");
	e.summary = xasprintf("seeded: %zu topic fields, %zu services, %zu municipalities and "
			      "counties, %zu IT service providers",
			      n_fields, n_services, n_orgs, n_providers);
	ret = store_history_add(t, &e);
	history_entry_fini(&e);
out:
	if (ret != STATUS_OK && store_txn_status(t) == STATUS_OK)
		store_txn_fail(t, ret);
	return ret;
}
