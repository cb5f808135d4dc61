#!/bin/bash
# OZGTUI_NOW fixes the clock for tests and private databases only: on a shared
# (setgid team) database, history records the real time whatever it says, so
# nobody can backdate a change others rely on.
set -u
OZGTUI=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
group=$(id -gn)

year_of_last_change() {
	OZGTUI_NOW= "$OZGTUI" --db "$1" history --limit 1 --format json |
		python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["time"][:4])'
}

export OZGTUI_NOW=2001-02-03
"$OZGTUI" --db "$TMP/private" init >/dev/null || fail "init private"
"$OZGTUI" --db "$TMP/private" add --title "Privat" --field bauen >/dev/null || fail "add private"
[ "$(year_of_last_change "$TMP/private")" = 2001 ] || fail "a private database ignored OZGTUI_NOW"
echo "ok - a private database takes OZGTUI_NOW"

"$OZGTUI" --db "$TMP/shared" init --shared "$group" >/dev/null || fail "init --shared $group"
"$OZGTUI" --db "$TMP/shared" add --title "Geteilt" --field bauen >/dev/null || fail "add shared"
year=$(year_of_last_change "$TMP/shared")
[ "$year" != 2001 ] || fail "a shared database recorded the time OZGTUI_NOW gave"
[ "$year" = "$(date -u +%Y)" ] || fail "a shared database recorded year $year"
echo "ok - a shared database records the real time"
