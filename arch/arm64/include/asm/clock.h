/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The free-running counter arch-neutral code (the smp suite) waits on:
 * the generic timer's virtual count, CNTVCT_EL0, at CNTFRQ_EL0 (Arm ARM,
 * "The Generic Timer in AArch64 state"). The ISB keeps the read after
 * the instructions before it, which it may otherwise overtake
 * ("CNTVCT_EL0, Counter-timer Virtual Count register").
 */
#ifndef ASM_CLOCK_H
#define ASM_CLOCK_H

#include <stdint.h>
#include <asm/processor.h>

static inline uint64_t clock_counter(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline uint64_t clock_counter_khz(void)
{
	return read_sysreg(cntfrq_el0) / 1000;
}

#endif
