/* model.h - the entities of ozgtui (see ../shared/DOMAIN.md) and their record codecs.
 *
 * Every struct owns its strings and arrays; x_init() zeroes, x_fini() frees
 * (NULL-safe), x_copy() deep-copies. x_encode() appends one record (codec.h) to
 * a buffer; x_decode() fills a zeroed struct and keeps unknown fields.
 */
#ifndef OZGTUI_MODEL_H
#define OZGTUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ozgtui/codec.h"
#include "ozgtui/status.h"
#include "ozgtui/util.h"

struct uuid {
	uint8_t b[16];
};
void uuid_new(struct uuid *u);
/* A name-based UUID (SHA-1, RFC 4122 v5) in ozgtui's namespace: the same name
 * gives the same UUID in every database (used for reference data). */
void uuid_from_name(struct uuid *u, const char *name);
bool uuid_is_nil(const struct uuid *u);
int uuid_cmp(const struct uuid *a, const struct uuid *b);
void uuid_format(const struct uuid *u, char out[static 37]);
/* Parses the 36-character text form (either case); false for anything else. */
bool uuid_from_text(const char *s, struct uuid *u);

/* Labels: the code (machine formats, command-line input) never changes; the
 * label for people is an English msgid, translated where shown (*_label: the
 * German catalog gives the German term); *_label_de is the fixed German term,
 * for the German-language documents (Markdown and HTML reports). Parsers accept
 * the code, the German label and the English label. */

/* Municipality categories of the representativeness rule, village end to city end,
 * plus the county level. X(NAME, value, code name, English label, German label) */
#define CATEGORY_LIST(X)                                                                          \
	X(MUNICIPALITY, 1, "municipality", N_("Municipality in a county"), "Kreisangehörige Gemeinde") \
	X(MEDIUM_TOWN, 2, "medium-town", N_("Medium town in a county"), "Mittlere kreisangehörige Stadt") \
	X(LARGE_TOWN, 3, "large-town", N_("Large town in a county"), "Große kreisangehörige Stadt")  \
	X(CITY, 4, "city", N_("County-free city"), "Kreisfreie Stadt")                             \
	X(COUNTY, 5, "county", N_("County"), "Kreis")
enum category {
	CAT_NONE = 0,
#define CATEGORY_ENUM(name, v, code, label, label_de) CAT_##name = v,
	CATEGORY_LIST(CATEGORY_ENUM)
#undef CATEGORY_ENUM
	CAT__MAX = 5
};
#define CAT_BIT(c) (1u << (c))
/* Where nobody has said who delivers a service, categories 1-4 do. */
#define CAT_DEFAULT_DELIVERY                                                        \
	(CAT_BIT(CAT_MUNICIPALITY) | CAT_BIT(CAT_MEDIUM_TOWN) | CAT_BIT(CAT_LARGE_TOWN) | \
	 CAT_BIT(CAT_CITY))
const char *category_code(enum category c);   /* "medium-town"; "" for none */
const char *category_label(enum category c);     /* translated label; "" for none */
const char *category_label_de(enum category c);  /* German label; "" for none */
/* Parses a code, a label, a unique prefix of the code or German label, or a number 1-5. */
bool category_parse(const char *s, enum category *out);
/* Formats a CAT_BIT mask as "municipality,city" into b. */
void category_mask_format(struct buf *b, uint32_t mask);
/* Parses "municipality,city" (or numbers "1,4"); false with *bad set to the bad item. */
bool category_mask_parse(const char *s, uint32_t *mask, char **bad);

/* X(NAME, code, English label, German label) */
#define ORG_KIND_LIST(X)                                                            \
	X(MUNICIPALITY, "municipality", N_("Municipality"), "Gemeinde")             \
	X(COUNTY, "county", N_("County"), "Kreis")                                  \
	X(PROVIDER, "provider", N_("IT service provider"), "IT-Dienstleister")      \
	X(MINISTRY, "ministry", N_("Ministry"), "Ministerium")                      \
	X(OTHER, "other", N_("Other"), "Sonstige")
enum org_kind {
#define ORG_KIND_ENUM(name, code, label, label_de) ORG_##name,
	ORG_KIND_LIST(ORG_KIND_ENUM)
#undef ORG_KIND_ENUM
	ORG__COUNT
};
const char *org_kind_code(enum org_kind k);
const char *org_kind_label(enum org_kind k);     /* translated */
const char *org_kind_label_de(enum org_kind k);  /* German */
bool org_kind_parse(const char *s, enum org_kind *out);

/* A topic field (Themenfeld). Key: number 1..n. */
struct topic_field {
	uint16_t number;
	char *slug;       /* ASCII key, e.g. "bauen_wohnen" */
	char *name;       /* "Bauen & Wohnen" */
	char *alt_name;
	char *sponsor;    /* Themenpate */
	uint32_t version;
	struct unknown unknown;
};

/* A phase. Phases are one ordered list per database (struct phase_list). */
struct phase {
	uint8_t id;          /* stable id, 1..255, kept by projects */
	char *name;          /* "Umsetzung" */
	char *slug;          /* "umsetzung" */
	bool outside_line;   /* Pausiert, Abgebrochen: not part of the forward line */
	bool closed;         /* a project here is no longer active (Betrieb, Abgebrochen) */
};
struct phase_list {
	struct phase *v;
	size_t n;
};

/* An organisation. Key: UUID (name-based for reference data). */
struct organisation {
	struct uuid id;
	enum org_kind kind;
	char *name;            /* "Düsseldorf, Stadt" */
	char *ags;             /* official key, 8 digits (county: 5); NULL for others */
	enum category category;
	char *legal_type;      /* "kreisfreie Stadt", as in the reference data */
	uint32_t population;   /* census 2022 */
	char *county_ags;      /* parent county; NULL for county-free cities */
	char *size_class;      /* Landgemeinde, Kleinstadt, Mittelstadt, Großstadt */
	char *region;          /* Regierungsbezirk */
	bool demo;
	uint32_t version;
	struct unknown unknown;
};

/* An OZG service (OZG-Leistung). Key: OZG id. */
struct service {
	uint32_t ozg_id;
	char *name;
	uint16_t field;
	char *life_situation;
	uint32_t categories;   /* CAT_BIT mask of delivering categories; 0 = nobody said */
	uint32_t version;
	struct unknown unknown;
};
/* The categories that deliver s: its mask, or CAT_DEFAULT_DELIVERY when unset. */
uint32_t service_delivery(const struct service *s);

/* X(NAME, code, English label, German label) */
#define ROLE_LIST(X)                                                                \
	X(LEAD, "lead", N_("Lead"), "Federführung")                                 \
	X(MEMBER, "member", N_("Member"), "Mitglied")                               \
	X(ADVISOR, "advisor", N_("Advisor"), "Beratung")
enum role {
	ROLE_NONE = 0,
#define ROLE_ENUM(name, code, label, label_de) ROLE_##name,
	ROLE_LIST(ROLE_ENUM)
#undef ROLE_ENUM
};
const char *role_code(enum role r);
const char *role_label(enum role r);     /* translated */
const char *role_label_de(enum role r);  /* German */
bool role_parse(const char *s, enum role *out);

struct member {
	struct uuid org;
	enum role role;
};
struct phase_date {
	uint8_t phase;     /* phase id */
	int32_t planned;   /* day, 0 = none */
	int32_t reached;   /* day, 0 = none */
};

/* A project. Key: UUID; also a sequential number for humans. */
struct project {
	struct uuid id;
	uint32_t number;
	char *title;
	uint16_t field;                 /* 0 = none */
	uint32_t *services;             /* OZG ids */
	size_t n_services;
	uint8_t phase;                  /* phase id */
	struct phase_date *dates;
	size_t n_dates;
	struct member *team;
	size_t n_team;
	struct uuid *interested;        /* declared interest */
	size_t n_interested;
	struct uuid *ministries;        /* organisations of kind ministry */
	size_t n_ministries;
	struct strv departments;        /* Fachämter */
	struct strv components;         /* base components: "ePayBL", "Servicekonto.NRW" */
	struct strv solutions;          /* existing solutions found in the survey */
	uint8_t priority;               /* 1..5, 0 = none */
	char *notes;
	bool demo;                      /* part of the clearly marked sample */
	int64_t created;
	int64_t updated;
	char *created_by;
	char *updated_by;
	uint32_t version;               /* optimistic concurrency; 1 after creation */
	struct unknown unknown;
};

/* The project's lead organisation (first member with role lead), or NULL. */
const struct member *project_lead(const struct project *p);
const struct member *project_member(const struct project *p, const struct uuid *org);
/* Adds or updates a member; returns true when something changed. */
bool project_set_member(struct project *p, const struct uuid *org, enum role role);
bool project_remove_member(struct project *p, const struct uuid *org);
bool project_has_service(const struct project *p, uint32_t ozg_id);
void project_add_service(struct project *p, uint32_t ozg_id);
bool project_is_interested(const struct project *p, const struct uuid *org);
void project_add_interest(struct project *p, const struct uuid *org);
/* The date entry of a phase, created on demand when create is true. */
struct phase_date *project_date(struct project *p, uint8_t phase, bool create);
const struct phase_date *project_date_const(const struct project *p, uint8_t phase);

/* X(NAME, code, English label, German label) */
#define OUTCOME_KIND_LIST(X)                                                        \
	X(DECISION, "decision", N_("Decision"), "Entscheidung")                     \
	X(PRIORITY, "priority", N_("Priority"), "Priorität")                        \
	X(BUNDLE, "bundle", N_("Bundle"), "Bündelung")                              \
	X(VOLUNTEER, "volunteer", N_("Volunteers"), "Mitarbeit")                    \
	X(QUESTION, "question", N_("Open question"), "Offene Frage")                \
	X(ACTION, "action", N_("Action item"), "Aufgabe")
enum outcome_kind {
#define OUTCOME_KIND_ENUM(name, code, label, label_de) OUTCOME_##name,
	OUTCOME_KIND_LIST(OUTCOME_KIND_ENUM)
#undef OUTCOME_KIND_ENUM
	OUTCOME__COUNT
};
const char *outcome_kind_code(enum outcome_kind k);
const char *outcome_kind_label(enum outcome_kind k);     /* translated */
const char *outcome_kind_label_de(enum outcome_kind k);  /* German */
bool outcome_kind_parse(const char *s, enum outcome_kind *out);

#define OUTCOME_STATUS_LIST(X)                                                      \
	X(OPEN, "open", "offen")                                                    \
	X(DONE, "done", "erledigt")                                                 \
	X(DROPPED, "dropped", "verworfen")
enum outcome_status {
#define OUTCOME_STATUS_ENUM(name, code, label) OUTCOME_STATUS_##name,
	OUTCOME_STATUS_LIST(OUTCOME_STATUS_ENUM)
#undef OUTCOME_STATUS_ENUM
};
const char *outcome_status_code(enum outcome_status s);
bool outcome_status_parse(const char *s, enum outcome_status *out);

/* A workshop of a topic field. Key: UUID. */
struct workshop {
	struct uuid id;
	uint16_t field;
	int32_t date;
	char *title;
	char *place;
	struct uuid *participants;
	size_t n_participants;
	uint32_t head_count;
	char *notes;
	bool demo;
	int64_t created;
	int64_t updated;
	uint32_t version;
	struct unknown unknown;
};

/* An outcome (Ergebnis) of a workshop. Key: UUID. */
struct outcome {
	struct uuid id;
	struct uuid workshop;           /* nil when recorded outside a workshop */
	enum outcome_kind kind;
	char *text;
	char *owner;
	int32_t due;
	enum outcome_status status;
	struct uuid *projects;
	size_t n_projects;
	struct uuid *orgs;
	size_t n_orgs;
	uint32_t *services;
	size_t n_services;
	bool demo;
	int64_t created;
	int64_t updated;
	uint32_t version;
	struct unknown unknown;
};

/* One entry of history: who changed what, when. Key: sequence number. */
struct history_entry {
	uint64_t seq;
	int64_t time;
	char *user;
	char *entity;            /* "project", "organisation", "service", "database", ... */
	struct uuid entity_id;   /* nil when not about one record */
	uint32_t project_number; /* 0 when not about a project */
	char *action;            /* "create", "edit", "move", "team-add", "team-rm", ... */
	char *summary;           /* human-readable: "phase Workshop → Entscheidung" */
	uint8_t from_phase;      /* moves only */
	uint8_t to_phase;
	char *reason;            /* moves: the coordinator's reason, if any */
	bool forced;             /* a gate was overridden */
	struct unknown unknown;
};

/* A snapshot (Stand): a named, dated point in the database's history. It
 * stores no copy: the state it names is read back from the versions the store
 * keeps of every record (store_*_each_at). Key: name. */
struct snapshot {
	char *name;
	char *note;
	int64_t created;
	char *user;
	uint64_t revision;       /* the store's change counter when it was taken */
	struct unknown unknown;
};

/* Settings of one database (policy of the rules). */
enum rep_policy { REP_SPAN = 0, REP_ALL = 1 };
struct settings {
	enum rep_policy rep_policy;
	uint8_t gate_scope_phase;  /* into this phase or later: field + service needed (0 = off) */
	uint8_t gate_team_phase;   /* into this phase or later: representative team + decision */
	struct unknown unknown;
};

#define MODEL_DECL(type)                                                                 \
	void type##_init(struct type *x);                                                \
	void type##_fini(struct type *x);                                                \
	void type##_copy(struct type *dst, const struct type *src);                     \
	void type##_encode(const struct type *x, struct buf *b);                        \
	enum status type##_decode(struct type *x, const void *data, size_t len);
MODEL_DECL(topic_field)
MODEL_DECL(organisation)
MODEL_DECL(service)
MODEL_DECL(project)
MODEL_DECL(workshop)
MODEL_DECL(outcome)
MODEL_DECL(history_entry)
MODEL_DECL(settings)
MODEL_DECL(snapshot)
#undef MODEL_DECL

/* Where a decoder puts the strings it reads instead of one malloc each:
 * alloc(ctx, n) returns room for n bytes that the arena owns (never NULL). */
struct str_arena {
	char *(*alloc)(void *ctx, size_t n);
	void *ctx;
};
/* organisation_decode and service_decode with every string in a (NULL: as
 * they do). Such a record's strings are a's: set them to NULL before
 * x_fini. On failure x is left as x_init does (the strings stay in a). */
enum status organisation_decode_in(struct organisation *x, const void *data, size_t len,
				   const struct str_arena *a);
enum status service_decode_in(struct service *x, const void *data, size_t len,
			      const struct str_arena *a);

/* Decoding many projects one after the other without an allocation per field:
 * the strings and arrays of a project decoded with project_decode_scratch lie
 * in s, reused by the next decode with s. Such a project is borrowed: valid
 * until the next decode with s or project_scratch_fini, read-only, never
 * passed to project_fini (project_copy makes an owned copy). */
struct project_scratch {
	struct buf text;               /* the strings, NUL-terminated */
	uint8_t *unknown;
	size_t cap_unknown;
	uint32_t *services;
	struct phase_date *dates;
	struct member *team;
	struct uuid *interested, *ministries;
	char **lists[3];               /* departments, components, solutions */
	size_t cap_services, cap_dates, cap_team, cap_interested, cap_ministries, cap_lists[3];
	/* The record's fields left out (empty, not checked) by the decodes with
	 * s, as bits 1 << tag: 0 (project_scratch_init) reads every field; a
	 * reader that looks only at some sets PROJECT_SKIP_ROW or the like. */
	uint32_t skip;
};
/* What no listing row (list: table, tsv, JSON) shows and no
 * filter of only phases and fields judges: the interested organisations,
 * ministries, departments, components, solutions, notes, creation time and
 * author, last author (tags 9-13, 15, 17, 19, 20 of project_encode). */
#define PROJECT_SKIP_ROW                                                                      \
	((uint32_t)(1u << 9 | 1u << 10 | 1u << 11 | 1u << 12 | 1u << 13 | 1u << 15 | 1u << 17 | 1u << 19 | \
		    1u << 20))
void project_scratch_init(struct project_scratch *s);
void project_scratch_fini(struct project_scratch *s);
/* As project_decode, into s; on failure *x is zeroed. */
enum status project_decode_scratch(struct project *x, struct project_scratch *s, const void *data, size_t len);

/* Limits every text keeps, whichever way it comes in (CLI, TUI, import), so
 * that an export of any database imports again (docs/json-format.md): valid
 * UTF-8; a project's or workshop's title at most MODEL_MAX_TITLE bytes; slugs,
 * AGS, history entity and action MODEL_MAX_KEY; user names MODEL_MAX_USER; a
 * phase name MODEL_MAX_PHASE_NAME; any other text MODEL_MAX_TEXT. The store
 * refuses a record that breaks them. */
#define MODEL_MAX_TITLE 500
#define MODEL_MAX_TEXT 65536
#define MODEL_MAX_KEY 64
#define MODEL_MAX_USER 256
#define MODEL_MAX_PHASE_NAME 200
/* STATUS_DATA with a detail naming the text ("title: not valid UTF-8 (byte
 * 4)", "notes: too long (70000 bytes, at most 65536)") when one breaks the
 * limits; STATUS_OK otherwise. */
enum status topic_field_check(const struct topic_field *x);
enum status organisation_check(const struct organisation *x);
enum status service_check(const struct service *x);
enum status project_check(const struct project *x);
enum status workshop_check(const struct workshop *x);
enum status outcome_check(const struct outcome *x);
enum status history_entry_check(const struct history_entry *x);
enum status snapshot_check(const struct snapshot *x);
enum status phase_list_check(const struct phase_list *x);

void phase_list_init(struct phase_list *l);
void phase_list_fini(struct phase_list *l);
void phase_list_copy(struct phase_list *dst, const struct phase_list *src);
void phase_list_encode(const struct phase_list *l, struct buf *b);
enum status phase_list_decode(struct phase_list *l, const void *data, size_t len);
/* The default list (Sichtung ... Betrieb, Pausiert, Abgebrochen) or the KDN preset. */
void phase_list_default(struct phase_list *l);
void phase_list_kdn(struct phase_list *l);
const struct phase *phase_list_get(const struct phase_list *l, uint8_t id);
/* The phase new projects start in: the first on the line (else the first), 0 when empty. */
uint8_t phase_list_first(const struct phase_list *l);
/* Position in the list (0-based), or -1. */
int phase_list_index(const struct phase_list *l, uint8_t id);
/* Finds a phase by name, slug or unique prefix, case- and accent-insensitively.
 * STATUS_NOT_FOUND or STATUS_DATA (ambiguous) with a detail message. */
enum status phase_list_find(const struct phase_list *l, const char *name, uint8_t *id);
/* Next/previous phase on the line (skipping outside_line phases); 0 when none. */
uint8_t phase_list_next(const struct phase_list *l, uint8_t id);
uint8_t phase_list_prev(const struct phase_list *l, uint8_t id);

#endif
