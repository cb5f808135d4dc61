#!/bin/bash
# The load test: 8 processes, 400 changes each on 6 shared projects, every
# one based on the version it read (tests/robust/load.c does the work and the
# checks).
set -u
LOAD=$1 OZGTUI=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-load-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
# Under AddressSanitizer every start of the binary costs ~50 ms: fewer of the
# changes go through it there (one in 20 instead of one in 6).
if [ -z "${OZGTUI_LOAD_CLI_EVERY:-}" ] && ldd "$OZGTUI" 2>/dev/null | grep -q libasan; then
	export OZGTUI_LOAD_CLI_EVERY=20
fi
"$LOAD" "$OZGTUI" "$TMP" 8 "${OZGTUI_LOAD_OPS:-400}" 100
