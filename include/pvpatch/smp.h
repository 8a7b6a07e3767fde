/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_SMP_H
#define PVPATCH_SMP_H

#include <stdbool.h>

unsigned int smp_processor_id(void);
unsigned int num_online_cpus(void);

/*
 * Run fn(arg) on every online CPU, the caller's included, from the IPI
 * handler (interrupts off) on the others. With wait, return only after
 * every CPU has finished fn.
 */
void on_each_cpu(void (*fn)(void *arg), void *arg, bool wait);

/*
 * Make every online CPU execute a serializing instruction, and return
 * only after all of them have. This is the "sync" of cross-modifying
 * code: after it, no CPU can still execute stale prefetched bytes.
 */
void sync_all_cpus(void);

/*
 * Run fn(arg) on every online CPU at once in task context (interrupts
 * on, may take a long time, may longjmp back into the task), and
 * return when all have returned. This is how ktest runs per-CPU cases.
 */
void run_on_all_cpus(void (*fn)(void *arg), void *arg);

/*
 * Have hook(cpu) called on every secondary CPU as it comes up (its
 * per-CPU pointer, %gs or TPIDR_EL1, its tables and interrupt
 * controller set up, not yet online): what the
 * chosen pvops backend registers per vCPU. Set before the other CPUs
 * start (pvops_select()): the arch calls up into nobody by name.
 */
void smp_set_cpu_online_hook(void (*hook)(unsigned int cpu));

/*
 * The cross-CPU calls above (guest/smp_call.c) are one protocol on every
 * arch: a slot per CPU (struct cpu's ipi_call and task_call), filled
 * with a release store, taken by an IPI handler, freed with a release
 * store that is also the acknowledgement. The arch sends the IPIs and
 * says what a CPU executes to be synchronized with cross-modified code.
 */
enum smp_ipi {
	SMP_IPI_CALL,		/* run the CPU's ipi_call in the handler */
	SMP_IPI_WAKE,		/* wake its idle loop for its task_call */
};

/* Interrupt @cpu; every store before the call is visible to its handler. */
void arch_send_ipi(unsigned int cpu, enum smp_ipi ipi);

/* This CPU's side of sync_all_cpus(). */
void arch_sync_this_cpu(void);

/* What the arch's IPI handlers do for each kind. */
void smp_handle_call_ipi(void);
void smp_handle_wake_ipi(void);

/* sync_all_cpus()'s work on one CPU, counted in its syncs. */
void smp_sync_this_cpu(void *unused);

/* Until @cpu's handler has finished the call it was handed. */
void smp_wait_for_call(unsigned int cpu);

#endif
