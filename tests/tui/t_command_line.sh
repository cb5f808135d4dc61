#!/bin/bash
# ':' runs the CLI's verbs: Tab completes, output in a pager, history with Up.
. "$(dirname "$0")/lib.sh"
demo_db
start 80 24
keys :
wait_line "^:$"   # the prompt
type_text "hist"
keys Tab
wait_for ":history"
type_text "1"
keys Enter
wait_for "┌─ :history 1"
wait_for "create"
ok "Tab completes the verb; output in a pager"
keys q
wait_for "✓ :history 1"
keys : Up
wait_line "^:history 1$"   # in the prompt (the status line said "✓ :history 1")
keys C-u
type_text "move 1 entscheidung"
keys Enter
wait_for "┌─ :move 1 entscheidung"   # (the dashboard shows "Entscheidung" already)
keys q
wait_for "✓ :move 1 entscheidung"
cli list --filter "phase:entscheidung" --format tsv | cut -f1 | grep -qx 1 || fail "the move did not happen"
ok "a writing verb works and is applied"
keys :
type_text "frobnicate"
keys Enter
wait_for "unbekannter Befehl"   # the interface speaks German (LANGUAGE=de)
keys q
wait_for "Rückgabewert 64"
ok "an unknown verb shows its error and exit status"
quit
