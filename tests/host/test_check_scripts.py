# SPDX-License-Identifier: GPL-2.0
"""The scripts behind the test table's host-python rows report what
happened: clang-build-check.sh counts its steps (a failed build is
counted, not a constant "4 passed"), fuzz-objtool.sh prints the time it
fuzzed and not the time it was asked for, irq-table.sh fails when a boot
does not finish. Stand-ins for clang, the fuzzer and QEMU come first in
PATH or on the command line, so no real build or boot runs."""
import os
import re
import subprocess
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPTS = os.path.join(ROOT, "scripts")


def stand_in(path, body):
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body)
    os.chmod(path, 0o755)
    return path


class CheckScripts(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.bin = os.path.join(self.tmp.name, "bin")
        os.mkdir(self.bin)
        self.env = dict(os.environ, PATH=self.bin + os.pathsep + os.environ["PATH"])

    def run_script(self, *argv, timeout=120):
        return subprocess.run(list(argv), capture_output=True, text=True,
                              env=self.env, timeout=timeout)

    def test_clang_build_check_counts_failed_steps(self):
        stand_in(os.path.join(self.bin, "clang"), "exit 1\n")
        hosted = os.path.join(self.tmp.name, "hosted")
        os.mkdir(hosted)
        run = self.run_script(os.path.join(SCRIPTS, "clang-build-check.sh"), hosted)
        lines = run.stdout.splitlines()
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        self.assertEqual(lines[:2], ["KTAP version 1", "1..4"])
        results = [l for l in lines if re.match(r"(not )?ok \d", l)]
        self.assertEqual(len(results), 4, lines)
        self.assertTrue(all(r.startswith("not ok") for r in results), results)
        self.assertEqual(lines[-1], "0 passed, 4 failed, 0 skipped")

    def test_fuzz_time_is_measured(self):
        # A fuzzer that stops after about a second, asked for a minute.
        tools = os.path.join(self.tmp.name, "tools")
        os.mkdir(tools)
        fuzzer = stand_in(os.path.join(tools, "fuzz_objtool"),
                          "sleep 1\necho 'stat::number_of_executed_units: 1234'\n")
        start = time.monotonic()
        run = self.run_script(os.path.join(SCRIPTS, "fuzz-objtool.sh"), fuzzer, "60")
        wall = time.monotonic() - start
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        m = re.search(r"PASS: 1234 inputs in ([0-9.]+) s", run.stdout)
        self.assertIsNotNone(m, run.stdout)
        self.assertGreaterEqual(float(m.group(1)), 0.9)
        self.assertLessEqual(float(m.group(1)), wall + 0.1)

    def guest_image(self):
        src = os.path.join(self.tmp.name, "image.c")
        with open(src, "w") as f:
            f.write("void bench_irq_ops(void);\nvoid bench_irq_ops(void) {}\n")
        image = os.path.join(self.tmp.name, "image.o")
        subprocess.run(["gcc", "-c", src, "-o", image], check=True)
        return image

    def test_irq_table_fails_when_a_boot_does_not_finish(self):
        # Half a table, then the power-off of a failure (QEMU status 3).
        stand_in(os.path.join(self.bin, "qemu-system-x86_64"),
                 "echo '# bench irq: half'\necho '  save_fl raw 1.00'\nexit 3\n")
        run = self.run_script(os.path.join(SCRIPTS, "irq-table.sh"), self.guest_image())
        self.assertNotEqual(run.returncode, 0, run.stdout)
        self.assertNotIn("save_fl raw", run.stdout)
        self.assertIn("did not finish", run.stderr)

    def test_irq_table_prints_finished_boots(self):
        # The control: the same stand-in powering off with success.
        stand_in(os.path.join(self.bin, "qemu-system-x86_64"),
                 "echo '  save_fl raw 1.00'\nexit 1\n")
        run = self.run_script(os.path.join(SCRIPTS, "irq-table.sh"), self.guest_image())
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.count("save_fl raw"), 2)

    def test_irq_table_without_an_image_is_an_error_not_a_skip(self):
        run = self.run_script(os.path.join(SCRIPTS, "irq-table.sh"),
                              os.path.join(self.tmp.name, "missing.elf"))
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("no such file", run.stderr)


if __name__ == "__main__":
    unittest.main()
