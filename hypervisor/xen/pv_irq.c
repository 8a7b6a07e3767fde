// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV irq ops (CONFIG_XEN_PV).
 *
 * The ops act on evtchn_upcall_mask of this vCPU's vcpu_info, which is
 * in struct cpu (asm/percpu.h). The inline arms (asm/xen/pv_arms.h) do
 * the same as the C functions here, which are the targets of the call
 * arm (pvops.irq=call, the classic out-of-line layout) and, through the
 * pointers below, the inline arms' slow paths. An event that comes while
 * masked stays pending until the enable; its delivery is the arch's
 * (arch/x86/xen/pv_events.c).
 */
#include <pvpatch/pvops_backend.h>
#include "xen_abi.h"
#include "pv_internal.h"

#define FLAGS_IF	(1UL << 9)

unsigned long xen_pv_save_fl(void)
{
	return xen_pv_vcpu_info()->evtchn_upcall_mask ? 0 : FLAGS_IF;
}

void xen_pv_irq_disable(void)
{
	xen_pv_vcpu_info()->evtchn_upcall_mask = 1;
	__asm__ __volatile__("" : : : "memory");
}

/* Any hypercall returns through Xen's check for deliverable events. */
void xen_pv_force_upcall(void)
{
	xen_hypercall2(__HYPERVISOR_xen_version, XENVER_version, 0);
}

void xen_pv_irq_enable(void)
{
	struct vcpu_info *vi = xen_pv_vcpu_info();

	__asm__ __volatile__("" : : : "memory");
	vi->evtchn_upcall_mask = 0;
	__asm__ __volatile__("" : : : "memory");
	if (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_RELAXED))
		xen_pv_force_upcall();
}

/*
 * sti; hlt: SCHEDOP_block unmasks, checks for pending events and blocks,
 * atomically; we return with events enabled and the upcall run. Events
 * stay masked from before the wake-up is armed until the block: Xen
 * stops the periodic timer of a blocked vCPU, so the single-shot tick
 * is the only wake-up, and an upcall in between would spend it and
 * leave the vCPU blocked for good (tests/guest/test_xen_pv_irq.c
 * tick_between_arming_and_blocking).
 */
void xen_pv_safe_halt(void)
{
	xen_pv_irq_disable();
	xen_pv_arm_wakeup();
	xen_hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

/* hlt keeps the interrupt state: block (which unmasks) and mask again
 * if we were masked; the event that woke us waits for its enable. */
void xen_pv_halt(void)
{
	uint8_t masked = xen_pv_vcpu_info()->evtchn_upcall_mask;

	xen_pv_safe_halt();
	if (masked)
		xen_pv_irq_disable();
}

PV_THUNK_RAX(xen_pv_save_fl);
PV_THUNK(xen_pv_irq_disable);
PV_THUNK(xen_pv_irq_enable);
PV_THUNK(xen_pv_safe_halt);
PV_THUNK(xen_pv_halt);
PV_THUNK(xen_pv_force_upcall);

void xen_pv_force_upcall__thunk(void);
void xen_pv_safe_halt__thunk(void);
void xen_pv_halt__thunk(void);
void (*const xen_pv_force_upcall_ptr)(void) = xen_pv_force_upcall__thunk;
void (*const xen_pv_safe_halt_ptr)(void) = xen_pv_safe_halt__thunk;
void (*const xen_pv_halt_ptr)(void) = xen_pv_halt__thunk;
