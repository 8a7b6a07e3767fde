"""Minimal ELF reading for the test tools: header check and function symbols,
plus the backtrace symbolizer used by tools/pvrun."""

import bisect
import os
import re
import shutil
import struct
import subprocess

EM_386 = 3
EM_X86_64 = 62
EM_AARCH64 = 183
# e_machine -> the architecture's name, as make's ARCH= spells it.
ARCH_OF_MACHINE = {EM_386: "x86_64", EM_X86_64: "x86_64", EM_AARCH64: "arm64"}
SHT_SYMTAB = 2
SHF_EXECINSTR = 0x4
STT_NOTYPE = 0
STT_FUNC = 2


class ElfError(Exception):
    pass


def check_image(path):
    """The image's architecture ("x86_64" or "arm64", from e_machine); raise
    ElfError with a short reason if path is not an ELF file of either."""
    try:
        with open(path, "rb") as f:
            hdr = f.read(20)
    except OSError as e:
        raise ElfError("cannot read %s: %s" % (path, e.strerror))
    if len(hdr) < 20 or hdr[:4] != b"\x7fELF":
        raise ElfError("not an ELF image: %s" % path)
    if hdr[4] not in (1, 2) or hdr[5] != 1:
        raise ElfError("not a little-endian ELF32/ELF64 image: %s" % path)
    machine = struct.unpack_from("<H", hdr, 18)[0]
    if machine not in ARCH_OF_MACHINE:
        raise ElfError("not an x86 or arm64 ELF image (e_machine %d): %s"
                       % (machine, path))
    return ARCH_OF_MACHINE[machine]


def read_symbols(path):
    """Return a sorted list of (address, size, is_func, name) for code symbols.

    Only FUNC and NOTYPE symbols defined in executable sections are kept.
    Returns [] if the file has no symbol table or cannot be parsed.
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return []
    try:
        return _read_symbols(data)
    except (struct.error, IndexError, ValueError):
        return []


def _read_symbols(data):
    if data[:4] != b"\x7fELF":
        return []
    is64 = data[4] == 2
    if is64:
        (shoff,) = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        shfmt = "<IIQQQQIIQQ"
    else:
        (shoff,) = struct.unpack_from("<I", data, 0x20)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
        shfmt = "<IIIIIIIIII"
    if shoff == 0 or shnum == 0:
        return []
    sections = []
    for i in range(shnum):
        f = struct.unpack_from(shfmt, data, shoff + i * shentsize)
        # name, type, flags, addr, offset, size, link, info, align, entsize
        sections.append(f)
    syms = []
    for sh in sections:
        if sh[1] != SHT_SYMTAB:
            continue
        strtab = sections[sh[6]]
        str_off, str_size = strtab[4], strtab[5]
        strdata = data[str_off:str_off + str_size]
        entsize = sh[9] or (24 if is64 else 16)
        for k in range(sh[5] // entsize):
            off = sh[4] + k * entsize
            if is64:
                name, info, _other, shndx, value, size = \
                    struct.unpack_from("<IBBHQQ", data, off)
            else:
                name, value, size, info, _other, shndx = \
                    struct.unpack_from("<IIIBBH", data, off)
            typ = info & 0xF
            if typ not in (STT_FUNC, STT_NOTYPE):
                continue
            if shndx == 0 or shndx >= 0xFF00 or shndx >= len(sections):
                continue
            if not sections[shndx][2] & SHF_EXECINSTR:
                continue
            end = strdata.find(b"\0", name)
            sname = strdata[name:end if end >= 0 else None].decode("utf-8", "replace")
            if not sname or sname.startswith(".L") or sname.startswith("$"):
                continue
            syms.append((value, size, typ == STT_FUNC, sname))
    syms.sort(key=lambda s: (s[0], not s[2], s[3]))
    return syms


_BT_RE = re.compile(r"(?:^|[\s\]])#(\d+)\s+0x([0-9a-fA-F]+)\b")


class Symbolizer:
    """Annotate backtrace lines ("#N 0xADDR") with func+0xoff (file:line).

    The symbol table is read once, lazily; addr2line is run at most once per
    address (results cached).  If addr2line is missing, only func+0xoff from
    the symbol table is shown; if neither gives anything, the line is left
    unchanged.
    """

    def __init__(self, image, addr2line="addr2line", srcroot=None):
        self.image = image
        self.addr2line = shutil.which(addr2line) if addr2line else None
        self.srcroot = srcroot
        self._syms = None
        self._addrs = None
        self._cache = {}

    def _load(self):
        if self._syms is None:
            self._syms = read_symbols(self.image)
            self._addrs = [s[0] for s in self._syms]

    def symbol(self, addr, return_address=False):
        """'func+0xoff' for addr, or None.

        For a return address the function is looked up at addr-1 (a call
        at the very end of a noreturn path returns past the function's end)
        and the offset is still shown relative to addr.
        """
        found = self._find(addr - 1 if return_address and addr else addr)
        if found is None:
            return None
        value, name = found
        return "%s+0x%x" % (name, addr - value)

    def _find(self, addr):
        """(start, name) of the code symbol containing addr, or None."""
        self._load()
        i = bisect.bisect_right(self._addrs, addr) - 1
        if i < 0:
            return None
        # 1. A sized symbol covering addr; look back a little because named
        #    labels inside a function sort after the function's start.
        best = None
        for k in range(i, max(-1, i - 256), -1):
            value, size, is_func, name = self._syms[k]
            if size and value <= addr < value + size:
                if is_func:
                    best = (value, name)
                    break
                if best is None:
                    best = (value, name)
        # 2. Otherwise the nearest preceding symbol without a size (asm
        #    code without .size).
        if best is None:
            k = i
            while k >= 0 and self._addrs[k] == self._addrs[i]:
                value, size, _is_func, name = self._syms[k]
                if not size:
                    best = (value, name)
                    break
                k -= 1
        return best

    def _shorten(self, path):
        roots = [r for r in (self.srcroot, os.getcwd()) if r]
        for r in roots:
            r = os.path.abspath(r) + os.sep
            if path.startswith(r):
                return path[len(r):]
        return path

    def _addr2line(self, addr):
        """List of (function, location) innermost first, or []."""
        if not self.addr2line:
            return []
        try:
            r = subprocess.run([self.addr2line, "-f", "-i", "-e", self.image,
                                "0x%x" % addr], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               timeout=10)
        except (OSError, subprocess.SubprocessError):
            self.addr2line = None
            return []
        if r.returncode != 0:
            return []
        lines = r.stdout.decode("utf-8", "replace").splitlines()
        frames = []
        for k in range(0, len(lines) - 1, 2):
            func = lines[k].strip()
            loc = lines[k + 1].strip()
            loc = re.sub(r"\s*\(discriminator \d+\)$", "", loc)
            if loc.startswith("??") or re.search(r":(\?|0)$", loc):
                loc = None
            else:
                loc = self._shorten(loc)
            if func == "??":
                func = None
            if func or loc:
                frames.append((func, loc))
        return frames

    def describe(self, addr, return_address=False):
        """Annotation text for addr (without leading space), or None."""
        key = (addr, return_address)
        if key in self._cache:
            return self._cache[key]
        sym = self.symbol(addr, return_address)
        frames = self._addr2line(addr - 1 if return_address and addr else addr)
        text = None
        if frames:
            outer_func, outer_loc = frames[-1]
            head = sym or outer_func or "??"
            text = head + (" (%s)" % outer_loc if outer_loc else "")
            inl = ["%s (%s)" % (f or "??", l) if l else (f or "??")
                   for f, l in frames[:-1]]
            if inl:
                text += " [inlined: %s]" % " <- ".join(inl)
        elif sym:
            text = sym
        self._cache[key] = text
        return text

    def annotate(self, line):
        m = _BT_RE.search(line)
        if not m:
            return line
        frame = int(m.group(1))
        addr = int(m.group(2), 16)
        desc = self.describe(addr, return_address=frame > 0)
        if not desc:
            return line
        return "%s %s" % (line, desc)
