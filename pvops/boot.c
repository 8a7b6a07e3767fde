// SPDX-License-Identifier: GPL-2.0
/*
 * The boot patch order. Each step depends on the one before:
 *   detect              synthetic feature bits say which hypervisor
 *   pvops_select        the backend points the keys (trampolines only:
 *                       no site is a static call site yet)
 *   apply_alternatives  every site picks its arm, pvop sites included
 *   static_call_init    sites, also those now inside applied arms, go
 *                       straight to their key's target
 *   seal                every site's bytes are checked
 * and only then may other CPUs run the text (smp_start, by the caller).
 */
#include <string.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <pvpatch/alternative.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/patch_log.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/static_call.h>
#include "pvops_internal.h"

struct patch_log patch_log;
static int full_log;

static const char *set_log(const char *value)
{
	if (strcmp(value, "full") == 0)
		full_log = 1;
	else if (strcmp(value, "summary"))
		return "expected summary or full";
	return NULL;
}
BOOT_PARAM(pvops_log, "pvops.log", set_log, "patch log: summary or full");

void patch_log_step(const char *name, void (*step)(void))
{
	struct patch_step *s = &patch_log.steps[patch_log.nr_steps % PATCH_LOG_MAX_STEPS];

	/* TSC cycles: the TSC rate is measured only at smp_start. */
	s->name = name;
	s->start_tsc = rdtsc();
	step();
	s->end_tsc = rdtsc();
	patch_log.nr_steps++;
}

static void detect(void)
{
	cpu_features_init();
	hypervisor_detect();
}

static void apply_main_table(void)
{
	apply_alternatives(__start_alt_instructions, __stop_alt_instructions);
}

void pvpatch_boot(void)
{
	patch_log_step("detect", detect);
	patch_log_step("pvops_select", pvops_select);
	patch_log_step("apply_alternatives", apply_main_table);
	patch_log_step("static_call_init", static_call_init);
	patch_log_step("seal", pvops_seal);
}

static unsigned int sites_of(enum pvop_id op, bool kernel_only)
{
	unsigned int n = 0;

	for (const struct pvop_site *s = __start_pvop_sites; s < __stop_pvop_sites; s++)
		n += s->op == op && (!kernel_only || s->origin == PVOP_SITE_KERNEL);
	return n;
}

void patch_log_print(void)
{
	unsigned int kernel_sites, test_sites;
	char steps[256];
	size_t used = 0;

	for (unsigned int i = 0; i < patch_log.nr_steps && used < sizeof(steps); i++) {
		const struct patch_step *s = &patch_log.steps[i];

		uint64_t khz = tsc_khz();

		used += snprintf(steps + used, sizeof(steps) - used, " %s %lu us",
				 s->name, khz ? (unsigned long)((s->end_tsc - s->start_tsc) * 1000 / khz) : 0UL);
	}
	kernel_sites = test_sites = 0;
	for (int op = 0; op < NR_PVOPS; op++) {
		if (!pvop_has_inline_arm(op))
			continue;
		kernel_sites += sites_of(op, true);
		test_sites += sites_of(op, false) - sites_of(op, true);
	}
	printk("pvpatch: backend %s (hypervisor '%s'); irq ops %s at %u kernel and %u test sites; alternatives %lu sites (%lu replaced); static calls %lu sites (%lu patched, %lu in alternatives, %lu inactive, %lu refused); steps:%s\n",
	       pvops_backend()->name, hypervisor_signature(),
	       cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL) ? "call" : "inline",
	       kernel_sites, test_sites, alternatives_stats.sites, alternatives_stats.replaced,
	       static_call_stats.sites, static_call_stats.patched,
	       static_call_stats.in_alternatives, static_call_stats.inactive,
	       static_call_stats.refused, steps);
	if (!full_log)
		return;
	for (int op = 0; op < NR_PVOPS; op++)
		printk("pvop %-16s sites %3u (kernel %3u)  target %s\n", pvops_op_name(op),
		       sites_of(op, false), sites_of(op, true), pvops_target_name(op));
}
