#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-arch-neutral: code outside arch/ never asks which arch it runs on.

usage: check-arch-neutral.py [--root DIR]

The arch-neutral directories (DIRS) build for every architecture; what
differs between them lives under arch/<arch>/ behind <asm/...> headers
and the arch hooks (include/pvpatch/arch.h). A test of the compiler's
arch macros or of Kconfig's ARCH_* symbols there is a difference that
escaped: each is named by file:line. Features (CONFIG_ARCH_HAS_PATCHING)
are fine to ask for: an arch has them or not.

Prints one line per finding, then "ok - ..." or "not ok - ..." and
"N passed, N failed, 0 skipped". Exit status 1 on any finding.
"""

import argparse
import os
import re
import sys

DIRS = ("guest", "include/pvpatch", "alternatives", "pvops", "hypervisor", "unwind",
        "bench", "platform", "tests/common", "tests/guest", "tests/hosted")
SUFFIXES = (".c", ".h", ".S")
ARCH_TEST_RE = re.compile(r"\b(__x86_64__|__i386__|__amd64__|__aarch64__|__arm__|"
                          r"CONFIG_ARCH_X86_64|CONFIG_ARCH_ARM64)\b")


def findings(root):
    for d in DIRS:
        top = os.path.join(root, d)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, errors="replace") as f:
                    for n, line in enumerate(f, 1):
                        m = ARCH_TEST_RE.search(line)
                        if m:
                            yield "%s:%d: %s" % (os.path.relpath(path, root), n, m.group(1))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = p.parse_args(argv)
    found = list(findings(args.root))
    for f in found:
        print("# " + f)
    rule = "code outside arch/ tests no arch (%s)" % ", ".join(DIRS)
    print(("not ok - " if found else "ok - ") + rule)
    print("%d passed, %d failed, 0 skipped" % (0 if found else 1, 1 if found else 0))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
