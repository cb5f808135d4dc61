#!/bin/bash
# t_completion.sh OZGTUI COMPLETIONS_DIR - the bash and zsh completions load in
# their shells and complete verbs, phases (case-insensitively), topic fields and
# project numbers from the database through `ozgtui complete`.
. "$(dirname "$0")/../cli/lib.sh"
COMP=${2:?usage: t_completion.sh OZGTUI COMPLETIONS_DIR}
mkdir -p "$TMP/bin"
ln -s "$OZGTUI" "$TMP/bin/ozgtui"
export PATH="$TMP/bin:$PATH"
export XDG_CONFIG_HOME="$TMP/config"
oz init --demo >/dev/null || fail "init"

# the hidden verb itself
expect_status 0 -- oz complete phases ums
expect_eq "$OUT" "Umsetzung" "complete phases ums"
expect_status 0 -- oz complete fields bau
expect_eq "$OUT" "bauen_wohnen" "complete fields bau"
expect_status 0 -- oz complete projects 8
expect_contains "$OUT" "80" "project numbers"
expect_status 0 -- oz --db "$TMP/none" complete phases
expect_eq "$OUT$ERR" "" "no database: silence"
expect_status 64 -- oz complete nonsense
oz --help | grep -q "complete" && fail "the hidden verb shows in --help"

# bash: with no bash-completion helpers loaded
bc() {
	bash --norc --noprofile -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ozgtui; printf "%s\n" "${COMPREPLY[@]}"' \
		bash "$COMP/ozgtui.bash" "$@"
}
expect_eq "$(bc ozgtui move 1 Ums)" "Umsetzung" "bash: move 1 Ums"
expect_eq "$(bc ozgtui move 1 ums)" "Umsetzung" "bash: move 1 ums"
expect_eq "$(bc ozgtui settings --gate-team pilo)" "Pilotierung" "bash: --gate-team pilo"
expect_eq "$(bc ozgtui list phase:entsch)" "phase:Entscheidung" "bash: list phase:entsch"
expect_eq "$(bc ozgtui edit 1 --field bau)" "bauen_wohnen" "bash: --field bau"
expect_contains "$(bc ozgtui mo)" "move" "bash: verbs"
expect_contains "$(bc ozgtui show 8)" "82" "bash: project numbers"
expect_contains "$(bc ozgtui move --)" "--force" "bash: options of a verb"
expect_contains "$(bc ozgtui --db "$TMP/db" team 1 "")" "role" "bash: team actions"
# a phase with a blank is one word for the shell
oz --db "$TMP/kdn" init --phases kdn >/dev/null
expect_eq "$(bc ozgtui --db "$TMP/kdn" move 1 "Umsetzung\\ N")" 'Umsetzung\ NRW' "bash: quoted phase name"

# zsh: the function loads through compinit and offers the same candidates
if ! command -v zsh >/dev/null 2>&1; then
	echo "zsh is not installed: its half skipped"
	finish
fi
zc() {
	ZDOTDIR=$TMP zsh -f -c '
		fpath=("$1" $fpath); shift
		autoload -U compinit; compinit -u -d "$ZDOTDIR/.zcompdump"
		[[ $_comps[ozgtui] == _ozgtui ]] || { print "not registered"; exit 1; }
		compadd() {
			while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -[SPJV] ]] && shift; shift; done
			[[ $1 == -- ]] && shift
			print -rl -- "$@"
		}
		words=("$@"); CURRENT=$#
		_ozgtui' zsh "$COMP" "$@"
}
expect_eq "$(zc ozgtui move 1 Ums)" "Umsetzung" "zsh: move 1 Ums"
expect_eq "$(zc ozgtui list phase:entsch)" "phase:Entscheidung" "zsh: list phase:entsch"
expect_contains "$(zc ozgtui mo)" "move" "zsh: verbs"
expect_contains "$(zc ozgtui show 8)" "82" "zsh: project numbers"
finish
