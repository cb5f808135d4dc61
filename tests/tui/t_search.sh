#!/bin/bash
# Searches going on in steps (OZGTUI_TEST_STEP=8: one row per key or idle
# slice), in the projects view and on the board: Esc after a search whose
# view was reloaded meanwhile (a change from another session, seen by the
# search prompt's idle slices) goes back to the project selected when the
# search began, not to its old row number. The board's search goes on in
# idle slices like the projects view's: the footer says so, Esc cancels it,
# a key typed after Enter acts where it lands.
. "$(dirname "$0")/lib.sh"
demo_db

# the project number of the first list row on screen
first_row() {
	screen | sed -n 3p | grep -oE '^[ *]+[0-9]+ ' | tr -d ' *'
}
wait_first_row() {   # wait_first_row N MESSAGE
	local i=0
	while [ "$(first_row)" != "$1" ]; do
		i=$((i + 1))
		[ $i -ge $((100 * SCALE)) ] && fail "$2: the first row is #$(first_row), expected #$1"
		sleep 0.1
	done
}

mapfile -t ws < <(cli list --filter phase:workshop --format tsv | tail -n +2 | cut -f1)
[ ${#ws[@]} -ge 6 ] || fail "the demo has fewer than six Workshop projects"

# the projects view with a filter; the fourth row selected
START_ENV="OZGTUI_TEST_STEP=8" start 80 24
keys 2
wait_for "Projekte"
keys f C-u
wait_for "Filter:"
type_text "phase:workshop"
keys Enter
# every row read (not "wird noch gelesen"): the Downs reach the fourth
wait_line "^${#ws[@]} Projekte · Filter: phase:workshop · ! " 20
keys Down Down Down
sel=${ws[3]}
# the prompt open; another session moves the first row's project out of the
# filter: the rows above the selection shift by one once the view is reloaded
keys /
wait_line "^/$"   # the prompt open, the Downs handled (the footer has a "/" too)
cli move "${ws[0]}" Pausiert --force --reason "test" >/dev/null || fail "cli move ${ws[0]}"
type_text "zzqy"
wait_first_row "${ws[1]}" "reloaded in the prompt"
wait_for "nicht gefunden: zzqy" 20
keys Escape
wait_gone "/zzqy" 10
keys Enter
wait_line "Projekt [0-9]+:" 10
screen | grep -qF "Projekt $sel:" || fail "Esc after a reload in the search: $(screen | grep -oE 'Projekt [0-9]+:' | head -1), expected #$sel"
keys q
wait_line "Projekte · Filter: phase:workshop" 10
ok "2: Esc after a reload during the search goes back to #$sel (rows shifted above it)"

# the selected project itself leaves the list meanwhile: Esc puts the cursor
# on the row that took its place (the old row number)
mapfile -t ws < <(cli list --filter phase:workshop --format tsv | tail -n +2 | cut -f1)
wait_line "^${#ws[@]} Projekte · Filter: phase:workshop · ! " 20   # read again after the move: all of it
keys g Down Down
gone=${ws[2]}
keys /
wait_line "^/$"
cli move "$gone" Pausiert --force --reason "test" >/dev/null || fail "cli move $gone"
type_text "zzqx"
wait_for "nicht gefunden: zzqx" 20
rows_now=$(screen | sed -n '3,22p' | grep -cE '^[ *]+[0-9]+ ')
[ "$rows_now" = $((${#ws[@]} - 1)) ] || fail "not reloaded in the prompt: $rows_now rows"
keys Escape
wait_gone "/zzqx" 10
keys Enter
wait_line "Projekt [0-9]+:" 10
screen | grep -qF "Projekt ${ws[3]}:" || fail "Esc after the selected project left: $(screen | grep -oE 'Projekt [0-9]+:' | head -1), expected #${ws[3]}"
keys q
ok "2: Esc after the selected #$gone left the list: the row in its place, #${ws[3]}"

# Esc after a reload in the search prompt: the Workshop column's fourth card
# selected, another session moves the column's first card away
mapfile -t ws < <(cli list --filter phase:workshop --format tsv | tail -n +2 | cut -f1)
keys 3
wait_line "^[0-9]+ Projekte · [^w]" 20   # the columns complete
keys l Down Down Down
sel=${ws[3]}
keys Enter
wait_for "Projekt $sel:" 10
keys q
wait_for "Workshop (${#ws[@]})"
keys /
wait_line "^/$"
cli move "${ws[0]}" Pausiert --force --reason "test" >/dev/null || fail "cli move ${ws[0]}"
type_text "zzqv"
wait_for "Workshop ($((${#ws[@]} - 1)))" 20   # reloaded in the prompt
wait_for "nicht gefunden: zzqv" 30
keys Escape
wait_gone "/zzqv" 10
keys Enter
wait_line "Projekt [0-9]+:" 10
screen | grep -qF "Projekt $sel:" || fail "board: Esc after a reload in the search: $(screen | grep -oE 'Projekt [0-9]+:' | head -1), expected #$sel"
keys q
ok "3: Esc after a reload during the search goes back to #$sel"
quit

# the board's search over every card, one card a step, on 1,500 projects
gen_db 1500 11
START_ENV="OZGTUI_TEST_STEP=8" start 80 24
keys 3
wait_line "^[0-9]+ Projekte · [^w]" 60   # the columns complete
# the last card in board order: the last column's last
late=$(cli list --filter phase:abgebrochen --format tsv | tail -n +2 | tail -1 | cut -f1)
[ -n "$late" ] && [ "$late" -ge 1000 ] || fail "no late card in Abgebrochen: '$late'"
keys /
wait_line "^/$"
type_text "zzqw"
wait_for "Suche läuft: zzqw" 10
keys Escape
wait_gone "Suche läuft" 10
sleep 3   # a search that went on would end in "nicht gefunden" by now
screen | grep -qF "nicht gefunden: zzqw" && fail "board: the search went on after Esc"
ok "3: the search goes on in steps ('Suche läuft'), Esc cancels it"
keys /
type_text "zzqu"
keys Enter
wait_for "Suche läuft: zzqu" 10
wait_for "nicht gefunden: zzqu" 60
wait_gone "Suche läuft" 10
ok "3: a search without a match goes on after Enter and ends in 'nicht gefunden'"
# a key typed right after Enter acts where the search lands, as if it were instant
keys /
type_text "$late "
keys Enter Enter
wait_line "Projekt [0-9]+:" 60
screen | grep -qF "Projekt $late:" || fail "board: / Enter Enter opened $(screen | grep -oE 'Projekt [0-9]+:' | head -1), expected #$late"
keys q
wait_for "Abgebrochen ("
ok "3: / then Enter Enter opens the match #$late (the last card), not the card the search started from"
keys n
wait_for "Suche am anderen Ende fortgesetzt: $late" 60
ok "3: n goes round to the only match"
quit
