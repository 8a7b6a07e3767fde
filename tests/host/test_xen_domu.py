"""Tests of the Xen domU path (tools/pvlib/xen_domu*.py, tools/xen/) that
need neither Xen nor QEMU: ELF note checks, the xl config and job, the run
initramfs, the verdict from a fake console transcript (fixtures/
fake-xen-qemu), pvwait's usage and no-Xen errors. The real runs are
`make check-xen` (scripts/check-xen.sh)."""

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from pvlib import ktap, xen_domu, xen_domu_files as files  # noqa: E402

FAKE = os.path.join(HERE, "fixtures", "fake-xen-qemu")
STANDIN = os.path.join(ROOT, "tools", "xen", "standin-image")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def cpio_members(data):
    """{name: bytes} of a newc archive (files only), stopping at the trailer."""
    members, pos = {}, 0
    while True:
        hdr = data[pos:pos + 110]
        assert hdr[:6] == b"070701", hdr[:6]
        fields = [int(hdr[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = fields[1], fields[6], fields[11]
        name = data[pos + 110:pos + 110 + namesize - 1].decode()
        pos += 110 + namesize
        pos += -pos % 4
        if name == "TRAILER!!!":
            return members
        if mode & 0o170000 == 0o100000:
            members[name] = (mode & 0o7777, data[pos:pos + size])
        pos += size
        pos += -pos % 4


class Tmp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xen-domu-test-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def standin(self, kind):
        path = os.path.join(self.tmp, kind + ".elf")
        subprocess.run([PYTHON, STANDIN, kind, path], check=True)
        return path

    def file(self, name, data=b"x"):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path


class ImageChecks(Tmp):
    def test_pvh_note_found(self):
        notes = files.xen_notes(self.standin("hang"))
        self.assertIn(files.XEN_ELFNOTE_PHYS32_ENTRY, notes)
        self.assertNotIn(files.XEN_ELFNOTE_ENTRY, notes)
        files.check_entry(self.standin("hang"), "pvh")

    def test_pv_without_pv_entry_skips_with_reason(self):
        with self.assertRaisesRegex(files.Skip, "no Xen PV entry.*PVH entry"):
            files.check_entry(self.standin("hang"), "pv")

    def test_pv_with_pv_entry_is_accepted(self):
        files.check_entry(self.standin("pv-note"), "pv")

    def test_no_notes_is_an_error_for_pvh(self):
        path = self.file("plain.elf", b"\x7fELF" + bytes([2, 1, 1]) + bytes(57))
        with self.assertRaisesRegex(files.Error, "no PVH entry"):
            files.check_entry(path, "pvh")

    def test_truncated_program_headers(self):
        with open(self.standin("hang"), "rb") as f:
            path = self.file("cut.elf", f.read()[:100])
        with self.assertRaisesRegex(files.Error, "outside the file"):
            files.xen_notes(path)

    def test_not_elf64(self):
        with self.assertRaisesRegex(files.Error, "not an ELF64"):
            files.xen_notes(self.file("junk", b"hello"))


class RunFiles(Tmp):
    def test_config(self):
        cfg = files.domu_config("pvh", 2, 128, "ktest.filter=smp*")
        self.assertIn('type = "pvh"', cfg)
        self.assertIn("vcpus = 2", cfg)
        self.assertIn('extra = "ktest.filter=smp*"', cfg)
        self.assertIn('tsc_mode = "native"', cfg)
        # pvwait must see the shutdown reason: the domain is kept.
        for event in ("poweroff", "reboot", "crash"):
            self.assertIn('on_%s = "preserve"' % event, cfg)
        self.assertNotIn("tsc_mode", files.domu_config("pv", 1, 64, ""))

    def test_config_rejects_quotes(self):
        with self.assertRaisesRegex(files.Error, "cannot contain quotes"):
            files.xl_string('a"b')

    def test_mem(self):
        self.assertEqual(files.mem_mib("128M"), 128)
        self.assertEqual(files.mem_mib("1G"), 1024)
        self.assertEqual(files.mem_mib("256"), 256)
        for bad in ("12x", "8M", "64G", ""):
            with self.assertRaises(files.Error):
                files.mem_mib(bad)

    def test_job_runs_xl_then_pvwait(self):
        job = files.job_script(42)
        # -e: no xl monitor child; pvwait watches and destroys the domain.
        self.assertLess(job.index("xl create -e /pvrun/domu.cfg"), job.index("pvwait"))
        self.assertIn("--timeout 42", job)
        self.assertIn("guest-pvguest.log", job)
        self.assertIn("domU exit $status", job)

    def test_job_without_cycles_creates_once(self):
        job = files.job_script(42)
        self.assertEqual(job.count("xl create -e /pvrun/domu.cfg"), 1)
        self.assertNotIn("xl destroy", job)

    def test_job_cycles_check_every_xl_before_the_run(self):
        job = files.job_script(42, xl_cycles=7)
        self.assertIn("while [ $cycle -lt 7 ]", job)
        loop = job[job.index("while"):job.index("done")]
        # Each xl in the loop stops the job with a mark pvrun reads.
        self.assertIn('mark "xl create failed with status $status (cycle $cycle of 7)"', loop)
        self.assertIn('mark "xl destroy failed with status $status (cycle $cycle of 7)"', loop)
        self.assertEqual(loop.count("exit 10"), 2)
        # Only the last domain's console goes to the KTAP parser.
        self.assertIn("rm -f /var/log/xen/console/guest-pvguest.log", loop)
        self.assertLess(job.index("done"), job.index("pvwait"))

    def test_job_reports_a_dom0_process_fault(self):
        job = files.job_script(42)
        self.assertIn("print-fatal-signals", job)
        check = job[job.index("pvwait"):]
        self.assertIn(files.DOM0_FAULT_RE, check)
        self.assertIn('mark "dom0 process fault: ', check)
        self.assertLess(check.index("dom0 process fault"), check.index("domU exit"))

    @unittest.skipUnless(shutil.which("sh"), "no sh")
    def test_job_runs_under_sh(self):
        """The job with stand-ins for xl, pvwait and dmesg: the second
        destroy fails, and the job stops there with its mark."""
        bindir = os.path.join(self.tmp, "bin")
        os.makedirs(bindir)
        calls = os.path.join(self.tmp, "calls")
        stubs = {
            "xl": '#!/bin/sh\necho "xl $*" >>%s\n'
                  'if [ "$1" = destroy ] && [ $(grep -c destroy %s) = 2 ]; then exit 139; fi\n'
                  % (calls, calls),
            "pvwait": "#!/bin/sh\nexit 0\n",
            "dmesg": "#!/bin/sh\n",
        }
        for name, text in stubs.items():
            path = os.path.join(bindir, name)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, 0o755)
        job = files.job_script(42, xl_cycles=3).replace(
            "echo 1 >/proc/sys/kernel/print-fatal-signals", ":")
        r = subprocess.run(["sh", "-c", job], capture_output=True, text=True,
                           env={"PATH": bindir + ":/usr/bin:/bin"}, cwd=self.tmp)
        self.assertEqual(r.returncode, 10)
        self.assertIn(files.MARK + "xl destroy failed with status 139 (cycle 2 of 3)",
                      r.stdout)
        with open(calls) as f:
            self.assertEqual(len(f.read().splitlines()), 4)

    def test_initrd_is_dom0_then_run_archive(self):
        init = self.file("init", b"#!/bin/sh\n")
        image = self.file("guest.elf", b"\x7fELF-guest")
        pvwait = self.file("pvwait", b"\x7fELF-pvwait")
        dom0 = self.file("dom0.cpio.gz", gzip.compress(b"dom0 archive"))
        archive = files.run_archive(init, "job\n", "cfg\n", image, pvwait)
        out = os.path.join(self.tmp, "initrd")
        files.write_initrd(out, dom0, archive)
        with open(out, "rb") as f:
            data = f.read()
        first = os.path.getsize(dom0)
        second = first + (-first % 4)
        self.assertEqual(data[first:second], bytes(second - first))
        self.assertEqual(second % 4, 0)
        members = cpio_members(gzip.decompress(data[second:]))
        self.assertEqual(members["init"], (0o755, b"#!/bin/sh\n"))
        self.assertEqual(members["pvrun/job"][1], b"job\n")
        self.assertEqual(members["pvrun/domu.cfg"][1], b"cfg\n")
        self.assertEqual(members["pvrun/guest.elf"][1], b"\x7fELF-guest")
        self.assertEqual(members["usr/local/bin/pvwait"], (0o755, b"\x7fELF-pvwait"))

    @unittest.skipUnless(shutil.which("cpio"), "cpio not installed")
    def test_archive_reads_with_cpio(self):
        data = files.cpio_newc([("d", 0o755, None), ("d/f", 0o644, b"abc")])
        r = subprocess.run(["cpio", "-t", "--quiet"], input=data,
                           stdout=subprocess.PIPE, check=True)
        self.assertEqual(r.stdout.decode().split(), ["d", "d/f"])

    def test_qemu_command(self):
        cmd = xen_domu.qemu_command("qemu", "/x/xen", "/x/vmlinuz", "/t/initrd", 2, 100)
        self.assertIn("max,-smap,-smep", cmd)
        self.assertIn("q35", cmd)
        initrd = cmd[cmd.index("-initrd") + 1]
        self.assertTrue(initrd.startswith("/x/vmlinuz console=hvc0"))
        self.assertTrue(initrd.endswith(",/t/initrd"))
        self.assertIn("dom0_mem=1024M,max:1024M", cmd[cmd.index("-append") + 1])
        # dom0's vCPU pinned: unpinned, dom0's processes read wrong memory
        # now and then in Xen-in-TCG (xen_domu.XEN_ARGS).
        self.assertIn("dom0_vcpus_pin", cmd[cmd.index("-append") + 1].split())

    def test_qemu_command_appends_xen_args(self):
        cmd = xen_domu.qemu_command("qemu", "/x/xen", "/x/vmlinuz", "/t/initrd", 2, 100,
                                    xen_args=["dom0_vcpus_pin=0", "loglvl=all"])
        words = cmd[cmd.index("-append") + 1].split()
        self.assertEqual(words[-2:], ["dom0_vcpus_pin=0", "loglvl=all"])


class Dom0Checks(Tmp):
    def make_dom0(self, versions="xen-hypervisor 1.0\n"):
        d = tempfile.mkdtemp(prefix="dom0-", dir=self.tmp)
        for name in ("xen", "vmlinuz"):
            open(os.path.join(d, name), "w").close()
        with open(os.path.join(d, "dom0.cpio.gz"), "wb") as f:
            f.write(gzip.compress(files.cpio_newc([])))
        with open(os.path.join(d, "versions"), "w") as f:
            f.write(versions)
        return d

    def test_missing_dom0_says_how_to_build(self):
        with self.assertRaisesRegex(files.Error, "scripts/xen-dom0.sh"):
            files.Dom0(os.path.join(self.tmp, "nope"))

    def test_incomplete_dom0(self):
        d = self.make_dom0()
        os.unlink(os.path.join(d, "vmlinuz"))
        with self.assertRaisesRegex(files.Error, "incomplete.*vmlinuz"):
            files.Dom0(d)

    def test_version_mismatch(self):
        dom0 = files.Dom0(self.make_dom0())
        dom0.check_hypervisor("1.0")
        with self.assertRaisesRegex(files.Error, "built for Xen 1.0 but .* 2.0"):
            dom0.check_hypervisor("2.0")


class FakeRun(Dom0Checks):
    """DomuRun against fixtures/fake-xen-qemu: the verdict logic."""

    def setUp(self):
        super().setUp()
        self.saved = (xen_domu.BOOT_BUDGET, xen_domu.POWEROFF_GRACE)
        xen_domu.BOOT_BUDGET = 3
        xen_domu.POWEROFF_GRACE = 2

    def tearDown(self):
        xen_domu.BOOT_BUDGET, xen_domu.POWEROFF_GRACE = self.saved
        os.environ.pop("FAKE_XEN_MODE", None)
        super().tearDown()

    def run_fake(self, mode, **kw):
        os.environ["FAKE_XEN_MODE"] = mode
        args = argparse.Namespace(domu="pvh", smp=1, mem="128M", append="",
                                  timeout=5, quiet=False, verbose=False,
                                  log=None, expect_crash=None, name=None)
        for k, v in kw.items():
            setattr(args, k, v)
        self.stdout, self.stderr = [], []
        dom0 = files.Dom0(self.make_dom0())
        run = xen_domu.DomuRun(
            args, self.standin("hang"), FAKE, dom0, self.file("pvwait"),
            self.file("init"), self.stdout.append,
            lambda m: self.stderr.append("pvrun: " + m), self.stderr.append)
        status = run.execute()
        self.closing = ktap.parse_closing_line(self.stdout)
        return status

    def err_text(self):
        return "\n".join(self.stderr)

    def test_pass(self):
        self.assertEqual(self.run_fake("pass"), 0)
        self.assertEqual(self.closing, (2, 0, 0))
        # domU lines are shown without the transport prefix, host lines marked.
        self.assertIn("    ok 1 first", self.stdout)
        self.assertIn("xen| (XEN) Freed 656kB init memory", self.stdout)
        self.assertRegex(self.err_text(), r"xen pvh domU: Xen\+dom0 boot [\d.]+s, "
                         r"xl create [\d.]+s, domU run [\d.]+s")

    def test_ktap_failure_with_crash_reason(self):
        self.assertEqual(self.run_fake("ktap-fail"), 1)
        self.assertEqual(self.closing, (1, 1, 0))
        self.assertIn("FAIL demo.second", self.stdout)

    def test_crash_without_ktap_shows_tail(self):
        self.assertEqual(self.run_fake("crash"), 1)
        self.assertIn("domU crashed (shutdown reason crash)", self.err_text())
        self.assertIn("PANIC: fake", self.err_text())
        self.assertEqual(self.closing, (0, 1, 0))

    def test_panic_mid_ktap_shows_the_panic(self):
        self.assertEqual(self.run_fake("panic-mid-ktap"), 1)
        self.assertEqual(self.closing, (1, 1, 0))
        self.assertIn("domU panicked: PANIC: unexpected exception vector 1",
                      self.err_text())
        self.assertIn("    [cpu1] backtrace (ORC, reliable):", self.err_text())

    def test_triple_fault(self):
        self.assertEqual(self.run_fake("triple-fault"), 1)
        self.assertIn("domU triple-faulted", self.err_text())
        self.assertIn("(XEN) d1v0 Triple fault", self.err_text())

    def test_timeout(self):
        self.assertEqual(self.run_fake("timeout"), 124)
        self.assertIn("timed out after 5s and was destroyed", self.err_text())
        self.assertEqual(self.closing, (0, 1, 0))

    def test_xl_create_failure(self):
        self.assertEqual(self.run_fake("xl-fail"), 1)
        self.assertIn("xl create failed with status 1", self.err_text())
        self.assertIn("libxl: error: fake failure", self.err_text())

    def test_xl_destroy_failure_in_a_cycle(self):
        self.assertEqual(self.run_fake("xl-destroy-fail"), 1)
        self.assertIn("xl destroy failed with status 139 (cycle 2 of 5)", self.err_text())

    def test_dom0_process_fault_fails_a_passing_domu(self):
        self.assertEqual(self.run_fake("dom0-fault"), 1)
        self.assertIn("dom0 process fault: ", self.err_text())
        self.assertIn("ld-linux-x86-64.so.2", self.err_text())

    def test_dom0_setup_failure(self):
        self.assertEqual(self.run_fake("setup-fail"), 1)
        self.assertIn("xenstored did not start", self.err_text())

    def test_xen_panic(self):
        self.assertEqual(self.run_fake("xen-panic"), 1)
        self.assertIn("before the domU finished", self.err_text())
        self.assertIn("(XEN) fake panic", self.err_text())

    def test_boot_hang_is_killed(self):
        self.assertEqual(self.run_fake("boot-hang"), 124)
        self.assertIn("did not boot within 3s", self.err_text())

    def test_no_poweroff_still_passes(self):
        self.assertEqual(self.run_fake("no-poweroff"), 0)
        self.assertIn("did not power off", self.err_text())

    def test_expect_crash(self):
        self.assertEqual(self.run_fake("crash", expect_crash="PANIC: f"), 0)
        self.assertIn("PASS PANIC: f", self.stdout)
        self.assertEqual(self.run_fake("pass", expect_crash="PANIC"), 1)
        self.assertRegex(self.stdout[-2], "FAIL PANIC: domU ended with poweroff")

    def test_quiet(self):
        self.assertEqual(self.run_fake("pass", quiet=True), 0)
        self.assertEqual(self.stdout, ["2 passed, 0 failed, 0 skipped"])


class Cli(Tmp):
    """tools/pvrun's --domu argument handling."""

    def pvrun(self, *args):
        return subprocess.run([PYTHON, os.path.join(ROOT, "tools", "pvrun")] +
                              list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=60)

    def test_domu_needs_hv_xen(self):
        r = self.pvrun("--domu", "pvh", self.standin("hang"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("--domu needs --hv xen", r.stderr)

    def test_missing_qemu(self):
        r = self.pvrun("--hv", "xen", "--domu", "pvh", "--qemu",
                       os.path.join(self.tmp, "no-qemu"), self.standin("hang"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("no-qemu not found", r.stderr)

    def test_missing_dom0_or_xen(self):
        r = self.pvrun("--hv", "xen", "--domu", "pvh", "--qemu", sys.executable,
                       "--dom0", os.path.join(self.tmp, "nodom0"),
                       self.standin("hang"))
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, "no Xen dom0 image at .*nodom0; build it "
                         "with scripts/xen-dom0.sh|Xen is not installed")
        self.assertEqual(r.stdout.splitlines()[-1], "0 passed, 1 failed, 0 skipped")


@unittest.skipUnless(os.path.exists("/usr/include/xenctrl.h"), "libxen-dev not installed")
class Pvwait(Tmp):
    """Built here from source; on a host that is not a Xen dom0 it must
    refuse clearly."""

    def setUp(self):
        super().setUp()
        self.bin = os.path.join(self.tmp, "pvwait")
        srcs = [os.path.join(ROOT, "tools", "xen", f)
                for f in ("pvwait.c", "console_follow.c")]
        subprocess.run(["cc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-o",
                        self.bin] + srcs + ["-lxenctrl", "-lxenstore"], check=True)

    def pvwait(self, *args):
        return subprocess.run([self.bin] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=30)

    def test_usage_errors(self):
        for args, msg in ((["--timeout", "x", "1"], "bad --timeout"),
                          (["--timeout", "-1", "1"], "bad --timeout"),
                          ([], "missing DOMAIN"),
                          (["1", "2"], "one DOMAIN only"),
                          (["--bogus", "1"], "unknown option"),
                          (["--prefix", "p" * 100, "1"], "too long")):
            r = self.pvwait(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(msg, r.stderr)

    def test_help(self):
        r = self.pvwait("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("124 timed out", r.stdout)

    @unittest.skipIf(os.path.exists("/dev/xen/privcmd") or
                     os.path.exists("/proc/xen/privcmd"), "running in a Xen dom0")
    def test_no_xen(self):
        r = self.pvwait("1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot open the Xen control interface", r.stderr)


if __name__ == "__main__":
    unittest.main()
