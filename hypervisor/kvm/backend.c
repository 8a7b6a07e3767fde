// SPDX-License-Identifier: GPL-2.0
/*
 * The KVM backend: chosen when detect.c found KVM's signature at CPUID
 * 0x40000000 and its feature leaf 0x40000001 exists. Each mechanism is
 * used only when CPUID offers it (cpuid.rst: userspace may mask any of
 * them) and, where it shares memory, only when the host took the area on
 * the boot CPU. The keys start out native; select() retargets the ones
 * KVM does better, before apply_alternatives and static_call_init.
 */
#include <string.h>
#include <asm/cpufeatures.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops_backend.h>
#include "kvm.h"

struct kvm_cpu_area kvm_cpu_areas[CONFIG_NR_CPUS];
BUILD_BUG_ON(sizeof(struct kvm_cpu_area) != 128);
BUILD_BUG_ON(__builtin_offsetof(struct kvm_cpu_area, steal) % 64);

struct kvm_mechanism {
	const char *name;
	uint32_t feature;	/* the KVM_FEATURE_* bit that offers it */
	uint32_t needs;		/* features that must be in use already */
	bool hypercall;		/* makes hypercalls */
	bool (*init_cpu)(unsigned int cpu);	/* per-vCPU area, or NULL */
	void (*select)(void);			/* the keys, or NULL */
};

static void nop_io_delay_select(void)
{
	/* cpuid.rst bit 1: port I/O needs no delay; the sites become NOPs. */
	static_call_update(pv_io_delay, NULL);
	pvops_note_target(PVOP_io_delay, "nop");
}

/* In order: a mechanism may need one above it (PV TLB flush writes the
 * steal time area of the vCPU it skips). */
static const struct kvm_mechanism mechanisms[] = {
	{ "kvmclock", KVM_FEATURE_CLOCKSOURCE2, 0, false,
	  kvmclock_init_cpu, kvmclock_select },
	{ "steal_time", KVM_FEATURE_STEAL_TIME, 0, false,
	  steal_time_init_cpu, steal_time_select },
	{ "pv_eoi", KVM_FEATURE_PV_EOI, 0, false, pv_eoi_init_cpu, NULL },
	{ "pv_unhalt", KVM_FEATURE_PV_UNHALT, 0, true, NULL, pv_spinlock_select },
	{ "pv_tlb_flush", KVM_FEATURE_PV_TLB_FLUSH, KVM_BIT(KVM_FEATURE_STEAL_TIME),
	  false, NULL, pv_tlb_flush_select },
	{ "pv_sched_yield", KVM_FEATURE_PV_SCHED_YIELD, 0, true, NULL, NULL },
	{ "nop_io_delay", KVM_FEATURE_NOP_IO_DELAY, 0, false, NULL, nop_io_delay_select },
};

/* cpuid.rst's table, for the log line. */
static const char *const feature_names[32] = {
	[KVM_FEATURE_CLOCKSOURCE] = "clocksource",
	[KVM_FEATURE_NOP_IO_DELAY] = "nop_io_delay",
	[2] = "mmu_op",
	[KVM_FEATURE_CLOCKSOURCE2] = "clocksource2",
	[KVM_FEATURE_ASYNC_PF] = "async_pf",
	[KVM_FEATURE_STEAL_TIME] = "steal_time",
	[KVM_FEATURE_PV_EOI] = "pv_eoi",
	[KVM_FEATURE_PV_UNHALT] = "pv_unhalt",
	[KVM_FEATURE_PV_TLB_FLUSH] = "pv_tlb_flush",
	[KVM_FEATURE_ASYNC_PF_VMEXIT] = "async_pf_vmexit",
	[KVM_FEATURE_PV_SEND_IPI] = "pv_send_ipi",
	[KVM_FEATURE_POLL_CONTROL] = "poll_control",
	[KVM_FEATURE_PV_SCHED_YIELD] = "pv_sched_yield",
	[KVM_FEATURE_ASYNC_PF_INT] = "async_pf_int",
	[KVM_FEATURE_MSI_EXT_DEST_ID] = "msi_ext_dest_id",
	[KVM_FEATURE_HC_MAP_GPA_RANGE] = "hc_map_gpa_range",
	[KVM_FEATURE_MIGRATION_CONTROL] = "migration_control",
	[KVM_FEATURE_CLOCKSOURCE_STABLE_BIT] = "clocksource_stable",
};

static uint32_t offered, used;
static bool hypercalls_probed, hypercalls_work;

uint32_t kvm_features_offered(void)
{
	return offered;
}

uint32_t kvm_features_used(void)
{
	return used;
}

bool kvm_hypercalls_refused(void)
{
	return hypercalls_probed && !hypercalls_work;
}

static bool hypercalls_usable(void)
{
	if (!hypercalls_probed) {
		hypercalls_work = kvm_hypercall_probe();
		hypercalls_probed = true;
	}
	return hypercalls_work;
}

bool kvm_cpuid_features_of(cpuid_fn_t cpuid_fn, uint32_t *features)
{
	struct cpuid_regs r = cpuid_fn(KVM_CPUID_SIGNATURE);
	uint32_t max_leaf = r.eax;

	if (memcmp(&r.ebx, "KVMK", 4) || memcmp(&r.ecx, "VMKV", 4) ||
	    memcmp(&r.edx, "M\0\0\0", 4))
		return false;
	/* cpuid.rst: old hosts report 0, which means 0x40000001. */
	if (max_leaf == 0)
		max_leaf = KVM_CPUID_FEATURES;
	if (max_leaf < KVM_CPUID_FEATURES || max_leaf > KVM_CPUID_SIGNATURE + 0xff)
		return false;
	*features = cpuid_fn(KVM_CPUID_FEATURES).eax;
	return true;
}

static bool kvm_detect(void)
{
	uint32_t features;

	return cpu_feature_enabled(X86_FEATURE_KVM) &&
	       kvm_cpuid_features_of(cpuid, &features);
}

/*
 * AMD (and Hygon, its licensee) implement VMMCALL and make VMCALL #UD;
 * Intel and the others the reverse (AMD APM vol. 3, VMMCALL; Intel SDM
 * vol. 3C, 25.1.3).
 */
static bool vendor_uses_vmmcall(void)
{
	struct cpuid_regs r = cpuid(0);

	return !memcmp(&r.ebx, "Auth", 4) || !memcmp(&r.ebx, "Hygo", 4);
}

static size_t append_names(char *buf, size_t size, uint32_t mask)
{
	size_t len = 0;

	for (unsigned int bit = 0; bit < 32 && len < size; bit++) {
		if (!(mask & KVM_BIT(bit)))
			continue;
		if (feature_names[bit])
			len += snprintf(buf + len, size - len, " %s", feature_names[bit]);
		else
			len += snprintf(buf + len, size - len, " bit%u", bit);
	}
	return len;
}

static void log_features(void)
{
	char offered_names[320], used_names[160];
	size_t len = 0;

	offered_names[0] = used_names[0] = '\0';
	append_names(offered_names, sizeof(offered_names), offered);
	for (size_t i = 0; i < ARRAY_SIZE(mechanisms) && len < sizeof(used_names); i++) {
		if (used & KVM_BIT(mechanisms[i].feature))
			len += snprintf(used_names + len, sizeof(used_names) - len,
					" %s", mechanisms[i].name);
	}
	printk("kvm: CPUID 0x40000001 eax 0x%x:%s; using:%s%s; hypercall %s%s\n",
	       offered, offered_names, used ? used_names : " nothing",
	       kvmclock_stable() ? " (kvmclock stable)" : "",
	       cpu_feature_enabled(X86_FEATURE_VMMCALL) ? "vmmcall" : "vmcall",
	       kvm_hypercalls_refused() ? " (refused by the host)" : "");
}

static bool offers(const struct kvm_mechanism *m)
{
	return (offered & KVM_BIT(m->feature)) && (used & m->needs) == m->needs;
}

static void kvm_select(void)
{
	unsigned int cpu = this_cpu()->id;

	kvm_cpuid_features_of(cpuid, &offered);
	/* Before apply_alternatives: the hypercall sites pick their arm. */
	if (vendor_uses_vmmcall())
		cpu_feature_set(X86_FEATURE_VMMCALL);
	for (const struct kvm_mechanism *m = mechanisms;
	     m < mechanisms + ARRAY_SIZE(mechanisms); m++) {
		if (!offers(m) || (m->hypercall && !hypercalls_usable()))
			continue;
		if (m->init_cpu && !m->init_cpu(cpu)) {
			printk("kvm: %s offered, but the host did not take cpu %u's "
			       "area: not used\n", m->name, cpu);
			continue;
		}
		if (m->select)
			m->select();
		used |= KVM_BIT(m->feature);
	}
	log_features();
}

/*
 * The keys already point at functions that read this CPU's areas, so a
 * CPU the host refuses would read garbage: stop rather than run on.
 */
static void kvm_cpu_online(unsigned int cpu)
{
	for (const struct kvm_mechanism *m = mechanisms;
	     m < mechanisms + ARRAY_SIZE(mechanisms); m++) {
		if ((used & KVM_BIT(m->feature)) && m->init_cpu && !m->init_cpu(cpu))
			panic("kvm: cpu %u: the host did not take its %s area, "
			      "which the boot CPU uses", cpu, m->name);
	}
}

static const struct pvops_backend kvm_backend = {
	.name = "kvm", .detect = kvm_detect, .select = kvm_select,
	.cpu_online = kvm_cpu_online, .priority = 10,
};
PVOPS_BACKEND(kvm_backend);
