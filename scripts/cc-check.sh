#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Can the compiler compile? Prints why not, nothing when it can.
#
#   scripts/cc-check.sh CC [ARGS...]
#
# The Makefile asks before it builds: a CC that is missing, or is not a
# compiler, otherwise fails in whichever recipe runs it first, with
# words about that recipe (objtool, a .o) and not about CC.
[ $# -gt 0 ] || { echo "is empty"; exit 0; }
if ! command -v "$1" >/dev/null 2>&1; then
	[ $# -eq 1 ] && echo "no such command" || echo "$1: no such command"
	exit 0
fi
tmp=$(mktemp -d) || exit 0
trap 'rm -rf "$tmp"' EXIT
echo 'int pvpatch_cc_check;' >"$tmp/check.c"
if ! "$@" -c "$tmp/check.c" -o "$tmp/check.o" >"$tmp/out" 2>&1; then
	why=$(grep -m 1 . "$tmp/out")
	echo "cannot compile a one-line C file${why:+: $why}"
elif [ ! -s "$tmp/check.o" ]; then
	# "true" exits 0 and writes nothing.
	echo "compiles a C file into no object file"
fi
