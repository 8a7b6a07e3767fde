/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen PV arms of the inline irq ops (CONFIG_XEN_PV), the third arm
 * of each combined pvop site (asm/pvops_sites.h), live when
 * X86_FEATURE_XENPV is set and the call arm is not asked for.
 *
 * A PV kernel has no interrupt flag of its own: event delivery is gated
 * by evtchn_upcall_mask in its vCPU's vcpu_info (xen.h), which lives in
 * struct cpu (asm/percpu.h), so each op is a %gs-relative byte access:
 *   save_fl      mask 0 -> X86_EFLAGS_IF (0x200), mask 1 -> 0, in %rax
 *   irq_disable  mask = 1
 *   irq_enable   mask = 0; an event that came while masked is pending
 *                and would wait for the next hypercall or upcall: force
 *                it now (out of line, a hypercall; any hypercall returns
 *                to the guest through Xen's pending-event check)
 * The halts have no inline form (SCHEDOP_block) and call out too. Out of
 * line calls go through pointers (absolute, so the arm's bytes do not
 * depend on where it is copied), to callee-save-all thunks.
 */
#ifndef ASM_XEN_PV_ARMS_H
#define ASM_XEN_PV_ARMS_H

#include <stddef.h>
#include <asm/percpu.h>

/* struct vcpu_info: evtchn_upcall_pending is byte 0, the mask byte 1
 * (checked against xen.h in arch/x86/xen/pv_events.c). */
#define XEN_VCPU_INFO_PENDING	0
#define XEN_VCPU_INFO_MASK	1
#define XEN_PV_PENDING_OFFSET	(offsetof(struct cpu, xen_vcpu_info) + XEN_VCPU_INFO_PENDING)
#define XEN_PV_MASK_OFFSET	(offsetof(struct cpu, xen_vcpu_info) + XEN_VCPU_INFO_MASK)

#define XEN_PV_ARM_OPERANDS						\
	, [xen_mask] "i"(XEN_PV_MASK_OFFSET),				\
	  [xen_pending] "i"(XEN_PV_PENDING_OFFSET)

#define XEN_PV_ARM_save_fl						\
	"movzbl %%gs:%c[xen_mask], %%eax\n\t"				\
	"xorl $1, %%eax\n\t"						\
	"shll $9, %%eax"
#define XEN_PV_ARM_irq_disable						\
	"movb $1, %%gs:%c[xen_mask]"
#define XEN_PV_ARM_irq_enable						\
	"movb $0, %%gs:%c[xen_mask]\n\t"				\
	"cmpb $0, %%gs:%c[xen_pending]\n\t"				\
	"jz 1f\n\t"							\
	"call *xen_pv_force_upcall_ptr\n"				\
	"1:"
#define XEN_PV_ARM_safe_halt						\
	"call *xen_pv_safe_halt_ptr"
#define XEN_PV_ARM_halt							\
	"call *xen_pv_halt_ptr"

#ifndef __ASSEMBLY__
/* Thunks of hypervisor/xen/pv_irq.c, every register preserved. */
extern void (*const xen_pv_force_upcall_ptr)(void);
extern void (*const xen_pv_safe_halt_ptr)(void);
extern void (*const xen_pv_halt_ptr)(void);
#endif

#endif
