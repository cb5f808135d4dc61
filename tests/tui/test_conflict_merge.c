/* test_conflict_merge.c - "apply mine on top of theirs" of the conflict screen:
 * tui_conflict_merge() re-applies exactly what base -> mine changed to theirs,
 * field by field, and for sets item by item; what only they changed stays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ozgtui/view.h"

static struct uuid org(const char *name)
{
	struct uuid u;
	uuid_from_name(&u, name);
	return u;
}

static void set_title(struct project *p, const char *s)
{
	free(p->title);
	p->title = s ? xstrdup(s) : NULL;
}

static void set_notes(struct project *p, const char *s)
{
	free(p->notes);
	p->notes = s ? xstrdup(s) : NULL;
}

/* A base project and copies for mine and theirs. */
struct trio {
	struct project base, mine, theirs, out;
};

static void trio_init(struct trio *t)
{
	project_init(&t->base);
	project_init(&t->mine);
	project_init(&t->theirs);
	project_init(&t->out);
	uuid_from_name(&t->base.id, "project");
	t->base.number = 7;
	set_title(&t->base, "Wohngeld digital");
	t->base.field = 3;
	t->base.priority = 2;
	set_notes(&t->base, "Notiz");
	t->base.version = 4;
	project_add_service(&t->base, 100);
	project_add_service(&t->base, 101);
	struct uuid a = org("A"), b = org("B");
	project_set_member(&t->base, &a, ROLE_LEAD);
	project_set_member(&t->base, &b, ROLE_MEMBER);
	strv_push(&t->base.components, "ePayBL");
	strv_push(&t->base.components, "Servicekonto.NRW");
	project_date(&t->base, 2, true)->planned = 1000;
	project_copy(&t->mine, &t->base);
	project_copy(&t->theirs, &t->base);
	t->theirs.version = 5;
}

static void trio_fini(struct trio *t)
{
	project_fini(&t->base);
	project_fini(&t->mine);
	project_fini(&t->theirs);
	project_fini(&t->out);
}

static void merge(struct trio *t)
{
	tui_conflict_merge(&t->out, &t->base, &t->mine, &t->theirs);
}

/* Scalar fields: who changed what, and what the merge must hold. */
static void test_scalars(void **state)
{
	(void)state;
	static const struct {
		const char *mine_title, *their_title;   /* NULL = unchanged */
		int mine_prio, their_prio;              /* -1 = unchanged */
		const char *mine_notes, *their_notes;
		const char *want_title;
		int want_prio;
		const char *want_notes;
	} cases[] = {
		/* mine the title, theirs the priority: both survive */
		{"Mein Titel", NULL, -1, 5, NULL, NULL, "Mein Titel", 5, "Notiz"},
		/* both the title: mine wins (the user chose to apply mine) */
		{"Mein Titel", "Ihr Titel", -1, -1, NULL, NULL, "Mein Titel", 2, "Notiz"},
		/* only theirs changed: theirs stays everywhere */
		{NULL, "Ihr Titel", -1, 1, NULL, "Ihre Notiz", "Ihr Titel", 1, "Ihre Notiz"},
		/* mine clears the priority and rewrites the notes, theirs the title */
		{NULL, "Ihr Titel", 0, -1, "Meine Notiz\nzweite Zeile", NULL, "Ihr Titel", 0, "Meine Notiz\nzweite Zeile"},
		/* both the notes: mine */
		{NULL, NULL, -1, -1, "Meine", "Ihre", "Wohngeld digital", 2, "Meine"},
		/* nothing mine: the merge is theirs */
		{NULL, NULL, -1, 3, NULL, NULL, "Wohngeld digital", 3, "Notiz"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct trio t;
		trio_init(&t);
		if (cases[i].mine_title)
			set_title(&t.mine, cases[i].mine_title);
		if (cases[i].their_title)
			set_title(&t.theirs, cases[i].their_title);
		if (cases[i].mine_prio >= 0)
			t.mine.priority = (uint8_t)cases[i].mine_prio;
		if (cases[i].their_prio >= 0)
			t.theirs.priority = (uint8_t)cases[i].their_prio;
		if (cases[i].mine_notes)
			set_notes(&t.mine, cases[i].mine_notes);
		if (cases[i].their_notes)
			set_notes(&t.theirs, cases[i].their_notes);
		merge(&t);
		assert_string_equal(t.out.title, cases[i].want_title);
		assert_int_equal(t.out.priority, cases[i].want_prio);
		assert_string_equal(t.out.notes, cases[i].want_notes);
		/* identity and version are theirs: the save expects their version */
		assert_int_equal(t.out.version, 5);
		assert_int_equal(t.out.number, 7);
		trio_fini(&t);
	}
}

static void test_services_item_by_item(void **state)
{
	(void)state;
	struct trio t;
	trio_init(&t);
	/* mine: - 100, + 102; theirs: + 103 */
	t.mine.n_services = 0;
	project_add_service(&t.mine, 101);
	project_add_service(&t.mine, 102);
	project_add_service(&t.theirs, 103);
	merge(&t);
	assert_false(project_has_service(&t.out, 100));
	assert_true(project_has_service(&t.out, 101));
	assert_true(project_has_service(&t.out, 102));
	assert_true(project_has_service(&t.out, 103));
	assert_int_equal(t.out.n_services, 3);
	trio_fini(&t);
}

static void test_team_item_by_item(void **state)
{
	(void)state;
	struct trio t;
	trio_init(&t);
	struct uuid a = org("A"), b = org("B"), c = org("C"), d = org("D");
	/* mine: A leaves, B becomes advisor, C joins; theirs: D joins, B stays member */
	project_remove_member(&t.mine, &a);
	project_set_member(&t.mine, &b, ROLE_ADVISOR);
	project_set_member(&t.mine, &c, ROLE_MEMBER);
	project_set_member(&t.theirs, &d, ROLE_MEMBER);
	merge(&t);
	assert_null(project_member(&t.out, &a));
	assert_non_null(project_member(&t.out, &b));
	assert_int_equal(project_member(&t.out, &b)->role, ROLE_ADVISOR);
	assert_non_null(project_member(&t.out, &c));
	assert_non_null(project_member(&t.out, &d));
	assert_int_equal(t.out.n_team, 3);
	trio_fini(&t);
}

static void test_team_their_removal_kept(void **state)
{
	(void)state;
	struct trio t;
	trio_init(&t);
	struct uuid a = org("A"), b = org("B");
	/* theirs removed B; mine only changed A's role: B stays removed */
	project_remove_member(&t.theirs, &b);
	project_set_member(&t.mine, &a, ROLE_ADVISOR);
	merge(&t);
	assert_null(project_member(&t.out, &b));
	assert_int_equal(project_member(&t.out, &a)->role, ROLE_ADVISOR);
	trio_fini(&t);
}

static void test_lists_and_dates(void **state)
{
	(void)state;
	struct trio t;
	trio_init(&t);
	/* components: mine - ePayBL + OZG-Hub; theirs + Bezahldienst */
	strv_remove(&t.mine.components, "ePayBL");
	strv_push(&t.mine.components, "OZG-Hub");
	strv_push(&t.theirs.components, "Bezahldienst");
	/* dates: mine plans phase 3, theirs moves the plan of phase 2; mine clears nothing */
	project_date(&t.mine, 3, true)->planned = 2000;
	project_date(&t.theirs, 2, true)->planned = 1500;
	merge(&t);
	assert_false(strv_contains(&t.out.components, "ePayBL"));
	assert_true(strv_contains(&t.out.components, "Servicekonto.NRW"));
	assert_true(strv_contains(&t.out.components, "OZG-Hub"));
	assert_true(strv_contains(&t.out.components, "Bezahldienst"));
	assert_int_equal(t.out.components.n, 3);
	assert_int_equal(project_date_const(&t.out, 3)->planned, 2000);
	assert_int_equal(project_date_const(&t.out, 2)->planned, 1500);
	trio_fini(&t);

	/* mine clears a planned date theirs kept */
	trio_init(&t);
	project_date(&t.mine, 2, false)->planned = 0;
	merge(&t);
	assert_int_equal(project_date_const(&t.out, 2)->planned, 0);
	trio_fini(&t);
}

static void test_merge_replaces_out(void **state)
{
	(void)state;
	struct trio t;
	trio_init(&t);
	set_title(&t.out, "stale");
	project_add_service(&t.out, 999);
	merge(&t);
	assert_false(project_has_service(&t.out, 999));
	assert_string_equal(t.out.title, "Wohngeld digital");
	trio_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_services_item_by_item),
		cmocka_unit_test(test_team_item_by_item),
		cmocka_unit_test(test_team_their_removal_kept),
		cmocka_unit_test(test_lists_and_dates),
		cmocka_unit_test(test_merge_replaces_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
