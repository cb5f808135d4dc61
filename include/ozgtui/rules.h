/* rules.h - the domain rules as pure functions (see ../shared/DOMAIN.md).
 *
 * Nothing here touches the store: callers pass the facts. Each rule has a
 * table-driven test in tests/unit/test_rules.c.
 */
#ifndef OZGTUI_RULES_H
#define OZGTUI_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/catalog.h"
#include "ozgtui/model.h"

/* Representativeness. */
struct team_verdict {
	bool representative;
	uint32_t delivering;  /* CAT_BIT mask: categories delivering any of the services */
	uint32_t required;    /* CAT_BIT mask the policy asks for */
	uint32_t present;     /* CAT_BIT mask of the team's members */
	uint32_t missing;     /* required & ~present */
};
/* The categories a team must hold, given the union of delivering categories:
 * span: the lowest and the highest of 1-4 delivered, plus county if delivered;
 * all: every delivering category. */
uint32_t rules_required_categories(uint32_t delivering, enum rep_policy policy);
/* Verdict from delivering categories and the categories of the team's members. */
struct team_verdict rules_team_verdict(uint32_t delivering, uint32_t present, enum rep_policy policy);
/* Convenience: the verdict of a project against a catalog (services' delivery,
 * members' categories, the database's policy). A project without services
 * is judged against CAT_DEFAULT_DELIVERY. */
struct team_verdict rules_check_team(const struct catalog *c, const struct project *p);

/* Suggestions to fill the missing categories: organisations of a missing
 * category not yet in the team; those interested in the project (or named in
 * extra_first, e.g. workshop volunteers) come first, then by population
 * (largest first for the city end, smallest first for the village end), then name.
 * Fills up to max pointers into out (borrowed from c); returns how many. */
size_t rules_suggest(const struct catalog *c, const struct project *p,
		     const struct team_verdict *v, const struct uuid *extra_first, size_t n_extra,
		     const struct organisation **out, size_t max);

/* Gates. */
struct gate_facts {
	bool has_field;
	size_t n_services;
	bool representative;
	bool has_decision;     /* a decision outcome is linked to the project */
};
/* Checks a move of a project to phase `to`. Returns true when allowed; when not,
 * appends the reasons to why ("no topic field; no service"), in English as
 * history keeps them. Moves into phases outside the line (Pausiert, Abgebrochen)
 * and backwards are never gated. */
bool rules_gate_allows(const struct phase_list *phases, const struct settings *st,
		       uint8_t from, uint8_t to, const struct gate_facts *facts, struct buf *why);
/* Appends the reasons of rules_gate_allows (why; NULL for none) to out in the
 * user's language (each reason through gettext). */
void rules_why_text(const char *why, struct buf *out);

/* Late: a phase after the project's current one on the line has a planned date
 * before today and no reached date. Returns the first such phase id, or 0. */
uint8_t rules_late_phase(const struct phase_list *phases, const struct project *p, int32_t today);
/* The planned date of the next phase not reached yet (0 when none). */
int32_t rules_next_planned(const struct phase_list *phases, const struct project *p);
/* Active: not in a closed phase (Betrieb, Abgebrochen) and not paused. */
bool rules_is_active(const struct phase_list *phases, const struct project *p);

/* Breadth: how many municipalities deliver any of the project's services. */
uint32_t rules_breadth(const struct catalog *c, const struct project *p);

/* Parallel work: two active projects implementing the same service. Given the
 * projects that share service s with p (found through the service index), the
 * caller reports each pair; this predicate says whether a pair counts. */
bool rules_parallel(const struct phase_list *phases, const struct project *a, const struct project *b);

#endif
