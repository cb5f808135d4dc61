#!/bin/bash
# A database without projects: the dashboard shows the fields with no counts and
# the status line says how to load the demo.
. "$(dirname "$0")/lib.sh"

# No database yet: the interface creates and seeds one.
[ -e "$DB" ] && fail "the test database exists already"
start 80 24
wait_for "leere Datenbank — die Demo lädt: ozgtui init --demo"
keys Q
wait_for "OZGTUI-EXIT=0"
stop
cli list >/dev/null || fail "the database the TUI created is not usable"
cli dashboard | grep -q "Arbeit & R" || fail "not seeded with the topic fields"
ok "a missing database is created and seeded"

start 80 24
wait_for "leere Datenbank — die Demo lädt: ozgtui init --demo"
wait_for "Arbeit & Ruhestand"
# (the findings column shows … until its idle count is done)
wait_line "^Summe +(· +)+· *$"
ok "empty database: fields without counts and the hint"
keys 2
wait_for "noch keine Projekte"
ok "projects view says there are none"
keys Enter /
wait_for "/"
keys Escape s f
wait_for "Filter:"
keys Escape 3
wait_for "3 Board"
wait_for "(leer)"   # an empty column
keys 4
wait_for "Einwohner"
keys Enter
wait_for "keine Projekte"
keys q 5
wait_for "Wann"
keys Enter
keys 1 Enter
wait_for "0 Projekte"
keys Q
wait_for "OZGTUI-EXIT=0"
ok "every view copes with no projects; Q exits cleanly"
