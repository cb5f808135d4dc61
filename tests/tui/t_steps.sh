#!/bin/bash
# Result sets built in steps (src/rset.c rset_job; view 2 and the board fill
# in during idle slices). OZGTUI_TEST_STEP=8 makes every key and idle slice do
# one small step, so 1,500 generated projects take hundreds of slices: this
# checks that the complete set arrives in the end (count, first and last row,
# the order after a sort), that the footer says it is still working
# meanwhile, that a search finds a match the build reads late, that Esc
# cancels a search, that a project added by another session during a build
# shows, and the board's columns.
. "$(dirname "$0")/lib.sh"

gen_db 1500 11
N=1500
scope=$(cli settings --format json | grep -oE '"gate_scope": *"[^"]*"' | cut -d'"' -f4)
[ -n "$scope" ] || fail "no gate_scope in settings --format json"

# the project numbers of the list rows on screen (80x24: lines 3-22)
rows() {
	screen | sed -n '3,22p' | grep -oE '^[ *]+[0-9]+ ' | tr -d ' *'
}
cli_numbers() {
	cli list --format tsv "$@" | tail -n +2 | cut -f1
}
wait_rows() {   # wait_rows "N1 N2 ...": the rows on screen are these
	local i=0
	while [ "$(rows | tr '\n' ' ')" != "$1" ]; do
		i=$((i + 1))
		[ $i -ge $((100 * SCALE)) ] && fail "${2:-rows}: $(rows | tr '\n' ' '), expected $1"
		sleep 0.1
	done
}
wait_row() {   # a row on screen is N
	local i=0
	until rows | grep -qx "$1"; do
		i=$((i + 1))
		[ $i -ge $((100 * SCALE)) ] && fail "${2:-row} #$1 not on screen: $(rows | tr '\n' ' ')"
		sleep 0.1
	done
}
set_filter() {
	keys f C-u
	wait_for "Filter:"
	type_text "$1"
	keys Enter
}
STILL="(wird noch gelesen|Filter läuft noch|Sortierung nach .* läuft)"

# the index walk: the count is known from the store at once, the rows fill
# in (a step of one entry: 1,500 slices, long enough to be seen)
START_ENV="OZGTUI_TEST_STEP=1" start 80 24
keys 2
wait_line "^$N Projekte · wird noch gelesen" 20
wait_line "^$N Projekte · [^w]" 60
wait_rows "$(seq 1 20 | tr '\n' ' ')" "unfiltered in steps of one, the first page"
quit
# s while the rows fill in, in steps of one unit: the build goes on in title
# order; once every row is read they are put in order, and the footer says
# so with the final count (it said 'so far · Filter läuft noch')
START_ENV="OZGTUI_TEST_STEP=1" start 80 24
keys 2
wait_line "^$N Projekte · wird noch gelesen" 20
keys s
wait_line "^$N Projekte · Sortierung nach Titel läuft" 120
wait_for "sortiert nach Titel" 120
ok "2: s during the build, the footer while the rows are put in order"
quit
# the rest in steps of 8 units (a decoded project in each)
START_ENV="OZGTUI_TEST_STEP=8 OZGTUI_TRACE_KEYS=$TMP/trace" start 80 24   # the key trace of bench/tuibench.py
keys 2
wait_line "^$N Projekte · [^w]" 60
wait_rows "$(seq 1 20 | tr '\n' ' ')" "unfiltered, the first page"
keys G
wait_rows "$(seq $((N - 19)) $N | tr '\n' ' ')" "unfiltered, G"
ok "2: all $N projects read in steps; the first and the last page"

# a filter no index answers: each project decoded, a step at a time; another
# session adds a matching project meanwhile (a project without a team is not
# representative): the build starts anew and shows it
set_filter "rep:no"
wait_line "Projekte? bisher · Filter: rep:no · Filter läuft noch" 20
new=$(cli add --title "Neu beim Filtern" --field bauen) || fail "cli add"
mapfile -t want < <(cli_numbers --filter "rep:no")
[ "${want[-1]}" = "$new" ] || fail "the CLI does not list the new #$new under rep:no"
wait_line "^${#want[@]} Projekte · Filter: rep:no( ·|\$)" 120
keys g
wait_rows "$(printf '%s\n' "${want[@]:0:20}" | tr '\n' ' ')" "rep:no, the first page"
keys G
wait_row "$new" "rep:no, G"
ok "rep:no in steps: ${#want[@]} projects as the CLI counts, #$new added by the CLI during the build is the last"

# sort by title: the keys in steps, the old order meanwhile
mapfile -t want < <(cli_numbers --filter "rep:no" --sort title)
keys g s
wait_for "Sortierung nach Titel läuft" 20
wait_for "sortiert nach Titel" 120
keys g
wait_rows "$(printf '%s\n' "${want[@]:0:20}" | tr '\n' ' ')" "rep:no by title"
ok "s: sorted by title in steps, the first page as list --sort title"
for _ in 1 2 3 4 5 6 7 8; do keys s; done
wait_for "sortiert nach Nr" 120
keys g
# s while a filter is still being built: the build goes on in the new order
mapfile -t want < <(cli_numbers --filter "online" --sort title)
set_filter "online"
wait_for "Filter läuft noch" 20
keys s
wait_for "sortiert nach Titel" 120
keys g
wait_rows "$(printf '%s\n' "${want[@]:0:20}" | tr '\n' ' ')" "online by title, s during the build"
ok "s during a build: 'online' by title as list --sort title"
for _ in 1 2 3 4 5 6 7 8; do keys s; done
wait_for "sortiert nach Nr" 120
set_filter "rep:no"
wait_line "^[0-9]+ Projekte · Filter: rep:no( ·|\$)" 120
keys g

# a search whose match the build reads last: it goes on after Enter
mapfile -t want < <(cli_numbers --filter "rep:no")
late=$(printf '%s\n' "${want[@]}" | awk '$1 >= 1000' | tail -2 | head -1)
[ -n "$late" ] || fail "no late match"
keys /
type_text "$late "
keys Enter
wait_row "$late" "search"
wait_gone "Suche läuft" 60
ok "/ finds #$late late in the list, in steps"
# a key typed right after Enter acts where the search lands, as if it were instant
keys g /
type_text "$late "
keys Enter e
wait_for "Projekt #$late bearbeiten" 60
keys q
wait_gone "bearbeiten (Version" 30
ok "/ then Enter e edits the match #$late, not the row the search started from"
# nothing matches: the search ends with "nicht gefunden"; Esc cancels one
keys g /
type_text "zzqx"
keys Enter
wait_for "nicht gefunden: zzqx" 120
keys g /
type_text "zzqy"
wait_for "Suche läuft: zzqy" 20
keys Escape
wait_gone "Suche läuft" 20
tsleep 2   # a search that went on would end in "nicht gefunden" by now (valgrind: 20 s)
screen | grep -qF "nicht gefunden: zzqy" && fail "the search went on after Esc"
wait_rows "$(printf '%s\n' "${want[@]:0:20}" | tr '\n' ' ')" "after Esc"
ok "a search without a match ends in 'nicht gefunden'; Esc cancels one going on"
# the trace has the slices of a search going on while its prompt is open
# (bench/tuibench.py times a search from the first key to its end: they
# were missing)
keys g /
type_text "zzqz"
wait_for "nicht gefunden: zzqz" 120
awk '/^key /{k=NR} /^idle-done /{d=NR} END{exit !(d > k)}' "$TMP/trace" ||
	fail "no idle-done in the trace after the last key of a search in its prompt"
keys Escape
wait_gone "/zzqz" 10
ok "the key trace has the idle slices of a search in its prompt"
# n while the filter's build has not read a row yet (only the project added
# above matches 'Filtern', the build reads it last): the search waits for the
# rows and finds it (it said 'nicht gefunden' at once)
[ "$(cli_numbers --filter "Filtern" | tr '\n' ' ')" = "$new " ] || fail "'Filtern' is not only #$new"
keys g /
type_text "Neu beim"
keys Enter
wait_row "$new" "search 'Neu beim'"
wait_gone "Suche läuft" 60
keys f C-u
wait_for "Filter:"
type_text "Filtern"
keys Enter n   # n handled right after the build's first step
wait_line "Suche am anderen Ende fortgesetzt: Neu beim|nicht gefunden" 120
screen | grep -qF "nicht gefunden" && fail "n before a row is read: 'nicht gefunden' at once"
wait_rows "$new " "n, 'Filtern'"
ok "n while nothing is read yet goes on as the rows come: #$new"
set_filter "rep:no"
wait_line "^[0-9]+ Projekte · Filter: rep:no( ·|\$)" 120

# a list built in steps in another order than by number grows in number
# order and is put in its order at the end: the cursor stays on its project
keys s
wait_for "sortiert nach Titel" 120
set_filter "online"
wait_for "Filter läuft noch" 20
# the fourth row, read while the build goes on (its rows come in number order
# until the end, so it stays the fourth) and before the keys that go there:
# read after them, it could be the first screen's or the sorted list's
i=0
until s=$(screen); grep -qF "Filter läuft noch" <<<"$s" && [ "$(sed -n '3,22p' <<<"$s" | grep -cE '^[ *]+[0-9]+ ')" -ge 4 ]; do
	i=$((i + 1))
	[ $i -ge $((100 * SCALE)) ] && fail "no fourth row during the build"
	sleep 0.1
done
sel=$(sed -n '3,22p' <<<"$s" | grep -oE '^[ *]+[0-9]+ ' | tr -d ' *' | sed -n 4p)
[ -n "$sel" ] || fail "no fourth row during the build"
keys Down Down Down
wait_line "^[0-9]+ Projekte · Filter: online( ·|\$)" 120
keys Enter
wait_for "Projekt $sel:" 10
keys q
wait_line "^[0-9]+ Projekte · Filter: online" 10
ok "a build in title order: the cursor stays on #$sel when the rows are put in order"
for _ in 1 2 3 4 5 6 7 8; do keys s; done
wait_for "sortiert nach Nr" 120

# a rebuild (another session changes a setting: the history cannot say which
# rows changed) with the cursor far down: the cursor stays on its project,
# read a step at a time
set_filter ""
wait_line "^$((N + 1)) Projekte · [^w]" 120
keys g /
type_text "1200 "
keys Enter
wait_row 1200 "search 1200"
wait_gone "Suche läuft" 60
before=$(screen | grep -c '✓')
[ "$before" -gt 0 ] || fail "no representative team on screen"
cli settings --rep-policy all >/dev/null || fail "cli settings"
i=0
while [ "$(screen | grep -c '✓')" = "$before" ]; do
	i=$((i + 1))
	[ $i -ge $((100 * SCALE)) ] && fail "the rows did not follow the policy"
	sleep 0.1
done
wait_line "^$((N + 1)) Projekte · [^w]" 120
keys Enter
wait_for "Projekt 1200:" 10
keys q
wait_line "^$((N + 1)) Projekte" 10
cli settings --rep-policy span >/dev/null || fail "cli settings span"
ok "a rebuild from elsewhere, read in steps: the cursor stays on #1200"
wait_line "^$((N + 1)) Projekte · [^w]" 120
# a change from elsewhere while the search prompt is open (a project added
# and a policy changed: the set is built anew): the search typed on in the
# prompt restarts on the rebuilt set and finds the new project (it stalled:
# nothing in the prompt looked for changes)
keys g /
type_text "Im Prompt"
wait_for "nicht gefunden: Im Prompt" 60
added=$(cli add --title "Im Prompt gefunden" --field bauen) || fail "cli add"
cli settings --gate-scope off >/dev/null || fail "cli settings --gate-scope off"
type_text " gef"
wait_row "$added" "a search in the prompt after a change from elsewhere"
wait_gone "Suche läuft" 60
keys Enter Enter
wait_for "Projekt $added:" 10
keys q
cli settings --gate-scope "$scope" >/dev/null || fail "cli settings --gate-scope $scope"
wait_line "^$((N + 2)) Projekte · [^w]" 120
ok "a search in the prompt goes on after a change from elsewhere: #$added"

# the board: every column from its phase index in steps, counts from the store
keys 3
sichtung=$(cli_numbers --filter "phase:sichtung")
ns=$(printf '%s\n' "$sichtung" | wc -l)
wait_for "Sichtung ($ns)" 20
# G while the column is still being read: its last card once it is (it
# stayed on the card that was last when G came)
wait_line "^$((N + 2)) Projekte · wird noch gelesen" 20
keys G
wait_line "^$((N + 2)) Projekte · [^w]" 120
wait_for "#$(printf '%s\n' "$sichtung" | tail -1) " 20
ok "board: Sichtung ($ns) in steps, G during the build shows its last card"
keys f C-u
wait_for "Filter:"
type_text "rep:no"
keys Enter
nr=$(cli_numbers --filter "phase:sichtung rep:no" | wc -l)
wait_line "Projekte? bisher · Filter: rep:no · Filter läuft noch" 20
wait_for "Sichtung ($nr)" 120
wait_gone "Filter läuft noch" 120
ok "board: rep:no in steps, Sichtung ($nr) as the CLI counts"
# a rebuild from elsewhere (a policy that rep:no does not depend on) with
# the last Sichtung card selected; the user moves to the next column before
# the build reads that card again: the selection stays where the user put it
# (it jumped back to the old card)
last=$(cli_numbers --filter "phase:sichtung rep:no" | tail -1)
keys G
keys Enter
wait_for "Projekt $last:" 10
keys q
wait_for "Sichtung ($nr)" 10
cli settings --gate-scope off >/dev/null || fail "cli settings --gate-scope off"
wait_for "Filter läuft noch" 20
keys l
wait_gone "Filter läuft noch" 120
keys Enter
wait_line "Projekt [0-9]+:" 10
screen | grep -qF "Projekt $last:" && fail "the board's selection jumped back to #$last after the user moved"
keys q
cli settings --gate-scope "$scope" >/dev/null || fail "cli settings --gate-scope $scope"
wait_for "Filter läuft noch" 20
wait_gone "Filter läuft noch" 120
ok "board: moved during a rebuild from elsewhere, the selection does not jump back to #$last"

# filters the indexes answer exactly: the phase index, the field index, the
# keys of the copies of a phase and field, each walked in steps from a number
# (they were read whole in the key); the count from the store at once, G
# during the build goes to the last row once it is read
keys 2
for expr in "phase:sichtung" "field:bauen" "phase:sichtung field:bauen"; do
	mapfile -t want < <(cli_numbers --filter "$expr")
	[ ${#want[@]} -gt 20 ] || fail "'$expr': only ${#want[@]} projects, too few for two pages"
	set_filter "$expr"
	keys G
	wait_line "^${#want[@]} Projekte · Filter: $expr" 20
	wait_rows "$(printf '%s\n' "${want[@]: -20}" | tr '\n' ' ')" "'$expr', G during the build"
	wait_gone "wird noch gelesen" 60
	keys g
	wait_rows "$(printf '%s\n' "${want[@]:0:20}" | tr '\n' ' ')" "'$expr', the first page"
	ok "'$expr' in steps: ${#want[@]} projects as the CLI counts, the last page after G, the first after g"
done
# the board with phase and field: the column from the copies' keys in steps
mapfile -t want < <(cli_numbers --filter "phase:sichtung field:bauen")
keys 3
set_filter "phase:sichtung field:bauen"
wait_for "Sichtung (${#want[@]})" 20
keys h h h h h h h h h G   # Sichtung, the first column
wait_for "#${want[-1]} " 20
ok "board: phase:sichtung field:bauen in steps, Sichtung (${#want[@]}), G shows its last card #${want[-1]}"

keys Q
wait_for "OZGTUI-EXIT=0"
ok "Q ends the session cleanly"
