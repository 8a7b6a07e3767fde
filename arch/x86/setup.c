// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 boot, from head.S to guest_main(): per-CPU base first (printk
 * reads the CPU number through %gs), then the console, then the
 * exception table so that any later mistake is reported, then the boot
 * protocol's information.
 */
#include <stdint.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/arch.h>
#include <pvpatch/console.h>
#include <pvpatch/printk.h>
#include "setup.h"

struct cpu cpus[CONFIG_NR_CPUS];

extern char boot_stack_bottom[], boot_stack_top[];

/* The boot CPU's struct cpu; the boot path then points %gs at it. */
struct cpu *percpu_boot_cpu(void)
{
	struct cpu *bsp = &cpus[0];

	bsp->self = bsp;
	bsp->id = 0;
	bsp->stack_bottom = (uintptr_t)boot_stack_bottom;
	bsp->stack_top = (uintptr_t)boot_stack_top;
	return bsp;
}

void percpu_early_init(void)
{
	wrmsr(MSR_GS_BASE, (uintptr_t)percpu_boot_cpu());
}

__noreturn void x86_start(uint32_t start_info_pa);
__noreturn void x86_start(uint32_t start_info_pa)
{
	percpu_early_init();
	arch_console_init();
	printk("pvpatch guest: x86-64, PVH entry\n");
	trap_init();
	pvh_parse_start_info(start_info_pa);
	guest_main();
}
