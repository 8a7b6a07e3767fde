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

#endif
