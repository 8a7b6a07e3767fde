// SPDX-License-Identifier: GPL-2.0
/*
 * Xen's clock for an HVM/PVH guest: each vCPU registers a page-resident
 * struct vcpu_time_info with VCPUOP_register_vcpu_time_memory_area
 * (xen/vcpu.h), which Xen keeps up to date in the pvclock layout that KVM
 * uses too (../pvclock.h). sched_clock extrapolates from it, so it is
 * right across TSC rate changes, where the boot-calibrated TSC is not.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops_backend.h>
#include "../pvclock.h"
#include "xen_abi.h"
#include <xen/vcpu.h>
#include <xen/arch-x86/cpuid.h>

_Static_assert(sizeof(struct vcpu_time_info) == sizeof(struct pvclock_vcpu_time_info),
	       "Xen's vcpu_time_info is the pvclock layout");

static struct pvclock_vcpu_time_info time_areas[CONFIG_NR_CPUS] __aligned(64);
static bool clock_used;

/* Leaf base + 4 (HVM): EBX is this vCPU's id when EAX says it is there.
 * A PV guest numbers its vCPUs itself (VCPUOP_up): CPU n is vCPU n. */
static bool xen_vcpu_id(uint32_t *id)
{
	if (cpu_feature_enabled(X86_FEATURE_XENPV)) {
		*id = this_cpu()->id;
		return true;
	}
	struct cpuid_regs r = cpuid_count(xen_cpuid_base() + 4, 0);

	*id = r.ebx;
	return r.eax & XEN_HVM_CPUID_VCPU_ID_PRESENT;
}

/* Xen fills the area before the call returns: a zero scale means no. */
static bool register_time_area(unsigned int cpu)
{
	volatile struct pvclock_vcpu_time_info *ti = &time_areas[cpu];
	struct vcpu_register_time_memory_area area = { .addr.p = (uintptr_t)ti };
	uint32_t vcpu;

	if (!xen_vcpu_id(&vcpu))
		return false;
	if (xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_time_memory_area,
			   vcpu, (uintptr_t)&area))
		return false;
	return ti->tsc_to_system_mul != 0;
}

uint64_t xen_sched_clock(void)
{
	return pvclock_read_ns(&time_areas[this_cpu()->id]);
}

void xen_clock_select(void)
{
	if (!register_time_area(this_cpu()->id)) {
		printk("xen: no vcpu time area: sched_clock stays native\n");
		return;
	}
	clock_used = true;
	static_call_update(pv_sched_clock, xen_sched_clock);
	pvops_note_target(PVOP_sched_clock, "xen_sched_clock");
}

/* The key already points at a reader of this CPU's area: stop rather
 * than let a CPU read a zero one. */
void xen_clock_cpu_online(unsigned int cpu)
{
	if (clock_used && !register_time_area(cpu))
		panic("xen: cpu %u: Xen did not take its time area, which the boot CPU uses",
		      cpu);
}

bool xen_clock_used(void)
{
	return clock_used;
}
