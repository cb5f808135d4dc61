#!/bin/bash
# ? shows help generated from the live key map, including the user's key file;
# problems in the key file are reported at start.
. "$(dirname "$0")/lib.sh"
demo_db
mkdir -p "$XDG_CONFIG_HOME/ozgtui"
cat >"$XDG_CONFIG_HOME/ozgtui/keys" <<'KEYS'
# test keys
bind projects x mark
bind projects x sort
bind projects w move-next
bind global Z frobnicate
KEYS
start 80 24
wait_for "key file: 2 problems"
ok "a conflict in the key file is reported at start"
keys 2 ?
wait_for "Help: keys"
wait_for "Projekte (context projects)"
screen | grep -E "^│ +s, x +sort " >/dev/null || fail "help does not show x → sort (the later binding wins)"
screen | grep -E "^│ +L, w +move-next" >/dev/null || fail "help does not show L, w → move-next"
ok "help lists the live key map (user bindings included)"
keys G
wait_for "Problems in the key file"
wait_for "unknown action 'frobnicate'"
ok "help lists the key file's problems"
keys q
wait_gone "Help: keys"
keys w
wait_for "project 1: Workshop → Entscheidung"
ok "a user binding works"
