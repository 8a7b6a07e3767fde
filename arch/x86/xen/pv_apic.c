// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV image's stand-in for the local APIC (replaces apic.c): a PV
 * vCPU has none. Its interrupts are event channels (pv_events.c): the
 * timer is VIRQ_TIMER (pv_timer.c), and each IPI vector of each
 * CPU is an event channel bound to that vCPU (EVTCHNOP_bind_ipi), whose
 * event runs the vector's handler through dispatch_trap() as an APIC
 * interrupt would. An APIC ID is the CPU's index (= its vCPU id).
 */
#include <stdbool.h>
#include <stdint.h>
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>
#include <xen/vcpu.h>

#define NS_PER_SEC	1000000000ULL

static const uint8_t ipi_vectors[] = { VECTOR_IPI_CALL, VECTOR_IPI_WAKE };
#define NR_IPI_VECTORS	(sizeof(ipi_vectors) / sizeof(ipi_vectors[0]))

static evtchn_port_t ipi_ports[CONFIG_NR_CPUS][NR_IPI_VECTORS];
/* Port -> vector, for the event handler. */
static uint8_t port_vector[XEN_PV_MAX_PORTS];

void dispatch_trap(struct pt_regs *regs);

static void ipi_event(evtchn_port_t port, struct pt_regs *regs)
{
	uint64_t vector = regs->vector;

	regs->vector = port_vector[port];
	dispatch_trap(regs);
	regs->vector = vector;
}

/* Called for each CPU by the boot CPU, before the CPU starts. */
void xen_pv_bind_ipis(unsigned int cpu)
{
	for (unsigned int i = 0; i < NR_IPI_VECTORS; i++) {
		struct evtchn_bind_ipi bind = { .vcpu = cpu };
		long rc = xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi,
					 (uintptr_t)&bind);

		if (rc || bind.port >= XEN_PV_MAX_PORTS)
			panic("xen-pv: cpu %u: EVTCHNOP_bind_ipi: %ld (port %u)", cpu, rc,
			      bind.port);
		port_vector[bind.port] = ipi_vectors[i];
		ipi_ports[cpu][i] = bind.port;
		xen_pv_bind_port_handler(bind.port, cpu, ipi_event);
	}
}

void apic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	for (unsigned int i = 0; i < NR_IPI_VECTORS; i++) {
		if (ipi_vectors[i] == vector && apic_id < CONFIG_NR_CPUS && ipi_ports[apic_id][i]) {
			xen_evtchn_send(ipi_ports[apic_id][i]);
			return;
		}
	}
	panic("xen-pv: no event channel for vector %#x on cpu %u", vector, apic_id);
}

void apic_init_cpu(void)
{
}

void apic_eoi(void)
{
}

uint32_t apic_read_id(void)
{
	return this_cpu()->id;
}

bool apic_is_x2apic(void)
{
	return false;
}

void apic_send_init(uint32_t apic_id)
{
	panic("xen-pv: no INIT IPI (cpu %u): vCPUs start with VCPUOP_up", apic_id);
}

void apic_send_startup(uint32_t apic_id, uint8_t page)
{
	panic("xen-pv: no startup IPI (cpu %u, page %#x)", apic_id, page);
}

void apic_calibrate(void)
{
}

/*
 * The TSC rate from Xen's scale in the vCPU time info (xen.h:
 * ns = ((tsc << shift) * mul) >> 32, a negative shift shifting right).
 */
uint64_t tsc_khz(void)
{
	const struct vcpu_time_info *t = &xen_pv_vcpu_info()->time;
	uint64_t khz;

	if (!t->tsc_to_system_mul)
		return 0;
	khz = (1000000ULL << 32) / t->tsc_to_system_mul;
	return t->tsc_shift >= 0 ? khz >> t->tsc_shift : khz << -t->tsc_shift;
}

/* Xen refuses a periodic timer faster than this (EINVAL). */
#define XEN_MIN_PERIOD_NS	1000000ULL

/* Faster rates than Xen gives run at its fastest: callers count ticks
 * and read the clock, they do not rely on the exact rate. */
void apic_timer_start_hz(unsigned int hz)
{
	uint64_t period = NS_PER_SEC / hz;
	struct vcpu_set_periodic_timer periodic = {
		.period_ns = period < XEN_MIN_PERIOD_NS ? XEN_MIN_PERIOD_NS : period,
	};
	long rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_periodic_timer,
				 this_cpu()->id, (uintptr_t)&periodic);

	if (rc)
		panic("xen-pv: VCPUOP_set_periodic_timer(%u Hz): %ld", hz, rc);
}

void apic_timer_start(void)
{
	apic_timer_start_hz(CONFIG_TIMER_HZ);
}

void apic_timer_stop(void)
{
	xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_stop_periodic_timer,
		       this_cpu()->id, 0);
}
