/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen's public interface, from Debian's libxen-dev through the include
 * path, at the newest interface version those headers know (older ones
 * rename hypercalls to their compat forms), and the calls we make
 * through the hypercall page.
 */
#ifndef HYPERVISOR_XEN_ABI_H
#define HYPERVISOR_XEN_ABI_H

#define __XEN_INTERFACE_VERSION__ 0x00040e00

#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <pvpatch/hypervisor.h>

/*
 * One 32-byte stub per hypercall in the page Xen wrote. Arguments go in
 * %rdi, %rsi, %rdx (then %r10, %r8), the result comes back in %rax; a
 * debug hypervisor may poison the argument registers, so all are
 * clobbered, and %rcx/%r11 as well.
 */
static inline long xen_hypercall3(unsigned int op, unsigned long a1,
				  unsigned long a2, unsigned long a3)
{
	long result;

	__asm__ __volatile__("call *%[stub]"
			     : "=a"(result), "+D"(a1), "+S"(a2), "+d"(a3)
			     : [stub] "r"(xen_hypercall_page + op * 32)
			     : "rcx", "r8", "r10", "r11", "memory");
	return result;
}

static inline long xen_hypercall4(unsigned int op, unsigned long a1,
				  unsigned long a2, unsigned long a3,
				  unsigned long a4)
{
	register unsigned long r10 __asm__("r10") = a4;
	long result;

	__asm__ __volatile__("call *%[stub]"
			     : "=a"(result), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10)
			     : [stub] "r"(xen_hypercall_page + op * 32)
			     : "rcx", "r8", "r11", "memory");
	return result;
}

static inline long xen_hypercall2(unsigned int op, unsigned long a1, unsigned long a2)
{
	return xen_hypercall3(op, a1, a2, 0);
}

static inline long xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = xen_hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, (uintptr_t)&p);

	*value = p.value;
	return rc;
}

static inline long xen_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };

	return xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
			      (uintptr_t)&send);
}

/* Installs the hypercall page if this is a Xen HVM/PVH guest. */
bool xen_hypercall_page_install(void);

/* Xen's clock as sched_clock (clock.c). */
void xen_clock_select(void);
void xen_clock_cpu_online(unsigned int cpu);
bool xen_clock_used(void);
uint64_t xen_sched_clock(void);

#endif
