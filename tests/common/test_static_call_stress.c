// SPDX-License-Identifier: GPL-2.0
/*
 * Live re-targeting under load, in the guest and hosted: CPU 0 flips a
 * key between two counting functions while every other CPU calls through
 * its inline site and its trampoline in a tight loop (timer interrupts on
 * in the guest). Every call made must land in exactly one of the two
 * functions, whether it ran the old instruction, the new one, or the int3
 * handler's emulation of the new one: calls made == calls counted. And
 * every other CPU must have called while the updates went on
 * (tests/include/call_window.h): without them, nothing raced.
 */
#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>
#include <pvpatch/static_call.h>
#include <pvpatch/text_poke.h>
#include "../include/call_window.h"
#include "../include/static_call_sites.h"
#include "../include/stress_platform.h"

struct stress_counts {
	volatile uint64_t made, landed_a, landed_b;
} __aligned(64);		/* one line per CPU: no false sharing */

static struct stress_counts counts[KTEST_MAX_CPUS];
static struct call_window window;
static volatile bool stress_stop;
static unsigned long stress_updates = STRESS_DEFAULT_UPDATES;

static const char *set_stress_updates(const char *value)
{
	return bootarg_parse_ulong(value, &stress_updates);
}
BOOT_PARAM(stress_updates, "static_call.stress_updates", set_stress_updates,
	   "static_call_update()s in the SMP stress case (default "
	   __stringify(STRESS_DEFAULT_UPDATES) ")");

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

static uint64_t calls_made(unsigned int cpu)
{
	return counts[cpu].made;
}

static void stress_worker(void *arg)
{
	struct stress_counts *mine = &counts[smp_processor_id()];

	if (smp_processor_id() != 0) {
		stress_platform_caller_start();
		while (!__atomic_load_n(&stress_stop, __ATOMIC_ACQUIRE))
			call_both_ways(mine);
		return;
	}
	for (unsigned long i = 0; i < stress_updates; i++) {
		static_call_update(sc_stress, (i & 1) ? land_a : land_b);
		if (i == 0)
			call_window_open(&window, calls_made);
		if (i == stress_updates - 1)
			call_window_close(&window, calls_made, i);
		call_both_ways(mine);
	}
	__atomic_store_n(&stress_stop, true, __ATOMIC_RELEASE);
}

static void retarget_under_load_loses_no_call(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t made = 0, landed = 0;
	unsigned long syncs_before = text_poke_sync_count(), syncs;
	struct stress_snapshot snap;

	for (unsigned int cpu = 0; cpu < n; cpu++)
		counts[cpu] = (struct stress_counts){ 0 };
	window = (struct call_window){ 0 };
	stress_stop = false;
	stress_platform_begin(&snap);
	run_on_all_cpus(stress_worker, NULL);

	uint64_t ns = stress_platform_end(test, &snap, stress_updates);

	syncs = text_poke_sync_count() - syncs_before;
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		made += counts[cpu].made;
		landed += counts[cpu].landed_a + counts[cpu].landed_b;
	}
	kunit_info(test, "%lu updates on %u CPUs: %lu calls made, %lu landed, %lu syncs, %lu ms, %lu us per update",
		   stress_updates, n, (unsigned long)made, (unsigned long)landed,
		   syncs, (unsigned long)(ns / 1000000),
		   (unsigned long)(stress_updates ? ns / 1000 / stress_updates : 0));
	KUNIT_EXPECT_EQ(test, landed, made);
	KUNIT_EXPECT_EQ(test, syncs, 3 * stress_updates);
	KUNIT_EXPECT_GE(test, made, (uint64_t)2 * stress_updates);
	expect_calls_in_window(test, &window, "calls", "updates",
			       stress_platform_callers_surely_ran(stress_updates));
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
