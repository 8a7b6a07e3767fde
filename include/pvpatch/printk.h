/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_PRINTK_H
#define PVPATCH_PRINTK_H

#include <stdarg.h>
#include <stddef.h>
#include <pvpatch/compiler.h>

/*
 * printk: one log line per call (or per '\n'), prefixed with "[cpuN] "
 * once SMP bring-up has started. Safe from interrupt and exception
 * context; a CPU that faults while holding the console lock steals it
 * rather than deadlock.
 */
__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

/*
 * Raw console output without the CPU prefix, for machine-read text
 * (KTAP). Takes the console lock, so lines from different CPUs never
 * interleave within a call.
 */
__printf(1, 2) int console_printf(const char *fmt, ...);
void console_write(const char *text, size_t len);

__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

#endif
