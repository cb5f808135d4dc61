/* jsonio_internal.h - what the JSON export (jsonio_export.c) and import
 * (jsonio.c) share: limits, a growable vector, enum codes. */
#ifndef OZGTUI_JSONIO_INTERNAL_H
#define OZGTUI_JSONIO_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "ozgtui/model.h"
#include "ozgtui/util.h"

#define FORMAT_NAME "ozgtui"
#define MAX_STRING 65536          /* bytes, any string */
#define MAX_TITLE 500             /* bytes, project title */
#define MAX_VALUE (16u << 20)     /* bytes, one top-level value or one array element */
#define MAX_DEPTH 2048            /* nesting inside one value (jansson's own limit) */
#define MAX_ERRORS 10             /* reported; the rest are counted */

/* ---- generic vector ---------------------------------------------------------- */

struct vec {
	void *v;
	size_t n;
	size_t cap;
	size_t size;
};

static void vec_init(struct vec *x, size_t size)
{
	memset(x, 0, sizeof *x);
	x->size = size;
}

static inline void *vec_push(struct vec *x)
{
	xgrow(&x->v, &x->cap, x->n + 1, x->size);
	void *p = (char *)x->v + x->n++ * x->size;
	memset(p, 0, x->size);
	return p;
}

static inline void *vec_at(const struct vec *x, size_t i)
{
	return (char *)x->v + i * x->size;
}

static void vec_fini(struct vec *x, void (*fini)(void *))
{
	if (fini)
		for (size_t i = 0; i < x->n; i++)
			fini(vec_at(x, i));
	free(x->v);
	memset(x, 0, sizeof *x);
}

static void vec_sort(struct vec *x, int (*cmp)(const void *, const void *))
{
	if (x->n > 1)
		qsort(x->v, x->n, x->size, cmp);
}

/* ---- codes ------------------------------------------------------------------- */

static inline const char *code_cat(int i)
{
	return category_code((enum category)i);
}
static inline const char *code_kind(int i)
{
	return org_kind_code((enum org_kind)i);
}
static inline const char *code_role(int i)
{
	return role_code((enum role)i);
}
static inline const char *code_okind(int i)
{
	return outcome_kind_code((enum outcome_kind)i);
}
static inline const char *code_ostatus(int i)
{
	return outcome_status_code((enum outcome_status)i);
}
static inline const char *code_policy(int i)
{
	return i == REP_SPAN ? "span" : i == REP_ALL ? "all" : "";
}

static const char jsonio_hexdigits[] = "0123456789abcdef";


/* Collecting callbacks: the store lends each record for the call only. */
#define COLLECT(type)                                                   \
	static inline int collect_##type(const struct type *r, void *arg)      \
	{                                                               \
		struct type *c = vec_push(arg);                         \
		type##_init(c);                                         \
		type##_copy(c, r);                                      \
		return 0;                                               \
	}                                                               \
	static inline void fini_##type(void *p)                                \
	{                                                               \
		type##_fini(p);                                         \
	}
COLLECT(topic_field)
COLLECT(organisation)
COLLECT(service)
COLLECT(project)
COLLECT(workshop)
COLLECT(outcome)
COLLECT(history_entry)
#undef COLLECT

static inline int cmp_field(const void *a, const void *b)
{
	const struct topic_field *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}
static inline int cmp_org(const void *a, const void *b)
{
	return uuid_cmp(&((const struct organisation *)a)->id, &((const struct organisation *)b)->id);
}
static inline int cmp_service(const void *a, const void *b)
{
	const struct service *x = a, *y = b;
	return (x->ozg_id > y->ozg_id) - (x->ozg_id < y->ozg_id);
}
static inline int cmp_project_number(const void *a, const void *b)
{
	const struct project *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}
static inline int cmp_project_id(const void *a, const void *b)
{
	return uuid_cmp(&((const struct project *)a)->id, &((const struct project *)b)->id);
}
static inline int cmp_workshop(const void *a, const void *b)
{
	return uuid_cmp(&((const struct workshop *)a)->id, &((const struct workshop *)b)->id);
}
static inline int cmp_outcome(const void *a, const void *b)
{
	return uuid_cmp(&((const struct outcome *)a)->id, &((const struct outcome *)b)->id);
}
static inline int cmp_history(const void *a, const void *b)
{
	const struct history_entry *x = a, *y = b;
	return (x->seq > y->seq) - (x->seq < y->seq);
}


#endif
