#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: feed the KTAP of a real guest boot and of the hosted test
# binary to Linux's kunit.py parse (scripts/ktap-kunit-parse.sh), and of
# the arm64 guest's boot when its image is given.
#
#   scripts/kunit-parse-check.sh IMAGE HOSTED_DIR [ARM64_IMAGE]
#
# Exit 0 when both parse, 1 when either does not, 77 (skip) when the
# Linux source tarball that carries kunit.py is not installed.
set -u
image=$1
hosted=$2
arm64_image=${3:-}
top=$(cd "$(dirname "$0")/.." && pwd)
cache=$(dirname "$hosted")/kunit-py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$top/tools/pvrun" --quiet --smp 2 --log "$work/guest.log" "$image" >/dev/null
"$hosted/pvpatch-hosted-tests" static_call.stress_updates=10000 > "$work/hosted.log"
logs="guest hosted"
if [ -n "$arm64_image" ]; then
	"$top/tools/pvrun" --quiet --log "$work/arm64.log" "$arm64_image" >/dev/null
	logs="$logs arm64"
fi

# One KTAP result per log, so tools/run-tests counts both; kunit.py's
# own report goes out as diagnostics, which no KTAP reader counts.
echo "KTAP version 1"
echo "1..$(echo $logs | wc -w)"
status=0
n=0
for log in $logs; do
	n=$((n + 1))
	"$top/scripts/ktap-kunit-parse.sh" "$cache" < "$work/$log.log" > "$work/$log.parse" 2>&1
	rc=$?
	case $rc in
	0) echo "ok $n kunit.py parses the $log KTAP: $(grep -Eo 'Ran [0-9]+ tests.*' "$work/$log.parse" | tail -n 1)" ;;
	77) echo "ok $n kunit.py parses the $log KTAP # SKIP $(tail -n 1 "$work/$log.parse")"
	    [ $status -ne 0 ] || status=77 ;;
	*) tail -n 20 "$work/$log.parse" | sed 's/^/# /'
	   echo "not ok $n kunit.py rejects the $log KTAP (exit $rc)"; status=1 ;;
	esac
done
exit $status
