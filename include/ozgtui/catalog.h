/* catalog.h - the reference data of one database held in memory: phases,
 * settings, topic fields, organisations and services, sorted for lookup.
 *
 * Loaded once per session (a few hundred small records) and reloaded when the
 * store's change counter moves. Lookups return borrowed pointers valid until
 * catalog_fini or the next catalog_load.
 */
#ifndef OZGTUI_CATALOG_H
#define OZGTUI_CATALOG_H

#include "ozgtui/model.h"
#include "ozgtui/store.h"

struct catalog_index;
struct catalog_lookup;
struct catalog_fetched;

struct catalog {
	struct phase_list phases;
	struct settings settings;
	struct topic_field *fields;     /* by number */
	size_t n_fields;
	struct organisation *orgs;      /* by UUID */
	size_t n_orgs;
	struct service *services;       /* by OZG id */
	size_t n_services;
	/* municipalities (not counties) per category, for breadth */
	uint32_t municipalities_per_category[CAT__MAX + 1];
	/* folded names for name lookups, made by the first one after a load
	 * (NULL until then); private to catalog.c */
	struct catalog_index *index;
	/* the strings of the organisations and services catalog_load read, in
	 * a few large blocks instead of one allocation each; private to
	 * catalog.c (catalog_fini frees every string outside them, so entries
	 * built by hand own their strings as before) */
	struct catalog_block *strings;
	/* hash tables of orgs and services by key, made by catalog_load for
	 * the arrays it loaded (a catalog built or grown by hand is searched
	 * as before); private to catalog.c */
	struct catalog_lookup *lookup;
	/* catalog_load_lazy: the store the organisations and services are read
	 * from, each on its first lookup (the arrays stay empty); NULL for a
	 * catalog loaded whole */
	struct store *lazy;
	/* the organisations and services read so far; private to catalog.c */
	struct catalog_fetched *fetched;
};

void catalog_init(struct catalog *c);
void catalog_fini(struct catalog *c);
enum status catalog_load(struct catalog *c, struct txn *t);
/* Loads the phases, settings and topic fields; organisations and services
 * are read one by one when catalog_org or catalog_service first asks for
 * them, in the transaction open on t's store at that time or else in a read
 * transaction of their own. For a command about one project (`move`), which
 * needs a handful of them: loading all (458 organisations, 557 services) was
 * half its work. Nothing that walks the arrays (orgs, services,
 * municipalities_per_category) or resolves names may be given such a
 * catalog: those assert that it was loaded whole. */
enum status catalog_load_lazy(struct catalog *c, struct txn *t);

const struct topic_field *catalog_field(const struct catalog *c, uint16_t number);
const struct organisation *catalog_org(const struct catalog *c, const struct uuid *id);
const struct service *catalog_service(const struct catalog *c, uint32_t ozg_id);
const struct phase *catalog_phase(const struct catalog *c, uint8_t id);
/* Display names (borrowed from the catalog), or fallback for an unknown key
 * or a record without a name (field 0 is none: fallback). */
const char *catalog_field_name(const struct catalog *c, uint16_t number, const char *fallback);
const char *catalog_org_name(const struct catalog *c, const struct uuid *id, const char *fallback);
const char *catalog_phase_name(const struct catalog *c, uint8_t id, const char *fallback);

/* Name resolution for users' input. Each returns STATUS_OK, STATUS_NOT_FOUND or
 * STATUS_DATA (ambiguous: several match), with a detail message naming candidates. */
/* Field: number, slug, or name (prefix), case- and accent-insensitively. */
enum status catalog_find_field(const struct catalog *c, const char *s, uint16_t *out);
/* Organisation: AGS, UUID or unique UUID prefix, or unique name prefix. An exact
 * (folded) name match wins over prefix matches. */
enum status catalog_find_org(const struct catalog *c, const char *s, const struct organisation **out);
/* Service: OZG id, or unique name prefix. */
enum status catalog_find_service(const struct catalog *c, const char *s, uint32_t *out);
/* Phase: name, slug or unique prefix. */
enum status catalog_find_phase(const struct catalog *c, const char *s, uint8_t *out);

#endif
