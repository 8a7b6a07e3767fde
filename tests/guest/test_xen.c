// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen HVM/PVH backend under Xen (tools/pvrun --hv xen): the
 * hypercall page, Xen's clock as sched_clock on every CPU. Elsewhere
 * every case skips with the reason.
 */
#include <string.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/ktest.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include "../../hypervisor/xen/xen_abi.h"
#include "sched_clock_checks.h"

static void require_xen_clock(struct kunit *test)
{
	if (!cpu_feature_enabled(X86_FEATURE_XEN))
		kunit_skip(test, "not running on Xen (tools/pvrun --hv xen)");
	if (!xen_clock_used())
		kunit_skip(test, "Xen's clock is not used (pvops=%s)", pvops_backend()->name);
}

/* Xen wrote one stub per hypercall: the console and shutdown use them. */
static void hypercall_page_is_written(struct kunit *test)
{
	if (!cpu_feature_enabled(X86_FEATURE_XEN))
		kunit_skip(test, "not running on Xen (tools/pvrun --hv xen)");
	KUNIT_ASSERT_TRUE(test, xen_hypercall_page_ready());
	KUNIT_EXPECT_NE(test, xen_hypercall_page[__HYPERVISOR_console_io * 32], 0xcc);
	KUNIT_EXPECT_NE(test, xen_hypercall_page[__HYPERVISOR_sched_op * 32], 0xcc);
}

static void sched_clock_is_xens(struct kunit *test)
{
	require_xen_clock(test);
	KUNIT_EXPECT_PTR_EQ(test, (void *)static_call_query(pv_sched_clock),
			    (void *)xen_sched_clock);
	KUNIT_EXPECT_STREQ(test, pvops_target_name(PVOP_sched_clock), "xen_sched_clock");
}

static void xen_clock_is_monotonic_per_cpu(struct kunit *test)
{
	require_xen_clock(test);
	expect_sched_clock_monotonic(test);
}

static void xen_clock_runs_at_one_ns_per_ns(struct kunit *test)
{
	require_xen_clock(test);
	expect_sched_clock_at_tsc_rate(test, "xen clock");
}

static struct kunit_case xen_cases[] = {
	KUNIT_CASE(hypercall_page_is_written),
	KUNIT_CASE(sched_clock_is_xens),
	KTEST_CASE_ALL_CPUS(xen_clock_is_monotonic_per_cpu),
	KUNIT_CASE(xen_clock_runs_at_one_ns_per_ns),
	{}
};

static struct kunit_suite xen_suite = {
	.name = "xen",
	.test_cases = xen_cases,
};
kunit_test_suite(xen_suite);
