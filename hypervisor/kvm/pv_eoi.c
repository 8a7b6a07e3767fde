// SPDX-License-Identifier: GPL-2.0
/*
 * PV EOI (msr.rst, MSR_KVM_EOI_EN): when injecting an interrupt the host
 * may set bit 0 of a per-vCPU word, meaning "you may skip the APIC EOI
 * write (an exit); clear this bit instead". The guest must test and
 * clear it with one instruction, since the host may clear it itself at
 * any time.
 *
 * We register the word on every CPU but do not take the shortcut yet:
 * the EOI is written in dispatch_trap() (arch/x86/traps.c, apic_eoi()),
 * outside this backend. msr.rst: "It is always safe for the guest to
 * ignore the optimization and perform the APIC EOI write anyway"; the
 * host then finds the bit still set and does not EOI a second time.
 * Taking it would be: if (btr $0 on this CPU's word) skip the write.
 */
#include <asm/processor.h>
#include "kvm.h"

bool pv_eoi_init_cpu(unsigned int cpu)
{
	volatile uint32_t *word = &kvm_cpu_areas[cpu].pv_eoi;
	uint64_t value = (uintptr_t)word | KVM_MSR_ENABLED;

	*word = 0;	/* msr.rst: must be zeroed */
	wrmsr(MSR_KVM_PV_EOI_EN, value);
	if (rdmsr(MSR_KVM_PV_EOI_EN) == value)
		return true;
	wrmsr(MSR_KVM_PV_EOI_EN, 0);
	return false;
}
