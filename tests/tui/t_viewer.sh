#!/bin/bash
# Roles hold in the interface as in the CLI (issue 6): a viewer's move is
# refused on the status line and recorded in history; made coordinator by the
# admin while the session runs, the same user's next move goes through and is
# recorded under the real Unix user. Needs root, setpriv, the group `users`
# and the users daemon and bin (skipped otherwise, with the reason).
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null || ! getent group users >/dev/null ||
	! id daemon >/dev/null 2>&1 || ! id bin >/dev/null 2>&1; then
	echo "skip: needs root, setpriv, the group users and the users daemon and bin"
	exit 77
fi
users=$(getent group users | cut -d: -f3)
REAL=$OZGTUI
chmod 755 "$TMP"
export HOME=$TMP
as() {
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$(id -g "$u")" --groups="$users" "$@"
}
mkdir "$TMP/team"
chown daemon "$TMP/team"
DB="$TMP/team/db"
as daemon "$REAL" --db "$DB" init --demo --shared users >/dev/null || fail "init --shared as daemon"
# The interface runs as bin (under valgrind too: bin writes its log).
TUI_WRAP="setpriv --reuid=bin --regid=$(id -g bin) --groups=$users"
[ -d "$TMP/valgrind" ] && chown bin "$TMP/valgrind"

phase_of() {
	"$REAL" --db "$DB" show "$1" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["phase"])'
}

start 100 30
keys 2
wait_line "^ +1 .*Workshop"
keys L
wait_for "hat die Rolle viewer"
[ "$(phase_of 1)" = "Workshop" ] || fail "a viewer moved project 1"
"$REAL" --db "$DB" history --limit 5 --format json | python3 -c '
import json, sys
h = json.load(sys.stdin)
r = [e for e in h if e["action"] == "refused"]
assert r and r[0]["user"] == "bin" and r[0]["entity"] == "access", h[:2]
assert r[0]["summary"].startswith("interface refused"), r[0]["summary"]
' || fail "the refusal is not in history as bin's"
ok "a viewer's move in the interface is refused with the reason and recorded"

as daemon "$REAL" --db "$DB" role set bin coordinator >/dev/null || fail "role set"
keys L
wait_line "^ +1 .*Entscheidung"
[ "$(phase_of 1)" = "Entscheidung" ] || fail "the coordinator's move did not happen"
who=$("$REAL" --db "$DB" history 1 --limit 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["user"])')
[ "$who" = bin ] || fail "the move is recorded for '$who', not bin"
ok "made coordinator while the session runs, bin moves it; history names bin"
quit
