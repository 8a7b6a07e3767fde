/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_HYPERVISOR_H
#define PVPATCH_HYPERVISOR_H

/* Boot step 0: find the hypervisor, set its synthetic feature bit. */
void hypervisor_detect(void);
/* The CPUID 0x40000000 signature ("KVMKVMKVM", "TCGTCGTCGTCG", ...). */
const char *hypervisor_signature(void);

#endif
