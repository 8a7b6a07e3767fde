// SPDX-License-Identifier: GPL-2.0
/*
 * The inline native arms as bytes, written out from the manual (Intel SDM
 * vol. 2: PUSHF 9C, POP rAX 58, CLI FA, STI FB, HLT F4), not taken from
 * the assembler: seal checks the assembler's output against them, and a
 * live switch back to the inline arm writes them.
 */
#include <string.h>
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

size_t pvops_inline_arm_bytes(enum pvop_id op, uint8_t *bytes, size_t size,
			      const char **name)
{
	const struct native_arm *arm = pvops_native_arm(op);
	const struct pvops_backend *b = pvops_backend();

	*name = "inline";
	if (!arm)
		return 0;
	if (b && b->inline_arm) {
		*name = b->inline_arm->name;
		return b->inline_arm->bytes(op, bytes, size);
	}
	if (arm->len > size)
		return 0;
	memcpy(bytes, arm->bytes, arm->len);
	return arm->len;
}
