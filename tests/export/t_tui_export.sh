#!/bin/bash
# The TUI's export dialog (x) and snapshot list, as a person uses them: in
# tmux at a fixed size with a fixed clock (tests/tui/lib.sh). The file written
# from the dialog is compared with the CLI's export of the same scope.
. "$(dirname "$0")/../tui/lib.sh"

demo_db
cli snapshot save vorher --note "vor der Sitzung" >/dev/null || fail "snapshot save"
cli move 1 entscheidung >/dev/null || fail "move 1"
cli move 4 workshop >/dev/null || fail "move 4"

start 100 30
# the projects list with a filter, then x: the dialog offers that filter
keys 2
wait_for "Projekte"
keys f
keys C-u
type_text "field:querschnitt"
keys Enter
wait_for "Filter: field:querschnitt"
keys x
wait_for "Export: Format, Umfang und Datei wählen"
wait_for "Filter der Ansicht: field:querschnitt"
wait_for "html – Seite mit Übersicht"
ok "x opens the export dialog with the view's filter"

# format: html -> md (Left), file name follows the format
keys Up Up Up Up Up
keys Left
wait_for "md – Bericht für Gremien"
wait_for "ozgtui-2025-03-01.md"
# the file: an absolute path in the test directory
keys Down Down Down Down
keys Enter
wait_for "Datei:"
keys C-u
type_text "$TMP/bericht.md"
keys Enter
wait_for "$TMP/bericht.md"
keys Down Enter
wait_for "geschrieben"
[ -f "$TMP/bericht.md" ] || fail "no file written"
cli export --format md --filter field:querschnitt >"$TMP/cli.md"
cmp -s "$TMP/bericht.md" "$TMP/cli.md" || fail "the dialog's export differs from the CLI's"
ok "md with the filter written, same as the CLI's"

# again: the file exists, the dialog asks; n keeps it
keys Enter
wait_for "gibt es schon. Überschreiben?"
keys n
wait_gone "Überschreiben?"
ok "an existing file is not overwritten without asking"

# scope: all projects; state: the snapshot; format csv with the teams table
keys Up Up Up
keys Space
wait_for "alle Projekte"
keys Down Space
wait_for "Stand „vorher“"
keys Up Up Up Up Left
wait_for "csv – eine Tabelle"
keys Down Right
wait_for "teams"
keys Down Down Down
keys Enter
keys C-u
type_text "$TMP/teams.csv"
keys Enter
keys Down Enter
wait_for "teams.csv geschrieben"
cli export --format csv --table teams --snapshot vorher >"$TMP/cli.csv"
cmp -s "$TMP/teams.csv" "$TMP/cli.csv" || fail "the dialog's csv differs from the CLI's"
ok "csv of a snapshot, all projects"

# s: the snapshot list; Enter: its changes until now
keys s
wait_for "Stände · Enter: Veränderungen bis jetzt"
wait_for "vorher"
wait_for "vor der Sitzung"
keys Enter
wait_for "Veränderungen: vorher → jetzt"
wait_for "Workshop → Entscheidung (forward)"
wait_for "Pilotierung → Workshop (back)"
ok "the diff screen shows the moves since the snapshot"
keys q
wait_gone "Veränderungen: vorher → jetzt"

# n: save a new snapshot; d on it: the changes from the one before
keys n
wait_for "Name des Stands:"
keys C-u
type_text "nachher"
keys Enter
wait_for "Notiz (optional):"
type_text "nach der Sitzung"
keys Enter
wait_for "Stand „nachher“ gespeichert"
wait_for "nach der Sitzung"
keys g d
wait_for "Veränderungen: vorher → nachher"
wait_for "Workshop → Entscheidung (forward)"
keys q
cli snapshot list --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if [s["name"] for s in d] == ["vorher", "nachher"] else 1)' \
	|| fail "the new snapshot is not in the database"
ok "a snapshot saved from the list, diffed with the one before"

# Delete asks; y removes the name
keys g Delete
wait_for "entfernen?"
keys y
wait_for "Stand „nachher“ entfernt"
cli snapshot list --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if [s["name"] for s in d] == ["vorher"] else 1)' \
	|| fail "the snapshot was not removed"
ok "a snapshot removed after asking"
keys q
wait_for "Export: Format"
keys q
wait_for "Filter: field:querschnitt"

# bulk export: the marked projects are the scope, as a filter of their numbers
keys Space Space
wait_for "2 markiert"
keys x
wait_line "number:[0-9]+,[0-9]+"
marked=$(screen | grep -oE "number:[0-9]+,[0-9]+" | head -n 1)
keys Up Enter
wait_for "Datei:"
keys C-u
type_text "$TMP/markiert.html"
keys Enter
wait_for "$TMP/markiert.html"
keys Down Enter
wait_for "geschrieben"
cli export --format html --filter "$marked" >"$TMP/cli-marked.html"
cmp -s "$TMP/markiert.html" "$TMP/cli-marked.html" || fail "the marked export differs from the CLI's export of $marked"
n_rows=$(cli list --filter "$marked" --format tsv | tail -n +2 | wc -l)
[ "$n_rows" -eq 2 ] || fail "$marked names $n_rows projects, not the 2 marked"
ok "x with marked projects exports exactly those ($marked)"
quit
echo "ok t_tui_export"
