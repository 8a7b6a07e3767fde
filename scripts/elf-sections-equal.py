#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Compare two ELF64 little-endian relocatable objects by what a linker
reads: the ELF header but e_shoff, every section header but sh_offset,
and every section's bytes. Where the sections lie in the file may differ
(objtool appends grown sections instead of laying the file out again).
The second file of each pair must also be laid out soundly: sections
inside the file, apart from each other, the ELF header and the section
header table.

  elf-sections-equal.py < PAIRS

PAIRS holds "REF NEW" lines. Prints "NEW: why" for each pair that
differs; exit status 1 if any did.
"""
import struct
import sys

EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
SHDR = struct.Struct("<IIQQQQIIQQ")
SHT_NOBITS = 8
SHN_LORESERVE = 0xFF00
SHN_XINDEX = 0xFFFF


class Bad(Exception):
    pass


def sections(data):
    if len(data) < EHDR.size or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise Bad("not a little-endian ELF64 file")
    ehdr = list(EHDR.unpack_from(data))
    shoff, shentsize, shnum, shstrndx = ehdr[6], ehdr[11], ehdr[12], ehdr[13]
    if shentsize != SHDR.size or shoff + SHDR.size > len(data):
        raise Bad("section header table outside the file")
    first = SHDR.unpack_from(data, shoff)
    if shnum == 0:
        shnum = first[5]
    if shstrndx == SHN_XINDEX:
        shstrndx = first[6]
    if shoff + shnum * SHDR.size > len(data):
        raise Bad("section header table outside the file")
    shdrs = [SHDR.unpack_from(data, shoff + i * SHDR.size) for i in range(shnum)]
    contents = []
    for i, sh in enumerate(shdrs):
        offset, size = sh[4], sh[5]
        if i == 0 or sh[1] == SHT_NOBITS or size == 0:
            contents.append(b"")
            continue
        if offset + size > len(data):
            raise Bad("section %d outside the file" % i)
        contents.append(data[offset:offset + size])
    ehdr[6] = 0  # e_shoff
    return ehdr, shoff, shnum, shdrs, contents


def check_apart(shoff, shnum, shdrs):
    ranges = [(0, EHDR.size, "the ELF header"),
              (shoff, shoff + shnum * SHDR.size, "the section header table")]
    for i, sh in enumerate(shdrs):
        # Section 0 is no section: its size field may hold the count.
        if i and sh[1] != SHT_NOBITS and sh[5]:
            ranges.append((sh[4], sh[4] + sh[5], "section %d" % i))
    ranges.sort()
    for (_, end, what), (start, _, other) in zip(ranges, ranges[1:]):
        if start < end:
            raise Bad("%s overlaps %s" % (other, what))


def differs(ref_path, new_path):
    with open(ref_path, "rb") as f:
        ref = sections(f.read())
    with open(new_path, "rb") as f:
        new = sections(f.read())
    check_apart(new[1], new[2], new[3])
    if ref[0] != new[0]:
        return "ELF header differs (e_shoff aside)"
    if ref[2] != new[2]:
        return "%d sections, not %d" % (new[2], ref[2])
    for i, (a, b) in enumerate(zip(ref[3], new[3])):
        if a[:4] + a[5:] != b[:4] + b[5:]:
            return "section %d: header differs (sh_offset aside)" % i
        if ref[4][i] != new[4][i]:
            return "section %d: contents differ" % i
    return None


def main():
    failed = False
    for line in sys.stdin:
        if not line.strip():
            continue
        ref_path, new_path = line.split()
        try:
            why = differs(ref_path, new_path)
        except (Bad, OSError, struct.error) as e:
            why = str(e)
        if why:
            print("%s: %s" % (new_path, why))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
