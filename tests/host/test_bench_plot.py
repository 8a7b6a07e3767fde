# SPDX-License-Identifier: GPL-2.0
"""scripts/bench-plot.sh draws charts a reader can tell apart: one colour
per way (the same on every chart), a log axis when the bars span two
orders of magnitude, and each bar labelled with its ratio to the op's
first way. The charts are read back from the SVG gnuplot writes."""
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLOT = os.path.join(ROOT, "scripts", "bench-plot.sh")

GUEST = [("save_fl", "raw", 12.4), ("save_fl", "pvop-inline", 12.9),
         ("save_fl", "direct", 31.2), ("save_fl", "indirect", 38.7),
         ("save_fl", "retpoline", 95.1),
         ("disable+enable", "raw", 20.1), ("disable+enable", "pvop-inline", 21.0),
         ("disable+enable", "direct", 58.3), ("disable+enable", "indirect", 71.9),
         ("disable+enable", "retpoline", 180.5)]
HOSTED = [("save_fl", "raw", 1.2), ("save_fl", "direct", 3.1),
          ("save_fl", "indirect", 3.9), ("save_fl", "retpoline", 24.6)]
# The shape of the Xen PV run: an inline arm of a few cycles next to the
# pending-event path and a bare hypercall of 1,400-1,600.
XEN = [("save_fl", "xen-inline", 3.1), ("save_fl", "xen-direct", 14.2),
       ("save_fl", "xen-indirect", 17.8),
       ("disable+enable", "xen-inline", 7.9), ("disable+enable", "xen-direct", 29.6),
       ("disable+enable", "xen-indirect", 35.1), ("disable+enable", "xen-pending", 1612.4),
       ("hypercall", "xen-hypercall", 1398.7)]
# Ways the script has no colour for: they must still differ.
NEW_WAYS = [("save_fl", "raw", 1.5), ("save_fl", "new-way", 2.5),
            ("save_fl", "other-way", 3.5)]

_SERIES_RE = re.compile(r'<g id="gnuplot_plot_\d+" ><title>([^<]*)</title>')
_FILL_RE = re.compile(r"<polygon fill = '(rgb\([^)]*\))'")
_TEXT_RE = re.compile(r"<text><tspan[^>]*>([^<]*)</tspan></text>")
_TICK_RE = re.compile(r'text-anchor="end">\s*<text><tspan[^>]*>\s*([-0-9.e+]+)</tspan>')


class Chart:
    """What a reader sees in one SVG: the series' colours, the y ticks,
    the bar labels."""

    def __init__(self, svg):
        parts = _SERIES_RE.split(svg)
        # parts: [axes, title1, body1, title2, body2, ...]
        self.colours = {}
        for title, body in zip(parts[1::2], parts[2::2]):
            if not title.startswith("gnuplot_plot_"):   # the label series have no title
                self.colours[title] = set(_FILL_RE.findall(body))
        self.ticks = [float(t) for t in _TICK_RE.findall(parts[0])]
        self.texts = _TEXT_RE.findall(svg)


@unittest.skipUnless(shutil.which("gnuplot"), "gnuplot not installed (gnuplot-nox)")
class BenchPlot(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def plot(self, name, env, rows):
        data = os.path.join(self.tmp, name + ".dat")
        with open(data, "w") as f:
            f.write("# irqenv %s\n" % env)
            for op, way, cycles in rows:
                f.write("# irqdata %s %s %.2f\n" % (op, way, cycles))
        run = subprocess.run([PLOT, data, self.tmp], capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(self.tmp, name + ".svg")) as f:
            return Chart(f.read())

    def assert_one_colour_each(self, chart, rows):
        ways = list(dict.fromkeys(way for _op, way, _c in rows))
        self.assertEqual(sorted(chart.colours), sorted(ways))
        for way, fills in chart.colours.items():
            self.assertEqual(len(fills), 1, "%s drawn in %s" % (way, fills))
        drawn = [next(iter(f)) for f in chart.colours.values()]
        self.assertEqual(len(set(drawn)), len(drawn),
                         "ways share a colour: %s" % chart.colours)

    def assert_ratio_labels(self, chart, rows):
        first = {}
        for op, way, cycles in rows:
            first.setdefault(op, cycles)
            self.assertIn("%.1f" % cycles, chart.texts)
            self.assertIn("%.1fx" % (cycles / first[op]), chart.texts)
        self.assertFalse([t for t in chart.texts if "nan" in t.lower()])

    def test_every_way_has_its_own_colour(self):
        for name, rows in (("guest", GUEST), ("hosted", HOSTED), ("xen", XEN),
                           ("new", NEW_WAYS)):
            with self.subTest(chart=name):
                self.assert_one_colour_each(self.plot(name, name, rows), rows)

    def test_a_way_keeps_its_colour_across_charts(self):
        guest = self.plot("guest", "guest", GUEST)
        hosted = self.plot("hosted", "hosted", HOSTED)
        for way in ("raw", "direct", "indirect", "retpoline"):
            self.assertEqual(guest.colours[way], hosted.colours[way], way)

    def test_a_wide_range_gets_a_log_axis(self):
        chart = self.plot("xen", "Xen PV dom0", XEN)
        self.assertGreaterEqual(len(chart.ticks), 3, chart.ticks)
        self.assertGreater(chart.ticks[0], 0, "a linear axis from 0: %s" % chart.ticks)
        steps = {round(math.log10(b / a), 6) for a, b in zip(chart.ticks, chart.ticks[1:])}
        self.assertEqual(steps, {1.0}, "y ticks %s are not decades" % chart.ticks)
        self.assertLess(chart.ticks[0], min(c for _o, _w, c in XEN))
        self.assertGreaterEqual(chart.ticks[-1], max(c for _o, _w, c in XEN))
        self.assert_ratio_labels(chart, XEN)

    def test_bars_on_powers_of_ten_stay_inside_the_axis(self):
        # A bar on the axis' floor has no height, one on its top no room
        # for its label.
        rows = [("save_fl", "raw", 1.0), ("save_fl", "retpoline", 1000.0)]
        chart = self.plot("decades", "hosted", rows)
        self.assertLess(chart.ticks[0], 1.0, chart.ticks)
        self.assertGreater(chart.ticks[-1], 1000.0, chart.ticks)

    def test_a_narrow_range_keeps_a_linear_axis(self):
        chart = self.plot("guest", "guest", GUEST)
        self.assertEqual(chart.ticks[0], 0)
        steps = {round(b - a, 6) for a, b in zip(chart.ticks, chart.ticks[1:])}
        self.assertEqual(len(steps), 1, "y ticks %s are not evenly spaced" % chart.ticks)
        self.assert_ratio_labels(chart, GUEST)


if __name__ == "__main__":
    unittest.main()
