#!/bin/bash
# Board (view 3): kanban columns by phase with project cards; narrow terminals
# scroll horizontally; H/L move the selected project (the CLI confirms the
# phase); the board's own filter; Enter opens the detail; marks and bulk moves.
. "$(dirname "$0")/lib.sh"
demo_db

# phase of project N as the CLI's JSON says (the first "phase" key is the project's)
phase_of() {
	cli show "$1" --format json | grep -m1 '"phase":' | sed 's/.*"phase": *"\([^"]*\)".*/\1/'
}

# a project in Workshop: moving it back is never gated, forward again passed the gate once
row=$(cli list --filter "phase:workshop" --format tsv | tail -n +2 | head -1)
number=$(echo "$row" | cut -f1)
title=$(echo "$row" | cut -f9)
[ -n "$number" ] || fail "the demo has no project in Workshop"

start 80 24
keys 3
wait_for "Sichtung ("
wait_for "Workshop ("
wait_for "Entscheidung ("
wait_line '#[0-9]+ '
wait_for "Spalten 1-3 von 10"
ok "80x24: three columns of at least 24 cells, cards with number and title"

screen | grep -q "Konzeption (" && fail "80 columns should not show a fourth column"
keys l l l
wait_for "Konzeption ("
wait_for "Spalten 2-4 von 10"
ok "moving right scrolls the columns, the selected one stays visible"
keys l l l l l l l l l
wait_for "Abgebrochen ("
wait_for "Pausiert ("
ok "Pausiert and Abgebrochen are columns at the end"

# select the project by searching its title
keys /
type_text "$title"
keys Enter
wait_line "▸ Workshop \("
keys H
wait_for "Projekt $number: Workshop → Sichtung"
[ "$(phase_of "$number")" = "Sichtung" ] || fail "H did not move $number to Sichtung: $(phase_of "$number")"
wait_line "▸ Sichtung \("
ok "H moves #$number to Sichtung (CLI confirms), the selection follows the card"

keys L
wait_for "Projekt $number: Sichtung → Workshop"
[ "$(phase_of "$number")" = "Workshop" ] || fail "L did not move $number back to Workshop"
ok "L moves it to the next phase again"

keys Enter
wait_for "Projekt $number: $title"
keys q
wait_for "Workshop ("
ok "Enter opens the project detail, q comes back to the board"

# the board's filter
keys f
type_text "phase:workshop"
keys Enter
wait_for "Filter: phase:workshop"
wait_for "Sichtung (0)"
ok "f filters the board"
keys f C-u
type_text "phase:nonsense"
keys Enter
wait_for "unbekannte Phase 'nonsense'"   # the error, not only the text typed
wait_for "Filter:"
keys Escape
wait_gone "phase:nonsense"   # the prompt closed
wait_for "Filter: phase:workshop"
ok "a bad filter is reported in the prompt and the old one stays"

# marks: move two projects at once
n_workshop=$(cli list --filter "phase:workshop" --format tsv | tail -n +2 | wc -l)
[ "$n_workshop" -ge 2 ] || fail "need two projects in Workshop"
keys g Space Space
wait_for "2 markiert"
keys H
wait_for "2 markierte Projekte in ihre vorige Phase verschieben? (j/n)"
keys y
wait_for "2 von 2 Projekten verschoben"
n_after=$(cli list --filter "phase:workshop" --format tsv | tail -n +2 | wc -l)
[ "$n_after" -eq $((n_workshop - 2)) ] || fail "bulk move: $n_workshop -> $n_after in Workshop"
ok "Space marks cards, H moves the marked ones after asking"

# 140x45: five columns at once
keys Q
tmux -L "$SOCK" kill-server >/dev/null 2>&1
start 140 45
keys 3
wait_for "Spalten 1-5 von 10"
wait_for "Umsetzung ("
ok "140x45 shows five columns"
quit
