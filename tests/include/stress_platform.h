/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the static call stress (tests/common/test_static_call_stress.c)
 * measures differently per environment: the guest checks that timer
 * interrupts kept arriving on every CPU and times with the TSC; hosted
 * counts the SIGTRAP emulations and times with CLOCK_MONOTONIC.
 */
#ifndef TESTS_STRESS_PLATFORM_H
#define TESTS_STRESS_PLATFORM_H

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
/* Nanoseconds since begin; checks and reports what the platform adds. */
uint64_t stress_platform_end(struct kunit *test, const struct stress_snapshot *snap);

#endif
