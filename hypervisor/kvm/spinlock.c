// SPDX-License-Identifier: GPL-2.0
/*
 * PV spinlock support (cpuid.rst, KVM_FEATURE_PV_UNHALT): a waiter halts
 * instead of spinning, and whoever releases what it waits for wakes it
 * with the KVM_HC_KICK_CPU hypercall (hypercalls.rst 5: a0 flags, zero;
 * a1 the APIC ID of the vCPU to wake) rather than an IPI.
 *
 * pv_wait(ptr, value) semantics:
 *  - it returns at once if *ptr != value; otherwise it halts until a
 *    kick, an interrupt or another wake-up. It may return spuriously:
 *    callers re-check their condition and call again.
 *  - interrupts on at entry: the check and the halt run with interrupts
 *    off and the halt is "sti; hlt" (one-instruction STI shadow), so an
 *    interrupt that arrives after the check ends the halt instead of
 *    being taken before it; it is handled before pv_wait returns, with
 *    interrupts on as at entry.
 *  - interrupts off at entry: they stay off. The halt ends only on a
 *    kick (or NMI); pending interrupts are taken when the caller turns
 *    interrupts back on.
 *  - a kick that lands between the check and the halt is not lost: KVM
 *    keeps it pending and the next halt of that vCPU returns at once.
 */
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/pvops_backend.h>
#include "kvm.h"

void kvm_kick(unsigned int cpu)
{
	kvm_hypercall2(KVM_HC_KICK_CPU, 0, cpus[cpu].apic_id);
}

void kvm_wait(volatile uint8_t *ptr, uint8_t value)
{
	if (!irqs_disabled()) {
		local_irq_disable();
		if (*ptr == value)
			safe_halt();
		else
			local_irq_enable();
	} else if (*ptr == value) {
		halt();
	}
}

/* hypercalls.rst 7: a0 is the APIC ID of the vCPU to yield to. */
bool kvm_sched_yield(unsigned int cpu)
{
	if (!(kvm_features_used() & KVM_BIT(KVM_FEATURE_PV_SCHED_YIELD)) ||
	    cpu >= CONFIG_NR_CPUS)
		return false;
	kvm_hypercall2(KVM_HC_SCHED_YIELD, cpus[cpu].apic_id, 0);
	return true;
}

void pv_spinlock_select(void)
{
	static_call_update(pv_kick, kvm_kick);
	static_call_update(pv_wait, kvm_wait);
	pvops_note_target(PVOP_kick, "kvm_kick");
	pvops_note_target(PVOP_wait, "kvm_wait");
}
