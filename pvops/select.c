// SPDX-License-Identifier: GPL-2.0
/*
 * pvops_select(): pick the backend (the one named by pvops=, else the
 * highest-priority one whose hypervisor is detected), let it point the
 * keys, and hand its per-vCPU registration to the arch for the CPUs
 * still to come. Asking for a backend whose hypervisor is absent stops
 * the boot: running the wrong backend would make every test meaningless.
 */
#include <string.h>
#include <asm/cpufeatures.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include "pvops_internal.h"

extern const struct pvops_backend *const __start_pvops_backends[];
extern const struct pvops_backend *const __stop_pvops_backends[];

static char requested[16] = "auto";
static const struct pvops_backend *chosen;

/*
 * The names of the backends linked into this image, for the messages
 * ("kvm, native, xen", and xen_pv in the Xen PV image): a list written
 * out here went stale as backends came.
 */
static const char *backend_names(void)
{
	static char names[64];
	size_t len = 0;

	names[0] = '\0';
	for (const struct pvops_backend *const *b = __start_pvops_backends;
	     b < __stop_pvops_backends && len < sizeof(names); b++)
		len += snprintf(names + len, sizeof(names) - len, "%s%s",
				len ? ", " : "", (*b)->name);
	return names;
}

static const char *set_pvops(const char *value)
{
	static char why[96];

	if (strlen(value) >= sizeof(requested)) {
		snprintf(why, sizeof(why), "expected auto or one of this build's backends: %s",
			 backend_names());
		return why;
	}
	memcpy(requested, value, strlen(value) + 1);
	return NULL;
}
BOOT_PARAM(pvops, "pvops", set_pvops,
	   "backend: auto (detect), native, kvm, xen, or xen_pv (Xen PV image)");

static const char *set_irq_arm(const char *value)
{
	if (strcmp(value, "call") == 0)
		cpu_feature_set(X86_FEATURE_PV_IRQ_CALL);
	else if (strcmp(value, "inline"))
		return "expected inline or call";
	return NULL;
}
BOOT_PARAM(pvops_irq, "pvops.irq", set_irq_arm,
	   "arm of the irq ops: inline (native instructions) or call");

static const struct pvops_backend *find_backend(const char *name)
{
	for (const struct pvops_backend *const *b = __start_pvops_backends;
	     b < __stop_pvops_backends; b++) {
		if (strcmp((*b)->name, name) == 0)
			return *b;
	}
	return NULL;
}

static const struct pvops_backend *detect_backend(void)
{
	const struct pvops_backend *best = NULL;

	for (const struct pvops_backend *const *b = __start_pvops_backends;
	     b < __stop_pvops_backends; b++) {
		if ((*b)->detect() && (!best || (*b)->priority > best->priority))
			best = *b;
	}
	return best;
}

void pvops_select(void)
{
	if (strcmp(requested, "auto") == 0) {
		chosen = detect_backend();
	} else {
		chosen = find_backend(requested);
		if (!chosen)
			platform_fatal("pvops=%s: unknown backend (expected auto or one of "
				       "this build's: %s)", requested, backend_names());
		if (!chosen->detect())
			platform_fatal("pvops=%s: that backend does not match this machine "
				       "(hypervisor signature '%s')", requested,
				       hypervisor_signature());
	}
	if (!chosen)
		platform_fatal("pvops: no backend matches this machine");
	/* Every key starts native: the native backend names those targets
	 * first, then the chosen one re-points (and renames) what it has. */
	const struct pvops_backend *native = find_backend("native");

	if (native && native != chosen)
		native->select();
	chosen->select();
	/* The other CPUs start later (boot step 5). The arch runs the
	 * backend's per-vCPU registration on each through this hook, so
	 * neither arch/ nor hypervisor/ asks pvops which backend won. */
	smp_set_cpu_online_hook(chosen->cpu_online);
}

const struct pvops_backend *pvops_backend(void)
{
	return chosen;
}
