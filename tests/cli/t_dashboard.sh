#!/bin/bash
# dashboard: fields x phases, findings columns, totals, 80 columns, a legend.
. "$(dirname "$0")/lib.sh"

oz init --demo >/dev/null || fail "init --demo"
expect_status 0 -- oz dashboard
dash=$OUT
# 80 columns, counted in characters (display cells) not bytes
printf '%s\n' "$dash" | python3 -c '
import sys
for i, line in enumerate(sys.stdin, 1):
    line = line.rstrip("\n")
    if len(line) > 80:
        print("line %d has %d columns: %s" % (i, len(line), line), file=sys.stderr)
        sys.exit(1)
' || fail "dashboard wider than 80 columns"
for head in Sich Work Ents Konz Umse Pilo Roll Betr Sum Late Par; do
	expect_contains "$dash" "$head" "dashboard head"
done
expect_contains "$dash" "Sich = Sichtung"
expect_contains "$dash" "Pausiert"

# the counts agree with list and check
total=$(oz list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_contains "$dash" "$total projects"
printf '%s\n' "$dash" | python3 -c '
import sys, json
lines = sys.stdin.read().splitlines()
head = lines[2].split()
rows = [l for l in lines[3:] if l[:3].strip().isdigit()]
if len(rows) != 14:
    sys.exit("expected 14 field rows, got %d" % len(rows))
total = [l for l in lines if l.strip().startswith("Sum ")][0]
cells = lambda l: [0 if c == "·" else int(c) for c in l[len(l) - 5 * len(head):].split()]
sums = cells(total)
for k in range(len(head)):
    col = sum(cells(r)[k] for r in rows)
    if col != sums[k]:
        sys.exit("column %s: rows add up to %d, total says %d" % (head[k], col, sums[k]))
want = int(sys.argv[1])
if sums[head.index("Sum")] != want:
    sys.exit("total %d, list has %d" % (sums[head.index("Sum")], want))
' "$total" || fail "dashboard counts"
late=$(oz check --format json | python3 -c 'import json,sys; print(sum(1 for f in json.load(sys.stdin) if f["kind"] == "late"))')
total_line=$(printf '%s\n' "$dash" | grep '^ *Sum ')
expect_eq "$(printf '%s\n' "$total_line" | awk '{print $(NF-1)}')" "$late" "late total"

# a new project appears in its cell
oz add --title "Neu" --field umwelt >/dev/null || fail "add"
expect_status 0 -- oz dashboard
expect_contains "$OUT" "$((total + 1)) projects"
expect_status 64 -- oz dashboard extra

finish
