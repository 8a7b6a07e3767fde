// SPDX-License-Identifier: GPL-2.0
/*
 * pvops: the boot patch order as recorded, every pvop site holding the
 * arm that is live (inline native instructions, or the Xen PV arm in a
 * Xen PV guest, or with pvops.irq=call a
 * direct call to the op's target), the irq ops really masking (timer
 * ticks stop and resume), safe_halt waking on the next tick, and the
 * call ops reaching the native backend. The kernel's own interrupt
 * control (asm/irqflags.h) holds sites of every irq op, told apart
 * from the tests' sites, and counts the ones it runs.
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
#include <pvpatch/smp.h>

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

#ifdef CONFIG_XEN_PV
#include <asm/xen/pv_arms.h>

static size_t put_disp32(uint8_t *p, uintptr_t v)
{
	int32_t d = (int32_t)v;

	memcpy(p, &d, 4);
	return 4;
}

/* call *abs32: ff /2 with a SIB, no base, no index (SDM vol. 2) */
static size_t put_call_abs(uint8_t *p, const void *slot)
{
	p[0] = 0xff;
	p[1] = 0x14;
	p[2] = 0x25;
	return 3 + put_disp32(p + 3, (uintptr_t)slot);
}

/* %gs:abs32 byte operand: ModRM 04|reg, SIB 25 */
static size_t put_gs_byte(uint8_t *p, uint8_t opcode_len, const uint8_t *opcode,
			  uint8_t reg, size_t offset)
{
	size_t n = 0;

	p[n++] = 0x65;
	memcpy(p + n, opcode, opcode_len);
	n += opcode_len;
	p[n++] = 0x04 | reg << 3;
	p[n++] = 0x25;
	return n + put_disp32(p + n, offset);
}

/* The Xen PV arms (asm/xen/pv_arms.h), encoded here from the SDM. */
static size_t xen_pv_bytes(enum pvop_id op, uint8_t *p)
{
	static const uint8_t movzbl[] = { 0x0f, 0xb6 }, movb[] = { 0xc6 },
		cmpb[] = { 0x80 };
	size_t n = 0;

	switch (op) {
	case PVOP_save_fl:
		n = put_gs_byte(p, 2, movzbl, 0, XEN_PV_MASK_OFFSET);
		memcpy(p + n, (const uint8_t[]){ 0x83, 0xf0, 0x01, 0xc1, 0xe0, 0x09 }, 6);
		return n + 6;
	case PVOP_irq_disable:
		n = put_gs_byte(p, 1, movb, 0, XEN_PV_MASK_OFFSET);
		p[n++] = 1;
		return n;
	case PVOP_irq_enable:
		n = put_gs_byte(p, 1, movb, 0, XEN_PV_MASK_OFFSET);
		p[n++] = 0;
		n += put_gs_byte(p + n, 1, cmpb, 7, XEN_PV_PENDING_OFFSET);
		p[n++] = 0;
		p[n++] = 0x74;	/* jz over the call */
		p[n++] = 7;
		return n + put_call_abs(p + n, &xen_pv_force_upcall_ptr);
	case PVOP_safe_halt:
		return put_call_abs(p, &xen_pv_safe_halt_ptr);
	case PVOP_halt:
		return put_call_abs(p, &xen_pv_halt_ptr);
	default:
		return 0;
	}
}
#endif

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
		uint8_t want[32];

		KUNIT_ASSERT_NOT_NULL(test, native);
		/* Room for the call arm; without a longer arm, just that. */
		KUNIT_ASSERT_GE(test, s->len, 5);
		KUNIT_ASSERT_LE(test, s->len, sizeof(want));
#ifndef CONFIG_XEN_PV
		KUNIT_ASSERT_EQ(test, s->len, 5);
#else
		if (cpu_feature_enabled(X86_FEATURE_XENPV) && !call_arm) {
			len = xen_pv_bytes(s->op, want);
			KUNIT_ASSERT_GT(test, len, 0UL);
			KUNIT_ASSERT_LE(test, len, (size_t)s->len);
			native = want;
		}
#endif
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
			if (native != want)
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

	uint64_t before;

	/*
	 * sti; hlt returns after any interrupt, and hlt may end early under
	 * a hypervisor (under KVM it once returned without a tick): a
	 * tick must end one of three halts; none in three is the failure.
	 */
	for (int tries = 0; tries < 3; tries++) {
		pv_irq_disable();
		before = c->timer_ticks;
		pv_safe_halt();
		if (c->timer_ticks > before)
			break;
	}
	KUNIT_EXPECT_GT(test, c->timer_ticks, before);
	KUNIT_EXPECT_NE(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
	before = c->timer_ticks;
	pv_halt();		/* interrupts on: the next tick ends it */
	KUNIT_EXPECT_GT(test, c->timer_ticks, before);
}

static void kernel_code_holds_sites_of_every_irq_op(struct kunit *test)
{
	unsigned int kernel[NR_PVOPS] = { 0 }, tests[NR_PVOPS] = { 0 };

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++) {
		KUNIT_EXPECT_LE_MSG(test, s->origin, PVOP_SITE_TEST, "site %p",
				    (void *)pvop_site_addr(s));
		if (s->origin == PVOP_SITE_KERNEL)
			kernel[s->op]++;
		else
			tests[s->op]++;
	}
	for (int op = 0; op < NR_PVOPS; op++) {
		size_t len;

		if (!native_bytes(op, &len))
			continue;
		KUNIT_EXPECT_GT_MSG(test, kernel[op], 0U, "no kernel site of %s", pvops_op_name(op));
		KUNIT_EXPECT_GT_MSG(test, tests[op], 0U, "no test site of %s", pvops_op_name(op));
	}
}

/* on_each_cpu() checks the flag, then saves, disables and restores it
 * around the local call: kernel sites, counted; the test's are not. */
static void kernel_sites_are_counted_where_they_run(struct kunit *test)
{
	struct cpu *c = this_cpu();
	uint64_t before = c->kernel_irq_sites;

	sync_all_cpus();
	KUNIT_EXPECT_GE(test, c->kernel_irq_sites - before,
			(uint64_t)(num_online_cpus() > 1 ? 4 : 3));
	pv_irq_disable();
	before = c->kernel_irq_sites;
	(void)pv_save_fl();
	KUNIT_EXPECT_EQ(test, c->kernel_irq_sites, before);
	pv_irq_enable();
}

/*
 * An idle CPU sleeps in the kernel's safe_halt site: each pass of its
 * idle loop runs two kernel sites (irq_disable, safe_halt) and ends only
 * on an interrupt. So over 100 ms the other CPUs' counts grow by about
 * twice their interrupts, not by a busy loop's millions.
 */
static void idle_cpus_sleep_in_the_kernel_sites(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	uint64_t sites[KTEST_MAX_CPUS], irqs[KTEST_MAX_CPUS];

	if (n < 2)
		kunit_skip(test, "no other CPU to watch idle");
	if (!tsc_khz())
		kunit_skip(test, "TSC rate unknown");
	for (unsigned int cpu = 1; cpu < n; cpu++) {
		sites[cpu] = cpus[cpu].kernel_irq_sites;
		irqs[cpu] = cpus[cpu].timer_ticks + cpus[cpu].ipis_received;
	}
	wait_tsc(tsc_khz() * 100);
	for (unsigned int cpu = 1; cpu < n; cpu++) {
		uint64_t ran = cpus[cpu].kernel_irq_sites - sites[cpu];
		uint64_t woke = cpus[cpu].timer_ticks + cpus[cpu].ipis_received - irqs[cpu];

		kunit_info(test, "cpu %u: %lu kernel irq sites, %lu interrupts in 100 ms",
			   cpu, (unsigned long)ran, (unsigned long)woke);
		KUNIT_EXPECT_GT_MSG(test, ran, (uint64_t)0, "cpu %u never woke", cpu);
		KUNIT_EXPECT_LE_MSG(test, ran, 4 * woke + 8, "cpu %u did not sleep", cpu);
	}
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
	KUNIT_CASE(kernel_code_holds_sites_of_every_irq_op),
	KUNIT_CASE(kernel_sites_are_counted_where_they_run),
	KUNIT_CASE(idle_cpus_sleep_in_the_kernel_sites),
	{}
};

static struct kunit_suite pvops_suite = {
	.name = "pvops",
	.test_cases = pvops_cases,
};
kunit_test_suite(pvops_suite);
