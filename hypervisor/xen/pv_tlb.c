// SPDX-License-Identifier: GPL-2.0
/*
 * flush_tlb_multi of a Xen PV guest (CONFIG_XEN_PV): one mmuext op,
 * MMUEXT_TLB_FLUSH_MULTI with a mask of vCPUs (xen.h), instead of an
 * event-channel IPI to each CPU that then traps on its own CR3 write.
 * Xen flushes the vCPUs it names, running or not, before the hypercall
 * returns. The range is not used: every flush is a full one, as in the
 * native backend. Our CPU numbers are Xen's vCPU ids (VCPUOP_up).
 */
#include <asm/percpu.h>
#include <pvpatch/platform.h>
#include <pvpatch/pvops_backend.h>
#include <pvpatch/smp.h>
#include "pv_internal.h"

struct xen_pv_tlb_stats xen_pv_tlb_stats;

#define MASK_WORDS	((CONFIG_NR_CPUS + 63) / 64)

void xen_pv_flush_tlb_multi(const uint64_t *cpumask, uintptr_t start, uintptr_t end)
{
	uint64_t vcpus[MASK_WORDS] = { 0 };
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_MULTI };
	unsigned int n = num_online_cpus(), asked = 0;
	unsigned int done;
	long rc;

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (cpumask && !((cpumask[cpu / 64] >> (cpu % 64)) & 1))
			continue;
		vcpus[cpu / 64] |= 1ULL << (cpu % 64);
		asked++;
	}
	if (!asked)
		return;
	op.arg2.vcpumask.p = vcpus;
	rc = xen_hypercall4(__HYPERVISOR_mmuext_op, (uintptr_t)&op, 1,
			    (uintptr_t)&done, DOMID_SELF);
	/* Nothing to fall back on that would be safe: a stale TLB is a bug. */
	if (rc)
		panic("xen-pv: MMUEXT_TLB_FLUSH_MULTI: %ld", rc);
	__atomic_fetch_add(&xen_pv_tlb_stats.hypercalls, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&xen_pv_tlb_stats.vcpus, asked, __ATOMIC_RELAXED);
}

void xen_pv_tlb_select(void)
{
	static_call_update(pv_flush_tlb_multi, xen_pv_flush_tlb_multi);
	pvops_note_target(PVOP_flush_tlb_multi, "xen_pv_flush_tlb_multi");
}
