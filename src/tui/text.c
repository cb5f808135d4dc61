/* text.c - width-aware fitting of sanitized UTF-8 into terminal cells. */
#include "ozgtui/tui_text.h"

#include <string.h>

#include <utf8proc.h>

/* Width of the character cluster at s (a base and its zero-width followers);
 * *len receives its byte length. Invalid bytes count as one cell (sanitized
 * text holds none). */
static size_t cluster(const char *s, size_t n, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	if (k <= 0) {
		*len = 1;
		return 1;
	}
	int w = utf8proc_charwidth(cp);
	size_t i = (size_t)k;
	while (i < n) {
		utf8proc_int32_t next;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &next);
		if (m <= 0 || utf8proc_charwidth(next) != 0)
			break;
		/* Zero-width characters that are not combining (e.g. ZWSP) still stay attached. */
		i += (size_t)m;
	}
	*len = i;
	return w < 0 ? 0 : (size_t)w;
}

static size_t width_of(const char *s, size_t n)
{
	size_t w = 0, i = 0;
	while (i < n) {
		size_t len;
		w += cluster(s + i, n - i, &len);
		i += len;
	}
	return w;
}

size_t tui_text_cells(const char *s)
{
	struct buf b;
	buf_init(&b);
	text_sanitize(&b, s ? s : "");
	size_t w = width_of(b.data ? b.data : "", b.len);
	buf_fini(&b);
	return w;
}

static void spaces(struct buf *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(out, ' ');
}

size_t tui_text_fit(struct buf *out, const char *s, size_t cells, bool pad, enum tui_align align)
{
	struct buf clean;
	buf_init(&clean);
	text_sanitize(&clean, s ? s : "");
	const char *t = clean.data ? clean.data : "";
	size_t n = clean.len;
	size_t total = width_of(t, n);
	size_t used = 0;
	struct buf fitted;
	buf_init(&fitted);
	if (total <= cells) {
		buf_append(&fitted, t, n);
		used = total;
	} else if (cells > 0) {
		/* Room for the text is cells - 1; the ellipsis takes the last cell. */
		size_t room = cells - 1, i = 0;
		while (i < n) {
			size_t len;
			size_t w = cluster(t + i, n - i, &len);
			if (used + w > room)
				break;
			buf_append(&fitted, t + i, len);
			used += w;
			i += len;
		}
		/* A wide character that did not fit leaves a gap: fill it so columns stay aligned. */
		spaces(&fitted, room - used);
		buf_puts(&fitted, "…");
		used = cells;
	}
	if (pad && used < cells && align == TUI_RIGHT)
		spaces(out, cells - used);
	buf_append(out, fitted.data ? fitted.data : "", fitted.len);
	if (pad && used < cells && align == TUI_LEFT)
		spaces(out, cells - used);
	buf_fini(&fitted);
	buf_fini(&clean);
	return pad ? cells : used;
}
