/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stack state before an instruction: where the CFA is (the caller's
 * %rsp before its call; the return address is at CFA - 8), whether %rbp
 * is a frame pointer into this frame, and where the caller's %rbp is
 * saved. For the REGS types (entry code, from unwind hints) the "CFA" is
 * the address of the register frame instead.
 */
#ifndef OBJTOOL_STACK_STATE_H
#define OBJTOOL_STACK_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pvpatch/orc.h>

#include "x86_decode.h"

struct stack_state {
	uint8_t type;		/* enum orc_type */
	bool sp_known;		/* sp_off is valid */
	bool bp_frame;		/* %rbp == CFA - bp_off */
	bool bp_saved;		/* caller's %rbp at CFA + bp_save */
	int32_t sp_off;		/* CFA - %rsp */
	int32_t bp_off;
	int32_t bp_save;
};

/* The state at a function's first instruction. */
struct stack_state stack_state_entry(void);

/* A state from an unwind hint (type, %rsp-relative offset). */
struct stack_state stack_state_hint(unsigned int type, int sp_offset);

/*
 * The state after @insn executes in @s (control flow aside). NULL, or
 * why the instruction cannot be followed.
 */
const char *stack_state_apply(struct stack_state *s, const struct insn *insn);

/* What the unwinder gets for this state. */
struct orc_entry stack_state_orc(const struct stack_state *s);

bool orc_entry_equal(const struct orc_entry *a, const struct orc_entry *b);
bool stack_state_equal(const struct stack_state *a, const struct stack_state *b);

/* The state a return (or a tail call) needs: the entry state. */
bool stack_state_at_entry(const struct stack_state *s);

/* "call cfa=sp+16 bp=cfa-16" */
void orc_entry_format(const struct orc_entry *e, char *buf, size_t len);

#endif
