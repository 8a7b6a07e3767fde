// SPDX-License-Identifier: GPL-2.0
/*
 * The single-step engine: a DIE_DEBUG notifier that, for the one task in a
 * stepping session, takes every single-step #DB (DR6.BS), records an ORC
 * unwind from the trapped registers and returns NOTIFY_STOP, so the #DB
 * handler leaves TF set in the frame and the task traps again after the
 * next instruction. Linux's #DB handler runs the die chain before it would
 * complain about a kernel TF step (exc_debug_kernel()), as kgdb relies on.
 */
#include <linux/kallsyms.h>
#include <linux/kdebug.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/module.h>
#include <asm/debugreg.h>
#include "step.h"

static struct step_session *active;

static int step_notify(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;
	unsigned long *dr6 = (unsigned long *)args->err;
	struct step_session *s = READ_ONCE(active);

	if (val != DIE_DEBUG || !s || s->task != current || !(*dr6 & DR_STEP))
		return NOTIFY_DONE;
	if (s->count < STEP_MAX)
		trace_from_regs(args->regs, &s->traces[s->count]);
	s->count++;
	*dr6 &= ~DR_STEP;
	return NOTIFY_STOP;
}

static struct notifier_block step_nb = {
	.notifier_call = step_notify,
	/* Before kgdb and kprobes' users: this session owns its steps. */
	.priority = INT_MAX,
};

int step_suite_init(struct kunit_suite *suite)
{
	return register_die_notifier(&step_nb);
}

void step_suite_exit(struct kunit_suite *suite)
{
	unregister_die_notifier(&step_nb);
}

struct step_session *step_session_new(struct kunit *test)
{
	struct step_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	s->traces = kunit_kcalloc(test, STEP_MAX, sizeof(*s->traces), GFP_KERNEL);
	return s->traces ? s : NULL;
}

void step_session_begin(struct step_session *s)
{
	s->task = current;
	s->count = 0;
	/* The notifier may run on this CPU at the next instruction boundary
	 * after TF is set: publish the session first. */
	smp_store_release(&active, s);
}

void step_session_end(struct step_session *s)
{
	WRITE_ONCE(active, NULL);
}

static bool in_runner(const struct step_session *s, unsigned long ip)
{
	return ip >= s->ret_in_runner && ip <= s->runner_end;
}

static void report_bad(struct kunit *test, const struct step_session *s,
		       unsigned int i, const char *why)
{
	const struct trace *t = &s->traces[i];
	char *buf = kmalloc(2048, GFP_KERNEL);

	if (!buf) {
		KUNIT_FAIL(test, "step %u: %s (no memory to show the trace)", i, why);
		return;
	}
	trace_format(t, buf, 2048);
	KUNIT_FAIL(test, "step %u at %pS: %s%s%s%s; trace: %s", i, (void *)t->addr[0], why,
		   t->done ? "" : " [not done]", t->error ? " [unwinder error]" : "",
		   t->through_regs ? " [through regs]" : "", buf);
	kfree(buf);
}

const char *step_verdict(const struct step_session *s, const struct trace *t)
{
	int k;

	if (!trace_reliable(t))
		return "unreliable trace";
	if (in_runner(s, t->addr[0])) {
		if (t->depth < 2 || t->addr[1] != s->ret_in_case)
			return "the runner's frame does not return to the test case";
		return NULL;
	}
	k = trace_find(t, s->ret_in_runner);
	if (k < 0)
		return "the trace misses the call into the stepped function";
	if (k + 1 >= t->depth || t->addr[k + 1] != s->ret_in_case)
		return "the trace does not go on to the test case";
	return NULL;
}

void step_check(struct kunit *test, struct step_session *s, struct step_totals *totals)
{
	unsigned int n = min_t(unsigned int, s->count, STEP_MAX), shown = 0;

	KUNIT_ASSERT_LE_MSG(test, s->count, STEP_MAX, "more steps than the buffer holds");
	for (unsigned int i = 0; i < n; i++) {
		const struct trace *t = &s->traces[i];
		const char *why = step_verdict(s, t);

		/* The stepped functions live in this module; what they call
		 * (a pv op's callee, say) lives in the kernel. */
		if (!in_runner(s, t->addr[0])) {
			if (within_module(t->addr[0], THIS_MODULE))
				totals->in_target++;
			else
				totals->in_callees++;
		}
		if (why) {
			totals->bad++;
			if (shown++ < 5)
				report_bad(test, s, i, why);
		}
	}
	totals->steps += n;
}
