/* test_jsonio.c - the JSON document: export, import into an empty database (restore)
 * and into one with data (merge), and refusal of bad files with "path:line".
 *
 * Every test runs on real LMDB environments in temporary directories. The clock
 * is fixed (OZGTUI_NOW) so that two exports can be compared byte for byte. The
 * lines expected in error messages are found in the test's own file text (where
 * the offending value was put), not taken from the implementation.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ozgtui/catalog.h"
#include "ozgtui/demo.h"
#include "ozgtui/jsonio.h"
#include "ozgtui/model.h"
#include "ozgtui/refdata.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define NOW "2026-03-01T10:00:00Z"

struct db {
	char *dir;
	struct store *s;
};

static void db_open(struct db *d)
{
	d->dir = test_tmpdir();
	assert_int_equal(store_open(d->dir, STORE_CREATE, &d->s), STATUS_OK);
}

static void db_close(struct db *d)
{
	store_close(d->s);
	test_rmtree(d->dir);
	free(d->dir);
	d->s = NULL;
	d->dir = NULL;
}

static char *export_str(struct store *s)
{
	struct txn *t = NULL;
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	FILE *f = open_memstream(&data, &len);
	assert_non_null(f);
	enum status st = jsonio_export(t, f);
	fclose(f);
	store_txn_end(t);
	if (st != STATUS_OK)
		fail_msg("export: %s", status_detail());
	return data;
}

static char *write_doc(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static bool db_empty(struct store *s)
{
	struct txn *t = NULL;
	bool empty = false;
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_is_empty(t, &empty), STATUS_OK);
	store_txn_end(t);
	return empty;
}

static void verify_ok(struct store *s)
{
	struct buf r;
	buf_init(&r);
	enum status st = store_verify(s, &r);
	if (st != STATUS_OK)
		fail_msg("verify: %s", r.data ? r.data : status_detail());
	buf_fini(&r);
}

/* The export writes records one by one; its text must be what jansson makes of
 * the same document as one tree (json_dumps with JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER, then a newline), as the export did before it streamed. */
static void same_as_jansson(const char *doc)
{
	json_error_t err;
	json_t *root = json_loads(doc, 0, &err);
	if (!root)
		fail_msg("the export is not JSON: %d: %s", err.line, err.text);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	assert_non_null(text);
	char *want = xasprintf("%s\n", text);
	assert_string_equal(doc, want);
	free(want);
	free(text);
	json_decref(root);
}

/* ---- a small database built by hand with store.h calls ------------------------- */

static struct uuid org_a, org_b, org_c, proj1, proj2, ws1, oc1;

static uint8_t phase_id(const struct phase_list *l, const char *slug)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].slug, slug))
			return l->v[i].id;
	fail_msg("no phase %s", slug);
	return 0;
}

static int32_t day(const char *s)
{
	int32_t d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

static void put_org(struct txn *t, struct uuid *id, const char *name, enum org_kind kind,
		    const char *ags, enum category cat, uint32_t pop)
{
	struct organisation o;
	organisation_init(&o);
	uuid_from_name(id, name);
	o.id = *id;
	o.kind = kind;
	o.name = xstrdup(name);
	o.ags = ags ? xstrdup(ags) : NULL;
	o.category = cat;
	o.population = pop;
	o.legal_type = cat ? xstrdup(category_label_de(cat)) : NULL;
	o.region = xstrdup("Düsseldorf");
	assert_int_equal(store_org_put(t, &o), STATUS_OK);
	organisation_fini(&o);
}

static enum status build_small_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct phase_list l;
	struct settings set;
	struct topic_field f;
	struct service sv;
	struct project p;
	struct workshop w;
	struct outcome o;
	struct history_entry h;

	phase_list_init(&l);
	phase_list_default(&l);
	assert_int_equal(store_phases_put(t, &l), STATUS_OK);
	settings_init(&set);
	set.rep_policy = REP_SPAN;
	set.gate_scope_phase = phase_id(&l, "workshop");
	set.gate_team_phase = phase_id(&l, "umsetzung");
	assert_int_equal(store_settings_put(t, &set), STATUS_OK);
	settings_fini(&set);

	topic_field_init(&f);
	f.number = 1;
	f.slug = xstrdup("bauen_wohnen");
	f.name = xstrdup("Bauen & Wohnen");
	f.sponsor = xstrdup("Ministerium für Heimat");
	assert_int_equal(store_field_put(t, &f), STATUS_OK);
	topic_field_fini(&f);
	topic_field_init(&f);
	f.number = 2;
	f.slug = xstrdup("arbeit_ruhestand");
	f.name = xstrdup("Arbeit & Ruhestand");
	f.alt_name = xstrdup("Arbeit");
	assert_int_equal(store_field_put(t, &f), STATUS_OK);
	topic_field_fini(&f);

	put_org(t, &org_a, "Dorf am See", ORG_MUNICIPALITY, "05999001", CAT_MUNICIPALITY, 4200);
	put_org(t, &org_b, "Großstadt", ORG_MUNICIPALITY, "05999000", CAT_CITY, 600000);
	put_org(t, &org_c, "Ministerium für Heimat", ORG_MINISTRY, NULL, CAT_NONE, 0);

	service_init(&sv);
	sv.ozg_id = 100;
	sv.name = xstrdup("Baugenehmigung");
	sv.field = 1;
	sv.life_situation = xstrdup("Bauen");
	sv.categories = CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_CITY);
	assert_int_equal(store_service_put(t, &sv), STATUS_OK);
	service_fini(&sv);
	service_init(&sv);
	sv.ozg_id = 200;
	sv.name = xstrdup("Rente");
	sv.field = 2;
	assert_int_equal(store_service_put(t, &sv), STATUS_OK);
	service_fini(&sv);

	project_init(&p);
	p.title = xstrdup("Bauantrag online");
	p.field = 1;
	project_add_service(&p, 100);
	p.phase = phase_id(&l, "workshop");
	project_date(&p, phase_id(&l, "sichtung"), true)->reached = day("2026-01-15");
	project_date(&p, phase_id(&l, "workshop"), true)->planned = day("2026-04-01");
	project_set_member(&p, &org_a, ROLE_LEAD);
	project_set_member(&p, &org_b, ROLE_MEMBER);
	project_add_interest(&p, &org_c);
	p.ministries = xcalloc(1, sizeof *p.ministries);
	p.ministries[0] = org_c;
	p.n_ministries = 1;
	strv_push(&p.departments, "Bauamt");
	strv_push(&p.components, "ePayBL");
	strv_push(&p.components, "Servicekonto.NRW");
	strv_push(&p.solutions, "XBau-Portal");
	p.priority = 2;
	p.notes = xstrdup("Notiz mit Umlauten: äöü\nzweite Zeile \"zitiert\"");
	assert_int_equal(store_project_create(t, &p), STATUS_OK);
	proj1 = p.id;
	project_fini(&p);

	project_init(&p);
	p.title = xstrdup("Rente digital");
	p.phase = phase_id(&l, "sichtung");
	p.demo = true;
	assert_int_equal(store_project_create(t, &p), STATUS_OK);
	proj2 = p.id;
	project_fini(&p);

	workshop_init(&w);
	w.field = 1;
	w.date = day("2026-02-10");
	w.title = xstrdup("Auftakt Bauen");
	w.place = xstrdup("Düsseldorf");
	w.participants = xcalloc(2, sizeof *w.participants);
	w.participants[0] = org_a;
	w.participants[1] = org_b;
	w.n_participants = 2;
	w.head_count = 12;
	assert_int_equal(store_workshop_put(t, &w), STATUS_OK);
	ws1 = w.id;
	workshop_fini(&w);

	outcome_init(&o);
	o.workshop = ws1;
	o.kind = OUTCOME_VOLUNTEER;
	o.text = xstrdup("Dorf am See macht mit");
	o.owner = xstrdup("Frau Beispiel");
	o.due = day("2026-05-01");
	o.status = OUTCOME_STATUS_DONE;
	o.projects = xcalloc(1, sizeof *o.projects);
	o.projects[0] = proj1;
	o.n_projects = 1;
	o.orgs = xcalloc(1, sizeof *o.orgs);
	o.orgs[0] = org_a;
	o.n_orgs = 1;
	o.services = xcalloc(1, sizeof *o.services);
	o.services[0] = 100;
	o.n_services = 1;
	assert_int_equal(store_outcome_put(t, &o), STATUS_OK);
	oc1 = o.id;
	outcome_fini(&o);

	history_entry_init(&h);
	h.entity = xstrdup("database");
	h.action = xstrdup("init");
	h.summary = xstrdup("initialised by hand");
	assert_int_equal(store_history_add(t, &h), STATUS_OK);
	history_entry_fini(&h);
	history_entry_init(&h);
	h.entity = xstrdup("project");
	h.entity_id = proj1;
	h.project_number = 1;
	h.action = xstrdup("move");
	h.summary = xstrdup("phase Sichtung → Workshop");
	h.from_phase = phase_id(&l, "sichtung");
	h.to_phase = phase_id(&l, "workshop");
	h.reason = xstrdup("Workshop vorgezogen");
	h.forced = true;
	assert_int_equal(store_history_add(t, &h), STATUS_OK);
	history_entry_fini(&h);
	/* a phase the list no longer has: exported by id */
	history_entry_init(&h);
	h.entity = xstrdup("project");
	h.entity_id = proj2;
	h.project_number = 2;
	h.action = xstrdup("move");
	h.from_phase = 200;
	h.to_phase = phase_id(&l, "sichtung");
	assert_int_equal(store_history_add(t, &h), STATUS_OK);
	history_entry_fini(&h);

	phase_list_fini(&l);
	return STATUS_OK;
}

static void build_small(struct db *d)
{
	db_open(d);
	assert_int_equal(store_write(d->s, build_small_cb, NULL), STATUS_OK);
}

static enum status seed_cb(struct txn *t, void *arg)
{
	(void)arg;
	return refdata_seed(t, PHASES_DEFAULT);
}

/* Exports a, imports into a new empty database b, exports b: the same text. */
static void round_trip(struct db *a, const char *expect_report)
{
	struct db b;
	struct buf report;
	char *doc = export_str(a->s);
	char *path = write_doc(a->dir, "export.json", doc, strlen(doc));

	db_open(&b);
	buf_init(&report);
	enum status st = jsonio_import(b.s, path, false, &report);
	if (st != STATUS_OK)
		fail_msg("import: %s", status_detail());
	if (expect_report)
		assert_string_equal(report.data, expect_report);
	assert_true(store_initialised(b.s));
	verify_ok(b.s);
	char *again = export_str(b.s);
	assert_string_equal(doc, again);
	same_as_jansson(doc);

	free(again);
	buf_fini(&report);
	db_close(&b);
	free(path);
	free(doc);
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_round_trip_small(void **state)
{
	(void)state;
	struct db a;
	build_small(&a);
	round_trip(&a, "imported: 2 topic fields, 2 services, 3 organisations, "
		       "2 projects (2 added, 0 updated), 1 workshops, 1 outcomes, 3 history entries");
	db_close(&a);
}

/* The export says what the database holds, in the documented form. */
static void test_export_content(void **state)
{
	(void)state;
	struct db a;
	json_error_t err;
	char id[37];
	build_small(&a);
	char *doc = export_str(a.s);
	json_t *root = json_loads(doc, 0, &err);
	assert_non_null(root);

	assert_string_equal(json_string_value(json_object_get(root, "format")), "ozgtui");
	assert_int_equal(json_integer_value(json_object_get(root, "format_version")), 1);
	assert_string_equal(json_string_value(json_object_get(root, "exported_at")), NOW);
	json_t *set = json_object_get(root, "settings");
	assert_string_equal(json_string_value(json_object_get(set, "rep_policy")), "span");
	assert_string_equal(json_string_value(json_object_get(set, "gate_team_phase")), "umsetzung");

	json_t *projects = json_object_get(root, "projects");
	assert_int_equal(json_array_size(projects), 2);
	json_t *p = json_array_get(projects, 0);
	uuid_format(&proj1, id);
	assert_string_equal(json_string_value(json_object_get(p, "id")), id);
	assert_int_equal(json_integer_value(json_object_get(p, "number")), 1);
	assert_string_equal(json_string_value(json_object_get(p, "phase")), "workshop");
	json_t *d0 = json_array_get(json_object_get(p, "dates"), 0);
	assert_string_equal(json_string_value(json_object_get(d0, "phase")), "sichtung");
	assert_string_equal(json_string_value(json_object_get(d0, "reached")), "2026-01-15");
	assert_true(json_is_null(json_object_get(d0, "planned")));
	json_t *m0 = json_array_get(json_object_get(p, "team"), 0);
	uuid_format(&org_a, id);
	assert_string_equal(json_string_value(json_object_get(m0, "org")), id);
	assert_string_equal(json_string_value(json_object_get(m0, "role")), "lead");
	assert_string_equal(json_string_value(json_array_get(json_object_get(p, "components"), 1)),
			    "Servicekonto.NRW");
	assert_string_equal(json_string_value(json_object_get(p, "created")), NOW);
	assert_null(json_object_get(p, "unknown"));
	json_t *p2 = json_array_get(projects, 1);
	assert_true(json_is_null(json_object_get(p2, "field")));
	assert_true(json_is_null(json_object_get(p2, "priority")));
	assert_true(json_is_true(json_object_get(p2, "demo")));

	json_t *services = json_object_get(root, "services");
	json_t *s0 = json_array_get(services, 0);
	assert_int_equal(json_integer_value(json_object_get(s0, "ozg_id")), 100);
	json_t *cats = json_object_get(s0, "categories");
	assert_int_equal(json_array_size(cats), 2);
	assert_string_equal(json_string_value(json_array_get(cats, 0)), "municipality");
	assert_string_equal(json_string_value(json_array_get(cats, 1)), "city");
	assert_int_equal(json_array_size(json_object_get(json_array_get(services, 1), "categories")), 0);

	/* organisations by UUID string */
	json_t *orgs = json_object_get(root, "organisations");
	assert_int_equal(json_array_size(orgs), 3);
	for (size_t i = 1; i < json_array_size(orgs); i++)
		assert_true(strcmp(json_string_value(json_object_get(json_array_get(orgs, i - 1), "id")),
				   json_string_value(json_object_get(json_array_get(orgs, i), "id"))) < 0);

	json_t *oc = json_array_get(json_object_get(root, "outcomes"), 0);
	assert_string_equal(json_string_value(json_object_get(oc, "kind")), "volunteer");
	assert_string_equal(json_string_value(json_object_get(oc, "status")), "done");
	assert_string_equal(json_string_value(json_object_get(oc, "due")), "2026-05-01");

	json_t *hist = json_object_get(root, "history");
	assert_int_equal(json_array_size(hist), 3);
	json_t *h1 = json_array_get(hist, 1);
	assert_int_equal(json_integer_value(json_object_get(h1, "seq")), 2);
	assert_string_equal(json_string_value(json_object_get(h1, "from_phase")), "sichtung");
	assert_true(json_is_true(json_object_get(h1, "forced")));
	json_t *h2 = json_array_get(hist, 2);
	assert_int_equal(json_integer_value(json_object_get(h2, "from_phase")), 200);
	assert_true(json_is_null(json_object_get(json_array_get(hist, 0), "entity_id")));

	json_decref(root);
	free(doc);
	db_close(&a);
}

static void test_round_trip_seeded(void **state)
{
	(void)state;
	struct db a;
	db_open(&a);
	assert_int_equal(store_write(a.s, seed_cb, NULL), STATUS_OK);
	round_trip(&a, NULL);
	db_close(&a);
}

static enum status demo_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct catalog c;
	catalog_init(&c);
	enum status st = catalog_load(&c, t);
	if (st == STATUS_OK)
		st = demo_seed(t, &c, 7);
	catalog_fini(&c);
	return st;
}

/* The reference data and the whole sample: every kind of record, many of each. */
static void test_round_trip_demo(void **state)
{
	(void)state;
	struct db a;
	size_t n_projects = 0;
	struct txn *t = NULL;
	db_open(&a);
	assert_int_equal(store_write(a.s, seed_cb, NULL), STATUS_OK);
	if (store_write(a.s, demo_cb, NULL) != STATUS_OK)
		fail_msg("demo_seed: %s", status_detail());
	assert_int_equal(store_read_begin(a.s, &t), STATUS_OK);
	assert_int_equal(store_project_count(t, &n_projects), STATUS_OK);
	store_txn_end(t);
	assert_true(n_projects > 50);
	round_trip(&a, NULL);

	/* importing the same file into the seeded database again changes nothing */
	char *doc = export_str(a.s);
	char *path = write_doc(a.dir, "demo.json", doc, strlen(doc));
	struct buf report;
	buf_init(&report);
	assert_int_equal(jsonio_import(a.s, path, false, &report), STATUS_OK);
	assert_null(strstr(report.data, "1 updated"));
	char *again = export_str(a.s);
	assert_string_equal(doc, again);
	free(again);
	buf_fini(&report);
	free(path);
	free(doc);
	db_close(&a);
}

/* Raw codec fields this version does not know, appended to records. */
static const uint8_t unknown_raw[] = {0x98, 0x06, 0x07,                   /* tag 99, varint 7 */
				      0xa2, 0x06, 0x03, 'a', 'b', 'c'};    /* tag 100, "abc" */

static enum status add_unknown_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct project p;
	struct organisation o;
	struct settings s;
	project_init(&p);
	assert_int_equal(store_project_get(t, &proj1, &p), STATUS_OK);
	unknown_add(&p.unknown, unknown_raw, sizeof unknown_raw);
	assert_int_equal(store_project_update(t, &p, p.version), STATUS_OK);
	project_fini(&p);
	organisation_init(&o);
	assert_int_equal(store_org_get(t, &org_b, &o), STATUS_OK);
	unknown_add(&o.unknown, unknown_raw, 3);
	assert_int_equal(store_org_put(t, &o), STATUS_OK);
	organisation_fini(&o);
	settings_init(&s);
	assert_int_equal(store_settings_get(t, &s), STATUS_OK);
	unknown_add(&s.unknown, unknown_raw + 3, 6);
	assert_int_equal(store_settings_put(t, &s), STATUS_OK);
	settings_fini(&s);
	return STATUS_OK;
}

static void test_unknown_survives(void **state)
{
	(void)state;
	struct db a, b;
	struct txn *t = NULL;
	struct project p;
	build_small(&a);
	assert_int_equal(store_write(a.s, add_unknown_cb, NULL), STATUS_OK);
	char *doc = export_str(a.s);
	assert_non_null(strstr(doc, "\"unknown\": \"980607a20603616263\""));
	assert_non_null(strstr(doc, "\"unknown\": \"980607\""));
	assert_non_null(strstr(doc, "\"unknown\": \"a20603616263\""));
	round_trip(&a, NULL);

	/* and the restored record holds the bytes */
	char *path = write_doc(a.dir, "u.json", doc, strlen(doc));
	db_open(&b);
	assert_int_equal(jsonio_import(b.s, path, false, NULL), STATUS_OK);
	assert_int_equal(store_read_begin(b.s, &t), STATUS_OK);
	project_init(&p);
	assert_int_equal(store_project_get(t, &proj1, &p), STATUS_OK);
	assert_int_equal(p.unknown.len, sizeof unknown_raw);
	assert_memory_equal(p.unknown.data, unknown_raw, sizeof unknown_raw);
	project_fini(&p);
	store_txn_end(t);
	db_close(&b);
	free(path);
	free(doc);
	db_close(&a);
}

/* ---- bad files ------------------------------------------------------------------ */

/* text with the first occurrence of old after anchor replaced; *line is the line
 * where the replacement (plus mark_offset bytes into it) stands. */
static char *replace_after(const char *text, const char *anchor, const char *old,
			   const char *repl, int *line)
{
	const char *a = anchor ? strstr(text, anchor) : text;
	assert_non_null(a);
	const char *p = strstr(a, old);
	if (!p)
		fail_msg("'%s' not found after '%s'", old, anchor ? anchor : "");
	struct buf b;
	buf_init(&b);
	buf_append(&b, text, (size_t)(p - text));
	buf_puts(&b, repl);
	buf_puts(&b, p + strlen(old));
	*line = 1;
	for (const char *q = text; q < p; q++)
		if (*q == '\n')
			(*line)++;
	return buf_steal(&b);
}

struct bad_case {
	const char *name;
	const char *anchor;
	const char *old;
	const char *repl;
	const char *expect;   /* in the message, besides path:line */
};

static void check_refused(struct db *d, const char *text, size_t len, int line,
			  const char *expect, const char *name)
{
	char *before = export_str(d->s);
	char *path = write_doc(d->dir, "bad.json", text, len);
	struct buf report;
	buf_init(&report);
	enum status st = jsonio_import(d->s, path, false, &report);
	if (st != STATUS_DATA)
		fail_msg("%s: status %s, expected DATA (%s)", name, status_name(st), status_detail());
	char *where = xasprintf("%s:%d: ", path, line);
	if (!strstr(status_detail(), where))
		fail_msg("%s: message lacks '%s':\n%s", name, where, status_detail());
	if (expect && !strstr(status_detail(), expect))
		fail_msg("%s: message lacks '%s':\n%s", name, expect, status_detail());
	assert_int_equal(report.len, 0);
	/* a dry run refuses the same file the same way */
	assert_int_equal(jsonio_import(d->s, path, true, &report), STATUS_DATA);
	char *after = export_str(d->s);
	assert_string_equal(before, after);
	free(after);
	free(where);
	buf_fini(&report);
	free(path);
	free(before);
}

static const struct bad_case bad_cases[] = {
	{"syntax", "\"projects\": [", "\"title\": \"Bauantrag", "\"title\" \"Bauantrag", NULL},
	{"wrong type", "\"projects\": [", "\"priority\": 2", "\"priority\": \"2\"", "priority"},
	{"unknown phase", "\"projects\": [", "\"phase\": \"workshop\"", "\"phase\": \"foo\"",
	 "projects[0] (number 1): phase: unknown phase 'foo'"},
	{"invalid date", "\"projects\": [", "\"planned\": \"2026-04-01\"",
	 "\"planned\": \"2026-02-30\"", "dates[1].planned: invalid date '2026-02-30'"},
	{"duplicate number", "\"title\": \"Bauantrag online\"", "\"number\": 2", "\"number\": 1",
	 "duplicate project number 1"},
	{"format version", NULL, "\"format_version\": 1", "\"format_version\": 2", "format_version 2"},
	{"unknown key", "\"projects\": [", "\"notes\":", "\"notizen\":", "unknown key 'notizen'"},
	{"unknown enum", "\"team\": [", "\"role\": \"member\"", "\"role\": \"chef\"",
	 "team[1].role: unknown role 'chef'"},
	{"unknown service", "\"projects\": [", "\"services\": [\n        100", "\"services\": [\n        999",
	 "services[0]: unknown service 999"},
	{"nil uuid", "\"projects\": [", "\"interested\": [\n        \"",
	 "\"interested\": [\n        \"00000000-0000-0000-0000-000000000000\", \"", "interested[0]"},
	{"bad unknown hex", "\"projects\": [", "\"version\":", "\"unknown\": \"zz\", \"version\":", "hex"},
	{"truncated unknown", "\"projects\": [", "\"version\":", "\"unknown\": \"98\", \"version\":",
	 "not well-formed"},
	{"not json", NULL, "{", "{,", NULL},
	{"duplicate key", "\"projects\": [", "\"demo\": false", "\"demo\": false, \"demo\": true", "duplicate"},
	{"wrong format", NULL, "\"format\": \"ozgtui\"", "\"format\": \"other\"", "not an ozgtui document"},
};

static void test_bad_files(void **state)
{
	(void)state;
	struct db a;
	build_small(&a);
	char *good = export_str(a.s);

	for (size_t i = 0; i < ARRAY_LEN(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		int line;
		char *bad = replace_after(good, c->anchor, c->old, c->repl, &line);
		/* the line where the replacement's last line starts: the offending token */
		for (const char *q = c->repl; *q; q++)
			if (*q == '\n')
				line++;
		check_refused(&a, bad, strlen(bad), line, c->expect, c->name);
		free(bad);
	}
	free(good);
	db_close(&a);
}

static void test_overlong_title(void **state)
{
	(void)state;
	struct db a;
	int line;
	char longt[600];
	build_small(&a);
	char *good = export_str(a.s);
	memset(longt, 'x', 501);
	strcpy(longt + 501, "\"");
	char *repl = xasprintf("\"title\": \"%s", longt);
	char *bad = replace_after(good, "\"number\": 2", "\"title\": \"Rente digital\"", repl, &line);
	check_refused(&a, bad, strlen(bad), line, "projects[1] (number 2): title: too long (501 bytes", "title");
	free(bad);
	free(repl);

	/* 500 bytes are fine */
	longt[500] = '"';
	longt[501] = '\0';
	repl = xasprintf("\"title\": \"%s", longt);
	bad = replace_after(good, "\"number\": 2", "\"title\": \"Rente digital\"", repl, &line);
	char *path = write_doc(a.dir, "ok.json", bad, strlen(bad));
	assert_int_equal(jsonio_import(a.s, path, false, NULL), STATUS_OK);
	free(path);
	free(bad);
	free(repl);
	free(good);
	db_close(&a);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	struct db a;
	int line;
	build_small(&a);
	char *good = export_str(a.s);
	char *bad = replace_after(good, "\"projects\": [", "Bauantrag", "Bau\xff\xfe" "antrag", &line);
	check_refused(&a, bad, strlen(bad), line, NULL, "utf-8");
	free(bad);
	free(good);
	db_close(&a);
}

/* Number 2 already belongs to another UUID in the database (merge). */
static void test_number_taken(void **state)
{
	(void)state;
	struct db a;
	int line;
	char id[37];
	struct uuid other;
	build_small(&a);
	char *good = export_str(a.s);
	uuid_format(&proj2, id);
	uuid_from_name(&other, "another project");
	char oid[37], from[64], to[64];
	uuid_format(&other, oid);
	snprintf(from, sizeof from, "\"id\": \"%s\"", id);
	snprintf(to, sizeof to, "\"id\": \"%s\"", oid);
	char *bad = replace_after(good, "\"projects\": [", from, to, &line);
	line++;   /* the number stands on the line after the id */
	check_refused(&a, bad, strlen(bad), line, "number 2 belongs to another project", "taken");
	free(bad);
	free(good);
	db_close(&a);
}

/* An unknown organisation in the team, into an empty database: nothing written. */
static void test_refused_into_empty(void **state)
{
	(void)state;
	struct db a, b;
	int line;
	char id[37], from[64];
	build_small(&a);
	char *good = export_str(a.s);
	uuid_format(&org_b, id);
	snprintf(from, sizeof from, "\"org\": \"%s\"", id);
	char *bad = replace_after(good, "\"team\": [", from,
				  "\"org\": \"6f1c2a4e-1111-4222-8333-944455556666\"", &line);
	db_open(&b);
	char *path = write_doc(b.dir, "bad.json", bad, strlen(bad));
	assert_int_equal(jsonio_import(b.s, path, false, NULL), STATUS_DATA);
	char *where = xasprintf("%s:%d: projects[0] (number 1): team[1].org: unknown organisation", path, line);
	if (!strstr(status_detail(), where))
		fail_msg("message lacks '%s':\n%s", where, status_detail());
	assert_true(db_empty(b.s));
	assert_false(store_initialised(b.s));
	free(where);
	free(path);
	free(bad);
	free(good);
	db_close(&b);
	db_close(&a);
}

static void test_dry_run(void **state)
{
	(void)state;
	struct db a, b;
	struct buf report;
	build_small(&a);
	char *doc = export_str(a.s);
	char *path = write_doc(a.dir, "d.json", doc, strlen(doc));
	db_open(&b);
	buf_init(&report);
	assert_int_equal(jsonio_import(b.s, path, true, &report), STATUS_OK);
	assert_true(text_has_prefix(report.data, "would import: 2 topic fields"));
	assert_true(db_empty(b.s));
	assert_false(store_initialised(b.s));

	/* a dry merge names what would change and changes nothing */
	json_error_t err;
	json_t *root = json_loads(doc, 0, &err);
	json_t *p0 = json_array_get(json_object_get(root, "projects"), 0);
	json_object_set_new(p0, "title", json_string("Bauantrag digital"));
	char *changed = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *path2 = write_doc(a.dir, "d2.json", changed, strlen(changed));
	buf_reset(&report);
	assert_int_equal(jsonio_import(a.s, path2, true, &report), STATUS_OK);
	assert_non_null(strstr(report.data, "would import: "));
	assert_non_null(strstr(report.data, "2 projects (0 added, 1 updated)"));
	char *after = export_str(a.s);
	assert_string_equal(doc, after);

	free(after);
	free(path2);
	free(changed);
	json_decref(root);
	buf_fini(&report);
	db_close(&b);
	free(path);
	free(doc);
	db_close(&a);
}

struct hist_seen {
	size_t n;
	char summary[256];
	char action[32];
};

static int hist_cb(const struct history_entry *e, void *arg)
{
	struct hist_seen *h = arg;
	if (h->n++ == 0) {
		snprintf(h->summary, sizeof h->summary, "%s", e->summary ? e->summary : "");
		snprintf(h->action, sizeof h->action, "%s", e->action ? e->action : "");
	}
	return 0;
}

static size_t history_count(struct store *s)
{
	struct txn *t = NULL;
	struct hist_seen h = {0};
	assert_int_equal(store_read_begin(s, &t), STATUS_OK);
	assert_int_equal(store_history_each(t, 0, hist_cb, &h), STATUS_OK);
	store_txn_end(t);
	return h.n;
}

static void test_merge(void **state)
{
	(void)state;
	struct db a;
	struct buf report;
	struct txn *t = NULL;
	struct project p;
	struct organisation o;
	json_error_t err;
	char id[37];

	build_small(&a);
	char *doc = export_str(a.s);
	size_t hist_before = history_count(a.s);

	/* the same document again: nothing changes, no history */
	char *path = write_doc(a.dir, "same.json", doc, strlen(doc));
	buf_init(&report);
	assert_int_equal(jsonio_import(a.s, path, false, &report), STATUS_OK);
	assert_non_null(strstr(report.data, "2 projects (0 added, 0 updated)"));
	assert_int_equal(history_count(a.s), hist_before);
	char *same = export_str(a.s);
	assert_string_equal(doc, same);
	free(same);

	/* change project 1, add project 3, change an organisation's population */
	json_t *root = json_loads(doc, 0, &err);
	assert_non_null(root);
	json_t *projects = json_object_get(root, "projects");
	json_t *p0 = json_array_get(projects, 0);
	json_object_set_new(p0, "title", json_string("Bauantrag digital"));
	json_object_set_new(p0, "phase", json_string("entscheidung"));
	json_t *p3 = json_deep_copy(json_array_get(projects, 1));
	struct uuid nid;
	uuid_from_name(&nid, "project three");
	uuid_format(&nid, id);
	json_object_set_new(p3, "id", json_string(id));
	json_object_set_new(p3, "number", json_integer(3));
	json_object_set_new(p3, "title", json_string("Neues Projekt"));
	json_array_append_new(projects, p3);
	uuid_format(&org_a, id);
	json_t *orgs = json_object_get(root, "organisations");
	for (size_t i = 0; i < json_array_size(orgs); i++) {
		json_t *g = json_array_get(orgs, i);
		if (!strcmp(json_string_value(json_object_get(g, "id")), id))
			json_object_set_new(g, "population", json_integer(4300));
	}
	char *changed = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *path2 = write_doc(a.dir, "changed.json", changed, strlen(changed));
	buf_reset(&report);
	if (jsonio_import(a.s, path2, false, &report) != STATUS_OK)
		fail_msg("merge: %s", status_detail());
	assert_non_null(strstr(report.data, "imported: "));
	assert_non_null(strstr(report.data, "3 organisations (0 added, 1 updated)"));
	assert_non_null(strstr(report.data, "3 projects (1 added, 1 updated)"));
	assert_non_null(strstr(report.data, "2 history entries"));
	assert_int_equal(history_count(a.s), hist_before + 2);
	verify_ok(a.s);

	assert_int_equal(store_read_begin(a.s, &t), STATUS_OK);
	project_init(&p);
	assert_int_equal(store_project_get(t, &proj1, &p), STATUS_OK);
	assert_string_equal(p.title, "Bauantrag digital");
	assert_int_equal(p.version, 2);
	assert_int_equal(p.number, 1);
	assert_string_equal(p.updated_by, user_name());
	project_fini(&p);
	project_init(&p);
	assert_int_equal(store_project_by_number(t, 3, &p), STATUS_OK);
	assert_int_equal(uuid_cmp(&p.id, &nid), 0);
	assert_string_equal(p.title, "Neues Projekt");
	assert_int_equal(p.version, 1);
	project_fini(&p);
	organisation_init(&o);
	assert_int_equal(store_org_get(t, &org_a, &o), STATUS_OK);
	assert_int_equal(o.population, 4300);
	assert_int_equal(o.version, 2);
	organisation_fini(&o);
	struct hist_seen h = {0};
	assert_int_equal(store_history_each_for(t, &proj1, hist_cb, &h), STATUS_OK);
	assert_string_equal(h.action, "import");
	assert_non_null(strstr(h.summary, "title"));
	assert_non_null(strstr(h.summary, "phase"));
	assert_null(strstr(h.summary, "team"));
	store_txn_end(t);

	free(path2);
	free(changed);
	json_decref(root);
	buf_fini(&report);
	free(path);
	free(doc);
	db_close(&a);
}

/* A document of projects only, into a database that has the reference data. */
static void test_partial_document(void **state)
{
	(void)state;
	struct db a;
	char id[37], ida[37];
	build_small(&a);
	struct uuid nid;
	uuid_from_name(&nid, "partial");
	uuid_format(&nid, id);
	uuid_format(&org_a, ida);
	char *doc = xasprintf("{\n"
			      "  \"format\": \"ozgtui\",\n"
			      "  \"format_version\": 1,\n"
			      "  \"projects\": [\n"
			      "    {\"id\": \"%s\", \"number\": 7, \"title\": \"Hand geschrieben\",\n"
			      "     \"field\": 1, \"services\": [100], \"phase\": \"sichtung\",\n"
			      "     \"team\": [{\"org\": \"%s\", \"role\": \"lead\"}]}\n"
			      "  ]\n"
			      "}\n", id, ida);
	char *path = write_doc(a.dir, "partial.json", doc, strlen(doc));
	struct buf report;
	buf_init(&report);
	if (jsonio_import(a.s, path, false, &report) != STATUS_OK)
		fail_msg("partial: %s", status_detail());
	assert_non_null(strstr(report.data, "1 projects (1 added, 0 updated)"));

	/* the same with a bad phase names line 6 */
	free(doc);
	free(path);
	doc = xasprintf("{\n"
			"  \"format\": \"ozgtui\",\n"
			"  \"format_version\": 1,\n"
			"  \"projects\": [\n"
			"    {\"id\": \"%s\", \"number\": 8, \"title\": \"Hand geschrieben\",\n"
			"     \"field\": 1, \"services\": [100], \"phase\": \"Sichtung!\"}\n"
			"  ]\n"
			"}\n", "8e0b4b7e-2b7a-4a55-9a43-3f3f1f0e9c11");
	check_refused(&a, doc, strlen(doc), 6, "unknown phase 'Sichtung!'", "partial");
	buf_fini(&report);
	free(doc);
	db_close(&a);
}

/* Many bad records: the first few are listed, whole, and the rest counted. */
static void test_many_errors(void **state)
{
	(void)state;
	struct db a;
	struct buf doc;
	build_small(&a);
	buf_init(&doc);
	buf_puts(&doc, "{\n  \"format\": \"ozgtui\",\n  \"format_version\": 1,\n  \"projects\": [\n");
	for (int i = 0; i < 40; i++)
		buf_printf(&doc, "    {\"id\": \"8e0b4b7e-2b7a-4a55-9a43-3f3f1f0e%04d\", \"number\": %d,\n"
			   "     \"title\": \"P\", \"phase\": \"nirgends\"}%s\n",
			   i, 100 + i, i < 39 ? "," : "");
	buf_puts(&doc, "  ]\n}\n");
	/* the first bad phase is on line 6 */
	check_refused(&a, doc.data, doc.len, 6, "unknown phase 'nirgends'", "many");
	const char *d = status_detail();
	assert_true(strlen(d) < 1000);
	assert_non_null(strstr(d, "more errors)"));
	/* every listed line is whole: it ends in the phase's name */
	size_t listed = 0;
	for (const char *q = d; (q = strstr(q, "unknown phase 'nirgends'")); q++)
		listed++;
	assert_true(listed >= 3);
	char *more = xasprintf("(%zu more errors)", (size_t)40 - listed);
	assert_non_null(strstr(d, more));
	free(more);
	buf_fini(&doc);
	db_close(&a);
}

/* Damaged documents (bytes flipped, cut, doubled) are refused or accepted, never
 * crash; with the sanitizers this covers the position scanner and the checks on
 * arbitrary input. Deterministic: a fixed linear congruential sequence. */
static void test_mutations(void **state)
{
	(void)state;
	struct db a;
	uint32_t x = 12345;
	build_small(&a);
	char *good = export_str(a.s);
	size_t len = strlen(good);
	size_t accepted = 0, refused = 0;
	for (int i = 0; i < 400; i++) {
		char *m = xmalloc(len * 2 + 1);
		memcpy(m, good, len + 1);
		size_t n = len;
		for (int k = 0; k < 1 + i % 4; k++) {
			x = x * 1103515245u + 12345u;
			size_t pos = (x >> 8) % n;
			x = x * 1103515245u + 12345u;
			switch (x >> 29) {
			case 0:
				m[pos] = (char)(x >> 16);   /* any byte */
				break;
			case 1:
				n = pos;                      /* cut */
				m[n] = '\0';
				break;
			case 2: {                             /* a span doubled */
				size_t span = ((x >> 12) % 40) + 1;
				if (pos + span > n)
					span = n - pos;
				memmove(m + pos + span, m + pos, n - pos + 1);
				n += span;
				break;
			}
			default: {                            /* digits, quotes, brackets */
				static const char pick[] = "0123456789\"{}[],:-";
				m[pos] = pick[(x >> 16) % (sizeof pick - 1)];
				break;
			}
			}
			if (n == 0)
				break;
		}
		char *path = write_doc(a.dir, "m.json", m, n);
		struct buf report;
		buf_init(&report);
		enum status st = jsonio_import(a.s, path, i % 2 == 0, &report);
		if (st != STATUS_OK && st != STATUS_DATA)
			fail_msg("mutation %d: %s: %s", i, status_name(st), status_detail());
		if (st == STATUS_DATA)
			assert_non_null(strstr(status_detail(), path));
		if (st == STATUS_OK)
			accepted++;
		else
			refused++;
		buf_fini(&report);
		free(path);
		free(m);
	}
	/* the damaged files that passed were harmless in a merge; no verify errors */
	verify_ok(a.s);
	assert_true(accepted > 10);
	assert_true(refused > 10);
	free(good);
	db_close(&a);
}

/* ---- streaming ------------------------------------------------------------------ */

static enum status hostile_cb(struct txn *t, void *arg)
{
	(void)arg;
	struct project p;
	project_init(&p);
	p.title = xstrdup("Steuer\x01zeichen \x1b[31m \x7f \"zitiert\" \\ / \b\f\n\r\t äöü € 😀");
	p.notes = xstrdup("\x1f\x10\x0b \xe2\x80\xa8 \xef\xbf\xbf");
	strv_push(&p.departments, "");
	strv_push(&p.departments, "\"");
	assert_int_equal(store_project_create(t, &p), STATUS_OK);
	project_fini(&p);
	return STATUS_OK;
}

/* Every control character, quotes, backslashes, non-ASCII text, empty strings:
 * written as jansson writes them, and read back the same. */
static void test_writer_escapes(void **state)
{
	(void)state;
	struct db a;
	build_small(&a);
	assert_int_equal(store_write(a.s, hostile_cb, NULL), STATUS_OK);
	char *doc = export_str(a.s);
	assert_non_null(strstr(doc, "Steuer\\u0001zeichen \\u001B[31m \x7f \\\"zitiert\\\" \\\\ / \\b\\f\\n\\r\\t"));
	same_as_jansson(doc);
	round_trip(&a, NULL);
	free(doc);
	db_close(&a);
}

/* The document's members in the reverse order of an export: arrays before the
 * phases and the format (the rest of the file is scanned for them first),
 * outcomes before the projects and workshops they name, projects before the
 * organisations, services and topic fields (checked at the end). */
static char *reversed(const char *doc)
{
	json_error_t err;
	json_t *root = json_loads(doc, 0, &err);
	assert_non_null(root);
	const char *keys[32];
	size_t n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v)
		keys[n++] = key;
	json_t *rev = json_object();
	while (n--)
		json_object_set(rev, keys[n], json_object_get(root, keys[n]));
	char *text = json_dumps(rev, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(rev);
	json_decref(root);
	return text;
}

static void test_out_of_order(void **state)
{
	(void)state;
	struct db a, b;
	struct buf report;
	build_small(&a);
	char *doc = export_str(a.s);
	char *rev = reversed(doc);
	assert_true(strstr(rev, "\"history\"") < strstr(rev, "\"format\""));
	char *path = write_doc(a.dir, "reversed.json", rev, strlen(rev));
	db_open(&b);
	buf_init(&report);
	if (jsonio_import(b.s, path, false, &report) != STATUS_OK)
		fail_msg("reversed: %s", status_detail());
	assert_string_equal(report.data, "imported: 2 topic fields, 2 services, 3 organisations, "
			    "2 projects (2 added, 0 updated), 1 workshops, 1 outcomes, 3 history entries");
	verify_ok(b.s);
	char *again = export_str(b.s);
	assert_string_equal(doc, again);
	/* into the database it came from: nothing to do */
	buf_reset(&report);
	assert_int_equal(jsonio_import(a.s, path, true, &report), STATUS_OK);
	assert_non_null(strstr(report.data, "2 projects (0 added, 0 updated)"));

	/* a reference to nothing, left open until the end: still its record's line and label */
	char id[37], from[64];
	int line;
	uuid_format(&org_b, id);
	snprintf(from, sizeof from, "\"org\": \"%s\"", id);
	char *bad = replace_after(rev, "\"team\": [", from, "\"org\": \"6f1c2a4e-1111-4222-8333-944455556666\"", &line);
	char *bad_path = write_doc(b.dir, "bad.json", bad, strlen(bad));
	assert_int_equal(jsonio_import(a.s, bad_path, true, NULL), STATUS_DATA);
	char *where = xasprintf("%s:%d: projects[0] (number 1): team[1].org: unknown organisation 6f1c2a4e-",
				bad_path, line);
	if (!strstr(status_detail(), where))
		fail_msg("message lacks '%s':\n%s", where, status_detail());

	free(where);
	free(bad_path);
	free(bad);
	free(again);
	buf_fini(&report);
	db_close(&b);
	free(path);
	free(rev);
	free(doc);
	db_close(&a);
}

/* No limit on the document, one on each record: 16 MiB. */
static void test_record_limit(void **state)
{
	(void)state;
	struct db a;
	struct buf big;
	int line;
	build_small(&a);
	char *good = export_str(a.s);

	/* many small departments: the record grows past the limit */
	buf_init(&big);
	char dept[1002];
	memset(dept, 'd', 1000);
	dept[1000] = '\0';
	for (int i = 0; i < 17 * 1024; i++)
		buf_printf(&big, "\"%s\", ", dept);
	buf_puts(&big, "\"Bauamt\"");
	char *bad = replace_after(good, "\"departments\": [", "\"Bauamt\"", big.data, &line);
	check_refused(&a, bad, strlen(bad), line, "projects[0]: larger than 16 MiB", "many departments");
	free(bad);

	/* one string */
	buf_reset(&big);
	buf_putc(&big, '"');
	for (int i = 0; i < 17 * 1024; i++)
		buf_puts(&big, dept);
	buf_putc(&big, '"');
	bad = replace_after(good, "\"projects\": [", "\"Bauantrag online\"", big.data, &line);
	check_refused(&a, bad, strlen(bad), line, "larger than 16 MiB", "long title");
	free(bad);
	buf_fini(&big);
	free(good);
	db_close(&a);
}

/* Organisations may trade AGS within one document: one that takes an AGS the
 * database still gives to another is written once that other has been given a
 * new one. An AGS the holder keeps is refused. */
static void test_ags_moves(void **state)
{
	(void)state;
	struct db a;
	json_error_t err;
	char ida[37], idb[37], idc[37];
	build_small(&a);
	char *doc = export_str(a.s);
	uuid_format(&org_a, ida);   /* 05999001 */
	uuid_format(&org_b, idb);   /* 05999000 */
	uuid_format(&org_c, idc);   /* none */

	/* c takes a's AGS, a takes a new one; c comes first */
	json_t *root = json_loads(doc, 0, &err);
	json_t *orgs = json_array();
	json_t *old = json_object_get(root, "organisations");
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < json_array_size(old); i++) {
			json_t *g = json_array_get(old, i);
			const char *id = json_string_value(json_object_get(g, "id"));
			if (pass == 0 && !strcmp(id, idc))
				json_array_append_new(orgs, json_pack("{s:s,s:s,s:s,s:s}", "id", id, "kind", "ministry",
								      "name", "Ministerium für Heimat", "ags", "05999001"));
			else if (pass == 1 && !strcmp(id, ida))
				json_array_append_new(orgs, json_pack("{s:s,s:s,s:s,s:s}", "id", id, "kind", "municipality",
								      "name", "Dorf am See", "ags", "05999002"));
		}
	json_t *part = json_pack("{s:s,s:i,s:o}", "format", "ozgtui", "format_version", 1, "organisations", orgs);
	char *text = json_dumps(part, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *path = write_doc(a.dir, "ags.json", text, strlen(text));
	struct buf report;
	buf_init(&report);
	assert_int_equal(jsonio_import(a.s, path, true, &report), STATUS_OK);
	if (jsonio_import(a.s, path, false, &report) != STATUS_OK)
		fail_msg("ags: %s", status_detail());
	verify_ok(a.s);
	struct txn *t = NULL;
	struct organisation o;
	organisation_init(&o);
	assert_int_equal(store_read_begin(a.s, &t), STATUS_OK);
	assert_int_equal(store_org_by_ags(t, "05999001", &o), STATUS_OK);
	assert_int_equal(uuid_cmp(&o.id, &org_c), 0);
	store_txn_end(t);
	organisation_fini(&o);
	free(text);
	free(path);

	/* b's AGS for c while b keeps it: refused, at c's "ags" */
	json_object_set_new(json_array_get(orgs, 0), "ags", json_string("05999000"));
	text = json_dumps(part, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	int line = 1;
	for (const char *q = text; q < strstr(text, "05999000"); q++)
		line += *q == '\n';
	check_refused(&a, text, strlen(text), line, "AGS 05999000 belongs to another organisation in the database",
		      "kept");

	buf_fini(&report);
	free(text);
	json_decref(part);
	json_decref(root);
	free(doc);
	db_close(&a);
}

static int group_setup(void **state)
{
	(void)state;
	setenv("OZGTUI_NOW", NOW, 1);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_small),
		cmocka_unit_test(test_export_content),
		cmocka_unit_test(test_round_trip_seeded),
		cmocka_unit_test(test_round_trip_demo),
		cmocka_unit_test(test_unknown_survives),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_overlong_title),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_number_taken),
		cmocka_unit_test(test_refused_into_empty),
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_partial_document),
		cmocka_unit_test(test_many_errors),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_writer_escapes),
		cmocka_unit_test(test_out_of_order),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_ags_moves),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
