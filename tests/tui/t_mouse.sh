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

# List views leave the mouse to the framework: a click selects the row under
# the pointer, the wheel moves the selection by three rows.
keys q
wait_for "▸ Entscheidung ("
keys 2
wait_for "Projekte ·"
nth() {
	cli list --format tsv | tail -n +2 | sed -n "${1}p" | cut -f1
}
# screen rows: 1 title bar, 2 column headers, 3.. the projects
click 20 5
keys Enter
wait_for "Projekt $(nth 3):"
ok "a click selects the third row of the projects list (#$(nth 3))"
keys q
wait_for "Projekte ·"
wheel_down 20 10
keys Enter
wait_for "Projekt $(nth 6):"
ok "the wheel moves the projects list's selection down by three (#$(nth 6))"
keys q
keys 4
wait_for "Einwohner"
# the second organisation (screen row 4), not the selected first one
second_org=$(screen_line 4 | sed 's/^[ ▶*]*//' | awk '{print $1}')
[ -n "$second_org" ] || fail "no second organisation on the screen"
click 20 4
keys Enter
wait_for "Organisation $second_org"
ok "a click in the organisations list opens the clicked organisation ($second_org)"
quit
