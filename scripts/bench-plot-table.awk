# SPDX-License-Identifier: GPL-2.0
#
# scripts/bench-plot.sh's input: "# irqdata OP WAY CYCLES" lines to
#   line 1   "op" and the ways, in the order of the run
#   line 2   one colour per way
#   line 3   the smallest and the largest cycles
#   then     one row per op: its name and its cycles per way (NaN: none)

BEGIN {
	# By the way's name, so a way has one colour on every chart. The
	# Xen arms take the colour of the way they stand for (the pvop
	# site inline, a direct call, an indirect call); no chart holds
	# both.
	colour["raw"] = "#7b3294"
	colour["pvop-inline"] = "#1b9e77"
	colour["xen-inline"] = "#1b9e77"
	colour["pvop-call"] = "#66a61e"
	colour["direct"] = "#56b4e9"
	colour["xen-direct"] = "#56b4e9"
	colour["indirect"] = "#e69f00"
	colour["xen-indirect"] = "#e69f00"
	colour["retpoline"] = "#d55e00"
	colour["xen-pending"] = "#cc79a7"
	colour["xen-hypercall"] = "#0072b2"
	# A way not named above: the first of these not yet on the chart.
	nspare = split("#e7298a #a6761d #666666 #000000 #f0e442", spare, " ")
}

$1 == "#" && $2 == "irqdata" {
	if (!($3 in op_seen)) { op_seen[$3] = 1; ops[++nops] = $3 }
	if (!($4 in way_seen)) { way_seen[$4] = 1; ways[++nways] = $4 }
	cycles[$3, $4] = $5
	if (nvalues++ == 0 || $5 + 0 < lo) lo = $5 + 0
	if (nvalues == 1 || $5 + 0 > hi) hi = $5 + 0
}

function pick(way,    i, w, taken) {
	if (way in colour)
		return colour[way]
	for (i = 1; i <= nspare; i++) {
		taken = 0
		for (w = 1; w <= nways; w++)
			if (used[w] == spare[i])
				taken = 1
		if (!taken)
			return spare[i]
	}
	return "#808080"
}

END {
	printf "op"
	for (w = 1; w <= nways; w++)
		printf " %s", ways[w]
	printf "\n"
	for (w = 1; w <= nways; w++) {
		used[w] = pick(ways[w])
		printf "%s%s", (w > 1 ? " " : ""), used[w]
	}
	printf "\n%s %s\n", lo, hi
	for (o = 1; o <= nops; o++) {
		printf "%s", ops[o]
		for (w = 1; w <= nways; w++)
			printf " %s", ((ops[o], ways[w]) in cycles) ? cycles[ops[o], ways[w]] : "NaN"
		printf "\n"
	}
}
