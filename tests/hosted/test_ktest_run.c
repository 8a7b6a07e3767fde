// SPDX-License-Identifier: GPL-2.0
/*
 * ktest's self-tests, part 3: how suites run. Init and exit order, init
 * failures, and which suites and cases a filter selects, checked on the
 * captured KTAP of private suites.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include "ktest_capture.h"

/* ---------------------------------------------------------- suite_init */

static bool suite_init_victim_ran, suite_exit_ran;

static int suite_init_fails(struct kunit_suite *suite)
{
	return -5;
}

static void suite_exit_records(struct kunit_suite *suite)
{
	suite_exit_ran = true;
}

static void never_runs_a(struct kunit *test)
{
	suite_init_victim_ran = true;
}

static void never_runs_b(struct kunit *test)
{
	suite_init_victim_ran = true;
}

static struct kunit_case suite_init_cases[] = {
	KUNIT_CASE(never_runs_a),
	KUNIT_CASE(never_runs_b),
	{}
};
static struct kunit_suite suite_init_suite = {
	.name = "st_suite_init",
	.suite_init = suite_init_fails,
	.suite_exit = suite_exit_records,
	.test_cases = suite_init_cases,
};

static void suite_init_failure_fails_every_case(struct kunit *test)
{
	static struct kunit_suite *const suites[] = { &suite_init_suite };

	suite_init_victim_ran = suite_exit_ran = false;
	KUNIT_EXPECT_EQ(test, capture_run(test, suites, 1, "*"), 2);
	KUNIT_EXPECT_FALSE(test, suite_init_victim_ran);
	KUNIT_EXPECT_FALSE(test, suite_exit_ran);
	expect_output(test,
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: st_suite_init\n"
		"    1..2\n"
		"    # never_runs_a: not run: suite_init failed: -5\n"
		"    not ok 1 never_runs_a\n"
		"    # never_runs_b: not run: suite_init failed: -5\n"
		"    not ok 2 never_runs_b\n"
		"# st_suite_init: pass:0 fail:2 skip:0 total:2\n"
		"# Totals: pass:0 fail:2 skip:0 total:2\n"
		"not ok 1 st_suite_init\n"
		"# ktest: 0 passed, 2 failed, 0 skipped\n");
}

/* ---------------------------------------------------------- case init */

static unsigned int init_fail_exits;
static bool init_victim_ran;

static int init_fails(struct kunit *test)
{
	return -12;
}

static void exit_counts(struct kunit *test)
{
	init_fail_exits++;
}

static void never_runs(struct kunit *test)
{
	init_victim_ran = true;
}

static struct kunit_case init_cases[] = { KUNIT_CASE(never_runs), {} };
static struct kunit_suite init_suite = {
	.name = "st_init",
	.init = init_fails,
	.exit = exit_counts,
	.test_cases = init_cases,
};

/* As in KUnit: the case fails and does not run, its exit still does. */
static void init_failure_fails_the_case(struct kunit *test)
{
	static struct kunit_suite *const suites[] = { &init_suite };

	init_fail_exits = 0;
	init_victim_ran = false;
	KUNIT_EXPECT_EQ(test, capture_run(test, suites, 1, "*"), 1);
	KUNIT_EXPECT_FALSE(test, init_victim_ran);
	KUNIT_EXPECT_EQ(test, init_fail_exits, 1U);
	expect_output(test,
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: st_init\n"
		"    1..1\n"
		"    # never_runs: failed to initialize: -12\n"
		"    not ok 1 never_runs\n"
		"# st_init: pass:0 fail:1 skip:0 total:1\n"
		"# Totals: pass:0 fail:1 skip:0 total:1\n"
		"not ok 1 st_init\n"
		"# ktest: 0 passed, 1 failed, 0 skipped\n");
}

/* ---------------------------------------------------------- order */

static char events[512];
static int order_marker;

static __printf(1, 2) void event(const char *fmt, ...)
{
	size_t len = strlen(events);
	va_list args;

	va_start(args, fmt);
	vsnprintf(events + len, sizeof(events) - len, fmt, args);
	va_end(args);
	len = strlen(events);
	snprintf(events + len, sizeof(events) - len, " ");
}

static int order_suite_init(struct kunit_suite *suite)
{
	event("suite_init(%s)", suite->name);
	return 0;
}

static void order_suite_exit(struct kunit_suite *suite)
{
	event("suite_exit(%s)", suite->name);
}

static int order_init(struct kunit *test)
{
	event("init(%s)", test->name);
	test->priv = &order_marker;
	return 0;
}

static void order_exit(struct kunit *test)
{
	event("exit(%s%s)", test->name,
	      test->priv == &order_marker ? "" : ", priv lost");
}

static void first(struct kunit *test)
{
	event("first%s", test->priv == &order_marker ? "" : "(no priv)");
}

static void second(struct kunit *test)
{
	event("second");
	KUNIT_ASSERT_TRUE(test, false);
	event("second-after-assert");
}

static void third(struct kunit *test)
{
	event("third");
	kunit_skip(test, "skipped");
	event("third-after-skip");
}

static struct kunit_case order_cases[] = {
	KUNIT_CASE(first),
	KUNIT_CASE(second),
	KUNIT_CASE(third),
	{}
};
static struct kunit_suite order_suite = {
	.name = "st_order",
	.suite_init = order_suite_init,
	.suite_exit = order_suite_exit,
	.init = order_init,
	.exit = order_exit,
	.test_cases = order_cases,
};

static void init_and_exit_wrap_every_case(struct kunit *test)
{
	static struct kunit_suite *const suites[] = { &order_suite };

	events[0] = '\0';
	KUNIT_EXPECT_EQ(test, capture_run(test, suites, 1, "*"), 1);
	KUNIT_EXPECT_STREQ(test, events,
			   "suite_init(st_order) "
			   "init(first) first exit(first) "
			   "init(second) second exit(second) "
			   "init(third) third exit(third) "
			   "suite_exit(st_order) ");
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(), "\n    ok 1 first\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(), "\n    not ok 2 second\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(),
					   "\n    ok 3 third # SKIP skipped\n"));
}

/* ---------------------------------------------------------- filters */

static void a1(struct kunit *test) { }
static void a2(struct kunit *test) { }
static void b1(struct kunit *test) { }
static void c1(struct kunit *test) { }
static void c_match(struct kunit *test) { }

static struct kunit_case alpha_one_cases[] = {
	KUNIT_CASE(a1), KUNIT_CASE(a2), {}
};
static struct kunit_case alpha_two_cases[] = { KUNIT_CASE(b1), {} };
static struct kunit_case beta_cases[] = {
	KUNIT_CASE(c1), KUNIT_CASE(c_match), {}
};
static struct kunit_suite alpha_one = {
	.name = "alpha_one", .test_cases = alpha_one_cases,
};
static struct kunit_suite alpha_two = {
	.name = "alpha_two", .test_cases = alpha_two_cases,
};
static struct kunit_suite beta = {
	.name = "beta", .test_cases = beta_cases,
};
static struct kunit_suite *const filter_suites[] = {
	&alpha_one, &alpha_two, &beta,
};

static int run_filtered(struct kunit *test, const char *filter)
{
	return capture_run(test, filter_suites, ARRAY_SIZE(filter_suites),
			   filter);
}

static void filter_by_suite_glob(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_filtered(test, "alpha*"), 0);
	expect_output(test,
		"KTAP version 1\n"
		"1..2\n"
		"    KTAP version 1\n"
		"    # Subtest: alpha_one\n"
		"    1..2\n"
		"    ok 1 a1\n"
		"    ok 2 a2\n"
		"# alpha_one: pass:2 fail:0 skip:0 total:2\n"
		"# Totals: pass:2 fail:0 skip:0 total:2\n"
		"ok 1 alpha_one\n"
		"    KTAP version 1\n"
		"    # Subtest: alpha_two\n"
		"    1..1\n"
		"    ok 1 b1\n"
		"# alpha_two: pass:1 fail:0 skip:0 total:1\n"
		"# Totals: pass:1 fail:0 skip:0 total:1\n"
		"ok 2 alpha_two\n"
		"# ktest: 3 passed, 0 failed, 0 skipped\n");

	KUNIT_EXPECT_EQ(test, run_filtered(test, "*"), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(), "KTAP version 1\n1..3\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(), "\nok 3 beta\n"));
}

static void filter_by_suite_and_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_filtered(test, "beta.c_m*"), 0);
	expect_output(test,
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: beta\n"
		"    1..1\n"
		"    ok 1 c_match\n"
		"# beta: pass:1 fail:0 skip:0 total:1\n"
		"# Totals: pass:1 fail:0 skip:0 total:1\n"
		"ok 1 beta\n"
		"# ktest: 1 passed, 0 failed, 0 skipped\n");

	/* a suite none of whose cases match is not in the plan */
	KUNIT_EXPECT_EQ(test, run_filtered(test, "*.a2"), 0);
	expect_output(test,
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: alpha_one\n"
		"    1..1\n"
		"    ok 1 a2\n"
		"# alpha_one: pass:1 fail:0 skip:0 total:1\n"
		"# Totals: pass:1 fail:0 skip:0 total:1\n"
		"ok 1 alpha_one\n"
		"# ktest: 1 passed, 0 failed, 0 skipped\n");
}

static void filter_matching_nothing_fails(struct kunit *test)
{
	KUNIT_EXPECT_NE(test, run_filtered(test, "gamma"), 0);
	expect_output(test,
		"KTAP version 1\n"
		"1..0\n"
		"# ktest: filter 'gamma' matched no suite\n"
		"# ktest: 0 passed, 0 failed, 0 skipped\n");

	KUNIT_EXPECT_NE(test, run_filtered(test, "beta.zzz"), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(captured(),
			      "# ktest: filter 'beta.zzz' matched no suite\n"));
}

static struct kunit_case ktest_run_cases[] = {
	KUNIT_CASE(suite_init_failure_fails_every_case),
	KUNIT_CASE(init_failure_fails_the_case),
	KUNIT_CASE(init_and_exit_wrap_every_case),
	KUNIT_CASE(filter_by_suite_glob),
	KUNIT_CASE(filter_by_suite_and_case),
	KUNIT_CASE(filter_matching_nothing_fails),
	{}
};

static struct kunit_suite ktest_run_suite = {
	.name = "ktest_run",
	.test_cases = ktest_run_cases,
};
kunit_test_suite(ktest_run_suite);
