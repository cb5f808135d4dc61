#!/bin/bash
# The topic-field screen (Enter on a field's name in the dashboard): sponsor,
# workshops newest first, outcomes by kind with open and overdue counts as the
# CLI counts them, volunteers not yet in a team, open questions, projects by
# phase; Enter opens a workshop, r the relevance screen, s sets the sponsor, a
# records a workshop. Overdue action items show in the dashboard's findings.
. "$(dirname "$0")/lib.sh"
demo_db

# the dashboard's findings column counts the overdue action items per field
start 80 24
wait_line "Ü[0-9]+ *$"
cli outcome list --overdue --format json >"$TMP/overdue.json" || fail "outcome list --overdue"
screen >"$TMP/dash.txt"
python3 - "$TMP/overdue.json" "$TMP/dash.txt" <<'PY' || fail "overdue counts on the dashboard differ from the CLI"
import json, re, sys
per_field = {}
for o in json.load(open(sys.argv[1])):
    per_field[o["field_name"]] = per_field.get(o["field_name"], 0) + 1
if not per_field:
    sys.exit("the demo has no overdue action item")
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
for name, n in per_field.items():
    row = [l for l in lines if l.startswith(name[:19])]
    if len(row) != 1 or ("Ü%d" % n) not in row[0]:
        sys.exit("%s: expected Ü%d in %r" % (name, n, row))
total = [l for l in lines if "Ü" in l and l.rstrip().endswith(tuple("0123456789"))][-1]   # the totals row
if ("Ü%d" % sum(per_field.values())) not in total:
    sys.exit("totals: %r" % total)
print("overdue per field:", per_field)
PY
ok "dashboard: overdue action items per field as ozgtui outcome list --overdue"

# Bildung is the third field: Down Down, then Left to its name
keys Down Down Left
wait_for "Bildung: "
wait_for "Enter opens the topic field"
keys Enter
wait_for "Themenfeld 3 · Bildung"
sponsor=$(cli sponsor 3 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["sponsor"])')
wait_for "Themenpat*in: $sponsor"
ok "sponsor shown"

# workshops newest first, as the CLI lists them
cli workshop list --field 3 --format json >"$TMP/ws.json"
cli outcome list --field 3 --format json >"$TMP/oc.json"
screen >"$TMP/field.txt"
python3 - "$TMP/ws.json" "$TMP/oc.json" "$TMP/field.txt" <<'PY' || fail "topic-field screen differs from the CLI"
import json, sys
ws = json.load(open(sys.argv[1]))
oc = json.load(open(sys.argv[2]))
lines = open(sys.argv[3], encoding="utf-8").read().splitlines()
start = lines.index("Workshops (neueste zuerst)")
shown = [l for l in lines[start + 1:start + 1 + len(ws)]]
for w, l in zip(ws, shown):   # ws: newest first too
    if not l.strip().startswith(w["date"]):
        sys.exit("workshop order: %r for %s" % (l, w["date"]))
    if ("%d Ergebnisse" % w["outcomes"]) not in l:
        sys.exit("workshop outcome count: %r, expected %d" % (l, w["outcomes"]))
labels = {"decision": "Entscheidung", "priority": "Priorität", "bundle": "Bündelung",
          "volunteer": "Mitarbeit", "question": "Offene Frage", "action": "Aufgabe"}
k = lines.index("Ergebnisse nach Art")
for kind, label in labels.items():
    mine = [o for o in oc if o["kind"] == kind]
    want = [len(mine), sum(o["status"] == "open" for o in mine), sum(o["overdue"] for o in mine)]
    row = [l for l in lines[k:k + 9] if l.strip().startswith(label)]
    if len(row) != 1 or [int(x) for x in row[0].split()[-3:]] != want:
        sys.exit("%s: %r, expected %s" % (label, row, want))
print("checked %d workshops and %d kinds" % (len(ws), len(labels)))
PY
ok "workshops newest first and outcome counts by kind match the CLI"

# volunteers not yet placed: each shown is a volunteer of the field, not a member
keys j j j
wait_for "Mitarbeit angeboten, noch in keinem Team"
screen >"$TMP/field2.txt"
python3 - "$TMP/oc.json" "$TMP/field2.txt" <<'PY' || fail "volunteer section"
import json, sys
oc = json.load(open(sys.argv[1]))
names = {o["name"] for x in oc if x["kind"] == "volunteer" and x["status"] != "dropped"
         for o in x["organisations"]}
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
i = lines.index("Mitarbeit angeboten, noch in keinem Team")
shown = []
for l in lines[i + 1:]:
    if not l.startswith("  ") or not l.strip() or l.strip() == "–":
        break
    shown.append(l.strip())
if not shown:
    sys.exit("no volunteers shown (the demo has some in Bildung)")
for s in shown:
    if not any(s.startswith(n) for n in names):
        sys.exit("not a volunteer of the field: %r" % s)
print("volunteers:", shown)
PY
ok "volunteers not yet in a team"

# projects by phase at the end
keys G
wait_for "Projekte nach Phase"
first=$(cli list --filter field:3 --format tsv | sed -n 2p | cut -f1)
wait_line "#$first +"
ok "projects by phase"

# Enter on the first workshop opens it; q comes back
keys g
keys Enter
wait_for "Ergebnisse: "
wait_for "Teilnehmende:"
keys q
wait_for "Themenfeld 3 · Bildung"
ok "Enter opens the workshop"

# r: the relevance screen of the field
keys r
wait_for "Relevanz: Themenfeld 3 · Bildung"
keys q
wait_for "Ergebnisse nach Art"
ok "r opens the relevance screen"

# s: a new sponsor, recorded with history
keys s
wait_for "Themenpat*in (leer: niemand):"
keys C-u
type_text "Themenpatin: Schulamt Kreis Lippe"
keys Enter
wait_for "Themenpat*in: Themenpatin: Schulamt Kreis Lippe"
got=$(cli sponsor 3 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["sponsor"])')
[ "$got" = "Themenpatin: Schulamt Kreis Lippe" ] || fail "sponsor in the database: '$got'"
cli history --limit 1 --format json | grep -q '"entity": "field"' || fail "no history entry for the sponsor"
ok "s sets the sponsor"

# a: a workshop of today, shown first
keys a
wait_for "Workshop am (JJJJ-MM-TT): 2025-03-01"
keys Enter
wait_for "Titel:"
type_text "Folgeworkshop Schulanmeldung"
keys Enter
wait_for "Ort (leer: keiner):"
type_text "Bielefeld"
keys Enter
wait_for "Workshop „Folgeworkshop Schulanmeldung“ angelegt"
wait_line "^  2025-03-01  Folgeworkshop Schulanmeldung"
cli workshop list --field 3 --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d[0]["title"] == "Folgeworkshop Schulanmeldung" and d[0]["place"] == "Bielefeld", d[0]
' || fail "the new workshop is not in the database"
ok "a records a workshop"

# a bad date is refused, nothing is written
keys a
wait_for "Workshop am"
keys C-u
type_text "morgen"
keys Enter
wait_for "kein Datum"
n=$(cli workshop list --field 3 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 3 ] || fail "workshops of Bildung: $n"
ok "a bad date is refused"
quit
