/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV exception, event and failsafe entries (CONFIG_XEN_PV),
 * registered by arch/x86/xen/pv_traps.c (HYPERVISOR_set_trap_table) and
 * hypervisor/xen/pv_backend.c (HYPERVISOR_callback_op).
 *
 * Xen enters a 64-bit PV kernel on its kernel stack, 16-byte aligned,
 * with %rcx and %r11 pushed on top of the frame the CPU would have
 * pushed (xen-x86_64.h): RCX, R11, [error code], RIP, CS, RFLAGS, RSP,
 * SS. The stubs pop those two back into their registers and build the
 * struct pt_regs of entry.S; the common path calls xen_pv_dispatch()
 * and returns with iretq: kernel to kernel is ring 3 to ring 3, which
 * needs no hypercall once CS has its RPL back (Xen saves a kernel
 * context's CS with RPL 0: HYPERVISOR_iret in xen-x86_64.h).
 */
#include <asm/unwind_hints.h>

#define XEN_PV_EVENT_VECTOR	256	/* no IDT vector: pt_regs' marker */

/* Vectors for which the CPU pushes an error code (SDM vol. 3A, 6.15). */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.balign 16
xen_pv_common_entry:
	UNWIND_HINT_REGS_PARTIAL 16
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	UNWIND_HINT_REGS
	cld
	mov	%rsp, %rdi
	call	xen_pv_dispatch
	/* As in entry.S: once popped, only the CPU's frame counts. */
	UNWIND_HINT_REGS_PARTIAL UNWIND_HINT_PT_REGS_RIP
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$16, %rsp		/* vector, error code */
	orb	$3, 8(%rsp)		/* CS: back to RPL 3 */
	iretq

	.balign 16
	.globl xen_pv_event_entry
xen_pv_event_entry:
	UNWIND_HINT_REGS_PARTIAL 16
	pop	%rcx
	pop	%r11
	pushq	$0			/* error code */
	pushq	$XEN_PV_EVENT_VECTOR
	jmp	xen_pv_common_entry

	.altmacro
.macro xen_pv_trap_stub v
	.balign 16
xen_pv_trap_stub_\v:
	.if HAS_ERROR_CODE(\v)
	UNWIND_HINT_REGS_PARTIAL 24
	.else
	UNWIND_HINT_REGS_PARTIAL 16
	.endif
	pop	%rcx
	pop	%r11
	.if \v == 3
	/* #BP: leave text_poke_bp's gap below the frame, as entry.S does. */
	sub	$16, %rsp
	push	%rax
	UNWIND_HINT_UNDEFINED
	.irp word, 0, 8, 16, 24, 32
	mov	24+\word(%rsp), %rax
	mov	%rax, 8+\word(%rsp)
	.endr
	UNWIND_HINT_REGS_PARTIAL 8
	pop	%rax
	.endif
	.if !(HAS_ERROR_CODE(\v))
	pushq	$0
	.endif
	pushq	$\v
	jmp	xen_pv_common_entry
.endm

.macro xen_pv_trap_stub_address v
	.quad xen_pv_trap_stub_\v
.endm

	.set v, 0
	.rept 32
	xen_pv_trap_stub %v
	.set v, v + 1
	.endr

	.section .rodata
	.balign 8
	.globl xen_pv_trap_stubs
xen_pv_trap_stubs:
	.set v, 0
	.rept 32
	xen_pv_trap_stub_address %v
	.set v, v + 1
	.endr

/*
 * Xen could not load the segment registers of the context it returns to
 * (it pushed DS, ES, FS, GS below RCX and R11). We never load any, so
 * this is a bug: report it and stop.
 */
	.text
	.balign 16
	.globl xen_pv_failsafe_entry
xen_pv_failsafe_entry:
	UNWIND_HINT_END_OF_STACK
	cld
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	xen_pv_failsafe
	ud2
