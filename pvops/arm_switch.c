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
 * call -> inline: a CPU that meets the int3 runs the whole new inline
 *   sequence emulated (emulate_*).
 * The call goes at the site's end, after NOPs: a CPU inside the callee
 *   returns to the site's end whatever the site holds by then. In a
 *   5-byte site (the native arms) that is the only place; a longer one
 *   (a backend's own inline arm, Xen PV's irq_enable is 27 bytes) would
 *   otherwise send it back into the middle of the inline arm. A CPU
 *   stopped on the call, past the NOPs, is sent back to the site's start:
 *   the NOPs did nothing, and the int3 there runs the new arm.
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

/* pushf stores the flags with RF and VM clear (Intel SDM vol. 2, PUSHF). */
static void emulate_save_fl(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->ax = *r->flags & ~(FLAGS_RF | FLAGS_VM);
	poke_continue_after(loc, r);
}

static void emulate_irq_disable(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->flags &= ~FLAGS_IF;		/* takes effect at the iret */
	poke_continue_after(loc, r);
}

/* sti, and sti; hlt: halting is optional (a wake-up is always allowed). */
static void emulate_irq_enable(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->flags |= FLAGS_IF;
	poke_continue_after(loc, r);
}

/* Stopped after pushf, before pop %rax: do the pop, then move on. */
static void leave_save_fl(const struct text_poke_loc *loc, struct int3_regs *r)
{
	if (*r->ip == loc->addr + 1) {
		*r->ax = *(const uint64_t *)(uintptr_t)*r->sp;
		*r->sp += 8;
	}
	poke_continue_after(loc, r);
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
	{ PVOP_irq_disable, emulate_irq_disable, poke_continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_irq_disable) },
	{ PVOP_irq_enable, emulate_irq_enable, poke_continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_irq_enable) },
	{ PVOP_safe_halt, emulate_irq_enable, poke_continue_after,
	  (void *)&STATIC_CALL_TRAMP(pv_safe_halt) },
	{ PVOP_halt, poke_continue_after, poke_continue_after,
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

#define CALL_LEN	5

static void back_to_site_start(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->ip = loc->addr;
}

static void call_arm(struct text_poke_loc *loc, const struct irq_op *o,
		     poke_fixup_t leave_inline)
{
	size_t at = loc->len - CALL_LEN;
	int32_t rel = (int32_t)((intptr_t)o->tramp - (intptr_t)(loc->addr + loc->len));

	fill_nops(loc->bytes, at);
	loc->bytes[at] = 0xe8;
	memcpy(&loc->bytes[at + 1], &rel, sizeof(rel));
	/* Pushes addr + len: where the call at the end returns to. */
	loc->emulate = EMULATE_CALL;
	loc->target = (uintptr_t)o->tramp;
	loc->leave_interior = leave_inline;
}

static void inline_arm(struct text_poke_loc *loc, const uint8_t *bytes, size_t len,
		       poke_fixup_t emulate_inline)
{
	memcpy(loc->bytes, bytes, len);
	fill_nops(loc->bytes + len, loc->len - len);
	loc->emulate = EMULATE_FUNC;
	loc->emulate_fn = emulate_inline;
	/* The old call is one instruction, or NOPs and the call. */
	loc->leave_interior = loc->len > CALL_LEN ? back_to_site_start : NULL;
}

static size_t irq_sites(void)
{
	size_t n = 0;

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++)
		n += irq_op(s->op) != NULL;
	return n;
}

static const struct pvops_inline_arm *own_inline_arm(void)
{
	const struct pvops_backend *b = pvops_backend();

	return b ? b->inline_arm : NULL;
}

const char *pvops_irq_arm_switch_unsupported(void)
{
	static char why[128];
	const struct pvops_inline_arm *own = own_inline_arm();

	for (size_t i = 0; own && i < ARRAY_SIZE(irq_ops); i++) {
		if (!own->emulate[irq_ops[i].op] || !own->leave[irq_ops[i].op]) {
			snprintf(why, sizeof(why), "live irq arm switch: the %s inline arm of %s has no emulation",
				 own->name, pvops_op_name(irq_ops[i].op));
			return why;
		}
	}
	/* The boot's call arm has its call at the site's start (the
	 * alternative's replacement): in a longer site a CPU inside the
	 * callee would return into the middle of the inline arm. */
	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++) {
		if (irq_op(s->op) && s->len > CALL_LEN && pvop_site_addr(s)[0] == 0xe8)
			return "live irq arm switch: booted with the call arm at the start of sites longer than a call";
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
	const struct pvops_inline_arm *own = own_inline_arm();

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++) {
		const struct irq_op *o = irq_op(s->op);
		struct text_poke_loc *loc = &locs[n];

		if (!o)
			continue;
		memset(loc, 0, sizeof(*loc));
		loc->addr = (uintptr_t)pvop_site_addr(s);
		loc->len = s->len;
		if (s->len < CALL_LEN || s->len > POKE_MAX_LEN)
			panic("pvops: %s site %p is %u bytes", pvops_op_name(s->op),
			      (void *)loc->addr, s->len);
		if (call) {
			call_arm(loc, o, own ? own->leave[o->op] : o->leave_inline);
		} else {
			uint8_t bytes[POKE_MAX_LEN];
			const char *name;
			size_t len = pvops_inline_arm_bytes(o->op, bytes, sizeof(bytes), &name);

			if (!len || len > s->len)
				panic("pvops: %s arm of %s: %zu bytes for a %u-byte site",
				      name, pvops_op_name(o->op), len, s->len);
			static_call_park_site(pvop_site_addr(s));
			inline_arm(loc, bytes, len, own ? own->emulate[o->op] : o->emulate_inline);
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
