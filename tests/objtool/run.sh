#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# objtool's own tests (TAP): small objects that must pass or fail in a
# known way, then every object of the guest and hosted builds.
#
#   tests/objtool/run.sh GUEST_IMAGE HOSTED_DIR
#
# objtool is the guest build's (next to GUEST_IMAGE); the test objects
# are built in a temporary directory. Exit status 0 only if all pass.
set -u

srctree=$(cd "$(dirname "$0")/../.." && pwd)
guest_dir=$(dirname "${1:?usage: run.sh GUEST_IMAGE HOSTED_DIR}")
hosted_dir=${2:?usage: run.sh GUEST_IMAGE HOSTED_DIR}
objtool=$guest_dir/tools/objtool
cc=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
failed=0
result() {	# result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		sed 's/^/# /' "$tmp/out" 2>/dev/null
	fi
}

# TAP 13, whose plan may come last: the count is known at the end.
echo "TAP version 13"
if [ ! -x "$objtool" ]; then
	echo "1..0 # SKIP no objtool at $objtool (build the guest first)"
	exit 0
fi

asm() {		# asm NAME: tests/objtool/NAME.S -> $tmp/NAME.o
	$cc -D__ASSEMBLY__ -I"$srctree/include" -I"$srctree/arch/x86/include" \
		-c "$srctree/tests/objtool/$1.S" -o "$tmp/$1.o"
}

# expect_error NAME REGEX: objtool check fails, naming what it should.
expect_error() {
	asm "$1" && ! "$objtool" check "$tmp/$1.o" >"$tmp/out" 2>&1 &&
		grep -q -- "$2" "$tmp/out"
	result $? "$1: rejected with '$2'"
}

asm clean && "$objtool" check "$tmp/clean.o" >"$tmp/out" 2>&1
result $? "clean: a pvop-shaped site passes check"

cp "$tmp/clean.o" "$tmp/clean-orc.o"
"$objtool" orc "$tmp/clean-orc.o" >"$tmp/out" 2>&1 &&
	"$objtool" dump "$tmp/clean-orc.o" >"$tmp/dump" 2>"$tmp/out" &&
	grep -q "clean_save_flags+0x1 .*call cfa=sp+16" "$tmp/dump" &&
	grep -q "clean_save_flags+0x2 .*call cfa=sp+8" "$tmp/dump" &&
	readelf -SW "$tmp/clean-orc.o" | grep -q " orc_unwind_ip " &&
	readelf -SW "$tmp/clean-orc.o" | grep -q " orc_unwind "
result $? "clean: orc writes the tables; the union has the pushf state at site+1"

"$objtool" orc "$tmp/clean-orc.o" >"$tmp/out" 2>&1
[ $? -eq 1 ]
result $? "clean: a second orc run is refused"

expect_error conflict \
	"conflict_func+0x1: stack layout conflict in alternatives: original <call cfa=sp+16 bp=caller> vs replacement 1"
expect_error unbalanced "unbalanced_func+0x1: replacement 1 leaves the stack"
expect_error paths "paths_func+0x6: paths meet with different stack states"

# The hosted build is position independent and may use jump tables.
$cc -O2 -fPIE -fjump-tables -fno-omit-frame-pointer \
	-c "$srctree/tests/objtool/jump_table.c" -o "$tmp/jump_table.o" &&
	"$objtool" check "$tmp/jump_table.o" >"$tmp/out" 2>&1 &&
	! grep -q warning "$tmp/out" &&
	"$objtool" dump "$tmp/jump_table.o" >"$tmp/dump" 2>/dev/null &&
	[ "$(grep -c 'jump_table_pick+.*call cfa=bp+16' "$tmp/dump")" -ge 8 ]
result $? "jump_table: every case of the switch is followed"

# object: static-calls adds the key symbol, so .symtab grows and moves
# after the sections that stay; orc's tables follow. The result must
# link, read back, and hold what the two steps would have written.
symtab_offset() {
	readelf -SW "$1" | sed -n 's/.* \.symtab  *SYMTAB  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p'
}
printf 'extern void __SCT__pvp_test_op(void);\nvoid call_op(void) { __SCT__pvp_test_op(); }\n' \
	>"$tmp/c_site.c"
$cc -O2 -g -fno-omit-frame-pointer -c "$tmp/c_site.c" -o "$tmp/c_site.o" &&
	cp "$tmp/c_site.o" "$tmp/c_site-object.o" && cp "$tmp/c_site.o" "$tmp/c_site-steps.o" &&
	"$objtool" object "$tmp/c_site-object.o" >"$tmp/out" 2>&1 &&
	"$objtool" static-calls "$tmp/c_site-steps.o" >>"$tmp/out" 2>&1 &&
	"$objtool" orc "$tmp/c_site-steps.o" >>"$tmp/out" 2>&1 &&
	[ "$(symtab_offset "$tmp/c_site.o")" != "$(symtab_offset "$tmp/c_site-object.o")" ] &&
	readelf -sW "$tmp/c_site-object.o" | grep -q " __SCK__pvp_test_op$" &&
	"$objtool" dump "$tmp/c_site-object.o" 2>&1 | grep -q "static call  call_op+.*key __SCK__pvp_test_op" &&
	ld -r -o "$tmp/c_site-linked.o" "$tmp/c_site-object.o" >>"$tmp/out" 2>&1 &&
	echo "$tmp/c_site-steps.o $tmp/c_site-object.o" |
		"$srctree/scripts/elf-sections-equal.py" >>"$tmp/out"
result $? "object: a grown .symtab moves; the object links and equals static-calls then orc"

# More sections than e_shnum holds (extended numbering: section 0 carries
# the counts), one function each: orc must write them back right, and
# in time (a search per section for its symbol was quadratic: 25 s).
awk 'BEGIN { for (i = 0; i < 65274; i++)
	printf "\t.section .text.f%d,\"ax\",@progbits\n\t.type f%d,@function\nf%d:\n\tret\n\t.size f%d,.-f%d\n",
		i, i, i, i, i }' >"$tmp/many.S"
$cc -c "$tmp/many.S" -o "$tmp/many.o" &&
	timeout 20 "$objtool" orc "$tmp/many.o" >"$tmp/out" 2>&1 &&
	readelf -hW "$tmp/many.o" >"$tmp/hdr" 2>>"$tmp/out" &&
	grep -q "Number of section headers: *0 (65285)" "$tmp/hdr" &&
	[ "$(readelf -rW "$tmp/many.o" 2>/dev/null | grep -c ' R_X86_64_PC32 .* f65273 + ')" -eq 2 ]
result $? "65,274 sections: orc writes extended section numbering and the last function's ORC relocations"
rm -f "$tmp/many.S" "$tmp/many.o"

# arm64 (issue 12's first step): static-calls records bl and b to a
# trampoline, checked with Capstone; an address taken is no site; a
# cbz to it, or a bl with an addend, is refused with a warning. Other
# steps refuse arm64 objects by name.
arm64_cc=${ARM64_CC:-aarch64-linux-gnu-gcc}
if ! command -v "$arm64_cc" >/dev/null 2>&1; then
	echo "ok $((n + 1)) - arm64 static-calls # SKIP no $arm64_cc"
	n=$((n + 1))
else
	cat >"$tmp/a64_sites.c" <<'EOF_C'
extern int __SCT__op(int);
extern void __SCT__tail(void);
int call_op(int x) { return __SCT__op(x) + 1; }
void tail_op(void) { __SCT__tail(); }
void *addr_op(void) { return (void *)__SCT__op; }
EOF_C
	printf '\t.text\n\t.globl odd_refs\nodd_refs:\n\tcbz x0, __SCT__op\n\tbl __SCT__op + 4\n\tret\n' \
		>"$tmp/a64_odd.S"
	"$arm64_cc" -O2 -c "$tmp/a64_sites.c" -o "$tmp/a64_sites.o" &&
		"$arm64_cc" -c "$tmp/a64_odd.S" -o "$tmp/a64_odd.o" &&
		"$objtool" static-calls --verbose "$tmp/a64_sites.o" >"$tmp/out" 2>&1 &&
		grep -q "call_op+0x[0-9a-f]*: bl __SCT__op$" "$tmp/out" &&
		grep -q "tail_op+0x0: b __SCT__tail$" "$tmp/out" &&
		grep -q "2 sites recorded, 0 already recorded, 0 references refused" "$tmp/out" &&
		[ "$(readelf -rW "$tmp/a64_sites.o" | grep -c 'R_AARCH64_PREL32.*__SCK__')" -eq 2 ] &&
		"$objtool" static-calls --verbose "$tmp/a64_sites.o" >"$tmp/out" 2>&1 &&
		grep -q "0 sites recorded, 2 already recorded" "$tmp/out" &&
		"$objtool" static-calls --verbose "$tmp/a64_odd.o" >"$tmp/out" 2>&1 &&
		[ "$(grep -c 'is not a bl or b to it: not a static call site' "$tmp/out")" -eq 2 ] &&
		grep -q "0 sites recorded, 0 already recorded, 2 references refused" "$tmp/out" &&
		! "$objtool" check "$tmp/a64_sites.o" >"$tmp/out" 2>&1 &&
		grep -q "an arm64 file: only static-calls reads arm64 so far" "$tmp/out"
	result $? "arm64 static-calls: bl and b recorded, R_AARCH64_PREL32 entries, cbz and addends refused"
fi

printf 'not an ELF file' >"$tmp/garbage.o"
"$objtool" check "$tmp/garbage.o" >"$tmp/out" 2>&1
[ $? -eq 1 ] && grep -q "garbage.o: " "$tmp/out"
result $? "garbage input: an error naming the file, exit status 1"

# Every object of both builds: 0 conflicts, 0 errors.
for dir in "$guest_dir/guest-obj" "$hosted_dir/hosted-obj"; do
	if [ ! -d "$dir" ]; then
		echo "ok $((n + 1)) # SKIP $dir: not built"
		n=$((n + 1))
		continue
	fi
	find "$dir" -name '*.o' | sort >"$tmp/list"
	count=$(wc -l <"$tmp/list")
	xargs "$objtool" check --quiet <"$tmp/list" >"$tmp/out" 2>&1
	status=$?
	[ "$count" -gt 0 ] && [ $status -eq 0 ] && [ ! -s "$tmp/out" ]
	result $? "$count objects in $dir: 0 conflicts, 0 errors"
done

echo "1..$n"
[ $failed -eq 0 ]
