/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objtool must accept this: a pvop-shaped site ("pushf; pop %rax" or a
 * call), where the original moves the CFA at +1 and the call arm has no
 * boundary there. The union has an entry at +1 with the pushf state.
 */
#include <asm/alternative.h>

	.text
	.globl clean_save_flags
	.type clean_save_flags, @function
clean_save_flags:
	ALTERNATIVE "pushf; pop %rax", "call clean_save_flags_thunk", 0
	ret
	.size clean_save_flags, . - clean_save_flags

	.type clean_save_flags_thunk, @function
clean_save_flags_thunk:
	pushf
	pop	%rax
	ret
	.size clean_save_flags_thunk, . - clean_save_flags_thunk
