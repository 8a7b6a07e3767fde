// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs on arm64: the boot CPU only, until PSCI CPU_ON bring-up, the GIC
 * and SGIs land (issue 11). The cross-CPU primitives are then exact for
 * the one CPU online; ktest_smp and the suites that need more CPUs see
 * num_online_cpus() == 1.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <pvpatch/arch.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/ktest.h>
#include <pvpatch/printk.h>
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

unsigned int smp_processor_id(void)
{
	return 0;
}

unsigned int num_online_cpus(void)
{
	return 1;
}

void on_each_cpu(void (*fn)(void *arg), void *arg, bool wait)
{
	unsigned long flags = local_irq_save();

	fn(arg);
	local_irq_restore(flags);
}

void sync_all_cpus(void)
{
	/* One CPU: its own context synchronization is all there is. */
	isb();
}

void run_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	fn(arg);
}

void smp_set_cpu_online_hook(void (*hook)(unsigned int cpu))
{
}

void arch_smp_init(void)
{
	printk("smp: 1 of %u CPUs in the device tree online (secondary bring-up: issue 11)\n",
	       arm64_fdt.nr_cpus);
}

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
