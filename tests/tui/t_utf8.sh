#!/bin/bash
# UTF-8: umlauts, ß and wide characters stay aligned in every column; long text
# ends in "…" without a cut character; control characters from the database
# never reach the terminal.
. "$(dirname "$0")/lib.sh"
cli init >/dev/null || fail "init"
n1=$(cli add --title "日本語のプロジェクト名はとても長いです" --field 2 --lead 05111000) || fail "add 1"
n2=$(cli add --title "Größenänderung für Straßenbäume" --field 2 --lead 05111000) || fail "add 2"
n3=$(cli add --title $'evil\e[2J\e]0;owned\aname' --field 2 --lead 05111000) || fail "add 3"
n4=$(cli add --title "ASCII" --field 2 --lead 05111000) || fail "add 4"
start 80 24
keys 2
wait_for "4 Projekte"
# The Phase column ("Sichtung") starts at the same display column in every row.
cols=$(screen | grep "Sichtung" | python3 -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
for line in sys.stdin:
    i = line.index("Sichtung")
    print(width(line[:i]))
' | sort -u)
[ "$(echo "$cols" | wc -l)" = 1 ] || fail "Phase column not aligned: display columns $cols"
ok "wide characters and umlauts keep the columns aligned (Phase at column $cols)"
screen | grep -q "日本語のプロジ.*…" || fail "the long wide title is not cut with …"
screen | grep -q "Größenänderung" || fail "umlauts and ß lost"
ok "long titles end in …, umlauts and ß intact"
tmux -L "$SOCK" capture-pane -p -e | grep -q "owned" && {
	screen | grep -q $'\a' && fail "a BEL reached the terminal"
}
screen | grep -q "evil" || fail "the sanitized title is missing"
tmux -L "$SOCK" display -p '#{pane_title}' | grep -q "owned" && fail "an escape sequence from the database set the title"
screen | grep -q "4 Projekte" || fail "an escape sequence cleared the screen"
ok "escape sequences in data are shown harmlessly"
keys /
type_text "Größen"
keys Enter Enter
wait_for "Projekt $n2: Größenänderung"
ok "search with umlauts finds the project"
quit
