#!/bin/bash
# Two processes: a change made with the CLI shows up in the running TUI within
# a second or two, without a key press, keeping the selection.
. "$(dirname "$0")/lib.sh"
demo_db
start 80 24
keys 2
wait_line "^ +1 .*Workshop"
keys Down Down
wait_cursor_line 5   # the third row (line 3 is the first) selected before the move
cli move 1 entscheidung >/dev/null || fail "cli move"
wait_line "^ +1 .*Entscheidung" 3
ok "a CLI move appears in the projects view without a key"
# The selection stayed on project 3: Enter opens it.
keys Enter
wait_for "Projekt 3:"
ok "the selection was kept"
keys 1
# the dashboard with its findings counted (meanwhile the column shows "…")
wait_line "^Summe .*Ü[0-9]+ *$"
before=$(screen | grep '^Summe')
cli move 2 abgebrochen --reason "test" >/dev/null || fail "cli move 2"
wait_line "^Summe" 3
i=0
while [ "$(screen | grep '^Summe')" = "$before" ]; do
	i=$((i + 1)); [ $i -ge $((30 * SCALE)) ] && fail "dashboard did not update"
	sleep 0.1
done
ok "the dashboard updates as well"
# Reference data changed elsewhere (a policy here) reaches the running TUI too:
# its catalog is loaded again and the team verdicts in view 2 are judged anew.
keys 2
wait_line "^ +1 "
before=$(screen | grep -c '✗')
cli settings --rep-policy all >/dev/null || fail "cli settings"
i=0
while [ "$(screen | grep -c '✗')" = "$before" ]; do
	i=$((i + 1)); [ $i -ge $((30 * SCALE)) ] && fail "verdicts did not follow the policy ($before ✗)"
	sleep 0.1
done
ok "a policy changed with the CLI re-judges the teams on screen"
quit
