#!/bin/bash
# A database without projects: the dashboard shows the fields with no counts and
# the status line says how to load the demo.
. "$(dirname "$0")/lib.sh"
cli init >/dev/null || fail "ozgtui init"
start 80 24
wait_for "empty database — load the demo with: ozgtui init --demo"
wait_for "Arbeit & Ruhestand"
screen | grep -E "^Summe +(· +)+· *$" >/dev/null || fail "totals are not all empty"
ok "empty database: fields without counts and the hint"
keys 2
wait_for "no projects yet"
ok "projects view says there are none"
