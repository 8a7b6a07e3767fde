// SPDX-License-Identifier: GPL-2.0
/*
 * ktest's self-tests, part 2: the report of every kind of check, word
 * for word, as KUnit prints it.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include "ktest_capture.h"

#define FILE_NAME	SELFTEST_FILE("test_ktest_formats.c")

static int formats_line, formats_count;

/* One check per line: the report names line formats_line + n. */
static void formats(struct kunit *test)
{
	int neg = -1, count = 0;
	unsigned long big = 0xfffffffffUL;
	const char *s = "a\"b\n", *none = NULL;
	int *p = (int *)0x1000;
	unsigned char bytes[20], other[20];

	for (int i = 0; i < 20; i++)
		bytes[i] = other[i] = i;
	other[17] = 0xff;
	formats_line = __LINE__ + 1;
	KUNIT_EXPECT_EQ(test, neg, 3);
	KUNIT_EXPECT_GT(test, big, 0x1000000000UL);
	KUNIT_EXPECT_TRUE(test, neg > 0);
	KUNIT_EXPECT_FALSE_MSG(test, neg < 0, "neg is %d", neg);
	KUNIT_EXPECT_STREQ(test, s, "ab");
	KUNIT_EXPECT_STRNEQ(test, s, s);
	KUNIT_EXPECT_STREQ(test, none, "x");
	KUNIT_EXPECT_PTR_EQ(test, p, NULL);
	KUNIT_EXPECT_NULL(test, p);
	KUNIT_EXPECT_NOT_NULL(test, none);
	KUNIT_EXPECT_MEMEQ(test, bytes, other, sizeof(bytes));
	KUNIT_EXPECT_EQ(test, count++, 5);
	KUNIT_FAIL(test, "plain failure %d", 7);
	kunit_info(test, "two\nlines");
	formats_count = count;
}

static struct kunit_case formats_cases[] = { KUNIT_CASE(formats), {} };
static struct kunit_suite formats_suite = {
	.name = "st_formats", .test_cases = formats_cases,
};

/* n: the check's line after formats_line, passed as l + n below */
#define FAILED_AT(n)							\
	"    # formats: EXPECTATION FAILED at " FILE_NAME ":%d\n"

static void every_check_reports_in_kunit_wording(struct kunit *test)
{
	int l;

	KUNIT_EXPECT_EQ(test, RUN(test, formats_suite), 1);
	l = formats_line;
	KUNIT_EXPECT_EQ(test, formats_count, 1);
	expect_output(test, HEAD("st_formats", 1)
		FAILED_AT(0)
		"    # Expected neg == 3, but\n"
		"    #     neg == -1 (0xffffffffffffffff)\n"
		FAILED_AT(1)
		"    # Expected big > 0x1000000000UL, but\n"
		"    #     big == 68719476735 (0xfffffffff)\n"
		"    #     0x1000000000UL == 68719476736 (0x1000000000)\n"
		FAILED_AT(2)
		"    # Expected neg > 0 to be true, but is false\n"
		FAILED_AT(3)
		"    # Expected neg < 0 to be false, but is true\n"
		"    # neg is -1\n"
		FAILED_AT(4)
		"    # Expected s == \"ab\", but\n"
		"    #     s == \"a\\\"b\\n\"\n"
		FAILED_AT(5)
		"    # Expected s != s, but\n"
		"    #     s == \"a\\\"b\\n\"\n"
		"    #     s == \"a\\\"b\\n\"\n"
		FAILED_AT(6)
		"    # Expected none == \"x\", but\n"
		"    #     none == NULL\n"
		FAILED_AT(7)
		"    # Expected p == NULL, but\n"
		"    #     p == 0x1000\n"
		FAILED_AT(8)
		"    # Expected p == NULL, but\n"
		"    #     p == 0x1000\n"
		FAILED_AT(9)
		"    # Expected none != NULL, but\n"
		"    #     none == NULL\n"
		FAILED_AT(10)
		"    # Expected bytes == other (20 bytes), but\n"
		"    #     bytes ==\n"
		"    #         0010: 10 <11> 12 13\n"
		"    #     other ==\n"
		"    #         0010: 10 <ff> 12 13\n"
		FAILED_AT(11)
		"    # Expected count++ == 5, but\n"
		"    #     count++ == 0 (0x0)\n"
		FAILED_AT(12)
		"    # plain failure 7\n"
		"    # formats: two\n"
		"    # lines\n"
		"    not ok 1 formats\n"
		STATS("st_formats", 0, 1, 0, 1)
		"not ok 1 st_formats\n"
		SUMMARY(0, 1, 0),
		l, l + 1, l + 2, l + 3, l + 4, l + 5, l + 6, l + 7, l + 8,
		l + 9, l + 10, l + 11, l + 12);
}

static struct kunit_case ktest_formats_cases[] = {
	KUNIT_CASE(every_check_reports_in_kunit_wording),
	{}
};

static struct kunit_suite ktest_formats_suite = {
	.name = "ktest_formats",
	.test_cases = ktest_formats_cases,
};
kunit_test_suite(ktest_formats_suite);
