/* SPDX-License-Identifier: GPL-2.0 */
/* What the arm64 arch files share among themselves. */
#ifndef ARCH_ARM64_H
#define ARCH_ARM64_H

#include <stdint.h>
#include <pvpatch/fdt.h>

/* What the device tree said (setup.c). */
extern struct fdt_info arm64_fdt;

/* entry.S: an A64 semihosting call; SEMIHOST_UNAVAILABLE when QEMU was
 * started without -semihosting (the HLT trapped, traps.c). */
#define SEMIHOST_UNAVAILABLE	(~0ULL)
uint64_t semihost_call(uint64_t op, uint64_t arg);
extern const uint32_t semihost_trap_insn[];

/* The PL011 (console.c). */
void pl011_init(uint64_t base);

#endif
