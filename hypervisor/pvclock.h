/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The paravirtual clock page that KVM (kvmclock, msr.rst) and Xen
 * (struct vcpu_time_info, xen.h) both keep per vCPU, in one layout: a
 * TSC timestamp, the nanoseconds at that timestamp and the TSC-to-ns
 * scale, under a version that is odd while the host rewrites them.
 */
#ifndef HYPERVISOR_PVCLOCK_H
#define HYPERVISOR_PVCLOCK_H

#include <stdint.h>

struct pvclock_vcpu_time_info {
	uint32_t version;	/* odd while the host updates the rest */
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;	/* ns at tsc_timestamp */
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
};
_Static_assert(sizeof(struct pvclock_vcpu_time_info) == 32, "pvclock area is 32 bytes");

/* flags bit 0: readings from different vCPUs are mutually monotonic. */
#define PVCLOCK_TSC_STABLE_BIT	(1U << 0)

uint64_t pvclock_read_ns(const volatile struct pvclock_vcpu_time_info *ti);

#endif
