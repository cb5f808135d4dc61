#!/bin/bash
# Text that an export could not write or an import would not read back never
# gets into the database, whichever way it comes (regression: `add` took a
# title with invalid UTF-8, after which `export` failed for the whole
# database, and a 600-byte title, after which the backup did not import).
. "$(dirname "$0")/../cli/lib.sh"

oz init >/dev/null || fail "init"
n=$(oz add --title "Gutes Projekt" --field 2) || fail "add"
oz export -o "$TMP/before.json" || fail "export before"

long=$(python3 -c 'print("x" * 501)')
huge=$(python3 -c 'print("n" * 65537)')
expect_status 65 -- oz add --title $'kaputt \xff' --field 2
expect_contains "$ERR" "title: not valid UTF-8 (byte 8)"
expect_status 65 -- oz add --title $'\xc0\xaf overlong' --field 2
expect_status 65 -- oz add --title $'\xed\xa0\x80 surrogate' --field 2
expect_status 65 -- oz add --title "$long" --field 2
expect_contains "$ERR" "title: too long (501 bytes, at most 500)"
expect_status 65 -- oz edit "$n" --notes "$huge"
expect_contains "$ERR" "notes: too long (65537 bytes, at most 65536)"
expect_status 65 -- oz edit "$n" --notes $'a\x80b'
expect_status 65 -- oz edit "$n" --title $'\xf8\x88\x80\x80\x80'
expect_status 65 -- oz move "$n" workshop --force --reason $'Grund \xfe'
expect_contains "$ERR" "reason: not valid UTF-8"
expect_status 0 -- oz export -o "$TMP/after.json"
python3 - "$TMP/before.json" "$TMP/after.json" <<'PY' || fail "a refused change changed the database"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("exported_at", None)
sys.exit(0 if a == b else 1)
PY

# What is allowed at the limit goes through, and the export imports again.
expect_status 0 -- oz edit "$n" --title "$(python3 -c 'print("ä" * 250)')"
expect_status 0 -- oz edit "$n" --notes "$(python3 -c 'print("n" * 65536, end="")')"
expect_status 0 -- oz add --title $'Steuerzeichen \e[31m bleiben sichtbar' --field 2
expect_status 0 -- oz export -o "$TMP/limits.json"
expect_status 0 -- oz --db "$TMP/restored" import "$TMP/limits.json"
expect_status 0 -- oz --db "$TMP/restored" export -o "$TMP/again.json"
python3 - "$TMP/limits.json" "$TMP/again.json" <<'PY' || fail "the round trip at the limits changed the document"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("exported_at", None)
sys.exit(0 if a == b else 1)
PY

# A file name that is not UTF-8 lands in history made valid (merge import).
bad_name="$TMP/$(printf 'datei\xff\033[31m').json"
cp "$TMP/limits.json" "$bad_name"
oz edit "$n" --title "Anders" >/dev/null || fail "edit"
expect_status 0 -- oz import "$bad_name"
expect_status 0 -- oz history "$n" --format json
json_check "$OUT" 'd[0]["action"] == "import" and "datei\ufffd\u241b[31m.json" in d[0]["summary"]'
expect_status 0 -- oz export -o "$TMP/final.json"

finish
