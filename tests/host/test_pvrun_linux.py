"""tools/pvrun --kernel: Linux guests, with a fake QEMU (fixtures/fake-qemu,
linux-* modes) and fake kernels and modules made here: the checks made
before a boot, the verdict from pvinit's exit code, KTAP and crash lines."""

import gzip
import os
import struct
import unittest

from tests.host.test_pvrun import FAKE_QEMU, PvrunBase, last_line

RELEASE = "6.1.999-fake"


def fake_bzimage(path, release=RELEASE, kunit=True):
    """A boot-protocol 2.15 setup header whose gzip payload is an 'ELF'
    carrying (or not) KUnit's format string."""
    setup_sects = 1
    data = bytearray((setup_sects + 1) * 512)
    data[0x1F1] = setup_sects
    data[0x1FE:0x200] = b"\x55\xaa"
    data[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", data, 0x206, 0x020F)
    version = ("%s (fake@fake) #1 SMP" % release).encode() + b"\0"
    struct.pack_into("<H", data, 0x20E, 0x300 - 0x200)
    data[0x300:0x300 + len(version)] = version
    elf = b"\x7fELF" + b"\0" * 60 + (b"\x016    # Subtest: %s\n" if kunit else b"nothing")
    payload = gzip.compress(elf) + struct.pack("<I", len(elf))
    struct.pack_into("<II", data, 0x248, 0, len(payload))
    with open(path, "wb") as f:
        f.write(bytes(data) + payload)


def fake_module(path, vermagic=RELEASE + " SMP mod_unload "):
    """An ELF64 relocatable with a .modinfo section and its name table."""
    modinfo = ("license=GPL\0vermagic=%s\0name=fake\0" % vermagic).encode()
    shstrtab = b"\0.modinfo\0.shstrtab\0"
    body = modinfo + shstrtab
    shoff = 64 + len(body)
    shoff += -shoff % 8
    hdr = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    hdr += struct.pack("<HHIQQQIHHHHHH", 1, 62, 1, 0, 0, shoff, 0, 64, 0, 0, 64, 3, 2)
    sh = bytes(64)
    sh += struct.pack("<IIQQQQIIQQ", 1, 1, 0, 0, 64, len(modinfo), 0, 0, 1, 0)
    sh += struct.pack("<IIQQQQIIQQ", 10, 3, 0, 0, 64 + len(modinfo), len(shstrtab), 0, 0, 1, 0)
    with open(path, "wb") as f:
        f.write(hdr + body + bytes(shoff - 64 - len(body)) + sh)


class PvrunLinux(PvrunBase):
    def setUp(self):
        super().setUp()
        self.kernel = os.path.join(self.tmp, "bzImage")
        fake_bzimage(self.kernel)
        self.module = os.path.join(self.tmp, "fake.ko")
        fake_module(self.module)

    def linux(self, mode, *args, kernel=None, **kw):
        return self.pvrun("--qemu", FAKE_QEMU, "--append", "fake=" + mode,
                          "--kernel", kernel or self.kernel, "--module", self.module,
                          *args, **kw)

    def assertOneLineError(self, r, text):
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        lines = r.stderr.splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertIn(text, lines[0])

    # ---------------------------------------------------------- bad input

    def test_not_a_kernel(self):
        p = os.path.join(self.tmp, "notes.txt")
        with open(p, "w") as f:
            f.write("hello\n" * 200)
        self.assertOneLineError(self.linux("linux-pass", kernel=p),
                                "is not a Linux kernel")

    def test_pvpatch_image_is_not_a_linux_kernel(self):
        self.assertOneLineError(self.linux("linux-pass", kernel=self.image),
                                "not an x86-64 Linux vmlinux")

    def test_kernel_without_kunit(self):
        fake_bzimage(self.kernel, kunit=False)
        self.assertOneLineError(self.linux("linux-pass"), "has no KUnit")

    def test_module_for_another_kernel(self):
        fake_module(self.module, vermagic="6.1.0-28-amd64 SMP mod_unload ")
        self.assertOneLineError(self.linux("linux-pass"),
                                "was built for Linux 6.1.0-28-amd64")

    def test_not_a_module(self):
        with open(self.module, "wb") as f:
            f.write(b"not elf")
        self.assertOneLineError(self.linux("linux-pass"), "not an ELF64 kernel module")

    def test_kernel_and_image_together(self):
        r = self.pvrun("--kernel", self.kernel, "--module", self.module, self.image)
        self.assertOneLineError(r, "either a pvpatch IMAGE or --kernel")

    def test_kernel_without_anything_to_run(self):
        r = self.pvrun("--kernel", self.kernel)
        self.assertOneLineError(r, "--kernel needs --module")

    def test_infinite_timeout(self):
        r = self.linux("linux-pass", "--timeout", "inf")
        self.assertOneLineError(r, "--timeout must be a positive number")

    # ---------------------------------------------------------- verdicts

    def test_pass(self):
        argv_file = os.path.join(self.tmp, "argv")
        r = self.linux("linux-pass", env={"FAKE_QEMU_ARGV_FILE": argv_file})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(last_line(r.stdout), "2 passed, 0 failed, 1 skipped")
        with open(argv_file) as f:
            argv = f.read().splitlines()
        self.assertIn("q35", argv)
        self.assertIn("-initrd", argv)
        self.assertIn("console=ttyS0", argv[argv.index("-append") + 1])

    def test_failed_case(self):
        r = self.linux("linux-fail")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("1 failed", last_line(r.stdout))

    def test_panic_is_a_crash_with_the_tail(self):
        r = self.linux("linux-panic")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("Linux crashed: BUG: kernel NULL pointer dereference", r.stderr)
        self.assertIn("Kernel panic - not syncing", r.stderr)
        self.assertNotIn(" 0 failed", last_line(r.stdout))

    def test_reset_without_verdict(self):
        r = self.linux("linux-reset")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("before pvinit reported", r.stderr)

    def test_module_load_failure(self):
        r = self.linux("linux-init-error")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("pvinit: loading 00-fake.ko failed", r.stderr)

    def test_no_tests(self):
        r = self.linux("linux-notests")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("no KUnit results", r.stderr)

    def test_hang_stops_at_the_timeout(self):
        r = self.linux("linux-hang", "--timeout", "2")
        self.assertEqual(r.returncode, 124, r.stdout + r.stderr)
        self.assertIn("timed out after 2s", r.stderr)


class KvmAfterResults(PvrunBase):
    def test_kvm_error_after_a_result_is_a_failure(self):
        r = self.fake("kvm-after-result", "--hv", "kvm", "--kvm-dev", self.kvm_dev)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertNotIn("SKIP", r.stdout)
        self.assertIn("kvm failed after", r.stderr)


if __name__ == "__main__":
    unittest.main()
