/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the static call stress (tests/common/test_static_call_stress.c)
 * measures differently per environment: the guest checks that timer
 * interrupts kept arriving on every CPU and times with the TSC; hosted
 * checks that its callers met int3s (SIGTRAP emulations) and times with
 * CLOCK_MONOTONIC.
 */
#ifndef TESTS_STRESS_PLATFORM_H
#define TESTS_STRESS_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/ktest.h>

#ifdef CONFIG_PLATFORM_GUEST
/* Emulated vCPUs over 2 host cores: each update waits on IPIs. */
#define STRESS_DEFAULT_UPDATES	50
#else
#define STRESS_DEFAULT_UPDATES	1000000
#endif

struct stress_snapshot {
	uint64_t start_ns;
	uint64_t per_cpu[KTEST_MAX_CPUS];	/* guest: timer ticks */
	unsigned long traps[3];			/* hosted: int3 statistics */
};

void stress_platform_begin(struct stress_snapshot *snap);
/* On each calling CPU before its loop (hosted: yield to the updater). */
void stress_platform_caller_start(void);
/*
 * Whether every calling CPU surely ran during `updates` updates, so that
 * each must be seen to call (hosted: and to meet an int3); in a shorter
 * run the counts are only reported.
 */
bool stress_platform_callers_surely_ran(unsigned long updates);
/* Nanoseconds since begin; checks and reports what the platform adds
 * for `updates` updates made meanwhile. */
uint64_t stress_platform_end(struct kunit *test, const struct stress_snapshot *snap,
			     unsigned long updates);

#endif
