#!/bin/bash
# make-seeds.sh OZGTUI - writes the seed corpora of tests/fuzz/corpus/ from a
# demo database (real records, a real export) and from the shipped files
# (themes/, docs/filter.md examples, the default key table). Run it again when
# a format changes; the fuzzers read the seeds, they never write into them.
set -eu
OZGTUI=$(realpath "$1")
cd "$(dirname "$0")"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export OZGTUI_DB="$TMP/db" OZGTUI_NOW=2025-03-01 LC_ALL=C.UTF-8
"$OZGTUI" init --demo >/dev/null
"$OZGTUI" snapshot save stand-1 --note "Stand für den Ausschuss" >/dev/null 2>&1 || true
"$OZGTUI" export -o "$TMP/all.json"

# record: the type byte of fuzz_record.c, then a value as the store holds it
rm -rf corpus/record && mkdir -p corpus/record
python3 - "$TMP/db" corpus/record <<'PY'
import subprocess, sys
db, out = sys.argv[1], sys.argv[2]
kinds = {"fields": 0, "orgs": 1, "services": 2, "projects": 3, "workshops": 4, "outcomes": 5,
         "history": 6, "snapshots": 8}
def values(name):
    text = subprocess.run(["mdb_dump", "-s", name, db], capture_output=True, text=True).stdout
    lines = text.split("HEADER=END\n", 1)[-1].split("\n")
    lines = [l.strip() for l in lines if l.startswith(" ")]
    return list(zip(lines[0::2], lines[1::2]))
n = 0
for name, kind in kinds.items():
    for i, (k, v) in enumerate(values(name)[:4]):
        open(f"{out}/{name}-{i}", "wb").write(bytes([kind]) + bytes.fromhex(v))
        n += 1
for k, v in values("meta"):
    key = bytes.fromhex(k)
    if key == b"settings":
        open(f"{out}/settings", "wb").write(bytes([7]) + bytes.fromhex(v))
    elif key == b"phases":
        open(f"{out}/phases", "wb").write(bytes([9]) + bytes.fromhex(v))
        open(f"{out}/raw-phases", "wb").write(bytes([10]) + bytes.fromhex(v))
PY

# json_import: a small whole document (also in reverse order), the example of
# docs/json-format.md and one record of each kind cut from the export
rm -rf corpus/json_import && mkdir -p corpus/json_import
python3 - "$TMP/all.json" ../../docs/json-format.md corpus/json_import <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[3]
small = dict(d)
for k in ("organisations", "services", "projects", "workshops", "outcomes", "history"):
    small[k] = d[k][:2]
small["outcomes"] = []
keep_orgs = {m["org"] for p in small["projects"] for m in p["team"]}
keep_orgs |= {o for p in small["projects"] for o in p["interested"] + p["ministries"]}
small["organisations"] = [o for o in d["organisations"] if o["id"] in keep_orgs]
keep_services = {s for p in small["projects"] for s in p["services"]}
small["services"] = [s for s in d["services"] if s["ozg_id"] in keep_services]
small["workshops"] = []
json.dump(small, open(f"{out}/small.json", "w", encoding="utf-8"), ensure_ascii=False, indent=2)
# the same with its members in reverse order: the import scans ahead for format and
# phases and settles references to later arrays at the end
json.dump(dict(reversed(list(small.items()))), open(f"{out}/reversed.json", "w", encoding="utf-8"),
          ensure_ascii=False, indent=2)
for k in ("topic_fields", "organisations", "services", "projects", "workshops", "outcomes", "history"):
    json.dump({"format": "ozgtui", "format_version": 1, k: d[k][:1]},
              open(f"{out}/only-{k}.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
doc = open(sys.argv[2], encoding="utf-8").read()
example = doc.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
open(f"{out}/docs-example.json", "w", encoding="utf-8").write(example)
open(f"{out}/broken.json", "w").write('{"format": "ozgtui",\n "format_version": 1,\n "projects": [\n')
PY

# csv_import: byte 0 (even) + a projects table; byte 2k+1 + the head of
# reference data file k (the order of fuzz_csv_import.c)
rm -rf corpus/csv_import && mkdir -p corpus/csv_import
"$OZGTUI" export --format csv --table projects -o "$TMP/projects.csv"
{ printf '\000'; head -n 6 "$TMP/projects.csv"; } >corpus/csv_import/projects-head
{ printf '\000'; printf 'title,field,lead,services,components\r\n"Neu",2,"Köln, Stadt","10000","ePayBL; BundID"\r\n'; } >corpus/csv_import/projects-new
{ printf '\000'; printf 'number,priority,notes\n1,4,"zwei\nZeilen"\n2,,\n'; } >corpus/csv_import/projects-edit
k=0
for f in ozg_themenfelder ozg_leistungen ozg_lagen nrw_kommunen kdn_dienstleister_2019 kdn_umsetzungsstatus nrw_basiskomponenten; do
	b=$(printf '%03o' $((2 * k + 1)))
	{ printf "\\$b"; head -n 25 "../../data/$f.csv"; } >"corpus/csv_import/refdata-$f"
	k=$((k + 1))
done

# filter: the examples of docs/filter.md (inline code spans that look like terms)
rm -rf corpus/filter && mkdir -p corpus/filter
python3 - ../../docs/filter.md ../../include/ozgtui/filter.h corpus/filter <<'PY'
import re, sys
seen = set()
for path in sys.argv[1:3]:
    text = open(path, encoding="utf-8").read()
    for m in re.findall(r"`([^`\n]{2,120})`", text):
        if ":" in m or " " in m or m.startswith("-") or m.startswith('"'):
            seen.add(m)
seen.add("phase:umsetzung,pilot field:bauen lead:krz member:05711000 service:10000")
seen.add('component:epaybl prio:>=3 rep:no late:yes stale:>30 -phase:betrieb "free words"')
for i, f in enumerate(sorted(seen)):
    open(f"{sys.argv[3]}/doc-{i:03d}", "w", encoding="utf-8").write(f)
PY

# theme: the shipped themes
rm -rf corpus/theme && mkdir -p corpus/theme
cp ../../themes/*.theme corpus/theme/

# keys: the default table in the key-file syntax, and a user file
rm -rf corpus/keys && mkdir -p corpus/keys
sed -n 's/^[[:space:]]*"\(bind [^"]*\)",\{0,1\}$/\1/p' ../../src/tui/keymap.c >corpus/keys/defaults
cat >corpus/keys/user <<'KEYS'
# my keys
bind projects x mark
bind global ^R reload
bind board C-l move-next
bind detail F5 none
bind pager Space page-down
bind team ä team-add
KEYS
echo "seeds written: $(find corpus -type f | wc -l) files"
