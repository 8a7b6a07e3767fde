// SPDX-License-Identifier: GPL-2.0
/*
 * SMP foundation, on every arch: every CPU QEMU gave us is online, takes
 * timer interrupts, and answers IPIs; on_each_cpu() and sync_all_cpus()
 * wait for every CPU before they return. What differs per arch is behind
 * <asm/clock.h> (the counter waited on), hw_irqs_enabled() and
 * cpu_hw_id() (the APIC ID or the MPIDR).
 */
#include <stdint.h>
#include <asm/clock.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>

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

static void cpu_count_matches_the_host(struct kunit *test)
{
	if (!expected_cpus)
		kunit_skip(test, "no smp.expected_cpus= on the command line");
	KUNIT_EXPECT_EQ(test, (unsigned long)num_online_cpus(), expected_cpus);
}

/* Online, and known to the interrupt controller by distinct ids. */
static void hw_ids_are_distinct(struct kunit *test)
{
	unsigned int n = num_online_cpus();

	for (unsigned int a = 0; a < n; a++) {
		KUNIT_EXPECT_TRUE(test, cpus[a].online);
		for (unsigned int b = a + 1; b < n; b++)
			KUNIT_EXPECT_NE(test, cpu_hw_id(&cpus[a]), cpu_hw_id(&cpus[b]));
	}
}

/* Wait on the counter, interrupts on, for a few timer periods. */
static void timer_interrupts_arrive(struct kunit *test)
{
	struct cpu *c = this_cpu();
	uint64_t ticks_before = c->timer_ticks;
	uint64_t period = clock_counter_khz() * 1000 / CONFIG_TIMER_HZ;
	/* Up to a second: a vCPU thread of an emulator may be descheduled
	 * for many timer periods; on hardware this returns after 3 ticks. */
	uint64_t deadline = clock_counter() + CONFIG_TIMER_HZ * (period ? period : 1000000);

	KUNIT_ASSERT_TRUE(test, hw_irqs_enabled());
	while (c->timer_ticks < ticks_before + 3 && clock_counter() < deadline)
		cpu_relax();
	KUNIT_EXPECT_GE_MSG(test, c->timer_ticks, ticks_before + 3,
			    "cpu %u: timer ticks did not advance",
			    smp_processor_id());
}

static void timer_stops_while_interrupts_are_off(struct kunit *test)
{
	struct cpu *c = this_cpu();
	uint64_t period = clock_counter_khz() * 1000 / CONFIG_TIMER_HZ;

	if (!period)
		kunit_skip(test, "counter rate unknown");
	unsigned long flags = local_irq_save();
	uint64_t before = c->timer_ticks;
	uint64_t end = clock_counter() + 3 * period;

	while (clock_counter() < end)
		cpu_relax();
	uint64_t during = c->timer_ticks;

	local_irq_restore(flags);
	end = clock_counter() + 3 * period;
	while (c->timer_ticks == during && clock_counter() < end + CONFIG_TIMER_HZ * period)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, during, before);
	KUNIT_EXPECT_GT(test, c->timer_ticks, during);
}

static volatile uint64_t ipi_hits[CONFIG_NR_CPUS];

/* Remote CPUs dawdle before recording, so a caller that does not wait
 * would look at the flags too early. */
static void slow_record_hit(void *arg)
{
	unsigned int cpu = smp_processor_id();
	uint64_t end = clock_counter() + (cpu ? clock_counter_khz() : 0);	/* ~1 ms */

	while (clock_counter() < end)
		cpu_relax();
	__atomic_fetch_add(&ipi_hits[cpu], 1, __ATOMIC_RELEASE);
}

static void on_each_cpu_reaches_every_cpu_and_waits(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t ipis_before[CONFIG_NR_CPUS];

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		ipi_hits[cpu] = 0;
		ipis_before[cpu] = cpus[cpu].ipis_received;
	}
	on_each_cpu(slow_record_hit, NULL, true);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		KUNIT_EXPECT_EQ_MSG(test, ipi_hits[cpu], 1UL, "cpu %u", cpu);
		if (cpu != smp_processor_id())
			KUNIT_EXPECT_GT_MSG(test, cpus[cpu].ipis_received,
					    ipis_before[cpu],
					    "cpu %u took no IPI", cpu);
	}
}

static void sync_all_cpus_serializes_every_cpu(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t before[CONFIG_NR_CPUS];

	for (unsigned int cpu = 0; cpu < n; cpu++)
		before[cpu] = cpus[cpu].syncs;
	for (int round = 0; round < 100; round++)
		sync_all_cpus();
	for (unsigned int cpu = 0; cpu < n; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, cpus[cpu].syncs, before[cpu] + 100,
				    "cpu %u", cpu);
}

static struct kunit_case smp_cases[] = {
	KUNIT_CASE(cpu_count_matches_the_host),
	KUNIT_CASE(hw_ids_are_distinct),
	KTEST_CASE_ALL_CPUS(timer_interrupts_arrive),
	KTEST_CASE_ALL_CPUS(timer_stops_while_interrupts_are_off),
	KUNIT_CASE(on_each_cpu_reaches_every_cpu_and_waits),
	KUNIT_CASE(sync_all_cpus_serializes_every_cpu),
	{}
};

static struct kunit_suite smp_suite = {
	.name = "smp",
	.test_cases = smp_cases,
};
kunit_test_suite(smp_suite);
