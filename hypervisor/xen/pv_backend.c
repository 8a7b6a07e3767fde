// SPDX-License-Identifier: GPL-2.0
/*
 * The "xen_pv" pvops backend (CONFIG_XEN_PV): a 64-bit PV kernel, known
 * from its entry point (arch/x86/xen/pv_setup.c sets X86_FEATURE_XENPV).
 *
 * select() makes event delivery possible before any irq op may enable
 * it: shared_info mapped (the event bitmaps), the event and failsafe
 * callbacks registered, and this vCPU's vcpu_info moved into struct cpu
 * (VCPUOP_register_vcpu_info; Xen copies the current mask and pending
 * state over) where the Xen arms of the inline irq ops find it
 * %gs-relative. The keys then point at the C versions, which the call
 * arm uses; the default arm is the inline Xen one (asm/xen/pv_arms.h).
 * flush_tlb_multi becomes one MMUEXT_TLB_FLUSH_MULTI (pv_tlb.c).
 */
#include <asm/cpufeatures.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops_backend.h>
#include "pv_internal.h"
#include <xen/callback.h>
#include <xen/vcpu.h>
#include <asm/xen/pv.h>

static uint8_t shared_info_window[PAGE_SIZE] __aligned(PAGE_SIZE);

static void register_callback(uint16_t type, void (*entry)(void))
{
	struct callback_register cb = {
		.type = type, .flags = CALLBACKF_mask_events,
		.address = (uintptr_t)entry,
	};
	long rc = xen_hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register,
				 (uintptr_t)&cb);

	if (rc)
		panic("xen-pv: CALLBACKOP_register type %u: %ld", type, rc);
}

static void register_vcpu_info(unsigned int cpu)
{
	uintptr_t va = (uintptr_t)cpus[cpu].xen_vcpu_info;
	struct vcpu_register_vcpu_info info = {
		.mfn = xen_pv_pfn_to_mfn(va >> PAGE_SHIFT),
		.offset = va & (PAGE_SIZE - 1),
	};
	long rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info,
				 cpu, (uintptr_t)&info);

	if (rc)
		panic("xen-pv: VCPUOP_register_vcpu_info for cpu %u: %ld", cpu, rc);
}

static bool xen_pv_detect(void)
{
	return cpu_feature_enabled(X86_FEATURE_XENPV);
}

static void xen_pv_select(void)
{
	cpu_feature_set(X86_FEATURE_XEN);
	xen_pv_map_machine_page((uintptr_t)shared_info_window,
				xen_start_info->shared_info, true);
	xen_pv_shared_info = (struct shared_info *)shared_info_window;
	xen_pv_mask_all_ports();
	register_callback(CALLBACKTYPE_event, xen_pv_event_entry);
	register_callback(CALLBACKTYPE_failsafe, xen_pv_failsafe_entry);
	register_vcpu_info(0);

	static_call_update(pv_save_fl, xen_pv_save_fl__thunk);
	static_call_update(pv_irq_disable, xen_pv_irq_disable__thunk);
	static_call_update(pv_irq_enable, xen_pv_irq_enable__thunk);
	static_call_update(pv_safe_halt, xen_pv_safe_halt__thunk);
	static_call_update(pv_halt, xen_pv_halt__thunk);
	pvops_note_target(PVOP_save_fl, "xen_pv_save_fl__thunk");
	pvops_note_target(PVOP_irq_disable, "xen_pv_irq_disable__thunk");
	pvops_note_target(PVOP_irq_enable, "xen_pv_irq_enable__thunk");
	pvops_note_target(PVOP_safe_halt, "xen_pv_safe_halt__thunk");
	pvops_note_target(PVOP_halt, "xen_pv_halt__thunk");
	xen_pv_tlb_select();
	xen_clock_select();
	printk("xen-pv: vcpu_info of cpu 0 at %p, shared_info %#lx at %p; irq ops %s\n",
	       (void *)cpus[0].xen_vcpu_info, xen_start_info->shared_info,
	       (void *)shared_info_window,
	       cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL) ? "call" : "inline (Xen arm)");
}

/* A secondary vCPU, on itself, events still masked. */
static void xen_pv_cpu_online(unsigned int cpu)
{
	register_vcpu_info(cpu);
	xen_clock_cpu_online(cpu);
}

/* Above the HVM/PVH "xen" backend (20), which refuses PV anyway. */
static const struct pvops_backend xen_pv_backend = {
	.name = "xen_pv", .detect = xen_pv_detect, .select = xen_pv_select,
	.cpu_online = xen_pv_cpu_online,
	.inline_arm = &xen_pv_inline_arm,
	.priority = 30,
};
PVOPS_BACKEND(xen_pv_backend);
