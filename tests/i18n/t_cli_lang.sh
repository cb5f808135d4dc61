#!/bin/bash
# t_cli_lang.sh OZGTUI LOCALEDIR - the language follows the locale: German
# --help, command help, error messages and table headings with LANGUAGE=de
# (C.UTF-8, and de_DE.UTF-8 when the machine has it, which also brings German
# dates and thousands separators), English with LANG=C; machine formats (tsv,
# json) and data stay as they are; the config file's `language` applies unless
# LANGUAGE is set.
. "$(dirname "$0")/../cli/lib.sh"
export OZGTUI_LOCALEDIR=${2:?usage: t_cli_lang.sh OZGTUI LOCALEDIR}
oz init --demo >/dev/null || fail "init"

de() { env LC_ALL=C.UTF-8 LANGUAGE=de "$OZGTUI" "$@"; }
en() { env -u LANGUAGE LC_ALL=C "$OZGTUI" "$@"; }

out=$(de --help)
expect_contains "$out" "Aufruf: ozgtui [OPTIONEN]" "German --help"
expect_contains "$out" "Befehle:"
expect_contains "$out" "Rückgabewerte:"
out=$(en --help)
expect_contains "$out" "usage: ozgtui [OPTIONS]" "English --help with LANG=C"
expect_not_contains "$out" "Befehle"

expect_status 64 -- de list --frob
expect_contains "$ERR" "ozgtui: list: unbekannte Option '--frob' (siehe ozgtui list --help)" "German error"
expect_status 64 -- en list --frob
expect_contains "$ERR" "ozgtui: list: unknown option '--frob' (see ozgtui list --help)" "English error"
expect_status 0 -- de move --help
expect_contains "$OUT" "Gates (je Datenbank einstellbar)" "German command help"
expect_status 66 -- de --db "$TMP/none" list
expect_contains "$ERR" "keine Datenbank in $TMP/none"

# table headings and words are translated, tsv and json are not
expect_status 0 -- de list
expect_contains "$OUT" "Themenfeld" "German table heading"
expect_contains "$OUT" "Federführung"
expect_status 0 -- de list --format tsv
expect_contains "$(head -1 <<<"$OUT")" "number	uuid	phase	field" "tsv heading stays"
expect_status 0 -- de show 8
expect_contains "$OUT" "Urteil       Team: repräsentativ" "German show"
expect_contains "$OUT" "Sichtung" "phase names stay as stored"
expect_status 0 -- de show 8 --format json
json_check "$OUT" 'd["number"] == 8 and "phase" in d'

# German wording is gender-fair
expect_status 0 -- de settings --help
expect_contains "$OUT" "Koordinator*innen"

# the config file's language, unless LANGUAGE says otherwise
mkdir -p "$XDG_CONFIG_HOME/ozgtui"
echo "language = de" >"$XDG_CONFIG_HOME/ozgtui/config"
expect_status 64 -- env -u LANGUAGE LC_ALL=C.UTF-8 "$OZGTUI" list --frob
expect_contains "$ERR" "unbekannte Option" "config language = de"
expect_status 64 -- env LANGUAGE=en LC_ALL=C.UTF-8 "$OZGTUI" list --frob
expect_contains "$ERR" "unknown option" "LANGUAGE wins over the config file"
expect_status 64 -- env -u LANGUAGE LC_ALL=C "$OZGTUI" list --frob
expect_contains "$ERR" "unbekannte Option" "config language = de in the C locale"
rm "$XDG_CONFIG_HOME/ozgtui/config"

# with the German locale: German dates and thousands separators for people
if locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" orgs --filter köln
	expect_contains "$OUT" "1.017.355" "German thousands separator"
	expect_contains "$OUT" "Einwohner*innen"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" orgs --filter köln --format tsv
	expect_contains "$OUT" "1017355" "tsv keeps plain numbers"
	expect_status 0 -- env -u LANGUAGE LC_ALL=de_DE.UTF-8 "$OZGTUI" show 8
	expect_contains "$OUT" "22.07.2025" "German date"
	expect_status 0 -- env -u LANGUAGE LC_ALL=C.UTF-8 "$OZGTUI" show 8
	expect_contains "$OUT" "2025-07-22" "ISO date without a locale"
else
	echo "no de_DE.UTF-8 locale: German dates not checked"
fi
finish
