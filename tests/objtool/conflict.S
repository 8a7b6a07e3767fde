/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objtool must reject this: at +1 the original has pushed %rax (CFA at
 * %rsp + 16) while the replacement's second NOP starts with nothing
 * pushed (CFA at %rsp + 8). An unwinder cannot be right at +1 for both.
 */
#include <asm/alternative.h>

	.text
	.globl conflict_func
	.type conflict_func, @function
conflict_func:
	ALTERNATIVE "push %rax; pop %rax", "nop; nop", 0
	ret
	.size conflict_func, . - conflict_func
