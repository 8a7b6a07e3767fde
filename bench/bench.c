// SPDX-License-Identifier: GPL-2.0
/*
 * bench=calls|updates|all: run benchmarks instead of the tests. Same code
 * in the guest (cycles; an emulated guest's figures are only meaningful
 * as ratios within one run) and hosted (native speed).
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/printk.h>
#include "bench.h"

static const char *requested;

static const char *set_bench(const char *value)
{
	if (strcmp(value, "calls") && strcmp(value, "updates") && strcmp(value, "all"))
		return "expected calls, updates or all";
	requested = strcmp(value, "calls") == 0 ? "calls" :
		    strcmp(value, "updates") == 0 ? "updates" : "all";
	return NULL;
}
BOOT_PARAM(bench, "bench", set_bench,
	   "run benchmarks instead of tests: calls|updates|all");

bool bench_run_requested(void)
{
	if (!requested)
		return false;
	if (strcmp(requested, "updates"))
		bench_calls();
	if (strcmp(requested, "calls"))
		bench_updates();
	return true;
}
