/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Indirect jumps: switch jump tables the compiler emits (found through
 * relocations), indirect tail calls, and what is left (a warning).
 */
#ifndef OBJTOOL_JUMP_TABLE_H
#define OBJTOOL_JUMP_TABLE_H

#include "cfg.h"

int jump_table_follow(struct cfg *cfg, size_t shndx, uint64_t offset,
		      const struct stack_state *s, uint32_t func);

#endif
