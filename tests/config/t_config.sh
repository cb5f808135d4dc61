#!/bin/bash
# t_config.sh - the config file through the real binary: precedence (command
# line > environment > file > defaults), --config, --ignore-config,
# --check-config with FILE:LINE for every problem (config, keys, themes),
# [new-database] for init, and the settings verb with history.
. "$(dirname "$0")/../cli/lib.sh"

export XDG_CONFIG_HOME="$TMP/config"
unset OZGTUI_DB
mkdir -p "$XDG_CONFIG_HOME/ozgtui/themes"
CONF=$XDG_CONFIG_HOME/ozgtui/config

# no config at all: clean
expect_status 0 -- oz --check-config
expect_contains "$OUT" "none: the defaults apply" "missing config is fine"
expect_contains "$OUT" "ok"

# a config that names the database: used when neither --db nor OZGTUI_DB is given
cat >"$CONF" <<EOF
# my settings
database = $TMP/fromconf
[new-database]
rep-policy = all
gate-scope = entscheidung
gate-team = off
EOF
expect_status 0 -- oz check-config
expect_status 0 -- oz init
expect_contains "$OUT" "initialised $TMP/fromconf" "database from the config file"
expect_contains "$OUT" "settings: rep-policy all, gate-scope Entscheidung, gate-team off (from $CONF)"
expect_status 0 -- oz settings --format json
json_check "$OUT" 'd == {"rep_policy": "all", "gate_scope": "entscheidung", "gate_team": None}'

# environment beats the file, the command line beats both
# (the KDN preset has no Entscheidung: the file's gate names its line, nothing is written)
expect_status 65 -- env OZGTUI_DB="$TMP/fromenv" "$OZGTUI" init --phases kdn
expect_contains "$ERR" "$CONF:5: gate-scope: unknown phase 'entscheidung'"
expect_status 0 -- env OZGTUI_DB="$TMP/fromenv" "$OZGTUI" init
expect_contains "$OUT" "initialised $TMP/fromenv"
expect_status 0 -- env OZGTUI_DB="$TMP/fromenv" "$OZGTUI" --db "$TMP/fromcli" init
expect_contains "$OUT" "initialised $TMP/fromcli"
# --ignore-config: the default database, no policies from the file
expect_status 66 -- oz --ignore-config list
expect_contains "$ERR" "no database at $XDG_DATA_HOME/ozgtui/db"
expect_status 0 -- oz --ignore-config --db "$TMP/plain" init
expect_not_contains "$OUT" "settings:" "--ignore-config"
expect_status 0 -- oz --db "$TMP/plain" settings --format json
json_check "$OUT" 'd == {"rep_policy": "span", "gate_scope": "workshop", "gate_team": "umsetzung"}'

# settings: changes with history; an unknown phase is bad data, a bad policy a usage error
expect_status 0 -- oz --db "$TMP/plain" settings --rep-policy all --gate-team pilot
expect_contains "$OUT" "rep-policy   all"
expect_contains "$OUT" "gate-team    Pilotierung"
expect_status 0 -- oz --db "$TMP/plain" history --limit 1
expect_contains "$OUT" "settings: representativeness policy span → all; team gate Umsetzung → Pilotierung"
expect_status 0 -- oz --db "$TMP/plain" settings --rep-policy all
expect_contains "$OUT" "nothing changed"
expect_status 65 -- oz --db "$TMP/plain" settings --gate-scope nirgendwo
expect_contains "$ERR" "--gate-scope: unknown phase 'nirgendwo'"
expect_status 65 -- oz --db "$TMP/plain" settings --gate-scope abgebrochen
expect_status 64 -- oz --db "$TMP/plain" settings --rep-policy some
expect_status 77 -- oz --db "$TMP/plain" --readonly settings --gate-scope off
expect_status 0 -- oz --db "$TMP/plain" --readonly settings

# --config FILE: must exist; excludes --ignore-config
expect_status 66 -- oz --config "$TMP/nope" list
expect_contains "$ERR" "$TMP/nope"
expect_status 64 -- oz --config "$CONF" --ignore-config list

# every problem with FILE:LINE, in config, keys and themes; exit 65
cat >"$TMP/bad.conf" <<EOF
theme = mine
color = sometimes
bogus = 1
keys = bad.keys
no equals here
[new-database]
gate-team = nirgendwo
[elsewhere]
EOF
printf 'bind projects x mark\nbind nowhere x mark\nbind projects y frobnicate\n' >"$TMP/bad.keys"
printf '# mine\ntitle = white blue bold\ntitel = red default\nok = green purple\n' \
	>"$XDG_CONFIG_HOME/ozgtui/themes/mine.theme"
expect_status 65 -- oz --config "$TMP/bad.conf" --check-config
for want in \
	"$TMP/bad.conf:2: color: expected auto, always or never, not 'sometimes'" \
	"$TMP/bad.conf:3: unknown key 'bogus'" \
	"$TMP/bad.conf:5: expected 'key = value'" \
	"$TMP/bad.conf:8: unknown section [elsewhere]" \
	"$TMP/bad.conf:7: gate-team: unknown phase 'nirgendwo'" \
	"$TMP/bad.keys:2: unknown context 'nowhere'" \
	"$TMP/bad.keys:3: unknown action 'frobnicate'" \
	"mine.theme:3: unknown role 'titel'" \
	"mine.theme:4: unknown background colour in 'green purple'"; do
	expect_contains "$ERR" "$want"
done
expect_contains "$OUT" "9 problems"
# a missing key file named by the config is a problem; a missing theme too
printf 'keys = gone\ntheme = nosuch\n' >"$TMP/gone.conf"
rm "$XDG_CONFIG_HOME/ozgtui/themes/mine.theme"
expect_status 65 -- oz --config "$TMP/gone.conf" --check-config
expect_contains "$ERR" "$TMP/gone.conf:1: keys: $TMP/gone:"
expect_contains "$ERR" "$TMP/gone.conf:2: theme: no theme 'nosuch'"
# --theme on the command line is checked instead of the file's
expect_status 0 -- oz --ignore-config --theme high-contrast --check-config

# a bad line warns on every run, but the rest applies and the command works
printf 'color = sometimes\ndatabase = %s\n' "$TMP/plain" >"$CONF"
expect_status 0 -- oz settings
expect_contains "$ERR" "ozgtui: warning: $CONF:1: color: expected auto, always or never"
expect_contains "$OUT" "rep-policy   all"

# ozgtui never writes the user's file
sum_before=$(cksum <"$CONF")
oz settings --gate-scope off >/dev/null 2>&1
expect_eq "$(cksum <"$CONF")" "$sum_before" "the config file is unchanged"

finish
