/* check.h - findings over the projects: teams not representative, late projects,
 * parallel work on one service, overdue action items, bundles drifting apart
 * (workshop outcomes, see workshops.h). Used by the
 * `check` verb, the dashboard's findings column and exports.
 */
#ifndef OZGTUI_CHECK_H
#define OZGTUI_CHECK_H

#include "ozgtui/catalog.h"
#include "ozgtui/filter.h"
#include "ozgtui/store.h"

/* X(NAME, code, German label) */
#define FINDING_KIND_LIST(X)                                                        \
	X(NOT_REPRESENTATIVE, "not-representative", "nicht repräsentativ")          \
	X(LATE, "late", "verspätet")                                                \
	X(PARALLEL, "parallel", "Parallelarbeit")                                   \
	X(NO_LEAD, "no-lead", "ohne Federführung")                                 \
	X(OVERDUE, "overdue", "Aufgabe überfällig")                                 \
	X(BUNDLE_DRIFT, "bundle-drift", "Bündel driftet auseinander")
enum finding_kind {
#define FINDING_KIND_ENUM(name, code, label) FINDING_##name,
	FINDING_KIND_LIST(FINDING_KIND_ENUM)
#undef FINDING_KIND_ENUM
	FINDING__COUNT
};
const char *finding_kind_code(enum finding_kind k);
const char *finding_kind_label(enum finding_kind k);

struct finding {
	enum finding_kind kind;
	struct uuid project;
	uint32_t number;
	uint16_t field;
	uint32_t other_number;   /* PARALLEL: the other project */
	uint32_t service;        /* PARALLEL: the shared service */
	char *text;              /* one line, English code terms: "missing: municipality" */
	struct uuid outcome;     /* OVERDUE, BUNDLE_DRIFT: the outcome (project: its first
				  * matching linked project, or nil and number 0 when none) */
};
struct findings {
	struct finding *v;
	size_t n;
	size_t cap;
};
void findings_init(struct findings *f);
void findings_fini(struct findings *f);

/* Runs every check on the projects matching filter (NULL = all). */
enum status check_run(struct txn *t, const struct catalog *c, const struct filter *filter,
		      int32_t today, struct findings *out);

#endif
