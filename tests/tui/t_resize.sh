#!/bin/bash
# Resize re-lays out at once; below 80×24 a clear "terminal too small" screen.
. "$(dirname "$0")/lib.sh"
demo_db
start 140 45
keys 2
wait_for "Geändert"
wait_for "Themenfeld"
ok "140×45: all columns"
resize 80 24
wait_gone "Geändert"
wait_for "Nächster"
w=$(screen | wc -L)
[ "$w" -le 80 ] || fail "a line is $w characters wide at 80 columns"
ok "80×24: narrower columns dropped, layout fits"
resize 79 24
wait_for "Terminal zu klein"
wait_for "(nötig 80×24, vorhanden 79×24)"
resize 100 20
wait_for "vorhanden 100×20"
ok "below the minimum: the too-small screen"
resize 80 24
wait_gone "Terminal zu klein"
wait_for "Nächster"
ok "back to 80×24: the view returns"
keys Q
wait_for "OZGTUI-EXIT=0"
ok "Q quits with status 0"
