// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's boot sequence after the arch entry code (console, exception
 * table, the boot protocol's information). Boot arguments come first: an
 * unknown key, or a value its parser refuses, stops the boot before
 * memory, patching or the other CPUs. A pvops= value is only a name
 * here: pvops_select() refuses one that is unknown or does not match the
 * machine once pvpatch_boot() has detected the hypervisor, after memory
 * and the unwinder are set up and before any site is patched.
 */
#include <string.h>
#include <pvpatch/arch.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/ktest.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#ifdef CONFIG_ARCH_HAS_PATCHING
#include <pvpatch/alternative.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/patch_log.h>
#include <pvpatch/static_call.h>
#include <pvpatch/unwind.h>
#include "../bench/bench.h"
#elif defined(CONFIG_ARCH_HAS_ALTERNATIVES)
#include <asm/clock.h>
#include <pvpatch/alternative.h>
#include <pvpatch/cpufeature.h>
#endif

static const char *crash_kind;

static const char *set_crash(const char *value)
{
#ifdef CONFIG_BOOT_CRASH_TESTS
	static const char *const kinds[] = { "ud", "pf", "bp", "db", "wx", "panic" };

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (strcmp(value, kinds[i]) == 0) {
			crash_kind = kinds[i];
			return NULL;
		}
	}
	return "expected one of ud, pf, bp, db, wx, panic";
#else
	return "crash tests are not configured (CONFIG_BOOT_CRASH_TESTS)";
#endif
}
BOOT_PARAM(crash, "crash", set_crash,
	   "trigger a deliberate fatal exception after boot: ud|pf|bp|db|wx|panic");

#if !defined(CONFIG_ARCH_HAS_PATCHING) && defined(CONFIG_ARCH_HAS_ALTERNATIVES)
/*
 * Alternatives without static calls or pvops (arm64 so far): the CPU's
 * features, then every site picks its arm, while this CPU is the only
 * one running (the others start after: a site is never rewritten under
 * a CPU that may be executing it). The patch log as x86's, with what
 * the guest relocated itself.
 */
static void boot_alternatives(void)
{
	uint64_t khz = clock_counter_khz(), t0, t1, t2;

	t0 = clock_counter();
	cpu_features_init();
	t1 = clock_counter();
	apply_alternatives(__start_alt_instructions, __stop_alt_instructions);
	t2 = clock_counter();
	printk("pvpatch: alternatives %lu sites (%lu replaced, %lu relocated, %lu callbacks); steps: detect %lu us apply_alternatives %lu us\n",
	       alternatives_stats.sites, alternatives_stats.replaced,
	       alternatives_stats.relocated, alternatives_stats.callbacks,
	       khz ? (unsigned long)((t1 - t0) * 1000 / khz) : 0UL,
	       khz ? (unsigned long)((t2 - t1) * 1000 / khz) : 0UL);
}
#endif

__noreturn void guest_main(void)
{
	char err[256];

	printk("command line: '%s'\n", boot_info.cmdline);
	if (bootargs_parse_all(boot_info.cmdline, err, sizeof(err))) {
		printk("error: %s\n", err);
		platform_exit(EXIT_FAIL);
	}
	page_alloc_init(&boot_info);
	arch_memory_init();
#ifdef CONFIG_ARCH_HAS_PATCHING
	/* The ORC lookup index, before any CPU or interrupt may unwind. */
	unwind_init();
	/* The patch order (pvops/boot.c), then the other CPUs may run. */
	pvpatch_boot();
	patch_log_step("smp_start", arch_smp_init);
	patch_log_print();
#else
#ifdef CONFIG_ARCH_HAS_ALTERNATIVES
	boot_alternatives();
#endif
	arch_smp_init();
#endif
	if (crash_kind)
		arch_trigger_crash(crash_kind);

#ifdef CONFIG_ARCH_HAS_PATCHING
	if (bench_run_requested())
		platform_exit(EXIT_PASS);
#endif

	int failed = ktest_run_all();

	platform_exit(failed ? EXIT_FAIL : EXIT_PASS);
}
