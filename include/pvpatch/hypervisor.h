/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What hypervisor/ offers the layers above it (pvops/, the guest, the
 * tests). The arch below never includes this (scripts/check-layers.py):
 * it offers hooks that hypervisor code registers instead.
 */
#ifndef PVPATCH_HYPERVISOR_H
#define PVPATCH_HYPERVISOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Boot step 0: find the hypervisor, set its synthetic feature bit. */
void hypervisor_detect(void);
/* The CPUID 0x40000000 signature ("KVMKVMKVM", "TCGTCGTCGTCG", ...). */
const char *hypervisor_signature(void);

/*
 * Xen HVM/PVH (hypervisor/xen/hvm.c). The Xen leaves sit at the first
 * otherwise unused 0x100 boundary from 0x40000000 (Xen public
 * arch-x86/cpuid.h); xen_cpuid_base_of() searches them through the
 * given CPUID function (a fake one in the tests) and returns 0 when
 * there is no Xen.
 */
struct cpuid_regs;
typedef struct cpuid_regs (*cpuid_fn_t)(uint32_t leaf);
uint32_t xen_cpuid_base_of(cpuid_fn_t cpuid_fn);
uint32_t xen_cpuid_base(void);
/* True once Xen has written the hypercall page (asm/xen/hypercall.h). */
bool xen_hypercall_page_ready(void);

#endif
