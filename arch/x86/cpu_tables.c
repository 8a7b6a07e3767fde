// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor tables: one IDT shared by all CPUs; a GDT and a TSS per CPU
 * (a TSS is marked busy when loaded, so CPUs cannot share one). The TSS
 * gives NMI, #DF and #MC stacks of their own: those can arrive when the
 * current stack is unusable (SDM vol. 3A, 6.14.5 "Interrupt Stack Table").
 */
#include <stdint.h>
#include <string.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/traps.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __packed;

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __packed;

#define GATE_INTERRUPT	0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define TSS_AVAILABLE	0x89	/* present, DPL 0, available 64-bit TSS */

extern const uint64_t vector_stubs[256];
extern const uint64_t boot_gdt[];

static struct idt_gate idt[256] __aligned(16);
static uint8_t bsp_ist_stacks[IST_COUNT][PAGE_SIZE] __aligned(PAGE_SIZE);

static void set_gate(unsigned int vector, uint64_t handler, unsigned int ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = KERNEL_CS,
		.ist = ist,
		.type_attr = GATE_INTERRUPT,
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void trap_init(void)
{
	for (unsigned int v = 0; v < 256; v++)
		set_gate(v, vector_stubs[v], 0);
	set_gate(VECTOR_NMI, vector_stubs[VECTOR_NMI], IST_NMI);
	set_gate(VECTOR_DF, vector_stubs[VECTOR_DF], IST_DOUBLE_FAULT);
	set_gate(VECTOR_MC, vector_stubs[VECTOR_MC], IST_MACHINE_CHECK);

	struct cpu *bsp = &cpus[0];

	for (unsigned int i = 1; i <= IST_COUNT; i++)
		bsp->ist_stack_top[i] = (uintptr_t)bsp_ist_stacks[i - 1] + PAGE_SIZE;
	cpu_tables_init(0);
}

static void set_tss_descriptor(uint64_t *gdt, const struct tss *tss)
{
	uint64_t base = (uintptr_t)tss;
	uint64_t limit = sizeof(*tss) - 1;

	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     ((uint64_t)TSS_AVAILABLE << 40) |
			     (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;
}

/* Load this CPU's GDT, TSS and the IDT; the CPU must be `cpu`. */
void cpu_tables_init(unsigned int cpu)
{
	struct cpu *c = &cpus[cpu];
	struct descriptor_pointer gdtr = {
		.limit = sizeof(c->gdt) - 1, .base = (uintptr_t)c->gdt,
	};
	struct descriptor_pointer idtr = {
		.limit = sizeof(idt) - 1, .base = (uintptr_t)idt,
	};

	memcpy(c->gdt, boot_gdt, (GDT_ENTRY_KERNEL_CS32 + 1) * sizeof(uint64_t));
	memset(&c->tss, 0, sizeof(c->tss));
	for (unsigned int i = 1; i <= IST_COUNT; i++)
		c->tss.ist[i - 1] = c->ist_stack_top[i];
	c->tss.iomap_base = sizeof(c->tss);	/* no I/O bitmap */
	set_tss_descriptor(c->gdt, &c->tss);

	/* Reload CS with a far return: there is no far jump to a register. */
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"mov %2, %%ds\n\t"
		"mov %2, %%es\n\t"
		"mov %2, %%ss\n\t"
		"ltr %w3\n\t"
		"lidt %4"
		: : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS),
		    "r"(TSS_SELECTOR), "m"(idtr)
		: "rax", "memory");
}
