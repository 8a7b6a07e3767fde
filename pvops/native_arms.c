// SPDX-License-Identifier: GPL-2.0
/*
 * The inline native arms as bytes, written out from the manual (Intel SDM
 * vol. 2: PUSHF 9C, POP rAX 58, CLI FA, STI FB, HLT F4), not taken from
 * the assembler: seal checks the assembler's output against them, and a
 * live switch back to the inline arm writes them.
 */
#include <pvpatch/pvops.h>
#include "pvops_internal.h"

static const struct native_arm native_arms[NR_PVOPS] = {
	[PVOP_save_fl] = { 2, { 0x9c, 0x58 } },
	[PVOP_irq_disable] = { 1, { 0xfa } },
	[PVOP_irq_enable] = { 1, { 0xfb } },
	[PVOP_safe_halt] = { 2, { 0xfb, 0xf4 } },
	[PVOP_halt] = { 1, { 0xf4 } },
};

const struct native_arm *pvops_native_arm(enum pvop_id op)
{
	return op < NR_PVOPS && native_arms[op].len ? &native_arms[op] : NULL;
}
