// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include "bench.h"

#ifdef CONFIG_PLATFORM_GUEST
#include <asm/apic.h>

uint64_t bench_time_ns(void)
{
	uint64_t khz = tsc_khz();

	return khz ? bench_cycles() * 1000000 / khz : 0;
}
#else
#include <time.h>

uint64_t bench_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
#endif
