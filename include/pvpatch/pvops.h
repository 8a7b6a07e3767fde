/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Paravirt operations as patchable sites. Every op is declared once, in
 * PVOPS_LIST, one line each; adding an op is that line, its native
 * function (hypervisor/native.c) and whatever backends implement it.
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
#ifndef PVPATCH_PVOPS_H
#define PVPATCH_PVOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>
#include <pvpatch/static_call.h>
#include <pvpatch/text_poke.h>

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

enum pvop_id {
#define PVOP_ID(name, ret, params, args, kind, insns, cond) PVOP_##name,
	PVOPS_LIST(PVOP_ID)
#undef PVOP_ID
	NR_PVOPS
};

/* Native functions and keys, one per op. */
#define PVOP_DECLARE(name, ret, params, args, kind, insns, cond)	\
	ret native_##name params;					\
	DECLARE_STATIC_CALL(pv_##name, native_##name);
PVOPS_LIST(PVOP_DECLARE)
#undef PVOP_DECLARE

/* The callers, pv_<name>(): inline sites or static calls. */
#include <asm/pvops_sites.h>
PVOPS_LIST(PVOP_CALLER)

/* One recorded pvop site (section pvop_sites): for the patch log,
 * verification and the tests. */
struct pvop_site {
	int32_t addr;		/* site - &addr */
	uint8_t op;		/* enum pvop_id */
	uint8_t len;
	uint8_t reserved[2];
};
extern struct pvop_site __start_pvop_sites[], __stop_pvop_sites[];

static inline uint8_t *pvop_site_addr(const struct pvop_site *s)
{
	return (uint8_t *)((intptr_t)&s->addr + s->addr);
}

/* A backend: which hypervisor it serves and how it points the keys. */
struct pvops_backend {
	const char *name;
	bool (*detect)(void);	/* running on this hypervisor? */
	void (*select)(void);	/* static_call_update() the ops it provides */
	/* On each secondary CPU as it comes up (pvops_select() hands it to
	 * smp_set_cpu_online_hook()): register what the hypervisor keeps
	 * per vCPU (KVM: kvmclock, steal time, PV EOI areas; Xen: vcpu_info,
	 * the time area). The boot CPU's happens in select(). NULL: nothing. */
	void (*cpu_online)(unsigned int cpu);
	/* Where the sites carry an inline arm of the backend's own instead
	 * of the native instructions; NULL: the native arms. */
	const struct pvops_inline_arm *inline_arm;
	int priority;		/* higher is tried first by detection */
};

/*
 * A backend's own inline arm (an arch alternative keyed on its CPU
 * feature, as Xen PV's asm/xen/pv_arms.h). bytes() writes op's arm into
 * bytes[size] and returns its length, 0 when op has none: seal checks
 * the sites against it and the live irq arm switch writes it. For that
 * switch, per irq op: emulate[] runs the whole arm for a CPU at the
 * int3 on its first byte (from the #BP handler, which leaves room below
 * the frame for a push), leave[] finishes the arm for a CPU interrupted
 * at an instruction boundary inside it (from a sync's interrupt: it may
 * change registers and ip, never push). An irq op without both cannot
 * be switched live.
 */
struct pvops_inline_arm {
	const char *name;
	size_t (*bytes)(enum pvop_id op, uint8_t *bytes, size_t size);
	poke_fixup_t emulate[NR_PVOPS];
	poke_fixup_t leave[NR_PVOPS];
};
#define PVOPS_INLINE_ARM_MAX	POKE_MAX_LEN

#define PVOPS_BACKEND(var)						\
	static const struct pvops_backend *const __pvops_backend_##var	\
	__used __section("pvops_backends") __aligned(8) = &var

const struct pvops_backend *pvops_backend(void);

/*
 * Switch every irq op site to its call arm (true) or its inline native
 * arm (false), live, on all CPUs: one text_poke_bp batch. The current
 * arm is X86_FEATURE_PV_IRQ_CALL.
 */
void pvops_set_irq_arm(bool call);
/* NULL when pvops_set_irq_arm() can run in this guest, else why not. */
const char *pvops_irq_arm_switch_unsupported(void);
extern unsigned long pvops_arm_switches;
const char *pvops_op_name(enum pvop_id op);
/* The function a key points at, by name where the backend told us. */
const char *pvops_target_name(enum pvop_id op);
void pvops_note_target(enum pvop_id op, const char *name);

#endif
