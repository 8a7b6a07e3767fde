// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 boot, from head.S to guest_main(): the device tree first (it
 * names the UART), then the console, then what the boot protocol told
 * us: RAM, the ranges the allocator must leave alone, the command line.
 * The exception vectors are already in place (head.S).
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <pvpatch/arch.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/console.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "arm64.h"

/* The DTB may not be larger (Linux's boot protocol caps it at 2 MiB). */
#define DTB_MAX_SIZE	(2u << 20)

struct cpu cpus[CONFIG_NR_CPUS];
struct boot_info boot_info;
struct fdt_info arm64_fdt;

extern char __image_start[], __image_end[];
extern char boot_stack_bottom[], boot_stack_top[];

static void reserve(uint64_t start, uint64_t size)
{
	if (boot_info.nr_reserved < MAX_MEMORY_REGIONS)
		boot_info.reserved[boot_info.nr_reserved++] =
			(struct memory_region){ start, size };
	else
		panic("more than %u reserved ranges", MAX_MEMORY_REGIONS);
}

static void boot_info_from_fdt(uint64_t dtb)
{
	boot_info.cmdline = arm64_fdt.bootargs ? arm64_fdt.bootargs : "";
	for (unsigned int i = 0; i < arm64_fdt.nr_memory; i++) {
		if (boot_info.nr_ram_regions == MAX_MEMORY_REGIONS)
			break;
		boot_info.ram[boot_info.nr_ram_regions++] = (struct memory_region){
			arm64_fdt.memory[i].start, arm64_fdt.memory[i].size };
	}
	reserve((uintptr_t)__image_start, __image_end - __image_start);
	reserve(dtb, arm64_fdt.total_size);
	for (unsigned int i = 0; i < arm64_fdt.nr_reserved; i++)
		reserve(arm64_fdt.reserved[i].start, arm64_fdt.reserved[i].size);
}

__noreturn void arm64_start(uint64_t dtb, uint64_t boot_el);
__noreturn void arm64_start(uint64_t dtb, uint64_t boot_el)
{
	const char *why;

	cpus[0].stack_bottom = (uintptr_t)boot_stack_bottom;
	cpus[0].stack_top = (uintptr_t)boot_stack_top;
	/* The boot protocol puts the DTB 8-byte aligned in RAM; the header
	 * is read before its size is trusted. */
	if (!dtb || (dtb & 7))
		why = "no device tree (x0 is 0 or misaligned)";
	else
		why = fdt_parse((const void *)dtb, DTB_MAX_SIZE, &arm64_fdt);
	if (!why && !arm64_fdt.uart.size)
		why = "no arm,pl011 UART in the device tree";
	if (why)	/* said through semihosting's console, if anywhere */
		platform_fatal("device tree at 0x%lx: %s", (unsigned long)dtb, why);
	pl011_init(arm64_fdt.uart.start);
	arch_console_init();
	printk("pvpatch guest: arm64, Image entry at EL%lu, DTB at 0x%lx (%u bytes)\n",
	       (unsigned long)boot_el, (unsigned long)dtb, arm64_fdt.total_size);
	if (!arm64_fdt.nr_memory)
		platform_fatal("no memory node in the device tree");
	if (arm64_fdt.gic == FDT_GIC_NONE)
		platform_fatal("device tree: no interrupt controller (a node compatible with "
			       "arm,gic-v3, arm,cortex-a15-gic or arm,gic-400)");
	boot_info_from_fdt(dtb);
	for (unsigned int i = 0; i < boot_info.nr_ram_regions; i++)
		printk("memory: 0x%lx-0x%lx\n", (unsigned long)boot_info.ram[i].start,
		       (unsigned long)(boot_info.ram[i].start + boot_info.ram[i].size - 1));
	guest_main();
}
