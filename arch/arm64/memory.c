// SPDX-License-Identifier: GPL-2.0
/*
 * The MMU on arm64: an identity map of RAM, the console's UART and the
 * GIC, W^X.
 * Text is read-only and executable, rodata read-only, everything else
 * (data, BSS, stacks, the allocator's pages, devices) read-write and
 * never executable; SCTLR_EL1.WXN makes the CPU hold every writable page
 * non-executable as well. RAM is mapped in 2 MiB blocks but where the
 * image lies, in 4 KiB pages. Nothing else is mapped: address 0 faults.
 *
 * Text is written only through a temporary alias (text_poke.c): the same
 * pages mapped writable and never executable at ARM64_TEXT_ALIAS, for
 * the length of one write. Writing text at its own address is a
 * permission fault, which crash=wx shows.
 */
#include <stdint.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <pvpatch/arch.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/compiler.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "arm64.h"

extern char __image_start[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[], __image_end[];

#define NORMAL_RW	(PTE_ATTRINDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_PXN | PTE_UXN)
#define NORMAL_RX	(PTE_ATTRINDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_AP_RO | PTE_UXN)
#define NORMAL_RO	(NORMAL_RW | PTE_AP_RO)
#define DEVICE_RW	(PTE_ATTRINDX(MT_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)

/* TCR_EL1: T0SZ 25 (39-bit VA), walks cacheable write-back (IRGN0 and
 * ORGN0 = 01) and inner shareable (SH0 = 11), TG0 4 KiB; EPD1: no walks
 * through TTBR1 (nothing lives in the upper half). IPS is added at run
 * time from the CPU's PARange. */
#define TCR_T0SZ	(64 - VA_BITS)
#define TCR_WALK_WB	((1ULL << 8) | (1ULL << 10) | (3ULL << 12))
#define TCR_EPD1	(1ULL << 23)
#define TCR_IPS_SHIFT	32
#define PARANGE_48BIT	5	/* 52 bits needs FEAT_LPA2 with 4 KiB pages */

#define SCTLR_M		(1ULL << 0)
#define SCTLR_C		(1ULL << 2)
#define SCTLR_WXN	(1ULL << 19)

static uint64_t *root;		/* level 1 */

/* Invalidate [start, end) in the data caches to the point of coherency
 * (DC IVAC; Arm ARM DDI 0487, "Data cache maintenance instructions").
 * Everything written with the MMU off went to memory around the caches
 * (with stage 1 disabled every data access is Device-nGnRnE: "The
 * effects of disabling an address translation stage"); once the MMU is
 * on, loads and table walks are cacheable and a stale line the loader
 * left would shadow what we wrote. */
static void dcache_inval(uintptr_t start, uintptr_t end)
{
	/* CTR_EL0.DminLine: log2 of the smallest line, in 4-byte words. */
	uintptr_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uintptr_t p = start & ~(line - 1); p < end; p += line)
		__asm__ __volatile__("dc ivac, %0" : : "r"(p) : "memory");
}

static uint64_t *new_table(void)
{
	uint64_t *t = alloc_pages(1);	/* zeroed: every entry invalid */

	if (!t)
		panic("mmu: out of memory for page tables");
	/* With the MMU off nothing allocates cache lines, so dropping any
	 * line the loader left here now keeps the walker's cacheable reads
	 * (TCR_EL1.IRGN0) on what we write to memory next. */
	dcache_inval((uintptr_t)t, (uintptr_t)t + PAGE_BYTES);
	return t;
}

/* The next level's table under *entry: made if absent, and a block
 * split into the same mapping in pages (or 2 MiB blocks) if one is
 * there. The tables are not live yet (the MMU is off), so no
 * break-before-make (Arm ARM, "Using break-before-make when updating translation table entries") is needed for the split. */
static uint64_t *next_table(uint64_t *entry, unsigned int child_shift)
{
	uint64_t e = *entry;

	if (e & PTE_VALID && e & PTE_TABLE)
		return (uint64_t *)(uintptr_t)(e & PTE_ADDR_MASK);
	uint64_t *t = new_table();

	if (e & PTE_VALID) {
		uint64_t child_type = child_shift == PAGE_SHIFT ? PTE_TABLE : 0;

		for (unsigned int i = 0; i < PT_ENTRIES; i++)
			t[i] = (e + ((uint64_t)i << child_shift)) | child_type;
	}
	*entry = (uintptr_t)t | PTE_TABLE | PTE_VALID;
	return t;
}

/* Map [start, end) (page aligned) to itself with attrs: 2 MiB blocks
 * where a whole aligned block fits, else 4 KiB pages. */
static void map_range(uint64_t start, uint64_t end, uint64_t attrs)
{
	for (uint64_t va = start; va < end;) {
		if (va >> VA_BITS)
			panic("mmu: 0x%lx is past the %u-bit address space",
			      (unsigned long)va, VA_BITS);
		uint64_t *l2 = next_table(&root[(va >> L1_SHIFT) % PT_ENTRIES], L2_BLOCK_SHIFT);
		uint64_t *l2e = &l2[(va >> L2_BLOCK_SHIFT) % PT_ENTRIES];

		if (!(va & (L2_BLOCK_SIZE - 1)) && end - va >= L2_BLOCK_SIZE &&
		    !(*l2e & PTE_TABLE)) {
			*l2e = va | attrs | PTE_VALID;	/* a block: bit 1 clear */
			va += L2_BLOCK_SIZE;
			continue;
		}
		uint64_t *l3 = next_table(l2e, PAGE_SHIFT);

		l3[(va >> PAGE_SHIFT) % PT_ENTRIES] = va | attrs | PTE_TABLE | PTE_VALID;
		va += PAGE_BYTES;
	}
}

uint64_t arm64_lookup_pte(uint64_t va)
{
	if (!root || va >> VA_BITS)
		return 0;
	uint64_t e = root[(va >> L1_SHIFT) % PT_ENTRIES];

	if (!(e & PTE_VALID) || !(e & PTE_TABLE))
		return e & PTE_VALID ? e : 0;
	e = ((uint64_t *)(uintptr_t)(e & PTE_ADDR_MASK))[(va >> L2_BLOCK_SHIFT) % PT_ENTRIES];
	if (!(e & PTE_VALID) || !(e & PTE_TABLE))
		return e & PTE_VALID ? e : 0;
	e = ((uint64_t *)(uintptr_t)(e & PTE_ADDR_MASK))[(va >> PAGE_SHIFT) % PT_ENTRIES];
	return e & PTE_VALID ? e : 0;
}

static uint64_t *alias_ptes;	/* the alias's two level 3 entries */

/* The alias's tables now, while the MMU is off and tables are cheap to
 * make; its entries stay invalid until a write maps them. */
static void text_alias_init(void)
{
	uint64_t *l2 = next_table(&root[(ARM64_TEXT_ALIAS >> L1_SHIFT) % PT_ENTRIES],
				  L2_BLOCK_SHIFT);
	uint64_t *l3 = next_table(&l2[(ARM64_TEXT_ALIAS >> L2_BLOCK_SHIFT) % PT_ENTRIES],
				  PAGE_SHIFT);

	alias_ptes = &l3[(ARM64_TEXT_ALIAS >> PAGE_SHIFT) % PT_ENTRIES];
}

/*
 * Invalid to valid needs no TLB maintenance: a TLB never holds a
 * translation that faulted (Arm ARM, "Translation Lookaside Buffers
 * (TLBs)"). The DSB makes the descriptor stores visible to the table
 * walk, the ISB keeps the alias accesses that follow from being
 * translated before it ("Ordering and completion of TLB maintenance
 * instructions" describes the same DSB + ISB pair).
 */
void arm64_text_alias_map(uint64_t page)
{
	alias_ptes[0] = page | NORMAL_RW | PTE_TABLE | PTE_VALID;
	alias_ptes[1] = (page + PAGE_BYTES) | NORMAL_RW | PTE_TABLE | PTE_VALID;
	__asm__ __volatile__("dsb ishst\n\tisb" ::: "memory");
}

/*
 * Valid to invalid: clear, DSB so the walk sees it, TLBI by VA for all
 * ASIDs, broadcast in the Inner Shareable domain (another CPU's walker
 * may have cached the entry speculatively), DSB to complete the
 * invalidation and ISB for this CPU (Arm ARM, "TLB maintenance
 * instructions"). From here no CPU can write text through the alias.
 */
void arm64_text_alias_unmap(void)
{
	alias_ptes[0] = 0;
	alias_ptes[1] = 0;
	__asm__ __volatile__("dsb ishst\n\t"
			     "tlbi vaae1is, %0\n\t"
			     "tlbi vaae1is, %1\n\t"
			     "dsb ish\n\tisb"
			     : : "r"(ARM64_TEXT_ALIAS >> PAGE_SHIFT),
			       "r"((ARM64_TEXT_ALIAS + PAGE_BYTES) >> PAGE_SHIFT)
			     : "memory");
}

static void map_device(struct fdt_range r)
{
	if (r.size)
		map_range(ALIGN_DOWN(r.start, PAGE_BYTES), ALIGN_UP(r.start + r.size, PAGE_BYTES),
			  DEVICE_RW);
}

/*
 * Turn the MMU on. Writes to MAIR/TCR/TTBR take effect for translation
 * only after a context synchronization event (Arm ARM, "Synchronization
 * requirements for AArch64 System registers"), so
 * an ISB sits between them and SCTLR_EL1.M, and another after M so the
 * following instructions are fetched and executed translated. The code
 * runs identity mapped, so the PC is valid on both sides of the switch.
 */
static void mmu_enable(uint64_t parange)
{
	uint64_t tcr = TCR_T0SZ | TCR_WALK_WB | TCR_EPD1 |
		       (parange > PARANGE_48BIT ? PARANGE_48BIT : parange) << TCR_IPS_SHIFT;

	dcache_inval((uintptr_t)__image_start, (uintptr_t)__image_end);
	/* The table stores (Device, uncached) complete before any walk, and
	 * no translation cached before this (firmware's, QEMU's) survives:
	 * TLBI then DSB to complete it (Arm ARM, "TLB maintenance
	 * instructions"). */
	__asm__ __volatile__("dsb sy\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
	write_sysreg(mair_el1, MAIR_VALUE);
	write_sysreg(tcr_el1, tcr);
	write_sysreg(ttbr0_el1, (uintptr_t)root);
	isb();
	write_sysreg(sctlr_el1, SCTLR_EL1_BOOT | SCTLR_M | SCTLR_C | SCTLR_WXN);
	isb();
	/* The I-cache may hold lines fetched under the MMU-off attributes
	 * (SCTLR_EL1.I was set): drop them, so every fetch from here on
	 * goes through the new translation (Arm ARM, "Instruction cache
	 * maintenance instructions"). */
	__asm__ __volatile__("ic iallu\n\tdsb nsh\n\tisb" ::: "memory");
}

void arch_memory_init(void)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	root = new_table();
	for (unsigned int i = 0; i < boot_info.nr_ram_regions; i++) {
		uint64_t s = ALIGN_UP(boot_info.ram[i].start, PAGE_BYTES);
		uint64_t e = ALIGN_DOWN(boot_info.ram[i].start + boot_info.ram[i].size, PAGE_BYTES);

		if (s < e)
			map_range(s, e, NORMAL_RW);
	}
	map_range((uintptr_t)__text_start, (uintptr_t)__text_end, NORMAL_RX);
	map_range((uintptr_t)__rodata_start, (uintptr_t)__rodata_end, NORMAL_RO);
	map_device(arm64_fdt.uart);
	/* The GIC's distributor and its CPU interface (v2) or
	 * redistributors (v3): Device memory, never executable. */
	map_device(arm64_fdt.gic_dist);
	map_device(arm64_fdt.gic_cpu_or_redist);
	text_alias_init();
	mmu_enable(parange);
	printk("mmu: on, 4 KiB granule, %u-bit VA; text RX, rodata R, the rest RW+XN (WXN)\n",
	       VA_BITS);
}
