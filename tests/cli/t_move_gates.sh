#!/bin/bash
# move: phase names, each gate refusing (exit 1 with why and how to override),
# --force needing --reason, history keeping from/to/reason/forced.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
# the seed's case: a service delivered by villages and cities
oz service-categories 10232 municipality,city >/dev/null || fail "service-categories"
bare=$(oz add --title "Ohne Leistung" --field bauen)
n=$(oz add --title "Wohngeld online" --field bauen --service 10232 --lead 05315000)

# scope gate: no service, no Workshop
expect_status 1 -- oz move "$bare" workshop
expect_contains "$ERR" "ozgtui: move: #$bare cannot move from Sichtung to Workshop: no service"
expect_contains "$ERR" "use --force --reason TEXT"
expect_eq "$OUT" "" "stdout of a refused move"
expect_status 0 -- oz show "$bare" --format json
json_check "$OUT" 'd["phase"] == "Sichtung" and d["version"] == 1'

# names: any case, unique prefix; unknown or ambiguous is bad data
expect_status 0 -- oz move "$n" WORK
expect_contains "$OUT" "#$n: phase Sichtung → Workshop"
expect_status 0 -- oz move "$n" entsch --reason "Workshop am 3. Mai"
expect_contains "$OUT" "Workshop → Entscheidung"
expect_status 65 -- oz move "$n" nirgendwo
expect_contains "$ERR" "nirgendwo"
expect_status 66 -- oz move 999 workshop
expect_status 64 -- oz move "$n"

# team gate: not representative and no decision
expect_status 1 -- oz move "$n" umsetzung
expect_contains "$ERR" "team not representative"
expect_contains "$ERR" "no decision"
expect_contains "$ERR" "--force --reason"
# a village-end member fixes the team; the decision is still missing
village=$(oz orgs --category municipality --format tsv | sed -n 2p | cut -f4)
[ -n "$village" ] || fail "no municipality found"
oz team "$n" add "$village" >/dev/null || fail "team add"
expect_status 1 -- oz move "$n" umsetzung
expect_contains "$ERR" "no decision"
expect_not_contains "$ERR" "team not representative"
# the later phases are gated too
expect_status 1 -- oz move "$n" betrieb

# an override needs a reason
expect_status 64 -- oz move "$n" umsetzung --force
expect_contains "$ERR" "an override needs --reason"
expect_status 64 -- oz move "$n" umsetzung --force --reason "   "
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["phase"] == "Entscheidung"'
expect_status 0 -- oz move "$n" umsetzung --force --reason "Ausschuss hat zugestimmt"
expect_contains "$OUT" "Entscheidung → Umsetzung (gate overridden: no decision recorded)"
expect_status 0 -- oz history "$n" --limit 1 --format json
json_check "$OUT" 'len(d) == 1 and d[0]["action"] == "move" and d[0]["forced"] is True'
json_check "$OUT" 'd[0]["reason"] == "Ausschuss hat zugestimmt" and d[0]["from"] == "Entscheidung" and d[0]["to"] == "Umsetzung"'
expect_status 0 -- oz history "$n"
expect_contains "$OUT" "reason: Ausschuss hat zugestimmt [forced]"
expect_contains "$OUT" "reason: Workshop am 3. Mai"
# the reached date of the new phase is today
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" '[x["reached"] for x in d["dates"] if x["phase"] == "Umsetzung"] == ["2025-03-01"]'

# back and outside the line are never gated; staying is a no-op
expect_status 0 -- oz move "$bare" pausiert
expect_status 0 -- oz move "$n" konzeption
expect_status 0 -- oz move "$n" konzeption
expect_contains "$OUT" "already in Konzeption"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["phase"] == "Konzeption"'
# allowed moves are not marked forced
expect_status 0 -- oz history "$n" --limit 1 --format json
json_check "$OUT" 'd[0]["forced"] is False'

finish
