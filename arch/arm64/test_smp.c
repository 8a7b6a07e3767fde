// SPDX-License-Identifier: GPL-2.0
/*
 * arm64_smp: the device tree's CPUs against the host's -smp, and which
 * of them run. Only the boot CPU does until PSCI CPU_ON bring-up lands
 * (issue 11): with more in the tree that case SKIPs with the reason.
 */
#include <pvpatch/bootargs.h>
#include <pvpatch/compiler.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>
#include "arm64.h"

static unsigned long expected_cpus;

static const char *set_expected_cpus(const char *value)
{
	const char *why = bootarg_parse_ulong(value, &expected_cpus);

	if (!why && (expected_cpus < 1 || expected_cpus > CONFIG_NR_CPUS))
		why = "expected 1.." __stringify(CONFIG_NR_CPUS);
	return why;
}
BOOT_PARAM(expected_cpus, "smp.expected_cpus", set_expected_cpus,
	   "number of CPUs the host started (tools/pvrun passes -smp)");

/* The device tree and the host agree on the CPU count; only the boot CPU
 * runs until secondary bring-up exists, which is a SKIP, not a pass. */
static void dt_cpus_match_the_host(struct kunit *test)
{
	if (!expected_cpus)
		kunit_skip(test, "no smp.expected_cpus= on the command line");
	KUNIT_EXPECT_EQ(test, (unsigned long)arm64_fdt.nr_cpus, expected_cpus);
}

static void every_cpu_is_online(struct kunit *test)
{
	if (arm64_fdt.nr_cpus > 1)
		kunit_skip(test, "secondary CPU bring-up (PSCI CPU_ON) not on arm64 yet");
	KUNIT_EXPECT_EQ(test, num_online_cpus(), arm64_fdt.nr_cpus);
}

static struct kunit_case arm64_smp_cases[] = {
	KUNIT_CASE(dt_cpus_match_the_host),
	KUNIT_CASE(every_cpu_is_online),
	{}
};

static struct kunit_suite arm64_smp_suite = {
	.name = "arm64_smp",
	.test_cases = arm64_smp_cases,
};
kunit_test_suite(arm64_smp_suite);
