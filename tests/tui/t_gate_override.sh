#!/bin/bash
# A move a gate refuses shows why; declining keeps the project; an override
# asks for a reason, which history keeps with the forced flag; undo moves it back.
. "$(dirname "$0")/lib.sh"
demo_db
number=$(cli list --filter "rep:no phase:konzeption" --format tsv | tail -n +2 | head -1 | cut -f1)
[ -n "$number" ] || fail "the demo has no non-representative project in Konzeption"
start 80 24
keys 2 f
type_text "rep:no phase:konzeption"
keys Enter
wait_for "Filter: rep:no phase:konzeption"
keys g L
wait_for "✗ Gate übergehen? #$number → Umsetzung verweigert: Team nicht repräsentativ (j/n)"
keys n
wait_for "nicht verschoben"
cli list --filter "phase:konzeption" --format tsv | cut -f1 | grep -qx "$number" || fail "moved although declined"
ok "refused gate shows why; declined, project $number stays"

keys L
wait_for "Gate übergehen?"
wait_for "(j/n)"
keys j   # German yes
wait_for "Grund für das Übergehen"
type_text "Pilot mit dem Kreis vereinbart"
keys Enter
wait_for "Projekt $number: Konzeption → Umsetzung (Gate übergangen)"
h=$(cli history "$number" | head -3)
echo "$h" | grep "Konzeption → Umsetzung" | grep -q "Pilot mit dem Kreis vereinbart" || fail "no reason in history: $h"
echo "$h" | grep "Konzeption → Umsetzung" | grep -qi "forced\|overridden" || fail "not marked forced: $h"
ok "override with a reason is in history, forced"

keys u
wait_for "rückgängig: Projekt $number wieder in Konzeption"
cli list --filter "phase:konzeption" --format tsv | cut -f1 | grep -qx "$number" || fail "undo did not move it back"
cli history "$number" | sed -n 2p | grep -q "reason: undo" || fail "undo has no history entry with its reason"
ok "u moves it back, recorded as undo"
keys C-r
wait_for "wiederhergestellt: Projekt $number wieder in Umsetzung"
cli list --filter "phase:umsetzung" --format tsv | cut -f1 | grep -qx "$number" || fail "redo did not move it"
ok "Ctrl-R redoes the move"
quit
