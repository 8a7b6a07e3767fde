/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data on arm64. TPIDR_EL1, a register the architecture leaves
 * to software (Arm ARM, "TPIDR_EL1, EL1 Software Thread ID Register"),
 * holds this CPU's struct cpu from its first instruction in head.S on:
 * this_cpu() is one MRS, as x86's is one %gs-relative load.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

/* head.S loads the stack from here with the MMU on. */
#define CPU_STACK_TOP_OFFSET	16

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu_call {
	void (*fn)(void *arg);
	void *arg;
};

struct cpu {
	unsigned int id;
	bool online;
	uintptr_t stack_bottom, stack_top;
	uint64_t mpidr;			/* affinity fields, as the device tree's reg */
	uint32_t gic_v2_target;		/* GICv2: this CPU interface's bit in GICD_SGIR */
	/* Timer and IPI bookkeeping (timer.c, smp_call.c). */
	volatile uint64_t timer_ticks;
	volatile uint64_t ipis_received;
	volatile uint64_t syncs;
	/* Work handed over by on_each_cpu() / run_on_all_cpus(). */
	volatile struct cpu_call ipi_call;
	volatile struct cpu_call task_call;
} __attribute__((aligned(64)));

_Static_assert(offsetof(struct cpu, stack_top) == CPU_STACK_TOP_OFFSET, "head.S reads it");

extern struct cpu cpus[];

/* The id the interrupt controller knows the CPU by: its MPIDR affinity. */
static inline uint64_t cpu_hw_id(const struct cpu *c)
{
	return c->mpidr;
}

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(c));
	return c;
}
#endif

#endif
