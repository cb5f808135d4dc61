#!/usr/bin/env bash
# Every public header compiles alone, and the data modules (src/*.c, src/cli/)
# never include curses: the TUI (src/tui/) is the only place that may.
# usage: check-headers.sh SOURCE_ROOT BUILD_ROOT CC [CFLAGS...]
set -u
src=$1 build=$2 cc=$3
shift 3
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in "$src"/include/ozgtui/*.h; do
	name=$(basename "$h")
	printf '#include "ozgtui/%s"\n' "$name" >"$tmp/t.c"
	if ! "$cc" "$@" -I"$src/include" -I"$build" -I"$src" -fsyntax-only -std=c11 -Wall -Wextra -Wpedantic -Werror \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(pkg-config --cflags-only-I ncursesw uuid 2>/dev/null) \
		"$tmp/t.c" 2>"$tmp/err"; then
		echo "FAIL: include/ozgtui/$name does not compile alone:"
		cat "$tmp/err"
		fail=1
	fi
done
if grep -lE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|term\.h|panel\.h)' "$src"/src/*.c "$src"/src/*.h "$src"/src/cli/*.c 2>/dev/null; then
	echo "FAIL: the files above are data modules and include curses"
	fail=1
fi
for h in "$src"/include/ozgtui/*.h; do
	case "$(basename "$h")" in tui*.h | view*.h | theme.h | keymap.h) continue ;; esac
	if grep -qE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/)' "$h"; then
		echo "FAIL: $h is a data header and includes curses"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "all headers compile alone; no curses in data modules"
exit $fail
