#!/bin/bash
# Colour through themes; NO_COLOR and --color=never turn it off, and the same
# information is still on the screen (words and symbols); unknown themes are refused.
. "$(dirname "$0")/lib.sh"
demo_db

# capture with attributes: SGR sequences for colours are 3x/4x/9x/10x or 38;5/48;5
has_colour() {
	tmux -L "$SOCK" capture-pane -p -e | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
}

start 80 24
keys 2
wait_for "✗ nein"
has_colour || fail "the default theme shows no colour"
ok "default theme: colours"
stop

START_ENV=NO_COLOR=1 start 80 24
keys 2
wait_for "✗ nein"
wait_for "✓ ja"
has_colour && fail "NO_COLOR: colours on the screen"
tmux -L "$SOCK" capture-pane -p -e | grep -q $'\e\\[[0-9;]*7[;m]' || fail "NO_COLOR: no reverse video for the title or selection"
ok "NO_COLOR: no colour; verdicts still as ✓ ja / ✗ nein, selection in reverse video"
stop

start 80 24 --color=never --theme high-contrast
keys 2
wait_for "✗ nein"
has_colour && fail "--color=never: colours on the screen"
ok "--color=never wins over a colour theme"
stop

for theme in light monochrome high-contrast; do
	start 80 24 --theme "$theme"
	wait_for "Befunde:"
	screen | grep -q "theme:" && fail "theme $theme: warnings"
	quit
done
ok "the shipped themes load without warnings"

mkdir -p "$XDG_CONFIG_HOME/ozgtui/themes"
printf 'titel = red blue\nselected = black yellow\n' >"$XDG_CONFIG_HOME/ozgtui/themes/mine.theme"
start 80 24 --theme mine
wait_for "mine.theme:1: unbekannte Rolle 'titel'"
ok "a user theme is found; its bad line is reported with file:line"
stop

command -v script >/dev/null 2>&1 || { ok "skipped the unknown-theme check: no script(1)"; exit 0; }
out=$(script -qec "env OZGTUI_DB='$DB' $(tui_cmd script) --theme no-such-theme" /dev/null 2>&1 </dev/null)
echo "$out" | grep -q "no theme 'no-such-theme'" || fail "unknown theme: $out"
ok "an unknown theme is refused with a message"
