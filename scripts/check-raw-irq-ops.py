#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-raw-irq-ops: the kernel's raw interrupt-flag instructions are the
listed ones.

usage: check-raw-irq-ops.py [--list FILE] IMAGE...

Every interrupt-flag operation of the guest kernel is a pvop site
(arch/x86/include/asm/irqflags.h). For each IMAGE (a guest pvpatch.elf),
this reads the kernel objects it was linked from (IMAGE's directory,
guest-obj/, without tests/ and bench/), disassembles them (objdump), and
finds every cli, sti, hlt, pushf and popf that is not inside a pvop site
(the site's first arm is the native instructions; the records in
section pvop_sites give each site's offset and length). Each one found
must be listed in FILE (default arch/x86/raw_irq_ops.txt) as
"source function reason", and every listed entry must still be found in
at least one image, so the list can neither miss a raw instruction nor
keep a stale excuse.

Prints KTAP: one result per image and one for the list's staleness.
Exit status 1 on any failure.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAW_MNEMONICS = {"cli", "sti", "hlt", "pushf", "pushfq", "popf", "popfq"}
TEST_CODE_DIRS = ("tests/", "bench/")
FUNC_RE = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
SECTION_RE = re.compile(r"^Disassembly of section (\S+):$")
RELOC_RE = re.compile(r"^([0-9a-f]+)\s+R_X86_64_PC32\s+(\S+?)([+-]0x[0-9a-f]+)?$")
PVOP_RECORD_SIZE = 8
PVOP_LEN_OFFSET = 5


def run(*argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def section_bytes(obj, name):
    """The contents of section name, from objdump -s."""
    data = bytearray()
    for line in run("objdump", "-s", "-j", name, obj).splitlines():
        m = re.match(r"^ [0-9a-f]+ ((?:[0-9a-f]{2,8} ?){1,4})", line)
        if m:
            data += bytes.fromhex(m.group(1).replace(" ", ""))
    return bytes(data)


def pvop_site_ranges(obj):
    """(section, start, end) of each pvop site recorded in obj."""
    if not re.search(r"^\s*\d+ pvop_sites\s", run("objdump", "-h", obj), re.M):
        return []
    relocs = run("objdump", "-r", "-j", "pvop_sites", obj)
    records = section_bytes(obj, "pvop_sites")
    ranges = []
    for line in relocs.splitlines():
        m = RELOC_RE.match(line.strip())
        if not m:
            continue
        record = int(m.group(1), 16)
        if record % PVOP_RECORD_SIZE:
            continue
        start = int(m.group(3) or "0", 16)
        length = records[record + PVOP_LEN_OFFSET]
        ranges.append((m.group(2), start, start + length))
    return ranges


def raw_instructions(obj):
    """(section, function, offset, mnemonic) of each raw irq instruction."""
    found = []
    section = function = None
    for line in run("objdump", "-d", "--no-show-raw-insn", obj).splitlines():
        m = SECTION_RE.match(line)
        if m:
            section, function = m.group(1), None
            continue
        m = FUNC_RE.match(line)
        if m:
            function = m.group(2)
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+(\S+)", line)
        if m and m.group(2) in RAW_MNEMONICS:
            found.append((section, function, int(m.group(1), 16), m.group(2)))
    return found


def source_of(rel_obj):
    base = rel_obj[:-2]
    for ext in (".c", ".S"):
        if os.path.exists(os.path.join(ROOT, base + ext)):
            return base + ext
    return base


def kernel_objects(image):
    top = os.path.join(os.path.dirname(os.path.abspath(image)), "guest-obj")
    for d, _, files in os.walk(top):
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(d, f), top)
            if f.endswith(".o") and not rel.startswith(TEST_CODE_DIRS):
                yield os.path.join(d, f), rel


def read_list(path):
    entries = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) < 3:
                sys.exit("%s:%d: expected 'source function reason'" % (path, n))
            entries[(parts[0], parts[1])] = parts[2]
    return entries


def check_image(image, allowed, seen):
    """Raw instructions of image's kernel objects that allowed lacks."""
    unlisted = []
    count = 0
    for obj, rel in kernel_objects(image):
        sites = pvop_site_ranges(obj)
        for section, function, offset, mnemonic in raw_instructions(obj):
            if any(s == section and lo <= offset < hi for s, lo, hi in sites):
                continue
            count += 1
            key = (source_of(rel), function or "?")
            seen.add(key)
            if key not in allowed:
                unlisted.append("%s: %s+%#x (%s): %s" % (key[0], key[1], offset,
                                                       section, mnemonic))
    return count, unlisted


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--list", default=os.path.join(ROOT, "arch/x86/raw_irq_ops.txt"))
    p.add_argument("images", nargs="+")
    opts = p.parse_args()
    allowed = read_list(opts.list)
    seen = set()
    print("KTAP version 1")
    print("1..%d" % (len(opts.images) + 1))
    failed = 0
    for i, image in enumerate(opts.images, 1):
        name = "raw_irq_ops_listed_" + os.path.basename(os.path.dirname(os.path.abspath(image)))
        if not os.path.exists(image):
            print("ok %d %s # SKIP %s not built" % (i, name, image))
            continue
        count, unlisted = check_image(image, allowed, seen)
        print("# %s: %d raw irq instructions outside pvop sites" % (image, count))
        for u in unlisted:
            print("# not in %s: %s" % (os.path.relpath(opts.list, ROOT), u))
        failed += bool(unlisted)
        print("%sok %d %s" % ("not " if unlisted else "", i, name))
    stale = sorted(set(allowed) - seen)
    for source, function in stale:
        print("# listed but not found in any image: %s %s" % (source, function))
    failed += bool(stale)
    print("%sok %d raw_irq_ops_list_has_no_stale_entry" % ("not " if stale else "",
                                                          len(opts.images) + 1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
