// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI calls (Arm DEN 0022, Power State Coordination Interface) over
 * the conduit the device tree names: HVC on QEMU virt, SMC where an EL3
 * firmware (or QEMU with virtualization=on, whose EL2 is ours) answers.
 * The SMC Calling Convention (Arm DEN 0028) lets the callee corrupt
 * x4-x17 in its version 1.0: they are clobbered here.
 */
#include <stdint.h>
#include "arm64.h"

int64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

#define PSCI_CLOBBERS "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", \
	"x13", "x14", "x15", "x16", "x17", "memory"
	if (arm64_fdt.psci == FDT_PSCI_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     : : PSCI_CLOBBERS);
	else if (arm64_fdt.psci == FDT_PSCI_SMC)
		__asm__ __volatile__("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     : : PSCI_CLOBBERS);
	else
		return PSCI_NOT_SUPPORTED;
#undef PSCI_CLOBBERS
	return (int64_t)x0;
}

const char *psci_error_name(int64_t ret)
{
	switch (ret) {
	case PSCI_SUCCESS: return "SUCCESS";
	case PSCI_NOT_SUPPORTED: return "NOT_SUPPORTED";
	case -2: return "INVALID_PARAMETERS";
	case -3: return "DENIED";
	case -4: return "ALREADY_ON";
	case -5: return "ON_PENDING";
	case -6: return "INTERNAL_FAILURE";
	case -9: return "INVALID_ADDRESS";
	default: return "unknown error";
	}
}
