// SPDX-License-Identifier: GPL-2.0
/*
 * arm64_smp: what the arch-neutral smp suite (tests/guest/test_smp.c)
 * cannot see: every cpu node of the device tree is online under the
 * MPIDR the tree gave it, TPIDR_EL1 names the CPU it runs on, an SGI
 * reaches its target and no other CPU (the affinity or target-list
 * encoding of gic_v3.c/gic_v2.c), sync_all_cpus() is acknowledged by
 * every CPU, and every CPU's virtual timer ticks. Round-trip costs are
 * printed for the reader (TCG: compare within a run, not with hardware).
 */
#include <stdint.h>
#include <asm/clock.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>
#include "arm64.h"
#include "gic.h"

static unsigned int tree_cpus(void)
{
	unsigned int n = arm64_fdt.nr_cpus;

	return n < CONFIG_NR_CPUS ? n : CONFIG_NR_CPUS;
}

static bool mpidr_in_tree(uint64_t mpidr)
{
	for (unsigned int i = 0; i < tree_cpus(); i++)
		if (arm64_fdt.cpu_mpidr[i] == mpidr)
			return true;
	return false;
}

static void every_cpu_is_online(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, num_online_cpus(), tree_cpus());
	for (unsigned int cpu = 0; cpu < num_online_cpus(); cpu++) {
		KUNIT_EXPECT_TRUE_MSG(test, cpus[cpu].online, "cpu %u", cpu);
		KUNIT_EXPECT_EQ_MSG(test, cpus[cpu].id, cpu, "cpu %u", cpu);
		KUNIT_EXPECT_TRUE_MSG(test, mpidr_in_tree(cpus[cpu].mpidr),
				      "cpu %u: MPIDR 0x%lx not in the device tree", cpu,
				      (unsigned long)cpus[cpu].mpidr);
	}
}

/* On each CPU: TPIDR_EL1's struct cpu is the one for this MPIDR. */
static void tpidr_names_this_cpu(struct kunit *test)
{
	struct cpu *c = this_cpu();

	KUNIT_ASSERT_LT(test, smp_processor_id(), num_online_cpus());
	KUNIT_EXPECT_PTR_EQ(test, c, &cpus[smp_processor_id()]);
	KUNIT_EXPECT_EQ(test, c->mpidr, read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK);
}

/* Wait up to a second of counter time for *count to pass before. */
static bool wait_for_increase(volatile uint64_t *count, uint64_t before)
{
	uint64_t end = clock_counter() + clock_counter_khz() * 1000;

	while (*count == before && clock_counter() < end)
		cpu_relax();
	return *count != before;
}

/*
 * One SGI_WAKE at a time to each other CPU: its count goes up by one,
 * nobody else's moves (nothing else sends wake SGIs meanwhile: the
 * others sit idle, and the timer is not an IPI).
 */
static void sgi_reaches_only_its_target(struct kunit *test)
{
	unsigned int n = num_online_cpus(), me = smp_processor_id();
	uint64_t before[CONFIG_NR_CPUS];

	if (n == 1)
		kunit_skip(test, "one CPU: no other CPU to send an SGI to");
	for (unsigned int target = 0; target < n; target++) {
		if (target == me)
			continue;
		for (unsigned int cpu = 0; cpu < n; cpu++)
			before[cpu] = cpus[cpu].ipis_received;
		/* As send_ipi() in smp_call.c: nothing to publish, but the
		 * same order as every real send. */
		__asm__ __volatile__("dsb ish" ::: "memory");
		gic->send_sgi(&cpus[target], SGI_WAKE);
		KUNIT_EXPECT_TRUE_MSG(test, wait_for_increase(&cpus[target].ipis_received,
							      before[target]),
				      "cpu %u (MPIDR 0x%lx) took no SGI within 1 s", target,
				      (unsigned long)cpus[target].mpidr);
		for (unsigned int cpu = 0; cpu < n; cpu++)
			KUNIT_EXPECT_EQ_MSG(test, cpus[cpu].ipis_received,
					    before[cpu] + (cpu == target),
					    "SGI to cpu %u: cpu %u's count", target, cpu);
	}
}

#define SYNC_ROUNDS	1000

static void note_call(void *arg)
{
	__atomic_fetch_add((unsigned int *)arg, 1, __ATOMIC_RELAXED);
}

/* Every CPU acknowledges every sync; the cost of a round trip. */
static void sync_all_cpus_acked_by_every_cpu(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t before[CONFIG_NR_CPUS];
	unsigned int calls = 0;

	for (unsigned int cpu = 0; cpu < n; cpu++)
		before[cpu] = cpus[cpu].syncs;
	uint64_t t0 = clock_counter();

	for (int round = 0; round < SYNC_ROUNDS; round++)
		sync_all_cpus();
	uint64_t t1 = clock_counter();

	for (int round = 0; round < SYNC_ROUNDS; round++)
		on_each_cpu(note_call, &calls, true);
	uint64_t t2 = clock_counter(), khz = clock_counter_khz();

	for (unsigned int cpu = 0; cpu < n; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, cpus[cpu].syncs, before[cpu] + SYNC_ROUNDS,
				    "cpu %u", cpu);
	KUNIT_EXPECT_EQ(test, calls, SYNC_ROUNDS * n);
	kunit_info(test, "%u CPUs: sync_all_cpus %lu us, on_each_cpu(wait) %lu us per round "
		   "(%u rounds each)", n, (unsigned long)((t1 - t0) * 1000 / khz / SYNC_ROUNDS),
		   (unsigned long)((t2 - t1) * 1000 / khz / SYNC_ROUNDS), SYNC_ROUNDS);
}

/* Every CPU's tick, not only the one running the case. */
static void timer_ticks_on_every_cpu(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t before[CONFIG_NR_CPUS];

	for (unsigned int cpu = 0; cpu < n; cpu++)
		before[cpu] = cpus[cpu].timer_ticks;
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		KUNIT_EXPECT_TRUE_MSG(test, wait_for_increase(&cpus[cpu].timer_ticks, before[cpu]),
				      "cpu %u: no tick within 1 s", cpu);
		kunit_info(test, "cpu %u: %lu ticks, %lu IPIs taken since boot", cpu,
			   (unsigned long)cpus[cpu].timer_ticks,
			   (unsigned long)cpus[cpu].ipis_received);
	}
}

static struct kunit_case arm64_smp_cases[] = {
	KUNIT_CASE(every_cpu_is_online),
	KTEST_CASE_ALL_CPUS(tpidr_names_this_cpu),
	KUNIT_CASE(sgi_reaches_only_its_target),
	KUNIT_CASE(sync_all_cpus_acked_by_every_cpu),
	KUNIT_CASE(timer_ticks_on_every_cpu),
	{}
};

static struct kunit_suite arm64_smp_suite = {
	.name = "arm64_smp",
	.test_cases = arm64_smp_cases,
};
kunit_test_suite(arm64_smp_suite);
