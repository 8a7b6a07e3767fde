#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""objtool's fixed and marginal costs, from one objtool process per object.

    scripts/bench-objtool-fit.py OBJTOOL SUBCOMMAND REPS OBJECT...

Times SUBCOMMAND on each OBJECT alone (a fresh copy per run, objtool
writes in place), best of REPS, and fits time = fixed + slope * text KB
by least squares over the objects (text: the SHF_EXECINSTR sections,
KB = 10^3 bytes). Prints one line: "SLOPE_MS_PER_KB FIXED_MS R2", or
"fail" if a run failed. The fixed part includes starting the process.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

SHF_EXECINSTR = 0x4


def text_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return 0
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    total = 0
    for i in range(shnum):
        off = shoff + i * shentsize
        sh_type, sh_flags = struct.unpack_from("<IQ", data, off + 4)
        sh_size, = struct.unpack_from("<Q", data, off + 32)
        if sh_flags & SHF_EXECINSTR and sh_type != 8:	# not SHT_NOBITS
            total += sh_size
    return total


def command(objtool, sub, path):
    if sub in ("check", "orc"):
        return [objtool, sub, "--quiet", path]
    return [objtool, sub, path]


def best_ms(objtool, sub, reps, src, work):
    run = os.path.join(work, "run.o")
    best = None
    for _ in range(reps):
        shutil.copyfile(src, run)
        start = time.perf_counter_ns()
        done = subprocess.run(command(objtool, sub, run), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        ns = time.perf_counter_ns() - start
        if done.returncode != 0:
            return None
        best = ns if best is None else min(best, ns)
    return best / 1e6


def fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    syy = sum((y - my) ** 2 for y in ys)
    slope = sxy / sxx if sxx else 0.0
    fixed = my - slope * mx
    r2 = sxy * sxy / (sxx * syy) if sxx and syy else 0.0
    return slope, fixed, r2


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    objtool, sub, reps, objects = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    xs, ys = [], []
    with tempfile.TemporaryDirectory() as work:
        for path in objects:
            ms = best_ms(objtool, sub, reps, path, work)
            if ms is None:
                print("fail")
                return
            xs.append(text_bytes(path) / 1e3)
            ys.append(ms)
    slope, fixed, r2 = fit(xs, ys)
    print("%.4f %.3f %.2f" % (slope, fixed, r2))


if __name__ == "__main__":
    main()
