/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVOPS_INTERNAL_H
#define PVOPS_INTERNAL_H

#include <stdint.h>
#include <pvpatch/pvops.h>

struct native_arm {
	uint8_t len;
	uint8_t bytes[2];
};

/* The inline arm of an op, or NULL for a call-only op. */
const struct native_arm *pvops_native_arm(enum pvop_id op);
/*
 * The inline arm the sites carry for op with the chosen backend: its own
 * (pvops_backend.inline_arm) or the native instructions, into
 * bytes[size]. Its length, 0 for a call-only op or an arm the backend
 * does not have; *name says whose arm it is.
 */
size_t pvops_inline_arm_bytes(enum pvop_id op, uint8_t *bytes, size_t size,
			      const char **name);

void pvops_select(void);
/* Check every pvop and static call site against what it should be. */
void pvops_seal(void);

#endif
