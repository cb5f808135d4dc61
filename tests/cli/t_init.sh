#!/bin/bash
# init: seeding, refusing an initialised database, --demo, --phases, the default location.
. "$(dirname "$0")/lib.sh"

# no database yet: every reading command says how to make one
expect_status 66 -- oz list
expect_contains "$ERR" "no database at $OZGTUI_DB"
expect_contains "$ERR" "ozgtui init"
[ -e "$OZGTUI_DB" ] && fail "list created the database"

expect_status 0 -- oz init
expect_contains "$OUT" "14 topic fields"
expect_contains "$OUT" "557 OZG services"
expect_contains "$OUT" "Sichtung → Workshop → Entscheidung"
[ -f "$OZGTUI_DB/data.mdb" ] || fail "no data.mdb in $OZGTUI_DB"
expect_eq "$(stat -c %a "$OZGTUI_DB")" 700 "mode of the database directory"
expect_eq "$(stat -c %a "$OZGTUI_DB/data.mdb")" 600 "mode of data.mdb"

expect_status 0 -- oz list --format json
json_check "$OUT" 'd == []'
expect_status 0 -- oz orgs --format json
json_check "$OUT" 'sum(1 for o in d if o["kind"] in ("municipality", "county")) == 427'

# an initialised database is refused
expect_status 65 -- oz init
expect_contains "$ERR" "already initialised"
expect_status 65 -- oz init --phases kdn
expect_contains "$ERR" "already initialised"

# --demo on an initialised database without the demo adds it, once
expect_status 0 -- oz init --demo
expect_contains "$OUT" "sample projects"
expect_not_contains "$OUT" "initialised $OZGTUI_DB"
expect_status 0 -- oz list --format json
json_check "$OUT" 'len(d) >= 60 and all(p["demo"] for p in d)'
json_check "$OUT" 'len({p["field"] for p in d}) == 14'
json_check "$OUT" 'any(not p["representative"] for p in d)'
json_check "$OUT" 'any(p["late"] for p in d)'
expect_status 65 -- oz init --demo
expect_contains "$ERR" "holds the demo"
expect_status 0 -- oz verify

# the KDN preset of phases
expect_status 0 -- oz --db "$TMP/kdn" init --phases kdn
expect_contains "$OUT" "Vorbereitung"
expect_status 64 -- oz --db "$TMP/bad" init --phases nonsense
[ -e "$TMP/bad" ] && fail "a refused init created a database"
expect_status 64 -- oz init extra-argument

# the default location: $XDG_DATA_HOME/ozgtui/db when neither --db nor OZGTUI_DB
(
	unset OZGTUI_DB
	"$OZGTUI" init >/dev/null 2>&1
) || fail "init in the default location"
[ -f "$XDG_DATA_HOME/ozgtui/db/data.mdb" ] || fail "no database under \$XDG_DATA_HOME/ozgtui/db"
# --db wins over OZGTUI_DB
expect_status 0 -- oz --db "$XDG_DATA_HOME/ozgtui/db" list
expect_contains "$OUT" "no projects match"

finish
