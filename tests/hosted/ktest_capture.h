/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TESTS_HOSTED_KTEST_CAPTURE_H
#define TESTS_HOSTED_KTEST_CAPTURE_H

/*
 * For ktest's self-tests: run private suites through ktest_run_suites()
 * with the KTAP captured in a buffer, and compare it with what it must
 * be, character for character.
 */
#include <stddef.h>
#include <pvpatch/ktest.h>

/* The file name ktest must print for checks in these tests. */
#define SELFTEST_FILE(name)	"tests/hosted/" name

/* The fixed parts of a one-suite run's KTAP. */
#define HEAD(suite, ncases)						\
	"KTAP version 1\n1..1\n"					\
	"    KTAP version 1\n    # Subtest: " suite "\n"		\
	"    1.." #ncases "\n"
#define STATS(suite, p, f, s, t)					\
	"# " suite ": pass:" #p " fail:" #f " skip:" #s " total:" #t "\n" \
	"# Totals: pass:" #p " fail:" #f " skip:" #s " total:" #t "\n"
#define SUMMARY(p, f, s)						\
	"# ktest: " #p " passed, " #f " failed, " #s " skipped\n"

/* Run one private suite, unfiltered. */
#define RUN(test, suite)						\
	capture_run(test, (struct kunit_suite *const[]){ &suite }, 1, "*")

/* Returns what ktest_run_suites() returned. */
int capture_run(struct kunit *test, struct kunit_suite *const *suites,
		size_t nsuites, const char *filter);

/* The text of the last capture_run(). */
const char *captured(void);

/* Compare the capture with a printf-built expectation, line by line. */
__printf(2, 3) void expect_output(struct kunit *test, const char *fmt, ...);

#endif
