// SPDX-License-Identifier: GPL-2.0
/*
 * The final page tables: identity map of the first 4 GiB, W^X.
 *   text              R+X
 *   rodata            R, NX
 *   data, bss         R+W, NX
 *   AP trampoline     R+X (its data page R+W, NX)
 *   page 0            not present, so NULL dereferences fault
 *   other RAM         R+W, NX
 *   non-RAM (MMIO)    R+W, NX, uncached
 * The 2 MiB regions that hold the image or low memory use 4 KiB pages
 * so each section gets its own permission; the rest use 2 MiB pages.
 * CR0.WP (set in head.S) makes the kernel itself obey read-only pages.
 */
#include <string.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <pvpatch/arch.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "text_poke_alias.h"

#define MAPPED_SIZE	(4UL << 30)
#define ENTRIES		512

extern char __image_start[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[], __image_end[];

static uint64_t *pml4;
static bool have_nx;

uint64_t kernel_cr3(void)
{
	return (uintptr_t)pml4;
}

bool nx_enabled(void)
{
	return have_nx;
}

static uint64_t *new_table(void)
{
	uint64_t *table = alloc_pages(1);

	if (!table)
		panic("paging: out of memory for page tables");
	return table;
}

static bool in_range(uintptr_t addr, const void *start, const void *end)
{
	return addr >= (uintptr_t)start && addr < (uintptr_t)end;
}

static bool is_ram(uintptr_t addr, uint64_t size)
{
	for (unsigned int i = 0; i < boot_info.nr_ram_regions; i++) {
		const struct memory_region *r = &boot_info.ram[i];

		if (addr >= r->start && addr + size <= r->start + r->size)
			return true;
	}
	return false;
}

static uint64_t nx(void)
{
	return have_nx ? PTE_NX : 0;
}

static uint64_t small_page_flags(uintptr_t addr)
{
	if (addr == 0)
		return 0;
	if (in_range(addr, __text_start, __text_end) || addr == TRAMPOLINE_BASE)
		return PTE_PRESENT;
	if (in_range(addr, __rodata_start, __rodata_end))
		return PTE_PRESENT | nx();
	if (is_ram(addr, PAGE_SIZE) || addr < 0x100000)
		return PTE_PRESENT | PTE_WRITE | nx();
	return PTE_PRESENT | PTE_WRITE | PTE_PCD | PTE_PWT | nx();
}

static bool needs_small_pages(uintptr_t region)
{
	uintptr_t end = region + LARGE_PAGE_SIZE;

	return region < 0x100000 ||
	       (region < (uintptr_t)__image_end && end > (uintptr_t)__image_start);
}

static uint64_t map_region(uintptr_t region)
{
	if (needs_small_pages(region)) {
		uint64_t *pt = new_table();

		for (unsigned int i = 0; i < ENTRIES; i++) {
			uintptr_t addr = region + i * PAGE_SIZE;
			uint64_t flags = small_page_flags(addr);

			pt[i] = flags ? addr | flags : 0;
		}
		return (uintptr_t)pt | PTE_PRESENT | PTE_WRITE;
	}
	if (is_ram(region, LARGE_PAGE_SIZE))
		return region | PTE_PRESENT | PTE_WRITE | PTE_LARGE | nx();
	return region | PTE_PRESENT | PTE_WRITE | PTE_LARGE | PTE_PCD | PTE_PWT | nx();
}

void arch_memory_init(void)
{
	have_nx = rdmsr(MSR_EFER) & EFER_NXE;
	if (!have_nx)
		printk("warning: no NX bit: data is executable, W^X not enforced\n");

	pml4 = new_table();
	uint64_t *pdpt = new_table();

	pml4[0] = (uintptr_t)pdpt | PTE_PRESENT | PTE_WRITE;
	for (unsigned int g = 0; g < MAPPED_SIZE >> 30; g++) {
		uint64_t *pd = new_table();

		pdpt[g] = (uintptr_t)pd | PTE_PRESENT | PTE_WRITE;
		for (unsigned int i = 0; i < ENTRIES; i++)
			pd[i] = map_region(((uintptr_t)g << 30) + i * LARGE_PAGE_SIZE);
	}
	text_poke_alias_init(pml4);
	/* Copy the AP start-up code while its page is still writable. */
	trampoline_install();
	write_cr3((uintptr_t)pml4);
	printk("paging: W^X identity map of %lu GiB, text %p-%p R+X, rodata R\n",
	       MAPPED_SIZE >> 30, __text_start, __text_end);
}

uint64_t *lookup_pte(uintptr_t addr, uint64_t *mapped_size)
{
	uint64_t *table = (uint64_t *)(uintptr_t)(read_cr3() & PTE_ADDR_MASK);
	unsigned int shift = 39;

	for (int level = 4; level >= 1; level--, shift -= 9) {
		uint64_t *entry = &table[(addr >> shift) & (ENTRIES - 1)];

		if (!(*entry & PTE_PRESENT))
			return NULL;
		if (level == 1 || (*entry & PTE_LARGE)) {
			*mapped_size = 1UL << shift;
			return entry;
		}
		table = (uint64_t *)(uintptr_t)(*entry & PTE_ADDR_MASK);
	}
	return NULL;
}

static void walk_level(uint64_t *table, int level, uintptr_t base,
		       void (*fn)(uintptr_t, uint64_t, uint64_t, void *),
		       void *arg)
{
	unsigned int shift = 12 + 9 * (level - 1);

	for (unsigned int i = 0; i < ENTRIES; i++) {
		uint64_t e = table[i];
		uintptr_t va = base + ((uintptr_t)i << shift);

		if (!(e & PTE_PRESENT))
			continue;
		if (level == 1 || (e & PTE_LARGE))
			fn(va, 1UL << shift, e, arg);
		else
			walk_level((uint64_t *)(uintptr_t)(e & PTE_ADDR_MASK),
				   level - 1, va, fn, arg);
	}
}

void walk_page_tables(void (*fn)(uintptr_t, uint64_t, uint64_t, void *),
		      void *arg)
{
	walk_level((uint64_t *)(uintptr_t)(read_cr3() & PTE_ADDR_MASK), 4, 0,
		   fn, arg);
}
