/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few A64 encodings that alternatives must understand: the
 * PC-relative ones, which mean something else once an instruction runs
 * at another address (Arm ARM, "A64 Instruction Set Encoding": "Branches,
 * Exception Generating and System instructions", "Data Processing --
 * Immediate" for ADR/ADRP, "Loads and Stores" for the literal loads).
 * Every A64 instruction is one little-endian 32-bit word.
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <stdbool.h>
#include <stdint.h>

#define A64_INSN_BYTES		4
#define A64_NOP			0xd503201fu

/* Kinds of PC-relative instructions, by the field that holds the offset. */
enum a64_pcrel {
	A64_NOT_PCREL,
	A64_B_IMM26,		/* B, BL: imm26 words, +-128 MiB */
	A64_BCOND_IMM19,	/* B.cond, BC.cond: imm19 words, +-1 MiB */
	A64_CBZ_IMM19,		/* CBZ, CBNZ: imm19 words, +-1 MiB */
	A64_TBZ_IMM14,		/* TBZ, TBNZ: imm14 words, +-32 KiB */
	A64_ADR,		/* ADR: imm21 bytes, +-1 MiB */
	A64_ADRP,		/* ADRP: imm21 4 KiB pages, +-4 GiB */
	A64_LITERAL_LOAD,	/* LDR/LDRSW/PRFM (literal), also SIMD&FP */
};

enum a64_pcrel a64_pcrel_kind(uint32_t insn);
const char *a64_pcrel_name(enum a64_pcrel kind);

/*
 * Where a PC-relative instruction at pc points (for ADRP, the target
 * page's address). Only for kinds other than A64_NOT_PCREL.
 */
uint64_t a64_pcrel_target(uint32_t insn, uint64_t pc);

/*
 * The same instruction at new_pc pointing at the same target (the same
 * page for ADRP). NULL on success, else why not (out of range).
 */
const char *a64_pcrel_retarget(uint32_t insn, uint64_t new_pc, uint64_t target,
			       uint32_t *out);

/* MOVZ Xd, #imm16, LSL #(16 * hw): for callback alternatives. */
static inline uint32_t a64_movz_x(unsigned int rd, uint16_t imm16, unsigned int hw)
{
	return 0xd2800000u | (hw & 3) << 21 | (uint32_t)imm16 << 5 | (rd & 31);
}

/* MOVK Xd, #imm16, LSL #(16 * hw). */
static inline uint32_t a64_movk_x(unsigned int rd, uint16_t imm16, unsigned int hw)
{
	return 0xf2800000u | (hw & 3) << 21 | (uint32_t)imm16 << 5 | (rd & 31);
}

#endif
