#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The irq-op table of a guest image: boot it under QEMU TCG on one CPU
# with bench=irq, once with each arm of the irq pvops (inline, call),
# and print the tables. Emulated cycles: compare rows as ratios.
#
#   scripts/irq-table.sh IMAGE
#
# Exits 77 (skip, as tools/run-tests reads it) when IMAGE has no irq
# benchmark, saying which image has one.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 IMAGE" >&2; exit 2; }
image=$1
scripts=$(dirname "$0")

# The benchmarks are linked only with CONFIG_BENCH=y; the default guest
# leaves it off. Ask the image, not its configuration: it may have been
# built from any.
if ! nm "$image" | grep -q ' T bench_irq_ops$'; then
	echo "irq-table: $image has no irq benchmark (CONFIG_BENCH is off in the default guest)." >&2
	echo "irq-table: use the bench image: make bench, or" >&2
	echo "irq-table:   make O=build/x86_64-bench x86_64_bench_defconfig && make O=build/x86_64-bench" >&2
	echo "irq-table:   $0 build/x86_64-bench/pvpatch.elf" >&2
	exit 77
fi

for arm in inline call; do
	echo "== guest, QEMU TCG -smp 1, pvops.irq=$arm (emulated: ratios only) =="
	"$scripts/bench-guest.sh" "$image" 1 "bench=irq pvops.irq=$arm" |
		grep -v '^# irqdata '
done
