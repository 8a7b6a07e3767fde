// SPDX-License-Identifier: GPL-2.0
/*
 * The wake-up of the Xen PV halt ops (CONFIG_XEN_PV, pv_irq.c).
 *
 * Xen runs a vCPU's periodic timer (arch/x86/xen/pv_timer.c) only while
 * the vCPU runs: a blocked one (SCHEDOP_block, the halts) gets no tick
 * from it and would sleep until some other event. The halts arm the
 * single-shot timer for one period ahead first (xen_pv_arm_wakeup),
 * which fires blocked or not, on the same VIRQ_TIMER.
 */
#include <asm/percpu.h>
#include <pvpatch/platform.h>
#include "../pvclock.h"
#include "pv_internal.h"
#include <xen/vcpu.h>

#define NS_PER_SEC	1000000000ULL

/* Xen system time: the clock sched_clock uses, or vcpu_info's copy. */
static uint64_t xen_system_time_ns(void)
{
	if (xen_clock_used())
		return xen_sched_clock();
	return pvclock_read_ns((const volatile struct pvclock_vcpu_time_info *)
			       &xen_pv_vcpu_info()->time);
}

void xen_pv_arm_wakeup(void)
{
	struct vcpu_set_singleshot_timer oneshot = {
		.timeout_abs_ns = xen_system_time_ns() + NS_PER_SEC / CONFIG_TIMER_HZ,
	};
	unsigned int cpu = this_cpu()->id;
	long rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer,
				 cpu, (uintptr_t)&oneshot);

	if (rc)
		panic("xen-pv: cpu %u: VCPUOP_set_singleshot_timer: %ld", cpu, rc);
}
