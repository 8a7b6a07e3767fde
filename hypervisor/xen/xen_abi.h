/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen code's own view of Xen's interface: the calls (the arch's
 * asm/xen/hypercall.h, included first: it sets the interface version),
 * the HVM/PVH parameters, and what hypervisor/xen/ shares between its
 * files.
 */
#ifndef HYPERVISOR_XEN_ABI_H
#define HYPERVISOR_XEN_ABI_H

#include <asm/xen/hypercall.h>
#include <xen/features.h>
#include <xen/version.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <pvpatch/hypervisor.h>

static inline long xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = xen_hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, (uintptr_t)&p);

	*value = p.value;
	return rc;
}

/* Installs the hypercall page if this is a Xen HVM/PVH guest. */
bool xen_hypercall_page_install(void);

/*
 * Xen services that do not depend on the pvops backend, which the x86
 * platform code reaches through its hooks (platform.c): the console
 * (Xen's own for dom0, the shared ring for a domU; console.c), shutdown
 * with a reason and the TSC rate (power.c), the E820 map, each RAM range
 * through add_ram (memory_map.c). Each is a no-op (false, 0, -1) off Xen.
 */
bool xen_console_init(void);
void xen_console_write(const char *text, size_t len);
void xen_shutdown(bool failed);
uint32_t xen_tsc_khz(void);
int xen_memory_map(void (*add_ram)(uint64_t start, uint64_t size));

/* Xen's clock as sched_clock (clock.c). */
void xen_clock_select(void);
void xen_clock_cpu_online(unsigned int cpu);
bool xen_clock_used(void);
uint64_t xen_sched_clock(void);

#endif
