/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry stubs for all 256 vectors. Each pushes a dummy error code where
 * the CPU pushes none, then its vector, so every handler sees the same
 * struct pt_regs. In 64-bit mode the CPU aligns the stack to 16 bytes
 * before pushing its frame (SDM vol. 3A, 6.14.2); the 15 saved
 * registers plus vector and error code keep it aligned for the C call.
 */
#include <asm/segment.h>
#include <asm/unwind_hints.h>

/* Vectors for which the CPU pushes an error code (SDM vol. 3A, 6.15). */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.balign 16
common_entry:
	/* The stubs pushed error code and vector onto the CPU's frame. */
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
	call	dispatch_trap
	/*
	 * Popping leaves the registers below %rsp, where a nested entry
	 * would overwrite them: from here on only the CPU's frame counts.
	 */
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
	iretq

	.altmacro
.macro vector_stub v
	.balign 16
vector_stub_\v:
	.if HAS_ERROR_CODE(\v)
	UNWIND_HINT_REGS_PARTIAL 8
	.else
	UNWIND_HINT_REGS_PARTIAL 0
	.endif
	.if \v == 3
	/*
	 * #BP: move the CPU's frame 16 bytes down, leaving a gap just below
	 * the interrupted stack pointer. text_poke_bp's handler emulates a
	 * call by pushing the return address there (arch/x86/text_poke_bp.c);
	 * without the gap the push would land on the frame's own SS slot.
	 * Copying upwards is safe: the destination is below the source.
	 */
	sub	$16, %rsp
	push	%rax
	/* Half copied, the frame is in neither place. */
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
	jmp	common_entry
.endm

.macro vector_stub_address v
	.quad vector_stub_\v
.endm

	.set v, 0
	.rept 256
	vector_stub %v
	.set v, v + 1
	.endr

	.section .rodata
	.balign 8
	.globl vector_stubs
vector_stubs:
	.set v, 0
	.rept 256
	vector_stub_address %v
	.set v, v + 1
	.endr
