/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 stage 1 translation, EL1&0 regime, 4 KiB granule, 39-bit VA
 * (TCR_EL1.T0SZ = 25: the walk starts at level 1). Descriptor formats
 * from the Arm ARM, "Translation table descriptor formats".
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <stdint.h>

#define VA_BITS			39
#define PT_ENTRIES		512
#define PAGE_SHIFT		12
#define L2_BLOCK_SHIFT		21
#define L1_SHIFT		30
#define L2_BLOCK_SIZE		(1UL << L2_BLOCK_SHIFT)

#define PTE_VALID		(1ULL << 0)
#define PTE_TABLE		(1ULL << 1)	/* table (levels 1, 2) or page (level 3) */
#define PTE_ATTRINDX(i)		((uint64_t)(i) << 2)
#define PTE_AP_RO		(1ULL << 7)	/* AP[2]: read-only */
#define PTE_SH_INNER		(3ULL << 8)
#define PTE_AF			(1ULL << 10)
#define PTE_PXN			(1ULL << 53)
#define PTE_UXN			(1ULL << 54)
#define PTE_ADDR_MASK		0x0000fffffffff000ULL

/* MAIR_EL1 slots: 0 Device-nGnRnE, 1 Normal write-back (inner and outer,
 * read and write allocate). */
#define MT_DEVICE		0
#define MT_NORMAL		1
#define MAIR_VALUE		(0x00ULL << (8 * MT_DEVICE) | 0xffULL << (8 * MT_NORMAL))

/* The level 3 (or block) descriptor that maps va, or 0 if none does. */
uint64_t arm64_lookup_pte(uint64_t va);

#endif
