/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AP start-up code. The BSP copies it to TRAMPOLINE_BASE (a 4 KiB
 * aligned page below 1 MiB, as the SIPI vector requires) and fills the
 * parameter block in the page after it. An AP wakes in real mode at
 * CS:IP = TRAMPOLINE_BASE >> 4 : 0 and climbs to long mode with the
 * BSP's page tables, then jumps to the C entry with its own stack.
 * The code is assembled here but runs only at its copy, so every address
 * is computed relative to TRAMPOLINE_BASE.
 */
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/segment.h>
#include <asm/unwind_hints.h>
#include "trampoline.h"

#define ABS(label)	(TRAMPOLINE_BASE + (label - trampoline_start))
#define PARAMS		(TRAMPOLINE_BASE + PAGE_SIZE)

	.section .rodata
	.balign 16
	.globl trampoline_start, trampoline_end
trampoline_start:
	.code16
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	/* DS base is TRAMPOLINE_BASE: the parameters are one page on. */
	lgdtl	PAGE_SIZE + TRAMPOLINE_GDT_DESCRIPTOR
	mov	%cr0, %eax
	or	$CR0_PE, %eax
	mov	%eax, %cr0
	ljmpl	$KERNEL_CS32, $ABS(protected_mode)

	.code32
protected_mode:
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	PARAMS + TRAMPOLINE_CR3, %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	mov	PARAMS + TRAMPOLINE_EFER, %eax
	xor	%edx, %edx
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0
	ljmp	$KERNEL_CS, $ABS(long_mode)

	.code64
long_mode:
	mov	PARAMS + TRAMPOLINE_STACK, %rsp
	mov	PARAMS + TRAMPOLINE_CPU, %edi
	xor	%ebp, %ebp
	mov	PARAMS + TRAMPOLINE_ENTRY, %rax
	/* The first frame lives in the image, not in this copy, so that
	 * its ORC entry (END_OF_STACK) ends the AP's backtraces. */
	mov	$ap_first_frame, %ecx
	jmp	*%rcx
trampoline_end:

	.text
ap_first_frame:
	UNWIND_HINT_END_OF_STACK
	call	*%rax
	ud2
