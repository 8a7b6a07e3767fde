/* SPDX-License-Identifier: GPL-2.0 */
/* System register fields the boot path sets (Arm ARM, "AArch64 System Register Descriptions"). */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

/* SCTLR_EL1: the ARMv8.0 RES1 bits (29, 28, 23, 22, 20, 11), I-cache on
 * (I, bit 12), SP alignment checked (SA, bit 3). M (MMU) and C (data
 * cache) stay 0 until arch_memory_init() builds page tables. */
#define SCTLR_EL1_RES1		0x30d00800
#define SCTLR_EL1_I		(1 << 12)
#define SCTLR_EL1_SA		(1 << 3)
#define SCTLR_EL1_BOOT		(SCTLR_EL1_RES1 | SCTLR_EL1_I | SCTLR_EL1_SA)

/* HCR_EL2.RW (bit 31): EL1 is AArch64. */
#define HCR_EL2_RW		(1 << 31)

/* CNTHCTL_EL2.EL1PCTEN, EL1PCEN: EL1 may read the physical counter and
 * use the physical timer without trapping to EL2. */
#define CNTHCTL_EL2_EL1_ACCESS	0x3

/* ID_AA64PFR0_EL1.GIC (bits 27:24): nonzero if the GIC CPU interface's
 * system registers are implemented (GICv3 or later). */
#define ID_AA64PFR0_GIC_SHIFT	24

/* The AArch64 ID registers the capabilities come from, by encoding
 * (Arm ARM, "Op0 == 0b11, ... the ID registers" encodings): the
 * assembler refuses the names of the ones newer than Armv8.0 unless told
 * the CPU has that version, which is what they are read to find out. */
#define ID_AA64PFR0_EL1		S3_0_C0_C4_0
#define ID_AA64PFR1_EL1		S3_0_C0_C4_1
#define ID_AA64ISAR0_EL1	S3_0_C0_C6_0
#define ID_AA64ISAR1_EL1	S3_0_C0_C6_1
#define ID_AA64MMFR1_EL1	S3_0_C0_C7_1
#define ID_AA64MMFR2_EL1	S3_0_C0_C7_2

/* The GICv3 CPU interface system registers, by encoding (GIC
 * architecture specification, the ICC_* and ICH_* register
 * descriptions): the assembler may not know their names. */
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define ICC_SRE_EL2		S3_4_C12_C9_5
#define ICH_HCR_EL2		S3_4_C12_C11_0

/* ICC_SRE_ELx: SRE (system register interface), DFB and DIB (FIQ and
 * IRQ bypass off); at EL2, Enable lets EL1 reach ICC_SRE_EL1. */
#define ICC_SRE_SRE		(1 << 0)
#define ICC_SRE_DFB_DIB		(3 << 1)
#define ICC_SRE_EL2_ENABLE	(1 << 3)

/* SPSR for the ERET to EL1: EL1h (SP_EL1), D, A, I and F masked. */
#define SPSR_EL1H_MASKED	0x3c5

#endif
