/* demo.h - the clearly marked sample data of `init --demo`: around 80 projects
 * across all fields and phases with teams (some not representative), interest,
 * planned dates (some late), base components, outcomes and history. Generated
 * deterministically from a seed, relative to clock_today().
 */
#ifndef OZGTUI_DEMO_H
#define OZGTUI_DEMO_H

#include "ozgtui/catalog.h"
#include "ozgtui/store.h"

/* Adds the sample inside t; the catalog must be loaded from the seeded database. */
enum status demo_seed(struct txn *t, const struct catalog *c, uint32_t seed);

#endif
