// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 instruction summaries on top of Zydis 4. Zydis does the
 * decoding; this file only reads its result for control flow and for
 * the writes to %rsp and %rbp that change where a frame is.
 */
#include <string.h>

#include <Zydis/Zydis.h>

#include "x86_decode.h"

static ZydisDecoder decoder;

void x86_decode_init(void)
{
	ZydisDecoderInit(&decoder, ZYDIS_MACHINE_MODE_LONG_64,
			 ZYDIS_STACK_WIDTH_64);
}

static ZydisRegister full_reg(ZydisRegister reg)
{
	return ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, reg);
}

static bool is_reg(const ZydisDecodedOperand *op, ZydisRegister reg)
{
	return op->type == ZYDIS_OPERAND_TYPE_REGISTER && op->reg.value == reg;
}

static bool is_imm(const ZydisDecodedOperand *op)
{
	return op->type == ZYDIS_OPERAND_TYPE_IMMEDIATE;
}

static void classify_flow(const ZydisDecodedInstruction *zi,
			  const ZydisDecodedOperand *ops, uint64_t addr,
			  struct insn *insn)
{
	ZyanU64 target;

	switch (zi->meta.category) {
	case ZYDIS_CATEGORY_CALL:
		insn->kind = INSN_CALL_INDIRECT;
		break;
	case ZYDIS_CATEGORY_UNCOND_BR:
		insn->kind = INSN_JMP_INDIRECT;
		break;
	case ZYDIS_CATEGORY_COND_BR:
		insn->kind = INSN_JCC;
		break;
	case ZYDIS_CATEGORY_RET:
		/*
		 * A far return in kernel code reloads %cs: push the selector,
		 * push the next instruction's address, lret. It pops both
		 * and goes on with the next instruction.
		 */
		if (zi->meta.branch_type == ZYDIS_BRANCH_TYPE_FAR) {
			insn->stack_op = STACK_ADD_SP;
			insn->stack_imm = 16;
			return;
		}
		insn->kind = INSN_RET;
		return;
	default:
		switch (zi->mnemonic) {
		case ZYDIS_MNEMONIC_IRET:
		case ZYDIS_MNEMONIC_IRETD:
		case ZYDIS_MNEMONIC_IRETQ:
		case ZYDIS_MNEMONIC_SYSRET:
			insn->kind = INSN_IRET;
			break;
		case ZYDIS_MNEMONIC_UD0:
		case ZYDIS_MNEMONIC_UD1:
		case ZYDIS_MNEMONIC_UD2:
			/* int3 is not here: a #BP handler returns after it
			 * (tests plant them; text_poke_bp emulates). */
			insn->kind = INSN_DEAD_END;
			break;
		default:
			break;
		}
		return;
	}
	/* A relative immediate makes a direct branch. */
	if (zi->operand_count_visible && is_imm(&ops[0]) && ops[0].imm.is_relative &&
	    ZYAN_SUCCESS(ZydisCalcAbsoluteAddress(zi, &ops[0], addr, &target))) {
		insn->has_target = true;
		insn->target = target;
		insn->imm_offset = zi->raw.imm[0].offset;
		insn->imm_size = zi->raw.imm[0].size / 8;
		if (insn->kind == INSN_CALL_INDIRECT)
			insn->kind = INSN_CALL;
		else if (insn->kind == INSN_JMP_INDIRECT)
			insn->kind = INSN_JMP;
	}
}

/* The explicit forms that move a frame: mov, add/sub, lea, and. */
static bool classify_frame_op(const ZydisDecodedInstruction *zi,
			      const ZydisDecodedOperand *ops, struct insn *insn)
{
	const ZydisDecodedOperand *dst = &ops[0], *src = &ops[1];

	if (zi->operand_count_visible != 2)
		return false;
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_MOV:
		if (is_reg(dst, ZYDIS_REGISTER_RBP) && is_reg(src, ZYDIS_REGISTER_RSP))
			insn->stack_op = STACK_MOV_SP_BP;
		else if (is_reg(dst, ZYDIS_REGISTER_RSP) && is_reg(src, ZYDIS_REGISTER_RBP))
			insn->stack_op = STACK_MOV_BP_SP;
		else
			return false;
		return true;
	case ZYDIS_MNEMONIC_ADD:
	case ZYDIS_MNEMONIC_SUB:
		if (!is_reg(dst, ZYDIS_REGISTER_RSP) || !is_imm(src))
			return false;
		insn->stack_op = STACK_ADD_SP;
		insn->stack_imm = zi->mnemonic == ZYDIS_MNEMONIC_ADD ?
				  src->imm.value.s : -src->imm.value.s;
		return true;
	case ZYDIS_MNEMONIC_LEA:
		if (!is_reg(dst, ZYDIS_REGISTER_RSP) ||
		    src->mem.index != ZYDIS_REGISTER_NONE)
			return false;
		if (src->mem.base == ZYDIS_REGISTER_RSP)
			insn->stack_op = STACK_ADD_SP;
		else if (src->mem.base == ZYDIS_REGISTER_RBP)
			insn->stack_op = STACK_LEA_SP_BP;
		else
			return false;
		insn->stack_imm = src->mem.disp.value;
		return true;
	case ZYDIS_MNEMONIC_AND:
		if (!is_reg(dst, ZYDIS_REGISTER_RSP) || !is_imm(src) ||
		    src->imm.value.s >= 0)
			return false;
		insn->stack_op = STACK_ALIGN_SP;
		insn->stack_imm = src->imm.value.s;
		return true;
	default:
		return false;
	}
}

static void classify_stack(const ZydisDecodedInstruction *zi,
			   const ZydisDecodedOperand *ops, struct insn *insn)
{
	unsigned int i;

	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_PUSH:
	case ZYDIS_MNEMONIC_PUSHF:
	case ZYDIS_MNEMONIC_PUSHFQ:
		insn->stack_op = STACK_PUSH;
		insn->stack_imm = zi->operand_width / 8;
		insn->reg_is_bp = zi->operand_count_visible &&
				  is_reg(&ops[0], ZYDIS_REGISTER_RBP);
		return;
	case ZYDIS_MNEMONIC_POP:
	case ZYDIS_MNEMONIC_POPF:
	case ZYDIS_MNEMONIC_POPFQ:
		insn->stack_op = STACK_POP;
		insn->stack_imm = zi->operand_width / 8;
		if (zi->operand_count_visible && ops[0].type == ZYDIS_OPERAND_TYPE_REGISTER) {
			insn->reg_is_bp = full_reg(ops[0].reg.value) == ZYDIS_REGISTER_RBP;
			if (full_reg(ops[0].reg.value) == ZYDIS_REGISTER_RSP)
				insn->stack_op = STACK_CLOBBER_SP;
		}
		return;
	case ZYDIS_MNEMONIC_LEAVE:
		insn->stack_op = STACK_LEAVE;
		return;
	case ZYDIS_MNEMONIC_ENTER:
		insn->stack_op = STACK_CLOBBER_SP;
		return;
	default:
		break;
	}
	if (ops && classify_frame_op(zi, ops, insn))
		return;
	/* Any other visible write to %rsp or %rbp (hidden ones: call, ret);
	 * none is possible when needs_operands() left them undecoded. */
	for (i = 0; ops && i < zi->operand_count_visible; i++) {
		if (ops[i].type != ZYDIS_OPERAND_TYPE_REGISTER ||
		    !(ops[i].actions & ZYDIS_OPERAND_ACTION_MASK_WRITE))
			continue;
		if (full_reg(ops[i].reg.value) == ZYDIS_REGISTER_RSP)
			insn->stack_op = STACK_CLOBBER_SP;
		else if (full_reg(ops[i].reg.value) == ZYDIS_REGISTER_RBP &&
			 insn->stack_op == STACK_NONE)
			insn->stack_op = STACK_CLOBBER_BP;
	}
}

static bool maybe_sp_bp(unsigned int reg)
{
	reg &= 7;
	return reg == 4 || reg == 5;
}

/*
 * Decoding the operands is a third of Zydis's work, and most
 * instructions need none: only branches (their target), push and pop,
 * and those that may name %rsp or %rbp (or %esp, %sp, %spl, ...) as a
 * register operand (the frame forms of mov, add, sub, lea and and have
 * one as their destination). A legacy-encoded instruction names
 * registers only in its ModRM byte (reg, and rm when mod is 3), in its
 * opcode (forms without ModRM) or implicitly (fixed registers such as
 * %al, %cl, %dx: never %rsp or %rbp when visible). Register number 4 or
 * 5 in either field, any form without ModRM and any VEX/EVEX/XOP form
 * (vvvv) are decoded in full: over-inclusive (%r12, %ah, %fs, %cr4
 * match too), never missing a write.
 */
static bool needs_operands(const ZydisDecodedInstruction *zi)
{
	switch (zi->meta.category) {
	case ZYDIS_CATEGORY_CALL:
	case ZYDIS_CATEGORY_UNCOND_BR:
	case ZYDIS_CATEGORY_COND_BR:
		return true;
	default:
		break;
	}
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_PUSH:
	case ZYDIS_MNEMONIC_PUSHF:
	case ZYDIS_MNEMONIC_PUSHFQ:
	case ZYDIS_MNEMONIC_POP:
	case ZYDIS_MNEMONIC_POPF:
	case ZYDIS_MNEMONIC_POPFQ:
		return true;
	default:
		break;
	}
	if (!zi->operand_count_visible)
		return false;
	if (zi->encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY ||
	    !(zi->attributes & ZYDIS_ATTRIB_HAS_MODRM))
		return true;
	return maybe_sp_bp(zi->raw.modrm.reg) ||
	       (zi->raw.modrm.mod == 3 && maybe_sp_bp(zi->raw.modrm.rm));
}

int x86_decode(const uint8_t *bytes, size_t avail, uint64_t addr,
	       struct insn *insn)
{
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	ZydisDecoderContext ctx;
	ZydisDecodedInstruction zi;
	const ZydisDecodedOperand *decoded = NULL;

	memset(insn, 0, sizeof(*insn));
	if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&decoder, &ctx, bytes,
							avail, &zi)))
		return -1;
	if (needs_operands(&zi)) {
		if (!ZYAN_SUCCESS(ZydisDecoderDecodeOperands(&decoder, &ctx, &zi, ops,
							     zi.operand_count)))
			return -1;
		decoded = ops;
	}
	insn->len = zi.length;
	classify_flow(&zi, decoded, addr, insn);
	if (insn->stack_op == STACK_NONE)
		classify_stack(&zi, decoded, insn);
	return 0;
}

const char *x86_mnemonic(const uint8_t *bytes, size_t avail)
{
	ZydisDecodedInstruction zi;

	if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&decoder, NULL, bytes,
							avail, &zi)))
		return "(bad)";
	return ZydisMnemonicGetString(zi.mnemonic);
}
