/* test_config.c - the config file parser: values, every bad line with FILE:LINE,
 * paths, and the [new-database] policies applied to a new database's settings. */
#include "../unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/config.h"
#include "ozgtui/refdata.h"

static void test_values(void **state)
{
	(void)state;
	struct config c;
	struct strv w;
	config_init(&c);
	strv_init(&w);
	setenv("HOME", "/home/anna", 1);
	const char *text = "# comment\n"
			   "; also a comment\n"
			   "database = ~/ozg/db   # inline\n"
			   "theme = high-contrast\n"
			   "color = never\n"
			   "mouse = yes\n"
			   "a11y = On\n"
			   "keys = my-keys\n"
			   "language = de_DE.UTF-8\n"
			   "\n"
			   "[new-database]\n"
			   "phases = kdn\n"
			   "rep-policy = all\n"
			   "gate-scope = off\n"
			   "gate_team = umsetzung\n";
	assert_int_equal(config_parse(&c, "/etc/x/config", text, &w), STATUS_OK);
	assert_int_equal(w.n, 0);
	assert_string_equal(c.database.value, "/home/anna/ozg/db");
	assert_int_equal(c.database.line, 3);
	assert_string_equal(c.theme.value, "high-contrast");
	assert_int_equal(c.color, -1);
	assert_true(c.mouse);
	assert_true(c.a11y);
	assert_string_equal(c.keys.value, "/etc/x/my-keys");   /* relative to the file */
	assert_string_equal(c.language.value, "de");
	assert_int_equal(c.phases, PHASES_KDN);
	assert_int_equal(c.rep_policy, REP_ALL);
	assert_string_equal(c.gate_scope.value, "off");
	assert_string_equal(c.gate_team.value, "umsetzung");
	assert_int_equal(c.gate_team.line, 15);
	strv_fini(&w);
	config_fini(&c);
}

static void test_defaults_when_empty(void **state)
{
	(void)state;
	struct config c;
	struct strv w;
	config_init(&c);
	strv_init(&w);
	assert_int_equal(config_parse(&c, "config", "", &w), STATUS_OK);
	assert_null(c.database.value);
	assert_int_equal(c.color, 0);
	assert_false(c.mouse);
	assert_false(c.a11y);
	assert_int_equal(c.phases, -1);
	assert_int_equal(c.rep_policy, -1);
	strv_fini(&w);
	config_fini(&c);
}

/* Every bad line is reported with its line number, and the good lines still apply. */
static void test_every_problem_has_its_line(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		const char *want;   /* part of the message */
	} t[] = {
		{"color = sometimes", "color: expected auto, always or never"},
		{"mouse = maybe", "mouse: expected true or false"},
		{"titel = x", "unknown key 'titel'"},
		{"no equals sign here", "expected 'key = value'"},
		{"[broken", "expected '[section]'"},
		{"language = fr", "language: expected de or en"},
		{"database =", "database: expected a directory"},
		{"[elsewhere]", "unknown section [elsewhere]"},
	};
	struct buf text;
	buf_init(&text);
	buf_puts(&text, "theme = good\n");
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		buf_printf(&text, "%s\n", t[i].line);
	buf_puts(&text, "color = always\n");   /* in the unknown section: ignored */
	struct config c;
	struct strv w;
	config_init(&c);
	strv_init(&w);
	assert_int_equal(config_parse(&c, "cfg", text.data, &w), STATUS_DATA);
	assert_int_equal(w.n, ARRAY_LEN(t));
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "cfg:%zu: ", i + 2);
		if (strncmp(w.v[i], prefix, strlen(prefix)) != 0 || !strstr(w.v[i], t[i].want))
			fail_msg("problem %zu: want '%s...%s', got '%s'", i, prefix, t[i].want, w.v[i]);
	}
	/* the good line applied; keys of the unknown section are ignored */
	assert_string_equal(c.theme.value, "good");
	assert_int_equal(c.color, 0);
	strv_fini(&w);
	config_fini(&c);
	buf_fini(&text);
}

static void test_duplicate_and_long_lines(void **state)
{
	(void)state;
	struct buf text;
	buf_init(&text);
	buf_puts(&text, "theme = a\ntheme = b\ndatabase = /");
	for (int i = 0; i < 300; i++)
		buf_putc(&text, 'x');
	buf_puts(&text, "\ncolor = always\n");
	struct config c;
	struct strv w;
	config_init(&c);
	strv_init(&w);
	assert_int_equal(config_parse(&c, "cfg", text.data, &w), STATUS_DATA);
	assert_int_equal(w.n, 2);
	assert_non_null(strstr(w.v[0], "cfg:2: 'theme' is already set on line 1"));
	assert_non_null(strstr(w.v[1], "cfg:3: line too long"));
	assert_string_equal(c.theme.value, "b");   /* the later line wins */
	assert_int_equal(c.color, 1);            /* the line after the long one counts */
	assert_null(c.database.value);
	strv_fini(&w);
	config_fini(&c);
	buf_fini(&text);
}

static void test_load_missing(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/none", dir);
	struct config c;
	struct strv w;
	config_init(&c);
	strv_init(&w);
	/* the default file may be missing; a file named with --config may not */
	assert_int_equal(config_load(&c, path, false, &w), STATUS_OK);
	assert_null(c.path);
	assert_int_equal(config_load(&c, path, true, &w), STATUS_NOT_FOUND);
	assert_int_equal(w.n, 1);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("\xEF\xBB\xBF" "a11y = true\n", f);
	fclose(f);
	assert_int_equal(config_load(&c, path, true, &w), STATUS_OK);
	assert_true(c.a11y);
	assert_string_equal(c.path, path);
	strv_fini(&w);
	config_fini(&c);
	free(path);
	test_rmtree(dir);
	free(dir);
}

static void test_new_database_policies(void **state)
{
	(void)state;
	struct phase_list l;
	phase_list_init(&l);
	phase_list_default(&l);
	struct config c;
	struct strv w;
	config_init(&c);
	strv_init(&w);
	assert_int_equal(config_parse(&c, "cfg",
				      "[new-database]\nrep-policy = all\ngate-scope = entsch\ngate-team = off\n", &w),
			 STATUS_OK);
	struct settings s;
	settings_init(&s);
	s.gate_scope_phase = 2;
	s.gate_team_phase = 5;
	assert_int_equal(config_apply_new_database(&c, &l, &s), STATUS_OK);
	uint8_t entsch;
	assert_int_equal(phase_list_find(&l, "Entscheidung", &entsch), STATUS_OK);
	assert_int_equal(s.rep_policy, REP_ALL);
	assert_int_equal(s.gate_scope_phase, entsch);
	assert_int_equal(s.gate_team_phase, 0);
	config_fini(&c);

	/* a phase the preset lacks, or one outside the line, names the line */
	static const char *const bad[] = {"gate-team = nirgendwo", "gate-team = pausiert"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		config_init(&c);
		char *text = xasprintf("[new-database]\n\n%s\n", bad[i]);
		assert_int_equal(config_parse(&c, "cfg", text, &w), STATUS_OK);
		assert_int_equal(config_apply_new_database(&c, &l, &s), STATUS_DATA);
		assert_non_null(strstr(status_detail(), "cfg:3: gate-team: "));
		free(text);
		config_fini(&c);
	}
	settings_fini(&s);
	strv_fini(&w);
	phase_list_fini(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_defaults_when_empty),
		cmocka_unit_test(test_every_problem_has_its_line),
		cmocka_unit_test(test_duplicate_and_long_lines),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_new_database_policies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
