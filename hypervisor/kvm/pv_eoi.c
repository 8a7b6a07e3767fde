// SPDX-License-Identifier: GPL-2.0
/*
 * PV EOI (msr.rst, MSR_KVM_EOI_EN): when injecting an interrupt the host
 * may set bit 0 of a per-vCPU word, meaning "you may skip the APIC EOI
 * write (an exit); clear this bit instead". The guest must test and
 * clear it with one instruction, since the host may clear it itself at
 * any time.
 *
 * Registered on every CPU; apic_eoi() (arch/x86/apic.c) takes the
 * shortcut through this CPU's pv_eoi_word.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include "kvm.h"

bool pv_eoi_init_cpu(unsigned int cpu)
{
	volatile uint32_t *word = &kvm_cpu_areas[cpu].pv_eoi;
	uint64_t value = (uintptr_t)word | KVM_MSR_ENABLED;

	*word = 0;	/* msr.rst: must be zeroed */
	wrmsr(MSR_KVM_PV_EOI_EN, value);
	if (rdmsr(MSR_KVM_PV_EOI_EN) == value) {
		/* Published last: an interrupt from here on may use it. */
		__atomic_store_n(&cpus[cpu].pv_eoi_word, word, __ATOMIC_RELEASE);
		return true;
	}
	wrmsr(MSR_KVM_PV_EOI_EN, 0);
	return false;
}
