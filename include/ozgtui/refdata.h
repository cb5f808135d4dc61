/* refdata.h - the reference data shipped with ozgtui (the CSV files in data/, embedded in
 * the binary at build time; sources in docs/data-provenance.md) and the seeding
 * of a new database with it.
 */
#ifndef OZGTUI_REFDATA_H
#define OZGTUI_REFDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "ozgtui/store.h"
#include "ozgtui/util.h"

struct refdata_file {
	const char *name;           /* "ozg_leistungen.csv" */
	const unsigned char *data;
	size_t len;
};
/* The embedded file of that name, or NULL. */
const struct refdata_file *refdata_file(const char *name);

/* Appends the values of column `column` of the embedded CSV file `name` to out,
 * in file order (parsed with libcsv). STATUS_DATA with "data/FILE:LINE: reason"
 * when the file is malformed or has no such column. */
enum status refdata_column(const char *name, const char *column, struct strv *out);

enum phase_preset { PHASES_DEFAULT = 0, PHASES_KDN = 1 };

/* Seeds an empty database inside t: phases (preset), settings, the 14 topic
 * fields, the OZG services, the NRW municipalities and counties, and the IT
 * service providers; records "init" in history. Parsing errors name file:line. */
enum status refdata_seed(struct txn *t, enum phase_preset phases);
/* Like refdata_seed, but a file named in over[0..n_over) replaces the embedded
 * file of that name (tests: reordered columns, malformed files). Borrowed. */
enum status refdata_seed_with(struct txn *t, enum phase_preset phases,
			      const struct refdata_file *over, size_t n_over);

#endif
