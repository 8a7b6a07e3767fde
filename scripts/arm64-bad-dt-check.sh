#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the arm64 guest on a device tree it cannot use must stop
# the boot with an error that names what is wrong, not hang. QEMU virt's
# own tree is dumped (dumpdtb, the machine pvrun boots) and changed in
# place without moving any offset in the blob, and the guest boots on it
# (-dtb; QEMU still writes /chosen/bootargs):
#
#   no-gic      the GIC's compatible renamed: no interrupt controller
#   bad-mpidr   cpu@1's reg (its MPIDR) names no CPU: PSCI CPU_ON fails
#
# The dump is padded to 1 MiB and QEMU doubles what it loads, past the
# 2 MiB the boot protocol allows: the blob is cut to its blocks first.
#
#   scripts/arm64-bad-dt-check.sh no-gic|bad-mpidr ARM64_IMAGE
#
# Prints one KTAP result; exit 0 pass, 1 fail, 77 (skip) without
# qemu-system-aarch64.
set -u
case=$1
image=$2
top=$(cd "$(dirname "$0")/.." && pwd)
qemu=qemu-system-aarch64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $case in
no-gic)
	smp=1
	name="arm64 guest refuses a device tree without a GIC"
	expect='device tree: no interrupt controller \(a node compatible with arm,gic-v3' ;;
bad-mpidr)
	smp=2
	name="arm64 guest names a CPU that PSCI CPU_ON cannot start"
	expect='smp: PSCI CPU_ON of cpu 1 \(MPIDR 0x7f\) failed: -2 \(INVALID_PARAMETERS\)' ;;
*)
	echo "usage: $0 no-gic|bad-mpidr ARM64_IMAGE" >&2
	exit 2 ;;
esac

echo "KTAP version 1"
echo "1..1"
if ! command -v "$qemu" >/dev/null; then
	echo "ok 1 $name # SKIP no $qemu"
	exit 77
fi
# pvrun's machine: -M virt -cpu cortex-a57 -m 128M.
timeout 30 "$qemu" -M virt,dumpdtb="$work/virt.dtb" -cpu cortex-a57 -m 128M -smp $smp \
	-display none >/dev/null 2>&1
/usr/bin/python3 - "$case" "$work/virt.dtb" "$work/bad.dtb" <<'PY' || { echo "not ok 1 $name: could not make the tree"; exit 1; }
import struct, sys
case, src, dst = sys.argv[1:]
blob = bytearray(open(src, "rb").read())
# Header (Devicetree Specification 5.2): off_dt_struct, off_dt_strings
# at 8 and 12, size_dt_strings and size_dt_struct at 32 and 36.
off_struct, off_strings = struct.unpack(">II", blob[8:16])
size_strings, size_struct = struct.unpack(">II", blob[32:40])
end = max(off_struct + size_struct, off_strings + size_strings)
del blob[end:]
blob[4:8] = struct.pack(">I", end)

def cpu1_reg():
    """Offset of the value of /cpus/cpu@1's reg (structure block tokens, 5.4)."""
    off, path = off_struct, []
    while True:
        tok, = struct.unpack(">I", blob[off:off + 4])
        off += 4
        if tok == 1:                       # FDT_BEGIN_NODE
            e = blob.index(b"\0", off)
            path.append(blob[off:e].decode())
            off = (e + 4) & ~3
        elif tok == 2:                     # FDT_END_NODE
            path.pop()
        elif tok == 3:                     # FDT_PROP
            length, nameoff = struct.unpack(">II", blob[off:off + 8])
            off += 8
            name = blob[off_strings + nameoff:blob.index(b"\0", off_strings + nameoff)]
            if path[-2:] == ["cpus", "cpu@1"] and name == b"reg" and length == 4:
                return off
            off = (off + length + 3) & ~3
        elif tok == 9:                     # FDT_END
            sys.exit("no /cpus/cpu@1 reg in QEMU's tree")

if case == "no-gic":
    gic = b"arm,cortex-a15-gic\0"
    if blob.count(gic) != 1:
        sys.exit("expected one %r in QEMU's tree" % gic)
    blob = blob.replace(gic, b"arm,cortex-a15-xxx\0")
else:
    at = cpu1_reg()
    blob[at:at + 4] = struct.pack(">I", 0x7f)
open(dst, "wb").write(blob)
PY
if "$top/tools/pvrun" --quiet --arch arm64 --smp $smp --timeout 30 --qemu-arg=-dtb \
	--qemu-arg="$work/bad.dtb" --log "$work/guest.log" --expect-crash "$expect" \
	"$image" >/dev/null 2>&1; then
	echo "ok 1 $name"
	exit 0
fi
echo "not ok 1 $name"
sed 's/^/# /' "$work/guest.log" | tail -n 20
exit 1
