/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objtool must reject this: the replacement leaves a word on the stack
 * that the original does not.
 */
#include <asm/alternative.h>

	.text
	.globl unbalanced_func
	.type unbalanced_func, @function
unbalanced_func:
	ALTERNATIVE "nop", "push %rax", 0
	pop	%rax
	push	%rax
	ret
	.size unbalanced_func, . - unbalanced_func
