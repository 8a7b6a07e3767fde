// SPDX-License-Identifier: GPL-2.0
/* The page allocator's bookkeeping, over a fake memory map in userspace. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/ktest.h>
#include <pvpatch/page_alloc.h>

#define RAM_PAGES 64

static uint8_t *ram;
static struct boot_info info;

static int page_alloc_test_init(struct kunit *test)
{
	ram = aligned_alloc(PAGE_BYTES, RAM_PAGES * PAGE_BYTES);
	if (!ram)
		return -1;
	memset(ram, 0xa5, RAM_PAGES * PAGE_BYTES);
	memset(&info, 0, sizeof(info));
	info.nr_ram_regions = 1;
	info.ram[0] = (struct memory_region){ (uintptr_t)ram, RAM_PAGES * PAGE_BYTES };
	/* Two reserved pages in the middle, one half-page range (rounds out). */
	info.nr_reserved = 2;
	info.reserved[0] = (struct memory_region){ (uintptr_t)ram + 10 * PAGE_BYTES,
						   2 * PAGE_BYTES };
	info.reserved[1] = (struct memory_region){ (uintptr_t)ram + 20 * PAGE_BYTES + 100,
						   PAGE_BYTES };
	page_alloc_init(&info);
	return 0;
}

static void page_alloc_test_exit(struct kunit *test)
{
	free(ram);
}

static bool in_reserved(uintptr_t page)
{
	uintptr_t base = (uintptr_t)ram;

	return (page >= base + 10 * PAGE_BYTES && page < base + 12 * PAGE_BYTES) ||
	       (page >= base + 20 * PAGE_BYTES && page < base + 22 * PAGE_BYTES);
}

static void counts_exclude_reserved_pages(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, total_page_count(), (size_t)RAM_PAGES);
	KUNIT_EXPECT_EQ(test, free_page_count(), (size_t)RAM_PAGES - 4);
}

static void pages_are_zeroed_aligned_and_in_ram(struct kunit *test)
{
	uint8_t *p = alloc_pages(3);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, (uintptr_t)p % PAGE_BYTES, 0UL);
	KUNIT_EXPECT_TRUE(test, p >= ram && p + 3 * PAGE_BYTES <= ram + RAM_PAGES * PAGE_BYTES);
	for (size_t i = 0; i < 3 * PAGE_BYTES; i++) {
		if (p[i]) {
			KUNIT_FAIL(test, "byte %zu is 0x%x, not zero", i, p[i]);
			break;
		}
	}
	KUNIT_EXPECT_EQ(test, free_page_count(), (size_t)RAM_PAGES - 7);
}

static void every_free_page_is_handed_out_once(struct kunit *test)
{
	bool seen[RAM_PAGES] = { false };
	size_t got = 0;
	uint8_t *p;

	while ((p = alloc_pages(1))) {
		size_t index = (p - ram) / PAGE_BYTES;

		KUNIT_ASSERT_LT(test, index, (size_t)RAM_PAGES);
		KUNIT_EXPECT_FALSE(test, seen[index]);
		KUNIT_EXPECT_FALSE(test, in_reserved((uintptr_t)p));
		seen[index] = true;
		got++;
	}
	KUNIT_EXPECT_EQ(test, got, (size_t)RAM_PAGES - 4);
	KUNIT_EXPECT_EQ(test, free_page_count(), (size_t)0);
}

static void contiguous_runs_skip_reserved_holes(struct kunit *test)
{
	/* Free runs: 0-9 (10), 12-19 (8), 22-63 (42). */
	uint8_t *a = alloc_pages(10);
	uint8_t *b = alloc_pages(9);
	uint8_t *c = alloc_pages(43);

	KUNIT_EXPECT_PTR_EQ(test, a, ram);
	KUNIT_EXPECT_PTR_EQ(test, b, ram + 22 * PAGE_BYTES);
	KUNIT_EXPECT_NULL(test, c);
}

static void freed_pages_can_be_allocated_again(struct kunit *test)
{
	uint8_t *p = alloc_pages(5);

	KUNIT_ASSERT_NOT_NULL(test, p);
	while (alloc_pages(1))
		;
	KUNIT_ASSERT_EQ(test, free_page_count(), (size_t)0);
	free_pages(p, 5);
	KUNIT_EXPECT_EQ(test, free_page_count(), (size_t)5);
	KUNIT_EXPECT_PTR_EQ(test, alloc_pages(5), p);
	KUNIT_EXPECT_NULL(test, alloc_pages(1));
}

static void double_free_stops_the_program(struct kunit *test)
{
	uint8_t *p = alloc_pages(1);
	int status = 0;
	pid_t child;

	KUNIT_ASSERT_NOT_NULL(test, p);
	free_pages(p, 1);
	fflush(NULL);
	child = fork();
	KUNIT_ASSERT_GE(test, child, 0);
	if (child == 0) {
		/* Keep the child's panic message out of the KTAP stream. */
		freopen("/dev/null", "w", stdout);
		free_pages(p, 1);
		_exit(0);
	}
	KUNIT_ASSERT_EQ(test, waitpid(child, &status, 0), child);
	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_NE(test, WEXITSTATUS(status), 0);
}

static struct kunit_case page_alloc_cases[] = {
	KUNIT_CASE(counts_exclude_reserved_pages),
	KUNIT_CASE(pages_are_zeroed_aligned_and_in_ram),
	KUNIT_CASE(every_free_page_is_handed_out_once),
	KUNIT_CASE(contiguous_runs_skip_reserved_holes),
	KUNIT_CASE(freed_pages_can_be_allocated_again),
	KUNIT_CASE(double_free_stops_the_program),
	{}
};

static struct kunit_suite page_alloc_suite = {
	.name = "page_alloc",
	.init = page_alloc_test_init,
	.exit = page_alloc_test_exit,
	.test_cases = page_alloc_cases,
};
kunit_test_suite(page_alloc_suite);
