/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Paravirt operations as patchable sites: the ops and their callers,
 * which is all that code calling an op needs (the arch's own irq
 * helpers under Xen PV included). Backends add <pvpatch/pvops_backend.h>,
 * the pvops core's services are <pvpatch/pvops.h>.
 *
 * Every op is declared once, in PVOPS_LIST, one line each; adding an op
 * is that line, its native function (hypervisor/native.c) and whatever
 * backends implement it.
 *
 *   name: the op; its static call key is pv_<name>, its native function
 *         native_<name>, its caller pv_<name>().
 *   ret, params, args: its C signature.
 *   kind: INLINE (an inline native arm, padded to the 5 bytes of a
 *         call; INLINE_RAX when it yields a value in %rax), or CALL /
 *         CALL_VOID (a plain static call).
 *   insns: the inline native arm.
 *   condition: the feature that selects the call arm of an inline op.
 *
 * Inline ops are called through callee-save thunks (PV_CALLEE_SAVE), so
 * the call arm clobbers what the inline arm does and no more: %rax for
 * save_fl, nothing but flags for the others.
 */
#ifndef PVPATCH_PVOPS_CALLS_H
#define PVPATCH_PVOPS_CALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>
#include <pvpatch/static_call.h>

#define PVOPS_LIST(OP)							\
	OP(save_fl, unsigned long, (void), (), INLINE_RAX, "pushf; pop %%rax", X86_FEATURE_PV_IRQ_CALL) \
	OP(irq_disable, void, (void), (), INLINE, "cli", X86_FEATURE_PV_IRQ_CALL) \
	OP(irq_enable, void, (void), (), INLINE, "sti", X86_FEATURE_PV_IRQ_CALL) \
	OP(safe_halt, void, (void), (), INLINE, "sti; hlt", X86_FEATURE_PV_IRQ_CALL) \
	OP(halt, void, (void), (), INLINE, "hlt", X86_FEATURE_PV_IRQ_CALL) \
	OP(sched_clock, uint64_t, (void), (), CALL, "", 0)		\
	OP(steal_clock, uint64_t, (unsigned int cpu), (cpu), CALL, "", 0) \
	OP(kick, void, (unsigned int cpu), (cpu), CALL_VOID, "", 0)	\
	OP(wait, void, (volatile uint8_t *ptr, uint8_t value), (ptr, value), CALL_VOID, "", 0) \
	OP(flush_tlb_multi, void, (const uint64_t *cpumask, uintptr_t start, uintptr_t end), \
	   (cpumask, start, end), CALL_VOID, "", 0)			\
	OP(io_delay, void, (void), (), CALL_VOID, "", 0)

/*
 * Who holds a site (struct pvop_site's origin): the kernel's own code,
 * or test and benchmark code (objects built with PVPATCH_TEST_CODE).
 * Numbers, not an enum: the site record is written by the assembler.
 */
#define PVOP_SITE_KERNEL	0
#define PVOP_SITE_TEST		1

enum pvop_id {
#define PVOP_ID(name, ret, params, args, kind, insns, cond) PVOP_##name,
	PVOPS_LIST(PVOP_ID)
#undef PVOP_ID
	NR_PVOPS
};

/* Does the op have an inline arm (the irq ops), from its kind? */
#define PVOP_KIND_HAS_INLINE_ARM_INLINE		1
#define PVOP_KIND_HAS_INLINE_ARM_INLINE_RAX	1
#define PVOP_KIND_HAS_INLINE_ARM_CALL		0
#define PVOP_KIND_HAS_INLINE_ARM_CALL_VOID	0

static inline bool pvop_has_inline_arm(enum pvop_id op)
{
	static const bool has_inline_arm[NR_PVOPS] = {
#define PVOP_HAS_INLINE_ARM(name, ret, params, args, kind, insns, cond) \
		[PVOP_##name] = PVOP_KIND_HAS_INLINE_ARM_##kind,
		PVOPS_LIST(PVOP_HAS_INLINE_ARM)
#undef PVOP_HAS_INLINE_ARM
	};

	return (unsigned int)op < NR_PVOPS && has_inline_arm[op];
}

/* Native functions and keys, one per op. */
#define PVOP_DECLARE(name, ret, params, args, kind, insns, cond)	\
	ret native_##name params;					\
	DECLARE_STATIC_CALL(pv_##name, native_##name);
PVOPS_LIST(PVOP_DECLARE)
#undef PVOP_DECLARE

/* The callers, pv_<name>(): inline sites or static calls. */
#include <asm/pvops_sites.h>
PVOPS_LIST(PVOP_CALLER)

#endif
