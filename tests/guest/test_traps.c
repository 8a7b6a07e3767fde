// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions are caught and described, and the page tables enforce W^X:
 * text cannot be written, data cannot be executed, no page is both.
 */
#include <stdint.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/traps.h>
#include <pvpatch/ktest.h>

#define PF_PRESENT	(1UL << 0)
#define PF_WRITE	(1UL << 1)
#define PF_FETCH	(1UL << 4)

extern char __text_start[], __rodata_start[];

static void raise_ud(void *arg)
{
	__asm__ __volatile__("ud2");
}

static void raise_bp(void *arg)
{
	__asm__ __volatile__("int3");
}

static void read_address(void *addr)
{
	(void)*(volatile uint64_t *)addr;
}

static void write_address(void *addr)
{
	*(volatile uint8_t *)addr = 0xcc;
}

static void call_address(void *addr)
{
	((void (*)(void))addr)();
}

static void invalid_opcode_is_caught(struct kunit *test)
{
	struct trap_record rec;

	KUNIT_ASSERT_TRUE(test, run_expecting_trap(VECTOR_UD, raise_ud, NULL, &rec));
	KUNIT_EXPECT_EQ(test, rec.vector, VECTOR_UD);
	/* #UD is a fault: rip is the ud2 itself (0f 0b). */
	KUNIT_EXPECT_EQ(test, *(const uint16_t *)rec.rip, 0x0b0f);
}

static void breakpoint_is_caught(struct kunit *test)
{
	struct trap_record rec;

	KUNIT_ASSERT_TRUE(test, run_expecting_trap(VECTOR_BP, raise_bp, NULL, &rec));
	KUNIT_EXPECT_EQ(test, rec.vector, VECTOR_BP);
	/* #BP is a trap: rip is just past the int3 (cc). */
	KUNIT_EXPECT_EQ(test, *(const uint8_t *)(rec.rip - 1), 0xcc);
}

static void not_present_page_fault_is_caught(struct kunit *test)
{
	struct trap_record rec;
	void *null_page = phys_to_virt(0x28);

	KUNIT_ASSERT_TRUE(test, run_expecting_trap(VECTOR_PF, read_address,
						   null_page, &rec));
	KUNIT_EXPECT_EQ(test, rec.cr2, (uint64_t)0x28);
	KUNIT_EXPECT_EQ(test, rec.error_code & (PF_PRESENT | PF_WRITE), 0UL);
}

static void a_normal_call_does_not_trap(struct kunit *test)
{
	struct trap_record rec;
	uint64_t data = 0;

	KUNIT_EXPECT_FALSE(test, run_expecting_trap(VECTOR_PF, write_address,
						    &data, &rec));
	KUNIT_EXPECT_EQ(test, data, 0xccUL);
}

static void text_write_faults(struct kunit *test)
{
	struct trap_record rec;
	void *text = (void *)raise_ud;
	uint8_t before = *(volatile uint8_t *)text;

	KUNIT_ASSERT_TRUE(test, run_expecting_trap(VECTOR_PF, write_address,
						   text, &rec));
	KUNIT_EXPECT_EQ(test, rec.cr2, (uint64_t)(uintptr_t)text);
	KUNIT_EXPECT_EQ(test, rec.error_code & (PF_PRESENT | PF_WRITE),
			PF_PRESENT | PF_WRITE);
	KUNIT_EXPECT_EQ(test, *(volatile uint8_t *)text, before);
}

static void rodata_write_faults(struct kunit *test)
{
	struct trap_record rec;

	KUNIT_ASSERT_TRUE(test, run_expecting_trap(VECTOR_PF, write_address,
						   __rodata_start, &rec));
	KUNIT_EXPECT_EQ(test, rec.cr2, (uint64_t)(uintptr_t)__rodata_start);
}

static uint8_t data_ret[16] __aligned(16) = { 0xc3 };	/* ret */

static void data_is_not_executable(struct kunit *test)
{
	struct trap_record rec;

	if (!nx_enabled())
		kunit_skip(test, "CPU has no NX bit");
	KUNIT_ASSERT_TRUE(test, run_expecting_trap(VECTOR_PF, call_address,
						   data_ret, &rec));
	KUNIT_EXPECT_EQ(test, rec.cr2, (uint64_t)(uintptr_t)data_ret);
	KUNIT_EXPECT_EQ(test, rec.error_code & PF_FETCH, PF_FETCH);
}

struct wx_scan {
	unsigned long writable_executable;
	unsigned long executable_pages;
	uintptr_t first_bad;
};

static void count_wx(uintptr_t start, uint64_t size, uint64_t entry, void *arg)
{
	struct wx_scan *scan = arg;

	if (entry & PTE_NX)
		return;
	scan->executable_pages += size / PAGE_SIZE;
	if ((entry & PTE_WRITE) && !scan->writable_executable++)
		scan->first_bad = start;
}

static void no_page_is_writable_and_executable(struct kunit *test)
{
	struct wx_scan scan = { 0 };

	if (!nx_enabled())
		kunit_skip(test, "CPU has no NX bit");
	walk_page_tables(count_wx, &scan);
	KUNIT_EXPECT_EQ_MSG(test, scan.writable_executable, 0UL,
			    "first W+X mapping at 0x%lx", scan.first_bad);
	/* The walk saw the text: an empty walk must not pass. */
	KUNIT_EXPECT_GT(test, scan.executable_pages, 0UL);
}

static void text_is_read_only_executable(struct kunit *test)
{
	uint64_t size;
	uint64_t *pte = lookup_pte((uintptr_t)__text_start, &size);

	KUNIT_ASSERT_NOT_NULL(test, pte);
	KUNIT_EXPECT_EQ(test, size, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, *pte & (PTE_WRITE | PTE_NX), 0UL);
}

static struct kunit_case traps_cases[] = {
	KUNIT_CASE(invalid_opcode_is_caught),
	KUNIT_CASE(breakpoint_is_caught),
	KUNIT_CASE(not_present_page_fault_is_caught),
	KUNIT_CASE(a_normal_call_does_not_trap),
	KUNIT_CASE(text_write_faults),
	KUNIT_CASE(rodata_write_faults),
	KUNIT_CASE(data_is_not_executable),
	KUNIT_CASE(no_page_is_writable_and_executable),
	KUNIT_CASE(text_is_read_only_executable),
	{}
};

static struct kunit_suite traps_suite = {
	.name = "traps",
	.test_cases = traps_cases,
};
kunit_test_suite(traps_suite);
