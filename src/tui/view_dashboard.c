/* view_dashboard.c - view 1, Übersicht: topic fields × phases with project
 * counts (from the store's count index), findings per field (computed once per
 * reload with check_run: overdue action items too), totals. Enter on a cell
 * lists its projects; Enter on a field's name opens its Themenfeld screen. */
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
	struct findings f;
	findings_init(&f);
	st = check_run(txn, c, NULL, t->today, &f);
	for (size_t i = 0; st == STATUS_OK && i < f.n; i++) {
		int k = f.v[i].kind == FINDING_NOT_REPRESENTATIVE ? FIND_REP
			: f.v[i].kind == FINDING_LATE		  ? FIND_LATE
			: f.v[i].kind == FINDING_PARALLEL	  ? FIND_PARALLEL
			: f.v[i].kind == FINDING_OVERDUE	  ? FIND_OVERDUE
								  : -1;
		if (k < 0)
			continue;
		d->total_findings[k]++;
		for (size_t r = 0; r < d->n_rows; r++)
			if (d->rows[r].field == f.v[i].field)
				d->rows[r].findings[k]++;
	}
	findings_fini(&f);
	if (d->row > d->n_rows)
		d->row = d->n_rows;
	if (d->col > d->n_phases + 1)
		d->col = d->n_phases + 1;
	return st;
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

/* Column geometry for a width. */
struct dash_geom {
	int name_w, cell_w, total_w, find_w, slot_w;
};

static struct dash_geom geometry(const struct dash *d, int cols)
{
	/* a finding's slot: symbol and count; narrower below 84 columns so that
	 * the names keep their room */
	struct dash_geom g = {.total_w = 6, .slot_w = cols >= 84 ? 4 : 3};
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

static void draw_findings(struct tui *t, WINDOW *w, int y, int x, int slot, const uint32_t f[FIND__N], bool sel)
{
	for (int k = 0; k < FIND__N; k++) {
		char s[16] = "";
		if (f[k])
			snprintf(s, sizeof s, "%s%u", find_symbol[k], f[k]);
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
			buf_printf(&legend, "%s%s %s", legend.len ? " · " : "Phasen: ", abbr, name);
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
			char s[16];
			if (k)
				snprintf(s, sizeof s, "%u", k);
			else
				snprintf(s, sizeof s, "·");
			bool sel = rowsel && d->col == c;
			enum theme_role role = sel ? THEME_SELECTED : !k ? THEME_DIM : totals || c == d->n_phases + 1 ? THEME_TOTAL : THEME_COUNT;
			int x = c <= d->n_phases ? x0 + (int)(c - 1) * g.cell_w : xt;
			int wd = c <= d->n_phases ? g.cell_w - 1 : g.total_w;
			tui_put(t, w, y, x, s, wd, role, TUI_RIGHT);
		}
		draw_findings(t, w, y, xt + g.total_w, g.slot_w, totals ? d->total_findings : d->rows[r].findings,
			      rowsel && d->col == d->n_phases + 2);
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
};
