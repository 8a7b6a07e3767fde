/* SPDX-License-Identifier: GPL-2.0 */
/* Parameter block of the AP start-up code, one page after its copy. */
#ifndef ARCH_X86_TRAMPOLINE_H
#define ARCH_X86_TRAMPOLINE_H

#define TRAMPOLINE_CR3			0
#define TRAMPOLINE_EFER			8
#define TRAMPOLINE_STACK		16
#define TRAMPOLINE_ENTRY		24
#define TRAMPOLINE_CPU			32
#define TRAMPOLINE_GDT_DESCRIPTOR	40	/* 2-byte limit, 4-byte base */

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <pvpatch/compiler.h>

struct trampoline_params {
	uint64_t cr3;
	uint64_t efer;
	uint64_t stack;
	uint64_t entry;
	uint64_t cpu;
	uint16_t gdt_limit;
	uint32_t gdt_base;
} __packed;

BUILD_BUG_ON(__builtin_offsetof(struct trampoline_params, gdt_limit) !=
	     TRAMPOLINE_GDT_DESCRIPTOR);
BUILD_BUG_ON(__builtin_offsetof(struct trampoline_params, cpu) != TRAMPOLINE_CPU);

extern const char trampoline_start[], trampoline_end[];
#endif

#endif
