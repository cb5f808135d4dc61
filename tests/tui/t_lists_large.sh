#!/bin/bash
# The projects view and the board on 3,000 projects (the benchmark's
# generator). The lists keep only the result set's keys and decode the rows on
# screen (src/rset.c); this checks what that could break: the end of the list,
# filters answered by the indexes and by decoding, sorting, search, and
# changes by another session (a move, a new project) applied without a key.
. "$(dirname "$0")/lib.sh"

gen_db 3000 7
N=3000

# the project numbers of the list rows on screen (80x24: lines 3-22)
rows() {
	screen | sed -n '3,22p' | grep -oE '^[ *]+[0-9]+ ' | tr -d ' *'
}
# the numbers the CLI lists for a filter (and sort)
cli_numbers() {
	cli list --format tsv "$@" | tail -n +2 | cut -f1
}
# wait_row first|last NUMBER: waits until the first or last row on screen is
# NUMBER (a key sent to tmux is read by ozgtui some time later: under
# valgrind, often after the next capture-pane)
wait_row() {
	local i=0 pick=head
	[ "$1" = last ] && pick=tail
	while [ "$(rows | $pick -1)" != "$2" ]; do
		i=$((i + 1))
		[ $i -ge $((50 * ${SCALE:-1})) ] && fail "the $1 row is not #$2: $(rows | $pick -1)"
		sleep 0.1
	done
}
wait_last_row() {
	wait_row last "$1"
}
set_filter() {
	keys f C-u
	wait_for "Filter:"
	type_text "$1"
	keys Enter
}
# waits for the footer "N Projekte · Filter: EXPR" (no filter: EXPR empty)
wait_count() {
	if [ -n "${2:-}" ]; then
		wait_line "^$1 Projekte? · Filter: $2( ·|\$)"
	else
		wait_line "^$1 Projekte? · [^F]"
	fi
}

start 80 24
keys 2
wait_count $N
[ "$(rows | head -1)" = 1 ] || fail "the list does not start with #1: $(rows | head -1)"
keys G
wait_last_row "$N"
[ "$(rows | tr '\n' ' ')" = "$(seq $((N - 19)) $N | tr '\n' ' ')" ] || fail "the last page is not #$((N - 19))-$N: $(rows | tr '\n' ' ')"
title=$(cli list --format tsv | tail -1 | cut -f9)
screen | grep -E "^[ *]+$N " | grep -qF -- "${title:0:12}" || fail "#$N does not show its title '${title:0:12}'"
ok "all $N projects; G shows the last page, #$N with its title"

# Search decodes the rows it passes: from the top to #2999.
# The search goes on in idle slices after Enter ("Suche läuft"): Enter
# opens the row it found once it is done.
keys g /
type_text "2999 "
keys Enter
i=0
until rows | grep -qx 2999; do
	i=$((i + 1)); [ $i -ge $((50 * ${SCALE:-1})) ] && fail "the search did not go on to #2999 after Enter"
	sleep 0.1
done
wait_gone "Suche läuft"
keys Enter
wait_for "Projekt 2999:"
keys q
ok "/ finds #2999 from the top"

# Filters: from the phase index alone, from both indexes, and by decoding.
for expr in "phase:umsetzung" "phase:umsetzung field:bauen" "rep:no" "phase:umsetzung rep:no" "online"; do
	mapfile -t want < <(cli_numbers --filter "$expr")
	[ "${#want[@]}" -gt 0 ] || fail "no project matches '$expr' in the generated data"
	set_filter "$expr"
	wait_count "${#want[@]}" "$expr"
	keys g
	wait_row first "${want[0]}"
	keys G
	wait_last_row "${want[-1]}"
	ok "filter '$expr': ${#want[@]} projects, first #${want[0]} and last #${want[-1]} as the CLI lists them"
done

# Sorting by title (s: the next column after the number) reads every row's title once.
set_filter "phase:umsetzung"
mapfile -t want < <(cli_numbers --filter "phase:umsetzung" --sort title)
keys s
wait_for "sortiert nach"
keys g   # the selection stayed on its project: to the top
wait_row first "${want[0]}"
[ "$(rows | head -5 | tr '\n' ' ')" = "$(printf '%s\n' "${want[@]:0:5}" | tr '\n' ' ')" ] || fail "title order differs from the CLI's"
ok "s sorts the filtered list by title as list --sort title does"
# back to the number order: s through the other columns
for _ in 1 2 3 4 5 6 7 8; do keys s; done
wait_for "sortiert nach Nr"
keys g

# Another session moves a project into the filtered list and one out of it,
# and adds a project: the list follows without a key.
# (numbers of four digits: a search for "NNNN " finds no other project)
n=$(cli_numbers --filter "phase:umsetzung" | wc -l)
into=$(cli_numbers --filter "phase:pilotierung" | awk '$1 >= 1000' | head -1)
out=$(cli_numbers --filter "phase:umsetzung" | head -1)
[ -n "$into" ] || fail "no project from #1000 on in Pilotierung"
cli move "$into" umsetzung --force --reason test >/dev/null || fail "cli move $into"
wait_count $((n + 1)) "phase:umsetzung"
cli move "$out" rollout --force --reason test >/dev/null || fail "cli move $out"
wait_count "$n" "phase:umsetzung"
want20=$(cli_numbers --filter "phase:umsetzung" | head -20 | tr '\n' ' ')
i=0
while [ "$(rows | tr '\n' ' ')" != "$want20" ]; do
	i=$((i + 1)); [ $i -ge $((50 * ${SCALE:-1})) ] && fail "after the moves the rows differ from the CLI's: $(rows | tr '\n' ' ')"
	sleep 0.1
done
ok "moves by the CLI into and out of the filtered list show without a key (#$into in, #$out out)"

set_filter ""
wait_count $N
new=$(cli add --title "Zuletzt angelegt" --field bauen) || fail "cli add"
[ "$new" = $((N + 1)) ] || fail "cli add made #$new"
wait_count $((N + 1))
keys G
wait_last_row "$new"
wait_for "Zuletzt angelegt"
ok "a project added by the CLI shows at the end (#$new)"

# The board: column counts from the phase index, cards decoded as shown.
keys 3
sichtung=$(cli_numbers --filter "phase:sichtung")
ns=$(printf '%s\n' "$sichtung" | wc -l)
wait_for "Sichtung ($ns)"
keys G
wait_for "#$(printf '%s\n' "$sichtung" | tail -1) "
ok "board: Sichtung ($ns), G shows its last card"
cli move "$into" sichtung --force --reason test >/dev/null || fail "cli move $into sichtung"
wait_for "Sichtung ($((ns + 1)))"
ok "a move by the CLI into Sichtung shows on the board without a key"
keys g /
type_text "$into "
keys Enter
wait_line "▸ Sichtung \("
keys Enter
wait_for "Projekt $into:"
ok "board search finds the moved card #$into in Sichtung"
# The organisations: counts from the organisation index, as the CLI counts.
resize 120 30
keys 4
org=$(cli orgs --format tsv | awk -F'\t' 'NR > 1 && $6 > 0 {print; exit}')
name=$(printf '%s' "$org" | cut -f1)
counts=$(printf '%s' "$org" | cut -f6-8 | tr '\t' ' ')
keys /
type_text "$name"
keys Enter
i=0
while [ "$(screen | grep -F -- "$name" | head -1 | awk '{print $(NF-2), $(NF-1), $NF}')" != "$counts" ]; do
	i=$((i + 1)); [ $i -ge $((50 * ${SCALE:-1})) ] && fail "4: $name does not show $counts"
	sleep 0.1
done
ok "4: $name leads, joined and is interested in $counts projects, as the CLI counts"

keys Q
wait_for "OZGTUI-EXIT=0"
ok "Q ends the session cleanly"
