// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs on arm64: the boot CPU only, until PSCI CPU_ON bring-up, the GIC
 * and SGIs land (issue 11). The cross-CPU primitives are then exact for
 * the one CPU online; ktest_smp and the suites that need more CPUs see
 * num_online_cpus() == 1 (test_smp.c).
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <pvpatch/arch.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>
#include "arm64.h"

unsigned int smp_processor_id(void)
{
	return 0;
}

unsigned int num_online_cpus(void)
{
	return 1;
}

void on_each_cpu(void (*fn)(void *arg), void *arg, bool wait)
{
	unsigned long flags = local_irq_save();

	fn(arg);
	local_irq_restore(flags);
}

void sync_all_cpus(void)
{
	/* One CPU: its own context synchronization is all there is. */
	isb();
}

void run_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	fn(arg);
}

void smp_set_cpu_online_hook(void (*hook)(unsigned int cpu))
{
}

void arch_smp_init(void)
{
	printk("smp: 1 of %u CPUs in the device tree online (secondary bring-up: issue 11)\n",
	       arm64_fdt.nr_cpus);
}
