#!/bin/bash
# scenario.sh OZGTUI OUTDIR - writes every export format of the demo data, with
# a fixed clock, into OUTDIR; used by tests/export/t_golden.sh (which compares
# the result with the files here byte for byte) and by regenerate.sh.
#
# The demo is deterministic for a fixed day (OZGTUI_NOW). Two snapshots and
# changes between them give the reports and diffs something to show: moves
# forward, back and out of Pausiert, a team change that makes a team
# representative, a change of a service's delivering categories that makes
# another team representative, and a hostile title (formula, HTML, Markdown).
# The only thing that differs between machines is the Unix user recorded with
# every change; it is replaced by USER in the output.
set -eu
OZGTUI=${1:?usage: scenario.sh OZGTUI OUTDIR}
OUT=${2:?usage: scenario.sh OZGTUI OUTDIR}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-golden-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export OZGTUI_NOW=2025-03-01
export OZGTUI_DB="$WORK/db"
export XDG_DATA_HOME="$WORK/xdg"
export LC_ALL=C.UTF-8
oz() { "$OZGTUI" "$@"; }

oz init --demo >/dev/null
oz snapshot save lenkungskreis-2025-02 --note "Lenkungskreis Februar" >/dev/null
oz move 1 entscheidung --reason "Workshop abgeschlossen" >/dev/null
oz move 4 workshop --reason "Rückfrage der Pilotkommunen" >/dev/null
oz move 12 konzeption --reason "wieder aufgenommen" >/dev/null
oz team 5 add Kerken >/dev/null
oz service-categories 10148 medium-town,city >/dev/null
oz edit 3 --title '=HYPERLINK("http://e.vil","klick") & <b>*fett*</b> | [x](y)' >/dev/null
oz snapshot save sitzung-2 >/dev/null
oz move 2 konzeption --reason "Entscheidung liegt vor" >/dev/null

mkdir -p "$OUT"
oz export -o "$OUT/export.json"
for t in projects teams services outcomes workshops organisations history; do
	oz export --format csv --table "$t" -o "$OUT/$t.csv"
done
oz export --format md -o "$OUT/report.md"
oz export --format md --snapshot sitzung-2 -o "$OUT/report-snapshot.md"
oz export --format md --filter field:steuern -o "$OUT/report-filter.md"
oz export --format html -o "$OUT/report.html"
oz export --format html --snapshot sitzung-2 -o "$OUT/report-snapshot.html"
oz snapshot diff lenkungskreis-2025-02 >"$OUT/diff.txt"
oz snapshot diff lenkungskreis-2025-02 sitzung-2 --format json >"$OUT/diff.json"
oz snapshot diff lenkungskreis-2025-02 --format md >"$OUT/diff.md"
oz snapshot list --format json >"$OUT/snapshots.json"

# the Unix user, wherever it is recorded as a quoted value
python3 - "$OUT" "$(id -un)" <<'PY'
import os, sys
out, user = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(out)):
    path = os.path.join(out, name)
    data = open(path, "rb").read()
    new = data.replace(b'"' + user.encode() + b'"', b'"USER"')
    if new != data:
        open(path, "wb").write(new)
PY
