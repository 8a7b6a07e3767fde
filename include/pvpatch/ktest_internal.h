/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_KTEST_INTERNAL_H
#define PVPATCH_KTEST_INTERNAL_H

/*
 * Between the files of the ktest runner (guest/ktest*.c), and the entry
 * point its own self-tests use. Test suites include <pvpatch/ktest.h>.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <pvpatch/compiler.h>
#include <pvpatch/ktest.h>

/*
 * Where KTAP text goes. NULL means the console. A sink is called with
 * whole lines (a multi-line diagnostic in one call) and never from two
 * CPUs at once.
 */
struct ktest_sink {
	void (*write)(void *ctx, const char *text, size_t len);
	void *ctx;
};

/*
 * Run the suites in the array that filter selects ("suiteglob" or
 * "suiteglob.caseglob") and print KTAP to sink. Returns the number of
 * failed cases, or 1 if the filter selected nothing.
 */
int ktest_run_suites(struct kunit_suite *const *suites, size_t nsuites,
		     const char *filter, const struct ktest_sink *sink);

#define KTEST_FILTER_MAX	128
/* Case lines and their diagnostics sit one level in: the suite's. */
#define KTEST_INDENT		"    "

/* One call of ktest_run_suites. */
struct ktest_run {
	const struct ktest_sink *sink;
	char suite_glob[KTEST_FILTER_MAX];
	const char *case_glob;
	unsigned int passed;
	unsigned int failed;
	unsigned int skipped;
};

void ktest_emit(struct ktest_run *run, const char *text, size_t len);
__printf(2, 3) void ktest_emitf(struct ktest_run *run, const char *fmt, ...);

/* Run one case (init, body, exit) into test, which holds the result. */
void ktest_run_case(struct ktest_run *run, struct kunit_suite *suite,
		    struct kunit_case *kcase, struct kunit *test);
void ktest_init_test(struct kunit *test, struct ktest_run *run,
		     const char *name, int cpu);

/*
 * A diagnostic of one case, built whole and then written with one call
 * so that CPUs never interleave lines. Text added to it may hold several
 * lines; each gets the case-level "# " prefix.
 */
#define KTEST_DIAG_MAX		1024

struct ktest_diag {
	struct kunit *test;
	size_t len;
	bool mid_line;
	bool truncated;
	char buf[KTEST_DIAG_MAX];
};

/* Starts with "case: " (or "case: cpu N: ") on the first line. */
void ktest_diag_begin(struct ktest_diag *d, struct kunit *test);
void ktest_diag_text(struct ktest_diag *d, const char *text);
__printf(2, 3) void ktest_diag_printf(struct ktest_diag *d,
				      const char *fmt, ...);
void ktest_diag_vprintf(struct ktest_diag *d, const char *fmt, va_list args);
void ktest_diag_end(struct ktest_diag *d);

/* __FILE__ relative to the source tree, for diagnostics. */
const char *ktest_relative_path(const char *file);

#endif
