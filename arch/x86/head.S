/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PVH entry. QEMU (-kernel on microvm) and Xen start us here in 32-bit
 * protected mode with paging off, flat segments, interrupts off, and
 * %ebx holding the physical address of struct hvm_start_info
 * (xen/arch-x86/hvm/start_info.h). We zero .bss, identity map the
 * first 4 GiB with 2 MiB pages, enter long mode and call x86_start().
 * These boot page tables are replaced by W^X ones in paging_init().
 */
#include <asm/page.h>
#include <asm/segment.h>
#include <asm/unwind_hints.h>
#include <xen/elfnote.h>

	/* A Xen PV image (CONFIG_XEN_PV) must not offer this entry too:
	 * Xen would boot it as PVH. Its notes are in arch/x86/xen/pv_head.S. */
#ifndef CONFIG_XEN_PV
	.section .note.Xen, "a"
	.balign 4
	.long 4				/* name size: "Xen\0" */
	.long 4				/* descriptor size */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long pvh_entry
#endif

	.section .text.boot, "ax"
	.code32
	.globl pvh_entry
pvh_entry:
	cli
	cld
	mov	%ebx, %esi

	/* .bss first: the stack and the page tables live there. */
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl

	mov	%esi, pvh_start_info_pa
	mov	$boot_stack_top, %esp

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories. */
	mov	$boot_pdpt + (PTE_PRESENT | PTE_WRITE), %eax
	mov	%eax, boot_pml4
	mov	$boot_pd + (PTE_PRESENT | PTE_WRITE), %eax
	mov	$boot_pdpt, %edi
	mov	$4, %ecx
1:	mov	%eax, (%edi)
	add	$PAGE_SIZE, %eax
	add	$8, %edi
	loop	1b

	/* 2048 2 MiB pages: 0 .. 4 GiB. */
	mov	$(PTE_PRESENT | PTE_WRITE | PTE_LARGE), %eax
	mov	$boot_pd, %edi
	mov	$2048, %ecx
2:	mov	%eax, (%edi)
	add	$LARGE_PAGE_SIZE, %eax
	add	$8, %edi
	loop	2b

	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$boot_pml4, %eax
	mov	%eax, %cr3

	/* Long mode, and NX when the CPU has it (CPUID 0x80000001 EDX[20]). */
	mov	$0x80000001, %eax
	cpuid
	mov	%edx, %ebx
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	bt	$20, %ebx
	jnc	3f
	or	$EFER_NXE, %eax
3:	wrmsr

	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP | CR0_PE), %eax
	mov	%eax, %cr0

	lgdt	boot_gdt_descriptor
	ljmp	$KERNEL_CS, $long_mode_entry

	.code64
long_mode_entry:
	/* The first frame of the boot CPU: backtraces end here. */
	UNWIND_HINT_END_OF_STACK
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	mov	$boot_stack_top, %rsp
	xor	%ebp, %ebp		/* ends every backtrace */
	mov	pvh_start_info_pa(%rip), %edi
	call	x86_start
	ud2

	.data
	.balign 8
	.globl pvh_start_info_pa
pvh_start_info_pa:
	.quad 0

	/* Written by the CPU (accessed bits), so it lives in .data. */
	.balign 16
	.globl boot_gdt
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* KERNEL_CS: 64-bit code */
	.quad 0x00cf92000000ffff	/* KERNEL_DS */
	.quad 0x00cf9a000000ffff	/* KERNEL_CS32 */
boot_gdt_end:
boot_gdt_descriptor:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.bss
	.balign PAGE_SIZE
	.globl boot_pml4
boot_pml4:
	.skip PAGE_SIZE
boot_pdpt:
	.skip PAGE_SIZE
boot_pd:
	.skip 4 * PAGE_SIZE
	.globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.skip CONFIG_STACK_PAGES * PAGE_SIZE
boot_stack_top:
