// SPDX-License-Identifier: GPL-2.0
/*
 * bench=irq in a Xen PV guest (CONFIG_XEN_PV): the native rows of
 * bench_irq_ops.c cannot run there (cli and sti fault in ring 3), so the
 * Xen arms get their own table:
 *   xen-inline   pv_save_fl() etc. as booted: the inline Xen arm, a
 *                %gs-relative access to the vCPU's event mask
 *   xen-direct   call xen_pv_<op>__thunk: the call arm's target, an
 *                out-of-line mask function
 *   xen-indirect call *table(%rip) to the same thunk: the classic pvops
 *                layout, an op table loaded at every call
 * and the pending path: irq_enable finding an event pending (set by hand
 * while masked) forces the upcall with a hypercall, whose cost is also
 * shown bare (XENVER_version). Under QEMU TCG: compare as ratios.
 */
#include <stddef.h>
#include <stdint.h>
#include "bench.h"

#ifdef CONFIG_XEN_PV
#include <asm/processor.h>
#include <string.h>
#include <pvpatch/compiler.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include "../hypervisor/xen/pv_internal.h"

struct xen_irq_table {
	unsigned long (*save_fl)(void);
	void (*irq_disable)(void);
	void (*irq_enable)(void);
};

/* Never const: every indirect call loads its slot. */
static struct xen_irq_table xen_irq_table __used = {
	.save_fl = xen_pv_save_fl__thunk,
	.irq_disable = xen_pv_irq_disable__thunk,
	.irq_enable = xen_pv_irq_enable__thunk,
};

#define SLOT(op)	"xen_irq_table+%c[" #op "](%%rip)"
#define SLOTS								\
	[save_fl] "i"(offsetof(struct xen_irq_table, save_fl)),		\
	[irq_disable] "i"(offsetof(struct xen_irq_table, irq_disable)),	\
	[irq_enable] "i"(offsetof(struct xen_irq_table, irq_enable))

/* Each way keeps the site contract: thunks preserve all but %rax. */
static __always_inline unsigned long direct_save_fl(void)
{
	unsigned long f;

	__asm__ __volatile__("call xen_pv_save_fl__thunk" : "=a"(f) : : "memory", "cc");
	return f;
}

static __always_inline unsigned long indirect_save_fl(void)
{
	unsigned long f;

	__asm__ __volatile__("call *" SLOT(save_fl) : "=a"(f) : SLOTS : "memory", "cc");
	return f;
}

static __always_inline void direct_disable_enable(void)
{
	__asm__ __volatile__("call xen_pv_irq_disable__thunk\n\t"
			     "call xen_pv_irq_enable__thunk" : : : "memory", "cc");
}

static __always_inline void indirect_disable_enable(void)
{
	__asm__ __volatile__("call *" SLOT(irq_disable) "\n\t"
			     "call *" SLOT(irq_enable) : : SLOTS : "memory", "cc");
}

static volatile unsigned long sink;

BENCH_LOOP(empty_loop, barrier())
BENCH_LOOP(inline_save_fl, sink = pv_save_fl())
BENCH_LOOP(direct_save_fl_loop, sink = direct_save_fl())
BENCH_LOOP(indirect_save_fl_loop, sink = indirect_save_fl())
BENCH_LOOP(inline_disable_enable, pv_irq_disable(); pv_irq_enable())
BENCH_LOOP(direct_disable_enable_loop, direct_disable_enable())
BENCH_LOOP(indirect_disable_enable_loop, indirect_disable_enable())
/* Masked, an event is pending: the enable must force the upcall. */
BENCH_LOOP(pending_enable, pv_irq_disable();
     __atomic_store_n(&xen_pv_vcpu_info()->evtchn_upcall_pending, 1, __ATOMIC_RELAXED);
     pv_irq_enable())
BENCH_LOOP(bare_hypercall, sink = xen_hypercall2(__HYPERVISOR_xen_version, XENVER_version, 0))

struct row {
	const char *op, *way, *label;
	uint64_t (*loop)(unsigned long n);
	bool slow;		/* a hypercall per iteration: fewer of them */
};

static const struct row rows[] = {
	{ "save_fl", "xen-inline", "pvop site (inline Xen arm)", inline_save_fl, false },
	{ "save_fl", "xen-direct", "direct call to thunk", direct_save_fl_loop, false },
	{ "save_fl", "xen-indirect", "indirect (op table)", indirect_save_fl_loop, false },
	{ "disable+enable", "xen-inline", "pvop site (inline Xen arm)", inline_disable_enable, false },
	{ "disable+enable", "xen-direct", "direct call to thunk", direct_disable_enable_loop, false },
	{ "disable+enable", "xen-indirect", "indirect (op table)", indirect_disable_enable_loop, false },
	{ "disable+enable", "xen-pending", "enable, event pending", pending_enable, true },
	{ "hypercall", "xen-hypercall", "bare (XENVER_version)", bare_hypercall, true },
};

#define NR_ROWS		ARRAY_SIZE(rows)
#define ROUNDS		5
#define SLOW_DIVISOR	100	/* hypercall rows: n / 100 iterations */

static unsigned long per_op_x100(uint64_t cycles, unsigned long n)
{
	return (unsigned long)(cycles * 100 / n);
}

void bench_irq_ops_xen_pv(void)
{
	unsigned long n = BENCH_CALL_ITERATIONS, n_slow = n / SLOW_DIVISOR;
	unsigned long flags = pv_save_fl();
	uint64_t best[NR_ROWS], empty = ~0ULL;
	unsigned long x100[NR_ROWS];

	pv_irq_enable();	/* the pending row needs an unmasked start */
	for (size_t r = 0; r < NR_ROWS; r++)
		best[r] = ~0ULL;
	for (int round = 0; round < ROUNDS; round++) {
		uint64_t c = empty_loop(n);

		if (c < empty)
			empty = c;
		for (size_t r = 0; r < NR_ROWS; r++) {
			c = rows[r].loop(rows[r].slow ? n_slow : n);
			if (c < best[r])
				best[r] = c;
		}
	}
	if (!(flags & X86_EFLAGS_IF))
		pv_irq_disable();
	for (size_t r = 0; r < NR_ROWS; r++)
		x100[r] = per_op_x100(best[r], rows[r].slow ? n_slow : n);

	console_printf("# bench irq (Xen PV): %lu ops per run (%lu for hypercall rows), best of %d rounds; "
		       "pvop sites boot the %s arm; ratios vs the inline Xen arm of the same op\n",
		       n, n_slow, ROUNDS,
		       cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL) ? "call" : "inline Xen");
	console_printf("# empty loop %lu.%02lu cycles/iteration, included in every row\n",
		       per_op_x100(empty, n) / 100, per_op_x100(empty, n) % 100);
	console_printf("# %-20s %-28s %12s %10s\n", "op", "way", "cycles/op", "vs inline");
	for (size_t r = 0; r < NR_ROWS; r++) {
		/* The first row of the op (its inline arm) is the base; the
		 * bare hypercall is compared with the inline disable+enable. */
		size_t base = r;

		while (base && strcmp(rows[base].way, "xen-inline"))
			base--;
		unsigned long ratio = x100[base] ? x100[r] * 100 / x100[base] : 0;

		console_printf("  %-20s %-28s %9lu.%02lu %7lu.%02lux\n", rows[r].op,
			       rows[r].label, x100[r] / 100, x100[r] % 100,
			       ratio / 100, ratio % 100);
	}
	for (size_t r = 0; r < NR_ROWS; r++)
		console_printf("# irqdata %s %s %lu.%02lu\n", rows[r].op, rows[r].way,
			       x100[r] / 100, x100[r] % 100);
}
#endif
