#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Chart one run of the irq-op benchmark (bench=irq) as grouped bars:
# one group per op, one bar per way, height in cycles per op, each bar
# labelled with its cycles and its ratio to the first way of its op.
#
#   scripts/bench-plot.sh DATAFILE OUTDIR
#
# DATAFILE holds the run's "# irqdata OP WAY CYCLES" lines and may hold
# "# irqenv guest|hosted|Xen DESCRIPTION" (scripts/bench.sh writes one)
# for the title. Writes OUTDIR/NAME.png and OUTDIR/NAME.svg, NAME being
# DATAFILE's name without .dat.
#
# Each way has one colour on every chart, so charts of different runs
# can be read side by side. When the bars span two orders of magnitude
# or more (a Xen hypercall next to an inline arm) the axis is
# logarithmic: on a linear one the short bars are flat lines.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 DATAFILE OUTDIR" >&2; exit 2; }
data=$1
outdir=$2

if ! command -v gnuplot >/dev/null; then
	echo "bench-plot: gnuplot missing: run scripts/deps.sh as root (gnuplot-nox)" >&2
	exit 1
fi
if ! grep -q '^# irqdata ' "$data"; then
	echo "bench-plot: $data: no '# irqdata' lines" >&2
	exit 1
fi

name=$(basename "$data" .dat)
env=$(sed -n 's/^# irqenv //p' "$data" | head -n 1)
case $env in
guest* | Xen*) note="cycles of an emulator, not of hardware: compare bars as ratios" ;;
hosted*) note="native speed, TSC cycles" ;;
*) env=$name; note="" ;;
esac

# "OP WAY CYCLES" lines to the table gnuplot's clustered histograms read:
# a header row of ways, then one row per op, in the order of the run.
# Two more lines for the script below: the ways' colours, and the
# smallest and largest bar.
table=$(awk -f "$(dirname "$0")/bench-plot-table.awk" "$data")
header=$(echo "$table" | sed -n 1p)
colours=$(echo "$table" | sed -n 2p)
range=$(echo "$table" | sed -n 3p)
rows=$(echo "$table" | sed '1,3d')
columns=$(echo "$header" | wc -w)
gap=1

# Two orders of magnitude: past that the shortest bar is under a
# hundredth of the tallest, a few pixels on this chart, and the bars
# that differ least are the ones that cannot be told apart.
set -- $range
logscale=$(awk -v lo="$1" -v hi="$2" 'BEGIN { print (lo > 0 && hi / lo >= 100) ? 1 : 0 }')
if [ "$logscale" = 1 ]; then
	# Whole decades, so every tick is a power of ten; the bars rise
	# from the decade below the shortest one, so none has no height.
	axis=$(awk -v lo="$1" -v hi="$2" '
	function decade(x,    e) {	# the power of ten at or below x
		e = int(log(x) / log(10))
		if (10 ^ e > x) e--
		if (10 ^ (e + 1) <= x) e++
		return e
	}
	BEGIN {
		b = 10 ^ decade(lo); if (b >= lo) b /= 10
		printf "set logscale y 10\nset yrange [%g:%g]\nset format y \"%%g\"\n", b, 10 ^ (decade(hi) + 1)
	}')
	ylabel="cycles per op, log scale (best of 5, loop included)"
else
	axis="set yrange [0:*]"
	ylabel="cycles per op (best of 5, loop included)"
fi

mkdir -p "$outdir"
gnuplot <<GNUPLOT
\$irq << EOD
$header
$rows
EOD
ways = $columns - 1
# A clustered histogram puts bar i (from 0) of group g at
# g + (i - (ways - 1) / 2) / (ways + gap): the labels go there.
bar_x(g, i) = g + (i - (ways - 1) / 2.0) / (ways + $gap)
colours = "$colours"
# The ratio is to the op's first way (raw, or the inline Xen arm); an op
# without that way (the bare hypercall) shows its cycles alone.
label(i) = valid(2) ? sprintf("%.1f\n%.1fx", column(i), column(i) / column(2)) : \
	sprintf("%.1f", column(i))

set title "irq ops: $env\n$note" noenhanced
set ylabel "$ylabel"
$axis
set offsets 0, 0, graph 0.12, 0
set grid ytics
set key outside right top vertical noenhanced autotitle columnheader
set xtics noenhanced
set style data histograms
set style histogram clustered gap $gap
set style fill solid 0.85 border -1
set boxwidth 1

set terminal pngcairo size 1100, 620 font "sans,10"
set output "$outdir/$name.png"
plot for [i = 2:ways + 1] \$irq using i:xtic(1) title columnheader(i) \
	lc rgb word(colours, i - 1), \
     for [i = 2:ways + 1] \$irq using (bar_x(\$0, i - 2)):i:(label(i)) \
	with labels center offset 0, 1.2 font ",8" notitle
set terminal svg size 1100, 620 font "sans,10" background "white"
set output "$outdir/$name.svg"
replot
GNUPLOT
echo "bench-plot: $outdir/$name.png $outdir/$name.svg"
