#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the guest and the hosted build with CC=clang, -Werror,
# in build directories of their own next to HOSTED_DIR; both then run.
#
#   scripts/clang-build-check.sh HOSTED_DIR
#
# KTAP, one result per step, and a closing line counted from those
# results. A build that fails fails the run of its product as well: an
# older product of an earlier build must not pass in its place. Exit 1
# if any step failed, 77 (skip) without clang.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
root=$(dirname "${1:?usage: clang-build-check.sh HOSTED_DIR}")
if ! command -v clang >/dev/null; then
	echo "1..0 # SKIP clang not installed"
	exit 77
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT

n=0
passed=0
failed=0
# result STATUS DESCRIPTION: one KTAP line; on failure, before it, the
# log's FAIL lines (the failed cases of a test run) and its last lines.
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok $n $2"
	else
		failed=$((failed + 1))
		{ grep '^FAIL ' "$log" | head -n 20; tail -n 10 "$log"; } | sed 's/^/# /'
		echo "not ok $n $2"
	fi
}

build() {	# build CONFIG: configs/CONFIG_defconfig into $root/clang-CONFIG
	{ make -s -C "$top" O="$root/clang-$1" CC=clang "$1_defconfig" &&
		make -s -C "$top" O="$root/clang-$1" CC=clang all; } >"$log" 2>&1
}

echo "KTAP version 1"
echo "1..4"
build x86_64
built_guest=$?
result $built_guest "clang builds x86_64"
build hosted
built_hosted=$?
result $built_hosted "clang builds hosted"
if [ $built_hosted -eq 0 ]; then
	"$root/clang-hosted/pvpatch-hosted-tests" static_call.stress_updates=10000 >"$log" 2>&1
else
	echo "not built" >"$log"; false
fi
result $? "clang hosted tests pass"
if [ $built_guest -eq 0 ]; then
	"$top/tools/pvrun" --quiet --smp 2 "$root/clang-x86_64/pvpatch.elf" >"$log" 2>&1
else
	echo "not built" >"$log"; false
fi
result $? "clang guest passes its suites"
echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
