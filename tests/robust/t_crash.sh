#!/bin/bash
# The crash test: 200 SIGKILLs of writer processes during real writes
# (tests/robust/crash.c does the work and the checks).
set -u
CRASH=$1 OZGTUI=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-crash-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
"$CRASH" "$OZGTUI" "$TMP" "${OZGTUI_CRASH_KILLS:-300}" 6 60
