// SPDX-License-Identifier: GPL-2.0
/*
 * Page tables of the Xen PV image (replaces paging.c): Xen's initial
 * ones, kept. arch_memory_init() gives them W^X through the PV MMU
 * (pv_mmu.c) instead of building new tables; the walks read them
 * where Xen maps them for us, read-only, at pt_base. Their entries hold
 * machine frames: the M2P table (read-only, at HYPERVISOR_VIRT_START)
 * turns each back into our frame number, which is also its virtual page.
 */
#include <stddef.h>
#include <stdint.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/processor.h>
#include <pvpatch/arch.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>

#define ENTRIES		512
/* L4 slots 256 and up: Xen's own area and the kernel half we do not use. */
#define GUEST_L4_SLOTS	256
#define CPUID_EXT_NX	(1U << 20)

uint64_t kernel_cr3(void)
{
	return (uint64_t)xen_pv_pfn_to_mfn(xen_start_info->pt_base >> PAGE_SHIFT) << PAGE_SHIFT;
}

bool nx_enabled(void)
{
	return cpuid(0x80000001).edx & CPUID_EXT_NX;
}

void arch_memory_init(void)
{
	xen_pv_protect_image();
}

/* The table an entry points at, or NULL when it is not one of our mapped
 * pages (below xen_pv_mapped_end). */
uint64_t *xen_pv_table_at(uint64_t entry)
{
	unsigned long mfn = (entry & PTE_ADDR_MASK) >> PAGE_SHIFT;
	unsigned long pfn = machine_to_phys_mapping[mfn];

	if (pfn >= xen_start_info->nr_pages || (pfn << PAGE_SHIFT) >= xen_pv_mapped_end)
		return NULL;
	return (uint64_t *)(pfn << PAGE_SHIFT);
}

/* Points into Xen's read-only view of the tables: look, do not write. */
uint64_t *lookup_pte(uintptr_t addr, uint64_t *mapped_size)
{
	uint64_t *table = (uint64_t *)xen_start_info->pt_base;
	unsigned int shift = 39;

	for (int level = 4; level >= 1 && table; level--, shift -= 9) {
		uint64_t *entry = &table[(addr >> shift) & (ENTRIES - 1)];

		if (!(*entry & PTE_PRESENT))
			return NULL;
		if (level == 1 || (*entry & PTE_LARGE)) {
			*mapped_size = 1UL << shift;
			return entry;
		}
		table = xen_pv_table_at(*entry);
	}
	return NULL;
}

static void walk_level(const uint64_t *table, int level, uintptr_t base, unsigned int count,
		       void (*fn)(uintptr_t, uint64_t, uint64_t, void *), void *arg)
{
	unsigned int shift = 12 + 9 * (level - 1);

	for (unsigned int i = 0; i < count; i++) {
		uint64_t e = table[i];
		uintptr_t va = base + ((uintptr_t)i << shift);
		const uint64_t *next;

		if (!(e & PTE_PRESENT))
			continue;
		if (level == 1 || (e & PTE_LARGE))
			fn(va, 1UL << shift, e, arg);
		else if ((next = xen_pv_table_at(e)))
			walk_level(next, level - 1, va, ENTRIES, fn, arg);
	}
}

void walk_page_tables(void (*fn)(uintptr_t, uint64_t, uint64_t, void *), void *arg)
{
	walk_level((const uint64_t *)xen_start_info->pt_base, 4, 0, GUEST_L4_SLOTS, fn, arg);
}
