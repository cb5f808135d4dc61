#!/bin/bash
# Every top-level view opens with 1-5 and Tab; Enter goes deeper; Esc/q back.
. "$(dirname "$0")/lib.sh"
demo_db
start 80 24
wait_for "Befunde:"
keys 4
wait_for "Einwohner"
ok "4: Organisationen"
keys /
type_text "Südwestfalen"
keys Enter Enter
wait_for "Organisation Südwestfalen"
wait_for "Federführung"
keys Enter
wait_for "Projekt "
wait_for "Repräsentativ"
ok "organisation → its projects → project detail"
keys q q
wait_for "Einwohner"
keys 5
wait_for "Wann"
wait_for "Änderungen, neueste zuerst"
keys Enter
wait_for "diese Änderung betrifft kein einzelnes Projekt"
# The newest changes may concern no project (the demo's own entries): down
# to the first row that does (the view lists the history as the CLI does,
# newest first) and open it.
read -r down project < <(cli history --limit 40 --format json | python3 -c '
import json, sys
for i, e in enumerate(json.load(sys.stdin)):
    if e["entity"] == "project" and e["project"]:
        print(i, e["project"])
        break')
[ -n "${project:-}" ] || fail "no change about a project among the newest 40"
[ "$down" -gt 0 ] || fail "the newest change is about project $project (Enter opened no project)"
for _ in $(seq 1 "$down"); do
	keys j
done
keys Enter
wait_for "Projekt $project:"
wait_for "Repräsentativ"
keys G
wait_for "Verlauf"
ok "5: Aktivität, Enter opens the project concerned"
keys Escape Tab
wait_for "Befunde:"
ok "Tab cycles from the last view to the first"
keys Tab
wait_for "Projekte ·"
keys Enter
wait_for "Repräsentativ"
keys G
wait_for "◀ aktuell"
wait_for "Verlauf"
ok "project detail shows team and dates"
keys q
wait_for "Projekte ·"

# --readonly: shown in the title bar; moves are refused with a message.
stop
start 80 24 --readonly
wait_for "[nur lesend]"
keys 2 L
wait_for "die Datenbank ist nur lesend geöffnet"   # the move's refusal (the title bar says "nur lesend" too)
cli list --format tsv | sed -n 2p | cut -f3 | grep -qx "Workshop" || fail "project 1 moved in read-only mode"
ok "--readonly: marked in the title, moves refused"
quit
