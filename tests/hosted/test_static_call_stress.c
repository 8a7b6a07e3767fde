// SPDX-License-Identifier: GPL-2.0
/*
 * Live re-targeting under load, hosted: CPU 0 flips a key between two
 * counting functions while every other CPU (a thread) calls through its
 * inline site and its trampoline in a tight loop. Every call made must
 * land in exactly one of the two functions: calls made == calls counted,
 * whether it ran the old instruction, the new one, or the SIGTRAP
 * handler's emulation of the new one.
 */
#include <stdint.h>
#include <time.h>
#include <hosted/int3.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>
#include <pvpatch/static_call.h>
#include <pvpatch/text_poke.h>
#include "../include/static_call_sites.h"

struct stress_counts {
	volatile uint64_t made, landed_a, landed_b;
} __aligned(64);		/* one line per CPU: no false sharing */

static struct stress_counts counts[KTEST_MAX_CPUS];
static volatile bool stress_stop;
static unsigned long stress_updates = 1000000;

static const char *set_stress_updates(const char *value)
{
	return bootarg_parse_ulong(value, &stress_updates);
}
BOOT_PARAM(stress_updates, "static_call.stress_updates", set_stress_updates,
	   "static_call_update()s in the SMP stress case (default 1000000)");

static void land_a(void)
{
	counts[smp_processor_id()].landed_a++;
}

static void land_b(void)
{
	counts[smp_processor_id()].landed_b++;
}

DEFINE_STATIC_CALL(sc_stress, land_a);
DEFINE_VOID_SITE(stress_site, sc_stress)

static void call_both_ways(struct stress_counts *mine)
{
	stress_site();
	mine->made++;
	static_call(sc_stress)();
	mine->made++;
}

static void stress_worker(void *arg)
{
	struct stress_counts *mine = &counts[smp_processor_id()];

	if (smp_processor_id() != 0) {
		while (!__atomic_load_n(&stress_stop, __ATOMIC_ACQUIRE))
			call_both_ways(mine);
		return;
	}
	for (unsigned long i = 0; i < stress_updates; i++) {
		static_call_update(sc_stress, (i & 1) ? land_a : land_b);
		call_both_ways(mine);
	}
	__atomic_store_n(&stress_stop, true, __ATOMIC_RELEASE);
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void report(struct kunit *test, unsigned int cpus, uint64_t made,
		   unsigned long syncs, double seconds,
		   const struct int3_stats *before)
{
	struct int3_stats after;
	double us = stress_updates ? seconds * 1e6 / stress_updates : 0;

	int3_stats_read(&after);
	kunit_info(test, "%lu updates on %u CPUs: %llu calls made, %lu syncs, %.3f s, %.2f us per update, %.0f updates/s",
		   stress_updates, cpus, (unsigned long long)made, syncs,
		   seconds, us, seconds > 0 ? stress_updates / seconds : 0);
	kunit_info(test, "int3 traps: %lu emulated, %lu late (batch done, re-executed), %lu foreign",
		   after.emulated - before->emulated, after.late - before->late,
		   after.foreign - before->foreign);
}

static void retarget_under_load_loses_no_call(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t made = 0, landed = 0;
	unsigned long syncs_before = text_poke_sync_count(), syncs;
	struct int3_stats traps_before;
	double start;

	for (unsigned int cpu = 0; cpu < n; cpu++)
		counts[cpu] = (struct stress_counts){ 0 };
	stress_stop = false;
	int3_stats_read(&traps_before);
	start = now_seconds();
	run_on_all_cpus(stress_worker, NULL);

	double seconds = now_seconds() - start;

	syncs = text_poke_sync_count() - syncs_before;
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		made += counts[cpu].made;
		landed += counts[cpu].landed_a + counts[cpu].landed_b;
	}
	report(test, n, made, syncs, seconds, &traps_before);
	KUNIT_EXPECT_EQ(test, landed, made);
	KUNIT_EXPECT_EQ(test, syncs, 3 * stress_updates);
	KUNIT_EXPECT_GE(test, made, (uint64_t)2 * stress_updates);
}

static struct kunit_case static_call_stress_cases[] = {
	KUNIT_CASE(retarget_under_load_loses_no_call),
	{}
};

static struct kunit_suite static_call_stress_suite = {
	.name = "static_call_stress",
	.test_cases = static_call_stress_cases,
};
kunit_test_suite(static_call_stress_suite);
