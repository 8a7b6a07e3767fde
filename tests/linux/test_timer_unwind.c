// SPDX-License-Identifier: GPL-2.0
/*
 * Timer-driven unwinds: a pinned high-rate hrtimer on every CPU unwinds
 * the context it interrupted, while a thread on every CPU runs Linux's irq
 * ops in a loop, so the ticks land inside the pv sites, in their callees
 * (Xen PV) and right at the points where interrupts come back on.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <asm/irq_regs.h>
#include "trace.h"
#include "tests.h"

#define TICK_NS		(100 * NSEC_PER_USEC)
#define RUN_MS		1500
/* At 10 kHz for 1.5 s, even a vCPU that the host runs a tenth of the
 * time sees hundreds of ticks; fewer means the timer did not run there. */
#define MIN_UNWINDS	50

struct timer_cpu {
	struct hrtimer timer;
	bool stop;
	unsigned long ticks, unwinds, bad, through_regs, in_workload, loops;
	bool have_bad;
	struct trace bad_trace;
};

static DEFINE_PER_CPU(struct timer_cpu, timer_cpu);

static enum hrtimer_restart tick(struct hrtimer *h)
{
	struct timer_cpu *c = container_of(h, struct timer_cpu, timer);
	struct pt_regs *regs = get_irq_regs();

	c->ticks++;
	if (regs && !user_mode(regs)) {
		struct trace t;

		trace_from_regs(regs, &t);
		c->unwinds++;
		c->through_regs += t.through_regs;
		if (within_module(regs->ip, THIS_MODULE))
			c->in_workload++;
		if (!t.done || t.error) {
			c->bad++;
			if (!c->have_bad) {
				c->bad_trace = t;
				c->have_bad = true;
			}
		}
	}
	if (READ_ONCE(c->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(h, ns_to_ktime(TICK_NS));
	return HRTIMER_RESTART;
}

/* Runs on the CPU itself: a pinned timer stays where it was started. */
static void start_tick(void *unused)
{
	struct timer_cpu *c = this_cpu_ptr(&timer_cpu);

	hrtimer_init(&c->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED);
	c->timer.function = tick;
	hrtimer_start(&c->timer, ns_to_ktime(TICK_NS), HRTIMER_MODE_REL_PINNED);
}

static unsigned long workload_sink;

static noinline void irq_ops_once(void)
{
	unsigned long flags = arch_local_irq_save();

	WRITE_ONCE(workload_sink, arch_local_save_flags() ^ flags);
	arch_local_irq_restore(flags);
	arch_local_irq_disable();
	arch_local_irq_enable();
}

static int workload(void *data)
{
	struct timer_cpu *c = data;

	while (!kthread_should_stop()) {
		for (int i = 0; i < 1000; i++)
			irq_ops_once();
		c->loops++;
		cond_resched();
	}
	return 0;
}

static void timer_unwinds_every_cpu(struct kunit *test)
{
	struct task_struct *threads[NR_CPUS] = {};
	unsigned long total = 0, bad = 0, in_workload = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		memset(per_cpu_ptr(&timer_cpu, cpu), 0, sizeof(struct timer_cpu));
		threads[cpu] = kthread_create_on_cpu(workload, per_cpu_ptr(&timer_cpu, cpu),
						     cpu, "pvpatch_irqops/%u");
		KUNIT_ASSERT_FALSE(test, IS_ERR(threads[cpu]));
		wake_up_process(threads[cpu]);
		smp_call_function_single(cpu, start_tick, NULL, 1);
	}
	msleep(RUN_MS);
	for_each_online_cpu(cpu) {
		struct timer_cpu *c = per_cpu_ptr(&timer_cpu, cpu);

		WRITE_ONCE(c->stop, true);
		hrtimer_cancel(&c->timer);
		kthread_stop(threads[cpu]);
	}
	for_each_online_cpu(cpu) {
		struct timer_cpu *c = per_cpu_ptr(&timer_cpu, cpu);

		kunit_info(test, "cpu%d: %lu ticks, %lu kernel unwinds (%lu in the irq-op loop, %lu through another exception frame), %lu bad, %lu000 loops\n",
			   cpu, c->ticks, c->unwinds, c->in_workload, c->through_regs,
			   c->bad, c->loops);
		KUNIT_EXPECT_GE_MSG(test, c->unwinds, (unsigned long)MIN_UNWINDS,
				    "cpu%d: too few ticks unwound", cpu);
		KUNIT_EXPECT_GT_MSG(test, c->loops, 0UL, "cpu%d: the irq-op loop never ran", cpu);
		if (c->have_bad) {
			char *buf = kmalloc(2048, GFP_KERNEL);

			if (buf) {
				trace_format(&c->bad_trace, buf, 2048);
				KUNIT_FAIL(test, "cpu%d: first bad unwind at %pS%s%s: %s", cpu,
					   (void *)c->bad_trace.addr[0],
					   c->bad_trace.done ? "" : " [not done]",
					   c->bad_trace.error ? " [unwinder error]" : "", buf);
				kfree(buf);
			}
		}
		total += c->unwinds;
		bad += c->bad;
		in_workload += c->in_workload;
	}
	kunit_info(test, "%lu timer unwinds on %u CPUs, %lu in the irq-op loop, %lu bad\n",
		   total, num_online_cpus(), in_workload, bad);
	KUNIT_EXPECT_EQ(test, bad, 0UL);
	KUNIT_EXPECT_GT(test, in_workload, 0UL);
}

static struct kunit_case timer_unwind_cases[] = {
	KUNIT_CASE(timer_unwinds_every_cpu),
	{}
};

struct kunit_suite pvpatch_timer_unwind_suite = {
	.name = "pvpatch_linux_timer_unwind",
	.test_cases = timer_unwind_cases,
};
