#!/bin/bash
# tests/valgrind.sh - the exe_wrapper of `meson test --setup valgrind`. A test
# that is a program (unit tests) runs under valgrind; a test that is a script
# (the CLI tests) runs as it is, with OZGTUI_VALGRIND set so that
# tests/cli/lib.sh runs every ozgtui it starts under valgrind. Exit 99 (a
# failure that no ozgtui exit status can be confused with) on any memory error
# or definite leak. docs/robustness.md.
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
	--show-leak-kinds=definite --track-fds=no --num-callers=30
	--suppressions="$(dirname "$0")/valgrind.supp")
case ${1##*/} in
bash | sh | dash | python3 | python) ;;   # a script: its ozgtui runs under valgrind
*)
	if [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; then
		exec "${vg[@]}" "$@"
	fi
	;;
esac
export OZGTUI_VALGRIND="${vg[*]}"
exec "$@"
