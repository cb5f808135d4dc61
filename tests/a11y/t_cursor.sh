#!/bin/bash
# t_cursor.sh - the screen-reader mode (--a11y, or a11y = true in the config
# file), read back through tmux: the terminal cursor is visible and rests at the
# start of the selected row (or cell) after every move, in the project list,
# the organisations and the dashboard; a change made by someone else is
# announced in the status line. Without --a11y the cursor stays hidden.
. "$(dirname "$0")/../tui/lib.sh"
demo_db

cursor() { tmux -L "$SOCK" display -p '#{cursor_x} #{cursor_y} #{cursor_flag}'; }

# "X Y": the first cell of the body (below the title bar, above the status
# line) drawn in reverse video -- the selection with --color=never -- found by
# reading the SGR sequences of capture-pane -e.
selection() {
	tmux -L "$SOCK" capture-pane -p -e | python3 -c '
import re, sys
lines = sys.stdin.read().rstrip("\n").split("\n")
for y, line in enumerate(lines):
    if y == 0 or y >= len(lines) - 1:
        continue
    rev, x, i = False, 0, 0
    while i < len(line):
        m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
        if m:
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            for c in codes:
                if c == 0 or c == 27: rev = False
                if c == 7: rev = True
            i += m.end(); continue
        if rev:
            print(x, y); sys.exit(0)
        x += 1; i += 1
print("none")'
}

# wait_selection REGEX WHAT: polls until the line the selection is on (read
# from the reverse video, not from the cursor) matches REGEX: the keys that
# move it were handled (a key is read some time after tmux sends it)
wait_selection() {
	local s line i=0
	while :; do
		s=$(selection)
		if [ "$s" != none ]; then
			line=$(screen_line $((${s#* } + 1)))
			[[ $line =~ $1 ]] && return 0
		fi
		i=$((i + 1))
		[ "$i" -ge $((30 * SCALE)) ] && fail "$2: the selection ($s) is not on a line matching $1"
		sleep 0.1
	done
}

# check_cursor WHAT: the cursor sits on the first cell of the selection
check_cursor() {
	local c s i=0
	while :; do
		c=$(cursor)
		s=$(selection)
		[ "${c% *}" = "$s" ] && break
		i=$((i + 1))
		[ "$i" -ge $((30 * SCALE)) ] && fail "$1: cursor at ${c% *}, selection starts at $s"
		sleep 0.1
	done
	[ "${c##* }" = 1 ] || fail "$1: the cursor is hidden"
	ok "$1: cursor on the selection at $s"
}

start 100 30 --a11y --color=never
keys 2
wait_for "Titel"
check_cursor "projects, first row"
keys Down Down Down
wait_selection '^[ *]+4 ' "projects, fourth row"
check_cursor "projects, fourth row"
# the row read at the cursor begins with what matters: the number, then the title
row=$(screen_line $(( $(cursor | cut -d' ' -f2) + 1 )))
[[ $row =~ ^[\ *]+4\ +[[:alpha:]] ]] || fail "the selected row does not start with number and title: $row"
ok "row starts with number and title"
keys G
last=$(cli list --format tsv | tail -1 | cut -f1)
wait_selection "^[ *]+$last " "projects, last row"
check_cursor "projects, last row"
keys 4
wait_for "Name"
# the third organisation: two rows below the first one's line
s=$(selection)
third=$(screen_line $((${s#* } + 3)) | sed 's/^[ ▶*]*//' | awk '{print $1}')
[ -n "$third" ] || fail "no third organisation on the screen"
keys Down Down
wait_selection "^[ ▶*]*$(printf '%s' "$third" | sed 's/[][\.*^$(){}+?|/]/\\&/g') " "organisations"
check_cursor "organisations"
keys 1
wait_for "Befunde:"
keys Down Right Right
wait_for "Bauen & Wohnen · Entscheidung:"   # the second field's third phase
check_cursor "dashboard cell"

# a change by someone else is announced
keys 2
wait_for "Titel"
cli move 5 entscheidung --force --reason "a11y test" >/dev/null || fail "cli move"
wait_for "aktualisiert: jemand anderes hat die Datenbank geändert" 5
ok "change by someone else announced"
check_cursor "projects after the update"
stop

# the config file turns it on as well
mkdir -p "$XDG_CONFIG_HOME/ozgtui"
echo "a11y = true" >"$XDG_CONFIG_HOME/ozgtui/config"
start 100 30 --color=never
keys 2
wait_for "Titel"
check_cursor "a11y from the config file"
stop
rm "$XDG_CONFIG_HOME/ozgtui/config"

# without it the cursor is hidden
start 100 30 --color=never
keys 2
wait_for "Titel"
[ "$(cursor | cut -d' ' -f3)" = 0 ] || fail "the cursor is visible without --a11y"
ok "cursor hidden without --a11y"
quit
echo "all ok"
