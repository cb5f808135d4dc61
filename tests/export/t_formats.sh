#!/bin/bash
# export --format json|csv|md|html read back by real parsers: JSON validated
# against docs/ozgtui.schema.json (python3-jsonschema), CSV by python3's csv
# module and compared cell by cell with `list --format json`, HTML checked for
# well-formedness, structure, self-containment and contrast; formulas in CSV
# neutralised; atomic -o; no terminal needed.
. "$(dirname "$0")/../cli/lib.sh"
SCHEMA=${2:?usage: t_formats.sh OZGTUI SCHEMA}
HERE=$(cd "$(dirname "$0")" && pwd)

oz init --demo >/dev/null || fail "init --demo"
oz snapshot save vorher >/dev/null || fail "snapshot save"
oz move 1 entscheidung >/dev/null || fail "move"
oz edit 3 --title '=HYPERLINK("http://e.vil","klick")' >/dev/null || fail "edit 3"
oz edit 7 --title '@SUM(A1:A9) <b>fett</b> & [x](javascript:y) | *' >/dev/null || fail "edit 7"
oz edit 8 --title '+49 Bauvoranfrage, "digital"' --notes "$(printf 'zwei\nZeilen')" >/dev/null || fail "edit 8"
oz edit 9 --title "$(printf -- '-1\tTab')" >/dev/null || fail "edit 9"

# ---- JSON against the schema -------------------------------------------------
if python3 -c 'import jsonschema' 2>/dev/null; then
	oz export -o "$TMP/all.json" || fail "export json"
	oz export --snapshot vorher -o "$TMP/snap.json" || fail "export --snapshot"
	oz export --filter field:bauen -o "$TMP/filter.json" || fail "export --filter"
	oz export --snapshot vorher --filter "phase:workshop" -o "$TMP/both.json" || fail "export both"
	python3 - "$SCHEMA" "$TMP"/all.json "$TMP"/snap.json "$TMP"/filter.json "$TMP"/both.json <<'PY' || fail "a JSON export does not validate against the schema"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    for e in sorted(v.iter_errors(json.load(open(path))), key=str)[:5]:
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
PY
	# the schema can fail: a wrong type is refused
	python3 - "$SCHEMA" "$TMP/all.json" <<'PY' || fail "the schema accepts a broken document"
import json, sys
from jsonschema import Draft202012Validator
d = json.load(open(sys.argv[2]))
d["projects"][0]["number"] = "eins"
sys.exit(0 if list(Draft202012Validator(json.load(open(sys.argv[1]))).iter_errors(d)) else 1)
PY
	# the snapshot's document holds the state then; the filter's only field 2
	python3 - "$TMP"/all.json "$TMP"/snap.json "$TMP"/filter.json "$TMP"/both.json <<'PY' || fail "json --snapshot/--filter content"
import json, sys
now, snap, filt, both = (json.load(open(p)) for p in sys.argv[1:5])
p1 = lambda d: next(p for p in d["projects"] if p["number"] == 1)
assert p1(now)["phase"] == "entscheidung" and p1(snap)["phase"] == "workshop", "phase of #1"
assert next(p for p in snap["projects"] if p["number"] == 3)["title"] != '=HYPERLINK("http://e.vil","klick")'
assert len(snap["history"]) < len(now["history"]), "history after the snapshot left out"
assert snap["history"][-1]["action"] == "snapshot-save"
assert filt["projects"] and all(p["field"] == 2 for p in filt["projects"])
ids = {p["id"] for p in filt["projects"]}
assert all(all(x in ids for x in o["projects"]) for o in filt["outcomes"]), "outcome links stay inside"
assert all(p["phase"] == "workshop" for p in both["projects"]) and p1(both)
PY
else
	echo "SKIP: python3-jsonschema is not installed (scripts/lib/deps.sh installs it)" >&2
fi

# ---- CSV read back and compared with list --format json ----------------------
for t in projects teams services outcomes workshops organisations history; do
	oz export --format csv --table "$t" -o "$TMP/$t.csv" || fail "export csv $t"
done
oz list --format json >"$TMP/list.json" || fail "list --format json"
python3 - "$TMP" <<'PY' || fail "CSV read back"
import csv, io, json, os, sys
d = sys.argv[1]
def table(name):
    raw = open(os.path.join(d, name + ".csv"), "rb").read()
    text = raw.decode("utf-8")   # UTF-8, or this fails
    assert not text.startswith("\ufeff"), "no byte order mark"
    # every record ends with CRLF: parse, then re-check the raw line ends
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert raw.endswith(b"\r\n"), name + ": last record without CRLF"
    quoted = False
    for i, b in enumerate(raw):
        if b == 0x22:
            quoted = not quoted
        elif b == 0x0a and not quoted:
            assert raw[i - 1] == 0x0d, name + ": bare LF"
    head = rows[0]
    assert all(len(r) == len(head) for r in rows), name + ": ragged rows"
    return [dict(zip(head, r)) for r in rows[1:]]

def cell(v):
    if v is None: return ""
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, list): return "; ".join(str(x) for x in v)
    return str(v)

def neutral(s):
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s

projects = table("projects")
listed = json.load(open(os.path.join(d, "list.json")))
assert len(projects) == len(listed) == 82, (len(projects), len(listed))
bad = 0
for row, want in zip(projects, listed):
    for k, v in want.items():
        exp = neutral(cell(v)) if k == "title" else cell(v)
        if row[k] != exp:
            print(f"#{want['number']} {k}: csv {row[k]!r}, list {exp!r}", file=sys.stderr)
            bad += 1
assert not bad, f"{bad} cells differ"
by = {int(r["number"]): r for r in projects}
assert by[3]["title"] == "'=HYPERLINK(\"http://e.vil\",\"klick\")", by[3]["title"]
assert by[7]["title"].startswith("'@SUM"), by[7]["title"]
assert by[8]["title"] == "'+49 Bauvoranfrage, \"digital\"" and by[8]["notes"] == "zwei\nZeilen"
assert by[9]["title"] == "'-1\tTab"
teams = table("teams")
assert len(teams) == sum(p["team_size"] for p in listed)
assert {int(t["project_number"]) for t in teams} <= set(by)
for name in ("services", "outcomes", "workshops", "organisations", "history"):
    assert table(name), name + " is empty"
assert any(r["action"] == "snapshot-save" for r in table("history"))
PY

# a filter and a snapshot in CSV too
expect_status 0 -- oz export --format csv --filter field:bauen
python3 -c 'import csv,io,sys; r=list(csv.DictReader(io.StringIO(sys.stdin.read(),newline=""))); sys.exit(0 if r and all(x["field"]=="2" for x in r) else 1)' <<<"$OUT" || fail "csv --filter"
expect_status 0 -- oz export --format csv --snapshot vorher
python3 -c 'import csv,io,sys; r=list(csv.DictReader(io.StringIO(sys.stdin.read(),newline=""))); sys.exit(0 if r[0]["phase"]=="Workshop" else 1)' <<<"$OUT" || fail "csv --snapshot"

# ---- HTML -------------------------------------------------------------------
oz export --format html -o "$TMP/report.html" </dev/null || fail "export html"
oz export --format html --snapshot vorher -o "$TMP/snap.html" || fail "export html --snapshot"
oz export --format html --filter "rep:no" -o "$TMP/filter.html" || fail "export html --filter"
for f in report snap filter; do
	python3 "$HERE/check_html.py" "$TMP/$f.html" || fail "$f.html"
done
html=$(cat "$TMP/report.html")
expect_not_contains "$html" "<b>fett</b>" "html"
expect_contains "$html" "@SUM(A1:A9) &lt;b&gt;fett&lt;/b&gt; &amp; [x](javascript:y) | *" "html"
expect_contains "$html" "<h2>Veränderungen seit Stand „vorher“ vom 2025-03-01</h2>" "html"

# ---- Markdown -----------------------------------------------------------------
expect_status 0 -- oz export --format md
expect_contains "$OUT" "@SUM(A1:A9) \\<b\\>fett\\</b\\> \\& \\[x\\](javascript:y) \\| \\*"
expect_contains "$OUT" "## Veränderungen seit Stand „vorher“ vom 2025-03-01"
expect_contains "$OUT" "| 1 | Führungszeugnis online beantragen | Workshop | Entscheidung | vorwärts |"
expect_not_contains "$OUT" "<b>"

# ---- -o: atomic, no temporary files, the old file kept on failure ------------
mkdir "$TMP/out"
expect_status 0 -- oz export --format md -o "$TMP/out/r.md"
expect_eq "$OUT" "" "stdout of -o"
cp "$TMP/out/r.md" "$TMP/r.md.before"
expect_status 66 -- oz export --format md --snapshot nicht-da -o "$TMP/out/r.md"
cmp -s "$TMP/out/r.md" "$TMP/r.md.before" || fail "a failed export changed the old file"
expect_status 0 -- oz export --format html -o "$TMP/out/r.md"
expect_eq "$(ls -A "$TMP/out")" "r.md" "files beside the export"
expect_contains "$(head -c 15 "$TMP/out/r.md")" "<!DOCTYPE html>"
expect_status 73 -- oz export --format csv -o "$TMP/none/x.csv"

# ---- options -------------------------------------------------------------------
expect_status 64 -- oz export --format xml
expect_contains "$ERR" "supported: json, csv, md, html"
expect_status 64 -- oz export --format csv --table nope
expect_status 64 -- oz export --table teams
expect_status 65 -- oz export --format md --filter "phase:keine-solche"
expect_status 66 -- oz export --snapshot nicht-da
finish
