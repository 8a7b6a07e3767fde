/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Evidence that a stress test really raced: CPU 0 patches code while the
 * other CPUs run it, and totals cannot tell whether they did, since CPU 0
 * alone can meet any total it checks. CPU 0 reads every CPU's own call
 * count right after its first update and again after its last; each
 * other CPU must have made a floor of calls in between, that is, while
 * updates were going on, not while the workers started up or wound down.
 */
#ifndef TESTS_CALL_WINDOW_H
#define TESTS_CALL_WINDOW_H

#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/ktest.h>

/* How many calls `cpu` has made so far (its own counter, read racily:
 * only its owner writes it, and an aligned 64-bit load is atomic). */
typedef uint64_t (*call_count_fn)(unsigned int cpu);

struct call_window {
	unsigned int cpus;
	unsigned long updates;			/* after the first, up to the last */
	uint64_t exempt;			/* bit per CPU with other work */
	uint64_t opened[KTEST_MAX_CPUS];
	uint64_t closed[KTEST_MAX_CPUS];
};

/* On CPU 0, right after its first update. */
void call_window_open(struct call_window *w, call_count_fn count);
/* On CPU 0, right after its last; `updates` made since the open. */
void call_window_close(struct call_window *w, call_count_fn count,
		       unsigned long updates);
/* Print each CPU's calls inside the window; if `required`, expect each
 * other CPU's to reach the floor. `calls` and `updates` name both in the
 * report. */
void expect_calls_in_window(struct kunit *test, const struct call_window *w,
			    const char *calls, const char *updates, bool required);

#endif
