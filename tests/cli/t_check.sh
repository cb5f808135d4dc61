#!/bin/bash
# check: findings (exit 1) or none (exit 0), filtered, text and json.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
# an empty database has nothing to find
expect_status 0 -- oz check
expect_contains "$OUT" "no findings"
expect_status 0 -- oz check --format json
json_check "$OUT" 'd == []'

oz service-categories 10232 municipality,city >/dev/null || fail "service-categories"
a=$(oz add --title "Nur Köln" --field bauen --service 10232 --lead köln)
b=$(oz add --title "Auch Wohngeld" --field bauen --service 10232 --lead 05111000)
oz edit "$b" --planned workshop=2025-02-01 >/dev/null || fail "edit"

expect_status 1 -- oz check
expect_eq "$ERR" "" "stderr of check with findings"
expect_contains "$OUT" "not-representative"
expect_contains "$OUT" "missing: municipality"
expect_contains "$OUT" "late"
expect_contains "$OUT" "parallel"
expect_contains "$OUT" "findings"
expect_status 1 -- oz check --format json
json_check "$OUT" '{(f["project"], f["kind"]) for f in d} >= {('"$a"', "not-representative"), ('"$b"', "late"), ('"$a"', "parallel")}'
json_check "$OUT" '[f for f in d if f["kind"] == "parallel"][0]["other_project"] == '"$b"' and [f for f in d if f["kind"] == "parallel"][0]["service"] == 10232'
json_check "$OUT" 'all(len(f["uuid"]) == 36 and f["text"] for f in d)'
# parallel work: one finding per project, naming the other
json_check "$OUT" '{(f["project"], f["other_project"], f["others"], f["text"]) for f in d if f["kind"] == "parallel"} == {('"$a"', '"$b"', 1, "service 10232 also in #'"$b"'"), ('"$b"', '"$a"', 1, "service 10232 also in #'"$a"'")}'
json_check "$OUT" 'all(f["others"] is None for f in d if f["kind"] not in ("parallel", "bundle-drift"))'

# many on one service: still one finding each, the first three and a count
more=()
for i in 1 2 3 4; do
	more+=("$(oz add --title "Wohngeld $i" --field bauen --service 10232 --lead köln)")
done
expect_status 1 -- oz check --format json
json_check "$OUT" 'len([f for f in d if f["kind"] == "parallel"]) == 6'
json_check "$OUT" '[f["text"] for f in d if f["kind"] == "parallel" and f["project"] == '"${more[3]}"'] == ["service 10232 also in #'"$a"', #'"$b"', #'"${more[0]}"' +2 more"]'
json_check "$OUT" '[(f["other_project"], f["others"]) for f in d if f["kind"] == "parallel" and f["project"] == '"${more[3]}"'] == [('"$a"', 5)]'
expect_status 1 -- oz check --filter "number:${more[3]}"
expect_contains "$OUT" "service 10232 also in #$a, #$b, #${more[0]} +2 more"
for n in "${more[@]}"; do
	oz move "$n" abgebrochen --reason "Test" >/dev/null || fail "cancel $n"
done

# the filter narrows what is checked
expect_status 1 -- oz check --filter "late:yes" --format json
json_check "$OUT" '{f["project"] for f in d} == {'"$b"'}'
expect_status 0 -- oz check --filter "field:familie"
expect_contains "$OUT" "no findings"
expect_status 65 -- oz check --filter "phase:nirgends"
expect_status 64 -- oz check --format tsv

# fixing the findings: a village-end member each, the late phase reached, one project paused
village=$(oz orgs --category municipality --format tsv | sed -n 2p | cut -f4)
oz team "$a" add "$village" >/dev/null || fail "team a"
oz team "$b" add "$village" >/dev/null || fail "team b"
oz edit "$b" --planned workshop= >/dev/null || fail "edit b"
oz move "$b" pausiert >/dev/null || fail "pause b"
expect_status 0 -- oz check
expect_contains "$OUT" "no findings"

finish
