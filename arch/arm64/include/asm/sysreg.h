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

/* SPSR for the ERET to EL1: EL1h (SP_EL1), D, A, I and F masked. */
#define SPSR_EL1H_MASKED	0x3c5

#endif
