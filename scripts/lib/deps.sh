# scripts/lib/deps.sh - installs the Debian packages ozgtui needs to build and test.
# Sourced by scripts/check and scripts/demo. Installs through apt-get as root or
# through sudo; otherwise prints the one apt-get line and fails.

OZGTUI_PACKAGES=(
	gcc meson ninja-build pkg-config python3
	libncurses-dev liblmdb-dev uuid-dev libjansson-dev libcsv-dev libinih-dev libutf8proc-dev
	libcmocka-dev tmux groff-base man-db locales gettext zsh bash-completion
	python3-jsonschema
	clang libclang-rt-14-dev valgrind cmark-gfm
)

ozgtui_missing_packages() {
	local p missing=()
	for p in "${OZGTUI_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] && printf '%s\n' "${missing[@]}"
	return 0
}

ozgtui_install_deps() {
	local missing
	mapfile -t missing < <(ozgtui_missing_packages)
	[ ${#missing[@]} -eq 0 ] && { ozgtui_de_locale; return 0; }
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo=(sudo -n)
		else
			echo "ozgtui needs these packages; install them with:" >&2
			echo "  sudo apt-get install -y ${missing[*]}" >&2
			return 1
		fi
	fi
	echo "installing: ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq >&2 || return 1
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 1
	ozgtui_de_locale
}

# German dates and numbers need the de_DE.UTF-8 locale: generated when we may
# (root or sudo); the i18n tests use it when it is there, else C.UTF-8 with
# LANGUAGE=de (German messages, ISO dates).
ozgtui_de_locale() {
	locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$' && return 0
	[ -f /etc/locale.gen ] || return 0
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 0
		sudo=(sudo -n)
	fi
	"${sudo[@]}" sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen &&
		"${sudo[@]}" locale-gen >/dev/null 2>&1
	return 0
}

# A UTF-8 locale for the TUI and its tests (C.UTF-8 ships with libc).
ozgtui_utf8_locale() {
	if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
		echo C.UTF-8
	else
		echo en_US.UTF-8
	fi
}

# Installs the named Debian packages when missing (scripts/bench: hyperfine, sqlite3).
ozgtui_install_packages() {
	local OZGTUI_PACKAGES=("$@")
	ozgtui_install_deps
}
