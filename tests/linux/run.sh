#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One Linux row of the test table: boot the cached Linux 6.1 KUnit kernel
# (scripts/linux-kunit.sh) with tests/linux's unwind module under tools/pvrun,
# then hand the console to Linux's own kunit.py parse.
#
#   tests/linux/run.sh ENV SMP [MODULE]
#
#   ENV     tcg | tcg-single | kvm | xen-pv-dom0 | xen-pvh-dom0 | xen-pv-domu | xen-pvh-domu
#   SMP     CPUs (vCPUs of dom0, or of the domU)
#   MODULE  module name in build/linux/modules (default pvpatch_linux_unwind)
#
# Exit status: pvrun's (0 pass, 1 fail, 77 skip, 124 time-out), or 1 when
# kunit.py rejects the console. SKIPs when the kernel has not been built:
# `make check-linux` builds it once (cached outside the clone).
set -u
[ $# -ge 2 ] || { echo "usage: $0 ENV SMP [MODULE]" >&2; exit 2; }
env=$1
smp=$2
module=${3:-pvpatch_linux_unwind}
top=$(cd "$(dirname "$0")/../.." && pwd)
kdir=$("$top/scripts/linux-kunit.sh" --print-dir) || exit 2

if [ ! -f "$kdir/versions" ]; then
	echo "SKIP: the Linux KUnit kernel is not built ($kdir): 'make check-linux' builds it once"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
fi
# Quick when up to date; rebuilds the modules after a change to tests/linux.
make -s -C "$top" linux-modules >/dev/null || { echo "run.sh: make linux-modules failed" >&2; exit 1; }

case $env in
tcg|kvm) hv="--hv $env" ;;
# One TCG thread for all vCPUs: with one per vCPU, a vCPU can run a stale
# translation of the int3 Linux's text_poke_bp left at a site after the
# final sync, and Linux oopses ("int3: 0000") in the re-target case
# (under TCG -smp 4 and, with Xen's vCPUs on QEMU's threads, Xen PV).
tcg-single) hv="--hv tcg --tcg-thread single" ;;
xen-pv-dom0) hv="--hv xen --xen-type pv --tcg-thread single" ;;
xen-pvh-dom0) hv="--hv xen --xen-type pvh --tcg-thread single" ;;
xen-pv-domu) hv="--hv xen --domu pv --tcg-thread single" ;;
xen-pvh-domu) hv="--hv xen --domu pvh --tcg-thread single" ;;
*) echo "$0: unknown ENV $env" >&2; exit 2 ;;
esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086 # hv is words
"$top/tools/pvrun" $hv --smp "$smp" --timeout 400 --log "$log" \
	--kernel "$kdir/bzImage" --module "$top/build/linux/modules/$module.ko"
status=$?
[ "$status" = 0 ] || [ "$status" = 1 ] || exit "$status"

# The domU paths log Xen's and dom0's console too: kunit.py reads the
# domU's lines, which pvrun prefixed.
case $env in
*-domu) sed -n 's/^.*domU| //p' "$log" >"$log.domu" && mv "$log.domu" "$log" ;;
esac
# Built-in KUnit prints its own "KTAP version 1 / 1..0" at boot (this
# kernel builds no suite in); pvinit's header, the last one, starts the
# document that holds the modules' suites.
start=$(grep -n '^KTAP version' "$log" | tail -n 1 | cut -d: -f1)
tail -n +"${start:-1}" "$log" |
	"$top/scripts/ktap-kunit-parse.sh" "$top/build/kunit-py" >"$log.parse" 2>&1
rc=$?
if [ "$rc" = 0 ]; then
	echo "kunit.py parse: $(grep -Eo 'Ran [0-9]+ tests.*' "$log.parse" | tail -n 1)"
elif [ "$rc" != 77 ]; then
	echo "kunit.py parse rejects the console (exit $rc):"
	tail -n 20 "$log.parse"
	status=1
fi
rm -f "$log.parse"
exit "$status"
