/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KVM pvops backend: what its files share, and what the tests may
 * look at. One file per mechanism:
 *   backend.c     detection, feature choice, per-CPU registration, log
 *   hypercall.c   whether the host takes our hypercall instruction
 *   kvmclock.c    pv_sched_clock from the pvclock area
 *   steal_time.c  pv_steal_clock from the steal time area
 *   spinlock.c    pv_kick / pv_wait (PV unhalt), kvm_sched_yield()
 *   tlb.c         pv_flush_tlb_multi, deferring preempted vCPUs
 *   pv_eoi.c      the PV EOI area (registered only: see there)
 */
#ifndef HYPERVISOR_KVM_H
#define HYPERVISOR_KVM_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/traps.h>
#include <pvpatch/compiler.h>
#include <pvpatch/hypervisor.h>
#include "kvm_para.h"

#define KVM_BIT(feature)	(1U << (feature))

/*
 * The memory each vCPU shares with the host, one slot per CPU in .bss:
 * the guest is identity mapped, so a slot's address is the guest-physical
 * address the MSRs take. 128 bytes divide a page, so the 32-byte clock
 * never straddles a page, and the steal time area is 64-byte aligned as
 * msr.rst requires.
 */
struct kvm_cpu_area {
	struct pvclock_vcpu_time_info clock;
	uint32_t pv_eoi;	/* bit 0: the host says EOI may be skipped */
	uint8_t pad[28];
	struct kvm_steal_time steal;
} __aligned(64);

extern struct kvm_cpu_area kvm_cpu_areas[CONFIG_NR_CPUS];

/*
 * Read KVM's leaves through cpuid_fn: false unless the signature at
 * 0x40000000 is KVM's and its feature leaf exists; else *features is
 * CPUID 0x40000001 EAX.
 */
bool kvm_cpuid_features_of(cpuid_fn_t cpuid_fn, uint32_t *features);

/* KVM_BIT(KVM_FEATURE_*) masks: what CPUID offered, what we use. Zero
 * unless the KVM backend was selected. */
uint32_t kvm_features_offered(void);
uint32_t kvm_features_used(void);

/*
 * Make one harmless hypercall, protected: true if it returned. False if
 * the host faulted it (it tried to rewrite the instruction in our
 * read-only text); then nothing may make hypercalls.
 */
bool kvm_hypercall_probe(void);
/* After select(): true when a mechanism needed hypercalls and the probe
 * failed, so that mechanism is not used. */
bool kvm_hypercalls_refused(void);

/* Per mechanism: register this CPU's area (false if the host did not
 * take it) and point the keys, on the boot CPU from select(). */
bool kvmclock_init_cpu(unsigned int cpu);
void kvmclock_select(void);
bool kvmclock_stable(void);
uint64_t kvm_sched_clock(void);

bool steal_time_init_cpu(unsigned int cpu);
void steal_time_select(void);
uint64_t kvm_steal_clock(unsigned int cpu);

bool pv_eoi_init_cpu(unsigned int cpu);

void pv_spinlock_select(void);
void kvm_kick(unsigned int cpu);
void kvm_wait(volatile uint8_t *ptr, uint8_t value);
/*
 * KVM_HC_SCHED_YIELD: give this vCPU's time to `cpu`'s vCPU, which we
 * are waiting for (e.g. it holds a lock, or must answer an IPI) and
 * which the host has preempted. False when the host does not offer it.
 */
bool kvm_sched_yield(unsigned int cpu);

void pv_tlb_flush_select(void);
void kvm_flush_tlb_multi(const uint64_t *cpumask, uintptr_t start,
			 uintptr_t end);
/*
 * The flush's choice for the vCPU that owns `steal`: true when the host
 * has it preempted and now holds our request to flush it before it runs
 * again (no IPI needed), false when it must be sent an IPI.
 */
bool kvm_flush_leave_to_host(struct kvm_steal_time *steal);

/* PV TLB flush requests arrive on VECTOR_KVM_FLUSH_TLB (asm/traps.h);
 * pv_tlb_flush_select() installs this handler for them. */
void kvm_flush_tlb_interrupt(struct pt_regs *regs);

struct kvm_tlb_stats {
	uint64_t local;		/* flushes of the caller's own TLB */
	uint64_t ipis;		/* remote CPUs asked by IPI */
	uint64_t deferred;	/* preempted: the host flushes at next run */
};
extern struct kvm_tlb_stats kvm_tlb_stats;

#endif
