#!/bin/bash
# Broken and hostile import files are refused whole: each variant of a good
# document (invalid UTF-8, overlong fields, wrong types, unknown references,
# syntax errors, absurd nesting and numbers) exits 65 with "FILE:LINE: reason"
# naming the line of the offending value, and the database stays exactly as it
# was. The variants are a table: name, mutation, expected text.
. "$(dirname "$0")/../cli/lib.sh"
HOSTILE="$(dirname "$0")/hostile.py"

oz init --demo >/dev/null || fail "init --demo"
oz export -o "$TMP/good.json" || fail "export"
oz export -o "$TMP/before.json" || fail "export before"

# Writes one file per variant into $TMP/v/ and a table NAME<TAB>LINE<TAB>TEXT
# (LINE 0: any line) into $TMP/v/table.
mkdir -p "$TMP/v"
python3 - "$TMP/good.json" "$TMP/v" <<'PY' || fail "making the variants"
import copy, json, sys
good = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
table = []
MARK = "@@MARK@@"

def emit(name, doc, want, raw=None, line=None):
    """doc with MARK somewhere: the line of MARK is the expected line; raw
    replaces MARK (bytes) after dumping."""
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if line is None:
        line = 0
        for i, l in enumerate(text.split("\n"), 1):
            if MARK in l:
                line = i
                break
    data = text.encode("utf-8")
    data = data.replace(json.dumps(MARK).encode(), raw if raw is not None else b'"x"')
    open(f"{out}/{name}.json", "wb").write(data)
    table.append(f"{name}\t{line}\t{want}")

def proj(mut):
    d = copy.deepcopy(good)
    d["projects"] = [copy.deepcopy(good["projects"][0])]
    mut(d["projects"][0])
    return d

def outc(mut):
    d = copy.deepcopy(good)
    mut(d["outcomes"][0])
    return d

def setp(k, v):
    return lambda p: p.__setitem__(k, v)

# invalid UTF-8 and friends, written as raw bytes in place of a title
emit("utf8-ff", proj(setp("title", MARK)), "unable to decode byte 0xff", b'"Titel \xff"')
emit("utf8-overlong", proj(setp("title", MARK)), "unable to decode byte 0xc0", b'"\xc0\xaf"')
emit("utf8-truncated", proj(setp("title", MARK)), "unable to decode byte 0xe4", b'"Gr\xe4\xdf"')
emit("utf8-surrogate-raw", proj(setp("notes", MARK)), "unable to decode byte 0xed", b'"\xed\xa0\x80"')
emit("utf8-surrogate-escape", proj(setp("notes", MARK)), "invalid Unicode", b'"\\ud800"')
emit("nul-escape", proj(setp("notes", MARK)), "\\u0000 is not allowed", b'"a\\u0000b"')
# overlong fields
emit("title-501", proj(setp("title", MARK)), "title: too long (501 bytes, at most 500)",
     json.dumps("ü" * 250 + "x").encode())
emit("notes-65537", proj(setp("notes", MARK)), "notes: too long (65537 bytes, at most 65536)",
     json.dumps("n" * 65537).encode())
emit("department-65537", proj(setp("departments", [MARK])), "too long",
     json.dumps("d" * 65537).encode())
emit("org-name-65537", dict(copy.deepcopy(good), organisations=[dict(good["organisations"][0], name=MARK)]),
     "name: too long", json.dumps("o" * 65537).encode())
emit("slug-65", dict(copy.deepcopy(good), topic_fields=[dict(good["topic_fields"][0], slug=MARK)]),
     "slug: too long", json.dumps("s" * 65).encode())
# wrong types
emit("priority-string", proj(setp("priority", MARK)), "priority: expected an integer", b'"3"')
emit("priority-range", proj(setp("priority", MARK)), "priority", b"9")
emit("number-negative", proj(setp("number", MARK)), "number", b"-1")
emit("number-real", proj(setp("number", MARK)), "number", b"1.5")
emit("number-huge", proj(setp("number", MARK)), "number", b"4294967296")
emit("number-1e400", proj(setp("number", MARK)), "", b"1e400")
emit("title-object", proj(setp("title", MARK)), "title: expected a string", b'{"de": "x"}')
emit("team-not-array", proj(setp("team", MARK)), "team", b'"krz"')
emit("team-org-number", proj(lambda p: p["team"][0].__setitem__("org", MARK)), "team[0].org", b"5")
emit("team-role-bad", proj(lambda p: p["team"][0].__setitem__("role", MARK)), "team[0].role", b'"chef"')
emit("services-strings", proj(setp("services", [MARK])), "services[0]", b'"10000"')
emit("date-impossible", proj(lambda p: p["dates"][0].__setitem__("planned", MARK)), "invalid date '2026-02-30'",
     b'"2026-02-30"')
emit("uuid-bad", proj(setp("id", MARK)), "id", b'"not-a-uuid"')
emit("demo-string", proj(setp("demo", MARK)), "demo", b'"yes"')
# unknown references
emit("unknown-service", proj(setp("services", [MARK])), "unknown", b"999999999")
emit("unknown-org", proj(lambda p: p["team"][0].__setitem__("org", MARK)), "unknown organisation",
     b'"00000000-0000-4000-8000-000000000001"')
emit("unknown-field", proj(setp("field", MARK)), "", b"99")
emit("unknown-phase", proj(setp("phase", MARK)), "unknown phase 'nirgendwo'", b'"nirgendwo"')
emit("unknown-interested", proj(setp("interested", [MARK])), "unknown organisation",
     b'"00000000-0000-4000-8000-000000000002"')
emit("unknown-workshop", outc(setp("workshop", MARK)), "unknown workshop",
     b'"00000000-0000-4000-8000-000000000003"')
emit("unknown-project", outc(setp("projects", [MARK])), "unknown project",
     b'"00000000-0000-4000-8000-000000000004"')
# structure
emit("unknown-key", proj(setp("titel", MARK)), "unknown key 'titel'", b'"x"')
emit("missing-title", proj(lambda p: (p.pop("title"), p.__setitem__("number", MARK))), "title: missing",
     str(good["projects"][0]["number"]).encode(), line=0)
d = copy.deepcopy(good)
d["format_version"] = MARK
emit("format-version-2", d, "format_version 2 is not supported", b"2")
d = copy.deepcopy(good)
d["format"] = MARK
emit("format-other", d, "not an ozgtui document", b'"sqlite"')
emit("duplicate-key", proj(setp("title", MARK)), "duplicate object key", b'"a", "title": "b"')
dup = copy.deepcopy(good)
dup["projects"] = [good["projects"][0], dict(good["projects"][1], number=MARK)]
emit("duplicate-number", dup, "duplicate project number",
     str(good["projects"][0]["number"]).encode())
# syntax and absurd input
def raw_file(name, data, line, want):
    open(f"{out}/{name}.json", "wb").write(data)
    table.append(f"{name}\t{line}\t{want}")
raw_file("empty", b"", 1, "")
raw_file("truncated", json.dumps(good, indent=1).encode()[:5000], 0, "")
raw_file("bom", b"\xef\xbb\xbf" + json.dumps(good).encode(), 1, "")
raw_file("deep-nesting", b'{"format": "ozgtui", "format_version": 1, "x": ' + b"[" * 100000 + b"]" * 100000 + b"}", 1, "")
raw_file("array-top", b"[1, 2, 3]\n", 1, "expected a JSON object")
raw_file("trailing-garbage", json.dumps(good).encode() + b"\n}{", 0, "")
raw_file("binary", bytes(range(256)) * 4, 1, "")
open(f"{out}/table", "w", encoding="utf-8").write("\n".join(table) + "\n")
PY

while IFS=$'\t' read -r name line want; do
	f="$TMP/v/$name.json"
	expect_status 65 -- oz import "$f" || continue
	if [ "$line" -gt 0 ]; then
		expect_contains "$ERR" "$f:$line: " "$name: stderr" || continue
	else
		expect_contains "$ERR" "$f:" "$name: stderr" || continue
	fi
	[ -n "$want" ] && expect_contains "$ERR" "$want" "$name: stderr"
	python3 "$HOSTILE" termsafe "$name: stderr" <"$TMP/.err" || fail "$name: the message is not safe for a terminal"
	expect_status 65 -- oz import --dry-run "$f"
done <"$TMP/v/table"
echo "$(count_lines "$(cat "$TMP/v/table")") variants refused"

oz export -o "$TMP/after.json" || fail "export after"
python3 - "$TMP/before.json" "$TMP/after.json" <<'PY' || fail "a refused import changed the database"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("exported_at", None)
sys.exit(0 if a == b else 1)
PY
expect_status 0 -- oz verify
# The same variants into an empty directory: refused, and nothing is left behind
# that a later import would take for a database with data.
expect_status 65 -- oz --db "$TMP/fresh" import "$TMP/v/unknown-phase.json"
expect_status 0 -- oz --db "$TMP/fresh" import "$TMP/good.json"
finish
