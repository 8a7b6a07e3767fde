// SPDX-License-Identifier: GPL-2.0
/*
 * ktest's self-tests, part 4: cases that run on every CPU at once (here,
 * threads standing in for CPUs). How results merge, that a failure names
 * its CPU, and that diagnostics from racing CPUs never mix.
 */
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include <pvpatch/smp.h>
#include "ktest_capture.h"

#define FILE_NAME	SELFTEST_FILE("test_ktest_cpus.c")

static unsigned int hits[KTEST_MAX_CPUS];
static unsigned int inits, exits, exit_cpu, past_assert;
static unsigned int priv_lost;
static int marker, fail_line, assert_line;

static void count_hit(void)
{
	__atomic_fetch_add(&hits[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

static bool last_cpu(void)
{
	return smp_processor_id() == num_online_cpus() - 1;
}

static int cpus_init(struct kunit *test)
{
	inits++;
	test->priv = &marker;
	return 0;
}

static void cpus_exit(struct kunit *test)
{
	exits++;
	exit_cpu = smp_processor_id();
}

static void one_cpu_fails(struct kunit *test)
{
	unsigned int cpu = smp_processor_id();

	count_hit();
	if (test->priv != &marker)
		__atomic_fetch_add(&priv_lost, 1, __ATOMIC_RELAXED);
	if (last_cpu()) {
		fail_line = __LINE__ + 1;
		KUNIT_EXPECT_EQ(test, cpu, 99U);
	}
}

static void all_cpus_skip(struct kunit *test)
{
	kunit_skip(test, "not on cpu %u", smp_processor_id());
}

static void cpu0_skips(struct kunit *test)
{
	if (smp_processor_id() == 0)
		kunit_skip(test, "only here");
}

static void one_cpu_asserts(struct kunit *test)
{
	if (last_cpu()) {
		assert_line = __LINE__ + 1;
		KUNIT_ASSERT_FALSE(test, last_cpu());
	}
	__atomic_fetch_add(&past_assert, 1, __ATOMIC_RELAXED);
}

static struct kunit_case cpus_cases[] = {
	KTEST_CASE_ALL_CPUS(one_cpu_fails),
	KTEST_CASE_ALL_CPUS(all_cpus_skip),
	KTEST_CASE_ALL_CPUS(cpu0_skips),
	KTEST_CASE_ALL_CPUS(one_cpu_asserts),
	{}
};
static struct kunit_suite cpus_suite = {
	.name = "st_cpus",
	.init = cpus_init,
	.exit = cpus_exit,
	.test_cases = cpus_cases,
};
static struct kunit_suite *const cpus_suites[] = { &cpus_suite };

static void reset(void)
{
	memset(hits, 0, sizeof(hits));
	inits = exits = past_assert = priv_lost = 0;
	exit_cpu = ~0U;
}

static void failure_names_the_cpu(struct kunit *test)
{
	unsigned int n = num_online_cpus(), last = n - 1;

	reset();
	KUNIT_EXPECT_EQ(test, capture_run(test, cpus_suites, 1,
					  "st_cpus.one_cpu_fails"), 1);
	for (unsigned int cpu = 0; cpu < KTEST_MAX_CPUS; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, hits[cpu], cpu < n ? 1U : 0U,
				    "cpu %u", cpu);
	KUNIT_EXPECT_EQ(test, priv_lost, 0U);
	/* init and exit once, around all CPUs, on the calling one */
	KUNIT_EXPECT_EQ(test, inits, 1U);
	KUNIT_EXPECT_EQ(test, exits, 1U);
	KUNIT_EXPECT_EQ(test, exit_cpu, smp_processor_id());
	expect_output(test,
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: st_cpus\n"
		"    1..1\n"
		"    # one_cpu_fails: cpu %u: EXPECTATION FAILED at " FILE_NAME ":%d\n"
		"    # Expected cpu == 99U, but\n"
		"    #     cpu == %u (0x%x)\n"
		"    #     99U == 99 (0x63)\n"
		"    not ok 1 one_cpu_fails\n"
		"# st_cpus: pass:0 fail:1 skip:0 total:1\n"
		"# Totals: pass:0 fail:1 skip:0 total:1\n"
		"not ok 1 st_cpus\n"
		"# ktest: 0 passed, 1 failed, 0 skipped\n",
		last, fail_line, last, last);
}

static void skipped_only_if_every_cpu_skipped(struct kunit *test)
{
	reset();
	KUNIT_EXPECT_EQ(test, capture_run(test, cpus_suites, 1,
					  "st_cpus.*skip*"), 0);
	/* the reason is CPU 0's */
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(),
			      "\n    ok 1 all_cpus_skip # SKIP not on cpu 0\n"));
	if (num_online_cpus() == 1) {
		KUNIT_EXPECT_NOT_NULL(test, strstr(captured(),
				      "\n    ok 2 cpu0_skips # SKIP only here\n"));
		return;
	}
	/* partly skipped: a pass, with a note of who skipped and why */
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(),
			      "\n    # cpu0_skips: cpu 0 skipped: only here\n"
			      "    ok 2 cpu0_skips\n"));
}

static void assert_ends_only_its_cpu(struct kunit *test)
{
	reset();
	KUNIT_EXPECT_EQ(test, capture_run(test, cpus_suites, 1,
					  "st_cpus.one_cpu_asserts"), 1);
	KUNIT_EXPECT_EQ(test, past_assert, num_online_cpus() - 1);
	KUNIT_EXPECT_EQ(test, exits, 1U);
	expect_output(test,
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: st_cpus\n"
		"    1..1\n"
		"    # one_cpu_asserts: cpu %u: ASSERTION FAILED at " FILE_NAME ":%d\n"
		"    # Expected last_cpu() to be false, but is true\n"
		"    not ok 1 one_cpu_asserts\n"
		"# st_cpus: pass:0 fail:1 skip:0 total:1\n"
		"# Totals: pass:0 fail:1 skip:0 total:1\n"
		"not ok 1 st_cpus\n"
		"# ktest: 0 passed, 1 failed, 0 skipped\n",
		num_online_cpus() - 1, assert_line);
}

/* ---------------------------------------------------------- interleaving */

#define STORM_ROUNDS 100

static unsigned int storm_arrived;

/* Wait for every CPU, so that their reports really overlap in time. */
static void storm(struct kunit *test)
{
	unsigned int mine = smp_processor_id(), other = mine + 1000;

	__atomic_fetch_add(&storm_arrived, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&storm_arrived, __ATOMIC_RELAXED) <
	       num_online_cpus())
		sched_yield();
	for (int i = 0; i < STORM_ROUNDS; i++)
		KUNIT_EXPECT_EQ(test, mine, other);
}

static struct kunit_case storm_cases[] = { KTEST_CASE_ALL_CPUS(storm), {} };
static struct kunit_suite storm_suite = {
	.name = "st_storm", .test_cases = storm_cases,
};

/* Parse "    # storm: cpu N: ..." and check the three lines under it. */
static const char *check_storm_report(struct kunit *test, const char *p,
				      unsigned int *counts)
{
	char want[160];
	unsigned int cpu;
	int used = 0;

	/* a "\n" in a scanf format would eat the next line's indent too */
	if (sscanf(p, "    # storm: cpu %u: EXPECTATION FAILED at %*[^\n]%n",
		   &cpu, &used) != 1 || !used || p[used] != '\n' ||
	    cpu >= KTEST_MAX_CPUS)
		return NULL;
	p += used + 1;
	snprintf(want, sizeof(want),
		 "    # Expected mine == other, but\n"
		 "    #     mine == %u (0x%x)\n"
		 "    #     other == %u (0x%x)\n",
		 cpu, cpu, cpu + 1000, cpu + 1000);
	if (strncmp(p, want, strlen(want)))
		return NULL;
	counts[cpu]++;
	return p + strlen(want);
}

static void cpus_never_interleave_diagnostics(struct kunit *test)
{
	static const char head[] = "KTAP version 1\n1..1\n"
		"    KTAP version 1\n    # Subtest: st_storm\n    1..1\n";
	static struct kunit_suite *const suites[] = { &storm_suite };
	unsigned int counts[KTEST_MAX_CPUS] = { 0 }, n = num_online_cpus();
	const char *p;

	storm_arrived = 0;
	KUNIT_EXPECT_EQ(test, capture_run(test, suites, 1, "*"), 1);
	p = captured();
	KUNIT_ASSERT_EQ(test, strncmp(p, head, strlen(head)), 0);
	p += strlen(head);
	for (unsigned int i = 0; i < n * STORM_ROUNDS; i++) {
		const char *next = check_storm_report(test, p, counts);

		KUNIT_ASSERT_NOT_NULL_MSG(test, next,
					  "report %u is torn: %.200s", i, p);
		p = next;
	}
	KUNIT_EXPECT_EQ(test, strncmp(p, "    not ok 1 storm\n", 19), 0);
	for (unsigned int cpu = 0; cpu < n; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, counts[cpu], STORM_ROUNDS,
				    "reports from cpu %u", cpu);
}

static struct kunit_case ktest_cpus_cases[] = {
	KUNIT_CASE(failure_names_the_cpu),
	KUNIT_CASE(skipped_only_if_every_cpu_skipped),
	KUNIT_CASE(assert_ends_only_its_cpu),
	KUNIT_CASE(cpus_never_interleave_diagnostics),
	{}
};

static struct kunit_suite ktest_cpus_suite = {
	.name = "ktest_cpus",
	.test_cases = ktest_cpus_cases,
};
kunit_test_suite(ktest_cpus_suite);
