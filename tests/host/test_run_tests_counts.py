# SPDX-License-Identifier: GPL-2.0
"""tools/run-tests reads a host-python script's results like a guest's:
every KTAP result counts, a plan's missing results fail, "1..0 # SKIP"
is a skip and not a pass, and a script's own "N passed, N failed, N
skipped" line is taken as it is. Only a script that reports nothing is
one test judged by its exit status."""
import os
import shlex
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_TESTS = os.path.join(ROOT, "tools", "run-tests")
OBJTOOL_TESTS = os.path.join(ROOT, "tests", "objtool", "run.sh")


def ten_checks(failing=()):
    lines = ["TAP version 13"]
    for n in range(1, 11):
        lines.append("%s %d - check %d" % ("not ok" if n in failing else "ok", n, n))
    return lines + ["1..10"]


class ScriptCounts(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def run_row(self, command):
        """Run one host-python row; its table row and the closing line."""
        cfg = os.path.join(self.tmp.name, "table.cfg")
        with open(cfg, "w") as f:
            f.write("[row]\nkind = host-python\ncommand = %s\ntimeout = 30\n" % command)
        r = subprocess.run([RUN_TESTS, "--config", cfg], capture_output=True,
                           text=True, timeout=60)
        lines = r.stdout.splitlines()
        row = next(l.split() for l in lines if l.startswith("row ") and len(l.split()) >= 6)
        return r.returncode, row[1:5], lines[-1]

    def script(self, lines, status=0):
        path = os.path.join(self.tmp.name, "script.sh")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n")
            f.writelines("echo %s\n" % shlex.quote(l) for l in lines)
            f.write("exit %d\n" % status)
        os.chmod(path, 0o755)
        return path

    def test_skip_plan_is_a_skip(self):
        rc, row, closing = self.run_row(self.script(["1..0 # SKIP no tool here"]))
        self.assertEqual(row, ["SKIP", "0", "0", "1"])
        self.assertEqual(closing, "0 passed, 0 failed, 1 skipped")
        self.assertEqual(rc, 0)

    def test_objtool_row_without_objtool_skips(self):
        # What the table's objtool row prints before the guest is built.
        missing = os.path.join(self.tmp.name, "no-build", "pvpatch.elf")
        rc, row, _closing = self.run_row("%s %s %s" % (OBJTOOL_TESTS, missing, self.tmp.name))
        self.assertEqual(row, ["SKIP", "0", "0", "1"])
        self.assertEqual(rc, 0)

    def test_every_result_counts(self):
        rc, row, closing = self.run_row(self.script(ten_checks()))
        self.assertEqual(row, ["PASS", "10", "0", "0"])
        self.assertEqual(closing, "10 passed, 0 failed, 0 skipped")
        self.assertEqual(rc, 0)

    def test_a_failed_result_fails_despite_exit_status_0(self):
        rc, row, closing = self.run_row(self.script(ten_checks(failing=(4, 7))))
        self.assertEqual(row, ["FAIL", "8", "2", "0"])
        self.assertEqual(closing, "8 passed, 2 failed, 0 skipped")
        self.assertEqual(rc, 1)

    def test_missing_results_fail(self):
        lines = ["KTAP version 1", "1..10"] + ten_checks()[1:4]
        rc, row, _closing = self.run_row(self.script(lines))
        self.assertEqual(row, ["FAIL", "3", "7", "0"])
        self.assertEqual(rc, 1)

    def test_skipped_results_count_as_skips(self):
        lines = ["KTAP version 1", "1..3", "ok 1 - a", "ok 2 - b # SKIP not here", "ok 3 - c"]
        rc, row, _closing = self.run_row(self.script(lines))
        self.assertEqual(row, ["PASS", "2", "0", "1"])
        self.assertEqual(rc, 0)

    def test_closing_line_without_ktap(self):
        rc, row, _closing = self.run_row(self.script(["5 passed, 0 failed, 2 skipped"]))
        self.assertEqual(row, ["PASS", "5", "0", "2"])
        self.assertEqual(rc, 0)

    def test_nothing_reported_is_one_test(self):
        rc, row, _closing = self.run_row(self.script(["all fine"]))
        self.assertEqual(row, ["PASS", "1", "0", "0"])
        self.assertEqual(rc, 0)
        rc, row, _closing = self.run_row(self.script(["broken"], status=1))
        self.assertEqual(row, ["FAIL", "0", "1", "0"])
        self.assertEqual(rc, 1)


if __name__ == "__main__":
    unittest.main()
