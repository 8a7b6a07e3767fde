/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#ifdef __ASSEMBLY__
#define _UL(x)	x
#else
#define _UL(x)	x##UL
#endif

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_UL(1) << PAGE_SHIFT)
#define LARGE_PAGE_SIZE	(_UL(1) << 21)

#define PTE_PRESENT	(_UL(1) << 0)
#define PTE_WRITE	(_UL(1) << 1)
#define PTE_USER	(_UL(1) << 2)
#define PTE_PWT		(_UL(1) << 3)
#define PTE_PCD		(_UL(1) << 4)
#define PTE_ACCESSED	(_UL(1) << 5)
#define PTE_DIRTY	(_UL(1) << 6)
#define PTE_LARGE	(_UL(1) << 7)
#define PTE_GLOBAL	(_UL(1) << 8)
#define PTE_NX		(_UL(1) << 63)
#define PTE_ADDR_MASK	_UL(0x000ffffffffff000)

/* Control register and EFER bits used during boot. */
#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_PGE		(1 << 7)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

#ifndef __ASSEMBLY__
#include <stdint.h>
/*
 * Memory is identity mapped: a physical address is its pointer. The
 * empty asm hides the constant from the compiler, which would otherwise
 * reason about "objects" at fixed low addresses (-Warray-bounds).
 */
static inline void *phys_to_virt(uintptr_t phys)
{
	__asm__("" : "+r"(phys));
	return (void *)phys;
}
#endif

#endif
