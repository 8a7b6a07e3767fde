#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Chart one run of the irq-op benchmark (bench=irq) as grouped bars:
# one group per op, one bar per way, height in cycles per op, each bar
# labelled with its cycles and its ratio to the raw instructions.
#
#   scripts/bench-plot.sh DATAFILE OUTDIR
#
# DATAFILE holds the run's "# irqdata OP WAY CYCLES" lines and may hold
# "# irqenv guest|hosted DESCRIPTION" (scripts/bench.sh writes one) for
# the title. Writes OUTDIR/NAME.png and OUTDIR/NAME.svg, NAME being
# DATAFILE's name without .dat.
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
guest*) note="cycles of an emulator, not of hardware: compare bars as ratios" ;;
hosted*) note="native speed, TSC cycles" ;;
*) env=$name; note="" ;;
esac

# "OP WAY CYCLES" lines to the table gnuplot's clustered histograms read:
# a header row of ways, then one row per op, in the order of the run.
table=$(awk '
$1 == "#" && $2 == "irqdata" {
	if (!($3 in op_seen)) { op_seen[$3] = 1; ops[++nops] = $3 }
	if (!($4 in way_seen)) { way_seen[$4] = 1; ways[++nways] = $4 }
	cycles[$3, $4] = $5
}
END {
	printf "op"
	for (w = 1; w <= nways; w++)
		printf " %s", ways[w]
	printf "\n"
	for (o = 1; o <= nops; o++) {
		printf "%s", ops[o]
		for (w = 1; w <= nways; w++)
			printf " %s", ((ops[o], ways[w]) in cycles) ? cycles[ops[o], ways[w]] : "NaN"
		printf "\n"
	}
}' "$data")
header=$(echo "$table" | head -n 1)
columns=$(echo "$header" | wc -w)
gap=1

mkdir -p "$outdir"
gnuplot <<GNUPLOT
\$irq << EOD
$table
EOD
ways = $columns - 1
gap = $gap
# A clustered histogram puts bar i (from 0) of group g at
# g + (i - (ways - 1) / 2) / (ways + gap): the labels go there.
bar_x(g, i) = g + (i - (ways - 1) / 2.0) / (ways + gap)
# One colour per way, the same in every chart.
header = "$header"
colour(way) = way eq "raw" ? "#7b3294" : way[1:4] eq "pvop" ? "#1b9e77" : \
	way eq "direct" ? "#56b4e9" : way eq "indirect" ? "#e69f00" : \
	way eq "retpoline" ? "#d55e00" : "#808080"
label(i) = sprintf("%.1f\n%.1fx", column(i), column(i) / column(2))

set title "irq ops: $env\n$note" noenhanced
set ylabel "cycles per op (best of 5, loop included)"
set yrange [0:*]
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
	lc rgb colour(word(header, i)), \
     for [i = 2:ways + 1] \$irq using (bar_x(\$0, i - 2)):i:(label(i)) \
	with labels center offset 0, 1.2 font ",8" notitle
set terminal svg size 1100, 620 font "sans,10" background "white"
set output "$outdir/$name.svg"
replot
GNUPLOT
echo "bench-plot: $outdir/$name.png $outdir/$name.svg"
