/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_PLATFORM_H
#define PVPATCH_PLATFORM_H

#include <stddef.h>
#include <pvpatch/compiler.h>

enum exit_status {
	EXIT_PASS = 0,
	EXIT_FAIL = 1,
};

/* Power off (guest) or exit (hosted) with a status the host can read. */
__noreturn void platform_exit(enum exit_status status);

/* An internal error: message, backtrace, exit with failure. */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

/* Bad input or configuration: a one-line error, exit with failure. */
__noreturn __printf(1, 2) void platform_fatal(const char *fmt, ...);

/*
 * Memory for patch bookkeeping (poke vectors): the page allocator in the
 * guest, malloc hosted. Never fails silently: NULL means "say so".
 */
void *platform_alloc(size_t bytes);
void platform_free(void *p, size_t bytes);

#endif
