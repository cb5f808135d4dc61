#!/bin/bash
# Two interfaces and the CLI on one database (issue 6): a change made in
# either interface or with the CLI shows in the other interface(s) within a
# second, both ways, without a key press. (t_live.sh checks one interface and
# the CLI, and that the selection is kept.)
. "$(dirname "$0")/lib.sh"
demo_db

# shows SOCKET REGEX: polls SOCKET's screen every 50 ms for a line matching
# REGEX; prints the milliseconds it took, or fails after LIMIT ms (a second;
# times the scale under valgrind, lib.sh).
LIMIT=$((1000 * SCALE))
now_ms() { date +%s%3N; }
shows() {
	local sock=$1 re=$2 t0=$3 t
	while :; do
		if tmux -L "$sock" capture-pane -p | grep -qE -- "$re"; then
			echo $(($(now_ms) - t0))
			return 0
		fi
		t=$(($(now_ms) - t0))
		if [ "$t" -gt "$LIMIT" ]; then
			SOCK=$sock
			fail "not on the screen within ${LIMIT} ms (after $t ms): $re"
		fi
		sleep 0.05
	done
}

phase_of() {
	cli show "$1" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["phase"])'
}

start 100 30
A=$SOCK
keys 2
wait_line "^ +1 .*Workshop"
start 100 30
B=$SOCK
keys 2
wait_line "^ +1 .*Workshop"

# The CLI changes project 1: both interfaces show it.
cli move 1 entscheidung >/dev/null || fail "cli move"
t0=$(now_ms)
ta=$(shows "$A" "^ +1 .*Entscheidung" "$t0")
tb=$(shows "$B" "^ +1 .*Entscheidung" "$t0")
ok "CLI → both interfaces: $ta ms and $tb ms"

# Interface A moves project 1 on (L: the next phase): B and the CLI see it.
SOCK=$A keys L
t0=$(now_ms)
shows "$A" "^ +1 .*Konzeption" "$t0" >/dev/null
t0=$(now_ms)
tb=$(shows "$B" "^ +1 .*Konzeption" "$t0")
[ "$(phase_of 1)" = "Konzeption" ] || fail "the CLI does not see A's move: $(phase_of 1)"
ok "interface A → interface B in $tb ms, and the CLI"

# Interface B moves it back (H): A and the CLI see it.
SOCK=$B keys H
t0=$(now_ms)
shows "$B" "^ +1 .*Entscheidung" "$t0" >/dev/null
t0=$(now_ms)
ta=$(shows "$A" "^ +1 .*Entscheidung" "$t0")
[ "$(phase_of 1)" = "Entscheidung" ] || fail "the CLI does not see B's move: $(phase_of 1)"
ok "interface B → interface A in $ta ms, and the CLI"

# A change to the team in A shows in B's detail view of the project.
SOCK=$B keys Enter
SOCK=$B wait_line "Proje[ck]t 1:"
n_before=$(cli team 1 | grep -c .)
cli team 1 add "Bielefeld" --role member >/dev/null || fail "cli team add"
t0=$(now_ms)
tb=$(shows "$B" "Bielefeld" "$t0")
ok "a team change by the CLI shows in B's detail view in $tb ms"
[ "$(cli team 1 | grep -c .)" -gt "$n_before" ] || fail "the CLI does not list the new member"
SOCK=$A quit
SOCK=$B quit
