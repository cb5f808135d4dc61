/* util.h - memory, growable buffers, string vectors, time, users and text.
 *
 * Out of memory aborts through xmalloc and friends; a front end that owns the
 * terminal registers util_set_oom_hook() to restore it first.
 */
#ifndef OZGTUI_UTIL_H
#define OZGTUI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void util_set_oom_hook(void (*hook)(void));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *v (of *cap elements of size elem) so that it holds at least need. */
void xgrow(void **v, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer; data is always NUL-terminated (not counted in len). */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_fini(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Takes the data out of b (caller frees) and leaves b as after buf_fini
 * (buf_init it again before reuse). */
char *buf_steal(struct buf *b);

/* A vector of owned strings. */
struct strv {
	char **v;
	size_t n;
	size_t cap;
};
void strv_init(struct strv *s);
void strv_fini(struct strv *s);
void strv_push(struct strv *s, const char *str);     /* copies str */
void strv_copy(struct strv *dst, const struct strv *src);
bool strv_contains(const struct strv *s, const char *str);
bool strv_remove(struct strv *s, const char *str);   /* true when it was there */

/* Time. Timestamps are seconds since the epoch (UTC); dates are days since
 * 1970-01-01 and 0 means "no date". OZGTUI_NOW (seconds or YYYY-MM-DD[THH:MM:SSZ])
 * fixes the clock for reproducible tests and golden files. */
int64_t clock_now(void);
/* The system clock, whatever OZGTUI_NOW says (for shared databases). */
int64_t clock_real(void);
int32_t clock_today(void);
int32_t date_from_time(int64_t t);
/* Parses YYYY-MM-DD; false when malformed or impossible. */
bool date_parse(const char *s, int32_t *day);
/* Formats a day as YYYY-MM-DD into out (at least 11 bytes); "" for 0. */
void date_format(int32_t day, char out[static 11]);
/* Formats a timestamp as YYYY-MM-DDTHH:MM:SSZ into out (at least 21 bytes). */
void time_format(int64_t t, char out[static 21]);
bool time_parse(const char *s, int64_t *t);

/* The real name of the Unix user running us, from the password database (never
 * from an environment variable); borrowed, valid for the process lifetime. */
const char *user_name(void);

/* Text. */
/* True when s[0..n) is valid UTF-8. */
bool text_valid_utf8(const char *s, size_t n);
/* Case- and accent-insensitive folding (utf8proc: NFKD, casefold, strip marks;
 * ß becomes ss). Caller frees. Invalid UTF-8 yields a copy folded as bytes. */
char *text_fold(const char *s);
/* True when folded text has folded prefix at its start or at the start of any word. */
bool text_word_prefix(const char *folded_text, const char *folded_prefix);
bool text_has_prefix(const char *s, const char *prefix);
/* Appends s to b made safe for a terminal: control characters, escape sequences,
 * bidirectional overrides and invalid UTF-8 become visible placeholders. */
void text_sanitize(struct buf *b, const char *s);
/* The same for the n bytes at s (a cut inside a UTF-8 sequence is an invalid
 * sequence there, as before any byte below 0x80). */
void text_sanitize_n(struct buf *b, const char *s, size_t n);
/* Display width of valid UTF-8 text in terminal cells (wide characters count 2). */
size_t text_width(const char *s);
/* Appends the first line of s (NULL: ""), at most max_chars UTF-8 characters,
 * with "…" when anything was cut: for one-line summaries. */
void text_first_line(struct buf *b, const char *s, size_t max_chars);
/* Strips leading/trailing ASCII spaces in place; returns s. */
char *text_trim(char *s);
/* The value of a hexadecimal digit (either case), -1 for any other character. */
int text_hex_digit(int c);

/* Parses a decimal unsigned integer that must fill all of s. */
bool parse_u32(const char *s, uint32_t *out);

#endif
