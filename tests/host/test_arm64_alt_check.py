# SPDX-License-Identifier: GPL-2.0
"""scripts/check-arm64-alternatives.py refuses what the arm64 guest would
refuse at boot: a literal load in an arm, an arm of another length than its
site. Each case is a small ELF64 made here: a text section with one site,
a rodata section with the arm and the alternatives table, a symbol table."""
import os
import struct
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "check-arm64-alternatives.py")

TEXT, RODATA = 0x400000, 0x401000
TABLE = RODATA + 0x100
NOP, LDR_LITERAL, LDR_X0_X1 = 0xd503201f, 0x58000040, 0xf9400020


def entry(at, site, repl, feature, flags, instrlen, replen):
    return struct.pack("<iiHHBBB", site - at, repl - (at + 4), feature, flags,
                       instrlen, instrlen, replen)


def elf(arm_words, instrlen=8, replen=None, flags=0):
    """An image with one 2-instruction site at TEXT and one table entry."""
    replen = 4 * len(arm_words) if replen is None else replen
    text = struct.pack("<2I", NOP, NOP)
    rodata = bytearray(0x100)
    rodata[:4 * len(arm_words)] = struct.pack("<%dI" % len(arm_words), *arm_words)
    rodata += entry(TABLE, TEXT, RODATA, 9, flags, instrlen, replen)
    strtab = b"\0__start_alt_instructions\0__stop_alt_instructions\0site_fn\0"

    def sym(name, value, info):
        return struct.pack("<IBBHQQ", strtab.index(name.encode() + b"\0"), info, 0, 1, value, 0)
    symtab = b"\0" * 24 + sym("__start_alt_instructions", TABLE, 0) + \
        sym("__stop_alt_instructions", TABLE + 15, 0) + sym("site_fn", TEXT, 2)
    blobs = [text, bytes(rodata), symtab, strtab]
    offset, offsets = 64, []
    for b in blobs:
        offsets.append(offset)
        offset += len(b)
    shoff = offset
    # name, type, flags, addr, offset, size, link, info, align, entsize
    shdrs = [struct.pack("<IIQQQQIIQQ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
             struct.pack("<IIQQQQIIQQ", 0, 1, 6, TEXT, offsets[0], len(text), 0, 0, 4, 0),
             struct.pack("<IIQQQQIIQQ", 0, 1, 2, RODATA, offsets[1], len(rodata), 0, 0, 8, 0),
             struct.pack("<IIQQQQIIQQ", 0, 2, 0, 0, offsets[2], len(symtab), 4, 1, 8, 24),
             struct.pack("<IIQQQQIIQQ", 0, 3, 0, 0, offsets[3], len(strtab), 0, 0, 1, 0)]
    header = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9) + struct.pack(
        "<HHIQQQIHHHHHH", 2, 183, 1, TEXT, 0, shoff, 0, 64, 56, 0, 64, len(shdrs), 0)
    return header + b"".join(blobs) + b"".join(shdrs)


class Arm64AltCheck(unittest.TestCase):
    def check(self, image):
        with tempfile.NamedTemporaryFile(suffix=".elf") as f:
            f.write(image)
            f.flush()
            return subprocess.run(["/usr/bin/python3", SCRIPT, f.name],
                                  capture_output=True, text=True, timeout=30)

    def test_plain_arm_passes(self):
        r = self.check(elf([LDR_X0_X1, NOP]))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")

    def test_literal_load_is_refused_naming_the_site(self):
        r = self.check(elf([NOP, LDR_LITERAL]))
        self.assertEqual(r.returncode, 1)
        self.assertIn("site 0x400000 (site_fn+0x0, feature 9): instruction 1 of the arm, "
                      "0x58000040, is a literal load", r.stderr)

    def test_every_literal_form_is_refused(self):
        for insn in (0x18000040, 0x98000040, 0xd8000040, 0x1c000040, 0x5c000040, 0x9c000040):
            with self.subTest(insn="0x%08x" % insn):
                self.assertEqual(self.check(elf([insn, NOP])).returncode, 1)

    def test_arm_of_another_length_is_refused(self):
        r = self.check(elf([NOP], instrlen=8))
        self.assertEqual(r.returncode, 1)
        self.assertIn("arm of 4 bytes for a 8-byte site", r.stderr)

    def test_callback_arms_have_no_bytes_to_check(self):
        r = self.check(elf([LDR_LITERAL, LDR_LITERAL], replen=0, flags=4))
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main()
