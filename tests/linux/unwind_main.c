// SPDX-License-Identifier: GPL-2.0
/*
 * pvpatch_linux_unwind: KUnit suites that unwind through Linux 6.1's own
 * paravirt sites with its ORC unwinder. KUnit runs the suites when the
 * module loads (tools/linux/pvinit loads it in a pvrun guest).
 */
#include <kunit/test.h>
#include <linux/module.h>
#include "tests.h"

kunit_test_suites(&pvpatch_irq_unwind_suite, &pvpatch_timer_unwind_suite,
		  &pvpatch_static_call_unwind_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pvpatch: unwind through Linux's paravirt sites");
