// SPDX-License-Identifier: GPL-2.0
/*
 * ktest runner: walks the registered suites, applies the filter and
 * prints KTAP version 1 in the shape Linux's kunit.py expects:
 *
 *	KTAP version 1
 *	1..<selected suites>
 *	    KTAP version 1
 *	    # Subtest: <suite>
 *	    1..<selected cases>
 *	    ok 1 <case>
 *	# <suite>: pass:P fail:F skip:S total:T
 *	# Totals: pass:P fail:F skip:S total:T
 *	ok 1 <suite>
 *	# ktest: P passed, F failed, S skipped
 *
 * Portable: built into the guest and into the hosted test binary.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/glob.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include <pvpatch/printk.h>

/*
 * Weak so that an image without a single suite still links (GNU ld only
 * defines __start_/__stop_ for a section that exists).
 */
extern struct kunit_suite *const __start_ktest_suites[] __weak;
extern struct kunit_suite *const __stop_ktest_suites[] __weak;

#ifdef CONFIG_KTEST_FILTER
#define KTEST_DEFAULT_FILTER CONFIG_KTEST_FILTER
#else
#define KTEST_DEFAULT_FILTER "*"
#endif

static char ktest_filter[KTEST_FILTER_MAX] = KTEST_DEFAULT_FILTER;

/* The value lives in the parser's buffer only during the call: copy it. */
static const char *ktest_set_filter(const char *value)
{
	if (strlen(value) >= sizeof(ktest_filter))
		return "filter too long";
	memcpy(ktest_filter, value, strlen(value) + 1);
	return NULL;
}
BOOT_PARAM(ktest_filter, "ktest.filter", ktest_set_filter,
	   "glob of the suites to run, or SUITEGLOB.CASEGLOB");

struct ktest_counts {
	unsigned int passed;
	unsigned int failed;
	unsigned int skipped;
};

/* "suite*" selects whole suites; "suite*.case*" selects cases in them. */
static void ktest_parse_filter(struct ktest_run *run, const char *filter)
{
	const char *dot = strchr(filter, '.');
	size_t len = dot ? (size_t)(dot - filter) : strlen(filter);

	if (len >= sizeof(run->suite_glob))
		len = sizeof(run->suite_glob) - 1;
	memcpy(run->suite_glob, filter, len);
	run->suite_glob[len] = '\0';
	run->case_glob = dot ? dot + 1 : "*";
}

static bool ktest_case_selected(const struct ktest_run *run,
				const struct kunit_case *kcase)
{
	return glob_match(run->case_glob, kcase->name);
}

static unsigned int ktest_count_cases(const struct ktest_run *run,
				      const struct kunit_suite *suite)
{
	unsigned int count = 0;

	if (!glob_match(run->suite_glob, suite->name))
		return 0;
	for (const struct kunit_case *c = suite->test_cases; c->run_case; c++)
		count += ktest_case_selected(run, c);
	return count;
}

static void ktest_print_case(struct ktest_run *run, unsigned int number,
			     const struct kunit *test)
{
	if (test->status == KUNIT_SKIPPED)
		ktest_emitf(run, KTEST_INDENT "ok %u %s # SKIP%s%s\n", number,
			    test->name, test->ktest_reason[0] ? " " : "",
			    test->ktest_reason);
	else
		ktest_emitf(run, KTEST_INDENT "%s %u %s\n",
			    test->status == KUNIT_FAILURE ? "not ok" : "ok",
			    number, test->name);
}

static void ktest_count(struct ktest_counts *counts, enum kunit_status status)
{
	if (status == KUNIT_FAILURE)
		counts->failed++;
	else if (status == KUNIT_SKIPPED)
		counts->skipped++;
	else
		counts->passed++;
}

/*
 * A suite whose suite_init failed runs none of its cases, but each is
 * still reported (not ok, with the reason) so the plan adds up and the
 * failure shows next to every case it hid.
 */
static void ktest_run_cases(struct ktest_run *run, struct kunit_suite *suite,
			    int init_err, struct ktest_counts *counts)
{
	unsigned int number = 0;
	struct kunit test;

	for (struct kunit_case *c = suite->test_cases; c->run_case; c++) {
		if (!ktest_case_selected(run, c))
			continue;
		if (init_err) {
			ktest_init_test(&test, run, c->name, -1);
			kunit_err(&test, "not run: suite_init failed: %d",
				  init_err);
			test.status = KUNIT_FAILURE;
		} else {
			ktest_run_case(run, suite, c, &test);
		}
		ktest_print_case(run, ++number, &test);
		ktest_count(counts, test.status);
	}
}

static void ktest_print_stats(struct ktest_run *run, const char *name,
			      const struct ktest_counts *c)
{
	ktest_emitf(run, "# %s: pass:%u fail:%u skip:%u total:%u\n", name,
		    c->passed, c->failed, c->skipped,
		    c->passed + c->failed + c->skipped);
}

static void ktest_run_suite(struct ktest_run *run, struct kunit_suite *suite,
			    unsigned int number, unsigned int ncases)
{
	struct ktest_counts counts = { 0 };
	int init_err = 0;

	ktest_emitf(run, KTEST_INDENT "KTAP version 1\n"
		    KTEST_INDENT "# Subtest: %s\n"
		    KTEST_INDENT "1..%u\n", suite->name, ncases);
	if (suite->suite_init)
		init_err = suite->suite_init(suite);
	ktest_run_cases(run, suite, init_err, &counts);
	if (!init_err && suite->suite_exit)
		suite->suite_exit(suite);

	/* Both lines, as KUnit prints them; we have no parameterized cases. */
	ktest_print_stats(run, suite->name, &counts);
	ktest_print_stats(run, "Totals", &counts);
	if (counts.failed)
		ktest_emitf(run, "not ok %u %s\n", number, suite->name);
	else if (counts.skipped == ncases)
		ktest_emitf(run, "ok %u %s # SKIP\n", number, suite->name);
	else
		ktest_emitf(run, "ok %u %s\n", number, suite->name);

	run->passed += counts.passed;
	run->failed += counts.failed;
	run->skipped += counts.skipped;
}

int ktest_run_suites(struct kunit_suite *const *suites, size_t nsuites,
		     const char *filter, const struct ktest_sink *sink)
{
	struct ktest_run run = { .sink = sink };
	unsigned int selected = 0, number = 0;

	ktest_parse_filter(&run, filter);
	for (size_t i = 0; i < nsuites; i++)
		selected += ktest_count_cases(&run, suites[i]) != 0;

	ktest_emitf(&run, "KTAP version 1\n1..%u\n", selected);
	for (size_t i = 0; i < nsuites; i++) {
		unsigned int ncases = ktest_count_cases(&run, suites[i]);

		if (ncases)
			ktest_run_suite(&run, suites[i], ++number, ncases);
	}
	if (!selected)
		ktest_emitf(&run, "# ktest: filter '%s' matched no suite\n",
			    filter);
	ktest_emitf(&run, "# ktest: %u passed, %u failed, %u skipped\n",
		    run.passed, run.failed, run.skipped);
	/* Nothing run is a failure: a typo in the filter must not pass. */
	return selected ? (int)run.failed : 1;
}

int ktest_run_all(void)
{
	return ktest_run_suites(__start_ktest_suites,
				__stop_ktest_suites - __start_ktest_suites,
				ktest_filter, NULL);
}
