/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 ALTERNATIVE encodings, see include/pvpatch/alternative.h.
 *
 * Every A64 instruction is 4 bytes, so arms are the same length: the
 * site is its original instructions, no padding, and an arm of another
 * length stops the build (.error). Pad the shorter arm with "nop"s.
 *
 * Layout of one site:   661: original  662:  (663 = 662: no padding)
 * Table entry (section alt_instructions, or ALT_TABLE if defined), the
 * same struct alt_instr as x86's:
 *   .long site - ., .long replacement - ., .short feature, .short flags,
 *   .byte site length, .byte original length, .byte replacement length
 * Replacement (section alt_replacement, never executed where it is
 * assembled): 664N: new  665N:
 *
 * ALTERNATIVE_CB(old, callback, feature): no replacement bytes; when
 * feature holds, callback (a global function, alt_callback_t) writes the
 * site's new instructions at boot. The entry's replacement offset points
 * at the callback and its replacement length is 0.
 *
 * arch/arm64/alternative.c relocates B, BL, B.cond, CB(N)Z, TB(N)Z, ADR
 * and ADRP that leave their arm, and refuses literal loads.
 */
#ifndef ASM_ALTERNATIVE_H
#define ASM_ALTERNATIVE_H

#include <pvpatch/compiler.h>

#ifndef ALT_TABLE
#define ALT_TABLE alt_instructions
#endif
#ifndef ALT_REPLACEMENT_SECTION
#define ALT_REPLACEMENT_SECTION alt_replacement
#endif

#ifndef __ASSEMBLY__
#include <stdint.h>

struct alt_instr;
/*
 * A callback alternative's arm: orig is the site's original
 * instructions (where they run), updated receives the nr instructions
 * to put there, already holding a copy of orig. It runs once, at
 * apply_alternatives(), before the site is written.
 */
typedef void (*alt_callback_t)(const struct alt_instr *a, const uint32_t *orig,
			       uint32_t *updated, unsigned int nr);

#define __ALT_RLEN(n)	"(665" #n "f - 664" #n "f)"

#define __ALT_ENTRY(n, ft, repl, rlen)					\
	".pushsection " __stringify(ALT_TABLE) ", \"a\"\n\t"		\
	".long 661b - .\n\t"						\
	".long " repl " - .\n\t"					\
	".short (" __stringify(ft) ") & 0xffff\n\t"			\
	".short (" __stringify(ft) ") >> 16\n\t"			\
	".byte 662b - 661b\n\t"						\
	".byte 662b - 661b\n\t"						\
	".byte " rlen "\n\t"						\
	".popsection\n\t"

#define __ALT_REPLACEMENT(n, new)					\
	".pushsection " __stringify(ALT_REPLACEMENT_SECTION) ", \"ax\"\n" \
	"664" #n ":\n\t" new "\n665" #n ":\n\t"				\
	".popsection\n\t"						\
	".if (665" #n "b - 664" #n "b) != (662b - 661b)\n\t"		\
	".error \"ALTERNATIVE: the arms differ in length (arm64 arms "	\
		"are the same number of instructions: pad with nop)\"\n\t" \
	".endif\n\t"

#define __ALT_SITE(old)	"661:\n\t" old "\n662:\n\t"

#define ALTERNATIVE(old, new, ft)					\
	__ALT_SITE(old)							\
	__ALT_ENTRY(1, ft, "6641f", __ALT_RLEN(1))			\
	__ALT_REPLACEMENT(1, new)

#define ALTERNATIVE_2(old, new1, ft1, new2, ft2)			\
	__ALT_SITE(old)							\
	__ALT_ENTRY(1, ft1, "6641f", __ALT_RLEN(1))			\
	__ALT_ENTRY(2, ft2, "6642f", __ALT_RLEN(2))			\
	__ALT_REPLACEMENT(1, new1)					\
	__ALT_REPLACEMENT(2, new2)

#define ALTERNATIVE_CB(old, cb, ft)					\
	__ALT_SITE(old)							\
	__ALT_ENTRY(1, ((ALT_FLAG_CALLBACK << 16) | (ft)), #cb, "0")

#else /* __ASSEMBLY__ */

.macro __alt_entry ft, repl, rlen
	.pushsection ALT_TABLE, "a"
	.long 661b - .
	.long \repl - .
	.short (\ft) & 0xffff
	.short (\ft) >> 16
	.byte 662b - 661b
	.byte 662b - 661b
	.byte \rlen
	.popsection
.endm

/* One site with one arm; several instructions per arm are separated
 * by ';' (a statement separator for the A64 assembler). */
.macro ALTERNATIVE old, new, ft
661:
	\old
662:
	__alt_entry \ft, 6641f, (6651f-6641f)
	.pushsection ALT_REPLACEMENT_SECTION, "ax"
6641:
	\new
6651:
	.popsection
	.if (6651b - 6641b) != (662b - 661b)
	.error "ALTERNATIVE: the arms differ in length (arm64 arms are the same number of instructions: pad with nop)"
	.endif
.endm

.macro ALTERNATIVE_CB old, cb, ft
661:
	\old
662:
	__alt_entry ((ALT_FLAG_CALLBACK<<16)|(\ft)), \cb, 0
.endm

#endif /* __ASSEMBLY__ */

#endif
