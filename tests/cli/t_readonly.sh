#!/bin/bash
# --readonly: reading works, every writing command exits 77 and changes nothing.
. "$(dirname "$0")/lib.sh"

oz init >/dev/null || fail "init"
n=$(oz add --title "Projekt" --field bauen --service 10232)
printf '{}' >"$TMP/doc.json"
oz export -o "$TMP/before.json" || fail "export"

expect_status 1 -- oz --readonly check
expect_contains "$OUT" "no-lead"
for cmd in "list" "show $n" "history" "orgs --filter köln" "services --field 1" \
	"dashboard" "verify" "export" "team $n"; do
	# shellcheck disable=SC2086
	expect_status 0 -- oz --readonly $cmd
done
for cmd in "init" "init --demo" "add --title x --field bauen" "edit $n --priority 2" \
	"move $n workshop" "team $n add köln" "interest $n köln" \
	"service-categories 10232 city" "import $TMP/doc.json"; do
	# shellcheck disable=SC2086
	expect_status 77 -- oz --readonly $cmd
	expect_contains "$ERR" "read-only"
done
oz export -o "$TMP/after.json" || fail "export"
cmp -s "$TMP/before.json" "$TMP/after.json" || fail "a read-only session changed the database"

finish
