// SPDX-License-Identifier: GPL-2.0
/*
 * arm64_mmu: the MMU is on with W^X, checked two ways. The CPU's own
 * answer through address translation (AT S1E1R/S1E1W, PAR_EL1.F set when
 * the access would fault: Arm ARM, "AT S1E1R" and "PAR_EL1"), and the
 * descriptors themselves for execute permission, which AT does not
 * report.
 */
#include <stdbool.h>
#include <stdint.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <pvpatch/ktest.h>
#include <pvpatch/page_alloc.h>
#include "arm64.h"

#define PAR_F		1ULL

extern char __text_start[], __rodata_start[], __data_start[], __bss_start[];
extern char boot_stack_bottom[];

static int some_data = 1;

static bool can_read(uintptr_t va)
{
	/* The ISB makes PAR_EL1 hold this AT's result when it is read. */
	__asm__ __volatile__("at s1e1r, %0\n\tisb" : : "r"(va) : "memory");
	return !(read_sysreg(par_el1) & PAR_F);
}

static bool can_write(uintptr_t va)
{
	__asm__ __volatile__("at s1e1w, %0\n\tisb" : : "r"(va) : "memory");
	return !(read_sysreg(par_el1) & PAR_F);
}

static bool executable(uintptr_t va)
{
	uint64_t pte = arm64_lookup_pte(va);

	return pte && !(pte & PTE_PXN);
}

static void mmu_and_wxn_are_on(struct kunit *test)
{
	uint64_t sctlr = read_sysreg(sctlr_el1);

	KUNIT_EXPECT_TRUE_MSG(test, sctlr & 1, "SCTLR_EL1.M clear: 0x%lx", (unsigned long)sctlr);
	KUNIT_EXPECT_TRUE_MSG(test, sctlr & (1 << 19), "SCTLR_EL1.WXN clear: 0x%lx",
			      (unsigned long)sctlr);
}

static void text_is_read_only_and_executable(struct kunit *test)
{
	uintptr_t text = (uintptr_t)mmu_and_wxn_are_on;

	KUNIT_EXPECT_TRUE(test, can_read(text));
	KUNIT_EXPECT_FALSE(test, can_write(text));
	KUNIT_EXPECT_FALSE(test, can_write((uintptr_t)__text_start));
	KUNIT_EXPECT_TRUE(test, executable(text));
}

static void rodata_is_read_only_and_not_executable(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, can_read((uintptr_t)__rodata_start));
	KUNIT_EXPECT_FALSE(test, can_write((uintptr_t)__rodata_start));
	KUNIT_EXPECT_FALSE(test, executable((uintptr_t)__rodata_start));
}

static void writable_memory_is_not_executable(struct kunit *test)
{
	void *page = alloc_pages(1);
	const uintptr_t rw[] = {
		(uintptr_t)&some_data, (uintptr_t)__data_start, (uintptr_t)__bss_start,
		(uintptr_t)boot_stack_bottom, (uintptr_t)page,
		(uintptr_t)arm64_fdt.uart.start,
	};

	KUNIT_ASSERT_NOT_NULL(test, page);
	for (unsigned int i = 0; i < ARRAY_SIZE(rw); i++) {
		KUNIT_EXPECT_TRUE_MSG(test, can_write(rw[i]), "0x%lx", (unsigned long)rw[i]);
		KUNIT_EXPECT_FALSE_MSG(test, executable(rw[i]), "0x%lx", (unsigned long)rw[i]);
	}
	free_pages(page, 1);
}

static void low_memory_is_unmapped(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, can_read(0));
	KUNIT_EXPECT_FALSE(test, can_read(0x1000));
	KUNIT_EXPECT_EQ(test, arm64_lookup_pte(0), 0ull);
}

static struct kunit_case arm64_mmu_cases[] = {
	KUNIT_CASE(mmu_and_wxn_are_on),
	KUNIT_CASE(text_is_read_only_and_executable),
	KUNIT_CASE(rodata_is_read_only_and_not_executable),
	KUNIT_CASE(writable_memory_is_not_executable),
	KUNIT_CASE(low_memory_is_unmapped),
	{}
};

static struct kunit_suite arm64_mmu_suite = {
	.name = "arm64_mmu",
	.test_cases = arm64_mmu_cases,
};
kunit_test_suite(arm64_mmu_suite);
