# SPDX-License-Identifier: GPL-2.0
"""A damaged .config stops the build with one line that names the file,
the line and what is wrong with it (scripts/kconfig.py): never a
kconfiglib traceback, and never a build with defaults or the other
platform. Every defconfig of the tree is the control: it must load."""
import glob
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KCONFIG = os.path.join(ROOT, "scripts", "kconfig.py")

GUEST = "CONFIG_PLATFORM_GUEST=y\n"
# (name, .config text, the line the error must name, words it must say)
DAMAGED = [
    ("binary", b"CONFIG_PLATFORM_GUEST=y\n\x9d\xa8_\xf5\x1f\xf3*\n", 2, "not a text line"),
    ("nul", GUEST + "CONFIG_NR_CPUS=\0\n", 2, "control characters"),
    ("both platforms", GUEST + "CONFIG_PLATFORM_HOSTED=y\n", 2, "already chosen on line 1"),
    ("no platform", "# CONFIG_PLATFORM_GUEST is not set\n"
     "# CONFIG_PLATFORM_HOSTED is not set\n", 1, "must be y"),
    ("not a number", GUEST + "CONFIG_NR_CPUS=6a\n", 2, "decimal number"),
    ("octal in C", GUEST + "CONFIG_NR_CPUS=010\n", 2, "leading zeros"),
    ("out of range", GUEST + "CONFIG_TIMER_HZ=5\n", 2, "range is 10 to 10000"),
    ("bad bool", "CONFIG_PLATFORM_GUEST=maybe\n", 1, "y or n"),
    ("bad hex", GUEST + "CONFIG_LOAD_ADDRESS=0xzz\n", 2, "hex number"),
    ("unquoted string", GUEST + "CONFIG_KTEST_FILTER=pvops\n", 2, "double quotes"),
    ("other platform's option", "CONFIG_PLATFORM_HOSTED=y\nCONFIG_TIMER_HZ=100\n", 2,
     "depends on PLATFORM_GUEST"),
    ("unknown option", GUEST + "CONFIG_NO_SUCH_OPTION=y\n", 2, "no option NO_SUCH_OPTION"),
    ("set twice", GUEST + "CONFIG_NR_CPUS=4\nCONFIG_NR_CPUS=8\n", 3, "already set on line 2"),
    ("garbage line", GUEST + "this is not a config line\n", 2, "not CONFIG_NAME=VALUE"),
]


class DamagedConfig(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.config = os.path.join(self.tmp.name, ".config")

    def kconfig(self, *args):
        env = dict(os.environ, KCONFIG_CONFIG=self.config, srctree=ROOT)
        return subprocess.run(["/usr/bin/python3", KCONFIG] + list(args), env=env,
                              capture_output=True, timeout=60)

    def genconfig(self):
        return self.kconfig("genconfig", os.path.join(self.tmp.name, "autoconf.h"),
                            os.path.join(self.tmp.name, "auto.conf"))

    def write(self, text):
        with open(self.config, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())

    def assert_one_line_error(self, run, line, words):
        err = run.stderr.decode(errors="replace")
        self.assertNotEqual(run.returncode, 0, "accepted")
        self.assertNotIn("Traceback", err)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertTrue(err.startswith("kconfig: %s:%d: " % (self.config, line)), err)
        self.assertIn(words, err)

    def test_damaged_lines_stop_genconfig(self):
        for name, text, line, words in DAMAGED:
            with self.subTest(name):
                self.write(text)
                self.assert_one_line_error(self.genconfig(), line, words)

    def test_olddefconfig_drops_removed_options_but_not_bad_values(self):
        self.write(GUEST + "CONFIG_REMOVED_LONG_AGO=y\n")
        run = self.kconfig("olddefconfig")
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(self.config) as f:
            self.assertNotIn("REMOVED_LONG_AGO", f.read())
        for text, line, words in ((GUEST + "CONFIG_PLATFORM_HOSTED=y\n", 2, "already chosen"),
                                  (GUEST + "CONFIG_NR_CPUS=640\n", 2, "range is 1 to 64")):
            with self.subTest(text):
                self.write(text)
                self.assert_one_line_error(self.kconfig("olddefconfig"), line, words)

    def test_every_defconfig_loads_and_generates(self):
        defconfigs = sorted(glob.glob(os.path.join(ROOT, "configs", "*_defconfig")))
        self.assertTrue(defconfigs)
        for defconfig in defconfigs:
            with self.subTest(os.path.basename(defconfig)):
                run = self.kconfig("defconfig", defconfig)
                self.assertEqual(run.returncode, 0, run.stderr)
                run = self.genconfig()
                self.assertEqual(run.returncode, 0, run.stderr)
                self.assertEqual(run.stderr, b"")

    def test_make_stops_on_a_damaged_config(self):
        self.write(GUEST + "CONFIG_PLATFORM_HOSTED=y\n")
        # -n: a make that wrongly takes the .config prints its build
        # instead of running it (the configuration step still runs).
        env = {k: v for k, v in os.environ.items()
               if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        run = subprocess.run(["make", "-n", "-C", ROOT, "O=" + self.tmp.name], env=env,
                             capture_output=True, text=True, timeout=120)
        self.assertNotEqual(run.returncode, 0, run.stdout[-2000:])
        self.assertIn("kconfig: %s:2: " % self.config, run.stderr)
        self.assertNotIn("Traceback", run.stderr)


if __name__ == "__main__":
    unittest.main()
