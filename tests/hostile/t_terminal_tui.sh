#!/bin/bash
# Hostile text in the database never reaches the terminal through the TUI.
# The names of a topic field, service, organisation, project (title, notes,
# lists), workshop and outcome, and a move's reason, hold escape sequences
# (colour, title, OSC 52 clipboard, OSC 8 link, clear screen, DSR, DCS), C1
# controls and bidirectional overrides; every view that shows them is read back
# from tmux. A sequence that reached the terminal would be consumed by tmux, so
# its visible placeholder (␛[31mROT) proves it was not sent; the pane title,
# the clipboard buffers and the screen's cells are checked too.
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../tui/lib.sh"
HOSTILE="$HERE/hostile.py"

cli init --demo >/dev/null || fail "init --demo"
cli export -o "$TMP/base.json" || fail "export"
n=$(python3 "$HOSTILE" doc "$TMP/base.json" "$TMP/hostile.json") || fail "hostile.py doc"
cli import "$TMP/hostile.json" >/dev/null || fail "import of the hostile document"
cli move "$n" workshop --force --reason $'Grund \e]0;GRUND\a \u202eumgedreht' >/dev/null ||
	fail "move with a hostile reason"

# check WHAT NEEDLE...: the screen holds each NEEDLE (a visible placeholder);
# its cells hold no control character, C1 control or bidi override; the pane
# title and tmux's paste buffers are untouched; capture -e holds no escape
# sequence but tmux's own SGR.
check() {
	local what=$1
	shift
	local needle
	for needle in "$@"; do
		wait_for "$needle"
	done
	screen >"$TMP/screen.txt"
	python3 "$HOSTILE" termsafe "$what: screen" <"$TMP/screen.txt" || fail "$what: a raw character on the screen"
	tmux -L "$SOCK" capture-pane -p -e >"$TMP/screen-e.txt"
	python3 - "$TMP/screen-e.txt" "$what" <<'PY' || fail "$what: a foreign escape sequence in capture -e"
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
rest = re.sub(r"\x1b\[[0-9;:]*m", "", text)
if "\x1b" in rest:
    i = rest.index("\x1b")
    print(f"{sys.argv[2]}: {rest[max(0, i - 30):i + 30]!r}", file=sys.stderr)
    sys.exit(1)
PY
	local title
	title=$(tmux -L "$SOCK" display -p '#{pane_title}')
	case $title in *TITEL* | *GRUND* | *PHASE*) fail "$what: data set the window title: $title" ;; esac
	[ -z "$(tmux -L "$SOCK" list-buffers 2>/dev/null)" ] || fail "$what: data wrote a paste buffer (OSC 52)"
	ok "$what: hostile text shown as placeholders"
}

start 200 50
# OSC 52 would create a tmux buffer with this on
tmux -L "$SOCK" set-option -g set-clipboard on >/dev/null
check "1 Übersicht" "Feld Böse ␛[31mROT␛[0m"

keys 2
wait_for "Projekte"
keys /
type_text "Projekt Böse"
keys Enter
check "2 Projekte" "Projekt Böse ␛[31mROT␛[0m ␛]0;TITEL-GEKAPERT␇ ␛]2;TITEL-ZWEI␛\\ ␛]52;c;cm0gLXJmIH4K␇" "Feld Böse ␛[31m"
keys Enter
wait_for "Repräsentativ"
check "project detail" "Projekt Böse ␛[31mROT" "Notiz Böse ␛[31mROT" "Amt Böse ␛[31mROT" \
	"Komp Böse ␛[31mROT" "Lösung Böse ␛[31mROT" "Ergebnis Böse ␛[31mROT"
keys t
check "team editor" "Team von #$n Projekt Böse ␛[31mROT" "▶ • Gemeinde Böse ␛[31mROT"
keys q
wait_gone "Team von #$n"
keys e
check "project form" "bearbeiten" "Projekt Böse ␛[31mROT" "Notiz Böse ␛[31mROT"
keys Escape
wait_gone "bearbeiten"
keys q

keys 3
check "3 Board" "#$n Projekt Böse ␛[31"

keys 4
wait_for "Einwohner"
keys /
type_text "Gemeinde Böse"
keys Enter
check "4 Organisationen" "Gemeinde Böse ␛[31mROT␛[0m ␛]0;TITEL-GEKAPERT␇"
keys Enter
check "organisation detail" "Gemeinde Böse ␛[31mROT" "Region Böse ␛[31mROT"
keys q

keys 5
check "5 Aktivität" "Grund ␛]0;GRUND␇ �umgedreht"

keys :
type_text "show $n"
keys Enter
check ":show in the pager" "┌─ :show $n" "Notiz Böse ␛[31mROT␛[0m ␛]0;TITEL-GEKAPERT␇ ␛]2;TITEL-ZWEI␛\\ ␛]52;c;cm0gLXJmIH4K␇"
keys q

keys :
type_text "history $n"
keys Enter
check ":history in the pager" "┌─ :history $n" "Grund ␛]0;GRUND␇ �umgedreht"
keys q

screen | grep -q "LEER" && ! screen | grep -q "␛\[2J␛\[HLEER" && fail "the screen was cleared by data"
quit
exit 0
