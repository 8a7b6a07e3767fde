#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the arm64 guest on a device tree without an interrupt
# controller must stop the boot with an error that names what is missing,
# not hang. QEMU virt always has a GIC, so its own tree is dumped
# (dumpdtb, the same machine pvrun boots), the GIC's compatible string is
# renamed in place (same length: no offset in the blob moves), and the
# guest boots on that tree (-dtb; QEMU still writes /chosen/bootargs).
# The dump is padded to 1 MiB and QEMU doubles what it loads, past the
# 2 MiB the boot protocol allows: the blob is cut to its blocks first.
#
#   scripts/arm64-no-gic-check.sh ARM64_IMAGE
#
# Prints one KTAP result; exit 0 pass, 1 fail, 77 (skip) without
# qemu-system-aarch64.
set -u
image=$1
top=$(cd "$(dirname "$0")/.." && pwd)
qemu=qemu-system-aarch64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "KTAP version 1"
echo "1..1"
name="arm64 guest refuses a device tree without a GIC"
if ! command -v "$qemu" >/dev/null; then
	echo "ok 1 $name # SKIP no $qemu"
	exit 77
fi
# pvrun's machine: -M virt -cpu cortex-a57 -m 128M, one CPU.
timeout 30 "$qemu" -M virt,dumpdtb="$work/virt.dtb" -cpu cortex-a57 -m 128M -smp 1 \
	-display none >/dev/null 2>&1
/usr/bin/python3 - "$work/virt.dtb" "$work/nogic.dtb" <<'PY' || { echo "not ok 1 $name: could not make the tree"; exit 1; }
import struct, sys
blob = open(sys.argv[1], "rb").read()
# Header (Devicetree Specification 5.2): off_dt_struct, off_dt_strings
# at 8 and 12, size_dt_strings and size_dt_struct at 32 and 36.
off_struct, off_strings = struct.unpack(">II", blob[8:16])
size_strings, size_struct = struct.unpack(">II", blob[32:40])
end = max(off_struct + size_struct, off_strings + size_strings)
blob = blob[:4] + struct.pack(">I", end) + blob[8:end]
gic = b"arm,cortex-a15-gic\0"
if blob.count(gic) != 1:
    sys.exit("expected one %r in QEMU's tree" % gic)
open(sys.argv[2], "wb").write(blob.replace(gic, b"arm,cortex-a15-xxx\0"))
PY
if "$top/tools/pvrun" --quiet --arch arm64 --timeout 30 --qemu-arg=-dtb \
	--qemu-arg="$work/nogic.dtb" --log "$work/guest.log" \
	--expect-crash 'device tree: no interrupt controller \(a node compatible with arm,gic-v3' \
	"$image" >/dev/null 2>&1; then
	echo "ok 1 $name"
	exit 0
fi
echo "not ok 1 $name"
sed 's/^/# /' "$work/guest.log" | tail -n 20
exit 1
