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
# tmux cuts every line at 80 columns whatever ozgtui draws: what shows a new
# layout is the header ending in a whole "Nächster" (at column 105 or so at
# 140) and the titles shortened with "…" to make room for it
screen_line 2 | grep -qE " Nächster *$" || fail "the header at 80 columns does not end with Nächster: $(screen_line 2)"
screen_line 3 | grep -qF "…" || fail "the first title is not shortened at 80 columns: $(screen_line 3)"
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
