/* test_export.c - the csv, md and html exports and the atomic file write, on a
 * real LMDB store with hostile titles. CSV is read back with libcsv's parser.
 *
 * Fixture (clock fixed at 2025-03-01):
 *   #1 "=HYPERLINK(\"http://e.vil\",\"klick\")"  field 1, Workshop, team Köln only
 *      (service 10000 is delivered by villages and cities: not representative,
 *      missing municipality); Entscheidung planned 2025-02-01, not reached: late
 *   #2 "Bauantrag, \"digital\"\nzweite Zeile"    field 1, Sichtung, team Köln + Bad Driburg: representative
 *   #3 "<script>alert('x')</script> & [Link](javascript:x) | *fett*"  field 2, Betrieb
 *   outcomes: A1 action open due 2025-02-28 (overdue), A2 action open due
 *   2025-03-01 (due today: not overdue), A3 action done due 2025-01-01 (not
 *   overdue), D1 decision open due 2025-01-01 (not an action: not overdue).
 */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "ozgtui/catalog.h"
#include "ozgtui/export.h"
#include "ozgtui/ops.h"
#include "ozgtui/snapshot.h"
#include "ozgtui/store.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define C CAT_BIT(CAT_CITY)

enum { SICHTUNG = 1, WORKSHOP, ENTSCHEIDUNG, KONZEPTION, UMSETZUNG, PILOTIERUNG, ROLLOUT, BETRIEB };

static const char *const titles[] = {
	"=HYPERLINK(\"http://e.vil\",\"klick\")",
	"Bauantrag, \"digital\"\nzweite Zeile",
	"<script>alert('x')</script> & [Link](javascript:x) | *fett*",
};

static struct uuid named(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static void put_outcome(struct txn *t, const char *key, enum outcome_kind kind, enum outcome_status status,
			const char *due, const struct uuid *project)
{
	struct outcome o;
	outcome_init(&o);
	o.id = named(key);
	o.kind = kind;
	o.status = status;
	o.text = xasprintf("Aufgabe %s", key);
	o.owner = xstrdup("@owner");
	date_parse(due, &o.due);
	o.projects = xcalloc(1, sizeof *o.projects);
	o.projects[0] = *project;
	o.n_projects = 1;
	store_outcome_put(t, &o);
	outcome_fini(&o);
}

static enum status fill(struct txn *t, void *arg)
{
	(void)arg;
	test_put_phases_settings(t);
	test_put_field(t, 1, "Arbeit & Ruhestand", "arbeit");
	test_put_field(t, 2, "Bauen", "bauen");
	test_put_org(t, "Bad Driburg, Stadt", ORG_MUNICIPALITY, CAT_MUNICIPALITY);
	test_put_org(t, "Köln, Stadt", ORG_MUNICIPALITY, CAT_CITY);
	test_put_service(t, 10000, "Leistung", 1, M | C);

	static const uint8_t phases[] = {WORKSHOP, SICHTUNG, BETRIEB};
	static const uint16_t fields[] = {1, 1, 2};
	struct uuid ids[3];
	for (size_t i = 0; i < 3; i++) {
		struct project p;
		project_init(&p);
		p.title = xstrdup(titles[i]);
		p.field = fields[i];
		p.phase = phases[i];
		project_add_service(&p, 10000);
		struct uuid u = named("Köln, Stadt");
		project_set_member(&p, &u, ROLE_LEAD);
		if (i == 1) {
			u = named("Bad Driburg, Stadt");
			project_set_member(&p, &u, ROLE_MEMBER);
		}
		if (i == 0)
			date_parse("2025-02-01", &project_date(&p, ENTSCHEIDUNG, true)->planned);
		store_project_create(t, &p);
		ids[i] = p.id;
		project_fini(&p);
	}
	put_outcome(t, "A1", OUTCOME_ACTION, OUTCOME_STATUS_OPEN, "2025-02-28", &ids[0]);
	put_outcome(t, "A2", OUTCOME_ACTION, OUTCOME_STATUS_OPEN, "2025-03-01", &ids[0]);
	put_outcome(t, "A3", OUTCOME_ACTION, OUTCOME_STATUS_DONE, "2025-01-01", &ids[1]);
	put_outcome(t, "D1", OUTCOME_DECISION, OUTCOME_STATUS_OPEN, "2025-01-01", &ids[2]);
	return store_txn_status(t);
}

struct fixture {
	char *dir;
	struct store *store;
	struct catalog cat;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = test_tmpdir();
	char *db = xasprintf("%s/db", f->dir);
	assert_int_equal(store_open(db, STORE_CREATE, &f->store), STATUS_OK);
	free(db);
	enum status st = store_write(f->store, fill, NULL);
	if (st != STATUS_OK)
		fail_msg("fill: %s: %s", status_name(st), status_detail());
	struct txn *t;
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	catalog_init(&f->cat);
	assert_int_equal(catalog_load(&f->cat, t), STATUS_OK);
	store_txn_end(t);
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

/* Runs an export into memory; caller frees. */
static char *run_export(struct fixture *f, enum export_format fmt, enum export_table table, const char *expr,
			const char *snapshot, size_t *len)
{
	struct export_opts o = {.format = fmt, .table = table, .filter_text = expr};
	struct filter *filter = NULL;
	struct snapshot snap;
	struct txn *t;
	snapshot_init(&snap);
	if (expr) {
		assert_int_equal(filter_compile(expr, &f->cat, &filter), STATUS_OK);
		o.filter = filter;
	}
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	if (snapshot) {
		assert_int_equal(store_snapshot_get(t, snapshot, &snap), STATUS_OK);
		o.snapshot = &snap;
	}
	char *data = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&data, &n);
	assert_non_null(mem);
	enum status st = export_run(t, &f->cat, &o, mem);
	fclose(mem);
	if (st != STATUS_OK)
		fail_msg("export: %s: %s", status_name(st), status_detail());
	store_txn_end(t);
	filter_free(filter);
	snapshot_fini(&snap);
	if (len)
		*len = n;
	return data;
}

/* ---- CSV read back by libcsv ------------------------------------------------- */

struct table {
	struct strv cells;   /* row-major */
	size_t cols;         /* of the header */
	size_t rows;         /* header included */
	size_t row_len;      /* cells in the current row */
	bool ragged;
};

static void on_field(void *s, size_t len, void *arg)
{
	struct table *t = arg;
	char *c = xstrndup(s ? s : "", len);
	strv_push(&t->cells, c);
	free(c);
	t->row_len++;
}

static void on_row(int c, void *arg)
{
	(void)c;
	struct table *t = arg;
	if (t->rows == 0)
		t->cols = t->row_len;
	else if (t->row_len != t->cols)
		t->ragged = true;
	t->rows++;
	t->row_len = 0;
}

static void parse_csv(const char *data, size_t len, struct table *t)
{
	struct csv_parser p;
	memset(t, 0, sizeof *t);
	strv_init(&t->cells);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	if (csv_parse(&p, data, len, on_field, on_row, t) != len)
		fail_msg("csv_parse: %s", csv_strerror(csv_error(&p)));
	assert_int_equal(csv_fini(&p, on_field, on_row, t), 0);
	csv_free(&p);
	assert_false(t->ragged);
}

static const char *cell_at(const struct table *t, size_t row, const char *col)
{
	for (size_t c = 0; c < t->cols; c++)
		if (strcmp(t->cells.v[c], col) == 0)
			return t->cells.v[row * t->cols + c];
	fail_msg("no column %s", col);
	return NULL;
}

/* Every record ends with CRLF; no bare LF outside quoted fields. */
static void check_crlf(const char *data, size_t len)
{
	bool quoted = false;
	assert_true(len >= 2);
	assert_memory_equal(data + len - 2, "\r\n", 2);
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '"')
			quoted = !quoted;
		else if (data[i] == '\n' && !quoted)
			assert_true(i > 0 && data[i - 1] == '\r');
	}
}

static void test_csv_projects(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *data = run_export(f, EXPORT_CSV, EXPORT_TABLE_PROJECTS, NULL, NULL, &len);
	check_crlf(data, len);
	assert_true(text_valid_utf8(data, len));
	struct table t;
	parse_csv(data, len, &t);
	assert_int_equal(t.rows, 4);
	assert_string_equal(t.cells.v[0], "number");
	/* the formula is neutralised, the rest kept exactly */
	assert_string_equal(cell_at(&t, 1, "title"), "'=HYPERLINK(\"http://e.vil\",\"klick\")");
	assert_string_equal(cell_at(&t, 2, "title"), titles[1]);
	assert_string_equal(cell_at(&t, 3, "title"), titles[2]);
	assert_string_equal(cell_at(&t, 1, "number"), "1");
	assert_string_equal(cell_at(&t, 1, "phase"), "Workshop");
	assert_string_equal(cell_at(&t, 1, "representative"), "false");
	assert_string_equal(cell_at(&t, 1, "missing"), "municipality");
	assert_string_equal(cell_at(&t, 1, "late"), "Entscheidung");
	assert_string_equal(cell_at(&t, 2, "representative"), "true");
	assert_string_equal(cell_at(&t, 2, "late"), "");
	assert_string_equal(cell_at(&t, 1, "lead"), "Köln, Stadt");
	assert_string_equal(cell_at(&t, 1, "field_name"), "Arbeit & Ruhestand");
	strv_fini(&t.cells);
	free(data);

	/* a filter keeps the matching projects only */
	data = run_export(f, EXPORT_CSV, EXPORT_TABLE_PROJECTS, "field:bauen", NULL, &len);
	parse_csv(data, len, &t);
	assert_int_equal(t.rows, 2);
	assert_string_equal(cell_at(&t, 1, "number"), "3");
	strv_fini(&t.cells);
	free(data);
}

static void test_csv_tables(void **state)
{
	struct fixture *f = *state;
	static const struct {
		enum export_table table;
		size_t rows;          /* data rows */
		const char *first;    /* first column's name */
	} want[] = {
		{EXPORT_TABLE_TEAMS, 4, "project_number"},
		{EXPORT_TABLE_SERVICES, 1, "ozg_id"},
		{EXPORT_TABLE_OUTCOMES, 4, "uuid"},
		{EXPORT_TABLE_WORKSHOPS, 0, "uuid"},
		{EXPORT_TABLE_ORGANISATIONS, 2, "uuid"},
		{EXPORT_TABLE_HISTORY, 0, "seq"},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		size_t len;
		char *data = run_export(f, EXPORT_CSV, want[i].table, NULL, NULL, &len);
		struct table t;
		parse_csv(data, len, &t);
		check_crlf(data, len);
		if (t.rows != want[i].rows + 1)
			fail_msg("%s: %zu rows, want %zu", export_table_code(want[i].table), t.rows - 1,
				 want[i].rows);
		assert_string_equal(t.cells.v[0], want[i].first);
		if (want[i].table == EXPORT_TABLE_OUTCOMES) {
			/* "@owner" starts with @: neutralised; overdue only for A1 */
			size_t overdue = 0;
			for (size_t r = 1; r < t.rows; r++) {
				assert_string_equal(cell_at(&t, r, "owner"), "'@owner");
				if (strcmp(cell_at(&t, r, "overdue"), "true") == 0) {
					overdue++;
					assert_string_equal(cell_at(&t, r, "text"), "Aufgabe A1");
				}
			}
			assert_int_equal(overdue, 1);
		}
		if (want[i].table == EXPORT_TABLE_SERVICES) {
			assert_string_equal(cell_at(&t, 1, "categories"), "municipality; city");
			assert_string_equal(cell_at(&t, 1, "projects"), "3");
		}
		strv_fini(&t.cells);
		free(data);
	}
}

static void test_md(void **state)
{
	struct fixture *f = *state;
	char *md = run_export(f, EXPORT_MD, 0, NULL, NULL, NULL);
	assert_non_null(strstr(md, "# OZG-Umsetzung: Sachstandsbericht\n"));
	/* no snapshot yet: said so */
	assert_non_null(strstr(md, "Kein früherer Stand gespeichert"));
	/* data escaped: no raw markup from the titles */
	assert_null(strstr(md, "[Link](javascript:x)"));
	assert_null(strstr(md, "<script>"));
	assert_non_null(strstr(md, "\\<script\\>alert('x')\\</script\\> \\& \\[Link\\](javascript:x) \\| \\*fett\\*"));
	assert_non_null(strstr(md, "Arbeit \\& Ruhestand"));
	/* findings */
	assert_non_null(strstr(md, "## Nicht repräsentative Teams (1)\n"));
	assert_non_null(strstr(md, "## Verspätete Projekte (1)\n"));
	assert_non_null(strstr(md, "## Überfällige Aufgaben (1)\n"));
	assert_non_null(strstr(md, "| Aufgabe A1 | @owner | 2025-02-28 | #1 |\n"));
	/* a newline in a title stays inside its table row */
	assert_non_null(strstr(md, "Bauantrag, \"digital\" zweite Zeile"));
	free(md);

	/* with a snapshot: the changes since it */
	assert_int_equal(snapshot_save(f->store, "sitzung", "März", NULL), STATUS_OK);
	struct move_request m = {.to = KONZEPTION, .reason = "weiter", .force = true};
	struct txn *t;
	struct project p;
	project_init(&p);
	assert_int_equal(store_read_begin(f->store, &t), STATUS_OK);
	assert_int_equal(store_project_by_number(t, 2, &p), STATUS_OK);
	store_txn_end(t);
	m.project = p.id;
	project_fini(&p);
	struct buf why;
	buf_init(&why);
	assert_int_equal(ops_move(f->store, &f->cat, &m, &why), STATUS_OK);
	buf_fini(&why);
	md = run_export(f, EXPORT_MD, 0, NULL, NULL, NULL);
	assert_non_null(strstr(md, "## Veränderungen seit Stand „sitzung“ vom 2025-03-01\n"));
	assert_non_null(strstr(md, "| 2 | Bauantrag, \"digital\" zweite Zeile | Sichtung | Konzeption | vorwärts |\n"));
	free(md);
	/* the snapshot's own report shows its state, and no earlier snapshot */
	md = run_export(f, EXPORT_MD, 0, NULL, "sitzung", NULL);
	assert_non_null(strstr(md, "- Datenstand: Stand „sitzung“ vom 2025-03-01 (März)\n"));
	assert_non_null(strstr(md, "Kein früherer Stand gespeichert"));
	assert_non_null(strstr(md, "| Sichtung | 1 | #2 Bauantrag"));
	free(md);
}

static void test_html(void **state)
{
	struct fixture *f = *state;
	char *html = run_export(f, EXPORT_HTML, 0, NULL, NULL, NULL);
	assert_true(text_has_prefix(html, "<!DOCTYPE html>\n<html lang=\"de\">\n"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "javascript:x\""));
	assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; [Link](javascript:x) | *fett*"));
	assert_non_null(strstr(html, "=HYPERLINK(&quot;http://e.vil&quot;,&quot;klick&quot;)"));
	/* nothing to load from elsewhere */
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "href=\"http"));
	assert_null(strstr(html, "url("));
	assert_null(strstr(html, "@import"));
	/* structure */
	assert_non_null(strstr(html, "<caption>"));
	assert_non_null(strstr(html, "<th scope=\"col\">Themenfeld</th>"));
	assert_non_null(strstr(html, "<th scope=\"row\">"));
	assert_non_null(strstr(html, "@media print"));
	assert_non_null(strstr(html, "<h2>Überfällige Aufgaben (1)</h2>"));
	const char *h1 = strstr(html, "<h1>");
	assert_non_null(h1);
	assert_null(strstr(h1 + 1, "<h1>"));
	free(html);
}

/* ---- atomic writes ----------------------------------------------------------- */

static enum status write_hello(FILE *out, void *arg)
{
	fputs(arg, out);
	return STATUS_OK;
}

static enum status write_then_fail(FILE *out, void *arg)
{
	(void)arg;
	fputs("half", out);
	return status_fail(STATUS_IO, "failed on purpose");
}

static size_t count_entries(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%zu", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

static void test_atomic(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/report.html", dir);
	assert_int_equal(export_write_atomic(path, write_hello, "eins"), STATUS_OK);
	assert_int_equal(export_write_atomic(path, write_hello, "zwei"), STATUS_OK);
	FILE *in = fopen(path, "r");
	char got[16] = {0};
	assert_non_null(in);
	assert_non_null(fgets(got, sizeof got, in));
	fclose(in);
	assert_string_equal(got, "zwei");
	/* a failing writer leaves the old file and no temporary file */
	assert_int_equal(export_write_atomic(path, write_then_fail, NULL), STATUS_IO);
	in = fopen(path, "r");
	assert_non_null(in);
	assert_non_null(fgets(got, sizeof got, in));
	fclose(in);
	assert_string_equal(got, "zwei");
	assert_int_equal(count_entries(dir), 1);
	/* a missing directory: cannot write (73) */
	char *bad = xasprintf("%s/nicht/da.csv", dir);
	assert_int_equal(export_write_atomic(bad, write_hello, "x"), STATUS_CANT_WRITE);
	/* a directory in the way: the rename fails, nothing is left */
	char *sub = xasprintf("%s/ordner", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(export_write_atomic(sub, write_hello, "x"), STATUS_CANT_WRITE);
	assert_int_equal(count_entries(dir), 2);
	free(sub);
	free(bad);
	free(path);
	test_rmtree(dir);
	free(dir);
}

int main(void)
{
	setenv("OZGTUI_NOW", "2025-03-01", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_projects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_md, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html, setup, teardown),
		cmocka_unit_test(test_atomic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
