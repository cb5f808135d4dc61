#!/bin/bash
# t_install.sh BUILDDIR - `meson install --destdir` puts the binary, both man
# pages, the themes, the bash and zsh completions and the message catalogs in
# their usual places below the prefix, and the installed binary finds its
# installed themes and catalogs.
set -u
BUILD=${1:?usage: t_install.sh BUILDDIR}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ozgtui-install-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if ! meson install -C "$BUILD" --no-rebuild --destdir "$TMP/root" >"$TMP/log" 2>&1; then
	cat "$TMP/log" >&2
	fail "meson install"
	exit 1
fi
prefix=$(meson introspect "$BUILD" --buildoptions | python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print(o["prefix"], o["bindir"], o["datadir"], o["mandir"], o["localedir"])')
read -r PREFIX BINDIR DATADIR MANDIR LOCALEDIR <<<"$prefix"
abs() { case $1 in /*) echo "$1" ;; *) echo "$PREFIX/$1" ;; esac; }
R=$TMP/root
BIN=$R$(abs "$BINDIR")/ozgtui
SHARE=$R$(abs "$DATADIR")
MAN=$R$(abs "$MANDIR")
LOC=$R$(abs "$LOCALEDIR")

want=(
	"$BIN"
	"$MAN/man1/ozgtui.1"
	"$MAN/man5/ozgtui-config.5"
	"$SHARE/ozgtui/themes/default.theme"
	"$SHARE/ozgtui/themes/light.theme"
	"$SHARE/ozgtui/themes/monochrome.theme"
	"$SHARE/ozgtui/themes/high-contrast.theme"
	"$SHARE/zsh/site-functions/_ozgtui"
)
# bash-completion's own directory when its pkg-config file is there, else ours
if pkg-config --exists bash-completion 2>/dev/null; then
	BASHCOMP=$R$(pkg-config --variable=completionsdir --define-variable=datadir="$(abs "$DATADIR")" bash-completion)/ozgtui
else
	BASHCOMP=$SHARE/bash-completion/completions/ozgtui
fi
want+=("$BASHCOMP")
for lang in $(cat "$(dirname "$0")/../../po/LINGUAS" 2>/dev/null); do
	want+=("$LOC/$lang/LC_MESSAGES/ozgtui.mo")
done
for f in "${want[@]}"; do
	[ -f "$f" ] || fail "not installed: ${f#$R}"
done
[ -x "$BIN" ] || fail "the binary is not executable"
# nothing but the expected kinds of files
while IFS= read -r f; do
	case ${f#$R} in
	*/bin/ozgtui|*/man1/ozgtui.1*|*/man5/ozgtui-config.5*|*/ozgtui/themes/*.theme|*/site-functions/_ozgtui|\
	*/completions/ozgtui|*/LC_MESSAGES/ozgtui.mo) ;;
	*) fail "unexpected file installed: ${f#$R}" ;;
	esac
done < <(find "$R" -type f)

# the installed man pages render without warnings
if command -v groff >/dev/null 2>&1; then
	for page in "$MAN/man1/ozgtui.1" "$MAN/man5/ozgtui-config.5"; do
		w=$(groff -man -ww -z -Tutf8 "$page" 2>&1)
		[ -z "$w" ] || fail "groff warnings in ${page#$R}: $w"
	done
fi
# the completions load in their shells
[ -f "$BASHCOMP" ] && { bash -n "$BASHCOMP" || fail "bash completion does not parse"; }
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$SHARE/zsh/site-functions/_ozgtui" || fail "zsh completion does not parse"
fi

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s); installed:" >&2
	(cd "$R" && find . -type f | sort) >&2
	exit 1
fi
echo "installed into $R$PREFIX: $(cd "$R" && find . -type f | wc -l) files"
exit 0
