/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt masking on arm64: PSTATE.{D,A,I,F} through the DAIF register.
 * Only I (IRQ) and F (FIQ) are toggled; the flags word is DAIF itself.
 * Not pvop sites yet (issue 11: the irq ops as combined sites come with
 * arm64's patching layer).
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>

#define DAIF_I	(1UL << 7)
#define DAIF_F	(1UL << 6)

static inline unsigned long local_irq_save(void)
{
	unsigned long flags;

	/* The memory clobber keeps the critical section's accesses after
	 * the mask, as a compiler barrier. MSR DAIFSet writes PSTATE
	 * directly and the instructions after it run masked without an ISB
	 * (Arm ARM, "MSR (immediate)" and "Process state, PSTATE"). */
	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #3"
			     : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(flags) : "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #3" ::: "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #3" ::: "memory");
}

static inline bool irqs_disabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif" : "=r"(flags) : : "memory");
	return flags & DAIF_I;
}

static inline bool irqs_disabled_flags(unsigned long flags)
{
	return flags & DAIF_I;
}

#endif
