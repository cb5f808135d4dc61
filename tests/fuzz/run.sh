#!/bin/bash
# tests/fuzz/run.sh [-t SECONDS] [TARGET...] - builds the libFuzzer targets with
# clang in build-fuzz (AddressSanitizer, UndefinedBehaviorSanitizer, coverage)
# and runs each for SECONDS (default 10), starting from the seed corpus in
# tests/fuzz/corpus/TARGET. New inputs go to build-fuzz/fuzz-corpus/TARGET
# (kept between runs, never into the source tree); a crash, leak, sanitizer
# report or hang (an input that takes over 25 s) is saved in
# build-fuzz/fuzz-artifacts/. Prints one line per target,
#   PASS fuzz_record: 412345 runs in 10 s, cov 1773, ft 5174, corpus 693
#   FAIL fuzz_filter: crash-0123abcd (build-fuzz/fuzz-artifacts/...)
# and exits 1 when any target failed (2 when the build failed). Targets: record
# filter json_import csv_import theme keys (default: all). docs/fuzzing.md.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=10
if [ "${1:-}" = "-t" ]; then
	secs=$2
	shift 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(record filter json_import csv_import theme keys)
B=build-fuzz

if ! command -v clang >/dev/null 2>&1; then
	echo "FAIL fuzz: clang is not installed (scripts/lib/deps.sh installs it)"
	exit 2
fi
if [ ! -f "$B/build.ninja" ]; then
	CC=clang meson setup "$B" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link -Dwerror=false >"$B.setup.log" 2>&1 ||
		{ tail -n 30 "$B.setup.log"; echo "FAIL fuzz: meson setup $B"; exit 2; }
fi
exes=()
for t in "${targets[@]}"; do
	[ -f "tests/fuzz/fuzz_$t.c" ] && exes+=("tests/fuzz/fuzz_$t")
done
ninja -C "$B" "${exes[@]}" >"$B.build.log" 2>&1 ||
	{ tail -n 40 "$B.build.log"; echo "FAIL fuzz: build"; exit 2; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export OZGTUI_NOW=2025-03-01T00:00:00Z
failed=0
mkdir -p "$B/fuzz-artifacts"
for t in "${targets[@]}"; do
	exe="$B/tests/fuzz/fuzz_$t"
	if [ ! -x "$exe" ]; then
		echo "FAIL fuzz_$t: not built (no tests/fuzz/fuzz_$t.c?)"
		failed=$((failed + 1))
		continue
	fi
	work="$B/fuzz-corpus/$t"
	log="$B/fuzz-$t.log"
	mkdir -p "$work"
	seeds="tests/fuzz/corpus/$t"
	[ -d "$seeds" ] || seeds=
	"$exe" "$work" $seeds -max_total_time="$secs" -timeout=25 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$B/fuzz-artifacts/$t-" >"$log" 2>&1
	rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -eq 0 ] && [ -n "$done_line" ]; then
		cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$done_line")
		ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
		corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
		echo "PASS fuzz_$t: ${runs:-?} runs in $secs s, cov $cov, ft $ft, corpus $corp"
	else
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "FAIL fuzz_$t: exit $rc${art:+, input in $art} (log: $log)"
		grep -m 12 -E 'ERROR|runtime error|SUMMARY|#[0-9]+ 0x.* in ' "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
