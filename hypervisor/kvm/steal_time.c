// SPDX-License-Identifier: GPL-2.0
/*
 * Steal time (msr.rst, MSR_KVM_STEAL_TIME): the host counts, per vCPU,
 * the nanoseconds the vCPU was runnable but another task ran on its
 * physical CPU. pv_steal_clock(cpu) reads any CPU's counter; the
 * preempted byte of the same area serves PV TLB flush (tlb.c).
 */
#include <string.h>
#include <asm/processor.h>
#include <pvpatch/pvops_backend.h>
#include "kvm.h"

/* msr.rst: version is a sequence counter, odd while being updated. */
uint64_t kvm_steal_clock(unsigned int cpu)
{
	const volatile struct kvm_steal_time *st;
	uint32_t version;
	uint64_t steal;

	if (cpu >= CONFIG_NR_CPUS)
		return 0;
	st = &kvm_cpu_areas[cpu].steal;
	do {
		version = st->version;
		barrier();
		steal = st->steal;
		barrier();
	} while ((version & 1) || version != st->version);
	return steal;
}

/*
 * msr.rst: the area must be zeroed before registration. The host records
 * the first reading before the vCPU next enters the guest; an MSR that
 * does not read back what we wrote was not taken.
 */
bool steal_time_init_cpu(unsigned int cpu)
{
	volatile struct kvm_steal_time *st = &kvm_cpu_areas[cpu].steal;
	uint64_t value = (uintptr_t)st | KVM_MSR_ENABLED;

	memset((void *)st, 0, sizeof(*st));
	wrmsr(MSR_KVM_STEAL_TIME, value);
	if (rdmsr(MSR_KVM_STEAL_TIME) == value)
		return true;
	wrmsr(MSR_KVM_STEAL_TIME, 0);
	return false;
}

void steal_time_select(void)
{
	static_call_update(pv_steal_clock, kvm_steal_clock);
	pvops_note_target(PVOP_steal_clock, "kvm_steal_clock");
}
