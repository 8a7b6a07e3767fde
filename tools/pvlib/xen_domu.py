"""The Xen domU path of tools/pvrun (--hv xen --domu pvh|pv).

Xen 4.17 runs in QEMU TCG (q35, -cpu max,-smap,-smep) with a Debian dom0
(scripts/xen-dom0.sh) whose /init (tools/xen/dom0-init) starts xenstored
and xenconsoled and then runs our job: `xl create` of the guest image, then
pvwait (tools/xen/pvwait.c) waits for the domain to shut down, copying its
console to dom0's console with DOMU_PREFIX before each line, and prints the
shutdown reason.

Everything arrives on one serial line: Xen's own messages, dom0's kernel
and init, and the prefixed domU lines. Only the domU lines go to the KTAP
parser; the verdict comes from pvwait's exit status (the guest's
SCHEDOP_shutdown reason: poweroff = pass, crash = failure).

The run's files (init, job, xl config, guest image, pvwait) are a second
cpio appended to the cached dom0 initramfs: the kernel unpacks
concatenated archives in order.
"""

import glob
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time

from . import cache, elf, ktap, linux, runner, xen_dom0
from .xen_domu_files import (DOM0_MEM_MIB, DOMU_PREFIX, HYPERVISOR_PKG, MARK,
                             Dom0, Error, Skip, check_entry, domu_config,
                             installed_version, job_script, mem_mib,
                             run_archive, write_initrd, xl_string)

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
EXIT_SKIP, EXIT_TIMEOUT, EXIT_INTR = 77, 124, 130

HYPERVISOR_GZ = "/boot/xen-4.17-amd64.gz"

# Xen boot plus dom0 boot plus xenstored etc. take ~30-40 s in TCG on an
# idle host; give a loaded 2-core host plenty more.
BOOT_BUDGET = 300.0
# After the job's last line: dom0 powers off, which should end QEMU.
POWEROFF_GRACE = 20.0
TIMEOUT_KILL_AFTER = 5
TAIL_LINES = 30
DOMU_TAIL_LINES = 10
PANIC_TAIL_MAX = 80

QEMU_MEM_MIB = 2048
# Xen's serial console is QEMU's; dom0's hvc0 goes through Xen to it.
#
# dom0_vcpus_pin: dom0's one vCPU stays on pCPU 0. Unpinned, Xen's credit2
# moves it between the emulated pCPUs, and in QEMU TCG (one thread or one
# per vCPU alike) dom0's processes then now and then read wrong memory
# right after `xl create` or `xl destroy` changed the domain set: ld.so
# faulting in its relocation loop on string bytes of another part of the
# library, libc, a glibc mutex assertion; xl create's status 139 was one
# of them. 4-5 in 100 create/destroy cycles unpinned, 0 in 350 pinned,
# 0 in 100 with one pCPU (see pvrun --xl-cycles). The domU's vCPUs still
# run on every pCPU.
XEN_ARGS = ("console=com1 com1=115200,8n1 dom0_mem={m}M,max:{m}M "
            "dom0_max_vcpus=1 dom0_vcpus_pin loglvl=warning guest_loglvl=warning")
# The time one `xl create` plus `xl destroy` of --xl-cycles may take on a
# loaded host (about 2 s idle).
XL_CYCLE_BUDGET = 30.0
DOM0_ARGS = "console=hvc0 loglevel=4"

PVWAIT_STATUS = {
    0: "poweroff", 1: "crash", 2: "pvwait error", 3: "reboot", 4: "suspend",
    5: "watchdog", 6: "soft_reset", 7: "unknown shutdown reason",
    8: "domain vanished", 124: "timed out",
}

MARK_RE = re.compile(r"^.*?" + re.escape(MARK) + r"(.*)$")
JOB_STATUS_RE = re.compile(r"^job status (\d+)")
DOMU_EXIT_RE = re.compile(r"^domU exit (\d+)")
TRIPLE_FAULT_RE = re.compile(r"\(XEN\) d\d+v\d+ Triple fault")
PANIC_RE = re.compile(r"^(?:\[cpu\d+\]\s*)?PANIC:")
CPU_PREFIX_RE = re.compile(r"^\[cpu\d+\]\s*")


# ------------------------------------------------------------------ QEMU

def qemu_command(qemu, xen, kernel, initrd, smp, timeout, cpu=xen_dom0.CPU_MODEL,
                 accel="tcg", xen_args=()):
    def module(path, args):
        # QEMU's multiboot module list: "file args,file args"; a comma in
        # an argument is written twice.
        return (path + (" " + args if args else "")).replace(",", ",,")
    cmd = [qemu, "-machine", "q35", "-cpu", cpu, "-accel", accel,
           "-m", str(QEMU_MEM_MIB), "-smp", str(smp), "-nodefaults",
           "-display", "none", "-monitor", "none", "-serial", "stdio",
           "-no-reboot",
           "-kernel", xen,
           "-append", " ".join((XEN_ARGS.format(m=DOM0_MEM_MIB),) + tuple(xen_args)),
           "-initrd", module(kernel, DOM0_ARGS) + "," + module(initrd, "")]
    tmo = shutil.which("timeout")
    if tmo:
        cmd = [tmo, "--kill-after=%d" % TIMEOUT_KILL_AFTER,
               "%g" % (timeout + TIMEOUT_KILL_AFTER)] + cmd
    return cmd


class DomuRun:
    """One boot of Xen + dom0 + the guest as a domU; see the module doc."""

    def __init__(self, args, image, qemu, dom0, pvwait, init, out, err, err_raw,
                 linux_initrd=None):
        self.a = args
        self.xl_cycles = getattr(args, "xl_cycles", 0) or 0
        # A Linux guest: its initramfs, its console's crash lines.
        self.linux_initrd = linux_initrd
        self.crash_re = linux.CRASH_RE if linux_initrd else PANIC_RE
        self.image = image
        self.qemu = qemu
        self.dom0 = dom0
        self.pvwait = pvwait
        self.init = init
        self.out, self.err, self.err_raw = out, err, err_raw
        self.parser = ktap.KtapParser()
        self.host_lines = []        # Xen, dom0 kernel, init, pvwait
        self.domu_lines = []
        self.log = None
        self.times = {}             # event -> seconds since QEMU started
        self.domu_exit = None
        self.job_status = None
        self.setup_failure = None
        self.xl_failure = None
        self.dom0_fault = None
        self.panic_index = None     # index of the domU's PANIC line
        self.symbolizer = None
        if getattr(args, "symbolize", False) and linux_initrd is None:
            srcroot = os.path.dirname(os.path.dirname(os.path.dirname(
                os.path.realpath(__file__))))
            self.symbolizer = elf.Symbolizer(image, srcroot=srcroot)

    # -------------------------------------------------------- console

    def on_line(self, line, now):
        if self.log:
            self.log.write(line + "\n")
            self.log.flush()
        pos = line.find(DOMU_PREFIX)
        if pos >= 0 and (pos == 0 or MARK not in line):
            text = line[pos + len(DOMU_PREFIX):]
            if self.linux_initrd:
                text = linux.console_text(text)
            self.parser.feed(text)
            if self.symbolizer is not None:
                text = self.symbolizer.annotate(text)
            if self.panic_index is None and self.crash_re.search(text):
                self.panic_index = len(self.domu_lines)
            self.domu_lines.append(text)
            if not self.a.quiet:
                self.out(text)
            return
        self.host_lines.append(line)
        if not self.a.quiet:
            self.out("xen| " + line)
        m = MARK_RE.match(line)
        if not m:
            return
        msg = m.group(1)
        for event in ("dom0 init started", "dom0 ready", "xl cycles", "domU created"):
            if msg.startswith(event):
                self.times.setdefault(event, now)
        if msg.startswith("dom0 setup failed"):
            self.setup_failure = msg
        if msg.startswith(("xl create failed", "xl destroy failed")):
            self.xl_failure = msg
        if msg.startswith("dom0 process fault"):
            self.dom0_fault = msg
        m2 = DOMU_EXIT_RE.match(msg)
        if m2:
            self.domu_exit = int(m2.group(1))
            self.times.setdefault("domU exit", now)
        m2 = JOB_STATUS_RE.match(msg)
        if m2:
            self.job_status = int(m2.group(1))

    def tail(self, header):
        self.err(header)
        lines = self.host_lines[-TAIL_LINES:]
        if not lines:
            self.err_raw("    (no console output)")
        for line in lines:
            self.err_raw("    " + line)
        self.domu_tail()

    def domu_tail(self):
        """The domU's panic report if it printed one, else its last lines."""
        if self.panic_index is not None:
            self.err_raw("  domU console from its PANIC line:")
            lines = self.domu_lines[self.panic_index:][:PANIC_TAIL_MAX]
        else:
            self.err_raw("  last domU console lines:")
            lines = self.domu_lines[-DOMU_TAIL_LINES:]
        if not lines:
            self.err_raw("    (no domU console output)")
        for line in lines:
            self.err_raw("    " + line)

    # -------------------------------------------------------- main

    def execute(self):
        tmp = tempfile.mkdtemp(prefix="pvrun-xen-")
        try:
            return self._execute(tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _execute(self, tmp):
        a = self.a
        if self.linux_initrd:
            extra = ("console=hvc0 panic=-1 oops=panic %s" % a.append).strip()
        else:
            # The guest checks its CPU count against what it was told.
            extra = ("smp.expected_cpus=%d %s" % (a.smp, a.append)).strip()
        config = domu_config(a.domu, a.smp, mem_mib(a.mem), extra,
                             ramdisk=self.linux_initrd is not None)
        initrd = os.path.join(tmp, "initrd")
        archive = run_archive(self.init, job_script(a.timeout, self.xl_cycles), config,
                              self.image, self.pvwait, ramdisk=self.linux_initrd)
        write_initrd(initrd, self.dom0.initrd, archive)
        # QEMU splits module arguments at spaces: use space-free links.
        xen = os.path.join(tmp, "xen")
        kernel = os.path.join(tmp, "vmlinuz")
        os.symlink(os.path.abspath(self.dom0.xen), xen)
        os.symlink(os.path.abspath(self.dom0.kernel), kernel)

        total = BOOT_BUDGET + self.job_budget() + POWEROFF_GRACE
        # Xen gets 2-4 CPUs: dom0 has one, the domU's vCPUs share them.
        cmd = qemu_command(self.qemu, xen, kernel, initrd, max(2, min(a.smp, 4)),
                           total, cpu=xen_dom0.CPU_MODEL_LINUX if self.linux_initrd
                           else xen_dom0.CPU_MODEL,
                           accel="tcg,thread=%s" % getattr(a, "tcg_thread", "multi"),
                           xen_args=getattr(a, "xen_arg", []))
        cmd += getattr(a, "qemu_arg", [])
        if a.verbose:
            self.err("running: " + " ".join(shlex.quote(c) for c in cmd))
            self.err("xl config:\n" + config.rstrip())
        if a.log:
            try:
                self.log = open(a.log, "w", encoding="utf-8", errors="replace")
            except OSError as e:
                self.err("cannot write log %s: %s" % (a.log, e.strerror))
                return EXIT_USAGE
        try:
            sp = runner.StreamingProcess(cmd, stderr="merge")
        except OSError as e:
            self.err("cannot start %s: %s" % (self.qemu, e.strerror))
            return EXIT_USAGE
        start = time.monotonic()
        hit, rc = None, None
        try:
            hit = self._stream(sp, start)
            for _, line in sp.drain(2.0):
                self.on_line(line, time.monotonic() - start)
            if not sp.killed:
                rc = sp.wait(10)
                if rc is None:
                    sp.kill()
            if rc is None:
                rc = sp.wait(10)
        except KeyboardInterrupt:
            sp.kill()
            sp.wait(5)
            self.err("interrupted; QEMU killed")
            return EXIT_INTR
        finally:
            sp.close()
            if self.log:
                self.log.close()
        self.elapsed = time.monotonic() - start
        return self.evaluate(rc, hit)

    def _stream(self, sp, start):
        """Feed console lines until QEMU ends; returns None or what ended it
        early: "boot-timeout", "domu-hang" (pvwait did not report in time),
        "no-poweroff" (job done, QEMU still running)."""
        a = self.a
        while True:
            now = time.monotonic() - start
            if self.job_status is not None or self.setup_failure:
                base = self.times.get("domU exit", now)
                deadline, why = start + max(now, base) + POWEROFF_GRACE, "no-poweroff"
            elif "dom0 ready" in self.times:
                deadline = start + self.times["dom0 ready"] + self.job_budget() + POWEROFF_GRACE
                why = "domu-hang"
            else:
                deadline, why = start + BOOT_BUDGET, "boot-timeout"
            ev = sp.next_event(deadline)
            if ev is runner.TIMEOUT:
                sp.kill()
                return why
            if ev is runner.DONE:
                return None
            self.on_line(ev[1], time.monotonic() - start)

    # -------------------------------------------------------- verdict

    def job_budget(self):
        return self.a.timeout + self.xl_cycles * XL_CYCLE_BUDGET

    def timing_line(self):
        t = self.times
        parts = []
        if "dom0 ready" in t:
            parts.append("Xen+dom0 boot %.1fs" % t["dom0 ready"])
        before_create = t.get("dom0 ready")
        if "xl cycles" in t and "dom0 ready" in t:
            parts.append("%d xl create/destroy cycles %.1fs"
                         % (self.xl_cycles, t["xl cycles"] - t["dom0 ready"]))
            before_create = t["xl cycles"]
        if "domU created" in t and before_create is not None:
            parts.append("xl create %.1fs" % (t["domU created"] - before_create))
        if "domU exit" in t and "domU created" in t:
            parts.append("domU run %.1fs" % (t["domU exit"] - t["domU created"]))
        parts.append("total %.1fs" % self.elapsed)
        return "xen %s domU: %s" % (self.a.domu, ", ".join(parts))

    def evaluate(self, rc, hit):
        a = self.a
        summary = ktap.summarize(self.parser.finish())
        self.err(self.timing_line())
        extra = []
        status = None
        if self.setup_failure:
            self.tail("Xen dom0 could not start the toolstack (%s); last "
                      "Xen/dom0 console lines:" % self.setup_failure)
            extra.append(("xen-dom0", self.setup_failure))
            status = EXIT_FAIL
        elif self.xl_failure:
            self.tail("%s; last Xen/dom0 console lines:" % self.xl_failure)
            extra.append(("xen-domu", self.xl_failure))
            status = EXIT_FAIL
        elif self.domu_exit is None:
            if hit == "boot-timeout":
                why = "Xen/dom0 did not boot within %gs" % BOOT_BUDGET
                status = EXIT_TIMEOUT
            elif hit == "domu-hang":
                why = ("no verdict from pvwait within %gs of dom0 being "
                       "ready" % (self.job_budget() + POWEROFF_GRACE))
                status = EXIT_TIMEOUT
            else:
                why = "QEMU ended (%s) before the domU finished" % describe_rc(rc)
                status = EXIT_FAIL
            self.tail(why + "; last Xen/dom0 console lines:")
            extra.append(("xen", why))
        elif a.expect_crash is not None:
            return self.evaluate_expect_crash()
        else:
            status = self.evaluate_domu(summary, extra)
        if self.dom0_fault:
            self.tail("%s; a dom0 that corrupts its own processes proves "
                      "nothing; last Xen/dom0 console lines:" % self.dom0_fault)
            extra.append(("xen-dom0", self.dom0_fault))
            if status == EXIT_PASS:
                status = EXIT_FAIL
        if hit == "no-poweroff" and status == EXIT_PASS:
            self.err("note: dom0 did not power off within %gs; QEMU killed"
                     % POWEROFF_GRACE)
        for line in ktap.summary_lines(summary, extra_failures=extra):
            self.out(line)
        return status

    def evaluate_domu(self, summary, extra):
        a = self.a
        code = self.domu_exit
        reason = PVWAIT_STATUS.get(code, "pvwait status %d" % code)
        if code == 124:
            self.tail("domU timed out after %gs and was destroyed; last "
                      "Xen/dom0 console lines:" % a.timeout)
            if not summary.failed:
                extra.append(("guest", "timed out after %gs (domain destroyed)"
                              % a.timeout))
            return EXIT_TIMEOUT
        init_errors = [l.split(linux.PVINIT_ERROR, 1)[1] for l in self.domu_lines
                       if linux.PVINIT_ERROR in l]
        if code == 0 and init_errors:
            for e in init_errors:
                self.err("pvinit: " + e)
                extra.append(("pvinit", e))
            return EXIT_FAIL
        if code == 0:
            if summary.no_tests:
                self.err("domU powered off but no tests ran")
                extra.append(("guest", "no tests ran"))
                return EXIT_FAIL
            if summary.failed:
                self.err("domU powered off (success) but KTAP shows %d failed "
                         "test(s)" % summary.failed)
                return EXIT_FAIL
            return EXIT_PASS
        if code == 1 and summary.failed:
            # The guest's own failure report; a panic cut the run short.
            if self.panic_index is not None:
                self.err("domU panicked: %s" % CPU_PREFIX_RE.sub(
                    "", self.domu_lines[self.panic_index]).strip())
                self.domu_tail()
            return EXIT_FAIL
        what = self.describe_end(code, reason)
        self.tail("domU %s; last Xen/dom0 console lines:" % what)
        extra.append(("guest", what))
        return EXIT_FAIL

    def describe_end(self, code, reason):
        if code == 1:
            return "crashed (shutdown reason crash)"
        # Xen's default action for a PVH/HVM triple fault is a reboot; our
        # guest itself never asks for one.
        if code == 3 and any(TRIPLE_FAULT_RE.search(l) for l in self.host_lines):
            return "triple-faulted (Xen: shutdown reason reboot)"
        if code in (2, 8):
            return "ended badly: " + reason
        return "ended badly: shutdown reason " + reason

    def evaluate_expect_crash(self):
        """Deliberate-crash runs: the domU must end with shutdown reason
        crash and one of its console lines must match the pattern."""
        a = self.a
        name = a.name or a.expect_crash
        reasons = []
        if self.domu_exit != 1:
            reasons.append("domU ended with %s, expected shutdown reason crash"
                           % PVWAIT_STATUS.get(self.domu_exit, self.domu_exit))
        if not any(re.search(a.expect_crash, l) for l in self.domu_lines):
            reasons.append("no domU console line matches %r" % a.expect_crash)
        if not reasons:
            self.out("PASS %s" % name)
            self.out(ktap.closing_line(1, 0, 0))
            return EXIT_PASS
        self.tail("expected crash not seen (%s); last Xen/dom0 console lines:"
                  % "; ".join(reasons))
        self.out("FAIL %s: %s" % (name, "; ".join(reasons)))
        self.out(ktap.closing_line(0, 1, 0))
        return EXIT_FAIL


def describe_rc(rc):
    if rc is None:
        return "did not exit"
    if rc < 0:
        return "killed by %s" % runner.signal_name(rc)
    return "status %d" % rc


# ------------------------------------------------------------------ entry

def find_pvwait(srcroot, image):
    """The dom0-side helper: beside the image's build, else the newest one
    any build made, else built now (make xen-tools)."""
    near = os.path.join(os.path.dirname(os.path.abspath(image)), "tools", "xen", "pvwait")
    if os.path.isfile(near):
        return near
    built = sorted(glob.glob(os.path.join(srcroot, "build", "*", "tools", "xen", "pvwait")),
                   key=os.path.getmtime)
    if built:
        return built[-1]
    path = os.path.join(srcroot, "build", "x86_64", "tools", "xen", "pvwait")
    try:
        r = subprocess.run(["make", "-s", "-C", srcroot, "O=build/x86_64", "xen-tools"],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
    except OSError as e:
        raise Error("pvwait helper not found and make could not run: %s" % e.strerror)
    if r.returncode != 0 or not os.path.isfile(path):
        why = (r.stderr.strip().splitlines() or ["no output"])[-1]
        raise Error("pvwait helper not found and 'make xen-tools' failed: %s" % why)
    return path


def linux_domu_kernel(kernel, kind, tmp):
    """What xl boots: a PV domU takes the bzImage (libxc unpacks it); a
    PVH domU is loaded as an ELF with the PVH entry note, the vmlinux."""
    if kind == "pv" or kernel.kind == "vmlinux":
        return kernel.path
    elf_image = kernel.vmlinux()
    if elf_image is None:
        raise Error("%s: cannot unpack its vmlinux for a PVH domU (compression "
                    "not gzip, xz, lzma or bzip2); pass the vmlinux" % kernel.path)
    path = os.path.join(tmp, "vmlinux")
    with open(path, "wb") as f:
        f.write(elf_image)
    return path


def run(args, image, qemu_name, out, err, err_raw, linux_guest=None):
    """pvrun --hv xen --domu KIND: returns pvrun's exit status.
    linux_guest: (Kernel, its initramfs, a scratch directory)."""
    srcroot = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.realpath(__file__))))
    try:
        qemu = shutil.which(qemu_name)
        if qemu is None:
            raise Error("%s not found; run scripts/deps.sh as root" % qemu_name)
        installed = installed_version(HYPERVISOR_PKG)
        if not os.path.isfile(HYPERVISOR_GZ) or installed is None:
            raise Error("Xen is not installed (%s, package %s); run "
                        "scripts/deps.sh as root" % (HYPERVISOR_GZ, HYPERVISOR_PKG))
        dom0 = Dom0(args.dom0 or cache.cache_dir("xen-dom0", "current"))
        dom0.check_hypervisor(installed)
        if args.pvwait and not os.path.isfile(args.pvwait):
            raise Error("--pvwait %s: not found" % args.pvwait)
        pvwait = args.pvwait or find_pvwait(srcroot, image)
        init = os.path.join(srcroot, "tools", "xen", "dom0-init")
        linux_initrd = None
        if linux_guest is not None:
            kernel, linux_initrd, tmp = linux_guest
            image = linux_domu_kernel(kernel, args.domu, tmp)
        else:
            check_entry(image, args.domu)
        mem_mib(args.mem)
        xl_string(args.append)
    except Skip as e:
        out("SKIP: %s" % e)
        out(ktap.closing_line(0, 0, 1))
        return EXIT_SKIP
    except Error as e:
        err(str(e))
        out(ktap.closing_line(0, 1, 0))
        return EXIT_USAGE
    return DomuRun(args, image, qemu, dom0, pvwait, init, out, err,
                   err_raw, linux_initrd=linux_initrd).execute()
