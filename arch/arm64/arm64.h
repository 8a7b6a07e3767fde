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

/* MPIDR_EL1's affinity fields (Aff3 39:32, Aff2..Aff0 23:0): what the
 * device tree's cpu reg holds. */
#define MPIDR_AFFINITY_MASK	0xff00ffffffULL

/* PSCI (psci.c): function IDs (SMC64 where they take an address) and
 * return codes, Arm DEN 0022. */
#define PSCI_CPU_ON_64		0xc4000003u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
int64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
const char *psci_error_name(int64_t ret);

/* The generic timer (timer.c): the virtual counter and its rate, the
 * per-CPU tick on the virtual timer's PPI. */
extern uint32_t arm64_timer_intid;
uint64_t arm64_counter(void);
uint64_t arm64_counter_hz(void);
void arm64_timer_init(void);
void arm64_timer_start_cpu(void);
void timer_interrupt(void);


#endif
