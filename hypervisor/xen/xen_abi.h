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

/* Xen's clock as sched_clock (clock.c). */
void xen_clock_select(void);
void xen_clock_cpu_online(unsigned int cpu);
bool xen_clock_used(void);
uint64_t xen_sched_clock(void);

#endif
