/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a hypervisor's code (hypervisor/) offers the x86 platform code
 * below it: a console where the machine has none, how to end, the TSC
 * rate, the RAM map. Each hypervisor registers its hooks in a section,
 * as pvops backends do, and the arch walks what is linked in
 * (arch/x86/hypervisor_hooks.c) instead of calling up into hypervisor/
 * by name. A hook answers "not mine" (false, 0, an error) off its
 * hypervisor; any may be NULL.
 */
#ifndef ASM_HYPERVISOR_HOOKS_H
#define ASM_HYPERVISOR_HOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pvpatch/compiler.h>

struct x86_hypervisor_hooks {
	const char *name;
	/* A console, tried when there is neither a UART nor a debug port. */
	bool (*console_init)(void);
	void (*console_write)(const char *text, size_t len);
	/* After the debug-exit port: end the guest with that status. */
	void (*shutdown)(bool failed);
	/* The TSC rate in kHz, where no PIT calibrates it; 0: unknown. */
	uint32_t (*tsc_khz)(void);
	/* The RAM ranges, each through add_ram, where the boot protocol
	 * gave none: 0, or an error. */
	int (*memory_map)(void (*add_ram)(uint64_t start, uint64_t size));
};

#define X86_HYPERVISOR_HOOKS(var)					\
	static const struct x86_hypervisor_hooks *const __x86_hypervisor_hooks_##var \
	__used __section("x86_hypervisor_hooks") __aligned(8) = &var

/* The walks: the first hypervisor whose hook answers. */
bool hv_console_init(void);
void hv_console_write(const char *text, size_t len);
void hv_shutdown(bool failed);
/* *by names the hypervisor that gave the rate. */
uint32_t hv_tsc_khz(const char **by);
int hv_memory_map(void (*add_ram)(uint64_t start, uint64_t size));

#endif
