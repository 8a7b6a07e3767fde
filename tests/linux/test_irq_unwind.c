// SPDX-License-Identifier: GPL-2.0
/*
 * Single-step through Linux's irq ops and unwind with ORC at every step.
 *
 * In Linux 6.1 each op is a paravirt site: PVOP_ALT_CALLEE0(...,
 * "pushf; pop %rax", ALT_NOT(X86_FEATURE_XENPV)) for save_fl and its
 * kin. On bare metal, TCG and KVM the alternative inlines the native
 * instructions; under Xen PV the site stays a call to xen_save_fl_direct
 * and friends. Stepping every instruction of both shapes and asking ORC
 * for a reliable trace at each is what the ORC v4 discussion of pv
 * save_fl was about, answered on a running kernel.
 */
#include <kunit/test.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <xen/xen.h>
#include "step.h"
#include "tests.h"

static unsigned long sink;

/* The stepped functions: one irq op each, as kernel code writes them. */
static noinline __used void target_save_flags(void)
{
	WRITE_ONCE(sink, arch_local_save_flags());
}

static noinline __used void target_disable_enable(void)
{
	arch_local_irq_disable();
	arch_local_irq_enable();
}

static noinline __used void target_save_restore(void)
{
	unsigned long flags = arch_local_irq_save();

	WRITE_ONCE(sink, flags);
	arch_local_irq_restore(flags);
}

/* sti; hlt natively, SCHEDOP_block under Xen PV: returns after the next
 * interrupt (the periodic tick at the latest). */
static noinline __used void target_safe_halt(void)
{
	arch_local_irq_disable();
	arch_safe_halt();
}

DEFINE_STEPPED(target_save_flags)
DEFINE_STEPPED(target_disable_enable)
DEFINE_STEPPED(target_save_restore)
DEFINE_STEPPED(target_safe_halt)

static void report(struct kunit *test, const char *op, const struct step_totals *t)
{
	kunit_info(test, "%s: %u steps (%u in the test function, %u in callees), %u bad traces, %s arm\n",
		   op, t->steps, t->in_target, t->in_callees, t->bad,
		   xen_pv_domain() ? "Xen PV call" : "native inline");
}

/*
 * The shape of the site must match the environment, or the test would
 * pass while stepping the wrong thing: under Xen PV save_fl is a call into
 * the kernel (xen_save_fl_direct), natively it is inline in our function.
 */
static void expect_arm(struct kunit *test, const struct step_totals *t)
{
	KUNIT_EXPECT_GT(test, t->in_target, 2U);
	if (xen_pv_domain())
		KUNIT_EXPECT_GT_MSG(test, t->in_callees, 0U,
				    "Xen PV: no step in the site's callee: not the call arm?");
	else
		KUNIT_EXPECT_EQ_MSG(test, t->in_callees, 0U,
				    "native: a step left the function: not the inline arm?");
}

#define STEP_CASE(name, runner, check_arm)					\
static void name(struct kunit *test)						\
{										\
	struct step_session *s = step_session_new(test);			\
	struct step_totals t = {};						\
										\
	KUNIT_ASSERT_NOT_NULL(test, s);						\
	for (int round = 0; round < STEP_ROUNDS; round++) {			\
		preempt_disable();						\
		runner(s);							\
		preempt_enable();						\
		step_check(test, s, &t);					\
	}									\
	report(test, #name, &t);						\
	KUNIT_EXPECT_EQ(test, t.bad, 0U);					\
	if (check_arm)								\
		expect_arm(test, &t);						\
	else									\
		KUNIT_EXPECT_GT(test, t.in_target, 2U);				\
}

/* Many rounds, so timer interrupts land inside some of them. */
#define STEP_ROUNDS	50

STEP_CASE(step_save_flags, step_target_save_flags, true)
STEP_CASE(step_disable_enable, step_target_disable_enable, true)
STEP_CASE(step_save_restore, step_target_save_restore, true)
/* safe_halt is a plain paravirt call (PVOP_VCALL0) in every environment. */
STEP_CASE(step_safe_halt, step_target_safe_halt, false)

/*
 * The checker itself must be able to fail: a real stepped trace, then the
 * same trace with the frame of the stepped function's caller removed, with
 * the unwinder's error flag set, and cut short of the end of the stack.
 */
static void checker_rejects_bad_traces(struct kunit *test)
{
	struct step_session *s = step_session_new(test);
	struct trace t;
	int k;

	KUNIT_ASSERT_NOT_NULL(test, s);
	step_target_save_flags(s);
	KUNIT_ASSERT_GT(test, s->count, 2U);
	t = s->traces[0];
	KUNIT_ASSERT_NULL(test, step_verdict(s, &t));
	k = trace_find(&t, s->ret_in_runner);
	KUNIT_ASSERT_GT(test, k, 0);

	t.addr[k] ^= 1;
	KUNIT_EXPECT_NOT_NULL(test, step_verdict(s, &t));
	t = s->traces[0];
	t.addr[k + 1] ^= 1;
	KUNIT_EXPECT_NOT_NULL(test, step_verdict(s, &t));
	t = s->traces[0];
	t.error = true;
	KUNIT_EXPECT_NOT_NULL(test, step_verdict(s, &t));
	t = s->traces[0];
	t.done = false;
	KUNIT_EXPECT_NOT_NULL(test, step_verdict(s, &t));
	t = s->traces[0];
	t.through_regs = true;
	KUNIT_EXPECT_NOT_NULL(test, step_verdict(s, &t));
}

static struct kunit_case irq_unwind_cases[] = {
	KUNIT_CASE(checker_rejects_bad_traces),
	KUNIT_CASE(step_save_flags),
	KUNIT_CASE(step_disable_enable),
	KUNIT_CASE(step_save_restore),
	KUNIT_CASE(step_safe_halt),
	{}
};

struct kunit_suite pvpatch_irq_unwind_suite = {
	.name = "pvpatch_linux_irq_unwind",
	.test_cases = irq_unwind_cases,
	.suite_init = step_suite_init,
	.suite_exit = step_suite_exit,
};
