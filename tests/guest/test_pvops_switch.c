// SPDX-License-Identifier: GPL-2.0
/*
 * Live re-selection of the irq ops' arm: CPU 0 switches every irq pvop
 * site, the kernel's own (asm/irqflags.h) and the tests', between the
 * inline native arm and the call arm, back and forth. Meanwhile:
 *   - the kernel itself runs its sites on every CPU: CPU 0's text
 *     patcher and sync IPIs (text_poke, on_each_cpu) during each switch;
 *     CPU 2 sits in the kernel's idle loop (irq_disable, safe_halt),
 *     woken by every sync and tick; the other CPUs call on_each_cpu()
 *     (flag check, save, disable, restore, and the IPI path) once per
 *     switch;
 *   - the other CPUs also use the ops directly (test sites) in a loop,
 *     timer interrupts on, and check after each op that the interrupt
 *     flag says what the op did; CPU 1 halts inside the test sites.
 * One wrong answer, lost flag or crash fails it, and so does a CPU that
 * made too few op rounds, or ran too few kernel sites, while the
 * switches went on (tests/include/call_window.h): without them, nothing
 * raced. Kernel sites are counted where they run (cpu.kernel_irq_sites).
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include <pvpatch/text_poke.h>
#include "../include/call_window.h"

#define FLAGS_IF (1UL << 9)

struct switch_counts {
	volatile uint64_t uses, wrong, ticks_before, kernel_calls;
	uint64_t kernel_sites_before;
} __aligned(64);

static struct switch_counts counts[CONFIG_NR_CPUS];
static struct call_window window, kernel_window;
static volatile bool switching_done;
static volatile unsigned long switches_made;
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

/* Each CPU runs this from on_each_cpu(): the caller between the
 * kernel's local_irq_save() and local_irq_restore(), the others in the
 * IPI handler. Interrupts are off in both. */
static void check_irqs_off(void *unused)
{
	if (pv_save_fl() & FLAGS_IF)
		counts[smp_processor_id()].wrong++;
}

/* The kernel's cross-CPU call: its sites, the IPIs, every CPU's handler. */
static void kernel_round(struct switch_counts *mine)
{
	on_each_cpu(check_irqs_off, NULL, true);
	if (!(pv_save_fl() & FLAGS_IF))
		mine->wrong++;
	mine->kernel_calls++;
}

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

static uint64_t kernel_sites_run(unsigned int cpu)
{
	return cpus[cpu].kernel_irq_sites;
}

/*
 * The kernel's idle loop, the sync IPIs and the ticks are CPU 2's work.
 * Not CPU 1's: with two CPUs, CPU 1 must halt in the test's sites, whose
 * loop is all it does, so that a sync reliably finds it inside one. The
 * idle loop, woken after a switch, can miss the gap before the next
 * switch's int3s (which it meets without halting: the int3 emulation of
 * "sti; hlt" does not halt), as it did under Xen PVH.
 */
static bool idles_in_the_kernel(unsigned int cpu)
{
	return cpu == 2;
}

static void switch_worker(void *arg)
{
	struct switch_counts *mine = &counts[smp_processor_id()];
	bool boot_arm = *(const bool *)arg;
	unsigned long kernel_round_at = 0;

	if (smp_processor_id() != 0) {
		unsigned int cpu = smp_processor_id();

		if (idles_in_the_kernel(cpu))
			return;
		while (!__atomic_load_n(&switching_done, __ATOMIC_ACQUIRE)) {
			if (cpu == 1)
				halt_in_sites(mine);
			else
				use_irq_ops(mine);
			/* One kernel round per switch at most: each
			 * interrupts every CPU, the switcher too, so more
			 * would only slow the switches they race. */
			unsigned long made = __atomic_load_n(&switches_made, __ATOMIC_RELAXED);

			if (made != kernel_round_at) {
				kernel_round_at = made;
				kernel_round(mine);
			}
		}
		return;
	}
	for (unsigned long i = 0; i < switches; i++) {
		pvops_set_irq_arm(!cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL));
		if (i == 0) {
			call_window_open(&window, rounds_made);
			call_window_open(&kernel_window, kernel_sites_run);
		}
		if (i == switches - 1) {
			call_window_close(&window, rounds_made, i);
			call_window_close(&kernel_window, kernel_sites_run, i);
		}
		__atomic_store_n(&switches_made, i + 1, __ATOMIC_RELAXED);
		use_irq_ops(mine);
		/* Long runs take minutes under emulation: say how far. */
		if (switches >= 1000 && (i + 1) % (switches / 10) == 0)
			printk("pvops_switch: %lu of %lu switches\n", i + 1, switches);
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
	uint64_t uses = 0, wrong = 0, kernel_sites = 0, kernel_calls = 0;

	for (unsigned int cpu = 0; cpu < n; cpu++)
		counts[cpu] = (struct switch_counts){
			.ticks_before = cpus[cpu].timer_ticks,
			.kernel_sites_before = cpus[cpu].kernel_irq_sites,
		};
	window = (struct call_window){ 0 };
	kernel_window = (struct call_window){ 0 };
	for (unsigned int cpu = 1; cpu < n; cpu++) {
		if (idles_in_the_kernel(cpu))
			window.exempt |= 1ULL << cpu;
	}
	switching_done = false;
	switches_made = 0;
	run_on_all_cpus(switch_worker, &boot_arm);

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		uses += counts[cpu].uses;
		wrong += counts[cpu].wrong;
		kernel_calls += counts[cpu].kernel_calls;
		kernel_sites += cpus[cpu].kernel_irq_sites - counts[cpu].kernel_sites_before;
		KUNIT_EXPECT_GT_MSG(test, cpus[cpu].timer_ticks, counts[cpu].ticks_before,
				    "cpu %u took no timer interrupt", cpu);
	}
	unsigned long done = pvops_arm_switches - switches_before;

	kunit_info(test, "%lu arm switches on %u CPUs: %lu op rounds, %lu kernel irq sites run, %lu on_each_cpu rounds, %lu wrong, %lu syncs, %lu CPUs moved out of an old inline arm",
		   done, n, (unsigned long)uses, (unsigned long)kernel_sites,
		   (unsigned long)kernel_calls, (unsigned long)wrong,
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
	/* And every CPU ran kernel sites meanwhile: CPU 2 the idle loop's,
	 * the others on_each_cpu()'s, CPU 0 the patcher's own. */
	expect_calls_in_window(test, &kernel_window, "kernel irq sites", "switches", true);
	/* CPU 1 sat in the test's safe_halt site for most syncs, CPU 2
	 * in the kernel's: after the native "sti; hlt" the saved RIP is
	 * inside it. A backend's own safe_halt arm (Xen PV: a call) halts
	 * inside the callee instead. */
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
