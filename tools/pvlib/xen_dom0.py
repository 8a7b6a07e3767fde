# SPDX-License-Identifier: GPL-2.0
"""The Xen fast path of tools/pvrun: Xen 4.17 from Debian under QEMU TCG,
with the guest image itself as Xen's dom0, no toolstack.

A PVH image (Xen's PHYS32_ENTRY note) boots as a PVH dom0 (dom0=pvh),
which needs an IOMMU (QEMU's intel-iommu) and a CPU model whose emulated
SVM gives Xen HAP: -cpu max,-smap,-smep (plain max crashes dom0). The
guest writes Xen's console (CONSOLEIO_write) and reports its result
through QEMU's isa-debug-exit port, which dom0 may reach, so the exit
status means what it means under plain QEMU. A dom0 that crashes makes
Xen reset the machine, which -no-reboot turns into QEMU exiting with
status 0 and no guest exit code.

A Xen PV image (x86_64_xen_defconfig: an ENTRY note and no PHYS32_ENTRY)
boots as a PV dom0: no dom0=pvh, no IOMMU; it reaches the same port
after PHYSDEVOP_set_iopl.
"""
import gzip
import os
import shutil
import struct

HYPERVISOR_GZ = "/boot/xen-4.17-amd64.gz"
# Xen and its own allocations, above what dom0 gets.
XEN_OVERHEAD_MIB = 256


class XenMissing(Exception):
    pass


def hypervisor(cache_dir, gz=HYPERVISOR_GZ):
    """A gunzipped copy of Debian's Xen (QEMU's multiboot loader wants an
    ELF), cached in cache_dir and refreshed when the package changes."""
    if not os.path.isfile(gz):
        raise XenMissing("%s not found: install xen-hypervisor-4.17-amd64 "
                         "(scripts/deps.sh as root)" % gz)
    os.makedirs(cache_dir, exist_ok=True)
    path = os.path.join(cache_dir, "xen-4.17")
    if not os.path.isfile(path) or os.path.getmtime(path) < os.path.getmtime(gz):
        tmp = path + ".tmp"
        with gzip.open(gz, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(tmp, path)
    return path


def mem_mib(size):
    """'128M', '1G' or a number of MiB, as QEMU's -m takes it."""
    s = size.strip().upper().rstrip("B")
    scale = {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024 * 1024}.get(s[-1:])
    n = float(s[:-1]) if scale else float(s)
    return int(n * (scale or 1))


# xen/elfnote.h
XEN_ELFNOTE_ENTRY = 1
XEN_ELFNOTE_PHYS32_ENTRY = 18
PT_NOTE = 4


def xen_note_types(path):
    """The types of the "Xen" notes in an ELF64 image's PT_NOTE segments;
    an empty set when the file is not ELF64 or cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return set()
    types = set()
    try:
        if data[:4] != b"\x7fELF" or data[4] != 2:
            return types
        phoff, = struct.unpack_from("<Q", data, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
        for i in range(phnum):
            p_type, _, p_offset, _, _, p_filesz = struct.unpack_from(
                "<IIQQQQ", data, phoff + i * phentsize)
            if p_type != PT_NOTE:
                continue
            pos, end = p_offset, p_offset + p_filesz
            while pos + 12 <= end:
                namesz, descsz, ntype = struct.unpack_from("<III", data, pos)
                name = data[pos + 12:pos + 12 + namesz].rstrip(b"\0")
                pos += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
                if name == b"Xen":
                    types.add(ntype)
    except (struct.error, IndexError):
        return set()
    return types


def is_pv_image(path):
    """A Xen PV kernel: a PV ENTRY note and no PVH entry."""
    types = xen_note_types(path)
    return XEN_ELFNOTE_ENTRY in types and XEN_ELFNOTE_PHYS32_ENTRY not in types


# QEMU's emulated SVM gives Xen no decode assist for RDTSCP, so Xen
# crashes a PVH guest that executes it ("SVM Insn len emulation failed");
# Linux does (rdtsc_ordered, the vDSO) when the CPU offers it.
CPU_MODEL = "max,-smap,-smep"
CPU_MODEL_LINUX = CPU_MODEL + ",-rdtscp"


def qemu_command(qemu, xen, image, smp, mem, append, extra, pv=None, initrd=None,
                 cpu=CPU_MODEL, accel="tcg", xen_extra=()):
    """pv: boot as a PV dom0; None: decide from the image's notes.
    initrd: dom0's initramfs, Xen's second multiboot module.
    xen_extra: more words for Xen's command line (pvrun --xen-arg)."""
    if pv is None:
        pv = is_pv_image(image)
    dom0_mib = mem_mib(mem)
    xen_args = ("console=com1 com1=115200,8n1 %sdom0_mem=%dM "
                "dom0_max_vcpus=%d %sloglvl=warning guest_loglvl=all"
                % ("" if pv else "dom0=pvh ", dom0_mib, smp,
                   "" if pv else "iommu=1 "))
    xen_args = " ".join((xen_args,) + tuple(xen_extra))
    iommu = [] if pv else ["-device", "intel-iommu,intremap=on"]
    # QEMU's multiboot -initrd separates modules with ',': double any.
    module = ("%s %s" % (image, append)).strip().replace(",", ",,")
    if initrd:
        module += "," + initrd.replace(",", ",,")
    return [qemu, "-accel", accel, "-M", "q35", "-cpu", cpu] + iommu + [
            "-m", "%dM" % (dom0_mib + XEN_OVERHEAD_MIB), "-smp", str(smp),
            "-display", "none", "-monitor", "none", "-serial", "stdio",
            "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", xen, "-append", xen_args, "-initrd", module] + extra
