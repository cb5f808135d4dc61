#!/bin/bash
# Every exit status of ozgtui(1) and its message format: "ozgtui: VERB: detail".
. "$(dirname "$0")/lib.sh"

# 66: no database yet
expect_status 66 -- oz show 1
expect_contains "$ERR" "ozgtui: show: no database at"
oz init >/dev/null || fail "init"
oz service-categories 10232 municipality,city >/dev/null || fail "service-categories"
n=$(oz add --title "Projekt" --field bauen --service 10232 --lead köln)

# 0
expect_status 0 -- oz list
expect_status 0 -- oz --version
# 1: a rule said no
expect_status 1 -- oz move "$n" umsetzung
expect_contains "$ERR" "ozgtui: move: "
expect_status 1 -- oz check
# 64: usage
expect_status 64 -- oz frobnicate
expect_eq "$ERR" "ozgtui: unknown command 'frobnicate' (see ozgtui --help)" "unknown command message"
expect_status 64 -- oz --frobnicate list
expect_contains "$ERR" "unknown option '--frobnicate'"
expect_status 64 -- oz list --frobnicate
expect_contains "$ERR" "ozgtui: list: unknown option '--frobnicate'"
expect_status 64 -- oz show
expect_status 64 -- oz list --format
expect_contains "$ERR" "needs a value"
expect_status 64 -- oz --color=sometimes list
expect_status 64 -- oz --db
expect_status 64 -- oz add --title=x --field=bauen --priority=0
# 65: bad data
expect_status 65 -- oz move "$n" nirgends
expect_status 65 -- oz add --title x --field nirgends
expect_status 65 -- oz init
printf 'not json' >"$TMP/x.json"
expect_status 65 -- oz import "$TMP/x.json"
expect_contains "$ERR" "$TMP/x.json:1:"
# 66: no such project, organisation, file
expect_status 66 -- oz show 4711
expect_status 66 -- oz team "$n" add "Atlantis"
expect_status 66 -- oz import "$TMP/nope.json"
# 73: cannot create the output file
expect_status 73 -- oz export -o "$TMP/missing-dir/out.json"
# 74: cannot write (a full disk)
if [ -w /dev/full ]; then
	expect_status 74 -- sh -c '"$0" show 1 >/dev/full' "$OZGTUI"
	expect_contains "$ERR" "No space left on device"
fi
# 74: a damaged database (its meta pages overwritten)
mkdir "$TMP/damaged"
cp "$OZGTUI_DB/data.mdb" "$TMP/damaged/data.mdb"
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.write(bytes(64)); f.close()' "$TMP/damaged/data.mdb"
expect_status 74 -- oz --db "$TMP/damaged" verify
expect_contains "$ERR" "ozgtui: verify: "
# 75: a change based on an old version
oz edit "$n" --priority 2 >/dev/null || fail "edit"
expect_status 75 -- oz edit "$n" --priority 3 --expect-version 1
expect_contains "$ERR" "ozgtui: edit: project #$n was changed by"
# 77: read-only
expect_status 77 -- oz --readonly edit "$n" --priority 3
expect_contains "$ERR" "read-only"

# messages are made safe for the terminal too
expect_status 64 -- oz "$(printf 'bad\033]0;title\007')"
expect_not_contains "$ERR" "$(printf '\033')" "error message"
expect_contains "$ERR" "unknown command 'bad"
expect_status 66 -- oz team "$n" rm "$(printf 'x\033[31m')"
expect_not_contains "$ERR" "$(printf '\033')" "error message"

# the values given in --options=value form work like separate words
expect_status 0 -- oz list --format=json --filter=field:bauen
json_check "$OUT" 'len(d) == 1'
# `--` ends the options: a title may start with a dash
expect_status 0 -- oz add --field bauen --title "-- mit Strich"
expect_status 0 -- oz list --format json -- field:bauen
json_check "$OUT" 'len(d) == 2'

finish
