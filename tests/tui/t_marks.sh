#!/bin/bash
# Space marks projects; m moves all marked ones after a confirmation.
. "$(dirname "$0")/lib.sh"
demo_db
mapfile -t ids < <(cli list --filter "phase:sichtung" --format tsv | tail -n +2 | cut -f1 | sort -n)
[ "${#ids[@]}" -ge 2 ] || fail "the demo has fewer than two projects in Sichtung"
start 80 24
keys 2 f
type_text "phase:sichtung"
keys Enter
wait_for "${#ids[@]} Projekte · Filter: phase:sichtung"
keys Space Space
wait_for "2 markiert"
screen | grep -cE '^\* +[0-9]+ ' | grep -qx 2 || fail "two rows should show *"
ok "Space marks two projects, shown with *"
keys m
wait_for "Markierte Projekte verschieben nach"
keys 2
wait_for "2 markierte Projekte nach Workshop verschieben? (j/n)"
keys y
wait_for "2 von 2 Projekten verschoben"
for n in "${ids[0]}" "${ids[1]}"; do
	cli list --filter "phase:workshop" --format tsv | cut -f1 | grep -qx "$n" || fail "project $n not in Workshop"
done
ok "m moved both marked projects (${ids[0]}, ${ids[1]}) to Workshop"
wait_for "$(( ${#ids[@]} - 2 )) Projekt"
screen | grep -q "markiert" && fail "marks should be cleared after the move"
ok "the list follows and the marks are cleared"
quit
