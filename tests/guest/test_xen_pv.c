// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen 64-bit PV boot path (CONFIG_XEN_PV, run as Xen's PV dom0 by
 * tools/pvrun --hv xen): what Xen handed over at the PV entry and what
 * the boot made of it. Built only into the PV image.
 */
#include <string.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/ktest.h>
#include "../../hypervisor/xen/xen_abi.h"
#include <asm/xen/pv.h>

extern char __image_end[];

static void start_info_is_xens(struct kunit *test)
{
	const struct start_info *si = xen_start_info;

	KUNIT_ASSERT_NOT_NULL(test, si);
	KUNIT_EXPECT_EQ(test, memcmp(si->magic, "xen-3.0-x86_64", 14), 0);
	KUNIT_EXPECT_GT(test, si->nr_pages, 0);
	KUNIT_EXPECT_GT(test, si->nr_pt_frames, 0);
	/* The bootstrap elements follow the image. */
	KUNIT_EXPECT_GE(test, (uintptr_t)si, (uintptr_t)__image_end);
}

static void started_as_dom0(struct kunit *test)
{
	if (!(xen_start_info->flags & SIF_INITDOMAIN))
		kunit_skip(test, "not the initial domain (a PV domU)");
	KUNIT_EXPECT_TRUE(test, xen_start_info->flags & SIF_PRIVILEGED);
	KUNIT_EXPECT_EQ(test, xen_pv_iopl_status, 0);
}

/* The domain builder wrote the page named by the HYPERCALL_PAGE note. */
static void hypercall_page_is_written(struct kunit *test)
{
	KUNIT_ASSERT_TRUE(test, xen_hypercall_page_ready());
	KUNIT_EXPECT_NE(test, xen_hypercall_page[__HYPERVISOR_console_io * 32], 0xcc);
	KUNIT_EXPECT_NE(test, xen_hypercall_page[__HYPERVISOR_set_segment_base * 32], 0xcc);
}

/* %gs came from HYPERVISOR_set_segment_base, not from an MSR write. */
static void gs_base_is_the_boot_cpu(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, this_cpu(), &cpus[0]);
	KUNIT_EXPECT_EQ(test, this_cpu()->id, 0);
}

/*
 * Page-table entries will hold machine frames: the P2M list Xen gave us
 * and Xen's read-only M2P table must translate both ways, for a page of
 * text, of data and of the start info.
 */
static void p2m_and_m2p_agree(struct kunit *test)
{
	const xen_pfn_t *p2m = (const xen_pfn_t *)xen_start_info->mfn_list;
	const unsigned long *m2p = machine_to_phys_mapping;
	uintptr_t pages[] = {
		(uintptr_t)xen_hypercall_page, (uintptr_t)&cpus[0],
		(uintptr_t)xen_start_info,
	};

	for (size_t i = 0; i < ARRAY_SIZE(pages); i++) {
		unsigned long pfn = pages[i] >> 12;

		KUNIT_ASSERT_LT(test, pfn, xen_start_info->nr_pages);
		KUNIT_EXPECT_EQ_MSG(test, m2p[p2m[pfn]], pfn,
				    "pfn %#lx -> mfn %#lx", pfn, (unsigned long)p2m[pfn]);
	}
}

static void memory_is_inside_our_mapping(struct kunit *test)
{
	KUNIT_ASSERT_GT(test, xen_pv_mapped_end, (uintptr_t)xen_start_info);
	/* The last byte the allocator may hand out: a wrong estimate of
	 * Xen's mapping faults here (and the dom0 crashes) instead of in
	 * some later allocation. */
	volatile uint8_t *last = (uint8_t *)(xen_pv_mapped_end - 1);
	uint8_t saved = *last;

	*last = (uint8_t)~saved;
	KUNIT_EXPECT_EQ(test, *last, (uint8_t)~saved);
	*last = saved;
}

/*
 * RAM past Xen's initial mapping is mapped by L1 tables of our own
 * (arch/x86/xen/pv_memory.c): as many as that RAM needs, each read-only to us,
 * pinned (a second pin is refused) and never mappable writable.
 */
static uint8_t probe_page[4096] __aligned(4096);

static void own_l1_tables_map_the_rest_of_ram(struct kunit *test)
{
	uintptr_t ram_end = xen_start_info->nr_pages * 4096UL;
	uintptr_t want_end = ram_end < (1UL << 30) ? ram_end : 1UL << 30;

	if (want_end <= xen_pv_initial_end)
		kunit_skip(test, "all %lu pages fit in Xen's initial mapping",
			   xen_start_info->nr_pages);
	KUNIT_EXPECT_EQ(test, xen_pv_mapped_end, want_end);
	KUNIT_EXPECT_EQ(test, xen_pv_own_l1_tables,
			(want_end - xen_pv_initial_end + (2UL << 20) - 1) >> 21);
	KUNIT_ASSERT_GT(test, xen_pv_own_l1_tables, 0UL);

	for (unsigned long k = 0; k < xen_pv_own_l1_tables; k++) {
		uintptr_t table = xen_pv_initial_end + k * 4096;
		unsigned long mfn = xen_pv_pfn_to_mfn(table >> 12);
		uint64_t size = 0;
		uint64_t *pte = lookup_pte(table, &size);
		struct mmuext_op pin = { .cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = mfn };
		unsigned int done = 0;

		KUNIT_ASSERT_NOT_NULL(test, pte);
		KUNIT_EXPECT_EQ(test, size, 4096UL);
		KUNIT_EXPECT_FALSE_MSG(test, *pte & PTE_WRITE, "table %lu is mapped writable", k);
		KUNIT_EXPECT_NE_MSG(test, xen_hypercall4(__HYPERVISOR_mmuext_op, (uintptr_t)&pin, 1,
							 (uintptr_t)&done, DOMID_SELF), 0L,
				    "table %lu was not pinned: a second pin succeeded", k);
		KUNIT_EXPECT_NE_MSG(test, xen_hypercall3(__HYPERVISOR_update_va_mapping,
							 (uintptr_t)probe_page,
							 ((uint64_t)mfn << 12) | PTE_PRESENT | PTE_WRITE,
							 UVMF_INVLPG | UVMF_LOCAL), 0L,
				    "Xen let us map table %lu writable", k);
	}
	/* The probe page is still itself. */
	probe_page[0] = 0x5a;
	KUNIT_EXPECT_EQ(test, probe_page[0], 0x5a);
}

static struct kunit_case xen_pv_cases[] = {
	KUNIT_CASE(start_info_is_xens),
	KUNIT_CASE(started_as_dom0),
	KUNIT_CASE(hypercall_page_is_written),
	KUNIT_CASE(gs_base_is_the_boot_cpu),
	KUNIT_CASE(p2m_and_m2p_agree),
	KUNIT_CASE(memory_is_inside_our_mapping),
	KUNIT_CASE(own_l1_tables_map_the_rest_of_ram),
	{}
};

static struct kunit_suite xen_pv_suite = {
	.name = "xen_pv",
	.test_cases = xen_pv_cases,
};
kunit_test_suite(xen_pv_suite);
