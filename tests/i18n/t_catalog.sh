#!/bin/bash
# t_catalog.sh SRCDIR - the German catalog is complete and in step with the
# sources: msgfmt -c passes for every catalog, de.po has no untranslated and no
# fuzzy message, every source file that marks strings (_, N_, P_, C_,
# STATUS_X, ACTION_X) is in po/POTFILES, and every string the sources mark (xgettext over
# po/POTFILES with the keywords of po/meson.build) is in de.po. Skipped (77)
# without gettext.
set -u
SRC=${1:?usage: t_catalog.sh SRCDIR}
command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 ||
	{ echo "gettext tools missing: skipped"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-po-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
export LC_ALL=C.UTF-8

for lang in $(cat "$SRC/po/LINGUAS"); do
	po=$SRC/po/$lang.po
	[ -f "$po" ] || { fail "po/LINGUAS names $lang, but po/$lang.po is missing"; continue; }
	msgfmt -c -o "$TMP/$lang.mo" "$po" 2>"$TMP/err" || fail "msgfmt -c $lang.po: $(cat "$TMP/err")"
done

stats=$(msgfmt --statistics -o /dev/null "$SRC/po/de.po" 2>&1)
echo "de.po: $stats"
case $stats in
*untranslated*) fail "de.po has untranslated messages: $stats" ;;
esac
case $stats in
*fuzzy*) fail "de.po has fuzzy messages: $stats" ;;
esac
# msgattrib lists what is left, to name it in the failure
if command -v msgattrib >/dev/null 2>&1; then
	left=$(msgattrib --untranslated --no-obsolete "$SRC/po/de.po" | grep -c '^msgid ' || true)
	[ "${left:-0}" -le 1 ] || fail "msgattrib: $((left - 1)) untranslated in de.po"
	left=$(msgattrib --only-fuzzy --no-obsolete "$SRC/po/de.po" | grep -c '^msgid ' || true)
	[ "${left:-0}" -le 1 ] || fail "msgattrib: $((left - 1)) fuzzy in de.po"
fi

# every source file that marks strings is in po/POTFILES (else its strings
# silently stay English), and every file POTFILES names exists
marked=$(cd "$SRC" && grep -rlE '(^|[^A-Za-z0-9_])(_|N_|P_|C_|STATUS_X|ACTION_X)\(' src include \
	--include='*.c' --include='*.h' | grep -vx 'include/ozgtui/i18n.h' | sort)
listed=$(grep -v '^#' "$SRC/po/POTFILES" | sed '/^$/d' | sort)
for f in $(comm -23 <(printf '%s\n' "$marked") <(printf '%s\n' "$listed")); do
	fail "$f marks strings for translation but is not in po/POTFILES"
done
for f in $listed; do
	[ -f "$SRC/$f" ] || fail "po/POTFILES names $f, which does not exist"
done

# the sources' strings, extracted as the build does
(cd "$SRC" && xgettext --from-code=UTF-8 --language=C -k_ -kN_ -kP_:1,2 -kC_:1c,2 -kSTATUS_X:3 -kACTION_X:2 \
	--files-from=po/POTFILES -o "$TMP/now.pot" 2>"$TMP/xerr") || fail "xgettext: $(cat "$TMP/xerr")"
if [ -f "$TMP/now.pot" ]; then
	msgcmp --use-untranslated "$SRC/po/de.po" "$TMP/now.pot" 2>"$TMP/cmp" ||
		fail "strings of the sources missing in de.po (run ninja ozgtui-update-po): $(head -20 "$TMP/cmp")"
fi

# gender-fair German: no generic masculine for the people who use ozgtui
for word in Koordinatoren Nutzer Benutzer Anwender Themenpaten Einwohner; do
	grep -nP "^msgstr.*\\b$word\\b(?![*:_])" "$SRC/po/de.po" && fail "de.po uses '$word' (gender-fair: e.g. Koordinator*innen)"
done

[ "$failures" -eq 0 ] || exit 1
echo "catalogs ok"
