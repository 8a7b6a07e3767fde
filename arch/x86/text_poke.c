// SPDX-License-Identifier: GPL-2.0
/*
 * Writing text through a temporary alias. The text mapping stays
 * read-only and executable for its whole life; a write maps the target
 * page(s) writable and non-executable at a private virtual address that
 * no code ever runs from, copies, and unmaps. The caller holds the text
 * lock, so one alias slot is enough.
 */
#include <stdint.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/text_poke.h>
#include "text_poke_alias.h"

#define POKE_ALIAS	0x0000100000000000UL	/* 16 TiB: PML4 slot 32 */

static uint64_t *alias_ptes;	/* two PTEs: the page and the next one */

static uint64_t *alloc_table(void)
{
	uint64_t *t = alloc_pages(1);

	if (!t)
		panic("text_poke: no memory for the alias page tables");
	return t;
}

void text_poke_alias_init(uint64_t *pml4)
{
	uint64_t *pdpt = alloc_table(), *pd = alloc_table(), *pt = alloc_table();
	unsigned int slot = (POKE_ALIAS >> 39) & 511;

	pml4[slot] = (uintptr_t)pdpt | PTE_PRESENT | PTE_WRITE;
	pdpt[(POKE_ALIAS >> 30) & 511] = (uintptr_t)pd | PTE_PRESENT | PTE_WRITE;
	pd[(POKE_ALIAS >> 21) & 511] = (uintptr_t)pt | PTE_PRESENT | PTE_WRITE;
	alias_ptes = &pt[(POKE_ALIAS >> 12) & 511];
}

static void invalidate_alias(void)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(POKE_ALIAS) : "memory");
	__asm__ __volatile__("invlpg (%0)" : : "r"(POKE_ALIAS + PAGE_SIZE) : "memory");
}

void arch_text_write(void *addr, const void *src, size_t len)
{
	uintptr_t page = (uintptr_t)addr & ~(PAGE_SIZE - 1);
	uintptr_t offset = (uintptr_t)addr - page;
	uint64_t nx = rdmsr(MSR_EFER) & EFER_NXE ? PTE_NX : 0;

	if (offset + len > 2 * PAGE_SIZE)
		panic("text_poke: %zu bytes at %p span more than two pages", len, addr);
	/* No interrupt on this CPU may see the alias half set up. */
	unsigned long flags = local_irq_save();

	alias_ptes[0] = page | PTE_PRESENT | PTE_WRITE | nx;
	alias_ptes[1] = (page + PAGE_SIZE) | PTE_PRESENT | PTE_WRITE | nx;
	invalidate_alias();
	memcpy((void *)(POKE_ALIAS + offset), src, len);
	alias_ptes[0] = 0;
	alias_ptes[1] = 0;
	invalidate_alias();
	local_irq_restore(flags);
}
