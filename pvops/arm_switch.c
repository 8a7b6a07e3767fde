// SPDX-License-Identifier: GPL-2.0
/*
 * Switching the irq ops between their inline native arm and their call
 * arm on a live SMP guest: one text_poke_bp batch over every irq pvop
 * site (three syncs). This is what per-op tracing or a backend change
 * after boot needs.
 *
 * inline -> call: the old contents are several instructions ("pushf;
 *   pop %rax; nop"), so a CPU can stand between two of them. The first
 *   sync moves such a CPU past the site, finishing what it had started
 *   (leave_*), before any tail byte changes; a CPU that meets the int3
 *   is sent to the call's target as if it had called it.
 * call -> inline: the old contents are one instruction; a CPU that meets
 *   the int3 runs the whole new inline sequence emulated (emulate_*).
 * A switched-in call goes to the op's trampoline, so a later
 * static_call_update() of the key still reaches it; a site switched to
 * its inline arm is parked out of the key's sites.
 */
#include <string.h>
#include <asm/nops.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/text_poke.h>
#include "pvops_internal.h"

#define FLAGS_IF	(1UL << 9)
#define FLAGS_RF	(1UL << 16)
#define FLAGS_VM	(1UL << 17)

unsigned long pvops_arm_switches;

static void continue_after(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->ip = loc->addr + loc->len;
}

/* pushf stores the flags with RF and VM clear (Intel SDM vol. 2, PUSHF). */
static void emulate_save_fl(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->ax = *r->flags & ~(FLAGS_RF | FLAGS_VM);
	continue_after(loc, r);
}

static void emulate_irq_disable(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->flags &= ~FLAGS_IF;		/* takes effect at the iret */
	continue_after(loc, r);
}

/* sti, and sti; hlt: halting is optional (a wake-up is always allowed). */
static void emulate_irq_enable(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->flags |= FLAGS_IF;
	continue_after(loc, r);
}

/* Stopped after pushf, before pop %rax: do the pop, then move on. */
static void leave_save_fl(const struct text_poke_loc *loc, struct int3_regs *r)
{
	if (*r->ip == loc->addr + 1) {
		*r->ax = *(const uint64_t *)(uintptr_t)*r->sp;
		*r->sp += 8;
	}
	continue_after(loc, r);
}

struct irq_op {
	enum pvop_id op;
	poke_fixup_t emulate_inline;
	poke_fixup_t leave_inline;	/* what is left is hlt or a NOP */
	void *tramp;
};

static const struct irq_op irq_ops[] = {
	{ PVOP_save_fl, emulate_save_fl, leave_save_fl,
	  (void *)&STATIC_CALL_TRAMP(pv_save_fl) },
	{ PVOP_irq_disable, emulate_irq_disable, continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_irq_disable) },
	{ PVOP_irq_enable, emulate_irq_enable, continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_irq_enable) },
	{ PVOP_safe_halt, emulate_irq_enable, continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_safe_halt) },
	{ PVOP_halt, continue_after, continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_halt) },
};

static const struct irq_op *irq_op(enum pvop_id op)
{
	for (size_t i = 0; i < ARRAY_SIZE(irq_ops); i++) {
		if (irq_ops[i].op == op)
			return &irq_ops[i];
	}
	return NULL;
}

static void call_arm(struct text_poke_loc *loc, const struct irq_op *o)
{
	int32_t rel = (int32_t)((intptr_t)o->tramp - (intptr_t)(loc->addr + 5));

	loc->bytes[0] = 0xe8;
	memcpy(&loc->bytes[1], &rel, sizeof(rel));
	fill_nops(loc->bytes + 5, loc->len - 5);
	loc->emulate = EMULATE_CALL;
	loc->target = (uintptr_t)o->tramp;
	loc->leave_interior = o->leave_inline;
}

static void inline_arm(struct text_poke_loc *loc, const struct irq_op *o)
{
	const struct native_arm *arm = pvops_native_arm(o->op);

	memcpy(loc->bytes, arm->bytes, arm->len);
	fill_nops(loc->bytes + arm->len, loc->len - arm->len);
	loc->emulate = EMULATE_FUNC;
	loc->emulate_fn = o->emulate_inline;
	loc->leave_interior = NULL;	/* the old call is one instruction */
}

static size_t irq_sites(void)
{
	size_t n = 0;

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++)
		n += irq_op(s->op) != NULL;
	return n;
}

const char *pvops_irq_arm_switch_unsupported(void)
{
	static char why[96];
	const struct pvops_backend *b = pvops_backend();

	/* A backend's own inline arm (Xen PV: asm/xen_pv_arms.h) is one
	 * this switch and its int3 emulation do not know yet. */
	if (b && b->inline_arm) {
		snprintf(why, sizeof(why), "live irq arm switch does not know the %s inline arm yet",
			 b->inline_arm_name);
		return why;
	}
	return NULL;
}

void pvops_set_irq_arm(bool call)
{
	const char *unsupported = pvops_irq_arm_switch_unsupported();

	if (unsupported)
		panic("pvops: %s", unsupported);

	size_t bytes = (irq_sites() + 1) * sizeof(struct text_poke_loc), n = 0;
	struct text_poke_loc *locs = platform_alloc(bytes);

	if (!locs)
		panic("pvops: no memory to switch %zu sites", irq_sites());
	text_mutex_lock();
	if (cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL) == call)
		goto out;
	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++) {
		const struct irq_op *o = irq_op(s->op);
		struct text_poke_loc *loc = &locs[n];

		if (!o)
			continue;
		memset(loc, 0, sizeof(*loc));
		loc->addr = (uintptr_t)pvop_site_addr(s);
		loc->len = s->len;
		if (call) {
			call_arm(loc, o);
		} else {
			static_call_park_site(pvop_site_addr(s));
			inline_arm(loc, o);
		}
		n++;
	}
	text_poke_bp_batch(locs, n);
	if (call)
		cpu_feature_set(X86_FEATURE_PV_IRQ_CALL);
	else
		cpu_feature_clear(X86_FEATURE_PV_IRQ_CALL);
	pvops_arm_switches++;
out:
	text_mutex_unlock();
	platform_free(locs, bytes);
}
