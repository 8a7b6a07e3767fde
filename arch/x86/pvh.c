// SPDX-License-Identifier: GPL-2.0
/* Reading the PVH start info (Xen public ABI, hvm/start_info.h). */
#include <stdint.h>
#include <asm/hypervisor_hooks.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>
#include "setup.h"

struct boot_info boot_info;

extern char __image_start[], __image_end[];

/* Shared with the Xen PV boot path (arch/x86/xen/pv_setup.c). */
void boot_info_reserve(uint64_t start, uint64_t size)
{
	if (boot_info.nr_reserved < MAX_MEMORY_REGIONS)
		boot_info.reserved[boot_info.nr_reserved++] =
			(struct memory_region){ start, size };
}

void boot_info_add_ram(uint64_t start, uint64_t size)
{
	if (boot_info.nr_ram_regions < MAX_MEMORY_REGIONS)
		boot_info.ram[boot_info.nr_ram_regions++] =
			(struct memory_region){ start, size };
	else
		printk("warning: more than %d RAM regions; ignoring 0x%lx+0x%lx\n",
		       MAX_MEMORY_REGIONS, start, size);
}

static uint64_t string_size(const char *s)
{
	uint64_t n = 0;

	while (s[n])
		n++;
	return n + 1;
}

void pvh_parse_start_info(uint32_t start_info_pa)
{
	const struct hvm_start_info *si =
		(const struct hvm_start_info *)(uintptr_t)start_info_pa;

	if (!si || si->magic != XEN_HVM_START_MAGIC_VALUE)
		panic("PVH start info at 0x%x has bad magic", start_info_pa);
	boot_info_reserve((uintptr_t)__image_start, __image_end - __image_start);
	boot_info_reserve(start_info_pa, sizeof(*si));
	boot_info.cmdline = "";
	if (si->cmdline_paddr) {
		boot_info.cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
		boot_info_reserve(si->cmdline_paddr, string_size(boot_info.cmdline));
	}
	boot_info.acpi_rsdp = si->rsdp_paddr;
	if (si->version < 1 || !si->memmap_entries) {
		/* Xen's dom0 start info has none: ask Xen (its hook). */
		int rc = hv_memory_map(boot_info_add_ram);

		if (rc)
			panic("PVH start info version %u has no memory map, and Xen gave none (%d)",
			      si->version, rc);
		return;
	}

	const struct hvm_memmap_table_entry *map =
		(const void *)(uintptr_t)si->memmap_paddr;

	boot_info_reserve(si->memmap_paddr, si->memmap_entries * sizeof(*map));
	for (uint32_t i = 0; i < si->memmap_entries; i++) {
		if (map[i].type == XEN_HVM_MEMMAP_TYPE_RAM)
			boot_info_add_ram(map[i].addr, map[i].size);
	}
}
