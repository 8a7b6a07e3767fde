/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/segment.h>
#include <pvpatch/compiler.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct cpu_call {
	void (*fn)(void *arg);
	void *arg;
};

struct trap_expectation;
struct pt_regs;

/*
 * Everything one CPU owns. %gs points at its own struct cpu, whose first
 * field points back to it, so this_cpu() is one load.
 */
struct cpu {
	struct cpu *self;
	unsigned int id;
	uint32_t apic_id;
	bool online;
	uintptr_t stack_bottom, stack_top;
	uintptr_t ist_stack_top[IST_COUNT + 1];
	uint64_t gdt[GDT_ENTRIES] __aligned(16);
	struct tss tss __aligned(16);
	/* Timer and IPI bookkeeping (arch/x86/apic.c, smp.c). */
	volatile uint64_t timer_ticks;
	volatile uint64_t ipis_received;
	volatile uint64_t syncs;
	/* Kernel irq pvop sites run on this CPU (asm/irqflags.h). */
	volatile uint64_t kernel_irq_sites;
	/* KVM PV EOI (hypervisor/kvm/pv_eoi.c): this CPU's word, or NULL,
	 * and how many APIC EOI writes it saved. */
	volatile uint32_t *pv_eoi_word;
	volatile uint64_t pv_eois;
	/* Work handed over by on_each_cpu() / run_on_all_cpus(). */
	volatile struct cpu_call ipi_call;
	volatile struct cpu_call task_call;
	/* The context the interrupt being handled interrupted, or NULL. */
	struct pt_regs *irq_regs;
	/* A trap a test is waiting for (arch/x86/traps.c). */
	struct trap_expectation *expect;
	unsigned int console_nesting;
#ifdef CONFIG_XEN_PV
	/* This vCPU's struct vcpu_info (xen.h), placed here by
	 * VCPUOP_register_vcpu_info so that the inline irq ops reach its
	 * event mask %gs-relative (asm/xen/pv_arms.h). 64 bytes, aligned:
	 * never across a page. */
	uint8_t xen_vcpu_info[64] __aligned(64);
#endif
} __aligned(64);

extern struct cpu cpus[CONFIG_NR_CPUS];

/* The id the interrupt controller knows the CPU by: its APIC ID. */
static inline uint64_t cpu_hw_id(const struct cpu *c)
{
	return c->apic_id;
}

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ __volatile__("mov %%gs:0, %0" : "=r"(c));
	return c;
}

#endif
