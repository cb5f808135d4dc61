/* rows.c - the decoded rows of a view's window (include/ozgtui/tui_rows.h). */
#include <string.h>

#include "ozgtui/tui_rows.h"

struct tui_row *tui_rows_find(void *rows, size_t n, size_t size, const struct uuid *id)
{
	for (size_t i = 0; i < n; i++) {
		struct tui_row *r = (struct tui_row *)((char *)rows + i * size);
		if (r->live && memcmp(r->id.b, id->b, sizeof id->b) == 0)
			return r;
	}
	return NULL;
}
