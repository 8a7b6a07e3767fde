// SPDX-License-Identifier: GPL-2.0
/*
 * Unwinding through a static call that Linux re-targets at run time: the
 * inline site (objtool recorded it in this module's .static_call_sites)
 * is stepped in each of its states, then stepped over and over while
 * another CPU re-targets it with text_poke_bp, so some steps follow the
 * int3 emulation of a call being rewritten under them.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/static_call.h>
#include "step.h"
#include "tests.h"

static noinline int sc_plus_one(int x)
{
	return x + 1;
}

static noinline int sc_plus_two(int x)
{
	return x + 2;
}

DEFINE_STATIC_CALL(pvpatch_linux_sc, sc_plus_one);

static int sc_in = 40, sc_out;

static noinline __used void target_static_call(void)
{
	WRITE_ONCE(sc_out, static_call(pvpatch_linux_sc)(READ_ONCE(sc_in)));
}

DEFINE_STEPPED(target_static_call)

static void step_once(struct kunit *test, struct step_session *s, struct step_totals *t)
{
	preempt_disable();
	step_target_static_call(s);
	preempt_enable();
	step_check(test, s, t);
}

static void step_each_target(struct kunit *test)
{
	static const struct {
		const char *name;
		void *func;
		int expect;
	} targets[] = {
		{ "sc_plus_one", sc_plus_one, 41 },
		{ "sc_plus_two", sc_plus_two, 42 },
		{ "__static_call_return0", __static_call_return0, 0 },
	};
	struct step_session *s = step_session_new(test);

	KUNIT_ASSERT_NOT_NULL(test, s);
	for (int i = 0; i < ARRAY_SIZE(targets); i++) {
		struct step_totals t = {};

		static_call_update(pvpatch_linux_sc, targets[i].func);
		step_once(test, s, &t);
		kunit_info(test, "%s: %u steps, %u bad\n", targets[i].name, t.steps, t.bad);
		KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(sc_out), targets[i].expect,
				    "the site did not call %s", targets[i].name);
		KUNIT_EXPECT_EQ(test, t.bad, 0U);
		KUNIT_EXPECT_GT(test, t.steps, 2U);
	}
	static_call_update(pvpatch_linux_sc, sc_plus_one);
}

static atomic_t retargets;

static int retarget_loop(void *unused)
{
	bool two = false;

	while (!kthread_should_stop()) {
		two = !two;
		static_call_update(pvpatch_linux_sc, two ? sc_plus_two : sc_plus_one);
		atomic_inc(&retargets);
		cond_resched();
	}
	return 0;
}

#define RETARGET_ROUNDS	200

static void step_while_retargeted(struct kunit *test)
{
	struct step_session *s = step_session_new(test);
	struct step_totals t = {};
	unsigned int seen_one = 0, seen_two = 0;
	struct task_struct *updater;
	int here, other, before, during;

	KUNIT_ASSERT_NOT_NULL(test, s);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second CPU to re-target the call (1 online)");
	here = get_cpu();
	other = cpumask_any_but(cpu_online_mask, here);
	put_cpu();
	updater = kthread_create_on_cpu(retarget_loop, NULL, other, "pvpatch_sc/%u");
	KUNIT_ASSERT_FALSE(test, IS_ERR(updater));
	atomic_set(&retargets, 0);
	wake_up_process(updater);
	/* Sleep, not spin: see the loop below. */
	for (int ms = 0; atomic_read(&retargets) == 0 && ms < 10000; ms++)
		msleep(1);
	if (atomic_read(&retargets) == 0) {
		kthread_stop(updater);
		KUNIT_FAIL(test, "cpu%d made no update in 10 s", other);
		return;
	}
	before = atomic_read(&retargets);
	for (int round = 0; round < RETARGET_ROUNDS; round++) {
		step_once(test, s, &t);
		seen_one += READ_ONCE(sc_out) == 41;
		seen_two += READ_ONCE(sc_out) == 42;
		/*
		 * Sleep between rounds: static_call_update() on the other CPU
		 * makes no progress while this CPU runs without scheduling
		 * (0 updates in 20,000 plain calls here, ~1,800 a second
		 * while it sleeps; under Xen PV a spinning wait for the first
		 * update never ended), so a busy loop would step a site nobody
		 * re-targets.
		 */
		usleep_range(200, 400);
	}
	during = atomic_read(&retargets) - before;
	kthread_stop(updater);
	static_call_update(pvpatch_linux_sc, sc_plus_one);
	kunit_info(test, "%u steps over %d rounds, %u bad; cpu%d re-targeted %d times meanwhile; results: %u x sc_plus_one, %u x sc_plus_two\n",
		   t.steps, RETARGET_ROUNDS, t.bad, other, during, seen_one, seen_two);
	KUNIT_EXPECT_EQ(test, t.bad, 0U);
	KUNIT_EXPECT_EQ(test, seen_one + seen_two, (unsigned int)RETARGET_ROUNDS);
	KUNIT_EXPECT_GT_MSG(test, during, 0, "no re-target while stepping");
	KUNIT_EXPECT_GT_MSG(test, seen_one, 0U, "never saw the first target");
	KUNIT_EXPECT_GT_MSG(test, seen_two, 0U, "never saw the second target");
}

static struct kunit_case static_call_unwind_cases[] = {
	KUNIT_CASE(step_each_target),
	KUNIT_CASE(step_while_retargeted),
	{}
};

struct kunit_suite pvpatch_static_call_unwind_suite = {
	.name = "pvpatch_linux_static_call_unwind",
	.test_cases = static_call_unwind_cases,
	.suite_init = step_suite_init,
	.suite_exit = step_suite_exit,
};
