/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One x86-64 instruction as the stack checker sees it: how long it is,
 * where control goes next, and what it does to %rsp and %rbp. Decoding
 * is Zydis's; this is only the summary objtool needs.
 */
#ifndef OBJTOOL_X86_DECODE_H
#define OBJTOOL_X86_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum insn_kind {
	INSN_OTHER,		/* falls through, no control transfer */
	INSN_CALL,		/* call rel32 */
	INSN_CALL_INDIRECT,
	INSN_JMP,		/* jmp rel8/rel32 */
	INSN_JMP_INDIRECT,
	INSN_JCC,		/* conditional: jcc, jrcxz, loop */
	INSN_RET,
	INSN_IRET,		/* iret, sysret: leaves the frame */
	INSN_DEAD_END,		/* ud0/ud1/ud2: never falls through */
};

/* What the instruction does to the stack and frame pointers. */
enum stack_op {
	STACK_NONE,
	STACK_PUSH,		/* %rsp -= size; pushes %rbp if reg_is_bp */
	STACK_POP,		/* %rsp += size; pops into %rbp if reg_is_bp */
	STACK_ADD_SP,		/* %rsp += imm (add, sub, lea imm(%rsp)) */
	STACK_LEA_SP_BP,	/* %rsp = %rbp + imm */
	STACK_MOV_SP_BP,	/* %rbp = %rsp */
	STACK_MOV_BP_SP,	/* %rsp = %rbp */
	STACK_LEAVE,		/* %rsp = %rbp; pop %rbp */
	STACK_ALIGN_SP,		/* and $-N, %rsp */
	STACK_CLOBBER_SP,	/* %rsp written some other way */
	STACK_CLOBBER_BP,	/* %rbp written some other way */
};

struct insn {
	uint8_t len;
	uint8_t kind;		/* enum insn_kind */
	uint8_t stack_op;	/* enum stack_op */
	bool reg_is_bp;		/* push/pop: the register is %rbp */
	bool has_target;	/* direct branch: target is valid */
	uint8_t imm_offset;	/* where the rel8/rel32 field starts */
	uint8_t imm_size;
	int64_t stack_imm;	/* push/pop size, add/lea amount */
	uint64_t target;	/* in the same address space as the input */
};

void x86_decode_init(void);

/*
 * Decodes the instruction at @addr from @bytes (at most @avail bytes
 * readable). 0 on success, -1 if the bytes are no valid instruction.
 */
int x86_decode(const uint8_t *bytes, size_t avail, uint64_t addr,
	       struct insn *insn);

/* The mnemonic, for dump and messages. */
const char *x86_mnemonic(const uint8_t *bytes, size_t avail);

#endif
