// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV image's timer tick (CONFIG_XEN_PV), in place of the LAPIC
 * timer: VIRQ_TIMER bound to an event channel per vCPU, with Xen's
 * periodic timer at CONFIG_TIMER_HZ, counted in struct cpu's timer_ticks
 * as the LAPIC timer is in the PVH image. Xen coalesces: periods that
 * pass while events are masked leave one pending event, not one each.
 *
 * Xen runs a vCPU's periodic timer only while the vCPU runs; the halt
 * ops of the PV backend arm a single-shot timer on the same VIRQ_TIMER
 * to wake a blocked one (hypervisor/xen/pv_timer.c).
 */
#include <asm/percpu.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>
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
