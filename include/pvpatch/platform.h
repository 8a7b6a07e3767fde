/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_PLATFORM_H
#define PVPATCH_PLATFORM_H

#include <pvpatch/compiler.h>

enum exit_status {
	EXIT_PASS = 0,
	EXIT_FAIL = 1,
};

/* Power off (guest) or exit (hosted) with a status the host can read. */
__noreturn void platform_exit(enum exit_status status);

/* Print a one-line error and exit with failure. */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

#endif
