#!/bin/bash
# The dashboard's matrix shows the same counts as the CLI, and Enter on a cell
# lists exactly the projects of that field and phase.
. "$(dirname "$0")/lib.sh"
demo_db
start 80 24
wait_for "Summe"
wait_for "Befunde: ✗ nicht repräsentativ"

cli list --format tsv >"$TMP/list.tsv" || fail "list --format tsv"
screen >"$TMP/screen.txt"
python3 - "$TMP/list.tsv" "$TMP/screen.txt" "$PHASES" <<'PY' || fail "dashboard counts differ from ozgtui list"
import sys
phases = sys.argv[3].split()
counts = {}
for line in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]:
    f = line.split("\t")
    row = counts.setdefault(f[3], [0] * len(phases))
    row[phases.index(f[2])] += 1
screen = open(sys.argv[2], encoding="utf-8").read().splitlines()
# the matrix: from the header line to the totals line
start = next(i for i, l in enumerate(screen) if l.startswith("Themenfeld"))
end = next(i for i, l in enumerate(screen) if l.startswith("Summe"))
screen = screen[start + 1:end + 1]

def numbers(line):
    toks = line[21:].split()
    return [0 if t == "·" else int(t) for t in toks[:len(phases) + 1]]

for field, row in counts.items():
    key = field if len(field) <= 20 else field[:19]
    lines = [l for l in screen if l.startswith(key)]
    if len(lines) != 1:
        sys.exit("field %r: %d lines on screen" % (field, len(lines)))
    got = numbers(lines[0])
    if got != row + [sum(row)]:
        sys.exit("field %r: screen %s, list %s" % (field, got, row))
total = [sum(r[i] for r in counts.values()) for i in range(len(phases))]
tl = [l for l in screen if l.startswith("Summe")]
if numbers(tl[0]) != total + [sum(total)]:
    sys.exit("totals: screen %s, list %s" % (numbers(tl[0]), total))
print("checked %d fields and the totals" % len(counts))
PY
ok "dashboard counts match ozgtui list"

# The findings are counted after the first frame, in the idle hook (the column
# shows "…" meanwhile): the totals row fills in with what `ozgtui check`
# finds, and counts anew when another session changes the database.
findings_line() {
	cli check --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
n = {k: sum(1 for f in d if f["kind"] == k) for k in ("not-representative", "late", "parallel", "overdue")}
print("^Summe .* ✗%d +!%d +⇄%d +Ü%d" % tuple(n.values()))'
}
want=$(findings_line)
wait_line "$want"
ok "the findings column fills in: $want"
# a project on a service #8 and #79 implement: parallel work for all three
cli add --title "Noch ein Bauportal" --field 2 --service 10519 --lead köln >/dev/null || fail "add"
want2=$(findings_line)
[ "$want2" != "$want" ] || fail "the new project changed no finding"
wait_line "$want2"
ok "after a change elsewhere the findings are counted again: $want2"

# Second field, fourth phase (Konzeption): Down, then Right three times from Sichtung.
keys Down Right Right Right
wait_for "Bauen & Wohnen · Konzeption:"
shown=$(screen | grep -oE "Konzeption: [0-9]+ Projekt" | grep -oE "[0-9]+")
keys Enter
wait_for "Filter: field:2 phase:konzeption"
expected=$(cli list --filter "field:2 phase:konzeption" --format tsv | tail -n +2 | cut -f1 | sort -n | tr '\n' ' ')
listed=$(screen | sed -n '3,22p' | grep -oE '^[ *]+[0-9]+ ' | tr -d ' *' | sort -n | tr '\n' ' ')
[ -n "$expected" ] || fail "the demo has no project in field 2, Konzeption"
[ "$listed" = "$expected" ] || fail "listed '$listed', expected '$expected'"
[ "$(echo $expected | wc -w)" = "$shown" ] || fail "cell said $shown, list has $(echo $expected | wc -w)"
ok "Enter on a cell lists exactly its projects: $listed"

# Enter on the field name opens the topic field's screen (tests/tui/t_field.sh);
# Enter on the row's total lists the whole field.
keys Escape
wait_for "Befunde:"
keys Left Left Left Left
wait_for "Enter opens the topic field"
keys Enter
wait_for "Themenfeld 2 · Bauen & Wohnen"
ok "Enter on a field name opens its topic-field screen"
keys Escape
wait_for "Befunde:"
keys Right Right Right Right Right Right Right Right Right Right Right Enter
wait_for "Filter: field:2 ·"
n=$(cli list --filter "field:2" --format tsv | tail -n +2 | wc -l)
wait_for "$n Projekte · Filter: field:2"
ok "Enter on a field's total lists its $n projects"
quit
