#!/bin/bash
# t_cli_lang.sh OZGTUI LOCALEDIR - the language follows the locale: German
# --help, command help, error messages and table headings with LANGUAGE=de
# (C.UTF-8, and de_DE.UTF-8 when the machine has it, which also brings German
# dates and thousands separators), English with LANG=C; machine formats (tsv,
# json) and data stay as they are; the config file's `language` applies unless
# LANGUAGE is set.
. "$(dirname "$0")/../cli/lib.sh"
export OZGTUI_LOCALEDIR=${2:?usage: t_cli_lang.sh OZGTUI LOCALEDIR}
oz init --demo >/dev/null || fail "init"

de() { env LC_ALL=C.UTF-8 LANGUAGE=de "$OZGTUI" "$@"; }
en() { env -u LANGUAGE LC_ALL=C "$OZGTUI" "$@"; }

out=$(de --help)
expect_contains "$out" "Aufruf: ozgtui [OPTIONEN]" "German --help"
expect_contains "$out" "Befehle:"
expect_contains "$out" "Rückgabewerte:"
out=$(en --help)
expect_contains "$out" "usage: ozgtui [OPTIONS]" "English --help with LANG=C"
expect_not_contains "$out" "Befehle"

expect_status 64 -- de list --frob
expect_contains "$ERR" "ozgtui: list: unbekannte Option '--frob' (siehe ozgtui list --help)" "German error"
expect_status 64 -- en list --frob
expect_contains "$ERR" "ozgtui: list: unknown option '--frob' (see ozgtui list --help)" "English error"
expect_status 0 -- de move --help
expect_contains "$OUT" "Gates (je Datenbank einstellbar)" "German command help"
expect_status 66 -- de --db "$TMP/none" list
expect_contains "$ERR" "keine Datenbank in $TMP/none"

# table headings and words are translated, tsv and json are not
expect_status 0 -- de list
expect_contains "$OUT" "Themenfeld" "German table heading"
expect_contains "$OUT" "Federführung"
expect_status 0 -- de list --format tsv
expect_contains "$(head -1 <<<"$OUT")" "number	uuid	phase	field" "tsv heading stays"
expect_status 0 -- de show 8
expect_contains "$OUT" "Urteil       Team: repräsentativ" "German show"
expect_contains "$OUT" "Sichtung" "phase names stay as stored"
expect_status 0 -- de show 8 --format json
json_check "$OUT" 'd["number"] == 8 and "phase" in d'

# German wording is gender-fair
expect_status 0 -- de settings --help
expect_contains "$OUT" "Koordinator*innen"

# the config file's language, unless LANGUAGE says otherwise
mkdir -p "$XDG_CONFIG_HOME/ozgtui"
echo "language = de" >"$XDG_CONFIG_HOME/ozgtui/config"
expect_status 64 -- env -u LANGUAGE LC_ALL=C.UTF-8 "$OZGTUI" list --frob
expect_contains "$ERR" "unbekannte Option" "config language = de"
expect_status 64 -- env LANGUAGE=en LC_ALL=C.UTF-8 "$OZGTUI" list --frob
expect_contains "$ERR" "unknown option" "LANGUAGE wins over the config file"
expect_status 64 -- env -u LANGUAGE LC_ALL=C "$OZGTUI" list --frob
expect_contains "$ERR" "unbekannte Option" "config language = de in the C locale"
rm "$XDG_CONFIG_HOME/ozgtui/config"

# the workshop, outcome and sponsor verbs and the dashboard speak the language
# too; labels of kinds follow it, the codes stay (issue 8)
expect_status 0 -- de workshop show 1
expect_contains "$OUT" "Teilnehmende" "German workshop show"
expect_contains "$OUT" "Priorität (priority):" "German kind label, code kept"
expect_status 0 -- en workshop show 1
expect_contains "$OUT" "participants" "English workshop show"
expect_contains "$OUT" "Priority (priority):" "English kind label (was German in English output)"
expect_not_contains "$OUT" "Priorität (priority)"
expect_status 0 -- de outcome show 1
expect_contains "$OUT" "Ergebnis 1  Entscheidung (decision)" "German outcome show"
expect_contains "$OUT" "verantwortlich"
expect_status 0 -- en outcome show 1
expect_contains "$OUT" "outcome 1  Decision (decision)" "English outcome show"
expect_status 64 -- de outcome frobnicate
expect_contains "$ERR" "unbekannter Unterbefehl" "German outcome error"
expect_status 66 -- de workshop show 99
expect_contains "$ERR" "kein Workshop 99" "German workshop error"
expect_status 0 -- de sponsor bauen --clear
expect_eq "$OUT" "2 Bauen & Wohnen: keine Themenpatenschaft" "German sponsor"
expect_status 0 -- en sponsor bauen --clear
expect_eq "$OUT" "2 Bauen & Wohnen: sponsor none" "English sponsor"
expect_status 0 -- de outcome --help
expect_contains "$OUT" "Erfasst ein Ergebnis eines Workshops" "German outcome help"
expect_status 0 -- de dashboard
expect_contains "$OUT" "Spät = verspätete Projekte" "German dashboard legend"
expect_contains "$OUT" " Ges. ¬Rep Spät  Par" "German dashboard head (4 characters, in context)"

# a gate refuses in the user's language; history keeps its English record
n=$(en list --filter "rep:no phase:konzeption" --format tsv | sed -n 2p | cut -f1)
expect_status 1 -- de move "$n" umsetzung
expect_contains "$ERR" "Team nicht repräsentativ (zum Übergehen: --force --reason TEXT)" "German gate reason"
expect_status 0 -- de move "$n" umsetzung --force --reason Pilot
# what a change prints is in the user's language, the history's summary English
expect_eq "$OUT" "#$n: Phase Konzeption → Umsetzung (Gate übergangen: Team nicht repräsentativ)" "German move"
expect_status 0 -- en history "$n" --format json
json_check "$OUT" '"gate overridden: team not representative" in d[0]["summary"]'
json_check "$OUT" 'd[0]["summary"].startswith("phase Konzeption → Umsetzung")'
expect_status 0 -- en move "$n" konzeption
expect_eq "$OUT" "#$n: phase Umsetzung → Konzeption" "English move"
expect_status 0 -- en edit 12 --priority 3
expect_status 0 -- de edit 12 --priority 4 --add-component ePayBL --planned umsetzung=2025-09-01
expect_eq "$OUT" "#12: Priorität 3 → 4; Basiskomponenten: + ePayBL; geplant Umsetzung: ohne → 2025-09-01" "German edit"
expect_status 0 -- en history 12 --format json
json_check "$OUT" 'd[0]["summary"] == "priority 3 → 4; components: + ePayBL; planned Umsetzung: none → 2025-09-01"'
expect_status 0 -- en edit 12 --priority 5
expect_eq "$OUT" "#12: priority 4 → 5" "English edit"
expect_status 0 -- de team 12 add "Olpe, Stadt"
expect_contains "$OUT" "#12: Team: + Olpe, Stadt (member)" "German team change"
expect_contains "$OUT" "Team: "
expect_status 0 -- de team 12 role "Olpe, Stadt" --role lead
expect_contains "$OUT" "#12: Team: Wuppertal, Stadt lead → member; Olpe, Stadt member → lead" "German role change"
expect_status 0 -- en history 12 --format json
json_check "$OUT" 'd[0]["summary"] == "team: Wuppertal, Stadt lead → member; team: Olpe, Stadt member → lead"'
expect_status 0 -- de interest 12 kerken
expect_eq "$OUT" "#12: Interesse: + Kerken" "German interest"
expect_status 0 -- de edit 12 --priority 5
expect_eq "$OUT" "#12: nichts geändert" "German: nothing changed"

# check: the findings' details in the user's language, JSON's texts English
expect_status 1 -- de check --filter field:bauen
expect_contains "$OUT" "Leistung 10519 auch in #79" "German parallel finding"
expect_contains "$OUT" "gebündelt mit #79: Sichtung gegenüber Pilotierung, 5 Schritte auseinander: " "German bundle finding"
expect_contains "$OUT" "3 Befunde"
expect_status 1 -- de check --format json --filter field:bauen
json_check "$OUT" '"service 10519 also in #79" in [f["text"] for f in d]'
json_check "$OUT" 'any(f["text"].startswith("bundled with #79: Sichtung vs Pilotierung, 5 steps apart: ") for f in d)'
expect_status 1 -- en check --filter field:bauen
expect_contains "$OUT" "service 10519 also in #79" "English parallel finding"
expect_status 1 -- de check
expect_contains "$OUT" "es fehlt: municipality" "German not-representative finding, codes kept"
expect_contains "$OUT" "Konzeption geplant zum 2025-01-21, nicht erreicht" "German late finding"
expect_contains "$OUT" "Aufgabe fällig am 2025-01-17 (verantwortlich: ITK Rheinland): " "German overdue finding"
expect_not_contains "$OUT" "missing:"
expect_status 1 -- en check
expect_contains "$OUT" "missing: municipality" "English not-representative finding"
expect_contains "$OUT" "planned Konzeption 2025-01-21, not reached"
expect_contains "$OUT" "action item due 2025-01-17 (owner ITK Rheinland): "

# with the German locale: German dates and thousands separators for people
if locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" orgs --filter köln
	expect_contains "$OUT" "1.017.355" "German thousands separator"
	expect_contains "$OUT" "Einwohner*innen"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" orgs --filter köln --format tsv
	expect_contains "$OUT" "1017355" "tsv keeps plain numbers"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" show 8
	expect_contains "$OUT" "22.07.2025" "German date"
	expect_status 0 -- env -u LANGUAGE LC_ALL=C.UTF-8 "$OZGTUI" show 8
	expect_contains "$OUT" "2025-07-22" "ISO date without a locale"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" workshop show 1
	expect_contains "$OUT" "Datum         23.10.2023" "German date in workshop show"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" workshop list
	expect_contains "$OUT" "23.10.2023" "German date in the workshop table"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" workshop list --format tsv
	expect_contains "$OUT" "	2023-10-23	" "tsv keeps ISO dates"
	expect_not_contains "$OUT" "23.10.2023"
	expect_status 1 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" check
	expect_contains "$OUT" "Konzeption geplant zum 21.01.2025, nicht erreicht" "German date in a finding"
	expect_contains "$OUT" "Aufgabe fällig am 17.01.2025"
	expect_status 1 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" check --format json
	json_check "$OUT" '"planned Konzeption 2025-01-21, not reached" in [f["text"] for f in d]'
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" edit 12 --planned umsetzung=2025-10-01
	expect_eq "$OUT" "#12: geplant Umsetzung: 01.09.2025 → 01.10.2025" "German dates in a change"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" history 12 --format json
	json_check "$OUT" 'd[0]["summary"] == "planned Umsetzung: 2025-09-01 → 2025-10-01"'
else
	echo "no de_DE.UTF-8 locale: German dates not checked"
fi
finish
