#!/bin/bash
# workshop add/list/show/edit: ids (short index, UUID prefix), filters, formats,
# history, conflicts and every error's exit status.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"

# add prints the UUID and nothing else
expect_status 0 -- oz workshop add --field bauen --date 2025-01-15 --title "Initialer Workshop Bauen" \
	--place "Lemgo, krz" --participant krz --participant 05315000 --heads 18 --notes "Leitfragen"
w1=$OUT
[[ $w1 =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] || fail "add printed '$w1'"
expect_status 0 -- oz workshop add --field familie --date 2024-06-01 --title "Initialer Workshop Familie"
w2=$OUT
# a later one, in the same field as the first
expect_status 0 -- oz workshop add -f bauen -d 2025-02-20 -t "Folgeworkshop Bauantrag"
w3=$OUT

# list: newest first, with the short index (creation order)
expect_status 0 -- oz workshop list
expect_eq "$(count_lines "$OUT")" 4 "list lines"
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | awk '{print $2}')" 2025-02-20 "newest first"
expect_eq "$(printf '%s\n' "$OUT" | sed -n 4p | awk '{print $2}')" 2024-06-01 "oldest last"
expect_status 0 -- oz workshop list --format json
json_check "$OUT" 'len(d) == 3 and d[0]["title"] == "Folgeworkshop Bauantrag"'
json_check "$OUT" 'sorted(x["index"] for x in d) == [1, 2, 3]'
json_check "$OUT" '[x for x in d if x["uuid"] == "'"$w1"'"][0]["head_count"] == 18'
json_check "$OUT" '[len(x["participants"]) for x in d if x["uuid"] == "'"$w1"'"] == [2]'
idx1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([x["index"] for x in json.load(sys.stdin) if x["uuid"] == sys.argv[1]][0])' "$w1")

# filters: --field, field:, org:, free words, negation
expect_status 0 -- oz workshop list --field bauen --format json
json_check "$OUT" 'len(d) == 2 and all(x["field_name"] == "Bauen & Wohnen" for x in d)'
expect_status 0 -- oz workshop list field:familie --format json
json_check "$OUT" 'len(d) == 1'
expect_status 0 -- oz workshop list --filter "org:köln" --format json
json_check "$OUT" 'len(d) == 1 and d[0]["uuid"] == "'"$w1"'"'
expect_status 0 -- oz workshop list lemgo --format json
json_check "$OUT" 'len(d) == 1'
expect_status 0 -- oz workshop list -- -field:bauen --format json
expect_status 0 -- oz workshop list --filter "-field:bauen" --format json
json_check "$OUT" 'len(d) == 1 and d[0]["uuid"] == "'"$w2"'"'
expect_status 0 -- oz workshop list nirgendwo
expect_contains "$OUT" "no workshops match"
expect_status 0 -- oz workshop list --format tsv
expect_contains "$(printf '%s\n' "$OUT" | head -1)" "index	uuid	date"

# show: by index, by UUID, by prefix
expect_status 0 -- oz workshop show "$idx1"
expect_contains "$OUT" "workshop $idx1  Initialer Workshop Bauen"
expect_contains "$OUT" "krz Minden/Ravensberg-Lippe; Köln, Stadt"
expect_contains "$OUT" "head count    18"
expect_contains "$OUT" "outcomes: 0 (0 open, 0 overdue)"
expect_status 0 -- oz workshop show "$w1" --format json
json_check "$OUT" 'd["uuid"] == "'"$w1"'" and d["date"] == "2025-01-15" and d["place"] == "Lemgo, krz"'
expect_status 0 -- oz workshop show "${w1:0:8}"
expect_contains "$OUT" "Initialer Workshop Bauen"

# edit: changes, history, nothing changed, conflicts
expect_status 0 -- oz workshop edit "${w1:0:8}" --place Videokonferenz --heads 20 --no-participant köln
expect_contains "$OUT" "workshop $idx1: version 2"
expect_status 0 -- oz workshop show "$w1" --format json
json_check "$OUT" 'd["place"] == "Videokonferenz" and d["head_count"] == 20 and len(d["participants"]) == 1'
expect_status 0 -- oz history --limit 1 --format json
json_check "$OUT" 'd[0]["entity"] == "workshop" and d[0]["action"] == "edit"'
json_check "$OUT" '"place" in d[0]["summary"] and "head count: 18 → 20" in d[0]["summary"]'
expect_status 0 -- oz workshop edit "$w1" --heads 20
expect_contains "$OUT" "nothing changed"
expect_status 75 -- oz workshop edit "$w1" --heads 21 --expect-version 1
expect_contains "$ERR" "version 2, you had 1"
expect_status 0 -- oz workshop edit "$w1" --heads 21 --expect-version 2
expect_status 0 -- oz workshop edit "$w1" --place ""
expect_status 0 -- oz workshop show "$w1" --format json
json_check "$OUT" 'd["place"] is None'
expect_status 0 -- oz history --format json
json_check "$OUT" 'sum(1 for e in d if e["entity"] == "workshop" and e["action"] == "create") == 3'

# errors
expect_status 64 -- oz workshop
expect_contains "$ERR" "missing subcommand"
expect_status 64 -- oz workshop frobnicate
expect_contains "$ERR" "unknown subcommand 'frobnicate'"
expect_status 64 -- oz workshop add --field bauen --date 2025-01-01
expect_contains "$ERR" "needs --field, --date and --title"
expect_status 64 -- oz workshop add --field bauen --date 2025-13-01 --title x
expect_contains "$ERR" "--date: expected a date YYYY-MM-DD"
expect_status 65 -- oz workshop add --field nirgendwo --date 2025-01-01 --title x
expect_status 66 -- oz workshop add --field bauen --date 2025-01-01 --title x --participant Atlantis
expect_status 64 -- oz workshop add --field bauen --date 2025-01-01 --title "  "
expect_contains "$ERR" "needs a title"
expect_status 64 -- oz workshop add --field bauen --date 2025-01-01 --title x --heads many
expect_status 64 -- oz workshop add --field bauen --date 2025-01-01 --title x --expect-version 1
expect_status 64 -- oz workshop add --field bauen --date 2025-01-01 --title x --bogus
expect_contains "$ERR" "unknown option '--bogus' (see ozgtui workshop add --help)"
expect_status 66 -- oz workshop show 9
expect_contains "$ERR" "no workshop 9"
expect_status 66 -- oz workshop show ffffffff
expect_status 64 -- oz workshop show abc
expect_status 64 -- oz workshop show
expect_status 64 -- oz workshop show 1 2
expect_status 64 -- oz workshop show 1 --format tsv
expect_status 66 -- oz workshop edit 9 --heads 3
expect_status 66 -- oz workshop edit 1 --no-participant 05111000
expect_status 64 -- oz workshop list --format csv
expect_status 64 -- oz workshop list kind:action
expect_contains "$ERR" "unknown key 'kind:' for workshops"
expect_status 65 -- oz workshop list org:Atlantis
expect_status 65 -- oz workshop list --field nirgendwo
expect_status 77 -- oz --readonly workshop add --field bauen --date 2025-01-01 --title x
expect_status 0 -- oz --readonly workshop list
expect_status 0 -- oz workshop --help
expect_contains "$OUT" "usage: ozgtui workshop add|list|show|edit"
expect_status 0 -- oz workshop add --help
expect_contains "$OUT" "usage: ozgtui workshop"
# terminal safety: control characters from the database are made visible
expect_status 0 -- oz workshop add --field bauen --date 2025-01-02 --title $'Evil\e[31mRed'
expect_status 0 -- oz workshop list
expect_not_contains "$OUT" $'\e[31m' "escape sequence in list"
# without a database
OZGTUI_DB="$TMP/none" expect_status 66 -- oz workshop list

finish
