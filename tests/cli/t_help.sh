#!/bin/bash
# --help, VERB --help, help VERB, --version; every verb is there and documented.
# $2 (optional): the docs directory, to check docs/cli.md names every verb.
. "$(dirname "$0")/lib.sh"
DOCS=${2:-}

verbs="init add list show edit move team interest orgs services service-categories
workshop outcome sponsor check dashboard history export import verify help"

expect_status 0 -- oz --help
help=$OUT
expect_contains "$help" "usage: ozgtui"
for v in $verbs; do
	expect_contains "$help" "  $v " "ozgtui --help (verb $v)"
done
for word in "--db DIR" "--readonly" "--theme" "--color" "--mouse" "--version" \
	"OZGTUI_DB" "XDG_DATA_HOME" "OZGTUI_NOW" "NO_COLOR" "Exit status"; do
	expect_contains "$help" "$word" "ozgtui --help"
done
for code in " 0  " " 1  " "64  " "65  " "66  " "73  " "74  " "75  " "77  "; do
	expect_contains "$help" "$code" "exit status list"
done
expect_status 0 -- oz -h
expect_eq "$OUT" "$help" "-h and --help"
expect_status 0 -- oz help
expect_eq "$OUT" "$help" "help and --help"

for v in $verbs; do
	expect_status 0 -- oz "$v" --help
	expect_contains "$OUT" "usage: ozgtui $v" "$v --help"
	[ "$(count_lines "$OUT")" -ge 3 ] || fail "$v --help is too short"
	expect_status 0 -- oz help "$v"
	expect_contains "$OUT" "usage: ozgtui $v"
	expect_status 0 -- oz "$v" -h
	if [ -n "$DOCS" ]; then
		grep -q "ozgtui $v" "$DOCS/cli.md" || fail "docs/cli.md does not show 'ozgtui $v'"
	fi
done
# help needs no database
[ -e "$OZGTUI_DB" ] && fail "help created a database"
expect_status 64 -- oz help frobnicate

expect_status 0 -- oz --version
expect_eq "$OUT" "ozgtui 0.1.0" "version"
expect_status 0 -- oz -V
expect_eq "$OUT" "ozgtui 0.1.0" "version"

if [ -n "$DOCS" ]; then
	for code in 0 1 64 65 66 73 74 75 77; do
		grep -q "| $code " "$DOCS/exit-status.md" || fail "docs/exit-status.md lacks $code"
	done
fi

finish
