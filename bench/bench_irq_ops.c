// SPDX-License-Identifier: GPL-2.0
/*
 * bench=irq: what the irq ops cost. Three operations:
 *   save_fl               read the flags (pushf; pop)
 *   disable+enable        cli, then sti
 *   save+disable+restore  local_irq_save() and local_irq_restore(): the
 *                         restore is an sti if IF was set (it is: the
 *                         guest benchmarks with interrupts on)
 * each five ways:
 *   raw        the instructions, inline
 *   pvop       pv_save_fl() etc. as booted: the inline arm (the raw
 *              instructions padded to 5 bytes with a NOP) or, with
 *              pvops.irq=call, a call to the native callee-save thunk
 *   direct     call native_<op>__thunk: what the call arm executes
 *   indirect   call *table(%rip) to the same thunk: the classic pvops
 *              layout, an op table loaded at every call
 *   retpoline  the table load, then bench_retpoline_rax: the indirect
 *              call under Spectre v2 mitigations
 *
 * Every way keeps the pvop site's asm contract: the thunks preserve all
 * registers but the result, so a call clobbers what the instructions do
 * (%rax for save_fl, flags) and the compiler builds the same loop around
 * each way. Only the retpoline also clobbers %rax: it needs the target
 * in a register.
 *
 * Hosted (Linux userspace) measures save_fl only: cli and sti fault at
 * CPL 3, and the hosted build has no pvop sites. Its thunk wraps a
 * save_fl of this file's own, built by the same PV_THUNK_RAX.
 */
#include <stddef.h>
#include <stdint.h>
#include <asm/pvops_sites.h>
#include <pvpatch/compiler.h>
#include <pvpatch/printk.h>
#include "bench.h"

#ifdef CONFIG_PLATFORM_GUEST
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/pvops.h>

/* hypervisor/native.c: the targets of the call arm. */
unsigned long native_save_fl__thunk(void);
void native_irq_disable__thunk(void);
void native_irq_enable__thunk(void);

#define THUNK(op)	"native_" #op "__thunk"
#define SAVE_FL_THUNK	native_save_fl__thunk
#else
unsigned long bench_save_fl(void);
unsigned long bench_save_fl__thunk(void);

/* native_save_fl() for the hosted build, which has no hypervisor/. */
unsigned long bench_save_fl(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushf; pop %0" : "=r"(flags) : : "memory");
	return flags;
}
PV_THUNK_RAX(bench_save_fl);

#define THUNK(op)	"bench_" #op "__thunk"
#define SAVE_FL_THUNK	bench_save_fl__thunk
#endif

struct irq_op_table {
	unsigned long (*save_fl)(void);
#ifdef CONFIG_PLATFORM_GUEST
	void (*irq_disable)(void);
	void (*irq_enable)(void);
#endif
};

/* Written at build time, read by every indirect call: never const, so
 * no compiler could turn the loads into direct calls. */
static struct irq_op_table irq_op_table __used = {
	.save_fl = SAVE_FL_THUNK,
#ifdef CONFIG_PLATFORM_GUEST
	.irq_disable = native_irq_disable__thunk,
	.irq_enable = native_irq_enable__thunk,
#endif
};

/* The op's slot in irq_op_table, RIP-relative as in a PIE or kernel. */
#define SLOT		"irq_op_table+%c[slot](%%rip)"
#define RETPOLINE	"mov " SLOT ", %%rax\n\tcall bench_retpoline_rax"
#define SITE_CLOBBERS	"memory", "cc"	/* what a pvop site declares */

/* <way>_save_fl(): one asm statement, the result in %rax. */
#define SAVE_FL(way, insns)						\
	static __always_inline unsigned long way##_save_fl(void)	\
	{								\
		unsigned long flags;					\
		__asm__ __volatile__(insns : "=a"(flags)		\
				     : [slot] "i"(offsetof(struct irq_op_table, save_fl)) \
				     : SITE_CLOBBERS);			\
		return flags;						\
	}

SAVE_FL(raw, "pushf; pop %%rax")
SAVE_FL(direct, "call " THUNK(save_fl))
SAVE_FL(indirect, "call *" SLOT)
SAVE_FL(retpoline, RETPOLINE)

#ifdef CONFIG_PLATFORM_GUEST
/* <way>_<op>() for the ops without a result; the rest: clobbers. */
#define IRQ_OP(way, op, insns, ...)					\
	static __always_inline void way##_##op(void)			\
	{								\
		__asm__ __volatile__(insns :				\
				     : [slot] "i"(offsetof(struct irq_op_table, op)) \
				     : __VA_ARGS__);			\
	}

IRQ_OP(raw, irq_disable, "cli", SITE_CLOBBERS)
IRQ_OP(raw, irq_enable, "sti", SITE_CLOBBERS)
IRQ_OP(direct, irq_disable, "call " THUNK(irq_disable), SITE_CLOBBERS)
IRQ_OP(direct, irq_enable, "call " THUNK(irq_enable), SITE_CLOBBERS)
IRQ_OP(indirect, irq_disable, "call *" SLOT, SITE_CLOBBERS)
IRQ_OP(indirect, irq_enable, "call *" SLOT, SITE_CLOBBERS)
IRQ_OP(retpoline, irq_disable, RETPOLINE, "rax", SITE_CLOBBERS)
IRQ_OP(retpoline, irq_enable, RETPOLINE, "rax", SITE_CLOBBERS)
#endif

BENCH_LOOP(empty_loop, barrier())

/* The ops as a user of the pvops API writes them. */
#define SAVE_FL_LOOP(way)						\
	BENCH_LOOP(way##_save_fl_loop, (void)way##_save_fl())
#define DISABLE_ENABLE_LOOP(way)					\
	BENCH_LOOP(way##_disable_enable_loop, way##_irq_disable(); way##_irq_enable())
#define SAVE_RESTORE_LOOP(way)						\
	BENCH_LOOP(way##_save_restore_loop,				\
		   unsigned long flags = way##_save_fl();		\
		   way##_irq_disable();					\
		   if (flags & X86_EFLAGS_IF)				\
			   way##_irq_enable())

enum irq_bench_op {
	OP_SAVE_FL,
#ifdef CONFIG_PLATFORM_GUEST
	OP_DISABLE_ENABLE,
	OP_SAVE_RESTORE,
#endif
	NR_OPS
};

/* One word each: the plot's x axis. */
static const char *const op_names[NR_OPS] = {
	[OP_SAVE_FL] = "save_fl",
#ifdef CONFIG_PLATFORM_GUEST
	[OP_DISABLE_ENABLE] = "disable+enable",
	[OP_SAVE_RESTORE] = "save+disable+restore",
#endif
};

#ifdef CONFIG_PLATFORM_GUEST
#define WAY_LOOPS(way)							\
	SAVE_FL_LOOP(way) DISABLE_ENABLE_LOOP(way) SAVE_RESTORE_LOOP(way)
#define LOOPS(way)							\
	{ way##_save_fl_loop, way##_disable_enable_loop, way##_save_restore_loop }
WAY_LOOPS(pv)
#else
#define WAY_LOOPS(way)	SAVE_FL_LOOP(way)
#define LOOPS(way)	{ way##_save_fl_loop }
#endif
WAY_LOOPS(raw)
WAY_LOOPS(direct)
WAY_LOOPS(indirect)
WAY_LOOPS(retpoline)

struct irq_way {
	const char *name;	/* one word: the plot's legend */
	const char *label;	/* the table's row */
	uint64_t (*loop[NR_OPS])(unsigned long n);
};

#ifdef CONFIG_PLATFORM_GUEST
/* Filled in at run time: the arm boot made live. */
static char pvop_name[16], pvop_label[32];
#endif

static const struct irq_way ways[] = {
	{ "raw", "raw instructions", LOOPS(raw) },
#ifdef CONFIG_PLATFORM_GUEST
	{ pvop_name, pvop_label, LOOPS(pv) },
#endif
	{ "direct", "direct call to thunk", LOOPS(direct) },
	{ "indirect", "indirect (op table)", LOOPS(indirect) },
	{ "retpoline", "retpoline-style thunk", LOOPS(retpoline) },
};

#define NR_WAYS		ARRAY_SIZE(ways)
#define ROUNDS		5

/*
 * Best of ROUNDS, each round running every loop once: a slow stretch of
 * time (the host preempting QEMU, say) then costs one round of every
 * way, not every round of one.
 */
static uint64_t measure(uint64_t cycles[NR_OPS][NR_WAYS], unsigned long n)
{
	uint64_t empty = ~0ULL;

	for (size_t op = 0; op < NR_OPS; op++)
		for (size_t w = 0; w < NR_WAYS; w++)
			cycles[op][w] = ~0ULL;
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t c = empty_loop(n);

		if (c < empty)
			empty = c;
		for (size_t op = 0; op < NR_OPS; op++) {
			for (size_t w = 0; w < NR_WAYS; w++) {
				c = ways[w].loop[op](n);
				if (c < cycles[op][w])
					cycles[op][w] = c;
			}
		}
	}
	return empty;
}

/* Hundredths of a cycle per op: the figure both outputs print. */
static unsigned long per_op_x100(uint64_t cycles, unsigned long n)
{
	return (unsigned long)(cycles * 100 / n);
}

static void print_table(uint64_t cycles[NR_OPS][NR_WAYS], unsigned long n,
			uint64_t ns, uint64_t total_cycles)
{
	console_printf("# %-20s %-24s %10s %8s %8s\n", "op", "way",
		       "cycles/op", "ns/op", "vs raw");
	for (size_t op = 0; op < NR_OPS; op++) {
		for (size_t w = 0; w < NR_WAYS; w++) {
			unsigned long c = per_op_x100(cycles[op][w], n);
			/* Cycles to ns from this run's own clock pair. */
			unsigned long t = total_cycles ? c * ns / total_cycles : 0;
			unsigned long ratio = cycles[op][0] ?
				cycles[op][w] * 100 / cycles[op][0] : 0;

			console_printf("  %-20s %-24s %7lu.%02lu %5lu.%02lu %5lu.%02lux\n",
				       op_names[op], ways[w].label, c / 100, c % 100,
				       t / 100, t % 100, ratio / 100, ratio % 100);
		}
	}
}

/* For scripts/bench-plot.sh: "# irqdata OP WAY CYCLES", one per bar. */
static void print_data(uint64_t cycles[NR_OPS][NR_WAYS], unsigned long n)
{
	for (size_t op = 0; op < NR_OPS; op++) {
		for (size_t w = 0; w < NR_WAYS; w++) {
			unsigned long c = per_op_x100(cycles[op][w], n);

			console_printf("# irqdata %s %s %lu.%02lu\n", op_names[op],
				       ways[w].name, c / 100, c % 100);
		}
	}
}

void bench_irq_ops(void)
{
	unsigned long n = BENCH_CALL_ITERATIONS;
	uint64_t cycles[NR_OPS][NR_WAYS];

#ifdef CONFIG_XEN_PV
	/* Ring 3 under Xen: no cli/sti for the raw rows; the Xen arms. */
	if (cpu_feature_enabled(X86_FEATURE_XENPV)) {
		bench_irq_ops_xen_pv();
		bench_irq_kernel_paths();
		return;
	}
#endif
#ifdef CONFIG_PLATFORM_GUEST
	const char *arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL) ?
			  "call" : "inline";
	unsigned long entry_flags = raw_save_fl();

	snprintf(pvop_name, sizeof(pvop_name), "pvop-%s", arm);
	snprintf(pvop_label, sizeof(pvop_label), "pvop site (%s arm)", arm);
#endif
	uint64_t ns0 = bench_time_ns(), c0 = bench_cycles();
	unsigned long empty = per_op_x100(measure(cycles, n), n);
	uint64_t ns = bench_time_ns() - ns0, c = bench_cycles() - c0;

#ifdef CONFIG_PLATFORM_GUEST
	/* disable+enable leaves IF set: put back what we found. */
	if (!(entry_flags & X86_EFLAGS_IF))
		raw_irq_disable();
	console_printf("# bench irq: %lu ops per run, best of %d rounds; "
		       "pvop sites boot the %s arm (pvops.irq=%s); "
		       "interrupts %s\n", n, ROUNDS, arm, arm,
		       entry_flags & X86_EFLAGS_IF ? "on" : "off");
#else
	console_printf("# bench irq: %lu ops per run, best of %d rounds; "
		       "hosted: save_fl only (cli/sti fault in userspace)\n",
		       n, ROUNDS);
#endif
	console_printf("# empty loop %lu.%02lu cycles/iteration, included in every row\n",
		       empty / 100, empty % 100);
	print_table(cycles, n, ns, c);
	print_data(cycles, n);
	bench_irq_kernel_paths();
}
