/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_LINUX_TESTS_H
#define PVPATCH_LINUX_TESTS_H

#include <kunit/test.h>

extern struct kunit_suite pvpatch_irq_unwind_suite;
extern struct kunit_suite pvpatch_timer_unwind_suite;
extern struct kunit_suite pvpatch_static_call_unwind_suite;

#endif
