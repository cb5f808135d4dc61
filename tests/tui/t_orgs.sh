#!/bin/bash
# View 4 (Organisationen) and `ozgtui orgs` count alike: an organisation on a
# project's team that also declared interest in it counts once, by its role
# (the interest column holds only organisations not yet on the team).
. "$(dirname "$0")/lib.sh"
cli init >/dev/null || fail "ozgtui init"
n=$(cli add --title "Zählprobe" --field bauen --lead köln) || fail "add"
cli team "$n" add düsseldorf >/dev/null || fail "team add"
cli interest "$n" düsseldorf >/dev/null || fail "interest of a member"
cli interest "$n" 05314000 >/dev/null || fail "interest"
counts=$(cli orgs --category city --format json | python3 -c '
import json, sys
for o in json.load(sys.stdin):
    if o["led"] or o["joined"] or o["interested"]:
        print(o["name"], o["led"], o["joined"], o["interested"])')
[ "$counts" = "$(printf '%s\n' "Bonn, Stadt 0 0 1" "Düsseldorf, Stadt 0 1 0" "Köln, Stadt 1 0 0")" ] ||
	fail "orgs counts: $counts"
ok "orgs: a member that is also interested counts as member only"

start 100 24
keys 4
wait_for "Einwohner"
# the involved organisations come first: leads, member, interest of each row
row() {
	screen | grep -F "$1" | head -1 | awk '{print $(NF-2), $(NF-1), $NF}'
}
wait_for "Düsseldorf, Stadt"
[ "$(row "Düsseldorf, Stadt")" = "· 1 ·" ] || fail "view 4, Düsseldorf: $(row "Düsseldorf, Stadt")"
[ "$(row "Bonn, Stadt")" = "· · 1" ] || fail "view 4, Bonn: $(row "Bonn, Stadt")"
[ "$(row "Köln, Stadt")" = "1 · ·" ] || fail "view 4, Köln: $(row "Köln, Stadt")"
ok "view 4 counts as orgs does"
quit
