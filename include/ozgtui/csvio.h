/* csvio.h - projects from a CSV table: the "projects" table of the CSV export
 * (docs/export-formats.md), edited in a spreadsheet or written by hand, read
 * back. Columns and rules: docs/csv-import.md.
 */
#ifndef OZGTUI_CSVIO_H
#define OZGTUI_CSVIO_H

#include <stdbool.h>

#include "ozgtui/store.h"
#include "ozgtui/util.h"

/* Adds and updates projects from the CSV file at path. The file is streamed
 * twice: the first pass checks every row against the database (in a read
 * transaction) and refuses the whole file on any error with "path:LINE:
 * column: reason" (STATUS_DATA; at most ten, then how many more); the second
 * writes all rows in ONE write transaction, so the database changes completely
 * or not at all. dry_run checks only. report receives a summary ("12 projects
 * added, 3 updated, 40 unchanged"). Each added or changed project gets an
 * "import" history entry naming the file. */
enum status csvio_import_projects(struct store *s, const char *path, bool dry_run, struct buf *report);

#endif
