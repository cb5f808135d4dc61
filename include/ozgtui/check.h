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

/* X(NAME, code, label): the code is what the CLI and JSON print; the label an
 * English msgid, translated by finding_kind_label. */
#define FINDING_KIND_LIST(X)                                                        \
	X(NOT_REPRESENTATIVE, "not-representative", N_("not representative"))       \
	X(LATE, "late", N_("late"))                                                 \
	X(PARALLEL, "parallel", N_("parallel work"))                                \
	X(NO_LEAD, "no-lead", N_("no lead organisation"))                          \
	X(OVERDUE, "overdue", N_("action item overdue"))                            \
	X(BUNDLE_DRIFT, "bundle-drift", N_("bundle drifting apart"))
enum finding_kind {
#define FINDING_KIND_ENUM(name, code, label) FINDING_##name,
	FINDING_KIND_LIST(FINDING_KIND_ENUM)
#undef FINDING_KIND_ENUM
	FINDING__COUNT
};
const char *finding_kind_code(enum finding_kind k);
/* The label in the user's language (gettext); "" for an unknown kind. */
const char *finding_kind_label(enum finding_kind k);

struct finding {
	enum finding_kind kind;
	struct uuid project;
	uint32_t number;
	uint16_t field;
	uint32_t other_number;   /* PARALLEL: the lowest-numbered other project;
				  * BUNDLE_DRIFT: the project furthest ahead */
	uint32_t n_others;       /* PARALLEL: how many other projects in all; BUNDLE_DRIFT: 1 */
	uint32_t service;        /* PARALLEL: the lowest shared service */
	char *text;              /* one line, as asked for (enum check_texts): "missing:
				  * municipality" plain, "es fehlt: municipality" for people */
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

/* The texts a check writes into its findings: none (it counts only), plain
 * (English, ISO dates, "1,203": JSON, stable for scripts) or for people (the
 * user's language, the locale's dates and numbers: the check table). Category
 * codes, phase names, numbers and what outcomes say stay as they are in both. */
enum check_texts { CHECK_TEXTS_NONE, CHECK_TEXTS_PLAIN, CHECK_TEXTS_PEOPLE };

/* Runs every check on the projects matching filter (NULL = all) and appends
 * the findings, sorted, with texts of the kind asked for (CHECK_TEXTS_NONE is
 * taken as plain), to out. */
enum status check_run(struct txn *t, const struct catalog *c, const struct filter *filter,
		      int32_t today, enum check_texts texts, struct findings *out);

/* The same work in steps, for a screen that must not wait for it (the
 * dashboard): each step does at most `budget` items (a project read, a
 * service's list sorted, a project's partners counted, an outcome read), in
 * any read transaction; the caller starts a new job when the database
 * changed in between. With CHECK_TEXTS_NONE only the counts are kept (no
 * findings: what the dashboards need). c and filter are borrowed for the job's
 * life. */
struct check_job;
struct check_job *check_job_new(const struct catalog *c, const struct filter *filter, int32_t today,
				enum check_texts texts);
/* *done is set when the job is complete; an error ends the job. */
enum status check_job_step(struct check_job *j, struct txn *t, size_t budget, bool *done);
/* Findings of kind k on projects of field (0: none; outcomes without a
 * project count under their own field) found so far. */
uint32_t check_job_count(const struct check_job *j, uint16_t field, enum finding_kind k);
/* Findings of kind k over every field found so far. */
uint32_t check_job_kind_total(const struct check_job *j, enum finding_kind k);
/* All findings found so far, of every kind. */
size_t check_job_total(const struct check_job *j);
/* Appends the findings of a complete job with texts (not CHECK_TEXTS_NONE),
 * sorted, to out. */
void check_job_take(struct check_job *j, struct findings *out);
void check_job_free(struct check_job *j);

#endif
