/* SPDX-License-Identifier: GPL-2.0 */
/* ALTERNATIVE and ALTERNATIVE_CB from a .S file (test_alternatives.c):
 * 42 from the arm, 43 from the callback. */
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>

	.text
	.globl asm_alt_function, asm_alt_callback_function
asm_alt_function:
	ALTERNATIVE "mov x0, #1; mov x1, #0", "mov x0, #42; mov x1, #1", ARM64_CAP_TEST_SET
	ret

asm_alt_callback_function:
	ALTERNATIVE_CB "mov x0, #1", alt_test_asm_callback, ARM64_CAP_TEST_SET
	ret
