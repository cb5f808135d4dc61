/* csvio.c - projects from a CSV table (csvio.h, docs/csv-import.md).
 *
 * The file is fed to libcsv one line at a time, so that every record knows the
 * line it starts on (a quoted field may span lines). A record is checked and
 * turned into the project it describes as soon as it is complete; nothing but
 * that record, and the keys of the rows seen (for duplicates), is held. Two
 * passes: check (read transaction), then write (one write transaction whose
 * callback reads the file again and would refuse it on any error, so a
 * database that moved meanwhile cannot leave half an import).
 */
#include "ozgtui/csvio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ozgtui/catalog.h"
#include "ozgtui/i18n.h"
#include "ozgtui/import.h"
#include "ozgtui/model.h"

#define MAX_ERRORS 10

/* The columns: those of the export's projects table. X(ID, name) */
#define CSV_COLUMN_LIST(X)                                                          \
	X(NUMBER, "number")                                                         \
	X(UUID, "uuid")                                                             \
	X(TITLE, "title")                                                           \
	X(FIELD, "field")                                                           \
	X(FIELD_NAME, "field_name")                                                 \
	X(PHASE, "phase")                                                           \
	X(PRIORITY, "priority")                                                     \
	X(LEAD, "lead")                                                             \
	X(SERVICES, "services")                                                     \
	X(COMPONENTS, "components")                                                 \
	X(MINISTRIES, "ministries")                                                 \
	X(DEPARTMENTS, "departments")                                               \
	X(INTERESTED, "interested")                                                 \
	X(SOLUTIONS, "solutions")                                                   \
	X(DEMO, "demo")                                                             \
	X(VERSION, "version")                                                       \
	X(NOTES, "notes")                                                           \
	/* derived by the export: accepted and ignored */                           \
	X(TEAM_SIZE, "team_size")                                                   \
	X(REPRESENTATIVE, "representative")                                         \
	X(MISSING, "missing")                                                       \
	X(LATE, "late")                                                             \
	X(NEXT_PLANNED, "next_planned")                                             \
	X(CREATED, "created")                                                       \
	X(UPDATED, "updated")

enum col {
#define COL_ENUM(id, name) COL_##id,
	CSV_COLUMN_LIST(COL_ENUM)
#undef COL_ENUM
	COL__COUNT
};
static const char *const col_names[] = {
#define COL_NAME(id, name) name,
	CSV_COLUMN_LIST(COL_NAME)
#undef COL_NAME
};

/* A key of a row seen in the first pass, for duplicates. */
struct seen {
	struct uuid id;     /* nil for a new project without one */
	uint32_t number;    /* 0 for a new project without one */
	size_t line;
};

struct cimp {
	const char *path;
	char *file;               /* the file's base name, made valid text, for history */
	struct txn *t;
	struct catalog c;
	bool write;               /* second pass */
	int idx[COL__COUNT];      /* column of each, -1 when absent */
	size_t n_cols;
	bool have_header;
	struct strv cur;          /* cells of the record being read */
	bool cell_bad;            /* a cell of it was not valid text */
	size_t line;              /* the line being fed */
	size_t rec_line;          /* the line the current record started on */
	bool record_ended;        /* a record ended in the line just fed */
	struct buf errors;
	size_t n_errors;
	struct seen *seen;
	size_t n_seen, cap_seen;
	size_t rows, added, updated, unchanged;
	enum status fatal;        /* a store failure: stop */
	int32_t today;
};

__attribute__((format(printf, 4, 5)))
static void fail_at(struct cimp *m, size_t line, const char *col, const char *fmt, ...)
{
	m->n_errors++;
	if (m->n_errors > MAX_ERRORS)
		return;
	if (m->errors.len)
		buf_putc(&m->errors, '\n');
	buf_printf(&m->errors, "%s:%zu: ", m->path, line);
	if (col)
		buf_printf(&m->errors, "%s: ", col);
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n >= 0) {
		char *msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		buf_puts(&m->errors, msg);
		free(msg);
	}
	va_end(ap);
}

/* The cell of column k of the current record ("" when the column is absent),
 * without the apostrophe the export puts before = + - @ TAB CR. */
static const char *cell(const struct cimp *m, enum col k)
{
	if (m->idx[k] < 0 || (size_t)m->idx[k] >= m->cur.n)
		return "";
	const char *s = m->cur.v[m->idx[k]];
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		return s + 1;
	return s;
}

static bool has(const struct cimp *m, enum col k)
{
	return m->idx[k] >= 0;
}

/* Splits a list cell at ';' into trimmed, non-empty items. */
static void split(const char *s, struct strv *out)
{
	strv_init(out);
	char *copy = xstrdup(s);
	char *save = NULL;
	for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		text_trim(item);
		if (*item)
			strv_push(out, item);
	}
	free(copy);
}

/* An organisation named in a cell: its exact name first (names such as "Essen,
 * Stadt" are what the export writes), else the lookup users know (AGS, UUID,
 * unique name prefix). */
static const struct organisation *find_org(struct cimp *m, const char *name, const char *col)
{
	for (size_t i = 0; i < m->c.n_orgs; i++)
		if (m->c.orgs[i].name && !strcmp(m->c.orgs[i].name, name))
			return &m->c.orgs[i];
	const struct organisation *o = NULL;
	if (catalog_find_org(&m->c, name, &o) != STATUS_OK) {
		fail_at(m, m->rec_line, col, "%s", status_detail());
		status_clear();
		return NULL;
	}
	return o;
}

static void set_orgs(struct cimp *m, enum col k, struct uuid **v, size_t *n)
{
	struct strv names;
	split(cell(m, k), &names);
	free(*v);
	*v = names.n ? xcalloc(names.n, sizeof **v) : NULL;
	*n = 0;
	for (size_t i = 0; i < names.n; i++) {
		const struct organisation *o = find_org(m, names.v[i], col_names[k]);
		if (o)
			(*v)[(*n)++] = o->id;
	}
	strv_fini(&names);
}

static void set_strv(struct cimp *m, enum col k, struct strv *v)
{
	strv_fini(v);
	split(cell(m, k), v);
}

/* The header row: every column known, none twice, a key or a title among them. */
static void read_header(struct cimp *m)
{
	for (size_t k = 0; k < COL__COUNT; k++)
		m->idx[k] = -1;
	m->n_cols = m->cur.n;
	for (size_t i = 0; i < m->cur.n; i++) {
		char *name = text_trim(xstrdup(m->cur.v[i]));
		size_t k;
		for (k = 0; k < COL__COUNT; k++)
			if (!strcmp(col_names[k], name))
				break;
		if (k == COL__COUNT)
			fail_at(m, m->rec_line, NULL, _("unknown column '%s' (the columns of `ozgtui export --format csv --table projects`)"),
				name);
		else if (m->idx[k] >= 0)
			fail_at(m, m->rec_line, NULL, _("column '%s' appears twice"), name);
		else
			m->idx[k] = (int)i;
		free(name);
	}
	if (!has(m, COL_TITLE) && !has(m, COL_NUMBER) && !has(m, COL_UUID))
		fail_at(m, m->rec_line, NULL, _("the header names neither title nor number nor uuid"));
}

/* What changed between the database's project d and the new p, for history. */
static void changed_fields(struct buf *b, const struct project *p, const struct project *d)
{
#define SAME_LIST(a, na, b2, nb2) ((na) == (nb2) && (!(na) || !memcmp((a), (b2), (na) * sizeof *(a))))
	const struct {
		const char *name;
		bool same;
	} f[] = {
		{"title", !strcmp(p->title ? p->title : "", d->title ? d->title : "")},
		{"field", p->field == d->field},
		{"phase", p->phase == d->phase},
		{"priority", p->priority == d->priority},
		{"team", SAME_LIST(p->team, p->n_team, d->team, d->n_team)},
		{"services", SAME_LIST(p->services, p->n_services, d->services, d->n_services)},
		{"ministries", SAME_LIST(p->ministries, p->n_ministries, d->ministries, d->n_ministries)},
		{"interest", SAME_LIST(p->interested, p->n_interested, d->interested, d->n_interested)},
		{"dates", SAME_LIST(p->dates, p->n_dates, d->dates, d->n_dates)},
		{"demo", p->demo == d->demo},
		{"notes", !strcmp(p->notes ? p->notes : "", d->notes ? d->notes : "") &&
			  !p->notes == !d->notes},
	};
#undef SAME_LIST
	buf_reset(b);
	for (size_t i = 0; i < ARRAY_LEN(f); i++)
		if (!f[i].same)
			buf_printf(b, "%s%s", b->len ? ", " : "", f[i].name);
	const struct strv *lists[][2] = {{&p->components, &d->components},
					 {&p->departments, &d->departments},
					 {&p->solutions, &d->solutions}};
	static const char *const list_names[] = {"components", "departments", "solutions"};
	for (size_t i = 0; i < ARRAY_LEN(lists); i++) {
		bool same = lists[i][0]->n == lists[i][1]->n;
		for (size_t k = 0; same && k < lists[i][0]->n; k++)
			same = !strcmp(lists[i][0]->v[k], lists[i][1]->v[k]);
		if (!same)
			buf_printf(b, "%s%s", b->len ? ", " : "", list_names[i]);
	}
}

static bool same_project(const struct project *a, const struct project *b)
{
	struct buf x, y;
	buf_init(&x);
	buf_init(&y);
	project_encode(a, &x);
	project_encode(b, &y);
	bool same = x.len == y.len && !memcmp(x.data, y.data, x.len);
	buf_fini(&x);
	buf_fini(&y);
	return same;
}

/* One data row: the project it makes, checked; written in the second pass. */
static void read_row(struct cimp *m)
{
	struct project p, db;
	bool exists = false, bad = false;
	struct uuid id;
	uint32_t number = 0;
	size_t errors_before = m->n_errors;
	const size_t line = m->rec_line;

	project_init(&p);
	project_init(&db);
	memset(&id, 0, sizeof id);
	m->rows++;
	if (m->cur.n != m->n_cols) {
		fail_at(m, line, NULL, _("%zu fields, the header has %zu"), m->cur.n, m->n_cols);
		goto out;
	}
	if (m->cell_bad)
		goto out;

	/* which project */
	const char *u = cell(m, COL_UUID), *n = cell(m, COL_NUMBER);
	if (*u && !uuid_from_text(u, &id)) {
		fail_at(m, line, "uuid", _("'%s' is not a UUID"), u);
		goto out;
	}
	if (*n && (!parse_u32(n, &number) || !number)) {
		fail_at(m, line, "number", _("'%s' is not a project number"), n);
		goto out;
	}
	enum status st = STATUS_NOT_FOUND;
	if (*u) {
		st = store_project_get(m->t, &id, &db);
		if (st == STATUS_OK && number && db.number != number) {
			fail_at(m, line, "number", _("the project %s has number %" PRIu32 " in the database, not %" PRIu32
						      " (an import cannot renumber)"), u, db.number, number);
			goto out;
		}
	} else if (number) {
		st = store_project_by_number(m->t, number, &db);
		if (st == STATUS_NOT_FOUND) {
			fail_at(m, line, "number", _("no project #%" PRIu32 " (leave number empty for a new project)"),
				number);
			goto out;
		}
	}
	if (st == STATUS_OK) {
		exists = true;
	} else if (st == STATUS_NOT_FOUND) {
		status_clear();
		if (number) {
			/* a new project with its UUID and number (from another database) */
			struct project other;
			project_init(&other);
			if (store_project_by_number(m->t, number, &other) == STATUS_OK) {
				char o[37];
				uuid_format(&other.id, o);
				fail_at(m, line, "number", _("#%" PRIu32 " belongs to another project in the database (%s)"),
					number, o);
				project_fini(&other);
				goto out;
			}
			status_clear();
			project_fini(&other);
		}
	} else {
		m->fatal = st;
		goto out;
	}
	if (exists) {
		project_copy(&p, &db);
		const char *v = cell(m, COL_VERSION);
		uint32_t version;
		if (*v && (!parse_u32(v, &version) || version != db.version)) {
			fail_at(m, line, "version", _("#%" PRIu32 " was changed since this file was made (version %" PRIu32
						       " in the database, '%s' in the file)"), db.number, db.version, v);
			bad = true;
		}
	} else {
		p.id = id;
		p.number = number;
		p.phase = phase_list_first(&m->c.phases);
		if (!has(m, COL_TITLE) || (!has(m, COL_FIELD) && !has(m, COL_FIELD_NAME))) {
			fail_at(m, line, NULL, _("a new project needs the columns title and field"));
			goto out;
		}
	}

	/* the columns present */
	if (has(m, COL_TITLE)) {
		char *t = text_trim(xstrdup(cell(m, COL_TITLE)));
		if (!*t) {
			fail_at(m, line, "title", _("empty (a project needs a title)"));
			bad = true;
		}
		free(p.title);
		p.title = t;
	}
	if (has(m, COL_FIELD) || has(m, COL_FIELD_NAME)) {
		const char *f = cell(m, COL_FIELD);
		const char *col = "field";
		if (!*f) {
			f = cell(m, COL_FIELD_NAME);
			col = "field_name";
		}
		uint16_t field = 0;
		if (!*f) {
			fail_at(m, line, "field", _("empty (a project needs a topic field)"));
			bad = true;
		} else if (catalog_find_field(&m->c, f, &field) != STATUS_OK) {
			fail_at(m, line, col, "%s", status_detail());
			status_clear();
			bad = true;
		}
		p.field = field;
	}
	if (*cell(m, COL_PHASE)) {
		uint8_t ph = 0;
		if (catalog_find_phase(&m->c, cell(m, COL_PHASE), &ph) != STATUS_OK) {
			fail_at(m, line, "phase", "%s", status_detail());
			status_clear();
			bad = true;
		} else if (ph != p.phase) {
			p.phase = ph;
			struct phase_date *d = project_date(&p, ph, true);
			if (!d->reached)
				d->reached = m->today;
		}
	}
	if (has(m, COL_PRIORITY)) {
		const char *pr = cell(m, COL_PRIORITY);
		uint32_t v = 0;
		if (*pr && (!parse_u32(pr, &v) || v < 1 || v > 5)) {
			fail_at(m, line, "priority", _("'%s' is not 1-5 (empty for none)"), pr);
			bad = true;
		}
		p.priority = (uint8_t)v;
	}
	if (*cell(m, COL_LEAD)) {
		const struct organisation *o = find_org(m, cell(m, COL_LEAD), "lead");
		if (o) {
			const struct member *lead = project_lead(&p);
			if (lead && uuid_cmp(&lead->org, &o->id)) {
				struct uuid prev = lead->org;
				project_set_member(&p, &prev, ROLE_MEMBER);
			}
			project_set_member(&p, &o->id, ROLE_LEAD);
		}
	}
	if (has(m, COL_SERVICES)) {
		struct strv items;
		split(cell(m, COL_SERVICES), &items);
		free(p.services);
		p.services = NULL;
		p.n_services = 0;
		for (size_t i = 0; i < items.n; i++) {
			uint32_t ozg;
			if (catalog_find_service(&m->c, items.v[i], &ozg) != STATUS_OK) {
				fail_at(m, line, "services", "%s", status_detail());
				status_clear();
			} else if (!project_has_service(&p, ozg)) {
				project_add_service(&p, ozg);
			}
		}
		strv_fini(&items);
	}
	if (has(m, COL_COMPONENTS))
		set_strv(m, COL_COMPONENTS, &p.components);
	if (has(m, COL_DEPARTMENTS))
		set_strv(m, COL_DEPARTMENTS, &p.departments);
	if (has(m, COL_SOLUTIONS))
		set_strv(m, COL_SOLUTIONS, &p.solutions);
	if (has(m, COL_MINISTRIES))
		set_orgs(m, COL_MINISTRIES, &p.ministries, &p.n_ministries);
	if (has(m, COL_INTERESTED))
		set_orgs(m, COL_INTERESTED, &p.interested, &p.n_interested);
	if (has(m, COL_DEMO)) {
		const char *d = cell(m, COL_DEMO);
		if (!strcmp(d, "true"))
			p.demo = true;
		else if (!strcmp(d, "false") || !*d)
			p.demo = false;
		else {
			fail_at(m, line, "demo", _("'%s' is not true or false"), d);
			bad = true;
		}
	}
	if (has(m, COL_NOTES)) {
		free(p.notes);
		p.notes = *cell(m, COL_NOTES) ? xstrdup(cell(m, COL_NOTES)) : NULL;
	}
	if (!bad && m->n_errors == errors_before && project_check(&p) != STATUS_OK) {
		fail_at(m, line, NULL, "%s", status_detail());
		status_clear();
	}
	if (bad || m->n_errors != errors_before)
		goto out;

	if (exists && same_project(&p, &db)) {
		m->unchanged++;
	} else if (!m->write) {
		(*(exists ? &m->updated : &m->added))++;
	} else if (!m->n_errors && !m->fatal) {
		enum status w;
		char *summary;
		if (exists) {
			struct buf what;
			buf_init(&what);
			changed_fields(&what, &p, &db);
			w = store_project_update(m->t, &p, db.version);
			/* history records stay English, whoever writes them (as ops.c's) */
			summary = xasprintf("updated from %s: %s", m->file, what.len ? what.data : "");
			if (w == STATUS_OK)
				w = import_history_add(m->t, &p, summary, db.phase != p.phase ? db.phase : 0,
						   db.phase != p.phase ? p.phase : 0);
			buf_fini(&what);
			m->updated++;
		} else {
			w = store_project_create(m->t, &p);
			summary = xasprintf("imported from %s", m->file);
			if (w == STATUS_OK)
				w = import_history_add(m->t, &p, summary, 0, 0);
			m->added++;
		}
		free(summary);
		if (w != STATUS_OK)
			m->fatal = w;
	}
	if (!m->write && (exists || number || !uuid_is_nil(&id))) {
		xgrow((void **)&m->seen, &m->cap_seen, m->n_seen + 1, sizeof *m->seen);
		m->seen[m->n_seen++] = (struct seen){exists ? db.id : id, exists ? db.number : number, line};
	}
out:
	project_fini(&p);
	project_fini(&db);
}

static void on_field(void *data, size_t len, void *arg)
{
	struct cimp *m = arg;
	const char *s = data ? data : "";
	if (memchr(s, '\0', len) || !text_valid_utf8(s, len)) {
		const char *col = NULL;
		for (size_t k = 0; m->have_header && k < COL__COUNT; k++)
			if (m->idx[k] == (int)m->cur.n)
				col = col_names[k];
		if (!m->cell_bad)
			fail_at(m, m->rec_line, col, _("field %zu is not valid UTF-8 text"), m->cur.n + 1);
		m->cell_bad = true;
		strv_push(&m->cur, "");
		return;
	}
	char *copy = xstrndup(s, len);
	strv_push(&m->cur, copy);
	free(copy);
}

static void on_record(int term, void *arg)
{
	struct cimp *m = arg;
	(void)term;
	m->record_ended = true;
	if (!m->fatal) {
		if (!m->have_header) {
			if (!m->cell_bad)
				read_header(m);
			m->have_header = true;
		} else {
			read_row(m);
		}
	}
	strv_fini(&m->cur);
	strv_init(&m->cur);
	m->cell_bad = false;
}

/* One pass over the file. */
static enum status pass(struct cimp *m)
{
	FILE *f = fopen(m->path, "rb");
	struct csv_parser p;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	enum status st = STATUS_OK;

	if (!f)
		return status_fail(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", m->path,
				   strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(f);
		return status_fail(STATUS_INTERNAL, _("cannot start the CSV parser"));
	}
	m->have_header = false;
	m->line = 0;
	m->rec_line = 1;
	strv_init(&m->cur);
	m->cell_bad = false;
	bool at_boundary = true;
	while (!m->fatal && (n = getline(&line, &cap, f)) > 0) {
		const char *s = line;
		size_t len = (size_t)n;
		m->line++;
		if (m->line == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;   /* a byte order mark from a spreadsheet */
			len -= 3;
		}
		bool blank = strspn(s, "\r\n") == len;
		if (at_boundary && !blank)
			m->rec_line = m->line;
		m->record_ended = false;
		if (csv_parse(&p, s, len, on_field, on_record, m) != len) {
			fail_at(m, m->line, NULL, "%s", csv_strerror(csv_error(&p)));
			goto out;
		}
		if (m->record_ended)
			at_boundary = true;
		else if (!blank)
			at_boundary = false;
	}
	if (ferror(f)) {
		st = status_fail(STATUS_IO, "%s: %s", m->path, strerror(errno));
		goto out;
	}
	if (!m->fatal && csv_fini(&p, on_field, on_record, m) != 0)
		fail_at(m, m->line ? m->line : 1, NULL, "%s", csv_strerror(csv_error(&p)));
	if (!m->have_header && !m->n_errors)
		fail_at(m, 1, NULL, _("empty file: no header row"));
out:
	csv_free(&p);
	free(line);
	fclose(f);
	strv_fini(&m->cur);
	strv_init(&m->cur);
	return st != STATUS_OK ? st : m->fatal;
}

static int cmp_seen_id(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c = uuid_cmp(&x->id, &y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int cmp_seen_number(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Two rows about one project (by UUID or number) are an error. */
static void check_duplicates(struct cimp *m)
{
	if (m->n_seen < 2)
		return;
	qsort(m->seen, m->n_seen, sizeof *m->seen, cmp_seen_id);
	for (size_t i = 1; i < m->n_seen; i++)
		if (!uuid_is_nil(&m->seen[i].id) && !uuid_cmp(&m->seen[i].id, &m->seen[i - 1].id)) {
			char u[37];
			uuid_format(&m->seen[i].id, u);
			fail_at(m, m->seen[i].line, "uuid", _("project %s again (also line %zu)"), u,
				m->seen[i - 1].line);
		}
	qsort(m->seen, m->n_seen, sizeof *m->seen, cmp_seen_number);
	for (size_t i = 1; i < m->n_seen; i++)
		if (m->seen[i].number && m->seen[i].number == m->seen[i - 1].number &&
		    uuid_cmp(&m->seen[i].id, &m->seen[i - 1].id))
			fail_at(m, m->seen[i].line, "number", _("project #%" PRIu32 " again (also line %zu)"),
				m->seen[i].number, m->seen[i - 1].line);
}

static void reset_counts(struct cimp *m)
{
	m->rows = m->added = m->updated = m->unchanged = 0;
	buf_reset(&m->errors);
	m->n_errors = 0;
	m->fatal = STATUS_OK;
}

static enum status load_catalog(struct cimp *m)
{
	catalog_fini(&m->c);
	catalog_init(&m->c);
	enum status st = catalog_load(&m->c, m->t);
	if (st == STATUS_NOT_FOUND)
		st = status_fail(STATUS_NOT_FOUND, _("the database is not initialised (ozgtui init)"));
	return st;
}

static enum status write_cb(struct txn *t, void *arg)
{
	struct cimp *m = arg;
	m->t = t;
	reset_counts(m);
	enum status st = load_catalog(m);
	if (st == STATUS_OK)
		st = pass(m);
	if (st == STATUS_OK && m->n_errors)
		st = STATUS_DATA;
	m->t = NULL;
	return st == STATUS_OK ? STATUS_OK : store_txn_fail(t, st);
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b && b[1] ? b + 1 : path;
}

enum status csvio_import_projects(struct store *s, const char *path, bool dry_run, struct buf *report)
{
	struct cimp m;
	struct txn *t = NULL;
	struct buf name;
	enum status st;

	memset(&m, 0, sizeof m);
	catalog_init(&m.c);
	buf_init(&m.errors);
	buf_init(&name);
	text_sanitize(&name, base_name(path));
	m.file = buf_steal(&name);
	m.path = path;
	m.today = clock_today();

	if ((st = store_read_begin(s, &t)) != STATUS_OK)
		goto out;
	m.t = t;
	if ((st = load_catalog(&m)) != STATUS_OK)
		goto out;
	st = pass(&m);
	store_txn_end(t);
	t = NULL;
	m.t = NULL;
	if (st != STATUS_OK)
		goto out;
	check_duplicates(&m);
	if (m.n_errors) {
		st = import_fail_errors(m.errors.data, m.n_errors);
		goto out;
	}
	if (!dry_run) {
		if (store_readonly(s)) {
			st = status_fail(STATUS_PERM, _("the database is open read-only"));
			goto out;
		}
		m.write = true;
		st = store_write(s, write_cb, &m);
		if (st == STATUS_DATA && m.n_errors) {
			/* the database changed between the check and the write */
			st = import_fail_errors(m.errors.data, m.n_errors);
			goto out;
		}
		if (st != STATUS_OK)
			goto out;
	}
	if (report)
		buf_printf(report,
			   dry_run ? _("would import %zu rows of projects: %zu added, %zu updated, %zu unchanged")
				   : _("imported %zu rows of projects: %zu added, %zu updated, %zu unchanged"),
			   m.rows, m.added, m.updated, m.unchanged);
out:
	store_txn_end(t);
	catalog_fini(&m.c);
	buf_fini(&m.errors);
	free(m.seen);
	free(m.file);
	return st;
}
