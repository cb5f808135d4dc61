#!/bin/bash
# edit: every kind of change, the summary, and optimistic concurrency (exit 75).
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
n=$(oz add --title "Alter Titel" --field bauen --priority 2)

expect_status 0 -- oz edit "$n" --title "Neuer Titel" --priority 4
expect_contains "$OUT" "#$n: title: 'Alter Titel' → 'Neuer Titel'; priority 2 → 4"
expect_status 0 -- oz edit "$n" --field familie --add-service 10232 --add-service Elterngeld \
	--notes "Notiz" --add-component ePayBL --add-component Servicekonto.NRW \
	--add-department Bauamt --add-solution "Formular der Stadt X" \
	--planned umsetzung=2025-01-15 --planned pilot=2025-09-01 --reached sichtung=2025-02-01
expect_contains "$OUT" "services: + 10232, + 10000"
expect_contains "$OUT" "components: + ePayBL, + Servicekonto.NRW"
expect_contains "$OUT" "planned Umsetzung: none → 2025-01-15"
expect_contains "$OUT" "reached Sichtung: 2025-03-01 → 2025-02-01"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["title"] == "Neuer Titel" and d["priority"] == 4 and d["field_name"] == "Familie & Kind"'
json_check "$OUT" '[s["ozg_id"] for s in d["services"]] == [10232, 10000] and d["notes"] == "Notiz"'
json_check "$OUT" 'd["components"] == ["ePayBL", "Servicekonto.NRW"] and d["departments"] == ["Bauamt"]'
json_check "$OUT" 'd["solutions"] == ["Formular der Stadt X"]'
json_check "$OUT" '{x["phase"]: x["planned"] for x in d["dates"]}["Umsetzung"] == "2025-01-15"'
json_check "$OUT" 'd["late"] == "Umsetzung" and d["version"] == 3'

# removing; a component matches in any case; removing what is not there is refused
expect_status 0 -- oz edit "$n" --rm-service 10000 --rm-component epaybl --planned umsetzung= --priority 0
expect_contains "$OUT" "services: - 10000"
expect_contains "$OUT" "priority 4 → none"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["components"] == ["Servicekonto.NRW"] and d["priority"] is None and d["late"] is None'
expect_status 66 -- oz edit "$n" --rm-service 10000
expect_status 66 -- oz edit "$n" --rm-department Ordnungsamt
expect_status 66 -- oz edit 999 --title x

# ministries must be ministries; when the reference data has none, one comes
# in through an import (merged into the database)
ministry=$(oz orgs --kind ministry --format tsv | sed -n 2p | cut -f1)
if [ -z "$ministry" ]; then
	oz export -o "$TMP/base.json" || fail "export"
	python3 - "$TMP/base.json" "$TMP/ministry.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["organisations"].append({"id": "6f0c1f6e-2b1a-4c55-9a55-0d6f6a0b1c01", "kind": "ministry",
    "name": "Ministerium für Heimat, Kommunales, Bau und Digitalisierung", "ags": None,
    "category": None, "legal_type": None, "population": 0, "county_ags": None,
    "size_class": None, "region": None, "demo": False, "version": 1})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
	oz import "$TMP/ministry.json" >/dev/null || fail "import of a ministry"
	ministry=$(oz orgs --kind ministry --format tsv | sed -n 2p | cut -f1)
fi
if [ -n "$ministry" ]; then
	expect_status 0 -- oz edit "$n" --add-ministry "$ministry"
	expect_contains "$OUT" "ministries: + $ministry"
else
	fail "no ministry in the reference data"
fi
expect_status 65 -- oz edit "$n" --add-ministry 05315000
expect_contains "$ERR" "is not a ministry"

# usage and bad data
expect_status 64 -- oz edit "$n"
expect_contains "$ERR" "nothing to change"
expect_status 64 -- oz edit "$n" --planned umsetzung=2025-13-45
expect_status 64 -- oz edit "$n" --planned 2025-01-01
expect_status 65 -- oz edit "$n" --planned nirgends=2025-01-01
expect_status 65 -- oz edit "$n" --field keinfeld
expect_status 64 -- oz edit "$n" --priority 6
expect_status 64 -- oz edit "$n" --title "   "
expect_status 64 -- oz edit "$n" --colour red

# an unchanged edit writes nothing
v=$(oz show "$n" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
expect_status 0 -- oz edit "$n" --add-component Servicekonto.NRW
expect_contains "$OUT" "nothing changed"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["version"] == '"$v"

# optimistic concurrency: a change based on an old version is refused, exit 75
expect_status 75 -- oz edit "$n" --title "Überschrieben" --expect-version 1
expect_contains "$ERR" "project #$n was changed by $(id -un) at 2025-03-01T00:00:00Z (version $v, you had 1)"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["title"] == "Neuer Titel" and d["version"] == '"$v"
expect_status 0 -- oz edit "$n" --title "Mit Version" --expect-version "$v"
expect_status 75 -- oz move "$n" abgebrochen --expect-version "$v"
expect_status 75 -- oz team "$n" add köln --expect-version "$v"
expect_status 75 -- oz interest "$n" köln --expect-version "$v"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["title"] == "Mit Version" and d["phase"] == "Sichtung" and d["team"] == [] and d["interested"] == []'
expect_status 64 -- oz edit "$n" --title x --expect-version zwei

finish
