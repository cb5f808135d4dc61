/* modal.c - the TUI's modal pieces every view shares: the status-line prompt
 * and yes/no question, the pick list and the pager (bordered overlays over
 * the body), and the help screen of the keys. Each runs its own key loop on
 * tui_get_key and repaints the screen under it with tui_draw_base (tui.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "ozgtui/view.h"
#include "ozgtui/i18n.h"

/* ---- modal pieces ------------------------------------------------------ */

static size_t utf8_prev(const char *s, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	return i;
}

static size_t utf8_next(const char *s, size_t len, size_t i)
{
	if (i < len)
		i++;
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static void utf8_put(struct buf *b, unsigned cp)
{
	char out[4];
	size_t n;
	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_append(b, out, n);
}

static void buf_insert(struct buf *b, size_t at, const char *s, size_t n)
{
	buf_append(b, s, n);   /* grow */
	memmove(b->data + at + n, b->data + at, b->len - n - at);
	memcpy(b->data + at, s, n);
}

static void buf_delete(struct buf *b, size_t from, size_t to)
{
	memmove(b->data + from, b->data + to, b->len - to);
	b->len -= to - from;
	b->data[b->len] = '\0';
}

static void buf_set(struct buf *b, const char *s)
{
	buf_reset(b);
	buf_puts(b, s ? s : "");
}

/* Draws the prompt line with the cursor at byte cur. */
static void draw_prompt(struct tui *t, const struct tui_prompt *p, const struct buf *line, size_t cur)
{
	tui_draw_base(t);
	if (t->too_small) {
		doupdate();
		return;
	}
	/* the prompt's own error, or what its callbacks said ("not found") */
	const char *err = p->error ? p->error : t->msg[0] ? t->msg : NULL;
	if (err)
		tui_put(t, t->body_win, t->body_rows - 1, 0, err, t->cols,
			p->error ? THEME_STATUS_ERROR : t->msg_role, TUI_LEFT);
	wnoutrefresh(t->body_win);
	WINDOW *w = t->status_win;
	werase(w);
	int lw = tui_put(t, w, 0, 0, p->label, (int)tui_text_cells(p->label), THEME_PROMPT, TUI_LEFT);
	int room = t->cols - lw - 1;
	/* Show the part of the line around the cursor: drop whole characters from the start. */
	const char *s = line->data ? line->data : "";
	size_t start = 0;
	for (;;) {
		char *before = xstrndup(s + start, cur - start);
		int wb = (int)tui_text_cells(before);
		free(before);
		if (wb < room || start >= cur)
			break;
		start = utf8_next(s, line->len, start);
	}
	tui_put(t, w, 0, lw, s + start, room, THEME_NORMAL, TUI_LEFT);
	char *before = xstrndup(s + start, cur - start);
	int cx = lw + (int)tui_text_cells(before);
	free(before);
	wmove(w, 0, cx < t->cols ? cx : t->cols - 1);
	wnoutrefresh(w);
	doupdate();
}

/* An idle step of a prompt (tui_prompt.idle) returns by this long. */
#define PROMPT_IDLE_US 2000

char *tui_prompt_run(struct tui *t, const struct tui_prompt *p)
{
	struct buf line;
	buf_init(&line);
	buf_set(&line, p->initial);
	size_t cur = line.len;
	size_t hist = p->history ? p->history->n : 0;
	char *result = NULL;
	t->prompt_line = &line;   /* a draft keeps what is typed */
	curs_set(1);
	bool draw = true, idle_more = p->idle != NULL;
	for (;;) {
		if (draw)
			draw_prompt(t, p, &line, cur);
		draw = true;
		int k = tui_get_key(t, idle_more ? 0 : -1);
		if (k == TKEY_NONE && idle_more) {
			/* the work of a search going on, while no key waits */
			unsigned r = tui_prompt_idle(t, p, tui_clock_us() + PROMPT_IDLE_US);
			idle_more = r & VIEW_IDLE_MORE;
			draw = r & VIEW_IDLE_DRAW;
			continue;
		}
		if (k == TKEY_NONE || k == TKEY_RESIZE)
			continue;
		idle_more = p->idle != NULL;
		bool edited = false;
		if (k == '\n') {
			result = buf_steal(&line);
			break;
		} else if (k == 27 || k == TKEY_CTRL('G')) {
			break;
		} else if (k == TKEY_FN(KEY_BACKSPACE)) {
			if (cur > 0) {
				size_t prev = utf8_prev(line.data, cur);
				buf_delete(&line, prev, cur);
				cur = prev;
				edited = true;
			} else if (line.len == 0) {
				break;   /* backspace on an empty line cancels, like less and vim */
			}
		} else if (k == TKEY_FN(KEY_DC) || k == TKEY_CTRL('D')) {
			if (cur < line.len) {
				buf_delete(&line, cur, utf8_next(line.data, line.len, cur));
				edited = true;
			}
		} else if (k == TKEY_FN(KEY_LEFT) || k == TKEY_CTRL('B')) {
			cur = line.len ? utf8_prev(line.data, cur) : 0;
		} else if (k == TKEY_FN(KEY_RIGHT) || k == TKEY_CTRL('F')) {
			cur = utf8_next(line.data ? line.data : "", line.len, cur);
		} else if (k == TKEY_FN(KEY_HOME) || k == TKEY_CTRL('A')) {
			cur = 0;
		} else if (k == TKEY_FN(KEY_END) || k == TKEY_CTRL('E')) {
			cur = line.len;
		} else if (k == TKEY_CTRL('U')) {
			buf_delete(&line, 0, cur);
			cur = 0;
			edited = true;
		} else if (k == TKEY_CTRL('K')) {
			buf_delete(&line, cur, line.len);
			edited = true;
		} else if (k == TKEY_CTRL('W')) {
			size_t i = cur;
			while (i > 0 && line.data[i - 1] == ' ')
				i--;
			while (i > 0 && line.data[i - 1] != ' ')
				i--;
			buf_delete(&line, i, cur);
			cur = i;
			edited = true;
		} else if (k == TKEY_FN(KEY_UP) && p->history && hist > 0) {
			buf_set(&line, p->history->v[--hist]);
			cur = line.len;
			edited = true;
		} else if (k == TKEY_FN(KEY_DOWN) && p->history && hist < p->history->n) {
			hist++;
			buf_set(&line, hist < p->history->n ? p->history->v[hist] : "");
			cur = line.len;
			edited = true;
		} else if (k == '\t' && p->complete) {
			p->complete(t, &line, p->arg);
			cur = line.len;
			edited = true;
		} else if (!TKEY_IS_FN(k) && k >= 32 && k != 127) {
			struct buf ch;
			buf_init(&ch);
			utf8_put(&ch, (unsigned)k);
			if (!line.data)
				buf_puts(&line, "");
			buf_insert(&line, cur, ch.data, ch.len);
			cur += ch.len;
			buf_fini(&ch);
			edited = true;
		}
		if (edited && p->changed)
			p->changed(t, line.data ? line.data : "", p->arg);
	}
	curs_set(t->opts->a11y ? 1 : 0);
	t->prompt_line = NULL;
	buf_fini(&line);
	if (result && p->history && *result) {
		if (!p->history->n || strcmp(p->history->v[p->history->n - 1], result) != 0)
			strv_push(p->history, result);
	}
	return result;
}

bool tui_confirm(struct tui *t, const char *question)
{
	/* TRANSLATORS: the answer keys of a yes/no question; y and j both mean
	 * yes, any other key no */
	const char *keys = _("(y/n)");
	for (;;) {
		if (!t->too_small) {
			tui_draw_base(t);
			WINDOW *w = t->status_win;
			werase(w);
			/* a long question gives way, the answer keys always show */
			struct buf label;
			buf_init(&label);
			size_t kw = tui_text_cells(keys) + 2;
			size_t room = (size_t)t->cols > kw ? (size_t)t->cols - kw : 0;
			if (tui_text_cells(question) > room)
				tui_text_fit(&label, question, room, false, TUI_LEFT);
			else
				buf_puts(&label, question);
			buf_printf(&label, " %s ", keys);
			tui_put(t, w, 0, 0, label.data, t->cols, THEME_PROMPT, TUI_LEFT);
			buf_fini(&label);
			wnoutrefresh(w);
		}
		doupdate();
		int k = tui_get_key(t, -1);
		if (k == TKEY_NONE || k == TKEY_RESIZE)
			continue;
		return k == 'y' || k == 'Y' || k == 'j' || k == 'J';
	}
}

/* A bordered box centred in the body: h x w cells (clamped). */
static WINDOW *overlay_new(struct tui *t, int h, int w)
{
	if (h > t->body_rows)
		h = t->body_rows;
	if (w > t->cols)
		w = t->cols;
	return newwin(h, w, 1 + (t->body_rows - h) / 2, (t->cols - w) / 2);
}

static void overlay_frame(struct tui *t, WINDOW *w, const char *title)
{
	int h, wd;
	getmaxyx(w, h, wd);
	werase(w);
	wbkgdset(w, (chtype)tui_attr(t, THEME_OVERLAY));
	wattrset(w, tui_attr(t, THEME_BORDER));
	if (MB_CUR_MAX > 1) {
		/* Unicode lines rather than the terminal's alternate character set:
		 * they survive every terminal multiplexer and screen capture. */
		for (int x = 1; x < wd - 1; x++) {
			mvwaddstr(w, 0, x, "─");
			mvwaddstr(w, h - 1, x, "─");
		}
		for (int y = 1; y < h - 1; y++) {
			mvwaddstr(w, y, 0, "│");
			mvwaddstr(w, y, wd - 1, "│");
		}
		mvwaddstr(w, 0, 0, "┌");
		mvwaddstr(w, 0, wd - 1, "┐");
		mvwaddstr(w, h - 1, 0, "└");
		mvwaddstr(w, h - 1, wd - 1, "┘");
	} else {
		box(w, 0, 0);
	}
	wattrset(w, A_NORMAL);
	if (title && wd > 6) {
		char tt[256];
		snprintf(tt, sizeof tt, " %s ", title);
		int tw = (int)tui_text_cells(tt);
		if (tw > wd - 4)
			tw = wd - 4;
		tui_put(t, w, 0, 2, tt, tw, THEME_BORDER, TUI_LEFT);
	}
}

int tui_pick(struct tui *t, const char *title, const char *const *items, size_t n, size_t cur)
{
	if (n == 0)
		return -1;
	struct tui_list l = {.n = n, .cur = cur < n ? cur : 0, .top = 0};
	int result = -1;
	for (;;) {
		tui_draw_base(t);
		if (t->too_small) {
			doupdate();
		} else {
			int wmax = (int)tui_text_cells(title) + 6;
			for (size_t i = 0; i < n; i++) {
				int iw = (int)tui_text_cells(items[i]) + 8;
				if (iw > wmax)
					wmax = iw;
			}
			WINDOW *w = overlay_new(t, (int)n + 2, wmax);
			int h, wd;
			getmaxyx(w, h, wd);
			overlay_frame(t, w, title);
			tui_list_clamp(&l, h - 2);
			for (size_t i = l.top; i < n && (int)(i - l.top) < h - 2; i++) {
				int y = 1 + (int)(i - l.top);
				enum theme_role r = i == l.cur ? THEME_SELECTED : THEME_OVERLAY;
				char num[16];
				snprintf(num, sizeof num, i < 9 ? "%zu " : "  ", i + 1);
				tui_fill(t, w, y, 1, wd - 2, r);
				tui_put(t, w, y, 2, i == l.cur ? "▶" : " ", 1, r, TUI_LEFT);
				tui_put(t, w, y, 4, num, 2, r, TUI_LEFT);
				tui_put(t, w, y, 6, items[i], wd - 8, r, TUI_LEFT);
			}
			wnoutrefresh(w);
			doupdate();
			delwin(w);
		}
		int k = tui_get_key(t, -1);
		if (k == TKEY_NONE || k == TKEY_RESIZE)
			continue;
		if (t->too_small)
			continue;
		if (k >= '1' && k <= '9' && (size_t)(k - '1') < n) {
			result = k - '1';
			break;
		}
		enum action a = keymap_lookup(&t->keys, KEYCTX_PAGER, k);
		if (a == ACTION_ENTER) {
			result = (int)l.cur;
			break;
		}
		if (a == ACTION_BACK || a == ACTION_QUIT)
			break;
		tui_list_key(&l, a, t->body_rows - 2);
	}
	touchwin(t->body_win);
	return result;
}

void tui_pager(struct tui *t, const char *title, const char *text)
{
	struct strv text_lines;
	strv_init(&text_lines);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *l = xstrndup(p, len);
		/* Tabs would break the layout; the sanitizer would show them as placeholders. */
		for (char *c = l; *c; c++)
			if (*c == '\t')
				*c = ' ';
		strv_push(&text_lines, l);
		free(l);
		p += len + (nl ? 1 : 0);
	}
	size_t top = 0;
	for (;;) {
		tui_draw_base(t);
		int h = 0;
		if (t->too_small) {
			doupdate();
		} else {
			WINDOW *w = overlay_new(t, t->body_rows, t->cols);
			int wd;
			getmaxyx(w, h, wd);
			overlay_frame(t, w, title);
			int rows = h - 2;
			if (text_lines.n > (size_t)rows && top > text_lines.n - (size_t)rows)
				top = text_lines.n - (size_t)rows;
			if (text_lines.n <= (size_t)rows)
				top = 0;
			for (int i = 0; i < rows && top + (size_t)i < text_lines.n; i++)
				tui_put(t, w, 1 + i, 2, text_lines.v[top + (size_t)i], wd - 4, THEME_OVERLAY, TUI_LEFT);
			char pos[64];
			snprintf(pos, sizeof pos, _(" %zu-%zu/%zu  q close "), text_lines.n ? top + 1 : 0,
				 top + (size_t)rows < text_lines.n ? top + (size_t)rows : text_lines.n, text_lines.n);
			int pw = (int)tui_text_cells(pos);
			if (pw < wd - 4)
				tui_put(t, w, h - 1, wd - pw - 2, pos, pw, THEME_BORDER, TUI_LEFT);
			wnoutrefresh(w);
			doupdate();
			delwin(w);
		}
		int k = tui_get_key(t, -1);
		if (k == TKEY_NONE || k == TKEY_RESIZE || t->too_small)
			continue;
		enum action a = keymap_lookup(&t->keys, KEYCTX_PAGER, k);
		size_t page = h > 3 ? (size_t)h - 3 : 1;
		if (a == ACTION_BACK || a == ACTION_QUIT || a == ACTION_HELP || a == ACTION_ENTER)
			break;
		else if (a == ACTION_UP && top > 0)
			top--;
		else if (a == ACTION_DOWN)
			top++;
		else if (a == ACTION_PAGE_UP)
			top = top > page ? top - page : 0;
		else if (a == ACTION_PAGE_DOWN)
			top += page;
		else if (a == ACTION_HOME)
			top = 0;
		else if (a == ACTION_END)
			top = text_lines.n;
	}
	strv_fini(&text_lines);
	touchwin(t->body_win);
}

/* ---- help -------------------------------------------------------------- */

static void help_section(struct tui *t, struct buf *out, enum keyctx ctx, enum keyctx shadow)
{
	for (int a = 1; a < ACTION__COUNT; a++) {
		struct buf keys;
		buf_init(&keys);
		bool any = false;
		for (size_t i = 0; i < t->keys.n[ctx]; i++) {
			const struct binding *b = &t->keys.v[ctx][i];
			if ((int)b->action != a)
				continue;
			/* A global key that the view binds to something else does not work here. */
			if (shadow != ctx && keymap_lookup(&t->keys, shadow, b->key) != (enum action)a)
				continue;
			char kn[16];
			keyname_format(b->key, kn);
			if (any)
				buf_puts(&keys, ", ");
			buf_puts(&keys, kn);
			any = true;
		}
		if (any) {
			struct buf col;
			buf_init(&col);
			tui_text_fit(&col, keys.data, 16, true, TUI_LEFT);
			buf_printf(out, "  %s %-14s %s\n", col.data, action_name((enum action)a),
				   _(action_help((enum action)a)));
			buf_fini(&col);
		}
		buf_fini(&keys);
	}
}

void tui_help_show(struct tui *t)
{
	struct view *v = tui_top(t);
	enum keyctx ctx = v ? v->ops->context : KEYCTX_GLOBAL;
	struct buf out;
	buf_init(&out);
	if (ctx != KEYCTX_GLOBAL) {
		buf_printf(&out, _("%s (context %s)\n"), _(v->ops->title), keyctx_name(ctx));
		help_section(t, &out, ctx, ctx);
		buf_puts(&out, "\n");
	}
	buf_printf(&out, _("Everywhere (context global)\n"));
	help_section(t, &out, KEYCTX_GLOBAL, ctx);
	char *path = keymap_user_path();
	buf_printf(&out, _("\nPrompts: Enter accepts, Esc cancels, Up/Down history, Tab completes.\n"
			 "Keys are configurable in %s:\n  bind CONTEXT KEY ACTION   (docs/keys.md)\n"),
		   path);
	free(path);
	if (t->keys.warnings.n) {
		buf_puts(&out, _("\nProblems in the key file:\n"));
		for (size_t i = 0; i < t->keys.warnings.n; i++)
			buf_printf(&out, "  %s\n", t->keys.warnings.v[i]);
	}
	tui_pager(t, _("Help: keys"), out.data);
	buf_fini(&out);
}
