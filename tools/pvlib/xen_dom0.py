# SPDX-License-Identifier: GPL-2.0
"""The Xen fast path of tools/pvrun: Xen 4.17 from Debian under QEMU TCG,
with the guest image itself as Xen's dom0, no toolstack.

The image boots through its PVH entry as a PVH dom0 (Xen's dom0=pvh),
which needs an IOMMU (QEMU's intel-iommu) and a CPU model whose emulated
SVM gives Xen HAP: -cpu max,-smap,-smep (plain max crashes dom0). The
guest writes Xen's console (CONSOLEIO_write) and reports its result
through QEMU's isa-debug-exit port, which dom0 may reach, so the exit
status means what it means under plain QEMU. A dom0 that crashes makes
Xen reset the machine, which -no-reboot turns into QEMU exiting with
status 0 and no guest exit code.
"""
import gzip
import os
import shutil

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


def qemu_command(qemu, xen, image, smp, mem, append, extra):
    dom0_mib = mem_mib(mem)
    xen_args = ("console=com1 com1=115200,8n1 dom0=pvh dom0_mem=%dM "
                "dom0_max_vcpus=%d iommu=1 loglvl=warning guest_loglvl=all"
                % (dom0_mib, smp))
    # QEMU's multiboot -initrd separates modules with ',': double any.
    module = ("%s %s" % (image, append)).strip().replace(",", ",,")
    return [qemu, "-accel", "tcg", "-M", "q35", "-cpu", "max,-smap,-smep",
            "-device", "intel-iommu,intremap=on",
            "-m", "%dM" % (dom0_mib + XEN_OVERHEAD_MIB), "-smp", str(smp),
            "-display", "none", "-monitor", "none", "-serial", "stdio",
            "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", xen, "-append", xen_args, "-initrd", module] + extra
