"""Unit tests for tools/pvlib/ktap.py (the KTAP parser)."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(HERE, "fixtures")
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tools"))

from pvlib import ktap  # noqa: E402


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


def run(text):
    report = ktap.parse(text)
    return report, ktap.summarize(report)


def paths(items):
    return [p for p, _ in items]


class NestedSuites(unittest.TestCase):
    def setUp(self):
        self.report, self.s = run(fixture("ktap_nested.txt"))

    def test_counts_leaves_only(self):
        self.assertEqual(self.s.counts(), (2, 1, 1))
        self.assertFalse(self.s.ok)

    def test_tree(self):
        root = self.report.root
        self.assertEqual([c.name for c in root.children], ["suite_a", "suite_b"])
        a = root.children[0]
        self.assertEqual(a.status, ktap.FAIL)
        self.assertEqual(a.plan, 3)
        self.assertEqual([c.name for c in a.children],
                         ["case_one", "case_two", "case_three"])
        self.assertEqual([c.status for c in a.children],
                         [ktap.PASS, ktap.FAIL, ktap.SKIP])
        self.assertEqual(root.children[1].children[0].name, "only")

    def test_failure_path_and_diagnostics(self):
        self.assertEqual(paths(self.s.failures), ["suite_a.case_two"])
        diag = self.s.failures[0][1].diagnostics
        self.assertEqual(diag[0], "case_two: EXPECTATION FAILED at tests/guest/foo.c:42")
        self.assertIn("    x == 1 (0x1)", diag)

    def test_skip_reason(self):
        self.assertEqual(self.s.skips, [("suite_a.case_three", "no x2APIC")])
        t = self.report.root.children[0].children[2]
        self.assertEqual(t.directive, "SKIP")
        self.assertEqual(t.reason, "no x2APIC")

    def test_suite_summary_diag_attached_to_suite(self):
        a = self.report.root.children[0]
        self.assertIn("suite_a: pass:1 fail:1 skip:1 total:3", a.diagnostics)

    def test_log_lines_ignored_but_kept(self):
        self.assertIn("[cpu1] ap idle", self.report.other_lines)
        self.assertIn("[cpu0] pvpatch booting", self.report.other_lines)
        self.assertTrue(self.report.complete)

    def test_summary_lines(self):
        lines = ktap.summary_lines(self.s)
        self.assertEqual(lines[0], "FAIL suite_a.case_two")
        self.assertIn("SKIP suite_a.case_three: no x2APIC", lines)
        self.assertEqual(lines[-1], "2 passed, 1 failed, 1 skipped")


class Incomplete(unittest.TestCase):
    def test_missing_results_in_plan(self):
        _, s = run("KTAP version 1\n1..1\n"
                   "    KTAP version 1\n    # Subtest: s\n    1..3\n"
                   "    ok 1 a\nok 1 s\n")
        self.assertEqual(s.counts(), (1, 2, 0))
        self.assertEqual(paths(s.failures), ["s.#2", "s.#3"])
        self.assertEqual(s.failures[0][1].reason, "missing result")

    def test_missing_top_level_result(self):
        _, s = run("KTAP version 1\n1..3\nok 1 a\nok 2 b\n")
        self.assertEqual(s.counts(), (2, 1, 0))
        self.assertEqual(paths(s.failures), ["#3"])

    def test_crash_mid_suite(self):
        report, s = run(fixture("ktap_crash.txt"))
        # alpha: 2 passed; beta: b1, b2 passed, #3 #4 missing; suite #3 missing
        self.assertEqual(s.counts(), (4, 3, 0))
        self.assertEqual(paths(s.failures), ["beta.#3", "beta.#4", "#3"])
        self.assertFalse(report.complete)
        beta = report.root.children[1]
        self.assertEqual(beta.name, "beta")
        self.assertEqual(beta.status, ktap.FAIL)
        self.assertTrue(beta.synthetic)
        self.assertTrue(any("PANIC" in l for l in report.other_lines))

    def test_crash_after_last_case_counts_suite(self):
        # All cases passed but the suite's own result line never came.
        _, s = run("KTAP version 1\n1..1\n"
                   "    KTAP version 1\n    # Subtest: s\n    1..1\n    ok 1 a\n")
        self.assertEqual(s.counts(), (1, 1, 0))
        self.assertEqual(paths(s.failures), ["s"])

    def test_not_ok_suite_with_passing_cases(self):
        _, s = run("KTAP version 1\n1..1\n"
                   "    KTAP version 1\n    # Subtest: s\n    1..1\n    ok 1 a\n"
                   "# s: suite init failed\nnot ok 1 s\n")
        self.assertEqual(s.counts(), (1, 1, 0))
        self.assertEqual(paths(s.failures), ["s"])

    def test_bail_out(self):
        report, s = run("KTAP version 1\n1..2\nok 1 a\nBail out! no memory\nok 2 b\n")
        self.assertEqual(report.bailed_out, "no memory")
        self.assertEqual(s.counts(), (1, 1, 0))


class Headers(unittest.TestCase):
    def test_preceding_junk(self):
        text = ("SeaBIOS junk\nok 1 this is not ktap\n[cpu0] 1..9 neither\n"
                "   random indented text\n" + fixture("ktap_nested.txt"))
        report, s = run(text)
        self.assertEqual(s.counts(), (2, 1, 1))
        self.assertIn("ok 1 this is not ktap", report.other_lines)
        self.assertEqual(report.version, "KTAP version 1")

    def test_tap14_header_and_todo(self):
        report, s = run(fixture("tap14_kunit.txt"))
        self.assertEqual(report.version, "TAP version 14")
        self.assertEqual(s.counts(), (1, 0, 1))
        self.assertEqual(s.skips, [("legacy.second", "TODO not implemented")])
        self.assertEqual(report.root.children[0].children[0].name, "first")

    def test_tap13_header(self):
        _, s = run("TAP version 13\n1..2\nok 1 - a\nnot ok 2 - b\n")
        self.assertEqual(s.counts(), (1, 1, 0))
        self.assertEqual(paths(s.failures), ["b"])

    def test_crlf_and_tabs(self):
        _, s = run("KTAP version 1\r\n1..1\r\n    KTAP version 1\r\n"
                   "    1..1\r\n    ok 1 x\r\nok 1 s\r\n")
        self.assertEqual(s.counts(), (1, 0, 0))

    def test_deeper_nesting(self):
        text = ("KTAP version 1\n1..1\n"
                "    KTAP version 1\n    # Subtest: suite\n    1..2\n"
                "        KTAP version 1\n        # Subtest: param\n"
                "        ok 1 p1\n        not ok 2 p2\n        ok 3 p3 # SKIP n/a\n"
                "    not ok 1 param\n"
                "    ok 2 plain\n"
                "not ok 1 suite\n")
        _, s = run(text)
        self.assertEqual(s.counts(), (2, 1, 1))
        self.assertEqual(paths(s.failures), ["suite.param.p2"])
        self.assertEqual(s.skips, [("suite.param.p3", "n/a")])

    def test_subtest_header_without_version_line(self):
        text = ("KTAP version 1\n1..2\n"
                "    # Subtest: a\n    1..1\n    ok 1 x\nok 1 a\n"
                "    # Subtest: b\n    1..1\n    not ok 1 y\nnot ok 2 b\n")
        _, s = run(text)
        self.assertEqual(s.counts(), (1, 1, 0))
        self.assertEqual(paths(s.failures), ["b.y"])

    def test_skipped_suite(self):
        _, s = run("KTAP version 1\n1..1\n    KTAP version 1\n"
                   "    # Subtest: x2apic\n    1..0 # SKIP no x2APIC\n"
                   "ok 1 x2apic # SKIP no x2APIC\n")
        self.assertEqual(s.counts(), (0, 0, 1))
        self.assertTrue(s.ok)


class ZeroTests(unittest.TestCase):
    def test_no_ktap_at_all(self):
        report, s = run("[cpu0] booting\n[cpu0] halted\n")
        self.assertFalse(report.found)
        self.assertTrue(s.no_tests)
        self.assertFalse(s.ok)
        self.assertEqual(ktap.summary_lines(s)[-1], "0 passed, 0 failed, 0 skipped")

    def test_empty_plan(self):
        report, s = run(fixture("ktap_zero.txt"))
        self.assertTrue(report.found)
        self.assertTrue(s.no_tests)
        self.assertFalse(s.ok)

    def test_extra_failure_counted(self):
        _, s = run("")
        lines = ktap.summary_lines(s, extra_failures=[("guest", "no tests ran")])
        self.assertEqual(lines, ["FAIL guest: no tests ran",
                                 "0 passed, 1 failed, 0 skipped"])


class Incremental(unittest.TestCase):
    def test_feed_line_by_line_equals_parse(self):
        p = ktap.KtapParser()
        for line in fixture("ktap_nested.txt").splitlines(True):
            p.feed(line)
        self.assertEqual(ktap.summarize(p.finish()).counts(), (2, 1, 1))
        self.assertIs(p.finish(), p.finish())

    def test_closing_line_roundtrip(self):
        lines = ["x", "1 passed, 2 failed, 3 skipped", "noise",
                 "4 passed, 0 failed, 1 skipped", "trailer"]
        self.assertEqual(ktap.parse_closing_line(lines), (4, 0, 1))
        self.assertIsNone(ktap.parse_closing_line(["nothing here"]))


if __name__ == "__main__":
    unittest.main()
