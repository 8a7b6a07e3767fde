#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""objtool's fixed and marginal costs, from one objtool process per object.

    scripts/bench-objtool-fit.py OBJTOOL SUBCOMMAND REPS SIZES

SIZES lists the objects, a "TEXT_BYTES PATH" line each (bench-objtool.sh
writes it: the bytes of each object's executable sections). Times
SUBCOMMAND on each object alone (a fresh copy per run, objtool writes in
place), best of REPS, and fits time = fixed + slope * text KB by least
squares over the objects (KB = 10^3 bytes). Prints one line:
"SLOPE_MS_PER_KB FIXED_MS R2", or "fail" if a run failed. The fixed part includes starting the process.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

def command(objtool, sub, path):
    if sub in ("check", "orc", "object"):
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
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    objtool, sub, reps, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(sizes) as f:
        objects = [(int(n), path) for n, path in (line.split(None, 1) for line in f)]
    xs, ys = [], []
    with tempfile.TemporaryDirectory() as work:
        for text_bytes, path in objects:
            ms = best_ms(objtool, sub, reps, path.rstrip("\n"), work)
            if ms is None:
                print("fail")
                return
            xs.append(text_bytes / 1e3)
            ys.append(ms)
    slope, fixed, r2 = fit(xs, ys)
    print("%.4f %.3f %.2f" % (slope, fixed, r2))


if __name__ == "__main__":
    main()
