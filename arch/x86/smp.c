// SPDX-License-Identifier: GPL-2.0
/*
 * SMP bring-up and cross-CPU calls. APs start one at a time with the
 * INIT-SIPI-SIPI sequence (SDM vol. 3A, 9.4.4.1), each with its own
 * stacks, GDT, TSS and APIC timer, then wait in an idle loop for work.
 */
#include <stdbool.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/console.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>
#include <asm/smp.h>
#include "trampoline.h"

extern const uint64_t boot_gdt[];

static unsigned int nr_online = 1;
static uint32_t apic_ids[CONFIG_NR_CPUS];

unsigned int smp_processor_id(void)
{
	return this_cpu()->id;
}

unsigned int num_online_cpus(void)
{
	return __atomic_load_n(&nr_online, __ATOMIC_ACQUIRE);
}

static void (*cpu_online_hook)(unsigned int cpu);

void smp_set_cpu_online_hook(void (*hook)(unsigned int cpu))
{
	cpu_online_hook = hook;
}

void trampoline_install(void)
{
	struct trampoline_params *params =
		(void *)(TRAMPOLINE_BASE + PAGE_SIZE);

	memcpy((void *)TRAMPOLINE_BASE, trampoline_start,
	       trampoline_end - trampoline_start);
	memset(params, 0, sizeof(*params));
	params->gdt_limit = 4 * sizeof(uint64_t) - 1;
	params->gdt_base = (uint32_t)(uintptr_t)boot_gdt;
}

static void delay_us(uint64_t us)
{
	uint64_t khz = tsc_khz() ? tsc_khz() : 1000000;
	uint64_t end = rdtsc() + us * khz / 1000;

	while (rdtsc() < end)
		cpu_relax();
}

static void timer_interrupt(struct pt_regs *regs)
{
	this_cpu()->timer_ticks++;
}

/* Idle: run handed-over tasks; otherwise sleep until an interrupt. */
static __noreturn void idle_loop(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		local_irq_disable();
		void (*fn)(void *) = __atomic_load_n(&c->task_call.fn,
						     __ATOMIC_ACQUIRE);
		if (fn) {
			local_irq_enable();
			fn(c->task_call.arg);
			__atomic_store_n(&c->task_call.fn, NULL, __ATOMIC_RELEASE);
			continue;
		}
		/* Checked with interrupts off; safe_halt() leaves no
		 * window for the wake-up IPI to be lost before the halt
		 * (natively sti's shadow, and each arm keeps that). */
		safe_halt();
	}
}

static void start_local_interrupts(void)
{
	apic_init_cpu();
	apic_timer_start();
	local_irq_enable();
}

__noreturn void ap_entry(unsigned int cpu);
__noreturn void ap_entry(unsigned int cpu)
{
	struct cpu *c = &cpus[cpu];

	wrmsr(MSR_GS_BASE, (uintptr_t)c);
	cpu_tables_init(cpu);
	apic_init_cpu();
	if (apic_read_id() != c->apic_id)
		panic("cpu %u: APIC ID %u, expected %u", cpu, apic_read_id(),
		      c->apic_id);
	if (cpu_online_hook)
		cpu_online_hook(cpu);
	apic_timer_start();
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	__atomic_fetch_add(&nr_online, 1, __ATOMIC_ACQ_REL);
	idle_loop();
}

static bool setup_cpu(unsigned int idx, uint32_t apic_id)
{
	struct cpu *c = &cpus[idx];
	void *stack = alloc_pages(CONFIG_STACK_PAGES);
	uint8_t *ist = alloc_pages(IST_COUNT);

	if (!stack || !ist)
		return false;
	c->self = c;
	c->id = idx;
	c->apic_id = apic_id;
	c->stack_bottom = (uintptr_t)stack;
	c->stack_top = (uintptr_t)stack + CONFIG_STACK_PAGES * PAGE_SIZE;
	for (unsigned int i = 1; i <= IST_COUNT; i++)
		c->ist_stack_top[i] = (uintptr_t)ist + i * PAGE_SIZE;
	return true;
}

static bool start_cpu(unsigned int idx)
{
	struct cpu *c = &cpus[idx];
	struct trampoline_params *params = (void *)(TRAMPOLINE_BASE + PAGE_SIZE);

	params->cr3 = kernel_cr3();
	params->efer = rdmsr(MSR_EFER) & ~(1UL << 10);	/* not LMA: read-only */
	params->stack = c->stack_top;
	params->entry = (uintptr_t)ap_entry;
	params->cpu = idx;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	apic_send_init(c->apic_id);
	delay_us(10000);
	for (int sipi = 0; sipi < 2 && !c->online; sipi++) {
		apic_send_startup(c->apic_id, TRAMPOLINE_BASE >> PAGE_SHIFT);
		delay_us(200);
	}
	/* Generous: an emulated AP may take a while to reach C. */
	for (uint64_t waited = 0; waited < 2000000; waited += 100) {
		if (__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
			return true;
		delay_us(100);
	}
	return false;
}

void arch_smp_init(void)
{
	struct cpu *bsp = this_cpu();

	set_irq_handler(VECTOR_TIMER, timer_interrupt);
	set_irq_handler(VECTOR_IPI_CALL, smp_call_interrupt);
	set_irq_handler(VECTOR_IPI_WAKE, smp_wake_interrupt);
	/* The 8259 PICs are unused; mask them so stray IRQs stay away. */
	outb(0x21, 0xff);
	outb(0xa1, 0xff);

	apic_init_cpu();
	bsp->apic_id = apic_read_id();
	apic_calibrate();
	bsp->online = true;

	unsigned int found = acpi_find_cpus(boot_info.acpi_rsdp, apic_ids,
					    CONFIG_NR_CPUS);
	if (!found) {
		printk("smp: no ACPI MADT; running on the boot CPU only\n");
		found = 1;
		apic_ids[0] = bsp->apic_id;
	}
	console_enable_cpu_prefix();
	start_local_interrupts();

	unsigned int idx = 1;

	for (unsigned int i = 0; i < found; i++) {
		if (apic_ids[i] == bsp->apic_id)
			continue;
		if (!setup_cpu(idx, apic_ids[i]) || !start_cpu(idx)) {
			printk("smp: cpu with APIC ID %u did not start\n", apic_ids[i]);
			platform_exit(EXIT_FAIL);
		}
		idx++;
	}
	printk("smp: %u CPUs online (%s)\n", num_online_cpus(),
	       apic_is_x2apic() ? "x2APIC" : "xAPIC");
}
