// SPDX-License-Identifier: GPL-2.0
#include <pvpatch/compiler.h>
#include <pvpatch/smp.h>
#include "../include/call_window.h"

/*
 * One call per 8 updates: far below what a CPU that runs its loop makes,
 * far above what one that sat the updates out makes. In the guest each
 * update's three syncs wait until every CPU has taken an IPI, and each
 * CPU goes back to its loop after each: under TCG on a loaded 2-core
 * host busy callers made 4,000 to 200,000 calls per update, and the
 * live switch's CPU 1, which halts between rounds, about 6 per switch
 * under Xen PV (one per wake-up, and every sync wakes it). Hosted, nice
 * 19 callers that nothing waits for made 9 to 17 per update over the
 * full run (stress_platform_callers_surely_ran() says when). A CPU that
 * made no call while the updates went on shows 0.
 */
#define UPDATES_PER_CALL	8

static void snapshot(struct call_window *w, uint64_t *into, call_count_fn count)
{
	for (unsigned int cpu = 0; cpu < w->cpus; cpu++)
		into[cpu] = count(cpu);
}

void call_window_open(struct call_window *w, call_count_fn count)
{
	w->cpus = num_online_cpus();
	w->updates = 0;
	snapshot(w, w->opened, count);
}

void call_window_close(struct call_window *w, call_count_fn count,
		       unsigned long updates)
{
	snapshot(w, w->closed, count);
	w->updates = updates;
}

/* The least each other CPU must have made inside the window. */
static uint64_t call_window_floor(const struct call_window *w)
{
	return DIV_ROUND_UP((uint64_t)w->updates, UPDATES_PER_CALL);
}

void expect_calls_in_window(struct kunit *test, const struct call_window *w,
			    const char *calls, const char *updates, bool required)
{
	uint64_t floor = call_window_floor(w);

	if (!required && w->cpus > 1)
		kunit_info(test, "a run this short does not require every cpu's %s", calls);

	for (unsigned int cpu = 0; cpu < w->cpus; cpu++) {
		uint64_t made = w->closed[cpu] - w->opened[cpu];
		bool exempt = cpu < 64 && (w->exempt >> cpu & 1);

		kunit_info(test, "cpu %u: %lu %s during %lu %s%s", cpu,
			   (unsigned long)made, calls, w->updates, updates,
			   cpu ? (exempt ? " (not required: other work)" : "") :
			   " (the updater's own)");
		if (cpu && required && !exempt)
			KUNIT_EXPECT_GE_MSG(test, made, floor,
					    "cpu %u made fewer %s than one per %u %s",
					    cpu, calls, UPDATES_PER_CALL, updates);
	}
}
