/* SPDX-License-Identifier: GPL-2.0 */
/* The Xen PV backend's pieces (CONFIG_XEN_PV): pv_backend.c, pv_irq.c. */
#ifndef HYPERVISOR_XEN_PV_INTERNAL_H
#define HYPERVISOR_XEN_PV_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <asm/xen/pv_arms.h>
#include <pvpatch/pvops.h>
#include "xen_abi.h"

struct pt_regs;

/* Ports with a handler: enough for the timer, IPIs and tests. */
#define XEN_PV_MAX_PORTS	64

typedef void (*xen_pv_port_handler_t)(evtchn_port_t port, struct pt_regs *regs);

/* shared_info, mapped by the backend: the event bitmaps. */
extern struct shared_info *xen_pv_shared_info;
/* Upcalls taken, per CPU. */
extern uint64_t xen_pv_upcalls[CONFIG_NR_CPUS];

struct vcpu_info *xen_pv_vcpu_info(void);
/* Mask every port, once shared_info is mapped (pv_irq.c). */
void xen_pv_mask_all_ports(void);
/* The handler of a port bound to cpu's vCPU (NULL: none); unmasks it. */
int xen_pv_bind_port_handler(evtchn_port_t port, unsigned int cpu,
			     xen_pv_port_handler_t handler);

unsigned long xen_pv_save_fl(void);
void xen_pv_irq_disable(void);
void xen_pv_irq_enable(void);
void xen_pv_safe_halt(void);
void xen_pv_halt(void);
void xen_pv_force_upcall(void);

/* The thunks (PV_THUNK): the keys' targets. */
unsigned long xen_pv_save_fl__thunk(void);
void xen_pv_irq_disable__thunk(void);
void xen_pv_irq_enable__thunk(void);
void xen_pv_safe_halt__thunk(void);
void xen_pv_halt__thunk(void);

/* VIRQ_TIMER's port per CPU, and starting it (pv_timer.c). */
extern evtchn_port_t xen_pv_timer_port[CONFIG_NR_CPUS];
void xen_pv_timer_start(unsigned int cpu);
/* A timer event one period ahead that also wakes a blocked vCPU. */
void xen_pv_arm_wakeup(void);

/* Each IPI vector of cpu as an event channel (arch/x86/xen/pv_apic.c). */
void xen_pv_bind_ipis(unsigned int cpu);

/* flush_tlb_multi through MMUEXT_TLB_FLUSH_MULTI (pv_tlb.c). */
struct xen_pv_tlb_stats {
	uint64_t hypercalls;	/* mmuext ops issued */
	uint64_t vcpus;		/* vCPUs named in them */
};
extern struct xen_pv_tlb_stats xen_pv_tlb_stats;
void xen_pv_flush_tlb_multi(const uint64_t *cpumask, uintptr_t start, uintptr_t end);
void xen_pv_tlb_select(void);

/* The Xen inline arms of the irq ops, as the backend gives them to the
 * pvops core (pv_arms.c). */
extern const struct pvops_inline_arm xen_pv_inline_arm;

/* arch/x86/xen/pv_entry.S */
void xen_pv_event_entry(void);
void xen_pv_failsafe_entry(void);

#endif
