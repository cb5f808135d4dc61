#!/bin/bash
# The interface in English (LANGUAGE=en): the key hints, a list's status line,
# the gate dialogue (y/n), sorting, search and the board's footer, and no
# German on those screens; then in German with the German locale
# (LC_ALL=de_DE.UTF-8): dates as 21.01.2025 and numbers as 1.017.355 in the
# lists and an organisation's screen (issue 8). The other TUI tests read the
# German screens of the C.UTF-8 locale (ISO dates, plain numbers).
. "$(dirname "$0")/lib.sh"
demo_db
all=$(cli list --format tsv | tail -n +2 | wc -l)
number=$(cli list --filter "rep:no phase:konzeption" --format tsv | tail -n +2 | head -1 | cut -f1)
[ -n "$number" ] || fail "the demo has no non-representative project in Konzeption"

# no German words on an English screen
not_german() {
	local s
	s=$(screen)
	for w in Projekte Übersicht Hilfe verspätet Befunde "Gate übergehen" "(j/n)" sortiert Spalten; do
		grep -qF -- "$w" <<<"$s" && fail "German '$w' on an English screen ($1)"
	done
	return 0
}

TUI_LANGUAGE=en
start 80 24
wait_for "1 Overview  2 Projects  3 Board"
wait_for " ? help  : command  Tab next view  Enter open  q back  Q quit"
wait_for "Findings"
not_german "overview"
ok "English: title bar, key hints and the overview"

keys 2
wait_for "$all projects · ! late · ✓/✗ team representative"
not_german "projects"
keys f
wait_for "Filter:"
type_text "rep:no phase:konzeption"
keys Enter
wait_for "1 project · filter: rep:no phase:konzeption · ! late"
ok "English: a list's status line, singular and plural"

keys g L
wait_for "✗ Override the gate? #$number → Umsetzung refused: team not representative (y/n)"
not_german "gate dialogue"
keys n
wait_for "not moved: project $number → Umsetzung refused: team not representative"
keys L
wait_for "(y/n)"
keys y
wait_for "Reason for the override (kept in history):"
not_german "reason prompt"
keys Escape
wait_for "not moved: an override needs a reason"
cli list --filter "phase:konzeption" --format tsv | cut -f1 | grep -qx "$number" || fail "moved although declined"
ok "English: the gate dialogue asks y/n and says why, y asks for the reason"

keys s
wait_for "sorted by Title"
keys /
type_text "zzzq-nothing"
keys Enter
wait_for "not found: zzzq-nothing"
keys n
wait_for "not found: zzzq-nothing"
not_german "search"
ok "English: sorting and search messages"

keys f C-u Enter
keys 3
wait_for "$all projects · columns 1-3 of 10 (h/l scroll) · ! late · ✓/✗ team · H/L move"
wait_for "more"
not_german "board"
ok "English: the board's footer and columns"
quit

# German dates and numbers: only where the machine has the German locale
if ! locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
	echo "ok - no de_DE.UTF-8 locale: German dates and numbers not checked (skipped)"
	exit 0
fi
late_no=$(cli list --filter "late:yes" --format tsv | sed -n 2p | cut -f1)
[ -n "$late_no" ] || fail "the demo has no late project"
# the planned date of the phase it is late for (the list's "Next" column)
late_day=$(cli show "$late_no" --format json |
	python3 -c 'import json, sys; d = json.load(sys.stdin); print([x["planned"] for x in d["dates"] if x["phase"] == d["late"]][0])')
TUI_LANGUAGE=de
START_ENV="LC_ALL=de_DE.UTF-8"
start 100 30
keys 2
wait_for "$all Projekte"
# the next planned date of the first late project, "!2025-01-21" as "!21.01.2025"
de_day=$(date -u -d "$late_day" +%d.%m.%Y) || fail "no date from the CLI: '$late_day'"
wait_line "^ +$late_no .*!$de_day"
screen | grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}' && fail "an ISO date in the German list"
ok "German locale: dates in the projects list as $de_day"

keys 4
wait_for "Einwohner"
keys /
type_text "Köln, Stadt"
keys Enter
wait_line "^Köln, Stadt .* 1\.017\.355 "
ok "German locale: the organisations' population as 1.017.355"
keys Enter
wait_for "AGS 05315000 · 1.017.355 Einwohner*innen"
ok "German locale: an organisation's screen"
quit
