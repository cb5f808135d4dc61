# lib.sh - shared by the TUI tests: drives the real ozgtui in tmux at a fixed
# size and reads the screen back. Sourced by each t_*.sh; needs $OZGTUI (the
# binary). Exit 77 (skip) only when tmux is missing.
#
# Under valgrind: OZGTUI_VALGRIND (the valgrind command line; set by `meson
# test --setup valgrind`, tests/valgrind.sh) runs every ozgtui the tests start
# in tmux (start, tui_cmd) under it, each with its own log, and makes every
# wait OZGTUI_TEST_TIMEOUT_SCALE times as long (default 10 under valgrind, 1
# otherwise). stop and the end of the test wait for each such ozgtui to end
# and fail on a memory error or definite leak in its log (vg_check).
# docs/robustness.md.
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
# The interface speaks the locale's language; the tests read its German
# screens by default (LANGUAGE=de for the interface only, see start), from
# the build tree's catalogs. TUI_LANGUAGE (de or en) chooses the language of
# the next start; the CLI calls of the tests stay English.
export OZGTUI_LOCALEDIR="${OZGTUI_LOCALEDIR:-$(dirname "$OZGTUI")/../po}"
unset LANGUAGE
TUI_LANGUAGE=${TUI_LANGUAGE:-de}

# valgrind (see the top). --quiet is dropped: the log's "ERROR SUMMARY" line
# tells that the run is over and how many errors (definite leaks included,
# --errors-for-leak-kinds=definite) it had. A child that ozgtui forks to run
# a program ($EDITOR) writes no log of its own.
VG=
if [ -n "${OZGTUI_VALGRIND:-}" ]; then
	VG="$(printf '%s' "$OZGTUI_VALGRIND" | sed 's/ --quiet\b//; s/ -q\b//') --child-silent-after-fork=yes"
	: "${OZGTUI_TEST_TIMEOUT_SCALE:=10}"
	mkdir -p "$TMP/valgrind"
fi
SCALE=${OZGTUI_TEST_TIMEOUT_SCALE:-1}
case $SCALE in '' | *[!0-9]* | 0) echo "OZGTUI_TEST_TIMEOUT_SCALE must be a positive integer" >&2; exit 1 ;; esac
# Processes the test killed with SIGKILL on purpose (vg_killed): valgrind
# writes no summary for them.
VG_KILLED=" "

# tui_cmd [NAME]: the words to run ozgtui with in a shell command line (tmux,
# script): '$OZGTUI', or under valgrind valgrind with a log of its own named
# after NAME (default: the current tmux socket) and the process id. TUI_WRAP:
# words to put in front (a command that execs the rest, e.g. setpriv).
tui_cmd() {
	if [ -n "$VG" ]; then
		printf "%s %s --log-file='%s' '%s'" "${TUI_WRAP:-}" "$VG" "$TMP/valgrind/${1:-$SOCK}.%p.log" "$OZGTUI"
	else
		printf "%s '%s'" "${TUI_WRAP:-}" "$OZGTUI"
	fi
}

# vg_killed PID: PID was killed with SIGKILL on purpose; its log has no summary.
vg_killed() {
	VG_KILLED="$VG_KILLED$1 "
}

# tsleep SECONDS: sleep, OZGTUI_TEST_TIMEOUT_SCALE times as long.
tsleep() {
	sleep "$(awk -v s="$1" -v k="$SCALE" 'BEGIN { print s * k }')"
}

# vg_check [PREFIX]: waits for each valgrind run (whose log's name begins
# with PREFIX, or all) to end, up to two minutes, and reports those with an error or
# a definite leak, or without a summary (still running, or killed: unless
# vg_killed). Each log is looked at once. Returns 1 if any was bad.
vg_check() {
	[ -n "$VG" ] || return 0
	local log pid i bad=0 limit=1200
	for log in "$TMP/valgrind/${1:-}"*.log; do
		[ -e "$log" ] || continue
		pid=${log%.log}
		pid=${pid##*.}
		i=0
		while ! grep -q "ERROR SUMMARY:" "$log" && kill -0 "$pid" 2>/dev/null; do
			i=$((i + 1))
			[ "$i" -ge "$limit" ] && break
			sleep 0.1
		done
		if grep -q "ERROR SUMMARY: 0 errors" "$log"; then
			mv "$log" "$log.ok"
			continue
		fi
		if ! grep -q "ERROR SUMMARY:" "$log"; then
			if kill -0 "$pid" 2>/dev/null; then
				echo "valgrind: ozgtui $pid still runs after its terminal went away; killed"
				kill -9 "$pid" 2>/dev/null
			elif [ "${VG_KILLED#* "$pid" }" != "$VG_KILLED" ]; then
				mv "$log" "$log.killed"
				continue
			else
				echo "valgrind: ozgtui $pid ended without a summary (killed?)"
			fi
		fi
		echo "valgrind: errors in ${log##*/}:"
		cat "$log"
		mv "$log" "$log.bad"
		bad=1
	done
	return "$bad"
}

cleanup() {
	local n rc=$?
	for n in $(seq 0 "$STARTS"); do
		tmux -L "$SOCK_BASE-$n" kill-server >/dev/null 2>&1
	done
	if ! vg_check; then
		echo "FAIL: valgrind found errors (above)"
		rc=1
	fi
	rm -rf "$TMP"
	exit "$rc"
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

# gen_db N SEED: DB becomes a database of N projects made by the benchmark's
# generator (bench/gen.c) with SEED, in $TMP/gen.
gen_db() {
	local gen
	gen="$(dirname "$OZGTUI")/../bench/ozgtui-bench-gen"
	[ -x "$gen" ] || fail "no generator at $gen"
	rm -rf "$TMP/gen"
	"$gen" "$1" "$TMP/gen" "$2" --keep-db >/dev/null 2>&1 || fail "ozgtui-bench-gen $1"
	DB="$TMP/gen/ozgtui-db"
}

# start [COLS ROWS [ARGS...]]: runs the TUI in a fresh tmux server, in the
# language TUI_LANGUAGE (de or en), and waits for its title bar (the first
# view's name). START_ENV: more NAME=VALUE words for its environment (e.g.
# LC_ALL=de_DE.UTF-8 for German dates and numbers).
start() {
	local cols=${1:-80} rows=${2:-24}
	shift 2 || true
	local attempt title
	case $TUI_LANGUAGE in
	de) title="1 Übersicht" ;;
	en) title="1 Overview" ;;
	*) fail "TUI_LANGUAGE is de or en, not '$TUI_LANGUAGE'" ;;
	esac
	for attempt in 1 2 3; do
		STARTS=$((STARTS + 1))
		SOCK="$SOCK_BASE-$STARTS"
		tmux -L "$SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" \
			"env ${START_ENV:-} OZGTUI_DB='$DB' TERM=xterm-256color LANGUAGE=$TUI_LANGUAGE $(tui_cmd) $*; echo OZGTUI-EXIT=\$?; sleep $((60 * SCALE))" && break
		[ "$attempt" -eq 3 ] && fail "tmux new-session"
		sleep 0.2
	done
	tmux -L "$SOCK" set-option -g status off >/dev/null
	wait_for "$title"
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

# The waits below poll every 0.1 s for SECONDS (default 5) times the scale.

# wait_for TEXT [SECONDS]: polls the screen until TEXT (fixed string) shows.
wait_for() {
	local limit=$(( ${2:-5} * 10 * SCALE )) i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && fail "timed out waiting for: $1"
		sleep 0.1
	done
}

# wait_gone TEXT [SECONDS]: polls until TEXT is no longer on the screen.
wait_gone() {
	local limit=$(( ${2:-5} * 10 * SCALE )) i=0
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
	local limit=$(( ${2:-5} * 10 * SCALE )) i=0
	while ! screen | grep -qE -- "$1"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && fail "timed out waiting for a line matching: $1"
		sleep 0.1
	done
}

# A key sent with keys/type_text is read by ozgtui some time later (under
# valgrind often after the next capture-pane): a check of what a key changes
# waits for it (the waits above, or wait_cursor_line), never a bare screen or
# a sleep.

# cursor_line: the screen line (1-based) the terminal cursor rests on. The
# views leave it on their selection (tui_draw_base), whether it is shown
# (--a11y) or hidden, so a move key is handled once it is there.
cursor_line() {
	echo $(($(tmux -L "$SOCK" display -p '#{cursor_y}') + 1))
}

# wait_cursor_line N [SECONDS]: polls until the cursor rests on screen line N.
wait_cursor_line() {
	local limit=$(( ${2:-5} * 10 * SCALE )) i=0
	while [ "$(cursor_line)" != "$1" ]; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && fail "timed out waiting for the cursor (the selection) on line $1: it is on line $(cursor_line)"
		sleep 0.1
	done
}

# The default phases, in order (the columns of the dashboard).
PHASES="Sichtung Workshop Entscheidung Konzeption Umsetzung Pilotierung Rollout Betrieb Pausiert Abgebrochen"

# quit: Q ends the session; checks that it ended cleanly (status 0: under
# valgrind 99 on an error found at the end, the leak check after every view
# was closed), then stop.
quit() {
	keys Q
	wait_for "OZGTUI-EXIT="
	local code
	code=$(screen | grep -o "OZGTUI-EXIT=[0-9]*" | cut -d= -f2)
	[ "$code" = 0 ] || fail "Q: exit status $code, expected 0"
	stop
}

# tui_pids: the processes the panes' shells run (the TUI: under valgrind,
# valgrind itself, which runs ozgtui in the same process), from /proc.
tui_pids() {
	local shells p ppid st
	shells=" $(tmux -L "$SOCK" list-panes -a -F '#{pane_pid}' 2>/dev/null | tr '\n' ' ') "
	for st in /proc/[0-9]*/stat; do
		read -r p _ _ ppid _ 2>/dev/null <"$st" || continue
		[ "${shells#* "$ppid" }" != "$shells" ] && echo "$p"
	done
}

# stop: ends the tmux server (and the TUI in it: SIGHUP) and waits until both
# are gone (the TUI up to 5 s times the scale: it may be writing a draft), so
# that the next start gets a fresh server and the draft is there; under
# valgrind fails on what valgrind found in the TUI.
stop() {
	local pids p i=0
	pids=$(tui_pids)
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	while tmux -L "$SOCK" has-session >/dev/null 2>&1 && [ $i -lt 50 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt $((50 * SCALE)) ]; do
			i=$((i + 1))
			sleep 0.1
		done
	done
	sleep 0.1
	vg_check "$SOCK." || exit 1
}
