// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted test binary: the command line is the boot command line (one
 * "key=value" boot argument per word, e.g. ktest.filter=glob*), then
 * every linked ktest suite runs and the exit status says whether all
 * passed, as the guest's exit does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hosted/int3.h>
#include <hosted/text_alias.h>
#include <pvpatch/alternative.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>
#include <pvpatch/static_call.h>
#include "../../bench/bench.h"

extern const struct boot_param __start_boot_params[];
extern const struct boot_param __stop_boot_params[];

void platform_exit(enum exit_status status)
{
	exit(status == EXIT_PASS ? 0 : 1);
}

void panic(const char *fmt, ...)
{
	char msg[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk("panic: %s", msg);
	platform_exit(EXIT_FAIL);
}

static void usage(const char *prog)
{
	console_printf("usage: %s [key=value ...]\nboot arguments:\n", prog);
	for (const struct boot_param *p = __start_boot_params;
	     p < __stop_boot_params; p++)
		console_printf("  %-20s %s\n", p->key, p->help);
	console_printf("environment: PVPATCH_CPUS=N threads standing in for CPUs\n");
}

int main(int argc, char **argv)
{
	char err[256];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(argv[0]);
			return 0;
		}
		if (bootargs_parse_all(argv[i], err, sizeof(err)))
			panic("%s", err);
	}
	/* A bad PVPATCH_CPUS stops us here, not in the middle of a suite. */
	num_online_cpus();
	/* The guest's boot order: text writable through an alias, #BP, sites. */
	text_alias_init();
	int3_handler_init();
	/* The guest's patch order (guest/main.c): alternatives, then static
	 * calls, whose sites may live inside applied alternatives. */
	cpu_features_init();
	apply_alternatives(__start_alt_instructions, __stop_alt_instructions);
	static_call_init();
#ifdef CONFIG_BENCH
	if (bench_run_requested())
		platform_exit(EXIT_PASS);
#endif
	platform_exit(ktest_run_all() ? EXIT_FAIL : EXIT_PASS);
}
