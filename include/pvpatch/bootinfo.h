/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_BOOTINFO_H
#define PVPATCH_BOOTINFO_H

#include <stdint.h>

#define MAX_MEMORY_REGIONS 32

struct memory_region {
	uint64_t start;
	uint64_t size;
};

/* What the boot protocol (PVH start info, ...) told us. */
struct boot_info {
	const char *cmdline;
	uint64_t acpi_rsdp;		/* 0 when not given */
	unsigned int nr_ram_regions;
	struct memory_region ram[MAX_MEMORY_REGIONS];
	/* Ranges inside RAM that hold boot data and must not be allocated. */
	unsigned int nr_reserved;
	struct memory_region reserved[MAX_MEMORY_REGIONS];
};

extern struct boot_info boot_info;

#endif
