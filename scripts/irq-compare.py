#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Linux 6.1's irq ops beside pvpatch's, from one run of make bench.

usage: scripts/irq-compare.py ENV PVPATCH_LOG LINUX_LOG OUT_DAT

Both logs hold "# irqdata OP WAY CYCLES" lines: pvpatch's from bench=irq,
Linux's from tests/linux/irq_bench.c (the same loop, rounds and clock),
measured one after the other in the same emulator. Each row's ratio is
to the raw instructions of its own guest; where a guest has no raw row
(Xen PV: cli and sti fault in its ring-3 kernel) the base is pvpatch's
first row of that op, and the header says so. OUT_DAT gets every bar for
scripts/bench-plot.sh, Linux's ways prefixed so the two raws stay apart.
"""
import re
import sys

DATA_RE = re.compile(r"[#:] irqdata (\S+) (\S+) ([0-9.]+)\s*$")
LINUX_LABELS = {"raw": "Linux: raw instructions", "linux-site": "Linux: pvop site",
                "linux-table": "Linux: pv_ops table call"}


def read(path):
    rows = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = DATA_RE.search(line)
            if m:
                rows.setdefault(m.group(1), []).append((m.group(2), float(m.group(3))))
    return rows


def main(argv):
    if len(argv) != 5:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    env, pv_log, linux_log, out_dat = argv[1:]
    try:
        ours, theirs = read(pv_log), read(linux_log)
    except OSError as e:
        sys.stderr.write("irq-compare: %s: %s\n" % (e.filename, e.strerror))
        return 2
    if not ours or not theirs:
        missing = [n for n, d in (("pvpatch", ours), ("Linux", theirs)) if not d]
        sys.stderr.write("irq-compare: no irqdata lines from %s\n" % " or ".join(missing))
        return 1
    cross = any(not any(w == "raw" for w, _ in theirs.get(op, ())) for op in theirs)
    print("# %s: Linux 6.1 beside pvpatch, cycles per op (emulated: compare ratios)" % env)
    if cross:
        print("# Linux has no raw row here: its ratios are to pvpatch's first row of "
              "the op, measured in the same emulator just before")
    print("# %-20s %-32s %10s %8s" % ("op", "way", "cycles/op", "vs raw"))
    with open(out_dat, "w") as dat:
        dat.write("# irqenv %s: Linux 6.1 beside pvpatch\n" % env)
        for op in list(ours) + [op for op in theirs if op not in ours]:
            base_ours = ours[op][0][1] if op in ours else None
            base_theirs = (dict(theirs.get(op, ())).get("raw") or base_ours
                           or theirs[op][0][1])
            for way, c in ours.get(op, ()):
                print("  %-20s %-32s %10.2f %7.2fx" % (op, "pvpatch: " + way, c, c / base_ours))
                dat.write("# irqdata %s pvpatch-%s %.2f\n" % (op, way, c))
            for way, c in theirs.get(op, ()):
                print("  %-20s %-32s %10.2f %7.2fx" % (op, LINUX_LABELS.get(way, "Linux: " + way),
                                                       c, c / base_theirs))
                dat.write("# irqdata %s %s %.2f\n" % (op, way if way.startswith("linux")
                                                       else "linux-" + way, c))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
