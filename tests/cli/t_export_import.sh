#!/bin/bash
# export/import: the JSON round trip, atomic -o, refused bad files leave the
# database exactly as it was, dry runs, and the write errors (73, 74).
. "$(dirname "$0")/lib.sh"

oz init --demo >/dev/null || fail "init --demo"
n=$(oz add --title "Eigenes Projekt" --field bauen --service 10232 --lead köln)
oz move "$n" workshop --reason "los geht's" >/dev/null || fail "move"

# the round trip: export, import into a fresh database, export again
expect_status 0 -- oz export -o "$TMP/one.json"
expect_eq "$OUT" "" "stdout of export -o"
[ -e "$TMP/one.json.tmp" ] && fail "export left its temporary file"
expect_status 0 -- oz --db "$TMP/fresh" import "$TMP/one.json"
expect_contains "$OUT" "projects"
expect_status 0 -- oz --db "$TMP/fresh" export --format json -o "$TMP/two.json"
python3 - "$TMP/one.json" "$TMP/two.json" <<'PY' || fail "the round trip changed the document"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("exported_at", None)
if a != b:
    for k in a:
        if a.get(k) != b.get(k):
            print("differs:", k, file=sys.stderr)
    sys.exit(1)
PY
# read from a pipe (not a regular file: copied aside first) and in the reverse
# order of the export (arrays before phases and format): the same database
expect_status 0 -- oz --db "$TMP/piped" import /dev/stdin <"$TMP/one.json"
expect_status 0 -- oz --db "$TMP/piped" export --format json -o "$TMP/three.json"
cmp -s "$TMP/two.json" "$TMP/three.json" || fail "an import from a pipe gave another database"
python3 - "$TMP/one.json" "$TMP/rev.json" <<'PY' || fail "reversing the document"
import json, sys
d = json.load(open(sys.argv[1]))
json.dump(dict(reversed(list(d.items()))), open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
expect_status 0 -- oz --db "$TMP/reversed" import "$TMP/rev.json"
expect_status 0 -- oz --db "$TMP/reversed" export --format json -o "$TMP/four.json"
cmp -s "$TMP/two.json" "$TMP/four.json" || fail "an import of the reversed document gave another database"
# the same to standard output
expect_status 0 -- oz --db "$TMP/fresh" export
json_check "$OUT" 'd["format"] == "ozgtui" and len(d["projects"]) >= 60'
expect_status 0 -- oz --db "$TMP/fresh" verify
expect_status 0 -- oz --db "$TMP/fresh" show "$n" --format json
json_check "$OUT" 'd["title"] == "Eigenes Projekt" and d["history"][0]["reason"] == "los geht'"'"'s"'

# a refused bad import leaves the database exactly as it was
oz export -o "$TMP/before.json" || fail "export before"
printf '{"format": "ozgtui",\n "format_version": 1,\n "projects": [\n' >"$TMP/broken.json"
expect_status 65 -- oz import "$TMP/broken.json"
expect_contains "$ERR" "$TMP/broken.json:"
python3 - "$TMP/one.json" "$TMP/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["projects"][0]["title"] = "Geändert, aber die Datei ist falsch"
d["projects"][1]["phase"] = "keine-solche-phase"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
expect_status 65 -- oz import "$TMP/bad.json"
expect_contains "$ERR" "$TMP/bad.json:"
expect_contains "$ERR" "keine-solche-phase"
expect_status 65 -- oz import --dry-run "$TMP/bad.json"
oz export -o "$TMP/after.json" || fail "export after"
cmp -s "$TMP/before.json" "$TMP/after.json" || fail "a refused import changed the database"

# a good file into a database with data: merged; --dry-run writes nothing
python3 - "$TMP/one.json" "$TMP/merge.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["projects"][0]["title"] = "Per Import geändert"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
expect_status 0 -- oz import --dry-run "$TMP/merge.json"
expect_contains "$OUT" "nothing was written"
oz export -o "$TMP/after.json" || fail "export after dry run"
cmp -s "$TMP/before.json" "$TMP/after.json" || fail "a dry run changed the database"
expect_status 0 -- oz import "$TMP/merge.json"
expect_status 0 -- oz show 1 --format json
json_check "$OUT" 'd["title"] == "Per Import geändert" and d["history"][0]["action"] == "import"'

# a dry run without a database creates none
expect_status 0 -- oz --db "$TMP/none" import --dry-run "$TMP/one.json"
[ -e "$TMP/none" ] && fail "a dry run created a database"
expect_status 66 -- oz import "$TMP/missing.json"
expect_status 74 -- oz import "$TMP"
expect_status 64 -- oz import
expect_status 64 -- oz import a.json b.json

# formats and write errors
expect_status 64 -- oz export --format xml
expect_contains "$ERR" "unsupported format 'xml' (supported: json, csv, md, html)"
expect_status 73 -- oz export -o "$TMP/no/such/dir/x.json"
expect_contains "$ERR" "cannot create"
if [ -w /dev/full ]; then
	expect_status 74 -- sh -c '"$0" export >/dev/full' "$OZGTUI"
	expect_status 74 -- sh -c '"$0" list >/dev/full' "$OZGTUI"
fi
# -o replaces an existing file only when the export is complete
echo "old" >"$TMP/keep.json"
expect_status 0 -- oz export -o "$TMP/keep.json"
json_check "$(cat "$TMP/keep.json")" 'd["format"] == "ozgtui"'
expect_status 0 -- oz export -o -
json_check "$OUT" 'd["format"] == "ozgtui"'

finish
