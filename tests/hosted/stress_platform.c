// SPDX-License-Identifier: GPL-2.0
/* Hosted side of the static call stress: wall time, SIGTRAP statistics. */
#include <time.h>
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
