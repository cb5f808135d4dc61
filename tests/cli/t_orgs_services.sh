#!/bin/bash
# orgs, services, service-categories.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"

expect_status 0 -- oz orgs --filter köln
expect_contains "$OUT" "Köln, Stadt"
expect_contains "$OUT" "05315000"
expect_contains "$OUT" "Population"
expect_status 0 -- oz orgs --filter KOLN
expect_contains "$OUT" "Köln, Stadt" "accent- and case-insensitive match"
# a word prefix anywhere in the name, or an AGS prefix
expect_status 0 -- oz orgs --filter ruhr --format json
json_check "$OUT" 'any(o["name"] == "Mülheim an der Ruhr, Stadt" for o in d)'
expect_status 0 -- oz orgs --filter 05315 --format json
json_check "$OUT" 'len(d) >= 1 and all(o["ags"].startswith("05315") for o in d)'
expect_status 0 -- oz orgs --category city --format json
json_check "$OUT" 'len(d) >= 22 and all(o["category"] == "city" for o in d) and "Köln, Stadt" in [o["name"] for o in d]'
expect_status 0 -- oz orgs --kind county --format tsv
expect_eq "$(count_lines "$OUT")" 32 "31 counties and a header"
expect_status 0 -- oz orgs --kind provider
expect_contains "$OUT" "provider"
expect_status 0 -- oz orgs --filter "kein ort dieses namens"
expect_contains "$OUT" "no organisations match"
expect_status 64 -- oz orgs --kind planet
expect_status 64 -- oz orgs --category metropolis

# counts of projects led, joined and interested
n=$(oz add --title "Mit Köln" --field bauen --lead köln)
oz team "$n" add düsseldorf >/dev/null || fail "team add"
oz interest "$n" 05314000 >/dev/null || fail "interest"
expect_status 0 -- oz orgs --category city --format json
json_check "$OUT" '[(o["led"], o["joined"], o["interested"]) for o in d if o["ags"] == "05315000"] == [(1, 0, 0)]'
json_check "$OUT" '[(o["led"], o["joined"], o["interested"]) for o in d if o["ags"] == "05111000"] == [(0, 1, 0)]'
json_check "$OUT" '[(o["led"], o["joined"], o["interested"]) for o in d if o["ags"] == "05314000"] == [(0, 0, 1)]'
# interest of a team member counts under its role only (as view 4 counts)
oz interest "$n" düsseldorf >/dev/null || fail "interest of a member"
expect_status 0 -- oz orgs --category city --format json
json_check "$OUT" '[(o["led"], o["joined"], o["interested"]) for o in d if o["ags"] == "05111000"] == [(0, 1, 0)]'

# services
expect_status 0 -- oz services --field bauen
expect_contains "$OUT" "Bauen & Wohnen"
expect_contains "$OUT" "(default)"
expect_not_contains "$OUT" "Familie & Kind"
expect_status 0 -- oz services --format json
json_check "$OUT" 'len(d) == 557 and all(s["default"] for s in d)'
expect_status 0 -- oz services --filter elterngeld --format tsv
expect_contains "$OUT" "10000"
expect_status 65 -- oz services --field keinfeld

# service-categories: set, the verdicts that change, unset
# a city and a large town: representative only if no village delivers the service
v=$(oz add --title "Kriegsopferbestattungsgeld" --field bauen --service 10232 --lead köln)
large=$(oz orgs --category large-town --format tsv | sed -n 2p | cut -f4)
oz team "$v" add "$large" >/dev/null || fail "team add a large town"
expect_status 0 -- oz service-categories 10232 large-town,city
expect_contains "$OUT" "10232"
expect_contains "$OUT" "delivered by large-town,city"
expect_contains "$OUT" "1 of 1 projects with this service changed their team verdict"
expect_status 0 -- oz services --format json
json_check "$OUT" '[s["categories"] for s in d if s["ozg_id"] == 10232] == [["large-town", "city"]]'
expect_status 0 -- oz service-categories 10232 large-town,city
expect_contains "$OUT" "0 of 1"
expect_status 0 -- oz service-categories 10232 default
expect_contains "$OUT" "(default)"
expect_contains "$OUT" "1 of 1"
expect_status 0 -- oz service-categories 10232 1,4,5
expect_contains "$OUT" "municipality,city,county"
expect_status 0 -- oz history --limit 1 --format json
json_check "$OUT" 'd[0]["entity"] == "service" and "10232" in d[0]["summary"]'
expect_status 64 -- oz service-categories 10232 villages
expect_contains "$ERR" "villages"
expect_status 65 -- oz service-categories 99999999 city
expect_status 64 -- oz service-categories 10232

finish
