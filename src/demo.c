/* demo.c - the clearly marked sample data of `init --demo`.
 *
 * Every project, workshop, outcome and organisation added here has demo = true
 * and a note saying it is sample data. The projects have realistic titles and
 * are linked to real OZG services of their topic field (found by name in the
 * catalog), real NRW municipalities, counties and IT service providers, and the
 * base components of data/nrw_basiskomponenten.csv. Deliberately, some teams are
 * not representative and some projects are late, so that every check has
 * material. Delivering categories are set for the services the sample uses
 * (the only change to reference data; each is recorded in history).
 *
 * Deterministic for a given seed and today: one splitmix64 generator, the
 * catalog's sorted arrays, name-based UUIDs derived from the seed.
 */
#include "ozgtui/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ozgtui/refdata.h"
#include "ozgtui/rules.h"
#include "ozgtui/util.h"

#define M CAT_BIT(CAT_MUNICIPALITY)
#define MT CAT_BIT(CAT_MEDIUM_TOWN)
#define LT CAT_BIT(CAT_LARGE_TOWN)
#define CI CAT_BIT(CAT_CITY)
#define K CAT_BIT(CAT_COUNTY)
#define ALL_MASK (M | MT | LT | CI | K)

/* Delivering categories the sample sets, after the usual NRW competences:
 * every municipality (D_ALL), plus the counties (D_ALLK), untere Bauaufsicht,
 * Jugendamt, Wohngeld, Straßenverkehr (D_BIG: medium and large towns, cities,
 * counties), Zulassung, Fahrerlaubnis, Ausländerbehörde (D_LCK), or counties and
 * cities only (D_CK). 0 leaves a service as it is (nobody said: categories 1-4,
 * which is what D_ALL says explicitly for a few well-known ones). */
#define D_ALL (M | MT | LT | CI)
#define D_ALLK (M | MT | LT | CI | K)
#define D_BIG (MT | LT | CI | K)
#define D_LCK (LT | CI | K)
#define D_CK (CI | K)

/* Base components a template needs, looked up by name prefix in the CSV. */
enum {
	NEEDS_ACCOUNT = 1 << 0,   /* a citizen account: BundID, or Servicekonto.NRW before */
	NEEDS_PAYMENT = 1 << 1,   /* ePayBL */
	NEEDS_BUSINESS = 1 << 2,  /* Mein Unternehmenskonto */
};
#define ACC NEEDS_ACCOUNT
#define PAY NEEDS_PAYMENT
#define BIZ NEEDS_BUSINESS

struct tmpl {
	uint16_t field;
	const char *title;
	const char *services[3];     /* words of service names in the field */
	const char *departments[2];
	unsigned needs;
	uint32_t delivery;           /* delivering categories of those services, 0 = leave */
};

static const struct tmpl templates[] = {
	/* 1 Arbeit & Ruhestand */
	{1, "Wohngeld digital", {"Wohngeld"}, {"Wohngeldstelle"}, ACC, D_BIG},
	{1, "Grundsicherung im Alter online beantragen", {"Grundsicherung im Alter"}, {"Sozialamt"}, ACC, D_CK},
	{1, "Hilfe zum Lebensunterhalt digital", {"Hilfe zum Lebensunterhalt", "Hilfe in sonstigen Lebenslagen"},
	 {"Sozialamt"}, ACC, D_CK},
	{1, "Bildung und Teilhabe online", {"Bildung und Teilhabe"}, {"Sozialamt", "Schulverwaltungsamt"}, ACC,
	 D_CK},
	{1, "Seniorenpass online", {"Seniorenpass"}, {"Seniorenbüro"}, ACC, 0},
	/* 2 Bauen & Wohnen */
	{2, "Digitaler Bauantrag", {"Baugenehmigung", "Genehmigungsfreistellung", "Bauvorhabensankündigung"},
	 {"Bauaufsicht"}, ACC | PAY, D_BIG},
	{2, "Digitale Bauvoranfrage", {"Bauvorbescheid"}, {"Bauaufsicht", "Planungsamt"}, ACC | PAY, D_BIG},
	{2, "Baumfällgenehmigung online", {"Baumfällgenehmigung"}, {"Grünflächenamt", "Umweltamt"}, ACC, 0},
	{2, "Baulastenauskunft online", {"Baulastenverzeichnis"}, {"Bauaufsicht"}, ACC | PAY, D_BIG},
	{2, "Denkmalrechtliche Erlaubnis digital", {"Denkmalrechtliche Genehmigung", "Denkmalverzeichnis"},
	 {"Untere Denkmalbehörde"}, ACC, 0},
	{2, "Bodenrichtwerte und Grundstücksmarktberichte online", {"Bodenrichtwerten", "Verkehrswertgutachten"},
	 {"Gutachterausschuss", "Vermessungs- und Katasteramt"}, PAY, D_LCK},
	{2, "Grundsteuer digital", {"Grundsteuer"}, {"Steueramt", "Kämmerei"}, ACC | PAY, D_ALL},
	{2, "Online-Wohnsitzanmeldung", {"Wohnsitzmeldungen", "Übermittlungssperren"}, {"Bürgeramt"}, ACC, 0},
	{2, "Sperrmüll und Abfallbehälter online", {"Abfallentsorgung"}, {"Abfallwirtschaftsbetrieb"}, ACC | PAY,
	 D_ALLK},
	{2, "Abgeschlossenheitsbescheinigung online", {"Abgeschlossenheitsbescheinigung"}, {"Bauaufsicht"},
	 ACC | PAY, D_BIG},
	/* 3 Bildung */
	{3, "Schulanmeldung online", {"Schulaufnahme"}, {"Schulverwaltungsamt"}, ACC, 0},
	{3, "Schülerfahrkosten digital", {"Schülerbeförderung"}, {"Schulverwaltungsamt"}, ACC, 0},
	{3, "Anmeldung Offene Ganztagsschule", {"Hortbetreuung"}, {"Schulverwaltungsamt", "Jugendamt"}, ACC | PAY, 0},
	{3, "Stadtbibliothek und Archiv digital", {"Bibliotheks- und Archivangebote"},
	 {"Stadtbibliothek", "Stadtarchiv"}, ACC, 0},
	{3, "VHS-Kursanmeldung online", {"Aus-, Fort- und Weiterbildungsangebote"}, {"Volkshochschule"}, ACC | PAY,
	 0},
	/* 4 Ein- & Auswanderung */
	{4, "Digitale Ausländerbehörde", {"Aufenthaltstitel", "Aufenthaltskarten"}, {"Ausländerbehörde"},
	 ACC | PAY, D_LCK},
	{4, "Einbürgerung online", {"Einbürgerung", "Einbürgerungstest"}, {"Einbürgerungsbehörde"}, ACC | PAY, D_LCK},
	{4, "Verpflichtungserklärung digital", {"Verpflichtungserklärung"}, {"Ausländerbehörde"}, ACC | PAY, D_LCK},
	{4, "Asylbewerberleistungen digital", {"Asylbewerberleistungsgesetz"}, {"Sozialamt"}, 0, 0},
	{4, "Beschäftigungserlaubnis online", {"Beschäftigungserlaubnis"}, {"Ausländerbehörde"}, ACC, 0},
	/* 5 Engagement & Hobby */
	{5, "Online-Anmeldung Hund", {"Hundehaltung"}, {"Steueramt", "Ordnungsamt"}, ACC, D_ALL},
	{5, "Briefwahl online", {"Wahlschein und Briefwahl"}, {"Wahlamt"}, ACC, 0},
	{5, "Wahlhelfende online gewinnen", {"Wahlhelferanmeldung"}, {"Wahlamt"}, 0, 0},
	{5, "Mängelmelder", {"Mängel melden"}, {"Ordnungsamt", "Tiefbauamt"}, 0, 0},
	{5, "Fischereischein digital", {"Fischereischein"}, {"Ordnungsamt"}, ACC | PAY, 0},
	{5, "Jagdschein online verlängern", {"Jagdschein"}, {"Untere Jagdbehörde"}, ACC | PAY, D_CK},
	{5, "Ehrenamtskarte digital", {"Förderung ehrenamtlicher Tätigkeit"}, {"Ehrenamtsbüro"}, ACC, 0},
	/* 6 Familie & Kind */
	{6, "Elterngeld digital", {"Elterngeld"}, {"Elterngeldstelle"}, ACC, D_CK},
	{6, "Kita-Platz online suchen und anmelden", {"Kindertagesbetreuung"}, {"Jugendamt"}, ACC, D_BIG},
	{6, "Digitale Geburtsanzeige", {"Geburtsanzeige", "Vaterschafts"}, {"Standesamt"}, ACC, 0},
	{6, "Eheschließung online anmelden", {"Eheschließung", "Ehefähigkeitszeugnis"}, {"Standesamt"}, ACC | PAY,
	 0},
	{6, "Unterhaltsvorschuss online", {"Unterhaltsvorschuss"}, {"Jugendamt"}, ACC, D_BIG},
	{6, "Namensänderung digital", {"Namensänderung"}, {"Standesamt", "Ordnungsamt"}, ACC | PAY, 0},
	{6, "Familienpass digital", {"Familienpass"}, {"Jugendamt"}, ACC, 0},
	/* 7 Forschung & Förderung */
	{7, "Kulturförderung online beantragen", {"Kulturförderung"}, {"Kulturamt"}, ACC | BIZ, 0},
	{7, "Förderportal Wirtschaftsförderung", {"Wirtschaftsförderung", "Investitionsförderung"},
	 {"Wirtschaftsförderung"}, BIZ, 0},
	{7, "Förderung Offener Ganztag digital", {"Ganztagsschulförderung"}, {"Schulverwaltungsamt"}, BIZ, 0},
	{7, "Wildschadensmeldung online", {"Wildschädenersatz"}, {"Ordnungsamt"}, ACC, 0},
	/* 8 Gesundheit */
	{8, "Schwerbehindertenausweis online", {"Schwerbehindertenausweis", "Anerkennung von gesundheitlichen"},
	 {"Versorgungsamt"}, ACC, D_CK},
	{8, "Digitale Sterbefallanzeige", {"Sterbefallanzeige", "Sterbeurkunde"}, {"Standesamt"}, ACC | PAY, 0},
	{8, "Friedhofsverwaltung digital", {"Bestattung", "Ruherechtsentschädigung"}, {"Friedhofsverwaltung"}, PAY,
	 0},
	{8, "Pflegewohngeld digital", {"Pflegewohngeld", "Hilfe zur Pflege"}, {"Sozialamt"}, ACC, D_CK},
	{8, "Impfberatung und Impfbescheinigungen online", {"Impfung"}, {"Gesundheitsamt"}, ACC, D_CK},
	{8, "Infektionsschutzbelehrung online", {"Gesundheitsberatungen"}, {"Gesundheitsamt"}, ACC | PAY, D_CK},
	{8, "Eingliederungshilfe digital", {"Eingliederungshilfe", "Hilfeplanaufstellung"}, {"Sozialamt"}, ACC, 0},
	/* 9 Mobilität & Reisen */
	{9, "Anwohnerparken digital", {"Parkausweise und Zufahrtsberechtigungen"}, {"Straßenverkehrsbehörde"},
	 ACC | PAY, D_BIG},
	{9, "i-Kfz: Fahrzeugzulassung online", {"Kraftfahrzeugzulassung", "Kraftfahrzeugkennzeichen",
	 "Zulassungsbescheinigung"}, {"Zulassungsstelle"}, ACC | PAY, D_LCK},
	{9, "Führerschein online umtauschen", {"Führerschein"}, {"Fahrerlaubnisbehörde"}, ACC | PAY, D_LCK},
	{9, "Handwerkerparkausweis online", {"Parkausweise für Betriebe"}, {"Straßenverkehrsbehörde"}, BIZ | PAY,
	 D_BIG},
	{9, "Großraum- und Schwertransporte digital", {"Großraum- und Schwerverkehr"}, {"Straßenverkehrsbehörde"},
	 BIZ | PAY, D_LCK},
	{9, "Reisepass mit Online-Terminbuchung", {"Reisepass"}, {"Bürgeramt"}, ACC | PAY, 0},
	{9, "Halteverbotszone für Umzüge online", {"Ausnahmegenehmigungen für den Verkehr"},
	 {"Straßenverkehrsbehörde"}, ACC | PAY, D_BIG},
	/* 10 Querschnitt */
	{10, "Personalausweis mit Online-Terminbuchung", {"Personalausweis"}, {"Bürgeramt"}, ACC | PAY, D_ALL},
	{10, "Meldebescheinigung online", {"Meldebescheinigung"}, {"Bürgeramt"}, ACC | PAY, 0},
	{10, "Geburtsurkunde online bestellen", {"Geburtsurkunde"}, {"Standesamt"}, ACC | PAY, 0},
	{10, "Führungszeugnis online beantragen", {"Führungszeugnis"}, {"Bürgeramt"}, ACC | PAY, 0},
	{10, "Gewerberegisterauskunft online", {"Gewerberegisterauszug"}, {"Gewerbeamt"}, BIZ | PAY, 0},
	/* 11 Recht & Ordnung */
	{11, "Digitales Fundbüro", {"Fundsachen"}, {"Fundbüro"}, ACC, 0},
	{11, "Bußgeldverfahren digital", {"Bußgeldverfahren"}, {"Ordnungsamt"}, ACC | PAY, D_ALLK},
	{11, "Hochwasser- und Starkregenvorsorge online", {"Hochwasserschutzmaßnahmen"}, {"Tiefbauamt", "Umweltamt"},
	 0, 0},
	{11, "Soforthilfe bei Elementarschäden digital", {"Elementarschäden"}, {"Sozialamt"}, ACC, 0},
	/* 12 Steuern & Zoll */
	{12, "Gewerbesteuer digital", {"Gewerbesteuer"}, {"Steueramt"}, BIZ | PAY, 0},
	{12, "Vergnügungsteuer online erklären", {"Vergnügungsteuer"}, {"Steueramt"}, BIZ | PAY, 0},
	{12, "Übernachtungsteuer online", {"Übernachtungssteuer", "Kultur- und Tourismustaxe"}, {"Steueramt"},
	 BIZ | PAY, MT | LT | CI},
	{12, "Kurabgabe digital", {"Kurabgabe"}, {"Kurverwaltung"}, PAY, M | MT},
	/* 13 Umwelt */
	{13, "Abwassereinleitung und Kleinkläranlagen digital", {"Einleiten von Abwasser"},
	 {"Untere Wasserbehörde"}, ACC | PAY, D_CK},
	{13, "Gewässerbenutzung online beantragen", {"Benutzung eines Gewässers"}, {"Untere Wasserbehörde"},
	 BIZ | PAY, D_CK},
	{13, "Altlastenauskunft online", {"Altlasten"}, {"Untere Bodenschutzbehörde"}, PAY, D_CK},
	{13, "Lebensmittelüberwachung digital", {"Lebensmittelprüfung"},
	 {"Veterinär- und Lebensmittelüberwachungsamt"}, BIZ, D_CK},
	{13, "Naturschutzrechtliche Genehmigungen digital", {"Naturschutzrechtliche Eingriffsgenehmigungen",
	 "Artenschutzrechtliche"}, {"Untere Naturschutzbehörde"}, ACC, D_CK},
	/* 14 Unternehmensführung & -entwicklung */
	{14, "Gewerbeanmeldung online", {"Unternehmensanmeldung", "Steuerliche Anmeldung"}, {"Gewerbeamt"},
	 BIZ | PAY, D_ALL},
	{14, "Gewerbeabmeldung online", {"Steuerliche Abmeldung"}, {"Gewerbeamt"}, BIZ, 0},
	{14, "Gaststättenerlaubnis digital", {"Tätigkeitsanzeige und -erlaubnis"}, {"Gewerbeamt", "Ordnungsamt"},
	 BIZ | PAY, 0},
	{14, "Sondernutzung öffentlicher Straßen online", {"Sondernutzung von Straßen"}, {"Tiefbauamt"}, BIZ | PAY,
	 0},
	{14, "Veranstaltungen online anmelden", {"Veranstaltungserlaubnis", "Sperrzeit"}, {"Ordnungsamt"},
	 BIZ | PAY, 0},
	{14, "Marktstände online vergeben", {"Wochen- und Spezialmärkte"}, {"Marktamt"}, BIZ | PAY, 0},
	{14, "E-Vergabe für Kommunen", {"Öffentliche Vergabe"}, {"Zentrale Vergabestelle"}, BIZ, 0},
};
#define N_TEMPLATES ARRAY_LEN(templates)

/* IT service providers that lead projects, as named in the provider list, with
 * the counties (AGS) and Regierungsbezirk of their members: a team is drawn
 * from near its lead. A provider missing from the database is skipped. */
static const struct lead_provider {
	const char *name;
	const char *region;
	const char *counties[5];
} lead_providers[] = {
	{"krz Minden/Ravensberg-Lippe", "Detmold", {"05766", "05770", "05758"}},
	{"GKD Paderborn", "Detmold", {"05774", "05762"}},
	{"Stadt Münster, citeq", "Münster", {"05570", "05558"}},
	{"KAAW", "Münster", {"05566", "05554"}},
	{"GKD Recklinghausen", "Münster", {"05562"}},
	{"civitec", "Köln", {"05382", "05374", "05378"}},
	{"regio iT gmbh", "Köln", {"05334", "05370"}},
	{"kdvz Rhein-Erft-Rur", "Köln", {"05362", "05358", "05366"}},
	{"ITK Rheinland", "Düsseldorf", {"05162", "05158"}},
	{"KRZN", "Düsseldorf", {"05154", "05170", "05166"}},
	{"Südwestfalen-IT", "Arnsberg", {"05970", "05966", "05962", "05958", "05974"}},
};
#define N_LEADS ARRAY_LEN(lead_providers)

/* Real NRW ministries (names as of the 2022 cabinet); added as demo organisations. */
static const char *const ministries[] = {
	"Ministerium für Heimat, Kommunales, Bau und Digitalisierung des Landes Nordrhein-Westfalen",
	"Ministerium des Innern des Landes Nordrhein-Westfalen",
	"Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
};
/* Which ministry (index above) is involved in projects of a topic field; -1 none. */
static const int field_ministry[15] = {
	[0] = -1, [1] = 2, [2] = 0, [3] = -1, [4] = 1, [5] = -1, [6] = -1, [7] = -1,
	[8] = 2, [9] = -1, [10] = 0, [11] = 1, [12] = -1, [13] = -1, [14] = 0,
};

static const char *const pause_reasons[] = {
	"Pausiert: Die Einer-für-Alle-Lösung des Landes wird abgewartet.",
	"Pausiert: Der Fachverfahrenshersteller liefert die Schnittstelle erst im nächsten Jahr.",
	"Pausiert: Personalengpass beim federführenden IT-Dienstleister.",
};
static const char *const cancel_reasons[] = {
	"Abgebrochen: Der Online-Dienst eines anderen Landes (EfA) wird nachgenutzt.",
	"Abgebrochen: Die Leistung wird künftig zentral vom Land angeboten.",
};
static const char *const variants[] = {
	"Nachnutzung des Einer-für-Alle-Dienstes",
	"gemeinsame Eigenentwicklung im KDN-Verbund",
	"Anbindung der vorhandenen Fachverfahren über das Kommunalportal.NRW",
	"Ausschreibung einer gemeinsamen Lösung",
};
static const char *const survey_findings[] = {
	"Online-Formular (PDF) ohne Fachverfahrensanbindung",
	"eigenes Portal-Formular mit Anbindung an das Fachverfahren",
	"Online-Dienst eines anderen Landes im Test",
	"E-Mail-Eingang mit manueller Erfassung",
};
static const char *const places[] = {
	"Köln, KDN-Geschäftsstelle", "Lemgo, krz", "Siegburg, civitec", "Münster, citeq",
	"Düsseldorf", "Videokonferenz",
};
/* Topic fields that get an initial workshop when no unrepresentative project
 * asks for one first. */
static const uint16_t workshop_fields[] = {2, 6, 9, 14, 5, 1};
#define N_WORKSHOPS 6

#define NOTE "Beispieldaten (ozgtui init --demo), kein echtes Projekt."
#define DECIDER "IT-Lenkungsausschuss der kommunalen Spitzenverbände"

/* ---- the generator --------------------------------------------------------- */

struct pool {
	const struct organisation **v;
	size_t n;
};

struct gen {
	struct txn *t;
	const struct catalog *c;
	uint32_t seed;
	uint64_t rng;
	int32_t today;
	uint8_t line[256];        /* phase ids on the line, in order */
	size_t n_line;
	uint8_t paused, cancelled;
	size_t gate;              /* line index of the team gate (n_line: none) */
	size_t decide;            /* line index of the decision phase */
	struct pool pools[CAT__MAX + 1];
	const struct organisation *leads[N_LEADS];
	char **folded;            /* folded service names, parallel to c->services */
	uint32_t *delivery;       /* delivering categories set here, parallel; 0 = none */
	struct strv components;
	struct uuid ministry_ids[ARRAY_LEN(ministries)];
	size_t n_categories, n_outcomes, n_workshops;
	int32_t record_day;       /* the day the outcomes now written were recorded */
};

/* One project being generated. */
struct plan {
	const struct tmpl *tm;
	struct project p;
	size_t k;             /* line index reached (for a paused or cancelled project: before it left) */
	uint8_t outside;      /* the paused or cancelled phase, or 0 */
	int lead;             /* index into lead_providers, or -1 */
	const char *region;   /* where the team comes from */
	bool non_rep;
	enum category dropped;
	bool late;
	bool decided;
	struct uuid volunteers[4];   /* interested because they volunteered in a workshop */
	size_t n_volunteers;
};

/* splitmix64 (Steele, Lea, Flood 2014). */
static uint64_t rng_next(struct gen *g)
{
	uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint32_t rng_below(struct gen *g, uint32_t n)
{
	return n ? (uint32_t)(rng_next(g) % n) : 0;
}

static bool rng_chance(struct gen *g, unsigned percent)
{
	return rng_below(g, 100) < percent;
}

static void shuffle(struct gen *g, size_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(g, (uint32_t)i);
		size_t tmp = v[i - 1];
		v[i - 1] = v[j];
		v[j] = tmp;
	}
}

static void demo_uuid(struct gen *g, struct uuid *u, const char *kind, size_t i)
{
	char name[64];
	snprintf(name, sizeof(name), "demo:%u:%s:%zu", (unsigned)g->seed, kind, i);
	uuid_from_name(u, name);
}

static const char *phase_name(const struct gen *g, uint8_t id)
{
	const struct phase *ph = phase_list_get(&g->c->phases, id);
	return ph && ph->name ? ph->name : "?";
}

static const char *org_name(const struct gen *g, const struct uuid *id)
{
	const struct organisation *o = catalog_org(g->c, id);
	return o && o->name ? o->name : "?";
}

static void gen_fini(struct gen *g)
{
	for (size_t i = 0; i <= CAT__MAX; i++)
		free(g->pools[i].v);
	if (g->folded)
		for (size_t i = 0; i < g->c->n_services; i++)
			free(g->folded[i]);
	free(g->folded);
	free(g->delivery);
	strv_fini(&g->components);
}

static enum status gen_init(struct gen *g, struct txn *t, const struct catalog *c, uint32_t seed)
{
	memset(g, 0, sizeof(*g));
	g->t = t;
	g->c = c;
	g->seed = seed;
	g->rng = 0x6F7A677475690000ull ^ seed;   /* "ozgtui" */
	g->today = date_from_time(store_txn_now(t));
	strv_init(&g->components);

	for (size_t i = 0; i < c->phases.n; i++) {
		const struct phase *ph = &c->phases.v[i];
		if (!ph->outside_line && g->n_line < ARRAY_LEN(g->line))
			g->line[g->n_line++] = ph->id;
		else if (ph->outside_line && ph->closed && !g->cancelled)
			g->cancelled = ph->id;
		else if (ph->outside_line && !ph->closed && !g->paused)
			g->paused = ph->id;
	}
	if (g->n_line < 2 || c->n_fields == 0 || c->n_services == 0)
		return status_fail(STATUS_DATA, "demo: the database has no phases, fields or services; "
						"seed the reference data first");
	g->gate = g->n_line;
	g->decide = g->n_line;
	for (size_t i = 0; i < g->n_line; i++) {
		if (g->line[i] == c->settings.gate_team_phase)
			g->gate = i;
		if (strcmp(phase_name(g, g->line[i]), "Entscheidung") == 0)
			g->decide = i;
	}
	if (g->decide == g->n_line && g->gate < g->n_line)
		g->decide = g->gate ? g->gate - 1 : 0;

	for (size_t i = 0; i < c->n_orgs; i++) {
		const struct organisation *o = &c->orgs[i];
		if (o->kind == ORG_PROVIDER) {
			for (size_t k = 0; k < N_LEADS; k++)
				if (o->name && strcmp(o->name, lead_providers[k].name) == 0)
					g->leads[k] = o;
			continue;
		}
		if ((o->kind != ORG_MUNICIPALITY && o->kind != ORG_COUNTY) || o->category == CAT_NONE ||
		    o->category > CAT__MAX)
			continue;
		struct pool *pl = &g->pools[o->category];
		pl->v = xrealloc(pl->v, (pl->n + 1) * sizeof(*pl->v));
		pl->v[pl->n++] = o;
	}

	g->folded = xcalloc(c->n_services, sizeof(*g->folded));
	g->delivery = xcalloc(c->n_services, sizeof(*g->delivery));
	for (size_t i = 0; i < c->n_services; i++)
		g->folded[i] = text_fold(c->services[i].name ? c->services[i].name : "");

	/* Base components are optional: without the file the sample has none. */
	enum status st = refdata_column("nrw_basiskomponenten.csv", "name", &g->components);
	if (st != STATUS_OK) {
		strv_fini(&g->components);
		strv_init(&g->components);
		status_clear();
	}
	return STATUS_OK;
}

static size_t service_index(const struct gen *g, uint32_t ozg_id)
{
	const struct service *s = catalog_service(g->c, ozg_id);
	return s ? (size_t)(s - g->c->services) : SIZE_MAX;
}

/* The categories delivering a service, with the sample's settings applied. */
static uint32_t delivery_of(const struct gen *g, uint32_t ozg_id)
{
	size_t i = service_index(g, ozg_id);
	if (i == SIZE_MAX)
		return 0;
	return g->delivery[i] ? g->delivery[i] : service_delivery(&g->c->services[i]);
}

/* As rules_check_team sees the project once the sample is stored. */
static uint32_t project_delivery(const struct gen *g, const struct project *p)
{
	uint32_t mask = 0;
	for (size_t i = 0; i < p->n_services; i++)
		mask |= delivery_of(g, p->services[i]);
	mask &= ALL_MASK;
	return mask ? mask : CAT_DEFAULT_DELIVERY;
}

static uint32_t team_present(const struct gen *g, const struct project *p)
{
	uint32_t mask = 0;
	for (size_t i = 0; i < p->n_team; i++) {
		const struct organisation *o = catalog_org(g->c, &p->team[i].org);
		if (o && o->category != CAT_NONE)
			mask |= CAT_BIT(o->category);
	}
	return mask;
}

static const char *component(const struct gen *g, const char *prefix)
{
	for (size_t i = 0; i < g->components.n; i++)
		if (text_has_prefix(g->components.v[i], prefix))
			return g->components.v[i];
	return NULL;
}

static void add_component(struct project *p, const char *name)
{
	if (name && !strv_contains(&p->components, name))
		strv_push(&p->components, name);
}

/* ---- services ---------------------------------------------------------------- */

/* Links the services of the template's words (first service of the field whose
 * name contains the word), else a random service of the field; marks the
 * delivering categories of the matched ones. */
static void plan_services(struct gen *g, struct plan *pl)
{
	const struct catalog *c = g->c;
	for (size_t w = 0; w < ARRAY_LEN(pl->tm->services) && pl->tm->services[w]; w++) {
		char *word = text_fold(pl->tm->services[w]);
		for (size_t i = 0; i < c->n_services; i++) {
			const struct service *s = &c->services[i];
			if (s->field != pl->tm->field || !strstr(g->folded[i], word))
				continue;
			if (!project_has_service(&pl->p, s->ozg_id)) {
				project_add_service(&pl->p, s->ozg_id);
				/* Set once, and never over what someone recorded. */
				if (pl->tm->delivery && !g->delivery[i] && !s->categories)
					g->delivery[i] = pl->tm->delivery;
			}
			break;
		}
		free(word);
	}
	if (pl->p.n_services == 0) {
		size_t n = 0;
		for (size_t i = 0; i < c->n_services; i++)
			n += c->services[i].field == pl->tm->field;
		size_t want = rng_below(g, (uint32_t)n);
		for (size_t i = 0; i < c->n_services; i++)
			if (c->services[i].field == pl->tm->field && want-- == 0)
				project_add_service(&pl->p, c->services[i].ozg_id);
	}
}

/* ---- teams ------------------------------------------------------------------- */

static bool in_county_list(const struct lead_provider *lp, const char *ags)
{
	for (size_t i = 0; ags && i < ARRAY_LEN(lp->counties) && lp->counties[i]; i++)
		if (strcmp(lp->counties[i], ags) == 0)
			return true;
	return false;
}

/* Near the plan's lead: in one of its provider's counties, else in its region. */
static bool is_near(const struct plan *pl, const struct organisation *o)
{
	if (pl->lead >= 0) {
		const struct lead_provider *lp = &lead_providers[pl->lead];
		if (o->kind == ORG_COUNTY ? in_county_list(lp, o->ags) : in_county_list(lp, o->county_ags))
			return true;
		if (o->category == CAT_CITY || o->category == CAT_LARGE_TOWN)
			return o->region && strcmp(o->region, lp->region) == 0;
		return false;
	}
	return pl->region && o->region && strcmp(o->region, pl->region) == 0;
}

static bool eligible(const struct plan *pl, const struct organisation *o)
{
	return !project_member(&pl->p, &o->id) && !project_is_interested(&pl->p, &o->id);
}

/* A random organisation of category cat, not yet in the team nor interested,
 * preferably near the lead; NULL when there is none. */
static const struct organisation *pick_org(struct gen *g, const struct plan *pl, enum category cat)
{
	if (cat == CAT_NONE || cat > CAT__MAX)
		return NULL;
	const struct pool *pool = &g->pools[cat];
	size_t n_near = 0, n_all = 0;
	for (size_t i = 0; i < pool->n; i++) {
		if (eligible(pl, pool->v[i])) {
			n_all++;
			n_near += is_near(pl, pool->v[i]);
		}
	}
	if (n_all == 0)
		return NULL;
	bool only_near = n_near > 0;
	size_t want = rng_below(g, (uint32_t)(only_near ? n_near : n_all));
	for (size_t i = 0; i < pool->n; i++) {
		const struct organisation *o = pool->v[i];
		if (!eligible(pl, o) || (only_near && !is_near(pl, o)))
			continue;
		if (want-- == 0)
			return o;
	}
	return NULL;
}

static enum category lowest(uint32_t mask)
{
	for (int c = CAT_MUNICIPALITY; c <= CAT_COUNTY; c++)
		if (mask & CAT_BIT(c))
			return (enum category)c;
	return CAT_NONE;
}

static enum category random_category(struct gen *g, uint32_t mask)
{
	enum category v[CAT__MAX];
	size_t n = 0;
	for (int c = CAT_MUNICIPALITY; c <= CAT_COUNTY; c++)
		if (mask & CAT_BIT(c))
			v[n++] = (enum category)c;
	return n ? v[rng_below(g, (uint32_t)n)] : CAT_NONE;
}

/* Builds the team: one member of every required category (leaving one out for
 * an unrepresentative team: the village end, so the team is "only towns and
 * cities", else the county), a lead (mostly an IT service provider), 2-5 in all. */
static void plan_team(struct gen *g, struct plan *pl)
{
	const struct catalog *c = g->c;
	uint32_t delivering = project_delivery(g, &pl->p);
	uint32_t required = rules_required_categories(delivering, c->settings.rep_policy);
	uint32_t allowed = delivering;

	if (pl->non_rep) {
		enum category low = lowest(required & (M | MT | LT | CI));
		pl->dropped = (low == CAT_MUNICIPALITY || low == CAT_MEDIUM_TOWN || !(required & K))
				      ? low : CAT_COUNTY;
		if (pl->dropped == CAT_NONE)
			pl->dropped = lowest(required);
		/* "only towns and cities": nothing from the village end up to the dropped one */
		for (int cat = CAT_MUNICIPALITY; cat <= CAT_COUNTY; cat++)
			if (cat == (int)pl->dropped ||
			    (pl->dropped <= CAT_MEDIUM_TOWN && cat < (int)pl->dropped))
				allowed &= ~CAT_BIT(cat);
		required &= ~CAT_BIT(pl->dropped);
		if (!allowed)
			allowed = (CI | LT) & ~CAT_BIT(pl->dropped);
	}

	/* Lead: an IT service provider in about two of three projects. */
	pl->lead = -1;
	size_t n_avail = 0;
	for (size_t k = 0; k < N_LEADS; k++)
		n_avail += g->leads[k] != NULL;
	if (n_avail && rng_chance(g, 68)) {
		size_t want = rng_below(g, (uint32_t)n_avail);
		for (size_t k = 0; k < N_LEADS; k++)
			if (g->leads[k] && want-- == 0)
				pl->lead = (int)k;
		project_set_member(&pl->p, &g->leads[pl->lead]->id, ROLE_LEAD);
	} else {
		/* A town or city leads, and its region is where the team comes from. */
		enum category cat = (allowed & CI) ? CAT_CITY : (allowed & LT) ? CAT_LARGE_TOWN
										 : random_category(g, allowed);
		const struct organisation *o = cat != CAT_NONE ? pick_org(g, pl, cat) : NULL;
		if (o) {
			project_set_member(&pl->p, &o->id, ROLE_LEAD);
			pl->region = o->region;
			required &= ~CAT_BIT(cat);
		}
	}

	for (int cat = CAT_MUNICIPALITY; cat <= CAT_COUNTY; cat++) {
		if (!(required & CAT_BIT(cat)))
			continue;
		const struct organisation *o = pick_org(g, pl, (enum category)cat);
		if (o)
			project_set_member(&pl->p, &o->id, ROLE_MEMBER);
	}
	size_t size = 2 + rng_below(g, 4);
	for (size_t tries = 0; pl->p.n_team < size && tries < 8; tries++) {
		const struct organisation *o = pick_org(g, pl, random_category(g, allowed));
		if (o)
			project_set_member(&pl->p, &o->id, ROLE_MEMBER);
	}
	/* Now and then a county advises a team it is not required in. */
	if (pl->p.n_team < 5 && !(delivering & K) && rng_chance(g, 15)) {
		const struct organisation *o = pick_org(g, pl, CAT_COUNTY);
		if (o)
			project_set_member(&pl->p, &o->id, ROLE_ADVISOR);
	}
	if (!project_lead(&pl->p) && pl->p.n_team)
		pl->p.team[0].role = ROLE_LEAD;

	/* Interest: for an unrepresentative team, some of the missing category
	 * (so that the suggestions name them first), else a few others. */
	size_t n_interest = pl->non_rep ? 1 + rng_below(g, 2) : rng_below(g, 3);
	for (size_t i = 0; i < n_interest; i++) {
		enum category cat = pl->non_rep ? pl->dropped : random_category(g, delivering);
		const struct organisation *o = cat != CAT_NONE ? pick_org(g, pl, cat) : NULL;
		if (o)
			project_add_interest(&pl->p, &o->id);
	}
}

/* ---- phases and dates ---------------------------------------------------------- */

static void set_date(struct project *p, uint8_t phase, int32_t planned, int32_t reached)
{
	struct phase_date *d = project_date(p, phase, true);
	d->planned = planned;
	d->reached = reached;
}

/* Reached dates back from the current phase, planned ones forward; a late
 * project has the next phase planned in the past (after the current phase was
 * reached) and not reached. Both kinds of date rise along the line: a phase is
 * reached 40 to 149 days after the one before it and was planned at most 15
 * days either side of that, so no phase is planned before an earlier one. */
static void plan_dates(struct gen *g, struct plan *pl)
{
	int32_t r = g->today - 10 - (int32_t)rng_below(g, 110);
	const int32_t current_reached = r;
	if (pl->outside) {
		set_date(&pl->p, pl->outside, 0, r);
		r -= 20 + (int32_t)rng_below(g, 100);
	}
	for (size_t j = pl->k + 1; j-- > 0;) {
		/* planned a little before or after it was reached */
		int32_t planned = r - 15 + (int32_t)rng_below(g, 30);
		set_date(&pl->p, g->line[j], j == 0 ? 0 : planned, r);
		r -= 40 + (int32_t)rng_below(g, 110);
	}
	if (pl->outside)
		return;
	int32_t base = g->today;
	for (size_t j = pl->k + 1; j < g->n_line; j++) {
		if (j == pl->k + 1 && pl->late) {
			/* between the day the current phase was reached and 5 days ago */
			base = current_reached + 1 +
			       (int32_t)rng_below(g, (uint32_t)(g->today - 5 - current_reached));
			set_date(&pl->p, g->line[j], base, 0);
			base = g->today;
			continue;
		}
		base += 45 + (int32_t)rng_below(g, 120);
		set_date(&pl->p, g->line[j], base, 0);
	}
}

/* Phase slots: each line phase once, three paused, two cancelled, the rest
 * spread over the line with more in the middle. */
static void assign_phases(struct gen *g, struct plan *plans, size_t n)
{
	size_t *slot = xcalloc(n, sizeof(*slot));   /* line index, or SIZE_MAX - 1/2 for outside */
	const size_t PAUSED = SIZE_MAX - 1, CANCELLED = SIZE_MAX - 2;
	size_t s = 0;
	for (size_t j = 0; j < g->n_line && s < n; j++)
		slot[s++] = j;
	for (size_t i = 0; i < 3 && g->paused && s < n; i++)
		slot[s++] = PAUSED;
	for (size_t i = 0; i < 2 && g->cancelled && s < n; i++)
		slot[s++] = CANCELLED;
	uint32_t total = 0;
	for (size_t j = 0; j < g->n_line; j++)
		total += 10 + 4 * (uint32_t)(j < g->n_line - 1 - j ? j : g->n_line - 1 - j);
	while (s < n) {
		uint32_t x = rng_below(g, total);
		size_t j = 0;
		for (;; j++) {
			uint32_t w = 10 + 4 * (uint32_t)(j < g->n_line - 1 - j ? j : g->n_line - 1 - j);
			if (x < w)
				break;
			x -= w;
		}
		slot[s++] = j;
	}
	shuffle(g, slot, n);
	for (size_t i = 0; i < n; i++) {
		struct plan *pl = &plans[i];
		if (slot[i] == PAUSED || slot[i] == CANCELLED) {
			pl->outside = slot[i] == PAUSED ? g->paused : g->cancelled;
			/* left the line before the team gate (cancelled) or around it (paused) */
			size_t top = slot[i] == PAUSED ? g->gate + 1 : g->gate;
			if (top > g->n_line - 2)
				top = g->n_line - 2;
			pl->k = rng_below(g, (uint32_t)top + 1);
		} else {
			pl->k = slot[i];
		}
		pl->p.phase = pl->outside ? pl->outside : g->line[pl->k];
	}
	free(slot);
}

/* Chooses up to `want` plans matching pred, at random, and marks them. */
static size_t choose(struct gen *g, struct plan *plans, size_t n, size_t want,
		     bool (*pred)(const struct gen *, const struct plan *), bool late)
{
	size_t *idx = xcalloc(n, sizeof(*idx)), m = 0, got = 0;
	for (size_t i = 0; i < n; i++)
		if (pred(g, &plans[i]))
			idx[m++] = i;
	shuffle(g, idx, m);
	for (size_t i = 0; i < m && got < want; i++, got++) {
		if (late)
			plans[idx[i]].late = true;
		else
			plans[idx[i]].non_rep = true;
	}
	free(idx);
	return got;
}

static bool before_gate(const struct gen *g, const struct plan *pl)
{
	return !pl->outside && pl->k < g->gate;
}

static bool past_gate(const struct gen *g, const struct plan *pl)
{
	/* just past it: a forced start, not a project long in operation */
	return !pl->outside && pl->k >= g->gate && pl->k <= g->gate + 1 && pl->k + 1 < g->n_line;
}

static bool can_be_late(const struct gen *g, const struct plan *pl)
{
	return !pl->outside && pl->k + 1 < g->n_line;
}

/* ---- the rest of a project ------------------------------------------------------ */

static void plan_details(struct gen *g, struct plan *pl)
{
	const struct tmpl *tm = pl->tm;
	struct project *p = &pl->p;
	bool operating = pl->k + 1 == g->n_line;

	for (size_t i = 0; i < ARRAY_LEN(tm->departments) && tm->departments[i]; i++)
		strv_push(&p->departments, tm->departments[i]);
	if (tm->needs & NEEDS_BUSINESS)
		add_component(p, component(g, "Mein Unternehmenskonto"));
	if (tm->needs & NEEDS_ACCOUNT) {
		/* Projects in operation started with the Servicekonto.NRW, new ones use BundID. */
		if (operating || rng_chance(g, 20)) {
			add_component(p, component(g, "Servicekonto.NRW"));
			if (rng_chance(g, 50))
				add_component(p, component(g, "Servicekonto.NRW-Postkorb"));
		} else {
			add_component(p, component(g, "BundID"));
		}
	}
	if (tm->needs & NEEDS_PAYMENT)
		add_component(p, component(g, "ePayBL"));
	if (rng_chance(g, 60))
		add_component(p, component(g, "Kommunalportal.NRW"));
	if (rng_chance(g, 20))
		add_component(p, component(g, "VSM"));
	if (rng_chance(g, 15))
		add_component(p, component(g, "Portalverbund"));

	if ((pl->k >= 1 || pl->outside) && p->n_team && rng_chance(g, 45)) {
		const struct member *m = &p->team[rng_below(g, (uint32_t)p->n_team)];
		char *s = xasprintf("%s: %s", org_name(g, &m->org),
				    survey_findings[rng_below(g, ARRAY_LEN(survey_findings))]);
		strv_push(&p->solutions, s);
		free(s);
	}
	/* Wide delivery, higher priority (breadth, seed 002 point 5). */
	uint32_t prio = 1 + rng_below(g, 4);
	if ((project_delivery(g, p) & M) && prio < 5)
		prio++;
	p->priority = (uint8_t)prio;

	int mi = tm->field < ARRAY_LEN(field_ministry) ? field_ministry[tm->field] : -1;
	if (mi >= 0 && rng_chance(g, 60)) {
		p->ministries = xrealloc(p->ministries, (p->n_ministries + 1) * sizeof(*p->ministries));
		p->ministries[p->n_ministries++] = g->ministry_ids[mi];
	}
	p->notes = xstrdup(NOTE);
	p->demo = true;
	p->title = xstrdup(tm->title);
	p->field = tm->field;

	pl->decided = (pl->k > g->decide) || (pl->k == g->decide && rng_chance(g, 50));
}

/* ---- writing ---------------------------------------------------------------- */

static enum status history(struct gen *g, const struct plan *pl, const char *action, char *summary,
			   uint8_t from, uint8_t to, const char *reason, bool forced)
{
	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("project");
	e.entity_id = pl->p.id;
	e.project_number = pl->p.number;
	e.action = xstrdup(action);
	e.summary = summary;   /* taken */
	e.from_phase = from;
	e.to_phase = to;
	e.reason = reason ? xstrdup(reason) : NULL;
	e.forced = forced;
	enum status st = store_history_add(g->t, &e);
	history_entry_fini(&e);
	return st;
}

/* Creates the project and the history of how it got where it is. */
static enum status write_project(struct gen *g, struct plan *pl)
{
	enum status st = store_project_create(g->t, &pl->p);
	if (st != STATUS_OK)
		return st;
	const struct topic_field *f = catalog_field(g->c, pl->p.field);
	st = history(g, pl, "create",
		     xasprintf("created '%s' in %s (%s)", pl->p.title, f && f->name ? f->name : "?",
			       phase_name(g, g->line[0])),
		     0, 0, NULL, false);
	for (size_t i = 0; st == STATUS_OK && i < pl->p.n_team; i++)
		st = history(g, pl, "team-add",
			     xasprintf("team: + %s (%s)", org_name(g, &pl->p.team[i].org),
				       role_code(pl->p.team[i].role)),
			     0, 0, NULL, false);
	for (size_t i = 0; st == STATUS_OK && i < pl->p.n_interested; i++) {
		bool vol = false;
		for (size_t k = 0; k < pl->n_volunteers; k++)
			vol |= uuid_cmp(&pl->volunteers[k], &pl->p.interested[i]) == 0;
		st = history(g, pl, "interest",
			     xasprintf("interest: + %s%s", org_name(g, &pl->p.interested[i]),
				       vol ? " (volunteered in a workshop)" : ""),
			     0, 0, NULL, false);
	}
	for (size_t j = 1; st == STATUS_OK && j <= pl->k; j++) {
		uint8_t from = g->line[j - 1], to = g->line[j];
		bool forced = pl->non_rep && j >= g->gate;
		char *reason = NULL;
		if (forced && j == g->gate)
			reason = xasprintf("Start beschlossen, obwohl eine Kommune der Kategorie „%s“ im "
					   "Team fehlt; sie wird bis zum nächsten Workshop nachbenannt.",
					   category_label(pl->dropped));
		else if (forced)
			reason = xasprintf("Team weiterhin ohne Kommune der Kategorie „%s“; die "
					   "Nachbenennung läuft.", category_label(pl->dropped));
		st = history(g, pl, "move",
			     forced ? xasprintf("phase %s → %s (gate overridden: team not representative)",
						phase_name(g, from), phase_name(g, to))
				    : xasprintf("phase %s → %s", phase_name(g, from), phase_name(g, to)),
			     from, to, reason, forced);
		free(reason);
	}
	if (st == STATUS_OK && pl->outside) {
		uint8_t from = g->line[pl->k];
		const char *reason = pl->outside == g->paused
					     ? pause_reasons[rng_below(g, ARRAY_LEN(pause_reasons))]
					     : cancel_reasons[rng_below(g, ARRAY_LEN(cancel_reasons))];
		st = history(g, pl, "move",
			     xasprintf("phase %s → %s", phase_name(g, from), phase_name(g, pl->outside)),
			     from, pl->outside, reason, false);
	}
	return st;
}

static enum status write_ministries(struct gen *g)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < ARRAY_LEN(ministries); i++) {
		struct organisation o;
		organisation_init(&o);
		char *key = xasprintf("demo-ministry:%s", ministries[i]);
		uuid_from_name(&o.id, key);
		free(key);
		g->ministry_ids[i] = o.id;
		o.kind = ORG_MINISTRY;
		o.name = xstrdup(ministries[i]);
		o.demo = true;
		st = store_org_put(g->t, &o);
		organisation_fini(&o);
	}
	return st;
}

static enum status write_categories(struct gen *g)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < g->c->n_services; i++) {
		if (!g->delivery[i])
			continue;
		struct service s;
		struct buf b;
		service_init(&s);
		buf_init(&b);
		service_copy(&s, &g->c->services[i]);
		s.categories = g->delivery[i];
		st = store_service_put(g->t, &s);
		if (st == STATUS_OK) {
			buf_printf(&b, "service %u %s: categories default → ", (unsigned)s.ozg_id,
				   s.name ? s.name : "");
			category_mask_format(&b, s.categories);
			buf_puts(&b, " (sample data)");
			struct history_entry e;
			history_entry_init(&e);
			e.entity = xstrdup("service");
			e.action = xstrdup("categories");
			e.summary = buf_steal(&b);
			st = store_history_add(g->t, &e);
			history_entry_fini(&e);
			g->n_categories++;
		}
		buf_fini(&b);
		service_fini(&s);
	}
	return st;
}

static void add_uuid(struct uuid **v, size_t *n, const struct uuid *u)
{
	for (size_t i = 0; i < *n; i++)
		if (uuid_cmp(&(*v)[i], u) == 0)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *u;
}

/* Sample workshops and outcomes are dated as if recorded on the day they
 * happened (noon, a second apart in the order written), so that their short
 * indexes (creation order, workshops.h) follow the calendar. */
static int64_t recorded_at(struct gen *g, int32_t day)
{
	return (int64_t)day * 86400 + 12 * 3600 + (int64_t)(g->n_outcomes + g->n_workshops);
}

static enum status put_recorded_outcome(struct gen *g, struct outcome *o)
{
	o->version = 1;
	o->created = o->updated = recorded_at(g, g->record_day ? g->record_day : g->today);
	return store_outcome_restore(g->t, o);
}

static enum status put_recorded_workshop(struct gen *g, struct workshop *w)
{
	w->version = 1;
	w->created = w->updated = recorded_at(g, w->date);
	return store_workshop_restore(g->t, w);
}

static enum status put_outcome(struct gen *g, const struct uuid *workshop, enum outcome_kind kind,
			       char *text, const char *owner, int32_t due, enum outcome_status status,
			       const struct plan *const *pls, size_t n_pls, const struct uuid *orgs,
			       size_t n_orgs)
{
	struct outcome o;
	outcome_init(&o);
	demo_uuid(g, &o.id, "outcome", g->n_outcomes++);
	if (workshop)
		o.workshop = *workshop;
	o.kind = kind;
	o.text = text;   /* taken */
	o.owner = owner ? xstrdup(owner) : NULL;
	o.due = due;
	o.status = status;
	for (size_t i = 0; i < n_pls; i++) {
		add_uuid(&o.projects, &o.n_projects, &pls[i]->p.id);
		for (size_t k = 0; k < pls[i]->p.n_services; k++) {
			o.services = xrealloc(o.services, (o.n_services + 1) * sizeof(*o.services));
			o.services[o.n_services++] = pls[i]->p.services[k];
		}
	}
	for (size_t i = 0; i < n_orgs; i++)
		add_uuid(&o.orgs, &o.n_orgs, &orgs[i]);
	o.demo = true;
	enum status st = put_recorded_outcome(g, &o);
	outcome_fini(&o);
	return st;
}

/* Decisions of the committees for every project past its decision phase. */
static enum status write_decisions(struct gen *g, struct plan *plans, size_t n)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < n; i++) {
		const struct plan *pl = &plans[i];
		if (!pl->decided)
			continue;
		char *text = xasprintf("Beschluss: „%s“ wird als gemeinsame Lösung für die Kommunen "
				       "umgesetzt (Variante: %s).",
				       pl->p.title, variants[rng_below(g, ARRAY_LEN(variants))]);
		/* recorded when the project reached its decision phase */
		const struct phase_date *d = g->decide < g->n_line ? project_date_const(&pl->p, g->line[g->decide])
								   : NULL;
		g->record_day = d && d->reached ? d->reached : g->today;
		st = put_outcome(g, NULL, OUTCOME_DECISION, text, DECIDER, 0, OUTCOME_STATUS_DONE, &pl, 1,
				 NULL, 0);
	}
	return st;
}

/* Makes the volunteers of an outcome interested in its project, as
 * workshops_outcome_add does for a coordinator (workshops.h). The projects
 * are written afterwards, so the interest is part of their creation (with
 * its history entry, see write_project). */
static void volunteer_interest(struct plan *pl, const struct uuid *orgs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (project_member(&pl->p, &orgs[i]) || project_is_interested(&pl->p, &orgs[i]))
			continue;
		project_add_interest(&pl->p, &orgs[i]);
		if (pl->n_volunteers < ARRAY_LEN(pl->volunteers))
			pl->volunteers[pl->n_volunteers++] = orgs[i];
	}
}

/* Volunteers of category cat for the plan's project (up to 2); their names
 * joined with " und " into names. */
static size_t pick_volunteers(struct gen *g, const struct plan *target, enum category cat, struct uuid vol[2],
			      struct buf *names)
{
	size_t nv = 0;
	for (size_t tries = 0; nv < 2 && tries < 4; tries++) {
		const struct organisation *o = pick_org(g, target, cat);
		bool dup = o && nv && uuid_cmp(&vol[0], &o->id) == 0;
		if (!o || dup)
			continue;
		vol[nv++] = o->id;
		buf_printf(names, "%s%s", names->len ? " und " : "", o->name);
	}
	return nv;
}

/* The sponsors (Themenpaten, seed 003): who keeps the delivering categories of
 * a field's services. Roles and organisations, no persons' names; a few
 * fields have none yet. Indexed by field number. */
static const char *const sponsors[15] = {
	[1] = "Themenpatin: Sozialamt Kreis Lippe (Facharbeitsgruppe OZG des krz)",
	[2] = "Themenpate: Bauaufsicht Kreis Minden-Lübbecke (Facharbeitsgruppe OZG des krz)",
	[3] = "Themenpatin: Schulverwaltungsamt Stadt Münster (citeq)",
	[4] = "Themenpate: Ausländerbehörde Rhein-Sieg-Kreis (civitec)",
	[5] = "Themenpatenschaft: Ordnungsamt Stadt Paderborn (GKD Paderborn)",
	[6] = "Themenpatin: Jugendamt Kreis Herford (Facharbeitsgruppe OZG des krz)",
	[8] = "Themenpate: Gesundheitsamt Kreis Recklinghausen (GKD Recklinghausen)",
	[9] = "Themenpate: Straßenverkehrsamt Kreis Gütersloh (Facharbeitsgruppe OZG des krz)",
	[10] = "Themenpatenschaft: KDN-Kompetenzzentrum Digitalisierung",
	[11] = "Themenpate: Ordnungsamt Stadt Aachen (regio iT)",
	[14] = "Themenpatin: Gewerbeamt Stadt Düsseldorf (ITK Rheinland)",
};

static enum status write_sponsors(struct gen *g, size_t *n)
{
	enum status st = STATUS_OK;
	for (size_t i = 0; st == STATUS_OK && i < g->c->n_fields; i++) {
		const struct topic_field *f = &g->c->fields[i];
		const char *who = f->number < ARRAY_LEN(sponsors) ? sponsors[f->number] : NULL;
		if (!who || f->sponsor)
			continue;   /* never over what someone recorded */
		struct topic_field copy;
		topic_field_init(&copy);
		topic_field_copy(&copy, f);
		copy.sponsor = xstrdup(who);
		st = store_field_put(g->t, &copy);
		if (st == STATUS_OK) {
			struct history_entry e;
			history_entry_init(&e);
			e.entity = xstrdup("field");
			e.action = xstrdup("sponsor");
			e.summary = xasprintf("field %u %s: sponsor '' → '%s' (sample data)", (unsigned)f->number,
					      f->name ? f->name : "", who);
			st = store_history_add(g->t, &e);
			history_entry_fini(&e);
			(*n)++;
		}
		topic_field_fini(&copy);
	}
	return st;
}

#define GUIDING_QUESTIONS "Leitfragen: Womit fangen wir an? Was können wir bündeln? " \
			  "Wer interessiert sich für eine Mitarbeit?"

/* The workshops of one field: the initial one answering the three questions
 * of seed 001 (a priority, a bundle, volunteers, an open question, an action
 * item), and for the first fields a follow-up that chose the variant. */
static enum status field_workshops(struct gen *g, size_t w, const struct topic_field *f, struct plan **in,
				   size_t m, struct plan *unrep, const struct plan *top)
{
	struct workshop ws;
	workshop_init(&ws);
	demo_uuid(g, &ws.id, "workshop", w);
	ws.field = f->number;
	ws.date = g->today - 150 - (int32_t)rng_below(g, 350);
	ws.title = xasprintf("Initialer Workshop Themenfeld %s", f->name);
	ws.place = xstrdup(places[w % ARRAY_LEN(places)]);
	for (size_t i = 0; i < m; i++)
		for (size_t k = 0; k < in[i]->p.n_team && ws.n_participants < 12; k++)
			add_uuid(&ws.participants, &ws.n_participants, &in[i]->p.team[k].org);
	ws.head_count = (uint32_t)(2 * ws.n_participants + rng_below(g, 12));
	ws.notes = xstrdup(GUIDING_QUESTIONS " — " NOTE);
	ws.demo = true;
	struct uuid wid = ws.id;
	int32_t wdate = ws.date;
	g->record_day = wdate;
	enum status st = put_recorded_workshop(g, &ws);
	workshop_fini(&ws);
	if (st != STATUS_OK)
		return st;
	g->n_workshops++;

	/* Womit fangen wir an? */
	st = put_outcome(g, &wid, OUTCOME_PRIORITY,
			 xasprintf("Womit fangen wir an? Mit „%s“: hohe Fallzahlen, Breitenwirkung "
				   "(Priorität 1 im Themenfeld %s).", top->p.title, f->name),
			 NULL, 0, OUTCOME_STATUS_DONE, &top, 1, NULL, 0);
	const struct plan *second = NULL;
	for (size_t i = 0; i < m && !second; i++)
		if (in[i] != top && in[i] != unrep)
			second = in[i];
	if (st == STATUS_OK && second && m >= 3)
		st = put_outcome(g, &wid, OUTCOME_PRIORITY,
				 xasprintf("Womit fangen wir an? Danach „%s“ (Priorität 2), sobald die "
					   "Einer-für-Alle-Lösung geprüft ist.", second->p.title),
				 NULL, 0, OUTCOME_STATUS_OPEN, &second, 1, NULL, 0);
	/* Was können wir bündeln? */
	if (st == STATUS_OK && m >= 2) {
		const struct plan *pair[2] = {in[0], in[1]};
		st = put_outcome(g, &wid, OUTCOME_BUNDLE,
				 xasprintf("Was können wir bündeln? „%s“ und „%s“ gemeinsam konzipieren "
					   "(gleiche Fachämter, gleiche Fachverfahren).",
					   in[0]->p.title, in[1]->p.title),
				 NULL, 0, OUTCOME_STATUS_OPEN, pair, 2, NULL, 0);
	}
	/* Wer interessiert sich für eine Mitarbeit? Those of the missing
	 * category of an unrepresentative team, else villages. */
	if (st == STATUS_OK) {
		struct plan *target = unrep ? unrep : in[rng_below(g, (uint32_t)m)];
		enum category cat = unrep ? unrep->dropped : CAT_MUNICIPALITY;
		struct uuid vol[2];
		struct buf names;
		buf_init(&names);
		size_t nv = pick_volunteers(g, target, cat, vol, &names);
		if (nv) {
			st = put_outcome(g, &wid, OUTCOME_VOLUNTEER,
					 xasprintf("Wer interessiert sich für eine Mitarbeit? %s möchte%s bei "
						   "„%s“ mitarbeiten.", names.data, nv > 1 ? "n" : "",
						   target->p.title),
					 NULL, 0, OUTCOME_STATUS_OPEN, (const struct plan *const[]){target}, 1, vol, nv);
			if (st == STATUS_OK)
				volunteer_interest(target, vol, nv);
		}
		buf_fini(&names);
	}
	if (st == STATUS_OK)
		st = put_outcome(g, &wid, OUTCOME_QUESTION,
				 xstrdup("Offene Frage: Welche Fachverfahren sind in den Kommunen im Einsatz, "
					 "und bieten die Hersteller eine XÖV-Schnittstelle an?"),
				 NULL, 0, w % 3 == 1 ? OUTCOME_STATUS_DONE : OUTCOME_STATUS_OPEN, (const struct plan *const[]){in[0]}, 1, NULL, 0);
	if (st == STATUS_OK) {
		const struct plan *pl = in[m - 1];
		const struct member *lead = project_lead(&pl->p);
		bool overdue = w == 0 || w == 2;
		int32_t due = overdue ? g->today - 14 - (int32_t)rng_below(g, 30)
				      : wdate + 60 + (int32_t)rng_below(g, 240);
		enum outcome_status status = overdue || due >= g->today ? OUTCOME_STATUS_OPEN
									 : OUTCOME_STATUS_DONE;
		st = put_outcome(g, &wid, OUTCOME_ACTION,
				 xasprintf("Aufgabe: Vorhandene Online-Formulare und Fachverfahren zu „%s“ bei "
					   "den Teamkommunen erheben und an die Koordination senden.", pl->p.title),
				 lead ? org_name(g, &lead->org) : f->name, due, status, &pl, 1, NULL, 0);
	}
	if (st != STATUS_OK || w >= 3 || m < 2)
		return st;

	/* The follow-up: the variant is chosen, the bundle is detailed. */
	workshop_init(&ws);
	demo_uuid(g, &ws.id, "workshop-followup", w);
	ws.field = f->number;
	ws.date = wdate + 70 + (int32_t)rng_below(g, 60);
	if (ws.date > g->today - 20)
		ws.date = g->today - 20;
	ws.title = xasprintf("Folgeworkshop Themenfeld %s: Umsetzungsvariante", f->name);
	ws.place = xstrdup(w == 1 ? "Videokonferenz" : places[(w + 2) % ARRAY_LEN(places)]);
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k < in[i]->p.n_team; k++)
			add_uuid(&ws.participants, &ws.n_participants, &in[i]->p.team[k].org);
	ws.head_count = (uint32_t)(ws.n_participants + 2 + rng_below(g, 6));
	ws.notes = xstrdup("Vergleich der Umsetzungsvarianten für die gebündelten Projekte. " NOTE);
	ws.demo = true;
	struct uuid fid = ws.id;
	int32_t fdate = ws.date;
	g->record_day = fdate;
	st = put_recorded_workshop(g, &ws);
	workshop_fini(&ws);
	if (st != STATUS_OK)
		return st;
	g->n_workshops++;

	const struct plan *a = in[0];
	struct plan *b = in[1];
	const char *variant = variants[rng_below(g, ARRAY_LEN(variants))];
	/* The workshop recommends; the committees decide (write_decisions):
	 * a recommendation for a project already decided is a decision too. */
	const struct plan *decided = a->decided ? a : b->decided ? b : NULL;
	if (decided)
		st = put_outcome(g, &fid, OUTCOME_DECISION,
				 xasprintf("Entscheidung: „%s“ wird als %s umgesetzt; die Teamkommunen "
					   "stimmen zu.", decided->p.title, variant),
				 DECIDER, 0, OUTCOME_STATUS_DONE, &decided, 1, NULL, 0);
	else
		st = put_outcome(g, &fid, OUTCOME_QUESTION,
				 xasprintf("Offene Frage: Eigenentwicklung oder %s für „%s“? Die Entscheidung "
					   "fällt im Lenkungsausschuss.", variant, a->p.title),
				 NULL, 0, OUTCOME_STATUS_OPEN, &a, 1, NULL, 0);
	/* A bundle of services rather than projects. */
	if (st == STATUS_OK && a->p.n_services && b->p.n_services) {
		struct outcome o;
		outcome_init(&o);
		demo_uuid(g, &o.id, "outcome", g->n_outcomes++);
		o.workshop = fid;
		o.kind = OUTCOME_BUNDLE;
		o.text = xasprintf("Was können wir bündeln? Die Leistungen %u und %u in einem gemeinsamen "
				   "Online-Antrag anbieten.", (unsigned)a->p.services[0], (unsigned)b->p.services[0]);
		o.status = OUTCOME_STATUS_OPEN;
		o.services = xcalloc(2, sizeof(*o.services));
		o.services[o.n_services++] = a->p.services[0];
		if (b->p.services[0] != a->p.services[0])
			o.services[o.n_services++] = b->p.services[0];
		o.demo = true;
		st = put_recorded_outcome(g, &o);
		outcome_fini(&o);
	}
	/* A county offers itself as a pilot. */
	if (st == STATUS_OK) {
		struct uuid vol[2];
		struct buf names;
		buf_init(&names);
		const struct organisation *k = pick_org(g, b, CAT_COUNTY);
		if (k) {
			vol[0] = k->id;
			buf_puts(&names, k->name);
			st = put_outcome(g, &fid, OUTCOME_VOLUNTEER,
					 xasprintf("Wer interessiert sich für eine Mitarbeit? %s bietet sich als "
						   "Pilotkommune für „%s“ an.", names.data, b->p.title),
					 NULL, 0, OUTCOME_STATUS_OPEN, (const struct plan *const[]){b}, 1, vol, 1);
			if (st == STATUS_OK)
				volunteer_interest(b, vol, 1);
		}
		buf_fini(&names);
	}
	if (st == STATUS_OK) {
		const struct member *lead = project_lead(&a->p);
		bool overdue = w == 1;
		st = put_outcome(g, &fid, OUTCOME_ACTION,
				 xasprintf("Aufgabe: Variantenvergleich und Protokoll zu „%s“ an die "
					   "Teamkommunen versenden.", a->p.title),
				 lead ? org_name(g, &lead->org) : f->name, overdue ? g->today - 7 : fdate + 14,
				 overdue ? OUTCOME_STATUS_OPEN : OUTCOME_STATUS_DONE, &a, 1, NULL, 0);
	}
	if (st == STATUS_OK)
		st = put_outcome(g, &fid, OUTCOME_ACTION,
				 xasprintf("Aufgabe: Kostenschätzung für „%s“ dem Lenkungsausschuss vorlegen.",
					   b->p.title),
				 "KDN-Kompetenzzentrum Digitalisierung", g->today + 30 + (int32_t)rng_below(g, 60),
				 OUTCOME_STATUS_OPEN, (const struct plan *const[]){b}, 1, NULL, 0);
	if (st == STATUS_OK)
		st = put_outcome(g, &fid, OUTCOME_QUESTION,
				 xstrdup("Offene Frage: Eigene Bezahlschnittstelle je Kommune? Verworfen: "
					 "alle nutzen ePayBL."),
				 NULL, 0, OUTCOME_STATUS_DROPPED, &a, 1, NULL, 0);
	return st;
}

/* Workshops for the chosen fields: those of unrepresentative teams first (so
 * that volunteers can fill the gaps), then the fields of workshop_fields. */
static enum status write_workshops(struct gen *g, struct plan *plans, size_t n)
{
	uint16_t fields[N_WORKSHOPS];
	size_t nf = 0;
	for (size_t i = 0; i < n && nf < N_WORKSHOPS / 2; i++) {
		bool have = false;
		for (size_t k = 0; k < nf; k++)
			have |= fields[k] == plans[i].p.field;
		if (plans[i].non_rep && !have)
			fields[nf++] = plans[i].p.field;
	}
	for (size_t i = 0; i < ARRAY_LEN(workshop_fields) && nf < N_WORKSHOPS; i++) {
		bool have = false;
		for (size_t k = 0; k < nf; k++)
			have |= fields[k] == workshop_fields[i];
		if (!have && catalog_field(g->c, workshop_fields[i]))
			fields[nf++] = workshop_fields[i];
	}

	enum status st = STATUS_OK;
	for (size_t w = 0; st == STATUS_OK && w < nf; w++) {
		const struct topic_field *f = catalog_field(g->c, fields[w]);
		struct plan *in[32];
		size_t m = 0;
		struct plan *unrep = NULL, *top = NULL;
		for (size_t i = 0; i < n && m < ARRAY_LEN(in); i++) {
			if (plans[i].p.field != fields[w])
				continue;
			in[m++] = &plans[i];
			if (plans[i].non_rep && !unrep)
				unrep = &plans[i];
			if (!top || plans[i].p.priority > top->p.priority)
				top = &plans[i];
		}
		if (f && m)
			st = field_workshops(g, w, f, in, m, unrep, top);
	}
	return st;
}

enum status demo_seed(struct txn *t, const struct catalog *c, uint32_t seed)
{
	struct gen g;
	struct plan *plans = NULL;
	size_t *order = NULL, n = 0;
	enum status st = gen_init(&g, t, c, seed);
	if (st != STATUS_OK)
		goto out;

	/* Templates whose field is not in this database are left out. */
	plans = xcalloc(N_TEMPLATES, sizeof(*plans));
	for (size_t i = 0; i < N_TEMPLATES; i++) {
		if (!catalog_field(c, templates[i].field))
			continue;
		project_init(&plans[n].p);
		plans[n].tm = &templates[i];
		plans[n].lead = -1;
		n++;
	}
	if (n == 0) {
		st = status_fail(STATUS_DATA, "demo: no topic field of the sample is in this database");
		goto out;
	}
	/* The UUIDs come from the seed: a second run would collide with the first. */
	demo_uuid(&g, &plans[0].p.id, "project", 0);
	struct project existing;
	project_init(&existing);
	st = store_project_get(t, &plans[0].p.id, &existing);
	project_fini(&existing);
	if (st == STATUS_OK) {
		st = status_fail(STATUS_CONFLICT, "demo: the sample (seed %u) is already in this database",
				 (unsigned)seed);
		goto out;
	}
	if (st != STATUS_NOT_FOUND)
		goto out;
	status_clear();
	if ((st = write_ministries(&g)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		plan_services(&g, &plans[i]);
	assign_phases(&g, plans, n);
	choose(&g, plans, n, 4, before_gate, false);
	choose(&g, plans, n, 3, past_gate, false);
	choose(&g, plans, n, 6, can_be_late, true);
	for (size_t i = 0; i < n; i++) {
		demo_uuid(&g, &plans[i].p.id, "project", i);
		plan_team(&g, &plans[i]);
		plan_dates(&g, &plans[i]);
		plan_details(&g, &plans[i]);
		/* The rule must agree with the plan, else the sample would mislead. */
		struct team_verdict v = rules_team_verdict(project_delivery(&g, &plans[i].p),
							   team_present(&g, &plans[i].p),
							   c->settings.rep_policy);
		if (v.representative == plans[i].non_rep) {
			st = status_fail(STATUS_INTERNAL, "demo: team of '%s' came out %srepresentative",
					 plans[i].p.title, v.representative ? "" : "not ");
			goto out;
		}
	}
	size_t n_sponsors = 0;
	if ((st = write_sponsors(&g, &n_sponsors)) != STATUS_OK)
		goto out;
	if ((st = write_categories(&g)) != STATUS_OK)
		goto out;
	/* Numbers in a mixed order of fields, as projects come in. */
	order = xcalloc(n, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	shuffle(&g, order, n);
	/* Workshops before the projects are written: their volunteers are
	 * interested in the projects from the start. */
	if ((st = write_workshops(&g, plans, n)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		st = write_project(&g, &plans[order[i]]);
	if (st != STATUS_OK)
		goto out;
	if ((st = write_decisions(&g, plans, n)) != STATUS_OK)
		goto out;

	struct history_entry e;
	history_entry_init(&e);
	e.entity = xstrdup("database");
	e.action = xstrdup("demo");
	e.summary = xasprintf("sample data (seed %u): %zu projects, %zu workshops, %zu outcomes, "
			      "%zu ministries, %zu sponsors; delivering categories of %zu services",
			      (unsigned)seed, n, g.n_workshops, g.n_outcomes, ARRAY_LEN(ministries),
			      n_sponsors, g.n_categories);
	st = store_history_add(t, &e);
	history_entry_fini(&e);
out:
	for (size_t i = 0; i < n; i++)
		project_fini(&plans[i].p);
	free(plans);
	free(order);
	gen_fini(&g);
	if (st != STATUS_OK && store_txn_status(t) == STATUS_OK)
		store_txn_fail(t, st);
	return st;
}
