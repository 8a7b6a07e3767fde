// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 decoding through Capstone. One handle, opened once with
 * instruction details on (a B.cond is ARM64_INS_B with a condition code)
 * and one reusable cs_insn, so decoding allocates nothing per word.
 */
#include <capstone/capstone.h>

#include "arm64_decode.h"

static csh handle;
static cs_insn *insn;

int arm64_decode_init(void)
{
	if (insn)
		return 0;
	if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) != CS_ERR_OK)
		return -1;
	if (cs_option(handle, CS_OPT_DETAIL, CS_OPT_ON) != CS_ERR_OK ||
	    !(insn = cs_malloc(handle))) {
		cs_close(&handle);
		return -1;
	}
	return 0;
}

enum arm64_branch arm64_branch_kind(uint32_t word)
{
	const uint8_t bytes[4] = { word, word >> 8, word >> 16, word >> 24 };
	const uint8_t *code = bytes;
	size_t size = sizeof(bytes);
	uint64_t address = 0;

	if (!insn || !cs_disasm_iter(handle, &code, &size, &address, insn))
		return ARM64_BRANCH_NONE;
	if (insn->id == ARM64_INS_BL)
		return ARM64_BRANCH_BL;
	if (insn->id == ARM64_INS_B && insn->detail->arm64.cc == ARM64_CC_INVALID)
		return ARM64_BRANCH_B;
	return ARM64_BRANCH_NONE;
}
