/* test_contrast.c - the shipped themes against WCAG 2.1 AA, and meaning that
 * never rests on colour alone.
 *
 * Every role of a theme file (read with the interface's own parser) is drawn
 * as foreground on background; its contrast ratio (WCAG 2.1, 1.4.3: at least
 * 4.5:1 for text) is computed from the colours the theme names, mapped to the
 * standard xterm palette. `default` is the terminal's own colour, unknown to
 * us: the check assumes white on black AND black on white and requires both.
 * `reverse`/`standout` swap the pair; `dim` is taken as the foreground blended
 * half-way into the background (how terminals render faint text, roughly).
 *
 * high-contrast and monochrome must pass for every role; default and light
 * are reported (they are not promised to be accessible themes).
 */
#include "../unit/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/theme.h"
#include "ozgtui/view.h"

struct rgb {
	double r, g, b;
};

/* The 16 ANSI colours as xterm draws them, then the 6x6x6 cube and the greys. */
static struct rgb palette(int n)
{
	static const int base[16][3] = {
		{0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
		{0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
		{92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	if (n < 16)
		return (struct rgb){base[n][0], base[n][1], base[n][2]};
	if (n < 232) {
		static const int level[6] = {0, 95, 135, 175, 215, 255};
		n -= 16;
		return (struct rgb){level[n / 36], level[(n / 6) % 6], level[n % 6]};
	}
	double v = 8 + (n - 232) * 10;
	return (struct rgb){v, v, v};
}

static double channel(double c)
{
	c /= 255.0;
	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(struct rgb c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double ratio(struct rgb a, struct rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The contrast of a style with the terminal's default colours dfg on dbg. */
static double style_contrast(const struct theme_style *st, struct rgb dfg, struct rgb dbg)
{
	struct rgb fg = st->fg < 0 ? dfg : palette(st->fg);
	struct rgb bg = st->bg < 0 ? dbg : palette(st->bg);
	if (st->attrs & (THEME_A_REVERSE | THEME_A_STANDOUT)) {
		struct rgb x = fg;
		fg = bg;
		bg = x;
	}
	if (st->attrs & THEME_A_DIM)
		fg = (struct rgb){(fg.r + bg.r) / 2, (fg.g + bg.g) / 2, (fg.b + bg.b) / 2};
	return ratio(fg, bg);
}

/* Returns how many roles of the theme file fall below 4.5:1, printing each. */
static size_t check_theme(const char *name, bool strict)
{
	char *path = xasprintf("%s/%s.theme", THEMES_DIR, name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	struct buf text;
	buf_init(&text);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&text, chunk, n);
	fclose(f);
	struct theme t;
	struct strv warnings;
	theme_init(&t);
	strv_init(&warnings);
	assert_int_equal(theme_parse(&t, path, text.data ? text.data : "", &warnings), STATUS_OK);
	static const struct {
		const char *what;
		struct rgb fg, bg;
	} terms[] = {
		{"white on black", {255, 255, 255}, {0, 0, 0}},
		{"black on white", {0, 0, 0}, {255, 255, 255}},
	};
	size_t bad = 0;
	for (size_t r = 0; r < THEME__COUNT; r++) {
		for (size_t k = 0; k < ARRAY_LEN(terms); k++) {
			double c = style_contrast(&t.role[r], terms[k].fg, terms[k].bg);
			if (c + 1e-9 < 4.5) {
				printf("%s %s: %-13s %.2f:1 on a terminal of %s (WCAG AA needs 4.5:1)\n",
				       strict ? "FAIL" : "note", name, theme_role_name((enum theme_role)r), c, terms[k].what);
				bad++;
			}
		}
	}
	strv_fini(&warnings);
	theme_fini(&t);
	buf_fini(&text);
	free(path);
	return bad;
}

static void test_palette_and_formula(void **state)
{
	(void)state;
	/* the WCAG extremes and a known pair: #777 on white is 4.48:1 */
	assert_true(fabs(ratio((struct rgb){0, 0, 0}, (struct rgb){255, 255, 255}) - 21.0) < 0.01);
	assert_true(fabs(ratio((struct rgb){119, 119, 119}, (struct rgb){255, 255, 255}) - 4.48) < 0.01);
	struct rgb c = palette(196);   /* the cube's pure red */
	assert_true(c.r == 255 && c.g == 0 && c.b == 0);
	c = palette(244);
	assert_true(c.r == 128 && c.g == 128);
	/* the check can fail: a dim default pair is below AA on white */
	struct theme_style dim = {.fg = -1, .bg = -1, .attrs = THEME_A_DIM};
	assert_true(style_contrast(&dim, (struct rgb){0, 0, 0}, (struct rgb){255, 255, 255}) < 4.5);
	struct theme_style yellow_on_white = {.fg = 11, .bg = 15, .attrs = 0};
	assert_true(style_contrast(&yellow_on_white, (struct rgb){0, 0, 0}, (struct rgb){0, 0, 0}) < 4.5);
}

static void test_high_contrast(void **state)
{
	(void)state;
	assert_int_equal(check_theme("high-contrast", true), 0);
}

static void test_monochrome(void **state)
{
	(void)state;
	assert_int_equal(check_theme("monochrome", true), 0);
}

static void test_others_reported(void **state)
{
	(void)state;
	check_theme("default", false);
	check_theme("light", false);
}

/* Meaning never rests on colour alone: verdicts carry a symbol and a word. */
static void test_symbols_besides_colour(void **state)
{
	(void)state;
	const char *yes = tui_verdict_word(true), *no = tui_verdict_word(false);
	assert_true(strncmp(yes, "✓ ", strlen("✓ ")) == 0 && strlen(yes) > strlen("✓ "));
	assert_true(strncmp(no, "✗ ", strlen("✗ ")) == 0 && strlen(no) > strlen("✗ "));
	assert_string_not_equal(yes, no);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_palette_and_formula),
		cmocka_unit_test(test_high_contrast),
		cmocka_unit_test(test_monochrome),
		cmocka_unit_test(test_others_reported),
		cmocka_unit_test(test_symbols_besides_colour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
