# SPDX-License-Identifier: GPL-2.0
#
# pvpatch: one Makefile for every target.
#
#   make run          build and boot the guest (TCG, 4 CPUs): KTAP and summary
#   make check        everything CI checks (hosted tests, guest suites, KVM smoke)
#   make check-xen    the guest as a Xen PVH/PV domU started by xl (slow; dom0 cached)
#   make bench        benchmark tables: hosted (native) and guest (TCG, ratios)
#   make fuzz         fuzz objtool with libFuzzer for FUZZ_TIME seconds (60)
#   make defconfig    $(ARCH)_defconfig into $(O)/.config  (also: make hosted_defconfig)
#   make menuconfig / olddefconfig
#   make              build what $(O)/.config selects (guest image or hosted tests)
#
#   ARCH=x86_64|arm64 the guest's architecture (default x86_64); arm64 cross-builds
#                     with CROSS_COMPILE (default aarch64-linux-gnu-)
#   O=DIR             build directory (default build/$(ARCH)); sources are never written
#   V=1               show full commands
#   CC=clang          build with clang instead of gcc

srctree := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ARCH ?= x86_64
ifeq ($(ARCH),x86_64)
SRCARCH := x86
else ifeq ($(ARCH),arm64)
SRCARCH := arm64
CROSS_COMPILE ?= aarch64-linux-gnu-
else
$(error ARCH=$(ARCH): expected x86_64 or arm64)
endif
O ?= build/$(ARCH)
BUILD_ROOT := $(patsubst %/,%,$(dir $(O)))
obj := $(abspath $(O))

PYTHON := /usr/bin/python3
KCONFIG := KCONFIG_CONFIG=$(obj)/.config srctree=$(srctree) $(PYTHON) $(srctree)/scripts/kconfig.py

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-8s%s\n'
endif

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

# "make hosted_defconfig all": a make reads the configuration when it
# starts, so configuring and building in one make would build with the old
# one. Run such goals one by one, each in a make of its own.
config-goals := $(filter %defconfig menuconfig olddefconfig,$(MAKECMDGOALS))
mixed-goals := $(if $(config-goals),$(filter-out $(config-goals),$(MAKECMDGOALS)))

ifneq ($(mixed-goals),)
$(firstword $(MAKECMDGOALS)): sequential-goals
$(filter-out $(firstword $(MAKECMDGOALS)),$(MAKECMDGOALS)): sequential-goals
	@:
sequential-goals:
	$(Q)set -e; for goal in $(MAKECMDGOALS); do \
		$(MAKE) -f $(srctree)/Makefile O=$(O) $$goal; done
.PHONY: sequential-goals $(MAKECMDGOALS)
else

# Goals that must not need (or regenerate) a configuration.
no-config-goals := %defconfig menuconfig olddefconfig clean distclean help deps run check bench arm64-image \
	fuzz objtool-fuzzer xen-tools check-xen xen-pv-image linux-kernel linux-modules check-linux
config-needed := $(if $(MAKECMDGOALS),$(filter-out $(no-config-goals),$(MAKECMDGOALS)),all)
config-needed := $(foreach g,$(config-needed),$(if $(filter $(no-config-goals),$(g)),,$(g)))

# ---------------------------------------------------------------- configuration

$(obj)/.config:
	$(Q)mkdir -p $(obj)
	$(quiet) DEFCONF $(ARCH)_defconfig
	$(Q)$(KCONFIG) defconfig $(srctree)/configs/$(ARCH)_defconfig >/dev/null

defconfig: $(ARCH)_defconfig
%_defconfig: deps
	$(Q)mkdir -p $(obj)
	$(Q)$(KCONFIG) defconfig $(srctree)/configs/$@

olddefconfig: deps
	$(Q)$(KCONFIG) olddefconfig

menuconfig: deps
	$(Q)mkdir -p $(obj)
	$(Q)test -f $(obj)/.config || $(KCONFIG) defconfig $(srctree)/configs/$(ARCH)_defconfig >/dev/null
	$(Q)$(KCONFIG) menuconfig

$(obj)/include/config/auto.conf $(obj)/include/generated/autoconf.h: $(obj)/.config $(srctree)/Kconfig
	$(Q)mkdir -p $(obj)/include/config $(obj)/include/generated
	$(quiet) GEN $(O)/include/generated/autoconf.h
	$(Q)$(KCONFIG) genconfig $(obj)/include/generated/autoconf.h $(obj)/include/config/auto.conf

# Not -include: a .config that kconfig refuses must stop the build, not
# leave it to build without one.
ifneq ($(config-needed),)
include $(obj)/include/config/auto.conf
# The configuration names its architecture; ARCH= must agree with it.
# (Checked once it has been read: make reads it again after generating it.)
config-arch := $(if $(CONFIG_ARCH_ARM64),arm64,x86_64)
ifneq ($(CONFIG_PLATFORM_GUEST)$(CONFIG_PLATFORM_HOSTED),)
ifneq ($(config-arch),$(ARCH))
$(error $(O)/.config is for $(config-arch) but ARCH=$(ARCH); use make ARCH=$(config-arch) or another O=)
endif
endif
endif

# ---------------------------------------------------------------- flags

CC ?= cc
ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
# Before the flags below run CC: a missing or broken one stops here, in
# one line that names it.
ifneq ($(config-needed)$(filter xen-tools,$(MAKECMDGOALS)),)
cc-problem := $(shell $(srctree)/scripts/cc-check.sh $(CC))
ifneq ($(cc-problem),)
$(error CC=$(CC): $(cc-problem); set CC to a C compiler (gcc, clang))
endif
endif
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
cc-is-clang := $(findstring clang,$(shell $(CC) --version 2>/dev/null | head -n 1))

WARNINGS := -Wall -Wextra -Werror -Wno-unused-parameter -Wmissing-prototypes -Wstrict-prototypes
COMMON_CFLAGS := -std=gnu11 -O2 -g $(WARNINGS) -fno-strict-aliasing -fno-common \
	-fno-omit-frame-pointer -MMD -MP \
	-I$(srctree)/include -I$(obj)/include \
	-include $(obj)/include/generated/autoconf.h

ifeq ($(ARCH),x86_64)
# Freestanding x86-64 kernel code: no red zone (interrupts push onto the
# current stack), no SSE (we never save FPU state), identity mapped below
# 2 GiB so the small code model and absolute 32-bit addresses work.
ARCH_CFLAGS := -I$(obj)/include/xen-public \
	-mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-avx -mcmodel=small
else
# Freestanding arm64 kernel code: general registers only (we never save
# FP/SIMD state), no out-of-line atomics (they live in libgcc, which the
# guest does not link), no unaligned accesses (with the MMU off every data
# access is Device memory, where they fault: Arm ARM, "Alignment support"), no
# pointer authentication or BTI landing pads (not enabled).
ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mstrict-align \
	-mbranch-protection=none -mcmodel=small
endif
GUEST_CFLAGS := $(COMMON_CFLAGS) $(KCFLAGS) -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-I$(srctree)/guest/include -I$(srctree)/arch/$(SRCARCH)/include $(ARCH_CFLAGS) \
	-fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -mno-omit-leaf-frame-pointer -fno-jump-tables
GUEST_ASFLAGS := $(GUEST_CFLAGS) -D__ASSEMBLY__
GUEST_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack \
	--no-warn-rwx-segments --build-id=none

HOSTED_CFLAGS := $(COMMON_CFLAGS) -mno-red-zone -pthread -D_GNU_SOURCE -I$(srctree)/platform/hosted/include \
	-I$(srctree)/arch/x86/include
HOSTED_LDFLAGS := -pthread

# ---------------------------------------------------------------- sources

# Files that are the same in the guest and in the hosted build.
portable-srcs := $(patsubst $(srctree)/%,%,$(sort $(wildcard $(srctree)/guest/ktest*.c))) \
	guest/glob.c guest/bootargs.c guest/page_alloc.c guest/sort.c guest/fdt.c
# The patching engine: the same sources in the guest and hosted.
engine-srcs := $(patsubst $(srctree)/%,%,$(sort $(wildcard $(srctree)/alternatives/*.c))) \
	arch/x86/text_poke_bp.c arch/x86/static_call.c arch/x86/alternative.c \
	arch/x86/nops.c arch/x86/cpufeature.c
hosted-engine-srcs := $(engine-srcs)

ifeq ($(CONFIG_ARCH_HAS_PATCHING),y)
guest-srcs := $(sort $(wildcard $(srctree)/arch/x86/*.c $(srctree)/arch/x86/*.S \
	$(srctree)/arch/x86/xen/*.c $(srctree)/arch/x86/xen/*.S \
	$(srctree)/alternatives/*.c $(srctree)/guest/*.c $(srctree)/tests/guest/*.c \
	$(srctree)/tests/guest/*.S $(srctree)/tests/common/*.c \
	$(srctree)/pvops/*.c $(srctree)/hypervisor/*.c $(srctree)/hypervisor/*/*.c \
	$(filter-out %_hosted.c,$(wildcard $(srctree)/unwind/*.c)) \
	$(filter-out $(if $(CONFIG_BENCH),,%/bench_updates.c),$(wildcard $(srctree)/bench/*.c))))
guest-srcs := $(filter-out %.lds.S,$(patsubst $(srctree)/%,%,$(guest-srcs)))
# The Xen PV boot path (CONFIG_XEN_PV) and its tests: only in the PV image,
# where they replace the files that write page tables directly. Its arch
# code is arch/x86/xen/pv_*, its pvops backend hypervisor/xen/pv_*.
xen-pv-srcs := $(filter arch/x86/xen/pv_% hypervisor/xen/pv_% tests/guest/test_xen_pv%,$(guest-srcs))
xen-pv-replaced := arch/x86/text_poke.c arch/x86/smp.c arch/x86/apic.c arch/x86/paging.c
guest-srcs := $(filter-out $(if $(CONFIG_XEN_PV),$(xen-pv-replaced),$(xen-pv-srcs)),$(guest-srcs))
else
# An arch with alternatives but not the rest of the patching layer yet
# (arm64, issue 11): its own code (alternatives' arch part and their
# suite included), the arch-neutral alternatives walk, the arch-neutral
# guest, and the suites that need neither static calls nor a hosted
# platform (smp: CPUs, ticks and cross-CPU calls). Static calls, pvops,
# the hypervisor backends, ORC and their suites come with the arch's
# support for them.
portable-test-srcs := tests/guest/ktest_selftest.c tests/guest/test_smp.c \
	tests/hosted/test_glob.c tests/hosted/test_fdt.c
guest-srcs := $(sort $(wildcard $(srctree)/arch/$(SRCARCH)/*.c $(srctree)/arch/$(SRCARCH)/*.S \
	$(srctree)/guest/*.c))
guest-srcs := $(filter-out %.lds.S,$(patsubst $(srctree)/%,%,$(guest-srcs))) $(portable-test-srcs) \
	$(if $(CONFIG_ARCH_HAS_ALTERNATIVES),alternatives/alternative.c)
endif
guest-objs := $(patsubst %,$(obj)/guest-obj/%.o,$(basename $(guest-srcs)))

hosted-srcs := $(portable-srcs) $(hosted-engine-srcs) $(patsubst $(srctree)/%,%,$(sort $(wildcard \
	$(srctree)/platform/hosted/*.c $(srctree)/tests/hosted/*.c $(srctree)/tests/common/*.c \
	$(filter-out %_guest.c,$(wildcard $(srctree)/unwind/*.c)) \
	$(if $(CONFIG_BENCH),$(srctree)/bench/*.c))))
hosted-objs := $(patsubst %,$(obj)/hosted-obj/%.o,$(basename $(hosted-srcs)))

GUEST_IMAGE := $(obj)/pvpatch.elf
HOSTED_TESTS := $(obj)/pvpatch-hosted-tests

# arm64: the flat Image QEMU's -kernel loads as Linux's (arch/arm64/head.S
# starts with the Image header), beside the ELF the symbolizer reads.
ARM64_FLAT_IMAGE := $(if $(CONFIG_ARCH_ARM64),$(obj)/Image)

ifeq ($(CONFIG_PLATFORM_GUEST),y)
all: $(GUEST_IMAGE) $(ARM64_FLAT_IMAGE)
else ifeq ($(CONFIG_PLATFORM_HOSTED),y)
all: $(HOSTED_TESTS)
else
all:
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(O) $(obj)/include/config/auto.conf
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(O) all
endif

# Xen's public headers come from Debian's libxen-dev, reached through a
# directory that holds only them, so the freestanding guest never sees libc.
$(obj)/include/xen-public/xen:
	$(Q)mkdir -p $(dir $@)
	$(Q)test -d /usr/include/xen || { echo "make: /usr/include/xen missing; run scripts/deps.sh as root (libxen-dev)" >&2; exit 1; }
	$(Q)ln -sfn /usr/include/xen $@

guest-prereqs := $(obj)/include/generated/autoconf.h \
	$(if $(CONFIG_ARCH_X86_64),$(obj)/include/xen-public/xen)

# objtool (x86-64, Zydis) records static call sites and ORC per object.
# It decodes x86 only: arm64 objects skip it until arm64 has objtool
# (issue 12, Capstone) and the patching layer that needs its tables.
ifeq ($(CONFIG_ARCH_HAS_PATCHING),y)
define objtool-object
$(quiet) OBJTOOL $@
$(Q)$(OBJTOOL) object $@
endef
define objtool-image
$(quiet) OBJTOOL $@
$(Q)$(OBJTOOL) alt-relocs $@
$(Q)$(OBJTOOL) orc-sort $@
endef
OBJTOOL_DEP = $(OBJTOOL)
endif

# arm64 has no objtool yet: the guest relocates moved arms itself at boot,
# and the linked image's arms are checked here for what it would refuse
# (a literal load, an arm of another length), so the build stops first.
ifeq ($(CONFIG_ARCH_ARM64),y)
ARCH_IMAGE_CHECK := $(srctree)/scripts/check-arm64-alternatives.py
define arch-image-check
$(Q)$(PYTHON) $(ARCH_IMAGE_CHECK) $@
endef
endif

# Test and benchmark code: its pvop sites are recorded as test sites and
# do not count as the kernel's own (arch/x86/include/asm/irqflags.h).
$(obj)/guest-obj/tests/%.o $(obj)/guest-obj/bench/%.o: TEST_CODE_CFLAGS := -DPVPATCH_TEST_CODE

$(obj)/guest-obj/%.o: $(srctree)/%.c $(guest-prereqs)
	$(Q)mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(GUEST_CFLAGS) $(TEST_CODE_CFLAGS) -c $< -o $@
	$(objtool-object)

$(obj)/guest-obj/%.o: $(srctree)/%.S $(guest-prereqs)
	$(Q)mkdir -p $(dir $@)
	$(quiet) AS $<
	$(Q)$(CC) $(GUEST_ASFLAGS) $(TEST_CODE_CFLAGS) -c $< -o $@
	$(objtool-object)

$(obj)/guest.lds: $(srctree)/arch/$(SRCARCH)/guest.lds.S $(guest-prereqs)
	$(quiet) LDS $@
	$(Q)$(CC) -E -P -x c -D__ASSEMBLY__ -D__LINKER__ $(filter -I% -include %autoconf.h,$(GUEST_CFLAGS)) \
		-include $(obj)/include/generated/autoconf.h $< -o $@

# objtool: a host program (libelf). The guest keeps its link-time
# relocations (--emit-relocs) so objtool can fill the alternatives
# relocation table in place.
OBJTOOL := $(obj)/tools/objtool
objtool-srcs := $(sort $(filter-out %/fuzz_objtool.c,$(wildcard $(srctree)/tools/objtool/*.c)))
OBJTOOL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wmissing-prototypes \
	-Wstrict-prototypes -fno-strict-aliasing -fno-common -I$(srctree)/include

$(OBJTOOL): $(objtool-srcs) $(wildcard $(srctree)/tools/objtool/*.h) $(srctree)/include/pvpatch/alt_relocs.h
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTLD $@
	$(Q)$(CC) $(OBJTOOL_CFLAGS) $(objtool-srcs) -o $@ -lelf -lZydis -lcapstone

# objtool's libFuzzer target: the objtool sources but main.c, and
# fuzz_objtool.c, built with clang whatever CC is.
OBJTOOL_FUZZER := $(obj)/tools/fuzz_objtool
FUZZ_TIME ?= 60

$(OBJTOOL_FUZZER): $(objtool-srcs) $(srctree)/tools/objtool/fuzz_objtool.c $(wildcard $(srctree)/tools/objtool/*.h)
	$(Q)mkdir -p $(dir $@)
	$(quiet) FUZZLD $@
	$(Q)clang $(filter-out -O2,$(OBJTOOL_CFLAGS)) -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(filter-out %/main.c,$(objtool-srcs)) \
		$(srctree)/tools/objtool/fuzz_objtool.c -o $@ -lelf -lZydis -lcapstone

objtool-fuzzer: $(OBJTOOL_FUZZER)

# make fuzz [FUZZ_TIME=seconds]: fuzz objtool for that long (default 60).
fuzz: $(OBJTOOL_FUZZER)
	$(Q)$(srctree)/scripts/fuzz-objtool.sh $(OBJTOOL_FUZZER) $(FUZZ_TIME)

# pvwait: runs in the dom0 of pvrun's Xen domU path (tools/xen/). Built
# against the host's libxen-dev, the same Debian version as the dom0's Xen
# libraries (scripts/xen-dom0.sh pins those to the hypervisor's).
PVWAIT := $(obj)/tools/xen/pvwait
pvwait-srcs := $(sort $(wildcard $(srctree)/tools/xen/*.c))

$(PVWAIT): $(pvwait-srcs) $(wildcard $(srctree)/tools/xen/*.h)
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTLD $@
	$(Q)$(CC) $(filter-out -I%,$(OBJTOOL_CFLAGS)) $(pvwait-srcs) -o $@ -lxenctrl -lxenstore

xen-tools: $(PVWAIT)

# Every object records its plain C static call sites and gets its ORC
# unwind tables (objtool object: static-calls and orc in one read and
# one write, in the compile rules above; the link sorts the tables with
# orc-sort). A new objtool rebuilds every object: tables from an older
# one would be stale.
$(guest-objs) $(hosted-objs): $(OBJTOOL_DEP)

$(GUEST_IMAGE): $(guest-objs) $(obj)/guest.lds $(OBJTOOL_DEP) $(ARCH_IMAGE_CHECK)
	$(quiet) LD $@
	$(Q)$(LD) $(GUEST_LDFLAGS) --emit-relocs -T $(obj)/guest.lds -o $@ $(guest-objs)
	$(objtool-image)
	$(arch-image-check)

$(obj)/Image: $(GUEST_IMAGE)
	$(quiet) OBJCOPY $@
	$(Q)$(OBJCOPY) -O binary $< $@

$(obj)/hosted-obj/%.o: $(srctree)/%.c $(obj)/include/generated/autoconf.h
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTCC $<
	$(Q)$(CC) $(HOSTED_CFLAGS) -c $< -o $@
	$(Q)$(OBJTOOL) static-calls $@
	$(quiet) OBJTOOL $@
	$(Q)$(OBJTOOL) orc $@

$(HOSTED_TESTS): $(hosted-objs) $(OBJTOOL)
	$(quiet) LINK $@
	$(Q)$(CC) $(HOSTED_LDFLAGS) -Wl,--emit-relocs -o $@ $(hosted-objs)
	$(quiet) OBJTOOL $@
	$(Q)$(OBJTOOL) alt-relocs $@
	$(Q)$(OBJTOOL) orc-sort $@

-include $(shell find $(obj) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- run / check

deps:
	$(Q)$(srctree)/scripts/deps.sh

GUEST_O := $(O)
HOSTED_O := $(BUILD_ROOT)/hosted
RUN_TESTS := $(srctree)/tools/run-tests

guest-build: deps
	$(Q)test -f $(GUEST_O)/.config || $(MAKE) -f $(srctree)/Makefile O=$(GUEST_O) $(ARCH)_defconfig >/dev/null
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(GUEST_O) all

hosted-build: deps
	$(Q)test -f $(HOSTED_O)/.config || $(MAKE) -f $(srctree)/Makefile O=$(HOSTED_O) hosted_defconfig >/dev/null
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(HOSTED_O) all

ifeq ($(ARCH),arm64)
run: guest-build
	$(Q)$(RUN_TESTS) --group run-arm64 --arm64-image $(GUEST_O)/pvpatch.elf
else
run: guest-build
	$(Q)$(RUN_TESTS) --group run --image $(GUEST_O)/pvpatch.elf
endif

BENCH_O := $(BUILD_ROOT)/x86_64-bench

bench: hosted-build xen-pv-image
	$(Q)test -f $(BENCH_O)/.config || $(MAKE) -f $(srctree)/Makefile O=$(BENCH_O) x86_64_bench_defconfig >/dev/null
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(BENCH_O) all
	$(Q)$(srctree)/scripts/bench.sh $(BENCH_O)/pvpatch.elf $(HOSTED_O) $(XEN_PV_O)/pvpatch.elf

# The Xen PV image (x86_64_xen_defconfig): the check's xen-pv-dom0 run.
XEN_PV_O := $(BUILD_ROOT)/x86_64-xen

xen-pv-image: deps
	$(Q)test -f $(XEN_PV_O)/.config || $(MAKE) -f $(srctree)/Makefile O=$(XEN_PV_O) x86_64_xen_defconfig >/dev/null
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(XEN_PV_O) all

# The arm64 image (arm64_defconfig): the check's arm64 rows.
ARM64_O := $(BUILD_ROOT)/arm64

arm64-image: deps
	$(Q)test -f $(ARM64_O)/.config || $(MAKE) -f $(srctree)/Makefile ARCH=arm64 O=$(ARM64_O) arm64_defconfig >/dev/null
	$(Q)$(MAKE) -f $(srctree)/Makefile ARCH=arm64 O=$(ARM64_O) all

ifneq ($(ARCH),x86_64)
check:
	$(error make check builds and runs every architecture's images itself; run it without ARCH=)
else
check: guest-build hosted-build xen-pv-image arm64-image
	$(Q)$(RUN_TESTS) --group check --image $(GUEST_O)/pvpatch.elf --hosted-dir $(HOSTED_O) \
		--xen-pv-image $(XEN_PV_O)/pvpatch.elf --arm64-image $(ARM64_O)/pvpatch.elf
endif

# The Xen domU paths: the guest image as a PVH domU, the Xen PV image as a
# PV domU (SKIPs while an image has no Xen PV entry). Xen and a Debian dom0
# in TCG, ~20-60 s per run, so not part of check. The dom0 is built once
# and cached (scripts/xen-dom0.sh, needs root).
check-xen: guest-build xen-pv-image
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(GUEST_O) xen-tools
	$(Q)$(srctree)/scripts/xen-dom0.sh
	$(Q)$(srctree)/scripts/check-xen.sh $(GUEST_O)/pvpatch.elf $(XEN_PV_O)/pvpatch.elf

# Linux guests. The KUnit kernel (Linux 6.1 from linux-source-6.1 and
# configs/linux-kunit.config) is built once and cached outside the clone
# (scripts/linux-kunit.sh); the modules of tests/linux/ and pvinit, the
# /init that loads them, are built against it here.
LINUX_O := $(BUILD_ROOT)/linux
LINUX_KUNIT_DIR = $(shell $(srctree)/scripts/linux-kunit.sh --print-dir)
linux-module-srcs := $(wildcard $(srctree)/tests/linux/*.[ch] $(srctree)/tests/linux/Kbuild)

linux-kernel: deps
	$(Q)$(srctree)/scripts/linux-kunit.sh

$(LINUX_O)/pvinit: $(srctree)/tools/linux/pvinit.c
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTLD $@
	$(Q)$(CC) $(filter-out -I%,$(OBJTOOL_CFLAGS)) -static $< -o $@

# Kbuild writes its objects beside the sources: build a copy, so the
# source tree is never written.
linux-modules: linux-kernel $(LINUX_O)/pvinit
	$(Q)mkdir -p $(LINUX_O)/modules
	$(Q)cp $(linux-module-srcs) $(LINUX_O)/modules/
	$(quiet) KBUILD $(LINUX_O)/modules
	$(Q)$(MAKE) -s -C $(LINUX_KUNIT_DIR)/build M=$(abspath $(LINUX_O)/modules) modules

# The Linux rows of the test table: TCG -smp 1 and 4, Xen PV dom0, and Xen
# PV and PVH domU through the cached Debian dom0.
check-linux: linux-modules
	$(Q)$(srctree)/scripts/xen-dom0.sh
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(GUEST_O) xen-tools
	$(Q)$(RUN_TESTS) --group check-linux

clean:
	$(Q)rm -rf $(obj)/guest-obj $(obj)/hosted-obj $(GUEST_IMAGE) $(obj)/Image $(HOSTED_TESTS) $(obj)/guest.lds

distclean:
	$(Q)rm -rf build

help:
	@sed -n '3,19p' $(srctree)/Makefile | sed 's/^# \{0,1\}//'

.PHONY: all defconfig olddefconfig menuconfig deps run check bench guest-build hosted-build clean distclean help arm64-image \
	fuzz objtool-fuzzer xen-tools check-xen xen-pv-image linux-kernel linux-modules check-linux

endif # mixed-goals
