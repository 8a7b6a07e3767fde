// SPDX-License-Identifier: GPL-2.0
/*
 * pvpatch_linux_bench: Linux 6.1's irq ops measured the way pvpatch's
 * bench=irq measures its own (bench/bench_irq_ops.c): the same three
 * operations, BENCH_ITERATIONS per timed loop, best of ROUNDS rounds that
 * each run every loop once, rdtsc fenced with lfence, the empty loop
 * included in every row, interrupts on. Ways:
 *   raw          the instructions inline (not under Xen PV: cli and sti
 *                fault in its ring-3 kernel)
 *   linux-site   arch_local_save_flags() etc. as this kernel booted them:
 *                inlined natively, a call to xen_*_direct under Xen PV
 *   linux-table  an indirect call through pv_ops, as the site was before
 *                boot patched it: the classic paravirt op table
 * Lines "# irqdata OP WAY CYCLES" feed scripts/irq-compare.py, which puts
 * them beside pvpatch's rows. Emulated cycles: compare as ratios.
 */
#include <kunit/test.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/utsname.h>
#include <asm/nospec-branch.h>
#include <asm/paravirt.h>
#include <xen/xen.h>

#define BENCH_ITERATIONS	200000UL
#define ROUNDS			5

static __always_inline u64 cycles(void)
{
	u32 lo, hi;

	/* lfence: rdtsc does not wait for earlier instructions otherwise
	 * (SDM vol. 2B, RDTSC). */
	asm volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

#define BENCH_LOOP(name, body)						\
	static noinline u64 name(unsigned long n)			\
	{								\
		u64 t0 = cycles();					\
		for (unsigned long i = 0; i < n; i++) {			\
			body;						\
		}							\
		return cycles() - t0;					\
	}

static __always_inline unsigned long raw_save_fl(void)
{
	unsigned long flags;

	asm volatile("pushf; pop %0" : "=a"(flags) : : "memory", "cc");
	return flags;
}

static __always_inline void raw_irq_disable(void)
{
	asm volatile("cli" : : : "memory", "cc");
}

static __always_inline void raw_irq_enable(void)
{
	asm volatile("sti" : : : "memory", "cc");
}

#define site_save_fl		arch_local_save_flags
#define site_irq_disable	arch_local_irq_disable
#define site_irq_enable		arch_local_irq_enable

/* The pv_ops slots hold callee-save thunks: one clobber, as at the site. */
#define TABLE_CALL(op, out)						\
	asm volatile(ANNOTATE_RETPOLINE_SAFE "call *%[slot]"		\
		     : out, ASM_CALL_CONSTRAINT				\
		     : [slot] "m"(pv_ops.irq.op.func)			\
		     : "memory", "cc")

static __always_inline unsigned long table_save_fl(void)
{
	unsigned long flags;

	TABLE_CALL(save_fl, "=a"(flags));
	return flags;
}

static __always_inline void table_irq_disable(void)
{
	unsigned long clobbered;

	TABLE_CALL(irq_disable, "=a"(clobbered));
}

static __always_inline void table_irq_enable(void)
{
	unsigned long clobbered;

	TABLE_CALL(irq_enable, "=a"(clobbered));
}

BENCH_LOOP(empty_loop, barrier())

#define WAY_LOOPS(way)							\
	BENCH_LOOP(way##_save_fl_loop, (void)way##_save_fl())		\
	BENCH_LOOP(way##_disable_enable_loop,				\
		   way##_irq_disable(); way##_irq_enable())		\
	BENCH_LOOP(way##_save_restore_loop,				\
		   unsigned long flags = way##_save_fl();		\
		   way##_irq_disable();					\
		   if (flags & X86_EFLAGS_IF)				\
			   way##_irq_enable())

WAY_LOOPS(raw)
WAY_LOOPS(site)
WAY_LOOPS(table)

enum { OP_SAVE_FL, OP_DISABLE_ENABLE, OP_SAVE_RESTORE, NR_OPS };

static const char *const op_names[NR_OPS] = {
	"save_fl", "disable+enable", "save+disable+restore",
};

struct way {
	const char *name, *label;
	u64 (*loop[NR_OPS])(unsigned long n);
};

#define LOOPS(way) { way##_save_fl_loop, way##_disable_enable_loop, way##_save_restore_loop }

static const struct way ways[] = {
	{ "raw", "raw instructions", LOOPS(raw) },
	{ "linux-site", "Linux pvop site", LOOPS(site) },
	{ "linux-table", "Linux pv_ops table call", LOOPS(table) },
};

#define NR_WAYS ARRAY_SIZE(ways)

static void irq_ops_cost(struct kunit *test)
{
	/* Xen PV runs its kernel in ring 3: no raw cli/sti there. */
	const unsigned int first = xen_pv_domain() ? 1 : 0;
	const unsigned long n = BENCH_ITERATIONS;
	u64 best[NR_OPS][NR_WAYS], empty = U64_MAX;

	KUNIT_ASSERT_TRUE_MSG(test, arch_local_save_flags() & X86_EFLAGS_IF,
			      "the benchmark runs with interrupts on");
	for (int op = 0; op < NR_OPS; op++)
		for (int w = 0; w < NR_WAYS; w++)
			best[op][w] = U64_MAX;
	preempt_disable();
	for (int r = 0; r < ROUNDS; r++) {
		empty = min(empty, empty_loop(n));
		for (int op = 0; op < NR_OPS; op++)
			for (unsigned int w = first; w < NR_WAYS; w++)
				best[op][w] = min(best[op][w], ways[w].loop[op](n));
	}
	preempt_enable();

	kunit_info(test, "bench irq: Linux %s, %lu ops per run, best of %d rounds; irq ops %s; interrupts on\n",
		   init_utsname()->release, n, ROUNDS,
		   xen_pv_domain() ? "call the Xen PV functions" : "inlined (native)");
	kunit_info(test, "empty loop %llu.%02llu cycles/iteration, included in every row\n",
		   empty / n, empty * 100 / n % 100);
	for (int op = 0; op < NR_OPS; op++) {
		for (unsigned int w = first; w < NR_WAYS; w++) {
			u64 c100 = best[op][w] * 100 / n;

			KUNIT_EXPECT_GT(test, best[op][w], 0ULL);
			kunit_info(test, "irqdata %s %s %llu.%02llu\n", op_names[op],
				   ways[w].name, c100 / 100, c100 % 100);
		}
	}
}

static struct kunit_case irq_bench_cases[] = {
	KUNIT_CASE(irq_ops_cost),
	{}
};

static struct kunit_suite irq_bench_suite = {
	.name = "pvpatch_linux_irq_bench",
	.test_cases = irq_bench_cases,
};

kunit_test_suite(irq_bench_suite);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pvpatch: Linux's irq-op costs, measured as bench=irq measures pvpatch's");
