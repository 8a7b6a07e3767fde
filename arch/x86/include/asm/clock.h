/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The free-running counter arch-neutral code (the smp suite) waits on:
 * the TSC on x86-64, at the rate apic.c calibrated (or the hypervisor
 * said); 0 kHz when unknown.
 */
#ifndef ASM_CLOCK_H
#define ASM_CLOCK_H

#include <stdint.h>
#include <asm/apic.h>
#include <asm/processor.h>

static inline uint64_t clock_counter(void)
{
	return rdtsc();
}

static inline uint64_t clock_counter_khz(void)
{
	return tsc_khz();
}

#endif
