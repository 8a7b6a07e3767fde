// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdint.h>
#include <pvpatch/arch.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>

__noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk("PANIC: %s\n", msg);
	/* Start at our caller: its return address and its frame. */
	const uint64_t *frame = __builtin_frame_address(0);

	dump_backtrace((uintptr_t)__builtin_return_address(0), frame[0]);
	platform_exit(EXIT_FAIL);
}

__noreturn void platform_fatal(const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk("error: %s\n", msg);
	platform_exit(EXIT_FAIL);
}
