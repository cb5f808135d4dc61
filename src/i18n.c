/* i18n.c - locale, text domain and the locale's number and date formats. */
#include "ozgtui/i18n.h"

#include <langinfo.h>
#include <stdbool.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"

void i18n_set_language(const char *language)
{
	const char *env = getenv("LANGUAGE");
	if (!language || !*language || (env && *env))
		return;
	setenv("LANGUAGE", language, 1);
	/* gettext ignores LANGUAGE in the "C" locale: use C.UTF-8 for messages */
	const char *cur = setlocale(LC_MESSAGES, NULL);
	if (cur && (strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0))
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* make gettext notice the change of LANGUAGE */
	textdomain(textdomain(NULL));
}

/* The locale categories ozgtui uses, each from the environment (LC_ALL,
 * then LC_x, then LANG, as setlocale(LC_ALL, "") would): characters and the
 * terminal's encoding, messages, dates, digit grouping. Not LC_ALL itself:
 * each category is a locale file to open and map, and the twelve were a
 * sixth of a phase move; ozgtui neither collates by locale nor formats
 * money, paper sizes or addresses. */
static const int used_categories[] = {LC_CTYPE, LC_MESSAGES, LC_TIME, LC_NUMERIC};

void i18n_init(const char *language)
{
	for (size_t i = 0; i < sizeof used_categories / sizeof used_categories[0]; i++)
		setlocale(used_categories[i], "");
	const char *dir = getenv("OZGTUI_LOCALEDIR");
	bindtextdomain("ozgtui", dir && *dir ? dir : OZGTUI_LOCALEDIR);
	bind_textdomain_codeset("ozgtui", "UTF-8");
	textdomain("ozgtui");
	i18n_set_language(language);
}

const char *i18n_pgettext(const char *id, const char *s)
{
	const char *t = gettext(id);
	return t == id ? s : t;
}

void i18n_number(unsigned long long n, char out[static 32])
{
	/* printf's ' flag is POSIX, not C11: group by hand (groups of 3, as in
	 * every locale we ship a catalog for) with the locale's separator */
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", n);
	const char *sep = nl_langinfo(THOUSEP);
	size_t seplen = sep ? strlen(sep) : 0;
	size_t o = 0;
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0 && seplen && o + seplen < 31) {
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		if (o < 31)
			out[o++] = digits[i];
	}
	out[o] = '\0';
}

void i18n_date(int32_t day, char out[static 32])
{
	out[0] = '\0';
	if (day == 0)
		return;
	time_t t = (time_t)day * 86400;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return;
	/* the C locale's %x has a two-digit year: ISO 8601 is clearer there */
	const char *loc = setlocale(LC_TIME, NULL);
	bool plain = !loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 || strncmp(loc, "C.", 2) == 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-y2k"
	/* %x is what the locale asks for, even where its year has two digits */
	if (!strftime(out, 32, plain ? "%Y-%m-%d" : "%x", &tm))
		out[0] = '\0';
#pragma GCC diagnostic pop
}
