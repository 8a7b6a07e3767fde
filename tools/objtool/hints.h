/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unwind hints (arch/x86/include/asm/unwind_hints.h): the stack state
 * the code declares before an instruction objtool cannot follow alone.
 */
#ifndef OBJTOOL_HINTS_H
#define OBJTOOL_HINTS_H

#include "cfg.h"

#define UNWIND_HINTS_SECTION	".discard.unwind_hints"
#define UNWIND_HINT_SIZE	8

/* Seeds the walk with every hint: 0, or -1 on a malformed table. */
int unwind_hints_apply(struct cfg *cfg);

#endif
