"""What one run of pvrun's Xen domU path puts in front of Xen (see
xen_domu.py): checks of the guest image's Xen ELF notes, the cached dom0
(scripts/xen-dom0.sh), and the run's own files (the xl config, the job
dom0's /init runs, the cpio appended to the dom0 initramfs)."""

import gzip
import io
import os
import re
import shlex
import shutil
import struct
import subprocess

DOMU_NAME = "pvguest"
DOMU_PREFIX = "domU| "
MARK = "@@pvrun-xen: "
HYPERVISOR_PKG = "xen-hypervisor-4.17-amd64"
DOM0_MEM_MIB = 1024

# Xen ELF note types (xen/include/public/elfnote.h).
XEN_ELFNOTE_ENTRY = 1
XEN_ELFNOTE_PHYS32_ENTRY = 18


class Error(Exception):
    """Environment or input error: message for the user, exit status 2."""


class Skip(Exception):
    """This path cannot run this image; the message says why."""


# ------------------------------------------------------------------ image

def xen_notes(path):
    """Set of Xen ELF note types (name "Xen") in the image's PT_NOTE
    segments; raises Error if the file is not a readable ELF64."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Error("cannot read %s: %s" % (path, e.strerror))
    if data[:4] != b"\x7fELF" or len(data) < 64 or data[4] != 2:
        raise Error("not an ELF64 image: %s" % path)
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    types = set()
    for i in range(phnum):
        off = phoff + i * phentsize
        if off + 56 > len(data):
            raise Error("%s: program header %d is outside the file" % (path, i))
        p_type, = struct.unpack_from("<I", data, off)
        if p_type != 4:             # PT_NOTE
            continue
        p_offset, = struct.unpack_from("<Q", data, off + 8)
        p_filesz, = struct.unpack_from("<Q", data, off + 32)
        types |= _note_types(data[p_offset:p_offset + p_filesz], b"Xen")
    return types


def _note_types(seg, owner):
    types = set()
    pos = 0
    while pos + 12 <= len(seg):
        namesz, descsz, ntype = struct.unpack_from("<III", seg, pos)
        name = seg[pos + 12:pos + 12 + namesz].rstrip(b"\0")
        pos += 12 + ((namesz + 3) & ~3) + ((descsz + 3) & ~3)
        if pos > len(seg):
            break
        if name == owner:
            types.add(ntype)
    return types


def check_entry(image, kind):
    """Error/Skip unless the image can boot as a domU of this kind."""
    notes = xen_notes(image)
    if kind == "pvh":
        if XEN_ELFNOTE_PHYS32_ENTRY not in notes:
            raise Error("%s has no PVH entry (no XEN_ELFNOTE_PHYS32_ENTRY "
                        "note); xl cannot boot it as type=pvh" % image)
        return
    if XEN_ELFNOTE_ENTRY not in notes:
        raise Skip("xen pv domU: the image has no Xen PV entry (no "
                   "XEN_ELFNOTE_ENTRY note; it only has %s), so xl cannot "
                   "boot it as type=pv"
                   % ("a PVH entry" if XEN_ELFNOTE_PHYS32_ENTRY in notes
                      else "no Xen entry at all"))


# ------------------------------------------------------------------ dom0

def read_versions(path):
    versions = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(None, 1)
            if len(parts) == 2:
                versions[parts[0]] = parts[1].strip()
    return versions


def installed_version(pkg):
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           universal_newlines=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 and r.stdout.strip() else None


class Dom0:
    """A built dom0 (scripts/xen-dom0.sh output directory)."""

    FILES = ("xen", "vmlinuz", "dom0.cpio.gz", "versions")

    def __init__(self, directory):
        self.dir = directory
        build = "scripts/xen-dom0.sh (as root; a few minutes, cached)"
        if not os.path.isdir(directory):
            raise Error("no Xen dom0 image at %s; build it with %s"
                        % (directory, build))
        for name in self.FILES:
            if not os.path.isfile(os.path.join(directory, name)):
                raise Error("Xen dom0 image %s is incomplete (no %s); "
                            "rebuild it with %s" % (directory, name, build))
        self.versions = read_versions(os.path.join(directory, "versions"))
        self.xen = os.path.join(directory, "xen")
        self.kernel = os.path.join(directory, "vmlinuz")
        self.initrd = os.path.join(directory, "dom0.cpio.gz")

    def check_hypervisor(self, installed):
        """Error if the toolstack in dom0 does not match the hypervisor."""
        built = self.versions.get("xen-hypervisor")
        if installed is not None and built != installed:
            raise Error("the dom0 image %s was built for Xen %s but %s %s is "
                        "installed; rebuild it with scripts/xen-dom0.sh"
                        % (self.dir, built, HYPERVISOR_PKG, installed))


# ------------------------------------------------------------------ run cpio

def cpio_newc(entries):
    """A newc cpio archive. entries: (path, mode, data): data is the file's
    bytes, None for a directory, or ("chr", major, minor) for a device."""
    buf = io.BytesIO()

    def member(name, mode, data, ino, rdev=(0, 0)):
        nb = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(nb), 0))
        buf.write(hdr.encode() + nb)
        buf.write(b"\0" * (-(110 + len(nb)) % 4))
        buf.write(data)
        buf.write(b"\0" * (-len(data) % 4))

    for ino, (path, mode, data) in enumerate(entries, start=1):
        if data is None:
            member(path, 0o040000 | mode, b"", ino)
        elif isinstance(data, tuple):
            member(path, 0o020000 | mode, b"", ino, rdev=data[1:])
        else:
            member(path, 0o100000 | mode, data, ino)
    member("TRAILER!!!", 0, b"", 0)
    return buf.getvalue()


def mem_mib(size):
    """'128M' / '1G' / '256' (MiB) -> MiB; Error on anything else."""
    m = re.fullmatch(r"(\d+)([MmGg]?)", size.strip())
    if not m:
        raise Error("bad --mem %r for a Xen domU (use e.g. 128M or 1G)" % size)
    n = int(m.group(1)) * (1024 if m.group(2) in "Gg" and m.group(2) else 1)
    if not 16 <= n <= DOM0_MEM_MIB:
        raise Error("--mem %s: a domU here gets 16M..%dM" % (size, DOM0_MEM_MIB))
    return n


def xl_string(s):
    if '"' in s or "\\" in s or "\n" in s:
        raise Error("boot arguments for a Xen domU cannot contain quotes, "
                    "backslashes or newlines: %r" % s)
    return '"%s"' % s


def domu_config(kind, vcpus, memory_mib, extra, ramdisk=False):
    """The xl config. Keep the domain after it shuts down ("preserve") so
    pvwait can read its shutdown reason; pvwait destroys it. ramdisk: the
    run's archive carries /pvrun/initrd (a Linux guest's initramfs)."""
    lines = [
        'name = "%s"' % DOMU_NAME,
        'type = "%s"' % kind,
        'kernel = "/pvrun/guest.elf"',
    ] + (['ramdisk = "/pvrun/initrd"'] if ramdisk else []) + [
        "memory = %d" % memory_mib,
        "vcpus = %d" % vcpus,
        "extra = %s" % xl_string(extra),
        'on_poweroff = "preserve"',
        'on_reboot = "preserve"',
        'on_crash = "preserve"',
    ]
    if kind == "pvh":
        # Xen in TCG: the emulated TSC is not stable enough for Xen's
        # default TSC mode checks in a PVH guest.
        lines.append('tsc_mode = "native"')
    return "\n".join(lines) + "\n"


# A dom0 process killed by a signal: the kernel's one-line report (with
# print-fatal-signals, its registers follow).
DOM0_FAULT_RE = r"segfault at|traps: |potentially unexpected fatal signal"


def _xl_step(command, what, extra_mark=""):
    """Run one xl command; on failure show its output and stop the job."""
    return [
        "%s >/tmp/xl.log 2>&1 || {" % command,
        "    status=$?",
        "    sed 's/^/xl: /' /tmp/xl.log",
        "    mark \"%s failed with status $status%s\"" % (what, extra_mark),
        "    exit 10",
        "}",
    ]


def job_script(timeout, xl_cycles=0):
    """`xl create -e`: no xl monitor child. pvwait watches the domain and
    destroys it, and every on_* action is "preserve", so the monitor has
    nothing to do.

    xl_cycles: first create and destroy the domain that many times, each
    xl checked (pvrun --xl-cycles: the toolstack under churn).

    Afterwards dom0's kernel log is searched for a process of dom0 killed
    by a signal: any such fault makes the run fail, whatever the domU said,
    because a dom0 that corrupts its own processes proves nothing."""
    log = "/var/log/xen/console/guest-%s.log" % DOMU_NAME
    lines = [
        "# tools/pvlib/xen_domu.py: start the guest, wait for its shutdown",
        "mark() { echo \"%s$*\"; }" % MARK,
        "echo 1 >/proc/sys/kernel/print-fatal-signals",
    ]
    if xl_cycles:
        lines += ["cycle=0", "while [ $cycle -lt %d ]; do" % xl_cycles,
                  "cycle=$((cycle + 1))"]
        where = " (cycle $cycle of %d)" % xl_cycles
        lines += _xl_step("xl create -e /pvrun/domu.cfg", "xl create", where)
        lines += _xl_step("xl destroy %s" % DOMU_NAME, "xl destroy", where)
        # xenconsoled appends every domain of this name to one log, which
        # pvwait would copy from its start: only the last domain's counts.
        lines += ["rm -f %s" % log, "done",
                  "mark \"xl cycles: %d creates and destroys passed\"" % xl_cycles]
    lines += _xl_step("xl create -e /pvrun/domu.cfg", "xl create")
    lines += [
        "mark \"domU created (uptime $(cut -d' ' -f1 /proc/uptime)s)\"",
        "pvwait --timeout %g --console %s --prefix %s %s" % (
            timeout, log, shlex.quote(DOMU_PREFIX), DOMU_NAME),
        "status=$?",
        "if dmesg | grep -Eq '%s'; then" % DOM0_FAULT_RE,
        "    dmesg | grep -E -A 12 '%s' | sed 's/^/dom0: /'" % DOM0_FAULT_RE,
        "    mark \"dom0 process fault: $(dmesg | grep -E '%s' | head -n 1)\"" % DOM0_FAULT_RE,
        "fi",
        "mark \"domU exit $status (uptime $(cut -d' ' -f1 /proc/uptime)s)\"",
        "exit $status",
        ""]
    return "\n".join(lines)


def run_archive(init, job, config, image, pvwait, ramdisk=None):
    def read(path):
        with open(path, "rb") as f:
            return f.read()
    entries = [
        ("init", 0o755, read(init)),
        ("pvrun", 0o755, None),
        ("pvrun/job", 0o644, job.encode()),
        ("pvrun/domu.cfg", 0o644, config.encode()),
        ("pvrun/guest.elf", 0o644, read(image)),
        ("usr", 0o755, None),
        ("usr/local", 0o755, None),
        ("usr/local/bin", 0o755, None),
        ("usr/local/bin/pvwait", 0o755, read(pvwait)),
    ] + ([("pvrun/initrd", 0o644, read(ramdisk))] if ramdisk else [])
    return gzip.compress(cpio_newc(entries), compresslevel=1)


def write_initrd(path, dom0_initrd, archive):
    """dom0's archive, zero padding to 4 bytes, then ours."""
    with open(dom0_initrd, "rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.write(b"\0" * (-dst.tell() % 4))
        dst.write(archive)
