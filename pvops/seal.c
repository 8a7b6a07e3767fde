// SPDX-License-Identifier: GPL-2.0
/*
 * Seal, the last step before other CPUs run the text: every static call
 * site and trampoline must hold exactly the instruction for its key's
 * target, and every pvop site its arm: the call (checked above, as a
 * static call site) or the native instructions plus one NOP, compared
 * with encodings written out from the manual (pvops/native_arms.c, or
 * the backend's own inline arm), so the check does not trust the
 * assembler output it checks. Kernel and test sites alike: the kernel's
 * own interrupt control (asm/irqflags.h) is checked as the tests' is.
 * From here on only text_poke_bp changes text, through its alias.
 */
#include <string.h>
#include <asm/nops.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/static_call.h>
#include "pvops_internal.h"

static unsigned int verify_pvop_site(const struct pvop_site *s, bool call_arm)
{
	const uint8_t *have = pvop_site_addr(s);
	uint8_t want[PVOPS_INLINE_ARM_MAX], inline_bytes[PVOPS_INLINE_ARM_MAX];
	const char *inline_name;
	size_t inline_len = pvops_inline_arm_bytes(s->op, inline_bytes, sizeof(inline_bytes),
						   &inline_name);

	if (s->origin != PVOP_SITE_KERNEL && s->origin != PVOP_SITE_TEST) {
		printk("seal: pvop %s site %p: origin %u\n", pvops_op_name(s->op),
		       (void *)have, s->origin);
		return 1;
	}
	if (!pvops_native_arm(s->op))
		return 0;	/* not an inline op: a plain static call */
	if (s->len > sizeof(want) || s->len < inline_len || !inline_len) {
		printk("seal: pvop %s site %p: %u bytes, its %s arm %zu\n",
		       pvops_op_name(s->op), (void *)have, s->len, inline_name, inline_len);
		return 1;
	}
	if (call_arm) {
		if (have[0] == 0xe8)
			return 0;
	} else {
		memcpy(want, inline_bytes, inline_len);
		fill_nops(want + inline_len, s->len - inline_len);
		if (memcmp(have, want, s->len) == 0)
			return 0;
	}
	printk("seal: pvop %s site %p holds %02x %02x %02x, not its %s arm\n",
	       pvops_op_name(s->op), (void *)have, have[0], have[1], have[2],
	       call_arm ? "call" : inline_name);
	return 1;
}

void pvops_seal(void)
{
	bool call_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);
	unsigned int bad = static_call_verify();

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++)
		bad += verify_pvop_site(s, call_arm);
	if (bad)
		panic("seal: %u sites do not hold their expected bytes", bad);
}
