/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 CPU primitives the arch-neutral code reaches through <asm/...>. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <stdbool.h>
#include <stdint.h>

#define read_sysreg(reg) ({						\
	uint64_t __val;							\
	__asm__ __volatile__("mrs %0, " #reg : "=r"(__val));		\
	__val;								\
})

#define write_sysreg(reg, val)						\
	__asm__ __volatile__("msr " #reg ", %x0" : : "rZ"((uint64_t)(val)))

/* The same for registers named by an encoding macro (asm/sysreg.h):
 * one more expansion before the name is turned into a string. */
#define read_sysreg_s(reg)		read_sysreg(reg)
#define write_sysreg_s(reg, val)	write_sysreg(reg, val)

/* Context synchronization (Arm ARM, "ISB"): later instructions see
 * the effect of earlier system register writes. */
static inline void isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

/* A spin-wait hint: YIELD lets an SMT sibling or the emulator's other
 * vCPU threads run (Arm ARM, "YIELD"). */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* PSTATE.I as the CPU has it (DAIF bit 7), for tests: on x86 the same
 * name reads the flag without a pvop site. */
static inline bool hw_irqs_enabled(void)
{
	return !(read_sysreg(daif) & (1UL << 7));
}

static inline void wfi(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
}

#endif
