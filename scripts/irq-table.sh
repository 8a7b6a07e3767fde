#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The irq-op table of a guest image: boot it under QEMU TCG on one CPU
# with bench=irq, once with each arm of the irq pvops (inline, call),
# and print the tables. Emulated cycles: compare rows as ratios.
#
#   scripts/irq-table.sh IMAGE
#
# Exit status 1 when a boot does not finish (its half table is not
# printed), 2 when IMAGE is not a guest image with the irq benchmark.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 IMAGE" >&2; exit 2; }
image=$1
scripts=$(dirname "$0")

# Every guest image links the irq benchmark (CONFIG_BENCH adds only the
# update benchmark), so an image without it is the wrong file.
if [ ! -f "$image" ]; then
	echo "irq-table: $image: no such file (make builds the guest image)" >&2
	exit 2
fi
if ! nm "$image" 2>/dev/null | grep -q ' T bench_irq_ops$'; then
	echo "irq-table: $image: not a guest image (no bench_irq_ops)" >&2
	exit 2
fi

table=$(mktemp)
trap 'rm -f "$table"' EXIT
for arm in inline call; do
	echo "== guest, QEMU TCG -smp 1, pvops.irq=$arm (emulated: ratios only) =="
	# Into a file, not a pipe: a pipeline's status is its last command's,
	# and a boot that did not finish must fail here (set -e).
	"$scripts/bench-guest.sh" "$image" 1 "bench=irq pvops.irq=$arm" >"$table"
	grep -v '^# irqdata ' "$table" || true
done
