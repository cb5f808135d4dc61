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

#include "demo_internal.h"

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
_Static_assert(ARRAY_LEN(lead_providers) == N_LEADS, "N_LEADS in demo_internal.h");

/* Real NRW ministries (names as of the 2022 cabinet); added as demo organisations. */
static const char *const ministries[] = {
	"Ministerium für Heimat, Kommunales, Bau und Digitalisierung des Landes Nordrhein-Westfalen",
	"Ministerium des Innern des Landes Nordrhein-Westfalen",
	"Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
};
_Static_assert(ARRAY_LEN(ministries) == N_MINISTRIES, "N_MINISTRIES in demo_internal.h");
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
static const char *const survey_findings[] = {
	"Online-Formular (PDF) ohne Fachverfahrensanbindung",
	"eigenes Portal-Formular mit Anbindung an das Fachverfahren",
	"Online-Dienst eines anderen Landes im Test",
	"E-Mail-Eingang mit manueller Erfassung",
};


/* ---- the generator --------------------------------------------------------- */



static void shuffle(struct gen *g, size_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(g, (uint32_t)i);
		size_t tmp = v[i - 1];
		v[i - 1] = v[j];
		v[j] = tmp;
	}
}

void demo_uuid(struct gen *g, struct uuid *u, const char *kind, size_t i)
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

const char *demo_org_name(const struct gen *g, const struct uuid *id)
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
const struct organisation *demo_pick_org(struct gen *g, const struct plan *pl, enum category cat)
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
		const struct organisation *o = cat != CAT_NONE ? demo_pick_org(g, pl, cat) : NULL;
		if (o) {
			project_set_member(&pl->p, &o->id, ROLE_LEAD);
			pl->region = o->region;
			required &= ~CAT_BIT(cat);
		}
	}

	for (int cat = CAT_MUNICIPALITY; cat <= CAT_COUNTY; cat++) {
		if (!(required & CAT_BIT(cat)))
			continue;
		const struct organisation *o = demo_pick_org(g, pl, (enum category)cat);
		if (o)
			project_set_member(&pl->p, &o->id, ROLE_MEMBER);
	}
	size_t size = 2 + rng_below(g, 4);
	for (size_t tries = 0; pl->p.n_team < size && tries < 8; tries++) {
		const struct organisation *o = demo_pick_org(g, pl, random_category(g, allowed));
		if (o)
			project_set_member(&pl->p, &o->id, ROLE_MEMBER);
	}
	/* Now and then a county advises a team it is not required in. */
	if (pl->p.n_team < 5 && !(delivering & K) && rng_chance(g, 15)) {
		const struct organisation *o = demo_pick_org(g, pl, CAT_COUNTY);
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
		const struct organisation *o = cat != CAT_NONE ? demo_pick_org(g, pl, cat) : NULL;
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
		char *s = xasprintf("%s: %s", demo_org_name(g, &m->org),
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
			     xasprintf("team: + %s (%s)", demo_org_name(g, &pl->p.team[i].org),
				       role_code(pl->p.team[i].role)),
			     0, 0, NULL, false);
	for (size_t i = 0; st == STATUS_OK && i < pl->p.n_interested; i++) {
		bool vol = false;
		for (size_t k = 0; k < pl->n_volunteers; k++)
			vol |= uuid_cmp(&pl->volunteers[k], &pl->p.interested[i]) == 0;
		st = history(g, pl, "interest",
			     xasprintf("interest: + %s%s", demo_org_name(g, &pl->p.interested[i]),
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
					   category_label_de(pl->dropped));
		else if (forced)
			reason = xasprintf("Team weiterhin ohne Kommune der Kategorie „%s“; die "
					   "Nachbenennung läuft.", category_label_de(pl->dropped));
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
	if ((st = demo_write_sponsors(&g, &n_sponsors)) != STATUS_OK)
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
	if ((st = demo_write_workshops(&g, plans, n)) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		st = write_project(&g, &plans[order[i]]);
	if (st != STATUS_OK)
		goto out;
	if ((st = demo_write_decisions(&g, plans, n)) != STATUS_OK)
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
