/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen 64-bit PV entry (CONFIG_XEN_PV). Xen's domain builder reads the
 * notes below (xen/elfnote.h), loads the image at its link addresses
 * (VIRT_BASE 0, PADDR_OFFSET 0: pseudo-physical == virtual, as in
 * the PVH image), fills the hypercall page, and starts us here in long
 * mode, in ring 3, on its own initial page tables, with event delivery
 * masked, %rsi = the virtual address of struct start_info and %rsp on
 * a bootstrap stack past the image. We zero .bss, move to our own boot
 * stack and call xen_pv_start().
 */
#include <asm/page.h>
#include <asm/unwind_hints.h>
#include <xen/elfnote.h>

/* One note: name "Xen", type, then the descriptor up to xen_note_end. */
.macro xen_note type:req
	.balign 4
	.long 4
	.long 2f - 1f
	.long \type
	.asciz "Xen"
1:
.endm

.macro xen_note_end
2:	.balign 4
.endm

	.section .note.Xen, "a"
	xen_note XEN_ELFNOTE_GUEST_OS
	.asciz "pvpatch"
	xen_note_end
	xen_note XEN_ELFNOTE_XEN_VERSION
	.asciz "xen-3.0"
	xen_note_end
	xen_note XEN_ELFNOTE_LOADER
	.asciz "generic"
	xen_note_end
	xen_note XEN_ELFNOTE_VIRT_BASE
	.quad 0
	xen_note_end
	xen_note XEN_ELFNOTE_PADDR_OFFSET
	.quad 0
	xen_note_end
	xen_note XEN_ELFNOTE_ENTRY
	.quad xen_pv_entry
	xen_note_end
	/* hypervisor/xen/hvm.c: one page of text, written by the builder. */
	xen_note XEN_ELFNOTE_HYPERCALL_PAGE
	.quad xen_hypercall_page
	xen_note_end

	.text
	.globl xen_pv_entry
xen_pv_entry:
	/* The first frame of the boot CPU: backtraces end here. */
	UNWIND_HINT_END_OF_STACK
	cld
	mov	%rsi, %rbx		/* start_info, kept across the fill */

	/* The loader zeroes .bss too; doing it here does not depend on it. */
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	shr	$3, %ecx
	xor	%eax, %eax
	rep stosq

	mov	$boot_stack_top, %rsp
	xor	%ebp, %ebp		/* ends every backtrace */
	mov	%rbx, %rdi
	call	xen_pv_start
	ud2

/*
 * A secondary vCPU (VCPUOP_initialise in pv_smp.c): Xen starts it
 * here on its own stack, %gs base set, events masked, %rdi = its index.
 */
	.globl xen_pv_ap_entry
xen_pv_ap_entry:
	UNWIND_HINT_END_OF_STACK
	cld
	xor	%ebp, %ebp
	call	xen_pv_ap_start
	ud2
