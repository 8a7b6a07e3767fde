// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-CPU calls, the same on every arch (include/pvpatch/smp.h).
 * on_each_cpu() runs a function from an IPI handler on every other CPU
 * and, interrupts off, on the caller; sync_all_cpus() uses it to make
 * each CPU execute what the arch requires before it may run
 * cross-modified code; run_on_all_cpus() hands a task to each CPU's idle
 * loop so that it runs with interrupts on, as a test case would.
 */
#include <stddef.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>
#include <pvpatch/spinlock.h>

static spinlock_t call_lock = SPINLOCK_INIT;

static void wait_for_slot(volatile struct cpu_call *slot)
{
	while (__atomic_load_n(&slot->fn, __ATOMIC_ACQUIRE))
		cpu_relax();
}

void smp_wait_for_call(unsigned int cpu)
{
	wait_for_slot(&cpus[cpu].ipi_call);
}

/* The caller's release store publishes arg with fn; the IPI follows. */
static void hand_over(unsigned int cpu, volatile struct cpu_call *slot,
		      void (*fn)(void *arg), void *arg, enum smp_ipi ipi)
{
	wait_for_slot(slot);	/* an earlier call without wait */
	slot->arg = arg;
	__atomic_store_n(&slot->fn, fn, __ATOMIC_RELEASE);
	arch_send_ipi(cpu, ipi);
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
		if (cpu != me)
			hand_over(cpu, &cpus[cpu].ipi_call, fn, arg, SMP_IPI_CALL);
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

void smp_handle_wake_ipi(void)
{
	this_cpu()->ipis_received++;
}

void smp_handle_call_ipi(void)
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

void smp_sync_this_cpu(void *unused)
{
	arch_sync_this_cpu();
	this_cpu()->syncs++;
}

/* The release store that frees each CPU's slot is its acknowledgement. */
void sync_all_cpus(void)
{
	on_each_cpu(smp_sync_this_cpu, NULL, true);
}

void run_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	unsigned int me = smp_processor_id();
	unsigned int n = num_online_cpus();

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (cpu != me)
			hand_over(cpu, &cpus[cpu].task_call, fn, arg, SMP_IPI_WAKE);
	}
	fn(arg);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (cpu != me)
			wait_for_slot(&cpus[cpu].task_call);
	}
}
