#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the benchmark tables, hosted (native speed) and in the
# guest under QEMU TCG (emulated: compare rows as ratios, not absolutes),
# then one chart per run of its irq-op table.
#
#   scripts/bench.sh GUEST_IMAGE HOSTED_DIR [XEN_PV_IMAGE]
#
# With XEN_PV_IMAGE, also the irq ops' Xen arms in a Xen PV dom0
# (scripts/bench-xen.sh), or a line saying why not (Xen not installed).
# Then Linux 6.1's irq ops beside pvpatch's in each environment
# (scripts/bench-linux.sh), when the Linux KUnit kernel is cached.
#
# Each run's "# irqdata" lines go to irq/RUN.dat next to GUEST_IMAGE,
# headed by "# irqenv guest|hosted ...", which titles its chart
# (scripts/bench-plot.sh: irq/RUN.png and irq/RUN.svg).
set -eu
image=$1
hosted=$2
xen_image=${3:-}
scripts=$(dirname "$0")
out=$(dirname "$image")/irq

mkdir -p "$out"
rm -f "$out"/*.dat "$out"/*.txt "$out"/*.png "$out"/*.svg

# run NAME ENV COMMAND...: run one benchmark run, print its tables and
# keep its irq data. ENV starts with "guest" or "hosted".
run() {
	name=$1
	env=$2
	shift 2
	echo
	echo "== $env =="
	if ! "$@" >"$out/$name.txt"; then
		cat "$out/$name.txt"
		echo "bench: $env: failed" >&2
		exit 1
	fi
	# The irqdata lines are for the chart: in NAME.dat, not on screen.
	grep -E '^(#|  )' "$out/$name.txt" | grep -v '^# irqdata ' || true
	{
		echo "# irqenv $env"
		grep '^# irqdata ' "$out/$name.txt" || true
	} >"$out/$name.dat"
}

run hosted "hosted (Linux userspace, native speed)" \
	"$hosted/pvpatch-hosted-tests" bench=all
for smp in 1 4; do
	run "guest-smp$smp" "guest, QEMU TCG -smp $smp (emulated: ratios only)" \
		"$scripts/bench-guest.sh" "$image" "$smp" bench=all
done
# The runs above boot the irq ops' inline arm; this one shows the call arm.
run guest-smp1-call "guest, QEMU TCG -smp 1, pvops.irq=call (emulated: ratios only)" \
	"$scripts/bench-guest.sh" "$image" 1 "bench=irq pvops.irq=call"

if [ -n "$xen_image" ]; then
	if why=$("$scripts/bench-xen.sh" --probe); then
		run xen-pv-smp1 "Xen PV dom0, Xen 4.17 in QEMU TCG -smp 1 (emulated: ratios only)" \
			"$scripts/bench-xen.sh" "$xen_image"
	else
		echo
		echo "== Xen PV: not run: $why =="
	fi
fi

if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	run guest-kvm "guest, QEMU KVM -smp 1" \
		"$scripts/bench-guest.sh" "$image" 1 "bench=irq" kvm
fi

"$scripts/bench-linux.sh" "$out"

echo
echo "== objtool throughput (host; MB of executable sections per second, best of 3; ms/kB and fixed ms per object from a fit over one run per object) =="
"$scripts/bench-objtool.sh" "$(dirname "$image")/tools/objtool" "$(dirname "$image")"

echo
echo "== irq-op charts (data: $out/*.dat) =="
for data in "$out"/*.dat; do
	"$scripts/bench-plot.sh" "$data" "$out"
done
