#!/bin/bash
# sponsor: list, show one, set, clear; history; the demo's sponsors; errors.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"

expect_status 0 -- oz sponsor
expect_eq "$(count_lines "$OUT")" 15 "a header and 14 fields"
expect_contains "$OUT" "Bauen & Wohnen"
expect_status 0 -- oz sponsor --format json
json_check "$OUT" 'len(d) == 14 and all(x["sponsor"] is None for x in d)'

expect_status 0 -- oz sponsor bauen "  Themenpate: krz (Facharbeitsgruppe OZG)  "
expect_eq "$OUT" "2 Bauen & Wohnen: sponsor Themenpate: krz (Facharbeitsgruppe OZG)"
expect_status 0 -- oz sponsor 2 --format json
json_check "$OUT" 'd == [{"field": 2, "slug": "bauen_wohnen", "name": "Bauen & Wohnen", "sponsor": "Themenpate: krz (Facharbeitsgruppe OZG)"}]'
expect_status 0 -- oz history --limit 1 --format json
json_check "$OUT" 'd[0]["entity"] == "field" and d[0]["action"] == "sponsor" and "→ '"'"'Themenpate: krz" in d[0]["summary"]'
# the same again: no history entry
before=$(oz history --limit 0 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_status 0 -- oz sponsor bauen "Themenpate: krz (Facharbeitsgruppe OZG)"
after=$(oz history --limit 0 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "$after" "$before" "history entries after setting the same sponsor"
# shown with the field's workshops
w=$(oz workshop add --field bauen --date 2025-01-15 --title "Initialer Workshop")
expect_status 0 -- oz workshop show "$w"
expect_contains "$OUT" "sponsor       Themenpate: krz (Facharbeitsgruppe OZG)"
# the export carries it, and an import into an empty database restores it
expect_status 0 -- oz export -o "$TMP/x.json"
OZGTUI_DB="$TMP/db2" expect_status 0 -- oz import "$TMP/x.json"
OZGTUI_DB="$TMP/db2" expect_status 0 -- oz sponsor bauen --format json
json_check "$OUT" 'd[0]["sponsor"] == "Themenpate: krz (Facharbeitsgruppe OZG)"'

expect_status 0 -- oz sponsor bauen --clear
expect_eq "$OUT" "2 Bauen & Wohnen: sponsor none"
expect_status 0 -- oz sponsor bauen --format tsv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p)" "2	Bauen & Wohnen	" "tsv without a sponsor"

# errors
expect_status 65 -- oz sponsor nirgendwo
expect_status 65 -- oz sponsor 99 "x"
expect_status 64 -- oz sponsor bauen ""
expect_contains "$ERR" "use --clear"
expect_status 64 -- oz sponsor bauen $'zwei\nZeilen'
expect_status 64 -- oz sponsor --clear
expect_status 64 -- oz sponsor bauen x y
expect_status 64 -- oz sponsor --format csv
expect_status 77 -- oz --readonly sponsor bauen x
expect_status 0 -- oz --readonly sponsor bauen

# the sample data names sponsors for most fields, by role and organisation
OZGTUI_DB="$TMP/demo" oz init --demo >/dev/null || fail "init --demo"
OZGTUI_DB="$TMP/demo" expect_status 0 -- oz sponsor --format json
json_check "$OUT" '8 <= sum(1 for x in d if x["sponsor"]) < 14'
json_check "$OUT" 'all("Themenpat" in x["sponsor"] for x in d if x["sponsor"])'

finish
