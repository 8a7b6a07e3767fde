/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 entry. The image starts with the 64-byte arm64 Linux Image header
 * (field layout from Linux's Documentation/arch/arm64/booting.rst), so
 * QEMU's -kernel treats it as a Linux Image: it loads it at the RAM base
 * plus text_offset and enters at the first byte with the device tree's
 * physical address in x0, the MMU off, at EL2 (virtualization=on) or EL1.
 */
#include <asm/percpu.h>
#include <asm/sysreg.h>

/* QEMU virt's RAM starts at 0x40000000 and an Image goes text_offset
 * above a 2 MiB aligned base near the start of RAM: the link address is
 * that base plus this. */
#define TEXT_OFFSET	0x200000

#if (CONFIG_LOAD_ADDRESS & 0x1fffff) != 0
#error "CONFIG_LOAD_ADDRESS must be 2 MiB aligned"
#endif

/*
 * From EL2 to EL1 (the boot CPU, and secondaries that PSCI starts at
 * EL2 when QEMU runs with virtualization=on): EL1 is AArch64 and owns
 * its timers; no stage 2 (HCR_EL2.VM = 0), and interrupts are not routed
 * to EL2 (IMO and FMO clear), so the GIC's IRQs are taken at EL1. Uses
 * x1 only.
 */
.macro	drop_to_el1 target
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mov	x1, #CNTHCTL_EL2_EL1_ACCESS
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	/* MPIDR_EL1 and MIDR_EL1 read at EL1 return VMPIDR_EL2 and
	 * VPIDR_EL2, which reset to UNKNOWN values: give EL1 the real ones
	 * (the device tree's cpu reg is the real MPIDR). */
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	/* With a GICv3 CPU interface, EL1's ICC_SRE_EL1 traps to EL2
	 * unless ICC_SRE_EL2.Enable is set, and the system register
	 * interface must be on at EL2 for EL1 to have it (GIC architecture
	 * specification, "ICC_SRE_EL2"). Where there is no such interface
	 * (GICv2) these registers are UNDEFINED: ask ID_AA64PFR0_EL1 first. */
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x1, 9f
	mrs	x1, ICC_SRE_EL2
	orr	x1, x1, #ICC_SRE_SRE
	orr	x1, x1, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x1
	isb
	msr	ICH_HCR_EL2, xzr	/* no virtual CPU interface */
9:
	/* SCTLR_EL1 resets to UNKNOWN: a known value before EL1 runs. */
	ldr	x1, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	adr	x1, \target
	msr	elr_el2, x1
	eret
.endm

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
	drop_to_el1 at_el1

at_el1:
	ldr	x1, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x1
	/* SCTLR_EL1 changes take effect after a context synchronization
	 * event (Arm ARM, "Synchronization requirements for AArch64 System
	 * registers"). */
	isb
	/* This CPU's struct cpu from the first C function on: printk's
	 * console lock asks smp_processor_id(). */
	ldr	x1, =cpus
	msr	tpidr_el1, x1

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

/*
 * Secondary CPUs, started by PSCI CPU_ON (smp.c) with the MMU off, at
 * EL2 or EL1, x0 the context ID: the CPU's struct cpu (identity mapped,
 * so its physical address is its address). With the MMU off every data
 * access is Device memory and goes around the caches, so nothing here
 * reads what the boot CPU wrote through its cache but secondary_mmu,
 * which smp.c cleans to the point of coherency before CPU_ON. The stack
 * (cacheable memory) is first touched with the MMU on.
 */
	.globl	secondary_entry
secondary_entry:
	mov	x19, x0
	mrs	x1, CurrentEL
	ubfx	x1, x1, #2, #2
	cmp	x1, #1
	b.eq	secondary_at_el1
	cmp	x1, #2
	b.ne	wrong_place
	drop_to_el1 secondary_at_el1

secondary_at_el1:
	ldr	x1, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x1
	isb
	msr	tpidr_el1, x19
	ldr	x1, =exception_vectors
	msr	vbar_el1, x1

	/* The boot CPU's translation regime: the same tables and
	 * attributes. No TLB entry from before reset may be used (their
	 * contents are UNKNOWN out of reset): invalidate, then program the
	 * registers, ISB so they are in effect before SCTLR_EL1.M, ISB
	 * after M so what follows is fetched translated (Arm ARM,
	 * "Synchronization requirements for AArch64 System registers"). */
	ldr	x2, =secondary_mmu
	ldp	x3, x4, [x2]		/* MAIR_EL1, TCR_EL1 */
	ldp	x5, x6, [x2, #16]	/* TTBR0_EL1, SCTLR_EL1 */
	tlbi	vmalle1
	dsb	nsh
	msr	mair_el1, x3
	msr	tcr_el1, x4
	msr	ttbr0_el1, x5
	isb
	msr	sctlr_el1, x6
	isb
	/* Nothing fetched under the MMU-off attributes stays. */
	ic	iallu
	dsb	nsh
	isb

	ldr	x1, [x19, #CPU_STACK_TOP_OFFSET]
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	arm64_secondary_start
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
