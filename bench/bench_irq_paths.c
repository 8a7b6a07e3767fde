// SPDX-License-Identifier: GPL-2.0
/*
 * bench=irq, second table: what the arm of the irq ops costs on kernel
 * paths that run the kernel's own pvop sites (asm/irqflags.h), beside
 * the micro-benchmark's op, with the arm switched live between
 * measurements (pvops_set_irq_arm) so that both arms are timed in one
 * run, alternately, best of ROUNDS each:
 *   save+disable+restore    local_irq_save() and local_irq_restore()
 *                           inlined here: the micro-benchmark's op
 *   on_each_cpu round trip  on_each_cpu(nothing, wait): the kernel's
 *                           cross-CPU call (flag check, save, disable,
 *                           restore), an IPI to every other CPU, their
 *                           handlers, and the wait for them; with one
 *                           CPU, the local call only
 * An emulated guest's cycles mean something only as the ratio of the
 * two arms, which is the last column.
 */
#include <stdint.h>
#include <pvpatch/printk.h>
#include "bench.h"

#ifdef CONFIG_PLATFORM_GUEST
#include <asm/irqflags.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>

#define ROUNDS		5
#define ROUND_TRIPS	2000UL

enum { ARM_INLINE, ARM_CALL, NR_ARMS };

static void nothing(void *unused)
{
}

BENCH_LOOP(save_restore_loop,
	   unsigned long flags = local_irq_save();
	   local_irq_restore(flags))
BENCH_LOOP(round_trip_loop, on_each_cpu(nothing, NULL, true))

static const struct irq_path {
	const char *name;
	uint64_t (*loop)(unsigned long n);
	unsigned long n;
} paths[] = {
	{ "save+disable+restore", save_restore_loop, BENCH_CALL_ITERATIONS },
	{ "on_each_cpu round trip", round_trip_loop, ROUND_TRIPS },
};

void bench_irq_kernel_paths(void)
{
	uint64_t best[ARRAY_SIZE(paths)][NR_ARMS];
	bool boot_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);
	const char *unsupported = pvops_irq_arm_switch_unsupported();

	if (unsupported) {
		console_printf("# bench irq kernel paths: SKIP (%s)\n", unsupported);
		return;
	}
	for (size_t p = 0; p < ARRAY_SIZE(paths); p++)
		best[p][ARM_INLINE] = best[p][ARM_CALL] = ~0ULL;
	for (int r = 0; r < ROUNDS; r++) {
		for (int arm = 0; arm < NR_ARMS; arm++) {
			pvops_set_irq_arm(arm == ARM_CALL);
			for (size_t p = 0; p < ARRAY_SIZE(paths); p++) {
				uint64_t c = paths[p].loop(paths[p].n);

				if (c < best[p][arm])
					best[p][arm] = c;
			}
		}
	}
	pvops_set_irq_arm(boot_arm);
	console_printf("# bench irq kernel paths: each arm switched in live, best of %d rounds; %u CPUs; backend %s\n",
		       ROUNDS, num_online_cpus(), pvops_backend()->name);
	console_printf("# %-24s %14s %14s %12s\n", "path", "inline arm", "call arm",
		       "call/inline");
	for (size_t p = 0; p < ARRAY_SIZE(paths); p++) {
		unsigned long in = (unsigned long)(best[p][ARM_INLINE] * 100 / paths[p].n);
		unsigned long call = (unsigned long)(best[p][ARM_CALL] * 100 / paths[p].n);
		unsigned long ratio = in ? call * 100 / in : 0;

		console_printf("  %-24s %11lu.%02lu %11lu.%02lu %10lu.%02lux\n", paths[p].name,
			       in / 100, in % 100, call / 100, call % 100,
			       ratio / 100, ratio % 100);
		console_printf("# irqpathdata %s %lu.%02lu %lu.%02lu\n", paths[p].name,
			       in / 100, in % 100, call / 100, call % 100);
	}
	console_printf("# (cycles per iteration; emulated: compare the ratio)\n");
}
#else
void bench_irq_kernel_paths(void)
{
	console_printf("# bench irq kernel paths: guest only (a hosted process has no kernel sites)\n");
}
#endif
