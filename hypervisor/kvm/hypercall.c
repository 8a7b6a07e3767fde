// SPDX-License-Identifier: GPL-2.0
/*
 * hypercalls.rst: "The hypervisor can replace [the hypercall instruction]
 * with instructions that are guaranteed to be supported." KVM does so
 * whenever its instruction emulator meets a hypercall: for the wrong
 * vendor's instruction on VMX/SVM, and for every hypercall on hosts that
 * emulate guest kernel mode (PVM, as on the machine these tests were
 * first run on, whose replacement is "ud2; int3"). Our text is
 * read-only, so that write faults (#PF, write, at the instruction).
 *
 * So before the backend relies on hypercalls it makes one, protected,
 * that does nothing on the host (KVM_HC_VAPIC_POLL_IRQ: "trigger guest
 * exit so that the host can check for pending interrupts"). select()
 * runs before apply_alternatives, when the hypercall sites still hold
 * their original arm, so the probe picks its instruction itself.
 * A host that turned the fix-up off (KVM_X86_QUIRK_FIX_HYPERCALL_INSN)
 * injects #UD instead; run_expecting_trap() waits for one vector only,
 * so that case still stops the boot, with the probe in the backtrace.
 */
#include <asm/cpufeatures.h>
#include <asm/traps.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/printk.h>
#include "kvm.h"

static void hypercall_probe(void *use_vmmcall)
{
	long ret;

	if (*(const bool *)use_vmmcall)
		__asm__ __volatile__("vmmcall" : "=a"(ret)
				     : "a"(KVM_HC_VAPIC_POLL_IRQ) : "memory");
	else
		__asm__ __volatile__("vmcall" : "=a"(ret)
				     : "a"(KVM_HC_VAPIC_POLL_IRQ) : "memory");
}

bool kvm_hypercall_probe(void)
{
	bool use_vmmcall = cpu_feature_enabled(X86_FEATURE_VMMCALL);
	struct trap_record trap;

	if (!run_expecting_trap(VECTOR_PF, hypercall_probe, &use_vmmcall, &trap))
		return true;
	printk("kvm: the host faulted our %s at 0x%lx (#PF error 0x%lx, address "
	       "0x%lx: it rewrites hypercalls in place): no hypercalls\n",
	       use_vmmcall ? "vmmcall" : "vmcall", (unsigned long)trap.rip,
	       (unsigned long)trap.error_code, (unsigned long)trap.cr2);
	return false;
}
