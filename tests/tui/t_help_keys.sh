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
wait_for "Tastendatei: 2 Probleme"
ok "a conflict in the key file is reported at start"
keys 2 ?
wait_for "Hilfe: Tasten"
wait_for "Projekte (Kontext projects)"
screen | grep -E "^│ +s, x +sort " >/dev/null || fail "help does not show x → sort (the later binding wins)"
screen | grep -E "^│ +L, w +move-next" >/dev/null || fail "help does not show L, w → move-next"
ok "help lists the live key map (user bindings included)"
keys G
wait_for "Probleme in der Tastendatei"
wait_for "unbekannte Aktion 'frobnic"
ok "help lists the key file's problems"
keys q
wait_gone "Hilfe: Tasten"
keys w
wait_for "Projekt 1: Workshop → Entscheidung"
ok "a user binding works"
quit
