// SPDX-License-Identifier: GPL-2.0
/*
 * Xen HVM/PVH: how the guest ends, and the TSC rate Xen reports (a PVH
 * guest has no PIT to calibrate against).
 */
#include <asm/processor.h>
#include "xen_abi.h"

/*
 * SCHEDOP_shutdown: poweroff for a pass, crash for a failure; the
 * toolstack (or Xen, for dom0) reports the reason, which the runner
 * maps to an exit status. Returns only when this is not a Xen guest.
 */
void xen_shutdown(bool failed)
{
	struct sched_shutdown shutdown = {
		.reason = failed ? SHUTDOWN_crash : SHUTDOWN_poweroff,
	};

	if (!xen_hypercall_page_ready())
		return;
	xen_hypercall2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (uintptr_t)&shutdown);
}

/* Leaf base + 3, sub-leaf 0: ECX is the guest TSC frequency in kHz. */
uint32_t xen_tsc_khz(void)
{
	if (!(cpuid(1).ecx & (1U << 31)))
		return 0;
	uint32_t base = xen_cpuid_base_of(cpuid);

	return base ? cpuid_count(base + 3, 0).ecx : 0;
}
