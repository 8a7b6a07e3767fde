// SPDX-License-Identifier: GPL-2.0
/* Guest side of the static call stress: TSC time, timer ticks per CPU. */
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/smp.h>
#include "../include/stress_platform.h"

static uint64_t tsc_ns(void)
{
	return tsc_khz() ? rdtsc() * 1000000 / tsc_khz() : 0;
}

void stress_platform_begin(struct stress_snapshot *snap)
{
	for (unsigned int cpu = 0; cpu < num_online_cpus(); cpu++)
		snap->per_cpu[cpu] = cpus[cpu].timer_ticks;
	snap->start_ns = tsc_ns();
}

/* Each vCPU runs alone on its own CPU: nothing to yield to. */
void stress_platform_caller_start(void)
{
}

/* Each update's three syncs wait until every vCPU has taken an IPI, and
 * each goes back to its loop after each: none can sit an update out. */
bool stress_platform_callers_surely_ran(unsigned long updates)
{
	return true;
}

uint64_t stress_platform_end(struct kunit *test, const struct stress_snapshot *snap,
			     unsigned long updates)
{
	uint64_t ns = tsc_ns() - snap->start_ns;

	for (unsigned int cpu = 0; cpu < num_online_cpus(); cpu++)
		KUNIT_EXPECT_GT_MSG(test, cpus[cpu].timer_ticks, snap->per_cpu[cpu],
				    "cpu %u took no timer interrupt during the stress", cpu);
	return ns;
}
