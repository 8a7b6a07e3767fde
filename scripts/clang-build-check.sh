#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the guest and the hosted build with CC=clang, -Werror,
# in build directories of their own next to HOSTED_DIR; both then run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=$(dirname "$1")
if ! command -v clang >/dev/null; then
	echo "SKIP: clang not installed"
	exit 77
fi
for config in x86_64 hosted; do
	out="$root/clang-$config"
	make -s -C "$top" O="$out" CC=clang "${config}_defconfig" >/dev/null
	make -s -C "$top" O="$out" CC=clang all >/dev/null
	echo "ok - clang builds $config"
done
"$root/clang-hosted/pvpatch-hosted-tests" static_call.stress_updates=10000 >/dev/null
echo "ok - clang hosted tests pass"
"$top/tools/pvrun" --quiet --smp 2 "$root/clang-x86_64/pvpatch.elf" >/dev/null
echo "ok - clang guest passes its suites"
echo "4 passed, 0 failed"
