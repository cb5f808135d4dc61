#!/bin/bash
# regenerate.sh [BUILD-DIR] - writes the golden files of tests/golden/ anew from
# scenario.sh with the ozgtui of BUILD-DIR (default: build). Run it by hand
# after an intended change of an export format, the demo data or the JSON
# document, then review `git diff tests/golden/` before committing. The tests
# never run it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
ozgtui=$build/src/ozgtui
[ -x "$ozgtui" ] || { echo "no ozgtui at $ozgtui; build first (ninja -C $build)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-golden-new-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bash "$here/scenario.sh" "$ozgtui" "$tmp/out"
find "$here/files" -type f -delete 2>/dev/null || true
mkdir -p "$here/files"
cp "$tmp/out"/* "$here/files/"
echo "golden files written to $here/files ($(ls "$here/files" | wc -l) files)"
