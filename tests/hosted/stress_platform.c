// SPDX-License-Identifier: GPL-2.0
/* Hosted side of the static call stress: wall time, SIGTRAP statistics. */
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <hosted/int3.h>
#include <pvpatch/smp.h>
#include "../include/stress_platform.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void stress_platform_begin(struct stress_snapshot *snap)
{
	struct int3_stats s;

	int3_stats_read(&s);
	snap->traps[0] = s.emulated;
	snap->traps[1] = s.late;
	snap->traps[2] = s.foreign;
	snap->start_ns = now_ns();
}

/*
 * Threads stand in for CPUs, more of them than the host has cores: a
 * caller at nice 0 took a fair share from the updater, and 1M updates
 * took 39 to 143 s on 2 cores, as the host scheduler went. At nice 19
 * (per thread on Linux) the callers use what the updater leaves: 68 to
 * 70 s, still 3.4G calls checked. The thread ends with the stress, and
 * its nice with it.
 */
void stress_platform_caller_start(void)
{
	setpriority(PRIO_PROCESS, (id_t)gettid(), 19);
}

/*
 * Nothing waits for a caller here, and at nice 19 on a host loaded by
 * other work the scheduler may leave one off a core for a second or
 * more: with a load of 10 on 2 cores, one caller made 576 calls in the
 * half second of 10,000 updates (the clang check's run) while the others
 * made 100,000 and 580,000. Over the full run, 1M updates and 10 to 70 s
 * here, every runnable thread gets its turns, and each made millions.
 */
bool stress_platform_callers_surely_ran(unsigned long updates)
{
	return updates >= STRESS_DEFAULT_UPDATES;
}

uint64_t stress_platform_end(struct kunit *test, const struct stress_snapshot *snap,
			     unsigned long updates)
{
	uint64_t ns = now_ns() - snap->start_ns;
	struct int3_stats s;

	int3_stats_read(&s);
	unsigned long emulated = s.emulated - snap->traps[0];

	kunit_info(test, "int3 traps: %lu emulated, %lu late (batch done, re-executed), %lu foreign",
		   emulated, s.late - snap->traps[1], s.foreign - snap->traps[2]);
	/*
	 * The sites' first bytes are int3 through two of each update's
	 * three syncs, so callers running during the updates meet it (2 to
	 * 11 times per 100 updates here): none emulated means the SIGTRAP
	 * path this stress exists for never ran.
	 */
	if (num_online_cpus() > 1 && stress_platform_callers_surely_ran(updates))
		KUNIT_EXPECT_GT_MSG(test, emulated, 0UL,
				    "no caller ever met an int3 of a patch in progress");
	return ns;
}
