// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-CPU calls. on_each_cpu() runs a function from an IPI handler on
 * every CPU; sync_all_cpus() uses it to make each CPU execute a
 * serializing instruction; run_on_all_cpus() hands a task to each CPU's
 * idle loop so that it runs with interrupts on, as a test case would.
 */
#include <stddef.h>
#include <asm/irqflags.h>
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>
#include <pvpatch/spinlock.h>
#include <pvpatch/text_poke.h>

static spinlock_t call_lock = SPINLOCK_INIT;

static void wait_for_slot(volatile struct cpu_call *slot)
{
	while (__atomic_load_n(&slot->fn, __ATOMIC_ACQUIRE))
		cpu_relax();
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
		apic_send_ipi(c->apic_id, VECTOR_IPI_CALL);
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

/* The two IPI vectors' handlers (LAPIC vectors, or Xen PV event channels). */
void smp_wake_interrupt(struct pt_regs *regs)
{
	this_cpu()->ipis_received++;
}

void smp_call_interrupt(struct pt_regs *regs)
{
	struct cpu *c = this_cpu();
	void (*fn)(void *) = c->ipi_call.fn;
	void *arg = c->ipi_call.arg;

	c->ipis_received++;
	if (fn) {
		fn(arg);
		/* Release: the caller may reuse the slot once it sees NULL. */
		__atomic_store_n(&c->ipi_call.fn, NULL, __ATOMIC_RELEASE);
	}
}

static void serialize_this_cpu(void *unused)
{
	serialize_cpu();
	this_cpu()->syncs++;
}

void sync_all_cpus(void)
{
	on_each_cpu(serialize_this_cpu, NULL, true);
}

/*
 * A held sync: every other CPU takes the IPI, serializes, runs the fixup
 * on the context it interrupted, then waits until the caller has run
 * while_held(). Callers hold the text lock, so one of these is enough.
 */
static struct {
	void (*fixup)(struct int3_regs *regs);
	unsigned int owner;
	unsigned int arrived;
	bool released;
} held_sync;

static void serialize_fix_up_and_wait(void *unused)
{
	struct pt_regs *r = this_cpu()->irq_regs;

	serialize_this_cpu(NULL);
	if (smp_processor_id() == held_sync.owner)
		return;
	if (r && held_sync.fixup) {
		struct int3_regs regs = {
			.ip = &r->rip, .sp = &r->rsp, .ax = &r->rax,
			.flags = &r->rflags,
		};

		held_sync.fixup(&regs);
	}
	__atomic_fetch_add(&held_sync.arrived, 1, __ATOMIC_ACQ_REL);
	while (!__atomic_load_n(&held_sync.released, __ATOMIC_ACQUIRE))
		cpu_relax();
	/* The caller may have written text while we waited. */
	serialize_cpu();
}

bool arch_sync_all_cpus_with(void (*fixup)(struct int3_regs *regs),
			     void (*while_held)(void *arg), void *arg)
{
	unsigned int others = num_online_cpus() - 1;

	held_sync.fixup = fixup;
	held_sync.owner = smp_processor_id();
	held_sync.arrived = 0;
	held_sync.released = false;
	on_each_cpu(serialize_fix_up_and_wait, NULL, false);
	while (__atomic_load_n(&held_sync.arrived, __ATOMIC_ACQUIRE) < others)
		cpu_relax();
	if (while_held)
		while_held(arg);
	__atomic_store_n(&held_sync.released, true, __ATOMIC_RELEASE);
	/* Every CPU has left the handler before the next sync reuses it. */
	for (unsigned int cpu = 0; cpu < num_online_cpus(); cpu++)
		wait_for_slot(&cpus[cpu].ipi_call);
	held_sync.fixup = NULL;
	return true;
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
		apic_send_ipi(c->apic_id, VECTOR_IPI_WAKE);
	}
	fn(arg);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (cpu != me)
			wait_for_slot(&cpus[cpu].task_call);
	}
}
