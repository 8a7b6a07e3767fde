// SPDX-License-Identifier: GPL-2.0
/*
 * bench=calls|irq|updates|all: run benchmarks instead of the tests. Same
 * code in the guest (cycles; an emulated guest's figures are only
 * meaningful as ratios within one run) and hosted (native speed).
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/compiler.h>
#include <pvpatch/printk.h>
#include "bench.h"

static const struct bench {
	const char *name;
	void (*run)(void);
} benches[] = {
	/* bench=all runs them in this order: the slow one last. */
	{ "calls", bench_calls },
	{ "irq", bench_irq_ops },
	{ "unwind", bench_unwind },
#ifdef CONFIG_BENCH
	/* The one benchmark every boot pays for (its 100,000 sites are
	 * patched then): only CONFIG_BENCH links it. */
	{ "updates", bench_updates },
#endif
};

#ifdef CONFIG_BENCH
#define BENCH_NAMES	"calls, irq, unwind, updates or all"
#else
#define BENCH_NAMES	"calls, irq, unwind or all (updates needs CONFIG_BENCH)"
#endif

static const char *requested;

static const char *set_bench(const char *value)
{
	if (strcmp(value, "all") == 0) {
		requested = "all";
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(benches); i++) {
		if (strcmp(value, benches[i].name) == 0) {
			requested = benches[i].name;
			return NULL;
		}
	}
	return "expected " BENCH_NAMES;
}
BOOT_PARAM(bench, "bench", set_bench,
	   "run benchmarks instead of tests: calls|irq|unwind|updates|all");

bool bench_run_requested(void)
{
	if (!requested)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(benches); i++) {
		if (!strcmp(requested, "all") || !strcmp(requested, benches[i].name))
			benches[i].run();
	}
	return true;
}
