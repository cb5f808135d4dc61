#!/bin/bash
# The workshop screen: record outcomes from the keyboard, close, drop and
# reopen them, edit one into an overdue action item, link them to a project
# with the picker. Recording a decision lets a gated move pass: before it
# `ozgtui move N umsetzung` exits 1, after it 0. A volunteer linked to a
# project becomes interested in it.
. "$(dirname "$0")/lib.sh"

cli init >/dev/null || fail "init"
cli service-categories 10232 municipality,city >/dev/null || fail "service-categories"
n=$(cli add --title "Wohngeld online" --field bauen --service 10232 --lead köln) || fail "add"
village=$(cli orgs --category municipality --format tsv | sed -n 2p | cut -f4)
volunteer=$(cli orgs --category municipality --format tsv | sed -n 3p | cut -f4)
volunteer_name=$(cli orgs --category municipality --format tsv | sed -n 3p | cut -f1)
cli team "$n" add "$village" >/dev/null || fail "team add"
cli move "$n" entscheidung >/dev/null || fail "move to Entscheidung"
w=$(cli workshop add --field bauen --date 2025-02-12 --title "Initialer Workshop Bauen" --place Lemgo \
	--participant krz --heads 14) || fail "workshop add"

# the gate refuses without a decision
cli move "$n" umsetzung >/dev/null 2>&1
[ $? -eq 1 ] || fail "move to Umsetzung without a decision did not exit 1"
ok "before: move $n umsetzung exits 1"

start 80 24
# Bauen & Wohnen is the second field; its name, Enter; the workshop is the first item
keys Down Left
wait_for "Enter opens the topic field"
keys Enter
wait_for "Themenfeld 2 · Bauen & Wohnen"
wait_line "2025-02-12  Initialer Workshop Bauen"
keys Enter
wait_for "2025-02-12 · Bauen & Wohnen · Lemgo · 14 Personen"
wait_for "Teilnehmende: krz Minden/Ravensberg-Lippe"
wait_for "noch keine Ergebnisse"
ok "workshop screen"

# a: a decision (the first kind), then p: link it to the project
keys a
wait_for "Art des Ergebnisses"
keys Enter
wait_for "Text:"
type_text "Lenkungsausschuss: Umsetzung beschlossen"
keys Enter
wait_for "Ergebnis aufgenommen"
wait_line "○ offen +Entscheidung +Lenkungsausschuss"
keys p
wait_for "Mit welchem Projekt verknüpfen?"
wait_for "Wohngeld online"
keys Enter
wait_for "mit #$n verknüpft"
wait_line "Entscheidung .*#$n *$"
cli outcome list --project "$n" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d) == 1 and d[0]["kind"] == "decision" and d[0]["text"].startswith("Lenkungsausschuss"), d
' || fail "the decision is not linked in the database"
cli move "$n" umsetzung >/dev/null || fail "move to Umsetzung after the decision"
[ "$(cli show "$n" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["phase"])')" = Umsetzung ] ||
	fail "not in Umsetzung"
ok "after recording the decision in the TUI: move $n umsetzung passes"

# d closes as done, d again reopens; x drops, x again reopens
keys d
wait_line "✓ erledigt +Entscheidung"
[ "$(cli outcome list --project "$n" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"])')" = done ] ||
	fail "not done in the database"
keys d
wait_line "○ offen +Entscheidung"
keys x
wait_line "✗ verworfen +Entscheidung"
[ "$(cli outcome list --project "$n" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"])')" = dropped ] ||
	fail "not dropped in the database"
keys x
wait_line "○ offen +Entscheidung"
ok "d and x close, drop and reopen"

# a: an action item (the sixth kind) with owner and a due date in the past
keys a
wait_for "Art des Ergebnisses"
keys Down Down Down Down Down Enter
wait_for "Text:"
type_text "Formulare erheben"
keys Enter
wait_for "Verantwortlich"
type_text "krz"
keys Enter
wait_for "Fällig am"
type_text "2025-02-20"
keys Enter
wait_line "! überfällig +Aufgabe +2025-02-20 +Formulare erheben"
wait_for "Verantwortlich: krz"
cli outcome list --overdue --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d) == 1 and d[0]["owner"] == "krz" and d[0]["due"] == "2025-02-20", d
' || fail "the overdue action item is not in the database"
ok "an overdue action item recorded from the keyboard"

# e: edit it (kind stays, new text, due date later): no longer overdue
keys e
wait_for "Art des Ergebnisses"
keys Enter
wait_for "Text: Formulare erheben"
keys C-u
type_text "Formulare und Fachverfahren erheben"
keys Enter
wait_for "Verantwortlich"
keys Enter
wait_for "Fällig am"
keys C-u
type_text "2025-04-01"
keys Enter
wait_for "Ergebnis geändert"
wait_line "○ offen +Aufgabe +2025-04-01 +Formulare und Fachverf"
cli outcome list --overdue --format json | grep -q '^\[\]$' || fail "still overdue in the database"
cli history --limit 1 --format json | grep -q '"entity": "outcome"' || fail "no history entry for the edit"
ok "e edits an outcome"

# a volunteer with an organisation, linked: interested in the project
keys a
wait_for "Art des Ergebnisses"
keys Down Down Down Enter
wait_for "Text:"
type_text "Mitarbeit angeboten"
keys Enter
wait_for "Organisation (AGS oder Name"
type_text "$volunteer"
keys Enter
wait_for "Ergebnis aufgenommen"
wait_line "Mitarbeit +Mitarbeit angeboten"
keys p
wait_for "Mit welchem Projekt verknüpfen?"
keys Enter
wait_for "1 Organisation jetzt am Projekt interessiert"
cli show "$n" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [o["ags"] for o in d["interested"]] == [sys.argv[1]], d["interested"]
' "$volunteer" || fail "the volunteer is not interested in #$n"
ok "a volunteer linked to a project is interested in it ($volunteer_name)"

# Enter opens the first linked project
keys Enter
wait_for "Projekt $n: Wohngeld online"
ok "Enter opens the linked project"
quit
