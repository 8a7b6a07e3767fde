#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# objtool throughput: MB (10^6 bytes) of text, the executable sections
# of the objects, per second, over copies of every object of a guest
# build.
#
#   scripts/bench-objtool.sh OBJTOOL GUEST_BUILD_DIR [RUNS] [FIT_RUNS]
#
# Each pass runs over fresh copies (objtool writes objects in place), in
# one objtool process for all the objects. Best of RUNS (3): "best ms"
# and "MB/s". Then objtool runs once per object, best of FIT_RUNS (5)
# each, and a least-squares fit of time against the object's text kB
# splits the cost: "ms/kB" the marginal time per kB of text (the slope),
# "fixed ms" the time per object whatever its size (the intercept:
# starting the process, reading the headers), "r2" how well the line
# fits. Rows:
#   static-calls   scan for plain C static call sites; the build has
#                  recorded them already, so nothing is written
#   check          decode, follow control flow, check stack state
#   orc            check and write the ORC tables
#   pipeline       static-calls then orc, two processes per object: the
#                  build's two steps until "object" joined them
#   object         the build's step: static-calls and orc on one read
#                  and one write of each object
set -eu
objtool=$1
build=$2
runs=${3:-3}
fit_runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find "$build/guest-obj" -name '*.o' | sort >"$work/list"
[ -s "$work/list" ] || { echo "bench-objtool: no objects under $build/guest-obj" >&2; exit 1; }
# The build already ran objtool on its objects in place, and "orc" leaves
# an object that has tables alone: time it on copies without them (the
# static call sites stay recorded, so "static-calls" only scans).
i=0
mkdir "$work/orig"
while read -r f; do
	i=$((i + 1))
	objcopy --remove-section=orc_unwind_ip --remove-section=.relaorc_unwind_ip \
		--remove-section=orc_unwind "$f" "$work/orig/$i.o"
done <"$work/list"
count=$i

# text_bytes FILE: bytes of its executable sections (objdump -h flags
# them CODE).
text_bytes() {
	bytes=0
	for size in $(objdump -h "$1" | awk '
		/^ *[0-9]+ / { size = $3 }
		/CODE/ { print size }'); do
		bytes=$((bytes + 0x$size))
	done
	echo "$bytes"
}

# Per object ("bytes path" lines, for the fit) and in all.
for f in "$work"/orig/*.o; do
	echo "$(text_bytes "$f") $f"
done >"$work/sizes"
text_bytes=$(awk '{ t += $1 } END { printf "%d", t }' "$work/sizes")

has() { "$objtool" "$1" --help >/dev/null 2>&1; }

now_ns() { date +%s%N; }

# run_pass NAME: time one pass of NAME over fresh copies; prints ns.
run_pass() {
	rm -rf "$work/run"
	cp -r "$work/orig" "$work/run"
	start=$(now_ns)
	case $1 in
	static-calls) "$objtool" static-calls "$work"/run/*.o ;;
	check) "$objtool" check --quiet "$work"/run/*.o ;;
	orc) "$objtool" orc --quiet "$work"/run/*.o ;;
	pipeline)
		"$objtool" static-calls "$work"/run/*.o
		"$objtool" orc --quiet "$work"/run/*.o ;;
	object) "$objtool" object --quiet "$work"/run/*.o ;;
	esac >/dev/null 2>"$work/err" || { echo "fail"; return; }
	echo $(( $(now_ns) - start ))
}

# fit NAME: "slope fixed r2" from one process per object.
fit() {
	[ "$1" = pipeline ] && { echo "- - -"; return; }
	# shellcheck disable=SC2046
	/usr/bin/python3 "$(dirname "$0")/bench-objtool-fit.py" "$objtool" "$1" "$fit_runs" \
		"$work/sizes" || echo "fail"
}

printf '  %-14s %8s %10s %10s %8s %8s %9s %5s\n' "objtool" "objects" "text kB" "best ms" \
	"MB/s" "ms/kB" "fixed ms" "r2"
for pass in static-calls check orc pipeline object; do
	need=$pass
	[ "$pass" = pipeline ] && need=orc
	if ! has "$need"; then
		printf '  %-14s %8s %10s %10s   %s\n' "$pass" "$count" "-" "-" "n/a: no 'objtool $need' yet"
		continue
	fi
	best=
	for r in $(seq "$runs"); do
		ns=$(run_pass "$pass")
		if [ "$ns" = fail ]; then
			best=fail
			break
		fi
		if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
	done
	if [ "$best" = fail ]; then
		printf '  %-14s %8s %10s %10s %8s\n' "$pass" "$count" "-" "-" "failed"
		sed 's/^/    /' "$work/err" | head -5
		continue
	fi
	# shellcheck disable=SC2046
	set -- $(fit "$pass")
	[ "$1" = fail ] && set -- failed - -
	awk -v n="$count" -v b="$text_bytes" -v ns="$best" -v name="$pass" \
		-v slope="$1" -v fixed="$2" -v r2="$3" 'BEGIN {
		printf "  %-14s %8d %10.1f %10.1f %8.1f %8s %9s %5s\n", name, n, b / 1e3, ns / 1e6,
			(b / 1e6) / (ns / 1e9), slope, fixed, r2 }'
done

# Per kB without the per-object cost, which dominates the fit above (the
# guest's objects hold 8 kB of text at most): every object merged into
# one (ld -r) against the smallest, one process each, best of RUNS,
#   ms/kB = (t(merged) - t(smallest)) / (kB(merged) - kB(smallest)),
# and, when the Linux KUnit kernel is cached (scripts/linux-kunit.sh),
# Linux 6.1's objtool --orc, built as the kernel builds it, on the same
# two objects in the same run.
ld -r -o "$work/merged.o" "$work"/orig/*.o 2>/dev/null ||
	{ echo "  (merged: ld -r failed; no per-kB row)"; exit 0; }
smallest=$(sort -n "$work/sizes" | awk '$1 > 0 { print $2; exit }')
small_bytes=$(sort -n "$work/sizes" | awk '$1 > 0 { print $1; exit }')
merged_bytes=$(text_bytes "$work/merged.o")

# best_ns CMD... OBJECT: best of RUNS, each on a fresh copy.
best_ns() {
	obj=$1
	shift
	best=
	for r in $(seq "$runs"); do
		cp "$obj" "$work/one.o"
		start=$(now_ns)
		"$@" "$work/one.o" >/dev/null 2>&1 || { echo fail; return; }
		ns=$(( $(now_ns) - start ))
		if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
	done
	echo "$best"
}

linux_objtool=
if kdir=$("$(dirname "$0")/linux-kunit.sh" --print-dir 2>/dev/null) &&
   [ -x "$kdir/build/tools/objtool/objtool" ]; then
	linux_objtool=$kdir/build/tools/objtool/objtool
fi

echo
printf '  %-22s %10s %10s %10s %8s\n' "merged ($count objects)" "kB" "ms" "small ms" "ms/kB"
row() {
	name=$1
	shift
	big=$(best_ns "$work/merged.o" "$@")
	small=$(best_ns "$smallest" "$@")
	if [ "$big" = fail ] || [ "$small" = fail ]; then
		printf '  %-22s %10s\n' "$name" "failed"
		return
	fi
	awk -v name="$name" -v mb="$merged_bytes" -v sb="$small_bytes" -v big="$big" -v small="$small" 'BEGIN {
		printf "  %-22s %10.1f %10.2f %10.2f %8.4f\n", name, mb / 1e3, big / 1e6, small / 1e6,
			((big - small) / 1e6) / ((mb - sb) / 1e3) }'
}
row "static-calls" "$objtool" static-calls
row "check" "$objtool" check --quiet
row "orc" "$objtool" orc --quiet
has object && row "object" "$objtool" object --quiet
if [ -n "$linux_objtool" ]; then
	row "linux-6.1 --orc" "$linux_objtool" --orc
else
	echo "  linux-6.1 --orc        (not cached: make check-linux builds it)"
fi
