#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench: Linux 6.1's irq ops beside pvpatch's, one table per
# environment, each Linux run right after the pvpatch run it is compared
# with, in the same emulator (scripts/irq-compare.py).
#
#   scripts/bench-linux.sh OUT_DIR
#
# OUT_DIR holds scripts/bench.sh's logs (guest-smp1.txt, xen-pv-smp1.txt);
# this adds linux-ENV.txt and linux-vs-pvpatch-ENV.dat for the charts.
# Prints why an environment is not run (the Linux KUnit kernel not built,
# Xen not installed, no usable /dev/kvm) instead of failing.
set -u
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$("$top/scripts/linux-kunit.sh" --print-dir) || exit 2

if [ ! -f "$kdir/versions" ]; then
	echo
	echo "== Linux 6.1 rows: not run: the KUnit kernel is not built ('make linux-kernel', about 20 minutes once) =="
	exit 0
fi
make -s -C "$top" linux-modules >/dev/null || { echo "bench-linux: make linux-modules failed" >&2; exit 1; }
module=$top/build/linux/modules/pvpatch_linux_bench.ko

# linux ENV TITLE PVPATCH_LOG PVRUN_ARGS...: boot Linux with the bench
# module, then print the side-by-side table.
linux() {
	env=$1 title=$2 ours=$3
	shift 3
	echo
	echo "== $title: Linux 6.1 beside pvpatch =="
	if [ ! -f "$ours" ]; then
		echo "bench-linux: no pvpatch run to compare with ($ours)" >&2
		return 1
	fi
	if ! "$top/tools/pvrun" -q --timeout 600 --log "$out/linux-$env.txt" \
		--kernel "$kdir/bzImage" --module "$module" "$@" >"$out/linux-$env.run" 2>&1; then
		echo "bench-linux: the Linux run failed; last lines:" >&2
		tail -n 15 "$out/linux-$env.run" >&2
		return 1
	fi
	"$top/scripts/irq-compare.py" "$title" "$ours" "$out/linux-$env.txt" \
		"$out/linux-vs-pvpatch-$env.dat"
}

status=0
linux tcg "QEMU TCG -smp 1" "$out/guest-smp1.txt" --hv tcg --smp 1 || status=1
if [ -f "$out/xen-pv-smp1.txt" ]; then
	linux xen-pv "Xen PV dom0, Xen 4.17 in QEMU TCG -smp 1" "$out/xen-pv-smp1.txt" \
		--hv xen --xen-type pv --smp 1 || status=1
else
	echo
	echo "== Xen PV dom0: Linux 6.1 beside pvpatch: not run: no pvpatch Xen PV run (Xen not installed) =="
fi
if [ -r /dev/kvm ] && [ -w /dev/kvm ] && [ -f "$out/guest-kvm.txt" ]; then
	linux kvm "QEMU KVM -smp 1" "$out/guest-kvm.txt" --hv kvm --smp 1 || status=1
else
	echo
	echo "== KVM: Linux 6.1 beside pvpatch: not run: no usable /dev/kvm here =="
fi
exit $status
