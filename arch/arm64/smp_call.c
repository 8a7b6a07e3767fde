// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-CPU calls through SGIs, with x86's semantics (arch/x86/smp_call.c):
 * on_each_cpu() runs a function in the SGI_CALL handler of every other
 * CPU and, interrupts off, on the caller; sync_all_cpus() uses it to
 * make every CPU execute an ISB and acknowledge; run_on_all_cpus() hands
 * a task to each CPU's idle loop (SGI_WAKE), where it runs with
 * interrupts on, as a test case does.
 */
#include <stddef.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>
#include <pvpatch/spinlock.h>
#include "arm64.h"
#include "gic.h"

static spinlock_t call_lock = SPINLOCK_INIT;

static void wait_for_slot(volatile struct cpu_call *slot)
{
	while (__atomic_load_n(&slot->fn, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/*
 * The slots written above must be visible to the target before it can
 * take the SGI. A GICv3 SGI is a write to ICC_SGI1R_EL1, a System
 * register, not a memory access: a DMB orders memory accesses only,
 * while a DSB lets no later instruction execute until every earlier
 * store has completed (Arm ARM, "Data Synchronization Barrier (DSB)").
 * A GICv2 SGI is a Device store (GICD_SGIR), for which a DMB would do;
 * one DSB ISH, the domain every CPU here shares, serves both.
 */
static void send_ipi(const struct cpu *target, uint32_t sgi)
{
	__asm__ __volatile__("dsb ish" ::: "memory");
	gic->send_sgi(target, sgi);
}

void on_each_cpu(void (*fn)(void *arg), void *arg, bool wait)
{
	unsigned int me = smp_processor_id();
	unsigned int n = num_online_cpus();

	/* Two CPUs each waiting, interrupts off, for the other to take
	 * its IPI would never finish. */
	if (n > 1 && irqs_disabled())
		panic("on_each_cpu called with interrupts disabled");
	spin_lock(&call_lock);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		struct cpu *c = &cpus[cpu];

		if (cpu == me)
			continue;
		wait_for_slot(&c->ipi_call);	/* an earlier call without wait */
		c->ipi_call.arg = arg;
		__atomic_store_n(&c->ipi_call.fn, fn, __ATOMIC_RELEASE);
		send_ipi(c, SGI_CALL);
	}
	unsigned long flags = local_irq_save();

	fn(arg);
	local_irq_restore(flags);
	if (wait) {
		for (unsigned int cpu = 0; cpu < n; cpu++)
			wait_for_slot(&cpus[cpu].ipi_call);
	}
	spin_unlock(&call_lock);
}

void smp_wake_interrupt(void)
{
	this_cpu()->ipis_received++;
}

void smp_call_interrupt(void)
{
	struct cpu *c = this_cpu();
	void (*fn)(void *) = __atomic_load_n(&c->ipi_call.fn, __ATOMIC_ACQUIRE);
	void *arg = c->ipi_call.arg;

	c->ipis_received++;
	if (fn) {
		fn(arg);
		/* Release: the caller may reuse the slot once it sees NULL,
		 * and sees everything fn did. */
		__atomic_store_n(&c->ipi_call.fn, NULL, __ATOMIC_RELEASE);
	}
}

/*
 * The sync of cross-modifying code: after the writer's cache maintenance
 * (DC CVAU, DSB ISH, IC IVAU, DSB ISH), each other CPU must execute a
 * context synchronization event before it may run the new instructions
 * without risk of stale ones (Arm ARM, "Concurrent modification and
 * execution of instructions"). The ISB is one ("Context synchronization
 * event"), and so is the exception return that ends the SGI handler.
 * The release store that frees the slot is the acknowledgement: the
 * caller returns only once every CPU's has come.
 */
static void isb_this_cpu(void *unused)
{
	isb();
	this_cpu()->syncs++;
}

void sync_all_cpus(void)
{
	on_each_cpu(isb_this_cpu, NULL, true);
}

void run_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	unsigned int me = smp_processor_id();
	unsigned int n = num_online_cpus();

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		struct cpu *c = &cpus[cpu];

		if (cpu == me)
			continue;
		wait_for_slot(&c->task_call);
		c->task_call.arg = arg;
		__atomic_store_n(&c->task_call.fn, fn, __ATOMIC_RELEASE);
		send_ipi(c, SGI_WAKE);
	}
	fn(arg);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (cpu != me)
			wait_for_slot(&cpus[cpu].task_call);
	}
}
