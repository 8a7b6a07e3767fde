// SPDX-License-Identifier: GPL-2.0
/*
 * PV TLB flush (cpuid.rst, KVM_FEATURE_PV_TLB_FLUSH). A flush IPI to a
 * vCPU the host has preempted would wait until the host runs it again.
 * Instead, we set KVM_VCPU_FLUSH_TLB in its steal time area's preempted
 * byte; the host, when it next runs that vCPU, swaps the byte to zero
 * and flushes the vCPU's TLB before it executes a guest instruction.
 * Running vCPUs get a flush request and an IPI on a vector of our own,
 * so that we reach exactly the CPUs in the mask (on_each_cpu() would
 * interrupt the preempted ones too).
 */
#include <asm/irqflags.h>
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/pvops_backend.h>
#include <pvpatch/smp.h>
#include "kvm.h"

struct kvm_tlb_stats kvm_tlb_stats;

/* Per CPU: requests counted up by senders, and the last request count a
 * flush of this CPU has covered. Only the owner writes `done`. */
struct flush_mailbox {
	uint64_t requested;
	uint64_t done;
} __aligned(64);

static struct flush_mailbox mailboxes[CONFIG_NR_CPUS];

static void count(uint64_t *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static void flush_this_cpu(void)
{
	write_cr3(read_cr3());	/* drops every non-global translation */
}

/*
 * Interrupts off, so the handler and a sender waiting on this CPU never
 * interleave and store an older count over a newer one. The count is
 * read before the flush: everything asked up to it is covered by it.
 */
static void serve_flush_requests(void)
{
	struct flush_mailbox *mb = &mailboxes[this_cpu()->id];
	unsigned long flags = local_irq_save();
	uint64_t requested = __atomic_load_n(&mb->requested, __ATOMIC_ACQUIRE);

	if (requested != mb->done) {
		flush_this_cpu();
		__atomic_store_n(&mb->done, requested, __ATOMIC_RELEASE);
	}
	local_irq_restore(flags);
}

void kvm_flush_tlb_interrupt(struct pt_regs *regs)
{
	serve_flush_requests();
}

/*
 * Only a vCPU the host marked preempted may be left to the host. The
 * compare-and-exchange fails if the host ran the vCPU since we looked
 * (it swapped the byte to zero): then it gets an IPI like the others.
 * The locked instruction also orders our page table writes before the
 * host's read of the flag.
 */
bool kvm_flush_leave_to_host(struct kvm_steal_time *steal)
{
	uint8_t *preempted = &steal->preempted;
	uint8_t state = __atomic_load_n(preempted, __ATOMIC_RELAXED);

	if (!(state & KVM_VCPU_PREEMPTED))
		return false;
	return __atomic_compare_exchange_n(preempted, &state,
					   state | KVM_VCPU_FLUSH_TLB, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

static bool in_mask(const uint64_t *cpumask, unsigned int cpu)
{
	return !cpumask || (cpumask[cpu / 64] >> (cpu % 64)) & 1;
}

/*
 * Flush the TLBs of the CPUs in cpumask (NULL: all online CPUs), the
 * caller's included when it is in the mask, and return when each one is
 * flushed or will be before it runs again. The range is not used: every
 * flush is a full one, as in the native backend. While waiting, the
 * caller serves requests aimed at itself, so two CPUs flushing each
 * other with interrupts off do not wait for each other forever.
 */
void kvm_flush_tlb_multi(const uint64_t *cpumask, uintptr_t start,
			 uintptr_t end)
{
	unsigned int me = this_cpu()->id, n = num_online_cpus();
	uint64_t tickets[CONFIG_NR_CPUS] = { 0 };

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (!in_mask(cpumask, cpu))
			continue;
		if (cpu == me) {
			flush_this_cpu();
			count(&kvm_tlb_stats.local);
		} else if (kvm_flush_leave_to_host(&kvm_cpu_areas[cpu].steal)) {
			count(&kvm_tlb_stats.deferred);
		} else {
			tickets[cpu] = __atomic_add_fetch(&mailboxes[cpu].requested, 1,
							  __ATOMIC_ACQ_REL);
			apic_send_ipi(cpus[cpu].apic_id, VECTOR_KVM_FLUSH_TLB);
			count(&kvm_tlb_stats.ipis);
		}
	}
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		while (tickets[cpu] &&
		       __atomic_load_n(&mailboxes[cpu].done, __ATOMIC_ACQUIRE) < tickets[cpu]) {
			serve_flush_requests();
			cpu_relax();
		}
	}
}

void pv_tlb_flush_select(void)
{
	set_irq_handler(VECTOR_KVM_FLUSH_TLB, kvm_flush_tlb_interrupt);
	static_call_update(pv_flush_tlb_multi, kvm_flush_tlb_multi);
	pvops_note_target(PVOP_flush_tlb_multi, "kvm_flush_tlb_multi");
}
