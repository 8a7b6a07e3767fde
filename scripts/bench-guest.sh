#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot a guest image with bench= arguments under QEMU (TCG, or KVM when
# ACCEL says so) and print its
# benchmark lines (those starting '#' or two spaces). Emulated: compare
# rows within one run as ratios, never with hardware.
#
#   scripts/bench-guest.sh IMAGE SMP BOOTARGS [ACCEL]
#
# Fails, with the console's last lines, unless the guest powers off
# reporting success: a benchmark that crashed half-way printed a table
# that must not be read as a result.
set -eu
[ $# -eq 3 ] || [ $# -eq 4 ] || { echo "usage: $0 IMAGE SMP BOOTARGS [tcg|kvm]" >&2; exit 2; }
image=$1
smp=$2
append=$3
accel=${4:-tcg}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# isa-debug-exit: QEMU exits with (value << 1) | 1, and the guest writes
# 0 for success (EXIT_PASS), so 1 is the one good status.
status=0
timeout --kill-after=5 600 qemu-system-x86_64 -M microvm -accel "$accel" \
	-m 256M -smp "$smp" -display none -monitor none -serial stdio \
	-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel "$image" -append "$append" </dev/null >"$log" 2>&1 || status=$?

tr -d '\r' <"$log" | grep -E '^(#|  )' || true
if [ "$status" != 1 ]; then
	echo "bench-guest: '$append' on $smp CPU(s) did not finish (QEMU status $status); last console lines:" >&2
	tr -d '\r' <"$log" | tail -n 15 >&2
	exit 1
fi
