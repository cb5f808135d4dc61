#!/bin/bash
# t_man_pages.sh MANDIR - ozgtui(1) and ozgtui-config(5) render without
# warnings (groff -ww, man --warnings) and have the sections a reader expects.
# Skipped (77) without groff.
set -u
DIR=${1:?usage: t_man_pages.sh MANDIR}
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
command -v groff >/dev/null 2>&1 || { echo "no groff: skipped"; exit 77; }
for page in "$DIR/ozgtui.1" "$DIR/ozgtui-config.5"; do
	w=$(groff -man -ww -z -Tutf8 "$page" 2>&1)
	[ -z "$w" ] || fail "$page: groff: $w"
	if command -v man >/dev/null 2>&1; then
		w=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		[ -z "$w" ] || fail "$page: man: $w"
	fi
	# only ASCII in the source: special characters as groff escapes
	LC_ALL=C grep -n '[^ -~	]' "$page" >/dev/null && fail "$page: non-ASCII characters"
done
text=$(groff -man -Tutf8 -P-cbou "$DIR/ozgtui-config.5" 2>/dev/null)
for s in NAME SYNOPSIS DESCRIPTION "CONFIGURATION FILE" "KEY FILE" "THEME FILES" "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
	printf '%s\n' "$text" | grep -q "^$s" || fail "ozgtui-config(5) lacks the section $s"
done
for key in database theme color mouse a11y keys language phases rep-policy gate-scope gate-team; do
	printf '%s\n' "$text" | grep -q "^ *$key " || fail "ozgtui-config(5) does not describe the key $key"
done
text=$(groff -man -Tutf8 -P-cbou "$DIR/ozgtui.1" 2>/dev/null)
printf '%s\n' "$text" | grep -q "^EXIT STATUS" || fail "ozgtui(1) lacks EXIT STATUS"
for o in --config --ignore-config --check-config --a11y; do
	printf '%s\n' "$text" | grep -q -- "$o" || fail "ozgtui(1) does not describe $o"
done
[ "$failures" -eq 0 ] || exit 1
echo "man pages ok"
