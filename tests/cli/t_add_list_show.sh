#!/bin/bash
# add, list (table, tsv, json, filter, sort) and show (text, json; by number, UUID, prefix).
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"

# add prints the number and nothing else
expect_status 0 -- oz add --title "Wohngeld online" --field bauen --service 10232 \
	--lead 05315000 --priority 4 --notes "aus dem Workshop"
expect_eq "$OUT" 1 "first number"
expect_status 0 -- oz add --title "Elterngeld digital" --field "Familie" --service Elterngeld
expect_eq "$OUT" 2 "second number"
n=$(oz add -t "Hundesteuer" -f 12 -p 2)
expect_eq "$n" 3 "captured number"

# what add refuses
expect_status 64 -- oz add --field bauen
expect_contains "$ERR" "--title"
expect_status 64 -- oz add --title x
expect_status 65 -- oz add --title x --field keinfeld
expect_contains "$ERR" "ozgtui: add:"
expect_status 65 -- oz add --title x --field bauen --service 99999999
expect_status 66 -- oz add --title x --field bauen --lead "Nirgendwo an der Nix"
expect_status 64 -- oz add --title x --field bauen --priority 9
expect_status 64 -- oz add --title x --field bauen --bogus
expect_status 0 -- oz list --format json
json_check "$OUT" 'len(d) == 3'

# list: a table with the columns a coordinator reads
expect_status 0 -- oz list
expect_contains "$OUT" "Wohngeld online"
expect_contains "$OUT" "Köln, Stadt"
expect_contains "$OUT" "Sichtung"
expect_eq "$(count_lines "$OUT")" 4 "header + 3 rows"
# filters: option or words, field and free text
expect_status 0 -- oz list --filter "field:bauen"
expect_contains "$OUT" "Wohngeld online"
expect_not_contains "$OUT" "Elterngeld"
expect_status 0 -- oz list field:familie
expect_contains "$OUT" "Elterngeld digital"
expect_not_contains "$OUT" "Wohngeld"
expect_status 0 -- oz list --filter "prio:>=3"
expect_eq "$(count_lines "$OUT")" 2 "one project of priority >= 3"
expect_status 0 -- oz list --filter "hundesteuer"
expect_contains "$OUT" "Hundesteuer"
expect_status 0 -- oz list --filter "lead:köln"
expect_contains "$OUT" "Wohngeld online"
expect_not_contains "$OUT" "Hundesteuer"
expect_status 0 -- oz list --filter "phase:betrieb"
expect_contains "$OUT" "no projects match"
expect_status 65 -- oz list --filter "phase:nirgends"
expect_contains "$ERR" "nirgends"
expect_status 64 -- oz list --sort colour
expect_status 64 -- oz list --format xml
expect_contains "$ERR" "unsupported format 'xml'"
# sorting
expect_status 0 -- oz list --sort title --format tsv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1)" 2 "first by title (Elterngeld)"
expect_status 0 -- oz list --sort priority --format tsv
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1)" 1 "first by priority (4)"

# tsv: a header line, tabs and newlines in values escaped
oz add --title "$(printf 'Tab\there\nnewline')" --field bauen >/dev/null || fail "add with a tab"
expect_status 0 -- oz list --format tsv
expect_eq "$(printf '%s\n' "$OUT" | head -1 | cut -f1,9)" "$(printf 'number\ttitle')" "tsv header"
expect_contains "$OUT" 'Tab\there\nnewline'
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' '{print NF}' | sort -u)" 10 "fields per tsv line"

# json: a real parser reads it back
expect_status 0 -- oz list --format json
json_check "$OUT" 'len(d) == 4 and d[0]["number"] == 1 and d[0]["title"] == "Wohngeld online"'
json_check "$OUT" 'd[0]["lead"] == "Köln, Stadt" and d[0]["priority"] == 4 and d[0]["services"] == [10232]'
json_check "$OUT" 'd[3]["title"] == "Tab\there\nnewline"'
json_check "$OUT" 'all(len(p["uuid"]) == 36 and p["version"] == 1 for p in d)'
uuid=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])')

# show: by number, UUID and UUID prefix
expect_status 0 -- oz show 1
expect_contains "$OUT" "#1  Wohngeld online"
expect_contains "$OUT" "$uuid"
expect_contains "$OUT" "Bauen & Wohnen"
expect_contains "$OUT" "10232"
expect_contains "$OUT" "delivered by"
expect_contains "$OUT" "Köln, Stadt (city), lead"
expect_contains "$OUT" "team: not representative — missing: municipality; suggestions: "
expect_contains "$OUT" "aus dem Workshop"
expect_contains "$OUT" "created"
expect_contains "$OUT" "(version 1)"
expect_contains "$OUT" "Sichtung"
expect_contains "$OUT" "2025-03-01"
expect_status 0 -- oz show "$uuid"
expect_contains "$OUT" "#1  Wohngeld online"
expect_status 0 -- oz show "${uuid:0:13}"
expect_contains "$OUT" "#1  Wohngeld online"
expect_status 0 -- oz show "#2"
expect_contains "$OUT" "Elterngeld digital"
expect_status 66 -- oz show 99
expect_contains "$ERR" "ozgtui: show: no project #99"
expect_status 64 -- oz show
expect_status 64 -- oz show 1 2
expect_status 64 -- oz show 1 --format tsv

expect_status 0 -- oz show 1 --format json
json_check "$OUT" 'd["number"] == 1 and d["uuid"] == "'"$uuid"'" and d["title"] == "Wohngeld online"'
json_check "$OUT" 'd["team"][0]["name"] == "Köln, Stadt" and d["team"][0]["role"] == "lead" and d["team"][0]["category"] == "city"'
json_check "$OUT" 'd["verdict"]["representative"] is False and d["verdict"]["missing"] == ["municipality"]'
json_check "$OUT" 'len(d["verdict"]["suggestions"]) > 0 and all(s["category"] == "municipality" for s in d["verdict"]["suggestions"])'
json_check "$OUT" 'd["services"][0]["ozg_id"] == 10232 and "municipality" in d["services"][0]["categories"]'
json_check "$OUT" 'd["dates"][0]["phase"] == "Sichtung" and d["dates"][0]["reached"] == "2025-03-01"'
json_check "$OUT" 'd["history"][0]["action"] == "create" and d["notes"] == "aus dem Workshop"'

# nothing from the database reaches the terminal raw
oz add --title "$(printf 'Evil\033[31mred\033]0;title\007')" --field bauen >/dev/null || fail "add evil"
expect_status 0 -- oz list
expect_not_contains "$OUT" "$(printf '\033')" "list output"
expect_contains "$OUT" "Evil"
expect_status 0 -- oz show 5
expect_not_contains "$OUT" "$(printf '\033')" "show output"
expect_not_contains "$OUT" "$(printf '\007')" "show output"
expect_status 0 -- oz list --format tsv
expect_not_contains "$OUT" "$(printf '\033')" "tsv output"
expect_status 0 -- oz list --format json
json_check "$OUT" 'd[4]["title"] == "Evil\x1b[31mred\x1b]0;title\x07"'

finish
