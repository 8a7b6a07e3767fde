/* SPDX-License-Identifier: GPL-2.0 */
/* ALTERNATIVE from a .S file: returns 42 once the test table is applied. */
#define ALT_TABLE alt_instructions_test
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>

	.text
	.globl asm_alt_function, asm_alt_site
asm_alt_function:
asm_alt_site:
	ALTERNATIVE "xor %eax, %eax", "mov $42, %eax", X86_FEATURE_TEST_SET
	ret
