#!/bin/bash
# The manual page: renders without warnings (groff -ww, man --warnings) and
# documents every command that `ozgtui --help` lists. Skipped (77) without groff.
. "$(dirname "$0")/lib.sh"
PAGE=${2:?usage: t_man.sh OZGTUI PAGE}

if ! command -v groff >/dev/null 2>&1; then
	echo "groff is not installed: skipped"
	exit 77
fi
warnings=$(groff -man -ww -z -Tutf8 "$PAGE" 2>&1)
expect_eq "$warnings" "" "groff warnings"
if command -v man >/dev/null 2>&1; then
	warnings=$(MANWIDTH=80 man --warnings -l "$PAGE" 2>&1 >/dev/null)
	expect_eq "$warnings" "" "man --warnings"
fi
text=$(groff -man -Tutf8 -P-cbou "$PAGE" 2>/dev/null)
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "FILTER LANGUAGE" ENVIRONMENT \
	FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	expect_contains "$text" "$section" "manual section"
done
verbs=$(oz --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 && $1 != "Commands:" {print $1}')
[ -n "$verbs" ] || fail "no commands in ozgtui --help"
for v in $verbs; do
	# an entry of COMMANDS starts a line with the command's name
	printf '%s\n' "$text" | grep -q "^ *$v\( \|\$\)" || fail "the manual page has no entry for $v"
done
exit_status=$(printf '%s\n' "$text" | sed -n '/^EXIT STATUS/,/^EXAMPLES/p')
for code in 0 1 64 65 66 73 74 75 77; do
	printf '%s\n' "$exit_status" | grep -q "^ *$code " || fail "EXIT STATUS lacks $code"
done
for var in OZGTUI_DB XDG_DATA_HOME OZGTUI_NOW NO_COLOR; do
	expect_contains "$text" "$var" "environment"
done

finish
