// SPDX-License-Identifier: GPL-2.0
/* Hosted side of the static call stress: wall time, SIGTRAP statistics. */
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <hosted/int3.h>
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

uint64_t stress_platform_end(struct kunit *test, const struct stress_snapshot *snap)
{
	uint64_t ns = now_ns() - snap->start_ns;
	struct int3_stats s;

	int3_stats_read(&s);
	kunit_info(test, "int3 traps: %lu emulated, %lu late (batch done, re-executed), %lu foreign",
		   s.emulated - snap->traps[0], s.late - snap->traps[1],
		   s.foreign - snap->traps[2]);
	return ns;
}
