#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-arm64-alternatives: refuse an arm64 image whose alternatives the
guest would refuse at boot, at build time.

usage: check-arm64-alternatives.py IMAGE.elf

Reads the linked image's alternatives table (__start_alt_instructions ..
__stop_alt_instructions, struct alt_instr of include/pvpatch/alternative.h)
and, for every arm that has bytes (not ALT_FLAG_CALLBACK), checks:
  - the arm is as long as the site, in whole 4-byte instructions;
  - no instruction of the arm is a literal load (LDR, LDRSW, PRFM,
    LDR SIMD&FP "(literal)": opc 011 V 00 imm19 Rt), which the guest does
    not relocate (arch/arm64/alternative.c does the same check at boot).
Each finding names the site (address and the function it is in) and the
instruction. Exit status 1 on any finding. The tests' deliberately broken
table (alt_instructions_bad) is outside the range checked.
"""

import struct
import sys

ALT_FLAG_CALLBACK = 4
ENTRY = struct.Struct("<iiHHBBB")


def read_elf(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("%s: not a little-endian ELF64 file" % path)
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3a)
    sections = []
    for i in range(shnum):
        sh = struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
        sections.append({"type": sh[1], "addr": sh[3], "offset": sh[4], "size": sh[5],
                         "link": sh[6], "entsize": sh[9]})
    return data, sections


def symbols(data, sections):
    syms = {}
    funcs = []
    for s in sections:
        if s["type"] != 2:	# SHT_SYMTAB
            continue
        strtab = sections[s["link"]]
        for off in range(s["offset"], s["offset"] + s["size"], 24):
            name, info, _, _, value, _ = struct.unpack_from("<IBBHQQ", data, off)
            end = data.index(b"\0", strtab["offset"] + name)
            sym = data[strtab["offset"] + name:end].decode()
            syms[sym] = value
            if info & 0xf == 2:	# STT_FUNC
                funcs.append((value, sym))
    funcs.sort()
    return syms, funcs


def read_at(data, sections, addr, size):
    for s in sections:
        if s["type"] == 1 and s["addr"] <= addr and addr + size <= s["addr"] + s["size"]:
            start = s["offset"] + addr - s["addr"]
            return data[start:start + size]
    raise SystemExit("no section holds 0x%x..0x%x" % (addr, addr + size))


def where(funcs, addr):
    best = None
    for value, name in funcs:
        if value > addr:
            break
        best = (value, name)
    return "%s+0x%x" % (best[1], addr - best[0]) if best else "?"


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    data, sections = read_elf(sys.argv[1])
    syms, funcs = symbols(data, sections)
    start, stop = syms["__start_alt_instructions"], syms["__stop_alt_instructions"]
    table = read_at(data, sections, start, stop - start)
    problems = []
    for i in range(0, len(table) - ENTRY.size + 1, ENTRY.size):
        instr_off, repl_off, feature, flags, instrlen, oldlen, repllen = \
            ENTRY.unpack_from(table, i)
        site = start + i + instr_off
        repl = start + i + 4 + repl_off
        name = "site 0x%x (%s, feature %d)" % (site, where(funcs, site), feature)
        if flags & ALT_FLAG_CALLBACK:
            continue
        if instrlen % 4 or repllen != instrlen or oldlen != instrlen:
            problems.append("%s: arm of %d bytes for a %d-byte site" % (name, repllen, instrlen))
            continue
        words = struct.unpack("<%dI" % (repllen // 4), read_at(data, sections, repl, repllen))
        for n, insn in enumerate(words):
            if insn & 0x3b000000 == 0x18000000:
                problems.append("%s: instruction %d of the arm, 0x%08x, is a literal load "
                                "(not relocated; use adrp + ldr :lo12:)" % (name, n, insn))
    for p in problems:
        print("check-arm64-alternatives: %s" % p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
