"""Tests of the Xen fast path of tools/pvrun (tools/pvlib/xen_dom0.py)
that need no Xen: the QEMU command, sizes, module quoting, and the error
when Xen is not installed."""

import gzip
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools"))

from pvlib import xen_dom0  # noqa: E402


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


if __name__ == "__main__":
    unittest.main()
