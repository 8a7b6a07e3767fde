/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 ALTERNATIVE encodings, see include/pvpatch/alternative.h.
 *
 * Layout of one site:   661: original  662: 0x90 padding  663:
 * Table entry (section alt_instructions, or ALT_TABLE if defined):
 *   .long site - ., .long replacement - ., .word feature, .word flags,
 *   .byte site length, .byte original length, .byte replacement length
 * Replacement (section alt_replacement): 664N: new  665N:
 * The padding is -(x > 0) * x bytes, x = longest arm - original: gas
 * evaluates a true comparison to -1. Boot replaces it with real NOPs.
 */
#ifndef ASM_ALTERNATIVE_H
#define ASM_ALTERNATIVE_H

#include <pvpatch/compiler.h>

#ifndef ALT_TABLE
#define ALT_TABLE alt_instructions
#endif

#ifndef __ASSEMBLY__

#define __ALT_RLEN(n)	"(665" #n "f - 664" #n "f)"
#define __ALT_OLEN	"(662b - 661b)"
/* max(a, b) = a ^ ((a ^ b) & mask), mask = all ones when a < b: gas
 * evaluates the comparison to -1 for true, which is that mask. */
#define __ALT_MAX(a, b)	"((" a ") ^ (((" a ") ^ (" b ")) & ((" a ") < (" b "))))"
#define __ALT_PAD(len)							\
	".skip -(((" len ") - " __ALT_OLEN ") > 0) * "			\
	"((" len ") - " __ALT_OLEN "), 0x90\n"

#define __ALT_SITE(old, len)						\
	"661:\n\t" old "\n662:\n\t" __ALT_PAD(len) "663:\n\t"

#define __ALT_ENTRY(n, ft)						\
	".pushsection " __stringify(ALT_TABLE) ", \"a\"\n\t"		\
	".long 661b - .\n\t"						\
	".long 664" #n "f - .\n\t"					\
	".word (" __stringify(ft) ") & 0xffff\n\t"			\
	".word (" __stringify(ft) ") >> 16\n\t"				\
	".byte 663b - 661b\n\t"						\
	".byte 662b - 661b\n\t"						\
	".byte " __ALT_RLEN(n) "\n\t"					\
	".popsection\n\t"

#define __ALT_REPLACEMENT(n, new)					\
	".pushsection alt_replacement, \"ax\"\n"			\
	"664" #n ":\n\t" new "\n665" #n ":\n\t"				\
	".popsection\n\t"

#define ALTERNATIVE(old, new, ft)					\
	__ALT_SITE(old, __ALT_RLEN(1))					\
	__ALT_ENTRY(1, ft)						\
	__ALT_REPLACEMENT(1, new)

#define ALTERNATIVE_2(old, new1, ft1, new2, ft2)			\
	__ALT_SITE(old, __ALT_MAX(__ALT_RLEN(1), __ALT_RLEN(2)))	\
	__ALT_ENTRY(1, ft1)						\
	__ALT_ENTRY(2, ft2)						\
	__ALT_REPLACEMENT(1, new1)					\
	__ALT_REPLACEMENT(2, new2)

#else /* __ASSEMBLY__ */

.macro __alt_entry n, ft
	.pushsection ALT_TABLE, "a"
	.long 661b - .
	.long 664\n\()f - .
	.word (\ft) & 0xffff
	.word (\ft) >> 16
	.byte 663b - 661b
	.byte 662b - 661b
	.byte 665\n\()f - 664\n\()f
	.popsection
.endm

.macro ALTERNATIVE old, new, ft
661:
	\old
662:
	.skip -(((6651f - 6641f) - (662b - 661b)) > 0) * ((6651f - 6641f) - (662b - 661b)), 0x90
663:
	__alt_entry 1, \ft
	.pushsection alt_replacement, "ax"
6641:
	\new
6651:
	.popsection
.endm

#endif /* __ASSEMBLY__ */

#endif
