// SPDX-License-Identifier: GPL-2.0
/*
 * Static call sites on x86-64. static_call(name)(args) is a direct call
 * of the trampoline __SCT__name, so the compiler emits "call __SCT__name"
 * (or "jmp __SCT__name" for a tail call) with a PLT32 or PC32 relocation
 * at the rel32 field: addend -4, opcode 0xe8 or 0xe9 in the byte before.
 * That is all objtool needs: no decoding. A RIP-relative operand (lea or
 * mov taking the trampoline's address) has a ModRM with mod 00, r/m 101
 * in the byte before the field (Intel SDM vol. 2, table 2-2). Anything
 * else (a jcc tail call, another addend) is refused.
 */
#include <elf.h>

#include "elf_file.h"
#include "objtool.h"
#include "static_call_arch.h"

#define OPCODE_CALL	0xe8
#define OPCODE_JMP	0xe9

static bool x86_is_reference(unsigned int type)
{
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32;
}

static int x86_classify(const char *path, const uint8_t *text, size_t size,
			const GElf_Rela *rela, enum site_kind *kind,
			uint64_t *site_offset)
{
	uint8_t before;

	if (!rela->r_offset || !range_within(rela->r_offset, 4, 0, size))
		return error_file(path, "relocation at 0x%llx is outside its section",
				  (unsigned long long)rela->r_offset);
	before = text[rela->r_offset - 1];
	*site_offset = rela->r_offset - 1;
	if (before == OPCODE_CALL || before == OPCODE_JMP)
		*kind = rela->r_addend != -4 ? SITE_REFUSED :
			before == OPCODE_JMP ? SITE_TAIL : SITE_CALL;
	else
		*kind = (before & 0xc7) == 0x05 ? SITE_ADDRESS : SITE_REFUSED;
	return 0;
}

const struct static_call_arch static_call_x86_64 = {
	.machine = EM_X86_64,
	.entry_reloc = R_X86_64_PC32,
	.is_reference = x86_is_reference,
	.classify = x86_classify,
	.site_shape = "a 5-byte call or jmp",
	.call_name = "call",
	.tail_name = "jmp",
};
