// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding and re-encoding the PC-relative A64 instructions (asm/insn.h).
 * Masks and field positions are from the Arm ARM's encoding index:
 *   B, BL              x00101 imm26                  "Unconditional branch (immediate)"
 *   B.cond, BC.cond    01010100 imm19 o0 cond        "Conditional branch (immediate)"
 *   CBZ, CBNZ          sf 011010 op imm19 Rt         "Compare and branch (immediate)"
 *   TBZ, TBNZ          b5 011011 op b40 imm14 Rt     "Test and branch (immediate)"
 *   ADR, ADRP          op immlo 10000 immhi Rd       "PC-rel. addressing"
 *   LDR etc. (literal) opc 011 V 00 imm19 Rt         "Load register (literal)"
 * This is not a disassembler: everything else is "not PC-relative",
 * which is all alternatives need to know.
 */
#include <stddef.h>
#include <asm/insn.h>

#define PAGE_MASK_4K	(~(uint64_t)0xfff)

static int64_t sign_extend(uint64_t value, unsigned int bits)
{
	uint64_t sign = 1ULL << (bits - 1);

	value &= (sign << 1) - 1;
	return (int64_t)(value ^ sign) - (int64_t)sign;
}

static bool fits_signed(int64_t value, unsigned int bits)
{
	return value >= -(1LL << (bits - 1)) && value < (1LL << (bits - 1));
}

enum a64_pcrel a64_pcrel_kind(uint32_t insn)
{
	if ((insn & 0x7c000000u) == 0x14000000u)
		return A64_B_IMM26;
	if ((insn & 0xff000000u) == 0x54000000u)
		return A64_BCOND_IMM19;
	if ((insn & 0x7e000000u) == 0x34000000u)
		return A64_CBZ_IMM19;
	if ((insn & 0x7e000000u) == 0x36000000u)
		return A64_TBZ_IMM14;
	if ((insn & 0x9f000000u) == 0x10000000u)
		return A64_ADR;
	if ((insn & 0x9f000000u) == 0x90000000u)
		return A64_ADRP;
	if ((insn & 0x3b000000u) == 0x18000000u)
		return A64_LITERAL_LOAD;
	return A64_NOT_PCREL;
}

const char *a64_pcrel_name(enum a64_pcrel kind)
{
	switch (kind) {
	case A64_B_IMM26:	return "B/BL";
	case A64_BCOND_IMM19:	return "B.cond";
	case A64_CBZ_IMM19:	return "CBZ/CBNZ";
	case A64_TBZ_IMM14:	return "TBZ/TBNZ";
	case A64_ADR:		return "ADR";
	case A64_ADRP:		return "ADRP";
	case A64_LITERAL_LOAD:	return "load (literal)";
	default:		return "not PC-relative";
	}
}

/* ADR/ADRP: imm21 = immhi (23:5) : immlo (30:29). */
static int64_t adr_imm(uint32_t insn)
{
	return sign_extend((uint64_t)((insn >> 5) & 0x7ffff) << 2 | ((insn >> 29) & 3), 21);
}

static uint32_t with_adr_imm(uint32_t insn, int64_t imm)
{
	return (insn & ~(0x7ffffu << 5 | 3u << 29)) |
	       ((uint32_t)(imm >> 2) & 0x7ffff) << 5 | ((uint32_t)imm & 3) << 29;
}

uint64_t a64_pcrel_target(uint32_t insn, uint64_t pc)
{
	switch (a64_pcrel_kind(insn)) {
	case A64_B_IMM26:
		return pc + sign_extend(insn & 0x3ffffff, 26) * 4;
	case A64_BCOND_IMM19:
	case A64_CBZ_IMM19:
	case A64_LITERAL_LOAD:
		return pc + sign_extend(insn >> 5, 19) * 4;
	case A64_TBZ_IMM14:
		return pc + sign_extend(insn >> 5, 14) * 4;
	case A64_ADR:
		return pc + adr_imm(insn);
	case A64_ADRP:
		return (pc & PAGE_MASK_4K) + (uint64_t)(adr_imm(insn) * 4096);
	default:
		return pc;
	}
}

/* Put a word offset into the field at bit 5 (imm19, imm14) or bit 0 (imm26). */
static const char *set_word_offset(uint32_t insn, int64_t bytes, unsigned int bits,
				   unsigned int lsb, uint32_t *out)
{
	int64_t words = bytes / 4;
	uint32_t mask = ((1u << bits) - 1) << lsb;

	if (bytes % 4)
		return "target not word aligned";
	if (!fits_signed(words, bits))
		return "target out of range";
	*out = (insn & ~mask) | (((uint32_t)words << lsb) & mask);
	return NULL;
}

const char *a64_pcrel_retarget(uint32_t insn, uint64_t new_pc, uint64_t target,
			       uint32_t *out)
{
	int64_t delta = (int64_t)(target - new_pc);

	switch (a64_pcrel_kind(insn)) {
	case A64_B_IMM26:
		return set_word_offset(insn, delta, 26, 0, out);
	case A64_BCOND_IMM19:
	case A64_CBZ_IMM19:
		return set_word_offset(insn, delta, 19, 5, out);
	case A64_TBZ_IMM14:
		return set_word_offset(insn, delta, 14, 5, out);
	case A64_ADR:
		if (!fits_signed(delta, 21))
			return "target out of range";
		*out = with_adr_imm(insn, delta);
		return NULL;
	case A64_ADRP: {
		/* The page, not the byte: the :lo12: half that usually
		 * follows is absolute and needs no change. */
		int64_t pages = (int64_t)((target & PAGE_MASK_4K) - (new_pc & PAGE_MASK_4K)) / 4096;

		if (!fits_signed(pages, 21))
			return "target page out of range";
		*out = with_adr_imm(insn, pages);
		return NULL;
	}
	case A64_LITERAL_LOAD:
		return "literal loads are not relocated";
	default:
		*out = insn;
		return NULL;
	}
}
