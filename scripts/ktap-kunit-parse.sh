#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Check that the KTAP on standard input is what Linux's own parser,
# kunit.py, accepts: the guarantee that ktest output reads like KUnit's.
#
#   scripts/ktap-kunit-parse.sh CACHE_DIR < output.txt
#
# kunit.py comes from Debian's linux-source tarball (linux-source-6.1),
# extracted into CACHE_DIR the first time. KTAP_LINUX_SOURCE overrides
# the tarball's path.
#
# Exit status: the tests' own pass or fail does not count here, only
# whether the text parses:
#   0   parsed with no error
#   1   kunit.py reported a parse error or a crashed (unfinished) test
#   2   kunit.py itself failed, or bad usage
#   77  skipped: no tarball to take kunit.py from

set -u

tarball=${KTAP_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
python=/usr/bin/python3

if [ $# -ne 1 ]; then
	echo "usage: $0 CACHE_DIR < ktap.txt" >&2
	exit 2
fi
cache=$1
# kunit.py finds its tree by its own path: keep tools/testing/kunit.
kunit_dir=$cache/linux/tools/testing/kunit

fetch_kunit() {
	if [ ! -f "$tarball" ]; then
		echo "SKIP: $tarball not found (install linux-source-6.1)" >&2
		exit 77
	fi
	mkdir -p "$cache" || exit 2
	# Extract beside the final place and rename: a run interrupted or
	# racing with another never leaves a half-extracted kunit.py.
	tmp=$(mktemp -d "$cache/extract.XXXXXX") || exit 2
	if ! tar -xJf "$tarball" -C "$tmp" --wildcards \
		'*/tools/testing/kunit/*'; then
		rm -rf "$tmp"
		echo "$0: cannot extract kunit.py from $tarball" >&2
		exit 2
	fi
	found=$(find "$tmp" -path '*/tools/testing/kunit/kunit.py' | head -n 1)
	if [ -z "$found" ]; then
		rm -rf "$tmp"
		echo "$0: no tools/testing/kunit/kunit.py in $tarball" >&2
		exit 2
	fi
	top=${found#"$tmp"/}
	top=${top%%/*}
	mv -T "$tmp/$top" "$cache/linux" 2>/dev/null
	rm -rf "$tmp"
	[ -f "$kunit_dir/kunit.py" ] || exit 2
}

[ -f "$kunit_dir/kunit.py" ] || fetch_kunit

out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT

# kunit.py exits 1 both for failed tests and for bad KTAP; read its report.
"$python" "$kunit_dir/kunit.py" parse >"$out" 2>&1
status=$?
cat "$out"

if [ $status -gt 1 ] || grep -q '^Traceback' "$out" ||
   ! grep -q 'Testing complete\.' "$out"; then
	echo "$0: kunit.py failed (exit status $status)" >&2
	exit 2
fi
if grep -q '\[ERROR\]' "$out"; then
	echo "$0: kunit.py could not parse the KTAP:" >&2
	grep '\[ERROR\]' "$out" | sed 's/^\[[0-9:]*\] //' >&2
	exit 1
fi
if grep -q '\[CRASHED\]' "$out"; then
	echo "$0: kunit.py saw a test that never finished" >&2
	exit 1
fi
exit 0
