#!/bin/bash
# outcome add/list/show/edit/done/drop/reopen/link/unlink: what outcomes do to
# projects (a decision opens the gate, volunteers become interested and come
# first among the suggestions, bundles drifting apart and overdue action items
# are findings), the filters, and every error's exit status.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
oz service-categories 10232 municipality,city >/dev/null || fail "service-categories"
n=$(oz add --title "Wohngeld online" --field bauen --service 10232 --lead köln)
m=$(oz add --title "Baugenehmigung digital" --field bauen --service 10232)
village=$(oz orgs --category municipality --format tsv | sed -n 2p | cut -f4)
village_name=$(oz orgs --category municipality --format tsv | sed -n 2p | cut -f1)
volunteer=$(oz orgs --category municipality --format tsv | sed -n 5p | cut -f4)
volunteer_name=$(oz orgs --category municipality --format tsv | sed -n 5p | cut -f1)
w=$(oz workshop add --field bauen --date 2025-01-15 --title "Initialer Workshop Bauen")

# ---- a decision lets a gated move pass
oz team "$n" add "$village" >/dev/null || fail "team add"
expect_status 0 -- oz move "$n" entscheidung
expect_status 1 -- oz move "$n" umsetzung
expect_contains "$ERR" "no decision recorded"
expect_status 0 -- oz outcome add - --kind decision --text "Beschluss für ein anderes Projekt" --project "$m"
expect_status 1 -- oz move "$n" umsetzung
expect_status 0 -- oz outcome add "$w" --kind decision --text "Lenkungsausschuss: Umsetzung beschlossen"
d=$OUT
[[ $d =~ ^[0-9a-f-]{36}$ ]] || fail "add printed '$d'"
expect_status 1 -- oz move "$n" umsetzung
expect_status 0 -- oz outcome link "${d:0:8}" --project "$n"
expect_contains "$OUT" "version 2"
expect_status 0 -- oz history "$n" --format json
json_check "$OUT" 'd[0]["action"] == "outcome" and "decision" in d[0]["summary"]'
# dropped, the decision no longer counts; done again, it does
expect_status 0 -- oz outcome drop "$d"
expect_contains "$OUT" "open → dropped"
expect_status 1 -- oz move "$n" umsetzung
expect_status 0 -- oz outcome reopen "$d"
expect_contains "$OUT" "dropped → open"
expect_status 0 -- oz outcome done "$d"
expect_contains "$OUT" "open → done"
expect_status 0 -- oz outcome done "$d"
expect_contains "$OUT" "already done"
expect_status 0 -- oz move "$n" umsetzung
expect_contains "$OUT" "#$n: phase Entscheidung → Umsetzung"

# ---- volunteers become interested and come first among the suggestions
expect_status 0 -- oz team "$m" add köln --role lead
expect_contains "$OUT" "not representative"
expect_not_contains "$OUT" "suggestions: $volunteer_name" "suggestions before"
expect_status 0 -- oz outcome add "$w" --kind volunteer --text "Mitarbeit angeboten" --project "$m" --org "$volunteer"
v=$OUT
expect_contains "$ERR" "1 volunteer is now interested"
expect_status 0 -- oz team "$m"
expect_contains "$OUT" "suggestions: $volunteer_name"
expect_status 0 -- oz show "$m" --format json
json_check "$OUT" '[o["ags"] for o in d["interested"]] == ["'"$volunteer"'"]'
json_check "$OUT" 'd["version"] == 3'
expect_status 0 -- oz history "$m" --format json
json_check "$OUT" 'd[0]["action"] == "interest" and "volunteered" in d[0]["summary"]'
# linking another organisation: interested too; a member is not
expect_status 0 -- oz outcome link "$v" --org "$village"
expect_contains "$ERR" "1 volunteer is now interested"
expect_status 0 -- oz outcome link "$v" --org köln
expect_eq "$ERR" "" "no new interest for a member"
expect_status 0 -- oz outcome link "$v" --org köln
expect_contains "$OUT" "nothing changed"
expect_status 0 -- oz outcome unlink "$v" --org köln
expect_contains "$OUT" "version"
expect_status 66 -- oz outcome unlink "$v" --org köln
# dropping keeps the interest
expect_status 0 -- oz outcome drop "$v"
expect_status 0 -- oz show "$m" --format json
json_check "$OUT" 'len(d["interested"]) == 2'

# ---- overdue action items: list, filter, check
expect_status 0 -- oz outcome add "$w" --kind action --text "Formulare erheben" --owner krz --due 2025-02-01 --project "$m"
a1=$OUT
expect_status 0 -- oz outcome add "$w" --kind action --text "Protokoll versenden" --owner "KDN" --due 2025-03-15
expect_status 0 -- oz outcome add "$w" --kind question --text "Welche Fachverfahren?"
expect_status 0 -- oz outcome list --overdue
expect_eq "$(count_lines "$OUT")" 3 "overdue: header, one row, legend"
expect_contains "$OUT" "2025-02-01 !"
expect_contains "$OUT" "! = overdue"
expect_status 0 -- oz outcome list --overdue --format json
json_check "$OUT" 'len(d) == 1 and d[0]["text"] == "Formulare erheben" and d[0]["overdue"] is True'
json_check "$OUT" 'd[0]["projects"] == ['"$m"'] and d[0]["field_name"] == "Bauen & Wohnen"'
expect_status 0 -- oz outcome list "overdue:yes" --format json
json_check "$OUT" 'len(d) == 1'
expect_status 0 -- oz outcome list --kind action --format json
json_check "$OUT" 'len(d) == 2'
expect_status 0 -- oz outcome list --kind action --kind question --format json
json_check "$OUT" 'len(d) == 3'
expect_status 0 -- oz outcome list --status dropped --format json
json_check "$OUT" 'len(d) == 1 and d[0]["kind"] == "volunteer"'
expect_status 0 -- oz outcome list "owner:krz" --format json
json_check "$OUT" 'len(d) == 1'
expect_status 0 -- oz outcome list --filter "-status:done kind:decision" --format json
json_check "$OUT" 'len(d) == 1 and d[0]["projects"] == ['"$m"']'
expect_status 0 -- oz outcome list --project "$n" --format json
json_check "$OUT" 'len(d) == 1 and d[0]["kind"] == "decision"'
expect_status 0 -- oz outcome list --workshop "$w" --format json
json_check "$OUT" 'len(d) == 5'
expect_status 0 -- oz outcome list --field familie
expect_contains "$OUT" "no outcomes match"
expect_status 0 -- oz outcome list formulare --format tsv
expect_eq "$(count_lines "$OUT")" 2 "tsv lines"
expect_contains "$OUT" "	yes	"
expect_status 1 -- oz check
expect_contains "$OUT" "overdue"
expect_contains "$OUT" "action item due 2025-02-01 (owner krz): Formulare erheben"
expect_status 1 -- oz check --format json
json_check "$OUT" 'any(f["kind"] == "overdue" and f["project"] == '"$m"' for f in d)'
expect_status 0 -- oz outcome done "${a1:0:8}"
expect_status 0 -- oz outcome list --overdue --format json
json_check "$OUT" 'd == []'

# ---- bundles drifting apart
b=$(oz add --title "Bauvoranfrage" --field bauen --service 10232)
expect_status 0 -- oz outcome add "$w" --kind bundle --text "Gemeinsam konzipieren" --project "$n" --project "$b"
bundle=$OUT
expect_status 1 -- oz check --format json
json_check "$OUT" '[f["project"] for f in d if f["kind"] == "bundle-drift"] == ['"$b"']'
json_check "$OUT" '[f["other_project"] for f in d if f["kind"] == "bundle-drift"] == ['"$n"']'
expect_status 0 -- oz outcome drop "$bundle"
expect_status 1 -- oz check --format json
json_check "$OUT" 'not any(f["kind"] == "bundle-drift" for f in d)'

# ---- show and edit
expect_status 0 -- oz outcome show "$v"
expect_contains "$OUT" "Volunteers (volunteer)"
expect_contains "$OUT" "$volunteer_name"
expect_contains "$OUT" "Initialer Workshop Bauen"
expect_status 0 -- oz outcome show "$d" --format json
json_check "$OUT" 'd["kind"] == "decision" and d["status"] == "done" and d["projects"] == ['"$n"']'
q=$(oz outcome list --kind question --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["index"])')
expect_status 0 -- oz outcome edit "$q" --kind action --owner "krz" --due 2025-04-01 --text "Fachverfahren erheben"
expect_contains "$OUT" "outcome $q: version 2"
expect_status 0 -- oz history --limit 1 --format json
json_check "$OUT" 'd[0]["entity"] == "outcome" and "kind: question → action" in d[0]["summary"]'
expect_status 0 -- oz outcome edit "$q" --due none
expect_status 0 -- oz outcome show "$q" --format json
json_check "$OUT" 'd["due"] is None and d["owner"] == "krz"'
expect_status 75 -- oz outcome edit "$q" --text x --expect-version 1
expect_status 75 -- oz outcome done "$q" --expect-version 1
expect_status 0 -- oz workshop show "$w"
expect_contains "$OUT" "Decision (decision):"
expect_contains "$OUT" "Action item (action):"
# workshop show --format json lists its outcomes as outcome show gives them
# (organisations as {uuid, name})
expect_status 0 -- oz workshop show "$w" --format json
ws_json=$OUT
json_check "$ws_json" 'len(d["outcome_list"]) >= 3'
json_check "$ws_json" 'any(o["organisations"] and o["organisations"][0]["name"] == "'"$volunteer_name"'" and len(o["organisations"][0]["uuid"]) == 36 for o in d["outcome_list"])'
for i in $(printf '%s' "$ws_json" | python3 -c 'import json,sys; print(" ".join(str(o["index"]) for o in json.load(sys.stdin)["outcome_list"]))'); do
	expect_status 0 -- oz outcome show "$i" --format json
	json_check "$(printf '{"a":%s,"b":%s}' "$ws_json" "$OUT")" '[o for o in d["a"]["outcome_list"] if o["index"] == '"$i"'][0] == d["b"]'
done

# ---- errors
expect_status 64 -- oz outcome
expect_status 64 -- oz outcome frob
expect_status 64 -- oz outcome add "$w" --text x
expect_contains "$ERR" "needs --kind and --text"
expect_status 64 -- oz outcome add "$w" --kind wish --text x
expect_contains "$ERR" "unknown kind 'wish'"
expect_status 64 -- oz outcome add "$w" --kind action --text x --due tomorrow
expect_status 64 -- oz outcome add "$w" --kind action --text "  "
expect_status 64 -- oz outcome add --kind action --text x
expect_status 66 -- oz outcome add 99 --kind action --text x
expect_status 66 -- oz outcome add "$w" --kind action --text x --project 999
expect_status 66 -- oz outcome add "$w" --kind action --text x --org Atlantis
expect_status 65 -- oz outcome add "$w" --kind action --text x --service 1
expect_status 64 -- oz outcome add "$w" --kind action --text x --expect-version 2
expect_status 64 -- oz outcome done
expect_status 66 -- oz outcome done 999
expect_status 64 -- oz outcome link "$v"
expect_contains "$ERR" "at least one --project, --org or --service"
expect_status 66 -- oz outcome link "$v" --project 999
expect_status 64 -- oz outcome edit "$v" --project "$n"
expect_status 64 -- oz outcome list --kind wish
expect_status 64 -- oz outcome list --status maybe
expect_status 64 -- oz outcome list "phase:umsetzung"
expect_contains "$ERR" "unknown key 'phase:' for outcomes"
expect_status 64 -- oz outcome list "overdue:maybe"
expect_status 65 -- oz outcome list "field:nirgendwo"
expect_status 66 -- oz outcome list --workshop 99
expect_status 66 -- oz outcome list --project 999
expect_status 64 -- oz outcome show "$v" --format tsv
expect_status 77 -- oz --readonly outcome done "$v"
expect_status 0 -- oz --readonly outcome list
expect_status 0 -- oz outcome --help
expect_contains "$OUT" "usage: ozgtui outcome add|list|show|edit|done|drop|reopen|link|unlink"

finish
