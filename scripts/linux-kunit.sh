#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the Linux 6.1 KUnit kernel that pvpatch's Linux guests boot:
# Debian's linux-source-6.1 on `make tinyconfig` plus the fragment
# configs/linux-kunit.config (KUnit, serial console, PARAVIRT, KVM guest,
# Xen PV/PVH guest and dom0, ORC), cached outside the clone.
#
# usage: scripts/linux-kunit.sh [--force] [--print-dir] [CACHEDIR]
#
#   CACHEDIR     cache root (default: $PVPATCH_CACHE/linux-kunit, with
#                PVPATCH_CACHE defaulting to /var/cache/pvpatch as root and
#                ~/.cache/pvpatch otherwise)
#   --force      rebuild even if the cached kernel is complete
#   --print-dir  only print the directory the current inputs map to
#
# The result lives in CACHEDIR/<key>/, the key naming the source package
# version, the fragment's hash, the compiler and this script's format, and
# CACHEDIR/current points at it:
#   bzImage     the kernel (boots under QEMU, as Xen PV/PVH dom0 and domU)
#   vmlinux     the same kernel unstripped, for symbols
#   build/      the configured and built tree: out-of-tree modules
#               (tests/linux/) are built against it with M=
#   versions    "name value" lines
#
# The first build takes about 10 minutes on 2 cores; a second run with the
# same inputs prints "up to date" and takes well under a second.
set -eu

FORMAT=1                # bump when the layout or content of the result changes
SOURCE_PKG=linux-source-6.1
SOURCE_TAR=/usr/src/linux-source-6.1.tar.xz

force=0
print_dir=0
cacheroot=
for arg in "$@"; do
	case "$arg" in
	--force) force=1 ;;
	--print-dir) print_dir=1 ;;
	-h|--help) sed -n '3,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "linux-kunit: unknown option $arg" >&2; exit 2 ;;
	*) [ -z "$cacheroot" ] || { echo "linux-kunit: one CACHEDIR only" >&2; exit 2; }
	   cacheroot=$arg ;;
	esac
done
srctree=$(cd "$(dirname "$0")/.." && pwd)
fragment=$srctree/configs/linux-kunit.config
. "$srctree/scripts/cache-dir.sh"
cacheroot=${cacheroot:-$(pvpatch_cache_dir)/linux-kunit}

die() { echo "linux-kunit: $*" >&2; exit 1; }

source_version=$(dpkg-query -W -f='${Version}' "$SOURCE_PKG" 2>/dev/null || true)
if [ -z "$source_version" ] || [ ! -f "$SOURCE_TAR" ]; then
	die "$SOURCE_PKG is not installed ($SOURCE_TAR); run scripts/deps.sh as root"
fi
[ -f "$fragment" ] || die "config fragment missing: $fragment"
CC=${CC:-gcc}
cc_version=$("$CC" -dumpfullversion 2>/dev/null) || die "compiler '$CC' does not run"
fragment_hash=$(sha256sum "$fragment" | cut -c1-12)
key="linux-$source_version-cfg-$fragment_hash-$(basename "$CC")-$cc_version-f$FORMAT"
dir=$cacheroot/$key
if [ "$print_dir" = 1 ]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$cacheroot" || die "cannot create the cache directory $cacheroot"
exec 9>"$cacheroot/.lock"
if ! flock -n 9; then
	echo "linux-kunit: waiting for another build of the kernel to finish"
	flock 9
fi

if [ "$force" = 0 ] && [ -f "$dir/versions" ]; then
	ln -sfn "$key" "$cacheroot/current"
	echo "linux-kunit: up to date: $dir"
	exit 0
fi

for tool in make tar xz flex bison bc "$CC"; do
	command -v "$tool" >/dev/null || die "$tool not found; run scripts/deps.sh as root"
done

start=$(date +%s)
step_no=0
step() {
	step_no=$((step_no + 1))
	printf 'linux-kunit: [%d/5 %4ss] %s\n' "$step_no" "$(($(date +%s) - start))" "$*"
}

work=$cacheroot/tmp.$$
progress_pid=
cleanup() {
	[ -z "$progress_pid" ] || kill "$progress_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work"
tree=$work/build

step "unpack $SOURCE_TAR ($SOURCE_PKG $source_version)"
mkdir -p "$tree"
tar -xf "$SOURCE_TAR" -C "$tree" --strip-components=1

step "configure: tinyconfig + configs/linux-kunit.config"
kmake() { make -C "$tree" CC="$CC" "$@"; }
kmake -s tinyconfig >"$work/config.log" 2>&1 || { tail -n 20 "$work/config.log" >&2; die "tinyconfig failed"; }
"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" "$fragment" \
	>>"$work/config.log" 2>&1 || { tail -n 20 "$work/config.log" >&2; die "merging the fragment failed"; }
kmake -s olddefconfig >>"$work/config.log" 2>&1 || { tail -n 20 "$work/config.log" >&2; die "olddefconfig failed"; }
# Every option of the fragment must have survived the dependency checks.
missing=$(grep -E '^CONFIG_' "$fragment" | while read -r line; do
	grep -qxF "$line" "$tree/.config" || echo "  $line"
done)
[ -z "$missing" ] || die "options of the fragment lost to their dependencies:
$missing"

jobs=$(($(nproc) + 1))
step "make -j$jobs bzImage modules (progress every 30 s)"
(
	while sleep 30; do
		printf 'linux-kunit:        %4ss: %s objects built\n' "$(($(date +%s) - start))" \
			"$(find "$tree" -name '*.o' -newer "$tree/.config" 2>/dev/null | wc -l)"
	done
) &
progress_pid=$!
kmake -j"$jobs" bzImage modules >"$work/build.log" 2>&1 || {
	tail -n 30 "$work/build.log" >&2; die "the kernel build failed (log above)"; }
kill "$progress_pid" 2>/dev/null || true
progress_pid=

step "collect the image"
release=$(kmake -s kernelrelease)
mkdir -p "$work/out"
cp "$tree/arch/x86/boot/bzImage" "$tree/vmlinux" "$work/out/"
{
	echo "format $FORMAT"
	echo "source $SOURCE_PKG $source_version"
	echo "fragment-sha256 $fragment_hash"
	echo "compiler $CC $cc_version"
	echo "kernelrelease $release"
	echo "build-seconds $(($(date +%s) - start))"
} >"$work/out/versions"

step "install into $dir"
rm -rf "$dir"
mv "$work/out" "$dir"
mv "$tree" "$dir/build"
# Objects are no longer needed for M= module builds; keep what they need.
find "$dir/build" -name '*.o' ! -path '*/scripts/*' ! -path '*/tools/*' -delete
ln -sfn "$key" "$cacheroot/current"
# Older keys are stale (other inputs or format): drop them.
for old in "$cacheroot"/linux-*; do
	[ "$old" = "$dir" ] || rm -rf "$old"
done
printf 'linux-kunit: done in %ss: %s (Linux %s)\n' "$(($(date +%s) - start))" "$dir" "$release"
