// SPDX-License-Identifier: GPL-2.0
/*
 * RAM past Xen's initial mapping, for the Xen PV image.
 *
 * Xen maps only the image and its bootstrap elements, rounded up to
 * 4 MiB. The rest of our pseudo-physical frames get L1 tables of our
 * own, one per 2 MiB, in the first frames past that mapping:
 *
 *   1. each table is filled through a window page pointed at its frame
 *      (update_va_mapping), and the window is pointed back before the
 *      next step: Xen validates a page as a page table only while no
 *      writable mapping of it exists;
 *   2. MMUEXT_PIN_L1_TABLE: Xen validates the table and keeps its type,
 *      whatever later happens to the entries that point at it;
 *   3. one mmu_update writes the L2 entry, by machine address, that
 *      hooks it into Xen's L2 table.
 *
 * The tables map themselves read-only, everything else read-write and
 * NX. Everything stays inside the first L2 table (1 GiB), which Xen's
 * initial mapping already has: no new L2 or L3 tables to pin.
 */
#include <stdint.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>

#define L1_ENTRIES	512
#define L1_SPAN		(L1_ENTRIES * PAGE_SIZE)
#define ONE_L2_SPAN	(1UL << 30)

uintptr_t xen_pv_initial_end;
unsigned long xen_pv_own_l1_tables;

static uint64_t table_window[L1_ENTRIES] __aligned(PAGE_SIZE);

static uint64_t machine_addr(uintptr_t pa)
{
	return (uint64_t)xen_pv_pfn_to_mfn(pa >> PAGE_SHIFT) << PAGE_SHIFT;
}

/* An entry of a table in Xen's initial set, as the table it points at. */
static const uint64_t *next_table(uint64_t entry, const char *level)
{
	const uint64_t *table = xen_pv_table_at(entry);

	if (!(entry & PTE_PRESENT) || (entry & PTE_LARGE) || !table)
		panic("xen-pv: Xen's initial %s entry for address 0 is %#lx, not a table of ours",
		      level, (unsigned long)entry);
	return table;
}

static void fill_l1_table(uintptr_t table, uintptr_t first, uintptr_t end,
			  uintptr_t tables, uintptr_t tables_end, uint64_t nx)
{
	xen_pv_map_machine_page((uintptr_t)table_window, machine_addr(table), true);
	for (unsigned int i = 0; i < L1_ENTRIES; i++) {
		uintptr_t pa = first + i * PAGE_SIZE;
		bool is_table = pa >= tables && pa < tables_end;

		table_window[i] = pa >= end ? 0 :
			machine_addr(pa) | PTE_PRESENT | PTE_ACCESSED | nx |
			(is_table ? 0 : PTE_WRITE | PTE_DIRTY);
	}
	/* Step 1's rule: no writable mapping left before the pin. */
	xen_pv_map_machine_page((uintptr_t)table_window,
				machine_addr((uintptr_t)table_window), true);
}

static void pin_l1_table(uintptr_t table)
{
	struct mmuext_op op = {
		.cmd = MMUEXT_PIN_L1_TABLE,
		.arg1.mfn = xen_pv_pfn_to_mfn(table >> PAGE_SHIFT),
	};
	unsigned int done = 0;
	long rc = xen_hypercall4(__HYPERVISOR_mmuext_op, (uintptr_t)&op, 1,
				 (uintptr_t)&done, DOMID_SELF);

	if (rc || done != 1)
		panic("xen-pv: MMUEXT_PIN_L1_TABLE of frame %#lx: %ld",
		      table >> PAGE_SHIFT, rc);
}

static void set_l2_entry(uint64_t l2_maddr, unsigned int index, uint64_t value)
{
	struct mmu_update req = {
		.ptr = (l2_maddr + index * sizeof(uint64_t)) | MMU_NORMAL_PT_UPDATE,
		.val = value,
	};
	unsigned int done = 0;
	long rc = xen_hypercall4(__HYPERVISOR_mmu_update, (uintptr_t)&req, 1,
				 (uintptr_t)&done, DOMID_SELF);

	if (rc || done != 1)
		panic("xen-pv: mmu_update of L2 entry %u: %ld", index, rc);
}

void xen_pv_map_remaining_ram(uintptr_t initial_end, uintptr_t ram_end)
{
	uintptr_t end = ram_end < ONE_L2_SPAN ? ram_end : ONE_L2_SPAN;
	uint64_t nx = nx_enabled() ? PTE_NX : 0;

	/* Until our tables are in, the walk below reads Xen's alone. */
	xen_pv_initial_end = xen_pv_mapped_end = initial_end;
	end &= ~(PAGE_SIZE - 1);
	if (end <= initial_end || initial_end % L1_SPAN)
		return;

	const uint64_t *l4 = (const uint64_t *)xen_start_info->pt_base;
	const uint64_t *l3 = next_table(l4[0], "L4");
	const uint64_t *l2 = next_table(l3[0], "L3");
	uint64_t l2_maddr = l3[0] & PTE_ADDR_MASK;
	/* The entries Xen made for its own L1 tables, minus the frame. */
	uint64_t l2_flags = l2[0] & ~PTE_ADDR_MASK;
	unsigned long count = (end - initial_end + L1_SPAN - 1) / L1_SPAN;
	uintptr_t tables = initial_end, tables_end = tables + count * PAGE_SIZE;

	for (unsigned long k = 0; k < count; k++) {
		uintptr_t first = initial_end + k * L1_SPAN;
		unsigned int index = first / L1_SPAN;

		if (l2[index] & PTE_PRESENT)
			panic("xen-pv: L2 entry %u (%#lx) is already mapped by Xen",
			      index, first);
		fill_l1_table(tables + k * PAGE_SIZE, first, end, tables, tables_end, nx);
		pin_l1_table(tables + k * PAGE_SIZE);
		set_l2_entry(l2_maddr, index, machine_addr(tables + k * PAGE_SIZE) | l2_flags);
	}
	xen_pv_own_l1_tables = count;
	xen_pv_mapped_end = end;
	printk("xen-pv: mapped %#lx-%#lx with %lu pinned L1 tables of our own\n",
	       initial_end, end, count);
}
