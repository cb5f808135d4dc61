# lib.sh - shared by the TUI tests: drives the real ozgtui in tmux at a fixed
# size and reads the screen back. Sourced by each t_*.sh; needs $OZGTUI (the
# binary). Exit 77 (skip) only when tmux is missing.
set -u

: "${OZGTUI:?set OZGTUI to the ozgtui binary}"
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: skipping"
	exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-tui.XXXXXX")
# Each start gets a fresh tmux server socket: a new server on the name of one
# that is still exiting dies at once ("server exited unexpectedly").
SOCK_BASE="ozgtui-test-$$"
SOCK="$SOCK_BASE-0"
STARTS=0
DB="$TMP/db"
export OZGTUI_NOW=2025-03-01
export LANG=C.UTF-8
unset LC_ALL NO_COLOR
export XDG_CONFIG_HOME="$TMP/config"
export XDG_DATA_HOME="$TMP/data"
# The interface speaks the locale's language; these tests read its German
# screens (LANGUAGE=de for the interface only, see start), from the build
# tree's catalogs. The CLI calls of the tests stay English.
export OZGTUI_LOCALEDIR="${OZGTUI_LOCALEDIR:-$(dirname "$OZGTUI")/../po}"
unset LANGUAGE

cleanup() {
	local n
	for n in $(seq 0 "$STARTS"); do
		tmux -L "$SOCK_BASE-$n" kill-server >/dev/null 2>&1
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	if tmux -L "$SOCK" has-session >/dev/null 2>&1; then
		echo "--- screen ---"
		screen
		echo "--------------"
	fi
	exit 1
}

ok() {
	echo "ok - $*"
}

# The CLI on the test database.
cli() {
	"$OZGTUI" --db "$DB" "$@"
}

demo_db() {
	cli init --demo >/dev/null || fail "ozgtui init --demo"
}

# start [COLS ROWS [ARGS...]]: runs the TUI in a fresh tmux server and waits
# for its title bar (the first view's name).
start() {
	local cols=${1:-80} rows=${2:-24}
	shift 2 || true
	local attempt
	for attempt in 1 2 3; do
		STARTS=$((STARTS + 1))
		SOCK="$SOCK_BASE-$STARTS"
		tmux -L "$SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" \
			"env OZGTUI_DB='$DB' TERM=xterm-256color LANGUAGE=de '$OZGTUI' $*; echo OZGTUI-EXIT=\$?; sleep 60" && break
		[ "$attempt" -eq 3 ] && fail "tmux new-session"
		sleep 0.2
	done
	tmux -L "$SOCK" set-option -g status off >/dev/null
	wait_for "1 Übersicht"
}

screen() {
	tmux -L "$SOCK" capture-pane -p
}

keys() {
	tmux -L "$SOCK" send-keys "$@"
}

# Literal text (no key names).
type_text() {
	tmux -L "$SOCK" send-keys -l "$1"
}

resize() {
	tmux -L "$SOCK" resize-window -x "$1" -y "$2"
}

# wait_for TEXT [SECONDS]: polls the screen until TEXT (fixed string) shows.
wait_for() {
	local limit=$(( ${2:-5} * 10 )) i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && fail "timed out waiting for: $1"
		sleep 0.1
	done
}

# wait_gone TEXT [SECONDS]: polls until TEXT is no longer on the screen.
wait_gone() {
	local limit=$(( ${2:-5} * 10 )) i=0
	while screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && fail "timed out waiting for this to go: $1"
		sleep 0.1
	done
}

# Line N (1-based) of the screen.
screen_line() {
	screen | sed -n "${1}p"
}

# wait_line REGEX [SECONDS]: polls until a screen line matches the extended regex.
wait_line() {
	local limit=$(( ${2:-5} * 10 )) i=0
	while ! screen | grep -qE -- "$1"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && fail "timed out waiting for a line matching: $1"
		sleep 0.1
	done
}

# The default phases, in order (the columns of the dashboard).
PHASES="Sichtung Workshop Entscheidung Konzeption Umsetzung Pilotierung Rollout Betrieb Pausiert Abgebrochen"

# stop: ends the tmux server (and the TUI in it) and waits until it is gone, so
# that the next start gets a fresh server.
stop() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	local i=0
	while tmux -L "$SOCK" has-session >/dev/null 2>&1 && [ $i -lt 50 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	sleep 0.1
}
