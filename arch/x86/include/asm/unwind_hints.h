/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unwind hints: where tools/objtool cannot work the stack state out by
 * itself (entry code, the first instruction of a stack), the code says
 * what it is. Each hint is an 8-byte record in the non-allocated section
 * .discard.unwind_hints, which objtool reads and the link drops:
 *
 *   .long  insn - .     the instruction the hint is true before (PC32)
 *   .word  sp_offset    signed
 *   .byte  sp_reg       UNWIND_HINT_REG_SP (the only base a hint takes)
 *   .byte  type         UNWIND_HINT_TYPE_*, the values of enum orc_type
 *
 * The state holds before that instruction and objtool carries it on
 * from there (pushes and pops move the offset) until the next hint.
 * For REGS, %rsp + sp_offset is the struct pt_regs (asm/traps.h); for
 * REGS_PARTIAL it is the CPU's frame (rip, cs, rflags, rsp, ss).
 *
 * In .S files use the assembler macros; in C inline asm the string
 * macros (ASM_UNWIND_HINT_*).
 */
#ifndef ASM_UNWIND_HINTS_H
#define ASM_UNWIND_HINTS_H

/* Values of enum orc_type and enum orc_reg (include/pvpatch/orc.h). */
#define UNWIND_HINT_TYPE_UNDEFINED	0
#define UNWIND_HINT_TYPE_END_OF_STACK	1
#define UNWIND_HINT_TYPE_CALL		2
#define UNWIND_HINT_TYPE_REGS		3
#define UNWIND_HINT_TYPE_REGS_PARTIAL	4
#define UNWIND_HINT_REG_SP		1

#define UNWIND_HINT_SECTION	.discard.unwind_hints

/* Offset of the CPU's frame (rip) in struct pt_regs: 15 registers,
 * vector, error code. */
#define UNWIND_HINT_PT_REGS_RIP		(17 * 8)

#ifdef __ASSEMBLY__

.macro UNWIND_HINT type:req, sp_offset=0
.Lunwind_hint_\@:
	.pushsection UNWIND_HINT_SECTION, "", @progbits
	.long .Lunwind_hint_\@ - .
	.word \sp_offset
	.byte UNWIND_HINT_REG_SP, \type
	.popsection
.endm

/* The outermost frame: nothing to unwind to. */
.macro UNWIND_HINT_END_OF_STACK
	UNWIND_HINT UNWIND_HINT_TYPE_END_OF_STACK
.endm

/* Nothing an unwinder can rely on (a frame being moved). */
.macro UNWIND_HINT_UNDEFINED
	UNWIND_HINT UNWIND_HINT_TYPE_UNDEFINED
.endm

.macro UNWIND_HINT_REGS sp_offset=0
	UNWIND_HINT UNWIND_HINT_TYPE_REGS, \sp_offset
.endm

.macro UNWIND_HINT_REGS_PARTIAL sp_offset=0
	UNWIND_HINT UNWIND_HINT_TYPE_REGS_PARTIAL, \sp_offset
.endm

/* A normal function entry: the return address at %rsp. */
.macro UNWIND_HINT_FUNC
	UNWIND_HINT UNWIND_HINT_TYPE_CALL, 8
.endm

#else

#define __UNWIND_HINT_STR(x)	#x
#define __UNWIND_HINT_XSTR(x)	__UNWIND_HINT_STR(x)

#define ASM_UNWIND_HINT(type, sp_offset)				\
	"7731:\n\t"							\
	".pushsection " __UNWIND_HINT_XSTR(UNWIND_HINT_SECTION)		\
		", \"\", @progbits\n\t"					\
	".long 7731b - .\n\t"						\
	".word " #sp_offset "\n\t"					\
	".byte " __UNWIND_HINT_XSTR(UNWIND_HINT_REG_SP) ", "		\
		__UNWIND_HINT_XSTR(type) "\n\t"				\
	".popsection\n\t"

#define ASM_UNWIND_HINT_END_OF_STACK					\
	ASM_UNWIND_HINT(UNWIND_HINT_TYPE_END_OF_STACK, 0)
#define ASM_UNWIND_HINT_FUNC	ASM_UNWIND_HINT(UNWIND_HINT_TYPE_CALL, 8)

#endif /* __ASSEMBLY__ */

#endif
