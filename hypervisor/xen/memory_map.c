// SPDX-License-Identifier: GPL-2.0
/*
 * The memory map of a Xen PVH guest whose start info carries none
 * (version 0: Xen 4.17 builds dom0's that way): XENMEM_memory_map
 * returns it as E820 entries.
 */
#include "xen_abi.h"
#include <xen/memory.h>

#define E820_RAM	1
#define MAX_ENTRIES	128

struct e820_entry {
	uint64_t addr, size;
	uint32_t type;
} __attribute__((packed));

int xen_memory_map(void (*add_ram)(uint64_t start, uint64_t size))
{
	static struct e820_entry map[MAX_ENTRIES];
	struct xen_memory_map request = { .nr_entries = MAX_ENTRIES };
	long rc;

	if (!xen_hypercall_page_install())
		return -1;
	set_xen_guest_handle(request.buffer, map);
	rc = xen_hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map, (uintptr_t)&request);
	if (rc)
		return (int)rc;
	for (unsigned int i = 0; i < request.nr_entries && i < MAX_ENTRIES; i++) {
		if (map[i].type == E820_RAM)
			add_ram(map[i].addr, map[i].size);
	}
	return 0;
}
