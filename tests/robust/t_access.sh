#!/bin/bash
# Who may do what (issue 6): a shared database for a team, roles per Unix
# user, refusals (exit 77) recorded in history, the real Unix user in every
# change whatever USER or LOGNAME say, --readonly for anyone.
#
# Needs several Unix users: as root the test runs the binary as daemon, bin
# and sys (setpriv, with the group `users` as a supplementary group); without
# root or setpriv only the single-user parts run (the rest is skipped, said so).
. "$(dirname "$0")/../cli/lib.sh"
export HOME=$TMP XDG_CONFIG_HOME=$TMP/config
chmod 755 "$TMP"

jq_history() {   # PYTHON-EXPR over the history entries (json) of DB as $1
	"$OZGTUI" --db "$1" history --limit 0 --format json | python3 -c '
import json, sys
h = json.load(sys.stdin)
h = h["history"] if isinstance(h, dict) else h
print(eval(sys.argv[1]))' "$2"
}

# ---- single user: the creator is admin; USER does not change the author ----
oz init >/dev/null || fail "init"
expect_status 0 -- oz role list --format json
me=$(id -un)
json_check "$OUT" "d['your_role'] == 'admin' and d['you'] == '$me'"
json_check "$OUT" "any(r['user'] == '$me' and r['role'] == 'admin' and r['source'] == 'entry' for r in d['roles'])"
n=$(USER=mallory LOGNAME=mallory oz add --title "Wer war das" --field 1)
USER=mallory LOGNAME=mallory OZGTUI_USER=mallory oz move "$n" workshop --force --reason test >/dev/null || fail "move"
expect_eq "$(jq_history "$OZGTUI_DB" "sorted(set(e['user'] for e in h))")" "['$me']" "history users with USER=mallory"
expect_status 77 -- oz --readonly add --title x --field 1
expect_status 77 -- oz --readonly role set "$me" admin
expect_status 66 -- oz role set no-such-user-xyz viewer
expect_status 64 -- oz role set "$me" superuser
expect_status 1 -- oz role set "$me" viewer
expect_contains "$ERR" "last admin"
echo "ok: the creator is admin; USER/LOGNAME do not change the author; --readonly and the last admin hold"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null || ! getent group users >/dev/null ||
	! id daemon >/dev/null 2>&1 || ! id bin >/dev/null 2>&1 || ! id sys >/dev/null 2>&1; then
	echo "skip: the shared database needs root, setpriv, the group users and the users daemon, bin, sys"
	finish
fi

# ---- a shared database --------------------------------------------------------
users=$(getent group users | cut -d: -f3)
as() {   # as USER CMD...: runs CMD as USER with the group users
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$(id -g "$u")" --groups="$users" "$@"
}
team="$TMP/team"
mkdir "$team"
chown daemon "$team"
DB="$team/db"
expect_status 0 -- as daemon sh -c "umask 077; exec '$OZGTUI' --db '$DB' init --shared users"
expect_contains "$OUT" "shared with the group users"
expect_eq "$(stat -c '%a %G' "$DB")" "2770 users" "mode of the directory"
expect_eq "$(stat -c '%a %G' "$DB/data.mdb")" "660 users" "mode of data.mdb (umask 077)"
expect_eq "$(stat -c '%a %G' "$DB/lock.mdb")" "660 users" "mode of lock.mdb (umask 077)"
echo "ok: init --shared users: directory 2770, files 0660 with the group, whatever the umask"

# bin has no entry: a viewer. Reading and exporting work; changes are refused.
expect_status 0 -- as bin "$OZGTUI" --db "$DB" list
expect_status 0 -- as bin "$OZGTUI" --db "$DB" export --format json
expect_status 0 -- as bin "$OZGTUI" --db "$DB" role list --format json
json_check "$OUT" "d['your_role'] == 'viewer' and d['shared'] and d['default'] == 'viewer'"
expect_status 77 -- as bin "$OZGTUI" --db "$DB" add --title "Von bin" --field 1
expect_contains "$ERR" "holds the role viewer"
expect_eq "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "lines of the refusal"
expect_status 77 -- as bin "$OZGTUI" --db "$DB" role set bin admin
expect_eq "$(jq_history "$DB" "[(e['user'], e['action']) for e in h if e['entity'] == 'access' and e['action'] == 'refused']")" \
	"[('bin', 'refused'), ('bin', 'refused')]" "refusals in history"
expect_contains "$(jq_history "$DB" "[e['summary'] for e in h if e['action'] == 'refused']")" "add refused"
echo "ok: a user without an entry is a viewer: reads and exports, changes exit 77 and are recorded"

# The admin makes bin a coordinator: projects yes, reference data and roles no.
expect_status 0 -- as daemon "$OZGTUI" --db "$DB" role set bin coordinator
expect_status 0 -- as bin "$OZGTUI" --db "$DB" add --title "Von bin" --field 1
num=$(as bin "$OZGTUI" --db "$DB" list --format json | python3 -c 'import json,sys; print(max(p["number"] for p in json.load(sys.stdin)))')
expect_status 0 -- as bin env USER=daemon LOGNAME=daemon "$OZGTUI" --db "$DB" move "$num" workshop --force --reason "als daemon?"
expect_eq "$(jq_history "$DB" "[e['user'] for e in h if e.get('project') == $num]")" "['bin', 'bin']" "authors of #$num"
svc=$("$OZGTUI" --db "$DB" services --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d["services"] if isinstance(d,dict) else d; print(d[0]["ozg_id"])')
expect_status 77 -- as bin "$OZGTUI" --db "$DB" service-categories "$svc" municipality
expect_contains "$ERR" "needs the role admin"
expect_status 77 -- as bin "$OZGTUI" --db "$DB" settings --rep-policy all
expect_status 77 -- as bin "$OZGTUI" --db "$DB" role set sys coordinator
expect_status 0 -- as daemon "$OZGTUI" --db "$DB" service-categories "$svc" municipality
echo "ok: a coordinator changes projects (as bin, whatever USER says), not reference data, settings or roles"

# sys stays a viewer; the admin steps down only after naming another admin.
expect_status 77 -- as sys "$OZGTUI" --db "$DB" move "$num" entscheidung --force --reason viewer
expect_status 1 -- as daemon "$OZGTUI" --db "$DB" role set daemon coordinator
expect_status 0 -- as daemon "$OZGTUI" --db "$DB" role set bin admin
expect_status 0 -- as daemon "$OZGTUI" --db "$DB" role set daemon coordinator
expect_status 77 -- as daemon "$OZGTUI" --db "$DB" role set sys admin
expect_status 0 -- as bin "$OZGTUI" --db "$DB" role set sys none
expect_eq "$(jq_history "$DB" "[e['summary'] for e in h if e['action'] == 'role'][:3]")" \
	"['daemon: admin → coordinator', 'bin: coordinator → admin', 'bin: (default) → coordinator']" \
	"role changes in history"
expect_status 0 -- oz --db "$DB" verify
echo "ok: roles change only by an admin, the last admin stays, every change is in history"

# Others may not write: the shared database is refused once o+w.
chmod o+w "$DB"
expect_status 77 -- as bin "$OZGTUI" --db "$DB" list
expect_contains "$ERR" "writable by every user"
chmod o-w "$DB"
echo "ok: a shared database others may write is refused"

finish
