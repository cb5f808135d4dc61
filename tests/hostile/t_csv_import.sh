#!/bin/bash
# CSV import of projects (docs/csv-import.md): the export's projects table
# comes back unchanged; edits and new rows apply in one transaction; broken and
# hostile files (invalid UTF-8, overlong fields, unknown columns and references,
# ragged rows, duplicates, stale versions, unclosed quotes) are refused whole
# with FILE:LINE (the line where the row starts, also after multi-line notes)
# and the database stays as it was.
. "$(dirname "$0")/../cli/lib.sh"
HOSTILE="$(dirname "$0")/hostile.py"

oz init --demo >/dev/null || fail "init --demo"
n=$(oz add --title '=HYPERLINK("http://evil.example","klick")' --field 2 --lead 05711000 \
	--service 10000 --notes $'Zeile eins\nZeile zwei, mit "Anführung"\nZeile drei') || fail "add"
oz export --format csv --table projects -o "$TMP/p.csv" || fail "export csv"
oz export -o "$TMP/before.json" || fail "export before"
same_db() {
	oz export -o "$TMP/now.json" || fail "export now"
	python3 - "$TMP/before.json" "$TMP/now.json" <<'PY' || fail "$1: the database changed"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("exported_at", None)
sys.exit(0 if a == b else 1)
PY
}

# the export's table imports as it is: nothing changes, the formula stays a title
expect_status 0 -- oz import "$TMP/p.csv"
expect_contains "$OUT" "0 added, 0 updated, $n unchanged"
same_db "round trip"
expect_status 0 -- oz import --format csv --table projects --dry-run "$TMP/p.csv"
expect_contains "$OUT" "would import"

# variants: NAME, the line the error names, a text in the message; made by
# python from the exported table (rows are dicts; the file is written as bytes)
mkdir -p "$TMP/v"
python3 - "$TMP/p.csv" "$TMP/v" "$n" <<'PY' || fail "making the variants"
import csv, io, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.DictReader(open(src, newline="", encoding="utf-8")))
cols = list(rows[0].keys())
table = []

def lines_before(rows_, idx):
    """the line where data row idx (0-based) starts in the written file"""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows_[0].keys()), lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows_[:idx])
    return buf.getvalue().count("\n") + 1

def emit(name, rows_, idx, want, data=None, fieldnames=None):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fieldnames or list(rows_[0].keys()), lineterminator="\r\n",
                       quoting=csv.QUOTE_ALL)
    w.writeheader()
    w.writerows(rows_)
    b = buf.getvalue().encode("utf-8") if data is None else data(buf.getvalue())
    open(f"{out}/{name}.csv", "wb").write(b)
    table.append(f"{name}\t{lines_before(rows_, idx) if idx is not None else 1}\t{want}")

def edit(idx, **kw):
    r = [dict(x) for x in rows]
    r[idx].update(kw)
    return r

last = len(rows) - 1   # the project with multi-line notes is the last row
emit("unknown-lead", edit(last, lead="Kölln"), last, "lead: no organisation")
emit("unknown-phase", edit(2, phase="Nirgendwo"), 2, "phase:")
emit("unknown-field", edit(3, field="99", field_name=""), 3, "field:")
emit("unknown-service", edit(4, services="10000; 999999999"), 4, "services:")
emit("unknown-ministry", edit(5, ministries="Ministerium für Unsinn"), 5, "ministries:")
emit("priority-text", edit(6, priority="hoch"), 6, "priority: 'hoch' is not 1-5")
emit("priority-9", edit(6, priority="9"), 6, "priority")
emit("demo-yes", edit(7, demo="ja"), 7, "demo: 'ja' is not true or false")
emit("title-empty", edit(8, title="  "), 8, "title: empty")
emit("title-501", edit(9, title="ü" * 250 + "x"), 9, "title: too long (501 bytes, at most 500)")
emit("notes-65537", edit(10, notes="n" * 65537), 10, "notes: too long (65537 bytes, at most 65536)")
emit("uuid-bad", edit(11, uuid="not-a-uuid"), 11, "uuid: 'not-a-uuid' is not a UUID")
emit("number-unknown", edit(12, uuid="", number="9999"), 12, "no project #9999")
emit("number-other", edit(13, number=rows[14]["number"]), 13, "an import cannot renumber")
emit("version-stale", edit(15, version="0"), 15, "was changed since this file was made")
dup = [dict(x) for x in rows] + [dict(rows[1])]
emit("duplicate-row", dup, len(dup) - 1, "again (also line")
new = {k: "" for k in cols}
new.update(title="Neu", lead="Köln, Stadt")
emit("new-without-field", [dict(x) for x in rows] + [dict(new, field="", field_name="")], len(rows),
     "a project needs a topic field")
emit("unknown-column", [{**r, "titel": "x"} for r in rows], None, "unknown column 'titel'",
     fieldnames=cols + ["titel"])
emit("no-key-column", [{"phase": r["phase"]} for r in rows], None, "neither title nor number nor uuid",
     fieldnames=["phase"])
# after the multi-line notes row: a row with invalid UTF-8 and a ragged row
emit("utf8-after-notes", edit(last, title="@@BAD@@"), last, "not valid UTF-8",
     data=lambda t: t.encode().replace(b"@@BAD@@", b"Bau\xffantrag"))
emit("utf8-overlong", edit(1, notes="@@BAD@@"), 1, "not valid UTF-8",
     data=lambda t: t.encode().replace(b"@@BAD@@", b"\xc0\xaf"))
emit("nul-byte", edit(1, notes="@@BAD@@"), 1, "not valid UTF-8",
     data=lambda t: t.encode().replace(b"@@BAD@@", b"a\x00b"))
emit("ragged", edit(2, title="x"), 2, "fields, the header has",
     data=lambda t: t.replace('"x"', '"x","zu viel"').encode())
emit("unclosed-quote", rows, None, "",
     data=lambda t: (t + '"9999","","offen\r\n').encode())
open(f"{out}/empty.csv", "wb").write(b"")
table.append("empty\t1\tempty file")
open(f"{out}/table", "w", encoding="utf-8").write("\n".join(table) + "\n")
PY

while IFS=$'\t' read -r name line want; do
	f="$TMP/v/$name.csv"
	expect_status 65 -- oz import "$f" || continue
	if [ "$name" = unclosed-quote ]; then
		expect_contains "$ERR" "$f:" "$name"
	else
		expect_contains "$ERR" "$f:$line: " "$name"
	fi
	[ -n "$want" ] && expect_contains "$ERR" "$want" "$name"
	python3 "$HOSTILE" termsafe "$name: stderr" <"$TMP/.err" || fail "$name: the message is not safe for a terminal"
	expect_status 65 -- oz import --dry-run "$f"
done <"$TMP/v/table"
same_db "refused files"

# many errors: all listed up to ten, then how many more
python3 - "$TMP/p.csv" "$TMP/many.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows[:30]:
    r["priority"] = "x"
w = csv.DictWriter(open(sys.argv[2], "w", newline="", encoding="utf-8"), fieldnames=list(rows[0].keys()))
w.writeheader()
w.writerows(rows)
PY
expect_status 65 -- oz import "$TMP/many.csv"
expect_contains "$ERR" "more errors)"
same_db "many errors"

# edits and a new row: applied together, with history; CRLF/LF and a BOM
python3 - "$TMP/p.csv" "$TMP/edit.csv" "$n" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
n = int(sys.argv[3])
for r in rows:
    if int(r["number"]) == n:
        r["priority"] = "2"
        r["phase"] = "Entscheidung"
        r["notes"] = "Neu: \u202eumgedreht\u202c und \x1b[31m"
new = {k: "" for k in rows[0]}
new.update(title="'-Minus am Anfang", field="bauen", lead="Köln, Stadt", services="10000",
           components="ePayBL; Servicekonto.NRW")
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows + [new])
PY
expect_status 0 -- oz import "$TMP/edit.csv"
expect_contains "$OUT" "1 added, 1 updated"
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" 'd["priority"] == 2 and d["phase"] == "Entscheidung" and d["history"][0]["action"] == "import"'
m=$((n + 1))
expect_status 0 -- oz show "$m" --format json
json_check "$OUT" 'd["title"] == "-Minus am Anfang" and d["lead"]["name"] == "Köln, Stadt" and d["components"] == ["ePayBL", "Servicekonto.NRW"]'
expect_status 0 -- oz verify
# and the edited table goes out and in again unchanged
oz export --format csv --table projects -o "$TMP/p2.csv" || fail "export again"
expect_status 0 -- oz import "$TMP/p2.csv"
expect_contains "$OUT" "0 added, 0 updated"

# usage
expect_status 64 -- oz import "$TMP/p.csv" --table teams
expect_status 64 -- oz import "$TMP/before.json" --table projects
expect_status 64 -- oz import "$TMP/p.csv" --format xml
expect_status 77 -- oz --readonly import "$TMP/p.csv"
finish
