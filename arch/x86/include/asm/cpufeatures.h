/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Feature numbers: word * 32 + bit. Words 0-6 are CPUID registers (Intel
 * SDM vol. 2A, CPUID); word 7 is pvpatch's own synthetic bits.
 */
#ifndef ASM_CPUFEATURES_H
#define ASM_CPUFEATURES_H

#define NR_FEATURE_WORDS	8
#define X86_FEATURE(word, bit)	((word) * 32 + (bit))

/* word 0: CPUID 1 EDX */
#define X86_FEATURE_TSC		X86_FEATURE(0, 4)
#define X86_FEATURE_APIC	X86_FEATURE(0, 9)
/* word 1: CPUID 1 ECX */
#define X86_FEATURE_X2APIC	X86_FEATURE(1, 21)
#define X86_FEATURE_HYPERVISOR	X86_FEATURE(1, 31)
/* word 2: CPUID 0x80000001 EDX */
#define X86_FEATURE_NX		X86_FEATURE(2, 20)
#define X86_FEATURE_LM		X86_FEATURE(2, 29)
/* word 3: CPUID 0x80000001 ECX */
#define X86_FEATURE_LAHF_LM	X86_FEATURE(3, 0)
/* word 4: CPUID 7.0 EBX */
#define X86_FEATURE_SMEP	X86_FEATURE(4, 7)
/* word 5: CPUID 7.0 ECX */
/* word 6: CPUID 7.0 EDX */
#define X86_FEATURE_SERIALIZE	X86_FEATURE(6, 14)

/* word 7: synthetic */
#define X86_FEATURE_ALWAYS	X86_FEATURE(7, 0)	/* always set */
#define X86_FEATURE_KVM		X86_FEATURE(7, 1)	/* running on KVM */
#define X86_FEATURE_XEN		X86_FEATURE(7, 2)	/* on Xen, HVM or PVH */
#define X86_FEATURE_XENPV	X86_FEATURE(7, 3)	/* Xen PV guest */
#define X86_FEATURE_PV_IRQ_CALL	X86_FEATURE(7, 4)	/* irq pvops take their call arm */
#define X86_FEATURE_VMMCALL	X86_FEATURE(7, 5)	/* hypercalls use vmmcall (AMD), not vmcall */
/* Reserved for the alternatives tests: set and cleared by them only. */
#define X86_FEATURE_TEST_SET	X86_FEATURE(7, 30)
#define X86_FEATURE_TEST_CLEAR	X86_FEATURE(7, 31)

#endif
