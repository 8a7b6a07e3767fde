/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KVM paravirtual ABI as the guest sees it: CPUID leaves and feature
 * bits (Linux Documentation/virt/kvm/x86/cpuid.rst), MSRs and the shared
 * structures they register (msr.rst), hypercall numbers and registers
 * (hypercalls.rst).
 */
#ifndef HYPERVISOR_KVM_PARA_H
#define HYPERVISOR_KVM_PARA_H

#include <stdint.h>
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>
#include <pvpatch/compiler.h>
#include "../pvclock.h"

/* cpuid.rst: KVM_CPUID_SIGNATURE returns the largest KVM leaf in EAX (0
 * on old hosts, meaning 0x40000001) and "KVMKVMKVM\0\0\0". */
#define KVM_CPUID_SIGNATURE	0x40000000
#define KVM_CPUID_FEATURES	0x40000001

/* cpuid.rst: KVM_CPUID_FEATURES EAX, one bit per feature. */
#define KVM_FEATURE_CLOCKSOURCE		0
#define KVM_FEATURE_NOP_IO_DELAY	1
#define KVM_FEATURE_CLOCKSOURCE2	3
#define KVM_FEATURE_ASYNC_PF		4
#define KVM_FEATURE_STEAL_TIME		5
#define KVM_FEATURE_PV_EOI		6
#define KVM_FEATURE_PV_UNHALT		7
#define KVM_FEATURE_PV_TLB_FLUSH	9
#define KVM_FEATURE_ASYNC_PF_VMEXIT	10
#define KVM_FEATURE_PV_SEND_IPI		11
#define KVM_FEATURE_POLL_CONTROL	12
#define KVM_FEATURE_PV_SCHED_YIELD	13
#define KVM_FEATURE_ASYNC_PF_INT	14
#define KVM_FEATURE_MSI_EXT_DEST_ID	15
#define KVM_FEATURE_HC_MAP_GPA_RANGE	16
#define KVM_FEATURE_MIGRATION_CONTROL	17
#define KVM_FEATURE_CLOCKSOURCE_STABLE_BIT 24

/* msr.rst, "Custom MSR list". Each takes a guest-physical address with
 * an enable bit in bit 0. */
#define MSR_KVM_SYSTEM_TIME_NEW	0x4b564d01
#define MSR_KVM_STEAL_TIME	0x4b564d03
#define MSR_KVM_PV_EOI_EN	0x4b564d04
#define KVM_MSR_ENABLED		1

/* msr.rst, MSR_KVM_SYSTEM_TIME_NEW: 32 bytes, 4-byte aligned, in the
 * layout Xen shares (../pvclock.h); its PVCLOCK_TSC_STABLE_BIT is only
 * meaningful with KVM_FEATURE_CLOCKSOURCE_STABLE_BIT. */

/* msr.rst, MSR_KVM_STEAL_TIME: 64 bytes, 64-byte aligned, zeroed. */
struct kvm_steal_time {
	uint64_t steal;		/* ns this vCPU was runnable but not running */
	uint32_t version;	/* odd while the host updates it */
	uint32_t flags;
	uint8_t preempted;	/* KVM_VCPU_*: nonzero while not running */
	uint8_t u8_pad[3];
	uint32_t pad[11];
};
BUILD_BUG_ON(sizeof(struct kvm_steal_time) != 64);

/* The preempted byte (KVM's uapi asm/kvm_para.h): the host sets
 * PREEMPTED when it schedules the vCPU out and, when it next runs it,
 * swaps the byte to 0 and flushes the vCPU's TLB if a guest set
 * FLUSH_TLB meanwhile (PV TLB flush, cpuid.rst bit 9). */
#define KVM_VCPU_PREEMPTED	(1U << 0)
#define KVM_VCPU_FLUSH_TLB	(1U << 1)

/* hypercalls.rst: the numbers of the calls we make. */
#define KVM_HC_VAPIC_POLL_IRQ	1	/* an exit and nothing else */
#define KVM_HC_KICK_CPU		5
#define KVM_HC_SCHED_YIELD	11

/*
 * hypercalls.rst: number in RAX, arguments in RBX, RCX, RDX, RSI, result
 * in RAX, nothing else clobbered. The instruction is VMCALL on Intel and
 * VMMCALL on AMD (3 bytes each); the host may fix up the wrong one by
 * rewriting it, which our read-only text would turn into a fault, so
 * boot picks the right one (X86_FEATURE_VMMCALL, set from the CPU
 * vendor by the KVM backend before apply_alternatives).
 */
static inline long kvm_hypercall2(unsigned long nr, unsigned long a0,
				  unsigned long a1)
{
	long ret;

	__asm__ __volatile__(ALTERNATIVE("vmcall", "vmmcall", X86_FEATURE_VMMCALL)
			     : "=a"(ret)
			     : "a"(nr), "b"(a0), "c"(a1)
			     : "memory");
	return ret;
}

#endif
