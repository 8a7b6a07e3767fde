// SPDX-License-Identifier: GPL-2.0
#include <asm/apic.h>
#include <asm/processor.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include "sched_clock_checks.h"

void expect_sched_clock_monotonic(struct kunit *test)
{
	uint64_t prev = pv_sched_clock(), now, backwards = 0;

	for (int i = 0; i < 20000; i++) {
		now = pv_sched_clock();
		if (now < prev && !backwards++)
			kunit_info(test, "cpu %u: %lu after %lu", smp_processor_id(),
				   (unsigned long)now, (unsigned long)prev);
		prev = now;
	}
	KUNIT_EXPECT_EQ(test, backwards, 0UL);
}

void expect_sched_clock_at_tsc_rate(struct kunit *test, const char *name)
{
	uint64_t khz = tsc_khz();

	if (!khz)
		kunit_skip(test, "TSC rate unknown");
	uint64_t ns0 = pv_sched_clock(), tsc0 = rdtsc();

	while (rdtsc() - tsc0 < khz * 100)	/* 100 ms */
		cpu_relax();
	uint64_t ns = pv_sched_clock() - ns0;
	uint64_t ref = (rdtsc() - tsc0) * 1000000 / khz;

	kunit_info(test, "%s %lu ns over %lu TSC ns (%lu ppm off)", name,
		   (unsigned long)ns, (unsigned long)ref,
		   (unsigned long)((ns > ref ? ns - ref : ref - ns) * 1000000 / ref));
	KUNIT_EXPECT_LE(test, ns, ref + ref / 4);
	KUNIT_EXPECT_GE(test, ns, ref - ref / 4);
}
