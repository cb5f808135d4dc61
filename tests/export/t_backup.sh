#!/bin/bash
# backup while another process keeps writing: every copy opens, verifies and
# holds one consistent state (each project's version moved exactly as often as
# its history has entries); restore only into a new or empty location.
. "$(dirname "$0")/../cli/lib.sh"

oz init --demo >/dev/null || fail "init --demo"

# versions and history entries of #1 and #2 in a database's JSON document
state() {
	python3 -c '
import json, sys
d = json.load(sys.stdin)
out = []
for n in (1, 2):
    p = next(p for p in d["projects"] if p["number"] == n)
    h = [e for e in d["history"] if e["project_number"] == n]
    out += [p["version"], len(h)]
moves = [e for e in d["history"] if e["project_number"] == 1 and e["action"] == "move"]
p1 = next(p for p in d["projects"] if p["number"] == 1)
out.append(1 if not moves or moves[-1]["to_phase"] == p1["phase"] else 0)
seqs = [e["seq"] for e in d["history"]]
out.append(1 if seqs == list(range(1, len(seqs) + 1)) else 0)
print(*out)
'
}
read -r v1_0 h1_0 v2_0 h2_0 _ _ < <(oz export | state)

# the writer: #1 back and forth, #2's priority round and round, for 4 seconds
(
	end=$((SECONDS + 4))
	i=0
	while [ "$SECONDS" -lt "$end" ]; do
		if [ $((i % 2)) -eq 0 ]; then
			"$OZGTUI" move 1 entscheidung --reason "hin $i"
		else
			"$OZGTUI" move 1 workshop --reason "zurück $i"
		fi
		"$OZGTUI" edit 2 --priority $((i % 5 + 1))
		i=$((i + 1))
	done
	echo "$i" >"$TMP/writes"
) >/dev/null 2>"$TMP/writer.err" &
writer=$!
sleep 1
expect_status 0 -- oz backup "$TMP/bk1"
expect_contains "$OUT" "written to $TMP/bk1"
sleep 1
expect_status 0 -- oz backup "$TMP/bk2"
wait "$writer" || fail "the writer failed: $(head -c 300 "$TMP/writer.err")"
expect_status 0 -- oz backup "$TMP/bk3"
[ "$(cat "$TMP/writes")" -gt 5 ] || fail "the writer wrote too little to test anything"

last=0
for b in bk1 bk2 bk3; do
	[ "$(stat -c %a "$TMP/$b")" = 700 ] || fail "$b is not mode 0700"
	expect_status 0 -- oz --db "$TMP/restored-$b" restore "$TMP/$b"
	expect_contains "$OUT" "every record decodes"
	expect_status 0 -- oz --db "$TMP/restored-$b" verify
	read -r v1 h1 v2 h2 phase_ok seq_ok < <(oz --db "$TMP/restored-$b" export | state)
	[ $((v1 - v1_0)) -eq $((h1 - h1_0)) ] || fail "$b: #1 at version $v1 with $((h1 - h1_0)) new entries (from $v1_0)"
	[ $((v2 - v2_0)) -eq $((h2 - h2_0)) ] || fail "$b: #2 at version $v2 with $((h2 - h2_0)) new entries (from $v2_0)"
	[ "$phase_ok" = 1 ] || fail "$b: the phase of #1 is not where its last move took it"
	[ "$seq_ok" = 1 ] || fail "$b: history has gaps"
	[ "$h1" -ge "$last" ] || fail "$b is older than the backup before it"
	last=$h1
	# a backup is a database of its own, too
	expect_status 0 -- oz --db "$TMP/$b" verify
done
read -r _ h1_1 _ _ _ _ < <(oz --db "$TMP/restored-bk1" export | state)
[ "$h1_1" -gt "$h1_0" ] || fail "the first backup was taken before any write: nothing concurrent tested"
read -r _ h1_3 _ _ _ _ < <(oz export | state)
[ "$h1_3" = "$last" ] || fail "the last backup differs from the database"
# compacted: not larger than the live file
[ "$(stat -c %s "$TMP/bk3/data.mdb")" -le "$(stat -c %s "$OZGTUI_DB/data.mdb")" ] || fail "the copy is larger"

# refusals
expect_status 73 -- oz backup "$TMP/bk1"
expect_contains "$ERR" "not empty"
expect_status 73 -- oz backup "$TMP/no/such/parent"
mkdir "$TMP/empty"
expect_status 0 -- oz backup "$TMP/empty"
expect_status 73 -- oz --db "$TMP/restored-bk1" restore "$TMP/bk2"
expect_status 73 -- oz restore "$TMP/bk2"
expect_status 66 -- oz --db "$TMP/r-none" restore "$TMP/no-backup"
[ -e "$TMP/r-none" ] && fail "a refused restore created its target"
mkdir "$TMP/notlmdb"
echo "kein LMDB" >"$TMP/notlmdb/data.mdb"
expect_status 65 -- oz --db "$TMP/r-bad" restore "$TMP/notlmdb"
expect_status 77 -- oz --readonly --db "$TMP/r-ro" restore "$TMP/bk1"
expect_status 64 -- oz backup
expect_status 64 -- oz restore a b
# an empty directory is a fine target
mkdir "$TMP/r-empty"
expect_status 0 -- oz --db "$TMP/r-empty" restore "$TMP/bk3"
expect_status 0 -- oz --db "$TMP/r-empty" list --format json
json_check "$OUT" 'len(d) == 82'
finish
