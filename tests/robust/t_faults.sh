#!/bin/bash
# Faults (issue 6): a full disk, a map that cannot grow, a read-only database
# directory, a database from a newer schema, a damaged file, a database others
# may write. Each gives one clear message and its documented exit status
# (docs/exit-status.md), and nothing stored before is lost.
#
# The full disk is a 2 MiB tmpfs when we are root and may mount one; the
# size limit of RLIMIT_FSIZE (ulimit -f, with SIGXFSZ ignored so that write(2)
# fails with EFBIG as on a full quota) is tested always. The read-only case
# needs a user without write permission: as root it runs as `nobody` through
# setpriv (skipped with a reason when that is not possible).
FAULTS=$1
shift
. "$(dirname "$0")/../cli/lib.sh"
export HOME=$TMP XDG_CONFIG_HOME=$TMP/config
chmod 755 "$TMP"
# A sanitizer report must not pass for an ordinary exit status.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:exitcode=86"
sanitized=false
ldd "$OZGTUI" 2>/dev/null | grep -q libasan && sanitized=true

count_projects() {
	oz --db "$1" list --format tsv | tail -n +2 | wc -l | tr -d ' '
}

oz init >/dev/null || fail "init"
for i in 1 2 3; do oz add --title "Projekt $i" --field 1 >/dev/null || fail "add $i"; done

# ---- the disk is full (RLIMIT_FSIZE) ------------------------------------------
cp -a "$OZGTUI_DB" "$TMP/fsize"
size=$(stat -c %s "$TMP/fsize/data.mdb")
big=$(head -c 3000 /dev/zero | tr '\0' x)
# Blocks of 1 KiB: the file may grow by 64 KiB.
(ulimit -f $((size / 1024 + 64)); trap '' XFSZ
 n=0
 while [ $n -lt 200 ]; do
	"$OZGTUI" --db "$TMP/fsize" add --title "gross $n" --field 1 --notes "$big" >/dev/null 2>"$TMP/fsize.err" || { echo $? >"$TMP/fsize.rc"; break; }
	n=$((n + 1))
 done
 echo $n >"$TMP/fsize.n")
expect_eq "$(cat "$TMP/fsize.rc" 2>/dev/null)" 73 "exit status at the size limit"
expect_contains "$(cat "$TMP/fsize.err")" "File too large"
expect_contains "$(cat "$TMP/fsize.err")" "nothing of this change was saved"
expect_eq "$(wc -l <"$TMP/fsize.err" | tr -d ' ')" 1 "lines of the message"
expect_status 0 -- oz --db "$TMP/fsize" verify
expect_eq "$(count_projects "$TMP/fsize")" $((3 + $(cat "$TMP/fsize.n"))) "projects after the size limit"
echo "ok: size limit (RLIMIT_FSIZE): exit 73, one message, $(cat "$TMP/fsize.n") projects saved before it are there"

# ---- the disk is full (a small tmpfs) -----------------------------------------
mnt="$TMP/small"
mkdir "$mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2m,mode=0755 tmpfs "$mnt" 2>/dev/null; then
	trap 'umount "$mnt" 2>/dev/null; rm -rf "$TMP"' EXIT
	oz --db "$mnt/db" init >/dev/null || fail "init on the tmpfs"
	oz --db "$mnt/db" add --title "vorher" --field 1 >/dev/null || fail "add on the tmpfs"
	# Fill the disk but for 64 KiB.
	free=$(df -k --output=avail "$mnt" | tail -1 | tr -d ' ')
	head -c $(( (free - 64) * 1024 )) /dev/zero >"$mnt/filler" 2>/dev/null
	n=0 rc=0
	while [ $n -lt 100 ]; do
		"$OZGTUI" --db "$mnt/db" add --title "gross $n" --field 1 --notes "$big" >/dev/null 2>"$TMP/full.err" || { rc=$?; break; }
		n=$((n + 1))
	done
	expect_eq "$rc" 73 "exit status on a full disk"
	# ENOSPC, or a write cut short (LMDB: EIO) with the full disk as its likely cause
	case $(cat "$TMP/full.err") in
	*"No space left on device: the disk holding the database is full"*) ;;
	*"Input/output error: the database could not be written"*"less than 1 MiB free"*) ;;
	*) fail "full disk: unexpected message: $(cat "$TMP/full.err")" ;;
	esac
	expect_contains "$(cat "$TMP/full.err")" "nothing of this change was saved"
	# an EIO on the nearly full disk is the I/O error, the full disk only its likely cause
	"$FAULTS" eio "$mnt/db" || fail "EIO on a nearly full disk"
	expect_status 0 -- oz --db "$mnt/db" verify
	expect_eq "$(count_projects "$mnt/db")" $((1 + n)) "projects after the disk was full"
	# Space again: work goes on.
	rm -f "$mnt/filler"
	expect_status 0 -- oz --db "$mnt/db" add --title "nachher" --field 1
	echo "ok: full disk (tmpfs 2 MiB): exit 73, one message, the $((1 + n)) projects saved before are there, writes work again with space"
	# The map grows (a tiny initial map) until the disk is full.
	rm -rf "$mnt/db"
	if "$FAULTS" grow "$mnt/grow" 65536; then
		echo "ok: the map grew until the disk was full, then a clear message; nothing lost"
	else
		fail "map growth on a full disk"
	fi
	umount "$mnt" || fail "umount"
	trap 'rm -rf "$TMP"' EXIT
else
	echo "skip: full disk on a tmpfs: mounting is not permitted here (the size limit above covers the write path)"
fi

# ---- the map cannot grow ------------------------------------------------------
if $sanitized; then
	echo "skip: a map that cannot grow: RLIMIT_AS and AddressSanitizer's shadow memory do not mix"
elif "$FAULTS" no-growth "$TMP/nogrowth"; then
	echo "ok: a map that cannot grow: exit 73 with a message naming the map; nothing lost"
else
	fail "a map that cannot grow"
fi

# ---- a read-only database directory -------------------------------------------
ro="$TMP/ro"
cp -a "$OZGTUI_DB" "$ro"
before=$(count_projects "$ro")
as_other=()
if [ "$(id -u)" -ne 0 ]; then
	chmod 0555 "$ro"
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	# The lock file stays group-writable for nobody's group: readers register there.
	chmod 0755 "$ro"
	chmod 0644 "$ro/data.mdb"
	chgrp "$(id -gn nobody)" "$ro/lock.mdb"
	chmod 0664 "$ro/lock.mdb"
	as_other=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
else
	ro=
	echo "skip: read-only directory: running as root without setpriv or the user nobody"
fi
if [ -n "$ro" ]; then
	expect_status 77 -- "${as_other[@]}" "$OZGTUI" --db "$ro" move 1 workshop
	expect_contains "$ERR" "is not writable by you"
	expect_eq "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "lines of the message"
	expect_status 77 -- "${as_other[@]}" "$OZGTUI" --db "$ro" add --title neu --field 1
	expect_status 0 -- "${as_other[@]}" "$OZGTUI" --db "$ro" list
	expect_status 0 -- "${as_other[@]}" "$OZGTUI" --db "$ro" --readonly show 1
	# The lock file not writable either: reading is refused, with the reason.
	if [ ${#as_other[@]} -gt 0 ]; then
		chmod 0644 "$ro/lock.mdb"
		expect_status 77 -- "${as_other[@]}" "$OZGTUI" --db "$ro" list
		expect_contains "$ERR" "lock.mdb is not writable by you"
	fi
	chmod 0755 "$ro"
	expect_eq "$(count_projects "$ro")" "$before" "projects in the read-only copy"
	expect_status 0 -- oz --db "$ro" verify
	echo "ok: read-only directory${as_other:+ (as nobody)}: writes exit 77 with one message, reads work, nothing changed"
fi

# ---- a database from a newer schema -------------------------------------------
nw="$TMP/newer"
cp -a "$OZGTUI_DB" "$nw"
"$FAULTS" set-schema "$nw" 99 || fail "set-schema"
for verb in "list" "move 1 workshop" "verify"; do
	# shellcheck disable=SC2086
	expect_status 65 -- oz --db "$nw" $verb
	expect_contains "$ERR" "schema version 99 is newer than this ozgtui understands"
done
expect_status 65 -- oz --db "$nw" --readonly list
"$FAULTS" set-schema "$nw" "$(oz --db "$OZGTUI_DB" export --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["schema_version"])')" || fail "set-schema back"
expect_eq "$(count_projects "$nw")" 3 "projects after the refused opens"
echo "ok: newer schema: exit 65 with one message, nothing touched"

# ---- a damaged file -----------------------------------------------------------
tr="$TMP/trunc"
cp -a "$OZGTUI_DB" "$tr"
truncate -s 100000 "$tr/data.mdb"
expect_status 74 -- oz --db "$tr" list
expect_contains "$ERR" "is damaged"
expect_status 74 -- oz --db "$tr" verify
# Bytes flipped in the pages (not the two meta pages): verify and the readers
# end with 0 or 74 and a message, never with a crash or a sanitizer report.
damaged=0 trials=40
for seed in $(seq 1 $trials); do
	fl="$TMP/flip"
	rm -rf "$fl"
	cp -a "$OZGTUI_DB" "$fl"
	"$FAULTS" flip "$fl" "$seed" 6 || fail "flip $seed"
	for verb in verify list "show 1" "history --limit 50" dashboard check; do
		# shellcheck disable=SC2086
		"$OZGTUI" --db "$fl" $verb >/dev/null 2>"$TMP/flip.err"
		rc=$?
		case $rc in
		0 | 1) ;;
		74 | 65 | 66) [ "$verb" = verify ] && damaged=$((damaged + 1)) ;;
		*) fail "flip seed $seed: '$verb' exits $rc: $(head -c 400 "$TMP/flip.err")" ;;
		esac
		if grep -q "Sanitizer\|runtime error" "$TMP/flip.err"; then
			fail "flip seed $seed: '$verb': $(head -c 600 "$TMP/flip.err")"
		fi
	done
done
[ "$damaged" -gt 0 ] || fail "verify found none of $trials damaged copies damaged"
echo "ok: damaged file: a truncated one exits 74; $trials copies with flipped bytes: no crash, verify reports $damaged as damaged (74)"

# ---- others may write it ------------------------------------------------------
ow="$TMP/otherw"
cp -a "$OZGTUI_DB" "$ow"
chmod o+w "$ow"
expect_status 77 -- oz --db "$ow" list
expect_contains "$ERR" "writable by every user"
chmod o-w "$ow"
chmod o+w "$ow/data.mdb"
expect_status 77 -- oz --db "$ow" list
expect_contains "$ERR" "data.mdb is writable by every user"
chmod o-w "$ow/data.mdb"
expect_status 0 -- oz --db "$ow" list
echo "ok: a database others may write is refused (77), directory and file alike"

finish
