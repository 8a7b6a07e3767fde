#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian 12 packages that pvpatch's build, run and tests need.
# Silent when everything is present; installs what is missing when run as
# root; otherwise names what is missing and exits non-zero.
#
# Why each package is here is written in README.md ("Dependencies").
set -eu

PACKAGES="
make gcc clang binutils libc6-dev
python3 python3-kconfiglib libelf-dev libzydis-dev libcapstone-dev
libclang-rt-14-dev
qemu-system-x86
gcc-aarch64-linux-gnu qemu-system-arm
gnuplot-nox
libxen-dev
debootstrap cpio
xen-hypervisor-4.17-amd64
linux-source-6.1 bc flex bison libssl-dev
"

missing=""
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run 'sudo scripts/deps.sh' (or: sudo apt-get install$missing)" >&2
	exit 1
fi

echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists; an old list may name versions the
# mirror no longer has. Update once, then install.
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
