#!/bin/bash
# Mouse (--mouse, off by default): on the board a click selects a card (and
# its column), the wheel moves the selection; in the team editor a click
# selects a row. Events are sent as the terminal would (SGR 1006 reports).
. "$(dirname "$0")/lib.sh"
demo_db

# click COL ROW (1-based screen cells): press and release of button 1
click() {
	type_text $'\e[<0;'"$1;$2"$'M\e[<0;'"$1;$2"'m'
}
wheel_down() {
	type_text $'\e[<65;'"$1;$2"'M'
}

second=$(cli list --filter "phase:workshop" --format tsv | tail -n +2 | sed -n 2p | cut -f1)
[ -n "$second" ] || fail "need two projects in Workshop"

start 80 24 --mouse
keys 3
wait_line "▸ Sichtung \("
# column 2 starts at x 27; its second card at screen row 6 (title bar, header, card, gap)
click 31 6
wait_line "▸ Workshop \("
keys Enter
wait_for "Projekt $second:"
ok "a click selects the second card of the Workshop column (#$second)"
keys q
wait_for "▸ Workshop ("
wheel_down 60 10
wait_line "▸ Entscheidung \("
third=$(cli list --filter "phase:entscheidung" --format tsv | tail -n +2 | sed -n 2p | cut -f1)
keys Enter
wait_for "Projekt $third:"
ok "the wheel selects the column under the pointer and moves down (#$third)"
