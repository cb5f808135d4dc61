/* workshops_internal.h - small helpers shared by workshops.c (rules, lists),
 * workshops_filter.c and workshops_write.c. Private to those three. */
#ifndef OZGTUI_WORKSHOPS_INTERNAL_H
#define OZGTUI_WORKSHOPS_INTERNAL_H

#include "ozgtui/util.h"
#include "ozgtui/workshops.h"

static inline bool uuid_in(const struct uuid *v, size_t n, const struct uuid *u)
{
	for (size_t i = 0; i < n; i++)
		if (uuid_cmp(&v[i], u) == 0)
			return true;
	return false;
}

static inline void uuid_push(struct uuid **v, size_t *n, const struct uuid *u)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *u;
}

static inline const char *str(const char *s)
{
	return s ? s : "";
}

#endif
