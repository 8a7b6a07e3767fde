/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EL1 exception vectors (Arm ARM, "Exception vectors"): 16
 * entries of 0x80 bytes in a 2 KiB aligned table, four kinds (sync, IRQ,
 * FIQ, SError) from four origins (current EL with SP_EL0, current EL with
 * SP_ELx, lower EL AArch64, lower EL AArch32). Every entry saves the full
 * register frame (asm/ptrace.h) and calls arm64_exception(regs, entry),
 * or for an IRQ arm64_irq(regs) (irq.c: acknowledge at the GIC,
 * dispatch, end of interrupt); when that returns, the frame is restored
 * and the ERET resumes at ELR. The ERET is a context synchronization
 * event (Arm ARM, "Context synchronization event"), which the sync IPI
 * relies on along with its explicit ISB.
 */
#include <asm/ptrace.h>

.macro	vector_entry index
	.balign	0x80
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #PT_REGS_X0]
	mov	x1, #\index
	b	exception_common
.endm

	.text
	.balign	2048
	.globl	exception_vectors
exception_vectors:
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector_entry \i
	.endr

exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x2, sp, #PT_REGS_SIZE
	stp	x30, x2, [sp, #240]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #PT_REGS_ELR]
	mrs	x3, esr_el1
	mrs	x4, far_el1
	stp	x3, x4, [sp, #PT_REGS_ESR]
	/* A frame record for the interrupted code: the backtrace goes on
	 * from the faulting instruction into its callers. */
	stp	x29, x2, [sp, #PT_REGS_FRAME]
	add	x29, sp, #PT_REGS_FRAME
	mov	x0, sp
	/* Entry kind 1 of each origin is an IRQ (the table's order). */
	and	x2, x1, #3
	cmp	x2, #1
	b.ne	1f
	bl	arm64_irq
	b	2f
1:	bl	arm64_exception
2:

	/* Handled (e.g. a semihosting call without semihosting): resume at
	 * the ELR the handler may have moved. */
	ldp	x2, x3, [sp, #PT_REGS_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #PT_REGS_X0]
	add	sp, sp, #PT_REGS_SIZE
	eret

/*
 * uint64_t semihost_call(uint64_t op, uint64_t arg): an A64 semihosting
 * call (HLT #0xF000, Arm's semihosting specification). Without a debugger
 * or QEMU's -semihosting the HLT is UNDEFINED here; arm64_exception()
 * recognizes this one instruction and returns SEMIHOST_UNAVAILABLE.
 */
	.globl	semihost_call, semihost_trap_insn
semihost_call:
semihost_trap_insn:
	hlt	#0xf000
	ret
