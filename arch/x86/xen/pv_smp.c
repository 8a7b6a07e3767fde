// SPDX-License-Identifier: GPL-2.0
/*
 * SMP of the Xen PV image (replaces smp.c): Xen's dom0_max_vcpus vCPUs,
 * each started with VCPUOP_initialise (a struct vcpu_guest_context:
 * entry, stack, %gs base, trap table, callbacks, our page tables) and
 * VCPUOP_up. IPIs are event channels (pv_apic.c), so the cross-CPU
 * calls of smp_call.c, sync_all_cpus() included, work unchanged.
 * Idle vCPUs block in Xen (the safe_halt op: SCHEDOP_block).
 */
#include <stdbool.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/console.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops_calls.h>
#include <pvpatch/smp.h>
#include <asm/smp.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>
#include <xen/vcpu.h>

static unsigned int nr_online = 1;

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

/* Idle: run handed-over tasks; otherwise block until an event. */
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
		/* SCHEDOP_block unmasks and checks for pending events
		 * atomically: the wake-up event cannot be lost. */
		safe_halt();
	}
}

__noreturn void xen_pv_ap_start(unsigned int cpu);
__noreturn void xen_pv_ap_start(unsigned int cpu)
{
	struct cpu *c = &cpus[cpu];

	if (this_cpu() != c)
		panic("xen-pv: cpu %u started with %%gs at cpu %u", cpu, this_cpu()->id);
	/* The ports the boot CPU has (io_delay, the debug exit), here too. */
	if (!xen_pv_iopl_status) {
		long rc = xen_pv_take_io_ports();

		if (rc)
			panic("xen-pv: cpu %u: PHYSDEVOP_set_iopl: %ld", cpu, rc);
	}
	if (cpu_online_hook)
		cpu_online_hook(cpu);
	xen_pv_timer_start(cpu);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	__atomic_fetch_add(&nr_online, 1, __ATOMIC_ACQ_REL);
	idle_loop();
}

static bool vcpu_exists(unsigned int cpu)
{
	return xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, cpu, 0) >= 0;
}

void xen_pv_ap_entry(void);

/* The context a new vCPU starts in: as the boot vCPU's, on its stack. */
static void fill_context(struct vcpu_guest_context *ctx, struct cpu *c)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->flags = VGCF_in_kernel;
	ctx->user_regs.rip = (uintptr_t)xen_pv_ap_entry;
	ctx->user_regs.rsp = c->stack_top;
	ctx->user_regs.rdi = c->id;
	ctx->user_regs.cs = FLAT_KERNEL_CS;
	ctx->user_regs.ss = FLAT_KERNEL_SS;
	ctx->user_regs.rflags = 1UL << 1;	/* the always-one bit */
	ctx->user_regs.saved_upcall_mask = 1;
	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
		xen_pv_trap_entry(v, &ctx->trap_ctxt[v]);
	ctx->kernel_ss = FLAT_KERNEL_SS;
	ctx->kernel_sp = c->stack_top;
	ctx->ctrlreg[3] = xen_pv_pfn_to_mfn(xen_start_info->pt_base >> PAGE_SHIFT) << PAGE_SHIFT;
	ctx->event_callback_eip = (uintptr_t)xen_pv_event_entry;
	ctx->failsafe_callback_eip = (uintptr_t)xen_pv_failsafe_entry;
	ctx->gs_base_kernel = (uintptr_t)c;
}

static bool start_cpu(unsigned int idx)
{
	static struct vcpu_guest_context ctx;
	struct cpu *c = &cpus[idx];
	void *stack = alloc_pages(CONFIG_STACK_PAGES);
	long rc;

	if (!stack)
		return false;
	c->self = c;
	c->id = idx;
	c->apic_id = idx;
	c->stack_bottom = (uintptr_t)stack;
	c->stack_top = (uintptr_t)stack + CONFIG_STACK_PAGES * PAGE_SIZE;
	xen_pv_bind_ipis(idx);
	fill_context(&ctx, c);
	rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, idx, (uintptr_t)&ctx);
	if (!rc)
		rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_up, idx, 0);
	if (rc) {
		printk("smp: vcpu %u: VCPUOP_initialise/up: %ld\n", idx, rc);
		return false;
	}
	/* Generous: an emulated vCPU may take a while to reach C. */
	for (uint64_t start = pv_sched_clock(); pv_sched_clock() - start < 5000000000ULL;) {
		if (__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
			return true;
		xen_hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
	}
	return false;
}

void arch_smp_init(void)
{
	struct cpu *bsp = this_cpu();

	/* Only the xen_pv backend's select() maps shared_info; the others
	 * are refused under Xen PV (pvops_select()), so this is a guard. */
	if (!xen_pv_shared_info) {
		printk("smp: no event channels (shared_info not mapped), so one CPU and no timer\n");
		bsp->online = true;
		return;
	}
	set_irq_handler(VECTOR_IPI_CALL, smp_call_interrupt);
	set_irq_handler(VECTOR_IPI_WAKE, smp_wake_interrupt);
	bsp->apic_id = 0;
	bsp->online = true;
	xen_pv_bind_ipis(0);
	console_enable_cpu_prefix();
	xen_pv_timer_start(0);
	local_irq_enable();

	for (unsigned int idx = 1; idx < CONFIG_NR_CPUS && vcpu_exists(idx); idx++) {
		if (!start_cpu(idx)) {
			printk("smp: vcpu %u did not start\n", idx);
			platform_exit(EXIT_FAIL);
		}
	}
	printk("smp: %u CPUs online (Xen PV vCPUs, event channel IPIs)\n", num_online_cpus());
}
