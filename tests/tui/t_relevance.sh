#!/bin/bash
# The relevance screen: the field's services against the municipality
# categories. Space toggles a cell; the project's team verdict is judged again
# at once (the status line says how many verdicts flipped) and the CLI sees
# the flip (`ozgtui show N --format json`); the reach count follows the cells.
. "$(dirname "$0")/lib.sh"

cli init >/dev/null || fail "init"
# the second service of Bauen & Wohnen (in OZG id order, as the screen lists them)
svc=$(cli services --field bauen --format tsv | sed -n 3p | cut -f1)
[ -n "$svc" ] || fail "no services in Bauen & Wohnen"
n=$(cli add --title "Baugenehmigung digital" --field bauen --service "$svc" --lead köln) || fail "add"
village=$(cli orgs --category municipality --format tsv | sed -n 2p | cut -f4)
cli team "$n" add "$village" >/dev/null || fail "team add"
cli sponsor bauen "Themenpate: krz (Facharbeitsgruppe OZG)" >/dev/null || fail "sponsor"

rep() {
	cli show "$n" --format json | python3 -c '
import json, sys
v = json.load(sys.stdin)["verdict"]
print("yes" if v["representative"] else "no:" + ",".join(v["missing"]))'
}
[ "$(rep)" = yes ] || fail "a city and a village: not representative before ($(rep))"

# how many municipalities each category has, as the reference data says
count() { cli orgs --category "$1" --format tsv | tail -n +2 | wc -l | tr -d ' '; }
m1=$(count municipality) m2=$(count medium-town) m3=$(count large-town) m4=$(count city) k=$(count county)
all=$((m1 + m2 + m3 + m4))


start 100 30
keys Down Left
wait_for "Enter opens the topic field"
keys Enter
wait_for "Themenfeld 2 · Bauen & Wohnen"
keys r
wait_for "Relevanz: Themenfeld 2 · Bauen & Wohnen"
wait_for "Themenpate: krz (Facharbeitsgruppe OZG)"
keys Down
wait_line "^$svc .*\[x\]  \[x\]  \[x\]  \[x\]  \[ \] +$all +1 Std\.$"
ok "$svc: categories 1-4 by default, $all municipalities, one project"

# county on: the team (city and village) lacks a county now
keys Right Right Right Right Space
wait_for "1 Teamurteil geändert"
wait_line "^$svc .*\[x\]  \[x\]  \[x\]  \[x\]  \[x\] +$all\+${k}K +1 \(✗1\)$"
[ "$(rep)" = "no:county" ] || fail "after county on: $(rep)"
ok "Space on Kreis: the verdict flips to not representative (missing county), as ozgtui show says"

# county off again: representative again
keys Space
wait_for "1 Teamurteil geändert"
wait_line "^$svc .*\[x\]  \[x\]  \[x\]  \[x\]  \[ \] +$all +1$"
[ "$(rep)" = yes ] || fail "after county off: $(rep)"
ok "Space again: representative again"

# municipalities off: medium towns are the village end now, and missing
keys Left Left Left Left Space
wait_for "1 Teamurteil geändert"
wait_line "^$svc .*\[ \]  \[x\]  \[x\]  \[x\]  \[ \] +$((all - m1)) +1 \(✗1\)$"
[ "$(rep)" = "no:medium-town" ] || fail "after municipality off: $(rep)"
ok "Space on Gemeinde: $((all - m1)) municipalities deliver it, the team lacks a medium town"

# a service of no project: no verdict changes
keys Up Space
wait_for "kein Teamurteil geändert"
ok "a service without projects changes no verdict"

# the last category cannot be switched off
keys Down Right Space Right Space
wait_for "1 Teamurteil geändert"
keys Right Space
wait_for "mindestens eine Kategorie"
cli services --field bauen --format tsv | grep -q "^$svc	.*	city$" || fail "$svc is not delivered by city only: $(cli services --field bauen --format tsv | grep ^$svc)"
ok "the last category stays"
quit
