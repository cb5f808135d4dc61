/* import.h - what the JSON and the CSV import share. */
#ifndef OZGTUI_IMPORT_H
#define OZGTUI_IMPORT_H

#include <stddef.h>

#include "ozgtui/status.h"

/* Fails with STATUS_DATA whose detail is the import's errors: whole lines of
 * text (one error a line, each ending in '\n'), as many as fit the status
 * detail (about 1 KiB), then how many more of the n_errors there were. */
enum status import_fail_errors(const char *text, size_t n_errors);

#endif
