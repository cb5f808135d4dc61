/* view_dashboard.c - view 1, Übersicht: topic fields × phases with project
 * counts (from the store's count index), findings per field (overdue action
 * items too), totals. Enter on a cell lists its projects; Enter on a field's
 * name opens its Themenfeld screen.
 *
 * The counts are kept at write time, so a load reads them at once and the
 * first frame is drawn right away with "…" in the findings column. The
 * findings are counted afterwards by a check job (check.h) in the idle hook:
 * a few dozen projects per step, steps until the framework's slice is used,
 * each slice in a read transaction of its own. When the database changed
 * meanwhile the slice does nothing: the framework reloads the view, which
 * starts the job anew. */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

enum { FIND_REP, FIND_LATE, FIND_PARALLEL, FIND_OVERDUE, FIND__N };
static const char *const find_symbol[FIND__N] = {"✗", "!", "⇄", "Ü"};

struct dash_row {
	uint16_t field;      /* 0: projects without a field */
	char *name;
	uint32_t findings[FIND__N];
};

struct dash {
	struct view v;
	uint32_t (*counts)[256];
	struct dash_row *rows;   /* fields, then "without field" when any */
	size_t n_rows;
	uint8_t *phases;         /* phase ids in list order */
	size_t n_phases;
	uint32_t total_findings[FIND__N];
	uint64_t total;          /* projects */
	struct check_job *job;   /* counting the findings; NULL when done */
	bool counted;            /* the findings columns hold the job's counts */
	/* cursor: row 0..n_rows (n_rows = totals), col 0 = name, 1..n_phases, n_phases+1 = total */
	size_t row, col;
};

static void dash_clear(struct dash *d)
{
	for (size_t i = 0; i < d->n_rows; i++)
		free(d->rows[i].name);
	free(d->rows);
	free(d->phases);
	d->rows = NULL;
	d->phases = NULL;
	d->n_rows = d->n_phases = 0;
	memset(d->total_findings, 0, sizeof d->total_findings);
}

static struct view *dash_open(struct tui *t, const char *arg)
{
	(void)t;
	(void)arg;
	struct dash *d = xcalloc(1, sizeof *d);
	d->counts = xcalloc(256, sizeof *d->counts);
	d->col = 1;
	return &d->v;
}

static void dash_close(struct view *v)
{
	struct dash *d = (struct dash *)v;
	check_job_free(d->job);
	dash_clear(d);
	free(d->counts);
	free(d);
}

static uint32_t cell(const struct dash *d, size_t row, size_t col)
{
	/* row == n_rows: totals; col == n_phases + 1: totals */
	uint32_t sum = 0;
	size_t r0 = row == d->n_rows ? 0 : row, r1 = row == d->n_rows ? d->n_rows : row + 1;
	size_t c0 = col == d->n_phases + 1 ? 1 : col, c1 = col == d->n_phases + 1 ? d->n_phases + 1 : col + 1;
	for (size_t r = r0; r < r1; r++)
		for (size_t c = c0; c < c1; c++)
			sum += d->counts[d->phases[c - 1]][d->rows[r].field];
	return sum;
}

static enum status dash_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct dash *d = (struct dash *)v;
	dash_clear(d);
	enum status st = store_project_counts(txn, d->counts);
	if (st != STATUS_OK)
		return st;
	const struct catalog *c = t->cat;
	d->n_phases = c->phases.n;
	d->phases = xcalloc(d->n_phases ? d->n_phases : 1, 1);
	for (size_t i = 0; i < c->phases.n; i++)
		d->phases[i] = c->phases.v[i].id;
	d->rows = xcalloc(c->n_fields + 1, sizeof *d->rows);
	for (size_t i = 0; i < c->n_fields; i++) {
		d->rows[d->n_rows].field = c->fields[i].number;
		d->rows[d->n_rows].name = xstrdup(c->fields[i].name ? c->fields[i].name : "?");
		d->n_rows++;
	}
	uint32_t without = 0;
	for (size_t i = 0; i < d->n_phases; i++)
		without += d->counts[d->phases[i]][0];
	if (without) {
		d->rows[d->n_rows].field = 0;
		d->rows[d->n_rows].name = xstrdup(_("(no topic field)"));
		d->n_rows++;
	}
	d->total = 0;
	for (size_t i = 0; i < 256; i++)
		for (size_t f = 0; f < 256; f++)
			d->total += d->counts[i][f];
	check_job_free(d->job);
	d->job = check_job_new(c, NULL, t->today, CHECK_TEXTS_NONE);
	d->counted = false;
	if (d->row > d->n_rows)
		d->row = d->n_rows;
	if (d->col > d->n_phases + 1)
		d->col = d->n_phases + 1;
	return st;
}

static const enum finding_kind find_kind[FIND__N] = {FINDING_NOT_REPRESENTATIVE, FINDING_LATE, FINDING_PARALLEL,
						     FINDING_OVERDUE};

/* Steps of the check job until the deadline; the counts go into the rows
 * when it is done. */
static unsigned dash_idle(struct tui *t, struct view *v, int64_t deadline_us)
{
	struct dash *d = (struct dash *)v;
	if (!d->job)
		return VIEW_IDLE_DONE;
	struct txn *txn;
	bool changed;
	enum status st = tui_idle_begin(t, &txn, &changed);
	if (changed)
		return VIEW_IDLE_DONE;   /* changed meanwhile: a reload restarts the job */
	bool done = false;
	while (st == STATUS_OK && !done) {
		st = check_job_step(d->job, txn, 32, &done);
		if (tui_clock_us() >= deadline_us)
			break;
	}
	store_txn_end(txn);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _("findings"));
		done = true;
	}
	if (!done)
		return VIEW_IDLE_MORE;
	if (st == STATUS_OK) {
		for (int k = 0; k < FIND__N; k++) {
			for (size_t r = 0; r < d->n_rows; r++)
				d->rows[r].findings[k] = check_job_count(d->job, d->rows[r].field, find_kind[k]);
			/* every field, also one without a row (a field deleted meanwhile) */
			d->total_findings[k] = check_job_kind_total(d->job, find_kind[k]);
		}
	}
	check_job_free(d->job);
	d->job = NULL;
	d->counted = st == STATUS_OK;
	return VIEW_IDLE_DRAW;
}

/* The first max characters of name (whole UTF-8 characters). */
static void abbreviate(const char *name, size_t max, char *out, size_t size)
{
	size_t i = 0, chars = 0;
	while (name[i] && chars < max) {
		size_t len = 1;
		while (name[i + len] && ((unsigned char)name[i + len] & 0xc0) == 0x80)
			len++;
		if (i + len >= size)
			break;
		i += len;
		chars++;
	}
	memcpy(out, name, i);
	out[i] = '\0';
}

/* Column geometry for a width. fig_w: the room of a finding's number. */
struct dash_geom {
	int name_w, cell_w, total_w, find_w, slot_w, fig_w;
};

static int digits(uint64_t n)
{
	int k = 1;
	while (n >= 10) {
		n /= 10;
		k++;
	}
	return k;
}

static struct dash_geom geometry_with(const struct dash *d, int cols, int fig_w)
{
	/* a finding's slot: symbol, count, and a blank from 84 columns on */
	struct dash_geom g = {.total_w = digits(d->total) + 1 > 6 ? digits(d->total) + 1 : 6, .fig_w = fig_w};
	g.slot_w = 1 + fig_w + (cols >= 84);
	g.find_w = FIND__N * g.slot_w + 1;
	int n = d->n_phases ? (int)d->n_phases : 1;
	int avail = cols - g.total_w - g.find_w - 16;
	g.cell_w = avail / n;
	if (g.cell_w > 11)
		g.cell_w = 11;
	if (g.cell_w < 3)
		g.cell_w = 3;
	g.name_w = cols - g.total_w - g.find_w - g.cell_w * n;
	if (g.name_w > 40)
		g.name_w = 40;
	return g;
}

static struct dash_geom geometry(const struct dash *d, int cols)
{
	/* The findings get room for as many digits as the number of projects
	 * has (so that the layout stays when they arrive), unless the phase
	 * columns would then be too narrow for theirs: then fewer, and what does
	 * not fit is shortened (fit_count), down to 3. */
	uint64_t most = d->total, cell_most = 0;
	for (int k = 0; k < FIND__N; k++)
		if (d->total_findings[k] > most)
			most = d->total_findings[k];
	for (size_t c = 1; c <= d->n_phases; c++)
		if (d->n_rows && cell(d, d->n_rows, c) > cell_most)
			cell_most = cell(d, d->n_rows, c);
	int want_cell = digits(cell_most) + 1;
	for (int fig = digits(most); fig > 3; fig--) {
		struct dash_geom g = geometry_with(d, cols, fig);
		if (g.cell_w >= want_cell || g.cell_w >= 6)
			return g;
	}
	return geometry_with(d, cols, digits(most) < 3 ? digits(most) : 3);
}

/* n in at most width characters: as it is, or in thousands ("73k") or
 * millions ("2M") when it does not fit. */
static void fit_count(uint64_t n, int width, char out[static 24])
{
	snprintf(out, 24, "%llu", (unsigned long long)n);
	if ((int)strlen(out) <= width)
		return;
	if (n < 999500)
		snprintf(out, 24, "%lluk", (unsigned long long)((n + 500) / 1000));
	else
		snprintf(out, 24, "%lluM", (unsigned long long)((n + 500000) / 1000000));
	if ((int)strlen(out) > width)
		snprintf(out, 24, "…");
}

static void draw_findings(struct tui *t, WINDOW *w, int y, int x, const struct dash_geom *g, const uint32_t f[FIND__N],
			  bool sel, bool counted)
{
	int slot = g->slot_w;
	if (!counted) {
		/* still counting (dash_idle) */
		tui_put(t, w, y, x + 1, "…", slot, sel ? THEME_SELECTED : THEME_DIM, TUI_LEFT);
		return;
	}
	for (int k = 0; k < FIND__N; k++) {
		char s[40] = "", fig[24];
		if (f[k]) {
			fit_count(f[k], g->fig_w, fig);
			snprintf(s, sizeof s, "%s%s", find_symbol[k], fig);
		}
		enum theme_role r = sel ? THEME_SELECTED : k == FIND_LATE || k == FIND_OVERDUE ? THEME_LATE : THEME_BAD;
		tui_put(t, w, y, x + 1 + k * slot, s, slot, r, TUI_LEFT);
	}
}

static void dash_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct dash *d = (struct dash *)v;
	struct dash_geom g = geometry(d, cols);
	int x0 = g.name_w;
	/* header */
	tui_put(t, w, 0, 0, _("Topic field"), g.name_w, THEME_HEADER, TUI_LEFT);
	/* Phase names that do not fit are abbreviated (a legend explains them):
	 * "Sic" reads better in a column of numbers than "Si…". */
	struct buf legend;
	buf_init(&legend);
	for (size_t i = 0; i < d->n_phases; i++) {
		const struct phase *ph = catalog_phase(t->cat, d->phases[i]);
		const char *name = ph && ph->name ? ph->name : "?";
		char abbr[64];
		abbreviate(name, (size_t)(g.cell_w - 1), abbr, sizeof abbr);
		if (strcmp(abbr, name) != 0)
			buf_printf(&legend, "%s%s %s", legend.len ? " · " : _("Phases: "), abbr, name);
		tui_put(t, w, 0, x0 + (int)i * g.cell_w, abbr, g.cell_w - 1, THEME_HEADER, TUI_RIGHT);
		tui_put(t, w, 0, x0 + (int)(i + 1) * g.cell_w - 1, " ", 1, THEME_HEADER, TUI_LEFT);
	}
	int xt = x0 + (int)d->n_phases * g.cell_w;
	tui_put(t, w, 0, xt, _("Total"), g.total_w, THEME_HEADER, TUI_RIGHT);
	tui_put(t, w, 0, xt + g.total_w, _(" Findings"), g.find_w, THEME_HEADER, TUI_LEFT);

	/* rows, totals last; scroll when the body is short */
	size_t n = d->n_rows + 1;
	int avail = rows - 4;
	size_t top = 0;
	if (avail > 0 && d->row >= (size_t)avail)
		top = d->row - (size_t)avail + 1;
	int y = 1;
	for (size_t r = top; r < n && y < rows - 3; r++, y++) {
		bool totals = r == d->n_rows;
		const char *name = totals ? _("Total") : d->rows[r].name;
		bool rowsel = r == d->row;
		tui_put(t, w, y, 0, name, g.name_w - 1, rowsel && d->col == 0 ? THEME_SELECTED : totals ? THEME_TOTAL : THEME_LABEL,
			TUI_LEFT);
		for (size_t c = 1; c <= d->n_phases + 1; c++) {
			uint32_t k = cell(d, r, c);
			int x = c <= d->n_phases ? x0 + (int)(c - 1) * g.cell_w : xt;
			int wd = c <= d->n_phases ? g.cell_w - 1 : g.total_w;
			char s[24];
			if (k)
				fit_count(k, wd, s);
			else
				snprintf(s, sizeof s, "·");
			bool sel = rowsel && d->col == c;
			enum theme_role role = sel ? THEME_SELECTED : !k ? THEME_DIM : totals || c == d->n_phases + 1 ? THEME_TOTAL : THEME_COUNT;
			tui_put(t, w, y, x, s, wd, role, TUI_RIGHT);
		}
		draw_findings(t, w, y, xt + g.total_w, &g, totals ? d->total_findings : d->rows[r].findings,
			      rowsel && d->col == d->n_phases + 2, d->counted);
	}
	/* what the cursor is on, and the legend (symbols explained in words) */
	struct buf info;
	buf_init(&info);
	if (d->row == d->n_rows)
		buf_puts(&info, _("all topic fields"));
	else
		buf_puts(&info, d->rows[d->row].name);
	if (d->col >= 1 && d->col <= d->n_phases) {
		const struct phase *ph = catalog_phase(t->cat, d->phases[d->col - 1]);
		buf_printf(&info, " · %s", ph ? ph->name : "?");
	}
	uint32_t k = d->col == 0 ? cell(d, d->row, d->n_phases + 1) : cell(d, d->row, d->col > d->n_phases ? d->n_phases + 1 : d->col);
	if (d->col == 0 && d->row < d->n_rows && d->rows[d->row].field)
		buf_printf(&info, P_(": %u project — Enter opens the topic field", ": %u projects — Enter opens the topic field", k), k);
	else
		buf_printf(&info, P_(": %u project — Enter lists it", ": %u projects — Enter lists them", k), k);
	tui_put(t, w, rows - 2, 0, info.data, cols, THEME_NORMAL, TUI_LEFT);
	buf_fini(&info);
	tui_put(t, w, rows - 1, 0, _("Findings: ✗ not representative ! late ⇄ parallel Ü overdue · none"), cols, THEME_DIM,
		TUI_LEFT);
	/* the legend of abbreviated phases, wrapped at " · ", right above the info line */
	struct strv ll;
	strv_init(&ll);
	const char *p = legend.data ? legend.data : "";
	while (*p && ll.n < 3) {
		if ((int)tui_text_cells(p) <= cols) {
			strv_push(&ll, p);
			break;
		}
		const char *cut = NULL;
		for (const char *q = p; (q = strstr(q, " · ")) != NULL; q += 3) {
			char *part = xstrndup(p, (size_t)(q - p));
			bool fits = (int)tui_text_cells(part) <= cols;
			free(part);
			if (!fits)
				break;
			cut = q;
		}
		if (!cut) {
			strv_push(&ll, p);   /* one long item: truncated with … */
			break;
		}
		char *part = xstrndup(p, (size_t)(cut - p));
		strv_push(&ll, part);
		free(part);
		p = cut + strlen(" · ");
	}
	if ((size_t)rows >= 1 + n + 2 + ll.n)
		for (size_t i = 0; i < ll.n; i++)
			tui_put(t, w, rows - 2 - (int)(ll.n - i), 0, ll.v[i], cols, THEME_DIM, TUI_LEFT);
	strv_fini(&ll);
	buf_fini(&legend);
	/* leave the terminal cursor on the selection (screen readers follow it) */
	int cy = 1 + (int)(d->row - top);
	wmove(w, cy < rows ? cy : 0, d->col == 0 ? 0 : d->col <= d->n_phases ? x0 + (int)(d->col - 1) * g.cell_w : xt);
}

static enum view_result dash_key(struct tui *t, struct view *v, enum action a, int key)
{
	(void)key;
	struct dash *d = (struct dash *)v;
	size_t last_col = d->n_phases + 1;
	switch (a) {
	case ACTION_UP:
		if (d->row > 0)
			d->row--;
		return VIEW_DRAW;
	case ACTION_DOWN:
		if (d->row < d->n_rows)
			d->row++;
		return VIEW_DRAW;
	case ACTION_LEFT:
		if (d->col > 0)
			d->col--;
		return VIEW_DRAW;
	case ACTION_RIGHT:
		if (d->col < last_col)
			d->col++;
		return VIEW_DRAW;
	case ACTION_HOME:
		d->row = 0;
		return VIEW_DRAW;
	case ACTION_END:
		d->row = d->n_rows;
		return VIEW_DRAW;
	case ACTION_ENTER: {
		if (d->col == 0 && d->row < d->n_rows && d->rows[d->row].field) {
			char arg[8];
			snprintf(arg, sizeof arg, "%u", (unsigned)d->rows[d->row].field);
			tui_push(t, &view_field, arg);
			return VIEW_DRAW;
		}
		struct buf f;
		buf_init(&f);
		if (d->row < d->n_rows) {
			if (d->rows[d->row].field == 0) {
				tui_message(t, THEME_STATUS_ERROR, _("projects without a topic field: use the filter in Projects"));
				buf_fini(&f);
				return VIEW_DRAW;
			}
			buf_printf(&f, "field:%u", d->rows[d->row].field);
		}
		if (d->col >= 1 && d->col <= d->n_phases) {
			const struct phase *ph = catalog_phase(t->cat, d->phases[d->col - 1]);
			if (ph)
				buf_printf(&f, "%sphase:%s", f.len ? " " : "", ph->slug);
		}
		tui_push(t, &view_projects, f.data ? f.data : "");
		buf_fini(&f);
		return VIEW_DRAW;
	}
	default:
		return VIEW_UNHANDLED;
	}
}

const struct view_ops view_dashboard = {
	.name = "dashboard",
	.title = N_("Overview"),
	.context = KEYCTX_DASHBOARD,
	.open = dash_open,
	.load = dash_load,
	.draw = dash_draw,
	.key = dash_key,
	.close = dash_close,
	.idle = dash_idle,
};
