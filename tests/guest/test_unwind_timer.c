// SPDX-License-Identifier: GPL-2.0
/*
 * Timer interrupts at a high rate on every CPU while each runs a loop
 * full of pvop, alternative and static call sites, with each irq arm
 * live. Every tick that lands in the loop unwinds from inside the timer
 * handler: the trace must cross the interrupt frame to the interrupted
 * ip, reach the loop's known call chain within a few frames (a thunk,
 * a native function, a trampoline), and be reliable. A tick that lands
 * in Xen's hypercall page (code Xen writes at run time: no ORC; under Xen
 * PV events arrive as a hypercall returns) must give an unreliable trace.
 */
#include <stdint.h>
#include <string.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include <pvpatch/static_call.h>
#include "test_unwind.h"

#define SAMPLE_HZ	2000
#define SAMPLES_WANTED	150
#define LOOP_SECONDS	3
#define CALLEE_FRAMES	3	/* thunk, native function, or trampoline */
#define TRACE_MAX	64

struct timer_samples {
	struct unwind_chain *volatile chain;	/* set while in the loop */
	unsigned long checks, failures, in_hypercall_page;
	unsigned long bad[TRACE_MAX];
	unsigned int bad_n;
	bool bad_reliable;
	enum unwind_result bad_why;
	uintptr_t bad_rip;
} __aligned(64);

static struct timer_samples samples[CONFIG_NR_CPUS];
static irq_handler_t normal_timer;
static volatile unsigned long loop_sink;

static bool trace_reaches_chain(const struct unwind_chain *chain,
				const struct pt_regs *regs,
				const unsigned long *trace, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		if (trace[i] != regs->rip)
			continue;
		int at = unwind_chain_find(chain, trace, n, i + 1);

		return at > 0 && (unsigned int)at <= i + 1 + CALLEE_FRAMES;
	}
	return false;
}

static void sampling_timer(struct pt_regs *regs)
{
	struct timer_samples *s = &samples[smp_processor_id()];
	unsigned long trace[TRACE_MAX];
	struct unwind_chain *chain = s->chain;
	enum unwind_result why;
	bool reliable;
	unsigned int n;

	normal_timer(regs);
	if (!chain)
		return;
	n = stack_trace_save(trace, TRACE_MAX, 0, &reliable, &why);
	s->checks++;
	if (in_xen_hypercall_page(regs->rip)) {
		s->in_hypercall_page++;
		if (!reliable)
			return;
	} else if (reliable && trace_reaches_chain(chain, regs, trace, n)) {
		return;
	}
	if (!s->failures++) {
		memcpy(s->bad, trace, n * sizeof(trace[0]));
		s->bad_n = n;
		s->bad_reliable = reliable;
		s->bad_why = why;
		s->bad_rip = regs->rip;
	}
}

static uint64_t loop_target(uint64_t x)
{
	return x ^ 0x5a;
}
DEFINE_STATIC_CALL(unwind_timer_key, loop_target);

static __noinline void sites_loop(struct unwind_chain *chain)
{
	struct timer_samples *s = &samples[smp_processor_id()];
	uint64_t khz = tsc_khz() ? tsc_khz() : 1000000;
	uint64_t deadline = rdtsc() + LOOP_SECONDS * khz * 1000;

	CHAIN_BODY_ENTER(chain);
	s->chain = chain;
	while (s->checks < SAMPLES_WANTED && rdtsc() < deadline) {
		unsigned long flags = pv_save_fl();

		pv_irq_disable();
		loop_sink += flags;
		pv_irq_enable();
		loop_sink += static_call(unwind_timer_key)(loop_sink);
		loop_sink += pv_sched_clock();
		pv_io_delay();
	}
	s->chain = NULL;
	barrier();
}

static void run_loop(void *arg)
{
	struct unwind_chain chain = { .body = sites_loop };

	apic_timer_start_hz(SAMPLE_HZ);
	unwind_chain_run(&chain);
	apic_timer_start();
}

static void timer_unwinds(struct kunit *test, bool call_arm)
{
	bool boot_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);
	unsigned int cpus = num_online_cpus();
	unsigned long checks = 0, failures = 0, in_hypercall_page = 0;

	SKIP_WITHOUT_ORC(test);
	SKIP_WITHOUT_ARM_SWITCH(test, call_arm);
	set_irq_arm_if_needed(call_arm);
	memset(samples, 0, sizeof(samples));
	normal_timer = set_irq_handler(VECTOR_TIMER, sampling_timer);
	run_on_all_cpus(run_loop, NULL);
	set_irq_handler(VECTOR_TIMER, normal_timer);
	set_irq_arm_if_needed(boot_arm);

	for (unsigned int cpu = 0; cpu < cpus; cpu++) {
		const struct timer_samples *s = &samples[cpu];

		checks += s->checks;
		failures += s->failures;
		in_hypercall_page += s->in_hypercall_page;
		KUNIT_EXPECT_GT_MSG(test, s->checks, 0UL, "cpu %u: no tick in the loop", cpu);
		if (s->failures) {
			printk("unwind_timer: cpu %u: %lu of %lu bad, first at rip 0x%lx:\n",
			       cpu, s->failures, s->checks, s->bad_rip);
			unwind_print_trace("unwind_timer", s->bad, s->bad_n,
					   s->bad_reliable, s->bad_why);
		}
	}
	kunit_info(test, "%u CPUs, %s arm: %lu interrupts unwound, %lu bad",
		   cpus, call_arm ? "call" : "inline", checks, failures);
	if (in_hypercall_page)
		kunit_info(test, "%lu of them in Xen's hypercall page (no ORC): unwound as unreliable, as they must",
			   in_hypercall_page);
	KUNIT_EXPECT_EQ(test, failures, 0UL);
}

static void timer_unwinds_inline_arm(struct kunit *test)
{
	timer_unwinds(test, false);
}

static void timer_unwinds_call_arm(struct kunit *test)
{
	timer_unwinds(test, true);
}

static struct kunit_case unwind_timer_cases[] = {
	KUNIT_CASE(timer_unwinds_inline_arm),
	KUNIT_CASE(timer_unwinds_call_arm),
	{}
};

static struct kunit_suite unwind_timer_suite = {
	.name = "unwind_timer",
	.test_cases = unwind_timer_cases,
};
kunit_test_suite(unwind_timer_suite);
