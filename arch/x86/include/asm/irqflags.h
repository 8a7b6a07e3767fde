/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest kernel's interrupt-flag operations. Every one is a pvop site
 * (<pvpatch/pvops_calls.h>) in every x86 build, native and Xen PV alike,
 * so the boot patch order and the live arm switch reach the kernel's own
 * critical sections, the text patcher's and the sync IPI's included, and
 * not only the test code's. What must stay raw is listed, with the
 * reason, in arch/x86/raw_irq_ops.txt (checked by scripts/check-raw-irq-ops.py).
 *
 * Before apply_alternatives() a site holds its first arm, the native
 * instructions: right on bare metal, KVM and PVH. A Xen PV kernel takes
 * the virtual IOPL first thing (arch/x86/xen/pv_setup.c), so there cli
 * and sti trap to Xen, which ignores them; its events are masked from
 * the start until the sites hold the Xen arm.
 *
 * Kernel objects also count each site they run in their CPU's
 * kernel_irq_sites (one %gs-relative increment, valid from the first
 * instruction of C: the boot points %gs at the CPU before anything
 * else), so a test can prove that kernel sites ran while it switched
 * their arms. Test and benchmark objects (built with PVPATCH_TEST_CODE)
 * record their sites as test sites and do not count.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/pvops_calls.h>

#ifdef PVPATCH_TEST_CODE
static __always_inline void count_kernel_irq_site(void)
{
}
#else
static __always_inline void count_kernel_irq_site(void)
{
	__asm__ __volatile__("incq %%gs:%c0"
			     : : "i"(offsetof(struct cpu, kernel_irq_sites)) : "cc");
}
#endif

static __always_inline unsigned long local_save_flags(void)
{
	count_kernel_irq_site();
	return pv_save_fl();
}

static __always_inline void local_irq_disable(void)
{
	count_kernel_irq_site();
	pv_irq_disable();
}

static __always_inline void local_irq_enable(void)
{
	count_kernel_irq_site();
	pv_irq_enable();
}

static __always_inline bool irqs_disabled(void)
{
	return !(local_save_flags() & X86_EFLAGS_IF);
}

static __always_inline unsigned long local_irq_save(void)
{
	unsigned long flags = local_save_flags();

	local_irq_disable();
	return flags;
}

static __always_inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

/* Enable interrupts and wait for one, with no window between the two
 * in which a wake-up could be lost (each arm keeps that promise). */
static __always_inline void safe_halt(void)
{
	count_kernel_irq_site();
	pv_safe_halt();
}

static __always_inline void halt(void)
{
	count_kernel_irq_site();
	pv_halt();
}

#endif
