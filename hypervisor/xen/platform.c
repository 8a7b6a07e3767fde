// SPDX-License-Identifier: GPL-2.0
/*
 * What Xen offers the x86 platform code (asm/hypervisor_hooks.h): its
 * console for a guest without a UART (console.c), shutdown with a reason
 * and the TSC rate it reports (power.c), its memory map (memory_map.c).
 * Each answers "not mine" off Xen, so registering them always is safe.
 */
#include <asm/hypervisor_hooks.h>
#include "xen_abi.h"

static const struct x86_hypervisor_hooks xen_hooks = {
	.name = "Xen",
	.console_init = xen_console_init,
	.console_write = xen_console_write,
	.shutdown = xen_shutdown,
	.tsc_khz = xen_tsc_khz,
	.memory_map = xen_memory_map,
};
X86_HYPERVISOR_HOOKS(xen_hooks);
