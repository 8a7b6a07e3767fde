// SPDX-License-Identifier: GPL-2.0
/*
 * kvmclock (msr.rst, MSR_KVM_SYSTEM_TIME_NEW): the host keeps, per vCPU,
 * a TSC timestamp, the nanoseconds at that timestamp and the TSC-to-ns
 * scale. pv_sched_clock extrapolates from them, so it is right across
 * TSC rate changes and migration, where the boot-calibrated native clock
 * is not.
 */
#include <string.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/pvops_backend.h>
#include "kvm.h"

/*
 * Monotonic on each CPU. Across CPUs only when the host says the TSC is
 * stable (kvmclock_stable()): we keep no global last value to clamp
 * with, as sched_clock users compare readings of one CPU.
 */
uint64_t kvm_sched_clock(void)
{
	return pvclock_read_ns(&kvm_cpu_areas[this_cpu()->id].clock);
}

bool kvmclock_stable(void)
{
	return (kvm_features_used() & KVM_BIT(KVM_FEATURE_CLOCKSOURCE2)) &&
	       (kvm_features_offered() & KVM_BIT(KVM_FEATURE_CLOCKSOURCE_STABLE_BIT)) &&
	       (kvm_cpu_areas[0].clock.flags & PVCLOCK_TSC_STABLE_BIT);
}

/*
 * The host fills the area before the vCPU re-enters the guest after the
 * MSR write; a version still zero, or a zero scale, means it did not.
 */
bool kvmclock_init_cpu(unsigned int cpu)
{
	volatile struct pvclock_vcpu_time_info *ti = &kvm_cpu_areas[cpu].clock;
	uint64_t value = (uintptr_t)ti | KVM_MSR_ENABLED;

	memset((void *)ti, 0, sizeof(*ti));
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, value);
	if (rdmsr(MSR_KVM_SYSTEM_TIME_NEW) == value && ti->version &&
	    ti->tsc_to_system_mul)
		return true;
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	return false;
}

void kvmclock_select(void)
{
	static_call_update(pv_sched_clock, kvm_sched_clock);
	pvops_note_target(PVOP_sched_clock, "kvm_sched_clock");
}
