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


/* The text alias (memory.c): page and page + 4 KiB mapped writable and
 * never executable at ARM64_TEXT_ALIAS, until unmapped. */
#define ARM64_TEXT_ALIAS	0x7fc0000000UL	/* level 1 slot 511 */
void arm64_text_alias_map(uint64_t page);
void arm64_text_alias_unmap(void);

/* A capability (asm/cpufeatures.h) by the name the boot log gives it
 * (cpufeature.c), or -1. */
int arm64_cap_by_name(const char *name);

/* Alternatives (alternative.c), for their tests: the first literal load
 * of insns[0..nr) (its index in *bad, -1 returned), else 0; and one
 * instruction of an arm [arm_start, arm_end) moved from `from` to `to`
 * (NULL, or why it cannot be). */
int arm64_alt_check_insns(const uint32_t *insns, unsigned int nr, unsigned int *bad);
const char *arm64_alt_relocate(uint32_t insn, uint64_t from, uint64_t to,
			       uint64_t arm_start, uint64_t arm_end, uint32_t *out);

#endif
