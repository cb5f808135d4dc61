#!/bin/bash
# t_progress.sh OZGTUI BENCH_GEN - long work shows progress on a terminal and
# stays quiet when piped: an import of 3000 generated projects (the benchmark's
# generator) through script(1), which gives it a terminal, draws "\rimport:
# N/M KiB (P%)" lines (the part of the file read and written) and clears them;
# the same import with stderr in a file writes no progress; OZGTUI_PROGRESS=0
# silences a terminal too.
. "$(dirname "$0")/../cli/lib.sh"
GEN=${2:?usage: t_progress.sh OZGTUI BENCH_GEN}
[ -x "$GEN" ] || { echo "no generator at $GEN: skipped"; exit 77; }
command -v script >/dev/null 2>&1 || { echo "no script(1): skipped"; exit 77; }
"$GEN" 3000 "$TMP/gen" >/dev/null 2>&1 || fail "generator"
F=$TMP/gen/ozgtui.json

# on a terminal
OZGTUI_PROGRESS=always script -qec "'$OZGTUI' --db '$TMP/a' import '$F'" /dev/null >"$TMP/tty.txt" </dev/null || fail "import on a terminal"
out=$(cat -v "$TMP/tty.txt")
expect_contains "$out" "^Mimport: " "progress line on a terminal"
expect_contains "$out" " KiB (" "progress counts the KiB read of the file"
expect_contains "$out" "^M^[[Kimported: " "the line is cleared before the report"
# piped: nothing but the report
"$OZGTUI" --db "$TMP/b" import "$F" >"$TMP/out.txt" 2>"$TMP/err.txt" || fail "import piped"
expect_eq "$(cat "$TMP/err.txt")" "" "no progress when stderr is not a terminal"
expect_not_contains "$(cat -v "$TMP/out.txt")" "^M" "no carriage returns in the output"
# export: the same. Exporting 3000 projects may end before the first tenth of
# a second, which by design shows nothing: OZGTUI_PROGRESS=always draws from
# the first step, so the check does not depend on the machine's speed.
OZGTUI_PROGRESS=always script -qec "'$OZGTUI' --db '$TMP/b' export -o '$TMP/x.json'" /dev/null >"$TMP/tty2.txt" </dev/null || fail "export"
expect_contains "$(cat -v "$TMP/tty2.txt")" "^Mexport: " "export progress on a terminal"
"$OZGTUI" --db "$TMP/b" export -o "$TMP/y.json" 2>"$TMP/err2.txt" || fail "export piped"
expect_eq "$(cat "$TMP/err2.txt")" "" "export quiet when piped"
# backup: one long copy, announced on a terminal, silent in cron
OZGTUI_PROGRESS=always script -qec "'$OZGTUI' --db '$TMP/b' backup '$TMP/bk1'" /dev/null >"$TMP/tty4.txt" </dev/null || fail "backup"
expect_contains "$(cat -v "$TMP/tty4.txt")" "^Mbackup: copying the database" "backup shows a line on a terminal"
"$OZGTUI" --db "$TMP/b" backup "$TMP/bk2" >/dev/null 2>"$TMP/err4.txt" || fail "backup piped"
expect_eq "$(cat "$TMP/err4.txt")" "" "backup quiet when piped"
# turned off
OZGTUI_PROGRESS=0 script -qec "'$OZGTUI' --db '$TMP/c' import '$F'" /dev/null >"$TMP/tty3.txt" </dev/null
expect_not_contains "$(cat -v "$TMP/tty3.txt")" "^Mimport: " "OZGTUI_PROGRESS=0"
finish
