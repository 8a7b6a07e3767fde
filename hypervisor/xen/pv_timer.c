// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV timer (CONFIG_XEN_PV): VIRQ_TIMER bound to an event channel
 * per vCPU, with Xen's periodic timer at CONFIG_TIMER_HZ, counted in
 * struct cpu's timer_ticks as the LAPIC timer is in the PVH image.
 * Xen coalesces: periods that pass while events are masked leave one
 * pending event, not one each.
 *
 * Xen runs a vCPU's periodic timer only while the vCPU runs: a blocked
 * one (SCHEDOP_block, the halts) gets no tick from it and would sleep
 * until some other event. The halts arm the single-shot timer for one
 * period ahead first (xen_pv_arm_wakeup), which fires blocked or not,
 * on the same VIRQ_TIMER.
 */
#include <asm/percpu.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "../pvclock.h"
#include "pv_internal.h"
#include <xen/vcpu.h>

#define NS_PER_SEC	1000000000ULL

evtchn_port_t xen_pv_timer_port[CONFIG_NR_CPUS];

void dispatch_trap(struct pt_regs *regs);

static void timer_tick(struct pt_regs *regs)
{
	this_cpu()->timer_ticks++;
}

/* As VECTOR_TIMER, so that set_irq_handler() reaches the Xen timer too
 * (tests sample the interrupted context from it). */
static void timer_event(evtchn_port_t port, struct pt_regs *regs)
{
	uint64_t vector = regs->vector;

	regs->vector = VECTOR_TIMER;
	dispatch_trap(regs);
	regs->vector = vector;
}

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

/* On the vCPU itself, with its events still masked. */
void xen_pv_timer_start(unsigned int cpu)
{
	struct evtchn_bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = cpu };
	struct vcpu_set_periodic_timer periodic = {
		.period_ns = NS_PER_SEC / CONFIG_TIMER_HZ,
	};
	long rc = xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq,
				 (uintptr_t)&bind);

	if (rc || xen_pv_bind_port_handler(bind.port, cpu, timer_event))
		panic("xen-pv: cpu %u: binding VIRQ_TIMER failed (%ld, port %u)",
		      cpu, rc, bind.port);
	xen_pv_timer_port[cpu] = bind.port;
	if (cpu == 0)
		set_irq_handler(VECTOR_TIMER, timer_tick);
	rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_periodic_timer, cpu,
			    (uintptr_t)&periodic);
	if (rc)
		panic("xen-pv: cpu %u: VCPUOP_set_periodic_timer: %ld", cpu, rc);
}
