#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the benchmark tables, hosted (native speed) and in the
# guest under QEMU TCG (emulated: compare rows as ratios, not absolutes).
#
#   scripts/bench.sh GUEST_IMAGE HOSTED_DIR
set -eu
image=$1
hosted=$2

echo "== hosted (Linux userspace, native speed) =="
"$hosted/pvpatch-hosted-tests" bench=all

for smp in 1 4; do
	echo
	echo "== guest, QEMU TCG -smp $smp (emulated: ratios only) =="
	timeout --kill-after=5 600 qemu-system-x86_64 -M microvm -accel tcg \
		-m 256M -smp "$smp" -display none -monitor none -serial stdio \
		-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$image" -append "bench=all" </dev/null |
		tr -d '\r' | grep -E '^(#|  )'
done
