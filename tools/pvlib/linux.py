# SPDX-License-Identifier: GPL-2.0
"""Linux guests for tools/pvrun: what a Linux kernel is, what it needs to
run our KUnit modules, and how its console says it crashed.

A kernel is a bzImage (the x86 boot protocol's setup header, "HdrS") or a
vmlinux (an x86-64 ELF with a "Linux" ELF note). pvrun boots it with an
initramfs of its own: /init is tools/linux/pvinit.c, which loads the given
modules (KUnit runs their suites as they load) and then reports through
isa-debug-exit or powers off. Checks made before anything boots, each
with a one-line error: the file is a kernel, it has KUnit, and every
module was built for it (vermagic).
"""

import bz2
import gzip
import lzma
import os
import re
import struct
import subprocess
import zlib

from .xen_domu_files import cpio_newc

PVINIT_ERROR = "pvinit: error: "
# What Linux prints when it dies or is about to (oops=panic makes an oops
# fatal; panic=-1 then resets, which -no-reboot turns into QEMU's exit).
CRASH_RE = re.compile(r"Kernel panic - not syncing|^(?:BUG: |Oops: |"
                      r"general protection fault|kernel BUG at |"
                      r"BUG: unable to handle)")
TIMESTAMP_RE = re.compile(r"^\[\s*\d+\.\d+\]\s?")
# A KUnit-built kernel carries the suite header's format string.
KUNIT_MARK = b"# Subtest: "
ELF_NOTE_LINUX = b"Linux"
EM_X86_64 = 62


class Error(Exception):
    """Bad input or environment: pvrun prints it and exits 2."""


def console_text(line):
    """A console line without printk's timestamp, as KTAP wants it."""
    return TIMESTAMP_RE.sub("", line)


# ------------------------------------------------------------------ kernel

class Kernel:
    """kind: "bzImage" or "vmlinux"; release: "6.1.192" or None."""

    def __init__(self, path, kind, release, payload):
        self.path = path
        self.kind = kind
        self.release = release
        self._payload = payload     # bzImage: the compressed vmlinux
        self._elf = None

    def vmlinux(self):
        """The kernel's ELF image (decompressed from a bzImage), or None
        when its compression is one Python cannot undo (zstd, lz4, lzo)."""
        if self._elf is None:
            if self.kind == "vmlinux":
                with open(self.path, "rb") as f:
                    self._elf = f.read()
            else:
                self._elf = decompress(self._payload)
        return self._elf

    def has_kunit(self):
        """True, False, or None when the image cannot be looked into."""
        elf = self.vmlinux()
        return None if elf is None else KUNIT_MARK in elf


def decompress(data):
    try:
        if data[:2] == b"\x1f\x8b":
            # The payload has trailing bytes (the size) after the stream.
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)
        if data[:6] == b"\xfd7zXZ\x00":
            return lzma.LZMADecompressor(lzma.FORMAT_XZ).decompress(data)
        if data[:3] == b"\x5d\x00\x00":
            return lzma.LZMADecompressor(lzma.FORMAT_ALONE).decompress(data)
        if data[:3] == b"BZh":
            return bz2.BZ2Decompressor().decompress(data)
    except (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError):
        return None
    return None


def _c_string(data, off):
    end = data.find(b"\0", off)
    return data[off:end if end >= 0 else len(data)].decode("ascii", "replace")


def _elf_notes(data):
    """(owner, type) of every note in an ELF64's PT_NOTE segments."""
    notes = []
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize)
        if p_type != 4:
            continue
        pos, end = p_offset, min(p_offset + p_filesz, len(data))
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", data, pos)
            notes.append((data[pos + 12:pos + 12 + namesz].rstrip(b"\0"), ntype))
            pos += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return notes


def inspect_kernel(path):
    """A Kernel, or Error naming what the file is instead."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Error("cannot read kernel %s: %s" % (path, e.strerror))
    if len(data) > 0x260 and data[0x202:0x206] == b"HdrS" and data[0x1FE:0x200] == b"\x55\xaa":
        version, = struct.unpack_from("<H", data, 0x206)
        if version < 0x208:
            raise Error("%s: boot protocol %d.%02d is too old (2.08 or later)"
                        % (path, version >> 8, version & 0xff))
        kv, = struct.unpack_from("<H", data, 0x20E)
        release = _c_string(data, kv + 0x200).split(" ")[0] if kv else None
        setup_sects = data[0x1F1] or 4
        off, length = struct.unpack_from("<II", data, 0x248)
        start = (setup_sects + 1) * 512 + off
        return Kernel(path, "bzImage", release or None, data[start:start + length])
    if data[:4] == b"\x7fELF":
        try:
            is_linux = (data[4] == 2 and struct.unpack_from("<H", data, 18)[0] == EM_X86_64
                        and any(o == ELF_NOTE_LINUX for o, _ in _elf_notes(data)))
        except struct.error:
            is_linux = False
        if not is_linux:
            raise Error("%s is an ELF image but not an x86-64 Linux vmlinux (no "
                        "\"Linux\" ELF note); pass pvpatch images without --kernel"
                        % path)
        m = re.search(rb"Linux version (\S+)", data)
        return Kernel(path, "vmlinux", m.group(1).decode() if m else None, None)
    raise Error("%s is not a Linux kernel (neither a bzImage nor a vmlinux)" % path)


# ------------------------------------------------------------------ modules

def module_info(path):
    """The key=value strings of a .ko's .modinfo section."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Error("cannot read module %s: %s" % (path, e.strerror))
    try:
        if data[:4] != b"\x7fELF" or data[4] != 2:
            raise Error("%s is not an ELF64 kernel module" % path)
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                    for i in range(shnum)]
        names = sections[shstrndx][4]
        for sh in sections:
            if _c_string(data, names + sh[0]) == ".modinfo":
                raw = data[sh[4]:sh[4] + sh[5]]
                return dict(s.split("=", 1) for s in
                            raw.decode("utf-8", "replace").split("\0") if "=" in s)
    except (struct.error, IndexError):
        raise Error("%s: malformed ELF" % path)
    raise Error("%s has no .modinfo section: not a kernel module" % path)


def check_modules(kernel, modules):
    """Every module must have been built for this kernel's release."""
    for path in modules:
        info = module_info(path)
        built_for = info.get("vermagic", "").split(" ")[0]
        if kernel.release and built_for != kernel.release:
            raise Error("module %s was built for Linux %s, the kernel is %s: "
                        "build it against this kernel (make linux-modules)"
                        % (path, built_for or "(no vermagic)", kernel.release))


# ------------------------------------------------------------------ initramfs

def pvinit_path(srcroot):
    """tools/linux/pvinit.c built static into build/linux/pvinit, rebuilt
    when the source is newer: a newcomer's pvrun needs no make step."""
    src = os.path.join(srcroot, "tools", "linux", "pvinit.c")
    out = os.path.join(srcroot, "build", "linux", "pvinit")
    if os.path.isfile(out) and os.path.getmtime(out) >= os.path.getmtime(src):
        return out
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cc = os.environ.get("CC", "gcc")
    try:
        r = subprocess.run([cc, "-O2", "-Wall", "-static", src, "-o", out + ".tmp"],
                           capture_output=True, text=True)
    except OSError as e:
        raise Error("cannot build pvinit with %s: %s" % (cc, e.strerror))
    if r.returncode != 0:
        raise Error("building pvinit failed: %s" % (r.stderr.strip().splitlines() or ["?"])[-1])
    os.replace(out + ".tmp", out)
    return out


def initramfs(pvinit, modules):
    """gzip'ed newc cpio: /init, /dev/console, /proc, /modules/NN-name.ko."""
    with open(pvinit, "rb") as f:
        entries = [("dev", 0o755, None), ("dev/console", 0o600, ("chr", 5, 1)),
                   ("proc", 0o755, None), ("init", 0o755, f.read()),
                   ("modules", 0o755, None)]
    for i, path in enumerate(modules):
        with open(path, "rb") as f:
            entries.append(("modules/%02d-%s" % (i, os.path.basename(path)), 0o644, f.read()))
    return gzip.compress(cpio_newc(entries), compresslevel=1)


def write_initrd(path, user_initrd, pvinit, modules):
    """The user's initramfs (if any), then ours: the kernel unpacks
    concatenated archives in order, so our /init wins."""
    with open(path, "wb") as dst:
        if user_initrd:
            with open(user_initrd, "rb") as src:
                dst.write(src.read())
            dst.write(b"\0" * (-dst.tell() % 4))
        if modules:
            dst.write(initramfs(pvinit, modules))
