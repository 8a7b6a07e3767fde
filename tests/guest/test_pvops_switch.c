// SPDX-License-Identifier: GPL-2.0
/*
 * Live re-selection of the irq ops' arm: CPU 0 switches every irq pvop
 * site between the inline native arm and the call arm, back and forth,
 * while every other CPU uses the ops in a loop, timer interrupts on, and
 * checks after each op that the interrupt flag says what the op did.
 * One wrong answer, lost flag or crash fails it, and so does a CPU that
 * made too few rounds while the switches went on
 * (tests/include/call_window.h): without them, nothing raced.
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include <pvpatch/text_poke.h>
#include "../include/call_window.h"

#define FLAGS_IF (1UL << 9)

struct switch_counts {
	volatile uint64_t uses, wrong, ticks_before;
} __aligned(64);

static struct switch_counts counts[CONFIG_NR_CPUS];
static struct call_window window;
static volatile bool switching_done;
/*
 * Every suite run switches a little; the pvops-switch entry of
 * tests/unittests.cfg asks for 10,000 on 4 CPUs.
 */
static unsigned long switches = 100;

static const char *set_switches(const char *value)
{
	return bootarg_parse_ulong(value, &switches);
}
BOOT_PARAM(pvops_switches, "pvops.switches", set_switches,
	   "live arm switches in the pvops switch test (default 100; 0 skips it)");

/*
 * CPU 1 halts in the middle of the sites instead: after "sti; hlt" its
 * saved RIP is inside the site (the padding), which is exactly where the
 * first sync of a switch must move a CPU out from. The timer and the
 * syncs' IPIs wake it.
 */
static void halt_in_sites(struct switch_counts *mine)
{
	pv_irq_disable();
	pv_safe_halt();
	if (!(pv_save_fl() & FLAGS_IF))
		mine->wrong++;
	mine->uses++;
}

/* One round of ops, each checked through save_fl. */
static void use_irq_ops(struct switch_counts *mine)
{
	if (!(pv_save_fl() & FLAGS_IF))
		mine->wrong++;
	pv_irq_disable();
	if (pv_save_fl() & FLAGS_IF)
		mine->wrong++;
	pv_irq_enable();
	if (!(pv_save_fl() & FLAGS_IF))
		mine->wrong++;
	mine->uses++;
}

static uint64_t rounds_made(unsigned int cpu)
{
	return counts[cpu].uses;
}

static void switch_worker(void *arg)
{
	struct switch_counts *mine = &counts[smp_processor_id()];
	bool boot_arm = *(const bool *)arg;

	if (smp_processor_id() != 0) {
		while (!__atomic_load_n(&switching_done, __ATOMIC_ACQUIRE)) {
			if (smp_processor_id() == 1)
				halt_in_sites(mine);
			else
				use_irq_ops(mine);
		}
		return;
	}
	for (unsigned long i = 0; i < switches; i++) {
		pvops_set_irq_arm(!cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL));
		if (i == 0)
			call_window_open(&window, rounds_made);
		if (i == switches - 1)
			call_window_close(&window, rounds_made, i);
		use_irq_ops(mine);
	}
	pvops_set_irq_arm(boot_arm);
	__atomic_store_n(&switching_done, true, __ATOMIC_RELEASE);
}

static void arms_switch_live_under_load(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	bool boot_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);
	unsigned long switches_before = pvops_arm_switches;

	if (!switches)
		kunit_skip(test, "pvops.switches=0");
	if (pvops_irq_arm_switch_unsupported())
		kunit_skip(test, "%s", pvops_irq_arm_switch_unsupported());
	unsigned long syncs_before = text_poke_sync_count();
	unsigned long fixups_before = text_poke_interior_fixups();
	uint64_t uses = 0, wrong = 0;

	for (unsigned int cpu = 0; cpu < n; cpu++)
		counts[cpu] = (struct switch_counts){ .ticks_before = cpus[cpu].timer_ticks };
	window = (struct call_window){ 0 };
	switching_done = false;
	run_on_all_cpus(switch_worker, &boot_arm);

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		uses += counts[cpu].uses;
		wrong += counts[cpu].wrong;
		KUNIT_EXPECT_GT_MSG(test, cpus[cpu].timer_ticks, counts[cpu].ticks_before,
				    "cpu %u took no timer interrupt", cpu);
	}
	unsigned long done = pvops_arm_switches - switches_before;

	kunit_info(test, "%lu arm switches on %u CPUs: %lu op rounds, %lu wrong, %lu syncs, %lu CPUs moved out of an old inline arm",
		   done, n, (unsigned long)uses, (unsigned long)wrong,
		   text_poke_sync_count() - syncs_before,
		   text_poke_interior_fixups() - fixups_before);
	KUNIT_EXPECT_EQ(test, wrong, (uint64_t)0);
	KUNIT_EXPECT_EQ(test, done, switches + (switches % 2));
	KUNIT_EXPECT_EQ(test, text_poke_sync_count() - syncs_before, 3 * done);
	KUNIT_EXPECT_EQ(test, cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL), boot_arm);
	KUNIT_EXPECT_GE(test, uses, (uint64_t)switches);
	/* Each switch's syncs wait for every CPU, as in the guest's static
	 * call stress: each must have used the ops meanwhile. */
	expect_calls_in_window(test, &window, "op rounds", "switches", true);
	/* CPU 1 sat in a site for most syncs: after the native "sti; hlt"
	 * its saved RIP is inside it. A backend's own safe_halt arm (Xen
	 * PV: a call) halts inside the callee instead. */
	if (n > 1 && switches >= 10 && !pvops_backend()->inline_arm)
		KUNIT_EXPECT_GT(test, text_poke_interior_fixups() - fixups_before, 0UL);
}

static struct kunit_case pvops_switch_cases[] = {
	KUNIT_CASE(arms_switch_live_under_load),
	{}
};

static struct kunit_suite pvops_switch_suite = {
	.name = "pvops_switch",
	.test_cases = pvops_switch_cases,
};
kunit_test_suite(pvops_switch_suite);
