// SPDX-License-Identifier: GPL-2.0
/*
 * Stack state transfer: what one instruction does to the CFA and the
 * frame pointer (stack_state.h). Control flow is cfg.c's.
 *
 * The CFA is based on %rbp whenever %rbp is this frame's frame pointer
 * (after "mov %rsp, %rbp"): from there on %rsp may move by amounts the
 * checker cannot know (and $-16, alloca) and the unwinder still finds
 * the frame. Otherwise it is based on %rsp, which then must be known.
 */
#include <stdio.h>
#include <string.h>

#include "stack_state.h"

struct stack_state stack_state_entry(void)
{
	return (struct stack_state){
		.type = ORC_TYPE_CALL, .sp_known = true, .sp_off = 8,
	};
}

struct stack_state stack_state_hint(unsigned int type, int sp_offset)
{
	return (struct stack_state){
		.type = type, .sp_known = true, .sp_off = sp_offset,
	};
}

/* Only normal and register frames are tracked strictly; in code marked
 * END_OF_STACK or UNDEFINED the unwinder stops anyway. */
static bool strict(const struct stack_state *s)
{
	return s->type == ORC_TYPE_CALL || s->type == ORC_TYPE_REGS ||
	       s->type == ORC_TYPE_REGS_PARTIAL;
}

static bool cfa_on_bp(const struct stack_state *s)
{
	return s->type == ORC_TYPE_CALL && s->bp_frame;
}

static const char *push(struct stack_state *s, const struct insn *insn)
{
	if (!s->sp_known)
		return cfa_on_bp(s) || !strict(s) ? NULL : "push with unknown stack pointer";
	s->sp_off += insn->stack_imm;
	if (insn->reg_is_bp && !s->bp_saved && s->type == ORC_TYPE_CALL) {
		s->bp_saved = true;
		s->bp_save = -s->sp_off;
	}
	return NULL;
}

static const char *pop(struct stack_state *s, const struct insn *insn)
{
	int32_t slot = -s->sp_off;

	if (!s->sp_known) {
		if (insn->reg_is_bp && cfa_on_bp(s))
			return "pop %rbp with the CFA on %rbp and %rsp unknown";
		return cfa_on_bp(s) || !strict(s) ? NULL : "pop with unknown stack pointer";
	}
	s->sp_off -= insn->stack_imm;
	if (!insn->reg_is_bp)
		return NULL;
	s->bp_frame = false;
	if (s->bp_saved && slot == s->bp_save)
		s->bp_saved = false;
	return NULL;
}

static const char *set_sp_unknown(struct stack_state *s, const char *why)
{
	s->sp_known = false;
	return cfa_on_bp(s) || !strict(s) ? NULL : why;
}

static const char *apply_frame_op(struct stack_state *s, const struct insn *insn)
{
	switch (insn->stack_op) {
	case STACK_ADD_SP:
		if (!s->sp_known)
			return cfa_on_bp(s) || !strict(s) ? NULL : "%rsp adjusted while unknown";
		s->sp_off -= insn->stack_imm;
		return NULL;
	case STACK_LEA_SP_BP:
		if (!s->bp_frame)
			return set_sp_unknown(s, "%rsp loaded from %rbp, which is no frame pointer");
		s->sp_known = true;
		s->sp_off = s->bp_off - insn->stack_imm;
		return NULL;
	case STACK_MOV_SP_BP:
		if (!s->sp_known) {
			s->bp_frame = false;
			return strict(s) ? "mov %rsp, %rbp with unknown stack pointer" : NULL;
		}
		s->bp_frame = true;
		s->bp_off = s->sp_off;
		return NULL;
	case STACK_MOV_BP_SP:
		if (!s->bp_frame)
			return set_sp_unknown(s, "mov %rbp, %rsp without a frame pointer");
		s->sp_known = true;
		s->sp_off = s->bp_off;
		return NULL;
	case STACK_ALIGN_SP:
		return set_sp_unknown(s, "%rsp aligned without a frame pointer");
	case STACK_CLOBBER_SP:
		/* The other order of the stack switch below (clang's). */
		if (s->type == ORC_TYPE_CALL && s->bp_saved && !s->bp_frame) {
			*s = (struct stack_state){ .type = ORC_TYPE_UNDEFINED };
			return NULL;
		}
		return set_sp_unknown(s, "unknown change of %rsp");
	case STACK_CLOBBER_BP:
		/*
		 * Both pointers gone: a stack switch (__builtin_longjmp
		 * loads %rsp, %rbp, then jumps). No frame can be described
		 * from here on; the unwinder must stop, not guess.
		 */
		if (cfa_on_bp(s) && !s->sp_known) {
			*s = (struct stack_state){ .type = ORC_TYPE_UNDEFINED };
			return NULL;
		}
		s->bp_frame = false;
		if (s->type == ORC_TYPE_CALL && !s->bp_saved)
			return "%rbp changed without saving the caller's";
		return NULL;
	default:
		return NULL;
	}
}

const char *stack_state_apply(struct stack_state *s, const struct insn *insn)
{
	struct insn pop_bp = { .stack_op = STACK_POP, .reg_is_bp = true,
			       .stack_imm = 8 };
	const char *why;

	switch (insn->stack_op) {
	case STACK_NONE:
		return NULL;
	case STACK_PUSH:
		return push(s, insn);
	case STACK_POP:
		return pop(s, insn);
	case STACK_LEAVE:
		if (!s->bp_frame)
			return strict(s) ? "leave without a frame pointer" : NULL;
		s->sp_known = true;
		s->sp_off = s->bp_off;
		return pop(s, &pop_bp);
	default:
		why = apply_frame_op(s, insn);
		return why;
	}
}

struct orc_entry stack_state_orc(const struct stack_state *s)
{
	struct orc_entry e = { .type = s->type };

	if (s->type == ORC_TYPE_UNDEFINED || s->type == ORC_TYPE_END_OF_STACK)
		return e;
	if (cfa_on_bp(s)) {
		e.sp_reg = ORC_REG_BP;
		e.sp_offset = s->bp_off;
	} else if (s->sp_known) {
		e.sp_reg = ORC_REG_SP;
		e.sp_offset = s->sp_off;
	}
	if (s->type == ORC_TYPE_CALL && s->bp_saved) {
		e.bp_reg = ORC_REG_PREV_SP;
		e.bp_offset = s->bp_save;
	}
	return e;
}

bool orc_entry_equal(const struct orc_entry *a, const struct orc_entry *b)
{
	return a->type == b->type && a->sp_reg == b->sp_reg &&
	       a->sp_offset == b->sp_offset && a->bp_reg == b->bp_reg &&
	       a->bp_offset == b->bp_offset;
}

bool stack_state_equal(const struct stack_state *a, const struct stack_state *b)
{
	struct orc_entry x = stack_state_orc(a), y = stack_state_orc(b);

	return orc_entry_equal(&x, &y) && a->sp_known == b->sp_known &&
	       (!a->sp_known || a->sp_off == b->sp_off) &&
	       a->bp_frame == b->bp_frame && (!a->bp_frame || a->bp_off == b->bp_off);
}

bool stack_state_at_entry(const struct stack_state *s)
{
	return s->type == ORC_TYPE_CALL && s->sp_known && s->sp_off == 8 &&
	       !s->bp_saved && !s->bp_frame;
}

static const char *const type_names[] = {
	[ORC_TYPE_UNDEFINED] = "undefined",
	[ORC_TYPE_END_OF_STACK] = "end",
	[ORC_TYPE_CALL] = "call",
	[ORC_TYPE_REGS] = "regs",
	[ORC_TYPE_REGS_PARTIAL] = "regs-partial",
};

void orc_entry_format(const struct orc_entry *e, char *buf, size_t len)
{
	const char *type = e->type < sizeof(type_names) / sizeof(type_names[0]) ?
			   type_names[e->type] : "?";
	const char *base = e->sp_reg == ORC_REG_SP ? "sp" :
			   e->sp_reg == ORC_REG_BP ? "bp" : "?";
	int n;

	if (e->type == ORC_TYPE_UNDEFINED || e->type == ORC_TYPE_END_OF_STACK) {
		snprintf(buf, len, "%s", type);
		return;
	}
	n = snprintf(buf, len, "%s cfa=%s%+d", type, base, e->sp_offset);
	if (n < 0 || (size_t)n >= len)
		return;
	if (e->bp_reg == ORC_REG_PREV_SP)
		snprintf(buf + n, len - n, " bp=cfa%+d", e->bp_offset);
	else
		snprintf(buf + n, len - n, " bp=caller");
}
