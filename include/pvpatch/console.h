/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_CONSOLE_H
#define PVPATCH_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Implemented per arch/platform: the raw output device(s). */
void arch_console_init(void);
void arch_console_write(const char *text, size_t len);

/* Set once SMP bring-up starts: from then on log lines carry "[cpuN] ". */
void console_enable_cpu_prefix(void);

#endif
