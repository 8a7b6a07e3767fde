/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 entry. The image starts with the 64-byte arm64 Linux Image header
 * (field layout from Linux's Documentation/arch/arm64/booting.rst), so
 * QEMU's -kernel treats it as a Linux Image: it loads it at the RAM base
 * plus text_offset and enters at the first byte with the device tree's
 * physical address in x0, the MMU off, at EL2 (virtualization=on) or EL1.
 */
#include <asm/sysreg.h>

/* QEMU virt's RAM starts at 0x40000000 and an Image goes text_offset
 * above a 2 MiB aligned base near the start of RAM: the link address is
 * that base plus this. */
#define TEXT_OFFSET	0x200000

#if (CONFIG_LOAD_ADDRESS & 0x1fffff) != 0
#error "CONFIG_LOAD_ADDRESS must be 2 MiB aligned"
#endif

	.section .text.boot, "ax"
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	TEXT_OFFSET		/* text_offset */
	.quad	__image_size		/* image_size: the loader keeps it free, BSS included */
	/* flags: little-endian (bit 0 = 0), 4 KiB pages (bits 2:1 = 1),
	 * base 2 MiB aligned near the start of RAM (bit 3 = 0). */
	.quad	(1 << 1)
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE/COFF header */

primary_entry:
	mov	x19, x0			/* the DTB; x19 survives the calls below */

	/* Linked to run where it was loaded, with the MMU off: if the
	 * loader put us elsewhere every absolute address is wrong. */
	adr	x1, _head
	ldr	x2, =_head
	cmp	x1, x2
	b.ne	wrong_place

	mrs	x1, CurrentEL
	ubfx	x1, x1, #2, #2
	mov	x20, x1			/* the entry EL, for the banner */
	cmp	x1, #1
	b.eq	at_el1
	cmp	x1, #2
	b.ne	wrong_place		/* EL3 (secure=on): not supported */

	/* EL2: run the kernel at EL1. EL1 is AArch64 and owns its timer;
	 * no stage 2 (HCR_EL2.VM = 0). */
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mov	x1, #CNTHCTL_EL2_EL1_ACCESS
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	/* SCTLR_EL1 resets to UNKNOWN: a known value before EL1 runs. */
	ldr	x1, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	adr	x1, at_el1
	msr	elr_el2, x1
	eret

at_el1:
	ldr	x1, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x1
	/* SCTLR_EL1 changes take effect after a context synchronization
	 * event (Arm ARM, "Synchronization requirements for AArch64 System
	 * registers"). */
	isb

	ldr	x1, =boot_stack_top
	mov	sp, x1

	/* BSS is not in the file and the boot protocol does not zero it.
	 * The linker script aligns both ends to 16 bytes. */
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:
	ldr	x1, =exception_vectors
	msr	vbar_el1, x1
	/* The new VBAR_EL1 is used only after a context synchronization
	 * event: any fault from here on must reach our vectors. */
	isb

	/* The end of the frame-record chain for backtraces. */
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	mov	x1, x20
	bl	arm64_start
	b	.

/* Nothing to print on yet (the UART's address is in the DTB): stop, and
 * let the host's time-out report it. */
wrong_place:
	wfe
	b	wrong_place

	.bss
	.balign	16
	.globl	boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.skip	CONFIG_STACK_PAGES * 4096
boot_stack_top:
