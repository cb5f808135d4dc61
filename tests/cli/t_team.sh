#!/bin/bash
# team add/rm/role with the verdict line after each change; interest.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
oz service-categories 10232 municipality,city >/dev/null || fail "service-categories"
n=$(oz add --title "Wohngeld online" --field bauen --service 10232)
village=$(oz orgs --category municipality --format tsv | sed -n 2p | cut -f1)
volunteer=$(oz orgs --category municipality --format tsv | sed -n 3p | cut -f4)
volunteer_name=$(oz orgs --category municipality --format tsv | sed -n 3p | cut -f1)

# two cities: not representative, the village end is missing
expect_status 0 -- oz team "$n" add köln --role lead
expect_contains "$OUT" "#$n: team: + Köln, Stadt (lead)"
expect_contains "$OUT" "team: not representative — missing: municipality; suggestions: "
expect_status 0 -- oz team "$n" add 05111000
expect_contains "$OUT" "team: + Düsseldorf, Stadt (member)"
expect_contains "$OUT" "not representative"

# an interested municipality comes first among the suggestions
expect_status 0 -- oz interest "$n" "$volunteer"
expect_contains "$OUT" "#$n: interest: + $volunteer_name"
expect_status 0 -- oz interest "$n" "$volunteer"
expect_contains "$OUT" "nothing changed"
expect_status 0 -- oz team "$n"
expect_contains "$OUT" "suggestions: $volunteer_name"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["verdict"]["suggestions"][0]["ags"] == "'"$volunteer"'"'
json_check "$OUT" '[o["ags"] for o in d["interested"]] == ["'"$volunteer"'"]'

# a village-end member makes it representative
expect_status 0 -- oz team "$n" add "$village"
expect_contains "$OUT" "team: representative"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["verdict"]["representative"] is True and len(d["team"]) == 3'

# roles: one lead at a time
expect_status 0 -- oz team "$n" role düsseldorf --role lead
expect_contains "$OUT" "Köln, Stadt lead → member"
expect_contains "$OUT" "Düsseldorf, Stadt member → lead"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" '[m["name"] for m in d["team"] if m["role"] == "lead"] == ["Düsseldorf, Stadt"]'
expect_status 0 -- oz team "$n" add köln --role advisor
expect_contains "$OUT" "Köln, Stadt member → advisor"

# rm, and what team refuses
expect_status 0 -- oz team "$n" rm "$village"
expect_contains "$OUT" "team: - "
expect_contains "$OUT" "not representative"
expect_status 66 -- oz team "$n" rm "$village"
expect_contains "$ERR" "is not in the team"
expect_status 66 -- oz team "$n" add "Nirgendwo an der Nix"
expect_status 66 -- oz team 999 add köln
expect_status 64 -- oz team "$n" join köln
expect_status 64 -- oz team "$n" role köln
expect_status 64 -- oz team "$n" add köln --role boss
expect_status 66 -- oz team "$n" role "$village" --role member
expect_status 66 -- oz interest "$n" "Nirgendwo an der Nix"
expect_status 64 -- oz interest "$n"
# an ambiguous name prefix is bad data and names candidates
expect_status 65 -- oz team "$n" add "Bad"
expect_contains "$ERR" "Bad"

# the team listing
expect_status 0 -- oz team "$n"
expect_contains "$OUT" "Organisation"
expect_contains "$OUT" "Düsseldorf, Stadt"
expect_contains "$OUT" "lead"
expect_contains "$OUT" "team: not representative"

# history of the team
expect_status 0 -- oz history "$n" --format json --limit 0
json_check "$OUT" '[e["action"] for e in d].count("team-add") == 3'
json_check "$OUT" '"team-rm" in [e["action"] for e in d] and "interest" in [e["action"] for e in d]'

finish
