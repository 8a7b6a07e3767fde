// SPDX-License-Identifier: GPL-2.0
/*
 * pvops: the boot patch order as recorded, every pvop site holding the
 * arm that is live (inline native instructions, or with pvops.irq=call a
 * direct call to the op's target), the irq ops really masking (timer
 * ticks stop and resume), safe_halt waking on the next tick, and the
 * call ops reaching the native backend.
 */
#include <stdint.h>
#include <string.h>
#include <asm/apic.h>
#include <asm/nops.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/patch_log.h>
#include <pvpatch/pvops.h>

static const char *const documented_order[] = {
	"detect", "pvops_select", "apply_alternatives", "static_call_init",
	"seal", "smp_start",
};

static void patch_order_is_the_documented_one(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, patch_log.nr_steps, (unsigned int)ARRAY_SIZE(documented_order));
	for (unsigned int i = 0; i < patch_log.nr_steps; i++) {
		const struct patch_step *s = &patch_log.steps[i];

		KUNIT_EXPECT_STREQ(test, s->name, documented_order[i]);
		KUNIT_EXPECT_LE(test, s->start_tsc, s->end_tsc);
		if (i)
			KUNIT_EXPECT_GE(test, s->start_tsc, patch_log.steps[i - 1].end_tsc);
	}
}

/* Native encodings (Intel SDM vol. 2), independent of the site macros. */
static const uint8_t *native_bytes(enum pvop_id op, size_t *len)
{
	static const uint8_t save_fl[] = { 0x9c, 0x58 }, cli[] = { 0xfa },
		sti[] = { 0xfb }, sti_hlt[] = { 0xfb, 0xf4 }, hlt[] = { 0xf4 };

	switch (op) {
	case PVOP_save_fl: *len = 2; return save_fl;
	case PVOP_irq_disable: *len = 1; return cli;
	case PVOP_irq_enable: *len = 1; return sti;
	case PVOP_safe_halt: *len = 2; return sti_hlt;
	case PVOP_halt: *len = 1; return hlt;
	default: *len = 0; return NULL;
	}
}

static void *key_target(enum pvop_id op)
{
	switch (op) {
	case PVOP_save_fl: return static_call_query(pv_save_fl);
	case PVOP_irq_disable: return static_call_query(pv_irq_disable);
	case PVOP_irq_enable: return static_call_query(pv_irq_enable);
	case PVOP_safe_halt: return static_call_query(pv_safe_halt);
	case PVOP_halt: return static_call_query(pv_halt);
	default: return NULL;
	}
}

static void *key_trampoline(enum pvop_id op)
{
	switch (op) {
	case PVOP_save_fl: return (void *)&STATIC_CALL_TRAMP(pv_save_fl);
	case PVOP_irq_disable: return (void *)&STATIC_CALL_TRAMP(pv_irq_disable);
	case PVOP_irq_enable: return (void *)&STATIC_CALL_TRAMP(pv_irq_enable);
	case PVOP_safe_halt: return (void *)&STATIC_CALL_TRAMP(pv_safe_halt);
	case PVOP_halt: return (void *)&STATIC_CALL_TRAMP(pv_halt);
	default: return NULL;
	}
}

static void every_site_holds_its_live_arm(struct kunit *test)
{
	bool call_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);
	unsigned int seen[NR_PVOPS] = { 0 };

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++) {
		const uint8_t *site = pvop_site_addr(s);
		size_t len;
		const uint8_t *native = native_bytes(s->op, &len);
		uint8_t want[16];

		KUNIT_ASSERT_NOT_NULL(test, native);
		KUNIT_ASSERT_EQ(test, s->len, 5);
		seen[s->op]++;
		if (call_arm) {
			int32_t rel;

			memcpy(&rel, site + 1, 4);
			void *target = (void *)(site + 5 + rel);

			KUNIT_EXPECT_EQ(test, site[0], 0xe8);
			/* Straight to the target when chosen at boot, through
			 * the trampoline when switched in at run time. */
			KUNIT_EXPECT_TRUE_MSG(test, target == key_target(s->op) ||
					      target == key_trampoline(s->op),
					      "%s site calls %p", pvops_op_name(s->op), target);
		} else {
			memcpy(want, native, len);
			fill_nops(want + len, s->len - len);
			KUNIT_EXPECT_MEMEQ(test, site, want, s->len);
		}
	}
	for (int op = PVOP_save_fl; op <= PVOP_halt; op++)
		KUNIT_EXPECT_GT_MSG(test, seen[op], 0U, "no site of %s", pvops_op_name(op));
}

static void native_backend_keeps_native_targets(struct kunit *test)
{
	if (strcmp(pvops_backend()->name, "native"))
		kunit_skip(test, "backend is %s, not native", pvops_backend()->name);
	KUNIT_EXPECT_PTR_EQ(test, static_call_query(pv_sched_clock), (void *)native_sched_clock);
	KUNIT_EXPECT_PTR_EQ(test, static_call_query(pv_io_delay), (void *)native_io_delay);
	KUNIT_EXPECT_EQ(test, pv_steal_clock(0), 0UL);
}

static uint64_t timer_period_tsc(void)
{
	return tsc_khz() * 1000 / CONFIG_TIMER_HZ;
}

static void wait_tsc(uint64_t cycles)
{
	uint64_t end = rdtsc() + cycles;

	while (rdtsc() < end)
		cpu_relax();
}

static void irq_ops_really_mask(struct kunit *test)
{
	struct cpu *c = this_cpu();
	uint64_t period = timer_period_tsc();

	if (!period)
		kunit_skip(test, "TSC rate unknown");
	pv_irq_disable();
	KUNIT_EXPECT_EQ(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
	uint64_t before = c->timer_ticks;

	wait_tsc(3 * period);
	uint64_t during = c->timer_ticks;

	pv_irq_enable();
	KUNIT_EXPECT_NE(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
	for (uint64_t end = rdtsc() + CONFIG_TIMER_HZ * period;
	     c->timer_ticks == during && rdtsc() < end;)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, during, before);
	KUNIT_EXPECT_GT(test, c->timer_ticks, during);
}

static void safe_halt_wakes_on_the_next_tick(struct kunit *test)
{
	struct cpu *c = this_cpu();

	pv_irq_disable();
	uint64_t before = c->timer_ticks;

	pv_safe_halt();		/* sti; hlt: returns after an interrupt */
	KUNIT_EXPECT_GT(test, c->timer_ticks, before);
	KUNIT_EXPECT_NE(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
	before = c->timer_ticks;
	pv_halt();		/* interrupts on: the next tick ends it */
	KUNIT_EXPECT_GT(test, c->timer_ticks, before);
}

static void call_ops_reach_the_backend(struct kunit *test)
{
	uint64_t t0 = pv_sched_clock();

	pv_io_delay();
	wait_tsc(tsc_khz() ? tsc_khz() : 1000);	/* ~1 ms */
	KUNIT_EXPECT_GT(test, pv_sched_clock(), t0);
	pv_steal_clock(0);
	pv_flush_tlb_multi(NULL, 0, 0);
}

static struct kunit_case pvops_cases[] = {
	KUNIT_CASE(patch_order_is_the_documented_one),
	KUNIT_CASE(every_site_holds_its_live_arm),
	KUNIT_CASE(native_backend_keeps_native_targets),
	KTEST_CASE_ALL_CPUS(irq_ops_really_mask),
	KTEST_CASE_ALL_CPUS(safe_halt_wakes_on_the_next_tick),
	KUNIT_CASE(call_ops_reach_the_backend),
	{}
};

static struct kunit_suite pvops_suite = {
	.name = "pvops",
	.test_cases = pvops_cases,
};
kunit_test_suite(pvops_suite);
