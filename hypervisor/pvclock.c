// SPDX-License-Identifier: GPL-2.0
/* Reading the paravirtual clock page (pvclock.h), for KVM and Xen. */
#include <pvpatch/compiler.h>
#include "pvclock.h"

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

/* Shift, then multiply and drop 32 fraction bits: the product needs 96. */
static uint64_t pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift >= 0)
		delta <<= shift;
	else
		delta >>= -shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

/*
 * A reading is good if it saw the same even version before and after.
 * The host only writes while this vCPU is out of guest mode, so the
 * retry is rare.
 */
uint64_t pvclock_read_ns(const volatile struct pvclock_vcpu_time_info *ti)
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
