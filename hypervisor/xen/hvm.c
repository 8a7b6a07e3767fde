// SPDX-License-Identifier: GPL-2.0
/*
 * Xen HVM and PVH guests: find Xen's CPUID leaves and have Xen write the
 * hypercall page (arch/x86/xen/hypercall_page.S). This registers the "xen" backend (pvops=xen). The
 * page is installed at the first need: the console (console.c; a PVH
 * guest has no UART, so even pvops=native makes hypercalls there), or
 * the backend's select(). select() takes sched_clock from Xen's clock
 * (clock.c) and leaves the irq ops native (PVH has a real interrupt
 * flag); the Xen PV ops (vcpu_info event mask,
 * SCHEDOP_block, event channel IPIs) add their static_call_update()s
 * there. A Xen PV guest is not ours: it has no
 * MSR to ask for the page (its page comes from the ELF note).
 *
 * Xen's public arch-x86/cpuid.h is the ABI: leaf base + 0 holds the
 * largest Xen leaf and "XenVMMXenVMM"; base + 1 the version; base + 2
 * the number of hypercall pages and the MSR that installs them. The base
 * is the first 0x100-aligned leaf from 0x40000000 that no other
 * hypervisor interface uses (with Viridian enabled, 0x40000100).
 */
#include <string.h>
#include <xen/arch-x86/cpuid.h>
#include <asm/cpufeatures.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops_backend.h>
#include "xen_abi.h"

#define XEN_LEAF_STRIDE		0x100
#define XEN_LEAF_LIMIT		0x40010000	/* 256 possible bases */
#define XEN_LEAVES_NEEDED	3		/* base + 2: the hypercall MSR */

static bool page_ready;

static bool is_xen_signature(const struct cpuid_regs *r)
{
	return r->ebx == XEN_CPUID_SIGNATURE_EBX &&
	       r->ecx == XEN_CPUID_SIGNATURE_ECX &&
	       r->edx == XEN_CPUID_SIGNATURE_EDX;
}

/*
 * A base is in use when its EAX (largest leaf) lies within its own 0x100
 * block. Xen takes the first unused block, so the search ends at the
 * first unused one: past it there cannot be Xen leaves, and on other
 * hypervisors this stops after a CPUID or two instead of 256.
 */
uint32_t xen_cpuid_base_of(cpuid_fn_t cpuid_fn)
{
	for (uint32_t base = XEN_CPUID_FIRST_LEAF; base < XEN_LEAF_LIMIT;
	     base += XEN_LEAF_STRIDE) {
		struct cpuid_regs r = cpuid_fn(base);

		if (r.eax < base || r.eax >= base + XEN_LEAF_STRIDE)
			return 0;
		if (is_xen_signature(&r))
			return r.eax - base >= XEN_LEAVES_NEEDED - 1 ? base : 0;
	}
	return 0;
}

uint32_t xen_cpuid_base(void)
{
	if (!cpu_feature_enabled(X86_FEATURE_HYPERVISOR))
		return 0;
	return xen_cpuid_base_of(cpuid);
}

bool xen_hypercall_page_ready(void)
{
	return page_ready;
}

static bool xen_hvm_detect(void)
{
	return !cpu_feature_enabled(X86_FEATURE_XENPV) && xen_cpuid_base();
}

#define CPUID1_ECX_HYPERVISOR	(1U << 31)

/* Xen overwrote the int3s. */
static bool page_written(void)
{
	for (size_t i = 0; i < sizeof(xen_hypercall_page); i++) {
		if (xen_hypercall_page[i] != 0xcc)
			return true;
	}
	return false;
}

/*
 * base + 2: EAX is the number of hypercall pages (always at least one),
 * EBX the MSR. Writing a page's guest-physical address (page aligned;
 * the low 12 bits select which page of several) makes Xen fill it.
 * Called at the first need: the console, before CPU features are read
 * (hence the raw CPUID), or the backend's select(); once is enough.
 */
bool xen_hypercall_page_install(void)
{
	if (page_ready)
		return true;
	/* A PV kernel's page was written by Xen's domain builder, from
	 * the HYPERCALL_PAGE note (arch/x86/xen/pv_head.S). */
	if (cpu_feature_enabled(X86_FEATURE_XENPV)) {
		__atomic_store_n(&page_ready, page_written(), __ATOMIC_RELEASE);
		return page_ready;
	}
	if (!(cpuid(1).ecx & CPUID1_ECX_HYPERVISOR))
		return false;
	uint32_t base = xen_cpuid_base_of(cpuid);

	if (!base)
		return false;
	struct cpuid_regs r = cpuid(base + 2);

	wrmsr(r.ebx, (uintptr_t)xen_hypercall_page);
	__atomic_store_n(&page_ready, page_written(), __ATOMIC_RELEASE);
	return page_ready;
}

static void xen_hvm_select(void)
{
	uint32_t base = xen_cpuid_base();
	uint32_t version = cpuid(base + 1).eax;	/* major << 16 | minor */
	bool ready = xen_hypercall_page_install();

	/* detect.c looks at 0x40000000 only; Xen behind Viridian is Xen too. */
	cpu_feature_set(X86_FEATURE_XEN);
	printk("xen: leaves at 0x%x, Xen %u.%u; hypercall page at %p via MSR 0x%x%s\n",
	       base, version >> 16, version & 0xffff,
	       (const void *)xen_hypercall_page, cpuid(base + 2).ebx,
	       ready ? "" : ": NOT written by Xen");
	if (ready)
		xen_clock_select();
}

/*
 * Above KVM's 10: Xen's leaves are there only on Xen, or on a host that
 * emulates Xen for this guest and so wants it to talk Xen.
 */
static const struct pvops_backend xen_hvm_backend = {
	.name = "xen", .detect = xen_hvm_detect, .select = xen_hvm_select,
	.cpu_online = xen_clock_cpu_online,
	.priority = 20,
};
PVOPS_BACKEND(xen_hvm_backend);
