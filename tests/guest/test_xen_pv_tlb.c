// SPDX-License-Identifier: GPL-2.0
/*
 * flush_tlb_multi in a Xen PV guest (hypervisor/xen/pv_tlb.c): the key
 * points at the MMUEXT_TLB_FLUSH_MULTI version, and a mapping changed
 * without any flush (update_va_mapping with UVMF_NONE) reads the new
 * page on every CPU once it has run. Built only into the PV image.
 */
#include <string.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include "../../hypervisor/xen/pv_internal.h"
#include <asm/xen/pv.h>

#define OLD_PATTERN	0x01d01d01d01d01d0ULL
#define NEW_PATTERN	0x5eedf00d5eedf00dULL

static void require_xen_pv_backend(struct kunit *test)
{
	if (!cpu_feature_enabled(X86_FEATURE_XENPV))
		kunit_skip(test, "not a Xen PV guest");
	if (strcmp(pvops_backend()->name, "xen_pv"))
		kunit_skip(test, "backend is %s, not xen_pv", pvops_backend()->name);
}

static void key_is_the_mmuext_op(struct kunit *test)
{
	require_xen_pv_backend(test);
	KUNIT_EXPECT_PTR_EQ(test, static_call_query(pv_flush_tlb_multi),
			    (void *)xen_pv_flush_tlb_multi);
}

struct probe {
	volatile const uint64_t *va;
	uint64_t seen[CONFIG_NR_CPUS];
};

static void read_probe(void *arg)
{
	struct probe *p = arg;

	p->seen[smp_processor_id()] = *p->va;
}

static unsigned int cpus_seeing(const struct probe *p, uint64_t value)
{
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < num_online_cpus(); cpu++)
		n += p->seen[cpu] == value;
	return n;
}

static long remap(uintptr_t va, uint64_t pte, unsigned long flags)
{
	return xen_hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static void stale_mapping_is_gone_on_every_cpu(struct kunit *test)
{
	static struct probe probe;
	unsigned int n = num_online_cpus();
	struct xen_pv_tlb_stats before = xen_pv_tlb_stats;

	require_xen_pv_backend(test);
	uint64_t *pages = alloc_pages(2);

	KUNIT_ASSERT_NOT_NULL(test, pages);
	uint64_t *old_page = pages, *new_page = pages + PAGE_SIZE / sizeof(uint64_t);
	uintptr_t va = (uintptr_t)old_page;
	uint64_t size;
	uint64_t *pte = lookup_pte(va, &size);

	KUNIT_ASSERT_NOT_NULL(test, pte);
	KUNIT_ASSERT_EQ(test, size, (uint64_t)PAGE_SIZE);
	uint64_t saved = *pte;
	uint64_t moved = (saved & ~PTE_ADDR_MASK) |
			 (uint64_t)xen_pv_pfn_to_mfn((uintptr_t)new_page >> PAGE_SHIFT) << PAGE_SHIFT;

	old_page[0] = OLD_PATTERN;
	new_page[0] = NEW_PATTERN;
	probe.va = (volatile const uint64_t *)va;
	/* Every CPU caches the old translation... */
	run_on_all_cpus(read_probe, &probe);
	KUNIT_EXPECT_EQ(test, cpus_seeing(&probe, OLD_PATTERN), n);
	/* ...which stays valid until flushed: no flush here. */
	KUNIT_ASSERT_EQ(test, remap(va, moved, UVMF_NONE), 0L);
	run_on_all_cpus(read_probe, &probe);
	unsigned int stale = cpus_seeing(&probe, OLD_PATTERN);

	pv_flush_tlb_multi(NULL, va, va + PAGE_SIZE);
	run_on_all_cpus(read_probe, &probe);
	unsigned int fresh = cpus_seeing(&probe, NEW_PATTERN);

	KUNIT_EXPECT_EQ(test, remap(va, saved, UVMF_INVLPG | UVMF_ALL), 0L);
	KUNIT_EXPECT_EQ(test, *(volatile uint64_t *)va, OLD_PATTERN);
	free_pages(pages, 2);
	kunit_info(test, "%u CPUs: %u still read the old page before the flush, %u the new one after",
		   n, stale, fresh);
	KUNIT_EXPECT_EQ(test, fresh, n);
	KUNIT_EXPECT_EQ(test, xen_pv_tlb_stats.hypercalls, before.hypercalls + 1);
	KUNIT_EXPECT_EQ(test, xen_pv_tlb_stats.vcpus, before.vcpus + n);
}

static struct kunit_case xen_pv_tlb_cases[] = {
	KUNIT_CASE(key_is_the_mmuext_op),
	KUNIT_CASE(stale_mapping_is_gone_on_every_cpu),
	{}
};

static struct kunit_suite xen_pv_tlb_suite = {
	.name = "xen_pv_tlb",
	.test_cases = xen_pv_tlb_cases,
};
kunit_test_suite(xen_pv_tlb_suite);
