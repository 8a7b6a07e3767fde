#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# objtool's output must not change with a change that is only meant to
# make it faster: compare, byte for byte, what this tree's objtool and
# one built from git revision REV make of every guest and hosted object.
# Objects are compared by what a linker reads (elf-sections-equal.py):
# the ELF header, every section header and every section's bytes, all
# but the file offsets, since objtool appends grown sections in place of
# libelf's new layout of the whole file. Messages are compared whole.
#
#   scripts/check-objtool-identical.sh REV GUEST_IMAGE HOSTED_DIR
#
# The objtool under test is the guest build's (next to GUEST_IMAGE;
# OBJTOOL=path overrides it). The reference is built from REV's
# tools/objtool and include/ (git archive) in a temporary directory.
# Inputs, per object, as the build left it (objtool already ran on it):
#   static-calls  on the object as built (sites recorded: a scan), and on
#                 a copy without static_call_sites (sites written anew)
#   orc           on a copy without the ORC tables, and on the
#                 static-calls output above without them
#   check, dump   stdout, stderr and exit status, on the copy without the
#                 ORC tables (check with and without --quiet) and on
#                 orc's output (dump)
# Results are KTAP, one per kind of run; a difference names the objects.
# "1..0 # SKIP" when REV is not in this clone or nothing is built.
set -u

srctree=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:?usage: check-objtool-identical.sh REV GUEST_IMAGE HOSTED_DIR}
guest_dir=$(dirname "${2:?usage: check-objtool-identical.sh REV GUEST_IMAGE HOSTED_DIR}")
hosted_dir=${3:?usage: check-objtool-identical.sh REV GUEST_IMAGE HOSTED_DIR}
new=${OBJTOOL:-$guest_dir/tools/objtool}
cc=${CC:-gcc}

echo "KTAP version 1"
skip() {
	echo "1..0 # SKIP $*"
	exit 0
}
git -C "$srctree" rev-parse --git-dir >/dev/null 2>&1 ||
	skip "$srctree is not a git clone"
git -C "$srctree" cat-file -e "$rev^{commit}" 2>/dev/null ||
	skip "revision $rev is not in this clone"
[ -x "$new" ] || skip "no objtool at $new (build the guest first)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

: >"$tmp/list"
for dir in "$guest_dir/guest-obj" "$hosted_dir/hosted-obj"; do
	[ -d "$dir" ] && find "$dir" -name '*.o' | sort >>"$tmp/list"
done
[ -s "$tmp/list" ] || skip "no objects under $guest_dir/guest-obj or $hosted_dir/hosted-obj"

# The reference objtool, with the Makefile's flags of the time.
mkdir "$tmp/src"
git -C "$srctree" archive "$rev" tools/objtool include | tar -x -C "$tmp/src" ||
	skip "cannot read $rev's tools/objtool"
srcs=$(ls "$tmp"/src/tools/objtool/*.c | grep -v '/fuzz_objtool\.c$')
# shellcheck disable=SC2086
if ! $cc -std=gnu11 -O2 -g -fno-strict-aliasing -fno-common -I"$tmp/src/include" \
	$srcs -o "$tmp/ref-objtool" -lelf -lZydis 2>"$tmp/cc.err"; then
	echo "1..1"
	echo "not ok 1 - build the reference objtool from $rev"
	sed 's/^/# /' "$tmp/cc.err" | head -20
	exit 1
fi

# prepare: per object i, the inputs (shared by both objtools).
mkdir "$tmp/in"
i=0
while read -r f; do
	i=$((i + 1))
	cp "$f" "$tmp/in/$i.built.o"
	objcopy --remove-section=orc_unwind_ip --remove-section=.relaorc_unwind_ip \
		--remove-section=orc_unwind "$f" "$tmp/in/$i.noorc.o"
	objcopy --remove-section=orc_unwind_ip --remove-section=.relaorc_unwind_ip \
		--remove-section=orc_unwind --remove-section=static_call_sites \
		--remove-section=.relastatic_call_sites "$f" "$tmp/in/$i.nosites.o"
done <"$tmp/list"
count=$i

# run TOOL OUT: every kind of run of one objtool, into directory OUT.
run() {
	tool=$1 out=$2
	mkdir "$out"
	i=0
	while [ "$i" -lt "$count" ]; do
		i=$((i + 1))
		o=$out/$i
		cp "$tmp/in/$i.built.o" "$o.sc-built.o"
		"$tool" static-calls "$o.sc-built.o" >"$o.sc-built.out" 2>&1
		echo "status $?" >>"$o.sc-built.out"
		cp "$tmp/in/$i.nosites.o" "$o.sc-new.o"
		"$tool" static-calls "$o.sc-new.o" >"$o.sc-new.out" 2>&1
		echo "status $?" >>"$o.sc-new.out"
		cp "$tmp/in/$i.noorc.o" "$o.orc.o"
		"$tool" orc "$o.orc.o" >"$o.orc.out" 2>&1
		echo "status $?" >>"$o.orc.out"
		cp "$o.sc-new.o" "$o.pipeline.o"
		"$tool" orc "$o.pipeline.o" >"$o.pipeline.out" 2>&1
		echo "status $?" >>"$o.pipeline.out"
		"$tool" check "$tmp/in/$i.noorc.o" >"$o.check.out" 2>"$o.check.err"
		echo "status $?" >>"$o.check.out"
		"$tool" check --quiet "$tmp/in/$i.noorc.o" >"$o.checkq.out" 2>"$o.checkq.err"
		echo "status $?" >>"$o.checkq.out"
		"$tool" dump "$o.orc.o" >"$o.dump.out" 2>"$o.dump.err"
		echo "status $?" >>"$o.dump.out"
		# The build's one step for both (not in REV): as the pipeline.
		if "$tool" object --help >/dev/null 2>&1; then
			cp "$tmp/in/$i.nosites.o" "$o.object.o"
			"$tool" object "$o.object.o" >"$o.object.out" 2>&1
			echo "status $?" >>"$o.object.out"
		fi
	done
	# Messages name the file: make the names the same for both.
	sed -i "s|$out/|OUT/|g" "$out"/*.out "$out"/*.err
}
run "$tmp/ref-objtool" "$tmp/ref"
run "$new" "$tmp/new"

n=0
failed=0
# compare NAME DESCRIPTION SUFFIX...: one KTAP result.
compare() {
	name=$1 desc=$2
	shift 2
	n=$((n + 1))
	: >"$tmp/diff"
	: >"$tmp/pairs"
	i=0
	while [ "$i" -lt "$count" ]; do
		i=$((i + 1))
		for s in "$@"; do
			# REF_SUFFIX=NEW_SUFFIX compares two kinds of run.
			r=${s%%=*} s=${s#*=}
			case $s in
			*.o) echo "$tmp/ref/$i.$r $tmp/new/$i.$s" >>"$tmp/pairs" ;;
			*) cmp -s "$tmp/ref/$i.$r" "$tmp/new/$i.$s" ||
				echo "$(sed -n "${i}p" "$tmp/list"): $s differs" >>"$tmp/diff" ;;
			esac
		done
	done
	"$srctree/scripts/elf-sections-equal.py" <"$tmp/pairs" |
		sed "s|^$tmp/new/\([0-9]*\)\.|object \1 |" >>"$tmp/diff"
	if [ -s "$tmp/diff" ]; then
		failed=$((failed + 1))
		echo "not ok $n - $name: $desc"
		sed 's/^/# /' "$tmp/diff" | head -20
	else
		echo "ok $n - $name: $desc, $count objects identical"
	fi
}
# The object comparison must see a difference where there is one: an
# object against itself without its static call sites.
comparison_sees_differences() {
	n=$((n + 1))
	f=$(grep -l static_call_sites "$tmp"/in/*.built.o 2>/dev/null | head -1)
	if [ -z "$f" ]; then
		echo "ok $n - elf-sections-equal: tells objects apart # SKIP no object has static call sites"
	elif echo "$f ${f%.built.o}.nosites.o" | "$srctree/scripts/elf-sections-equal.py" >/dev/null; then
		failed=$((failed + 1))
		echo "not ok $n - elf-sections-equal: found no difference after removing static_call_sites"
	else
		echo "ok $n - elf-sections-equal: tells an object from itself without static_call_sites"
	fi
}

echo "1..8"
comparison_sees_differences
compare static-calls "objects as built (sites recorded)" sc-built.o sc-built.out
compare static-calls "objects without static_call_sites" sc-new.o sc-new.out
compare orc "objects without ORC tables" orc.o orc.out
compare orc "static-calls output without ORC tables" pipeline.o pipeline.out
compare check "stdout, stderr, status (with and without --quiet)" \
	check.out check.err checkq.out checkq.err
compare dump "stdout, stderr, status of orc's output" dump.out dump.err
if "$new" object --help >/dev/null 2>&1; then
	compare object "on objects without static_call_sites, as static-calls then orc" \
		pipeline.o=object.o pipeline.out=object.out
else
	n=$((n + 1))
	echo "ok $n - object # SKIP no 'objtool object' in $new"
fi
echo "# objtool identical to $rev: $((n - failed)) passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
