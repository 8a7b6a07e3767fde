# SPDX-License-Identifier: GPL-2.0
"""A bad number in the test table (tests/unittests.cfg) stops tools/run-tests
with one line naming the row, the key and the value, exit status 2,
before anything runs: never a traceback from deep in the run."""
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_TESTS = os.path.join(ROOT, "tools", "run-tests")

BAD = [("timeout", "inf"), ("timeout", "nan"), ("timeout", "-inf"), ("timeout", "1e400"),
       ("timeout", "0"), ("timeout", "-5"), ("timeout", "ten"), ("timeout", "100000"),
       ("smp", "0"), ("smp", "-2"), ("smp", "two"), ("smp", "1.5")]


class TableNumbers(unittest.TestCase):
    def run_table(self, body, *args):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = os.path.join(tmp, "table.cfg")
            with open(cfg, "w") as f:
                f.write(body)
            return subprocess.run([RUN_TESTS, "--config", cfg] + list(args),
                                  capture_output=True, text=True, timeout=60)

    def test_bad_numbers_are_one_line_errors(self):
        for key, value in BAD:
            # A row that would run (a second's sleep) if the table let it.
            body = "[slow]\nkind = host-python\ncommand = sleep 1\n%s = %s\n" % (key, value)
            with self.subTest(key=key, value=value):
                r = self.run_table(body)
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
                self.assertIn("[slow]: %s must be" % key, r.stderr)
                self.assertIn(repr(value), r.stderr)
                self.assertEqual(r.stdout, "")

    def test_good_numbers_run(self):
        # The control: the same row with sound values runs and passes.
        body = "[slow]\nkind = host-python\ncommand = sleep 0.1\ntimeout = 1.5\nsmp = 2\n"
        r = self.run_table(body)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.splitlines()[-1], "1 passed, 0 failed, 0 skipped")


if __name__ == "__main__":
    unittest.main()
