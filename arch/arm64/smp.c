// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs on arm64: the device tree's cpu nodes (their reg is the MPIDR),
 * started one at a time by PSCI CPU_ON at secondary_entry (head.S),
 * which drops to EL1, turns the MMU on with the boot CPU's tables and
 * points TPIDR_EL1 at the CPU's struct cpu; then arm64_secondary_start()
 * brings up the GIC CPU interface and the timer and idles in WFI.
 */
#include <stdint.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/arch.h>
#include <pvpatch/console.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>
#include "arm64.h"
#include "gic.h"

/* How long a CPU may take from CPU_ON to online (TCG with more vCPUs
 * than host cores is slow to schedule the new thread). */
#define CPU_ON_TIMEOUT_MS	10000

/* What secondary_entry (head.S) loads with its MMU off: written once
 * and cleaned to the point of coherency before the first CPU_ON. */
struct secondary_mmu {
	uint64_t mair, tcr, ttbr0, sctlr;
};
struct secondary_mmu secondary_mmu __attribute__((aligned(64)));
extern char secondary_entry[];

static unsigned int nr_online = 1;
static void (*cpu_online_hook)(unsigned int cpu);

unsigned int smp_processor_id(void)
{
	return this_cpu()->id;
}

unsigned int num_online_cpus(void)
{
	return __atomic_load_n(&nr_online, __ATOMIC_ACQUIRE);
}

void smp_set_cpu_online_hook(void (*hook)(unsigned int cpu))
{
	cpu_online_hook = hook;
}

static uint64_t mpidr_now(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK;
}

/* Idle: run handed-over tasks; otherwise sleep until an interrupt. */
static __noreturn void idle_loop(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		local_irq_disable();
		void (*fn)(void *) = __atomic_load_n(&c->task_call.fn, __ATOMIC_ACQUIRE);

		if (fn) {
			local_irq_enable();
			fn(c->task_call.arg);
			__atomic_store_n(&c->task_call.fn, NULL, __ATOMIC_RELEASE);
			continue;
		}
		/* Checked with interrupts masked; WFI still wakes on an
		 * interrupt that PSTATE.I masks (Arm ARM, "Wait for
		 * Interrupt": the wake-up events), which is then taken as
		 * soon as they are unmasked. No wake-up SGI can be lost
		 * between the check and the WFI. */
		__asm__ __volatile__("dsb sy\n\twfi" ::: "memory");
		local_irq_enable();
	}
}

/* The GIC CPU interface, the SGIs and the tick on this CPU. */
static void start_local_interrupts(struct cpu *c)
{
	gic->init_cpu(c);
	gic->enable_private(SGI_CALL);
	gic->enable_private(SGI_WAKE);
	arm64_timer_start_cpu();
}

__noreturn void arm64_secondary_start(struct cpu *c);
__noreturn void arm64_secondary_start(struct cpu *c)
{
	if (mpidr_now() != c->mpidr)
		panic("cpu %u: MPIDR 0x%lx, the device tree said 0x%lx", c->id,
		      (unsigned long)mpidr_now(), (unsigned long)c->mpidr);
	start_local_interrupts(c);
	if (cpu_online_hook)
		cpu_online_hook(c->id);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	__atomic_fetch_add(&nr_online, 1, __ATOMIC_ACQ_REL);
	idle_loop();
}

/* Clean [start, end) to the point of coherency (DC CVAC), for a reader
 * whose MMU is off and so reads memory around the caches (Arm ARM,
 * "Data cache maintenance instructions"). */
static void dcache_clean_poc(uintptr_t start, uintptr_t end)
{
	uintptr_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uintptr_t p = start & ~(line - 1); p < end; p += line)
		__asm__ __volatile__("dc cvac, %0" : : "r"(p) : "memory");
	__asm__ __volatile__("dsb sy" ::: "memory");
}

static void publish_secondary_mmu(void)
{
	secondary_mmu = (struct secondary_mmu){
		.mair = read_sysreg(mair_el1),
		.tcr = read_sysreg(tcr_el1),
		.ttbr0 = read_sysreg(ttbr0_el1),
		.sctlr = read_sysreg(sctlr_el1),
	};
	dcache_clean_poc((uintptr_t)&secondary_mmu, (uintptr_t)(&secondary_mmu + 1));
}

static bool setup_cpu(unsigned int idx, uint64_t mpidr)
{
	struct cpu *c = &cpus[idx];
	void *stack = alloc_pages(CONFIG_STACK_PAGES);

	if (!stack)
		return false;
	c->id = idx;
	c->mpidr = mpidr;
	c->stack_bottom = (uintptr_t)stack;
	c->stack_top = (uintptr_t)stack + CONFIG_STACK_PAGES * PAGE_BYTES;
	return true;
}

/* CPU_ON, then wait for the CPU to say it is online. */
static void start_cpu(struct cpu *c)
{
	int64_t ret = psci_call(PSCI_CPU_ON_64, c->mpidr, (uintptr_t)secondary_entry,
				(uintptr_t)c);

	if (ret != PSCI_SUCCESS)
		platform_fatal("smp: PSCI CPU_ON of cpu %u (MPIDR 0x%lx) failed: %ld (%s)",
			       c->id, (unsigned long)c->mpidr, (long)ret, psci_error_name(ret));
	uint64_t hz = arm64_counter_hz(), start = arm64_counter();

	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		if (arm64_counter() - start > hz / 1000 * CPU_ON_TIMEOUT_MS)
			platform_fatal("smp: cpu %u (MPIDR 0x%lx) did not come online within %u ms "
				       "of PSCI CPU_ON", c->id, (unsigned long)c->mpidr,
				       CPU_ON_TIMEOUT_MS);
		cpu_relax();
	}
}

/* The boot CPU's index in the tree's list, or -1. */
static int boot_cpu_in_tree(uint64_t mpidr, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (arm64_fdt.cpu_mpidr[i] == mpidr)
			return (int)i;
	return -1;
}

void arch_smp_init(void)
{
	struct cpu *boot = this_cpu();
	unsigned int n = arm64_fdt.nr_cpus;
	uint64_t t0 = arm64_counter();

	if (n > CONFIG_NR_CPUS || n > FDT_MAX_CPUS) {
		printk("smp: %u CPUs in the device tree, using the first %u\n", n,
		       CONFIG_NR_CPUS < FDT_MAX_CPUS ? CONFIG_NR_CPUS : FDT_MAX_CPUS);
		n = CONFIG_NR_CPUS < FDT_MAX_CPUS ? CONFIG_NR_CPUS : FDT_MAX_CPUS;
	}
	boot->mpidr = mpidr_now();
	int boot_idx = boot_cpu_in_tree(boot->mpidr, n);

	if (boot_idx < 0)
		platform_fatal("smp: the boot CPU's MPIDR 0x%lx is not among the device tree's cpus",
			       (unsigned long)boot->mpidr);
	gic_init();
	arm64_timer_init();
	start_local_interrupts(boot);
	boot->online = true;
	console_enable_cpu_prefix();
	local_irq_enable();
	if (n > 1 && arm64_fdt.psci == FDT_PSCI_NONE)
		platform_fatal("smp: %u CPUs in the device tree but no PSCI node to start them", n);
	publish_secondary_mmu();

	unsigned int idx = 1;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t mpidr = arm64_fdt.cpu_mpidr[i];

		if ((int)i == boot_idx)
			continue;
		if (mpidr == FDT_NO_MPIDR)
			platform_fatal("smp: cpu node %u of the device tree has no reg", i);
		if (!setup_cpu(idx, mpidr))
			platform_fatal("smp: no memory for the stack of cpu %u", idx);
		start_cpu(&cpus[idx]);
		idx++;
	}
	printk("smp: %u CPUs online in %lu ms (%s, timer INTID %u at %u Hz, counter %lu kHz)\n",
	       num_online_cpus(),
	       (unsigned long)((arm64_counter() - t0) * 1000 / arm64_counter_hz()),
	       gic->name, arm64_timer_intid, CONFIG_TIMER_HZ,
	       (unsigned long)(arm64_counter_hz() / 1000));
}
