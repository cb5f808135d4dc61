#!/bin/bash
# SIGHUP and SIGTERM in the middle of an edit (issue 6): the edit is kept as a
# draft (0600, in $XDG_STATE_HOME/ozgtui/drafts), the terminal is restored,
# nothing committed is lost, no reader slot stays behind; the next start
# offers the draft, resumes it (a change made meanwhile by someone else ends on
# the conflict screen), or discards it.
. "$(dirname "$0")/lib.sh"
export XDG_STATE_HOME="$TMP/state"
DRAFTS="$XDG_STATE_HOME/ozgtui/drafts"
demo_db

tui_pid() {
	local shell p ppid st
	shell=$(tmux -L "$SOCK" display -p '#{pane_pid}')
	for st in /proc/[0-9]*/stat; do
		read -r p _ _ ppid _ 2>/dev/null <"$st" || continue
		[ "$ppid" = "$shell" ] && { echo "$p"; return; }
	done
}

# kill_tui SIG: sends SIG to the interface and waits for its end.
kill_tui() {
	local pid
	pid=$(tui_pid)
	[ -n "$pid" ] || fail "no TUI process under the pane's shell"
	kill -s "$1" "$pid"
	wait_for "OZGTUI-EXIT="
	code=$(screen | grep -o "OZGTUI-EXIT=[0-9]*" | cut -d= -f2)
	[ "$code" -ge 128 ] || fail "SIG$1: exit $code, expected death by the signal"
}

title_of() {
	cli show "$1" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])'
}

before=$(title_of 1)
history_before=$(cli history --limit 0 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

# ---- SIGHUP while the form has an unsaved title ----------------------------
start 100 30
keys 2
wait_line "^ +1 "
keys e
wait_for "bearbeiten (Version"
keys Enter
wait_for "Titel:"
keys C-u
type_text "Entwurf nach Verbindungsabbruch"
keys Enter
wait_line "Titel +Entwurf nach Verbindungsabbruch"
kill_tui HUP
screen | grep -q "Entwurf nach Verbindungsabbruch" && fail "SIGHUP: the form is still on the screen"
screen | grep -q "als Entwurf gesichert" || fail "no word about the draft after SIGHUP"
ls "$DRAFTS"/*.draft >/dev/null 2>&1 || fail "no draft file in $DRAFTS"
[ "$(stat -c %a "$DRAFTS"/*.draft)" = 600 ] || fail "draft mode $(stat -c %a "$DRAFTS"/*.draft), expected 600"
[ "$(stat -c %a "$DRAFTS")" = 700 ] || fail "drafts directory mode $(stat -c %a "$DRAFTS")"
[ "$(title_of 1)" = "$before" ] || fail "the unsaved title reached the database"
n=$(cli history --limit 0 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = "$history_before" ] || fail "history changed from $history_before to $n entries"
cli verify >/dev/null || fail "verify after SIGHUP"
ok "SIGHUP in the form: draft kept (0600), terminal restored, database untouched"
stop

# ---- the next start offers it; j resumes; s saves -------------------------
start 100 30
wait_for "Es gibt einen Entwurf für #1 von"
keys j
wait_line "Titel +Entwurf nach Verbindungsabbruch"
ls "$DRAFTS"/*.draft >/dev/null 2>&1 && fail "the draft file is still there after resuming"
keys s
wait_for "✓ #1 gespeichert"
[ "$(title_of 1)" = "Entwurf nach Verbindungsabbruch" ] || fail "resumed draft not saved: $(title_of 1)"
ok "the next start offers the draft; j resumes it and s saves it"
stop

# ---- a draft whose project changed meanwhile ends on the conflict screen -----
start 100 30
keys 2
wait_line "^ +1 "
keys e
wait_for "bearbeiten (Version"
keys Enter
wait_for "Titel:"
keys C-u
type_text "Meine Fassung"
keys Enter
wait_line "Titel +Meine Fassung"
kill_tui TERM
stop
cli edit 1 --title "Ihre Fassung" >/dev/null || fail "cli edit"
start 100 30
wait_for "Es gibt einen Entwurf für #1 von"
keys j
wait_line "Titel +Meine Fassung"
keys s
wait_for "Konflikt: #1 von"   # the conflict screen itself: s was handled
wait_for "Meine Fassung"
[ "$(title_of 1)" = "Ihre Fassung" ] || fail "the draft overwrote a change made meanwhile"
ok "SIGTERM keeps the draft too; resumed on a project changed meanwhile, a save ends on the conflict screen"
# Ending the session here (tmux hangs up) keeps the open form as a draft again.
stop
ls "$DRAFTS"/*.draft >/dev/null 2>&1 || fail "the hangup on the conflict screen kept no draft"
rm -f "$DRAFTS"/*.draft

# ---- the team editor's name prompt; n discards ------------------------------
start 100 30
keys 2
wait_line "^ +1 "
keys t
wait_for "Team"
keys a
wait_for "Ins Team aufnehmen"
type_text "Bielef"
wait_for "Bielef"   # read by the interface, not only typed ahead
kill_tui HUP
stop
start 100 30
wait_for "Es gibt einen Entwurf für das Team von #1"
keys j
wait_for "Bielef"
keys Escape
wait_gone "Ins Team aufnehmen"   # else the hangup of stop keeps it as a draft again
ok "a name typed into the team editor is kept and typed again"
stop

start 100 30
keys 2
wait_line "^ +1 "
keys t
wait_for "Team"
keys a
wait_for "Ins Team aufnehmen"
type_text "Müns"
wait_for "Müns"
kill_tui TERM
stop
start 100 30
wait_for "Es gibt einen Entwurf"
keys n
wait_for "Entwurf verworfen"
ls "$DRAFTS"/*.draft >/dev/null 2>&1 && fail "the discarded draft is still there"
ok "n discards the draft"
stop

# ---- kill -9: no stale reader slot stays behind ------------------------------
if command -v mdb_stat >/dev/null; then
	# A second session keeps the environment open, so the table is not reset.
	start 100 30
	keep="$SOCK"
	start 100 30
	keys 2
	wait_line "^ +1 "
	victim=$(tui_pid)
	mdb_stat -r "$DB" 2>/dev/null | grep -q "^ *$victim " || fail "the session's reader slot is not in the table"
	vg_killed "$victim"
	kill -9 "$victim"
	wait_for "OZGTUI-EXIT="
	mdb_stat -r "$DB" 2>/dev/null | grep -q "^ *$victim " || fail "the killed session's slot vanished by itself?"
	cli move 2 entscheidung --force --reason "nach kill -9" >/dev/null || fail "a writer after kill -9"
	mdb_stat -r "$DB" 2>/dev/null | grep -q "^ *$victim " && fail "the killed session's reader slot is still there"
	cli verify >/dev/null || fail "verify after kill -9"
	ok "kill -9 of a session: the next writer works and clears its reader slot (mdb_stat -r)"
	SOCK=$keep stop
else
	echo "skip: mdb_stat (lmdb-utils) is not installed: the reader table is not inspected"
fi
