/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objtool must reject this: two paths reach label 1 with different
 * stack depths.
 */
	.text
	.globl paths_func
	.type paths_func, @function
paths_func:
	test	%rdi, %rdi
	jz	1f
	push	%rax
1:	pop	%rax
	ret
	.size paths_func, . - paths_func
