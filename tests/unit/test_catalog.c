/* test_catalog.c - loading the catalog from a real LMDB store and resolving
 * users' names, on a small hand-made database (names modelled on NRW's) and on
 * one seeded with the shipped reference data.
 */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/refdata.h"
#include "ozgtui/rules.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define MT CAT_BIT(CAT_MEDIUM_TOWN)
#define LT CAT_BIT(CAT_LARGE_TOWN)
#define C CAT_BIT(CAT_CITY)

struct org_spec {
	const char *name;
	enum org_kind kind;
	enum category category;
	const char *ags;
	uint32_t population;
};

static const struct org_spec orgs[] = {
	{"Köln, Stadt", ORG_MUNICIPALITY, CAT_CITY, "05315000", 1024621},
	{"Düsseldorf, Stadt", ORG_MUNICIPALITY, CAT_CITY, "05111000", 611258},
	{"Aachen, Stadt", ORG_MUNICIPALITY, CAT_CITY, "05334002", 261178},
	{"Städteregion Aachen", ORG_COUNTY, CAT_COUNTY, "05334", 577572},
	{"Kleve, Kreis", ORG_COUNTY, CAT_COUNTY, "05154", 315300},
	{"Kleve, Stadt", ORG_MUNICIPALITY, CAT_MEDIUM_TOWN, "05154036", 53000},
	{"Bad Berleburg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "05970004", 19000},
	{"Bad Driburg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "05762004", 18572},
	{"Bad Honnef, Stadt", ORG_MUNICIPALITY, CAT_MEDIUM_TOWN, "05382008", 24825},
	{"Bad Lippspringe, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "05774012", 16000},
	{"Bad Salzuflen, Stadt", ORG_MUNICIPALITY, CAT_LARGE_TOWN, "05766060", 53000},
	{"Bad Wünnenberg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY, "05774040", 12000},
	{"krz Minden/Ravensberg-Lippe", ORG_PROVIDER, CAT_NONE, NULL, 0},
	{"KRZN", ORG_PROVIDER, CAT_NONE, NULL, 0},
	{"Ministerium des Innern", ORG_MINISTRY, CAT_NONE, NULL, 0},
};

static const struct {
	uint16_t number;
	const char *slug, *name, *alt;
} fields[] = {
	{14, "unternehmensfuehrung_entwicklung", "Unternehmensführung & -entwicklung", NULL},
	{2, "bauen_wohnen", "Bauen & Wohnen", NULL},
	{3, "bildung", "Bildung", NULL},
	{4, "ein_auswanderung", "Ein- & Auswanderung", "Ein- und Auswanderung"},
	{6, "familie_kind", "Familie & Kind", NULL},
	{10, "querschnitt", "Querschnitt", "Querschnittsleistungen"},
};

static const struct {
	uint32_t id;
	const char *name;
	uint16_t field;
	uint32_t mask;
} services[] = {
	{10052, "Wohngeld", 2, M | MT | LT | C},
	{10000, "Elterngeld", 6, 0},
	{10001, "Erklärung zur Vaterschafts-/Mutterschaftsanerkennung", 6, M | C},
	{10050, "Baugenehmigung", 2, LT | C},
	{10051, "Bauvorbescheid", 2, LT | C},
};

static struct uuid org_id(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static enum status fill(struct txn *t, void *arg)
{
	(void)arg;
	struct phase_list l;
	phase_list_default(&l);
	store_phases_put(t, &l);
	phase_list_fini(&l);

	struct settings st;
	settings_init(&st);
	st.rep_policy = REP_ALL;
	st.gate_scope_phase = 2;
	st.gate_team_phase = 5;
	store_settings_put(t, &st);
	settings_fini(&st);

	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		struct topic_field f;
		topic_field_init(&f);
		f.number = fields[i].number;
		f.slug = xstrdup(fields[i].slug);
		f.name = xstrdup(fields[i].name);
		f.alt_name = fields[i].alt ? xstrdup(fields[i].alt) : NULL;
		store_field_put(t, &f);
		topic_field_fini(&f);
	}
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		struct organisation o;
		organisation_init(&o);
		o.id = org_id(orgs[i].name);
		o.name = xstrdup(orgs[i].name);
		o.kind = orgs[i].kind;
		o.category = orgs[i].category;
		o.ags = orgs[i].ags ? xstrdup(orgs[i].ags) : NULL;
		o.population = orgs[i].population;
		store_org_put(t, &o);
		organisation_fini(&o);
	}
	for (size_t i = 0; i < ARRAY_LEN(services); i++) {
		struct service s;
		service_init(&s);
		s.ozg_id = services[i].id;
		s.name = xstrdup(services[i].name);
		s.field = services[i].field;
		s.categories = services[i].mask;
		store_service_put(t, &s);
		service_fini(&s);
	}
	return store_txn_status(t);
}

struct fixture {
	char *dir;
	struct store *store;
	struct catalog cat;
};

static struct fixture *fixture_open(void)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = test_tmpdir();
	assert_int_equal(store_open(f->dir, STORE_CREATE, &f->store), STATUS_OK);
	catalog_init(&f->cat);
	return f;
}

static void fixture_load(struct fixture *f)
{
	struct txn *t;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	enum status st = catalog_load(&f->cat, t);
	if (st != STATUS_OK)
		fail_msg("catalog_load: %s: %s", status_name(st), status_detail());
	store_txn_end(t);
}

static int setup(void **state)
{
	struct fixture *f = fixture_open();
	assert_int_equal(store_write(f->store, fill, NULL), STATUS_OK);
	fixture_load(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	catalog_fini(&f->cat);
	store_close(f->store);
	test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void test_load(void **state)
{
	struct fixture *f = *state;
	struct catalog *c = &f->cat;

	assert_int_equal(c->n_fields, ARRAY_LEN(fields));
	assert_int_equal(c->n_orgs, ARRAY_LEN(orgs));
	assert_int_equal(c->n_services, ARRAY_LEN(services));
	assert_int_equal(c->phases.n, 10);
	assert_int_equal(c->settings.rep_policy, REP_ALL);
	assert_int_equal(c->settings.gate_scope_phase, 2);
	assert_int_equal(c->settings.gate_team_phase, 5);

	for (size_t i = 1; i < c->n_fields; i++)
		assert_true(c->fields[i - 1].number < c->fields[i].number);
	for (size_t i = 1; i < c->n_orgs; i++)
		assert_true(uuid_cmp(&c->orgs[i - 1].id, &c->orgs[i].id) < 0);
	for (size_t i = 1; i < c->n_services; i++)
		assert_true(c->services[i - 1].ozg_id < c->services[i].ozg_id);

	/* municipalities (kind municipality, cities included) by category; the
	 * counties are not municipalities */
	assert_int_equal(c->municipalities_per_category[CAT_NONE], 0);
	assert_int_equal(c->municipalities_per_category[CAT_MUNICIPALITY], 4);
	assert_int_equal(c->municipalities_per_category[CAT_MEDIUM_TOWN], 2);
	assert_int_equal(c->municipalities_per_category[CAT_LARGE_TOWN], 1);
	assert_int_equal(c->municipalities_per_category[CAT_CITY], 3);
	assert_int_equal(c->municipalities_per_category[CAT_COUNTY], 0);
}

static void test_by_key(void **state)
{
	struct fixture *f = *state;
	struct catalog *c = &f->cat;

	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		struct uuid u = org_id(orgs[i].name);
		const struct organisation *o = catalog_org(c, &u);
		assert_non_null(o);
		assert_string_equal(o->name, orgs[i].name);
		assert_int_equal(o->category, orgs[i].category);
	}
	struct uuid nobody = org_id("Nirgendwo");
	assert_null(catalog_org(c, &nobody));

	for (size_t i = 0; i < ARRAY_LEN(services); i++) {
		const struct service *s = catalog_service(c, services[i].id);
		assert_non_null(s);
		assert_string_equal(s->name, services[i].name);
		assert_int_equal(s->categories, services[i].mask);
	}
	assert_null(catalog_service(c, 99999));
	assert_null(catalog_service(c, 0));

	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		const struct topic_field *tf = catalog_field(c, fields[i].number);
		assert_non_null(tf);
		assert_string_equal(tf->slug, fields[i].slug);
	}
	assert_null(catalog_field(c, 1));
	assert_null(catalog_field(c, 0));

	assert_string_equal(catalog_phase(c, 5)->name, "Umsetzung");
	assert_null(catalog_phase(c, 0));
	assert_null(catalog_phase(c, 200));
}

/* Expected answer of a lookup: a name (or number), or a status and words the
 * detail message must contain. */
struct lookup {
	const char *input;
	enum status st;
	const char *want;       /* name of the org found / field or service number */
	const char *detail[7];  /* substrings of the detail message */
};

static void check_detail(size_t row, const char *input, const char *const *detail)
{
	for (size_t k = 0; k < 7 && detail[k]; k++)
		if (!strstr(status_detail(), detail[k]))
			fail_msg("row %zu '%s': detail '%s' lacks '%s'", row, input, status_detail(),
				 detail[k]);
}

static void test_find_org(void **state)
{
	struct fixture *f = *state;
	static const struct lookup rows[] = {
		{"05315000", STATUS_OK, "Köln, Stadt", {NULL}},
		{"05334", STATUS_OK, "Städteregion Aachen", {NULL}},
		{"05154036", STATUS_OK, "Kleve, Stadt", {NULL}},
		{"05999999", STATUS_NOT_FOUND, NULL, {"05999999"}},
		/* the main part before ", Stadt" counts as exact */
		{"Köln", STATUS_OK, "Köln, Stadt", {NULL}},
		{"koln", STATUS_OK, "Köln, Stadt", {NULL}},
		{"  KÖLN, stadt ", STATUS_OK, "Köln, Stadt", {NULL}},
		/* "Aachen" is the city; the Städteregion only has it as a word */
		{"Aachen", STATUS_OK, "Aachen, Stadt", {NULL}},
		{"Städteregion", STATUS_OK, "Städteregion Aachen", {NULL}},
		{"stadteregion aachen", STATUS_OK, "Städteregion Aachen", {NULL}},
		/* county and town of one name: both exact, so ambiguous */
		{"Kleve", STATUS_DATA, NULL, {"ambiguous organisation 'Kleve'", "Kleve, Kreis (05154)",
					      "Kleve, Stadt (05154036)"}},
		{"Kreis Kleve", STATUS_OK, "Kleve, Kreis", {NULL}},
		{"Kleve, Kreis", STATUS_OK, "Kleve, Kreis", {NULL}},
		{"kleve, stadt", STATUS_OK, "Kleve, Stadt", {NULL}},
		/* a whole word beats a mere prefix: krz, not KRZN */
		{"krz", STATUS_OK, "krz Minden/Ravensberg-Lippe", {NULL}},
		{"krzn", STATUS_OK, "KRZN", {NULL}},
		{"Berleburg", STATUS_OK, "Bad Berleburg, Stadt", {NULL}},
		{"Wünnen", STATUS_OK, "Bad Wünnenberg, Stadt", {NULL}},
		{"minist", STATUS_OK, "Ministerium des Innern", {NULL}},
		{"Düssel", STATUS_OK, "Düsseldorf, Stadt", {NULL}},
		/* six "Bad ..." towns: five named in order, then "..." */
		{"Bad", STATUS_DATA, NULL, {"ambiguous organisation 'Bad': Bad Berleburg, Stadt (05970004), "
					    "Bad Driburg, Stadt (05762004), Bad Honnef",
					    "Bad Salzuflen, Stadt (05766060), ..."}},
		{"Nirgendwo", STATUS_NOT_FOUND, NULL, {"Nirgendwo"}},
		{"", STATUS_NOT_FOUND, NULL, {NULL}},
		{"   ", STATUS_NOT_FOUND, NULL, {NULL}},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct organisation *o = (const void *)1;
		status_clear();
		enum status st = catalog_find_org(&f->cat, rows[i].input, &o);
		if (st != rows[i].st)
			fail_msg("row %zu '%s': %s (%s), want %s", i, rows[i].input, status_name(st),
				 status_detail(), status_name(rows[i].st));
		if (st == STATUS_OK) {
			assert_non_null(o);
			if (strcmp(o->name, rows[i].want) != 0)
				fail_msg("row %zu '%s': found '%s', want '%s'", i, rows[i].input, o->name,
					 rows[i].want);
		} else {
			assert_null(o);
			check_detail(i, rows[i].input, rows[i].detail);
		}
	}
	assert_null(strstr(status_detail(), "Wünnenberg"));
}

static void test_find_org_uuid(void **state)
{
	struct fixture *f = *state;
	const struct organisation *o;
	char full[37];
	struct uuid koeln = org_id("Köln, Stadt");
	uuid_format(&koeln, full);

	assert_int_equal(catalog_find_org(&f->cat, full, &o), STATUS_OK);
	assert_string_equal(o->name, "Köln, Stadt");

	/* a prefix of 8 hex digits; dashes and case do not matter */
	char prefix[10];
	memcpy(prefix, full, 8);
	prefix[8] = '\0';
	size_t same = 0;
	for (size_t i = 0; i < ARRAY_LEN(orgs); i++) {
		char other[37];
		struct uuid u = org_id(orgs[i].name);
		uuid_format(&u, other);
		same += strncmp(other, full, 8) == 0;
	}
	assert_int_equal(same, 1);
	assert_int_equal(catalog_find_org(&f->cat, prefix, &o), STATUS_OK);
	assert_string_equal(o->name, "Köln, Stadt");
	for (char *p = prefix; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	assert_int_equal(catalog_find_org(&f->cat, prefix, &o), STATUS_OK);
	assert_string_equal(o->name, "Köln, Stadt");
	char dashed[14];
	memcpy(dashed, full, 13);
	dashed[13] = '\0';   /* "xxxxxxxx-xxxx" */
	assert_int_equal(catalog_find_org(&f->cat, dashed, &o), STATUS_OK);
	assert_string_equal(o->name, "Köln, Stadt");

	/* a well-formed UUID nobody has */
	struct uuid nobody = org_id("Nirgendwo");
	uuid_format(&nobody, full);
	assert_int_equal(catalog_find_org(&f->cat, full, &o), STATUS_NOT_FOUND);
	assert_null(o);
}

static void test_find_field(void **state)
{
	struct fixture *f = *state;
	static const struct lookup rows[] = {
		{"2", STATUS_OK, "2", {NULL}},
		{"14", STATUS_OK, "14", {NULL}},
		{"1", STATUS_NOT_FOUND, NULL, {"1"}},
		{"bauen_wohnen", STATUS_OK, "2", {NULL}},
		{"Bauen & Wohnen", STATUS_OK, "2", {NULL}},
		{"bauen", STATUS_OK, "2", {NULL}},
		{"wohn", STATUS_OK, "2", {NULL}},
		{"familie", STATUS_OK, "6", {NULL}},
		{"Querschnittsleistungen", STATUS_OK, "10", {NULL}},
		{"ein- und auswanderung", STATUS_OK, "4", {NULL}},
		{"unternehmensfuhrung", STATUS_OK, "14", {NULL}},
		{"unternehmensfuehrung", STATUS_OK, "14", {NULL}},
		{"b", STATUS_DATA, NULL, {"ambiguous topic field 'b'", "Bauen & Wohnen", "Bildung"}},
		{"Gesundheit", STATUS_NOT_FOUND, NULL, {"Gesundheit"}},
		{"", STATUS_NOT_FOUND, NULL, {NULL}},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint16_t n = 99;
		status_clear();
		enum status st = catalog_find_field(&f->cat, rows[i].input, &n);
		if (st != rows[i].st)
			fail_msg("row %zu '%s': %s (%s), want %s", i, rows[i].input, status_name(st),
				 status_detail(), status_name(rows[i].st));
		if (st == STATUS_OK)
			assert_int_equal(n, atoi(rows[i].want));
		else
			check_detail(i, rows[i].input, rows[i].detail);
	}
}

static void test_find_service(void **state)
{
	struct fixture *f = *state;
	static const struct lookup rows[] = {
		{"10000", STATUS_OK, "10000", {NULL}},
		{"10052", STATUS_OK, "10052", {NULL}},
		{"99999", STATUS_NOT_FOUND, NULL, {"99999"}},
		{"Elterngeld", STATUS_OK, "10000", {NULL}},
		{"eltern", STATUS_OK, "10000", {NULL}},
		{"wohngeld", STATUS_OK, "10052", {NULL}},
		{"vaterschaft", STATUS_OK, "10001", {NULL}},
		{"Erklärung", STATUS_OK, "10001", {NULL}},
		{"Bau", STATUS_DATA, NULL, {"ambiguous service 'Bau'", "Baugenehmigung (10050)",
					    "Bauvorbescheid (10051)"}},
		{"Baug", STATUS_OK, "10050", {NULL}},
		{"Hundesteuer", STATUS_NOT_FOUND, NULL, {"Hundesteuer"}},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint32_t id = 1;
		status_clear();
		enum status st = catalog_find_service(&f->cat, rows[i].input, &id);
		if (st != rows[i].st)
			fail_msg("row %zu '%s': %s (%s), want %s", i, rows[i].input, status_name(st),
				 status_detail(), status_name(rows[i].st));
		if (st == STATUS_OK)
			assert_int_equal(id, (uint32_t)atoi(rows[i].want));
		else
			check_detail(i, rows[i].input, rows[i].detail);
	}
}

static void test_find_phase(void **state)
{
	struct fixture *f = *state;
	uint8_t id = 0;
	assert_int_equal(catalog_find_phase(&f->cat, "umsetz", &id), STATUS_OK);
	assert_string_equal(catalog_phase(&f->cat, id)->name, "Umsetzung");
	assert_int_equal(catalog_find_phase(&f->cat, "Betrieb", &id), STATUS_OK);
	assert_string_equal(catalog_phase(&f->cat, id)->name, "Betrieb");
	assert_int_not_equal(catalog_find_phase(&f->cat, "gibtsnicht", &id), STATUS_OK);
}

/* Reloading sees new records and replaces the old arrays (valgrind checks the
 * old ones are freed); a failed load leaves the catalog as it was. */
static enum status add_org(struct txn *t, void *arg)
{
	struct organisation o;
	organisation_init(&o);
	o.id = org_id(arg);
	o.name = xstrdup(arg);
	o.kind = ORG_MUNICIPALITY;
	o.category = CAT_MUNICIPALITY;
	o.ags = xstrdup("05758004");
	store_org_put(t, &o);
	organisation_fini(&o);
	return store_txn_status(t);
}

static void test_reload(void **state)
{
	struct fixture *f = *state;
	const struct organisation *o;
	assert_int_equal(catalog_find_org(&f->cat, "Bünde", &o), STATUS_NOT_FOUND);
	assert_int_equal(store_write(f->store, add_org, "Bünde, Stadt"), STATUS_OK);
	fixture_load(f);
	assert_int_equal(f->cat.n_orgs, ARRAY_LEN(orgs) + 1);
	assert_int_equal(f->cat.municipalities_per_category[CAT_MUNICIPALITY], 5);
	assert_int_equal(catalog_find_org(&f->cat, "Bünde", &o), STATUS_OK);
	assert_string_equal(o->ags, "05758004");

	/* an empty, uninitialised database cannot be loaded */
	struct fixture *empty = fixture_open();
	struct txn *t;
	assert_int_equal(store_read_begin(empty->store, &t), STATUS_OK);
	assert_int_not_equal(catalog_load(&f->cat, t), STATUS_OK);
	store_txn_end(t);
	assert_int_equal(f->cat.n_orgs, ARRAY_LEN(orgs) + 1);
	assert_int_equal(catalog_find_org(&f->cat, "Bünde", &o), STATUS_OK);
	teardown((void **)&empty);
}

/* The loaded entries' strings live in the catalog's blocks (catalog.c): every
 * string field comes back whole, a string as long as allowed (64 KiB, longer than a block) and the
 * many short ones after it too, and an entry string replaced by hand after the
 * load is freed by catalog_fini like one of a catalog built by hand (valgrind
 * and ASan see a leak or a bad free). */
static enum status add_long(struct txn *t, void *arg)
{
	(void)arg;
	struct organisation o;
	organisation_init(&o);
	o.id = org_id("Langenberg, Stadt");
	o.name = xmalloc(65537);
	memset(o.name, 'L', 65536);
	o.name[65536] = '\0';
	o.kind = ORG_MUNICIPALITY;
	o.category = CAT_MUNICIPALITY;
	o.ags = xstrdup("05158999");
	o.legal_type = xstrdup("kreisangehörige Gemeinde");
	o.county_ags = xstrdup("05158");
	o.size_class = xstrdup("Kleinstadt");
	o.region = xstrdup("Düsseldorf");
	store_org_put(t, &o);
	organisation_fini(&o);
	for (uint32_t i = 0; i < 2000; i++) {
		struct service s;
		service_init(&s);
		s.ozg_id = 90000 + i;
		s.name = xasprintf("Leistung %u mit einem Namen, der etwas länger ist als nötig", (unsigned)i);
		s.life_situation = xasprintf("Lebenslage %u", (unsigned)i);
		s.field = 1;
		store_service_put(t, &s);
		service_fini(&s);
	}
	return store_txn_status(t);
}

static void test_strings(void **state)
{
	struct fixture *f = *state;
	enum status st = store_write(f->store, add_long, NULL);
	if (st != STATUS_OK)
		fail_msg("add_long: %s", status_detail());
	fixture_load(f);
	assert_int_equal(f->cat.n_services, ARRAY_LEN(services) + 2000);
	struct uuid id = org_id("Langenberg, Stadt");
	const struct organisation *o = catalog_org(&f->cat, &id);
	assert_non_null(o);
	assert_int_equal(strlen(o->name), 65536);
	assert_true(o->name[0] == 'L' && o->name[65535] == 'L');
	assert_string_equal(o->ags, "05158999");
	assert_string_equal(o->legal_type, "kreisangehörige Gemeinde");
	assert_string_equal(o->county_ags, "05158");
	assert_string_equal(o->size_class, "Kleinstadt");
	assert_string_equal(o->region, "Düsseldorf");
	for (uint32_t i = 0; i < 2000; i += 199) {
		const struct service *s = catalog_service(&f->cat, 90000 + i);
		assert_non_null(s);
		char *name = xasprintf("Leistung %u mit einem Namen, der etwas länger ist als nötig", (unsigned)i);
		char *ls = xasprintf("Lebenslage %u", (unsigned)i);
		assert_string_equal(s->name, name);
		assert_string_equal(s->life_situation, ls);
		free(name);
		free(ls);
	}
	/* a string that is not the catalog's: its own allocation, freed by catalog_fini */
	f->cat.services[0].name = xstrdup("von Hand");
	f->cat.orgs[0].region = xstrdup("von Hand");
	/* loaded again over itself: the old blocks and the replaced strings go */
	fixture_load(f);
	assert_int_equal(strlen(catalog_org(&f->cat, &id)->name), 65536);
}

/* An empty catalog (never loaded) answers lookups with "not found". */
static void test_empty_catalog(void **state)
{
	(void)state;
	struct catalog c;
	catalog_init(&c);
	const struct organisation *o;
	uint16_t n;
	uint32_t id;
	struct uuid u = org_id("x");
	assert_null(catalog_org(&c, &u));
	assert_null(catalog_field(&c, 1));
	assert_null(catalog_service(&c, 1));
	assert_int_equal(catalog_find_org(&c, "Köln", &o), STATUS_NOT_FOUND);
	assert_int_equal(catalog_find_field(&c, "bauen", &n), STATUS_NOT_FOUND);
	assert_int_equal(catalog_find_service(&c, "Elterngeld", &id), STATUS_NOT_FOUND);
	catalog_fini(&c);
	catalog_fini(NULL);
}

/* The shipped reference data: counts from data/nrw_kommunen.csv (DOMAIN.md's
 * table: 207 + 132 + 35 + 22 = 396 municipalities) and real names. */
static enum status seed(struct txn *t, void *arg)
{
	(void)arg;
	return refdata_seed(t, PHASES_DEFAULT);
}

static int setup_refdata(void **state)
{
	struct fixture *f = fixture_open();
	assert_int_equal(store_write(f->store, seed, NULL), STATUS_OK);
	fixture_load(f);
	*state = f;
	return 0;
}

static void test_refdata(void **state)
{
	struct fixture *f = *state;
	struct catalog *c = &f->cat;
	const uint32_t *per = c->municipalities_per_category;

	assert_int_equal(c->n_fields, 14);
	assert_int_equal(per[CAT_MUNICIPALITY] + per[CAT_MEDIUM_TOWN] + per[CAT_LARGE_TOWN] +
				 per[CAT_CITY],
			 396);
	assert_int_equal(per[CAT_MEDIUM_TOWN], 132);
	assert_int_equal(per[CAT_LARGE_TOWN], 35);
	/* Aachen may be counted at either end (Aachen-Gesetz); together they are 229 */
	assert_int_equal(per[CAT_MUNICIPALITY] + per[CAT_CITY], 207 + 22);
	assert_int_equal(per[CAT_COUNTY], 0);

	static const struct {
		const char *input;
		const char *ags;
	} found[] = {
		{"Köln", "05315000"},
		{"Aachen", "05334002"},
		{"Städteregion Aachen", "05334"},
		{"Kreis Kleve", "05154"},
		{"Kleve, Stadt", "05154036"},
		{"Münster", "05515000"},
		{"Bad Driburg", "05762004"},
		{"Dahlem", "05366012"},
	};
	for (size_t i = 0; i < ARRAY_LEN(found); i++) {
		const struct organisation *o = NULL;
		enum status st = catalog_find_org(c, found[i].input, &o);
		if (st != STATUS_OK)
			fail_msg("'%s': %s: %s", found[i].input, status_name(st), status_detail());
		if (!o->ags || strcmp(o->ags, found[i].ags) != 0)
			fail_msg("'%s': found %s (%s), want %s", found[i].input, o->name,
				 o->ags ? o->ags : "-", found[i].ags);
	}
	const struct organisation *o;
	assert_int_equal(catalog_find_org(c, "krz", &o), STATUS_OK);
	assert_int_equal(o->kind, ORG_PROVIDER);
	assert_int_equal(catalog_find_org(c, "Kleve", &o), STATUS_DATA);
	assert_int_equal(catalog_find_org(c, "Bad", &o), STATUS_DATA);
	assert_non_null(strstr(status_detail(), ", ..."));

	uint16_t field;
	assert_int_equal(catalog_find_field(c, "bauen", &field), STATUS_OK);
	assert_int_equal(field, 2);
	assert_int_equal(catalog_find_field(c, "mobilitaet_reisen", &field), STATUS_OK);
	assert_int_equal(field, 9);
	uint32_t id;
	assert_int_equal(catalog_find_service(c, "Elterngeld", &id), STATUS_OK);
	assert_int_equal(id, 10000);
	assert_non_null(catalog_service(c, 10000));
}

/* The lookups by key (hash tables made by catalog_load) answer as a binary
 * search over the arrays does: every loaded key finds its own entry, random
 * keys find nothing, and a catalog whose arrays were replaced by hand after
 * the load (a new entry inserted) finds the new entry and the old ones. */
static void test_lookup_tables(void **state)
{
	struct fixture *f = *state;
	struct catalog *c = &f->cat;
	assert_true(c->n_orgs > 400 && c->n_services > 500);
	for (size_t i = 0; i < c->n_orgs; i++)
		assert_ptr_equal(catalog_org(c, &c->orgs[i].id), &c->orgs[i]);
	for (size_t i = 0; i < c->n_services; i++)
		assert_ptr_equal(catalog_service(c, c->services[i].ozg_id), &c->services[i]);
	srand(11);
	for (int i = 0; i < 20000; i++) {
		struct uuid u;
		for (size_t k = 0; k < sizeof u.b; k++)
			u.b[k] = (uint8_t)rand();
		if (i % 2)   /* the first half of a loaded key, so the table's probe compares whole keys */
			memcpy(u.b, c->orgs[(size_t)i % c->n_orgs].id.b, 8);
		assert_null(catalog_org(c, &u));
		uint32_t id = (uint32_t)rand() % 200000;
		const struct service *s = catalog_service(c, id);
		const struct service *want = NULL;
		for (size_t k = 0; k < c->n_services; k++)
			if (c->services[k].ozg_id == id)
				want = &c->services[k];
		assert_ptr_equal(s, want);
	}

	/* an organisation inserted by hand at its place: new array, one more */
	struct organisation *old = c->orgs;
	size_t n = c->n_orgs;
	struct organisation extra;
	organisation_init(&extra);
	extra.id = org_id("von Hand eingefügt");
	size_t at = 0;
	while (at < n && uuid_cmp(&old[at].id, &extra.id) < 0)
		at++;
	struct organisation *v = xcalloc(n + 1, sizeof *v);
	memcpy(v, old, at * sizeof *v);
	v[at] = extra;
	memcpy(v + at + 1, old + at, (n - at) * sizeof *v);
	c->orgs = v;
	c->n_orgs = n + 1;
	assert_ptr_equal(catalog_org(c, &extra.id), &v[at]);
	for (size_t i = 0; i < c->n_orgs; i++)
		assert_ptr_equal(catalog_org(c, &c->orgs[i].id), &c->orgs[i]);
	c->orgs = old;
	c->n_orgs = n;
	free(v);
	assert_null(catalog_org(c, &extra.id));
}


/* A lazy catalog (catalog_load_lazy, for `move`) has the phases, settings and
 * fields a loaded one has, and answers every lookup by key with an entry
 * equal to the loaded one's, read on first use: outside any transaction in a
 * read transaction of its own, inside a write in that write (so it sees what
 * the write changed); the same pointer each time; an unknown key is NULL and
 * leaves the status detail alone. */
struct lazy_write {
	const struct catalog *lazy;
	struct uuid renamed;
	const struct organisation *seen;
};

static enum status rename_and_look(struct txn *t, void *arg)
{
	struct lazy_write *w = arg;
	struct organisation o;
	organisation_init(&o);
	enum status st = store_org_get(t, &w->renamed, &o);
	if (st == STATUS_OK) {
		free(o.name);
		o.name = xstrdup("Umbenannt im Schreiben");
		st = store_org_put(t, &o);
	}
	organisation_fini(&o);
	w->seen = catalog_org(w->lazy, &w->renamed);
	return st ? st : store_txn_status(t);
}

static void test_lazy(void **state)
{
	struct fixture *f = *state;
	const struct catalog *full = &f->cat;
	struct catalog lazy;
	catalog_init(&lazy);
	struct txn *t;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	assert_int_equal(catalog_load_lazy(&lazy, t), STATUS_OK);
	store_txn_end(t);
	assert_ptr_equal(lazy.lazy, f->store);
	assert_int_equal(lazy.n_orgs, 0);
	assert_int_equal(lazy.n_services, 0);
	assert_int_equal(lazy.n_fields, full->n_fields);
	for (size_t i = 0; i < full->n_fields; i++)
		assert_string_equal(catalog_field_name(&lazy, full->fields[i].number, "?"), full->fields[i].name);
	assert_int_equal(lazy.phases.n, full->phases.n);
	assert_int_equal(lazy.settings.rep_policy, full->settings.rep_policy);
	assert_int_equal(lazy.settings.gate_team_phase, full->settings.gate_team_phase);

	/* every organisation and service, as the loaded catalog has it */
	for (size_t i = 0; i < full->n_orgs; i++) {
		const struct organisation *want = &full->orgs[i];
		const struct organisation *o = catalog_org(&lazy, &want->id);
		assert_non_null(o);
		assert_string_equal(o->name, want->name);
		assert_int_equal(o->category, want->category);
		assert_int_equal(o->kind, want->kind);
		assert_int_equal(o->population, want->population);
		assert_ptr_equal(catalog_org(&lazy, &want->id), o);
	}
	for (size_t i = 0; i < full->n_services; i++) {
		const struct service *want = &full->services[i];
		const struct service *sv = catalog_service(&lazy, want->ozg_id);
		assert_non_null(sv);
		assert_string_equal(sv->name, want->name);
		assert_int_equal(sv->categories, want->categories);
		assert_int_equal(sv->field, want->field);
		assert_ptr_equal(catalog_service(&lazy, want->ozg_id), sv);
	}
	/* the team rule judges a project alike with either: a service of the
	 * village end and the city end; a city, a village, a county */
	const struct organisation *who[3];
	assert_int_equal(catalog_find_org(full, "Köln", &who[0]), STATUS_OK);
	assert_int_equal(catalog_find_org(full, "Bad Driburg", &who[1]), STATUS_OK);
	assert_int_equal(catalog_find_org(full, "Kreis Kleve", &who[2]), STATUS_OK);
	const struct organisation *village = who[1];
	assert_int_equal(village->category, CAT_MUNICIPALITY);
	struct project p;
	project_init(&p);
	p.services = xcalloc(1, sizeof *p.services);
	for (size_t i = 0; i < full->n_services && !p.n_services; i++)
		if ((service_delivery(&full->services[i]) & (M | C)) == (M | C))
			p.services[p.n_services++] = full->services[i].ozg_id;
	assert_int_equal(p.n_services, 1);
	p.team = xcalloc(3, sizeof *p.team);
	for (size_t i = 0; i < 3; i++) {
		p.team[p.n_team++] = (struct member){who[i]->id, i ? ROLE_MEMBER : ROLE_LEAD};
		struct team_verdict a = rules_check_team(&lazy, &p), b = rules_check_team(full, &p);
		assert_int_equal(a.missing, b.missing);
		assert_int_equal(a.present, b.present);
		assert_int_equal(a.representative, b.representative);
		if (i == 0 || i == 2)   /* a city alone is not; all three ends are */
			assert_int_equal(a.representative, i == 2);
	}
	project_fini(&p);

	/* unknown keys: NULL, the detail of an earlier failure kept */
	status_fail(STATUS_DATA, "an earlier failure");
	struct uuid unknown = org_id("nicht in der Datenbank");
	assert_null(catalog_org(&lazy, &unknown));
	assert_null(catalog_service(&lazy, 99999));
	assert_string_equal(status_detail(), "an earlier failure");
	status_clear();

	/* inside a write: read in that write, which sees its own change */
	struct catalog lazy2;
	catalog_init(&lazy2);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	assert_int_equal(catalog_load_lazy(&lazy2, t), STATUS_OK);
	store_txn_end(t);
	struct lazy_write w = {.lazy = &lazy2, .renamed = village->id};
	assert_int_equal(store_write(f->store, rename_and_look, &w), STATUS_OK);
	assert_non_null(w.seen);
	assert_string_equal(w.seen->name, "Umbenannt im Schreiben");
	assert_null(store_open_txn(f->store));
	catalog_fini(&lazy2);
	catalog_fini(&lazy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_org, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_org_uuid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_service, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_phase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings, setup, teardown),
		cmocka_unit_test(test_empty_catalog),
		cmocka_unit_test_setup_teardown(test_refdata, setup_refdata, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_tables, setup_refdata, teardown),
		cmocka_unit_test_setup_teardown(test_lazy, setup_refdata, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
