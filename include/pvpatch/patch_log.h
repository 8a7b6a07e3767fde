/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot patch order (ARCHITECTURE.md, "The patch order") and its log.
 * pvpatch_boot() runs the steps in order and records each one; the log
 * is printed as one summary line, or in full with pvops.log=full, and
 * the tests assert the order from it.
 */
#ifndef PVPATCH_PATCH_LOG_H
#define PVPATCH_PATCH_LOG_H

#include <stdint.h>

#define PATCH_LOG_MAX_STEPS 8

struct patch_step {
	const char *name;
	uint64_t start_tsc, end_tsc;	/* TSC cycles */
};

struct patch_log {
	unsigned int nr_steps;
	struct patch_step steps[PATCH_LOG_MAX_STEPS];
};

extern struct patch_log patch_log;

/* Steps 0-4: detect, pvops_select, apply_alternatives, static_call_init,
 * seal. The caller starts the other CPUs next, as step smp_start. */
void pvpatch_boot(void);
void patch_log_step(const char *name, void (*step)(void));
void patch_log_print(void);

#endif
