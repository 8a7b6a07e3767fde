// SPDX-License-Identifier: GPL-2.0
/*
 * Which hypervisor we run on: CPUID leaf 0x40000000 returns a 12-byte
 * signature in EBX, ECX, EDX when CPUID.1:ECX[31] (hypervisor present)
 * is set. Found ones become synthetic feature bits for alternatives.
 */
#include <string.h>
#include <asm/cpufeatures.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>

static char signature[13];

void hypervisor_detect(void)
{
	if (!cpu_feature_enabled(X86_FEATURE_HYPERVISOR)) {
		memcpy(signature, "none", sizeof("none"));
		return;
	}
	struct cpuid_regs r = cpuid(0x40000000);

	memcpy(signature, &r.ebx, 4);
	memcpy(signature + 4, &r.ecx, 4);
	memcpy(signature + 8, &r.edx, 4);
	signature[12] = '\0';
	if (memcmp(signature, "KVMKVMKVM\0\0\0", 12) == 0)
		cpu_feature_set(X86_FEATURE_KVM);
	else if (memcmp(signature, "XenVMMXenVMM", 12) == 0)
		cpu_feature_set(X86_FEATURE_XEN);
}

const char *hypervisor_signature(void)
{
	return signature[0] ? signature : "none";
}
