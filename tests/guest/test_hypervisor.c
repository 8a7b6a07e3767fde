// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor detection, everywhere: the signature and synthetic feature
 * bits agree with CPUID; the Xen leaf search (hypervisor/xen/hvm.c) and
 * the KVM leaf parser (hypervisor/kvm/backend.c) do what their ABIs say,
 * fed by a fake CPUID; the Xen hypercall page is a page of read-only
 * text, untouched unless the xen backend asked Xen to fill it.
 */
#include <string.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/processor.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/ktest.h>
#include <pvpatch/pvops.h>
#include "../../hypervisor/kvm/kvm.h"
#include <asm/xen/hypercall.h>

extern char __text_start[], __text_end[];

/* ---- a fake CPUID: a few leaves, zeros elsewhere, calls counted */

struct fake_leaf {
	uint32_t leaf;
	struct cpuid_regs regs;
};

static const struct fake_leaf *fake_leaves;
static size_t nr_fake_leaves;
static unsigned int fake_calls;

static struct cpuid_regs fake_cpuid(uint32_t leaf)
{
	fake_calls++;
	for (size_t i = 0; i < nr_fake_leaves; i++) {
		if (fake_leaves[i].leaf == leaf)
			return fake_leaves[i].regs;
	}
	return (struct cpuid_regs){ 0 };
}

#define USE_FAKE(table)							\
	do {								\
		fake_leaves = (table);					\
		nr_fake_leaves = ARRAY_SIZE(table);			\
		fake_calls = 0;						\
	} while (0)

/* A hypervisor leaf: largest leaf in EAX, 12 signature bytes in EBX,
 * ECX, EDX (the layout both cpuid.rst and Xen's cpuid.h use). */
static struct fake_leaf signature_leaf(uint32_t leaf, uint32_t max_leaf,
				       const char sig[12])
{
	struct fake_leaf f = { .leaf = leaf, .regs.eax = max_leaf };

	memcpy(&f.regs.ebx, sig, 4);
	memcpy(&f.regs.ecx, sig + 4, 4);
	memcpy(&f.regs.edx, sig + 8, 4);
	return f;
}

/* ---- the real machine */

static void signature_is_cpuid_0x40000000(struct kunit *test)
{
	struct cpuid_regs r;
	char want[13] = { 0 };

	if (!cpu_feature_enabled(X86_FEATURE_HYPERVISOR)) {
		KUNIT_EXPECT_STREQ(test, hypervisor_signature(), "none");
		return;
	}
	r = cpuid(0x40000000);
	memcpy(want, &r.ebx, 4);
	memcpy(want + 4, &r.ecx, 4);
	memcpy(want + 8, &r.edx, 4);
	KUNIT_EXPECT_STREQ(test, hypervisor_signature(), want);
	kunit_info(test, "signature '%s', largest leaf 0x%x", want, r.eax);
}

static void feature_bits_follow_the_signature(struct kunit *test)
{
	const char *sig = hypervisor_signature();

	KUNIT_EXPECT_EQ(test, cpu_feature_enabled(X86_FEATURE_KVM),
			!strcmp(sig, "KVMKVMKVM"));
	if (!strcmp(sig, "XenVMMXenVMM"))
		KUNIT_EXPECT_TRUE(test, cpu_feature_enabled(X86_FEATURE_XEN));
	/*
	 * The bit may also come from the xen backend (Xen at an offset), or
	 * from the xen_pv one: a PV kernel's plain CPUID is not intercepted
	 * (only the forced-emulation form is), so it sees the leaves of
	 * whatever runs Xen, not Xen's, and the entry point is the proof.
	 */
	if (cpu_feature_enabled(X86_FEATURE_XENPV))
		KUNIT_EXPECT_STREQ(test, pvops_backend()->name, "xen_pv");
	else if (cpu_feature_enabled(X86_FEATURE_XEN))
		KUNIT_EXPECT_NE(test, xen_cpuid_base(), 0U);
}

static void backend_matches_detection(struct kunit *test)
{
	const char *name = pvops_backend()->name;

	if (!strcmp(name, "kvm"))
		KUNIT_EXPECT_TRUE(test, cpu_feature_enabled(X86_FEATURE_KVM));
	if (!strcmp(name, "xen")) {
		KUNIT_EXPECT_NE(test, xen_cpuid_base(), 0U);
		KUNIT_EXPECT_TRUE(test, xen_hypercall_page_ready());
	}
	/* Only the KVM backend picks a hypercall instruction. */
	if (strcmp(name, "kvm"))
		KUNIT_EXPECT_FALSE(test, cpu_feature_enabled(X86_FEATURE_VMMCALL));
	kunit_info(test, "backend %s on '%s'", name, hypervisor_signature());
}

static void hypercall_page_is_read_only_text(struct kunit *test)
{
	uintptr_t page = (uintptr_t)xen_hypercall_page;
	uint64_t size;
	uint64_t *pte = lookup_pte(page, &size);

	KUNIT_EXPECT_EQ(test, page % 4096, 0UL);
	KUNIT_EXPECT_GE(test, page, (uintptr_t)__text_start);
	KUNIT_EXPECT_LE(test, page + 4096, (uintptr_t)__text_end);
	KUNIT_ASSERT_NOT_NULL(test, pte);
	KUNIT_EXPECT_EQ(test, *pte & (PTE_WRITE | PTE_NX), 0UL);
	/* Both Xen backends have Xen fill it: the PVH one by MSR, the PV
	 * one through the ELF note; elsewhere it stays int3s. */
	if (cpu_feature_enabled(X86_FEATURE_XEN)) {
		KUNIT_EXPECT_TRUE(test, xen_hypercall_page_ready());
	} else {
		size_t filled = 0;

		for (size_t i = 0; i < sizeof(xen_hypercall_page); i++)
			filled += xen_hypercall_page[i] != 0xcc;
		KUNIT_EXPECT_EQ(test, filled, 0UL);
		KUNIT_EXPECT_FALSE(test, xen_hypercall_page_ready());
	}
}

/* ---- the Xen leaf search, on a fake CPUID */

static void xen_at_the_first_base(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0x40000005, "XenVMMXenVMM"),
	};

	USE_FAKE(leaves);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0x40000000U);
}

/* Xen's cpuid.h: with Viridian enabled, Xen's leaves start at 0x40000100. */
static void xen_behind_viridian(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0x40000006, "Microsoft Hv"),
		signature_leaf(0x40000100, 0x40000105, "XenVMMXenVMM"),
	};

	USE_FAKE(leaves);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0x40000100U);
	KUNIT_EXPECT_EQ(test, fake_calls, 2U);
}

/* Fewer than three leaves: no hypercall page MSR, no Xen for us. */
static void xen_without_its_hypercall_leaf(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0x40000001, "XenVMMXenVMM"),
	};

	USE_FAKE(leaves);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0U);
}

/* Xen takes the first free block: none can follow a free one. */
static void search_stops_at_the_first_free_block(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0x40000006, "Microsoft Hv"),
		signature_leaf(0x40000200, 0x40000205, "XenVMMXenVMM"),
	};

	USE_FAKE(leaves);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0U);
	KUNIT_EXPECT_EQ(test, fake_calls, 2U);
}

static void kvm_and_nothing_are_not_xen(struct kunit *test)
{
	struct fake_leaf kvm[] = {
		signature_leaf(0x40000000, 0x40000001, "KVMKVMKVM\0\0\0"),
	};
	struct fake_leaf nothing[] = { { .leaf = 0 } };

	USE_FAKE(kvm);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0U);
	KUNIT_EXPECT_EQ(test, fake_calls, 2U);
	USE_FAKE(nothing);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0U);
	KUNIT_EXPECT_EQ(test, fake_calls, 1U);
}

/* A signature in a block whose EAX points elsewhere is not a block. */
static void xen_signature_with_a_wild_eax(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0x7fffffff, "XenVMMXenVMM"),
	};

	USE_FAKE(leaves);
	KUNIT_EXPECT_EQ(test, xen_cpuid_base_of(fake_cpuid), 0U);
}

/* ---- the KVM leaves (cpuid.rst), on a fake CPUID */

static void kvm_features_are_leaf_0x40000001_eax(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0x40000001, "KVMKVMKVM\0\0\0"),
		{ .leaf = 0x40000001, .regs = { .eax = 0x0100807b } },
	};
	uint32_t features = 0;

	USE_FAKE(leaves);
	KUNIT_EXPECT_TRUE(test, kvm_cpuid_features_of(fake_cpuid, &features));
	KUNIT_EXPECT_EQ(test, features, 0x0100807bU);
}

/* cpuid.rst: "old hosts set eax value to 0x0. This should be
 * interpreted as if the value was 0x40000001." */
static void kvm_old_host_reports_no_largest_leaf(struct kunit *test)
{
	struct fake_leaf leaves[] = {
		signature_leaf(0x40000000, 0, "KVMKVMKVM\0\0\0"),
		{ .leaf = 0x40000001, .regs = { .eax = 0x9 } },
	};
	uint32_t features = 0;

	USE_FAKE(leaves);
	KUNIT_EXPECT_TRUE(test, kvm_cpuid_features_of(fake_cpuid, &features));
	KUNIT_EXPECT_EQ(test, features, 0x9U);
}

static void kvm_needs_its_signature_and_feature_leaf(struct kunit *test)
{
	struct fake_leaf no_features[] = {
		signature_leaf(0x40000000, 0x40000000, "KVMKVMKVM\0\0\0"),
	};
	struct fake_leaf padded_wrong[] = {
		signature_leaf(0x40000000, 0x40000001, "KVMKVMKVMKVM"),
	};
	struct fake_leaf xen[] = {
		signature_leaf(0x40000000, 0x40000005, "XenVMMXenVMM"),
	};
	uint32_t features = 0x1234;

	USE_FAKE(no_features);
	KUNIT_EXPECT_FALSE(test, kvm_cpuid_features_of(fake_cpuid, &features));
	USE_FAKE(padded_wrong);
	KUNIT_EXPECT_FALSE(test, kvm_cpuid_features_of(fake_cpuid, &features));
	USE_FAKE(xen);
	KUNIT_EXPECT_FALSE(test, kvm_cpuid_features_of(fake_cpuid, &features));
	KUNIT_EXPECT_EQ(test, features, 0x1234U);	/* untouched */
}

static struct kunit_case hypervisor_cases[] = {
	KUNIT_CASE(signature_is_cpuid_0x40000000),
	KUNIT_CASE(feature_bits_follow_the_signature),
	KUNIT_CASE(backend_matches_detection),
	KUNIT_CASE(hypercall_page_is_read_only_text),
	KUNIT_CASE(xen_at_the_first_base),
	KUNIT_CASE(xen_behind_viridian),
	KUNIT_CASE(xen_without_its_hypercall_leaf),
	KUNIT_CASE(search_stops_at_the_first_free_block),
	KUNIT_CASE(kvm_and_nothing_are_not_xen),
	KUNIT_CASE(xen_signature_with_a_wild_eax),
	KUNIT_CASE(kvm_features_are_leaf_0x40000001_eax),
	KUNIT_CASE(kvm_old_host_reports_no_largest_leaf),
	KUNIT_CASE(kvm_needs_its_signature_and_feature_leaf),
	{}
};

static struct kunit_suite hypervisor_suite = {
	.name = "hypervisor",
	.test_cases = hypervisor_cases,
};
kunit_test_suite(hypervisor_suite);
