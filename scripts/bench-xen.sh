#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The irq-op benchmark of a Xen PV image as Xen's PV dom0 (tools/pvrun
# --hv xen: Xen 4.17 in QEMU TCG): the inline Xen arm, a call to an
# out-of-line mask function, and the pending path's hypercall. Prints the
# benchmark lines (those starting '#' or two spaces); emulated: ratios.
#
#   scripts/bench-xen.sh XEN_PV_IMAGE
#   scripts/bench-xen.sh --probe    can it run here? if not, say why
#
# Exit status 77, with a line saying why, when Xen is not installed; 1,
# with the console's last lines, unless the guest powered off reporting
# success.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 XEN_PV_IMAGE|--probe" >&2; exit 2; }
xen=/boot/xen-4.17-amd64.gz	# what tools/pvrun --hv xen boots

if [ ! -f "$xen" ]; then
	echo "$xen not found (xen-hypervisor-4.17-amd64 not installed)"
	exit 77
fi
[ "$1" != --probe ] || exit 0
image=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# pvrun wants KTAP and a benchmark run has none: judge by the power-off.
"$(dirname "$0")/../tools/pvrun" --hv xen --smp 1 --timeout 300 "$image" \
	--append "bench=irq" >"$log" 2>&1 || true
grep -v '^(XEN)' "$log" | grep -E '^(#|  )' || true
if ! grep -q 'pvpatch: power off, status pass' "$log"; then
	echo "bench xen: the guest did not power off reporting success; last lines:" >&2
	tail -n 20 "$log" >&2
	exit 1
fi
