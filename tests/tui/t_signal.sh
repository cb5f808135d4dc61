#!/bin/bash
# SIGTERM (and SIGHUP, SIGINT) restore the terminal before the process ends.
. "$(dirname "$0")/lib.sh"
demo_db
for sig in TERM HUP INT; do
	start 80 24
	wait_for "Befunde:"
	shell=$(tmux -L "$SOCK" display -p '#{pane_pid}')
	# the child of the pane's shell, found in /proc (procps may be missing)
	pid=
	for st in /proc/[0-9]*/stat; do
		read -r p _ _ ppid _ <"$st" 2>/dev/null || continue
		[ "$ppid" = "$shell" ] && { pid=$p; break; }
	done
	[ -n "$pid" ] || fail "no TUI process under the pane's shell"
	kill -s "$sig" "$pid"
	wait_for "OZGTUI-EXIT="
	screen | grep -q "Befunde:" && fail "SIG$sig: the interface is still on the screen (terminal not restored)"
	code=$(screen | grep -o "OZGTUI-EXIT=[0-9]*" | cut -d= -f2)
	[ "$code" -ge 128 ] || fail "SIG$sig: exit $code, expected death by the signal"
	ok "SIG$sig: terminal restored, exit $code"
	stop
done
