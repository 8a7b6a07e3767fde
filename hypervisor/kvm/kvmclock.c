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
#include <pvpatch/pvops.h>
#include "kvm.h"

/*
 * RDTSC may execute before earlier loads (the version); LFENCE before it
 * keeps it in order (Intel SDM vol. 2B, RDTSC; AMD APM vol. 3, LFENCE is
 * dispatch serializing on current parts).
 */
static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* msr.rst: shift, then multiply and drop 32 fraction bits. The product
 * needs 96 bits. */
static uint64_t pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift >= 0)
		delta <<= shift;
	else
		delta >>= -shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

/*
 * msr.rst: version is odd while the host rewrites the area, and changes
 * with every update; a reading is good if it saw the same even version
 * before and after. The host only writes while this vCPU is out of guest
 * mode, so the retry is rare.
 */
static uint64_t pvclock_read_ns(const volatile struct pvclock_vcpu_time_info *ti)
{
	uint32_t version;
	uint64_t ns;

	do {
		version = ti->version;
		barrier();
		ns = ti->system_time + pvclock_scale(rdtsc_ordered() - ti->tsc_timestamp,
						     ti->tsc_to_system_mul, ti->tsc_shift);
		barrier();
	} while ((version & 1) || version != ti->version);
	return ns;
}

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
