// SPDX-License-Identifier: GPL-2.0
/*
 * x86's part of the cross-CPU calls (guest/smp_call.c): IPIs through the
 * local APIC (or, in a Xen PV guest, event channels behind the same
 * apic_send_ipi()), CPUID as the serializing instruction of a sync, and
 * the held sync of live patching.
 */
#include <stddef.h>
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/smp.h>
#include <pvpatch/text_poke.h>

/* APIC writes are not reordered before earlier stores (x86 TSO). */
void arch_send_ipi(unsigned int cpu, enum smp_ipi ipi)
{
	apic_send_ipi(cpus[cpu].apic_id,
		      ipi == SMP_IPI_CALL ? VECTOR_IPI_CALL : VECTOR_IPI_WAKE);
}

/* The two IPI vectors' handlers (LAPIC vectors, or Xen PV event channels). */
void smp_wake_interrupt(struct pt_regs *regs)
{
	smp_handle_wake_ipi();
}

void smp_call_interrupt(struct pt_regs *regs)
{
	smp_handle_call_ipi();
}

void arch_sync_this_cpu(void)
{
	serialize_cpu();
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

	smp_sync_this_cpu(NULL);
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
		smp_wait_for_call(cpu);
	held_sync.fixup = NULL;
	return true;
}
