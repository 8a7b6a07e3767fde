#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the Xen dom0 that tools/pvrun's domU path boots: a Debian 12
# (bookworm) minbase root with the Xen toolstack (xl, xenstored,
# xenconsoled) at exactly the version of the installed hypervisor, and
# Debian's generic kernel (the cloud kernel has no dom0 support), packed
# as one initramfs.
#
# usage: scripts/xen-dom0.sh [--force] [--print-dir] [OUTDIR]
#
#   OUTDIR       cache root (default: $PVPATCH_CACHE/xen-dom0, see
#                scripts/cache-dir.sh; outside the clone, shared by all)
#   --force      rebuild even if the cached dom0 is complete
#   --print-dir  only print the directory the current versions map to
#
# The result lives in OUTDIR/<key>/, the key naming the package versions
# it was built from, and OUTDIR/current points at it:
#   xen         the hypervisor, gunzipped (QEMU's multiboot loader
#               cannot inflate it)
#   vmlinuz     dom0 kernel
#   dom0.cpio.gz  the root; its /init is supplied per run (tools/pvrun
#               appends a second cpio with /init, the helper and the job)
#   versions    "name version" lines; pvrun checks them before a run
#
# Building takes a few minutes (debootstrap plus ~60 MB of packages) and
# needs root (debootstrap, chroot) and the Debian mirror; after that
# nothing touches the network.
set -eu

FORMAT=2                # bump when the layout or content of the result changes
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
HYPERVISOR_PKG=xen-hypervisor-4.17-amd64
HYPERVISOR_GZ=/boot/xen-4.17-amd64.gz

force=0
print_dir=0
outroot=
for arg in "$@"; do
	case "$arg" in
	--force) force=1 ;;
	--print-dir) print_dir=1 ;;
	-h|--help) sed -n '3,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "xen-dom0: unknown option $arg" >&2; exit 2 ;;
	*) [ -z "$outroot" ] || { echo "xen-dom0: one OUTDIR only" >&2; exit 2; }
	   outroot=$arg ;;
	esac
done
srctree=$(cd "$(dirname "$0")/.." && pwd)
. "$srctree/scripts/cache-dir.sh"
outroot=${outroot:-$(pvpatch_cache_dir)/xen-dom0}

die() { echo "xen-dom0: $*" >&2; exit 1; }

start=$(date +%s)
step_no=0
step() {
	step_no=$((step_no + 1))
	printf 'xen-dom0: [%d/8 %4ss] %s\n' "$step_no" "$(($(date +%s) - start))" "$*"
}

pkg_version() {
	dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true
}

# The candidate version of a package for the dom0, as the host's apt sees
# the same bookworm + bookworm-security mirrors.
candidate_version() {
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -v '(none)' || true
}

xen_version=$(pkg_version "$HYPERVISOR_PKG")
if [ -z "$xen_version" ] || [ ! -f "$HYPERVISOR_GZ" ]; then
	die "$HYPERVISOR_PKG is not installed ($HYPERVISOR_GZ); run scripts/deps.sh as root"
fi
linux_version=$(candidate_version linux-image-amd64)
[ -n "$linux_version" ] ||
	die "apt knows no linux-image-amd64 version; run apt-get update"

key="xen-$xen_version-linux-$linux_version-f$FORMAT"
dir=$outroot/$key
if [ "$print_dir" = 1 ]; then
	echo "$dir"
	exit 0
fi

# One build at a time (two make check-xen at once would race on $dir).
mkdir -p "$outroot"
exec 9>"$outroot/.lock"
if ! flock -n 9; then
	echo "xen-dom0: waiting for another build of the dom0 to finish"
	flock 9
fi

if [ "$force" = 0 ] && [ -f "$dir/versions" ]; then
	ln -sfn "$key" "$outroot/current"
	echo "xen-dom0: up to date: $dir"
	exit 0
fi

[ "$(id -u)" = 0 ] || die "building the dom0 needs root (debootstrap, chroot); run as root"
for tool in debootstrap cpio gzip chroot; do
	command -v "$tool" >/dev/null || die "$tool not found; run scripts/deps.sh as root"
done

work=$outroot/tmp.$$
root=$work/root
cleanup() {
	for m in proc sys dev/pts dev; do
		mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work"

step "debootstrap $SUITE (minbase) from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
	tail -n 20 "$work/debootstrap.log" >&2
	die "debootstrap failed (log above)"
}

step "configure apt: security updates, no docs/locales, no service starts, no initrd"
cat >"$root/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
cat >"$root/etc/dpkg/dpkg.cfg.d/01-pvpatch-small" <<'EOF'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
path-exclude=/lib/firmware/*
EOF
# Package scripts must not try to start daemons in the chroot.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
# The kernel's install hook would build an initrd we never use (our root
# is the initramfs): divert update-initramfs to a no-op.
chroot "$root" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs
printf '#!/bin/sh\nexit 0\n' >"$root/usr/sbin/update-initramfs"
chmod 755 "$root/usr/sbin/update-initramfs"
mount -t proc proc "$root/proc"

step "apt-get install xen-utils-4.17=$xen_version linux-image-amd64=$linux_version"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
chroot "$root" apt-get update -qq >"$work/apt.log" 2>&1 || {
	tail -n 20 "$work/apt.log" >&2; die "apt-get update in the dom0 root failed"; }
# Every Xen library at the hypervisor's version: xl and the hypervisor
# must agree on the domctl/sysctl interface versions.
xen_pkgs="xen-utils-4.17 xen-utils-common xenstore-utils libxenmisc4.17 libxenstore4
	libxencall1 libxenevtchn1 libxenforeignmemory1 libxengnttab1 libxentoollog1
	libxenhypfs1 libxendevicemodel1 libxentoolcore1"
pins=
for p in $xen_pkgs; do pins="$pins $p=$xen_version"; done
# shellcheck disable=SC2086
chroot "$root" apt-get install -y -q --no-install-recommends $pins \
	"linux-image-amd64=$linux_version" initramfs-tools >>"$work/apt.log" 2>&1 || {
	tail -n 30 "$work/apt.log" >&2; die "apt-get install in the dom0 root failed"; }
got=$(chroot "$root" dpkg-query -W -f="\${Version}" xen-utils-4.17)
[ "$got" = "$xen_version" ] ||
	die "dom0 got xen-utils-4.17 $got, the hypervisor is $xen_version"
umount "$root/proc"

step "take out the kernel and the hypervisor"
mkdir -p "$work/out"
kernel=
for f in "$root"/boot/vmlinuz-*; do [ -f "$f" ] && kernel=$f; done
[ -n "$kernel" ] || die "no kernel in the dom0 root's /boot"
kver=${kernel##*/vmlinuz-}
cp "$kernel" "$work/out/vmlinuz"
gzip -dc "$HYPERVISOR_GZ" >"$work/out/xen"
rm -rf "${root:?}"/boot/* "$root"/vmlinuz* "$root"/initrd.img*

step "prune: modules other than Xen's, apt caches, docs, locales, python, perl, hwdb"
moddir=$root/lib/modules/$kver
# dom0 needs xenfs, evtchn, privcmd, gntdev/gntalloc (all in drivers/xen);
# no disks or network are given to the domU, so no backends.
find "$moddir/kernel" -name '*.ko*' ! -path '*/drivers/xen/*' -delete
find "$moddir/kernel" -type d -empty -delete
chroot "$root" depmod "$kver"
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/log/* \
	"$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
	"$root"/usr/share/locale/* "$root"/usr/share/i18n "$root"/usr/share/zoneinfo \
	"$root"/var/cache/debconf/*-old "$root"/usr/lib/x86_64-linux-gnu/gconv
# Nothing the dom0 runs needs these: xl, xenstored and xenconsoled are C
# (python serves pygrub, perl serves debconf), and udev never runs.
rm -rf "$root"/usr/lib/python3* "$root"/usr/bin/python3* "$root"/usr/bin/perl* \
	"$root"/usr/share/perl5 "$root"/usr/lib/x86_64-linux-gnu/perl-base \
	"$root"/usr/lib/udev/hwdb.bin "$root"/usr/lib/udev/hwdb.d \
	"$root"/var/lib/dpkg/info/*.md5sums
mkdir -p "$root/var/log/xen/console" "$root/var/run/xen" "$root/var/lib/xen"

step "pack the root as an initramfs"
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 >"$work/out/dom0.cpio.gz"

step "record versions"
{
	echo "format $FORMAT"
	echo "xen-hypervisor $xen_version"
	echo "xen-utils $got"
	echo "linux-image-amd64 $(chroot "$root" dpkg-query -W -f="\${Version}" linux-image-amd64)"
	echo "kernel $kver"
	echo "root-size-kib $(du -sk "$root" | cut -f1)"
} >"$work/out/versions"

step "install into $dir"
rm -rf "$dir"
mkdir -p "$outroot"
mv "$work/out" "$dir"
ln -sfn "$key" "$outroot/current"
# Older keys are stale (other package versions or format): drop them.
for old in "$outroot"/xen-*; do
	[ "$old" = "$dir" ] || rm -rf "$old"
done
printf 'xen-dom0: done in %ss: %s (dom0.cpio.gz %s KiB, root %s KiB)\n' \
	"$(($(date +%s) - start))" "$dir" "$(du -k "$dir/dom0.cpio.gz" | cut -f1)" \
	"$(sed -n 's/^root-size-kib //p' "$dir/versions")"
