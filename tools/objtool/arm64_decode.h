/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 instruction summaries on top of Capstone 4 (no hand-written
 * decoder): what objtool needs to know about one 32-bit instruction.
 */
#ifndef OBJTOOL_ARM64_DECODE_H
#define OBJTOOL_ARM64_DECODE_H

#include <stdint.h>

enum arm64_branch {
	ARM64_BRANCH_NONE,	/* not a B or BL, or not an instruction */
	ARM64_BRANCH_BL,
	ARM64_BRANCH_B,		/* unconditional */
};

/* 0, or -1 if Capstone cannot decode arm64 (a library without it). */
int arm64_decode_init(void);

/* After arm64_decode_init(). */
enum arm64_branch arm64_branch_kind(uint32_t word);

#endif
