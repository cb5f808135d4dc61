# bash completion for ozgtui                               -*- shell-script -*-
# Installed as bash-completion's completions/ozgtui. Candidates that live in the
# database (phases, topic fields, project numbers) come from the hidden verb
# `ozgtui complete WHAT PREFIX`, which matches case- and accent-insensitively
# ("ums" completes to "Umsetzung") and prints nothing when there is no database.
# Needs nothing from the bash-completion package.

# _ozgtui_list WHAT [ARG] PREFIX: fill COMPREPLY, quoting for the shell
_ozgtui_list()
{
	local line args=("$@")
	# the prefix as the shell will see it: without quotes and backslashes
	local pfx=${args[-1]}
	pfx=${pfx#[\"\']}
	pfx=$(printf '%s' "$pfx" | sed 's/\\\(.\)/\1/g')
	args[-1]=$pfx
	COMPREPLY=()
	while IFS= read -r line; do
		[ -n "$line" ] && COMPREPLY+=("$(printf '%q' "$line")")
	done < <("${_ozgtui_cmd[@]}" complete "${args[@]}" 2>/dev/null)
}

_ozgtui()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
	# the program as typed, with the global options that choose the database
	_ozgtui_cmd=("${COMP_WORDS[0]}")
	local i=1 verb= vi=0 w
	while [ "$i" -lt "$COMP_CWORD" ]; do
		w=${COMP_WORDS[i]}
		case $w in
		--db|--config)
			_ozgtui_cmd+=("$w" "${COMP_WORDS[i+1]/#\~/$HOME}"); i=$((i + 2)); continue ;;
		--db=*|--config=*|--ignore-config)
			_ozgtui_cmd+=("${w/=\~/=$HOME}") ;;
		--theme|--color)
			i=$((i + 2)); continue ;;
		-*) ;;
		*)
			verb=$w; vi=$i; break ;;
		esac
		i=$((i + 1))
	done

	# values of options
	case $prev in
	--db|-o|--output|--dest)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--config|--keys)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--theme)
		_ozgtui_list themes "$cur"; return ;;
	--color)
		COMPREPLY=($(compgen -W "never auto always" -- "$cur")); return ;;
	--phases)
		COMPREPLY=($(compgen -W "default kdn" -- "$cur")); return ;;
	--format)
		_ozgtui_list formats "$verb" "$cur"; return ;;
	--field)
		_ozgtui_list fields "$cur"; return ;;
	--gate-scope|--gate-team)
		_ozgtui_list phases "$cur"; COMPREPLY+=($(compgen -W "off" -- "$cur")); return ;;
	--rep-policy)
		COMPREPLY=($(compgen -W "span all" -- "$cur")); return ;;
	--role)
		COMPREPLY=($(compgen -W "lead member advisor" -- "$cur")); return ;;
	--kind)
		COMPREPLY=($(compgen -W "municipality county provider ministry other" -- "$cur")); return ;;
	esac

	if [ -z "$verb" ]; then
		case $cur in
		-*) COMPREPLY=($(compgen -W "--db --readonly --theme --color= --mouse --a11y --config
			--ignore-config --check-config --help --version" -- "$cur")) ;;
		*) _ozgtui_list verbs "$cur" ;;
		esac
		return
	fi
	case $cur in
	-*) _ozgtui_list options "$verb" "$cur"; return ;;
	phase:*|-phase:*)
		_ozgtui_list phases "${cur#*:}"
		COMPREPLY=("${COMPREPLY[@]/#/${cur%%:*}:}"); return ;;
	field:*|-field:*)
		_ozgtui_list fields "${cur#*:}"
		COMPREPLY=("${COMPREPLY[@]/#/${cur%%:*}:}"); return ;;
	esac

	# the position among the verb's words that are not options
	local n=0 j=$((vi + 1))
	while [ "$j" -lt "$COMP_CWORD" ]; do
		case ${COMP_WORDS[j]} in
		--reason|--expect-version|--title|--field|--format|--role|--limit|--filter|--sort|-o|--notes|--priority|--service|--lead|--member|--phases|--gate-scope|--gate-team|--rep-policy|--kind|--category)
			j=$((j + 1)) ;;
		-*) ;;
		*) n=$((n + 1)) ;;
		esac
		j=$((j + 1))
	done
	case $verb in
	move)
		case $n in
		0) _ozgtui_list projects "$cur" ;;
		1) _ozgtui_list phases "$cur" ;;
		esac ;;
	show|edit|interest|history)
		[ "$n" -eq 0 ] && _ozgtui_list projects "$cur" ;;
	team)
		case $n in
		0) _ozgtui_list projects "$cur" ;;
		1) COMPREPLY=($(compgen -W "add rm role" -- "$cur")) ;;
		esac ;;
	help)
		[ "$n" -eq 0 ] && _ozgtui_list verbs "$cur" ;;
	import)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	list|check|export)
		COMPREPLY=($(compgen -W "phase: field: lead: member: interest: service: component: prio: rep: late: stale: demo: number:" -- "$cur"))
		compopt -o nospace 2>/dev/null ;;
	esac
}
complete -F _ozgtui ozgtui
