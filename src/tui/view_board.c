/* view_board.c - view 3, Board: kanban columns by phase for the board's filter.
 *
 * Columns follow the phase list: the phases of the line in their order, then
 * the phases outside it (Pausiert, Abgebrochen). A card is two lines (number
 * and title; lead, team verdict and a late mark) and a gap. When the columns do
 * not fit (at least BOARD_COL_MIN cells each), the board scrolls horizontally
 * and keeps the selected column in view. The selection is kept by UUID across
 * reloads, so a card moved with H/L stays selected in its new column.
 *
 * Each column holds only its projects' keys in number order (src/rset.c: the
 * filter's result set dealt out by the phase index); the cards on screen are
 * decoded when drawn. After a change only the projects the history names are
 * read again (rset_changes).
 *
 * The columns are built in steps (rset_job): a key that opens the board or
 * changes its filter reads the first cards of every column (round robin over
 * the phase indexes, or the first matches when the filter needs each project
 * decoded), draws, and the rest fills in during idle slices; the column
 * counts come from the store's counts per phase and field when the indexes
 * answer the filter, and the footer says it is still reading or filtering.
 * A change from elsewhere during a build starts it anew.
 *
 * The search (/, n, N) looks through the cards column by column in steps
 * (tui_find, src/tui/rows.c, as the projects view's): a few milliseconds in
 * the key, the rest in idle slices, also while its prompt is open (which
 * reloads the board itself after a change from elsewhere); Esc goes back to
 * the card selected when it began, a key that acts on the selection finishes
 * it first.
 */
#include <stdlib.h>
#include <string.h>

#include "ozgtui/filter.h"
#include "ozgtui/rset.h"
#include "ozgtui/rules.h"
#include "ozgtui/tui_rows.h"
#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

#define BOARD_COL_MIN 24
#define CARD_LINES 3   /* two lines of text and a gap */

/* A card as drawn: decoded for the cards on screen only. */
struct card {
	struct tui_row row;   /* first: the project's id, live */
	uint32_t number;
	char *title;
	char *lead;
	char *folded;      /* "N title lead", folded, for search (made when first searched) */
	bool rep;
	bool late;
	uint8_t prio;
};

struct column {
	uint8_t phase;
	char *name;
	bool outside_line;
	struct rset keys;  /* its projects' keys in number order */
	struct tui_list list;
};

struct board {
	struct view v;
	char *expr;
	struct column *cols;
	size_t n_cols;
	size_t sel;          /* selected column */
	size_t left;         /* first visible column */
	struct tui_marks marks;
	char *search;
	/* The card selected when the search began: Esc goes back to its
	 * project, wherever a reload meanwhile put it, else to its place. */
	size_t search_col, search_card;
	struct uuid search_origin_id;
	bool search_origin_have;
	struct tui_find find;   /* a search going on in idle slices (text: search) */
	/* the cards of the last frame (a cache) */
	struct card *cards;
	size_t n_cards;
	size_t decoded;      /* cards decoded since the map was given back */
	struct rset_stamp stamp;
	bool built;          /* the columns are current up to the changes since stamp */
	/* geometry of the last draw, for the mouse and paging */
	int card_rows;
	int vis_cols;
	int col_w;
	/* the columns being built in steps (idle slices) */
	struct rset_job *job;
	struct uuid sel_wanted;   /* the selected card before a rebuild, not read yet */
	bool sel_pending;
	/* G while the columns are still being built: the selected column's last
	 * card once it is read (end_cur: where G put the cursor; another key
	 * moved it when it is no longer there) */
	bool end_wanted;
	size_t end_col, end_cur;
};

/* What the first screen needs, at most this long in a key (microseconds). */
#define FIRST_SCREEN_US 1500
/* Units of work per rset_job_step (rset.h). */
#define JOB_WORK 512

/* Give the database map's pages back after this many decoded cards (store_map_release). */
#define RELEASE_CARDS 128

static void card_free(struct card *k)
{
	if (!k->row.live)
		return;
	free(k->title);
	free(k->lead);
	free(k->folded);
	k->row.live = false;
}

static void cards_clear(struct board *b)
{
	for (size_t i = 0; i < b->n_cards; i++)
		card_free(&b->cards[i]);
	free(b->cards);
	b->cards = NULL;
	b->n_cards = 0;
}

static void columns_free(struct board *b)
{
	for (size_t i = 0; i < b->n_cols; i++) {
		rset_fini(&b->cols[i].keys);
		free(b->cols[i].name);
	}
	free(b->cols);
	b->cols = NULL;
	b->n_cols = 0;
}

static struct view *board_open(struct tui *t, const char *arg)
{
	struct board *b = xcalloc(1, sizeof *b);
	b->expr = xstrdup(arg ? arg : "");
	if (*b->expr)
		b->v.subtitle = xstrdup(b->expr);
	b->card_rows = t->body_rows > 2 + CARD_LINES ? (t->body_rows - 2) / CARD_LINES : 6;
	b->vis_cols = 3;
	b->col_w = BOARD_COL_MIN;
	return &b->v;
}

static void board_close(struct view *v)
{
	struct board *b = (struct board *)v;
	cards_clear(b);
	columns_free(b);
	rset_job_free(b->job);
	tui_find_stop(&b->find);
	tui_marks_fini(&b->marks);
	free(b->expr);
	free(b->search);
	free(b);
}

/* The key of the selected card, or NULL. */
static const struct rset_key *selected_key(struct board *b)
{
	if (b->sel >= b->n_cols)
		return NULL;
	struct column *c = &b->cols[b->sel];
	return c->list.cur < c->keys.n ? &c->keys.v[c->list.cur] : NULL;
}

static void card_fill(struct tui *t, struct card *k, const struct project *p)
{
	const struct catalog *cat = t->cat;
	memset(k, 0, sizeof *k);
	k->row.live = true;
	k->row.id = p->id;
	k->number = p->number;
	k->title = xstrdup(p->title ? p->title : "");
	const struct member *lead = project_lead(p);
	k->lead = xstrdup(lead ? tui_org_name(t, &lead->org) : "–");
	k->rep = rules_check_team(cat, p).representative;
	k->late = rules_late_phase(&cat->phases, p, t->today) != 0;
	k->prio = p->priority;
}

/* Decodes the project of key into k, opening *txn when needed; a project gone
 * meanwhile shows its number and a question mark. */
static void card_decode(struct tui *t, struct board *b, struct txn **txn, const struct rset_key *key, struct card *k)
{
	struct project p;
	project_init(&p);
	if ((*txn || store_read_begin(t->store, txn) == STATUS_OK) && store_project_get(*txn, &key->id, &p) == STATUS_OK) {
		card_fill(t, k, &p);
	} else {
		memset(k, 0, sizeof *k);
		k->row.live = true;
		k->row.id = key->id;
		k->number = key->number;
		k->title = xstrdup("?");
		k->lead = xstrdup("–");
	}
	project_fini(&p);
	if (*txn && ++b->decoded >= RELEASE_CARDS) {
		store_map_release(*txn);
		b->decoded = 0;
	}
}

/* What search looks in: number, title and lead, folded. */
static char *fold_card(uint32_t number, const char *title, const char *lead)
{
	char *ft = text_fold(title), *fl = text_fold(lead);
	char *s = xasprintf("%u %s %s", number, ft, fl);
	free(ft);
	free(fl);
	return s;
}

static const char *card_folded(struct card *k)
{
	if (!k->folded)
		k->folded = fold_card(k->number, k->title, k->lead);
	return k->folded;
}

/* The card of project id kept from the last frame, or NULL. */
static struct card *card_cached(struct board *b, const struct uuid *id)
{
	return (struct card *)tui_rows_find(b->cards, b->n_cards, sizeof *b->cards, id);
}

/* Forgets the decoded cards of the projects ids[0..n) (changed since). */
static void cards_forget(struct board *b, const struct uuid *ids, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (struct card *c; (c = card_cached(b, &ids[k])) != NULL;)
			card_free(c);
}

/* Makes cards hold the cards of the visible columns (in column order, each
 * column's from its top): kept from the last frame, else decoded. */
static void cards_window(struct tui *t, struct board *b, int card_rows)
{
	size_t need = 0;
	for (int vi = 0; vi < b->vis_cols && b->left + (size_t)vi < b->n_cols; vi++) {
		struct column *c = &b->cols[b->left + (size_t)vi];
		for (int r = 0; r < card_rows && c->list.top + (size_t)r < c->keys.n; r++)
			need++;
	}
	struct card *cards = xcalloc(need ? need : 1, sizeof *cards);
	size_t n = 0;
	struct txn *txn = NULL;
	for (int vi = 0; vi < b->vis_cols && b->left + (size_t)vi < b->n_cols; vi++) {
		struct column *c = &b->cols[b->left + (size_t)vi];
		for (int r = 0; r < card_rows && c->list.top + (size_t)r < c->keys.n; r++) {
			const struct rset_key *key = &c->keys.v[c->list.top + (size_t)r];
			struct card *old = card_cached(b, &key->id);
			if (old) {
				cards[n] = *old;
				old->row.live = false;   /* moved */
			} else {
				card_decode(t, b, &txn, key, &cards[n]);
			}
			n++;
		}
	}
	store_txn_end(txn);
	cards_clear(b);
	b->cards = cards;
	b->n_cards = n;
}

static void add_column(struct board *b, const struct phase *ph)
{
	struct column *c = &b->cols[b->n_cols++];
	memset(c, 0, sizeof *c);
	c->phase = ph->id;
	c->name = xstrdup(ph->name ? ph->name : "?");
	c->outside_line = ph->outside_line;
	rset_init(&c->keys);
}

static bool find_card(const struct board *b, const struct uuid *id, size_t *col, size_t *idx)
{
	for (size_t i = 0; i < b->n_cols; i++) {
		size_t k = rset_find(&b->cols[i].keys, id);
		if (k < b->cols[i].keys.n) {
			*col = i;
			*idx = k;
			return true;
		}
	}
	return false;
}

static struct column *column_of(struct board *b, uint8_t phase)
{
	for (size_t i = 0; i < b->n_cols; i++)
		if (b->cols[i].phase == phase)
			return &b->cols[i];
	return NULL;   /* a phase no longer in the list: the projects view still shows it */
}

static bool find_card(const struct board *b, const struct uuid *id, size_t *col, size_t *idx);
static size_t current_pos(const struct board *b);

/* Steps of the build until the deadline (until every visible column has its
 * first screen when first_screen). */
static enum status columns_run(struct tui *t, struct board *b, struct txn *txn, int64_t deadline, bool first_screen)
{
	struct rset **cols = xcalloc(b->n_cols ? b->n_cols : 1, sizeof *cols);
	for (size_t i = 0; i < b->n_cols; i++)
		cols[i] = &b->cols[i].keys;
	bool done = false;
	enum status st = STATUS_OK;
	size_t test_step = tui_test_step();
	while (st == STATUS_OK && !done) {
		st = rset_job_step(b->job, txn, cols, test_step ? test_step : JOB_WORK, &done);
		if (test_step || tui_clock_us() >= deadline)
			break;
		if (first_screen) {
			bool enough = true;
			for (size_t i = 0; i < b->n_cols && enough; i++) {
				size_t want = rset_job_expected(b->job, i);
				size_t need = b->cols[i].list.top + (size_t)b->card_rows + 1;
				enough = b->cols[i].keys.n >= (want < need ? want : need);
			}
			if (enough)
				break;
		}
	}
	free(cols);
	for (size_t i = 0; i < b->n_cols; i++)
		b->cols[i].list.n = b->cols[i].keys.n;
	if (b->end_wanted) {
		struct column *c = b->end_col < b->n_cols ? &b->cols[b->end_col] : NULL;
		if (c && b->sel == b->end_col && c->list.cur == b->end_cur && c->keys.n) {
			c->list.cur = c->keys.n - 1;
			tui_list_clamp(&c->list, b->card_rows);
			b->end_cur = c->list.cur;
		} else {
			b->end_wanted = false;
		}
	}
	size_t col, idx;
	if (b->sel_pending && find_card(b, &b->sel_wanted, &col, &idx)) {
		b->sel = col;
		b->cols[col].list.cur = idx;
		tui_list_clamp(&b->cols[col].list, b->card_rows);
		b->sel_pending = false;
	}
	if (st != STATUS_OK || done) {
		rset_job_free(b->job);
		b->job = NULL;
		b->sel_pending = false;
		b->end_wanted = false;
		if (st != STATUS_OK)
			b->built = false;
		if (b->find.on)   /* a search waiting for the cards: from the selection */
			tui_find_restart(&b->find, current_pos(b));
	}
	(void)t;
	return st;
}

/* Every column anew in steps: the matching projects of its phase in number
 * order (rset_job: from the phase index when the filter allows). */
static enum status columns_build(struct tui *t, struct board *b, struct txn *txn, struct filter *f)
{
	uint8_t *phases = xcalloc(b->n_cols ? b->n_cols : 1, 1);
	for (size_t i = 0; i < b->n_cols; i++)
		phases[i] = b->cols[i].phase;
	rset_job_free(b->job);
	b->job = rset_job_new(t->cat, f, t->today, NULL, phases, b->n_cols);
	free(phases);
	return columns_run(t, b, txn, tui_clock_us() + FIRST_SCREEN_US, true);
}

/* Brings the columns up to date: only the projects changed since the stamp
 * are read again (rset_changes), unless the history cannot tell. */
static enum status columns_refresh(struct tui *t, struct board *b, struct txn *txn, struct filter *f,
				   bool layout_changed)
{
	struct rset_stamp now;
	struct uuid *ids = NULL;
	size_t n = 0;
	bool rebuild = true;
	enum status st = STATUS_OK;
	if (b->built && !layout_changed && !b->job)
		st = rset_changes(txn, &b->stamp, t->today, &now, &ids, &n, &rebuild);
	if (st == STATUS_OK && rebuild) {
		cards_clear(b);   /* names and data may have changed: decoded anew when drawn */
		st = rset_stamp_take(txn, t->today, &now);
		if (st == STATUS_OK) {
			st = columns_build(t, b, txn, f);
			f = NULL;
		}
	} else if (st == STATUS_OK) {
		cards_forget(b, ids, n);
		for (size_t i = 0; i < b->n_cols; i++)
			rset_remove(&b->cols[i].keys, ids, n);
		struct project p;
		project_init(&p);
		for (size_t i = 0; i < n && st == STATUS_OK; i++) {
			project_fini(&p);
			project_init(&p);
			st = store_project_get(txn, &ids[i], &p);
			struct column *c = st == STATUS_OK ? column_of(b, p.phase) : NULL;
			if (st == STATUS_NOT_FOUND)
				st = STATUS_OK;
			else if (c && filter_match(f, t->cat, &p, t->today))
				st = rset_insert(&c->keys, txn, &p, NULL);
		}
		project_fini(&p);
	}
	filter_free(f);
	free(ids);
	b->built = st == STATUS_OK;
	if (b->built)
		b->stamp = now;
	return st;
}

/* True when the columns are those of the phase list (ids, names, order). */
static bool layout_matches(const struct board *b, const struct phase_list *pl)
{
	if (b->n_cols != pl->n)
		return false;
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < pl->n; i++) {
			const struct phase *ph = &pl->v[i];
			if (ph->outside_line != (pass == 1))
				continue;
			const struct column *c = &b->cols[k++];
			if (c->phase != ph->id || c->outside_line != ph->outside_line ||
			    strcmp(c->name, ph->name ? ph->name : "?") != 0)
				return false;
		}
	return true;
}

static enum status board_load(struct tui *t, struct view *v, struct txn *txn)
{
	struct board *b = (struct board *)v;
	const struct rset_key *sk = selected_key(b);
	struct uuid sel_id;
	bool have = sk != NULL;
	if (have)
		sel_id = sk->id;
	const struct phase_list *pl = &t->cat->phases;
	bool layout_changed = !layout_matches(b, pl);
	if (layout_changed) {
		/* each column's cursor, to keep it where the project is gone */
		size_t n_old = b->n_cols;
		uint8_t *old_phase = xcalloc(n_old ? n_old : 1, sizeof *old_phase);
		size_t *old_cur = xcalloc(n_old ? n_old : 1, sizeof *old_cur);
		for (size_t i = 0; i < n_old; i++) {
			old_phase[i] = b->cols[i].phase;
			old_cur[i] = b->cols[i].list.cur;
		}
		columns_free(b);
		b->cols = xcalloc(pl->n ? pl->n : 1, sizeof *b->cols);
		for (size_t i = 0; i < pl->n; i++)
			if (!pl->v[i].outside_line)
				add_column(b, &pl->v[i]);
		for (size_t i = 0; i < pl->n; i++)
			if (pl->v[i].outside_line)
				add_column(b, &pl->v[i]);
		for (size_t i = 0; i < b->n_cols; i++)
			for (size_t k = 0; k < n_old; k++)
				if (old_phase[k] == b->cols[i].phase)
					b->cols[i].list.cur = old_cur[k];
		free(old_phase);
		free(old_cur);
	}

	struct filter *f = NULL;
	enum status st = filter_compile(b->expr, t->cat, &f);
	if (st != STATUS_OK) {
		tui_message(t, THEME_STATUS_ERROR, "%s", status_detail());
		cards_clear(b);
		for (size_t i = 0; i < b->n_cols; i++)
			b->cols[i].keys.n = 0;
		b->built = false;
		rset_job_free(b->job);
		b->job = NULL;
		st = STATUS_OK;
	} else {
		st = columns_refresh(t, b, txn, f, layout_changed);
	}
	/* Each change (a write, and its reload) maps pages of its own: given
	 * back every few loads, like every few pages of decoded cards. */
	b->decoded += RELEASE_CARDS / 8;
	if (b->decoded >= RELEASE_CARDS) {
		store_map_release(txn);
		b->decoded = 0;
	}

	for (size_t i = 0; i < b->n_cols; i++) {
		struct column *c = &b->cols[i];
		c->list.n = c->keys.n;
		tui_list_clamp(&c->list, b->card_rows);
	}
	if (b->sel >= b->n_cols)
		b->sel = 0;
	size_t col, idx;
	b->sel_pending = false;
	if (have && find_card(b, &sel_id, &col, &idx)) {
		b->sel = col;
		b->cols[col].list.cur = idx;
		tui_list_clamp(&b->cols[col].list, b->card_rows);
	} else if (have && b->job) {
		b->sel_wanted = sel_id;   /* selected once the build reads it */
		b->sel_pending = true;
	}
	if (b->find.on)   /* the cards changed under a search: on from the selection */
		tui_find_restart(&b->find, current_pos(b));
	return st;
}

static enum tui_find_result find_step(struct tui *t, struct board *b, struct txn *txn, int64_t deadline);

/* The rest of the build, then the search, in idle slices (also while the
 * search prompt is open: in_prompt). */
static unsigned board_work(struct tui *t, struct board *b, int64_t deadline_us, bool in_prompt)
{
	if (!b->job && !b->find.on)
		return VIEW_IDLE_DONE;
	struct txn *txn;
	bool changed;
	enum status st = tui_idle_begin(t, &txn, &changed);
	if (changed) {
		if (!in_prompt)
			return VIEW_IDLE_DONE;   /* changed meanwhile: the reload starts the build anew */
		/* the prompt's loop does not look for changes: reloaded here */
		tui_reload(t);
		return VIEW_IDLE_DRAW | (b->job || b->find.on ? VIEW_IDLE_MORE : 0);
	}
	unsigned r = VIEW_IDLE_DONE;
	if (st == STATUS_OK && b->job) {
		st = columns_run(t, b, txn, deadline_us, false);
		r |= VIEW_IDLE_DRAW;
	}
	/* tests (OZGTUI_TEST_STEP) see every step of a search on screen */
	if (st == STATUS_OK && b->find.on && !b->job && tui_clock_us() < deadline_us &&
	    (find_step(t, b, txn, deadline_us) != TUI_FIND_MORE || tui_test_step()))
		r |= VIEW_IDLE_DRAW;
	store_txn_end(txn);
	if (st != STATUS_OK) {
		tui_message_status(t, st, _(view_board.title));
		tui_find_stop(&b->find);
		r |= VIEW_IDLE_DRAW;
	}
	return r | (b->job || b->find.on ? VIEW_IDLE_MORE : 0);
}

static unsigned board_idle(struct tui *t, struct view *v, int64_t deadline_us)
{
	return board_work(t, (struct board *)v, deadline_us, false);
}

/* How many columns fit and how wide they are; keeps the selection visible. */
static void board_geometry(struct board *b, int cols)
{
	int vis = cols / BOARD_COL_MIN;
	if (vis < 1)
		vis = 1;
	if ((size_t)vis > b->n_cols)
		vis = b->n_cols ? (int)b->n_cols : 1;
	b->vis_cols = vis;
	b->col_w = cols / vis;
	if (b->sel < b->left)
		b->left = b->sel;
	if (b->sel >= b->left + (size_t)vis)
		b->left = b->sel - (size_t)vis + 1;
	if (b->left + (size_t)vis > b->n_cols)
		b->left = b->n_cols > (size_t)vis ? b->n_cols - (size_t)vis : 0;
}

static void draw_card(struct tui *t, struct board *b, WINDOW *w, int y, int x, int width, const struct card *k,
		      bool sel)
{
	bool marked = tui_marks_has(&b->marks, &k->row.id);
	enum theme_role base = sel ? THEME_SELECTED : marked ? THEME_MARKED : THEME_NORMAL;
	if (sel) {
		tui_fill(t, w, y, x, width, THEME_SELECTED);
		tui_fill(t, w, y + 1, x, width, THEME_SELECTED);
	}
	/* line 1: mark, number, title */
	tui_put(t, w, y, x, marked ? "*" : sel ? "▶" : " ", 1, sel ? THEME_SELECTED : THEME_MARKED, TUI_LEFT);
	char num[16];
	snprintf(num, sizeof num, "#%u ", k->number);
	int nw = (int)strlen(num);
	if (nw > width - 1)
		nw = width - 1;
	tui_put(t, w, y, x + 1, num, nw, sel ? THEME_SELECTED : THEME_LABEL, TUI_LEFT);
	tui_put(t, w, y, x + 1 + nw, k->title, width - 1 - nw, base, TUI_LEFT);
	/* line 2: lead, then priority, late mark and verdict at the right */
	/* "P3 ! ✓": priority, late mark, verdict */
	char pre[16];
	if (k->prio)
		snprintf(pre, sizeof pre, "P%u%s ", (unsigned)k->prio, k->late ? " !" : "  ");
	else
		snprintf(pre, sizeof pre, "  %s ", k->late ? " !" : "  ");
	int pw = (int)strlen(pre);
	int lead_w = width - 3 - pw - 1;
	if (lead_w > 0)
		tui_put(t, w, y + 1, x + 2, k->lead, lead_w, sel ? THEME_SELECTED : THEME_DIM, TUI_LEFT);
	int tx = x + width - pw - 1;
	if (tx > x) {
		enum theme_role vr = sel ? THEME_SELECTED : k->rep ? THEME_OK : THEME_BAD;
		enum theme_role lr = sel ? THEME_SELECTED : k->late ? THEME_LATE : THEME_NORMAL;
		tui_put(t, w, y + 1, tx, pre, pw, lr, TUI_LEFT);
		tui_put(t, w, y + 1, tx + pw, k->rep ? "✓" : "✗", 1, vr, TUI_LEFT);
	}
}

static void board_draw(struct tui *t, struct view *v, WINDOW *w, int rows, int cols)
{
	struct board *b = (struct board *)v;
	board_geometry(b, cols);
	int card_rows = (rows - 2) / CARD_LINES;
	if (card_rows < 1)
		card_rows = 1;
	b->card_rows = card_rows;
	size_t total = 0;
	for (size_t i = 0; i < b->n_cols; i++)
		total += b->cols[i].keys.n;
	for (int vi = 0; vi < b->vis_cols && b->left + (size_t)vi < b->n_cols; vi++)
		tui_list_clamp(&b->cols[b->left + (size_t)vi].list, card_rows);
	cards_window(t, b, card_rows);

	size_t shown = 0;   /* cards of the columns drawn so far */
	for (int vi = 0; vi < b->vis_cols && b->left + (size_t)vi < b->n_cols; vi++) {
		size_t ci = b->left + (size_t)vi;
		struct column *c = &b->cols[ci];
		int x = vi * b->col_w;
		int width = vi + 1 == b->vis_cols ? cols - x : b->col_w;
		int inner = width - 2;   /* a space on the left, the separator on the right */
		bool col_sel = ci == b->sel;
		char head[128];
		size_t n = c->keys.n;
		size_t want = b->job ? rset_job_expected(b->job, ci) : n;
		if (want == SIZE_MAX)   /* still filtering: the matches so far */
			snprintf(head, sizeof head, "%s%s (%zu…)%s", col_sel ? "▸ " : "", c->name, n,
				 c->outside_line ? " ·" : "");
		else
			snprintf(head, sizeof head, "%s%s (%zu)%s", col_sel ? "▸ " : "", c->name, want,
				 c->outside_line ? " ·" : "");
		tui_put(t, w, 0, x + 1, head, inner, col_sel ? THEME_SECTION : THEME_HEADER, TUI_LEFT);
		for (int r = 0; r < card_rows && c->list.top + (size_t)r < n && shown < b->n_cards; r++) {
			size_t idx = c->list.top + (size_t)r;
			draw_card(t, b, w, 1 + r * CARD_LINES, x + 1, inner, &b->cards[shown++],
				  col_sel && idx == c->list.cur);
		}
		if (n == 0 && !b->job)
			tui_put(t, w, 1, x + 2, _("(empty)"), inner - 1, THEME_DIM, TUI_LEFT);
		if (c->list.top > 0)
			tui_put(t, w, 0, x + width - 2, "↑", 1, THEME_DIM, TUI_LEFT);
		if (c->list.top + (size_t)card_rows < n) {
			char more[32];
			size_t below = n - c->list.top - (size_t)card_rows;
			/* TRANSLATORS: below a board column: how many cards more */
			snprintf(more, sizeof more, P_("↓ %zu more", "↓ %zu more", below), below);
			tui_put(t, w, rows - 2, x + 1, more, inner, THEME_DIM, TUI_RIGHT);
		}
		if (vi + 1 < b->vis_cols)
			for (int y = 0; y < rows - 1; y++)
				tui_put(t, w, y, x + width - 1, "│", 1, THEME_DIM, TUI_LEFT);
	}
	if (b->left > 0)
		tui_put(t, w, 0, 0, "‹", 1, THEME_KEY, TUI_LEFT);
	if (b->left + (size_t)b->vis_cols < b->n_cols)
		tui_put(t, w, 0, cols - 1, "›", 1, THEME_KEY, TUI_LEFT);

	struct buf fb;
	buf_init(&fb);
	bool known = true;
	if (b->job) {
		size_t sum = 0;
		for (size_t i = 0; i < b->n_cols && known; i++) {
			size_t want = rset_job_expected(b->job, i);
			known = want != SIZE_MAX;
			sum += known ? want : 0;
		}
		if (known)
			total = sum;
	}
	if (known)
		buf_printf(&fb, P_("%zu project", "%zu projects", total), total);
	else
		buf_printf(&fb, P_("%zu project so far", "%zu projects so far", total), total);
	if (*b->expr)
		buf_printf(&fb, _(" · filter: %s"), b->expr);
	if (b->job)
		buf_puts(&fb, known ? _(" · still reading…") : _(" · still filtering…"));
	if (b->find.on)
		buf_printf(&fb, _(" · searching: %s"), b->find.text ? b->find.text : "");
	if (b->marks.n)
		buf_printf(&fb, P_(" · %zu marked", " · %zu marked", b->marks.n), b->marks.n);
	if (b->left > 0 || b->left + (size_t)b->vis_cols < b->n_cols)
		buf_printf(&fb, _(" · columns %zu-%zu of %zu (h/l scroll)"), b->left + 1,
			   b->left + (size_t)b->vis_cols, b->n_cols);
	buf_puts(&fb, _(" · ! late · ✓/✗ team · H/L move"));
	tui_put(t, w, rows - 1, 0, fb.data, cols, THEME_DIM, TUI_LEFT);
	buf_fini(&fb);
}

/* ---- search: over all cards, column by column ---------------------------- */

static size_t total_cards(const struct board *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_cols; i++)
		n += b->cols[i].keys.n;
	return n;
}

/* The k-th card in board order as (column, index). */
static void card_at(const struct board *b, size_t k, size_t *col, size_t *idx)
{
	for (size_t i = 0; i < b->n_cols; i++) {
		if (k < b->cols[i].keys.n) {
			*col = i;
			*idx = k;
			return;
		}
		k -= b->cols[i].keys.n;
	}
	*col = *idx = 0;
}

static size_t card_pos(const struct board *b, size_t col, size_t idx)
{
	size_t k = 0;
	for (size_t i = 0; i < col && i < b->n_cols; i++)
		k += b->cols[i].keys.n;
	return k + idx;
}

static void select_card(struct board *b, size_t col, size_t idx)
{
	b->sel_pending = false;   /* moved: the card before a rebuild is no longer wanted */
	b->sel = col;
	b->cols[col].list.cur = idx;
	tui_list_clamp(&b->cols[col].list, b->card_rows);
}

/* ---- search in steps (tui_find, src/tui/rows.c): the cards in board order.
 * Cards on screen are at hand, the others are decoded one by one until one
 * matches, in idle slices; while the columns are still being built the search
 * waits for them (the positions in board order move while they fill in) and
 * starts from the selection once they are complete. */

struct match_arg {
	struct tui *t;
	struct board *b;
	struct txn **txn;
};

static bool card_matches(void *arg, size_t pos)
{
	struct match_arg *m = arg;
	struct board *b = m->b;
	size_t col, idx;
	card_at(b, pos, &col, &idx);
	const struct rset_key *key = &b->cols[col].keys.v[idx];
	struct card *cached = card_cached(b, &key->id);
	if (cached)
		return strstr(card_folded(cached), b->find.needle) != NULL;
	/* only number, title and lead are needed: no card is made */
	bool found = false;
	struct project p;
	project_init(&p);
	if ((*m->txn || store_read_begin(m->t->store, m->txn) == STATUS_OK) &&
	    store_project_get(*m->txn, &key->id, &p) == STATUS_OK) {
		const struct member *lead = project_lead(&p);
		char *hay = fold_card(p.number, p.title ? p.title : "", lead ? tui_org_name(m->t, &lead->org) : "–");
		found = strstr(hay, b->find.needle) != NULL;
		free(hay);
	}
	project_fini(&p);
	if (*m->txn && ++b->decoded >= RELEASE_CARDS) {
		store_map_release(*m->txn);
		b->decoded = 0;
	}
	return found;
}

/* Looks on until the deadline: found (selected), none, or more to look at
 * (or waiting for the columns). */
static enum tui_find_result find_step(struct tui *t, struct board *b, struct txn *txn, int64_t deadline)
{
	if (b->job)
		return TUI_FIND_MORE;
	struct txn *own = NULL;
	struct match_arg m = {t, b, txn ? &txn : &own};
	size_t pos = 0, col, idx;
	bool wrapped = false, quiet = b->find.quiet;
	enum tui_find_result r = tui_find_step(&b->find, total_cards(b), true, card_matches, &m, deadline, &pos, &wrapped);
	store_txn_end(own);
	if (r == TUI_FIND_FOUND) {
		if (wrapped && !quiet)
			tui_message(t, THEME_STATUS, _("search wrapped: %s"), b->find.text);
		else if (quiet)
			t->msg[0] = '\0';
		card_at(b, pos, &col, &idx);
		select_card(b, col, idx);
	} else if (r == TUI_FIND_NONE) {
		tui_message(t, THEME_STATUS_ERROR, _("not found: %s"), b->find.text);
	}
	return r;
}

static size_t current_pos(const struct board *b)
{
	if (b->sel < b->n_cols && b->cols[b->sel].keys.n)
		return card_pos(b, b->sel, b->cols[b->sel].list.cur);
	return card_pos(b, b->sel < b->n_cols ? b->sel : 0, 0);
}

/* The card selected when the search began, where it is now; if it is not
 * there (gone, or not read again yet), its old place (clamped). */
static void search_origin(const struct board *b, size_t *col, size_t *idx)
{
	if (b->search_origin_have && find_card(b, &b->search_origin_id, col, idx))
		return;
	*col = b->search_col < b->n_cols ? b->search_col : b->n_cols ? b->n_cols - 1 : 0;
	size_t n = *col < b->n_cols ? b->cols[*col].keys.n : 0;
	*idx = b->search_card < n ? b->search_card : n ? n - 1 : 0;
}

static unsigned search_idle(struct tui *t, void *arg, int64_t deadline_us)
{
	return board_work(t, arg, deadline_us, true);
}

/* A keystroke of the search: starts it anew from where the search began. */
static void search_changed(struct tui *t, const char *text, void *arg)
{
	struct board *b = arg;
	free(b->search);
	b->search = xstrdup(text);
	if (!*text) {
		tui_find_stop(&b->find);
		return;
	}
	size_t col, idx;
	search_origin(b, &col, &idx);
	tui_find_begin(&b->find, b->search, card_pos(b, col, idx), 1, true);
	find_step(t, b, NULL, tui_clock_us() + FIRST_SCREEN_US);
}

static enum view_result do_search(struct tui *t, struct board *b)
{
	const struct rset_key *k = selected_key(b);
	b->search_col = b->sel;
	b->search_card = b->sel < b->n_cols ? b->cols[b->sel].list.cur : 0;
	b->search_origin_have = k || b->sel_pending;
	if (b->search_origin_have)
		b->search_origin_id = b->sel_pending ? b->sel_wanted : k->id;
	char *before = b->search ? xstrdup(b->search) : NULL;
	struct tui_prompt pr = {.label = "/", .history = &t->search_history, .changed = search_changed,
				.idle = search_idle, .arg = b};
	char *s = tui_prompt_run(t, &pr);
	if (!s) {
		tui_find_stop(&b->find);
		free(b->search);
		b->search = before;
		/* back to the card (a reload meanwhile may have moved it) */
		size_t col, idx;
		bool there = b->search_origin_have && find_card(b, &b->search_origin_id, &col, &idx);
		search_origin(b, &col, &idx);
		if (col < b->n_cols)
			select_card(b, col, idx);
		if (!there && b->search_origin_have && b->job) {
			b->sel_wanted = b->search_origin_id;   /* not read again yet */
			b->sel_pending = true;
		}
		return VIEW_DRAW;
	}
	free(before);
	free(b->search);
	b->search = s;
	if (b->find.on) {
		b->find.text = b->search;   /* goes on in the idle slices */
		b->find.quiet = false;
	}
	return VIEW_DRAW;
}

static enum view_result search_again(struct tui *t, struct board *b, int dir)
{
	if (!b->search || !*b->search) {
		tui_message(t, THEME_STATUS_ERROR, _("no search yet: / searches"));
		return VIEW_DRAW;
	}
	if (!total_cards(b) && !b->job) {
		tui_message(t, THEME_STATUS_ERROR, _("not found: %s"), b->search);
		return VIEW_DRAW;
	}
	/* from the card after (before) the selection round to the selection */
	tui_find_begin_next(&b->find, b->search, current_pos(b), dir);
	find_step(t, b, NULL, tui_clock_us() + FIRST_SCREEN_US);
	return VIEW_DRAW;
}

/* Keys typed after a search's Enter act where it lands, as if it had been
 * instant: the search, and the build it waits for, is finished first. A
 * change from elsewhere meanwhile ends it where it is. */
static void find_finish(struct tui *t, struct board *b)
{
	while (b->find.on)
		if (!(board_work(t, b, tui_clock_us() + 100000, false) & VIEW_IDLE_MORE))
			break;
}

/* ---- filter ---------------------------------------------------------------- */

static enum view_result edit_filter(struct tui *t, struct board *b)
{
	char *text = xstrdup(b->expr);
	char *error = NULL;
	enum view_result r = VIEW_DRAW;
	for (;;) {
		struct tui_prompt pr = {.label = _("Filter: "), .initial = text, .error = error,
					.history = &t->filter_history};
		char *s = tui_prompt_run(t, &pr);
		free(error);
		error = NULL;
		if (!s)
			break;
		struct filter *f = NULL;
		enum status st = filter_compile(s, t->cat, &f);
		filter_free(f);
		if (st == STATUS_OK) {
			free(b->expr);
			b->expr = s;
			free(b->v.subtitle);
			b->v.subtitle = *s ? xstrdup(s) : NULL;
			b->built = false;   /* another filter: build anew, not from changes */
			r = VIEW_RELOAD;
			break;
		}
		error = xstrdup(*status_detail() ? status_detail() : status_message(st));
		free(text);
		text = s;
	}
	free(text);
	return r;
}

/* ---- keys ------------------------------------------------------------------ */

static enum view_result move_selected(struct tui *t, struct board *b, int dir)
{
	if (b->marks.n) {
		size_t n = b->marks.n;
		struct uuid *ids = xcalloc(n, sizeof *ids);
		memcpy(ids, b->marks.v, n * sizeof *ids);
		enum view_result r = tui_move_projects(t, ids, n, dir);
		if (r == VIEW_RELOAD)
			b->marks.n = 0;
		free(ids);
		return r;
	}
	const struct rset_key *k = selected_key(b);
	if (!k) {
		tui_message(t, THEME_STATUS_ERROR, _("no project selected"));
		return VIEW_DRAW;
	}
	struct uuid id = k->id;
	return tui_move_projects(t, &id, 1, dir);
}

/* Mouse (only when --mouse enabled it): a click selects a card, the wheel
 * moves the selection in the column under the pointer. */
static enum view_result board_mouse(struct tui *t, struct board *b)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || !t->body_win)
		return VIEW_DRAW;
	int by, bx;
	getbegyx(t->body_win, by, bx);
	int y = ev.y - by, x = ev.x - bx;
	if (y < 0 || y >= t->body_rows || x < 0 || b->col_w <= 0 || b->n_cols == 0)
		return VIEW_DRAW;
	b->sel_pending = false;   /* a click or the wheel moves the selection */
	size_t col = b->left + (size_t)(x / b->col_w);
	if (col >= b->n_cols)
		col = b->n_cols - 1;
	struct column *c = &b->cols[col];
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		b->sel = col;
		tui_list_key(&c->list, ev.bstate & BUTTON4_PRESSED ? ACTION_UP : ACTION_DOWN, b->card_rows);
		return VIEW_DRAW;
	}
	if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_DOUBLE_CLICKED)) {
		b->sel = col;
		if (y >= 1) {
			size_t idx = c->list.top + (size_t)((y - 1) / CARD_LINES);
			if (idx < c->keys.n && (y - 1) % CARD_LINES < 2)
				c->list.cur = idx;
		}
		tui_list_clamp(&c->list, b->card_rows);
		if (ev.bstate & BUTTON1_DOUBLE_CLICKED) {
			const struct rset_key *k = selected_key(b);
			if (k) {
				char id[37];
				uuid_format(&k->id, id);
				tui_push(t, &view_detail, id);
			}
		}
	}
	return VIEW_DRAW;
}

static enum view_result board_key(struct tui *t, struct view *v, enum action a, int key)
{
	struct board *b = (struct board *)v;
	if (b->find.on && key != TKEY_FN(KEY_MOUSE) && tui_find_acts_on_selection(a))
		find_finish(t, b);
	if (b->find.on && (a != ACTION_NONE || key == TKEY_FN(KEY_MOUSE)))
		tui_find_stop(&b->find);   /* any other key, or a click: the search is over */
	if (key == TKEY_FN(KEY_MOUSE))
		return board_mouse(t, b);
	struct column *c = b->sel < b->n_cols ? &b->cols[b->sel] : NULL;
	const struct rset_key *k = selected_key(b);
	switch (a) {
	case ACTION_UP:
	case ACTION_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_HOME:
	case ACTION_END:
		b->sel_pending = false;   /* the user moved: no jump back once the old card is read */
		if (c)
			tui_list_key(&c->list, a, b->card_rows);
		b->end_wanted = a == ACTION_END && c && b->job;
		b->end_col = b->sel;
		b->end_cur = c ? c->list.cur : 0;
		return VIEW_DRAW;
	case ACTION_LEFT:
	case ACTION_RIGHT: {
		b->sel_pending = false;
		if (!c)
			return VIEW_DRAW;
		size_t row = c->list.cur - c->list.top;   /* keep the height on screen */
		if (a == ACTION_LEFT && b->sel > 0)
			b->sel--;
		else if (a == ACTION_RIGHT && b->sel + 1 < b->n_cols)
			b->sel++;
		else
			return VIEW_DRAW;
		struct column *n = &b->cols[b->sel];
		if (n->keys.n && c->keys.n) {
			n->list.cur = n->list.top + row;
			tui_list_clamp(&n->list, b->card_rows);
		}
		return VIEW_DRAW;
	}
	case ACTION_ENTER:
		if (k) {
			char id[37];
			uuid_format(&k->id, id);
			tui_push(t, &view_detail, id);
		}
		return VIEW_DRAW;
	case ACTION_MOVE_PREV:
		return move_selected(t, b, -1);
	case ACTION_MOVE_NEXT:
		return move_selected(t, b, 1);
	case ACTION_MOVE_PICK:
		return move_selected(t, b, 0);
	case ACTION_FILTER:
		return edit_filter(t, b);
	case ACTION_SEARCH:
		return do_search(t, b);
	case ACTION_SEARCH_NEXT:
		return search_again(t, b, 1);
	case ACTION_SEARCH_PREV:
		return search_again(t, b, -1);
	case ACTION_MARK:
		if (k) {
			b->sel_pending = false;   /* moves down */
			tui_marks_toggle(&b->marks, &k->id);
			tui_list_key(&c->list, ACTION_DOWN, b->card_rows);
		}
		return VIEW_DRAW;
	case ACTION_MARK_CLEAR:
		b->marks.n = 0;
		return VIEW_DRAW;
	default:
		return tui_project_actions(t, a, k ? &k->id : NULL);
	}
}

static bool board_selected(struct view *v, struct uuid *out)
{
	const struct rset_key *k = selected_key((struct board *)v);
	if (!k)
		return false;
	*out = k->id;
	return true;
}

static size_t board_marked(struct view *v, const struct uuid **out)
{
	struct board *b = (struct board *)v;
	*out = b->marks.v;
	return b->marks.n;
}

const struct view_ops view_board = {
	.name = "board",
	.title = N_("Board"),
	.context = KEYCTX_BOARD,
	.open = board_open,
	.load = board_load,
	.draw = board_draw,
	.key = board_key,
	.close = board_close,
	.selected_project = board_selected,
	.marked = board_marked,
	.idle = board_idle,
};
