"""Tests of tools/pvrun, tools/ktap-summary and tools/run-tests that need no
real guest: error paths, and a fake QEMU (fixtures/fake-qemu) that prints
KTAP, crashes, hangs or reports KVM errors depending on -append fake=MODE."""

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(HERE, "fixtures")
PVRUN = os.path.join(ROOT, "tools", "pvrun")
KTAP_SUMMARY = os.path.join(ROOT, "tools", "ktap-summary")
RUN_TESTS = os.path.join(ROOT, "tools", "run-tests")
FAKE_QEMU = os.path.join(FIXTURES, "fake-qemu")
FAKE_HOSTED = os.path.join(FIXTURES, "fake-hosted")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

CLOSING = "passed, "


def minimal_elf(path, machine=62):
    """An ELF64 header with no sections: passes pvrun's image check."""
    hdr = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    hdr += struct.pack("<HHIQQQIHHHHHH", 2, machine, 1, 0x100000, 0, 0, 0,
                       64, 0, 0, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(hdr)


def tool(path, *args, env=None, timeout=30, stdin=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    t0 = time.monotonic()
    r = subprocess.run([PYTHON, path] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=e, timeout=timeout,
                       input=stdin, universal_newlines=True,
                       stdin=None if stdin is not None else subprocess.DEVNULL)
    r.elapsed = time.monotonic() - t0
    return r


def last_line(text):
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[-1] if lines else ""


def process_gone(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("State:"):
                    return "Z" in line.split()[1]   # zombie: dead, unreaped
    except FileNotFoundError:
        return True
    return False


class PvrunBase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pvrun-test-")
        self.image = os.path.join(self.tmp, "guest.elf")
        minimal_elf(self.image)
        # A writable regular file stands in for /dev/kvm where needed.
        self.kvm_dev = os.path.join(self.tmp, "kvm")
        open(self.kvm_dev, "w").close()

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def pvrun(self, *args, **kw):
        return tool(PVRUN, *args, **kw)


    def fake(self, mode, *args, **kw):
        return self.pvrun("--qemu", FAKE_QEMU, "--append", "fake=" + mode,
                          *args, self.image, **kw)


class PvrunErrors(PvrunBase):
    def assertOneLineError(self, r, text, code=2):
        self.assertEqual(r.returncode, code, r.stderr)
        lines = r.stderr.splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith("pvrun: "), lines[0])
        self.assertIn(text, lines[0])

    def test_missing_image(self):
        r = self.pvrun(os.path.join(self.tmp, "nope.elf"))
        self.assertOneLineError(r, "pvrun: image not found: %s"
                                % os.path.join(self.tmp, "nope.elf"))

    def test_not_elf(self):
        p = os.path.join(self.tmp, "text.bin")
        with open(p, "w") as f:
            f.write("this is not an ELF file\n")
        self.assertOneLineError(self.pvrun(p), "not an ELF image")

    def test_not_x86_or_arm64_elf(self):
        p = os.path.join(self.tmp, "arm.elf")
        minimal_elf(p, machine=40)    # EM_ARM: 32-bit Arm
        self.assertOneLineError(self.pvrun(p), "not an x86 or arm64 ELF image")

    def test_x86_image_with_arch_arm64(self):
        self.assertOneLineError(self.pvrun("--arch", "arm64", self.image),
                                "is an x86_64 image (ELF e_machine), not arm64")

    def test_arm64_image_with_arch_x86_64(self):
        p = os.path.join(self.tmp, "pvpatch.elf")
        minimal_elf(p, machine=183)   # EM_AARCH64
        self.assertOneLineError(self.pvrun("--arch", "x86_64", p),
                                "is an arm64 image (ELF e_machine), not x86_64")

    def test_arm64_image_needs_its_flat_image(self):
        p = os.path.join(self.tmp, "pvpatch.elf")
        minimal_elf(p, machine=183)
        self.assertOneLineError(self.pvrun(p), "no arm64 Image beside")
        with open(os.path.join(self.tmp, "Image"), "wb") as f:
            f.write(bytes(64))
        self.assertOneLineError(self.pvrun(p), "has no arm64 Image header")

    def test_arm64_image_runs_under_tcg_only(self):
        p = os.path.join(self.tmp, "pvpatch.elf")
        minimal_elf(p, machine=183)
        self.assertOneLineError(self.pvrun("--hv", "kvm", p), "under --hv tcg only")

    def test_missing_qemu(self):
        r = self.pvrun("--qemu", "/nonexistent", self.image)
        self.assertOneLineError(
            r, "pvrun: /nonexistent not found; run scripts/deps.sh as root")

    def test_usage_error(self):
        r = self.pvrun("--smp", "zero", self.image)
        self.assertOneLineError(r, "--smp")
        r = self.pvrun("--hv", "hyperv", self.image)
        self.assertOneLineError(r, "--hv")
        r = self.pvrun("--expect-crash", "(", self.image)
        self.assertOneLineError(r, "bad --expect-crash regex")


class PvrunFakeQemu(PvrunBase):
    def test_pass(self):
        argv_file = os.path.join(self.tmp, "argv")
        r = self.fake("pass", env={"FAKE_QEMU_ARGV_FILE": argv_file})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("    ok 1 one", r.stdout)        # console streamed
        self.assertIn("SKIP fake_a.two: not on this CPU", r.stdout)
        self.assertEqual(last_line(r.stdout), "2 passed, 0 failed, 1 skipped")
        with open(argv_file) as f:
            argv = f.read().split("\n")
        for flag in ("-M", "microvm", "-accel", "tcg", "-m", "128M", "-smp", "1",
                     "-display", "none", "-monitor", "none", "-serial", "stdio",
                     "-no-reboot", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                     "-kernel", self.image, "-append"):
            self.assertIn(flag, argv)
        # pvrun may add its own boot arguments; ours must be among them.
        self.assertIn("fake=pass", argv[argv.index("-append") + 1].split())
        self.assertNotIn("-cpu", argv)

    def test_quiet_and_log(self):
        log = os.path.join(self.tmp, "console.log")
        r = self.fake("pass", "--quiet", "--log", log, "--smp", "4")
        self.assertEqual(r.returncode, 0)
        self.assertNotIn("ok 1 one", r.stdout)
        self.assertEqual(last_line(r.stdout), "2 passed, 0 failed, 1 skipped")
        with open(log) as f:
            self.assertIn("    ok 1 one\n", f.read())

    def test_fail(self):
        r = self.fake("fail")
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL fake_a.two\n", r.stdout)
        self.assertIn("EXPECTATION FAILED", r.stdout)
        self.assertEqual(last_line(r.stdout), "1 passed, 1 failed, 0 skipped")

    def test_guest_pass_but_ktap_fails(self):
        r = self.fake("fail-exit-pass")
        self.assertEqual(r.returncode, 1)
        self.assertIn("guest reported success but KTAP shows 1 failed", r.stderr)
        self.assertEqual(last_line(r.stdout), "1 passed, 1 failed, 0 skipped")

    def test_guest_fail_but_ktap_passes(self):
        r = self.fake("pass-exit-fail")
        self.assertEqual(r.returncode, 1)
        self.assertIn("guest reported failure but all 3", r.stderr)
        self.assertEqual(last_line(r.stdout), "2 passed, 1 failed, 1 skipped")

    def test_no_tests(self):
        r = self.fake("notests")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no tests ran", r.stderr)
        self.assertEqual(last_line(r.stdout), "0 passed, 1 failed, 0 skipped")

    def test_triple_fault(self):
        r = self.fake("triple")
        self.assertEqual(r.returncode, 1)
        self.assertIn("pvrun: guest crashed: QEMU exited with status 0", r.stderr)
        self.assertIn("    ok 1 one", r.stderr)        # console tail
        # fake_a: one passed, #2 #3 missing, fake_a and #2 unreported
        self.assertEqual(last_line(r.stdout), "1 passed, 3 failed, 0 skipped")

    def test_panic(self):
        r = self.fake("panic", "--quiet")
        self.assertEqual(r.returncode, 1)
        self.assertIn("guest crashed: PANIC: unexpected exception vector 6 (#UD)",
                      r.stderr)
        self.assertIn("#1 0x0000000000101000", r.stderr)
        self.assertEqual(last_line(r.stdout), "1 passed, 3 failed, 0 skipped")

    def test_qemu_startup_error(self):
        r = self.fake("qemu-error")
        self.assertEqual(r.returncode, 2)
        self.assertIn("pvrun: QEMU failed: Invalid SMP CPUs 999", r.stderr)
        self.assertIn("qemu: qemu-system-x86_64: Invalid SMP", r.stderr)
        self.assertEqual(last_line(r.stdout), "0 passed, 1 failed, 0 skipped")

    def test_timeout_kills_qemu(self):
        pidfile = os.path.join(self.tmp, "pid")
        r = self.fake("hang", "--timeout", "1", "--quiet",
                      env={"FAKE_QEMU_PID_FILE": pidfile})
        self.assertEqual(r.returncode, 124, r.stderr)
        self.assertLess(r.elapsed, 1 + 3.0)
        self.assertIn("pvrun: guest timed out after 1s; last console lines:", r.stderr)
        tail = r.stderr.split("last console lines:\n", 1)[1].splitlines()
        self.assertEqual(len(tail), 20)
        self.assertEqual(tail[-1].strip(), "ok 1 one")
        self.assertNotIn("[cpu0] log line 9\n", r.stderr)   # only the tail
        self.assertEqual(last_line(r.stdout), "1 passed, 3 failed, 0 skipped")
        with open(pidfile) as f:
            pid = int(f.read())
        deadline = time.monotonic() + 2
        while not process_gone(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(process_gone(pid), "fake qemu %d still running" % pid)

    def test_expect_crash_pass(self):
        r = self.fake("panic", "--expect-crash", r"vector 6 \(#UD\)",
                      "--name", "crash-ud")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(last_line(r.stdout), "1 passed, 0 failed, 0 skipped")

    def test_expect_crash_bad_arg(self):
        r = self.fake("badarg", "--expect-crash", "unknown boot argument")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(last_line(r.stdout), "1 passed, 0 failed, 0 skipped")

    def test_expect_crash_pattern_missing(self):
        r = self.fake("panic", "--expect-crash", r"vector 14 \(#PF\)")
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL vector 14 \\(#PF\\): no console line matches", r.stdout)
        self.assertEqual(last_line(r.stdout), "0 passed, 1 failed, 0 skipped")

    def test_expect_crash_but_guest_passed(self):
        r = self.fake("pass", "--expect-crash", "ok 1", "--name", "c")
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL c: guest reported success", r.stdout)
        self.assertEqual(last_line(r.stdout), "0 passed, 1 failed, 0 skipped")


class PvrunKvm(PvrunBase):
    def test_no_kvm_device(self):
        r = self.fake("pass", "--hv", "kvm", "--kvm-dev",
                      os.path.join(self.tmp, "no-such-kvm"))
        self.assertEqual(r.returncode, 77)
        self.assertIn("SKIP: kvm: ", r.stdout)
        self.assertEqual(last_line(r.stdout), "0 passed, 0 failed, 1 skipped")

    def test_kvm_internal_error_is_skipped_and_killed(self):
        pidfile = os.path.join(self.tmp, "pid")
        r = self.fake("kvm-internal", "--hv", "kvm", "--kvm-dev", self.kvm_dev,
                      "--timeout", "20", env={"FAKE_QEMU_PID_FILE": pidfile})
        self.assertEqual(r.returncode, 77, r.stdout + r.stderr)
        self.assertLess(r.elapsed, 5)
        self.assertIn("SKIP: kvm cannot run this guest: KVM internal error. "
                      "Suberror: 1 (emulation failure, at RIP=0x102345)", r.stdout)
        self.assertIn("qemu: KVM internal error", r.stderr)
        self.assertEqual(last_line(r.stdout), "0 passed, 0 failed, 1 skipped")
        with open(pidfile) as f:
            pid = int(f.read())
        deadline = time.monotonic() + 2
        while not process_gone(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(process_gone(pid))

    def test_kvm_init_failure(self):
        r = self.fake("kvm-init", "--hv", "kvm", "--kvm-dev", self.kvm_dev)
        self.assertEqual(r.returncode, 77)
        self.assertIn("SKIP: kvm cannot run this guest: Could not access KVM "
                      "kernel module: Permission denied", r.stdout)
        self.assertEqual(last_line(r.stdout), "0 passed, 0 failed, 1 skipped")

    def test_kvm_messages_ignored_for_tcg(self):
        r = self.fake("kvm-init")
        self.assertNotEqual(r.returncode, 0)
        self.assertNotIn("SKIP", r.stdout)


@unittest.skipUnless(shutil.which("as") and shutil.which("ld"), "needs binutils")
class PvrunSymbolize(PvrunBase):
    SRC = """
        .text
        .globl foo
        .type foo, @function
foo:    nop
        nop
        ret
        .size foo, .-foo
        .globl bar
        .type bar, @function
bar:    nop
        call foo
        ret
        .size bar, .-bar
"""

    def build(self):
        src = os.path.join(self.tmp, "sym.s")
        obj = os.path.join(self.tmp, "sym.o")
        elf = os.path.join(self.tmp, "sym.elf")
        with open(src, "w") as f:
            f.write(self.SRC)
        subprocess.run(["as", "-g", "--64", src, "-o", obj], check=True)
        subprocess.run(["ld", "-Ttext=0x100000", "-e", "foo", obj, "-o", elf],
                       check=True)
        return elf

    def test_backtrace_symbolized(self):
        elf = self.build()
        # foo = 0x100000 (3 bytes); bar = 0x100003: nop, call -> ret 0x100009
        r = self.pvrun("--qemu", FAKE_QEMU, "--append",
                       "fake=panic bt=0x100001,0x100009", elf)
        self.assertEqual(r.returncode, 1)
        lines = r.stdout.splitlines()
        bt0 = [l for l in lines if "#0 0x" in l][0]
        bt1 = [l for l in lines if "#1 0x" in l][0]
        self.assertIn("foo+0x1", bt0)
        self.assertIn("bar+0x6", bt1)
        if shutil.which("addr2line"):
            self.assertRegex(bt0, r"foo\+0x1 \(\S*sym\.s:\d+\)$")
        r = self.pvrun("--qemu", FAKE_QEMU, "--no-symbolize", "--append",
                       "fake=panic bt=0x100001,0x100009", elf)
        self.assertNotIn("foo+0x1", r.stdout)


class KtapSummary(unittest.TestCase):
    def test_command_pass(self):
        r = tool(KTAP_SUMMARY, "--", FAKE_HOSTED, "ktap_pass.txt", "0")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("    ok 2 beta", r.stdout)
        self.assertIn("fake-hosted: a line on stderr", r.stderr)
        self.assertEqual(last_line(r.stdout), "2 passed, 0 failed, 0 skipped")

    def test_command_failures(self):
        r = tool(KTAP_SUMMARY, "--", FAKE_HOSTED, "ktap_nested.txt", "1")
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL suite_a.case_two", r.stdout)
        self.assertEqual(last_line(r.stdout), "2 passed, 1 failed, 1 skipped")

    def test_nonzero_exit_with_passing_tests(self):
        r = tool(KTAP_SUMMARY, "--name", "h", "--", FAKE_HOSTED, "ktap_pass.txt", "5")
        self.assertEqual(r.returncode, 1)
        self.assertIn("ktap-summary: h exited with status 5", r.stderr)
        self.assertEqual(last_line(r.stdout), "2 passed, 1 failed, 0 skipped")

    def test_stdin(self):
        with open(os.path.join(FIXTURES, "ktap_pass.txt")) as f:
            r = tool(KTAP_SUMMARY, stdin=f.read())
        self.assertEqual(r.returncode, 0)
        self.assertEqual(last_line(r.stdout), "2 passed, 0 failed, 0 skipped")

    def test_stdin_zero_tests(self):
        r = tool(KTAP_SUMMARY, stdin="KTAP version 1\n1..0\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no tests ran", r.stderr)
        self.assertEqual(last_line(r.stdout), "0 passed, 1 failed, 0 skipped")

    def test_command_not_found(self):
        r = tool(KTAP_SUMMARY, "--", "/nonexistent/tests")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.strip(),
                         "ktap-summary: command not found: /nonexistent/tests")

    def test_timeout(self):
        r = tool(KTAP_SUMMARY, "--timeout", "1", "--", FAKE_HOSTED,
                 "ktap_crash.txt", "0", "hang")
        self.assertEqual(r.returncode, 124)
        self.assertLess(r.elapsed, 4)
        self.assertIn("timed out after 1s", r.stderr)
        self.assertEqual(last_line(r.stdout), "4 passed, 3 failed, 0 skipped")


class RunTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="run-tests-test-")
        self.image = os.path.join(self.tmp, "guest.elf")
        minimal_elf(self.image)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_tests(self, *args):
        return tool(RUN_TESTS, "--config", os.path.join(FIXTURES, "runtests.cfg"),
                    "--image", self.image, "--hosted-dir", FIXTURES,
                    "--qemu", FAKE_QEMU, *args, timeout=60)

    def table(self, stdout):
        rows = {}
        for line in stdout.splitlines():
            f = line.split()
            if len(f) >= 6 and f[1] in ("PASS", "FAIL", "SKIP") and f[2].isdigit():
                rows[f[0]] = (f[1], int(f[2]), int(f[3]), int(f[4]))
        return rows

    def test_all_entries(self):
        r = self.run_tests("-j", "4")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        rows = self.table(r.stdout)
        self.assertEqual(rows["g-pass"], ("PASS", 2, 0, 1))
        self.assertEqual(rows["g-fail"], ("FAIL", 1, 1, 0))
        self.assertEqual(rows["g-crash"], ("PASS", 1, 0, 0))
        self.assertEqual(rows["g-kvm"], ("SKIP", 0, 0, 1))
        self.assertEqual(rows["h-pass"], ("PASS", 2, 0, 0))
        self.assertEqual(rows["py-pass"], ("PASS", 2, 0, 1))
        self.assertIn("=== g-pass: pvrun --hv tcg --smp 1", r.stdout)
        self.assertEqual(last_line(r.stdout), "8 passed, 1 failed, 3 skipped")

    def test_only_and_group(self):
        r = self.run_tests("--group", "run")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(list(self.table(r.stdout)), ["g-pass"])
        self.assertEqual(last_line(r.stdout), "2 passed, 0 failed, 1 skipped")
        r = self.run_tests("--only", "g-crash,h-*")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(sorted(self.table(r.stdout)), ["g-crash", "h-pass"])

    def test_missing_image_counts_as_failure(self):
        os.unlink(self.image)
        r = self.run_tests("--only", "g-pass")
        self.assertEqual(r.returncode, 1)
        self.assertIn("pvrun: image not found", r.stdout)
        self.assertEqual(last_line(r.stdout), "0 passed, 1 failed, 0 skipped")

    def test_unknown_entry(self):
        r = self.run_tests("--only", "nope")
        self.assertEqual(r.returncode, 2)
        self.assertIn("run-tests: no entry named 'nope'", r.stderr)

    def test_real_table_parses(self):
        # tests/unittests.cfg itself must load (keys, kinds, regexes).
        r = tool(RUN_TESTS, "--list")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.strip())

    def test_bad_table(self):
        cfg = os.path.join(self.tmp, "bad.cfg")
        with open(cfg, "w") as f:
            f.write("[x]\nkind = guest\nsmpp = 2\n")
        r = tool(RUN_TESTS, "--config", cfg, "--list")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown key(s): smpp", r.stderr)



class XenEntryCheck(PvrunBase):
    def test_image_without_xen_notes_is_refused_before_booting(self):
        # minimal_elf has no "Xen" notes; a QEMU that must never start.
        r = self.pvrun("--hv", "xen", "--qemu", "/nonexistent/qemu", self.image)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("has no Xen entry note", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
