#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-xen: the guest under Xen 4.17 (in QEMU TCG) as a domU started
# by xl from a Debian dom0 (tools/pvrun --hv xen --domu ...).
#
# usage: scripts/check-xen.sh IMAGE [PV_IMAGE]
#
#   pvh        the whole guest suite of IMAGE as a PVH domU (2 vCPUs)
#   pv         the whole guest suite of PV_IMAGE (default: IMAGE) as a PV domU
#              (2 vCPUs): SKIPs while that image
#              has no Xen PV entry
#   pv-xl-cycles  50 `xl create` + `xl destroy` of PV_IMAGE in one dom0,
#              each checked, then the suite: no dom0 process may die of a
#              signal (the fault an unpinned dom0 vCPU gave xl; see
#              tools/pvlib/xen_domu.py XEN_ARGS)
#   pvh-crash-ud  the guest's deliberate #UD: its panic must end the domain
#              with shutdown reason crash and be shown
#   pvh-triple-fault  a stand-in guest that triple-faults (Xen turns that
#              into a reboot): reported as a failure with the Xen console tail
#   pvh-hang   a stand-in guest that spins: must be destroyed at its time-out
#
# Each run boots Xen and dom0 afresh (~25 s idle, more on a loaded host);
# pvrun prints the boot, xl and domU times of each. Needs the dom0 from
# scripts/xen-dom0.sh and pvwait (make xen-tools) in IMAGE's directory.
set -u

[ $# = 1 ] || [ $# = 2 ] || { echo "usage: $0 IMAGE [PV_IMAGE]" >&2; exit 2; }
image=$1
pv_image=${2:-$1}
srctree=$(cd "$(dirname "$0")/.." && pwd)
pvrun=$srctree/tools/pvrun
pvwait=$(dirname "$image")/tools/xen/pvwait
tmp=$(mktemp -d /tmp/check-xen.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0 failed=0 skipped=0

# run NAME EXPECTED_STATUS EXPECTED_REGEX PVRUN-ARGS...
run() {
	name=$1 want=$2 regex=$3
	shift 3
	echo "check-xen: $name: tools/pvrun $*"
	t0=$(date +%s)
	"$pvrun" -q --pvwait "$pvwait" "$@" >"$tmp/$name.out" 2>&1
	status=$?
	t=$(($(date +%s) - t0))
	grep -E '^pvrun: xen .* domU: ' "$tmp/$name.out" | sed "s/^pvrun: /check-xen: $name: /"
	grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$tmp/$name.out" |
		tail -n 1 | sed "s/^/check-xen: $name: pvrun: /"
	if [ "$status" = 77 ]; then
		# This environment or image cannot run it: say why.
		verdict="SKIP ($(sed -n 's/^SKIP: //p' "$tmp/$name.out" | head -n 1))"
	elif [ "$status" = "$want" ] && grep -Eq "$regex" "$tmp/$name.out"; then
		verdict=PASS
	else
		verdict=FAIL
	fi
	case $verdict in
	PASS) passed=$((passed + 1)) ;;
	SKIP*) skipped=$((skipped + 1)) ;;
	FAIL) failed=$((failed + 1))
	      echo "check-xen: $name: pvrun exited $status (expected $want, output matching /$regex/); its output:"
	      sed 's/^/    /' "$tmp/$name.out" | tail -n 60 ;;
	esac
	echo "check-xen: $name: $verdict in ${t}s"
}

"$srctree/tools/xen/standin-image" triple-fault "$tmp/triple-fault.elf"
"$srctree/tools/xen/standin-image" hang "$tmp/hang.elf"

run pvh 0 '^[0-9]+ passed, 0 failed' --hv xen --domu pvh --smp 2 --timeout 300 "$image"
run pv 0 '^[0-9]+ passed, 0 failed' --hv xen --domu pv --smp 2 --timeout 120 "$pv_image"
run pv-xl-cycles 0 '^[0-9]+ passed, 0 failed' --hv xen --domu pv --smp 2 --timeout 120 \
	--xl-cycles 50 "$pv_image"
run pvh-crash-ud 0 '^PASS ' --hv xen --domu pvh --timeout 60 \
	--append crash=ud --expect-crash 'vector 6 \(#UD\)' "$image"
run pvh-triple-fault 1 'domU triple-faulted' \
	--hv xen --domu pvh --timeout 60 "$tmp/triple-fault.elf"
run pvh-hang 124 'domU timed out after 15s and was destroyed' \
	--hv xen --domu pvh --timeout 15 "$tmp/hang.elf"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
