#!/bin/bash
# history: every change attributed to the real Unix user, newest first, per project, limits.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
me=$(id -un)
a=$(oz add --title "Erstes" --field bauen --service 10232)
b=$(oz add --title "Zweites" --field familie)
oz edit "$a" --priority 3 >/dev/null || fail "edit"
oz move "$a" workshop --reason "Start" >/dev/null || fail "move"

expect_status 0 -- oz history
expect_contains "$OUT" "Time"
expect_contains "$OUT" "$me"
expect_contains "$OUT" "phase Sichtung → Workshop"
expect_contains "$OUT" "reason: Start"
# newest first: the move is the first line after the header
expect_contains "$(printf '%s\n' "$OUT" | sed -n 2p)" "move"

expect_status 0 -- oz history --format json --limit 0
json_check "$OUT" '[e["action"] for e in d][:4] == ["move", "edit", "create", "create"]'
json_check "$OUT" 'all(e["user"] == "'"$me"'" and e["time"] == "2025-03-01T00:00:00Z" for e in d)'
json_check "$OUT" 'd[-1]["entity"] == "database"'
json_check "$OUT" '[e["seq"] for e in d] == sorted([e["seq"] for e in d], reverse=True)'
# the environment does not change who is recorded
USER=mallory LOGNAME=mallory oz edit "$b" --priority 1 >/dev/null || fail "edit as mallory"
expect_status 0 -- oz history --limit 1 --format json
json_check "$OUT" 'd[0]["user"] == "'"$me"'"'

# per project, and limits
expect_status 0 -- oz history "$a" --format json
json_check "$OUT" 'len(d) == 3 and all(e["project"] == '"$a"' for e in d)'
expect_status 0 -- oz history "$a" --limit 1 --format json
json_check "$OUT" 'len(d) == 1 and d[0]["action"] == "move" and d[0]["reason"] == "Start"'
expect_status 0 -- oz history --limit 2
expect_eq "$(count_lines "$OUT")" 3 "header + 2 entries"
expect_status 0 -- oz history -n 1 --format json
json_check "$OUT" 'len(d) == 1'
expect_status 66 -- oz history 99
expect_status 64 -- oz history --limit many
expect_status 64 -- oz history "$a" "$b"

finish
