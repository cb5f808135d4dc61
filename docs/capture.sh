#!/bin/bash
# docs/capture.sh [BUILDDIR] - real screen captures for the user guides.
#
# Runs the full-screen interface of BUILDDIR (default: build) in tmux at 100x30
# on a fresh demo database with the clock fixed at 2025-03-01, walks through
# the screens the guides show, and writes each screen as text into
# docs/screens/LANG/NAME.txt, once in German (LANGUAGE=de) and once in English.
# Then it replaces, in docs/guide.de.md and docs/guide.en.md, every code block
# that follows a line `<!-- screen: NAME -->` by the capture of that name, so
# the guides always show what the program really draws.
#
# The catalogs come from BUILDDIR/po (OZGTUI_LOCALEDIR). Needs tmux.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
OZGTUI=$build/src/ozgtui
[ -x "$OZGTUI" ] || { echo "no binary at $OZGTUI (build first)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-capture-XXXXXX")
SOCK=
trap 'for l in de en; do tmux -L "ozgtui-capture-$$-$l" kill-server >/dev/null 2>&1 || true; done; rm -rf "$TMP"' EXIT
export OZGTUI_NOW=2025-03-01 OZGTUI_DB=$TMP/db XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
export OZGTUI_LOCALEDIR=$build/po LC_ALL=C.UTF-8
unset NO_COLOR
"$OZGTUI" init --demo >/dev/null

screen() { tmux -L "$SOCK" capture-pane -p; }
keys() { tmux -L "$SOCK" send-keys "$@"; sleep 0.4; }
wait_text() {
	local i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -lt 50 ] || { echo "capture: timed out waiting for '$1'" >&2; screen >&2; exit 1; }
		sleep 0.1
	done
	sleep 0.2
}
# shot NAME: the screen without trailing blanks
shot() { screen | sed 's/[[:space:]]*$//' >"$out/$1.txt"; }

for lang in de en; do
	out=$here/screens/$lang
	mkdir -p "$out"
	# a fresh server per language: one on the name of a server still exiting dies at once
	SOCK=ozgtui-capture-$$-$lang
	tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
		"env LANGUAGE=$lang TERM=xterm-256color '$OZGTUI' --color=never; sleep 60"
	tmux -L "$SOCK" set-option -g status off >/dev/null
	wait_text "ozgtui"
	sleep 0.5
	shot dashboard
	keys 2
	shot projects
	keys f
	keys C-u
	tmux -L "$SOCK" send-keys -l "rep:no"
	keys Enter
	shot projects-filter
	keys Enter
	shot detail
	keys t
	shot team
	keys q
	keys q
	keys f C-u Enter
	keys 3
	shot board
	keys 4
	shot orgs
	keys 5
	shot activity
	keys '?'
	shot help
	keys q
done
tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true

# refresh the code blocks after <!-- screen: NAME --> in the guides
for lang in de en; do
	guide=$here/guide.$lang.md
	[ -f "$guide" ] || continue
	python3 - "$guide" "$here/screens/$lang" <<'PY'
import re, sys, pathlib
guide, shots = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
text = guide.read_text()
def repl(m):
    name = m.group(1)
    shot = (shots / (name + ".txt")).read_text().rstrip("\n")
    return f"<!-- screen: {name} -->\n```\n{shot}\n```"
# a block is the fence, lines that are no fence, the fence
new = re.sub(r"<!-- screen: ([\w-]+) -->\n```\n(?:(?!```)[^\n]*\n)*```", repl, text)
guide.write_text(new)
PY
done
echo "captured into $here/screens"
