#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run objtool's libFuzzer target (tools/objtool/fuzz_objtool.c) for a
# bounded time over the corpus in tests/fuzz/objtool.
#
#   scripts/fuzz-objtool.sh [--build BUILD_DIR] FUZZER|- SECONDS
#
# With --build, the fuzzer is built first (make O=BUILD_DIR objtool-fuzzer)
# and FUZZER is "-". New inputs go to BUILD_DIR/fuzz/corpus (the tree's
# corpus is only read); a crash leaves BUILD_DIR/fuzz/crash-* and makes
# the exit status non-zero. Exit 77 (skip) when clang's libFuzzer runtime
# is missing.
set -eu
srctree=$(cd "$(dirname "$0")/.." && pwd)
build=
if [ "${1:-}" = "--build" ]; then
	build=$(cd "$2" 2>/dev/null && pwd || echo "$2")
	shift 2
fi
[ $# -eq 2 ] || { echo "usage: $0 [--build BUILD_DIR] FUZZER|- SECONDS" >&2; exit 2; }
fuzzer=$1
seconds=$2

if [ -n "$build" ]; then
	if ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q " installed"; then
		echo "fuzz-objtool: SKIP: libclang-rt-14-dev (libFuzzer) is not installed (scripts/deps.sh)"
		exit 77
	fi
	make -s -C "$srctree" O="$build" objtool-fuzzer >&2
	fuzzer=$build/tools/fuzz_objtool
fi
out=$(dirname "$(dirname "$fuzzer")")/fuzz
mkdir -p "$out/corpus"
rm -f "$out"/crash-* "$out"/timeout-* "$out"/oom-* "$out"/leak-*

# close_fd_mask=3: objtool's messages stay quiet; libFuzzer and the
# sanitizers still report on their own descriptor.
status=0
start=$(date +%s.%N)
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -close_fd_mask=3 -print_final_stats=1 \
	-artifact_prefix="$out/" "$out/corpus" "$srctree/tests/fuzz/objtool" \
	>"$out/log" 2>&1 || status=$?
# Measured, not the time asked for: reading the corpus comes on top of
# -max_total_time, and a fuzzer that stops early has fuzzed for less.
elapsed=$(awk -v start="$start" -v end="$(date +%s.%N)" 'BEGIN { printf "%.1f", end - start }')
grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+ *DONE' "$out/log" || true
if [ "$status" -ne 0 ] || ls "$out"/crash-* "$out"/timeout-* "$out"/oom-* >/dev/null 2>&1; then
	grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$out/log" | head -20
	echo "fuzz-objtool: FAIL: the fuzzer found a problem (log: $out/log)"
	exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")
echo "fuzz-objtool: PASS: ${runs:-no count of} inputs in ${elapsed} s (asked for ${seconds} s), no crash"
