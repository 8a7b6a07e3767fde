// SPDX-License-Identifier: GPL-2.0
/*
 * Static call sites on arm64. static_call(name)(args) compiles to
 * "bl __SCT__name" with an R_AARCH64_CALL26 relocation, a tail call to
 * "b __SCT__name" with R_AARCH64_JUMP26 (the only two relocations of the
 * 26-bit branch field, "ELF for the Arm 64-bit Architecture", Call and
 * Jump relocations), addend 0. Capstone confirms the instruction is the
 * unconditional B or BL. A reference taking the trampoline's address
 * (ADRP with ADD or LDR of the low 12 bits, an ADR, a literal or data
 * word) is not a site; a 19- or 14-bit branch to the trampoline (B.cond,
 * CBZ, TBZ), which no site rewrite can reach in general, is refused.
 */
#include <elf.h>

#include "arm64_decode.h"
#include "elf_file.h"
#include "objtool.h"
#include "static_call_arch.h"

static bool arm64_is_reference(unsigned int type)
{
	switch (type) {
	case R_AARCH64_CALL26:
	case R_AARCH64_JUMP26:
	case R_AARCH64_CONDBR19:
	case R_AARCH64_TSTBR14:
	case R_AARCH64_ADR_PREL_PG_HI21:
	case R_AARCH64_ADR_PREL_PG_HI21_NC:
	case R_AARCH64_ADR_PREL_LO21:
	case R_AARCH64_ADD_ABS_LO12_NC:
	case R_AARCH64_LDST64_ABS_LO12_NC:
	case R_AARCH64_ABS64:
	case R_AARCH64_PREL32:
	case R_AARCH64_PREL64:
		return true;
	default:
		return false;
	}
}

static bool is_branch_field(unsigned int type)
{
	return type == R_AARCH64_CALL26 || type == R_AARCH64_JUMP26 ||
	       type == R_AARCH64_CONDBR19 || type == R_AARCH64_TSTBR14;
}

static int arm64_classify(const char *path, const uint8_t *text, size_t size,
			  const GElf_Rela *rela, enum site_kind *kind,
			  uint64_t *site_offset)
{
	unsigned int type = GELF_R_TYPE(rela->r_info);
	enum arm64_branch branch;

	*site_offset = rela->r_offset;
	if (!is_branch_field(type)) {
		*kind = SITE_ADDRESS;
		return 0;
	}
	if (rela->r_offset % 4 || !range_within(rela->r_offset, 4, 0, size))
		return error_file(path, "branch relocation at 0x%llx is outside its section or misaligned",
				  (unsigned long long)rela->r_offset);
	branch = arm64_branch_kind(get_le32(text + rela->r_offset));
	if (rela->r_addend)
		*kind = SITE_REFUSED;
	else if (type == R_AARCH64_CALL26 && branch == ARM64_BRANCH_BL)
		*kind = SITE_CALL;
	else if (type == R_AARCH64_JUMP26 && branch == ARM64_BRANCH_B)
		*kind = SITE_TAIL;
	else
		*kind = SITE_REFUSED;
	return 0;
}

static int arm64_init(const char *path)
{
	return arm64_decode_init() ?
	       error_file(path, "Capstone cannot decode arm64 (libcapstone built without it?)") : 0;
}

const struct static_call_arch static_call_arm64 = {
	.machine = EM_AARCH64,
	.entry_reloc = R_AARCH64_PREL32,
	.is_reference = arm64_is_reference,
	.classify = arm64_classify,
	.site_shape = "a bl or b",
	.call_name = "bl",
	.tail_name = "b",
	.init = arm64_init,
};
