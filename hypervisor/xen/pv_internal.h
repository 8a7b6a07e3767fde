/* SPDX-License-Identifier: GPL-2.0 */
/* The Xen PV backend's pieces (CONFIG_XEN_PV), on top of the PV arch
 * code (asm/xen/pv.h). */
#ifndef HYPERVISOR_XEN_PV_INTERNAL_H
#define HYPERVISOR_XEN_PV_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <asm/xen/pv_arms.h>
#include <pvpatch/pvops_backend.h>
#include "xen_abi.h"
#include <asm/xen/pv.h>

/* The irq ops (pv_irq.c). */
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

/* A timer event one period ahead that also wakes a blocked vCPU
 * (pv_timer.c). */
void xen_pv_arm_wakeup(void);

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

#endif
