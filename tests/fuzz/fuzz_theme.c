/* fuzz_theme.c - theme files (src/tui/theme.c, docs/themes.md): theme_parse
 * over the default theme, and theme_style_parse on each line. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "ozgtui/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct theme t;
	struct strv warnings;
	theme_init(&t);
	strv_init(&warnings);
	(void)theme_parse(&t, "fuzz.theme", text, &warnings);
	for (int i = 0; i < THEME__COUNT; i++) {
		const struct theme_style *st = &t.role[i];
		if (st->fg < -1 || st->fg > 255 || st->bg < -1 || st->bg > 255)
			abort();   /* a colour curses cannot take */
	}
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		struct theme_style st;
		const char *why = NULL;
		enum theme_role role;
		(void)theme_style_parse(line, &st, &why);
		(void)theme_role_parse(line, &role);
	}
	strv_fini(&warnings);
	theme_fini(&t);
	free(text);
	status_clear();
	return 0;
}
