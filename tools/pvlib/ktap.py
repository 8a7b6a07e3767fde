"""KTAP version 1 parser (also accepts "TAP version 13" / "TAP version 14").

Usage:

    report = ktap.parse(lines_or_text)      # or: p = KtapParser(); p.feed(l)...
    summary = ktap.summarize(report)
    for line in ktap.summary_lines(summary):
        print(line)

Data model
----------
The result of parsing is a tree of TestResult nodes.  The root node stands
for the whole KTAP document (name ""), its children are the top-level tests
(for the pvpatch guest: the suites), their children the test cases, and so
on to any depth.

Counting rules (summarize()):
  * only LEAF tests are counted; a test that has subtests is counted through
    them, not itself -- except that a test reported "not ok" whose subtests
    all passed (e.g. a suite whose init/exit failed, or a suite that crashed
    after its last case) counts as one failure under its own name;
  * a plan "1..N" with fewer than N results: each missing result is a failed
    test named "#k" with reason "missing result";
  * output that ends inside a test (crash, time-out) closes every open test:
    the open test itself is failed ("missing result") and its plan's missing
    cases are failed as above;
  * "# SKIP reason" marks a test skipped (whether "ok" or "not ok");
    "# TODO reason" marks a known-broken test: "not ok ... # TODO" counts as
    skipped (reason "TODO ..."), "ok ... # TODO" as passed;
  * zero tests counted means the run failed ("no tests ran").

Lines that are not KTAP (console log lines such as "[cpu0] text", boot
messages before the first "KTAP version" line, YAML blocks ...) are ignored
for the result but kept in Report.other_lines.
"""

import re

PASS = "pass"
FAIL = "fail"
SKIP = "skip"

CLOSING_RE = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$")

_VERSION_RE = re.compile(r"^(KTAP|TAP) version (\d+)$")
_PLAN_RE = re.compile(r"^1\.\.(\d+)(?:\s*#\s*(.*))?$")
_RESULT_RE = re.compile(r"^(not ok|ok)(?=\s|$)\s*(\d+)?\s*(?:-\s*)?(.*)$")
_SUBTEST_RE = re.compile(r"^#\s*Subtest:\s*(.*)$")
_BAIL_RE = re.compile(r"^Bail out!\s*(.*)$")
_DIRECTIVE_RE = re.compile(r"^(SKIP|TODO)\b\s*(.*)$", re.IGNORECASE)

# Line kinds
_K_VERSION, _K_PLAN, _K_RESULT, _K_SUBTEST, _K_DIAG, _K_BAIL, _K_OTHER = range(7)


class TestResult:
    """One node of the result tree.

    name         test name ("" for the root, "#k" for a missing result)
    status       PASS, FAIL or SKIP (for a node with children: as reported
                 by its own result line; see summarize() for counting)
    number       the number on its result line (None for the root)
    directive    "SKIP", "TODO" or None
    reason       directive reason ("no x2APIC"), or why the parser failed it
                 ("missing result")
    diagnostics  "# ..." lines printed before its result line, without the
                 leading "# " (KUnit prints failure details there)
    children     subtests (list of TestResult)
    plan         the subtests' plan count, or None
    synthetic    True if the parser made this result up (no result line)
    """

    __test__ = False  # not a unittest/pytest test class

    def __init__(self, name, status, number=None, directive=None, reason="",
                 diagnostics=None, children=None, plan=None, synthetic=False):
        self.name = name
        self.status = status
        self.number = number
        self.directive = directive
        self.reason = reason
        self.diagnostics = list(diagnostics or [])
        self.children = list(children or [])
        self.plan = plan
        self.synthetic = synthetic

    @property
    def display_name(self):
        if self.name:
            return self.name
        return "#%s" % (self.number if self.number is not None else "?")

    def walk(self, path=()):
        """Yield (path_tuple, node) for every node below this one."""
        for c in self.children:
            p = path + (c.display_name,)
            yield p, c
            yield from c.walk(p)

    def __repr__(self):
        return "TestResult(%r, %r, n=%r, children=%d)" % (
            self.name, self.status, self.number, len(self.children))


class Report:
    """Result of parsing a console/stdout stream.

    root         TestResult tree root
    found        True if any KTAP was seen (a version or plan line)
    version      e.g. "KTAP version 1" (the first header seen) or None
    bailed_out   the "Bail out!" reason, or None
    complete     True if the top-level plan was present and fully satisfied
                 and no test was left open
    errors       parser notes (plan mismatches, bail out, ...)
    other_lines  non-KTAP lines, verbatim
    lines        every line fed, verbatim
    """

    def __init__(self):
        self.root = TestResult("", PASS)
        self.found = False
        self.version = None
        self.bailed_out = None
        self.complete = False
        self.errors = []
        self.other_lines = []
        self.lines = []


class _Block:
    """A list of results at one indentation depth (children of one test)."""

    def __init__(self, depth, name=None):
        self.depth = depth
        self.name = name          # from "# Subtest: name"
        self.next_name = None     # header seen at this depth for a deeper block
        self.plan = None
        self.plan_reason = None   # "1..0 # SKIP reason"
        self.seg_start = 0        # index of the first result of the current plan
        self.results = []
        self.diags = []           # diagnostics waiting for the next result line
        self.pending = None       # nested _Block whose result line has not come yet
        self.has_version = False

    def fresh(self):
        return self.plan is None and not self.results and self.pending is None


def _classify(content):
    if content.startswith("#"):
        m = _SUBTEST_RE.match(content)
        if m:
            return _K_SUBTEST, m
        return _K_DIAG, None
    m = _RESULT_RE.match(content)
    if m:
        return _K_RESULT, m
    m = _PLAN_RE.match(content)
    if m:
        return _K_PLAN, m
    m = _VERSION_RE.match(content)
    if m:
        return _K_VERSION, m
    m = _BAIL_RE.match(content)
    if m:
        return _K_BAIL, m
    return _K_OTHER, None


def _parse_directive(text):
    """Split 'name # SKIP reason' -> (name, directive, reason)."""
    idx = text.find("#")
    if idx < 0:
        return text.strip(), None, ""
    name = text[:idx].strip()
    rest = text[idx + 1:].strip()
    m = _DIRECTIVE_RE.match(rest)
    if m:
        return name, m.group(1).upper(), m.group(2).strip()
    # A plain comment after '#': not part of the name, no directive.
    return name, None, ""


class KtapParser:
    """Incremental parser: feed() lines as they arrive, finish() at the end."""

    INDENT = 4

    def __init__(self):
        self.report = Report()
        self._started = False
        self._base = 0
        self._stack = []
        self._finished = False

    # ------------------------------------------------------------ input

    def feed(self, line):
        raw = line.rstrip("\r\n")
        rep = self.report
        rep.lines.append(raw)
        text = raw.rstrip().expandtabs(8)
        content = text.lstrip(" ")
        indent = len(text) - len(content)
        kind, m = _classify(content)

        if not self._started:
            if kind not in (_K_VERSION, _K_PLAN):
                rep.other_lines.append(raw)
                return
            self._started = True
            rep.found = True
            self._base = indent
            self._stack = [_Block(0)]

        if kind == _K_OTHER or indent < self._base or rep.bailed_out is not None:
            rep.other_lines.append(raw)
            return

        depth = (indent - self._base) // self.INDENT
        top = self._stack[-1]

        if depth > top.depth:
            if kind == _K_DIAG:
                # Deeper-indented diagnostic continuation: keep it with the
                # results at the current level.
                top.diags.append(self._diag_text(content))
                return
            while self._stack[-1].depth < depth:
                parent = self._stack[-1]
                if parent.pending is not None:
                    self._flush_pending(parent)
                child = _Block(parent.depth + 1, parent.next_name)
                parent.next_name = None
                parent.pending = child
                self._stack.append(child)
        elif depth < top.depth:
            # Leaving nested blocks: they stay as their parent's "pending"
            # subtest until the parent's result line arrives.
            while self._stack[-1].depth > depth:
                self._stack.pop()

        blk = self._stack[-1]
        if kind == _K_VERSION:
            if rep.version is None:
                rep.version = content
            if not blk.fresh():
                self._restart(blk)
                blk = self._stack[-1]
            blk.has_version = True
        elif kind == _K_SUBTEST:
            name = m.group(1).strip()
            if blk.fresh() and blk.depth > 0 and blk.name is None:
                blk.name = name
            else:
                blk.next_name = name
        elif kind == _K_PLAN:
            if blk.plan is None:
                blk.plan = int(m.group(1))
                if m.group(2):
                    _, d, reason = _parse_directive("#" + m.group(2))
                    if d == "SKIP":
                        blk.plan_reason = reason or "skipped"
            elif blk.depth == 0 and len(blk.results) - blk.seg_start >= blk.plan:
                # A second top-level document after a complete one.
                self._restart(blk)
                self._stack[-1].plan = int(m.group(1))
            else:
                rep.errors.append("line %d: second plan %r ignored"
                                  % (len(rep.lines), content))
        elif kind == _K_RESULT:
            self._add_result(blk, m)
        elif kind == _K_DIAG:
            blk.diags.append(self._diag_text(content))
        elif kind == _K_BAIL:
            rep.bailed_out = m.group(1).strip() or "(no reason)"
            rep.errors.append("Bail out! %s" % rep.bailed_out)

    def feed_text(self, text):
        for line in text.splitlines():
            self.feed(line)

    # ------------------------------------------------------------ internals

    @staticmethod
    def _diag_text(content):
        t = content[1:]
        return t[1:] if t.startswith(" ") else t

    def _restart(self, blk):
        """A new KTAP header in a block that already has content."""
        if blk.depth == 0:
            # Another top-level document: close the current plan segment.
            if blk.pending is not None:
                self._flush_pending(blk)
            self._add_missing(blk)
            blk.plan = None
            blk.seg_start = len(blk.results)
        else:
            # A new nested test began but the previous one at this depth
            # never got its result line: close it and open a sibling.
            self._stack.pop()
            parent = self._stack[-1]
            self._flush_pending(parent)
            child = _Block(blk.depth)
            parent.pending = child
            self._stack.append(child)

    def _add_missing(self, blk):
        if blk.plan is None:
            return
        have = len(blk.results) - blk.seg_start
        for k in range(have + 1, blk.plan + 1):
            blk.results.append(TestResult(
                "", FAIL, number=k, reason="missing result", synthetic=True))
        if have > blk.plan:
            self.report.errors.append(
                "%s: %d results but plan was 1..%d"
                % (blk.name or "top level", have, blk.plan))

    def _close(self, blk):
        """Finish a block: flush its open subtest, add missing results."""
        if blk.pending is not None:
            self._flush_pending(blk)
        self._add_missing(blk)
        return blk.results

    def _flush_pending(self, parent):
        """The parent's open/closed subtest block never got a result line."""
        child = parent.pending
        parent.pending = None
        children = self._close(child)
        number = len(parent.results) - parent.seg_start + 1
        parent.results.append(TestResult(
            child.name or "", FAIL, number=number, reason="missing result",
            diagnostics=parent.diags, children=children, plan=child.plan,
            synthetic=True))
        parent.diags = []

    def _add_result(self, blk, m):
        ok = m.group(1) == "ok"
        number = int(m.group(2)) if m.group(2) else \
            len(blk.results) - blk.seg_start + 1
        name, directive, reason = _parse_directive(m.group(3))
        children = []
        plan = None
        if blk.pending is not None:
            child = blk.pending
            blk.pending = None
            children = self._close(child)
            plan = child.plan
            if not name and child.name:
                name = child.name
            if directive is None and child.plan_reason is not None and not children:
                directive, reason = "SKIP", child.plan_reason
        blk.next_name = None
        if directive == "SKIP":
            status = SKIP
        elif directive == "TODO":
            status = PASS if ok else SKIP
            reason = "TODO" + (" " + reason if reason else "")
        else:
            status = PASS if ok else FAIL
        blk.results.append(TestResult(
            name, status, number=number, directive=directive, reason=reason,
            diagnostics=blk.diags, children=children, plan=plan))
        blk.diags = []

    # ------------------------------------------------------------ output

    def finish(self):
        """Close all open tests and return the Report (idempotent)."""
        rep = self.report
        if self._finished:
            return rep
        self._finished = True
        if not self._started:
            return rep
        root_blk = self._stack[0]
        complete = (root_blk.plan is not None and root_blk.pending is None
                    and len(self._stack) == 1 and rep.bailed_out is None
                    and len(root_blk.results) - root_blk.seg_start >= root_blk.plan)
        self._stack = self._stack[:1]
        results = self._close(root_blk)
        rep.root.children = results
        rep.root.plan = root_blk.plan
        rep.root.diagnostics = root_blk.diags
        rep.complete = complete
        return rep


def parse(source):
    """Parse a string or an iterable of lines; return a Report."""
    p = KtapParser()
    if isinstance(source, str):
        p.feed_text(source)
    else:
        for line in source:
            p.feed(line)
    return p.finish()


class Summary:
    """Counts and lists computed from a Report.

    failures  list of (path, TestResult), path like "suite_a.case_two"
    skips     list of (path, reason)
    no_tests  True if nothing was counted
    """

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []
        self.skips = []
        self.found = False
        self.complete = False
        self.errors = []

    @property
    def total(self):
        return self.passed + self.failed + self.skipped

    @property
    def no_tests(self):
        return self.total == 0

    @property
    def ok(self):
        """Pass iff at least one test and none failed."""
        return self.total > 0 and self.failed == 0

    def counts(self):
        return self.passed, self.failed, self.skipped


def summarize(report_or_root):
    """Count leaf tests; see the module docstring for the rules."""
    if isinstance(report_or_root, Report):
        root = report_or_root.root
    else:
        root = report_or_root
    s = Summary()
    if isinstance(report_or_root, Report):
        s.found = report_or_root.found
        s.complete = report_or_root.complete
        s.errors = list(report_or_root.errors)

    def visit(node, path):
        for c in node.children:
            p = path + (c.display_name,)
            if c.children:
                before = s.failed
                visit(c, p)
                if c.status == FAIL and s.failed == before:
                    s.failed += 1
                    s.failures.append((".".join(p), c))
            elif c.status == PASS:
                s.passed += 1
            elif c.status == SKIP:
                s.skipped += 1
                s.skips.append((".".join(p), c.reason))
            else:
                s.failed += 1
                s.failures.append((".".join(p), c))

    visit(root, ())
    return s


def closing_line(passed, failed, skipped):
    return "%d passed, %d failed, %d skipped" % (passed, failed, skipped)


def parse_closing_line(lines):
    """Return (passed, failed, skipped) from the LAST closing line, or None."""
    found = None
    for line in lines:
        m = CLOSING_RE.match(line.strip())
        if m:
            found = tuple(int(x) for x in m.groups())
    return found


def summary_lines(summary, max_diag=12, extra_failures=()):
    """Lines to print at the end of a run: FAIL/SKIP lists, closing line.

    extra_failures: (name, reason) pairs for failures that are not KTAP
    tests (guest crash, "no tests ran", ...); each adds one failed count.
    """
    out = []
    for path, t in summary.failures:
        out.append("FAIL %s%s" % (path, ": " + t.reason if t.reason else ""))
        diags = t.diagnostics[-max_diag:] if max_diag else []
        for d in diags:
            out.append("    # " + d if d else "    #")
    for name, reason in extra_failures:
        out.append("FAIL %s%s" % (name, ": " + reason if reason else ""))
    for path, reason in summary.skips:
        out.append("SKIP %s%s" % (path, ": " + reason if reason else ""))
    out.append(closing_line(summary.passed,
                            summary.failed + len(extra_failures),
                            summary.skipped))
    return out
