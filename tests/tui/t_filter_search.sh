#!/bin/bash
# The projects view: the filter language (with errors naming the column) and
# incremental search with n/N.
. "$(dirname "$0")/lib.sh"
demo_db
start 80 24
keys 2
all=$(cli list --format tsv | tail -n +2 | wc -l)
wait_for "$all Projekte"
ok "projects view lists all $all projects"

keys f
wait_for "Filter:"
type_text "rep:no"
keys Enter
n=$(cli list --filter "rep:no" --format tsv | tail -n +2 | wc -l)
wait_for "$n Projekte · Filter: rep:no"
rows=$(screen | sed -n '3,22p' | grep -cE '^[ *]+[0-9]+ ')
nein=$(screen | sed -n '3,22p' | grep -c '✗ nein')
[ "$rows" -gt 0 ] && [ "$rows" = "$nein" ] || fail "$rows rows but $nein with ✗ nein"
ok "filter rep:no: $n projects, all ✗ nein"

keys f C-u
type_text "phase:xyz"
keys Enter
wait_for "Spalte 7: unbekannte Phase 'xyz'"   # German (LANGUAGE=de)
keys Escape
wait_gone "phase:xyz"   # the prompt closed (the footer said "Filter: rep:no" meanwhile)
wait_for "Filter: rep:no"
ok "a bad filter is reported with its column and the old one kept"

keys f C-u Enter
wait_for "$all Projekte ·"

# Search: the first and second project whose title contains "online".
mapfile -t hits < <(cli list --format tsv | tail -n +2 | awk -F'\t' 'tolower($9) ~ /online/ {print $1}')
[ "${#hits[@]}" -ge 2 ] || fail "the demo has fewer than two titles with 'online'"
keys /
wait_for "/"
type_text "online"
keys Enter
keys Enter
wait_for "Projekt ${hits[0]}:"
ok "search finds project ${hits[0]}"
keys q
wait_for "$all Projekte"
keys n Enter
wait_for "Projekt ${hits[1]}:"
ok "n finds the next match, project ${hits[1]}"
keys q
wait_for "$all Projekte"
keys N Enter
wait_for "Projekt ${hits[0]}:"
ok "N goes back to project ${hits[0]}"
keys q
wait_for "$all Projekte"
# n on the only match: the search wraps round to it, as in less and vim
mapfile -t titles < <(cli list --format tsv | tail -n +2 | cut -f9)
only=""
for x in "${titles[@]}"; do
	[ "$(printf '%s\n' "${titles[@]}" | grep -cF -- "$x")" = 1 ] && { only=$x; break; }
done
[ -n "$only" ] || fail "no title that is in no other"
keys /
type_text "$only"
keys Enter
wait_gone "Suche läuft"
keys n
wait_for "Suche am anderen Ende fortgesetzt: $only"
ok "n on the only match wraps round to it"
keys /
type_text "zzzzzz-nothing"
wait_for "nicht gefunden: zzzzzz-nothing"
keys Escape
ok "a failed search says so"
quit
