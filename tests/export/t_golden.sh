#!/bin/bash
# Golden files: every export format of the demo data with a fixed clock
# (tests/golden/scenario.sh) must equal tests/golden/files/ byte for byte.
# After an intended change: tests/golden/regenerate.sh BUILD-DIR, then review
# the diff.
. "$(dirname "$0")/../cli/lib.sh"
GOLDEN=${2:?usage: t_golden.sh OZGTUI GOLDEN-DIR}

bash "$GOLDEN/scenario.sh" "$OZGTUI" "$TMP/out" || fail "the scenario failed"
for want in "$GOLDEN"/files/*; do
	name=$(basename "$want")
	got="$TMP/out/$name"
	if [ ! -e "$got" ]; then
		fail "$name was not written"
	elif ! cmp -s "$want" "$got"; then
		fail "$name differs from the golden file (tests/golden/regenerate.sh writes new ones)"
		diff -u "$want" "$got" | head -40 >&2
	fi
done
for got in "$TMP"/out/*; do
	[ -e "$GOLDEN/files/$(basename "$got")" ] || fail "$(basename "$got") has no golden file"
done
finish
