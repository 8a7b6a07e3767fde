"""Tests of the Xen fast path of tools/pvrun (tools/pvlib/xen_dom0.py)
that need no Xen: the QEMU command, sizes, module quoting, and the error
when Xen is not installed."""

import gzip
import os
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools"))

from pvlib import xen_dom0  # noqa: E402

RUN_TESTS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools", "run-tests")


class Sizes(unittest.TestCase):
    def test_mem_mib(self):
        self.assertEqual(xen_dom0.mem_mib("128M"), 128)
        self.assertEqual(xen_dom0.mem_mib("1G"), 1024)
        self.assertEqual(xen_dom0.mem_mib("512"), 512)
        self.assertEqual(xen_dom0.mem_mib("2048K"), 2)


class Command(unittest.TestCase):
    def command(self, append):
        return xen_dom0.qemu_command("qemu", "/x/xen", "/img.elf", 2, "128M",
                                     append, ["-d", "int"])

    def value_after(self, cmd, flag):
        return cmd[cmd.index(flag) + 1]

    def test_xen_gets_dom0_size_and_pvh(self):
        cmd = self.command("a=1")
        xen_args = self.value_after(cmd, "-append")
        self.assertIn("dom0=pvh", xen_args)
        self.assertIn("dom0_mem=128M", xen_args)
        self.assertIn("dom0_max_vcpus=2", xen_args)
        self.assertEqual(self.value_after(cmd, "-m"),
                         "%dM" % (128 + xen_dom0.XEN_OVERHEAD_MIB))
        self.assertEqual(self.value_after(cmd, "-kernel"), "/x/xen")
        self.assertIn("intel-iommu,intremap=on", cmd)
        self.assertIn("isa-debug-exit,iobase=0xf4,iosize=0x04", cmd)
        self.assertEqual(cmd[-2:], ["-d", "int"])

    def test_commas_in_guest_arguments_stay_in_one_module(self):
        cmd = self.command("ktest.filter=a,b")
        self.assertEqual(self.value_after(cmd, "-initrd"),
                         "/img.elf ktest.filter=a,,b")


class Hypervisor(unittest.TestCase):
    def test_missing_xen_is_a_clear_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaisesRegex(xen_dom0.XenMissing,
                                        "xen-hypervisor-4.17-amd64"):
                xen_dom0.hypervisor(tmp, gz=os.path.join(tmp, "none.gz"))

    def test_gunzipped_once_and_refreshed(self):
        with tempfile.TemporaryDirectory() as tmp:
            gz = os.path.join(tmp, "xen.gz")
            with gzip.open(gz, "wb") as f:
                f.write(b"first")
            path = xen_dom0.hypervisor(os.path.join(tmp, "cache"), gz=gz)
            with open(path, "rb") as f:
                self.assertEqual(f.read(), b"first")
            with gzip.open(gz, "wb") as f:
                f.write(b"second")
            os.utime(gz, (os.path.getmtime(path) + 10,) * 2)
            path = xen_dom0.hypervisor(os.path.join(tmp, "cache"), gz=gz)
            with open(path, "rb") as f:
                self.assertEqual(f.read(), b"second")


def elf_with_xen_notes(path, note_types, name=b"Xen"):
    """A minimal ELF64 file whose one PT_NOTE segment holds a note of each
    type (owner name, 8-byte descriptor)."""
    notes = b""
    for t in note_types:
        owner = name + b"\0"
        notes += struct.pack("<III", len(owner), 8, t)
        notes += owner + b"\0" * (-len(owner) % 4) + struct.pack("<Q", 0x200000)
    phoff, ehsize, phentsize = 64, 64, 56
    note_off = phoff + phentsize
    ident = b"\x7fELF" + bytes([2, 1, 1]) + b"\0" * 9
    ehdr = ident + struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0x200000, phoff, 0,
                               0, ehsize, phentsize, 1, 64, 0, 0)
    phdr = struct.pack("<IIQQQQQQ", xen_dom0.PT_NOTE, 4, note_off, 0, 0,
                       len(notes), len(notes), 4)
    with open(path, "wb") as f:
        f.write(ehdr + phdr + notes)


class PvImage(unittest.TestCase):
    ENTRY, PHYS32 = xen_dom0.XEN_ELFNOTE_ENTRY, xen_dom0.XEN_ELFNOTE_PHYS32_ENTRY

    def image(self, types, **kw):
        fd, path = tempfile.mkstemp(suffix=".elf")
        os.close(fd)
        self.addCleanup(os.unlink, path)
        elf_with_xen_notes(path, types, **kw)
        return path

    def test_pv_entry_without_pvh_entry_is_pv(self):
        self.assertTrue(xen_dom0.is_pv_image(self.image([6, self.ENTRY, 2])))

    def test_pvh_entry_wins(self):
        self.assertFalse(xen_dom0.is_pv_image(self.image([self.PHYS32])))
        self.assertFalse(xen_dom0.is_pv_image(self.image([self.ENTRY, self.PHYS32])))

    def test_other_owners_notes_do_not_count(self):
        self.assertFalse(xen_dom0.is_pv_image(self.image([self.ENTRY], name=b"GNU")))

    def test_unreadable_or_truncated_is_not_pv(self):
        self.assertFalse(xen_dom0.is_pv_image("/nonexistent/image.elf"))
        path = self.image([self.ENTRY])
        with open(path, "r+b") as f:
            f.truncate(70)
        self.assertEqual(xen_dom0.xen_note_types(path), set())

    def test_pv_dom0_command_has_no_pvh_and_no_iommu(self):
        cmd = xen_dom0.qemu_command("qemu", "/x/xen", self.image([self.ENTRY]), 1,
                                    "128M", "", [])
        xen_args = cmd[cmd.index("-append") + 1]
        self.assertNotIn("dom0=pvh", xen_args)
        self.assertNotIn("iommu=1", xen_args)
        self.assertNotIn("intel-iommu,intremap=on", cmd)
        self.assertIn("dom0_mem=128M", xen_args)
        self.assertIn("isa-debug-exit,iobase=0xf4,iosize=0x04", cmd)
        cmd = xen_dom0.qemu_command("qemu", "/x/xen", self.image([self.PHYS32]), 1,
                                    "128M", "", [])
        self.assertIn("dom0=pvh", cmd[cmd.index("-append") + 1])


class RunTestsImageKey(unittest.TestCase):
    """tools/run-tests: image = xen-pv boots --xen-pv-image."""

    def run_tests(self, cfg_text, *args):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = os.path.join(tmp, "t.cfg")
            with open(cfg, "w") as f:
                f.write(cfg_text)
            return subprocess.run(
                [RUN_TESTS, "--config", cfg, "--image", "/img/default.elf",
                 "--xen-pv-image", "/img/pv.elf", "--list"] + list(args),
                capture_output=True, text=True, timeout=30)

    def test_entries_pick_their_image(self):
        r = self.run_tests("[a]\nhv = xen\n[b]\nhv = xen\nimage = xen-pv\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = {line.split()[0]: line for line in r.stdout.splitlines()}
        self.assertTrue(lines["a"].endswith("/img/default.elf"), lines["a"])
        self.assertTrue(lines["b"].endswith("/img/pv.elf"), lines["b"])

    def test_unknown_image_is_a_usage_error(self):
        r = self.run_tests("[a]\nimage = pv\n")
        self.assertEqual(r.returncode, 2)
        self.assertIn("image must be one of default/xen-pv", r.stderr)


if __name__ == "__main__":
    unittest.main()
