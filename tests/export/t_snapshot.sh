#!/bin/bash
# snapshot save/list/rm/diff from the command line: output, formats, exit statuses.
. "$(dirname "$0")/../cli/lib.sh"

oz init --demo >/dev/null || fail "init --demo"
expect_status 0 -- oz snapshot list
expect_contains "$OUT" "no snapshots"
expect_status 0 -- oz snapshot save sitzung-1 --note "Lenkungskreis „März“"
expect_contains "$OUT" "saved snapshot 'sitzung-1' at revision"
expect_status 65 -- oz snapshot save sitzung-1
expect_contains "$ERR" "exists already"
expect_status 64 -- oz snapshot save now
expect_status 64 -- oz snapshot save ""
expect_status 64 -- oz snapshot save "$(printf 'a\033[31mb')"
expect_status 64 -- oz snapshot save
expect_status 64 -- oz snapshot frobnicate
expect_status 64 -- oz snapshot list --note x
expect_status 77 -- oz --readonly snapshot save x
expect_status 0 -- oz --readonly snapshot list

# changes: a move forward, one back, a team change that fixes a verdict
oz move 1 entscheidung >/dev/null || fail "move 1"
oz move 4 workshop >/dev/null || fail "move 4"
oz team 5 add Kerken >/dev/null || fail "team 5"

expect_status 0 -- oz snapshot diff sitzung-1
expect_contains "$OUT" "Changes from snapshot 'sitzung-1' (2025-03-01) to now"
expect_contains "$OUT" "#1 Führungszeugnis online beantragen: Workshop → Entscheidung (forward)"
expect_contains "$OUT" "#4 Asylbewerberleistungen digital: Pilotierung → Workshop (back)"
expect_contains "$OUT" "#5 Vergnügungsteuer online erklären: + Kerken (member)"
expect_contains "$OUT" "#5 Vergnügungsteuer online erklären: not representative → representative"
text=$OUT
expect_status 0 -- oz snapshot diff sitzung-1 now
expect_eq "$OUT" "$text" "diff A now = diff A"

expect_status 0 -- oz snapshot diff sitzung-1 --format json
json_check "$OUT" 'd["counts"] == {"added": 0, "removed": 0, "moved": 2, "team": 1, "verdict": 1, "outcomes_opened": 0, "outcomes_closed": 0}'
json_check "$OUT" '[(m["number"], m["direction"]) for m in d["moved"]] == [(1, "forward"), (4, "back")]'
json_check "$OUT" 'd["team"][0]["from_role"] is None and d["team"][0]["to_role"] == "member" and d["verdict"][0]["representative"]'
expect_status 0 -- oz snapshot diff sitzung-1 --format md
expect_contains "$OUT" "## Veränderungen: Stand „sitzung-1“ vom 2025-03-01 → aktueller Stand"
expect_contains "$OUT" "| 4 | Asylbewerberleistungen digital | Pilotierung | Workshop | zurück |"
expect_status 64 -- oz snapshot diff sitzung-1 --format html
expect_status 0 -- oz snapshot diff sitzung-1 --filter field:querschnitt --format json
json_check "$OUT" 'd["counts"]["moved"] == 1 and d["moved"][0]["number"] == 1'

# between two snapshots, in both directions
expect_status 0 -- oz snapshot save sitzung-2
expect_status 0 -- oz snapshot diff sitzung-1 sitzung-2 --format json
json_check "$OUT" 'd["counts"]["moved"] == 2 and d["to"] == "sitzung-2"'
expect_status 0 -- oz snapshot diff sitzung-2 sitzung-1 --format json
json_check "$OUT" '[m["direction"] for m in d["moved"]] == ["back", "forward"] and not d["verdict"][0]["representative"]'
expect_status 0 -- oz snapshot diff sitzung-2
expect_contains "$OUT" "no changes"

# list, oldest first, with note, user and revision
expect_status 0 -- oz snapshot list --format json
json_check "$OUT" '[s["name"] for s in d] == ["sitzung-1", "sitzung-2"] and d[0]["note"] == "Lenkungskreis „März“" and d[0]["revision"] < d[1]["revision"] and d[0]["user"]'
expect_status 0 -- oz snapshot list
expect_contains "$OUT" "sitzung-1"
expect_contains "$OUT" "Lenkungskreis „März“"

# history records saving and removing
expect_status 0 -- oz history --format json
expect_contains "$OUT" "snapshot 'sitzung-2' saved"

# rm: asks nothing, refuses a missing name with 66
expect_status 66 -- oz snapshot diff nicht-da
expect_status 66 -- oz snapshot rm nicht-da
expect_status 0 -- oz snapshot rm sitzung-1
expect_status 66 -- oz snapshot diff sitzung-1
expect_status 0 -- oz snapshot list --format json
json_check "$OUT" '[s["name"] for s in d] == ["sitzung-2"]'
expect_status 0 -- oz history
expect_contains "$OUT" "snapshot 'sitzung-1' removed"
# a removed name can be taken again, for the state now
expect_status 0 -- oz snapshot save sitzung-1
expect_status 0 -- oz snapshot diff sitzung-2 sitzung-1
expect_contains "$OUT" "no changes"
expect_status 0 -- oz verify
finish
