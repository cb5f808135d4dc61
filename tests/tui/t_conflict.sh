#!/bin/bash
# Conflicts: the TUI's edit form is based on the version it read; when the
# CLI changes the project meanwhile, saving opens the conflict screen with both
# versions (who and when), never overwriting silently. "keep theirs" leaves the
# CLI's title; "apply mine" puts my change on top of theirs, keeping theirs
# elsewhere; "edit again" returns to the form on top of their version.
. "$(dirname "$0")/lib.sh"
demo_db

title_of() {
	cli show "$1" --format json | grep -m1 '"title":' | sed 's/.*"title": *"\([^"]*\)".*/\1/'
}

version_of() {
	cli show "$1" --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])'
}

number=3
v0=$(version_of $number)
start 80 24
keys 2
wait_for "Projekte ·"
keys /
type_text "$(title_of $number)"
keys Enter e
wait_for "Projekt #$number bearbeiten (Version $v0)"
keys Enter C-u
type_text "Titel aus dem TUI"
keys Enter
wait_line "^\* Titel +Titel aus dem TUI"

cli edit "$number" --title "Titel aus der CLI" >/dev/null || fail "cli edit"
wait_for "hat das Projekt inzwischen geändert (Version $((v0 + 1)))"
ok "the form notices the CLI's change without a key press"

keys s
wait_for "Konflikt: #$number von"
wait_line "Titel \(beide\) +Titel aus dem TUI +│ Titel aus der CLI"
wait_for "Meine Fassung"
wait_for "Andere Fassung ("
wait_for "2025-03-01 00:00"
[ "$(title_of $number)" = "Titel aus der CLI" ] || fail "the save overwrote the CLI's title"
ok "s shows the conflict screen with both versions; nothing saved"

keys q
wait_for "wählen: t andere Fassung behalten"
keys t
wait_for "Ihre Änderungen verwerfen und die andere Fassung behalten? (j/n)"
keys y
wait_for "andere Fassung behalten, Ihre Änderungen verworfen"
wait_gone "bearbeiten"
[ "$(title_of $number)" = "Titel aus der CLI" ] || fail "keep theirs changed the title: $(title_of $number)"
ok "keep theirs: the CLI's title stays, the form is closed"

# apply mine: my title on top of their priority
keys e
wait_for "Projekt #$number bearbeiten (Version $((v0 + 1)))"
keys Enter C-u
type_text "Mein neuer Titel"
keys Enter
cli edit "$number" --priority 1 >/dev/null || fail "cli edit --priority"
wait_for "(Version $((v0 + 2)))"
keys s
wait_for "Konflikt: #$number"
wait_line "Titel \(ich\) +Mein neuer Titel +│ Titel aus der CLI"
wait_line "Priorität \(andere\)"
keys m
wait_for "Ihre Änderungen auf die andere Fassung anwenden und speichern? (j/n)"
keys y
wait_for "✓ #$number gespeichert: Ihre Änderungen auf die Fassung von"
[ "$(title_of $number)" = "Mein neuer Titel" ] || fail "apply mine lost my title"
cli show "$number" --format json | grep -q '"priority": 1' || fail "apply mine lost their priority"
ok "apply mine: my title, their priority"

# edit again: back in the form, now based on their version
keys e
wait_for "(Version 4)"
keys Enter C-u
type_text "Noch ein Titel"
keys Enter
cli edit "$number" --priority 2 >/dev/null || fail "cli edit --priority 2"
wait_for "(Version 5)"
keys s
wait_for "Konflikt: #$number"
keys e
wait_for "Projekt #$number bearbeiten (Version 5)"
wait_line "Priorität \(1-5\) +2"
wait_line "^\* Titel +Noch ein Titel"
keys s
wait_for "✓ #$number gespeichert (Version 6)"
[ "$(title_of $number)" = "Noch ein Titel" ] || fail "edit again + save lost my title"
ok "edit again: the form on top of their version, then s saves"
quit
