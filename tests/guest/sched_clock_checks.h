/* SPDX-License-Identifier: GPL-2.0 */
/* Checks of a paravirtual pv_sched_clock, shared by the KVM and Xen suites. */
#ifndef TESTS_GUEST_SCHED_CLOCK_CHECKS_H
#define TESTS_GUEST_SCHED_CLOCK_CHECKS_H

#include <pvpatch/ktest.h>

/* 20,000 readings on this CPU never go backwards. */
void expect_sched_clock_monotonic(struct kunit *test);
/* Over 100 ms of TSC, it advances as many ns as the TSC says, within the
 * calibration error an emulated PIT leaves (25%). */
void expect_sched_clock_at_tsc_rate(struct kunit *test, const char *name);

#endif
