/* jsonio.h - the versioned JSON document of everything (export) and its import.
 * Format: docs/json-format.md. Exporting, importing into an empty database and
 * exporting again gives the same document, "exported_at" aside.
 */
#ifndef OZGTUI_JSONIO_H
#define OZGTUI_JSONIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/store.h"

#define JSONIO_FORMAT_VERSION 1

/* Writes the whole database as one JSON document to out, record by record (memory
 * does not grow with the database). On an error part of the document may have
 * been written (export -o writes a temporary file and renames it). */
enum status jsonio_export(struct txn *t, FILE *out);

/* A part of the database, or its state at a past revision, in the same shape
 * (export --snapshot / --filter; docs/export-formats.md). */
struct jsonio_export_opts {
	uint64_t revision;              /* UINT64_MAX = now; else projects, outcomes and
					 * services as they were at that revision */
	uint64_t history_seq;           /* 0 = all history; else entries up to this seq */
	const struct filter *filter;    /* NULL = all; else only matching projects, the
					 * outcomes linked to none or to a matching one (links
					 * to others dropped), history not about other projects */
	const struct catalog *catalog;  /* for the filter */
	int32_t today;                  /* for the filter's late: and stale: */
};
enum status jsonio_export_with(struct txn *t, const struct jsonio_export_opts *o, FILE *out);

/* Imports a document from path. Into an empty database everything is restored
 * as it was (UUIDs, numbers, versions, history). Into a database that has data,
 * reference data and projects are added or updated by key and each changed
 * project gets an "import" history entry. The file is read once, record by
 * record, each checked and written in one write transaction: a bad file is
 * refused with "path:line: reason" for each error (STATUS_DATA) and the
 * transaction aborted, so the database is left exactly as it was. No limit on
 * the file; one record at most 16 MiB. dry_run checks only (in a read
 * transaction). report receives a summary ("12 projects added, 3 updated"). */
enum status jsonio_import(struct store *s, const char *path, bool dry_run, struct buf *report);

#endif
