/* model_internal.h - small helpers shared by model.c and model_codec.c. */
#ifndef OZGTUI_MODEL_INTERNAL_H
#define OZGTUI_MODEL_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "ozgtui/model.h"

static inline char *sdup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static inline void *mdup(const void *p, size_t n, size_t size)
{
	if (!p || n == 0)
		return NULL;
	void *q = xmalloc(n * size);
	memcpy(q, p, n * size);
	return q;
}

static inline void push_uuid(struct uuid **v, size_t *n, const struct uuid *u)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *u;
}

static inline void push_u32(uint32_t **v, size_t *n, uint32_t x)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = x;
}

static inline bool has_uuid(const struct uuid *v, size_t n, const struct uuid *u)
{
	for (size_t i = 0; i < n; i++)
		if (uuid_cmp(&v[i], u) == 0)
			return true;
	return false;
}


static inline void phase_list_add(struct phase_list *l, uint8_t id, const char *name,
			   const char *slug, bool outside_line, bool closed)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	struct phase *p = &l->v[l->n++];
	p->id = id;
	p->name = sdup(name);
	p->slug = sdup(slug);
	p->outside_line = outside_line;
	p->closed = closed;
}

/* The number of roles and of outcome statuses, from their X-macros. */
#define MODEL_COUNT_ONE(...) +1
#define ROLE_COUNT (0 ROLE_LIST(MODEL_COUNT_ONE))
#define OUTCOME_STATUS_COUNT (0 OUTCOME_STATUS_LIST(MODEL_COUNT_ONE))

#endif
