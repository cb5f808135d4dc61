/* i18n.h - messages through gettext (the "ozgtui" text domain).
 *
 * Source strings are English; po/de.po holds the German catalog. Mark a
 * string to translate with _() where it is used, and with N_() where it sits
 * in a static table (then call _() on it when it is shown). Data from the
 * database (phase names, topic fields, organisations) is never translated.
 * Machine formats (tsv, json, csv) keep their English keys and codes, history
 * summaries are recorded in English (what the CLI prints after a change is
 * told anew in the user's language: ops_describe_change; check's texts are
 * English in JSON and translated in the table: check.h's check_texts), and
 * the Markdown and HTML reports are German documents (model.h's *_label_de). Dates and numbers for people go
 * through i18n_date and i18n_number; machine formats use date_format.
 */
#ifndef OZGTUI_I18N_H
#define OZGTUI_I18N_H

#include <stdint.h>

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* Plural forms: P_("%zu project", "%zu projects", n). */
#define P_(s, p, n) ngettext(s, p, n)
/* A message in a context, where one English word needs different German ones:
 * C_("dashboard column", "Late") (gettext's msgctxt; ctx and s are literals). */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* The translation of the context-qualified msgid id ("ctx\004text"), or s when
 * there is none. Use C_(). */
const char *i18n_pgettext(const char *id, const char *s) __attribute__((format_arg(2)));

/* Sets the categories of the locale ozgtui uses (characters, messages,
 * dates, numbers) from the environment as setlocale(LC_ALL, "") would, binds the
 * text domain to $OZGTUI_LOCALEDIR (a build tree's compiled catalogs) or the
 * installed locale directory, and selects it. language ("de", "en" or NULL)
 * is the config file's choice: it applies unless $LANGUAGE is set. Call once,
 * first thing in main. */
void i18n_init(const char *language);
/* Re-applies language after the config file was read (same rule as above). */
void i18n_set_language(const char *language);

/* Formats n with the locale's thousands separator ("1.017.355" in German)
 * into out; for text meant for people, never for tsv/json/csv. */
void i18n_number(unsigned long long n, char out[static 32]);
/* Formats a day (days since 1970-01-01, 0 = none) in the locale's date format
 * (strftime %x: "01.03.2025", "03/01/2025") into out; "" for 0. */
void i18n_date(int32_t day, char out[static 32]);

#endif
