// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdint.h>
#include <pvpatch/arch.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#ifdef CONFIG_ARCH_HAS_PATCHING
#include <pvpatch/unwind.h>
#endif

/* One printk, so the line stays whole when other CPUs print too. */
static void print_prefixed(const char *prefix, const char *fmt, va_list args)
{
	char msg[256];

	vsnprintf(msg, sizeof(msg), fmt, args);
	printk("%s: %s\n", prefix, msg);
}

__noreturn void panic(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	print_prefixed("PANIC", fmt, args);
	va_end(args);
	/* Start at our caller: its return address and its frame. */
	const uint64_t *frame = __builtin_frame_address(0);

#ifdef CONFIG_ARCH_HAS_PATCHING
	if (!unwind_dump_caller())	/* no ORC tables: frame pointers */
#endif
		dump_backtrace((uintptr_t)__builtin_return_address(0), frame[0]);
	platform_exit(EXIT_FAIL);
}

__noreturn void platform_fatal(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	print_prefixed("error", fmt, args);
	va_end(args);
	platform_exit(EXIT_FAIL);
}
