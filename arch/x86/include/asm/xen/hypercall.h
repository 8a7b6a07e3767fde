/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls into Xen, for the Xen arch code (arch/x86/xen/) and the Xen code
 * above it (hypervisor/xen/). Xen's public interface comes from Debian's
 * libxen-dev through the include path, at the newest interface version
 * those headers know (older ones rename hypercalls to their compat
 * forms); include this before any other Xen header.
 */
#ifndef ASM_XEN_HYPERCALL_H
#define ASM_XEN_HYPERCALL_H

#define __XEN_INTERFACE_VERSION__ 0x00040e00

#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/sched.h>

/*
 * The page Xen fills with one 32-byte stub per hypercall
 * (arch/x86/xen/hypercall_page.S): int3s until it has.
 */
extern const uint8_t xen_hypercall_page[4096];

/*
 * Arguments go in %rdi, %rsi, %rdx (then %r10, %r8), the result comes
 * back in %rax; a debug hypervisor may poison the argument registers, so
 * all are clobbered, and %rcx/%r11 as well.
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

static inline long xen_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };

	return xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
			      (uintptr_t)&send);
}

#endif
