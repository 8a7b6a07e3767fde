/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data on arm64. One CPU is online until the PSCI bring-up of
 * issue 11 lands, so the CPU number is the boot CPU's.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <stdint.h>

struct cpu {
	unsigned int id;
	uintptr_t stack_bottom, stack_top;
};

extern struct cpu cpus[];

static inline struct cpu *this_cpu(void)
{
	return &cpus[0];
}

#endif
