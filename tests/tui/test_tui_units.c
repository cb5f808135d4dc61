/* test_tui_units.c - the TUI's pure parts: key names and key files, theme
 * files, fitting text into cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ozgtui/keymap.h"
#include "ozgtui/theme.h"
#include "ozgtui/tui_rows.h"
#include "ozgtui/tui_text.h"

/* ---- keys ---- */

static void test_keyname_roundtrip(void **state)
{
	(void)state;
	static const char *const names[] = {"a", "Q", "?", "^R", "Enter", "Esc", "Tab", "BackTab", "Space",
					    "Up", "PgDn", "F1", "F12", "ä", "/"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		int k = -1;
		assert_true(keyname_parse(names[i], &k));
		char out[16];
		keyname_format(k, out);
		assert_string_equal(out, names[i]);
	}
	int k;
	assert_true(keyname_parse("C-r", &k));
	assert_int_equal(k, TKEY_CTRL('R'));
	assert_false(keyname_parse("", &k));
	assert_false(keyname_parse("F13", &k));
	assert_false(keyname_parse("ab", &k));
	assert_false(keyname_parse("^1", &k));
}

static void test_action_names(void **state)
{
	(void)state;
	enum action a;
	assert_true(action_parse("move-next", &a));
	assert_int_equal(a, ACTION_MOVE_NEXT);
	assert_string_equal(action_name(ACTION_SORT_REVERSE), "sort-reverse");
	assert_false(action_parse("move_next", &a));
	/* every action has a name and a help line */
	for (int i = 1; i < ACTION__COUNT; i++) {
		assert_true(strlen(action_name((enum action)i)) > 0);
		assert_true(strlen(action_help((enum action)i)) > 0);
		assert_true(action_parse(action_name((enum action)i), &a));
		assert_int_equal(a, i);
	}
}

static void test_defaults(void **state)
{
	(void)state;
	struct keymap k;
	keymap_init(&k);
	keymap_load_defaults(&k);
	assert_int_equal(k.warnings.n, 0);
	assert_int_equal(keymap_lookup(&k, KEYCTX_PROJECTS, 'L'), ACTION_MOVE_NEXT);
	assert_int_equal(keymap_lookup(&k, KEYCTX_PROJECTS, 'Q'), ACTION_QUIT);   /* falls back to global */
	assert_int_equal(keymap_lookup(&k, KEYCTX_DASHBOARD, 'L'), ACTION_NONE);
	assert_int_equal(keymap_lookup(&k, KEYCTX_GLOBAL, TKEY_CTRL('R')), ACTION_REDO);
	assert_int_equal(keymap_lookup(&k, KEYCTX_GLOBAL, '\n'), ACTION_ENTER);
	keymap_fini(&k);
}

static void test_user_file(void **state)
{
	(void)state;
	struct keymap k;
	keymap_init(&k);
	keymap_load_defaults(&k);
	const char *text = "# my keys\n"
			   "bind projects x mark\n"
			   "\n"
			   "bind projects x sort\n"          /* conflict with line 2 */
			   "bind global Q none\n"            /* unbinds */
			   "bind projects y frobnicate\n"    /* bad action */
			   "bind nowhere y mark\n"           /* bad context */
			   "bind projects Hyper-x mark\n"    /* bad key */
			   "unbind projects x\n"             /* bad command */
			   "bind projects z\n"               /* too few words */
			   "bind global L move-next   # trailing comment\n";
	assert_int_equal(keymap_parse(&k, "keys", text), STATUS_DATA);
	assert_int_equal(keymap_lookup(&k, KEYCTX_PROJECTS, 'x'), ACTION_SORT);
	assert_int_equal(keymap_lookup(&k, KEYCTX_GLOBAL, 'Q'), ACTION_NONE);
	assert_int_equal(keymap_lookup(&k, KEYCTX_DASHBOARD, 'L'), ACTION_MOVE_NEXT);
	assert_int_equal(k.warnings.n, 6);
	assert_non_null(strstr(k.warnings.v[0], "keys:4:"));
	assert_non_null(strstr(k.warnings.v[0], "already bound to mark (line 2)"));
	assert_non_null(strstr(k.warnings.v[1], "keys:6: unknown action 'frobnicate'"));
	assert_non_null(strstr(k.warnings.v[2], "keys:7: unknown context 'nowhere'"));
	assert_non_null(strstr(k.warnings.v[3], "keys:8: unknown key 'Hyper-x'"));
	assert_non_null(strstr(k.warnings.v[4], "keys:9:"));
	assert_non_null(strstr(k.warnings.v[5], "keys:10:"));
	/* rebinding a default key is no conflict */
	struct keymap k2;
	keymap_init(&k2);
	keymap_load_defaults(&k2);
	assert_int_equal(keymap_parse(&k2, "keys", "bind global q quit\n"), STATUS_OK);
	assert_int_equal(k2.warnings.n, 0);
	assert_int_equal(keymap_lookup(&k2, KEYCTX_GLOBAL, 'q'), ACTION_QUIT);
	keymap_fini(&k2);
	keymap_fini(&k);
}

static void test_keys_for(void **state)
{
	(void)state;
	struct keymap k;
	keymap_init(&k);
	keymap_load_defaults(&k);
	struct buf b;
	buf_init(&b);
	assert_true(keymap_keys_for(&k, KEYCTX_GLOBAL, ACTION_UP, &b));
	assert_string_equal(b.data, "Up, k");
	buf_reset(&b);
	assert_false(keymap_keys_for(&k, KEYCTX_DASHBOARD, ACTION_SORT, &b));
	buf_fini(&b);
	keymap_fini(&k);
}

/* ---- themes ---- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	struct buf b;
	buf_init(&b);
	char chunk[1024];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

static void test_theme_default_file_matches(void **state)
{
	(void)state;
	struct theme compiled, file;
	theme_init(&compiled);
	theme_init(&file);
	/* start the file from nothing so every role must come from it */
	memset(file.role, 0x55, sizeof file.role);
	struct strv w;
	strv_init(&w);
	char *text = slurp(THEMES_DIR "/default.theme");
	assert_int_equal(theme_parse(&file, "default.theme", text, &w), STATUS_OK);
	assert_int_equal(w.n, 0);
	for (int i = 0; i < THEME__COUNT; i++) {
		assert_int_equal(file.role[i].fg, compiled.role[i].fg);
		assert_int_equal(file.role[i].bg, compiled.role[i].bg);
		assert_int_equal(file.role[i].attrs, compiled.role[i].attrs);
	}
	free(text);
	strv_fini(&w);
	theme_fini(&compiled);
	theme_fini(&file);
}

static void test_theme_shipped_files_parse(void **state)
{
	(void)state;
	static const char *const names[] = {"default", "light", "monochrome", "high-contrast"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		struct theme t;
		theme_init(&t);
		struct strv w;
		strv_init(&w);
		char *path = xasprintf("%s/%s.theme", THEMES_DIR, names[i]);
		assert_int_equal(theme_load(&t, path, &w), STATUS_OK);
		assert_int_equal(w.n, 0);
		assert_string_equal(t.name, strrchr(path, '/') + 1);
		/* every role set explicitly: a theme file names every role */
		char *text = slurp(path);
		for (int r = 0; r < THEME__COUNT; r++) {
			char *needle = xasprintf("\n%s ", theme_role_name((enum theme_role)r));
			char *with_nl = xasprintf("\n%s", text);
			assert_non_null(strstr(with_nl, needle));
			free(needle);
			free(with_nl);
		}
		if (strcmp(names[i], "monochrome") == 0)
			for (int r = 0; r < THEME__COUNT; r++)
				assert_true(t.role[r].fg == -1 && t.role[r].bg == -1);
		free(text);
		free(path);
		strv_fini(&w);
		theme_fini(&t);
	}
}

static void test_theme_errors(void **state)
{
	(void)state;
	struct theme t;
	theme_init(&t);
	struct strv w;
	strv_init(&w);
	const char *text = "titel = white blue\n"
			   "title = white\n"
			   "title = purple blue\n"
			   "title = white blue blink\n"
			   "title white blue\n"
			   "selected = 256 default\n"
			   "status_error = bright-white 52 bold underline\n";
	assert_int_equal(theme_parse(&t, "x.theme", text, &w), STATUS_DATA);
	assert_int_equal(w.n, 6);
	assert_string_equal(w.v[0], "x.theme:1: unknown role 'titel'");
	assert_non_null(strstr(w.v[1], "x.theme:2: expected 'fg bg"));
	assert_non_null(strstr(w.v[2], "x.theme:3: unknown foreground colour"));
	assert_non_null(strstr(w.v[3], "x.theme:4: unknown attribute"));
	assert_non_null(strstr(w.v[4], "x.theme:5: expected 'role = fg bg"));
	assert_non_null(strstr(w.v[5], "x.theme:6: unknown foreground"));
	assert_int_equal(t.role[THEME_STATUS_ERROR].fg, 15);
	assert_int_equal(t.role[THEME_STATUS_ERROR].bg, 52);
	assert_int_equal(t.role[THEME_STATUS_ERROR].attrs, THEME_A_BOLD | THEME_A_UNDERLINE);
	strv_fini(&w);
	strv_init(&w);
	assert_int_equal(theme_load(&t, "no-such-theme", &w), STATUS_NOT_FOUND);
	assert_int_equal(theme_load(&t, "../etc", &w), STATUS_NOT_FOUND);
	assert_int_equal(theme_load(&t, "bad name", &w), STATUS_USAGE);
	assert_int_equal(theme_load(&t, "default", &w), STATUS_OK);
	strv_fini(&w);
	theme_fini(&t);
}

/* ---- text ---- */

static void test_fit(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t cells;
		bool pad;
		enum tui_align align;
		const char *out;
	} cases[] = {
		{"Düsseldorf", 12, true, TUI_LEFT, "Düsseldorf  "},
		{"Düsseldorf", 10, true, TUI_LEFT, "Düsseldorf"},
		{"Düsseldorf", 6, true, TUI_LEFT, "Düsse…"},
		{"Straße", 5, false, TUI_LEFT, "Stra…"},
		{"42", 5, true, TUI_RIGHT, "   42"},
		{"日本語テキスト", 6, true, TUI_LEFT, "日本 …"},   /* a wide char never cut: gap + … */
		{"日本語テキスト", 7, true, TUI_LEFT, "日本語…"},
		{"日本", 4, true, TUI_LEFT, "日本"},
		{"e\xcc\x81t\xc3\xa9", 4, true, TUI_LEFT, "e\xcc\x81t\xc3\xa9 "},   /* combining mark: 1 cell */
		{"abc", 0, true, TUI_LEFT, ""},
		{"abc", 1, true, TUI_LEFT, "…"},
		{NULL, 3, true, TUI_LEFT, "   "},
		{"", 2, false, TUI_LEFT, ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct buf b;
		buf_init(&b);
		size_t used = tui_text_fit(&b, cases[i].in, cases[i].cells, cases[i].pad, cases[i].align);
		assert_string_equal(b.data ? b.data : "", cases[i].out);
		if (cases[i].pad)
			assert_int_equal(used, cases[i].cells);
		buf_fini(&b);
	}
}

static void test_fit_sanitizes(void **state)
{
	(void)state;
	/* an escape sequence from the database never reaches the terminal */
	struct buf b;
	buf_init(&b);
	tui_text_fit(&b, "evil\x1b[2Jtitle\x07", 40, false, TUI_LEFT);
	assert_null(strchr(b.data, '\x1b'));
	assert_null(strchr(b.data, '\x07'));
	assert_non_null(strstr(b.data, "evil"));
	buf_reset(&b);
	tui_text_fit(&b, "bad \xff\xfe utf8", 40, false, TUI_LEFT);
	assert_true(text_valid_utf8(b.data, b.len));
	buf_reset(&b);
	/* the result never exceeds its cells, whatever the input */
	tui_text_fit(&b, "a\tb\nc\rd\x7f" "e\xe2\x80\xae" "f", 8, true, TUI_LEFT);
	assert_true(text_valid_utf8(b.data, b.len));
	assert_null(strchr(b.data, '\n'));
	assert_int_equal(tui_text_cells(b.data), 8);
	buf_fini(&b);
}

/* ---- docs stay in step with the tables ---- */

static void test_docs_name_everything(void **state)
{
	(void)state;
	char *keys = slurp(DOCS_DIR "/keys.md");
	for (int i = 1; i < ACTION__COUNT; i++) {
		char *needle = xasprintf("`%s`", action_name((enum action)i));
		if (!strstr(keys, needle))
			fail_msg("docs/keys.md does not describe the action %s", needle);
		free(needle);
	}
	for (int i = 0; i < KEYCTX__COUNT; i++) {
		char *needle = xasprintf("`%s`", keyctx_name((enum keyctx)i));
		if (!strstr(keys, needle))
			fail_msg("docs/keys.md does not describe the context %s", needle);
		free(needle);
	}
	char *themes = slurp(DOCS_DIR "/themes.md");
	for (int i = 0; i < THEME__COUNT; i++) {
		char *needle = xasprintf("`%s`", theme_role_name((enum theme_role)i));
		if (!strstr(themes, needle))
			fail_msg("docs/themes.md does not describe the role %s", needle);
		free(needle);
	}
	free(keys);
	free(themes);
}

/* The search in steps of both list views (tui_find_step, src/tui/rows.c). */
struct find_rows {
	const char *const *v;
	const struct tui_find *f;
	size_t looked;
};

static bool find_rows_match(void *arg, size_t i)
{
	struct find_rows *r = arg;
	r->looked++;
	return strstr(r->v[i], r->f->needle) != NULL;
}

static void test_find_steps(void **state)
{
	(void)state;
	static const char *const rows[] = {"a", "b", "c x", "d", "e x"};
	struct tui_find f = {0};
	struct find_rows r = {rows, &f, 0};
	size_t at = 99;
	bool wrapped = true;
	/* from the start, the first match */
	tui_find_begin(&f, "X", 0, 1, true);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_FOUND);
	assert_int_equal(at, 2);
	assert_false(wrapped);
	assert_false(f.on);
	/* n: from the row after; round the end to the first */
	tui_find_begin_next(&f, "x", 2, 1);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_FOUND);
	assert_int_equal(at, 4);
	assert_false(wrapped);
	tui_find_begin_next(&f, "x", 4, 1);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_FOUND);
	assert_int_equal(at, 2);
	assert_true(wrapped);
	/* N: backwards from the row before, round the start to the last */
	tui_find_begin_next(&f, "x", 2, -1);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_FOUND);
	assert_int_equal(at, 4);
	assert_true(wrapped);
	/* the only match is the row at start: n comes round to it, last */
	static const char *const one[] = {"a", "x", "b"};
	struct find_rows r1 = {one, &f, 0};
	tui_find_begin_next(&f, "x", 1, 1);
	assert_int_equal(tui_find_step(&f, 3, true, find_rows_match, &r1, INT64_MAX, &at, &wrapped), TUI_FIND_FOUND);
	assert_int_equal(at, 1);
	assert_true(wrapped);
	assert_int_equal(r1.looked, 3);
	/* nothing matches: every row once, then none */
	r.looked = 0;
	tui_find_begin(&f, "zz", 3, 1, false);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_NONE);
	assert_int_equal(r.looked, 5);
	assert_false(f.on);
	/* rows still being read: it waits at the end of what is known, then goes on */
	tui_find_begin(&f, "e", 0, 1, true);
	assert_int_equal(tui_find_step(&f, 2, false, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_MORE);
	assert_true(f.on);
	assert_int_equal(f.examined, 2);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_FOUND);
	assert_int_equal(at, 4);
	/* the rows shrank under the start: none */
	tui_find_begin(&f, "x", 10, 1, true);
	assert_int_equal(tui_find_step(&f, 5, true, find_rows_match, &r, INT64_MAX, &at, &wrapped), TUI_FIND_NONE);
	/* past the deadline: 16 rows a look at the clock, then more */
	static const char *many[40];
	for (size_t i = 0; i < 40; i++)
		many[i] = "row";
	struct find_rows rm = {many, &f, 0};
	tui_find_begin(&f, "zz", 0, 1, true);
	assert_int_equal(tui_find_step(&f, 40, true, find_rows_match, &rm, 0, &at, &wrapped), TUI_FIND_MORE);
	assert_int_equal(rm.looked, 16);
	tui_find_restart(&f, 7);   /* a reload: on from the cursor, every row again */
	assert_int_equal(f.examined, 0);
	assert_int_equal(tui_find_step(&f, 40, true, find_rows_match, &rm, INT64_MAX, &at, &wrapped), TUI_FIND_NONE);
	assert_int_equal(rm.looked, 56);
	/* keys that act on where the search lands, and keys that leave it */
	assert_true(tui_find_acts_on_selection(ACTION_ENTER));
	assert_true(tui_find_acts_on_selection(ACTION_DOWN));
	assert_false(tui_find_acts_on_selection(ACTION_SEARCH));
	assert_false(tui_find_acts_on_selection(ACTION_BACK));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keyname_roundtrip),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_user_file),
		cmocka_unit_test(test_keys_for),
		cmocka_unit_test(test_theme_default_file_matches),
		cmocka_unit_test(test_theme_shipped_files_parse),
		cmocka_unit_test(test_theme_errors),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_sanitizes),
		cmocka_unit_test(test_docs_name_everything),
		cmocka_unit_test(test_find_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
