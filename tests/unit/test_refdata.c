/* test_refdata.c - seeding a real LMDB store from the embedded reference data.
 *
 * The expected numbers were counted in the CSV files of data/ independently of the code
 * (awk/python over the files), not taken from the implementation.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/model.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

struct fixture {
	char *dir;
	struct store *store;
};

struct seed_arg {
	enum phase_preset preset;
	const struct refdata_file *over;
	size_t n_over;
};

static enum status seed_cb(struct txn *t, void *arg)
{
	const struct seed_arg *a = arg;
	return refdata_seed_with(t, a->preset, a->over, a->n_over);
}

static enum status open_store(struct fixture *f)
{
	f->dir = test_tmpdir();
	return store_open(f->dir, STORE_CREATE, &f->store);
}

static enum status seeded(struct fixture *f, enum phase_preset preset)
{
	enum status st = open_store(f);
	if (st != STATUS_OK)
		return st;
	struct seed_arg a = {preset, NULL, 0};
	return store_write(f->store, seed_cb, &a);
}

static void close_fixture(struct fixture *f)
{
	store_close(f->store);
	test_rmtree(f->dir);
	free(f->dir);
	f->store = NULL;
	f->dir = NULL;
}

static int setup_default(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (seeded(f, PHASES_DEFAULT) != STATUS_OK) {
		print_error("seed: %s\n", status_detail());
		close_fixture(f);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	close_fixture(f);
	free(f);
	return 0;
}

/* ---- counts --------------------------------------------------------------- */

static int count_field(const struct topic_field *x, void *arg)
{
	(void)x;
	(*(size_t *)arg)++;
	return 0;
}

static int count_service(const struct service *x, void *arg)
{
	(void)x;
	(*(size_t *)arg)++;
	return 0;
}

struct org_counts {
	size_t kind[ORG__COUNT];
	size_t category[CAT__MAX + 1];   /* municipalities and counties only */
	size_t bad;                      /* records that break an invariant */
};

static int count_org(const struct organisation *o, void *arg)
{
	struct org_counts *c = arg;
	c->kind[o->kind]++;
	if (o->kind == ORG_MUNICIPALITY || o->kind == ORG_COUNTY) {
		c->category[o->category]++;
		/* name-based UUID from the AGS */
		char key[32];
		struct uuid u;
		snprintf(key, sizeof(key), "ags:%s", o->ags ? o->ags : "");
		uuid_from_name(&u, key);
		if (uuid_cmp(&u, &o->id) != 0 || o->demo)
			c->bad++;
		if ((o->kind == ORG_COUNTY) != (o->category == CAT_COUNTY))
			c->bad++;
	} else if (o->kind == ORG_PROVIDER) {
		if (o->category != CAT_NONE || o->ags)
			c->bad++;
	}
	return 0;
}

static void test_counts(void **state)
{
	struct fixture *f = *state;
	struct txn *t = NULL;
	size_t fields = 0, services = 0;
	struct org_counts oc = {0};

	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	assert_int_equal(store_field_each(t, count_field, &fields), STATUS_OK);
	assert_int_equal(store_service_each(t, 0, count_service, &services), STATUS_OK);
	assert_int_equal(store_org_each(t, count_org, &oc), STATUS_OK);
	store_txn_end(t);

	assert_int_equal(fields, 14);
	assert_int_equal(services, 557);
	assert_int_equal(oc.kind[ORG_MUNICIPALITY], 396);
	assert_int_equal(oc.kind[ORG_COUNTY], 31);
	assert_int_equal(oc.kind[ORG_MUNICIPALITY] + oc.kind[ORG_COUNTY], 427);
	/* 32 rows, of which "Südwestfalen-IT" twice (sites Hemer and Siegen). */
	assert_int_equal(oc.kind[ORG_PROVIDER], 31);
	assert_int_equal(oc.kind[ORG_MINISTRY], 0);
	assert_int_equal(oc.bad, 0);
	/* typ counts in the file: 124 kreisangehörige Gemeinde + 83 kreisangehörige
	 * Stadt = 207, 132 mittlere, 35 große, 22 kreisfreie, 31 Kreise; Stadt Aachen
	 * (a kreisangehörige Stadt with the legal status of a kreisfreie Stadt) is
	 * moved from the village end to the city end: 206 and 23. */
	assert_int_equal(oc.category[CAT_MUNICIPALITY], 206);
	assert_int_equal(oc.category[CAT_MEDIUM_TOWN], 132);
	assert_int_equal(oc.category[CAT_LARGE_TOWN], 35);
	assert_int_equal(oc.category[CAT_CITY], 23);
	assert_int_equal(oc.category[CAT_COUNTY], 31);
	assert_int_equal(oc.category[CAT_NONE], 0);
}

/* ---- known records, table-driven ------------------------------------------ */

static const struct {
	const char *ags;
	const char *name;
	enum org_kind kind;
	enum category category;
	const char *legal_type;
	uint32_t population;
	const char *county_ags;   /* NULL = none */
	const char *size_class;   /* NULL = none */
	const char *region;
} known_orgs[] = {
	{"05315000", "Köln, Stadt", ORG_MUNICIPALITY, CAT_CITY, "kreisfreie Stadt", 1017355, NULL,
	 "Großstadt", "Köln"},
	{"05711000", "Bielefeld, Stadt", ORG_MUNICIPALITY, CAT_CITY, "kreisfreie Stadt", 330072, NULL,
	 "Großstadt", "Detmold"},
	{"05334002", "Aachen, Stadt", ORG_MUNICIPALITY, CAT_CITY, "kreisangehörige Stadt", 261178,
	 "05334", "Großstadt", "Köln"},
	{"05358008", "Düren, Stadt", ORG_MUNICIPALITY, CAT_LARGE_TOWN,
	 "Große kreisangehörige Stadt", 94149, "05358", "Mittelstadt", "Köln"},
	{"05366012", "Dahlem", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "kreisangehörige Gemeinde", 4362,
	 "05366", "Landgemeinde", "Köln"},
	{"05366044", "Zülpich, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "kreisangehörige Stadt",
	 21093, "05366", "Mittelstadt", "Köln"},
	{"05958020", "Hallenberg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY,
	 "kreisangehörige Stadt", 4375, "05958", "Landgemeinde", "Arnsberg"},
	{"05766", "Lippe, Kreis", ORG_COUNTY, CAT_COUNTY, "Kreis", 348030, NULL, NULL, "Detmold"},
	{"05958", "Hochsauerlandkreis", ORG_COUNTY, CAT_COUNTY, "Kreis", 260512, NULL, NULL,
	 "Arnsberg"},
	{"05334", "Städteregion Aachen", ORG_COUNTY, CAT_COUNTY, "Kreis", 577572, NULL, NULL, "Köln"},
};

static void assert_opt_string(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void test_known_orgs(void **state)
{
	struct fixture *f = *state;
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	for (size_t i = 0; i < ARRAY_LEN(known_orgs); i++) {
		struct organisation o;
		organisation_init(&o);
		assert_int_equal(store_org_by_ags(t, known_orgs[i].ags, &o), STATUS_OK);
		assert_string_equal(o.ags, known_orgs[i].ags);
		assert_string_equal(o.name, known_orgs[i].name);
		assert_int_equal(o.kind, known_orgs[i].kind);
		assert_int_equal(o.category, known_orgs[i].category);
		assert_string_equal(o.legal_type, known_orgs[i].legal_type);
		assert_int_equal(o.population, known_orgs[i].population);
		assert_opt_string(o.county_ags, known_orgs[i].county_ags);
		assert_opt_string(o.size_class, known_orgs[i].size_class);
		assert_opt_string(o.region, known_orgs[i].region);
		assert_false(o.demo);
		organisation_fini(&o);
	}
	struct organisation o;
	organisation_init(&o);
	assert_int_equal(store_org_by_ags(t, "05999999", &o), STATUS_NOT_FOUND);
	organisation_fini(&o);
	store_txn_end(t);
}

static const struct {
	uint32_t ozg_id;
	const char *name;
	uint16_t field;
	const char *life_situation;
} known_services[] = {
	{10000, "Elterngeld", 6, "Geburt"},
	{10092, "Wohngeld", 1, "Finanzielle Existenzsicherung/Unterstützung bei finanziellen Problemen"},
	{10160, "Hundehaltung", 5, "Tierhaltung"},
	{10364, "Gewerbesteuer", 12, "Steuern & Abgaben"},
	{10601, "Berufsständische Versorgungswerke", 14, "Unternehmensstart & Gewerbezulassung"},
};

static void test_known_services_and_fields(void **state)
{
	struct fixture *f = *state;
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	for (size_t i = 0; i < ARRAY_LEN(known_services); i++) {
		struct service s;
		service_init(&s);
		assert_int_equal(store_service_get(t, known_services[i].ozg_id, &s), STATUS_OK);
		assert_string_equal(s.name, known_services[i].name);
		assert_int_equal(s.field, known_services[i].field);
		assert_string_equal(s.life_situation, known_services[i].life_situation);
		assert_int_equal(s.categories, 0);
		assert_int_equal(service_delivery(&s), CAT_DEFAULT_DELIVERY);
		service_fini(&s);
	}
	size_t in_field = 0;
	assert_int_equal(store_service_each(t, 2, count_service, &in_field), STATUS_OK);
	assert_int_equal(in_field, 58);   /* Bauen & Wohnen */

	struct topic_field tf;
	topic_field_init(&tf);
	assert_int_equal(store_field_get(t, 2, &tf), STATUS_OK);
	assert_string_equal(tf.name, "Bauen & Wohnen");
	assert_string_equal(tf.slug, "bauen_wohnen");
	assert_null(tf.alt_name);
	topic_field_fini(&tf);
	topic_field_init(&tf);
	assert_int_equal(store_field_get(t, 10, &tf), STATUS_OK);
	assert_string_equal(tf.name, "Querschnitt");
	assert_string_equal(tf.alt_name, "Querschnittsleistungen");
	topic_field_fini(&tf);
	store_txn_end(t);
}

/* ---- providers and history ------------------------------------------------ */

static void test_providers(void **state)
{
	struct fixture *f = *state;
	struct txn *t = NULL;
	static const char *const names[] = {
		"Bundesstadt Bonn", "civitec", "krz Minden/Ravensberg-Lippe", "regio iT gmbh",
		"Südwestfalen-IT", "Stadt Münster, citeq", "LWL", "LWV Hessen", "Kreis Mettmann",
	};
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *key = xasprintf("provider:%s", names[i]);
		struct uuid u;
		uuid_from_name(&u, key);
		free(key);
		struct organisation o;
		organisation_init(&o);
		assert_int_equal(store_org_get(t, &u, &o), STATUS_OK);
		assert_string_equal(o.name, names[i]);
		assert_int_equal(o.kind, ORG_PROVIDER);
		organisation_fini(&o);
	}
	store_txn_end(t);
}

struct hist {
	size_t n;
	char *entity, *action, *summary;
};

static int collect_history(const struct history_entry *e, void *arg)
{
	struct hist *h = arg;
	if (h->n++ == 0) {
		h->entity = xstrdup(e->entity);
		h->action = xstrdup(e->action);
		h->summary = xstrdup(e->summary);
	}
	return 0;
}

static void test_history(void **state)
{
	struct fixture *f = *state;
	struct txn *t = NULL;
	struct hist h = {0};
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 0, collect_history, &h), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.entity, "database");
	assert_string_equal(h.action, "init");
	assert_string_equal(h.summary, "seeded: 14 topic fields, 557 services, 427 municipalities and "
				       "counties, 31 IT service providers");
	free(h.entity);
	free(h.action);
	free(h.summary);
}

/* ---- phases and settings -------------------------------------------------- */

static uint8_t phase_named(const struct phase_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return l->v[i].id;
	return 0;
}

static void check_phases(struct store *s, const char *first, const char *scope, const char *team)
{
	struct txn *t = NULL;
	struct phase_list l;
	struct settings st;
	phase_list_init(&l);
	settings_init(&st);
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_phases_get(t, &l), STATUS_OK);
	assert_int_equal(store_settings_get(t, &st), STATUS_OK);
	store_txn_end(t);
	assert_true(l.n >= 5);
	assert_string_equal(l.v[0].name, first);
	assert_int_not_equal(phase_named(&l, scope), 0);
	assert_int_equal(st.gate_scope_phase, phase_named(&l, scope));
	assert_int_equal(st.gate_team_phase, phase_named(&l, team));
	assert_int_equal(st.rep_policy, REP_SPAN);
	assert_true(store_initialised(s));
	settings_fini(&st);
	phase_list_fini(&l);
}

static void test_default_phases(void **state)
{
	struct fixture *f = *state;
	check_phases(f->store, "Sichtung", "Workshop", "Umsetzung");
}

static void test_kdn_phases(void **state)
{
	(void)state;
	struct fixture f = {0};
	assert_int_equal(seeded(&f, PHASES_KDN), STATUS_OK);
	check_phases(f.store, "Vorbereitung NRW", "Konzeption NRW", "Umsetzung NRW");
	close_fixture(&f);
}

/* ---- the same UUIDs in every database ------------------------------------- */

struct uuid_list {
	struct uuid *v;
	char **names;
	size_t n, cap;
};

static int collect_ids(const struct organisation *o, void *arg)
{
	struct uuid_list *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 512;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		l->names = realloc(l->names, l->cap * sizeof(*l->names));
	}
	l->v[l->n] = o->id;
	l->names[l->n++] = strdup(o->name);
	return 0;
}

static void list_ids(struct store *s, struct uuid_list *l)
{
	struct txn *t = NULL;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_org_each(t, collect_ids, l), STATUS_OK);
	store_txn_end(t);
}

static void free_ids(struct uuid_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	free(l->v);
}

static void test_uuid_stability(void **state)
{
	(void)state;
	struct fixture a = {0}, b = {0};
	struct uuid_list la = {0}, lb = {0};
	assert_int_equal(seeded(&a, PHASES_DEFAULT), STATUS_OK);
	assert_int_equal(seeded(&b, PHASES_KDN), STATUS_OK);
	list_ids(a.store, &la);
	list_ids(b.store, &lb);
	assert_int_equal(la.n, 427 + 31);
	assert_int_equal(la.n, lb.n);
	/* Same iteration order (by UUID) and the same name for every UUID. */
	for (size_t i = 0; i < la.n; i++) {
		assert_int_equal(uuid_cmp(&la.v[i], &lb.v[i]), 0);
		assert_string_equal(la.names[i], lb.names[i]);
	}
	struct uuid koeln;
	uuid_from_name(&koeln, "ags:05315000");
	struct txn *t = NULL;
	struct organisation o;
	organisation_init(&o);
	assert_int_equal(store_read_begin(b.store, &t), STATUS_OK);
	assert_int_equal(store_org_get(t, &koeln, &o), STATUS_OK);
	assert_string_equal(o.name, "Köln, Stadt");
	store_txn_end(t);
	organisation_fini(&o);
	free_ids(&la);
	free_ids(&lb);
	close_fixture(&a);
	close_fixture(&b);
}

/* ---- replaced files: reordered columns and errors -------------------------- */

static void test_reordered_columns(void **state)
{
	(void)state;
	/* Columns in another order, one extra, and a header with a byte order mark. */
	static const char fields[] =
		"\xEF\xBB\xBF"
		"slug,extra,name,themenfeld_nr,alternativname\n"
		"arbeit,x,Arbeit & Ruhestand,1,\n"
		"bauen,x,\"Bauen & Wohnen\",2,Bauen und Wohnen\n";
	static const char services[] =
		"lage,themenfeld_nr,name,ozg_id\n"
		"Bauen,2,\"Baugenehmigung, vereinfacht\",10001\n"
		"\n"
		"Rente,1,Rente,10002\n";
	const struct refdata_file over[] = {
		{"ozg_themenfelder.csv", (const unsigned char *)fields, sizeof(fields) - 1},
		{"ozg_leistungen.csv", (const unsigned char *)services, sizeof(services) - 1},
	};
	struct fixture f = {0};
	struct seed_arg a = {PHASES_DEFAULT, over, ARRAY_LEN(over)};
	assert_int_equal(open_store(&f), STATUS_OK);
	assert_int_equal(store_write(f.store, seed_cb, &a), STATUS_OK);

	struct txn *t = NULL;
	size_t n = 0;
	struct topic_field tf;
	struct service s;
	topic_field_init(&tf);
	service_init(&s);
	assert_int_equal(store_read_begin(f.store, &t), STATUS_OK);
	assert_int_equal(store_field_each(t, count_field, &n), STATUS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_field_get(t, 2, &tf), STATUS_OK);
	assert_string_equal(tf.slug, "bauen");
	assert_string_equal(tf.name, "Bauen & Wohnen");
	assert_string_equal(tf.alt_name, "Bauen und Wohnen");
	n = 0;
	assert_int_equal(store_service_each(t, 0, count_service, &n), STATUS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_service_get(t, 10001, &s), STATUS_OK);
	assert_string_equal(s.name, "Baugenehmigung, vereinfacht");
	assert_int_equal(s.field, 2);
	assert_string_equal(s.life_situation, "Bauen");
	store_txn_end(t);
	service_fini(&s);
	topic_field_fini(&tf);
	close_fixture(&f);
}

static const struct {
	const char *file;
	const char *text;
	const char *detail;   /* expected start of status_detail() */
} bad_files[] = {
	{"ozg_leistungen.csv",
	 "ozg_id,name,themenfeld_nr,lage\n10000,Elterngeld,6,Geburt\n10001,Irgendwas,99,Geburt\n",
	 "data/ozg_leistungen.csv:3: unknown topic field '99'"},
	{"ozg_leistungen.csv", "ozg_id,name,themenfeld_nr\n10000,Elterngeld,6\n",
	 "data/ozg_leistungen.csv:1: no column 'lage'"},
	{"ozg_leistungen.csv",
	 "ozg_id,name,themenfeld_nr,lage\n10000,Elterngeld,6,Geburt\n10000,Elterngeld,6,Geburt\n",
	 "data/ozg_leistungen.csv:3: OZG id 10000 appears twice"},
	{"ozg_leistungen.csv", "ozg_id,name,themenfeld_nr,lage\n1x,Elterngeld,6,Geburt\n",
	 "data/ozg_leistungen.csv:2: OZG id '1x' is not a positive number"},
	{"ozg_leistungen.csv", "ozg_id,name,themenfeld_nr,lage\n10000,Elterngeld,6\n",
	 "data/ozg_leistungen.csv:2: 3 fields where the header has 4"},
	{"ozg_leistungen.csv", "ozg_id,name,themenfeld_nr,lage\n10000,\"Eltern\"geld,6,Geburt\n",
	 "data/ozg_leistungen.csv:2: "},
	{"ozg_leistungen.csv", "ozg_id,name,themenfeld_nr,lage\n10000,\"Elterngeld,6,Geburt\n",
	 "data/ozg_leistungen.csv:2: "},
	{"ozg_leistungen.csv", "ozg_id,name,themenfeld_nr,lage\n10000,Eltern\xff,6,Geburt\n",
	 "data/ozg_leistungen.csv:2: not valid UTF-8 text"},
	{"ozg_themenfelder.csv", "themenfeld_nr,name,alternativname,slug\n0,Null,,null\n",
	 "data/ozg_themenfelder.csv:2: topic field number '0' is not 1..255"},
	{"nrw_kommunen.csv",
	 "ags,name,ebene,typ,kreis_ags,einwohner_zensus_2022,groessenklasse,regierungsbezirk\n"
	 "05111000,\"Düsseldorf, Stadt\",Gemeinde,Stadtstaat,,611258,Großstadt,Düsseldorf\n",
	 "data/nrw_kommunen.csv:2: unknown typ 'Stadtstaat'"},
	{"nrw_kommunen.csv",
	 "ags,name,ebene,typ,kreis_ags,einwohner_zensus_2022,groessenklasse,regierungsbezirk\n"
	 "05366012,Dahlem,Gemeinde,kreisangehörige Gemeinde,05366,4362,Landgemeinde,Köln\n",
	 "data/nrw_kommunen.csv:2: county 05366 is not in the file"},
	{"nrw_kommunen.csv",
	 "ags,name,ebene,typ,kreis_ags,einwohner_zensus_2022,groessenklasse,regierungsbezirk\n"
	 "0511100,\"Düsseldorf, Stadt\",Gemeinde,kreisfreie Stadt,,611258,Großstadt,Düsseldorf\n",
	 "data/nrw_kommunen.csv:2: municipality AGS '0511100' is not 8 digits"},
	{"nrw_kommunen.csv",
	 "ags,name,ebene,typ,kreis_ags,einwohner_zensus_2022,groessenklasse,regierungsbezirk\n"
	 "05766,Lippe,Kreis,kreisfreie Stadt,,348030,Kreis,Detmold\n",
	 "data/nrw_kommunen.csv:2: typ 'kreisfreie Stadt' does not fit its ebene"},
	{"kdn_dienstleister_2019.csv", "id,ort\n1,Bonn\n",
	 "data/kdn_dienstleister_2019.csv:1: no column 'name'"},
	{"kdn_dienstleister_2019.csv", "", "data/kdn_dienstleister_2019.csv:1: empty file"},
};

static void test_bad_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad_files); i++) {
		const struct refdata_file over = {bad_files[i].file,
						  (const unsigned char *)bad_files[i].text,
						  strlen(bad_files[i].text)};
		struct fixture f = {0};
		struct seed_arg a = {PHASES_DEFAULT, &over, 1};
		assert_int_equal(open_store(&f), STATUS_OK);
		status_clear();
		enum status st = store_write(f.store, seed_cb, &a);
		if (st != STATUS_DATA || strncmp(status_detail(), bad_files[i].detail,
						 strlen(bad_files[i].detail)) != 0)
			fail_msg("case %zu: got %s '%s', want DATA '%s'", i, status_name(st),
				 status_detail(), bad_files[i].detail);
		/* Nothing was written: the one transaction was aborted. */
		assert_false(store_initialised(f.store));
		close_fixture(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts, setup_default, teardown),
		cmocka_unit_test_setup_teardown(test_known_orgs, setup_default, teardown),
		cmocka_unit_test_setup_teardown(test_known_services_and_fields, setup_default, teardown),
		cmocka_unit_test_setup_teardown(test_providers, setup_default, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup_default, teardown),
		cmocka_unit_test_setup_teardown(test_default_phases, setup_default, teardown),
		cmocka_unit_test(test_kdn_phases),
		cmocka_unit_test(test_uuid_stability),
		cmocka_unit_test(test_reordered_columns),
		cmocka_unit_test(test_bad_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
