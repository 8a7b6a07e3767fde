// SPDX-License-Identifier: GPL-2.0
/*
 * ktest's self-tests, part 1: what a case reports, and when it ends.
 * Each test runs a private suite through ktest_run_suites() and compares
 * the captured KTAP with the exact text it must be.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include "ktest_capture.h"

#define FILE_NAME	SELFTEST_FILE("test_ktest.c")

/* ---------------------------------------------------------- pass */

static void passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
	KUNIT_ASSERT_STREQ(test, "x", "x");
	KUNIT_SUCCEED(test);
}

static struct kunit_case pass_cases[] = { KUNIT_CASE(passes), {} };
static struct kunit_suite pass_suite = {
	.name = "st_pass", .test_cases = pass_cases,
};

static void passing_case_is_ok(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, RUN(test, pass_suite), 0);
	expect_output(test, HEAD("st_pass", 1)
		      "    ok 1 passes\n"
		      STATS("st_pass", 1, 0, 0, 1)
		      "ok 1 st_pass\n"
		      SUMMARY(1, 0, 0));
}

/* ---------------------------------------------------------- expect */

static int expect_line;
static bool ran_past_expect;

static void expect_fails(struct kunit *test)
{
	int a = 1, b = 2;

	expect_line = __LINE__ + 1;
	KUNIT_EXPECT_EQ(test, a, b);
	ran_past_expect = true;
}

static struct kunit_case expect_cases[] = { KUNIT_CASE(expect_fails), {} };
static struct kunit_suite expect_suite = {
	.name = "st_expect", .test_cases = expect_cases,
};

static void failing_expect_reports_and_goes_on(struct kunit *test)
{
	ran_past_expect = false;
	KUNIT_EXPECT_EQ(test, RUN(test, expect_suite), 1);
	KUNIT_EXPECT_TRUE(test, ran_past_expect);
	expect_output(test, HEAD("st_expect", 1)
		      "    # expect_fails: EXPECTATION FAILED at " FILE_NAME ":%d\n"
		      "    # Expected a == b, but\n"
		      "    #     a == 1 (0x1)\n"
		      "    #     b == 2 (0x2)\n"
		      "    not ok 1 expect_fails\n"
		      STATS("st_expect", 0, 1, 0, 1)
		      "not ok 1 st_expect\n"
		      SUMMARY(0, 1, 0), expect_line);
}

/* ---------------------------------------------------------- assert */

static int assert_line, deep_assert_line;
static unsigned int assert_exits;
static bool ran_past_assert, ran_past_deep_assert, ran_past_good_assert;

static void assert_aborts(struct kunit *test)
{
	assert_line = __LINE__ + 1;
	KUNIT_ASSERT_EQ(test, 2 + 2, 5);
	ran_past_assert = true;
}

/* Not a tail call: the abort must unwind real frames. */
static __noinline int assert_deep_down(struct kunit *test, int depth)
{
	if (depth > 0)
		return assert_deep_down(test, depth - 1) + 1;
	deep_assert_line = __LINE__ + 1;
	KUNIT_ASSERT_TRUE(test, depth > 0);
	return 0;
}

static void assert_aborts_from_deep(struct kunit *test)
{
	assert_deep_down(test, 3);
	ran_past_deep_assert = true;
}

static void assert_holds(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, test);
	ran_past_good_assert = true;
}

static void assert_exit(struct kunit *test)
{
	assert_exits++;
}

static struct kunit_case assert_cases[] = {
	KUNIT_CASE(assert_aborts),
	KUNIT_CASE(assert_aborts_from_deep),
	KUNIT_CASE(assert_holds),
	{}
};
static struct kunit_suite assert_suite = {
	.name = "st_assert", .exit = assert_exit, .test_cases = assert_cases,
};

/*
 * Values live in callee-saved registers across the run: an abort that
 * failed to restore them would show up here.
 */
static void failing_assert_ends_the_case_but_not_exit(struct kunit *test)
{
	volatile unsigned long seed = 0x9e3779b97f4a7c15UL;
	unsigned long a = seed * 3, b = seed ^ 0x55, c = seed + 7;
	unsigned long d = seed * seed, e = ~seed, f = seed >> 3;
	int ret;

	ran_past_assert = ran_past_deep_assert = ran_past_good_assert = false;
	assert_exits = 0;
	ret = RUN(test, assert_suite);
	KUNIT_EXPECT_EQ(test, a + b + c + d + e + f,
			seed * 3 + (seed ^ 0x55) + (seed + 7) + seed * seed +
			~seed + (seed >> 3));
	KUNIT_EXPECT_EQ(test, ret, 2);
	KUNIT_EXPECT_FALSE(test, ran_past_assert);
	KUNIT_EXPECT_FALSE(test, ran_past_deep_assert);
	KUNIT_EXPECT_TRUE(test, ran_past_good_assert);
	KUNIT_EXPECT_EQ(test, assert_exits, 3U);
	expect_output(test, HEAD("st_assert", 3)
		"    # assert_aborts: ASSERTION FAILED at " FILE_NAME ":%d\n"
		"    # Expected 2 + 2 == 5, but\n"
		"    #     2 + 2 == 4 (0x4)\n"
		"    not ok 1 assert_aborts\n"
		"    # assert_aborts_from_deep: ASSERTION FAILED at " FILE_NAME ":%d\n"
		"    # Expected depth > 0 to be true, but is false\n"
		"    not ok 2 assert_aborts_from_deep\n"
		"    ok 3 assert_holds\n"
		STATS("st_assert", 1, 2, 0, 3)
		"not ok 1 st_assert\n"
		SUMMARY(1, 2, 0), assert_line, deep_assert_line);
}

/* ---------------------------------------------------------- skip */

static bool ran_past_skip, ran_past_mark;

static void skips(struct kunit *test)
{
	kunit_skip(test, "no %s here", "widget");
	ran_past_skip = true;
}

static void marks_skipped(struct kunit *test)
{
	kunit_mark_skipped(test, "line one\nline two");
	ran_past_mark = true;
}

static struct kunit_case skip_cases[] = {
	KUNIT_CASE(skips),
	KUNIT_CASE(marks_skipped),
	{}
};
static struct kunit_suite skip_suite = {
	.name = "st_skip", .test_cases = skip_cases,
};

static void skip_gives_the_reason_and_ends_the_case(struct kunit *test)
{
	ran_past_skip = ran_past_mark = false;
	KUNIT_EXPECT_EQ(test, RUN(test, skip_suite), 0);
	KUNIT_EXPECT_FALSE(test, ran_past_skip);
	KUNIT_EXPECT_TRUE(test, ran_past_mark);
	expect_output(test, HEAD("st_skip", 2)
		"    ok 1 skips # SKIP no widget here\n"
		"    ok 2 marks_skipped # SKIP line one line two\n"
		STATS("st_skip", 0, 0, 2, 2)
		"ok 1 st_skip # SKIP\n"
		SUMMARY(0, 0, 2));
}

static int late_skip_line;

static void fails_then_skips(struct kunit *test)
{
	late_skip_line = __LINE__ + 1;
	KUNIT_FAIL(test, "broken");
	kunit_skip(test, "too late");
}

static struct kunit_case late_skip_cases[] = {
	KUNIT_CASE(fails_then_skips),
	KUNIT_CASE(passes),
	{}
};
static struct kunit_suite late_skip_suite = {
	.name = "st_late_skip", .test_cases = late_skip_cases,
};

static void skip_does_not_hide_a_failure(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, RUN(test, late_skip_suite), 1);
	expect_output(test, HEAD("st_late_skip", 2)
		"    # fails_then_skips: EXPECTATION FAILED at " FILE_NAME ":%d\n"
		"    # broken\n"
		"    not ok 1 fails_then_skips\n"
		"    ok 2 passes\n"
		STATS("st_late_skip", 1, 1, 0, 2)
		"not ok 1 st_late_skip\n"
		SUMMARY(1, 1, 0), late_skip_line);
}

/* ---------------------------------------------------------- long */

static void long_report(struct kunit *test)
{
	unsigned char zeros[128] = { 0 }, one[128] = { 1 };

	KUNIT_EXPECT_MEMEQ_MSG(test, zeros, one, sizeof(zeros), "%400s", "x");
}

static struct kunit_case long_cases[] = { KUNIT_CASE(long_report), {} };
static struct kunit_suite long_suite = {
	.name = "st_long", .test_cases = long_cases,
};

/* Cut at the buffer, and said so, rather than overrun or torn KTAP. */
static void overlong_report_is_cut_cleanly(struct kunit *test)
{
	const char *start, *end;

	KUNIT_EXPECT_EQ(test, RUN(test, long_suite), 1);
	start = strstr(captured(), "    # long_report: EXPECTATION FAILED");
	end = strstr(captured(), "\n    # [truncated]\n    not ok 1 long_report\n");
	KUNIT_ASSERT_NOT_NULL(test, start);
	KUNIT_ASSERT_NOT_NULL(test, end);
	KUNIT_EXPECT_LE(test, end + strlen("\n    # [truncated]\n") - start,
			KTEST_DIAG_MAX);
	KUNIT_EXPECT_GT(test, end - start, KTEST_DIAG_MAX / 2);
}

/* ---------------------------------------------------------- operands */

static void operands_are_evaluated_once(struct kunit *test)
{
	const char *s = "ab", *ps = s;
	unsigned char buf[2] = { 1, 2 }, *pb = buf;
	struct kunit *t = test;
	int i = 0, uses = 0;

	KUNIT_EXPECT_EQ(test, i++, 0);
	KUNIT_EXPECT_EQ(test, i, 1);
	KUNIT_EXPECT_TRUE(test, i++ == 1);
	KUNIT_EXPECT_EQ(test, i, 2);
	KUNIT_EXPECT_STREQ(test, ps++, "ab");
	KUNIT_EXPECT_PTR_EQ(test, ps, s + 1);
	KUNIT_EXPECT_MEMEQ(test, pb++, buf, 2);
	KUNIT_EXPECT_PTR_EQ(test, pb, buf + 1);
	KUNIT_EXPECT_EQ((uses++, t), 7, 7);
	KUNIT_EXPECT_EQ(test, uses, 1);
}

/* Operand types that a naive typeof() copy or a plain == would reject. */
static void bitfields_and_mixed_signedness_work(struct kunit *test)
{
	struct { unsigned int small : 3; int neg : 4; } bits = { 5, -2 };
	enum { RED, GREEN } colour = GREEN;
	size_t n = 3;
	bool yes = true;

	KUNIT_EXPECT_EQ(test, bits.small, 5);
	KUNIT_EXPECT_EQ(test, bits.neg, -2);
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_GT(test, n, 2);
	KUNIT_EXPECT_LT(test, -1, 0);
	KUNIT_EXPECT_EQ(test, colour, GREEN);
	KUNIT_EXPECT_EQ(test, yes, true);
	KUNIT_EXPECT_NE(test, 'a', 'b');
	KUNIT_EXPECT_LE(test, 2ULL, 2);
	KUNIT_EXPECT_GE(test, (signed char)-1, -1);
}

static void file_names_are_relative_to_the_tree(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, ktest_relative_path(__FILE__), FILE_NAME);
	KUNIT_EXPECT_STREQ(test, ktest_relative_path("elsewhere/x.c"),
			   "elsewhere/x.c");
}

static struct kunit_case ktest_report_cases[] = {
	KUNIT_CASE(passing_case_is_ok),
	KUNIT_CASE(failing_expect_reports_and_goes_on),
	KUNIT_CASE(failing_assert_ends_the_case_but_not_exit),
	KUNIT_CASE(skip_gives_the_reason_and_ends_the_case),
	KUNIT_CASE(skip_does_not_hide_a_failure),
	KUNIT_CASE(overlong_report_is_cut_cleanly),
	KUNIT_CASE(operands_are_evaluated_once),
	KUNIT_CASE(bitfields_and_mixed_signedness_work),
	KUNIT_CASE(file_names_are_relative_to_the_tree),
	{}
};

static struct kunit_suite ktest_report_suite = {
	.name = "ktest_report",
	.test_cases = ktest_report_cases,
};
kunit_test_suite(ktest_report_suite);
