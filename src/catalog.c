/* catalog.c - reference data in memory: sorted arrays plus folded names.
 *
 * Name resolution works in tiers over folded text (text_fold), and the best
 * tier with any match decides:
 *   1. exact: the full name, or its main part before the first ", " ("Köln"
 *      for "Köln, Stadt"), or for a county "kreis MAIN" ("Kreis Kleve" for
 *      "Kleve, Kreis");
 *   2. whole words: the input is a run of whole words of the name ("krz" for
 *      "krz Minden/Ravensberg-Lippe" but not for "KRZN");
 *   3. the name starts with the input;
 *   4. a word of the name starts with the input (text_word_prefix).
 * One match in the deciding tier is the answer; several are STATUS_DATA with up
 * to five candidates named, sorted by name. "Kleve" is ambiguous between the
 * county and "Kleve, Stadt" on purpose: both are exact, and picking one would
 * surprise whoever meant the other.
 *
 * The folded names are made on the first name lookup of their kind, not at
 * load: folding every organisation and service name costs about a
 * millisecond, and most commands (list, counts, move by number) never
 * resolve one.
 */
#include "ozgtui/catalog.h"
#include "ozgtui/i18n.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct catalog_index {
	char **org_name;       /* folded name, parallel to c->orgs */
	char **org_main;       /* folded part before the first ", ", or NULL */
	char **org_kreis;      /* counties: folded "kreis MAIN" ("kreis kleve" for
				* "Kleve, Kreis"), else NULL */
	char **service_name;   /* parallel to c->services */
	char **field_name;     /* parallel to c->fields */
	char **field_alt;      /* folded alt_name or NULL */
	char **field_slug;     /* folded slug or NULL */
};

#define MAX_CANDIDATES 5

/* Open addressing with linear probing, slots holding index + 1 (0: empty),
 * at most half full. Made by catalog_load for the arrays it loaded; a
 * lookup uses it only while the arrays are still those (pointer and count),
 * else the binary search. Not made when a key occurs twice (a damaged
 * database), so that a lookup finds what the binary search finds. */
struct catalog_lookup {
	const struct organisation *orgs;
	size_t n_orgs;
	const struct service *services;
	size_t n_services;
	uint32_t *org_slot, *service_slot;   /* NULL: not made */
	unsigned org_bits, service_bits;
};

/* The organisations and services a lazy catalog (catalog_load_lazy) has
 * read, each allocated on its own so that the pointers handed out stay
 * valid until catalog_fini. Few (a project's team and services): searched
 * one by one. */
struct catalog_fetched {
	struct organisation **orgs;
	size_t n_orgs, cap_orgs;
	struct service **services;
	size_t n_services, cap_services;
};

/* A block of the loaded entries' strings (struct catalog's strings): filled
 * front to back, never moved, freed whole by catalog_fini. */
struct catalog_block {
	struct catalog_block *next;
	size_t used, cap;
	char data[];
};

#define BLOCK_SIZE ((size_t)64 * 1024)

static bool in_blocks(const struct catalog_block *b, const char *s)
{
	uintptr_t p = (uintptr_t)s;
	for (; b; b = b->next)
		if (p >= (uintptr_t)b->data && p < (uintptr_t)b->data + b->cap)
			return true;
	return false;
}

/* Room for n bytes in the catalog's blocks (the decoders' arena: the loaded
 * organisations' and services' strings are decoded straight into it). */
static char *block_alloc(void *arg, size_t n)
{
	struct catalog *c = arg;
	struct catalog_block *b = c->strings;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		struct catalog_block *nb = xmalloc(sizeof *nb + cap);
		nb->used = 0;
		nb->cap = cap;
		if (b && n > BLOCK_SIZE) {   /* a long string: its own block, the open one stays first */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			c->strings = nb;
		}
		b = nb;
	}
	char *dst = b->data + b->used;
	b->used += n;
	return dst;
}

/* Frees *s unless it is in the catalog's blocks. */
static void drop_str(const struct catalog *c, char **s)
{
	if (*s && !in_blocks(c->strings, *s))
		free(*s);
	*s = NULL;
}

void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof *c);
	phase_list_init(&c->phases);
	settings_init(&c->settings);
}

static void free_strs(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void index_free(struct catalog_index *ix, const struct catalog *c)
{
	if (!ix)
		return;
	free_strs(ix->org_name, c->n_orgs);
	free_strs(ix->org_main, c->n_orgs);
	free_strs(ix->org_kreis, c->n_orgs);
	free_strs(ix->service_name, c->n_services);
	free_strs(ix->field_name, c->n_fields);
	free_strs(ix->field_alt, c->n_fields);
	free_strs(ix->field_slug, c->n_fields);
	free(ix);
}

void catalog_fini(struct catalog *c)
{
	if (!c)
		return;
	index_free(c->index, c);
	if (c->lookup) {
		free(c->lookup->org_slot);
		free(c->lookup->service_slot);
		free(c->lookup);
	}
	for (size_t i = 0; i < c->n_services; i++) {
		struct service *s = &c->services[i];
		drop_str(c, &s->name);
		drop_str(c, &s->life_situation);
		service_fini(s);
	}
	free(c->services);
	for (size_t i = 0; i < c->n_orgs; i++) {
		struct organisation *o = &c->orgs[i];
		drop_str(c, &o->name);
		drop_str(c, &o->ags);
		drop_str(c, &o->legal_type);
		drop_str(c, &o->county_ags);
		drop_str(c, &o->size_class);
		drop_str(c, &o->region);
		organisation_fini(o);
	}
	free(c->orgs);
	while (c->strings) {
		struct catalog_block *b = c->strings;
		c->strings = b->next;
		free(b);
	}
	if (c->fetched) {
		for (size_t i = 0; i < c->fetched->n_orgs; i++) {
			organisation_fini(c->fetched->orgs[i]);
			free(c->fetched->orgs[i]);
		}
		for (size_t i = 0; i < c->fetched->n_services; i++) {
			service_fini(c->fetched->services[i]);
			free(c->fetched->services[i]);
		}
		free(c->fetched->orgs);
		free(c->fetched->services);
		free(c->fetched);
	}
	for (size_t i = 0; i < c->n_fields; i++)
		topic_field_fini(&c->fields[i]);
	free(c->fields);
	settings_fini(&c->settings);
	phase_list_fini(&c->phases);
	memset(c, 0, sizeof *c);
}

/* Loading. */

struct loader {
	struct catalog *c;
	size_t cap_fields, cap_orgs, cap_services;
};

static int load_field(const struct topic_field *f, void *arg)
{
	struct loader *l = arg;
	struct catalog *c = l->c;
	xgrow((void **)&c->fields, &l->cap_fields, c->n_fields + 1, sizeof *c->fields);
	topic_field_init(&c->fields[c->n_fields]);
	topic_field_copy(&c->fields[c->n_fields++], f);
	return 0;
}

/* Organisations and services are kept as decoded, their strings decoded
 * straight into the catalog's blocks (a move at 100,000 projects spent a
 * third of its instructions allocating and freeing the 3,900 strings one by
 * one; copying them into the blocks afterwards still half of that). */
static int load_org(struct organisation *o, void *arg)
{
	struct loader *l = arg;
	struct catalog *c = l->c;
	xgrow((void **)&c->orgs, &l->cap_orgs, c->n_orgs + 1, sizeof *c->orgs);
	c->orgs[c->n_orgs++] = *o;
	return 0;
}

static int load_service(struct service *s, void *arg)
{
	struct loader *l = arg;
	struct catalog *c = l->c;
	xgrow((void **)&c->services, &l->cap_services, c->n_services + 1, sizeof *c->services);
	c->services[c->n_services++] = *s;
	return 0;
}

static int field_cmp(const void *a, const void *b)
{
	const struct topic_field *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}

static int org_cmp(const void *a, const void *b)
{
	const struct organisation *x = a, *y = b;
	return uuid_cmp(&x->id, &y->id);
}

static int service_cmp(const void *a, const void *b)
{
	const struct service *x = a, *y = b;
	return (x->ozg_id > y->ozg_id) - (x->ozg_id < y->ozg_id);
}

static void sort_unless_sorted(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = v;
	for (size_t i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(v, n, size, cmp);
			return;
		}
}

static char *fold_or_null(const char *s)
{
	return s && *s ? text_fold(s) : NULL;
}

/* The index is made in three parts, each on the first lookup that needs it:
 * `list --filter field:bauen` folds the 15 field names, not the organisations. */
static void index_build_orgs(struct catalog_index *ix, const struct catalog *c)
{
	ix->org_name = xcalloc(c->n_orgs + 1, sizeof(char *));
	ix->org_main = xcalloc(c->n_orgs + 1, sizeof(char *));
	ix->org_kreis = xcalloc(c->n_orgs + 1, sizeof(char *));
	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		ix->org_name[i] = text_fold(o->name ? o->name : "");
		const char *comma = strstr(ix->org_name[i], ", ");
		if (comma && comma > ix->org_name[i])
			ix->org_main[i] = xstrndup(ix->org_name[i], (size_t)(comma - ix->org_name[i]));
		if (o->kind == ORG_COUNTY)
			ix->org_kreis[i] = xasprintf("kreis %s", ix->org_main[i] ? ix->org_main[i]
									  : ix->org_name[i]);
	}
}

static void index_build_services(struct catalog_index *ix, const struct catalog *c)
{
	ix->service_name = xcalloc(c->n_services + 1, sizeof(char *));
	for (size_t i = 0; i < c->n_services; i++)
		ix->service_name[i] = text_fold(c->services[i].name ? c->services[i].name : "");
}

static void index_build_fields(struct catalog_index *ix, const struct catalog *c)
{
	ix->field_name = xcalloc(c->n_fields + 1, sizeof(char *));
	ix->field_alt = xcalloc(c->n_fields + 1, sizeof(char *));
	ix->field_slug = xcalloc(c->n_fields + 1, sizeof(char *));
	for (size_t i = 0; i < c->n_fields; i++) {
		ix->field_name[i] = text_fold(c->fields[i].name ? c->fields[i].name : "");
		ix->field_alt[i] = fold_or_null(c->fields[i].alt_name);
		ix->field_slug[i] = fold_or_null(c->fields[i].slug);
	}
}

/* Hashes: the key mixed by a multiplication, its top bits the slot (the
 * UUIDs are random, the OZG ids are not). */
static size_t org_hash(const struct uuid *id, unsigned bits)
{
	uint64_t a, b;
	memcpy(&a, id->b, 8);
	memcpy(&b, id->b + 8, 8);
	return (size_t)(((a ^ b) * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - bits));
}

static size_t service_hash(uint32_t ozg_id, unsigned bits)
{
	return (size_t)(((uint64_t)ozg_id * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - bits));
}

/* A table of at least 2n slots: its number of bits (at least 4). */
static unsigned table_bits(size_t n)
{
	unsigned bits = 4;
	while (bits < 31 && ((size_t)1 << bits) < 2 * n)
		bits++;
	return bits;
}

static uint32_t *org_table(const struct organisation *v, size_t n, unsigned bits)
{
	size_t mask = ((size_t)1 << bits) - 1;
	uint32_t *slot = xcalloc(mask + 1, sizeof *slot);
	for (size_t i = 0; i < n; i++) {
		size_t h = org_hash(&v[i].id, bits);
		for (; slot[h]; h = (h + 1) & mask)
			if (memcmp(v[slot[h] - 1].id.b, v[i].id.b, 16) == 0) {
				free(slot);
				return NULL;
			}
		slot[h] = (uint32_t)i + 1;
	}
	return slot;
}

static uint32_t *service_table(const struct service *v, size_t n, unsigned bits)
{
	size_t mask = ((size_t)1 << bits) - 1;
	uint32_t *slot = xcalloc(mask + 1, sizeof *slot);
	for (size_t i = 0; i < n; i++) {
		size_t h = service_hash(v[i].ozg_id, bits);
		for (; slot[h]; h = (h + 1) & mask)
			if (v[slot[h] - 1].ozg_id == v[i].ozg_id) {
				free(slot);
				return NULL;
			}
		slot[h] = (uint32_t)i + 1;
	}
	return slot;
}

static struct catalog_lookup *lookup_build(const struct catalog *c)
{
	if (c->n_orgs >= UINT32_MAX / 4 || c->n_services >= UINT32_MAX / 4)
		return NULL;
	struct catalog_lookup *lk = xcalloc(1, sizeof *lk);
	lk->orgs = c->orgs;
	lk->n_orgs = c->n_orgs;
	lk->services = c->services;
	lk->n_services = c->n_services;
	lk->org_bits = table_bits(c->n_orgs);
	lk->service_bits = table_bits(c->n_services);
	lk->org_slot = org_table(c->orgs, c->n_orgs, lk->org_bits);
	lk->service_slot = service_table(c->services, c->n_services, lk->service_bits);
	return lk;
}

enum status catalog_load(struct catalog *c, struct txn *t)
{
	struct catalog n;
	catalog_init(&n);
	struct loader l = {.c = &n};
	enum status st;

	if ((st = store_phases_get(t, &n.phases)) != STATUS_OK)
		goto out;
	if ((st = store_settings_get(t, &n.settings)) != STATUS_OK)
		goto out;
	if ((st = store_field_each(t, load_field, &l)) != STATUS_OK)
		goto out;
	struct str_arena arena = {block_alloc, &n};
	if ((st = store_org_each_take(t, &arena, load_org, &l)) != STATUS_OK)
		goto out;
	if ((st = store_service_each_take(t, &arena, load_service, &l)) != STATUS_OK)
		goto out;

	/* The databases' keys are the sort keys, so the arrays come sorted;
	 * sorting is only for a record whose key and contents disagree (verify's
	 * business, but lookups must not break). */
	sort_unless_sorted(n.fields, n.n_fields, sizeof *n.fields, field_cmp);
	sort_unless_sorted(n.orgs, n.n_orgs, sizeof *n.orgs, org_cmp);
	sort_unless_sorted(n.services, n.n_services, sizeof *n.services, service_cmp);
	for (size_t i = 0; i < n.n_orgs; i++) {
		const struct organisation *o = &n.orgs[i];
		if (o->kind == ORG_MUNICIPALITY && o->category > CAT_NONE && o->category <= CAT__MAX)
			n.municipalities_per_category[o->category]++;
	}
	/* n.index stays NULL: made by the first name lookup (catalog_index) */
	n.lookup = lookup_build(&n);

	/* Only a complete load replaces what the caller had. */
	catalog_fini(c);
	*c = n;
	return STATUS_OK;
out:
	catalog_fini(&n);
	return st;
}

enum status catalog_load_lazy(struct catalog *c, struct txn *t)
{
	struct catalog n;
	catalog_init(&n);
	struct loader l = {.c = &n};
	enum status st;
	if ((st = store_phases_get(t, &n.phases)) != STATUS_OK ||
	    (st = store_settings_get(t, &n.settings)) != STATUS_OK ||
	    (st = store_field_each(t, load_field, &l)) != STATUS_OK) {
		catalog_fini(&n);
		return st;
	}
	sort_unless_sorted(n.fields, n.n_fields, sizeof *n.fields, field_cmp);
	n.lazy = store_txn_store(t);
	n.fetched = xcalloc(1, sizeof *n.fetched);
	catalog_fini(c);
	*c = n;
	return STATUS_OK;
}

/* A lookup of a lazy catalog: in the transaction open on its store, else in
 * a read transaction of its own. A key the database does not have is NULL,
 * as in a loaded catalog, and leaves the status detail as it was (a lookup
 * is no failure). The catalog is logically const; what it has read is a
 * cache (no threads). */
struct lookup {
	struct txn *t, *own;
	char kept[1024];   /* the status detail before */
};

static void lookup_begin(const struct catalog *c, struct lookup *l)
{
	snprintf(l->kept, sizeof l->kept, "%s", status_detail());
	l->own = NULL;
	l->t = store_open_txn(c->lazy);
	if (!l->t && store_read_begin(c->lazy, &l->own) == STATUS_OK)
		l->t = l->own;
}

static void lookup_end(struct lookup *l, const void *found)
{
	store_txn_end(l->own);
	if (!found)
		status_fail(STATUS_OK, "%s", l->kept);
}

static const struct organisation *lazy_org(const struct catalog *c, const struct uuid *id)
{
	struct catalog_fetched *f = c->fetched;
	for (size_t i = 0; i < f->n_orgs; i++)
		if (uuid_cmp(&f->orgs[i]->id, id) == 0)
			return f->orgs[i];
	struct lookup l;
	lookup_begin(c, &l);
	struct organisation *o = xmalloc(sizeof *o);
	organisation_init(o);
	if (l.t && store_org_get(l.t, id, o) == STATUS_OK) {
		xgrow((void **)&f->orgs, &f->cap_orgs, f->n_orgs + 1, sizeof *f->orgs);
		f->orgs[f->n_orgs++] = o;
	} else {
		organisation_fini(o);
		free(o);
		o = NULL;
	}
	lookup_end(&l, o);
	return o;
}

static const struct service *lazy_service(const struct catalog *c, uint32_t ozg_id)
{
	struct catalog_fetched *f = c->fetched;
	for (size_t i = 0; i < f->n_services; i++)
		if (f->services[i]->ozg_id == ozg_id)
			return f->services[i];
	struct lookup l;
	lookup_begin(c, &l);
	struct service *sv = xmalloc(sizeof *sv);
	service_init(sv);
	if (l.t && store_service_get(l.t, ozg_id, sv) == STATUS_OK) {
		xgrow((void **)&f->services, &f->cap_services, f->n_services + 1, sizeof *f->services);
		f->services[f->n_services++] = sv;
	} else {
		service_fini(sv);
		free(sv);
		sv = NULL;
	}
	lookup_end(&l, sv);
	return sv;
}

/* The folded names of one kind, made on first use. The catalog is logically
 * const for its users; the index is a cache the lookups fill (no threads). */
enum index_part { INDEX_ORGS, INDEX_SERVICES, INDEX_FIELDS };

static const struct catalog_index *catalog_index(const struct catalog *c, enum index_part part)
{
	struct catalog *w = (struct catalog *)c;
	if (!w->index)
		w->index = xcalloc(1, sizeof *w->index);
	struct catalog_index *ix = w->index;
	if (part == INDEX_ORGS && !ix->org_name)
		index_build_orgs(ix, c);
	else if (part == INDEX_SERVICES && !ix->service_name)
		index_build_services(ix, c);
	else if (part == INDEX_FIELDS && !ix->field_name)
		index_build_fields(ix, c);
	return ix;
}

/* Lookups by key. */

/* The lookups by key are binary searches written out (no bsearch with a
 * comparison called through a pointer): every row of a listing makes one per
 * team member and service. */
const struct topic_field *catalog_field(const struct catalog *c, uint16_t number)
{
	size_t lo = 0, hi = c->n_fields;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint16_t k = c->fields[mid].number;
		if (k == number)
			return &c->fields[mid];
		if (k < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A UUID's 16 bytes as two big-endian halves: compared as numbers, they
 * order as memcmp orders the bytes. */
static uint64_t be64_at(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

const struct organisation *catalog_org(const struct catalog *c, const struct uuid *id)
{
	if (c->lazy)
		return lazy_org(c, id);
	const struct catalog_lookup *lk = c->lookup;
	if (lk && lk->org_slot && lk->orgs == c->orgs && lk->n_orgs == c->n_orgs) {
		size_t mask = ((size_t)1 << lk->org_bits) - 1;
		uint64_t a, b;
		memcpy(&a, id->b, 8);
		memcpy(&b, id->b + 8, 8);
		for (size_t h = org_hash(id, lk->org_bits); lk->org_slot[h]; h = (h + 1) & mask) {
			const struct organisation *o = &c->orgs[lk->org_slot[h] - 1];
			uint64_t x, y;
			memcpy(&x, o->id.b, 8);
			memcpy(&y, o->id.b + 8, 8);
			if (x == a && y == b)
				return o;
		}
		return NULL;
	}
	uint64_t hi_key = be64_at(id->b), lo_key = be64_at(id->b + 8);
	size_t lo = 0, hi = c->n_orgs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const uint8_t *b = c->orgs[mid].id.b;
		uint64_t h = be64_at(b), l = h == hi_key ? be64_at(b + 8) : 0;
		if (h == hi_key && l == lo_key)
			return &c->orgs[mid];
		if (h < hi_key || (h == hi_key && l < lo_key))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct service *catalog_service(const struct catalog *c, uint32_t ozg_id)
{
	if (c->lazy)
		return lazy_service(c, ozg_id);
	const struct catalog_lookup *lk = c->lookup;
	if (lk && lk->service_slot && lk->services == c->services && lk->n_services == c->n_services) {
		size_t mask = ((size_t)1 << lk->service_bits) - 1;
		for (size_t h = service_hash(ozg_id, lk->service_bits); lk->service_slot[h];
		     h = (h + 1) & mask) {
			const struct service *sv = &c->services[lk->service_slot[h] - 1];
			if (sv->ozg_id == ozg_id)
				return sv;
		}
		return NULL;
	}
	size_t lo = 0, hi = c->n_services;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t k = c->services[mid].ozg_id;
		if (k == ozg_id)
			return &c->services[mid];
		if (k < ozg_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct phase *catalog_phase(const struct catalog *c, uint8_t id)
{
	return phase_list_get(&c->phases, id);
}

const char *catalog_field_name(const struct catalog *c, uint16_t number, const char *fallback)
{
	const struct topic_field *f = catalog_field(c, number);
	return f && f->name ? f->name : fallback;
}

const char *catalog_org_name(const struct catalog *c, const struct uuid *id, const char *fallback)
{
	const struct organisation *o = catalog_org(c, id);
	return o && o->name ? o->name : fallback;
}

const char *catalog_phase_name(const struct catalog *c, uint8_t id, const char *fallback)
{
	const struct phase *ph = catalog_phase(c, id);
	return ph && ph->name ? ph->name : fallback;
}

/* Name resolution. */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Match sets: indexes into one catalog array. */
struct matches {
	size_t *v;
	size_t n, cap;
	int tier;   /* of the members; 0 while empty */
};

/* Offers item i matched in tier (0 = no match): keeps only the best tier. */
static void matches_offer(struct matches *m, size_t i, int tier)
{
	if (!tier || (m->tier && tier > m->tier))
		return;
	if (tier < m->tier || !m->tier) {
		m->n = 0;
		m->tier = tier;
	}
	xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n++] = i;
}

static bool is_word_char(unsigned char ch)
{
	return isalnum(ch) || ch >= 0x80;
}

/* True when q occurs in name starting and ending at word boundaries. */
static bool whole_words(const char *name, const char *q)
{
	size_t n = strlen(q);
	for (const char *p = name; *p; p++) {
		if (p != name && is_word_char((unsigned char)p[-1]))
			continue;
		if (strncmp(p, q, n) == 0 && !is_word_char((unsigned char)p[n]))
			return true;
	}
	return false;
}

/* The tier (1-4, best first) in which folded q matches folded name; 0 = none. */
static int name_tier(const char *name, const char *q)
{
	if (!name || !*q)
		return 0;
	if (strcmp(name, q) == 0)
		return 1;
	if (!text_word_prefix(name, q))
		return 0;
	if (whole_words(name, q))
		return 2;
	return text_has_prefix(name, q) ? 3 : 4;
}

static int exact_tier(const char *name, const char *q)
{
	return name && strcmp(name, q) == 0 ? 1 : 0;
}

static int best_tier(int a, int b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

/* Writes "A, B, C, D, E, ..." of the candidates' labels, sorted, into b. */
static int label_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void candidates_format(struct buf *b, char **labels, size_t n)
{
	qsort(labels, n, sizeof *labels, label_cmp);
	for (size_t i = 0; i < n && i < MAX_CANDIDATES; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_puts(b, labels[i]);
	}
	if (n > MAX_CANDIDATES)
		buf_puts(b, ", ...");
}

static char *org_label(const struct organisation *o)
{
	if (o->ags && *o->ags)
		return xasprintf("%s (%s)", o->name ? o->name : "", o->ags);
	return xstrdup(o->name ? o->name : "");
}

static enum status org_ambiguous(const struct catalog *c, const char *s, const struct matches *m)
{
	char **labels = xcalloc(m->n, sizeof *labels);
	for (size_t i = 0; i < m->n; i++)
		labels[i] = org_label(&c->orgs[m->v[i]]);
	struct buf b;
	buf_init(&b);
	candidates_format(&b, labels, m->n);
	enum status st = status_fail(STATUS_DATA, _("ambiguous organisation '%s': %s"), s, b.data);
	buf_fini(&b);
	free_strs(labels, m->n);
	return st;
}

/* UUID hex prefix of at least 4 digits, dashes ignored; false when s is not
 * one. Short all-letter input ("Dade") is taken for a name, not a prefix. */
static bool hex_prefix(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	bool digit_or_dash = false;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s) || *s == '-')
			digit_or_dash = true;
		if (*s == '-')
			continue;
		if (!isxdigit((unsigned char)*s) || n + 1 >= cap)
			return false;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return n >= 4 && (digit_or_dash || n >= 8);
}

static void uuid_hex(const struct uuid *u, char out[static 33])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[2 * i] = digits[u->b[i] >> 4];
		out[2 * i + 1] = digits[u->b[i] & 15];
	}
	out[32] = '\0';
}

/* Collects into m the organisations s (trimmed, not empty) may mean, best tier
 * only: an AGS, a full UUID or a UUID prefix first, then names. */
static void org_matches(const struct catalog *c, const char *s, struct matches *m)
{
	size_t len = strlen(s);
	if (all_digits(s) && (len == 8 || len == 5)) {
		for (size_t i = 0; i < c->n_orgs; i++)
			if (c->orgs[i].ags && strcmp(c->orgs[i].ags, s) == 0)
				matches_offer(m, i, 1);
		if (m->n)
			return;
	}
	struct uuid u;
	if (uuid_from_text(s, &u)) {
		const struct organisation *o = catalog_org(c, &u);
		if (o)
			matches_offer(m, (size_t)(o - c->orgs), 1);
		return;
	}
	char hex[33];
	if (hex_prefix(s, hex, sizeof hex)) {
		size_t hl = strlen(hex);
		for (size_t i = 0; i < c->n_orgs; i++) {
			char full[33];
			uuid_hex(&c->orgs[i].id, full);
			if (strncmp(full, hex, hl) == 0)
				matches_offer(m, i, 1);
		}
		if (m->n)
			return;
	}
	const struct catalog_index *ix = catalog_index(c, INDEX_ORGS);
	char *q = text_fold(s);
	for (size_t i = 0; i < c->n_orgs; i++) {
		int tier = name_tier(ix->org_name[i], q);
		tier = best_tier(tier, exact_tier(ix->org_main[i], q));
		tier = best_tier(tier, exact_tier(ix->org_kreis[i], q));
		matches_offer(m, i, tier);
	}
	free(q);
}

enum status catalog_find_org(const struct catalog *c, const char *s, const struct organisation **out)
{
	assert(!c->lazy && "name resolution needs catalog_load");
	struct matches m = {0};
	enum status st = STATUS_OK;
	char *trimmed = text_trim(xstrdup(s ? s : ""));

	*out = NULL;
	if (*trimmed)
		org_matches(c, trimmed, &m);
	if (m.n == 1)
		*out = &c->orgs[m.v[0]];
	else if (m.n == 0 && !*trimmed)
		st = status_fail(STATUS_NOT_FOUND, _("no organisation given"));
	else if (m.n == 0)
		st = status_fail(STATUS_NOT_FOUND, _("no organisation '%s'"), trimmed);
	else
		st = org_ambiguous(c, trimmed, &m);
	free(m.v);
	free(trimmed);
	return st;
}

enum status catalog_find_service(const struct catalog *c, const char *s, uint32_t *out)
{
	assert(!c->lazy && "name resolution needs catalog_load");
	*out = 0;
	char *q = NULL;
	struct matches m = {0};
	enum status st = STATUS_OK;
	char *trimmed = text_trim(xstrdup(s ? s : ""));

	if (!*trimmed) {
		st = status_fail(STATUS_NOT_FOUND, _("no service given"));
		goto out;
	}
	if (all_digits(trimmed)) {
		uint32_t id;
		if (parse_u32(trimmed, &id) && catalog_service(c, id))
			*out = id;
		else
			st = status_fail(STATUS_NOT_FOUND, _("no service with OZG id %s"), trimmed);
		goto out;
	}
	q = text_fold(trimmed);
	const struct catalog_index *ix = catalog_index(c, INDEX_SERVICES);
	for (size_t i = 0; i < c->n_services; i++)
		matches_offer(&m, i, name_tier(ix->service_name[i], q));

	if (m.n == 1) {
		*out = c->services[m.v[0]].ozg_id;
	} else if (m.n == 0) {
		st = status_fail(STATUS_NOT_FOUND, _("no service '%s'"), trimmed);
	} else {
		char **labels = xcalloc(m.n, sizeof *labels);
		for (size_t i = 0; i < m.n; i++) {
			const struct service *sv = &c->services[m.v[i]];
			labels[i] = xasprintf("%s (%u)", sv->name ? sv->name : "", (unsigned)sv->ozg_id);
		}
		struct buf b;
		buf_init(&b);
		candidates_format(&b, labels, m.n);
		st = status_fail(STATUS_DATA, _("ambiguous service '%s': %s"), trimmed, b.data);
		buf_fini(&b);
		free_strs(labels, m.n);
	}
out:
	free(m.v);
	free(q);
	free(trimmed);
	return st;
}

enum status catalog_find_field(const struct catalog *c, const char *s, uint16_t *out)
{
	*out = 0;
	char *q = NULL;
	struct matches m = {0};
	enum status st = STATUS_OK;
	char *trimmed = text_trim(xstrdup(s ? s : ""));

	if (!*trimmed) {
		st = status_fail(STATUS_NOT_FOUND, _("no topic field given"));
		goto out;
	}
	if (all_digits(trimmed)) {
		uint32_t n;
		if (parse_u32(trimmed, &n) && n <= UINT16_MAX && catalog_field(c, (uint16_t)n))
			*out = (uint16_t)n;
		else
			st = status_fail(STATUS_NOT_FOUND, _("no topic field %s"), trimmed);
		goto out;
	}
	q = text_fold(trimmed);
	const struct catalog_index *ix = catalog_index(c, INDEX_FIELDS);
	for (size_t i = 0; i < c->n_fields; i++) {
		int tier = name_tier(ix->field_name[i], q);
		tier = best_tier(tier, name_tier(ix->field_alt[i], q));
		tier = best_tier(tier, name_tier(ix->field_slug[i], q));
		matches_offer(&m, i, tier);
	}

	if (m.n == 1) {
		*out = c->fields[m.v[0]].number;
	} else if (m.n == 0) {
		st = status_fail(STATUS_NOT_FOUND, _("no topic field '%s'"), trimmed);
	} else {
		char **labels = xcalloc(m.n, sizeof *labels);
		for (size_t i = 0; i < m.n; i++)
			labels[i] = xstrdup(c->fields[m.v[i]].name ? c->fields[m.v[i]].name : "");
		struct buf b;
		buf_init(&b);
		candidates_format(&b, labels, m.n);
		st = status_fail(STATUS_DATA, _("ambiguous topic field '%s': %s"), trimmed, b.data);
		buf_fini(&b);
		free_strs(labels, m.n);
	}
out:
	free(m.v);
	free(q);
	free(trimmed);
	return st;
}

enum status catalog_find_phase(const struct catalog *c, const char *s, uint8_t *out)
{
	return phase_list_find(&c->phases, s ? s : "", out);
}
