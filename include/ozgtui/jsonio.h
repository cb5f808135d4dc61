/* jsonio.h - the versioned JSON document of everything (export) and its import.
 * Format: docs/json-format.md. Exporting, importing into an empty database and
 * exporting again gives the same document, "exported_at" aside.
 */
#ifndef OZGTUI_JSONIO_H
#define OZGTUI_JSONIO_H

#include <stdbool.h>
#include <stdio.h>

#include "ozgtui/catalog.h"
#include "ozgtui/store.h"

#define JSONIO_FORMAT_VERSION 1

/* Writes the whole database as one JSON document to out. */
enum status jsonio_export(struct txn *t, FILE *out);

/* Imports a document from path. Into an empty database everything is restored
 * as it was (UUIDs, numbers, versions, history). Into a database that has data,
 * reference data and projects are added or updated by key and each changed
 * project gets an "import" history entry. The file is checked whole before
 * anything is written: a bad file is refused with "path:line: reason"
 * (STATUS_DATA) and the database is left exactly as it was. dry_run checks
 * only. report receives a summary ("12 projects added, 3 updated"). */
enum status jsonio_import(struct store *s, const char *path, bool dry_run, struct buf *report);

#endif
