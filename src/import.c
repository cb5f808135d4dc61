/* import.c - what the JSON and the CSV import share. */
#include "ozgtui/import.h"

#include <string.h>

#include "ozgtui/i18n.h"
#include "ozgtui/util.h"

enum status import_fail_errors(const char *text, size_t n_errors)
{
	struct buf out;
	size_t shown = 0;
	const char *p = text ? text : "";
	buf_init(&out);
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (shown && out.len + 1 + n > 900)
			break;
		if (shown)
			buf_putc(&out, '\n');
		buf_append(&out, p, n);
		shown++;
		p += n;
		if (*p == '\n')
			p++;
	}
	if (n_errors > shown) {
		buf_putc(&out, '\n');
		buf_printf(&out, P_("(%zu more error)", "(%zu more errors)", n_errors - shown), n_errors - shown);
	}
	enum status st = status_fail(STATUS_DATA, "%s", out.data ? out.data : "");
	buf_fini(&out);
	return st;
}

enum status import_history_add(struct txn *t, const struct project *p, const char *summary,
			       uint8_t from, uint8_t to)
{
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("project");
	e.entity_id = p->id;
	e.project_number = p->number;
	e.action = xstrdup("import");
	e.summary = xstrdup(summary);
	e.from_phase = from;
	e.to_phase = to;
	enum status st = store_history_add(t, &e);
	history_entry_fini(&e);
	return st;
}
