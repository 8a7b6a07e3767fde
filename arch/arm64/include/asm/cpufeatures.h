/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 capabilities: the numbers alternatives are keyed on (the
 * feature of include/pvpatch/cpufeature.h). Most come from the ID
 * registers (arch/arm64/cpufeature.c says which field and which value);
 * a few are synthetic, set or left clear by boot code, as x86's.
 */
#ifndef ASM_CPUFEATURES_H
#define ASM_CPUFEATURES_H

#define ARM64_CAP_ALWAYS	0	/* synthetic: always set */
#define ARM64_CAP_TEST_SET	1	/* synthetic: set, for tests */
#define ARM64_CAP_TEST_CLEAR	2	/* synthetic: never set, for tests */
#define ARM64_CAP_AES		3	/* ID_AA64ISAR0_EL1.AES >= 1 */
#define ARM64_CAP_PMULL		4	/* ID_AA64ISAR0_EL1.AES >= 2 */
#define ARM64_CAP_SHA1		5	/* ID_AA64ISAR0_EL1.SHA1 >= 1 */
#define ARM64_CAP_SHA2		6	/* ID_AA64ISAR0_EL1.SHA2 >= 1 */
#define ARM64_CAP_SHA512	7	/* ID_AA64ISAR0_EL1.SHA2 >= 2 */
#define ARM64_CAP_CRC32		8	/* ID_AA64ISAR0_EL1.CRC32 >= 1 */
#define ARM64_CAP_LSE_ATOMICS	9	/* ID_AA64ISAR0_EL1.Atomic >= 2 */
#define ARM64_CAP_RDM		10	/* ID_AA64ISAR0_EL1.RDM >= 1 */
#define ARM64_CAP_SHA3		11	/* ID_AA64ISAR0_EL1.SHA3 >= 1 */
#define ARM64_CAP_DOTPROD	12	/* ID_AA64ISAR0_EL1.DP >= 1 */
#define ARM64_CAP_RNG		13	/* ID_AA64ISAR0_EL1.RNDR >= 1 */
#define ARM64_CAP_DCPOP		14	/* ID_AA64ISAR1_EL1.DPB >= 1 */
#define ARM64_CAP_LRCPC		15	/* ID_AA64ISAR1_EL1.LRCPC >= 1 */
#define ARM64_CAP_SB		16	/* ID_AA64ISAR1_EL1.SB >= 1 */
#define ARM64_CAP_DIT		17	/* ID_AA64PFR0_EL1.DIT >= 1 */
#define ARM64_CAP_BTI		18	/* ID_AA64PFR1_EL1.BT >= 1 */
#define ARM64_CAP_SSBS		19	/* ID_AA64PFR1_EL1.SSBS >= 1 */
#define ARM64_CAP_MTE		20	/* ID_AA64PFR1_EL1.MTE >= 1 */
#define ARM64_CAP_HAFDBS	21	/* ID_AA64MMFR1_EL1.HAFDBS >= 1 */
#define ARM64_CAP_VHE		22	/* ID_AA64MMFR1_EL1.VH >= 1 */
#define ARM64_CAP_PAN		23	/* ID_AA64MMFR1_EL1.PAN >= 1 */
#define ARM64_CAP_UAO		24	/* ID_AA64MMFR2_EL1.UAO >= 1 */
#define ARM64_NCAPS		25

#endif
