#!/bin/bash
# Hostile text in the database never reaches the terminal through the CLI:
# names with escape sequences (colour, title, OSC 52 clipboard, OSC 8 links,
# DSR, DCS), C1 controls, bidirectional overrides and other control characters
# are imported through `ozgtui import`, then every text output is read back:
# it must be valid UTF-8 without any control character but newline and tab,
# and the placeholders (␛, �) must be visible instead.
. "$(dirname "$0")/../cli/lib.sh"
HOSTILE="$(dirname "$0")/hostile.py"

oz init --demo >/dev/null || fail "init --demo"
oz export -o "$TMP/base.json" || fail "export"
n=$(python3 "$HOSTILE" doc "$TMP/base.json" "$TMP/hostile.json") || fail "hostile.py doc"
expect_status 0 -- oz import "$TMP/hostile.json"
expect_status 0 -- oz verify
oz move "$n" workshop --force --reason $'Grund \e]0;GRUND\a \u202eumgedreht' >/dev/null ||
	fail "move with a hostile reason"

# termsafe WHAT: the last command's stdout and stderr are safe for a terminal.
termsafe() {
	python3 "$HOSTILE" termsafe "$1 (stdout)" <"$TMP/.out" || fail "$1: stdout is not safe for a terminal"
	python3 "$HOSTILE" termsafe "$1 (stderr)" <"$TMP/.err" || fail "$1: stderr is not safe for a terminal"
}
# visible WHAT [all]: ... and shows the placeholder of ESC (with "all" also
# that of C1 controls and bidi overrides, for outputs that do not cut text).
visible() {
	python3 "$HOSTILE" placeholders "$@" <"$TMP/.out" || fail "$1: the hostile text is not shown"
}

# run STATUS WHAT ARGS...: runs ozgtui, expects STATUS, checks its output.
run() {
	local want=$1 what=$2
	shift 2
	expect_status "$want" -- oz "$@"
	termsafe "$what"
}

run 0 "list" list
visible "list"
run 0 "list --format tsv" list --format tsv
visible "list --format tsv"
run 0 "list --sort title" list --sort title Projekt
visible "list --sort title"
run 0 "show" show "$n"
visible "show" all
expect_contains "$OUT" "␛[31mROT␛[0m" "show (the colour sequence, made visible)"
expect_contains "$OUT" "␛]52;c;cm0gLXJmIH4K␇" "show (the OSC 52 sequence, made visible)"
run 0 "team" team "$n"
visible "team"
run 0 "history" history -n 0
visible "history" all
run 0 "history ID" history "$n"
run 1 "check" check
visible "check"
run 0 "orgs" orgs --filter 05999999
visible "orgs"
run 0 "orgs --format tsv" orgs --format tsv --filter 05999999
visible "orgs --format tsv"
run 0 "services" services
visible "services"
run 0 "services --format tsv" services --format tsv
run 0 "dashboard" dashboard

# Workshops, outcomes, sponsors and snapshots.
run 0 "workshop list" workshop list
visible "workshop list"
run 0 "workshop show" workshop show 6f1e5d0c-0000-4000-8000-0000000b05e1
visible "workshop show" all
run 0 "outcome list" outcome list
visible "outcome list"
run 0 "outcome show" outcome show 6f1e5d0c-0000-4000-8000-0000000b05e2
visible "outcome show" all
run 0 "sponsor" sponsor
visible "sponsor"
run 0 "sponsor FIELD" sponsor 1
visible "sponsor FIELD" all
run 64 "snapshot save with a hostile name" snapshot save $'vorher\e]0;SNAP\a'
expect_contains "$ERR" "control characters"
run 0 "snapshot save" snapshot save vorher --note $'Notiz \e[31mROT'
run 0 "snapshot list" snapshot list
oz edit "$n" --title $'Neu \e]0;NOCHMAL\a Titel' >/dev/null || fail "edit the title"
oz move "$n" umsetzung --force --reason "weiter" >/dev/null || fail "move"
run 0 "snapshot diff" snapshot diff vorher
visible "snapshot diff"

# Error messages that quote hostile input or data.
run 65 "list with a hostile filter" list --filter $'phase:\e]0;FILTER\a'
expect_contains "$ERR" "␛]0;FILTER␇"
run 65 "move to a hostile phase" move "$n" $'\e[31mphase'
run 66 "show a hostile id" show $'\e]52;c;eA==\a'
run 64 "a hostile option" list $'--\e[2Jx'
run 64 "a hostile verb" $'\e]0;VERB\a'
python3 - "$TMP/hostile.json" "$TMP/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["projects"][0]["phase"] = "\x1b]0;PHASE\x07\u202e"
d["projects"][0]["team"][0]["role"] = "\x1b[31mchef"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
run 65 "import of a file with hostile errors" import "$TMP/bad.json"
expect_contains "$ERR" "bad.json:"
expect_contains "$ERR" "␛]0;PHASE␇"

# Hostile file and directory names in messages.
bad_name="$TMP/$(printf 'x\033]0;FILE\007y').json"
run 66 "import of a hostile file name" import "$bad_name"
expect_contains "$ERR" "␛]0;FILE␇"
run 66 "a hostile database directory" --db "$TMP/$(printf 'd\033[31mb')" list

# JSON output escapes the control characters (jansson) and stays parseable.
expect_status 0 -- oz show "$n" --format json
json_check "$OUT" '"\x1b[31mROT" in d["field_name"]'
expect_not_contains "$OUT" $'\e' "show --format json"

finish
