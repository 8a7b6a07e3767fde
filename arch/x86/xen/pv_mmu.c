// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV image's page-table writes: through the PV MMU interface,
 * never by storing to a table (Xen keeps the tables read-only to us and
 * their entries hold machine frames, not our pseudo-physical ones).
 *
 * We keep Xen's initial tables. The image gets W^X on them page by page
 * (HYPERVISOR_update_va_mapping), and text is written through an alias
 * as in the PVH image (text_poke.c, which this file replaces): two pages
 * of .bss whose entries are pointed at the text's frames for the copy
 * and back at their own afterwards.
 */
#include <stdint.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/text_poke.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>

#define CPUID_EXT_NX	(1U << 20)	/* CPUID 0x80000001 EDX */

static uint8_t poke_window[2 * PAGE_SIZE] __aligned(PAGE_SIZE);

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __image_start[], __image_end[];

unsigned long xen_pv_pfn_to_mfn(unsigned long pfn)
{
	const xen_pfn_t *p2m = (const xen_pfn_t *)xen_start_info->mfn_list;

	if (pfn >= xen_start_info->nr_pages)
		panic("xen-pv: pfn %#lx beyond the %lu pages we own", pfn,
		      xen_start_info->nr_pages);
	return p2m[pfn];
}

/* Xen runs 64-bit PV guests with EFER.NX on when the CPU has it. */
static uint64_t nx_flag(void)
{
	return cpuid(0x80000001).edx & CPUID_EXT_NX ? PTE_NX : 0;
}

/* Map the page at va to pseudo-physical page pa with flags; this CPU's
 * TLB entry for va goes with it. */
static void set_pte(uintptr_t va, uintptr_t pa, uint64_t flags)
{
	uint64_t pte = (uint64_t)xen_pv_pfn_to_mfn(pa >> PAGE_SHIFT) << PAGE_SHIFT;
	long rc = xen_hypercall3(__HYPERVISOR_update_va_mapping, va,
				 pte | flags | PTE_PRESENT | PTE_ACCESSED,
				 UVMF_INVLPG | UVMF_LOCAL);

	if (rc)
		panic("xen-pv: update_va_mapping(%#lx -> pfn %#lx) failed: %ld",
		      va, pa >> PAGE_SHIFT, rc);
}

void xen_pv_map_machine_page(uintptr_t va, uint64_t maddr, bool writable)
{
	uint64_t pte = (maddr & PTE_ADDR_MASK) | PTE_PRESENT | PTE_ACCESSED | nx_flag() |
		       (writable ? PTE_WRITE | PTE_DIRTY : 0);
	long rc = xen_hypercall3(__HYPERVISOR_update_va_mapping, va, pte,
				 UVMF_INVLPG | UVMF_LOCAL);

	if (rc)
		panic("xen-pv: mapping machine page %#lx at %#lx failed: %ld",
		      (unsigned long)maddr, va, rc);
}

/*
 * A domU may not write Xen's console: its console is a ring page that
 * xenconsoled drains, given in start_info as a machine frame. Mapped at
 * boot, before the console starts, and again once the image's pages are
 * remapped for W^X; Xen's console code asks for it (xen_pv_domu_console()).
 */
static uint8_t console_window[PAGE_SIZE] __aligned(PAGE_SIZE);

static bool has_domu_console(const struct start_info *si)
{
	return !(si->flags & SIF_INITDOMAIN) && si->console.domU.mfn;
}

void xen_pv_map_domu_console(void)
{
	const struct start_info *si = xen_start_info;

	if (!has_domu_console(si))
		return;
	xen_pv_map_machine_page((uintptr_t)console_window,
				(uint64_t)si->console.domU.mfn << PAGE_SHIFT, true);
}

void *xen_pv_domu_console(uint32_t *port)
{
	const struct start_info *si = xen_start_info;

	if (!has_domu_console(si))
		return NULL;
	*port = si->console.domU.evtchn;
	return console_window;
}

static void protect(const char *start, const char *end, uint64_t flags)
{
	for (uintptr_t va = (uintptr_t)start; va < (uintptr_t)end; va += PAGE_SIZE)
		set_pte(va, va, flags);
}

/*
 * W^X for the image: text R+X, rodata R, data and .bss R+W+NX, and the
 * bootstrap elements after it NX (the page tables among them stay
 * read-only: Xen allows no writable mapping of a page table). Xen's
 * initial mapping made all of it writable (but the tables) and
 * executable. Page 0 (mapped too: VIRT_BASE 0) goes, so that NULL
 * faults as in the PVH image.
 */
void xen_pv_protect_image(void)
{
	uint64_t nx = nx_flag();
	uintptr_t tables = xen_start_info->pt_base;
	uintptr_t tables_end = tables + xen_start_info->nr_pt_frames * PAGE_SIZE;
	long rc = xen_hypercall3(__HYPERVISOR_update_va_mapping, 0, 0,
				 UVMF_INVLPG | UVMF_LOCAL);

	if (rc)
		panic("xen-pv: unmapping page 0 failed: %ld", rc);

	protect(__text_start, __text_end, 0);
	protect(__rodata_start, __rodata_end, nx);
	protect(__data_start, __image_end, PTE_WRITE | PTE_DIRTY | nx);
	protect((const char *)PAGE_SIZE, __image_start, PTE_WRITE | PTE_DIRTY | nx);
	/* Past xen_pv_initial_end our own tables mapped RAM W^X already. */
	for (uintptr_t va = (uintptr_t)__image_end; va < xen_pv_initial_end; va += PAGE_SIZE) {
		bool table = va >= tables && va < tables_end;

		set_pte(va, va, table ? nx : PTE_WRITE | PTE_DIRTY | nx);
	}
	xen_pv_map_domu_console();	/* its window in .bss was just reset */
	printk("xen-pv: image W^X through update_va_mapping (text %p-%p)\n",
	       (void *)__text_start, (void *)__text_end);
}

void arch_text_write(void *addr, const void *src, size_t len)
{
	uintptr_t page = (uintptr_t)addr & ~(PAGE_SIZE - 1);
	uintptr_t offset = (uintptr_t)addr - page;
	uintptr_t window = (uintptr_t)poke_window;
	uint64_t nx = nx_flag();

	if (offset + len > 2 * PAGE_SIZE)
		panic("text_poke: %zu bytes at %p span more than two pages", len, addr);
	/* No interrupt on this CPU may see the alias half set up. */
	unsigned long flags = local_irq_save();

	set_pte(window, page, PTE_WRITE | nx);
	set_pte(window + PAGE_SIZE, page + PAGE_SIZE, PTE_WRITE | nx);
	memcpy(poke_window + offset, src, len);
	set_pte(window, window, PTE_WRITE | PTE_DIRTY | nx);
	set_pte(window + PAGE_SIZE, window + PAGE_SIZE, PTE_WRITE | PTE_DIRTY | nx);
	local_irq_restore(flags);
}
