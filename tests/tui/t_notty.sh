#!/bin/bash
# Not a terminal: a clear message and a non-zero exit, never a crash.
. "$(dirname "$0")/lib.sh"
demo_db

out=$(eval "OZGTUI_DB='$DB' $(tui_cmd notty)" </dev/null 2>&1 >/dev/null)
rc=$?
[ "$rc" -ne 0 ] || fail "exit status 0 without a terminal"
[ "$rc" -lt 128 ] || fail "died of a signal ($rc)"
echo "$out" | grep -q "terminal" || fail "no message about the terminal: $out"
ok "stdin and stdout not a tty: exit $rc with '$out'"

out=$(OZGTUI_DB="$DB" TERM=dumb script -qec "$(tui_cmd script)" /dev/null 2>&1 </dev/null)
rc=$?
if command -v script >/dev/null 2>&1; then
	echo "$out" | grep -q "terminal type" || fail "TERM=dumb: no message: $out"
	ok "TERM=dumb refused: $(echo "$out" | tr -d '\r' | head -1)"
fi
