/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 static call encodings.
 *
 * Trampoline: a 5-byte slot (jmp rel32 to the target, or ret + int3
 * padding for a NULL key), then ud2 and the bytes "pvSC". The signature
 * lets the patcher check that it is about to rewrite a trampoline and
 * not whatever a bad key pointer points at. A RET0 key's trampoline
 * jumps to __static_call_return0: the slot must stay one instruction.
 *
 * Inline site: a 5-byte call (or jmp, for a tail call) that becomes
 *   call/jmp rel32 to the target,
 *   a 5-byte NOP for NULL (a tail site becomes ret + int3 padding),
 *   "cs cs cs xor %eax,%eax" for RET0: one 5-byte instruction, so that
 *   no CPU can ever be between two instructions of the slot when it is
 *   patched (a tail RET0 site jumps to __static_call_return0).
 */
#ifndef ASM_STATIC_CALL_H
#define ASM_STATIC_CALL_H

#define STATIC_CALL_SLOT_SIZE	5
#define STATIC_CALL_SIGNATURE	"\x0f\x0b" "pvSC"
#define STATIC_CALL_SIGNATURE_SIZE 6

#define __ARCH_STATIC_CALL_TRAMP(name, slot)				\
	__asm__(".pushsection static_call_text, \"ax\"\n\t"		\
		".balign 16\n\t"					\
		".globl " STATIC_CALL_TRAMP_STR(name) "\n\t"		\
		".type " STATIC_CALL_TRAMP_STR(name) ", @function\n"	\
		STATIC_CALL_TRAMP_STR(name) ":\n\t"			\
		slot "\n\t"						\
		".byte 0x0f, 0x0b\n\t"					\
		".ascii \"pvSC\"\n\t"					\
		".size " STATIC_CALL_TRAMP_STR(name) ", . - "		\
			STATIC_CALL_TRAMP_STR(name) "\n\t"		\
		".popsection")

#define ARCH_DEFINE_STATIC_CALL_TRAMP(name, func)			\
	__ARCH_STATIC_CALL_TRAMP(name, ".byte 0xe9\n\t.long " #func " - (. + 4)")

#define ARCH_DEFINE_STATIC_CALL_NULL_TRAMP(name)			\
	__ARCH_STATIC_CALL_TRAMP(name, ".byte 0xc3, 0xcc, 0xcc, 0xcc, 0xcc")

#define ARCH_DEFINE_STATIC_CALL_RET0_TRAMP(name)			\
	ARCH_DEFINE_STATIC_CALL_TRAMP(name, __static_call_return0)

/*
 * Asm that emits one inline site and records it. Use inside an asm
 * statement (with the clobbers of a call) or a .S file. The label
 * numbers are chosen to stay clear of a caller's own local labels.
 */
#define __STATIC_CALL_SITE(insn, name, flags)				\
	"7701: " insn " " STATIC_CALL_TRAMP_STR(name) "\n\t"		\
	".pushsection static_call_sites, \"aw\"\n\t"			\
	".balign 4\n\t"							\
	".long 7701b - .\n\t"						\
	".long " STATIC_CALL_KEY_STR(name) " - . + " #flags "\n\t"	\
	".popsection\n\t"

#define STATIC_CALL_SITE(name)		__STATIC_CALL_SITE("call", name, 0)
#define STATIC_CALL_TAIL_SITE(name)	__STATIC_CALL_SITE("jmp", name, 1)

/*
 * For a C call from an asm statement: the first argument goes in as
 * "+D", the result comes out as "=a", and these are the other registers
 * a callee may clobber (SysV x86-64 ABI). Builds with an asm call site
 * must not use a red zone (-mno-red-zone): the call pushes below %rsp.
 */
#define STATIC_CALL_CLOBBERS \
	"rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "memory", "cc"

#endif
