# lib.sh - shared by the CLI tests. A test sources it with the ozgtui binary as
# $1; it gets a temporary directory ($TMP, removed on exit), its own database
# ($OZGTUI_DB), a fixed clock (OZGTUI_NOW) and these helpers:
#
#   oz ARGS...                     runs ozgtui
#   expect_status N -- CMD...      runs CMD; its stdout lands in $OUT, stderr in $ERR;
#                                  a failure unless it exits with N
#   expect_contains TEXT NEEDLE [WHAT]      a failure unless TEXT holds NEEDLE
#   expect_not_contains TEXT NEEDLE [WHAT]
#   expect_eq GOT WANT [WHAT]
#   json_check TEXT PYTHON-EXPR    parses TEXT with python3's json module as `d`
#                                  and fails unless the expression is true
#   finish                         exits 0, or 1 after any failure
set -u

OZGTUI=${1:?usage: $0 PATH-TO-OZGTUI}
case $OZGTUI in /*) ;; *) OZGTUI=$PWD/$OZGTUI ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-cli-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export OZGTUI_NOW=2025-03-01
export OZGTUI_DB="$TMP/db"
export XDG_DATA_HOME="$TMP/xdg"
unset NO_COLOR
export LC_ALL=C.UTF-8
# no user configuration, no language chosen outside the test
export XDG_CONFIG_HOME="$TMP/config"
unset LANGUAGE

failures=0
OUT=
ERR=
STATUS=0

# OZGTUI_VALGRIND (set by `meson test --setup valgrind`, tests/valgrind.sh)
# runs every ozgtui under valgrind.
oz() {
	${OZGTUI_VALGRIND:-} "$OZGTUI" "$@"
}

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

expect_status() {
	local want=$1
	shift
	[ "${1:-}" = "--" ] && shift
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	STATUS=$?
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
	if [ "$STATUS" -ne "$want" ]; then
		fail "expected exit $want, got $STATUS: $*"
		echo "  stdout: $(head -c 600 "$TMP/.out")" >&2
		echo "  stderr: $(head -c 600 "$TMP/.err")" >&2
		return 1
	fi
	return 0
}

expect_contains() {
	case $1 in
	*"$2"*) return 0 ;;
	esac
	fail "${3:-output} does not contain '$2'"
	echo "  got: $(printf '%s' "$1" | head -c 800)" >&2
	return 1
}

expect_not_contains() {
	case $1 in
	*"$2"*)
		fail "${3:-output} contains '$2'"
		echo "  got: $(printf '%s' "$1" | head -c 800)" >&2
		return 1
		;;
	esac
	return 0
}

expect_eq() {
	if [ "$1" != "$2" ]; then
		fail "${3:-value}: expected '$2', got '$1'"
		return 1
	fi
	return 0
}

json_check() {
	if ! printf '%s' "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
ok = eval(sys.argv[1])
sys.exit(0 if ok else 1)
' "$2"; then
		fail "json check failed: $2"
		echo "  json: $(printf '%s' "$1" | head -c 800)" >&2
		return 1
	fi
	return 0
}

# The number of lines of TEXT (0 for empty text).
count_lines() {
	if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | wc -l | tr -d ' '; fi
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures failure(s) in $(basename "$0")" >&2
		exit 1
	fi
	echo "ok $(basename "$0")"
	exit 0
}
