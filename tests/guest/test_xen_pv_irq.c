// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV irq ops (CONFIG_XEN_PV, asm/xen/pv_arms.h): the pvop sites
 * hold the inline Xen arm, and the event mask really holds events back.
 * An event channel bound to this vCPU (EVTCHNOP_bind_ipi) is signalled
 * while masked; the upcall must wait for irq_enable (whose inline arm
 * forces it) or safe_halt (SCHEDOP_block); Xen's timer (VIRQ_TIMER)
 * stops counting while masked and resumes.
 */
#include <string.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include "../../hypervisor/xen/pv_internal.h"
#include "single_step.h"

#define FLAGS_IF	(1UL << 9)

static volatile unsigned int events_seen;
static volatile uint64_t event_rip;

static void count_event(evtchn_port_t port, struct pt_regs *regs)
{
	events_seen++;
	event_rip = regs->rip;
}

static uint8_t mask_byte(void)
{
	return ((volatile uint8_t *)this_cpu()->xen_vcpu_info)[XEN_VCPU_INFO_MASK];
}

static uint8_t pending_byte(void)
{
	return ((volatile uint8_t *)this_cpu()->xen_vcpu_info)[XEN_VCPU_INFO_PENDING];
}

static void require_xen_pv_backend(struct kunit *test)
{
	if (!cpu_feature_enabled(X86_FEATURE_XENPV))
		kunit_skip(test, "not a Xen PV guest");
	if (strcmp(pvops_backend()->name, "xen_pv"))
		kunit_skip(test, "backend is %s, not xen_pv", pvops_backend()->name);
}

static evtchn_port_t bind_test_port(struct kunit *test)
{
	struct evtchn_bind_ipi bind = { .vcpu = 0 };
	long rc = xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi,
				 (uintptr_t)&bind);

	KUNIT_ASSERT_EQ(test, rc, 0);
	KUNIT_ASSERT_EQ(test, xen_pv_bind_port_handler(bind.port, 0, count_event), 0);
	events_seen = 0;
	return bind.port;
}

static void close_port(evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	xen_pv_bind_port_handler(port, 0, NULL);
	xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_close, (uintptr_t)&close);
}

/* The first site of op: the inline Xen arm unless the call arm is on. */
static void sites_hold_the_xen_arm(struct kunit *test)
{
	static const enum pvop_id ops[] = { PVOP_save_fl, PVOP_irq_disable, PVOP_irq_enable };

	require_xen_pv_backend(test);
	if (cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL))
		kunit_skip(test, "pvops.irq=call: the call arm is live");
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		const struct pvop_site *s = __start_pvop_sites;

		while (s < __stop_pvop_sites && s->op != ops[i])
			s++;
		KUNIT_ASSERT_TRUE(test, s < __stop_pvop_sites);
		/* %gs prefix, then an absolute operand at the mask byte. */
		KUNIT_EXPECT_EQ(test, pvop_site_addr(s)[0], 0x65);
		uint32_t disp;

		memcpy(&disp, pvop_site_addr(s) + (ops[i] == PVOP_save_fl ? 5 : 4), 4);
		KUNIT_EXPECT_EQ(test, disp, XEN_PV_MASK_OFFSET);
	}
}

static void ops_drive_the_event_mask(struct kunit *test)
{
	require_xen_pv_backend(test);
	unsigned long flags = pv_save_fl();

	pv_irq_disable();
	KUNIT_EXPECT_EQ(test, mask_byte(), 1);
	KUNIT_EXPECT_EQ(test, pv_save_fl(), 0);
	pv_irq_enable();
	KUNIT_EXPECT_EQ(test, mask_byte(), 0);
	KUNIT_EXPECT_EQ(test, pv_save_fl(), FLAGS_IF);
	if (!(flags & FLAGS_IF))
		pv_irq_disable();
}

static void masked_event_waits_for_irq_enable(struct kunit *test)
{
	require_xen_pv_backend(test);
	unsigned long flags = pv_save_fl();
	evtchn_port_t port = bind_test_port(test);

	pv_irq_disable();
	KUNIT_EXPECT_EQ(test, xen_evtchn_send(port), 0);
	KUNIT_EXPECT_EQ(test, events_seen, 0);
	KUNIT_EXPECT_EQ(test, pending_byte(), 1);
	pv_irq_enable();
	/* The arm saw pending and forced the upcall before returning. */
	KUNIT_EXPECT_EQ(test, events_seen, 1);
	KUNIT_EXPECT_EQ(test, pending_byte(), 0);
	/* Unmasked, the next event comes at once (on the send's return). */
	KUNIT_EXPECT_EQ(test, xen_evtchn_send(port), 0);
	KUNIT_EXPECT_EQ(test, events_seen, 2);
	KUNIT_EXPECT_GE(test, event_rip, (uint64_t)(uintptr_t)xen_hypercall_page);
	close_port(port);
	if (!(flags & FLAGS_IF))
		pv_irq_disable();
}

static void safe_halt_returns_on_the_event(struct kunit *test)
{
	require_xen_pv_backend(test);
	unsigned long flags = pv_save_fl();
	evtchn_port_t port = bind_test_port(test);

	pv_irq_disable();
	KUNIT_EXPECT_EQ(test, xen_evtchn_send(port), 0);
	KUNIT_EXPECT_EQ(test, events_seen, 0);
	pv_safe_halt();
	KUNIT_EXPECT_EQ(test, events_seen, 1);
	KUNIT_EXPECT_EQ(test, mask_byte(), 0);		/* like sti; hlt */
	close_port(port);
	if (!(flags & FLAGS_IF))
		pv_irq_disable();
}

/* Spin until timer_ticks passes ticks or ns of Xen time went by. */
static bool wait_for_tick(uint64_t ticks, uint64_t ns)
{
	uint64_t start = pv_sched_clock();

	while (pv_sched_clock() - start < ns) {
		if (this_cpu()->timer_ticks > ticks)
			return true;
		cpu_relax();
	}
	return this_cpu()->timer_ticks > ticks;
}

/*
 * VIRQ_TIMER keeps firing while masked, but only as a pending event:
 * no tick is counted until irq_enable, which delivers it at once.
 */
static void timer_events_wait_while_masked(struct kunit *test)
{
	const uint64_t period_ns = 1000000000ULL / CONFIG_TIMER_HZ;

	require_xen_pv_backend(test);
	if (!xen_clock_used())
		kunit_skip(test, "Xen's clock is not sched_clock");
	unsigned long flags = pv_save_fl();

	pv_irq_enable();
	KUNIT_ASSERT_TRUE_MSG(test, wait_for_tick(this_cpu()->timer_ticks, 100 * period_ns),
			      "no timer tick in 100 periods with events enabled");
	pv_irq_disable();
	uint64_t ticks = this_cpu()->timer_ticks;

	wait_for_tick(ticks, 5 * period_ns);
	KUNIT_EXPECT_EQ(test, this_cpu()->timer_ticks, ticks);
	KUNIT_EXPECT_EQ(test, pending_byte(), 1);
	pv_irq_enable();
	/* The held-back event, delivered by the enable itself. */
	KUNIT_EXPECT_GT(test, this_cpu()->timer_ticks, ticks);
	KUNIT_EXPECT_TRUE_MSG(test, wait_for_tick(ticks + 1, 100 * period_ns),
			      "the timer did not resume after irq_enable");
	if (!(flags & FLAGS_IF))
		pv_irq_disable();
}

/*
 * The halts arm Xen's single-shot timer one period ahead and then block
 * (hypervisor/xen/pv_timer.c). A tick that comes between the two must
 * not be spent by an upcall before the block: Xen stops the periodic
 * timer of a blocked vCPU, so nothing would wake it. Single-stepping
 * the halt with a wait for a timer event at every step puts a tick into
 * every gap, that one too; a second CPU ends a halt that nothing ended
 * after a second, and the test fails.
 */
#define LOST_HALT_NS	1000000000ULL

struct halt_race {
	void (*halt)(void);
	volatile bool stepping, done, rescued;
	evtchn_port_t port;
	unsigned long steps;
};

static struct halt_race *halt_race;

static bool wait_for_a_tick_at_each_step(struct pt_regs *regs)
{
	const uint64_t period_ns = 1000000000ULL / CONFIG_TIMER_HZ;
	struct halt_race *r = halt_race;

	if (!r || !r->stepping || smp_processor_id() != 0)
		return false;
	write_dr6(DR6_CLEAR);
	r->steps++;
	uint64_t start = pv_sched_clock();
	while (!pending_byte() && pv_sched_clock() - start < 2 * period_ns)
		cpu_relax();
	return true;
}

static void step_one_halt(struct halt_race *r)
{
	r->stepping = true;
	STEP_ON();
	r->halt();
	STEP_OFF();
	r->stepping = false;
}

static void halt_or_rescue(void *arg)
{
	struct halt_race *r = arg;

	if (smp_processor_id() == 0) {
		step_one_halt(r);
		__atomic_store_n(&r->done, true, __ATOMIC_RELEASE);
	} else if (smp_processor_id() == 1) {
		uint64_t start = pv_sched_clock();

		while (!__atomic_load_n(&r->done, __ATOMIC_ACQUIRE)) {
			if (!r->rescued && pv_sched_clock() - start > LOST_HALT_NS) {
				r->rescued = true;
				xen_evtchn_send(r->port);
			}
			cpu_relax();
		}
	}
}

static void pv_halt_unmasked(void)
{
	pv_irq_enable();
	pv_halt();
}

static void pv_safe_halt_unmasked(void)
{
	pv_irq_enable();
	pv_safe_halt();
}

static void tick_between_arming_and_blocking(struct kunit *test)
{
	static void (*const halts[])(void) = { pv_halt_unmasked, pv_safe_halt_unmasked };
	static const char *const names[] = { "halt", "safe_halt" };

	require_xen_pv_backend(test);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second CPU to end a halt that nothing woke");
	unsigned long flags = pv_save_fl();

	for (size_t i = 0; i < ARRAY_SIZE(halts); i++) {
		static struct halt_race r;

		memset(&r, 0, sizeof(r));
		r.halt = halts[i];
		r.port = bind_test_port(test);
		halt_race = &r;
		set_trap_hook(VECTOR_DB, wait_for_a_tick_at_each_step);
		run_on_all_cpus(halt_or_rescue, &r);
		set_trap_hook(VECTOR_DB, NULL);
		halt_race = NULL;
		close_port(r.port);
		kunit_info(test, "%s: %lu steps, each waiting for a tick", names[i], r.steps);
		KUNIT_EXPECT_GE_MSG(test, r.steps, 3UL, "%s was not stepped", names[i]);
		KUNIT_EXPECT_FALSE_MSG(test, r.rescued,
				       "%s: a tick before the block was spent; only another CPU's event ended the halt",
				       names[i]);
	}
	if (!(flags & FLAGS_IF))
		pv_irq_disable();
	else
		pv_irq_enable();
}

static struct kunit_case xen_pv_irq_cases[] = {
	KUNIT_CASE(sites_hold_the_xen_arm),
	KUNIT_CASE(ops_drive_the_event_mask),
	KUNIT_CASE(masked_event_waits_for_irq_enable),
	KUNIT_CASE(safe_halt_returns_on_the_event),
	KUNIT_CASE(timer_events_wait_while_masked),
	KUNIT_CASE(tick_between_arming_and_blocking),
	{}
};

static struct kunit_suite xen_pv_irq_suite = {
	.name = "xen_pv_irq",
	.test_cases = xen_pv_irq_cases,
};
kunit_test_suite(xen_pv_irq_suite);
